/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef TEST_PACE_H
#define TEST_PACE_H

/* The 'pace' suite (libnblpace, no EAL): test_pace.c holds main() and the
 * numbers with units, the other files add their TCases. */

#include <check.h>
#include <stdint.h>

#include "pace.h"

/* Rates, conversions and schedules (test_pace_rate.c). */
void pace_rate_add_tcases(Suite *s);

/* Constant and scheduled pacers (test_pace_pacer.c). */
void pace_pacer_add_tcases(Suite *s);

/* An assertion for loops of many thousand checks: Check records every
 * passing ck_assert (a write each), this one only its failure. */
#define pace_check(cond, ...) do { \
	if (!(cond)) \
		ck_abort_msg(__VA_ARGS__); \
} while (0)

/* A deterministic pseudo-random sequence (xorshift64*), state != 0. */
static inline uint64_t
test_rand(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * UINT64_C(2685821657736338717);
}

#endif /* TEST_PACE_H */

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef GEN_RATE_H
#define GEN_RATE_H

/**
 * @file
 * Pacing on absolute deadlines: frame n (from 0) is due at
 * start + n * hz / pps cycles, so a late burst catches up instead of
 * drifting.  Pure arithmetic on cycle counts, no EAL.
 */

#include <stdint.h>

/** A pacer. */
struct gen_pacer {
	uint64_t start; /**< cycle count of frame 0 */
	uint64_t hz;    /**< cycles per second (> 0) */
	uint64_t pps;   /**< frames per second, 0 for no pacing */
};

/**
 * Set up a pacer.
 *
 * @param p
 *   Pacer.
 * @param start
 *   Cycle count at which frame 0 is due.
 * @param hz
 *   Cycles per second.
 * @param pps
 *   Frames per second; 0 disables pacing.
 */
static inline void
gen_pacer_init(struct gen_pacer *p, uint64_t start, uint64_t hz, uint64_t pps)
{
	p->start = start;
	p->hz = hz == 0 ? 1 : hz;
	p->pps = pps;
}

/**
 * Cycle count at which frame n is due.
 *
 * @param p
 *   Pacer.
 * @param n
 *   Frame number from 0.
 * @return
 *   Its deadline (start when pacing is off).
 */
static inline uint64_t
gen_pacer_deadline(const struct gen_pacer *p, uint64_t n)
{
	__extension__ unsigned __int128 c;

	if (p->pps == 0)
		return p->start;
	c = (unsigned __int128)n * p->hz / p->pps;
	return p->start + (uint64_t)c;
}

/**
 * Number of frames due by a time: every frame whose deadline has passed.
 *
 * @param p
 *   Pacer.
 * @param now
 *   Cycle count.
 * @return
 *   Frames that may have been sent in all by now (UINT64_MAX when pacing
 *   is off, 0 before start).
 */
static inline uint64_t
gen_pacer_due(const struct gen_pacer *p, uint64_t now)
{
	__extension__ unsigned __int128 n;

	if (p->pps == 0)
		return UINT64_MAX;
	if (now < p->start)
		return 0;
	n = (unsigned __int128)(now - p->start) * p->pps / p->hz + 1;
	return n > UINT64_MAX ? UINT64_MAX : (uint64_t)n;
}

#endif /* GEN_RATE_H */

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef PACE_PRIVATE_H
#define PACE_PRIVATE_H

/* Internal to libnblpace: not installed.  Exact decimals, 128-bit
 * fractions and error messages shared by the parsers. */

#include <stdarg.h>

#include "pace.h"

#define PACE_INTERNAL __attribute__((visibility("hidden")))

/** Intermediates of the exact arithmetic. */
__extension__ typedef unsigned __int128 pace_u128;

#define PACE_U128_MAX (~(pace_u128)0)

/* Most decimals of a number (10^38 < 2^128). */
#define PACE_DEC_DIGITS 38

/* A decimal number as written: mant / 10^fd, trailing zeros of the
 * fraction removed. */
struct pace_dec {
	pace_u128 mant;  /* digits without the point */
	unsigned int fd; /* digits after the point */
};

/* Read a decimal number at *s ("12", "12.5", ".5": a point is followed
 * by a digit) and move *s past its digits, also when it is too large.
 * 0, -EINVAL (no digit; *s unchanged), -ERANGE (the whole part does not
 * fit 128 bits) or -EOVERFLOW (more than PACE_DEC_DIGITS decimals, or the
 * digits do not fit 128 bits). */
PACE_INTERNAL int pace_dec_scan(const char **s, struct pace_dec *d);

/* The exact value d * mul as ip + fr / den (fr < den, the fraction
 * reduced), no more than limit.  0, -ERANGE (above limit) or -EOVERFLOW
 * (den does not fit 64 bits: too many decimals). */
PACE_INTERNAL int pace_dec_value(const struct pace_dec *d, uint64_t mul,
				 uint64_t limit, uint64_t *ip, uint64_t *fr,
				 uint64_t *den);

/* Greatest common divisor (gcd(0, b) == b). */
PACE_INTERNAL pace_u128 pace_gcd128(pace_u128 a, pace_u128 b);

/* *n / *d *= a / b, kept reduced (*d, b > 0).  0, or -EOVERFLOW when the
 * reduced product does not fit 128 bits (*n, *d unchanged then). */
PACE_INTERNAL int pace_frac_mul128(pace_u128 *n, pace_u128 *d, pace_u128 a,
				   pace_u128 b);

/* Reduce n / d (d > 0) into out.  0 or -EOVERFLOW (does not fit 64 bits
 * even reduced; out unchanged). */
PACE_INTERNAL int pace_frac_set(pace_u128 n, pace_u128 d,
				struct pace_frac *out);

/* pace_rate_parse(), where zero may be accepted (pauses of a schedule). */
PACE_INTERNAL int pace_rate_parse_ext(const char *s, bool allow_zero,
				      struct pace_rate *r, char *err,
				      size_t errlen);

/* Write a message into err (may be NULL or 0 bytes) and return rc. */
PACE_INTERNAL int pace_err(char *err, size_t errlen, int rc, const char *fmt,
			   ...) __attribute__((format(printf, 4, 5)));

#endif /* PACE_PRIVATE_H */

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/* Numbers with units: exact decimals, 128-bit fractions, counts and
 * durations. */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "pace_private.h"

/* 100 years of 365.25 days, in ns. */
#define DURATION_MAX_NS (UINT64_C(3155760000) * UINT64_C(1000000000))

int
pace_err(char *err, size_t errlen, int rc, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0)
		return rc;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return rc;
}

pace_u128
pace_gcd128(pace_u128 a, pace_u128 b)
{
	pace_u128 t;

	while (b != 0) {
		t = a % b;
		a = b;
		b = t;
	}
	return a;
}

int
pace_frac_mul128(pace_u128 *n, pace_u128 *d, pace_u128 a, pace_u128 b)
{
	pace_u128 n1 = *n, d1 = *d, g;

	if (n1 == 0 || a == 0) {
		*n = 0;
		*d = 1;
		return 0;
	}
	/* Both factors reduced, then crosswise: the product is reduced. */
	g = pace_gcd128(n1, d1);
	n1 /= g;
	d1 /= g;
	g = pace_gcd128(a, b);
	a /= g;
	b /= g;
	g = pace_gcd128(n1, b);
	n1 /= g;
	b /= g;
	g = pace_gcd128(a, d1);
	a /= g;
	d1 /= g;
	if (n1 > PACE_U128_MAX / a || d1 > PACE_U128_MAX / b)
		return -EOVERFLOW;
	*n = n1 * a;
	*d = d1 * b;
	return 0;
}

int
pace_frac_set(pace_u128 n, pace_u128 d, struct pace_frac *out)
{
	pace_u128 g = pace_gcd128(n, d);

	if (g > 1) {
		n /= g;
		d /= g;
	}
	if (n > UINT64_MAX || d > UINT64_MAX)
		return -EOVERFLOW;
	out->num = (uint64_t)n;
	out->den = (uint64_t)d;
	return 0;
}

/* Append a digit to mant (after the point: one more decimal). */
static int
dec_push(pace_u128 *mant, unsigned int *fd, unsigned int digit, bool point)
{
	if (*mant > (PACE_U128_MAX - digit) / 10)
		return point ? -EOVERFLOW : -ERANGE;
	*mant = *mant * 10 + digit;
	if (point && ++*fd > PACE_DEC_DIGITS)
		return -EOVERFLOW;
	return 0;
}

int
pace_dec_scan(const char **s, struct pace_dec *d)
{
	const char *p = *s;
	unsigned int fd = 0, zeros = 0, digits = 0;
	pace_u128 mant = 0;
	bool point = false;
	int rc = 0;

	for (;; p++) {
		if (*p == '.' && !point && p[1] >= '0' && p[1] <= '9') {
			point = true;
			continue;
		}
		if (*p < '0' || *p > '9')
			break;
		digits++;
		if (rc != 0)
			continue; /* read on, for the caller's unit */
		if (point && *p == '0') {
			/* Kept back: trailing zeros of a fraction add
			 * nothing. */
			zeros++;
			continue;
		}
		for (; zeros > 0 && rc == 0; zeros--)
			rc = dec_push(&mant, &fd, 0, point);
		if (rc == 0)
			rc = dec_push(&mant, &fd, (unsigned int)(*p - '0'),
				      point);
	}
	if (digits == 0)
		return -EINVAL;
	d->mant = mant;
	d->fd = fd;
	*s = p;
	return rc;
}

int
pace_dec_value(const struct pace_dec *d, uint64_t mul, uint64_t limit,
	       uint64_t *ip, uint64_t *fr, uint64_t *den)
{
	pace_u128 n = d->mant, dd = 1, m, g, q, r, i;
	unsigned int k;

	for (k = 0; k < d->fd; k++)
		dd *= 10;
	g = pace_gcd128(n, dd);
	n /= g;
	dd /= g;
	g = pace_gcd128(mul, dd);
	m = mul / g;
	dd /= g;
	q = n / dd;
	r = n % dd;
	/* value = q * m + r * m / dd, checked against limit in parts so that
	 * nothing overflows. */
	if (m == 0 || q > limit / m)
		return m == 0 ? -EINVAL : -ERANGE;
	if (dd > UINT64_MAX)
		return -EOVERFLOW;
	i = q * m + r * m / dd;
	r = r * m % dd;
	if (i > limit || (i == limit && r != 0))
		return -ERANGE;
	*ip = (uint64_t)i;
	*fr = (uint64_t)r;
	*den = (uint64_t)dd;
	return 0;
}

int
pace_count_parse(const char *s, uint64_t min, uint64_t max, uint64_t *out,
		 char *err, size_t errlen)
{
	static const struct {
		const char *sfx;
		uint64_t mul;
	} sfx[] = {
		{ "", 1 },
		{ "k", UINT64_C(1000) },
		{ "K", UINT64_C(1000) },
		{ "M", UINT64_C(1000000) },
		{ "G", UINT64_C(1000000000) },
		{ "T", UINT64_C(1000000000000) },
		{ "Ki", UINT64_C(1) << 10 },
		{ "Mi", UINT64_C(1) << 20 },
		{ "Gi", UINT64_C(1) << 30 },
		{ "Ti", UINT64_C(1) << 40 },
	};
	uint64_t ip, fr, den;
	const char *p = s;
	struct pace_dec d;
	unsigned int i;
	int rc;

	if (s == NULL) {
		rc = -EINVAL;
		goto bad;
	}
	rc = pace_dec_scan(&p, &d);
	if (rc == -EINVAL)
		goto bad;
	for (i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++)
		if (strcmp(p, sfx[i].sfx) == 0)
			break;
	if (i == sizeof(sfx) / sizeof(sfx[0])) {
		rc = -EINVAL;
		goto bad;
	}
	if (rc == 0)
		rc = pace_dec_value(&d, sfx[i].mul, max, &ip, &fr, &den);
	if (rc == -EOVERFLOW || (rc == 0 && fr != 0))
		rc = -EINVAL; /* more decimals than a whole number has */
	else if (rc == 0 && ip < min)
		rc = -ERANGE;
	if (rc != 0)
		goto bad;
	*out = ip;
	return 0;
bad:
	return pace_err(err, errlen, rc, "'%s' is not a number from %" PRIu64
			" to %" PRIu64 " (suffixes k, M, G, T, Ki, Mi, Gi, "
			"Ti)", s != NULL ? s : "", min, max);
}

int
pace_duration_parse(const char *s, uint64_t *ns, char *err, size_t errlen)
{
	static const struct {
		const char *unit;
		uint64_t ns;
	} units[] = {
		{ "", UINT64_C(1000000000) },
		{ "ns", 1 },
		{ "us", UINT64_C(1000) },
		{ "ms", UINT64_C(1000000) },
		{ "s", UINT64_C(1000000000) },
		{ "m", UINT64_C(60000000000) },
		{ "h", UINT64_C(3600000000000) },
		{ "d", UINT64_C(86400000000000) },
	};
	uint64_t ip, fr, den;
	const char *p = s;
	struct pace_dec d;
	unsigned int i;
	int rc;

	if (s == NULL)
		goto syntax;
	rc = pace_dec_scan(&p, &d);
	if (rc == -EINVAL)
		goto syntax;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(p, units[i].unit) == 0)
			break;
	if (i == sizeof(units) / sizeof(units[0]))
		goto syntax;
	if (rc == 0)
		rc = pace_dec_value(&d, units[i].ns, DURATION_MAX_NS, &ip, &fr,
				    &den);
	if (rc == -ERANGE)
		return pace_err(err, errlen, rc, "'%s' is longer than 100 "
				"years", s);
	if (rc != 0)
		return pace_err(err, errlen, -EINVAL, "'%s' has more decimals "
				"than a duration holds", s);
	if (ip == 0 && fr != 0)
		return pace_err(err, errlen, -ERANGE, "'%s' is shorter than "
				"1 ns (0 is allowed)", s);
	/* Fractions of a nanosecond are dropped. */
	*ns = ip;
	return 0;
syntax:
	return pace_err(err, errlen, -EINVAL, "'%s' is not a duration (a "
			"number with ns, us, ms, s, m, h or d; e.g. 10, 2.5s, "
			"500ms, 1h)", s != NULL ? s : "");
}

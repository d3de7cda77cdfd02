/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/* Rates: the expression a user writes, its canonical text, and frames per
 * second for a frame size and a link, all as exact fractions. */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "pace_private.h"

#define RATE_FORMS "forms: max, 1000, 10kpps, 14.88Mpps, 10Gbps, l2:10Gbps, 50%"

/* Most of a rate in its unit (frames/s or bit/s), and of a percentage. */
#define RATE_LIMIT UINT64_C(1000000000000000)
#define PERCENT_LIMIT 100

/* Decimals printed for a rate that no decimal writes exactly. */
#define FORMAT_APPROX_DIGITS 9

/* SI prefixes that rates print with, largest first. */
static const struct {
	char sym;
	uint64_t mul;
} rate_prefix[] = {
	{ 'T', UINT64_C(1000000000000) },
	{ 'G', UINT64_C(1000000000) },
	{ 'M', UINT64_C(1000000) },
	{ 'k', UINT64_C(1000) },
	{ '\0', 1 },
};

/* Read a unit's SI prefix at *u (k, K, M, G, T), if any. */
static void
rate_unit_prefix(const char **u, uint64_t *mul, char *sym)
{
	char c = **u == 'K' ? 'k' : **u;
	unsigned int i;

	for (i = 0; rate_prefix[i].sym != '\0'; i++) {
		if (rate_prefix[i].sym == c) {
			*mul = rate_prefix[i].mul;
			*sym = c;
			(*u)++;
			return;
		}
	}
	*mul = 1;
	*sym = '\0';
}

/* Syntax of a rate after its number: unit and multiplier, or -EINVAL
 * with the message. */
static int
rate_suffix(const char *s, const char *u, bool l2, enum pace_unit *unit,
	    uint64_t *mul, char *err, size_t errlen)
{
	char sym;

	if (*u != '\0' && strchr("mgt", *u) != NULL)
		return pace_err(err, errlen, -EINVAL, "'%s' is not a rate: "
				"'%c' is not a prefix (write %s; %s)", s, *u,
				*u == 'm' ? "M for mega, m would be milli" :
				*u == 'g' ? "G for giga" : "T for tera",
				RATE_FORMS);
	if (strcmp(u, "%") == 0) {
		*unit = PACE_UNIT_PERCENT;
		*mul = 1;
	} else {
		rate_unit_prefix(&u, mul, &sym);
		if (strcasecmp(u, "bps") == 0 || strcasecmp(u, "bit/s") == 0)
			*unit = l2 ? PACE_UNIT_BPS_L2 : PACE_UNIT_BPS_L1;
		else if ((*u == '\0' || strcasecmp(u, "pps") == 0) &&
			 sym != 'T')
			*unit = PACE_UNIT_PPS;
		else
			return pace_err(err, errlen, -EINVAL, "'%s' is not a "
					"rate (%s)", s, RATE_FORMS);
	}
	if (l2 && *unit != PACE_UNIT_BPS_L2)
		return pace_err(err, errlen, -EINVAL, "'%s' is not a rate: "
				"'l2:' goes only before a bit rate (e.g. "
				"l2:10Gbps)", s);
	return 0;
}

int
pace_rate_parse_ext(const char *s, bool allow_zero, struct pace_rate *r,
		    char *err, size_t errlen)
{
	enum pace_unit unit = PACE_UNIT_PPS;
	uint64_t mul = 1, limit, ip, fr, den;
	const char *p = s;
	struct pace_dec d;
	bool l2 = false;
	int rc;

	if (s == NULL)
		return pace_err(err, errlen, -EINVAL, "no rate (%s)",
				RATE_FORMS);
	if (strcasecmp(s, "max") == 0) {
		r->unit = PACE_UNIT_MAX;
		r->val.num = 0;
		r->val.den = 1;
		return 0;
	}
	if (strncasecmp(p, "l2:", 3) == 0) {
		l2 = true;
		p += 3;
	}
	rc = pace_dec_scan(&p, &d);
	if (rc == -EINVAL)
		return pace_err(err, errlen, rc, "'%s' is not a rate (%s)", s,
				RATE_FORMS);
	if (rate_suffix(s, p, l2, &unit, &mul, err, errlen) != 0)
		return -EINVAL;
	limit = unit == PACE_UNIT_PERCENT ? PERCENT_LIMIT : RATE_LIMIT;
	if (rc == 0)
		rc = pace_dec_value(&d, mul, limit, &ip, &fr, &den);
	if (rc == 0 && ((pace_u128)ip * den + fr > UINT64_MAX))
		rc = -EOVERFLOW;
	if (rc == -ERANGE && unit == PACE_UNIT_PERCENT)
		return pace_err(err, errlen, rc, "'%s' is more than 100%%", s);
	if (rc == -ERANGE)
		return pace_err(err, errlen, rc, "'%s' is more than 10^15 %s",
				s, unit == PACE_UNIT_PPS ? "frames/s" :
				"bit/s");
	if (rc != 0)
		return pace_err(err, errlen, -ERANGE, "'%s' has more decimals "
				"than a rate holds", s);
	if (ip == 0 && fr == 0 && !allow_zero)
		return pace_err(err, errlen, -ERANGE, "'%s' is zero: a rate "
				"must be more than 0 (%s)", s, RATE_FORMS);
	r->unit = unit;
	r->val.num = ip * den + fr;
	r->val.den = den;
	return 0;
}

int
pace_rate_parse(const char *s, struct pace_rate *r, char *err, size_t errlen)
{
	return pace_rate_parse_ext(s, false, r, err, errlen);
}

/* Decimals that n / d needs: -1 when no decimal writes it exactly. */
static int
dec_places(pace_u128 n, pace_u128 d)
{
	int twos = 0, fives = 0;

	d /= pace_gcd128(n, d);
	for (; d % 2 == 0; d /= 2)
		twos++;
	for (; d % 5 == 0; d /= 5)
		fives++;
	if (d != 1)
		return -1;
	return twos > fives ? twos : fives;
}

/* Write n / d (n < 2^64, d > 0) in decimal: exactly when it is a finite
 * decimal, else rounded to FORMAT_APPROX_DIGITS decimals. */
static void
format_dec(char *buf, size_t len, pace_u128 n, pace_u128 d)
{
	char frac[112];
	unsigned int k = 0;
	pace_u128 g = pace_gcd128(n, d), r, scale = 1;
	uint64_t ip;

	n /= g;
	d /= g;
	if (dec_places(n, d) >= 0) {
		ip = (uint64_t)(n / d);
		/* d < 2^104 (a 64-bit denominator times a prefix): r * 10
		 * does not overflow, and at most 104 decimals. */
		for (r = n % d; r != 0 && k < sizeof(frac) - 1; k++) {
			r *= 10;
			frac[k] = (char)('0' + (unsigned int)(r / d));
			r %= d;
		}
	} else {
		for (k = 0; k < FORMAT_APPROX_DIGITS; k++)
			scale *= 10;
		r = (n * scale + d / 2) / d;
		ip = (uint64_t)(r / scale);
		r %= scale;
		for (k = FORMAT_APPROX_DIGITS; k > 0; k--) {
			frac[k - 1] = (char)('0' + (unsigned int)(r % 10));
			r /= 10;
		}
		for (k = FORMAT_APPROX_DIGITS; k > 0 && frac[k - 1] == '0';)
			k--;
	}
	frac[k] = '\0';
	snprintf(buf, len, "%" PRIu64 "%s%s", ip, k > 0 ? "." : "", frac);
}

int
pace_rate_format(const struct pace_rate *r, char *buf, size_t len)
{
	const char *word, *pre = "";
	char num[160], sym[2] = "";
	unsigned int i = 0;
	int places;

	if (r->unit == PACE_UNIT_MAX)
		return snprintf(buf, len, "max");
	if (r->val.den == 0 || r->unit > PACE_UNIT_PERCENT)
		return snprintf(buf, len, "(invalid rate)");
	if (r->unit == PACE_UNIT_PERCENT) {
		format_dec(num, sizeof(num), r->val.num, r->val.den);
		return snprintf(buf, len, "%s%%", num);
	}
	word = r->unit == PACE_UNIT_PPS ? "pps" : "bps";
	if (r->unit == PACE_UNIT_BPS_L2)
		pre = "l2:";
	/* The largest prefix not above the value (frame rates stop at G)
	 * whose decimals pace_rate_parse() reads back (-1: rounded). */
	if (r->unit == PACE_UNIT_PPS)
		i = 1;
	for (; rate_prefix[i].sym != '\0'; i++) {
		places = dec_places(r->val.num, (pace_u128)r->val.den *
				    rate_prefix[i].mul);
		if (r->val.num / rate_prefix[i].mul >= r->val.den &&
		    places <= PACE_DEC_DIGITS)
			break;
	}
	sym[0] = rate_prefix[i].sym;
	format_dec(num, sizeof(num), r->val.num,
		   (pace_u128)r->val.den * rate_prefix[i].mul);
	return snprintf(buf, len, "%s%s%s%s", pre, num, sym, word);
}

int
pace_rate_pps(const struct pace_rate *r, struct pace_frac mean_size,
	      uint64_t link_bps, struct pace_frac *pps, char *err,
	      size_t errlen)
{
	pace_u128 n, d, bits;
	char txt[64];
	int rc = 0;

	pace_rate_format(r, txt, sizeof(txt));
	if (r->unit > PACE_UNIT_PERCENT || (r->unit != PACE_UNIT_MAX &&
					    r->val.den == 0))
		return pace_err(err, errlen, -EINVAL, "%s is not a valid rate",
				txt);
	if (r->unit == PACE_UNIT_MAX) {
		pps->num = 0;
		pps->den = 1;
		return 0;
	}
	if (r->unit == PACE_UNIT_PPS) {
		/* 64-bit already: only reduced */
		(void)pace_frac_set(r->val.num, r->val.den, pps);
		return 0;
	}
	if (mean_size.num == 0 || mean_size.den == 0)
		return pace_err(err, errlen, -EINVAL, "%s: no frame size to "
				"convert with", txt);
	if (r->unit == PACE_UNIT_PERCENT && link_bps == 0)
		return pace_err(err, errlen, -EINVAL, "%s: the link speed is "
				"unknown (give a rate in pps or bps)", txt);
	/* Bits of a frame: 8 * (size + 20) on the wire, 8 * size in l2. */
	bits = mean_size.num;
	if (r->unit != PACE_UNIT_BPS_L2)
		bits += (pace_u128)mean_size.den * PACE_L1_OVERHEAD;
	bits *= 8;
	n = r->val.num;
	d = r->val.den;
	if (r->unit == PACE_UNIT_PERCENT)
		rc = pace_frac_mul128(&n, &d, link_bps, 100);
	if (rc == 0)
		rc = pace_frac_mul128(&n, &d, mean_size.den, bits);
	if (rc == 0)
		rc = pace_frac_set(n, d, pps);
	if (rc != 0)
		return pace_err(err, errlen, -EOVERFLOW, "%s of frames of "
				"%" PRIu64 "/%" PRIu64 " bytes is not an exact "
				"64-bit fraction of frames/s", txt,
				mean_size.num, mean_size.den);
	return 0;
}

int
pace_frac_div(struct pace_frac pps, uint64_t n, struct pace_frac *out)
{
	pace_u128 num = pps.num, den = pps.den;

	if (n == 0 || pps.den == 0)
		return -EINVAL;
	if (pace_frac_mul128(&num, &den, 1, n) != 0)
		return -EOVERFLOW;
	return pace_frac_set(num, den, out);
}

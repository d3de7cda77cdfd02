/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Check tests of rates (what --rate accepts and how it is written back),
 * their conversion to exact frames per second, and rate schedules.  Part
 * of the 'pace' suite (main() in test_pace.c).
 */

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "test_pace.h"

#define FORMS "(forms: max, 1000, 10kpps, 14.88Mpps, 10Gbps, l2:10Gbps, 50%)"

/* Sizes with FCS: 64-byte frames, and the simple IMIX 7:4:1 of 64, 594
 * and 1518 bytes (mean 4342 / 12 bytes, given unreduced). */
static const struct pace_frac size64 = { 64, 1 };
static const struct pace_frac imix = { 64 * 7 + 594 * 4 + 1518, 12 };

#define LINK_10G UINT64_C(10000000000)

static char err[256];

static struct pace_rate
rate_ok(const char *s)
{
	struct pace_rate r;
	int rc;

	err[0] = '\0';
	rc = pace_rate_parse(s, &r, err, sizeof(err));
	pace_check(rc == 0, "'%s': rc %d (%s)", s, rc, err);
	return r;
}

/* s parses to unit and num / den exactly. */
static void
rate_is(const char *s, enum pace_unit unit, uint64_t num, uint64_t den)
{
	struct pace_rate r = rate_ok(s);

	ck_assert_msg(r.unit == unit && r.val.num == num && r.val.den == den,
		      "'%s': unit %d %" PRIu64 "/%" PRIu64 ", want unit %d "
		      "%" PRIu64 "/%" PRIu64, s, r.unit, r.val.num, r.val.den,
		      unit, num, den);
}

/* s is refused with rc and a message that holds msg_part; r untouched. */
static void
rate_bad(const char *s, int rc_want, const char *msg_part)
{
	struct pace_rate r = { PACE_UNIT_PPS, { 4242, 1 } };
	int rc;

	err[0] = '\0';
	rc = pace_rate_parse(s, &r, err, sizeof(err));
	ck_assert_msg(rc == rc_want, "'%s': rc %d, want %d (%s)", s, rc,
		      rc_want, err);
	ck_assert_msg(r.unit == PACE_UNIT_PPS && r.val.num == 4242, "'%s'",
		      s);
	ck_assert_msg(strstr(err, msg_part) != NULL, "'%s': message '%s'", s,
		      err);
}

START_TEST(test_rate_forms)
{
	rate_is("max", PACE_UNIT_MAX, 0, 1);
	rate_is("MAX", PACE_UNIT_MAX, 0, 1);
	/* frames per second */
	rate_is("1000", PACE_UNIT_PPS, 1000, 1);
	rate_is("10k", PACE_UNIT_PPS, 10000, 1);
	rate_is("10K", PACE_UNIT_PPS, 10000, 1);
	rate_is("2.5M", PACE_UNIT_PPS, 2500000, 1);
	rate_is("1G", PACE_UNIT_PPS, 1000000000, 1);
	rate_is("100pps", PACE_UNIT_PPS, 100, 1);
	rate_is("100PPS", PACE_UNIT_PPS, 100, 1);
	rate_is("10kpps", PACE_UNIT_PPS, 10000, 1);
	rate_is("10Kpps", PACE_UNIT_PPS, 10000, 1);
	rate_is("14.88Mpps", PACE_UNIT_PPS, 14880000, 1);
	rate_is("14.88MPPS", PACE_UNIT_PPS, 14880000, 1);
	rate_is("1.5Gpps", PACE_UNIT_PPS, 1500000000, 1);
	rate_is("0.5pps", PACE_UNIT_PPS, 1, 2);
	rate_is(".25pps", PACE_UNIT_PPS, 1, 4);
	rate_is("0.001", PACE_UNIT_PPS, 1, 1000);
	rate_is("33.3333k", PACE_UNIT_PPS, 333333, 10);
	/* bits per second on the wire */
	rate_is("10Gbps", PACE_UNIT_BPS_L1, 10000000000, 1);
	rate_is("10Gbit/s", PACE_UNIT_BPS_L1, 10000000000, 1);
	rate_is("10GBIT/S", PACE_UNIT_BPS_L1, 10000000000, 1);
	rate_is("9.5Gbps", PACE_UNIT_BPS_L1, 9500000000, 1);
	rate_is("1Tbps", PACE_UNIT_BPS_L1, 1000000000000, 1);
	rate_is("100Mbps", PACE_UNIT_BPS_L1, 100000000, 1);
	rate_is("64kbps", PACE_UNIT_BPS_L1, 64000, 1);
	rate_is("64Kbit/s", PACE_UNIT_BPS_L1, 64000, 1);
	rate_is("300bps", PACE_UNIT_BPS_L1, 300, 1);
	/* layer 2 */
	rate_is("l2:10Gbps", PACE_UNIT_BPS_L2, 10000000000, 1);
	rate_is("L2:1Mbit/s", PACE_UNIT_BPS_L2, 1000000, 1);
	/* percent of the link */
	rate_is("50%", PACE_UNIT_PERCENT, 50, 1);
	rate_is("12.5%", PACE_UNIT_PERCENT, 25, 2);
	rate_is("100%", PACE_UNIT_PERCENT, 100, 1);
	rate_is("0.001%", PACE_UNIT_PERCENT, 1, 1000);
	/* the limits: 10^15 of the unit */
	rate_is("1000Tbps", PACE_UNIT_BPS_L1, 1000000000000000, 1);
	rate_is("1000000Gpps", PACE_UNIT_PPS, 1000000000000000, 1);
	rate_is("1000000000000000", PACE_UNIT_PPS, 1000000000000000, 1);
}
END_TEST

START_TEST(test_rate_refused)
{
	char want[256];

	/* the documented message, whole */
	rate_bad("10Gbs", -EINVAL, "'10Gbs' is not a rate " FORMS);
	snprintf(want, sizeof(want), "%s", err);
	ck_assert_str_eq(want, "'10Gbs' is not a rate " FORMS);
	rate_bad("", -EINVAL, FORMS);
	rate_bad("fast", -EINVAL, FORMS);
	rate_bad("Mpps", -EINVAL, FORMS);
	rate_bad("10 Mpps", -EINVAL, FORMS);
	rate_bad("-5pps", -EINVAL, FORMS);
	rate_bad("1e6pps", -EINVAL, FORMS);
	rate_bad("1Tpps", -EINVAL, FORMS);
	rate_bad("5T", -EINVAL, FORMS);
	rate_bad("10Mpp", -EINVAL, FORMS);
	rate_bad("10Mbpss", -EINVAL, FORMS);
	rate_bad("1.pps", -EINVAL, FORMS);
	rate_bad("50 %", -EINVAL, FORMS);
	rate_bad("l2:max", -EINVAL, FORMS);
	/* m is milli: refused with a hint */
	rate_bad("10mpps", -EINVAL, "M for mega");
	rate_bad("10m", -EINVAL, "M for mega");
	rate_bad("10mbps", -EINVAL, "M for mega");
	rate_bad("10gbps", -EINVAL, "G for giga");
	rate_bad("1tbps", -EINVAL, "T for tera");
	/* l2: only before bit rates */
	rate_bad("l2:10Mpps", -EINVAL, "only before a bit rate");
	rate_bad("l2:1000", -EINVAL, "only before a bit rate");
	rate_bad("l2:50%", -EINVAL, "only before a bit rate");
	/* zero */
	rate_bad("0", -ERANGE, "'0' is zero");
	rate_bad("0.000Mpps", -ERANGE, "zero");
	rate_bad("0Gbps", -ERANGE, "zero");
	rate_bad("0%", -ERANGE, "zero");
	/* too much */
	rate_bad("101%", -ERANGE, "more than 100%");
	rate_bad("100.0001%", -ERANGE, "more than 100%");
	rate_bad("1000.001Tbps", -ERANGE, "more than 10^15 bit/s");
	rate_bad("1000001Gpps", -ERANGE, "more than 10^15 frames/s");
	rate_bad("99999999999999999999999999999999999999999999pps", -ERANGE,
		 "more than 10^15");
	/* more decimals than 64 bits hold exactly */
	rate_bad("0.0000000000000000000000001pps", -ERANGE, "decimals");
	rate_bad("1.0000000000000000000000000000000000000001pps", -ERANGE,
		 "decimals");
	ck_assert_int_eq(pace_rate_parse(NULL, &(struct pace_rate){ 0 }, err,
					 sizeof(err)), -EINVAL);
}
END_TEST

static void
format_is(enum pace_unit unit, uint64_t num, uint64_t den, const char *want)
{
	struct pace_rate r = { unit, { num, den } };
	char buf[128];
	int n;

	n = pace_rate_format(&r, buf, sizeof(buf));
	ck_assert_str_eq(buf, want);
	ck_assert_int_eq(n, (int)strlen(want));
}

START_TEST(test_rate_format)
{
	char buf[8];

	format_is(PACE_UNIT_MAX, 0, 1, "max");
	format_is(PACE_UNIT_PPS, 14880000, 1, "14.88Mpps");
	format_is(PACE_UNIT_PPS, 1000, 1, "1kpps");
	format_is(PACE_UNIT_PPS, 999, 1, "999pps");
	format_is(PACE_UNIT_PPS, 1, 2, "0.5pps");
	format_is(PACE_UNIT_PPS, 3000000000, 2, "1.5Gpps");
	format_is(PACE_UNIT_PPS, 1000000000000000, 1, "1000000Gpps");
	format_is(PACE_UNIT_BPS_L1, 10000000000, 1, "10Gbps");
	format_is(PACE_UNIT_BPS_L1, 1000000000000000, 1, "1000Tbps");
	format_is(PACE_UNIT_BPS_L1, 64000, 1, "64kbps");
	format_is(PACE_UNIT_BPS_L2, 1000000000, 1, "l2:1Gbps");
	format_is(PACE_UNIT_PERCENT, 50, 1, "50%");
	format_is(PACE_UNIT_PERCENT, 25, 2, "12.5%");
	/* a fraction no decimal writes: 9 decimals, rounded */
	format_is(PACE_UNIT_PPS, 312500000, 21, "14.880952381Mpps");
	format_is(PACE_UNIT_PPS, 2, 3, "0.666666667pps");
	format_is(PACE_UNIT_PPS, 0, 1, "0pps");
	format_is(PACE_UNIT_PPS, 1, 0, "(invalid rate)");
	/* snprintf() semantics on a short buffer */
	ck_assert_int_eq(pace_rate_format(&(struct pace_rate){
		PACE_UNIT_PPS, { 14880000, 1 } }, buf, sizeof(buf)), 9);
	ck_assert_str_eq(buf, "14.88Mp");
}
END_TEST

/* format(parse(s)) is canon, and parses back to the same rate. */
static void
round_trip(const char *s, const char *canon)
{
	struct pace_rate r = rate_ok(s), back;
	char buf[160];

	pace_rate_format(&r, buf, sizeof(buf));
	pace_check(canon == NULL || strcmp(buf, canon) == 0, "'%s' written "
		   "as '%s', want '%s'", s, buf, canon);
	back = rate_ok(buf);
	pace_check(back.unit == r.unit && back.val.num == r.val.num &&
		   back.val.den == r.val.den, "'%s' -> '%s' reads back as "
		   "another rate", s, buf);
}

START_TEST(test_rate_round_trip)
{
	static const char *const unit[] = {
		"", "pps", "kpps", "k", "Mpps", "M", "Gpps", "G", "bps",
		"kbps", "Mbps", "Gbps", "Tbps", "Gbit/s", "%",
	};
	uint64_t seed = 0x5eed, i;
	char s[96];
	int rc;

	round_trip("max", "max");
	round_trip("10000", "10kpps");
	round_trip("2.5M", "2.5Mpps");
	round_trip("14880952.38pps", "14.88095238Mpps");
	round_trip("10Gbit/s", "10Gbps");
	round_trip("l2:1000Mbps", "l2:1Gbps");
	round_trip("L2:0.5bps", "l2:0.5bps");
	round_trip("12.50%", "12.5%");
	round_trip("0.5pps", "0.5pps");
	round_trip("999.999kbps", "999.999kbps");
	round_trip("123456789.123456789pps", "123.456789123456789Mpps");
	/* 1000 + 5^-22: 25 decimals with a prefix, and still exact */
	round_trip("1000.0000000000000004194304pps",
		   "1.0000000000000000004194304kpps");
	/* random decimals in every unit */
	for (i = 0; i < 20000; i++) {
		uint64_t ip = test_rand(&seed) % 1000000;
		uint64_t fr = test_rand(&seed) % 1000000000;
		unsigned int fd = (unsigned int)(test_rand(&seed) % 10);

		if (fd == 0)
			snprintf(s, sizeof(s), "%" PRIu64 "%s", ip,
				 unit[i % (sizeof(unit) / sizeof(unit[0]))]);
		else
			snprintf(s, sizeof(s), "%" PRIu64 ".%0*" PRIu64 "%s",
				 ip % 100, (int)fd, fr % 1000000000,
				 unit[i % (sizeof(unit) / sizeof(unit[0]))]);
		rc = pace_rate_parse(s, &(struct pace_rate){ 0 }, err,
				     sizeof(err));
		if (rc == 0)
			round_trip(s, NULL);
		else
			pace_check(rc == -ERANGE, "'%s': %s", s, err);
	}
}
END_TEST

/* frames/s of a rate text for a size and a link. */
static struct pace_frac
pps_of(const char *s, struct pace_frac size, uint64_t link)
{
	struct pace_rate r = rate_ok(s);
	struct pace_frac pps = { 0, 0 };
	int rc;

	rc = pace_rate_pps(&r, size, link, &pps, err, sizeof(err));
	ck_assert_msg(rc == 0, "'%s': rc %d (%s)", s, rc, err);
	return pps;
}

#define ck_assert_frac(f, n, d) do { \
	struct pace_frac f_ = (f); \
	ck_assert_msg(f_.num == (n) && f_.den == (d), "%" PRIu64 "/%" PRIu64 \
		      ", want %" PRIu64 "/%" PRIu64, f_.num, f_.den, \
		      (uint64_t)(n), (uint64_t)(d)); \
} while (0)

START_TEST(test_rate_pps)
{
	struct pace_frac f;

	/* 10 Gbit/s of 64-byte frames: 10^10 / 672 = 14,880,952.38 */
	f = pps_of("10Gbps", size64, 0);
	ck_assert_frac(f, 312500000, 21);
	ck_assert(fabs(pace_frac_double(f) - 14880952.380952381) < 1e-6);
	ck_assert_uint_eq(pace_l1_bits(64), 672);
	/* layer 2: 512 bits a frame */
	ck_assert_frac(pps_of("l2:10Gbps", size64, 0), 19531250, 1);
	/* percent of the link, on the wire */
	ck_assert_frac(pps_of("100%", size64, LINK_10G), 312500000, 21);
	ck_assert_frac(pps_of("50%", size64, LINK_10G), 156250000, 21);
	ck_assert_frac(pps_of("0.001%", size64, LINK_10G), 3125, 21);
	/* IMIX: mean 4342/12 = 2171/6 bytes, 9164/3 bits on the wire */
	ck_assert_frac(pps_of("10Gbps", imix, 0), 7500000000, 2291);
	ck_assert_frac(pps_of("10Gbps", (struct pace_frac){ 2171, 6 }, 0),
		       7500000000, 2291);
	ck_assert_frac(pps_of("l2:10Gbps", imix, 0), 7500000000, 2171);
	ck_assert_frac(pps_of("50%", imix, LINK_10G), 3750000000, 2291);
	/* frame rates ignore size and link */
	ck_assert_frac(pps_of("14.88Mpps", imix, 0), 14880000, 1);
	ck_assert_frac(pps_of("0.5k", (struct pace_frac){ 0, 0 }, 0), 500, 1);
	ck_assert_frac(pps_of("max", size64, 0), 0, 1);
	/* 1518-byte frames at 1 Gbit/s: 10^9 / 12304 */
	ck_assert_frac(pps_of("1Gbps", (struct pace_frac){ 1518, 1 }, 0),
		       62500000, 769);
}
END_TEST

START_TEST(test_rate_pps_refused)
{
	struct pace_rate r = rate_ok("50%");
	struct pace_rate big = { PACE_UNIT_BPS_L1, { 999999999999999, 1 } };
	struct pace_frac pps = { 7, 7 };

	/* percent of an unknown link */
	ck_assert_int_eq(pace_rate_pps(&r, size64, 0, &pps, err, sizeof(err)),
			 -EINVAL);
	ck_assert_msg(strstr(err, "50%") && strstr(err, "link speed"), "%s",
		      err);
	ck_assert_frac(pps, 7, 7);
	/* a bit rate without a frame size */
	r = rate_ok("10Gbps");
	ck_assert_int_eq(pace_rate_pps(&r, (struct pace_frac){ 0, 1 }, 0, &pps,
				       err, sizeof(err)), -EINVAL);
	ck_assert_msg(strstr(err, "10Gbps") != NULL, "%s", err);
	ck_assert_int_eq(pace_rate_pps(&r, (struct pace_frac){ 64, 0 }, 0,
				       &pps, err, sizeof(err)), -EINVAL);
	/* exact, but not in 64 bits even reduced */
	ck_assert_int_eq(pace_rate_pps(&big, (struct pace_frac){
		UINT64_MAX, UINT64_MAX - 1 }, 0, &pps, err, sizeof(err)),
		-EOVERFLOW);
	ck_assert_frac(pps, 7, 7);
	/* a rate that is no rate */
	r.val.den = 0;
	ck_assert_int_eq(pace_rate_pps(&r, size64, 0, &pps, err, sizeof(err)),
			 -EINVAL);
}
END_TEST

START_TEST(test_frac_div)
{
	struct pace_frac f = { 0, 0 };

	ck_assert_int_eq(pace_frac_div((struct pace_frac){ 312500000, 21 }, 2,
				       &f), 0);
	ck_assert_frac(f, 156250000, 21);
	ck_assert_int_eq(pace_frac_div((struct pace_frac){ 10, 1 }, 4, &f), 0);
	ck_assert_frac(f, 5, 2);
	ck_assert_int_eq(pace_frac_div((struct pace_frac){ 3, 4 }, 3, &f), 0);
	ck_assert_frac(f, 1, 4);
	ck_assert_int_eq(pace_frac_div((struct pace_frac){ 14880000, 1 }, 1,
				       &f), 0);
	ck_assert_frac(f, 14880000, 1);
	/* shares add up to the whole rate, exactly */
	ck_assert_int_eq(pace_frac_div((struct pace_frac){ 312500000, 21 }, 3,
				       &f), 0);
	ck_assert_frac(f, 312500000, 63);
	ck_assert_int_eq(pace_frac_div((struct pace_frac){ 1, UINT64_MAX }, 2,
				       &f), -EOVERFLOW);
	ck_assert_frac(f, 312500000, 63);
	ck_assert_int_eq(pace_frac_div((struct pace_frac){ 1, 1 }, 0, &f),
			 -EINVAL);
}
END_TEST

static void
sched_bad(const char *s, int rc_want, const char *msg_part)
{
	struct pace_sched sc = { .n = 77 };
	int rc;

	err[0] = '\0';
	rc = pace_sched_parse(s, &sc, err, sizeof(err));
	ck_assert_msg(rc == rc_want, "'%s': rc %d, want %d (%s)", s, rc,
		      rc_want, err);
	ck_assert_uint_eq(sc.n, 77);
	ck_assert_msg(strstr(err, msg_part) != NULL, "'%s': message '%s'", s,
		      err);
}

START_TEST(test_sched_parse)
{
	struct pace_sched sc;
	char text[64 * 16 + 1];
	unsigned int i;

	ck_assert_int_eq(pace_sched_parse("1Mpps for 10s, ramp 5Mpps for 10s, "
					  "5Mpps for 20s, 0 for 5s", &sc, err,
					  sizeof(err)), 0);
	ck_assert_uint_eq(sc.n, 4);
	ck_assert(!sc.ent[0].ramp && sc.ent[1].ramp && !sc.ent[2].ramp &&
		  !sc.ent[3].ramp);
	ck_assert_int_eq(sc.ent[0].rate.unit, PACE_UNIT_PPS);
	ck_assert_frac(sc.ent[0].rate.val, 1000000, 1);
	ck_assert_frac(sc.ent[1].rate.val, 5000000, 1);
	ck_assert_frac(sc.ent[3].rate.val, 0, 1); /* a pause */
	ck_assert_uint_eq(sc.ent[0].dur_ns, 10000000000);
	ck_assert_uint_eq(sc.ent[2].dur_ns, 20000000000);
	ck_assert_uint_eq(sc.ent[3].dur_ns, 5000000000);
	/* blanks, case of the words, every kind of rate */
	ck_assert_int_eq(pace_sched_parse("  RAMP 10Gbps  FOR 1m ,l2:1Gbps for "
					  "500ms,\t50% for 1h , ramp 0 for 2s",
					  &sc, err, sizeof(err)), 0);
	ck_assert_uint_eq(sc.n, 4);
	ck_assert(sc.ent[0].ramp && sc.ent[3].ramp);
	ck_assert_int_eq(sc.ent[0].rate.unit, PACE_UNIT_BPS_L1);
	ck_assert_int_eq(sc.ent[1].rate.unit, PACE_UNIT_BPS_L2);
	ck_assert_int_eq(sc.ent[2].rate.unit, PACE_UNIT_PERCENT);
	ck_assert_uint_eq(sc.ent[0].dur_ns, 60000000000);
	ck_assert_uint_eq(sc.ent[1].dur_ns, 500000000);
	/* a lone pause, and the most entries */
	ck_assert_int_eq(pace_sched_parse("0 for 1s", &sc, err, sizeof(err)),
			 0);
	ck_assert_uint_eq(sc.n, 1);
	text[0] = '\0';
	for (i = 0; i < PACE_SCHED_MAX; i++)
		strcat(text, i == 0 ? "1k for 1s" : ",1k for 1s");
	ck_assert_int_eq(pace_sched_parse(text, &sc, err, sizeof(err)), 0);
	ck_assert_uint_eq(sc.n, PACE_SCHED_MAX);
	strcat(text, ",2k for 1s");
	sched_bad(text, -ERANGE, "more than 64 entries");
}
END_TEST

START_TEST(test_sched_refused)
{
	sched_bad("1Mpps for 10s, 5Mppps for 2s", -EINVAL,
		  "schedule entry 2 ('5Mppps for 2s'): '5Mppps' is not a "
		  "rate " FORMS);
	sched_bad("max for 5s", -EINVAL, "schedule entry 1 ('max for 5s'): "
		  "'max' cannot be scheduled");
	sched_bad("1Mpps", -EINVAL, "schedule entry 1 ('1Mpps'): expected "
		  "'RATE for DURATION' or 'ramp RATE for DURATION'");
	sched_bad("1Mpps for", -EINVAL, "expected");
	sched_bad("1Mpps 10s", -EINVAL, "expected");
	sched_bad("ramp for 10s", -EINVAL, "expected");
	sched_bad("1Mpps for 10s now", -EINVAL, "expected");
	sched_bad("1Mpps during 10s", -EINVAL, "expected");
	sched_bad("1Mpps for 0s", -ERANGE, "schedule entry 1 ('1Mpps for "
		  "0s'): '0s' is no time");
	sched_bad("1k for 1s, 1Mpps for 10x", -EINVAL, "schedule entry 2 "
		  "('1Mpps for 10x'): '10x' is not a duration");
	sched_bad("1Mpps for 1s, ", -EINVAL, "schedule entry 2 (''): empty");
	sched_bad("", -EINVAL, "schedule entry 1 (''): empty");
	sched_bad("1k for 1s,,1k for 1s", -EINVAL, "entry 2");
	sched_bad("101% for 1s", -ERANGE, "'101%' is more than 100%");
	sched_bad("10mpps for 1s", -EINVAL, "M for mega");
	sched_bad("1k for 36526d", -ERANGE, "longer than 100 years");
	ck_assert_int_eq(pace_sched_parse(NULL, &(struct pace_sched){ 0 }, err,
					  sizeof(err)), -EINVAL);
}
END_TEST

void
pace_rate_add_tcases(Suite *s)
{
	TCase *tc;

	tc = tcase_create("rate");
	tcase_add_test(tc, test_rate_forms);
	tcase_add_test(tc, test_rate_refused);
	tcase_add_test(tc, test_rate_format);
	tcase_add_test(tc, test_rate_round_trip);
	suite_add_tcase(s, tc);

	tc = tcase_create("pps");
	tcase_add_test(tc, test_rate_pps);
	tcase_add_test(tc, test_rate_pps_refused);
	tcase_add_test(tc, test_frac_div);
	suite_add_tcase(s, tc);

	tc = tcase_create("schedule");
	tcase_add_test(tc, test_sched_parse);
	tcase_add_test(tc, test_sched_refused);
	suite_add_tcase(s, tc);
}

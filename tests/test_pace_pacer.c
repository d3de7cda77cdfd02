/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Check tests of the pacer: how many frames are due by a cycle count, at
 * a constant rate (exact over hours, whatever the history of calls) and
 * on a schedule of steps, ramps and pauses.  Part of the 'pace' suite
 * (main() in test_pace.c).  Time is simulated: cycle counts are passed in.
 */

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "test_pace.h"

__extension__ typedef unsigned __int128 u128;

/* A 2.5 GHz TSC, and one measured at an awkward frequency. */
#define HZ UINT64_C(2500000000)
#define HZ_ODD UINT64_C(2399987653)
#define SEC(hz, s) ((uint64_t)((double)(hz) * (s)))

/* 10 Gbit/s of 64-byte frames: 14,880,952.38 frames/s. */
static const struct pace_frac pps_10g64 = { 312500000, 21 };
static const struct pace_frac size64 = { 64, 1 };

static char err[256];

#define ck_assert_near(a, b, tol) do { \
	double a_ = (double)(a), b_ = (double)(b); \
	ck_assert_msg(fabs(a_ - b_) <= (tol), "%s = %.1f, want %.1f +- %g", \
		      #a, a_, b_, (double)(tol)); \
} while (0)

/* Frames due by now, independently: n is due when n / rate <= now -
 * start, i.e. n * hz * den <= e * num, for n = 0, 1, ... */
static uint64_t
ref_due(uint64_t start, uint64_t hz, struct pace_frac pps, uint64_t now)
{
	u128 n;

	if (now < start)
		return 0;
	n = (u128)(now - start) * pps.num / ((u128)hz * pps.den) + 1;
	return n > UINT64_MAX ? UINT64_MAX : (uint64_t)n;
}

/* Frames due by now on a new pacer (no history). */
static uint64_t
fresh_due(uint64_t start, uint64_t hz, struct pace_frac pps, uint64_t now)
{
	struct pace_pacer p;

	pace_check(pace_pacer_init(&p, start, hz, pps) == 0, "init");
	return pace_pacer_due(&p, now);
}

START_TEST(test_pacer_constant)
{
	const uint64_t start = 1000, ms = 1000000;
	struct pace_pacer p;

	ck_assert_int_eq(pace_pacer_init(&p, start, 1000000000,
					 (struct pace_frac){ 1000, 1 }), 0);
	ck_assert(pace_pacer_paced(&p));
	ck_assert_uint_eq(pace_pacer_due(&p, 0), 0);
	ck_assert_uint_eq(pace_pacer_due(&p, start - 1), 0);
	ck_assert_uint_eq(pace_pacer_due(&p, start), 1);
	ck_assert_uint_eq(pace_pacer_due(&p, start + ms - 1), 1);
	ck_assert_uint_eq(pace_pacer_due(&p, start + ms), 2);
	ck_assert_uint_eq(pace_pacer_due(&p, start + 1000 * ms - 1), 1000);
	ck_assert_uint_eq(pace_pacer_due(&p, start + 1000 * ms), 1001);
	ck_assert_uint_eq(pace_pacer_deadline(&p, 0), start);
	ck_assert_uint_eq(pace_pacer_deadline(&p, 1), start + ms);
	ck_assert_uint_eq(pace_pacer_deadline(&p, 1000), start + 1000 * ms);
	/* a late sender catches up at once */
	ck_assert_uint_eq(pace_pacer_due(&p, start + 3600000 * ms), 3600001);
	/* more frames than cycles: 10 frames a cycle */
	ck_assert_int_eq(pace_pacer_init(&p, 0, 1000000000,
					 (struct pace_frac){ 10000000000, 1 }),
			 0);
	ck_assert_uint_eq(pace_pacer_due(&p, 0), 1);
	ck_assert_uint_eq(pace_pacer_due(&p, 1), 11);
	ck_assert_uint_eq(pace_pacer_due(&p, 100), 1001);
	ck_assert_uint_eq(pace_pacer_deadline(&p, 10), 1);
	ck_assert_uint_eq(pace_pacer_deadline(&p, 11), 2);
}
END_TEST

START_TEST(test_pacer_unpaced_and_refused)
{
	struct pace_pacer p;

	ck_assert_int_eq(pace_pacer_init(&p, 500, HZ,
					 (struct pace_frac){ 0, 1 }), 0);
	ck_assert(!pace_pacer_paced(&p));
	ck_assert_uint_eq(pace_pacer_due(&p, 0), UINT64_MAX);
	ck_assert_uint_eq(pace_pacer_due(&p, 500), UINT64_MAX);
	ck_assert_uint_eq(pace_pacer_due(&p, UINT64_MAX), UINT64_MAX);
	ck_assert_uint_eq(pace_pacer_deadline(&p, 12345), 500);
	ck_assert_int_eq(pace_pacer_init(&p, 0, 0, pps_10g64), -EINVAL);
	ck_assert_int_eq(pace_pacer_init(&p, 0, HZ,
					 (struct pace_frac){ 1, 0 }), -EINVAL);
}
END_TEST

/*
 * Random increasing times over 10 hours: every answer equals the
 * independent count and a new pacer's, never goes back, and the cache
 * says truly when the count next changes.
 */
static void
walk_constant(uint64_t start, uint64_t hz, struct pace_frac pps,
	      unsigned int calls, uint64_t seed)
{
	const uint64_t end = start + hz * 36000;
	uint64_t now = start - 1000, due, want, prev = 0, step;
	struct pace_pacer p;
	unsigned int i;

	ck_assert_int_eq(pace_pacer_init(&p, start, hz, pps), 0);
	for (i = 0; now < end; i++) {
		due = pace_pacer_due(&p, now);
		want = ref_due(start, hz, pps, now);
		pace_check(due == want, "call %u at %" PRIu64 ": %" PRIu64
			   ", want %" PRIu64, i, now, due, want);
		pace_check(due >= prev, "call %u: went back", i);
		if (i % 64 == 0)
			pace_check(due == fresh_due(start, hz, pps, now),
				   "call %u: a new pacer says otherwise", i);
		/* unchanged until next, changed at next */
		pace_check(now < start ||
			   (p.next > now && p.due == due &&
			    ref_due(start, hz, pps, p.next - 1) == due &&
			    ref_due(start, hz, pps, p.next) > due),
			   "call %u at %" PRIu64 ": cached %" PRIu64 " until "
			   "%" PRIu64, i, now, p.due, p.next);
		prev = due;
		/* mostly bursts a few cycles apart, sometimes a long gap */
		step = test_rand(&seed);
		step = step % 8 == 0 ? step % (16 * (end - start) / calls) :
		       step % 400;
		now += step;
	}
	ck_assert_uint_gt(i, calls / 2);
	due = pace_pacer_due(&p, end);
	ck_assert_uint_eq(due, ref_due(start, hz, pps, end));
}

START_TEST(test_pacer_ten_hours)
{
	const struct pace_frac precise = { UINT64_C(14880952380952380952),
					   UINT64_C(1000000000000) };
	const struct pace_frac near_one = { UINT64_MAX - 58, UINT64_MAX - 59 };
	const uint64_t start = 123456789;
	struct pace_pacer p;

	/* 10 h at 14,880,952.38 frames/s: 535,714,285,714.28 frame times,
	 * so frames 0 .. 535,714,285,714 are due, exactly. */
	ck_assert_int_eq(pace_pacer_init(&p, start, HZ, pps_10g64), 0);
	ck_assert_uint_eq(pace_pacer_due(&p, start + HZ * 36000),
			  535714285715);
	ck_assert_uint_eq(pace_pacer_due(&p, start + HZ * 36000 + 119),
			  535714285715);
	ck_assert_uint_eq(pace_pacer_due(&p, start + HZ * 36000 + 120),
			  535714285716);
	ck_assert_uint_eq(pace_pacer_deadline(&p, 535714285715),
			  start + HZ * 36000 + 120);
	walk_constant(start, HZ, pps_10g64, 200000, 1);
	walk_constant(start, HZ_ODD, pps_10g64, 200000, 2);
	/* hz * den beyond 64 bits: 14,880,952.380952380952 frames/s */
	walk_constant(start, HZ_ODD, precise, 100000, 3);
	/* a fraction with a 64-bit prime numerator (about 1 frame/s) */
	walk_constant(7000, HZ_ODD, near_one, 1000, 4);
}
END_TEST

START_TEST(test_pacer_deadline)
{
	static const uint64_t hzs[] = { HZ, HZ_ODD, 1000, 3 };
	static const uint64_t ns[] = { 0, 1, 2, 20, 21, 22, 1000000,
				       535714285714, (UINT64_C(1) << 40) + 7 };
	const uint64_t start = 99;
	uint64_t seed = 5, n, d;
	struct pace_pacer p;
	unsigned int h, i;

	for (h = 0; h < sizeof(hzs) / sizeof(hzs[0]); h++) {
		ck_assert_int_eq(pace_pacer_init(&p, start, hzs[h], pps_10g64),
				 0);
		for (i = 0; i < sizeof(ns) / sizeof(ns[0]) + 1000; i++) {
			n = i < sizeof(ns) / sizeof(ns[0]) ? ns[i] :
			    test_rand(&seed) % (UINT64_C(1) << 42);
			d = pace_pacer_deadline(&p, n);
			/* frame n is due at d, and not a cycle before */
			pace_check(ref_due(start, hzs[h], pps_10g64, d) > n &&
				   (d == start ||
				    ref_due(start, hzs[h], pps_10g64, d - 1) <=
				    n), "hz %" PRIu64 ": frame %" PRIu64 " due "
				   "at %" PRIu64, hzs[h], n, d);
		}
	}
}
END_TEST

START_TEST(test_pacer_saturates)
{
	struct pace_pacer p;

	/* start near the end of the counter */
	ck_assert_int_eq(pace_pacer_init(&p, UINT64_MAX - 1000, 1,
					 (struct pace_frac){ 1, 1 }), 0);
	ck_assert_uint_eq(pace_pacer_due(&p, UINT64_MAX - 1), 1000);
	ck_assert_uint_eq(pace_pacer_due(&p, UINT64_MAX), 1001);
	ck_assert_uint_eq(pace_pacer_deadline(&p, 1001), UINT64_MAX);
	/* more frames than 64 bits count */
	ck_assert_int_eq(pace_pacer_init(&p, 0, 1,
					 (struct pace_frac){ UINT64_MAX, 1 }),
			 0);
	ck_assert_uint_eq(pace_pacer_due(&p, 0), 1);
	ck_assert_uint_eq(pace_pacer_due(&p, 1), UINT64_MAX);
	ck_assert_uint_eq(pace_pacer_due(&p, UINT64_MAX), UINT64_MAX);
	/* a deadline past the counter */
	ck_assert_int_eq(pace_pacer_init(&p, 0, HZ,
					 (struct pace_frac){ 1, 1000 }), 0);
	ck_assert_uint_eq(pace_pacer_deadline(&p, UINT64_MAX), UINT64_MAX);
}
END_TEST

/* A schedule pacer from text. */
static void
sched_pacer(struct pace_pacer *p, const char *text, uint64_t start,
	    uint64_t hz, struct pace_frac size, uint64_t link,
	    uint64_t shares)
{
	struct pace_sched sc;
	int rc;

	rc = pace_sched_parse(text, &sc, err, sizeof(err));
	pace_check(rc == 0, "'%s': %s", text, err);
	rc = pace_pacer_init_sched(p, start, hz, &sc, size, link, shares, err,
				   sizeof(err));
	pace_check(rc == 0, "'%s': %s", text, err);
}

/* A pacer set up once and started later (the senders' common start)
 * counts from its new start, as a fresh one would; unpaced stays so. */
START_TEST(test_pacer_restart)
{
	struct pace_pacer p, fresh;
	struct pace_sched sc;
	uint64_t t0 = SEC(HZ, 5), t;

	ck_assert_int_eq(pace_pacer_init(&p, 0, HZ, pps_10g64), 0);
	ck_assert_uint_eq(pace_pacer_due(&p, SEC(HZ, 1)), 14880953);
	pace_pacer_restart(&p, t0);
	ck_assert_int_eq(pace_pacer_init(&fresh, t0, HZ, pps_10g64), 0);
	ck_assert_uint_eq(pace_pacer_due(&p, t0 - 1), 0);
	for (t = t0; t < t0 + SEC(HZ, 2); t += HZ / 7)
		ck_assert_uint_eq(pace_pacer_due(&p, t),
				  pace_pacer_due(&fresh, t));
	ck_assert_int_eq(pace_pacer_init(&p, 0, HZ, (struct pace_frac){0, 1}),
			 0);
	pace_pacer_restart(&p, t0);
	ck_assert_uint_eq(pace_pacer_due(&p, 0), UINT64_MAX);
	ck_assert_int_eq(pace_sched_parse("1Mpps for 1s, 2Mpps for 1s", &sc,
					  err, sizeof(err)), 0);
	ck_assert_int_eq(pace_pacer_init_sched(&p, 0, HZ, &sc, size64, 0, 1,
					       err, sizeof(err)), 0);
	ck_assert_uint_eq(pace_pacer_due(&p, SEC(HZ, 1.5)), 2000001);
	pace_pacer_restart(&p, t0);
	ck_assert_uint_eq(pace_pacer_due(&p, t0 + SEC(HZ, 0.5)), 500001);
	ck_assert_uint_eq(pace_pacer_due(&p, t0 + SEC(HZ, 1.5)), 2000001);
}
END_TEST

START_TEST(test_sched_step_and_ramp)
{
	const uint64_t start = 777;
	struct pace_pacer p;

	sched_pacer(&p, "1Mpps for 10s, ramp 3Mpps for 10s", start, HZ,
		    size64, 0, 1);
	ck_assert(pace_pacer_paced(&p));
	ck_assert_uint_eq(pace_pacer_due(&p, start - 1), 0);
	ck_assert_uint_eq(pace_pacer_due(&p, start), 1);
	ck_assert_near(pace_pacer_due(&p, start + SEC(HZ, 1)), 1000000, 1);
	ck_assert_near(pace_pacer_due(&p, start + SEC(HZ, 10)), 10000000, 1);
	/* halfway up the ramp: 5 s at 1.5 Mpps on average */
	ck_assert_near(pace_pacer_due(&p, start + SEC(HZ, 15)), 17500000, 1);
	ck_assert_near(pace_pacer_due(&p, start + SEC(HZ, 20)), 30000000, 1);
	/* the last rate holds */
	ck_assert_near(pace_pacer_due(&p, start + SEC(HZ, 30)), 60000000, 1);
	ck_assert_near(pace_pacer_due(&p, start + SEC(HZ, 3600)),
		       30000000 + 3580 * UINT64_C(3000000), 1);
}
END_TEST

/* Frames of "ramp 14.88Mpps for 3s, 14.88Mpps for 2s, ramp 1Mpps for 3s,
 * 0 for 1s, ramp 5Mpps for 1s" by t seconds (the integral, by hand). */
static double
sched_integral(double t)
{
	const double hi = 14.88e6;
	double f = 0.0, d;

	d = fmin(t, 3.0);
	f += hi / 3.0 * d * d / 2.0;
	if (t <= 3.0)
		return f;
	f += hi * (fmin(t, 5.0) - 3.0);
	if (t <= 5.0)
		return f;
	d = fmin(t, 8.0) - 5.0;
	f += hi * d + (1e6 - hi) / 3.0 * d * d / 2.0;
	if (t <= 9.0)
		return f;
	d = fmin(t, 10.0) - 9.0;
	f += 5e6 * d * d / 2.0;
	return f + 5e6 * fmax(t - 10.0, 0.0);
}

START_TEST(test_sched_monotonic)
{
	const char *text = "ramp 14.88Mpps for 3s, 14.88Mpps for 2s, ramp "
			   "1Mpps for 3s, 0 for 1s, ramp 5Mpps for 1s";
	const uint64_t start = 4242, end = start + SEC(HZ_ODD, 12);
	uint64_t now = start - 100, seed = 9, due, fresh, prev = 0, step;
	struct pace_pacer p, q;
	unsigned int i;
	double f;

	sched_pacer(&p, text, start, HZ_ODD, size64, 0, 1);
	for (i = 0; now < end; i++) {
		due = pace_pacer_due(&p, now);
		pace_check(due >= prev, "call %u: went back", i);
		/* the same as a new pacer's answer: no history */
		sched_pacer(&q, text, start, HZ_ODD, size64, 0, 1);
		fresh = pace_pacer_due(&q, now);
		pace_check(fresh == due, "call %u at %" PRIu64 ": %" PRIu64
			   ", fresh %" PRIu64, i, now, due, fresh);
		/* the cache: unchanged until next, changed at next */
		if (now >= start && p.next != UINT64_MAX) {
			sched_pacer(&q, text, start, HZ_ODD, size64, 0, 1);
			fresh = pace_pacer_due(&q, p.next - 1);
			pace_check(p.next > now && fresh == due, "call %u at "
				   "%" PRIu64 ": %" PRIu64 " until %" PRIu64
				   ", where %" PRIu64 " are due", i, now, due,
				   p.next, fresh);
		}
		/* and the integral by hand, within a frame */
		if (now >= start) {
			f = sched_integral((double)(now - start) /
					   (double)HZ_ODD);
			pace_check(fabs((double)due - floor(f) - 1) <= 1.0 ||
				   fabs((double)due - ceil(f)) <= 1.0,
				   "at %.9f s: %" PRIu64 ", integral %.3f",
				   (double)(now - start) / (double)HZ_ODD,
				   due, f);
		}
		prev = due;
		step = test_rand(&seed);
		step = step % 4 == 0 ? step % SEC(HZ_ODD, 0.002) : step % 300;
		now += step;
	}
	ck_assert_uint_gt(i, 10000);
}
END_TEST

START_TEST(test_sched_pauses)
{
	static const struct {
		uint64_t hz;
		const char *rate;
		unsigned int secs;
		bool ramp;
		uint64_t frames;
	} cases[] = {
		{ 110289145, "1kpps", 1, false, 1000 },
		{ 3665843848, "14.88Mpps", 8, false, 119040000 },
		{ 110289145, "1kpps", 1, true, 500 },
		{ 1567529388, "1kpps", 7, true, 3500 },
		{ 2096328386, "14.88Mpps", 14, true, 104160000 },
	};
	const uint64_t hz = 1000000000;
	struct pace_pacer p;
	unsigned int i;
	char text[128];
	uint64_t n;

	/* a pause first: nothing before it ends */
	sched_pacer(&p, "0 for 1s, 1kpps for 1s", 0, hz, size64, 0, 1);
	ck_assert_uint_eq(pace_pacer_due(&p, 0), 0);
	ck_assert_uint_eq(pace_pacer_due(&p, hz / 2), 0);
	ck_assert_uint_eq(pace_pacer_due(&p, hz - 1), 0);
	ck_assert_uint_eq(pace_pacer_due(&p, hz), 1);
	ck_assert_uint_eq(pace_pacer_due(&p, hz + hz / 2), 501);
	ck_assert_uint_eq(pace_pacer_due(&p, 3 * hz), 2001);
	/* a pause in the middle holds the count exactly */
	sched_pacer(&p, "1kpps for 1s, 0 for 1s, 1kpps for 1s", 0, hz, size64,
		    0, 1);
	ck_assert_uint_eq(pace_pacer_due(&p, hz - 1), 1000);
	ck_assert_uint_eq(pace_pacer_due(&p, hz), 1000);
	ck_assert_uint_eq(pace_pacer_due(&p, hz + hz / 2), 1000);
	ck_assert_uint_eq(pace_pacer_due(&p, 2 * hz - 1), 1000);
	ck_assert_uint_eq(pace_pacer_due(&p, 2 * hz), 1001);
	ck_assert_uint_eq(pace_pacer_due(&p, 2 * hz + hz / 2), 1501);
	/* a pause last holds for ever */
	sched_pacer(&p, "1kpps for 1s, 0 for 1s", 0, hz, size64, 0, 1);
	ck_assert_uint_eq(pace_pacer_due(&p, 100 * hz), 1000);
	ck_assert_uint_eq(pace_pacer_due(&p, UINT64_MAX), 1000);
	ck_assert_uint_eq(pace_pacer_deadline(&p, 999), 999000000);
	ck_assert_uint_eq(pace_pacer_deadline(&p, 1000), UINT64_MAX);
	/* whole frames stay whole: clocks where the integral in doubles
	 * comes to 1000.0000000000001 (a frame too many in the pause) */
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(text, sizeof(text), "%s%s for %us, 0 for 1s",
			 cases[i].ramp ? "ramp " : "", cases[i].rate,
			 cases[i].secs);
		sched_pacer(&p, text, 0, cases[i].hz, size64, 0, 1);
		n = pace_pacer_due(&p, cases[i].hz * cases[i].secs +
				   cases[i].hz / 2);
		ck_assert_msg(n == cases[i].frames, "'%s' at %" PRIu64 " Hz: "
			      "%" PRIu64 " frames in the pause", text,
			      cases[i].hz, n);
	}
	/* a ramp down to 0 comes to rest */
	sched_pacer(&p, "ramp 2kpps for 1s, ramp 0 for 1s", 0, hz, size64, 0,
		    1);
	ck_assert_uint_eq(pace_pacer_due(&p, hz), 1001);
	ck_assert_uint_eq(pace_pacer_due(&p, 2 * hz), 2000);
	ck_assert_uint_eq(pace_pacer_due(&p, 5 * hz), 2000);
}
END_TEST

START_TEST(test_sched_units_and_shares)
{
	const struct pace_frac imix = { 4342, 12 };
	struct pace_pacer p;

	sched_pacer(&p, "3Mpps for 1s", 0, HZ, size64, 0, 3);
	ck_assert_near(pace_pacer_due(&p, HZ), 1000001, 1);
	sched_pacer(&p, "10Gbps for 1s", 0, HZ, size64, 0, 1);
	ck_assert_near(pace_pacer_due(&p, HZ), 14880953, 1);
	sched_pacer(&p, "l2:10Gbps for 1s", 0, HZ, size64, 0, 2);
	ck_assert_near(pace_pacer_due(&p, HZ), 19531250 / 2 + 1, 1);
	sched_pacer(&p, "50% for 1s", 0, HZ, size64, 10000000000, 1);
	ck_assert_near(pace_pacer_due(&p, HZ), 7440477, 1);
	/* 10^10 * 3 / 9164 = 3,273,679.6 IMIX frames a second */
	sched_pacer(&p, "10Gbps for 1s", 0, HZ, imix, 0, 1);
	ck_assert_near(pace_pacer_due(&p, HZ), 3273680, 1);
	ck_assert_near(pace_pacer_due(&p, 10 * HZ), 32736797, 1);
	/* schedule deadlines agree with the counts */
	sched_pacer(&p, "ramp 1Mpps for 1s, 2Mpps for 1s", 10, HZ_ODD, size64,
		    0, 1);
	ck_assert_uint_eq(pace_pacer_deadline(&p, 0), 10);
	ck_assert_uint_le(pace_pacer_due(&p, pace_pacer_deadline(&p, 400000) -
					 1), 400000);
	ck_assert_uint_gt(pace_pacer_due(&p, pace_pacer_deadline(&p, 400000)),
			  400000);
	ck_assert_uint_gt(pace_pacer_due(&p, pace_pacer_deadline(&p,
								  1900000)),
			  1900000);
}
END_TEST

START_TEST(test_sched_refused)
{
	struct pace_sched sc;
	struct pace_pacer p;

	ck_assert_int_eq(pace_sched_parse("50% for 1s, ramp 10Gbps for 1s",
					  &sc, err, sizeof(err)), 0);
	/* percent of an unknown link */
	ck_assert_int_eq(pace_pacer_init_sched(&p, 0, HZ, &sc, size64, 0, 1,
					       err, sizeof(err)), -EINVAL);
	ck_assert_msg(strstr(err, "schedule entry 1: 50%") != NULL &&
		      strstr(err, "link speed") != NULL, "%s", err);
	/* no clock, no sender, no entry */
	ck_assert_int_eq(pace_pacer_init_sched(&p, 0, 0, &sc, size64, 1, 1,
					       err, sizeof(err)), -EINVAL);
	ck_assert_int_eq(pace_pacer_init_sched(&p, 0, HZ, &sc, size64, 1, 0,
					       err, sizeof(err)), -EINVAL);
	sc.n = 0;
	ck_assert_int_eq(pace_pacer_init_sched(&p, 0, HZ, &sc, size64, 1, 1,
					       err, sizeof(err)), -EINVAL);
	/* max has no place in a schedule made by hand either */
	sc.n = 2;
	sc.ent[1].rate.unit = PACE_UNIT_MAX;
	ck_assert_int_eq(pace_pacer_init_sched(&p, 0, HZ, &sc, size64, 1, 1,
					       err, sizeof(err)), -EINVAL);
	ck_assert_msg(strstr(err, "schedule entry 2") != NULL, "%s", err);
	/* a share that no 64-bit fraction holds */
	sc.n = 1;
	sc.ent[0].rate.unit = PACE_UNIT_PPS;
	sc.ent[0].rate.val = (struct pace_frac){ 1, UINT64_MAX };
	ck_assert_int_eq(pace_pacer_init_sched(&p, 0, HZ, &sc, size64, 1, 2,
					       err, sizeof(err)), -EOVERFLOW);
	/* longer than the cycle counter runs at 5 GHz */
	ck_assert_int_eq(pace_sched_parse("1k for 36525d, 1k for 36525d", &sc,
					  err, sizeof(err)), 0);
	ck_assert_int_eq(pace_pacer_init_sched(&p, 0, 5000000000, &sc,
					       size64, 1, 1, err, sizeof(err)),
			 -EOVERFLOW);
	ck_assert_msg(strstr(err, "schedule entry 2") != NULL, "%s", err);
	ck_assert_int_eq(pace_pacer_init_sched(&p, 0, HZ, &sc, size64, 1, 1,
					       err, sizeof(err)), 0);
}
END_TEST

void
pace_pacer_add_tcases(Suite *s)
{
	TCase *tc;

	tc = tcase_create("pacer");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_pacer_constant);
	tcase_add_test(tc, test_pacer_unpaced_and_refused);
	tcase_add_test(tc, test_pacer_ten_hours);
	tcase_add_test(tc, test_pacer_deadline);
	tcase_add_test(tc, test_pacer_saturates);
	tcase_add_test(tc, test_pacer_restart);
	suite_add_tcase(s, tc);

	tc = tcase_create("schedule_pacer");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_sched_step_and_ramp);
	tcase_add_test(tc, test_sched_monotonic);
	tcase_add_test(tc, test_sched_pauses);
	tcase_add_test(tc, test_sched_units_and_shares);
	tcase_add_test(tc, test_sched_refused);
	suite_add_tcase(s, tc);
}

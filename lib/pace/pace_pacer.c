/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/* The pacer: frames due by a cycle count, at a constant rate (exact
 * fractions) or on a compiled schedule (segments of constant rate or
 * linear ramps, in doubles). */

#include <errno.h>
#include <inttypes.h>
#include <math.h>

#include "pace_private.h"

/* 2^64 as a double: counts at or above it saturate. */
#define TWO_64 18446744073709551616.0

/* Steps a schedule's next deadline is corrected by before a bisection. */
#define NEXT_FIX_STEPS 8

#define NS_PER_S UINT64_C(1000000000)

/* How near a whole number an integral of the rate counts as it: a few
 * dozen units in the last place of the value (far below the frames of a
 * cycle at any rate worth pacing). */
#define SNAP_ABS 1e-12
#define SNAP_REL 2e-15

int
pace_pacer_init(struct pace_pacer *p, uint64_t start, uint64_t hz,
		struct pace_frac pps)
{
	if (hz == 0 || pps.den == 0)
		return -EINVAL;
	p->start = start;
	p->hz = hz;
	(void)pace_frac_set(pps.num, pps.den, &p->pps); /* reduced */
	p->nseg = 0;
	p->cur = 0;
	if (pps.num == 0) {
		p->next = UINT64_MAX;
		p->due = UINT64_MAX;
	} else {
		p->next = start;
		p->due = 0;
	}
	return 0;
}

/* start + rel, UINT64_MAX when it does not fit. */
static uint64_t
abs_time(uint64_t start, pace_u128 rel)
{
	return rel > UINT64_MAX - start ? UINT64_MAX : start + (uint64_t)rel;
}

uint64_t
pace_pacer_due_const(struct pace_pacer *p, uint64_t now)
{
	pace_u128 e, d, x, q, r, step;

	if (p->pps.num == 0)
		return UINT64_MAX;
	if (now < p->start)
		return 0;
	/* Frame n is due at e = n * hz * den / num cycles: by e, frames
	 * 0 .. floor(e * num / (hz * den)) are due. */
	e = now - p->start;
	d = (pace_u128)p->hz * p->pps.den;
	x = e * p->pps.num;
	q = x / d;
	r = x % d;
	if (q >= UINT64_MAX) {
		p->due = UINT64_MAX;
		p->next = UINT64_MAX;
		return UINT64_MAX;
	}
	/* The count grows when e * num reaches (q + 1) * d, that is
	 * d - r more: ceil((d - r) / num) cycles after now. */
	step = (d - r + p->pps.num - 1) / p->pps.num;
	p->due = (uint64_t)q + 1;
	p->next = abs_time(p->start, e + step);
	return p->due;
}

/*
 * Frames of a segment's integral dt cycles after its start.  A value a
 * rounding error away from a whole number is that number, so that "1kpps
 * for 1s" comes to 1000 frames, not 999.9999999 or 1000.0000001.  (The
 * map is monotonic: values near n become n, the others stay.)
 */
static double
seg_frames(const struct pace_seg *s, double dt)
{
	double a = 0.0, f, n;

	if (s->r1 != s->r0 && s->t1 > s->t0)
		a = (s->r1 - s->r0) / (2.0 * (double)(s->t1 - s->t0));
	f = s->f0 + dt * (s->r0 + a * dt);
	n = nearbyint(f);
	return fabs(f - n) <= SNAP_ABS + fabs(f) * SNAP_REL ? n : f;
}

/* Whether frames come during a segment (its rate is above 0 right after
 * every time in it). */
static bool
seg_moving(const struct pace_seg *s)
{
	return s->r0 > 0.0 || s->r1 > 0.0;
}

/*
 * Frames due rel cycles after the start, rel in segment s.  Frame n is
 * due when the integral of the rate passes n: while frames come that is
 * floor(F) + 1 (frame 0 at once, as at a constant rate); during a pause
 * it is ceil(F), so a schedule that starts with a pause sends nothing.
 */
static uint64_t
seg_count(const struct pace_seg *s, uint64_t rel)
{
	double f = seg_frames(s, (double)(rel - s->t0));
	double c = seg_moving(s) ? floor(f) + 1.0 : ceil(f);

	if (c >= TWO_64)
		return UINT64_MAX;
	return c > 0.0 ? (uint64_t)c : 0;
}

/* The segment of rel, searched from cur. */
static unsigned int
seg_find(const struct pace_pacer *p, unsigned int cur, uint64_t rel)
{
	if (cur >= p->nseg || rel < p->seg[cur].t0)
		cur = 0;
	while (cur + 1 < p->nseg && rel >= p->seg[cur].t1)
		cur++;
	return cur;
}

/* Frames due rel cycles after the start of a schedule, from scratch. */
static uint64_t
sched_count(const struct pace_pacer *p, uint64_t rel)
{
	return seg_count(&p->seg[seg_find(p, 0, rel)], rel);
}

/* First time in (lo, hi] at which segment s has more than c frames due,
 * where it has at most c at lo and more at hi. */
static uint64_t
seg_bisect(const struct pace_seg *s, uint64_t lo, uint64_t hi, uint64_t c)
{
	uint64_t mid;

	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (seg_count(s, mid) > c)
			hi = mid;
		else
			lo = mid;
	}
	return hi;
}

/*
 * First time after rel (in segment s, where c frames are due at rel) at
 * which more than c are due, or the segment's end.  The integral is
 * solved for c (a quadratic on a ramp), then checked against seg_count()
 * so that the cache never disagrees with a fresh count.
 */
static uint64_t
seg_next(const struct pace_seg *s, uint64_t rel, uint64_t c)
{
	double len = (double)(s->t1 - s->t0), rem, a = 0.0, disc, dt;
	unsigned int i;
	uint64_t t;

	if (!seg_moving(s) || c == UINT64_MAX)
		return s->t1;
	/* More than c due once the integral reaches c. */
	rem = (double)c - s->f0;
	if (s->r1 != s->r0 && s->t1 > s->t0)
		a = (s->r1 - s->r0) / (2.0 * len);
	if (a == 0.0) {
		dt = rem / s->r0;
	} else {
		disc = s->r0 * s->r0 + 4.0 * a * rem;
		if (disc < 0.0)
			return s->t1;
		dt = 2.0 * rem / (s->r0 + sqrt(disc));
	}
	if (!(dt < len))
		return s->t1;
	t = dt > 0.0 ? (uint64_t)ceil(dt) : 0;
	if (t >= s->t1 - s->t0)
		return s->t1;
	t += s->t0;
	if (t <= rel)
		t = rel + 1;
	if (t >= s->t1)
		return s->t1;
	for (i = 0; t > rel + 1 && seg_count(s, t - 1) > c; i++) {
		if (i == NEXT_FIX_STEPS)
			return seg_bisect(s, rel, t - 1, c);
		t--;
	}
	for (i = 0; i < NEXT_FIX_STEPS && t < s->t1 && seg_count(s, t) <= c;
	     i++)
		t++;
	return t;
}

uint64_t
pace_pacer_due_sched(struct pace_pacer *p, uint64_t now)
{
	const struct pace_seg *s;
	uint64_t rel, c;

	if (now < p->start)
		return 0;
	rel = now - p->start;
	p->cur = seg_find(p, p->cur, rel);
	s = &p->seg[p->cur];
	c = seg_count(s, rel);
	/* Rounding of a ramp's integral must not take a frame back. */
	if (c < p->due)
		c = p->due;
	p->due = c;
	p->next = abs_time(p->start, seg_next(s, rel, c));
	return c;
}

int
pace_pacer_init_sched(struct pace_pacer *p, uint64_t start, uint64_t hz,
		      const struct pace_sched *sc,
		      struct pace_frac mean_size, uint64_t link_bps,
		      uint64_t shares, char *err, size_t errlen)
{
	const struct pace_sched_ent *e;
	double prev = 0.0, f = 0.0, rate;
	struct pace_frac pps;
	pace_u128 ns = 0, t1;
	uint64_t t0 = 0;
	struct pace_seg *s;
	unsigned int i;
	char msg[192];
	int rc;

	if (hz == 0 || shares == 0)
		return pace_err(err, errlen, -EINVAL, "no %s to pace with",
				hz == 0 ? "clock rate" : "sender");
	if (sc == NULL || sc->n == 0 || sc->n > PACE_SCHED_MAX)
		return pace_err(err, errlen, -EINVAL, "a schedule has 1 to "
				"%d entries", PACE_SCHED_MAX);
	for (i = 0; i < sc->n; i++) {
		e = &sc->ent[i];
		if (e->rate.unit == PACE_UNIT_MAX || e->dur_ns == 0)
			return pace_err(err, errlen, -EINVAL, "schedule entry "
					"%u: %s", i + 1,
					e->dur_ns == 0 ? "no duration" :
					"'max' cannot be scheduled");
		rc = pace_rate_pps(&e->rate, mean_size, link_bps, &pps, msg,
				   sizeof(msg));
		if (rc == 0 && pace_frac_div(pps, shares, &pps) != 0)
			rc = pace_err(msg, sizeof(msg), -EOVERFLOW, "a rate "
				      "split %" PRIu64 " ways is not an exact "
				      "64-bit fraction", shares);
		if (rc != 0)
			return pace_err(err, errlen, rc, "schedule entry %u: "
					"%s", i + 1, msg);
		rate = pace_frac_double(pps) / (double)hz;
		ns += e->dur_ns;
		t1 = ns * hz / NS_PER_S;
		if (t1 >= UINT64_MAX)
			return pace_err(err, errlen, -EOVERFLOW, "schedule "
					"entry %u ends after the cycle counter "
					"wraps", i + 1);
		s = &p->seg[i];
		s->t0 = t0;
		s->t1 = (uint64_t)t1;
		s->f0 = f;
		s->r0 = e->ramp ? prev : rate;
		s->r1 = rate;
		f = seg_frames(s, (double)(s->t1 - s->t0));
		prev = rate;
		t0 = s->t1;
	}
	/* The last rate holds. */
	s = &p->seg[i];
	s->t0 = t0;
	s->t1 = UINT64_MAX;
	s->f0 = f;
	s->r0 = prev;
	s->r1 = prev;
	p->nseg = sc->n + 1;
	p->cur = 0;
	p->start = start;
	p->hz = hz;
	p->pps.num = 0;
	p->pps.den = 1;
	p->next = start;
	p->due = 0;
	return 0;
}

uint64_t
pace_pacer_deadline(const struct pace_pacer *p, uint64_t n)
{
	pace_u128 a, q, hi, lo, t;
	uint64_t l, h, mid;

	if (p->nseg != 0) {
		/* First time with more than n frames due (a bisection). */
		h = UINT64_MAX - p->start;
		if (n == UINT64_MAX || sched_count(p, h) <= n)
			return UINT64_MAX;
		if (sched_count(p, 0) > n)
			return p->start;
		for (l = 0; h - l > 1;) {
			mid = l + (h - l) / 2;
			if (sched_count(p, mid) > n)
				h = mid;
			else
				l = mid;
		}
		return p->start + h;
	}
	if (p->pps.num == 0)
		return p->start;
	/* ceil(n * hz * den / num), with n * hz split by num so that
	 * nothing overflows 128 bits. */
	a = (pace_u128)n * p->hz;
	q = a / p->pps.num;
	if (q > UINT64_MAX)
		return UINT64_MAX;
	hi = q * p->pps.den;
	lo = (a % p->pps.num) * p->pps.den;
	t = hi + lo / p->pps.num + (lo % p->pps.num != 0);
	return abs_time(p->start, t);
}

void
pace_pacer_restart(struct pace_pacer *p, uint64_t start)
{
	p->start = start;
	p->cur = 0;
	if (!pace_pacer_paced(p))
		return; /* every frame is due, whenever */
	p->next = start;
	p->due = 0;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef PACE_H
#define PACE_H

/**
 * @file
 * libnblpace: rates, units and pacing, with no EAL (pure arithmetic on
 * integers; cycle counts are passed in), so every function can be unit
 * tested alone.
 *
 * Conventions
 * - A frame size is counted with its FCS, as RFC 2544 and lab equipment
 *   count it: a "64-byte frame" is 60 bytes of buffer plus a 4-byte FCS.
 * - On the wire (layer 1) a frame also takes a 7-byte preamble, a 1-byte
 *   start-of-frame delimiter and a 12-byte inter-frame gap: size + 20
 *   bytes.  100% of 10 Gbit/s with 64-byte frames is therefore
 *   10e9 / (84 * 8) = 14,880,952.38 frames per second.
 * - Layer-2 bits ("l2:" rates) count the frame with its FCS only.
 * - Rates are exact fractions (struct pace_frac): "14.88Mpps" is
 *   1488 / 100 * 10^6, "10Gbps" of 64-byte frames is 10^10 / 672 pps; the
 *   pacer works on the fraction, so nothing drifts over hours.
 *
 * Error contract: parsers and control calls return 0 or a negative errno
 * (-EINVAL for a bad expression, -ERANGE for a value out of range,
 * -EOVERFLOW when a result does not fit) and, where they take one, fill a
 * message buffer that names the expression and the problem in a user's
 * terms; the caller adds the option or key.  Inline hot-path calls return
 * a value and cannot fail.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Bytes a frame takes on the wire besides its own (preamble 7, SFD 1,
 * inter-frame gap 12). */
#define PACE_L1_OVERHEAD 20

/** An exact non-negative fraction num / den (den > 0). */
struct pace_frac {
	uint64_t num; /**< numerator */
	uint64_t den; /**< denominator, > 0 */
};

/* ------------------------------------------------------------------ */
/* Numbers with units                                                  */
/* ------------------------------------------------------------------ */

/**
 * Parse a count: a decimal integer with an optional SI suffix k, M, G, T
 * (powers of 1000) or Ki, Mi, Gi, Ti (powers of 1024), e.g. "64", "10M",
 * "1.5k" (a decimal point only where the result is whole).
 *
 * @param s
 *   The text.
 * @param min
 *   Smallest value accepted.
 * @param max
 *   Largest value accepted.
 * @param out
 *   The value, written only on success.
 * @param err
 *   Filled with a message on error ("'x' is not a number from 1 to 10
 *   (suffixes k, M, G, T, Ki, Mi, Gi, Ti)").
 * @param errlen
 *   Size of err.
 * @return
 *   0, -EINVAL (not a number) or -ERANGE (outside [min, max] or overflow).
 */
int pace_count_parse(const char *s, uint64_t min, uint64_t max,
		     uint64_t *out, char *err, size_t errlen);

/**
 * Parse a duration into nanoseconds: a decimal number with an optional
 * unit ns, us, ms, s (default), m, h, d; e.g. "10", "2.5s", "500ms",
 * "1h".  "0" is accepted (the caller decides what it means); fractions of
 * a nanosecond are dropped.
 *
 * @param s
 *   The text.
 * @param ns
 *   The duration in nanoseconds, written only on success.
 * @param err
 *   Filled with a message on error.
 * @param errlen
 *   Size of err.
 * @return
 *   0, -EINVAL or -ERANGE (more than 100 years, or below 1 ns but not 0).
 */
int pace_duration_parse(const char *s, uint64_t *ns, char *err,
			size_t errlen);

/* ------------------------------------------------------------------ */
/* Rates                                                               */
/* ------------------------------------------------------------------ */

/** Unit of a rate expression. */
enum pace_unit {
	PACE_UNIT_MAX = 0, /**< "max": as fast as the port takes frames */
	PACE_UNIT_PPS,     /**< frames per second */
	PACE_UNIT_BPS_L1,  /**< bits per second on the wire (preamble, SFD,
			    *   gap and FCS counted) */
	PACE_UNIT_BPS_L2,  /**< bits per second of frames with FCS ("l2:") */
	PACE_UNIT_PERCENT, /**< percent of the link speed, on the wire */
};

/** A rate as the user wrote it: value (a fraction) in a unit. */
struct pace_rate {
	enum pace_unit unit;  /**< unit */
	struct pace_frac val; /**< value in that unit (0 for MAX) */
};

/**
 * Parse a rate expression:
 * - "max" (as fast as possible);
 * - N, Npps, Nkpps, NMpps, NGpps, and N with a bare k/M/G suffix: frames
 *   per second;
 * - Nbps, Nkbps, NMbps, NGbps, NTbps (also "bit/s" forms such as
 *   "10Gbit/s"): bits per second on the wire (layer 1);
 * - "l2:" before a bit rate: layer-2 bits (frame with FCS);
 * - N%: percent of the link speed (layer 1), more than 0 and at most 100.
 * N is a decimal number ("14.88Mpps", "9.5Gbps", no blank before the
 * unit); unit letters are case sensitive where SI needs it (M is mega, m
 * is refused in rates, K is taken for k), the "pps"/"bps"/"bit/s" words
 * are not.  "0" (any unit) is refused: a stream that sends nothing is a
 * configuration mistake.
 *
 * @param s
 *   The text.
 * @param r
 *   The rate, written only on success.
 * @param err
 *   Filled with a message on error (names the text and lists the forms).
 * @param errlen
 *   Size of err.
 * @return
 *   0, -EINVAL (syntax) or -ERANGE (0, above 100%, above 10^15 of the
 *   unit, or more decimals than a 64-bit fraction holds).
 */
int pace_rate_parse(const char *s, struct pace_rate *r, char *err,
		    size_t errlen);

/**
 * Write a rate back as text ("14.88Mpps", "10Gbps", "l2:1Gbps", "50%",
 * "max"), for messages and the run manifest.  The text is canonical (the
 * largest prefix not above the value) and exact for every rate that
 * pace_rate_parse() returns: it parses back to the same rate.  A fraction
 * that no decimal writes (10^10 / 672 pps) is rounded to 9 decimals.
 *
 * @param r
 *   The rate.
 * @param buf
 *   Output.
 * @param len
 *   Size of buf.
 * @return
 *   What snprintf() returns.
 */
int pace_rate_format(const struct pace_rate *r, char *buf, size_t len);

/**
 * Frames per second of a rate, as an exact fraction.
 *
 * @param r
 *   The rate.
 * @param mean_size
 *   Mean frame size in bytes with FCS, as a fraction (a size plan's
 *   total bytes over its total weight); used by bit rates and percent.
 * @param link_bps
 *   Link speed in bit/s, used by percent rates (0: unknown, which a
 *   percent rate refuses).
 * @param pps
 *   Filled with frames per second; {0, 1} for PACE_UNIT_MAX.
 * @param err
 *   Filled with a message on error.
 * @param errlen
 *   Size of err.
 * @return
 *   0, -EINVAL (percent of an unknown link speed, zero mean size) or
 *   -EOVERFLOW (the fraction does not fit 64 bits even reduced).
 */
int pace_rate_pps(const struct pace_rate *r, struct pace_frac mean_size,
		  uint64_t link_bps, struct pace_frac *pps, char *err,
		  size_t errlen);

/**
 * Split a frame rate evenly: pps / n (each of n senders' share).
 *
 * @param pps
 *   Frames per second.
 * @param n
 *   Shares (> 0).
 * @param out
 *   The share's rate (reduced), written only on success.
 * @return
 *   0, -EINVAL (n == 0 or pps.den == 0) or -EOVERFLOW.
 */
int pace_frac_div(struct pace_frac pps, uint64_t n, struct pace_frac *out);

/**
 * A fraction as a double (for display and the results).
 *
 * @param f
 *   The fraction.
 * @return
 *   num / den.
 */
static inline double
pace_frac_double(struct pace_frac f)
{
	return f.den == 0 ? 0.0 : (double)f.num / (double)f.den;
}

/**
 * Bits on the wire (layer 1) of a frame.
 *
 * @param size
 *   Frame size with FCS.
 * @return
 *   (size + PACE_L1_OVERHEAD) * 8.
 */
static inline uint64_t
pace_l1_bits(uint64_t size)
{
	return (size + PACE_L1_OVERHEAD) * 8;
}

/* ------------------------------------------------------------------ */
/* Rate schedules                                                      */
/* ------------------------------------------------------------------ */

/** Most entries of a schedule. */
#define PACE_SCHED_MAX 64

/** One entry of a schedule: a rate held, or reached by a ramp, for a
 * duration. */
struct pace_sched_ent {
	struct pace_rate rate; /**< rate held, or reached at the end of a
				*   ramp */
	uint64_t dur_ns;       /**< duration in ns (> 0) */
	bool ramp;             /**< linear from the previous rate */
};

/** A rate schedule (steps and ramps), relative to the start of the run. */
struct pace_sched {
	unsigned int n;                            /**< entries */
	struct pace_sched_ent ent[PACE_SCHED_MAX]; /**< in time order */
};

/**
 * Parse a schedule: comma-separated entries "RATE for DURATION" (hold
 * RATE) or "ramp RATE for DURATION" (go linearly from the previous rate,
 * 0 frames/s before the first entry, to RATE); e.g.
 * "1Mpps for 10s, ramp 5Mpps for 10s, 5Mpps for 20s".  "0 for 5s" pauses.
 * The last rate holds after the last entry.  Entries may mix units: each
 * is converted to frames per second by pace_pacer_init_sched(), with the
 * stream's mean frame size and link speed.  "max" is refused in a
 * schedule, and so is a duration of 0.
 *
 * @param s
 *   The text.
 * @param sc
 *   The schedule, written only on success.
 * @param err
 *   Filled with a message naming the entry (by number and text).
 * @param errlen
 *   Size of err.
 * @return
 *   0, -EINVAL or -ERANGE (more than PACE_SCHED_MAX entries, a rate or
 *   duration out of range, a duration of 0).
 */
int pace_sched_parse(const char *s, struct pace_sched *sc, char *err,
		     size_t errlen);

/* ------------------------------------------------------------------ */
/* The pacer (absolute deadlines on the TSC)                           */
/* ------------------------------------------------------------------ */

/** One compiled schedule segment (internal to the pacer). */
struct pace_seg {
	uint64_t t0;      /**< start, cycles from the pacer's start */
	uint64_t t1;      /**< end (UINT64_MAX for the last) */
	double f0;        /**< frames due at t0 */
	double r0;        /**< frames per cycle at t0 */
	double r1;        /**< frames per cycle at t1 (ramps) */
};

/**
 * A pacer: frame n (from 0) is due at start + n / rate.  It is asked how
 * many frames are due by a time, so a late sender catches up and a pacer
 * never drifts: the count depends on the time only, not on the history.
 */
struct pace_pacer {
	uint64_t start;   /**< cycle count at which frame 0 is due */
	uint64_t hz;      /**< cycles per second (> 0) */
	struct pace_frac pps; /**< constant rate; num == 0: unpaced, or on
			       *   a schedule */
	uint64_t next;    /**< cycle count before which due() is unchanged */
	uint64_t due;     /**< frames due before next */
	unsigned int nseg;     /**< schedule segments (0: constant rate) */
	unsigned int cur;      /**< segment of the last call */
	struct pace_seg seg[PACE_SCHED_MAX + 1]; /**< compiled schedule */
};

/**
 * Set up a constant-rate pacer.
 *
 * @param p
 *   The pacer.
 * @param start
 *   Cycle count at which frame 0 is due.
 * @param hz
 *   Cycles per second (> 0).
 * @param pps
 *   Frames per second; num == 0 means no pacing (every frame is due).
 * @return
 *   0, or -EINVAL (hz == 0, den == 0).
 */
int pace_pacer_init(struct pace_pacer *p, uint64_t start, uint64_t hz,
		    struct pace_frac pps);

/**
 * Set up a pacer on a schedule: each entry's rate is converted with
 * pace_rate_pps() for the given mean size, link speed and split.  Frame
 * n is due when the integral of the rate reaches n (frame 0 at time 0
 * unless the schedule starts with a pause); the integral is computed in
 * doubles, within a frame of the exact count.
 *
 * @param p
 *   The pacer.
 * @param start
 *   Cycle count of the schedule's time 0.
 * @param hz
 *   Cycles per second.
 * @param sc
 *   The schedule (at least one entry).
 * @param mean_size
 *   Mean frame size with FCS (for bit and percent rates).
 * @param link_bps
 *   Link speed (for percent rates; 0 unknown).
 * @param shares
 *   The schedule's rates are divided by this (senders sharing a stream).
 * @param err
 *   Filled with a message naming the entry on error.
 * @param errlen
 *   Size of err.
 * @return
 *   0, -EINVAL (hz or shares 0, no entry, "max", a rate pace_rate_pps()
 *   refuses) or -EOVERFLOW (a share that no 64-bit fraction holds, a
 *   schedule that ends after the cycle counter wraps).
 */
int pace_pacer_init_sched(struct pace_pacer *p, uint64_t start, uint64_t hz,
			  const struct pace_sched *sc,
			  struct pace_frac mean_size, uint64_t link_bps,
			  uint64_t shares, char *err, size_t errlen);

/**
 * Move a pacer's time 0 (frame 0 of a constant rate, time 0 of a
 * schedule) to another cycle count, as if it had been set up then: the
 * pacer is set up once and started when the senders start together.
 *
 * @param p
 *   A pacer from pace_pacer_init() or pace_pacer_init_sched().
 * @param start
 *   The new cycle count of time 0.
 */
void pace_pacer_restart(struct pace_pacer *p, uint64_t start);

/** @internal frames due by now on a schedule (slow path). */
uint64_t pace_pacer_due_sched(struct pace_pacer *p, uint64_t now);

/** @internal frames due by now at a constant rate, and the next change. */
uint64_t pace_pacer_due_const(struct pace_pacer *p, uint64_t now);

/**
 * Frames due in all by a time: every frame whose deadline is at or before
 * now.  Monotonic in now.  Cheap when nothing changed since the last call
 * (one comparison).  now must not go back between calls (cycle counts of
 * one lcore): the cache would answer an earlier time with the later
 * count.
 *
 * @param p
 *   The pacer.
 * @param now
 *   Cycle count.
 * @return
 *   The count (UINT64_MAX when unpaced, 0 before start).
 */
static inline uint64_t
pace_pacer_due(struct pace_pacer *p, uint64_t now)
{
	if (now < p->next)
		return p->due;
	if (p->nseg != 0)
		return pace_pacer_due_sched(p, now);
	return pace_pacer_due_const(p, now);
}

/**
 * Deadline of frame n: the first cycle count at which pace_pacer_due()
 * counts it (for tests and waits).  Exact at a constant rate; on a
 * schedule, a bisection over the counts.
 *
 * @param p
 *   The pacer.
 * @param n
 *   Frame number from 0.
 * @return
 *   Its cycle count (start when unpaced; UINT64_MAX when it is never due
 *   before the counter wraps, e.g. after a schedule's final pause).
 */
uint64_t pace_pacer_deadline(const struct pace_pacer *p, uint64_t n);

/**
 * Whether the pacer paces at all.
 * @param p The pacer.
 * @return false for an unpaced pacer.
 */
static inline bool
pace_pacer_paced(const struct pace_pacer *p)
{
	return p->nseg != 0 || p->pps.num != 0;
}

#ifdef __cplusplus
}
#endif

#endif /* PACE_H */

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* The TX lcore: offer each share the frames its pacer says are due, poll
 * the NDIS queues, and at the stop send what was owed by then, drain and
 * settle the counts. */

#include <errno.h>

#include <rte_cycles.h>
#include <rte_pause.h>

#include "gen_private.h"

int
gen_lcore_add(struct gen_lcore *lc, struct gen_share *s)
{
	unsigned int q;

	if (lc->nshares >= GEN_LCORE_SHARES)
		return -ENOSPC;
	for (q = 0; q < lc->nqueues; q++)
		if (lc->poll_bind[q] == s->conf.bind &&
		    lc->poll_queue[q] == s->conf.queue)
			break;
	if (q == lc->nqueues && s->eng == &gen_engine_ndis) {
		if (lc->nqueues >= GEN_LCORE_QUEUES)
			return -ENOSPC;
		lc->poll_bind[lc->nqueues] = s->conf.bind;
		lc->poll_queue[lc->nqueues] = s->conf.queue;
		lc->nqueues++;
	}
	lc->shares[lc->nshares++] = s;
	return 0;
}

/* Frames a share may build now: due by its pacer, within its limits.
 * Under a byte limit, no more than may follow without one of them
 * starting past it: ceil(bytes left / longest frame), so that the share
 * stops at the frame that reaches the limit. */
static inline uint64_t
share_want(struct gen_share *s, uint64_t now)
{
	uint64_t want = s->limit;

	if (s->bytes_offered >= s->byte_limit)
		return s->offered;
	if (s->byte_limit != UINT64_MAX) {
		uint64_t left = s->byte_limit - s->bytes_offered;

		want = RTE_MIN(want, s->offered + left / s->max_len +
			       (left % s->max_len != 0));
	}
	if (s->paced) {
		uint64_t due = pace_pacer_due(&s->pacer, now);

		if (due < want)
			want = due;
	}
	return want;
}

/* One turn of a share: returns false once it is done. */
static inline bool
share_turn(struct gen_share *s, uint64_t now)
{
	uint64_t want = share_want(s, now);

	/* new frames only up to a burst with the refused ones: a port that
	 * refuses for a while holds the share back (s->pend has room for
	 * npend + n <= 2 * GEN_BURST_MAX) */
	if (want > s->offered && s->npend < s->burst) {
		uint64_t n = want - s->offered;

		s->eng->burst(s, (unsigned int)RTE_MIN(n, (uint64_t)
						       (s->burst - s->npend)),
			      now);
	} else if (s->npend != 0) {
		s->eng->burst(s, 0, now);
	}
	s->st.requested = s->paced ? want : s->offered;
	if ((s->offered >= s->limit || s->bytes_offered >= s->byte_limit) &&
	    s->npend == 0) {
		s->done = true;
		s->done_tsc = rte_rdtsc(); /* its last frame went */
	}
	return !s->done;
}

static inline void
poll_queues(struct gen_lcore *lc)
{
	unsigned int q;

	for (q = 0; q < lc->nqueues; q++)
		nbl_bind_poll(lc->poll_bind[q], lc->poll_queue[q]);
}

/* After the stop: send what each paced share owed by the stop time (its
 * frames a little late rather than not at all), bounded by deadline. */
static void
catch_up(struct gen_lcore *lc, uint64_t stop, uint64_t deadline)
{
	bool owed = true;
	unsigned int i;

	while (owed && rte_rdtsc() < deadline) {
		owed = false;
		for (i = 0; i < lc->nshares; i++) {
			struct gen_share *s = lc->shares[i];

			if (s->done || !s->paced)
				continue;
			if (share_want(s, stop) > s->offered) {
				share_turn(s, stop);
				owed = true;
			}
		}
		poll_queues(lc);
	}
}

/* Whether each share is alone on its (binding, queue): its completions
 * then come in chains of its own. */
static void
queues_alone(struct gen_lcore *lc)
{
	unsigned int i, j;

	for (i = 0; i < lc->nshares; i++) {
		struct gen_share *s = lc->shares[i];

		s->queue_alone = true;
		for (j = 0; j < lc->nshares; j++)
			if (j != i && lc->shares[j]->conf.bind == s->conf.bind &&
			    lc->shares[j]->conf.queue == s->conf.queue)
				s->queue_alone = false;
	}
}

int
gen_lcore_main(void *arg)
{
	struct gen_lcore *lc = arg;
	uint64_t now, stop, deadline, end;
	unsigned int i;

	lc->running = true;
	queues_alone(lc);
	/* the common start: every lcore's frame 0 is due then (an unpaced
	 * share would otherwise send before it, and its sending time
	 * done_tsc - start_tsc would wrap) */
	while (rte_rdtsc() < lc->start_tsc &&
	       !__atomic_load_n(lc->stop, __ATOMIC_ACQUIRE))
		rte_pause();
	for (;;) {
		bool live = false;

		now = rte_rdtsc();
		if (unlikely(__atomic_load_n(lc->stop, __ATOMIC_ACQUIRE) ||
			     now >= lc->end_tsc))
			break;
		for (i = 0; i < lc->nshares; i++)
			if (!lc->shares[i]->done)
				live |= share_turn(lc->shares[i], now);
		poll_queues(lc);
		if (!live)
			break;
	}
	/* a duration is the interval [start, end): a frame due at the end
	 * itself belongs to the next second */
	stop = now < lc->end_tsc ? now : lc->end_tsc - 1;
	lc->stopped_tsc = now;
	/* at the end of the duration, the frames due by then go (a little
	 * late, at most a few bursts); a signal stops sending at once */
	if (!__atomic_load_n(lc->stop, __ATOMIC_ACQUIRE))
		catch_up(lc, stop, rte_rdtsc() + lc->drain_cycles / 20);
	deadline = rte_rdtsc() + lc->drain_cycles;
	for (i = 0; i < lc->nshares; i++) {
		struct gen_share *s = lc->shares[i];

		/* what was asked by the stop time: a share that stopped
		 * early (count, bytes) asked for what it built */
		if (s->paced && !s->done)
			s->st.requested = share_want(s, stop);
		else
			s->st.requested = s->offered;
		s->eng->drain(s, deadline);
		/* its rates are over its own sending time */
		end = s->done_tsc != 0 ? s->done_tsc : stop;
		s->st.active_ns = end > lc->start_tsc ?
			gen_tsc_ns(end - lc->start_tsc, s->hz) : 0;
		if (s->st.active_ns == 0)
			s->st.active_ns = 1;
		s->done = true;
	}
	lc->running = false;
	return 0;
}

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

/* Frames a share may build now: due by its pacer, within its limits. */
static inline uint64_t
share_want(struct gen_share *s, uint64_t now)
{
	uint64_t want = s->limit;

	if (s->bytes_offered >= s->byte_limit)
		return s->offered;
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

	if (want > s->offered) {
		uint64_t n = want - s->offered;

		/* under a byte limit, build no frame that would start past
		 * it: ceil(left / longest) frames start before it */
		if (s->byte_limit != UINT64_MAX)
			n = RTE_MIN(n, (s->byte_limit - s->bytes_offered +
					s->max_len - 1) / s->max_len);
		n = RTE_MIN(n, (uint64_t)s->burst);
		/* the frames the port refused wait in pend[]: new ones go
		 * after them, never past its end */
		n = RTE_MIN(n, (uint64_t)(RTE_DIM(s->pend) - s->npend));
		s->eng->burst(s, (unsigned int)n, now);
	} else if (s->npend != 0) {
		s->eng->burst(s, 0, now);
	}
	s->st.requested = s->paced ? want : s->offered;
	if ((s->offered >= s->limit || s->bytes_offered >= s->byte_limit) &&
	    s->npend == 0) {
		s->done = true;
		s->done_tsc = now;
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

int
gen_lcore_main(void *arg)
{
	struct gen_lcore *lc = arg;
	uint64_t now, stop, deadline, end;
	unsigned int i;

	lc->running = true;
	/* the common start: an unpaced share would otherwise send before
	 * it, and its sending time (done_tsc - start_tsc) would wrap */
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
	deadline = rte_rdtsc() + lc->drain_cycles;
	catch_up(lc, stop, deadline);
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

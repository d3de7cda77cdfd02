/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/*
 * Completion: per-NBL frame accounting, reaping zero-copy frames the PMD
 * released, aborting the backlog, delivery through the callbacks, cancel
 * and counters.
 */

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_prefetch.h>

#include "nbl_bind_private.h"

/* A frame sent by reference (its NBL's own mbuf): the NBL's only frame,
 * not counted in nbl_pending() (see nbl_bind_send.c). */
static inline bool
ent_zc(const struct bind_ent *e)
{
	/* the NBL's own mbuf precedes it (nbl_list_to_mbuf()); pointer
	 * arithmetic only, so no load of the NBL's second line */
	return e->m == (const struct rte_mbuf *)RTE_PTR_SUB(e->nbl,
						sizeof(struct rte_mbuf));
}

/* Give a frame that never reached the PMD back: drop the reference hold
 * of a zero-copy frame, free a copy; then the frame is done. */
static void
frame_undo_done(struct bind_queue *q, const struct bind_ent *e,
		int32_t status)
{
	if (ent_zc(e)) {
		zc_unhold(q, e->m, e->nbl); /* never reached the PMD */
		q->zc_reserved--;
		bind_fail(e->nbl, status);
		finish(q, e->nbl);
	} else {
		rte_pktmbuf_free(e->m);
		bind_fail(e->nbl, status);
		bind_frame_done(q, e->nbl);
	}
}

/* Entries of the in-flight FIFO looked ahead for prefetching. */
#define REAP_PREFETCH 4

/*
 * Finish the NBLs of the in-flight frames the PMD released, in FIFO order,
 * stopping at the first one it still holds (completion order is send
 * order).  Every in-flight frame is a zero-copy frame, its NBL's only one.
 * The NBLs are linked and appended to the done list once, the counters
 * added once.
 */
static void
reap_released(struct bind_queue *q)
{
	struct bind_fifo *f = &q->inflight;
	uint32_t n = fifo_count(f), i, k;
	struct nbl_list *first = NULL, **tail = &first;
	uint64_t ok = 0;

	for (k = 0; k < REAP_PREFETCH && k < n; k++)
		rte_prefetch0(fifo_at(f, k)->m);
	for (i = 0; i < n; i++) {
		const struct bind_ent *e = fifo_at(f, i);
		struct nbl_list *nbl = e->nbl;

		if (i + REAP_PREFETCH < n)
			rte_prefetch0(fifo_at(f, i + REAP_PREFETCH)->m);
		if (rte_mbuf_refcnt_read(e->m) != 1)
			break;
		e->m->ol_flags = 0;
		if (likely(nbl->status == NBL_STATUS_SUCCESS))
			ok++;
		else
			q->pub.stats.failed[fail_class(nbl->status)]++;
		*tail = nbl;
		tail = &nbl->next;
	}
	if (i == 0)
		return;
	*tail = NULL;
	f->head += i;
	*q->done_tail = first;
	q->done_tail = tail;
	/* done_count first: a reader of nbl_bind_outstanding() may count
	 * one too many for a moment, never one too few */
	q->done_count += i;
	q->pub.stats.sent += ok;
}

static uint64_t queue_outstanding(const struct bind_queue *q);

/*
 * Complete zero-copy frames whose mbuf the PMD freed (reference count back
 * to 1; with a return pool they are finished already).  If some are still
 * held, ask the PMD to clean up its ring (an idle queue never reaches its
 * free threshold by itself).
 */
void
bind_reap(struct nbl_bind *b, struct bind_queue *q)
{
	if (b->zc_ret) {
		/* return pool: the PMD's free finished the frames; a table
		 * driver that kept some past the burst (a zero-copy mode)
		 * is asked to clean up */
		if (b->cleanup && b->port_started &&
		    queue_outstanding(q) != 0) {
			rte_eth_tx_done_cleanup(b->port_id, q->pub.queue_id, 0);
			q->pub.stats.cleanups++;
		}
		return;
	}
	reap_released(q);
	if (fifo_count(&q->inflight) != 0 && b->cleanup && b->port_started) {
		rte_eth_tx_done_cleanup(b->port_id, q->pub.queue_id, 0);
		q->pub.stats.cleanups++;
		reap_released(q);
	}
}

/* Complete every frame of the backlog with a status (pause, close). */
void
bind_backlog_abort(struct bind_queue *q, int32_t status)
{
	while (fifo_count(&q->backlog) != 0) {
		struct bind_ent e = *fifo_at(&q->backlog, 0);

		q->backlog.head++;
		frame_undo_done(q, &e, status);
	}
	q->last_short = false;
}

unsigned int
nbl_bind_poll(struct nbl_bind *b, uint16_t queue)
{
	struct nbl_list *chain, *lb, *next;
	struct bind_queue *q;
	uint64_t n;

	if (b == NULL)
		return 0;
	q = bind_queue_get(b, queue);
	nbl_bind_txq_take(&q->pub);
	if (q->backlog.e != NULL) {
		if (fifo_count(&q->backlog) != 0) {
			if (bind_state(b) == NBL_BIND_RUNNING)
				bind_flush(b, q, 0);
			else
				bind_backlog_abort(q, NBL_STATUS_PAUSED);
		}
		bind_reap(b, q);
	}
	chain = q->done;
	n = q->done_count;
	q->done = NULL;
	q->done_tail = &q->done;
	q->done_count = 0;
	lb = q->lb;
	q->lb = NULL;
	q->lb_tail = &q->lb;
	nbl_bind_txq_give(&q->pub);

	/* Holding nothing now: handlers may send on any queue. */
	if (lb != NULL) {
		b->conf.receive(b->conf.ctx, lb, NBL_RECEIVE_F_RESOURCES |
				NBL_SEND_COMPLETE_F_DISPATCH_LEVEL);
		for (; lb != NULL; lb = next) {
			next = lb->next;
			nbl_list_free(lb);
		}
	}
	if (chain != NULL)
		b->conf.send_complete(b->conf.ctx, chain,
				      NBL_SEND_COMPLETE_F_DISPATCH_LEVEL);
	return (unsigned int)n;
}

unsigned int
nbl_bind_cancel(struct nbl_bind *b, void *cancel_id)
{
	unsigned int aborted = 0;
	uint16_t i;

	if (b == NULL || cancel_id == NULL)
		return 0;
	for (i = 0; i < b->nb_q_alloc; i++) {
		struct bind_queue *q = &b->q[i];
		struct nbl_list *last = NULL;
		uint32_t k, n, kept = 0;

		nbl_bind_txq_take(&q->pub);
		n = fifo_count(&q->backlog);
		for (k = 0; k < n; k++) {
			struct bind_ent e = *fifo_at(&q->backlog, k);

			if (e.nbl->info[NBL_INFO_CANCEL_ID] != cancel_id) {
				*fifo_at(&q->backlog, kept++) = e;
				continue;
			}
			if (e.nbl != last)
				aborted++;
			last = e.nbl;
			frame_undo_done(q, &e, NBL_STATUS_SEND_ABORTED);
		}
		q->backlog.tail = q->backlog.head + kept;
		nbl_bind_txq_give(&q->pub);
	}
	return aborted;
}

static void
stats_add(struct nbl_bind_stats *s, const struct bind_queue *q)
{
	const uint64_t *src = (const uint64_t *)&q->pub.stats;
	uint64_t *dst = (uint64_t *)s;
	size_t i;

	for (i = 0; i < sizeof(*s) / sizeof(uint64_t); i++)
		dst[i] += src[i];
	s->outstanding += q->done_count;
}

static uint64_t
queue_outstanding(const struct bind_queue *q)
{
	const struct nbl_bind_stats *s = &q->pub.stats;
	uint64_t done = s->sent;
	unsigned int i;

	for (i = 0; i < NBL_BIND_FAIL_MAX; i++)
		done += s->failed[i];
	return s->submitted - done;
}

/* NBLs submitted whose frames are not all done (delivered or not). */
uint64_t
bind_unfinished(const struct nbl_bind *b)
{
	uint64_t n = 0;
	uint16_t i;

	for (i = 0; i < b->nb_q_alloc; i++)
		n += queue_outstanding(&b->q[i]);
	return n;
}

uint64_t
nbl_bind_outstanding(const struct nbl_bind *b)
{
	uint64_t n = 0;
	uint16_t i;

	if (b == NULL)
		return 0;
	for (i = 0; i < b->nb_q_alloc; i++)
		n += queue_outstanding(&b->q[i]) + b->q[i].done_count;
	return n;
}

int
nbl_bind_stats_get(const struct nbl_bind *b, uint16_t queue,
		   struct nbl_bind_stats *st)
{
	uint16_t i;

	if (b == NULL || st == NULL ||
	    (queue != NBL_BIND_ALL_QUEUES && queue >= b->nb_q_alloc))
		return -EINVAL;
	memset(st, 0, sizeof(*st));
	for (i = 0; i < b->nb_q_alloc; i++) {
		if (queue != NBL_BIND_ALL_QUEUES && i != queue)
			continue;
		stats_add(st, &b->q[i]);
		st->outstanding += queue_outstanding(&b->q[i]);
	}
	return 0;
}

void
nbl_bind_stats_print(const struct nbl_bind *b, FILE *f)
{
	struct nbl_bind_stats s;

	if (f == NULL || nbl_bind_stats_get(b, NBL_BIND_ALL_QUEUES, &s) != 0)
		return;
	fprintf(f, "%s: submitted %" PRIu64 " sent %" PRIu64
		" failed resources %" PRIu64 " invalid-length %" PRIu64
		" paused %" PRIu64 " aborted %" PRIu64 " failure %" PRIu64
		" outstanding %" PRIu64 "; frames %" PRIu64 " bytes %" PRIu64
		" (zero-copy %" PRIu64 ", copies %" PRIu64 "), backlog retries %"
		PRIu64 " overflows %" PRIu64 ", cleanups %" PRIu64
		", fire-and-forget %" PRIu64 "/%" PRIu64 " dropped %" PRIu64
		" no-buffers %" PRIu64 ", loopback %" PRIu64 " dropped %" PRIu64 "\n",
		b->conf.name, s.submitted, s.sent,
		s.failed[NBL_BIND_FAIL_RESOURCES],
		s.failed[NBL_BIND_FAIL_INVALID_LENGTH],
		s.failed[NBL_BIND_FAIL_PAUSED], s.failed[NBL_BIND_FAIL_ABORTED],
		s.failed[NBL_BIND_FAIL_FAILURE], s.outstanding, s.packets,
		s.bytes, s.zero_copy, s.copies, s.backlog_retries,
		s.backlog_overflows, s.cleanups, s.ff_sent, s.ff_submitted,
		s.ff_dropped, s.ff_nobufs, s.loopback, s.loopback_drops);
}

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

#include "nbl_bind_private.h"

/* Give a frame that never reached the PMD back: drop the reference hold
 * of a zero-copy frame, free a copy. */
static void
frame_undo(struct bind_queue *q, const struct bind_ent *e)
{
	if (e->m == e->nbl->mbuf) {
		rte_mbuf_refcnt_set(e->m, 1); /* never reached the PMD */
		e->m->ol_flags = 0;
		q->zc_reserved--;
	} else {
		rte_pktmbuf_free(e->m);
	}
}

static void
reap_released(struct bind_queue *q)
{
	while (fifo_count(&q->inflight) != 0) {
		struct bind_ent *e = fifo_at(&q->inflight, 0);

		if (rte_mbuf_refcnt_read(e->m) != 1)
			break;
		e->m->ol_flags = 0;
		q->inflight.head++;
		bind_frame_done(q, e->nbl);
	}
}

/*
 * Complete zero-copy frames whose mbuf the PMD freed (reference count back
 * to 1).  If some are still held, ask the PMD to clean up its ring (an idle
 * queue never reaches its free threshold by itself).
 */
void
bind_reap(struct nbl_bind *b, struct bind_queue *q)
{
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
		frame_undo(q, &e);
		bind_fail(e.nbl, status);
		bind_frame_done(q, e.nbl);
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
			frame_undo(q, &e);
			bind_fail(e.nbl, NBL_STATUS_SEND_ABORTED);
			if (e.nbl != last)
				aborted++;
			last = e.nbl;
			bind_frame_done(q, e.nbl);
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

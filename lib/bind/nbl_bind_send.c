/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/*
 * NdisSendNetBufferLists: materialise each NBL (by reference or as
 * copies), keep the frames in wire order in the queue's bounded backlog and
 * hand them to the PMD with rte_eth_tx_prepare + rte_eth_tx_burst.
 */

#include <errno.h>

#include <rte_ethdev.h>
#include <rte_mbuf.h>

#include "nbl_bind_private.h"

/* Frames gathered for one tx_burst. */
#define FLUSH_BURST NBL_BIND_BURST_MAX

/* The PMD took n frames from the head of the backlog. */
static void
accepted(struct bind_queue *q, uint16_t n)
{
	uint16_t i;

	for (i = 0; i < n; i++) {
		struct bind_ent e = *fifo_at(&q->backlog, 0);

		q->backlog.head++;
		q->pub.stats.packets++;
		q->pub.stats.bytes += e.m->pkt_len;
		if (e.m == e.nbl->mbuf) {
			/* room reserved when the frame was queued */
			q->zc_reserved--;
			fifo_push(&q->inflight, e.m, e.nbl);
			q->pub.stats.zero_copy++;
		} else {
			q->pub.stats.copies++;
			bind_frame_done(q, e.nbl);
		}
	}
}

/*
 * Send from the backlog until it is empty or the PMD refuses more after
 * `retries` immediate retries.  A frame rte_eth_tx_prepare() rejects fails
 * its NBL with the mapped status.
 */
void
bind_flush(struct nbl_bind *b, struct bind_queue *q, uint32_t retries)
{
	struct rte_mbuf *m[FLUSH_BURST];
	uint16_t qid = q->pub.queue_id;
	uint32_t tries = 0;

	while (fifo_count(&q->backlog) != 0) {
		uint16_t n = (uint16_t)RTE_MIN(fifo_count(&q->backlog),
					       (uint32_t)FLUSH_BURST);
		uint16_t i, ok, sent;

		for (i = 0; i < n; i++)
			m[i] = fifo_at(&q->backlog, i)->m;
		ok = rte_eth_tx_prepare(b->port_id, qid, m, n);
		if (unlikely(ok == 0)) {
			struct bind_ent e = *fifo_at(&q->backlog, 0);

			q->backlog.head++;
			if (e.m == e.nbl->mbuf) {
				rte_mbuf_refcnt_set(e.m, 1);
				e.m->ol_flags = 0;
				q->zc_reserved--;
			} else {
				rte_pktmbuf_free(e.m);
			}
			bind_fail(e.nbl, nbl_bind_status_from_errno(rte_errno));
			bind_frame_done(q, e.nbl);
			continue;
		}
		if (q->last_short)
			q->pub.stats.backlog_retries++;
		sent = rte_eth_tx_burst(b->port_id, qid, m, ok);
		accepted(q, sent);
		q->last_short = sent < ok;
		if (sent < ok && ++tries > retries)
			break;
	}
}

/* Queue one frame; when the backlog is full try to drain it once. */
static int
push(struct nbl_bind *b, struct bind_queue *q, struct rte_mbuf *m,
     struct nbl_list *nbl)
{
	if (unlikely(fifo_room(&q->backlog) == 0)) {
		bind_flush(b, q, 0);
		if (fifo_room(&q->backlog) == 0) {
			q->pub.stats.backlog_overflows++;
			return -ENOBUFS;
		}
	}
	fifo_push(&q->backlog, m, nbl);
	nbl_pending_set(nbl, nbl_pending(nbl) + 1);
	return 0;
}

int
bind_push(struct nbl_bind *b, struct bind_queue *q, struct rte_mbuf *m,
	  struct nbl_list *nbl)
{
	return push(b, q, m, nbl);
}

/* Can this NBL go by reference? (single NB on its embedded mbuf MDL) */
static inline bool
zc_layout(const struct nbl_list *nbl)
{
	const struct nbl_buf *nb = nbl->first_nb;

	return nbl->mbuf != NULL && nb == (const struct nbl_buf *)(nbl + 1) &&
		nb->next == NULL && nb->ndis_mdls == 0 &&
		nb->chain != NULL && nb->chain->next == NULL &&
		nb->chain->mbuf == nbl->mbuf && nb->cur == nb->chain &&
		rte_mbuf_refcnt_read(nbl->mbuf) == 1;
}

/* Copy one NB into a copy-pool mbuf, apply offloads, queue it. */
static int32_t
copy_nb(struct nbl_bind *b, struct bind_queue *q, struct nbl_list *nbl,
	struct nbl_buf *nb)
{
	struct rte_mbuf *m;
	char *p;

	if (nb->data_length == 0)
		return NBL_STATUS_INVALID_PARAMETER;
	if (nb->data_length > b->reqs.max_frame)
		return NBL_STATUS_INVALID_LENGTH;
	m = rte_pktmbuf_alloc(b->copy_mp);
	if (unlikely(m == NULL))
		return NBL_STATUS_RESOURCES;
	p = rte_pktmbuf_append(m, (uint16_t)nb->data_length);
	if (unlikely(p == NULL ||
		     nbl_buf_copy_out(nb, 0, nb->data_length, p) != 0)) {
		rte_pktmbuf_free(m);
		return NBL_STATUS_FAILURE;
	}
	if (nbl->info_dirty) {
		int32_t st = bind_offload_sw(b, q, nbl, &m);

		if (st != NBL_STATUS_SUCCESS) {
			rte_pktmbuf_free(m);
			return st;
		}
	}
	if (push(b, q, m, nbl) != 0) {
		rte_pktmbuf_free(m);
		return NBL_STATUS_RESOURCES;
	}
	return NBL_STATUS_SUCCESS;
}

static void
submit_copy(struct nbl_bind *b, struct bind_queue *q, struct nbl_list *nbl)
{
	struct nbl_buf *nb;

	for (nb = nbl->first_nb; nb != NULL; nb = nb->next) {
		int32_t st;

		if (nbl->info_dirty &&
		    nbl->info[NBL_INFO_TCP_LARGE_SEND] != NULL &&
		    !(b->hw_offloads & RTE_ETH_TX_OFFLOAD_TCP_TSO))
			st = bind_lso_sw(b, q, nbl, nb);
		else
			st = copy_nb(b, q, nbl, nb);
		if (st != NBL_STATUS_SUCCESS) {
			bind_fail(nbl, st);
			break;
		}
	}
}

static void
submit_one(struct nbl_bind *b, struct bind_queue *q, struct nbl_list *nbl,
	   uint32_t flags)
{
	if (unlikely(nbl->first_nb == NULL)) {
		bind_fail(nbl, NBL_STATUS_INVALID_PARAMETER);
		return;
	}
	if (unlikely(flags & NBL_SEND_F_CHECK_FOR_LOOPBACK))
		bind_loopback(b, q, nbl);
	if (b->zc && zc_layout(nbl) &&
	    fifo_room(&q->inflight) > q->zc_reserved &&
	    (!nbl->info_dirty || !bind_offload_needs_sw(b, nbl))) {
		struct rte_mbuf *m = nbl_list_to_mbuf(nbl);

		if (unlikely(m->pkt_len > b->reqs.max_frame &&
			     (!nbl->info_dirty ||
			      nbl->info[NBL_INFO_TCP_LARGE_SEND] == NULL))) {
			bind_fail(nbl, NBL_STATUS_INVALID_LENGTH);
			return;
		}
		if (unlikely(m->pkt_len == 0)) {
			bind_fail(nbl, NBL_STATUS_INVALID_PARAMETER);
			return;
		}
		if (nbl->info_dirty) {
			int32_t st = bind_offload_hw(b, nbl, m);

			if (st != NBL_STATUS_SUCCESS) {
				m->ol_flags = 0;
				bind_fail(nbl, st);
				return;
			}
		}
		/* the hold: refcnt was 1 (zc_layout) and only we see the
		 * mbuf until the burst, so a plain store does */
		rte_mbuf_refcnt_set(m, 2);
		if (unlikely(push(b, q, m, nbl) != 0)) {
			rte_mbuf_refcnt_set(m, 1);
			m->ol_flags = 0;
			bind_fail(nbl, NBL_STATUS_RESOURCES);
			return;
		}
		q->zc_reserved++;
		return;
	}
	submit_copy(b, q, nbl);
}

void
nbl_bind_send(struct nbl_bind *b, uint16_t queue, struct nbl_list *chain,
	      uint32_t flags)
{
	struct bind_queue *q;
	struct nbl_list *nbl, *next;
	uint32_t state;
	bool bad_q;

	if (b == NULL || chain == NULL)
		return;
	q = bind_queue_get(b, queue);
	nbl_bind_txq_take(&q->pub);
	state = bind_state(b);
	bad_q = queue >= b->nb_q;
	for (nbl = chain; nbl != NULL; nbl = next) {
		next = nbl->next;
		nbl->next = NULL;
		nbl->status = NBL_STATUS_SUCCESS;
		/* the submitter's hold: frames sent by a flush inside this
		 * loop cannot finish the NBL before all its frames exist */
		nbl_pending_set(nbl, 1);
		q->pub.stats.submitted++;
		if (unlikely(nbl->source_handle != b)) {
			if (nbl->source_handle != NULL) {
#ifdef NBL_DEBUG
				rte_panic("NBL misuse: send with SourceHandle %p on binding %p\n",
					  nbl->source_handle, (void *)b);
#endif
				BIND_LOG(ERR, b, "send with a foreign SourceHandle %p refused",
					 nbl->source_handle);
				bind_fail(nbl, NBL_STATUS_INVALID_PARAMETER);
				bind_frame_done(q, nbl);
				continue;
			}
			nbl->source_handle = b;
		}
		if (unlikely(bad_q))
			bind_fail(nbl, state == NBL_BIND_RUNNING ?
				  NBL_STATUS_INVALID_PARAMETER :
				  NBL_STATUS_PAUSED);
		else if (unlikely(state != NBL_BIND_RUNNING))
			bind_fail(nbl, NBL_STATUS_PAUSED);
		else
			submit_one(b, q, nbl, flags);
		bind_frame_done(q, nbl);
	}
	if (!bad_q && state == NBL_BIND_RUNNING)
		bind_flush(b, q, q->pub.tx_retries);
	nbl_bind_txq_give(&q->pub);
}

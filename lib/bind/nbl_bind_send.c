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

/*
 * Zero-copy frames and the pending count: an NBL sent by reference has
 * exactly one frame, queued as the last thing its submission does, so its
 * NBL is finished when that frame is done and nbl_pending() is not used
 * for it (only copies count frames).  A frame is by reference when its
 * mbuf is the NBL's own.
 */
static inline bool
ent_zc(const struct bind_ent *e)
{
	/* the NBL's own mbuf precedes it (nbl_list_to_mbuf()); pointer
	 * arithmetic only, so no load of the NBL's second line */
	return e->m == (const struct rte_mbuf *)RTE_PTR_SUB(e->nbl,
						sizeof(struct rte_mbuf));
}

/* A frame left the backlog for good without reaching the PMD. */
static inline void
ent_done(struct bind_queue *q, const struct bind_ent *e, bool zc)
{
	if (zc)
		finish(q, e->nbl);
	else
		bind_frame_done(q, e->nbl);
}

/* The PMD took the n frames at the head of the backlog (len[]: their
 * lengths, read before the burst: a copy may be freed by now). */
static inline void
accepted(const struct nbl_bind *b, struct bind_queue *q, uint16_t n,
	 const uint32_t *len)
{
	uint64_t bytes = 0;
	uint32_t zc = 0;
	uint16_t i;

	for (i = 0; i < n; i++) {
		const struct bind_ent *e = fifo_at(&q->backlog, i);

		bytes += len[i];
		if (likely(ent_zc(e))) {
			/* room reserved when the frame was queued; with a
			 * return pool the PMD's free finished it already */
			if (!b->zc_ret)
				fifo_push(&q->inflight, e->m, e->nbl);
			zc++;
		} else {
			bind_frame_done(q, e->nbl);
		}
	}
	q->backlog.head += n;
	q->zc_reserved -= zc;
	q->pub.stats.packets += n;
	q->pub.stats.bytes += bytes;
	q->pub.stats.zero_copy += zc;
	q->pub.stats.copies += n - zc;
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
	uint32_t len[FLUSH_BURST];
	uint16_t qid = q->pub.queue_id;
	uint32_t tries = 0;

	while (fifo_count(&q->backlog) != 0) {
		uint16_t n = (uint16_t)RTE_MIN(fifo_count(&q->backlog),
					       (uint32_t)FLUSH_BURST);
		uint16_t i, ok, sent;

		for (i = 0; i < n; i++) {
			m[i] = fifo_at(&q->backlog, i)->m;
			len[i] = m[i]->pkt_len;
		}
		ok = rte_eth_tx_prepare(b->port_id, qid, m, n);
		if (unlikely(ok == 0)) {
			struct bind_ent e = *fifo_at(&q->backlog, 0);
			bool zc = ent_zc(&e);

			q->backlog.head++;
			if (zc) {
				zc_unhold(q, e.m, e.nbl);
				q->zc_reserved--;
			} else {
				rte_pktmbuf_free(e.m);
			}
			bind_fail(e.nbl, nbl_bind_status_from_errno(rte_errno));
			ent_done(q, &e, zc);
			continue;
		}
		if (unlikely(q->last_short))
			q->pub.stats.backlog_retries++;
		sent = rte_eth_tx_burst(b->port_id, qid, m, ok);
		accepted(b, q, sent, len);
		q->last_short = sent < ok;
		if (unlikely(sent < ok) && ++tries > retries)
			break;
	}
}

/* Make room for one frame in the backlog: when it is full try to drain it
 * once; count an overflow.  0 or -ENOBUFS. */
static inline int
backlog_room(struct nbl_bind *b, struct bind_queue *q)
{
	if (unlikely(fifo_room(&q->backlog) == 0)) {
		bind_flush(b, q, 0);
		if (fifo_room(&q->backlog) == 0) {
			q->pub.stats.backlog_overflows++;
			return -ENOBUFS;
		}
	}
	return 0;
}

/* Queue one copy frame of an NBL (counted in its pending frames). */
static int
push(struct nbl_bind *b, struct bind_queue *q, struct rte_mbuf *m,
     struct nbl_list *nbl)
{
	if (backlog_room(b, q) != 0)
		return -ENOBUFS;
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
	/* The embedded NB and the mbuf of a (T,N) NBL sit at fixed offsets
	 * from it: their loads need not wait for the NBL's pointers to be
	 * read (each check dereferences only what the ones before proved to
	 * be this NBL's own).  Only the NB's first line and the mbuf's first
	 * line are read: the embedded MDL sits right after the NB and spans
	 * the mbuf's buffer, and data that ends inside that buffer needs no
	 * other MDL. */
	const struct nbl_buf *nb = (const struct nbl_buf *)(nbl + 1);
	const struct rte_mbuf *m = (const struct rte_mbuf *)
		RTE_PTR_SUB(nbl, sizeof(struct rte_mbuf));

	return nbl->first_nb == nb && nb->mbuf == m &&
		nb->next == NULL && nb->ndis_mdls == 0 &&
		nb->chain == (const struct nbl_mdl *)(nb + 1) &&
		nb->cur == nb->chain &&
		(uint64_t)nb->data_offset + nb->data_length <= m->buf_len &&
		rte_mbuf_refcnt_read(m) == 1;
}

/*
 * Copy one NB into copy-pool buffers, chained where it does not fit one
 * (at most max_segs of them: a large send for the port's TSO), apply the
 * offloads and queue it as one frame.
 */
static int32_t
copy_frame(struct nbl_bind *b, struct bind_queue *q, struct nbl_list *nbl,
	   struct nbl_buf *nb, uint16_t max_segs)
{
	struct rte_mbuf *head = NULL, *m;
	uint32_t off = 0;
	int32_t st;

	while (off < nb->data_length) {
		uint16_t n;
		char *p;

		m = rte_pktmbuf_alloc(b->copy_mp);
		if (unlikely(m == NULL)) {
			st = NBL_STATUS_RESOURCES;
			goto fail;
		}
		n = (uint16_t)RTE_MIN(nb->data_length - off,
				      (uint32_t)rte_pktmbuf_tailroom(m));
		p = rte_pktmbuf_append(m, n);
		if (unlikely(p == NULL ||
			     nbl_buf_copy_out(nb, off, n, p) != 0)) {
			rte_pktmbuf_free(m);
			st = NBL_STATUS_FAILURE;
			goto fail;
		}
		if (head == NULL) {
			head = m;
		} else if (head->nb_segs >= max_segs ||
			   rte_pktmbuf_chain(head, m) != 0) {
			rte_pktmbuf_free(m);
			st = NBL_STATUS_INVALID_LENGTH; /* beyond the port */
			goto fail;
		}
		off += n;
	}
	if (nbl->info_dirty) {
		st = bind_offload_sw(b, q, nbl, &head);
		if (st != NBL_STATUS_SUCCESS)
			goto fail;
	}
	if (push(b, q, head, nbl) != 0) {
		st = NBL_STATUS_RESOURCES;
		goto fail;
	}
	return NBL_STATUS_SUCCESS;
fail:
	rte_pktmbuf_free(head);
	return st;
}

/* Copy one NB of at most max_frame bytes into one copy buffer. */
static int32_t
copy_nb(struct nbl_bind *b, struct bind_queue *q, struct nbl_list *nbl,
	struct nbl_buf *nb)
{
	if (nb->data_length == 0)
		return NBL_STATUS_INVALID_PARAMETER;
	if (nb->data_length > b->reqs.max_frame)
		return NBL_STATUS_INVALID_LENGTH;
	return copy_frame(b, q, nbl, nb, 1);
}

/* A large send above one copy buffer for the port's TSO: a chain of copy
 * buffers, the TSO flags on its head. */
static int32_t
copy_nb_tso(struct nbl_bind *b, struct bind_queue *q, struct nbl_list *nbl,
	    struct nbl_buf *nb)
{
	if (nb->data_length > NBL_BIND_LSO_MAX)
		return NBL_STATUS_INVALID_LENGTH;
	return copy_frame(b, q, nbl, nb, b->reqs.tso_segs_max);
}

static void
submit_copy(struct nbl_bind *b, struct bind_queue *q, struct nbl_list *nbl)
{
	struct nbl_buf *nb;

	for (nb = nbl->first_nb; nb != NULL; nb = nb->next) {
		bool lso = nbl->info_dirty &&
			nbl->info[NBL_INFO_TCP_LARGE_SEND] != NULL;
		int32_t st;

		/* the port's TSO where it has it (with the checksums every
		 * segment needs): in one copy buffer, or in a chain of them
		 * where it takes multi-segment frames; segmentation in
		 * software otherwise */
		if (lso && ((b->hw_offloads & BIND_TSO_HW) != BIND_TSO_HW ||
			    (nb->data_length > b->reqs.max_frame &&
			     b->reqs.tso_segs_max == 0)))
			st = bind_lso_sw(b, q, nbl, nb);
		else if (lso && nb->data_length > b->reqs.max_frame)
			st = copy_nb_tso(b, q, nbl, nb);
		else
			st = copy_nb(b, q, nbl, nb);
		if (st != NBL_STATUS_SUCCESS) {
			bind_fail(nbl, st);
			break;
		}
	}
}

/* What zc_prepare() made of an NBL. */
enum zc_res {
	ZC_COPY,     /* must be copied: nothing changed */
	ZC_READY,    /* its mbuf is ready, with the device hold */
	ZC_FINISHED, /* failed and finished */
};

/*
 * Prepare an NBL to go by reference: its own mbuf, offloads set, the
 * device hold taken (zc_hold(): completed once the PMD freed it, by the
 * return pool's enqueue or by bind_reap()).
 */
static __rte_always_inline enum zc_res
zc_prepare(struct nbl_bind *b, struct bind_queue *q, struct nbl_list *nbl,
	   struct rte_mbuf **mp)
{
	struct rte_mbuf *m;

	if (!zc_layout(nbl) || fifo_room(&q->inflight) <= q->zc_reserved ||
	    (unlikely(nbl->info_dirty) && bind_offload_needs_sw(b, nbl)))
		return ZC_COPY;
	m = nbl_list_to_mbuf(nbl);
	if (unlikely(m->pkt_len > b->reqs.max_frame &&
		     (!nbl->info_dirty ||
		      nbl->info[NBL_INFO_TCP_LARGE_SEND] == NULL))) {
		bind_fail(nbl, NBL_STATUS_INVALID_LENGTH);
		goto fail;
	}
	if (unlikely(m->pkt_len == 0)) {
		bind_fail(nbl, NBL_STATUS_INVALID_PARAMETER);
		goto fail;
	}
	if (unlikely(nbl->info_dirty)) {
		int32_t st = bind_offload_hw(b, nbl, m);

		if (st != NBL_STATUS_SUCCESS) {
			bind_fail(nbl, st);
			goto fail;
		}
	}
	/* refcnt was 1 (zc_layout) and only we see the mbuf until the
	 * burst, so zc_hold() stores plainly */
	zc_hold(b, q, m);
	*mp = m;
	return ZC_READY;
fail:
	m->ol_flags = 0;
	finish(q, nbl);
	return ZC_FINISHED;
}

/* Queue an NBL by reference in the backlog; false if it must be copied. */
static __rte_always_inline bool
submit_zc(struct nbl_bind *b, struct bind_queue *q, struct nbl_list *nbl)
{
	struct rte_mbuf *m;
	enum zc_res r = zc_prepare(b, q, nbl, &m);

	if (r != ZC_READY)
		return r == ZC_FINISHED;
	if (unlikely(backlog_room(b, q) != 0)) {
		zc_unhold(q, m, nbl);
		bind_fail(nbl, NBL_STATUS_RESOURCES);
		finish(q, nbl);
		return true;
	}
	fifo_push(&q->backlog, m, nbl);
	q->zc_reserved++;
	return true;
}

/*
 * Zero-copy frames staged for a direct burst: while the backlog is empty,
 * frames sent by reference skip it (they would be its only content, in
 * the same order).  Staged frames count in zc_reserved like queued ones.
 */
struct zc_stage {
	struct rte_mbuf *m[FLUSH_BURST];
	struct nbl_list *nbl[FLUSH_BURST];
	uint64_t bytes; /* of the staged frames */
	uint16_t n;
	uint16_t max; /* at most the backlog's size: the rest always fits */
};

/*
 * A PMD that frees on transmit (net_null, net_pcap, ...) already dropped
 * the hold of the frames it took: with nothing older in flight, finish
 * those at the front that it released, in order, without the round trip
 * through the in-flight FIFO (the poll delivers them).  Their NBLs have
 * SUCCESS (a staged NBL never failed).  Returns how many.
 */
static inline uint16_t
released_now(struct bind_queue *q, const struct zc_stage *st, uint16_t sent)
{
	struct nbl_list *first = NULL, **tail = &first;
	uint16_t i;

	for (i = 0; i < sent; i++) {
		struct rte_mbuf *m = st->m[i];
		struct nbl_list *nbl = st->nbl[i];

		if (rte_mbuf_refcnt_read(m) != 1)
			break;
		m->ol_flags = 0;
		*tail = nbl;
		tail = &nbl->next;
	}
	if (i == 0)
		return 0;
	/* nbl->next of the last one is NULL already (set at submission) */
	*q->done_tail = first;
	q->done_tail = tail;
	q->done_count += i;
	q->pub.stats.sent += i;
	return i;
}

/*
 * Hand the staged frames to the PMD once (tx_prepare + one tx_burst, as
 * one round of bind_flush()); what it did not take goes to the (empty)
 * backlog in order, for bind_flush().  Returns true if the burst was
 * short.
 */
static bool
stage_burst(struct nbl_bind *b, struct bind_queue *q, struct zc_stage *st)
{
	uint16_t n = st->n, i, ok, sent = 0;
	uint64_t bytes = st->bytes;

	st->n = 0;
	st->bytes = 0;
	ok = rte_eth_tx_prepare(b->port_id, q->pub.queue_id, st->m, n);
	if (likely(ok != 0)) {
		if (unlikely(q->last_short))
			q->pub.stats.backlog_retries++;
		sent = rte_eth_tx_burst(b->port_id, q->pub.queue_id, st->m,
					ok);
		q->last_short = sent < ok;
		if (unlikely(sent < n)) /* zero copy: still ours */
			for (i = sent; i < n; i++)
				bytes -= st->m[i]->pkt_len;
		/* with a return pool the PMD's free finished them */
		if (!b->zc_ret) {
			i = 0;
			if (fifo_count(&q->inflight) == 0)
				i = released_now(q, st, sent);
			for (; i < sent; i++)
				fifo_push(&q->inflight, st->m[i],
					  st->nbl[i]);
		}
		q->zc_reserved -= sent;
		q->pub.stats.packets += sent;
		q->pub.stats.bytes += bytes;
		q->pub.stats.zero_copy += sent;
	}
	/* the rest keep their zc_reserved share; a frame tx_prepare()
	 * refused is failed by bind_flush() */
	for (i = sent; i < n; i++)
		fifo_push(&q->backlog, st->m[i], st->nbl[i]);
	return sent < ok;
}

/* Copy path: every NB (or LSO segment) a frame of its own. */
static void
submit_copy_nbl(struct nbl_bind *b, struct bind_queue *q,
		struct nbl_list *nbl)
{
	/* the submitter's hold: frames sent by a flush inside this call
	 * cannot finish the NBL before all its frames exist */
	nbl_pending_set(nbl, 1);
	if (unlikely(nbl->first_nb == NULL))
		bind_fail(nbl, NBL_STATUS_INVALID_PARAMETER);
	else
		submit_copy(b, q, nbl);
	bind_frame_done(q, nbl);
}

/*
 * Take one NBL of a send chain: unlink it, count it submitted and check
 * its SourceHandle (NULL becomes this binding; another binding's is
 * refused with INVALID_PARAMETER and the NBL finished).  False when it
 * was refused.
 */
static __rte_always_inline bool
intake(struct nbl_bind *b, struct bind_queue *q, struct nbl_list *nbl)
{
	nbl->next = NULL;
	if (unlikely(nbl->status != NBL_STATUS_SUCCESS))
		nbl->status = NBL_STATUS_SUCCESS;
	q->pub.stats.submitted++;
	if (likely(nbl->source_handle == b))
		return true;
	if (nbl->source_handle == NULL) {
		nbl->source_handle = b;
		return true;
	}
#ifdef NBL_DEBUG
	rte_panic("NBL misuse: send with SourceHandle %p on binding %p\n",
		  nbl->source_handle, (void *)b);
#endif
	BIND_LOG(ERR, b, "send with a foreign SourceHandle %p refused",
		 nbl->source_handle);
	bind_fail(nbl, NBL_STATUS_INVALID_PARAMETER);
	finish(q, nbl);
	return false;
}

/*
 * Submit a chain on a Running binding and a valid queue, then flush.  zc
 * and loopback are per-chain constants: the compiler makes one loop for
 * each.
 */
static __rte_always_inline void
send_running(struct nbl_bind *b, struct bind_queue *q, struct nbl_list *chain,
	     const bool zc, const bool loopback)
{
	struct nbl_list *nbl, *next;
	struct zc_stage st;
	uint32_t retries = q->pub.tx_retries;

	st.n = 0;
	st.bytes = 0;
	st.max = (uint16_t)RTE_MIN(fifo_room(&q->backlog) +
				   fifo_count(&q->backlog),
				   (uint32_t)FLUSH_BURST);
	for (nbl = chain; nbl != NULL; nbl = next) {
		next = nbl->next;
		if (unlikely(!intake(b, q, nbl)))
			continue;
		if (loopback && nbl->first_nb != NULL)
			bind_loopback(b, q, nbl);
		if (zc) {
			if (st.n != 0 || (fifo_count(&q->backlog) == 0 &&
					  st.max != 0)) {
				struct rte_mbuf *m;
				enum zc_res r = zc_prepare(b, q, nbl, &m);

				if (likely(r == ZC_READY)) {
					st.m[st.n] = m;
					st.nbl[st.n] = nbl;
					st.bytes += m->pkt_len;
					q->zc_reserved++;
					if (++st.n == st.max)
						stage_burst(b, q, &st);
					continue;
				}
				if (r == ZC_FINISHED)
					continue;
				/* a copy comes after the staged frames */
				if (st.n != 0)
					stage_burst(b, q, &st);
			} else if (likely(submit_zc(b, q, nbl))) {
				continue;
			}
		}
		submit_copy_nbl(b, q, nbl);
	}
	if (st.n != 0) {
		/* the staged burst is the flush's first round */
		if (stage_burst(b, q, &st)) {
			if (retries != 0)
				bind_flush(b, q, retries - 1);
			return;
		}
	}
	if (fifo_count(&q->backlog) != 0)
		bind_flush(b, q, retries);
}

/* Not Running, or no such queue: every NBL completes with a status. */
static void
send_refused(struct nbl_bind *b, struct bind_queue *q, struct nbl_list *chain,
	     int32_t status)
{
	struct nbl_list *nbl, *next;

	for (nbl = chain; nbl != NULL; nbl = next) {
		next = nbl->next;
		if (unlikely(!intake(b, q, nbl)))
			continue;
		bind_fail(nbl, status);
		finish(q, nbl);
	}
}

void
nbl_bind_send(struct nbl_bind *b, uint16_t queue, struct nbl_list *chain,
	      uint32_t flags)
{
	struct bind_queue *q;
	uint32_t state;

	if (b == NULL || chain == NULL)
		return;
	q = bind_queue_get(b, queue);
	nbl_bind_txq_take(&q->pub);
	state = bind_state(b);
	if (unlikely(queue >= b->nb_q))
		send_refused(b, q, chain, state == NBL_BIND_RUNNING ?
			     NBL_STATUS_INVALID_PARAMETER : NBL_STATUS_PAUSED);
	else if (unlikely(state != NBL_BIND_RUNNING))
		send_refused(b, q, chain, NBL_STATUS_PAUSED);
	else {
		if (unlikely(flags & NBL_SEND_F_CHECK_FOR_LOOPBACK)) {
			if (b->zc)
				send_running(b, q, chain, true, true);
			else
				send_running(b, q, chain, false, true);
		} else if (likely(b->zc)) {
			send_running(b, q, chain, true, false);
		} else {
			send_running(b, q, chain, false, false);
		}
	}
	nbl_bind_txq_give(&q->pub);
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* Port configuration, pools and queue objects of a binding. */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#include "nbl_bind_private.h"

static uint32_t bind_pool_seq;

uint64_t
bind_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static int
port_socket(uint16_t port_id)
{
	int s = rte_eth_dev_socket_id(port_id);

	return s < 0 ? SOCKET_ID_ANY : s;
}

/* Stop the port if started; errors are logged only (nothing to undo). */
void
bind_port_stop(struct nbl_bind *b)
{
	int ret;

	if (!b->port_started)
		return;
	ret = rte_eth_dev_stop(b->port_id);
	if (ret != 0)
		BIND_LOG(WARNING, b, "port %u: stop: %s", b->port_id,
			 rte_strerror(-ret));
	b->port_started = false;
}

/* Configure TX/RX queues and MTU from the requirements and start. */
int
bind_port_setup(struct nbl_bind *b, const struct nbl_bind_reqs *r)
{
	struct rte_eth_conf pc;
	struct rte_eth_dev_info di;
	struct rte_eth_txconf txc;
	uint16_t nb_txd = r->nb_tx_desc, nb_rxd = r->nb_rx_desc, q;
	int socket = port_socket(b->port_id);
	int ret;

	bind_port_stop(b);
	ret = rte_eth_dev_info_get(b->port_id, &di);
	if (ret != 0)
		return ret;
	memset(&pc, 0, sizeof(pc));
	pc.txmode.offloads = r->tx_offloads & di.tx_offload_capa;
	pc.rxmode.mtu = r->mtu;
	ret = rte_eth_dev_configure(b->port_id, r->nb_rx_queues,
				    r->nb_tx_queues, &pc);
	if (ret != 0) {
		BIND_LOG(ERR, b, "port %u: configure (%u RX, %u TX queues, MTU %u): %s",
			 b->port_id, r->nb_rx_queues, r->nb_tx_queues, r->mtu,
			 rte_strerror(-ret));
		return ret;
	}
	ret = rte_eth_dev_adjust_nb_rx_tx_desc(b->port_id, &nb_rxd, &nb_txd);
	if (ret != 0)
		return ret;
	txc = di.default_txconf;
	txc.offloads = pc.txmode.offloads;
	for (q = 0; q < r->nb_tx_queues; q++) {
		ret = rte_eth_tx_queue_setup(b->port_id, q, nb_txd, socket,
					     &txc);
		if (ret != 0) {
			BIND_LOG(ERR, b, "port %u: TX queue %u setup: %s",
				 b->port_id, q, rte_strerror(-ret));
			return ret;
		}
	}
	for (q = 0; q < r->nb_rx_queues; q++) {
		ret = rte_eth_rx_queue_setup(b->port_id, q, nb_rxd, socket,
					     NULL, b->rx_mp);
		if (ret != 0) {
			BIND_LOG(ERR, b, "port %u: RX queue %u setup: %s",
				 b->port_id, q, rte_strerror(-ret));
			return ret;
		}
	}
	ret = rte_eth_dev_start(b->port_id);
	if (ret != 0) {
		BIND_LOG(ERR, b, "port %u: start: %s", b->port_id,
			 rte_strerror(-ret));
		return ret;
	}
	b->port_started = true;
	b->hw_offloads = pc.txmode.offloads;
	if (rte_eth_macaddr_get(b->port_id, &b->mac) != 0)
		memset(&b->mac, 0, sizeof(b->mac));
	/* An idle, started queue: cleanup is harmless and tells support. */
	b->cleanup = rte_eth_tx_done_cleanup(b->port_id, 0, 0) >= 0;
	return 0;
}

/* The shape of a protocol pool for requirements r. */
static void
proto_pool_params(const struct nbl_bind *b, const struct nbl_bind_reqs *r,
		  struct nbl_list_pool_params *p)
{
	memset(p, 0, sizeof(*p));
	p->alloc_nb = true;
	p->context_size = r->context_size;
	p->data_size = r->data_size;
	p->tag = 0x504e4942; /* "BINP" */
	p->count = r->pool_count;
	p->cache_size = r->cache_size;
	p->socket_id = port_socket(b->port_id);
	p->init_offset = r->data_backfill;
	p->init_length = r->max_frame;
}

int
nbl_bind_pool_params(const struct nbl_bind *bind,
		     struct nbl_list_pool_params *p)
{
	if (bind == NULL || p == NULL ||
	    bind_state(bind) == NBL_BIND_UNBOUND)
		return -EINVAL;
	proto_pool_params(bind, &bind->reqs, p);
	return 0;
}

int
bind_pools_create(struct nbl_bind *b, const struct nbl_bind_reqs *r,
		  struct nbl_list_pool **pool, struct rte_mempool **copy,
		  struct nbl_list_pool **lb)
{
	struct nbl_list_pool_params p;
	char name[RTE_MEMPOOL_NAMESIZE];
	int socket = port_socket(b->port_id);
	uint32_t room;

	*pool = NULL;
	*copy = NULL;
	*lb = NULL;
	if (b->conf.frame_len > r->max_frame) {
		BIND_LOG(ERR, b, "frame_len %u is above the largest frame %u of port %u (MTU %u)",
			 b->conf.frame_len, r->max_frame, b->port_id, r->mtu);
		return -EINVAL;
	}
	proto_pool_params(b, r, &p);
	if (b->conf.frame_len != 0)
		p.init_length = b->conf.frame_len;
	p.obj_init = b->conf.obj_init;
	p.obj_init_arg = b->conf.obj_init_arg;
	*pool = nbl_list_pool_create(&p);
	if (*pool == NULL)
		goto fail;
	snprintf(name, sizeof(name), "nblbc_%u",
		 __atomic_fetch_add(&bind_pool_seq, 1, __ATOMIC_RELAXED));
	/* Copies only (RX has its own pool): a whole frame after the
	 * headroom, at least the default mbuf size. */
	room = RTE_MAX((uint32_t)RTE_PKTMBUF_HEADROOM + r->max_frame,
		       (uint32_t)RTE_MBUF_DEFAULT_BUF_SIZE);
	*copy = rte_pktmbuf_pool_create(name, r->copy_count,
			r->cache_size > r->copy_count / 4 ? 0 : r->cache_size,
			0, (uint16_t)RTE_MIN(room, (uint32_t)UINT16_MAX),
			socket);
	if (*copy == NULL)
		goto fail;
	if (b->conf.receive != NULL) {
		memset(&p, 0, sizeof(p));
		p.alloc_nb = true;
		p.data_size = RTE_PKTMBUF_HEADROOM + r->max_frame;
		p.tag = 0x4c4e4942; /* "BINL" */
		p.count = 255;
		p.socket_id = socket;
		p.init_offset = RTE_PKTMBUF_HEADROOM;
		p.init_length = r->max_frame;
		*lb = nbl_list_pool_create(&p);
		if (*lb == NULL)
			goto fail;
	}
	return 0;
fail:
	BIND_LOG(ERR, b, "cannot create pools (%u NBLs of %u bytes, %u copies): %s",
		 r->pool_count, r->data_size, r->copy_count,
		 rte_strerror(rte_errno));
	nbl_list_pool_free(*lb);
	rte_mempool_free(*copy);
	nbl_list_pool_free(*pool);
	*pool = NULL;
	*copy = NULL;
	*lb = NULL;
	return -ENOMEM;
}

static bool
list_pool_full(const struct nbl_list_pool *p)
{
	struct nbl_pool_stats st;

	if (p == NULL)
		return true;
	nbl_list_pool_stats_get(p, &st);
	return st.outstanding == 0 && st.avail == st.size &&
		rte_mempool_avail_count(p->ctx_mp) == p->ctx_mp->size;
}

static bool
mempool_full(const struct rte_mempool *mp)
{
	return mp == NULL || rte_mempool_avail_count(mp) == mp->size;
}

/* The send pools: protocol, copy and loopback (not the RX pool). */
static bool
pools_full(const struct nbl_bind *b)
{
	return list_pool_full(b->pool) && list_pool_full(b->lb_pool) &&
		mempool_full(b->copy_mp);
}

/* Does the protocol hold NBLs of the binding's pool? */
bool
bind_protocol_holds(const struct nbl_bind *b)
{
	struct nbl_pool_stats st;

	if (b->pool == NULL)
		return false;
	nbl_list_pool_stats_get(b->pool, &st);
	return st.outstanding != 0;
}

static unsigned int
report_list_pool(const struct nbl_bind *b, const struct nbl_list_pool *p,
		 const char *what)
{
	struct nbl_pool_stats st;
	unsigned int n = 0;

	if (p == NULL)
		return 0;
	nbl_list_pool_stats_get(p, &st);
	if (st.outstanding != 0 || st.avail != st.size) {
		BIND_LOG(ERR, b, "%s pool %s not full: %u of %u objects in the pool, %" PRIu64 " held by the protocol, %" PRIu64 " by the device",
			 what, p->name, st.avail, st.size, st.outstanding,
			 st.size - st.avail > st.outstanding ?
			 st.size - st.avail - st.outstanding : 0);
		n++;
	}
	if (!mempool_full(p->ctx_mp)) {
		BIND_LOG(ERR, b, "%s pool %s: context pool %s not full: %u of %u",
			 what, p->name, p->ctx_mp->name,
			 rte_mempool_avail_count(p->ctx_mp), p->ctx_mp->size);
		n++;
	}
	return n;
}

static unsigned int
report_mempool(const struct nbl_bind *b, const struct rte_mempool *mp,
	       const char *what)
{
	if (mempool_full(mp))
		return 0;
	BIND_LOG(ERR, b, "%s pool %s not full: %u of %u mbufs in the pool, %u held by the device",
		 what, mp->name, rte_mempool_avail_count(mp), mp->size,
		 mp->size - rte_mempool_avail_count(mp));
	return 1;
}

/* Log every pool of the binding that is not full; how many. */
unsigned int
bind_pools_report(const struct nbl_bind *b)
{
	return report_list_pool(b, b->pool, "protocol") +
		report_list_pool(b, b->lb_pool, "loopback") +
		report_mempool(b, b->copy_mp, "copy") +
		report_mempool(b, b->rx_mp, "RX") +
		report_mempool(b, b->rx_mp_old, "old RX");
}

/*
 * Wait until every object of the binding's pools is back: the protocol
 * returned its NBLs and the PMD freed what it was given (helped by
 * rte_eth_tx_done_cleanup).  False after timeout_ms.
 */
bool
bind_pools_idle(struct nbl_bind *b, uint32_t timeout_ms)
{
	uint64_t deadline = bind_now_ms() + timeout_ms;
	uint16_t q;

	for (;;) {
		if (pools_full(b))
			return true;
		if (b->cleanup && b->nb_q != 0)
			for (q = 0; q < b->nb_q; q++) {
				nbl_bind_txq_take(&b->q[q].pub);
				rte_eth_tx_done_cleanup(b->port_id, q, 0);
				b->q[q].pub.stats.cleanups++;
				nbl_bind_txq_give(&b->q[q].pub);
			}
		if (pools_full(b))
			return true;
		/* the protocol holds NBLs: waiting cannot help */
		if (b->pool != NULL) {
			struct nbl_pool_stats st;

			nbl_list_pool_stats_get(b->pool, &st);
			if (st.outstanding != 0)
				return false;
		}
		if (bind_now_ms() >= deadline)
			return false;
		rte_delay_us_sleep(200);
	}
}

/* Free the send pools if every object is back; -EBUSY (all kept)
 * otherwise.  The RX pool is bind_rx_pools_free()'s. */
int
bind_pools_free(struct nbl_bind *b)
{
	if (!pools_full(b))
		return -EBUSY;
	if (nbl_list_pool_free(b->lb_pool) != 0 ||
	    nbl_list_pool_free(b->pool) != 0)
		return -EBUSY;
	rte_mempool_free(b->copy_mp);
	b->lb_pool = NULL;
	b->pool = NULL;
	b->copy_mp = NULL;
	return 0;
}

/* The RX pool of these requirements (NULL when the port has no RX). */
int
bind_rx_pool_create(struct nbl_bind *b, const struct nbl_bind_reqs *r,
		    struct rte_mempool **rx)
{
	char name[RTE_MEMPOOL_NAMESIZE];

	*rx = NULL;
	if (r->rx_count == 0)
		return 0;
	snprintf(name, sizeof(name), "nblbr_%u",
		 __atomic_fetch_add(&bind_pool_seq, 1, __ATOMIC_RELAXED));
	*rx = rte_pktmbuf_pool_create(name, r->rx_count,
				      bind_rx_cache(r->burst), 0,
				      (uint16_t)r->rx_room,
				      port_socket(b->port_id));
	if (*rx == NULL) {
		BIND_LOG(ERR, b, "cannot create the RX pool (%u mbufs of %u bytes): %s",
			 r->rx_count, r->rx_room, rte_strerror(rte_errno));
		return -ENOMEM;
	}
	return 0;
}

/* Free the RX pools whose mbufs are all back; -EBUSY if one is kept. */
int
bind_rx_pools_free(struct nbl_bind *b)
{
	int ret = 0;

	if (mempool_full(b->rx_mp_old)) {
		rte_mempool_free(b->rx_mp_old);
		b->rx_mp_old = NULL;
	} else {
		ret = -EBUSY;
	}
	if (mempool_full(b->rx_mp)) {
		rte_mempool_free(b->rx_mp);
		b->rx_mp = NULL;
	} else {
		ret = -EBUSY;
	}
	return ret;
}

/*
 * Read and free what the binding's RX queues hold (frames a port looped
 * from its TX into its own RX ring, frames received).  Bounded by every
 * mbuf the binding owns, since some PMDs (net_null) make up frames at
 * every call.  The port must be started; the caller owns the RX queues.
 */
unsigned int
bind_rx_drain(struct nbl_bind *b)
{
	struct rte_mbuf *m[NBL_BIND_BURST_MAX];
	uint64_t bound = 0, n;
	unsigned int total = 0;
	uint16_t q, k;

	if (!b->port_started)
		return 0;
	if (b->pool != NULL)
		bound += b->pool->count;
	if (b->copy_mp != NULL)
		bound += b->copy_mp->size;
	if (b->rx_mp != NULL)
		bound += b->rx_mp->size;
	for (q = 0; q < b->reqs.nb_rx_queues; q++) {
		for (n = 0; n < bound; n += k) {
			k = rte_eth_rx_burst(b->port_id, q, m, RTE_DIM(m));
			if (k == 0)
				break;
			rte_pktmbuf_free_bulk(m, k);
		}
		total += (unsigned int)n;
	}
	return total;
}

/*
 * Make a stopped port that the binding keeps (keep_port) give back the
 * buffers of its RX rings: configure it with no RX queue (ethdev releases
 * them; net_tap frees its pre-filled ring only then).  The next open
 * configures it again.
 */
int
bind_port_release_rx(struct nbl_bind *b)
{
	struct rte_eth_conf pc;
	int ret;

	if (b->port_started || b->port_closed || b->reqs.nb_rx_queues == 0)
		return 0;
	memset(&pc, 0, sizeof(pc));
	pc.txmode.offloads = b->hw_offloads;
	pc.rxmode.mtu = b->reqs.mtu;
	ret = rte_eth_dev_configure(b->port_id, 0, b->reqs.nb_tx_queues, &pc);
	/* A PMD that wants as many RX as TX queues (net_tap) refuses, and
	 * ethdev then resets the port's queues, which releases them too:
	 * the caller's pool check tells. */
	if (ret != 0)
		BIND_LOG(INFO, b, "port %u: configure without RX queue refused (%s): queues reset by ethdev",
			 b->port_id, rte_strerror(-ret));
	return ret;
}

static int
fifo_alloc(struct bind_fifo *f, uint32_t slots, int socket)
{
	slots = rte_align32pow2(slots);
	f->e = rte_zmalloc_socket("nbl_bind_fifo", sizeof(*f->e) * slots,
				  RTE_CACHE_LINE_SIZE, socket);
	if (f->e == NULL)
		return -ENOMEM;
	f->mask = slots - 1;
	f->head = f->tail = 0;
	return 0;
}

static void
fifo_free(struct bind_fifo *f)
{
	rte_free(f->e);
	memset(f, 0, sizeof(*f));
}

/* Give queues [0, nb_q) their FIFOs (the queues must be idle). */
int
bind_queues_setup(struct nbl_bind *b, uint16_t nb_q, uint32_t backlog,
		  uint32_t inflight)
{
	int socket = port_socket(b->port_id);
	uint16_t i;

	bind_queues_release(b);
	for (i = 0; i < nb_q; i++) {
		struct bind_queue *q = &b->q[i];

		if (fifo_alloc(&q->backlog, backlog, socket) != 0 ||
		    fifo_alloc(&q->inflight, inflight, socket) != 0 ||
		    bind_ret_pool_create(q, socket) != 0) {
			bind_queues_release(b);
			return -ENOMEM;
		}
		q->pub.pool = b->pool;
		q->pub.tx_retries = b->conf.tx_retries;
		q->zc_reserved = 0;
		q->last_short = false;
	}
	b->nb_q = nb_q;
	return 0;
}

void
bind_queues_release(struct nbl_bind *b)
{
	uint16_t i;

	for (i = 0; i < b->nb_q_alloc; i++) {
		fifo_free(&b->q[i].backlog);
		fifo_free(&b->q[i].inflight);
		bind_ret_pool_free(&b->q[i]);
		b->q[i].pub.pool = NULL;
	}
	b->nb_q = 0;
}

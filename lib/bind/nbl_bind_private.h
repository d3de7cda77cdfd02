/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef NBL_BIND_PRIVATE_H
#define NBL_BIND_PRIVATE_H

/* Internal to libnblbind: not installed. */

#include <rte_ether.h>
#include <rte_log.h>

#include "nbl_bind.h"

#define BIND_LOG(level, b, fmt, ...) \
	rte_log(RTE_LOG_##level, nbl_logtype, "NBL bind %s: " fmt "\n", \
		(b)->conf.name, ##__VA_ARGS__)

/* Queues a binding can have at most (the queue array is made at create). */
#define BIND_MAX_QUEUES 128

/* One materialised frame: its mbuf and the NBL it belongs to.  A frame
 * sent by reference has m == nbl->mbuf; any other m is a copy. */
struct bind_ent {
	struct rte_mbuf *m;
	struct nbl_list *nbl;
};

/* Bounded FIFO of frames, power-of-two slots; head and tail run free. */
struct bind_fifo {
	struct bind_ent *e;
	uint32_t mask;
	uint32_t head; /* next out */
	uint32_t tail; /* next in */
};

static inline uint32_t
fifo_count(const struct bind_fifo *f)
{
	return f->tail - f->head;
}

static inline uint32_t
fifo_room(const struct bind_fifo *f)
{
	return f->e == NULL ? 0 : f->mask + 1 - fifo_count(f);
}

static inline struct bind_ent *
fifo_at(const struct bind_fifo *f, uint32_t i)
{
	return &f->e[(f->head + i) & f->mask];
}

static inline void
fifo_push(struct bind_fifo *f, struct rte_mbuf *m, struct nbl_list *nbl)
{
	struct bind_ent *e = &f->e[f->tail++ & f->mask];

	e->m = m;
	e->nbl = nbl;
}

/* Per-queue state; one thread at a time (pub.busy). */
struct bind_queue {
	struct nbl_bind_txq pub;       /* first: nbl_bind_txq() returns it */
	struct bind_fifo backlog;      /* frames waiting for tx_burst */
	struct bind_fifo inflight;     /* frames the PMD holds by reference */
	uint32_t zc_reserved;          /* zero-copy frames in the backlog */
	bool last_short;               /* previous tx_burst was short */
	struct nbl_list *done;         /* completed NBLs, not delivered */
	struct nbl_list **done_tail;
	uint64_t done_count;
	struct nbl_list *lb;           /* loopback indications */
	struct nbl_list **lb_tail;
	struct rte_mempool *ret_mp;    /* return pool (nbl_bind_ret.c) */
} __rte_cache_aligned;

struct nbl_bind {
	uint32_t state;                /* enum nbl_bind_state (atomic) */
	uint16_t port_id;
	uint16_t nb_q;                 /* active queues (0 when Unbound) */
	uint16_t nb_q_alloc;           /* queue objects */
	bool port_started;
	bool zc;                       /* zero copy in use */
	bool zc_ret;                   /* ... completed by the return pools
					* (driver frees in tx_burst), not by
					* the reference hold */
	bool cleanup;                  /* tx_done_cleanup supported */
	uint64_t hw_offloads;          /* TX offloads enabled on the port */
	struct rte_ether_addr mac;
	struct nbl_bind_conf conf;
	struct nbl_bind_reqs reqs;
	struct nbl_list_pool *pool;    /* protocol (T,N) pool */
	struct rte_mempool *copy_mp;   /* copies */
	struct nbl_list_pool *lb_pool; /* loopback indications */
	struct rte_mempool *rx_mp;     /* RX queue buffers (never sent) */
	struct rte_mempool *rx_mp_old; /* RX pool a restart replaced, until
					* the PMD gave its buffers back */
	bool port_closed;              /* close closed the port already */
	uint32_t seq;                  /* pool name sequence */
	struct bind_queue *q;          /* nb_q_alloc queues */
};

static inline struct bind_queue *
bind_queue_get(struct nbl_bind *b, uint16_t queue)
{
	return &b->q[queue < b->nb_q_alloc ? queue : 0];
}

static inline uint32_t
bind_state(const struct nbl_bind *b)
{
	return __atomic_load_n(&b->state, __ATOMIC_ACQUIRE);
}

static inline void
bind_state_set(struct nbl_bind *b, enum nbl_bind_state s)
{
	__atomic_store_n(&b->state, (uint32_t)s, __ATOMIC_RELEASE);
}

/*
 * The device hold of a zero-copy frame (see nbl_bind.h): its mbuf's pool
 * pointer names the queue's return pool, or one extra reference.  The
 * mbuf had refcnt 1 and only we see it until the burst: plain stores.
 */
static inline void
zc_hold(const struct nbl_bind *b, const struct bind_queue *q,
	struct rte_mbuf *m)
{
	if (b->zc_ret)
		m->pool = q->ret_mp;
	else
		rte_mbuf_refcnt_set(m, 2);
}

/* Drop the hold of a zero-copy frame that never reached the PMD. */
static inline void
zc_unhold(const struct bind_queue *q, struct rte_mbuf *m,
	  const struct nbl_list *nbl)
{
	if (m->pool == q->ret_mp)
		m->pool = nbl->pool->mp;
	else
		rte_mbuf_refcnt_set(m, 1);
	m->ol_flags = 0;
}

/* Frames of an NBL still pending (kept in the NBL's miniport area). */
static inline uintptr_t
nbl_pending(const struct nbl_list *nbl)
{
	return (uintptr_t)nbl->miniport_reserved[0];
}

static inline void
nbl_pending_set(struct nbl_list *nbl, uintptr_t n)
{
	nbl->miniport_reserved[0] = (void *)n;
}

static inline unsigned int
fail_class(int32_t status)
{
	switch (status) {
	case NBL_STATUS_RESOURCES: return NBL_BIND_FAIL_RESOURCES;
	case NBL_STATUS_INVALID_LENGTH: return NBL_BIND_FAIL_INVALID_LENGTH;
	case NBL_STATUS_PAUSED: return NBL_BIND_FAIL_PAUSED;
	case NBL_STATUS_SEND_ABORTED: return NBL_BIND_FAIL_ABORTED;
	default: return NBL_BIND_FAIL_FAILURE;
	}
}

/* Record a failure: an NBL's status is the first failure of its frames. */
static inline void
bind_fail(struct nbl_list *nbl, int32_t status)
{
	if (nbl->status == NBL_STATUS_SUCCESS)
		nbl->status = status;
}

/* Queue a finished NBL for delivery and count it. */
static inline void
finish(struct bind_queue *q, struct nbl_list *nbl)
{
	if (nbl->status == NBL_STATUS_SUCCESS)
		q->pub.stats.sent++;
	else
		q->pub.stats.failed[fail_class(nbl->status)]++;
	nbl->next = NULL;
	*q->done_tail = nbl;
	q->done_tail = &nbl->next;
	q->done_count++;
}

/*
 * One frame of an NBL is done (sent, or failed and undone); the NBL is
 * finished when none is pending.  Called with pending 0 for an NBL that
 * failed before any frame was made.
 */
static inline void
bind_frame_done(struct bind_queue *q, struct nbl_list *nbl)
{
	uintptr_t p = nbl_pending(nbl);

	if (p > 0)
		nbl_pending_set(nbl, --p);
	if (p == 0)
		finish(q, nbl);
}

/* nbl_bind_conf.c */
int bind_conf_check(uint16_t port_id, const struct nbl_bind_conf *c);
void bind_conf_defaults(struct nbl_bind_conf *c);

/* nbl_bind_reqs.c */
bool bind_driver_frees_on_tx(const char *driver);

/* Per-lcore cache of the RX pool (its objects are few). */
static inline uint32_t
bind_rx_cache(uint32_t burst)
{
	return RTE_MIN(burst, 32u);
}

/* nbl_bind_port.c */
int bind_port_setup(struct nbl_bind *b, const struct nbl_bind_reqs *r);
void bind_port_stop(struct nbl_bind *b);
int bind_pools_create(struct nbl_bind *b, const struct nbl_bind_reqs *r,
		      struct nbl_list_pool **pool, struct rte_mempool **copy,
		      struct nbl_list_pool **lb);
bool bind_pools_idle(struct nbl_bind *b, uint32_t timeout_ms);
int bind_pools_free(struct nbl_bind *b);
int bind_rx_pool_create(struct nbl_bind *b, const struct nbl_bind_reqs *r,
			struct rte_mempool **rx);
int bind_rx_pools_free(struct nbl_bind *b);
unsigned int bind_rx_drain(struct nbl_bind *b);
bool bind_protocol_holds(const struct nbl_bind *b);
unsigned int bind_pools_report(const struct nbl_bind *b);
int bind_port_release_rx(struct nbl_bind *b);
int bind_queues_setup(struct nbl_bind *b, uint16_t nb_q, uint32_t backlog,
		      uint32_t inflight);
void bind_queues_release(struct nbl_bind *b);
uint64_t bind_now_ms(void);

/* nbl_bind_complete.c */
void bind_reap(struct nbl_bind *b, struct bind_queue *q);
void bind_backlog_abort(struct bind_queue *q, int32_t status);
uint64_t bind_unfinished(const struct nbl_bind *b);

/* What a large send needs from the port to leave segmentation to it: TSO
 * and the checksums of every segment. */
#define BIND_TSO_HW (RTE_ETH_TX_OFFLOAD_TCP_TSO | \
		     RTE_ETH_TX_OFFLOAD_TCP_CKSUM | \
		     RTE_ETH_TX_OFFLOAD_IPV4_CKSUM)

/* nbl_bind_ret.c */
int bind_ret_pool_create(struct bind_queue *q, int socket);
void bind_ret_pool_free(struct bind_queue *q);

/* nbl_bind_send.c */
void bind_flush(struct nbl_bind *b, struct bind_queue *q, uint32_t retries);
int bind_push(struct nbl_bind *b, struct bind_queue *q, struct rte_mbuf *m,
	      struct nbl_list *nbl);

/* nbl_bind_offload.c */
int32_t bind_offload_hw(struct nbl_bind *b, struct nbl_list *nbl,
			struct rte_mbuf *m);
bool bind_offload_needs_sw(const struct nbl_bind *b,
			   const struct nbl_list *nbl);
int32_t bind_offload_sw(struct nbl_bind *b, struct bind_queue *q,
			struct nbl_list *nbl, struct rte_mbuf **m);
int32_t bind_lso_sw(struct nbl_bind *b, struct bind_queue *q,
		    struct nbl_list *nbl, struct nbl_buf *nb);

/* nbl_bind_loopback.c */
void bind_loopback(struct nbl_bind *b, struct bind_queue *q,
		   struct nbl_list *nbl);

#endif /* NBL_BIND_PRIVATE_H */

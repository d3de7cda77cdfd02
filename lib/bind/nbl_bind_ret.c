/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/*
 * Return pools: completion of zero-copy frames without a per-packet atomic
 * on PMDs that free mbufs inside rte_eth_tx_burst() (driver table).
 *
 * While a frame is in flight its mbuf's pool pointer names its queue's
 * return pool instead of the NBL's (T,N) pool, and its reference count
 * stays 1.  The PMD's free (rte_pktmbuf_free: refcnt 1, no atomic) then
 * puts the mbuf into the return pool, which has no per-lcore cache, so the
 * put reaches the pool's ops enqueue at once.  That enqueue gives the mbuf
 * its own pool back and finishes the NBL on the queue: completion is "the
 * object came back through enqueue", exactly once, after the PMD let go of
 * it.  The return pool holds no object and never hands one out.
 *
 * These PMDs free inside tx_burst (or tx_done_cleanup), which run with the
 * queue taken, so the enqueue is the queue's single writer, like the send
 * path.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include <rte_errno.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "nbl_bind_private.h"

#define RET_OPS_NAME "nbl_bind_ret"

static int
ret_alloc(struct rte_mempool *mp __rte_unused)
{
	return 0;
}

static void
ret_free(struct rte_mempool *mp __rte_unused)
{
}

/*
 * The PMD freed in-flight frames: each one's NBL is finished.  The NBLs
 * are linked in the order given and appended to the done list once, the
 * counters added once.
 */
static int
ret_enqueue(struct rte_mempool *mp, void * const *objs, unsigned int n)
{
	struct bind_queue *q = mp->pool_config;
	struct nbl_list *first = NULL, **tail = &first;
	uint64_t ok = 0;
	unsigned int i;

	if (unlikely(n == 0))
		return 0;
	for (i = 0; i < n; i++) {
		struct rte_mbuf *m = objs[i];
		struct nbl_list *nbl = RTE_PTR_ADD(m, sizeof(*m));

		m->pool = nbl->pool->mp;
		if (unlikely(m->ol_flags != 0))
			m->ol_flags = 0;
		if (likely(nbl->status == NBL_STATUS_SUCCESS))
			ok++;
		else
			q->pub.stats.failed[fail_class(nbl->status)]++;
		*tail = nbl;
		tail = &nbl->next;
	}
	*tail = NULL;
	*q->done_tail = first;
	q->done_tail = tail;
	q->done_count += n;
	q->pub.stats.sent += ok;
	return 0;
}

/* Never has an object to give. */
static int
ret_dequeue(struct rte_mempool *mp __rte_unused, void **objs __rte_unused,
	    unsigned int n __rte_unused)
{
	return -ENOBUFS;
}

static unsigned int
ret_get_count(const struct rte_mempool *mp __rte_unused)
{
	return 0;
}

static const struct rte_mempool_ops ret_ops = {
	.name = RET_OPS_NAME,
	.alloc = ret_alloc,
	.free = ret_free,
	.enqueue = ret_enqueue,
	.dequeue = ret_dequeue,
	.get_count = ret_get_count,
};

RTE_MEMPOOL_REGISTER_OPS(ret_ops);

int
bind_ret_pool_create(struct bind_queue *q, int socket)
{
	char name[RTE_MEMPOOL_NAMESIZE];
	struct rte_mempool *mp;
	int ret;

	if (q->ret_mp != NULL)
		return 0;
	snprintf(name, sizeof(name), "nblr_%" PRIxPTR, (uintptr_t)q);
	/* one (never populated) object: a pool needs a size; no cache, so
	 * that every put reaches ret_enqueue() */
	mp = rte_mempool_create_empty(name, 1, sizeof(struct rte_mbuf), 0, 0,
				      socket, 0);
	if (mp == NULL)
		return -rte_errno;
	ret = rte_mempool_set_ops_byname(mp, RET_OPS_NAME, q);
	if (ret != 0) {
		rte_mempool_free(mp);
		return ret;
	}
	q->ret_mp = mp;
	return 0;
}

void
bind_ret_pool_free(struct bind_queue *q)
{
	rte_mempool_free(q->ret_mp);
	q->ret_mp = NULL;
}

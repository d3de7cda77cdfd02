/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/* NBL and NB pools: creation on rte_mempool / rte_pktmbuf pools, the pool
 * registry, counters and the leak check. */

#include <inttypes.h>
#include <sys/queue.h>

#include <rte_malloc.h>
#include <rte_spinlock.h>

#include "nbl_private.h"

RTE_LOG_REGISTER(nbl_logtype, lib.nbl, NOTICE);

#define NBL_DEFAULT_COUNT 4095
#define NBL_DEFAULT_CTX_BLOCKS 64
#define NBL_DEFAULT_CTX_BLOCK_SIZE 256

/* Registry of live pools, for nbl_leak_check(); like DPDK's tailqs. */
struct nbl_reg {
	TAILQ_ENTRY(nbl_reg) link;
	struct nbl_list_pool *lp;
	struct nbl_buf_pool *bp;
};
static TAILQ_HEAD(, nbl_reg) nbl_registry = TAILQ_HEAD_INITIALIZER(nbl_registry);
static rte_spinlock_t nbl_registry_lock = RTE_SPINLOCK_INITIALIZER;
static uint32_t nbl_pool_seq;

static void
registry_add(struct nbl_list_pool *lp, struct nbl_buf_pool *bp)
{
	struct nbl_reg *r = rte_zmalloc("nbl_reg", sizeof(*r), 0);

	if (r == NULL) /* the pool works; only the leak check misses it */
		return;
	r->lp = lp;
	r->bp = bp;
	rte_spinlock_lock(&nbl_registry_lock);
	TAILQ_INSERT_TAIL(&nbl_registry, r, link);
	rte_spinlock_unlock(&nbl_registry_lock);
}

static void
registry_del(const void *p)
{
	struct nbl_reg *r;

	rte_spinlock_lock(&nbl_registry_lock);
	TAILQ_FOREACH(r, &nbl_registry, link) {
		if ((const void *)r->lp == p || (const void *)r->bp == p) {
			TAILQ_REMOVE(&nbl_registry, r, link);
			break;
		}
	}
	rte_spinlock_unlock(&nbl_registry_lock);
	rte_free(r);
}

void nbl_registry_add_list(struct nbl_list_pool *p) { registry_add(p, NULL); }
void nbl_registry_del_list(struct nbl_list_pool *p) { registry_del(p); }
void nbl_registry_add_buf(struct nbl_buf_pool *p) { registry_add(NULL, p); }
void nbl_registry_del_buf(struct nbl_buf_pool *p) { registry_del(p); }

/* Mempool name "nbl<kind>_<tag>_<seq>": the tag as four characters when
 * printable, else in hex; seq makes two pools with one tag distinct. */
static void
pool_name(char *buf, size_t len, const char *kind, uint32_t tag)
{
	uint32_t seq = __atomic_fetch_add(&nbl_pool_seq, 1, __ATOMIC_RELAXED);
	char t[9];
	int i, printable = 1;

	for (i = 0; i < 4; i++) {
		char c = (char)(tag >> (8 * i));

		if (c < '0' || c > 'z' || (c > '9' && c < 'A') ||
		    (c > 'Z' && c < 'a'))
			printable = 0;
		t[i] = c;
	}
	t[4] = '\0';
	if (!printable)
		snprintf(t, sizeof(t), "%08x", tag);
	snprintf(buf, len, "nbl%s_%s_%u", kind, t, seq);
}

/* The counters of a pool of either kind, and how full its mempool is. */
static void
stats_sum(const struct nbl_pool_lcore_stats *stats,
	  const struct rte_mempool *mp, struct nbl_pool_stats *st)
{
	unsigned int i;

	memset(st, 0, sizeof(*st));
	for (i = 0; i <= RTE_MAX_LCORE; i++) {
		st->allocs += stats[i].allocs;
		st->frees += stats[i].frees;
		st->handoffs += stats[i].handoffs;
		st->fails += stats[i].fails;
		st->refused += stats[i].refused;
	}
	st->outstanding = st->allocs - st->frees - st->handoffs;
	st->size = mp->size;
	st->avail = rte_mempool_avail_count(mp);
}

/* ---------------------------------------------------------------- */
/* NBL pools                                                         */
/* ---------------------------------------------------------------- */

/* Offsets inside one element, after the NBL. */
static uint32_t
list_nb_size(const struct nbl_list_pool *p)
{
	return p->alloc_nb ? sizeof(struct nbl_buf) : 0;
}

static uint32_t
list_mdl_size(const struct nbl_list_pool *p)
{
	return p->data_size ? RTE_ALIGN_CEIL(sizeof(struct nbl_mdl), NBL_MAA) : 0;
}

static uint32_t
list_ctx0_off(const struct nbl_list_pool *p)
{
	return RTE_ALIGN_CEIL(sizeof(struct nbl_list) + list_nb_size(p) +
			      list_mdl_size(p), NBL_MAA);
}

static uint32_t
list_elt_size(const struct nbl_list_pool *p)
{
	return RTE_ALIGN_CEIL(list_ctx0_off(p) + sizeof(struct nbl_ctx) +
			      p->ctx_size, RTE_CACHE_LINE_SIZE);
}

/* Wire one element once, when the pool is created. */
static void
list_obj_init(struct rte_mempool *mp, void *arg, void *obj, unsigned int idx)
{
	struct nbl_list_pool *pool = arg;
	struct nbl_list *nbl;

	RTE_SET_USED(mp);
	RTE_SET_USED(idx);
	if (pool->data_size != 0) {
		struct rte_mbuf *m = obj;
		struct nbl_mdl *mdl;
		struct nbl_buf *nb;

		nbl = nbl_list_of_obj(pool, obj);
		memset(nbl, 0, list_ctx0_off(pool));
		nbl->mbuf = m;
		nb = nbl_list_embedded_nb(nbl);
		nb->flags = NBL_BUF_F_EMBEDDED;
		nb->mbuf = m;
		mdl = nbl_list_embedded_mdl(nbl);
		mdl->va = m->buf_addr;
		mdl->iova = m->buf_iova;
		mdl->len = m->buf_len;
		mdl->flags = NBL_MDL_F_MBUF | NBL_MDL_F_EMBEDDED;
		mdl->mbuf = m;
	} else {
		nbl = obj;
		memset(nbl, 0, list_ctx0_off(pool));
		if (pool->alloc_nb)
			nbl_list_embedded_nb(nbl)->flags = NBL_BUF_F_EMBEDDED;
	}
	nbl->pool = pool;
	nbl->kind = NBL_KIND_PLAIN;
	nbl->ctx0 = (struct nbl_ctx *)RTE_PTR_ADD(nbl, list_ctx0_off(pool));
	nbl->ctx0->next = NULL;
	nbl->ctx0->size = pool->ctx_size;
	nbl->ctx0->offset = pool->ctx_size;
	nbl->ctx0->tag = pool->tag;
	nbl->info_dirty = 1; /* the first reset sets the protocol id */
	nbl->ctx_dirty = 1;  /* and points the context at ctx0 */
	nbl_list_reset(pool, nbl, 0);
	if (pool->obj_init != NULL)
		pool->obj_init(nbl, pool->obj_init_arg);
}

struct nbl_list_pool *
nbl_list_pool_create(const struct nbl_list_pool_params *p)
{
	struct nbl_list_pool *pool;
	char cname[RTE_MEMPOOL_NAMESIZE];
	uint32_t priv;

	if (p == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	if (!p->alloc_nb && p->data_size != 0) {
		NBL_LOG(ERR, "pool: DataSize %u without fAllocateNetBuffer is illegal",
			p->data_size);
		rte_errno = EINVAL;
		return NULL;
	}
	if (p->context_size % NBL_MAA != 0 || p->data_size > UINT16_MAX ||
	    (uint64_t)p->init_offset + p->init_length > p->data_size ||
	    p->cache_size > RTE_MEMPOOL_CACHE_MAX_SIZE) {
		NBL_LOG(ERR, "pool: bad parameter (context %u, data %u, init %u+%u, cache %u)",
			p->context_size, p->data_size, p->init_offset,
			p->init_length, p->cache_size);
		rte_errno = EINVAL;
		return NULL;
	}
	pool = rte_zmalloc_socket("nbl_list_pool", sizeof(*pool),
				  RTE_CACHE_LINE_SIZE, p->socket_id);
	if (pool == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	pool->alloc_nb = p->alloc_nb;
	pool->data_size = p->data_size;
	pool->ctx_size = p->context_size;
	pool->protocol_id = p->protocol_id;
	pool->tag = p->tag;
	pool->count = p->count ? p->count : NBL_DEFAULT_COUNT;
	pool->ctx_block_size = p->ctx_block_size ? p->ctx_block_size :
		NBL_DEFAULT_CTX_BLOCK_SIZE;
	pool->ctx_block_size = RTE_ALIGN_CEIL(pool->ctx_block_size, NBL_MAA);
	pool->init_offset = p->init_offset;
	pool->init_length = p->init_offset + p->init_length == 0 ?
		p->data_size : p->init_length;
	pool->obj_init = p->obj_init;
	pool->obj_init_arg = p->obj_init_arg;
	pool_name(pool->name, sizeof(pool->name), "", p->tag);
	pool_name(cname, sizeof(cname), "c", p->tag);

	if (pool->data_size != 0) {
		pool->elt_off = sizeof(struct rte_mbuf);
		priv = list_elt_size(pool);
		pool->mp = rte_pktmbuf_pool_create(pool->name, pool->count,
						   p->cache_size, priv,
						   pool->data_size, p->socket_id);
		if (pool->mp != NULL)
			rte_mempool_obj_iter(pool->mp, list_obj_init, pool);
	} else {
		pool->elt_off = 0;
		pool->mp = rte_mempool_create(pool->name, pool->count,
					      list_elt_size(pool), p->cache_size,
					      0, NULL, NULL, list_obj_init, pool,
					      p->socket_id, 0);
	}
	if (pool->mp == NULL) {
		NBL_LOG(ERR, "pool %s: cannot create mempool of %u: %s",
			pool->name, pool->count, rte_strerror(rte_errno));
		rte_free(pool);
		rte_errno = rte_errno == EEXIST ? EEXIST : ENOMEM;
		return NULL;
	}
	pool->ctx_mp = rte_mempool_create(cname,
			p->ctx_blocks ? p->ctx_blocks : NBL_DEFAULT_CTX_BLOCKS,
			sizeof(struct nbl_ctx) + pool->ctx_block_size, 0, 0,
			NULL, NULL, NULL, NULL, p->socket_id, 0);
	if (pool->ctx_mp == NULL) {
		NBL_LOG(ERR, "pool %s: cannot create context pool: %s",
			pool->name, rte_strerror(rte_errno));
		rte_mempool_free(pool->mp);
		rte_free(pool);
		rte_errno = ENOMEM;
		return NULL;
	}
	nbl_registry_add_list(pool);
	NBL_LOG(DEBUG, "pool %s: %u NBLs (%s,%u), context %u, element %u",
		pool->name, pool->count, pool->alloc_nb ? "T" : "F",
		pool->data_size, pool->ctx_size, list_elt_size(pool));
	return pool;
}

int
nbl_list_pool_stats_get(const struct nbl_list_pool *pool,
			struct nbl_pool_stats *st)
{
	if (pool == NULL || st == NULL)
		return -EINVAL;
	stats_sum(pool->stats, pool->mp, st);
	return 0;
}

int
nbl_list_pool_free(struct nbl_list_pool *pool)
{
	struct nbl_pool_stats st;
	unsigned int ctx_avail;

	if (pool == NULL)
		return 0;
	nbl_list_pool_stats_get(pool, &st);
	ctx_avail = rte_mempool_avail_count(pool->ctx_mp);
	if (st.outstanding != 0 || st.avail != st.size ||
	    ctx_avail != pool->ctx_mp->size) {
		NBL_MISUSE(pool->stats,
			   "free of pool %s refused: %" PRIu64 " NBLs outstanding, %u of %u in the pool, %u of %u context blocks",
			   pool->name, st.outstanding, st.avail, st.size,
			   ctx_avail, pool->ctx_mp->size);
		return -EBUSY;
	}
	nbl_registry_del_list(pool);
	rte_mempool_free(pool->ctx_mp);
	rte_mempool_free(pool->mp);
	rte_free(pool);
	return 0;
}

/* ---------------------------------------------------------------- */
/* NB pools                                                          */
/* ---------------------------------------------------------------- */

static void
buf_obj_init(struct rte_mempool *mp, void *arg, void *obj, unsigned int idx)
{
	struct nbl_buf_pool *pool = arg;
	struct nbl_buf *nb;

	RTE_SET_USED(mp);
	RTE_SET_USED(idx);
	if (pool->data_size != 0) {
		struct rte_mbuf *m = obj;
		struct nbl_mdl *mdl;

		nb = rte_mbuf_to_priv(m);
		memset(nb, 0, sizeof(*nb) + sizeof(*mdl));
		nb->mbuf = m;
		mdl = (struct nbl_mdl *)(nb + 1);
		mdl->va = m->buf_addr;
		mdl->iova = m->buf_iova;
		mdl->len = m->buf_len;
		mdl->flags = NBL_MDL_F_MBUF | NBL_MDL_F_EMBEDDED;
		mdl->mbuf = m;
	} else {
		nb = obj;
		memset(nb, 0, sizeof(*nb));
	}
	nb->pool = pool;
}

struct nbl_buf_pool *
nbl_buf_pool_create(const struct nbl_buf_pool_params *p)
{
	struct nbl_buf_pool *pool;

	if (p == NULL || p->data_size > UINT16_MAX ||
	    p->cache_size > RTE_MEMPOOL_CACHE_MAX_SIZE) {
		rte_errno = EINVAL;
		return NULL;
	}
	pool = rte_zmalloc_socket("nbl_buf_pool", sizeof(*pool),
				  RTE_CACHE_LINE_SIZE, p->socket_id);
	if (pool == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	pool->data_size = p->data_size;
	pool->tag = p->tag;
	pool->count = p->count ? p->count : NBL_DEFAULT_COUNT;
	pool_name(pool->name, sizeof(pool->name), "b", p->tag);
	if (p->data_size != 0) {
		uint32_t priv = RTE_ALIGN_CEIL(sizeof(struct nbl_buf) +
					       sizeof(struct nbl_mdl),
					       RTE_CACHE_LINE_SIZE);

		pool->mp = rte_pktmbuf_pool_create(pool->name, pool->count,
						   p->cache_size, priv,
						   p->data_size, p->socket_id);
		if (pool->mp != NULL)
			rte_mempool_obj_iter(pool->mp, buf_obj_init, pool);
	} else {
		pool->mp = rte_mempool_create(pool->name, pool->count,
					      sizeof(struct nbl_buf),
					      p->cache_size, 0, NULL, NULL,
					      buf_obj_init, pool, p->socket_id,
					      0);
	}
	if (pool->mp == NULL) {
		NBL_LOG(ERR, "NB pool %s: cannot create mempool: %s",
			pool->name, rte_strerror(rte_errno));
		rte_free(pool);
		rte_errno = ENOMEM;
		return NULL;
	}
	nbl_registry_add_buf(pool);
	return pool;
}

int
nbl_buf_pool_stats_get(const struct nbl_buf_pool *pool,
		       struct nbl_pool_stats *st)
{
	if (pool == NULL || st == NULL)
		return -EINVAL;
	stats_sum(pool->stats, pool->mp, st);
	return 0;
}

int
nbl_buf_pool_free(struct nbl_buf_pool *pool)
{
	struct nbl_pool_stats st;

	if (pool == NULL)
		return 0;
	nbl_buf_pool_stats_get(pool, &st);
	if (st.outstanding != 0 || st.avail != st.size) {
		NBL_MISUSE(pool->stats,
			   "free of NB pool %s refused: %" PRIu64 " NBs outstanding, %u of %u in the pool",
			   pool->name, st.outstanding, st.avail, st.size);
		return -EBUSY;
	}
	nbl_registry_del_buf(pool);
	rte_mempool_free(pool->mp);
	rte_free(pool);
	return 0;
}

/* ---------------------------------------------------------------- */
/* Leak check                                                        */
/* ---------------------------------------------------------------- */

static uint64_t
missing(const struct nbl_pool_stats *st)
{
	uint64_t held = st->size - st->avail;

	return RTE_MAX(st->outstanding, held);
}

uint64_t
nbl_leak_check(FILE *f)
{
	struct nbl_pool_stats st;
	struct nbl_reg *r;
	uint64_t total = 0, n;
	int64_t mdls;

	rte_spinlock_lock(&nbl_registry_lock);
	TAILQ_FOREACH(r, &nbl_registry, link) {
		const char *name;

		if (r->lp != NULL) {
			unsigned int cfree =
				rte_mempool_avail_count(r->lp->ctx_mp);

			nbl_list_pool_stats_get(r->lp, &st);
			name = r->lp->name;
			n = missing(&st);
			if (cfree != r->lp->ctx_mp->size) {
				if (f != NULL)
					fprintf(f, "leak: pool %s: %u context blocks not returned\n",
						name, r->lp->ctx_mp->size - cfree);
				total += r->lp->ctx_mp->size - cfree;
			}
		} else {
			nbl_buf_pool_stats_get(r->bp, &st);
			name = r->bp->name;
			n = missing(&st);
		}
		if (n != 0 && f != NULL)
			fprintf(f, "leak: pool %s: %" PRIu64 " outstanding, %u of %u objects in the pool (%" PRIu64 " allocs, %" PRIu64 " frees, %" PRIu64 " handed to a device)\n",
				name, st.outstanding, st.avail, st.size,
				st.allocs, st.frees, st.handoffs);
		total += n;
	}
	rte_spinlock_unlock(&nbl_registry_lock);
	mdls = nbl_mdl_counter_get();
	if (mdls != 0) {
		if (f != NULL)
			fprintf(f, "leak: %" PRId64 " MDLs allocated by the library not freed\n",
				mdls);
		total += (uint64_t)RTE_MAX(mdls, -mdls);
	}
	return total;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/* Allocation and free of NBLs, NBs and MDLs. */

#include <rte_malloc.h>
#include <rte_memory.h>

#include "nbl_private.h"

/* MDL structs made by the library (caller-memory MDLs, mirrors, the
 * default retreat allocator's blocks), for the leak check. */
static int64_t nbl_mdl_count;

void
nbl_mdl_counter_add(int64_t delta)
{
	__atomic_fetch_add(&nbl_mdl_count, delta, __ATOMIC_RELAXED);
}

int64_t
nbl_mdl_counter_get(void)
{
	return __atomic_load_n(&nbl_mdl_count, __ATOMIC_RELAXED);
}

/* ---------------------------------------------------------------- */
/* MDLs                                                              */
/* ---------------------------------------------------------------- */

static rte_iova_t
va_to_iova(const void *va)
{
	const struct rte_memseg *ms = rte_mem_virt2memseg(va, NULL);

	if (ms == NULL || ms->iova == RTE_BAD_IOVA)
		return RTE_BAD_IOVA;
	return ms->iova + RTE_PTR_DIFF(va, ms->addr);
}

struct nbl_mdl *
nbl_mdl_lib_alloc(void *va, rte_iova_t iova, uint32_t len, uint16_t flags)
{
	struct nbl_mdl *mdl = rte_zmalloc("nbl_mdl", sizeof(*mdl), 0);

	if (mdl == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	mdl->va = va;
	mdl->iova = iova;
	mdl->len = len;
	mdl->flags = flags;
	nbl_mdl_counter_add(1);
	return mdl;
}

void
nbl_mdl_lib_free(struct nbl_mdl *mdl)
{
	if (mdl == NULL)
		return;
	nbl_mdl_counter_add(-1);
	rte_free(mdl);
}

struct nbl_mdl *
nbl_mdl_create(void *va, uint32_t len)
{
	if (va == NULL || len == 0) {
		rte_errno = EINVAL;
		return NULL;
	}
	return nbl_mdl_lib_alloc(va, va_to_iova(va), len, 0);
}

void
nbl_mdl_free(struct nbl_mdl *mdl)
{
	if (mdl == NULL)
		return;
	if (mdl->flags & (NBL_MDL_F_EMBEDDED | NBL_MDL_F_NDIS_ALLOCATED |
			  NBL_MDL_F_MIRROR)) {
		NBL_MISUSE(NULL, "nbl_mdl_free of an MDL the library owns (flags %#x)",
			   mdl->flags);
		return;
	}
	nbl_mdl_lib_free(mdl);
}

uint64_t
nbl_mdl_chain_len(const struct nbl_mdl *mdl)
{
	uint64_t n = 0;

	for (; mdl != NULL; mdl = mdl->next)
		n += mdl->len;
	return n;
}

/* The default retreat allocator: the MDL and its bytes in one DMA-able
 * rte_malloc block, so a PMD could reach them. */
struct nbl_mdl *
nbl_mdl_default_alloc(uint32_t *size)
{
	const size_t hdr = RTE_ALIGN_CEIL(sizeof(struct nbl_mdl),
					  RTE_CACHE_LINE_SIZE);
	struct nbl_mdl *mdl;

	if (size == NULL || *size == 0)
		return NULL;
	mdl = rte_malloc("nbl_hdr", hdr + *size, RTE_CACHE_LINE_SIZE);
	if (mdl == NULL)
		return NULL;
	memset(mdl, 0, sizeof(*mdl));
	mdl->va = RTE_PTR_ADD(mdl, hdr);
	mdl->iova = rte_malloc_virt2iova(mdl); /* needs the block's start */
	if (mdl->iova != RTE_BAD_IOVA)
		mdl->iova += hdr;
	mdl->len = *size;
	mdl->flags = NBL_MDL_F_NDIS_ALLOCATED;
	nbl_mdl_counter_add(1);
	return mdl;
}

void
nbl_mdl_default_free(struct nbl_mdl *mdl)
{
	/* one rte_malloc block, counted like the library's own MDLs */
	nbl_mdl_lib_free(mdl);
}

/* ---------------------------------------------------------------- */
/* NBLs                                                              */
/* ---------------------------------------------------------------- */

static struct nbl_list *
list_get(struct nbl_list_pool *pool)
{
	void *obj;

	if (unlikely(rte_mempool_get(pool->mp, &obj) != 0)) {
		nbl_stats_slot(pool->stats)->fails++;
		rte_errno = ENOBUFS;
		return NULL;
	}
	nbl_stats_slot(pool->stats)->allocs++;
	return nbl_list_of_obj(pool, obj);
}

static void
list_put(struct nbl_list *nbl)
{
	struct nbl_list_pool *pool = nbl->pool;

	rte_mempool_put(pool->mp, nbl_list_obj(pool, nbl));
	nbl_stats_slot(pool->stats)->frees++;
}

struct nbl_list *
nbl_list_alloc(struct nbl_list_pool *pool, uint16_t ctx_size,
	       uint16_t ctx_backfill)
{
	uint32_t need = (uint32_t)ctx_size + ctx_backfill;
	struct nbl_list *nbl;

	if (pool == NULL || ((ctx_size | ctx_backfill) & (NBL_MAA - 1)) != 0) {
		rte_errno = EINVAL;
		return NULL;
	}
	if (likely(need <= pool->ctx_size)) {
		int rc = nbl_list_alloc_bulk(pool, &nbl, 1, ctx_size,
					     ctx_backfill);

		if (unlikely(rc != 0)) {
			rte_errno = -rc;
			return NULL;
		}
		return nbl;
	}
	nbl = list_get(pool);
	if (nbl == NULL)
		return NULL;
	/* The context does not fit the preallocated block: the allocation
	 * takes an overflow block of its own, freed with the NBL. */
	nbl_list_reset(pool, nbl, 0);
	{
		struct nbl_ctx *c;

		if (need > pool->ctx_block_size ||
		    rte_mempool_get(pool->ctx_mp, (void **)&c) != 0) {
			/* never handed out: undo the alloc, count a failure */
			rte_mempool_put(pool->mp, nbl_list_obj(pool, nbl));
			nbl_stats_slot(pool->stats)->allocs--;
			nbl_stats_slot(pool->stats)->fails++;
			rte_errno = ENOBUFS;
			return NULL;
		}
		c->next = nbl->ctx0;
		c->size = (uint16_t)need;
		c->offset = ctx_backfill;
		c->tag = pool->tag;
		nbl->context = c;
		nbl->ctx_dirty = 1;
		nbl->ctx_base = 1;
		nbl->ctx_used0 = ctx_size;
	}
	return nbl;
}

struct nbl_list *
nbl_list_alloc_with_buf(struct nbl_list_pool *pool, uint16_t ctx_size,
			uint16_t ctx_backfill, struct nbl_mdl *chain,
			uint32_t data_offset, uint32_t data_length)
{
	struct nbl_list *nbl;
	struct nbl_buf *nb;

	if (pool == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	if (!pool->alloc_nb || pool->data_size != 0) {
		rte_errno = ENOTSUP;
		return NULL;
	}
	if ((chain == NULL && (data_offset | data_length) != 0) ||
	    (chain != NULL && (uint64_t)data_offset + data_length >
	     nbl_mdl_chain_len(chain))) {
		rte_errno = EINVAL;
		return NULL;
	}
	nbl = nbl_list_alloc(pool, ctx_size, ctx_backfill);
	if (nbl == NULL)
		return NULL;
	nb = nbl->first_nb;
	nb->chain = chain;
	nb->data_offset = data_offset;
	nb->data_length = data_length;
	nbl_buf_adjust_cur(nb);
	return nbl;
}

/* The slow free: leftovers of a careless owner are freed (and counted as
 * refused), derived NBLs are refused. */
int
nbl_list_free_checked(struct nbl_list *nbl)
{
	struct nbl_list_pool *pool = nbl->pool;

	if (nbl->kind != NBL_KIND_PLAIN) {
		NBL_MISUSE(pool->stats,
			   "nbl_list_free of a derived NBL (kind %u); use its own free",
			   nbl->kind);
		return -EINVAL;
	}
	if (nbl->ctx_pushed != 0) {
		NBL_MISUSE(pool->stats,
			   "NBL freed with %u context blocks still pushed",
			   nbl->ctx_pushed);
	}
	nbl_ctx_release_all(nbl);
	if (pool->alloc_nb) {
		struct nbl_buf *nb = nbl_list_embedded_nb(nbl);

		if (nb->ndis_mdls != 0) {
			NBL_MISUSE(pool->stats,
				   "NBL freed with %u retreat-allocated MDLs left",
				   nb->ndis_mdls);
			nbl_buf_release_ndis_mdls(nb);
		}
	}
	list_put(nbl);
	return 0;
}

int
nbl_list_free(struct nbl_list *nbl)
{
	if (nbl == NULL)
		return 0;
	if (unlikely((nbl->ctx_pushed | nbl->ctx_base) != 0 ||
		     nbl->kind != NBL_KIND_PLAIN ||
		     (nbl->pool->alloc_nb &&
		      nbl_list_embedded_nb(nbl)->ndis_mdls != 0)))
		return nbl_list_free_checked(nbl);
	list_put(nbl);
	return 0;
}

struct nbl_list *
nbl_list_alloc_raw(struct nbl_list_pool *pool)
{
	struct nbl_list *nbl = list_get(pool);

	if (nbl == NULL)
		return NULL;
	nbl_list_reset(pool, nbl, 0);
	nbl->first_nb = NULL;
	nbl->context = NULL;
	nbl->ctx_dirty = 1;
	return nbl;
}

void
nbl_list_free_raw(struct nbl_list *nbl)
{
	if (nbl->ctx_pushed != 0) {
		NBL_MISUSE(nbl->pool->stats,
			   "derived NBL freed with %u context blocks pushed",
			   nbl->ctx_pushed);
		nbl_ctx_release_all(nbl);
	}
	nbl->kind = NBL_KIND_PLAIN;
	nbl->clone_flags = 0;
	nbl->delta = 0;
	nbl->derived = NULL;
	list_put(nbl);
}

/* ---------------------------------------------------------------- */
/* NBs                                                               */
/* ---------------------------------------------------------------- */

static struct nbl_buf *
buf_get(struct nbl_buf_pool *pool)
{
	void *obj;
	struct nbl_buf *nb;

	if (unlikely(rte_mempool_get(pool->mp, &obj) != 0)) {
		nbl_stats_slot(pool->stats)->fails++;
		rte_errno = ENOBUFS;
		return NULL;
	}
	nbl_stats_slot(pool->stats)->allocs++;
	nb = pool->data_size ? rte_mbuf_to_priv(obj) : obj;
	nb->next = NULL;
	nb->flags = 0;
	nb->ndis_mdls = 0;
	nb->checksum_bias = 0;
	nb->scratch = NULL;
	return nb;
}

struct nbl_buf *
nbl_buf_alloc(struct nbl_buf_pool *pool, struct nbl_mdl *chain,
	      uint32_t data_offset, uint32_t data_length)
{
	struct nbl_buf *nb;

	if (pool == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	if (pool->data_size != 0) {
		rte_errno = ENOTSUP;
		return NULL;
	}
	if ((chain == NULL && (data_offset | data_length) != 0) ||
	    (chain != NULL && (uint64_t)data_offset + data_length >
	     nbl_mdl_chain_len(chain))) {
		rte_errno = EINVAL;
		return NULL;
	}
	nb = buf_get(pool);
	if (nb == NULL)
		return NULL;
	nb->chain = chain;
	nb->data_offset = data_offset;
	nb->data_length = data_length;
	nbl_buf_adjust_cur(nb);
	return nb;
}

struct nbl_buf *
nbl_buf_alloc_data(struct nbl_buf_pool *pool)
{
	struct nbl_buf *nb;

	if (pool == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	if (pool->data_size == 0) {
		rte_errno = ENOTSUP;
		return NULL;
	}
	nb = buf_get(pool);
	if (nb == NULL)
		return NULL;
	nb->chain = nb->cur = (struct nbl_mdl *)(nb + 1);
	nb->chain->next = NULL;
	nb->data_offset = nb->cur_off = 0;
	nb->data_length = pool->data_size;
	return nb;
}

int
nbl_buf_free(struct nbl_buf *nb)
{
	struct nbl_buf_pool *pool;

	if (nb == NULL)
		return 0;
	if ((nb->flags & NBL_BUF_F_EMBEDDED) || nb->pool == NULL) {
		NBL_MISUSE(nb->flags & NBL_BUF_F_EMBEDDED ?
			   ((struct nbl_list *)nb - 1)->pool->stats : NULL,
			   "nbl_buf_free of an NB preallocated with its NBL");
		return -EINVAL;
	}
	pool = nb->pool;
	if (nb->ndis_mdls != 0) {
		NBL_MISUSE(pool->stats, "NB freed with %u retreat-allocated MDLs left",
			   nb->ndis_mdls);
		nbl_buf_release_ndis_mdls(nb);
	}
	rte_mempool_put(pool->mp, pool->data_size ? (void *)nb->mbuf : (void *)nb);
	nbl_stats_slot(pool->stats)->frees++;
	return 0;
}

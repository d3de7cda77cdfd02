/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/* The NBL context stack (NdisAllocate/FreeNetBufferListContext).
 *
 * The bottom block is preallocated inside the NBL element (ctx0).  An
 * allocation that asked for more than the pool preallocated starts on an
 * overflow block of its own (ctx_base = 1).  Pushes that do not fit the
 * top block's unused front take an overflow block from the pool's context
 * mempool; ctx_pushed counts those, and only they may be popped away. */

#include "nbl_private.h"

int
nbl_list_ctx_push(struct nbl_list *nbl, uint16_t size, uint16_t backfill,
		  uint32_t tag)
{
	struct nbl_list_pool *pool;
	struct nbl_ctx *top, *c;
	uint32_t need;

	if (nbl == NULL || size == 0 ||
	    ((size | backfill) & (sizeof(void *) - 1)) != 0)
		return -EINVAL;
	pool = nbl->pool;
	top = nbl->context;
	nbl->ctx_dirty = 1; /* the next reset puts ctx0 back */
	if (top != NULL && top->offset >= size) {
		top->offset -= size;
		return 0;
	}
	need = (uint32_t)size + backfill;
	if (need > pool->ctx_block_size || nbl->ctx_pushed == UINT8_MAX)
		return -ENOBUFS;
	if (rte_mempool_get(pool->ctx_mp, (void **)&c) != 0) {
		nbl_stats_slot(pool->stats)->fails++;
		return -ENOBUFS;
	}
	c->next = top;
	c->size = (uint16_t)need;
	c->offset = backfill;
	c->tag = tag;
	nbl->context = c;
	nbl->ctx_pushed++;
	return 0;
}

int
nbl_list_ctx_pop(struct nbl_list *nbl, uint16_t size)
{
	struct nbl_ctx *top;
	uint32_t limit;

	if (nbl == NULL)
		return -EINVAL;
	top = nbl->context;
	if (top == NULL)
		goto misuse;
	/* A pushed block may be emptied; the allocation's block keeps the
	 * bytes the allocation asked for. */
	limit = nbl->ctx_pushed != 0 ? top->size :
		(uint32_t)top->size - nbl->ctx_used0;
	if ((uint32_t)top->offset + size > limit)
		goto misuse;
	top->offset += size;
	nbl->ctx_dirty = 1;
	if (nbl->ctx_pushed != 0 && top->offset == top->size) {
		nbl->context = top->next;
		nbl->ctx_pushed--;
		rte_mempool_put(nbl->pool->ctx_mp, top);
	}
	return 0;
misuse:
	NBL_MISUSE(nbl->pool->stats,
		   "context free of %u bytes exceeds what was allocated", size);
	return -EINVAL;
}

void
nbl_ctx_release_all(struct nbl_list *nbl)
{
	struct nbl_ctx *c;

	while (nbl->ctx_pushed != 0) {
		c = nbl->context;
		nbl->context = c->next;
		nbl->ctx_pushed--;
		rte_mempool_put(nbl->pool->ctx_mp, c);
	}
	if (nbl->ctx_base) {
		c = nbl->context;
		nbl->context = c->next;
		nbl->ctx_base = 0;
		rte_mempool_put(nbl->pool->ctx_mp, c);
	}
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * NBL context ('nbl' suite, TCase "context"): back-fill reused (edge
 * case 7), a new block pushed (8), failures that change nothing (9), an
 * over-free refused in a release build (10) and contexts larger than the
 * pool's preallocated one.
 */

#include <errno.h>
#include <string.h>

#include <rte_errno.h>

#include "test_nbl.h"

static unsigned int
ctx_depth(const struct nbl_list *nbl)
{
	const struct nbl_ctx *c;
	unsigned int n = 0;

	for (c = nbl->context; c != NULL; c = c->next)
		n++;
	return n;
}

/* ================================================================== */
/* Context                                                             */
/* ================================================================== */

START_TEST(test_case07_ctx_backfill_reuse)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 48, 8);
	struct nbl_list *nbl = nbl_list_alloc(pool, 16, 32);
	struct nbl_ctx *top;
	uint8_t mine[16], *start;
	uint64_t base;

	ck_assert_ptr_nonnull(nbl);
	top = nbl->context;
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 16);
	start = nbl_list_ctx_data(nbl);
	ck_assert_ptr_nonnull(start);
	ck_assert_uint_eq((uintptr_t)start % NBL_MAA, 0);
	fill(mine, sizeof(mine), 17);
	memcpy(start, mine, 16);
	base = leaks();

	/* the 32 back-fill bytes serve the push: no new block */
	ck_assert_int_eq(nbl_list_ctx_push(nbl, 32, 0, TEST_TAG), 0);
	ck_assert_ptr_eq(nbl->context, top);
	ck_assert_uint_eq(ctx_depth(nbl), 1);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 48);
	ck_assert_ptr_eq(nbl_list_ctx_data(nbl) + 32, start);
	ck_assert_mem_eq(nbl_list_ctx_data(nbl) + 32, mine, 16);
	ck_assert_uint_eq(leaks(), base);
	memset(nbl_list_ctx_data(nbl), 0x77, 32);

	ck_assert_int_eq(nbl_list_ctx_pop(nbl, 32), 0);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 16);
	ck_assert_ptr_eq(nbl_list_ctx_data(nbl), start);
	ck_assert_mem_eq(start, mine, 16);

	ck_assert_int_eq(nbl_list_free(nbl), 0);
	ck_assert_uint_eq(lstats(pool).refused, 0);
	lp_free(pool);
}
END_TEST

START_TEST(test_case08_ctx_push_new_block)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 48, 8);
	struct nbl_list *nbl = nbl_list_alloc(pool, 16, 32);
	struct nbl_ctx *top;
	uint8_t *start0, mine[48];
	uint16_t size0;
	uint64_t base;

	ck_assert_ptr_nonnull(nbl);
	ck_assert_int_eq(nbl_list_ctx_push(nbl, 32, 0, TEST_TAG), 0);
	/* no room left in the block */
	top = nbl->context;
	start0 = nbl_list_ctx_data(nbl);
	size0 = nbl_list_ctx_size(nbl);
	ck_assert_uint_eq(size0, 48);
	fill(mine, sizeof(mine), 33);
	memcpy(start0, mine, 48);
	base = leaks();

	ck_assert_int_eq(nbl_list_ctx_push(nbl, 64, 64,
					   TAG4('p', 'u', 's', 'h')), 0);
	ck_assert_uint_eq(ctx_depth(nbl), 2);
	ck_assert_ptr_ne(nbl->context, top);
	ck_assert_ptr_eq(nbl->context->next, top);
	ck_assert_uint_eq(nbl->context->tag, TAG4('p', 'u', 's', 'h'));
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 64);
	ck_assert_uint_eq((uintptr_t)nbl_list_ctx_data(nbl) % sizeof(void *),
			  0);
	memset(nbl_list_ctx_data(nbl), 0x11, 64);
	/* the pushed block is counted until it is freed */
	ck_assert_uint_eq(leaks(), base + 1);

	/* a push that fits the new block's back-fill takes no block */
	ck_assert_int_eq(nbl_list_ctx_push(nbl, 64, 0, TEST_TAG), 0);
	ck_assert_uint_eq(ctx_depth(nbl), 2);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 128);
	ck_assert_int_eq(nbl_list_ctx_pop(nbl, 64), 0);
	ck_assert_uint_eq(ctx_depth(nbl), 2);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 64);

	ck_assert_int_eq(nbl_list_ctx_pop(nbl, 64), 0);
	ck_assert_uint_eq(ctx_depth(nbl), 1);
	ck_assert_ptr_eq(nbl->context, top);
	ck_assert_ptr_eq(nbl_list_ctx_data(nbl), start0);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), size0);
	ck_assert_mem_eq(start0, mine, 48);
	ck_assert_uint_eq(leaks(), base);

	ck_assert_int_eq(nbl_list_ctx_pop(nbl, 32), 0);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 16);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	ck_assert_uint_eq(lstats(pool).refused, 0);
	lp_free(pool);
}
END_TEST

START_TEST(test_case09_ctx_push_failures)
{
	struct nbl_list_pool_params p = {
		.alloc_nb = true,
		.context_size = 16,
		.tag = TEST_TAG,
		.count = 8,
		.socket_id = SOCKET_ID_ANY,
		.ctx_blocks = 2,
	};
	struct nbl_list_pool *pool = lp_create_p(&p);
	struct nbl_list *nbl = nbl_list_alloc(pool, 16, 0);
	struct nbl_ctx *top;
	uint8_t *start;
	uint16_t size;

	ck_assert_ptr_nonnull(nbl);
	/* use up the two overflow blocks */
	ck_assert_int_eq(nbl_list_ctx_push(nbl, 64, 0, TEST_TAG), 0);
	ck_assert_int_eq(nbl_list_ctx_push(nbl, 64, 0, TEST_TAG), 0);
	ck_assert_uint_eq(ctx_depth(nbl), 3);
	top = nbl->context;
	start = nbl_list_ctx_data(nbl);
	size = nbl_list_ctx_size(nbl);

	/* no block left: RESOURCES, nothing changed */
	ck_assert_int_eq(nbl_list_ctx_push(nbl, 64, 0, TEST_TAG), -ENOBUFS);
	ck_assert_ptr_eq(nbl->context, top);
	ck_assert_ptr_eq(nbl_list_ctx_data(nbl), start);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), size);
	ck_assert_uint_eq(ctx_depth(nbl), 3);

	/* a size that is not a multiple of sizeof(void *): FAILURE */
	ck_assert_int_eq(nbl_list_ctx_push(nbl, 12, 0, TEST_TAG), -EINVAL);
	ck_assert_int_eq(nbl_list_ctx_push(nbl, 16, 12, TEST_TAG), -EINVAL);
	ck_assert_ptr_eq(nbl->context, top);
	ck_assert_ptr_eq(nbl_list_ctx_data(nbl), start);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), size);

	ck_assert_int_eq(nbl_list_ctx_pop(nbl, 64), 0);
	/* a block is free again */
	ck_assert_int_eq(nbl_list_ctx_push(nbl, 64, 0, TEST_TAG), 0);
	ck_assert_int_eq(nbl_list_ctx_pop(nbl, 64), 0);
	ck_assert_int_eq(nbl_list_ctx_pop(nbl, 64), 0);
	ck_assert_uint_eq(ctx_depth(nbl), 1);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 16);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	ck_assert_uint_eq(lstats(pool).refused, 0);
	lp_free(pool);
}
END_TEST

/* Release build: refused and counted.  A debug build aborts. */
START_TEST(test_case10_ctx_over_free_refused)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 48, 8);
	struct nbl_list *nbl = nbl_list_alloc(pool, 16, 32);
	struct nbl_ctx *top;
	uint8_t *start;
	struct nbl_pool_stats st;

	ck_assert_ptr_nonnull(nbl);
	top = nbl->context;
	start = nbl_list_ctx_data(nbl);

	/* the context of the allocation is not the caller's to free */
	ck_assert_int_eq(nbl_list_ctx_pop(nbl, 16), -EINVAL);
	ck_assert_ptr_eq(nbl->context, top);
	ck_assert_ptr_eq(nbl_list_ctx_data(nbl), start);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 16);
	ck_assert_uint_eq(lstats(pool).refused, 1);

	/* more than was pushed */
	ck_assert_int_eq(nbl_list_ctx_push(nbl, 16, 0, TEST_TAG), 0);
	ck_assert_int_eq(nbl_list_ctx_pop(nbl, 32), -EINVAL);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 32);
	ck_assert_uint_eq(lstats(pool).refused, 2);
	ck_assert_int_eq(nbl_list_ctx_pop(nbl, 16), 0);

	/* freeing the NBL with a pushed block left: counted, block freed */
	ck_assert_int_eq(nbl_list_ctx_push(nbl, 64, 64, TEST_TAG), 0);
	ck_assert_uint_eq(ctx_depth(nbl), 2);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	st = lstats(pool);
	ck_assert_uint_eq(st.refused, 3);
	ck_assert_uint_eq(st.outstanding, 0);
	ck_assert_uint_eq(leaks(), 0);
	/* and the pool can go */
	lp_free(pool);
}
END_TEST

/* A context larger than the pool's preallocated one takes an overflow
 * block of its own, freed with the NBL. */
START_TEST(test_ctx_alloc_beyond_prealloc)
{
	struct nbl_list_pool_params p = {
		.alloc_nb = true,
		.context_size = 16,
		.tag = TEST_TAG,
		.count = 8,
		.socket_id = SOCKET_ID_ANY,
		.ctx_blocks = 1,
	};
	struct nbl_list_pool *pool = lp_create_p(&p);
	struct nbl_list *nbl, *one[1];
	struct nbl_pool_stats st;

	nbl = nbl_list_alloc(pool, 64, 32);
	ck_assert_ptr_nonnull(nbl);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 64);
	memset(nbl_list_ctx_data(nbl), 0x3C, 64);
	/* the 32 back-fill bytes are there for a push */
	ck_assert_int_eq(nbl_list_ctx_push(nbl, 32, 0, TEST_TAG), 0);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 96);
	ck_assert_int_eq(nbl_list_ctx_pop(nbl, 32), 0);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 64);

	/* the only overflow block is taken: the next such NBL fails, and
	 * only as a failure (nothing handed out, nothing returned) */
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_alloc(pool, 64, 0));
	ck_assert_int_eq(rte_errno, ENOBUFS);
	st = lstats(pool);
	ck_assert_uint_eq(st.allocs, 1);
	ck_assert_uint_eq(st.frees, 0);
	ck_assert_uint_eq(st.fails, 1);
	ck_assert_uint_eq(st.outstanding, 1);
	ck_assert_uint_eq(st.avail, 7);

	/* the allocation's context is not the caller's to pop (a debug
	 * build aborts) */
	if (RELEASE_BUILD) {
		ck_assert_int_eq(nbl_list_ctx_pop(nbl, 64), -EINVAL);
		ck_assert_uint_eq(nbl_list_ctx_size(nbl), 64);
		ck_assert_uint_eq(lstats(pool).refused, 1);
	}
	/* freeing the NBL returns its block: a plain free, not a misuse */
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	nbl = nbl_list_alloc(pool, 64, 0);
	ck_assert_ptr_nonnull(nbl);
	ck_assert_int_eq(nbl_list_free(nbl), 0);

	/* the bulk path only takes what fits the preallocated context */
	ck_assert_int_eq(nbl_list_alloc_bulk(pool, one, 1, 64, 0), -EINVAL);
	st = lstats(pool);
	ck_assert_uint_eq(st.outstanding, 0);
	ck_assert_uint_eq(st.allocs, 2);
	ck_assert_uint_eq(st.frees, 2);
	lp_free(pool);
}
END_TEST

void
nbl_ctx_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_case07_ctx_backfill_reuse);
	tcase_add_test(tc, test_case08_ctx_push_new_block);
	tcase_add_test(tc, test_case09_ctx_push_failures);
	tcase_add_test(tc, test_ctx_alloc_beyond_prealloc);
	if (RELEASE_BUILD)
		tcase_add_test(tc, test_case10_ctx_over_free_refused);
}

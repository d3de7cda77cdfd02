/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Allocation from libnbl's pools ('nbl' suite, TCase "alloc"): NBLs over
 * a caller chain (edge cases 2-4), the initial NB of each pool shape (5),
 * the initial state and reuse, the obj_init template, NBs alone and with
 * their data, and an NB that outlives its NBL (27).
 */

#include <errno.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_mbuf.h>

#include "test_nbl.h"

/* ================================================================== */
/* Allocation                                                          */
/* ================================================================== */

START_TEST(test_case02_alloc_with_buf_wrong_shape)
{
	struct nbl_list_pool *pools[2];
	uint8_t buf[64];
	struct nbl_mdl *m = mdl_new(buf, sizeof(buf));
	unsigned int i;

	pools[0] = lp_create(false, 0, 0, 16);
	pools[1] = lp_create(true, 1500, 0, 16);
	for (i = 0; i < 2; i++) {
		struct nbl_pool_stats before = lstats(pools[i]), after;

		rte_errno = 0;
		ck_assert_ptr_null(nbl_list_alloc_with_buf(pools[i], 0, 0,
							   NULL, 0, 0));
		ck_assert_int_eq(rte_errno, ENOTSUP);
		rte_errno = 0;
		ck_assert_ptr_null(nbl_list_alloc_with_buf(pools[i], 0, 0, m,
							   0, 64));
		ck_assert_int_eq(rte_errno, ENOTSUP);
		after = lstats(pools[i]);
		ck_assert_uint_eq(after.allocs, before.allocs);
		ck_assert_uint_eq(after.outstanding, before.outstanding);
		ck_assert_uint_eq(after.avail, before.avail);
		lp_free(pools[i]);
	}
	nbl_mdl_free(m);
}
END_TEST

START_TEST(test_case03_alloc_with_buf_null_chain)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 0, 16);
	struct nbl_list *nbl = nbl_list_alloc_with_buf(pool, 0, 0, NULL, 0, 0);
	struct nbl_buf *nb;

	ck_assert_ptr_nonnull(nbl);
	nb = nbl->first_nb;
	ck_assert_ptr_nonnull(nb);
	ck_assert_ptr_null(nb->chain);
	ck_assert_ptr_null(nb->next);
	ck_assert_ptr_null(nb->cur);
	ck_assert_uint_eq(nb->data_offset, 0);
	ck_assert_uint_eq(nb->data_length, 0);
	ck_assert_uint_eq(nb->cur_off, 0);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	ck_assert_uint_eq(lstats(pool).outstanding, 0);
	lp_free(pool);
}
END_TEST

START_TEST(test_case04_alloc_bad_range)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 0, 16);
	struct nbl_buf_pool *bp = bp_create(0, 16);
	static const uint32_t lens[] = { 60, 40 };
	uint8_t buf[100];
	struct nbl_mdl *chain = chain_new(buf, lens, 2);
	struct nbl_pool_stats st;
	struct nbl_list *nbl;
	struct nbl_buf *nb;

	/* a NULL chain with a length or an offset */
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_alloc_with_buf(pool, 0, 0, NULL, 0, 10));
	ck_assert_int_eq(rte_errno, EINVAL);
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_alloc_with_buf(pool, 0, 0, NULL, 10, 0));
	ck_assert_int_eq(rte_errno, EINVAL);
	/* offset + length past the 100 bytes of the chain */
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_alloc_with_buf(pool, 0, 0, chain, 60, 41));
	ck_assert_int_eq(rte_errno, EINVAL);
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_alloc_with_buf(pool, 0, 0, chain, 101, 0));
	ck_assert_int_eq(rte_errno, EINVAL);
	st = lstats(pool);
	ck_assert_uint_eq(st.allocs, 0);
	ck_assert_uint_eq(st.outstanding, 0);
	ck_assert_uint_eq(st.avail, 16);

	/* the same rules for a separately allocated NB */
	rte_errno = 0;
	ck_assert_ptr_null(nbl_buf_alloc(bp, NULL, 0, 10));
	ck_assert_int_eq(rte_errno, EINVAL);
	rte_errno = 0;
	ck_assert_ptr_null(nbl_buf_alloc(bp, chain, 60, 41));
	ck_assert_int_eq(rte_errno, EINVAL);
	st = bstats(bp);
	ck_assert_uint_eq(st.allocs, 0);
	ck_assert_uint_eq(st.avail, 16);

	/* an exact fit is fine */
	nbl = nbl_list_alloc_with_buf(pool, 0, 0, chain, 60, 40);
	ck_assert_ptr_nonnull(nbl);
	nb = nbl_buf_alloc(bp, chain, 0, 100);
	ck_assert_ptr_nonnull(nb);
	ck_assert_int_eq(nbl_buf_free(nb), 0);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	chain_free(chain);
	lp_free(pool);
	bp_free(bp);
}
END_TEST

START_TEST(test_case05_initial_nb_by_shape)
{
	struct nbl_list_pool *f0 = lp_create(false, 0, 0, 16);
	struct nbl_list_pool *t0 = lp_create(true, 0, 0, 16);
	struct nbl_list_pool *tn = lp_create(true, 1500, 0, 16);
	static uint8_t frame[1500], back[1500];
	struct nbl_list *nbl;
	struct nbl_buf *nb;

	/* (F,0): no NB */
	nbl = nbl_list_alloc(f0, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	ck_assert_ptr_null(nbl->first_nb);
	ck_assert_int_eq(nbl_list_free(nbl), 0);

	/* (T,0): one NB without MDL */
	nbl = nbl_list_alloc(t0, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	nb = nbl->first_nb;
	ck_assert_ptr_nonnull(nb);
	ck_assert_ptr_null(nb->chain);
	ck_assert_uint_eq(nb->data_offset, 0);
	ck_assert_uint_eq(nb->data_length, 0);
	ck_assert_int_eq(nbl_list_free(nbl), 0);

	/* (T,N): one N-byte MDL, offset 0, length N, and the bytes usable */
	nbl = nbl_list_alloc(tn, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	nb = nbl->first_nb;
	ck_assert_ptr_nonnull(nb);
	ck_assert_ptr_null(nb->next);
	ck_assert_ptr_nonnull(nb->chain);
	ck_assert_ptr_null(nb->chain->next);
	ck_assert_uint_eq(nb->chain->len, 1500);
	ck_assert_uint_eq(nbl_mdl_chain_len(nb->chain), 1500);
	ck_assert_uint_eq(nb->data_offset, 0);
	ck_assert_uint_eq(nb->data_length, 1500);
	ck_assert_ptr_eq(nb->cur, nb->chain);
	ck_assert_uint_eq(nb->cur_off, 0);
	fill(frame, sizeof(frame), 3);
	ck_assert_int_eq(nbl_buf_copy_in(nb, 0, frame, sizeof(frame)), 0);
	ck_assert_int_eq(nbl_buf_copy_out(nb, 0, sizeof(back), back), 0);
	ck_assert_mem_eq(back, frame, sizeof(frame));
	ck_assert_int_eq(nbl_list_free(nbl), 0);

	ck_assert_uint_eq(lstats(f0).outstanding, 0);
	ck_assert_uint_eq(lstats(t0).outstanding, 0);
	ck_assert_uint_eq(lstats(tn).outstanding, 0);
	ck_assert_uint_eq(lstats(tn).allocs, 1);
	ck_assert_uint_eq(lstats(tn).frees, 1);
	lp_free(f0);
	lp_free(t0);
	lp_free(tn);
}
END_TEST

/* The NDIS initial state, and reuse after the owner dirtied an NBL. */
START_TEST(test_list_alloc_initial_state)
{
	struct nbl_list_pool_params p = {
		.protocol_id = 0x42,
		.alloc_nb = true,
		.context_size = 32,
		.tag = TEST_TAG,
		.count = 1, /* the same object comes back */
		.socket_id = SOCKET_ID_ANY,
	};
	struct nbl_list_pool *pool = lp_create_p(&p);
	struct nbl_list *nbl, *again;
	unsigned int i;

	nbl = nbl_list_alloc(pool, 16, 0);
	ck_assert_ptr_nonnull(nbl);
	ck_assert_ptr_eq(nbl->pool, pool);
	ck_assert_ptr_null(nbl->next);
	ck_assert_ptr_null(nbl->parent);
	ck_assert_ptr_null(nbl->scratch);
	ck_assert_ptr_null(nbl->source_handle);
	ck_assert_int_eq(nbl->child_refcnt, 0);
	ck_assert_int_eq(nbl->status, NBL_STATUS_SUCCESS);
	for (i = 0; i < NBL_INFO_MAX; i++) {
		if (i == NBL_INFO_FRAME_TYPE)
			ck_assert_uint_eq((uintptr_t)nbl->info[i], 0x42);
		else
			ck_assert_ptr_null(nbl->info[i]);
	}
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 16);

	/* the owner writes everything it may write ... */
	*nbl_list_info_ref(nbl, NBL_INFO_IEEE8021Q) = (void *)(uintptr_t)0x123;
	*nbl_list_info_ref(nbl, NBL_INFO_CANCEL_ID) = nbl;
	ck_assert_uint_eq((uintptr_t)nbl->info[NBL_INFO_IEEE8021Q], 0x123);
	nbl->status = NBL_STATUS_FAILURE;
	nbl->scratch = nbl;
	nbl->source_handle = pool;
	nbl->child_refcnt = 3;
	nbl->first_nb->data_length = 0;
	nbl->first_nb->checksum_bias = 7;
	ck_assert_int_eq(nbl_list_free(nbl), 0);

	/* ... and the next allocation of that object starts clean */
	again = nbl_list_alloc(pool, 32, 0);
	ck_assert_ptr_eq(again, nbl);
	ck_assert_int_eq(again->status, NBL_STATUS_SUCCESS);
	ck_assert_ptr_null(again->scratch);
	ck_assert_ptr_null(again->source_handle);
	ck_assert_int_eq(again->child_refcnt, 0);
	ck_assert_ptr_null(again->info[NBL_INFO_IEEE8021Q]);
	ck_assert_ptr_null(again->info[NBL_INFO_CANCEL_ID]);
	ck_assert_uint_eq((uintptr_t)again->info[NBL_INFO_FRAME_TYPE], 0x42);
	ck_assert_uint_eq(again->first_nb->checksum_bias, 0);
	ck_assert_uint_eq(nbl_list_ctx_size(again), 32);
	ck_assert_int_eq(nbl_list_free(again), 0);
	ck_assert_int_eq(nbl_list_free(NULL), 0);
	lp_free(pool);
}
END_TEST

/* NdisAllocateNetBufferAndNetBufferList over a caller chain: the NB sees
 * the right bytes and the MDLs stay the caller's. */
START_TEST(test_list_alloc_with_caller_chain)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 16, 16);
	static const uint32_t lens[] = { 60, 100 };
	uint8_t buf[160];
	struct nbl_mdl *chain = chain_new(buf, lens, 2);
	struct nbl_list *nbl;
	struct nbl_buf *nb;

	fill(buf, sizeof(buf), 11);
	nbl = nbl_list_alloc_with_buf(pool, 16, 0, chain, 70, 80);
	ck_assert_ptr_nonnull(nbl);
	nb = nbl->first_nb;
	ck_assert_ptr_eq(nb->chain, chain);
	ck_assert_ptr_eq(nb->cur, chain->next);
	ck_assert_uint_eq(nb->cur_off, 10);
	ck_assert_uint_eq(nb->data_offset, 70);
	ck_assert_uint_eq(nb->data_length, 80);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 16);
	assert_data(nb, 0, buf + 70, 80);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	/* the caller's MDLs survive the NBL */
	ck_assert_ptr_eq(chain->va, buf);
	ck_assert_uint_eq(nbl_mdl_chain_len(chain), 160);
	chain_free(chain);
	lp_free(pool);
}
END_TEST

static void
template_init(struct nbl_list *nbl, void *arg)
{
	unsigned int *calls = arg;
	uint8_t tmpl[64];

	fill(tmpl, sizeof(tmpl), 0x40);
	nbl_buf_copy_in(nbl->first_nb, 0, tmpl, sizeof(tmpl));
	(*calls)++;
}

/* obj_init builds a packet template once per object, at pool creation. */
START_TEST(test_pool_obj_init_template)
{
	unsigned int calls = 0, i;
	struct nbl_list_pool_params p = {
		.alloc_nb = true,
		.data_size = 256,
		.tag = TEST_TAG,
		.count = 4,
		.socket_id = SOCKET_ID_ANY,
		.obj_init = template_init,
		.obj_init_arg = &calls,
	};
	struct nbl_list_pool *pool = lp_create_p(&p);
	struct nbl_list *nbls[4];
	uint8_t tmpl[64];

	ck_assert_uint_eq(calls, 4);
	fill(tmpl, sizeof(tmpl), 0x40);
	for (i = 0; i < 4; i++) {
		nbls[i] = nbl_list_alloc(pool, 0, 0);
		ck_assert_ptr_nonnull(nbls[i]);
		assert_data(nbls[i]->first_nb, 0, tmpl, sizeof(tmpl));
	}
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(nbl_list_free(nbls[i]), 0);
	ck_assert_uint_eq(calls, 4);
	lp_free(pool);
}
END_TEST

START_TEST(test_buf_alloc_and_free)
{
	struct nbl_buf_pool *bp = bp_create(0, 16);
	struct nbl_buf_pool *dp = bp_create(256, 16);
	struct nbl_list_pool *lp = lp_create(true, 0, 0, 4);
	static const uint32_t lens[] = { 100, 50 };
	uint8_t buf[150];
	struct nbl_mdl *chain = chain_new(buf, lens, 2);
	struct nbl_list *nbl;
	struct nbl_buf *nb;

	fill(buf, sizeof(buf), 21);
	nb = nbl_buf_alloc(bp, chain, 120, 25);
	ck_assert_ptr_nonnull(nb);
	ck_assert_ptr_null(nb->next);
	ck_assert_ptr_eq(nb->pool, bp);
	ck_assert_ptr_eq(nb->chain, chain);
	ck_assert_ptr_eq(nb->cur, chain->next);
	ck_assert_uint_eq(nb->cur_off, 20);
	ck_assert_uint_eq(nb->data_offset, 120);
	ck_assert_uint_eq(nb->data_length, 25);
	assert_data(nb, 0, buf + 120, 25);

	/* NULL chain */
	{
		struct nbl_buf *empty = nbl_buf_alloc(bp, NULL, 0, 0);

		ck_assert_ptr_nonnull(empty);
		ck_assert_ptr_null(empty->chain);
		ck_assert_ptr_null(empty->cur);
		ck_assert_int_eq(nbl_buf_free(empty), 0);
	}

	/* the wrong allocator for the pool's DataSize */
	rte_errno = 0;
	ck_assert_ptr_null(nbl_buf_alloc(dp, NULL, 0, 0));
	ck_assert_int_eq(rte_errno, ENOTSUP);
	rte_errno = 0;
	ck_assert_ptr_null(nbl_buf_alloc_data(bp));
	ck_assert_int_eq(rte_errno, ENOTSUP);
	ck_assert_uint_eq(bstats(dp).allocs, 0);
	ck_assert_uint_eq(bstats(bp).outstanding, 1);

	/* an embedded NB is not nbl_buf_free's to free (a debug build
	 * aborts) */
	nbl = nbl_list_alloc(lp, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	if (RELEASE_BUILD) {
		ck_assert_int_eq(nbl_buf_free(nbl->first_nb), -EINVAL);
		ck_assert_uint_eq(lstats(lp).outstanding, 1);
	}
	ck_assert_int_eq(nbl_list_free(nbl), 0);

	ck_assert_int_eq(nbl_buf_free(NULL), 0);
	ck_assert_int_eq(nbl_buf_free(nb), 0);
	ck_assert_uint_eq(bstats(bp).outstanding, 0);
	ck_assert_uint_eq(bstats(bp).frees, 2);
	chain_free(chain);
	lp_free(lp);
	bp_free(bp);
	bp_free(dp);
}
END_TEST

/* NdisAllocateNetBufferMdlAndData: NB, MDL and DataSize bytes as one. */
START_TEST(test_buf_alloc_data)
{
	struct nbl_buf_pool *dp = bp_create(1024, 4);
	struct nbl_buf *nb, *nb2;
	static uint8_t frame[1024];
	uint8_t hdr[14];

	nb = nbl_buf_alloc_data(dp);
	ck_assert_ptr_nonnull(nb);
	ck_assert_ptr_null(nb->next);
	ck_assert_ptr_nonnull(nb->chain);
	ck_assert_ptr_null(nb->chain->next);
	ck_assert_uint_eq(nb->chain->len, 1024);
	ck_assert_ptr_eq(nb->cur, nb->chain);
	ck_assert_uint_eq(nb->cur_off, 0);
	ck_assert_uint_eq(nb->data_offset, 0);
	ck_assert_uint_eq(nb->data_length, 1024);
	fill(frame, sizeof(frame), 5);
	ck_assert_int_eq(nbl_buf_copy_in(nb, 0, frame, sizeof(frame)), 0);
	assert_data(nb, 0, frame, sizeof(frame));

	/* a second NB has its own data */
	nb2 = nbl_buf_alloc_data(dp);
	ck_assert_ptr_nonnull(nb2);
	ck_assert_ptr_ne(nb2->chain->va, nb->chain->va);

	/* offset 0: a retreat allocates (default allocator), advance frees */
	fill(hdr, sizeof(hdr), 99);
	ck_assert_int_eq(nbl_buf_retreat(nb, 14, 0, NULL), 0);
	ck_assert_uint_eq(nb->data_length, 1024 + 14);
	ck_assert_int_eq(nbl_buf_copy_in(nb, 0, hdr, 14), 0);
	assert_data(nb, 0, hdr, 14);
	assert_data(nb, 14, frame, sizeof(frame));
	ck_assert_int_eq(nbl_buf_advance(nb, 14, true, NULL), 0);
	ck_assert_uint_eq(nb->data_length, 1024);
	ck_assert_uint_eq(nb->data_offset, 0);

	ck_assert_int_eq(nbl_buf_free(nb), 0);
	ck_assert_int_eq(nbl_buf_free(nb2), 0);
	ck_assert_uint_eq(bstats(dp).outstanding, 0);
	ck_assert_uint_eq(bstats(dp).avail, 4);
	bp_free(dp);
}
END_TEST

START_TEST(test_case27_free_nbl_keeps_separate_nb)
{
	struct nbl_list_pool *lp = lp_create(false, 0, 0, 8);
	struct nbl_buf_pool *bp = bp_create(0, 8);
	uint8_t buf[100];
	struct nbl_mdl *m = mdl_new(buf, sizeof(buf));
	struct nbl_list *nbl;
	struct nbl_buf *nb;

	fill(buf, sizeof(buf), 1);
	nbl = nbl_list_alloc(lp, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	nb = nbl_buf_alloc(bp, m, 10, 90);
	ck_assert_ptr_nonnull(nb);
	nbl->first_nb = nb;

	ck_assert_int_eq(nbl_list_free(nbl), 0);
	ck_assert_uint_eq(lstats(lp).outstanding, 0);
	/* the NB is still allocated and intact */
	ck_assert_uint_eq(bstats(bp).outstanding, 1);
	ck_assert_uint_eq(bstats(bp).frees, 0);
	ck_assert_uint_eq(nb->data_offset, 10);
	ck_assert_uint_eq(nb->data_length, 90);
	assert_data(nb, 0, buf + 10, 90);
	/* so its pool refuses to go (a debug build aborts) */
	if (RELEASE_BUILD)
		ck_assert_int_eq(nbl_buf_pool_free(bp), -EBUSY);

	ck_assert_int_eq(nbl_buf_free(nb), 0);
	bp_free(bp);
	lp_free(lp);
	nbl_mdl_free(m);
}
END_TEST

void
nbl_alloc_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_case02_alloc_with_buf_wrong_shape);
	tcase_add_test(tc, test_case03_alloc_with_buf_null_chain);
	tcase_add_test(tc, test_case04_alloc_bad_range);
	tcase_add_test(tc, test_case05_initial_nb_by_shape);
	tcase_add_test(tc, test_list_alloc_initial_state);
	tcase_add_test(tc, test_list_alloc_with_caller_chain);
	tcase_add_test(tc, test_pool_obj_init_template);
	tcase_add_test(tc, test_buf_alloc_and_free);
	tcase_add_test(tc, test_buf_alloc_data);
	tcase_add_test(tc, test_case27_free_nbl_keeps_separate_nb);
}

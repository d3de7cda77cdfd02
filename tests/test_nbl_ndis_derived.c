/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * NDIS derived NBLs ('nbl' suite, TCase "ndis_derived"): clones (edge
 * cases 29, 30), fragments (32, 33) and reassembly (34) through their NDIS
 * names.
 */

#include <stdint.h>
#include <string.h>

#include <rte_errno.h>

#include "test_nbl_ndis.h"

/* ================================================================== */
/* Derived NBLs                                                        */
/* ================================================================== */

START_TEST(test_NdisAllocateCloneNetBufferList_case29)
{
	static const ULONG off[3] = { 40, 40, 40 };
	struct three t;
	NDIS_HANDLE clp, cbp;
	PNET_BUFFER_LIST clone;
	PNET_BUFFER c, o;
	PUCHAR p;
	unsigned int i;

	three_make(&t, off, 100);
	clp = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, FALSE, 0, 0);
	cbp = nb_pool(0);
	NET_BUFFER_LIST_INFO(t.nbl, Ieee8021QNetBufferListInfo) =
		(PVOID)(ULONG_PTR)0x123;
	NET_BUFFER_LIST_PARENT(t.nbl) = NULL;

	clone = NdisAllocateCloneNetBufferList(t.nbl, clp, cbp, 0);
	ck_assert_ptr_nonnull(clone);
	ck_assert_ptr_eq(NdisGetPoolFromNetBufferList(clone), clp);
	/* no context, info zeroed, parent and count left to the caller */
	ck_assert_ptr_null(NET_BUFFER_LIST_CONTEXT_DATA_START(clone));
	ck_assert_uint_eq(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(clone), 0);
	ck_assert_ptr_null(NET_BUFFER_LIST_INFO(clone,
					Ieee8021QNetBufferListInfo));
	ck_assert_ptr_null(NET_BUFFER_LIST_PARENT(clone));
	ck_assert_int_eq(NET_BUFFER_LIST_CHILD_REF_COUNT(clone), 0);
	ck_assert_int_eq(NET_BUFFER_LIST_CHILD_REF_COUNT(t.nbl), 0);
	NET_BUFFER_LIST_PARENT(clone) = t.nbl;
	NET_BUFFER_LIST_CHILD_REF_COUNT(t.nbl)++;
	NdisCopySendNetBufferListInfo(clone, t.nbl);
	ck_assert_ptr_eq(NET_BUFFER_LIST_INFO(clone,
					Ieee8021QNetBufferListInfo),
			 (PVOID)(ULONG_PTR)0x123);

	/* one NB per original NB: the same used bytes, no back-fill */
	for (i = 0, c = NET_BUFFER_LIST_FIRST_NB(clone); i < 3;
	     i++, c = NET_BUFFER_NEXT_NB(c)) {
		ck_assert_ptr_nonnull(c);
		ck_assert_ptr_eq(NdisGetPoolFromNetBuffer(c), cbp);
		ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(c), 100);
		ck_assert_uint_eq(NET_BUFFER_DATA_OFFSET(c), 0);
		assert_bytes(c, t.f[i].va + 40, 100);
	}
	ck_assert_ptr_null(c);

	/* writes through the clone are visible in the parent */
	c = NET_BUFFER_LIST_FIRST_NB(clone);
	p = NdisGetDataBuffer(c, 8, NULL, 1, 0);
	ck_assert_ptr_nonnull(p);
	p[0] = 0xC1;
	o = NET_BUFFER_LIST_FIRST_NB(t.nbl);
	ck_assert_uint_eq(((PUCHAR)NdisGetDataBuffer(o, 1, NULL, 1, 0))[0],
			  0xC1);
	/* the original is unchanged otherwise */
	for (i = 0; i < 3; i++) {
		ck_assert_uint_eq(NET_BUFFER_DATA_OFFSET(t.nb[i]), 40);
		ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(t.nb[i]), 100);
	}
	ck_assert_uint_eq(nb_pool_stats(cbp).outstanding, 3);

	NdisFreeCloneNetBufferList(clone, 0);
	NET_BUFFER_LIST_CHILD_REF_COUNT(t.nbl)--;
	ck_assert_uint_eq(nb_pool_stats(cbp).outstanding, 0);
	ck_assert_uint_eq(nbl_pool_stats(clp).outstanding, 0);
	nb_pool_free(cbp);
	nbl_pool_free(clp);
	three_free(&t);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisAllocateCloneNetBufferList_original_mdls_case30)
{
	struct one o;
	PNET_BUFFER_LIST clone;
	PNET_BUFFER c;
	UCHAR backfill[32];
	PUCHAR p;

	one_make(&o, 132, 32, 100);
	NdisMoveMemory(backfill, o.f.va, 32);

	/* an unknown flag */
	rte_errno = 0;
	ck_assert_ptr_null(NdisAllocateCloneNetBufferList(o.nbl, NULL, NULL,
							  0x4));
	ck_assert_int_eq(rte_errno, EINVAL);
	ck_assert_ptr_null(NdisAllocateCloneNetBufferList(NULL, NULL, NULL,
							  0));

	/* NULL handles: the library's pools; original MDLs shared */
	clone = NdisAllocateCloneNetBufferList(o.nbl, NULL, NULL,
					NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS);
	ck_assert_ptr_nonnull(clone);
	c = NET_BUFFER_LIST_FIRST_NB(clone);
	ck_assert_ptr_null(NET_BUFFER_NEXT_NB(c));
	ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(c), 100);
	assert_bytes(c, o.f.va + 32, 100);
	p = NdisGetDataBuffer(c, 4, NULL, 1, 0);
	ck_assert_ptr_eq(p, o.f.va + 32); /* the very same memory */

	/* case 30: a clone has no back-fill: retreat always allocates, and
	 * the parent's back-fill bytes stay as they were */
	ck_assert_int_eq(NdisRetreatNetBufferDataStart(c, 14, 0,
						       drv_allocate_mdl),
			 NDIS_STATUS_SUCCESS);
	ck_assert_uint_eq(drv.calls, 1);
	p = NdisGetDataBuffer(c, 14, NULL, 1, 0);
	ck_assert_ptr_nonnull(p);
	NdisFillMemory(p, 14, 0xFF);
	ck_assert_mem_eq(o.f.va, backfill, 32);
	ck_assert_uint_eq(NET_BUFFER_DATA_OFFSET(o.nb), 32);
	NdisAdvanceNetBufferDataStart(c, 14, TRUE, drv_free_mdl);
	ck_assert_uint_eq(drv.frees, 1);

	if (NDIS_RELEASE_BUILD) {
		/* case 31: other flags than at allocation, or the plain free:
		 * refused, the clone stays usable */
		NdisFreeCloneNetBufferList(clone, 0);
		NdisFreeNetBufferList(clone);
		ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(
				NET_BUFFER_LIST_FIRST_NB(clone)), 100);
		assert_bytes(NET_BUFFER_LIST_FIRST_NB(clone), o.f.va + 32, 100);
	}
	NdisFreeCloneNetBufferList(clone, NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS);
	NdisFreeCloneNetBufferList(NULL, 0); /* no-op */
	one_free(&o);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisAllocateFragmentNetBufferList_case32)
{
	struct one o;
	NDIS_HANDLE flp, fbp;
	PNET_BUFFER_LIST frag;
	PNET_BUFFER nb;
	static const ULONG exp_len[3] = { 1500, 1500, 60 };
	ULONG done = 0;
	unsigned int i;
	struct nb_view before, after;

	one_make(&o, 3000, 0, 3000);
	flp = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, FALSE, 0, 0);
	fbp = nb_pool(0);
	before = view(o.nb);

	/* bad arguments */
	rte_errno = 0;
	ck_assert_ptr_null(NdisAllocateFragmentNetBufferList(o.nbl, flp, fbp,
							     0, 1480, 20, 0,
							     1));
	ck_assert_int_eq(rte_errno, EINVAL);
	ck_assert_ptr_null(NdisAllocateFragmentNetBufferList(o.nbl, flp, fbp,
							     0, 0, 20, 0, 0));
	ck_assert_ptr_null(NdisAllocateFragmentNetBufferList(NULL, flp, fbp,
							     0, 1480, 20, 0,
							     0));
	ck_assert_uint_eq(nbl_pool_stats(flp).outstanding, 0);

	frag = NdisAllocateFragmentNetBufferList(o.nbl, flp, fbp, 0, 1480,
						 20, 0, 0);
	ck_assert_ptr_nonnull(frag);
	ck_assert_ptr_null(NET_BUFFER_LIST_CONTEXT_DATA_START(frag));
	for (i = 0, nb = NET_BUFFER_LIST_FIRST_NB(frag); i < 3;
	     i++, nb = NET_BUFFER_NEXT_NB(nb)) {
		UCHAR hdr[20];
		PUCHAR p;

		ck_assert_ptr_nonnull(nb);
		ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(nb), exp_len[i]);
		/* Δ header room in front, then the piece */
		p = NdisGetDataBuffer(nb, 20, hdr, 1, 0);
		ck_assert_ptr_nonnull(p);
		NdisFillMemory(p, 20, 0x45); /* write the header */
		NdisAdvanceNetBufferDataStart(nb, 20, FALSE, NULL);
		assert_bytes(nb, o.f.va + done, exp_len[i] - 20);
		ck_assert_int_eq(NdisRetreatNetBufferDataStart(nb, 20, 0,
							       drv_allocate_mdl),
				 NDIS_STATUS_SUCCESS);
		done += exp_len[i] - 20;
	}
	ck_assert_ptr_null(nb);
	ck_assert_uint_eq(drv.calls, 0); /* the header room was there */
	ck_assert_uint_eq(done, 3000);
	/* the parent is unchanged, its bytes too */
	after = view(o.nb);
	assert_view_eq(&before, &after);
	ck_assert_uint_eq(o.f.va[0], pattern(9, 0));
	ck_assert_uint_eq(o.f.va[2999], pattern(9, 2999));

	NdisFreeFragmentNetBufferList(frag, 20, 0);
	ck_assert_uint_eq(nbl_pool_stats(flp).outstanding, 0);
	ck_assert_uint_eq(nb_pool_stats(fbp).outstanding, 0);
	nb_pool_free(fbp);
	nbl_pool_free(flp);
	one_free(&o);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisAllocateFragmentNetBufferList_per_nb_case33)
{
	NDIS_HANDLE lp, bp;
	PNET_BUFFER_LIST src, frag;
	PNET_BUFFER nb2, nb;
	struct frame f[2];
	static const ULONG exp_len[3] = { 800, 200, 500 };
	static const ULONG exp_src[3] = { 0, 800, 0 };
	unsigned int i;

	lp = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, TRUE, 0, 0);
	bp = nb_pool(0);
	frame_make(&f[0], 1000, 70);
	frame_make(&f[1], 500, 71);
	src = NdisAllocateNetBufferAndNetBufferList(lp, 0, 0, f[0].mdl, 0,
						    1000);
	ck_assert_ptr_nonnull(src);
	nb2 = NdisAllocateNetBuffer(bp, f[1].mdl, 0, 500);
	ck_assert_ptr_nonnull(nb2);
	NET_BUFFER_NEXT_NB(NET_BUFFER_LIST_FIRST_NB(src)) = nb2;

	/* StartOffset beyond a source NB: NULL */
	rte_errno = 0;
	ck_assert_ptr_null(NdisAllocateFragmentNetBufferList(src, NULL, NULL,
							     600, 800, 0, 0,
							     0));
	ck_assert_int_eq(rte_errno, EINVAL);

	/* pieces never merge across NBs; NULL pools: the library's */
	frag = NdisAllocateFragmentNetBufferList(src, NULL, NULL, 0, 800, 0,
						 0, 0);
	ck_assert_ptr_nonnull(frag);
	for (i = 0, nb = NET_BUFFER_LIST_FIRST_NB(frag); i < 3;
	     i++, nb = NET_BUFFER_NEXT_NB(nb)) {
		ck_assert_ptr_nonnull(nb);
		ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(nb), exp_len[i]);
		assert_bytes(nb, f[i == 2].va + exp_src[i], exp_len[i]);
	}
	ck_assert_ptr_null(nb);
	if (NDIS_RELEASE_BUILD) {
		/* another Δ than at allocation: refused, fragment intact */
		NdisFreeFragmentNetBufferList(frag, 20, 0);
		ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(
				NET_BUFFER_LIST_FIRST_NB(frag)), 800);
	}
	NdisFreeFragmentNetBufferList(frag, 0, 0);
	NdisFreeFragmentNetBufferList(NULL, 0, 0); /* no-op */

	NET_BUFFER_NEXT_NB(NET_BUFFER_LIST_FIRST_NB(src)) = NULL;
	NdisFreeNetBuffer(nb2);
	NdisFreeNetBufferList(src);
	nb_pool_free(bp);
	nbl_pool_free(lp);
	frame_free(&f[0]);
	frame_free(&f[1]);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisAllocateReassembledNetBufferList_case34)
{
	static const ULONG off[3] = { 0, 8, 16 };
	struct three t;
	NDIS_HANDLE rp, f0;
	PNET_BUFFER_LIST re;
	PNET_BUFFER nb;
	UCHAR exp[140];
	unsigned int i;

	three_make(&t, off, 60);
	rp = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, TRUE, 0, 0);
	f0 = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, FALSE, 0, 0);

	/* the pool must be (T,0) [doc]; the flags are reserved */
	rte_errno = 0;
	ck_assert_ptr_null(NdisAllocateReassembledNetBufferList(t.nbl, f0, 20,
								20, 0, 0));
	ck_assert_int_eq(rte_errno, ENOTSUP);
	ck_assert_ptr_null(NdisAllocateReassembledNetBufferList(t.nbl, rp, 20,
								20, 0, 1));
	ck_assert_ptr_null(NdisAllocateReassembledNetBufferList(t.nbl, rp, 61,
								20, 0, 0));
	ck_assert_ptr_null(NdisAllocateReassembledNetBufferList(NULL, rp, 0,
								0, 0, 0));
	ck_assert_uint_eq(nbl_pool_stats(rp).outstanding, 0);

	re = NdisAllocateReassembledNetBufferList(t.nbl, rp, 20, 20, 0, 0);
	ck_assert_ptr_nonnull(re);
	ck_assert_ptr_eq(NdisGetPoolFromNetBufferList(re), rp);
	nb = NET_BUFFER_LIST_FIRST_NB(re);
	ck_assert_ptr_nonnull(nb);
	ck_assert_ptr_null(NET_BUFFER_NEXT_NB(nb));
	ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(nb), 140);
	/* Δ header room, then 3 x 40 bytes concatenated */
	NdisFillMemory(exp, 20, 0x33);
	{
		PUCHAR p = NdisGetDataBuffer(nb, 20, NULL, 1, 0);

		ck_assert_ptr_nonnull(p);
		NdisFillMemory(p, 20, 0x33);
	}
	for (i = 0; i < 3; i++)
		NdisMoveMemory(exp + 20 + 40 * i, t.f[i].va + off[i] + 20, 40);
	assert_bytes(nb, exp, 140);
	NdisFreeReassembledNetBufferList(re, 20, 0);
	ck_assert_uint_eq(nbl_pool_stats(rp).outstanding, 0);

	/* the library's pool with a NULL handle, Δ 0 */
	re = NdisAllocateReassembledNetBufferList(t.nbl, NULL, 0, 0, 0, 0);
	ck_assert_ptr_nonnull(re);
	ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(NET_BUFFER_LIST_FIRST_NB(re)),
			  180);
	if (NDIS_RELEASE_BUILD) {
		NdisFreeReassembledNetBufferList(re, 20, 0); /* refused */
		ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(
				NET_BUFFER_LIST_FIRST_NB(re)), 180);
	}
	NdisFreeReassembledNetBufferList(re, 0, 0);
	NdisFreeReassembledNetBufferList(NULL, 0, 0); /* no-op */

	nbl_pool_free(f0);
	nbl_pool_free(rp);
	three_free(&t);
	ASSERT_NO_LEAK();
}
END_TEST

void
nbl_ndis_derived_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_NdisAllocateCloneNetBufferList_case29);
	tcase_add_test(tc,
		test_NdisAllocateCloneNetBufferList_original_mdls_case30);
	tcase_add_test(tc, test_NdisAllocateFragmentNetBufferList_case32);
	tcase_add_test(tc,
		test_NdisAllocateFragmentNetBufferList_per_nb_case33);
	tcase_add_test(tc, test_NdisAllocateReassembledNetBufferList_case34);
}

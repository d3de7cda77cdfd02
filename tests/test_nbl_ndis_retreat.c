/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * NDIS retreat and advance ('nbl' suite, TCase "ndis_offset"): of one NB
 * (edge cases 12-21) and of a whole NBL (22, 23), and
 * NdisAdjustNetBufferCurrentMdl, through their NDIS names and the
 * driver's retreat handlers.
 */

#include <stdint.h>
#include <string.h>

#include <rte_errno.h>

#include "test_nbl_ndis.h"

/* ================================================================== */
/* Retreat and advance                                                 */
/* ================================================================== */

START_TEST(test_NdisRetreatNetBufferDataStart_within_backfill_case12_13)
{
	struct one o;
	struct nb_view v;
	PUCHAR p;

	one_make(&o, 200, 64, 100);
	/* case 12: Δ 14 <= DataOffset 64 */
	ck_assert_int_eq(NdisRetreatNetBufferDataStart(o.nb, 14, 0,
						       drv_allocate_mdl),
			 NDIS_STATUS_SUCCESS);
	ck_assert_uint_eq(drv.calls, 0);
	ck_assert_uint_eq(NET_BUFFER_DATA_OFFSET(o.nb), 50);
	ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(o.nb), 114);
	ck_assert_ptr_eq(NET_BUFFER_CURRENT_MDL(o.nb), o.f.mdl);
	ck_assert_uint_eq(NET_BUFFER_CURRENT_MDL_OFFSET(o.nb), 50);
	/* the back-fill bytes keep their old content */
	p = NdisGetDataBuffer(o.nb, 14, NULL, 1, 0);
	ck_assert_ptr_eq(p, o.f.va + 50);
	ck_assert_uint_eq(p[0], pattern(9, 50));

	/* case 13: Δ equal to DataOffset, no allocation, offset 0 */
	ck_assert_int_eq(NdisRetreatNetBufferDataStart(o.nb, 50, 0, NULL),
			 NDIS_STATUS_SUCCESS);
	ck_assert_uint_eq(NET_BUFFER_DATA_OFFSET(o.nb), 0);
	ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(o.nb), 164);
	ck_assert_ptr_eq(NET_BUFFER_FIRST_MDL(o.nb), o.f.mdl);
	ck_assert_ptr_eq(NET_BUFFER_CURRENT_MDL(o.nb), o.f.mdl);

	/* Δ 0 is a no-op either way */
	v = view(o.nb);
	ck_assert_int_eq(NdisRetreatNetBufferDataStart(o.nb, 0, 32,
						       drv_allocate_mdl),
			 NDIS_STATUS_SUCCESS);
	NdisAdvanceNetBufferDataStart(o.nb, 0, TRUE, drv_free_mdl);
	{
		struct nb_view w = view(o.nb);

		assert_view_eq(&v, &w);
	}
	ck_assert_uint_eq(drv.calls, 0);

	/* advance back to where the frame started */
	NdisAdvanceNetBufferDataStart(o.nb, 64, FALSE, NULL);
	ck_assert_uint_eq(NET_BUFFER_DATA_OFFSET(o.nb), 64);
	ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(o.nb), 100);
	ck_assert_uint_eq(NET_BUFFER_CURRENT_MDL_OFFSET(o.nb), 64);
	one_free(&o);
	ASSERT_NO_LEAK();
}
END_TEST

/* Cases 14 and 17: allocate through an NDIS allocator handler, then the
 * round-trip law through the matching free handler. */
START_TEST(test_NdisRetreatNetBufferDataStart_allocates_round_trip_case14_17)
{
	struct one o;
	struct nb_view before, after;
	PMDL head;
	PUCHAR hdr;
	static const UCHAR eth[14] = { 0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0,
				       0, 2, 0x08, 0x00 };

	/* the handlers as a driver stores them */
	NET_BUFFER_ALLOCATE_MDL_HANDLER alloc_handler = drv_allocate_mdl;
	NET_BUFFER_FREE_MDL_HANDLER free_handler = drv_free_mdl;

	one_make(&o, 100, 0, 100);
	before = view(o.nb);
	ck_assert_int_eq(NdisRetreatNetBufferDataStart(o.nb, 14, 50,
						       alloc_handler),
			 NDIS_STATUS_SUCCESS);
	/* case 14: one call, for Δ + bf bytes */
	ck_assert_uint_eq(drv.calls, 1);
	ck_assert_uint_eq(drv.last_size, 64);
	head = NET_BUFFER_FIRST_MDL(o.nb);
	ck_assert_ptr_ne(head, o.f.mdl);
	ck_assert_uint_eq(MmGetMdlByteCount(head), 64);
	ck_assert_ptr_eq(NDIS_MDL_LINKAGE(head), o.f.mdl);
	ck_assert_uint_eq(NET_BUFFER_DATA_OFFSET(o.nb), 50);
	ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(o.nb), 114);
	ck_assert_ptr_eq(NET_BUFFER_CURRENT_MDL(o.nb), head);
	ck_assert_uint_eq(NET_BUFFER_CURRENT_MDL_OFFSET(o.nb), 50);

	/* the header is contiguous in the new MDL: write it in place */
	hdr = NdisGetDataBuffer(o.nb, sizeof(eth), NULL, 1, 0);
	ck_assert_ptr_eq(hdr, (PUCHAR)MmGetMdlVirtualAddress(head) + 50);
	NdisMoveMemory(hdr, eth, sizeof(eth));
	{
		UCHAR exp[114];

		NdisMoveMemory(exp, eth, sizeof(eth));
		NdisMoveMemory(exp + 14, o.f.va, 100);
		assert_bytes(o.nb, exp, sizeof(exp));
	}

	/* case 17: advance(Δ, TRUE) restores everything, one free */
	NdisAdvanceNetBufferDataStart(o.nb, 14, TRUE, free_handler);
	ck_assert_uint_eq(drv.frees, 1);
	after = view(o.nb);
	assert_view_eq(&before, &after);
	one_free(&o);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisRetreatNetBufferDataStart_rule_a_split_case15)
{
	struct one o;
	struct nb_view before, after;
	UCHAR storage[14], exp[14];
	PMDL head;
	PUCHAR hva;
	ULONG i;

	one_make(&o, 106, 6, 100);
	before = view(o.nb);
	ck_assert_int_eq(NdisRetreatNetBufferDataStart(o.nb, 14, 0,
						       drv_allocate_mdl),
			 NDIS_STATUS_SUCCESS);
	ck_assert_uint_eq(drv.last_size, 14);
	/* rule A: the old 6 bytes are used first: DataOffset = bf + d0 */
	head = NET_BUFFER_FIRST_MDL(o.nb);
	ck_assert_uint_eq(NET_BUFFER_DATA_OFFSET(o.nb), 6);
	ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(o.nb), 114);
	ck_assert_ptr_eq(NET_BUFFER_CURRENT_MDL(o.nb), head);
	ck_assert_uint_eq(NET_BUFFER_CURRENT_MDL_OFFSET(o.nb), 6);

	/* the header is split: 8 bytes in the new MDL, 6 in the frame's */
	hva = MmGetMdlVirtualAddress(head);
	for (i = 0; i < 14; i++)
		exp[i] = (UCHAR)(0xA0 + i);
	NdisMoveMemory(hva + 6, exp, 8);
	NdisMoveMemory(o.f.va, exp + 8, 6);
	ck_assert_ptr_null(NdisGetDataBuffer(o.nb, 14, NULL, 1, 0));
	ck_assert_ptr_eq(NdisGetDataBuffer(o.nb, 14, storage, 1, 0), storage);
	ck_assert_mem_eq(storage, exp, 14);
	/* 8 bytes are still contiguous */
	ck_assert_ptr_eq(NdisGetDataBuffer(o.nb, 8, NULL, 1, 0), hva + 6);

	NdisAdvanceNetBufferDataStart(o.nb, 14, TRUE, drv_free_mdl);
	ck_assert_uint_eq(drv.frees, 1);
	after = view(o.nb);
	assert_view_eq(&before, &after);
	one_free(&o);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisRetreatNetBufferDataStart_resources_failure_case16)
{
	struct one o;
	struct nb_view before, after;

	one_make(&o, 100, 0, 100);
	before = view(o.nb);

	/* the allocator handler fails: RESOURCES, NB unchanged */
	drv.fail_at = 1;
	ck_assert_int_eq(NdisRetreatNetBufferDataStart(o.nb, 14, 50,
						       drv_allocate_mdl),
			 NDIS_STATUS_RESOURCES);
	ck_assert_int_eq(NDIS_STATUS_RESOURCES, (NDIS_STATUS)0xC000009A);
	after = view(o.nb);
	assert_view_eq(&before, &after);
	ck_assert_uint_eq(drv.given, 0);
	/* the next call's allocation succeeds */
	ck_assert_int_eq(NdisRetreatNetBufferDataStart(o.nb, 14, 50,
						       drv_allocate_mdl),
			 NDIS_STATUS_SUCCESS);
	ck_assert_uint_eq(drv.calls, 2);
	NdisAdvanceNetBufferDataStart(o.nb, 14, TRUE, drv_free_mdl);
	after = view(o.nb);
	assert_view_eq(&before, &after);

	/* anything else: FAILURE, NB unchanged */
	drv.fail_at = 0;
	ck_assert_int_eq(NdisRetreatNetBufferDataStart(o.nb, UINT32_MAX, 0,
						       drv_allocate_mdl),
			 NDIS_STATUS_FAILURE);
	ck_assert_int_eq(NdisRetreatNetBufferDataStart(NULL, 14, 0, NULL),
			 NDIS_STATUS_FAILURE);
	after = view(o.nb);
	assert_view_eq(&before, &after);
	ck_assert_uint_eq(drv.calls, 2);
	one_free(&o);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisAdvanceNetBufferDataStart_keep_mdl_case18)
{
	struct one o;
	struct nb_view before, after;
	PMDL head;

	one_make(&o, 100, 0, 100);
	before = view(o.nb);
	ck_assert_int_eq(NdisRetreatNetBufferDataStart(o.nb, 14, 50,
						       drv_allocate_mdl),
			 NDIS_STATUS_SUCCESS);
	head = NET_BUFFER_FIRST_MDL(o.nb);
	/* FreeMdl FALSE: the MDL stays as back-fill; DataOffset = S + d0 */
	NdisAdvanceNetBufferDataStart(o.nb, 14, FALSE, NULL);
	ck_assert_uint_eq(drv.frees, 0);
	ck_assert_ptr_eq(NET_BUFFER_FIRST_MDL(o.nb), head);
	ck_assert_uint_eq(NET_BUFFER_DATA_OFFSET(o.nb), 64);
	ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(o.nb), 100);
	ck_assert_ptr_eq(NET_BUFFER_CURRENT_MDL(o.nb), o.f.mdl);
	ck_assert_uint_eq(NET_BUFFER_CURRENT_MDL_OFFSET(o.nb), 0);

	/* a later retreat up to that offset allocates nothing */
	ck_assert_int_eq(NdisRetreatNetBufferDataStart(o.nb, 64, 0,
						       drv_allocate_mdl),
			 NDIS_STATUS_SUCCESS);
	ck_assert_uint_eq(drv.calls, 1);
	ck_assert_uint_eq(NET_BUFFER_DATA_OFFSET(o.nb), 0);
	ck_assert_ptr_eq(NET_BUFFER_CURRENT_MDL(o.nb), head);
	ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(o.nb), 164);

	/* advancing over it with FreeMdl TRUE frees it, once */
	NdisAdvanceNetBufferDataStart(o.nb, 64, TRUE, drv_free_mdl);
	ck_assert_uint_eq(drv.frees, 1);
	after = view(o.nb);
	assert_view_eq(&before, &after);
	one_free(&o);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisAdvanceNetBufferDataStart_partial_case19)
{
	struct one o;
	struct nb_view before, after;
	PMDL head;

	one_make(&o, 100, 0, 100);
	before = view(o.nb);
	ck_assert_int_eq(NdisRetreatNetBufferDataStart(o.nb, 14, 0,
						       drv_allocate_mdl),
			 NDIS_STATUS_SUCCESS);
	head = NET_BUFFER_FIRST_MDL(o.nb);
	/* 4 header bytes are still used: nothing freed */
	NdisAdvanceNetBufferDataStart(o.nb, 10, TRUE, drv_free_mdl);
	ck_assert_uint_eq(drv.frees, 0);
	ck_assert_ptr_eq(NET_BUFFER_FIRST_MDL(o.nb), head);
	ck_assert_ptr_eq(NET_BUFFER_CURRENT_MDL(o.nb), head);
	ck_assert_uint_eq(NET_BUFFER_CURRENT_MDL_OFFSET(o.nb), 10);
	ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(o.nb), 104);
	/* the rest of the way frees it */
	NdisAdvanceNetBufferDataStart(o.nb, 4, TRUE, drv_free_mdl);
	ck_assert_uint_eq(drv.frees, 1);
	after = view(o.nb);
	assert_view_eq(&before, &after);
	one_free(&o);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisAdvanceNetBufferDataStart_caller_mdls_case20)
{
	NDIS_HANDLE pool;
	PNET_BUFFER_LIST nbl;
	PNET_BUFFER nb;
	struct frame f[3];
	PMDL chain;
	unsigned int i;

	pool = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, TRUE, 0, 0);
	frame_make(&f[0], 10, 20);
	frame_make(&f[1], 20, 21);
	frame_make(&f[2], 30, 22);
	chain = chain_link(f, 3);
	nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, chain, 0, 60);
	ck_assert_ptr_nonnull(nbl);
	nb = NET_BUFFER_LIST_FIRST_NB(nbl);

	/* past two caller MDLs with FreeMdl: none freed, cursor right */
	NdisAdvanceNetBufferDataStart(nb, 35, TRUE, NULL);
	ck_assert_ptr_eq(NET_BUFFER_FIRST_MDL(nb), f[0].mdl);
	ck_assert_ptr_eq(NDIS_MDL_LINKAGE(f[0].mdl), f[1].mdl);
	ck_assert_ptr_eq(NDIS_MDL_LINKAGE(f[1].mdl), f[2].mdl);
	ck_assert_ptr_eq(NET_BUFFER_CURRENT_MDL(nb), f[2].mdl);
	ck_assert_uint_eq(NET_BUFFER_CURRENT_MDL_OFFSET(nb), 5);
	ck_assert_uint_eq(NET_BUFFER_DATA_OFFSET(nb), 35);
	ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(nb), 25);
	ck_assert_ptr_eq(NdisGetDataBuffer(nb, 25, NULL, 1, 0), f[2].va + 5);

	/* retreat back across them: back-fill, no allocation */
	ck_assert_int_eq(NdisRetreatNetBufferDataStart(nb, 35, 0,
						       drv_allocate_mdl),
			 NDIS_STATUS_SUCCESS);
	ck_assert_uint_eq(drv.calls, 0);
	ck_assert_ptr_eq(NET_BUFFER_CURRENT_MDL(nb), f[0].mdl);
	ck_assert_uint_eq(NET_BUFFER_CURRENT_MDL_OFFSET(nb), 0);
	ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(nb), 60);
	{
		UCHAR exp[60];

		for (i = 0; i < 3; i++)
			NdisMoveMemory(exp + (i == 0 ? 0 : i == 1 ? 10 : 30),
				       f[i].va, f[i].len);
		assert_bytes(nb, exp, 60);
	}
	NdisFreeNetBufferList(nbl);
	nbl_pool_free(pool);
	for (i = 0; i < 3; i++)
		frame_free(&f[i]);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisAdvanceNetBufferDataStart_past_length_case21)
{
	struct one o;
	struct nb_view before, after;

	one_make(&o, 100, 10, 50);
	before = view(o.nb);
	/* refused: the length never wraps */
	NdisAdvanceNetBufferDataStart(o.nb, 51, FALSE, NULL);
	after = view(o.nb);
	assert_view_eq(&before, &after);
	ck_assert_uint_eq(nbl_pool_stats(o.pool).refused, 1);
	NdisAdvanceNetBufferDataStart(NULL, 1, FALSE, NULL); /* no-op */
	one_free(&o);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisRetreatNetBufferListDataStart_all_or_nothing_case22)
{
	static const ULONG off[3] = { 0, 20, 0 };
	struct three t;
	struct nb_view before[3], after;
	unsigned int i;

	three_make(&t, off, 80);
	for (i = 0; i < 3; i++)
		before[i] = view(t.nb[i]);

	/* NB 1 allocates (call 1), NB 2 uses its back-fill, NB 3's
	 * allocation (call 2) fails: RESOURCES, all restored, the one
	 * allocation freed through the free handler. */
	drv.fail_at = 2;
	ck_assert_int_eq(NdisRetreatNetBufferListDataStart(t.nbl, 14, 16,
							   drv_allocate_mdl,
							   drv_free_mdl),
			 NDIS_STATUS_RESOURCES);
	ck_assert_uint_eq(drv.calls, 2);
	ck_assert_uint_eq(drv.given, 1);
	ck_assert_uint_eq(drv.frees, 1);
	for (i = 0; i < 3; i++) {
		after = view(t.nb[i]);
		assert_view_eq(&before[i], &after);
	}

	/* Succeeds when the allocator does; advance undoes it exactly. */
	drv.fail_at = 0;
	ck_assert_int_eq(NdisRetreatNetBufferListDataStart(t.nbl, 14, 16,
							   drv_allocate_mdl,
							   drv_free_mdl),
			 NDIS_STATUS_SUCCESS);
	ck_assert_uint_eq(drv.given, 3);
	for (i = 0; i < 3; i++)
		ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(t.nb[i]), 94);
	ck_assert_uint_eq(NET_BUFFER_DATA_OFFSET(t.nb[0]), 16);
	ck_assert_uint_eq(NET_BUFFER_DATA_OFFSET(t.nb[1]), 6);
	ck_assert_uint_eq(NET_BUFFER_DATA_OFFSET(t.nb[2]), 16);
	NdisAdvanceNetBufferListDataStart(t.nbl, 14, TRUE, drv_free_mdl);
	ck_assert_uint_eq(drv.frees, 3);
	for (i = 0; i < 3; i++) {
		after = view(t.nb[i]);
		assert_view_eq(&before[i], &after);
	}
	ck_assert_int_eq(NdisRetreatNetBufferListDataStart(NULL, 14, 0, NULL,
							   NULL),
			 NDIS_STATUS_FAILURE);
	NdisAdvanceNetBufferListDataStart(NULL, 14, FALSE, NULL); /* no-op */
	three_free(&t);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisAdvanceNetBufferListDataStart_equals_per_nb_case23)
{
	static const ULONG off[3] = { 4, 0, 30 };
	struct three a, b;
	struct nb_view va, vb;
	unsigned int i;

	three_make(&a, off, 60);
	three_make(&b, off, 60);
	/* both with a retreat that allocates for some NBs */
	ck_assert_int_eq(NdisRetreatNetBufferListDataStart(a.nbl, 20, 8,
							   NULL, NULL),
			 NDIS_STATUS_SUCCESS);
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(NdisRetreatNetBufferDataStart(b.nb[i], 20, 8,
							       NULL),
				 NDIS_STATUS_SUCCESS);
	for (i = 0; i < 3; i++)
		ck_assert_uint_eq(NET_BUFFER_DATA_OFFSET(a.nb[i]),
				  NET_BUFFER_DATA_OFFSET(b.nb[i]));

	NdisAdvanceNetBufferListDataStart(a.nbl, 25, TRUE, NULL);
	for (i = 0; i < 3; i++)
		NdisAdvanceNetBufferDataStart(b.nb[i], 25, TRUE, NULL);
	for (i = 0; i < 3; i++) {
		va = view(a.nb[i]);
		vb = view(b.nb[i]);
		ck_assert_uint_eq(va.off, vb.off);
		ck_assert_uint_eq(va.len, vb.len);
		ck_assert_uint_eq(va.cur_off, vb.cur_off);
		ck_assert_ptr_eq(va.first, a.f[i].mdl); /* MDLs were freed */
		ck_assert_ptr_eq(vb.first, b.f[i].mdl);
		ck_assert_ptr_eq(va.cur, a.f[i].mdl);
		ck_assert_uint_eq(va.n, vb.n);
		ck_assert_uint_eq(va.len, 55);
	}
	/* back to the initial offsets for the frees */
	for (i = 0; i < 3; i++) {
		ck_assert_uint_eq(NET_BUFFER_DATA_OFFSET(a.nb[i]), off[i] + 5);
		NdisRetreatNetBufferDataStart(a.nb[i], 5, 0, NULL);
		NdisRetreatNetBufferDataStart(b.nb[i], 5, 0, NULL);
	}
	three_free(&a);
	three_free(&b);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisAdvanceNetBufferListDataStart_refused_as_a_whole)
{
	static const ULONG off[3] = { 10, 10, 10 };
	struct three t;
	struct nb_view before[3], after;
	unsigned int i;

	three_make(&t, off, 40);
	/* make NB 3 shorter than the Δ */
	NdisAdvanceNetBufferDataStart(t.nb[2], 30, FALSE, NULL);
	for (i = 0; i < 3; i++)
		before[i] = view(t.nb[i]);
	NdisAdvanceNetBufferListDataStart(t.nbl, 20, FALSE, NULL);
	for (i = 0; i < 3; i++) {
		after = view(t.nb[i]);
		assert_view_eq(&before[i], &after);
	}
	ck_assert_uint_ge(nbl_pool_stats(t.lp).refused, 1);
	three_free(&t);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisAdjustNetBufferCurrentMdl)
{
	NDIS_HANDLE pool;
	PNET_BUFFER_LIST nbl;
	PNET_BUFFER nb;
	struct frame f[2];
	struct nb_view before, after;

	pool = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, TRUE, 0, 0);
	frame_make(&f[0], 40, 50);
	frame_make(&f[1], 60, 51);
	nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0,
						    chain_link(f, 2), 0, 100);
	ck_assert_ptr_nonnull(nbl);
	nb = NET_BUFFER_LIST_FIRST_NB(nbl);

	/* a driver that moves DataOffset by hand recomputes the cursor */
	NET_BUFFER_DATA_OFFSET(nb) = 50;
	NET_BUFFER_DATA_LENGTH(nb) = 50;
	NdisAdjustNetBufferCurrentMdl(nb);
	ck_assert_ptr_eq(NET_BUFFER_CURRENT_MDL(nb), f[1].mdl);
	ck_assert_uint_eq(NET_BUFFER_CURRENT_MDL_OFFSET(nb), 10);
	ck_assert_ptr_eq(NdisGetDataBuffer(nb, 50, NULL, 1, 0), f[1].va + 10);
	NET_BUFFER_DATA_OFFSET(nb) = 40;
	NET_BUFFER_DATA_LENGTH(nb) = 60;
	NdisAdjustNetBufferCurrentMdl(nb);
	ck_assert_ptr_eq(NET_BUFFER_CURRENT_MDL(nb), f[1].mdl);
	ck_assert_uint_eq(NET_BUFFER_CURRENT_MDL_OFFSET(nb), 0);

	/* offset + length beyond the chain is refused, NB unchanged */
	before = view(nb);
	NET_BUFFER_DATA_OFFSET(nb) = 20;
	NET_BUFFER_DATA_LENGTH(nb) = 90;
	NdisAdjustNetBufferCurrentMdl(nb);
	ck_assert_ptr_eq(NET_BUFFER_CURRENT_MDL(nb), before.cur);
	ck_assert_uint_eq(NET_BUFFER_CURRENT_MDL_OFFSET(nb), before.cur_off);
	NET_BUFFER_DATA_OFFSET(nb) = before.off;
	NET_BUFFER_DATA_LENGTH(nb) = before.len;
	after = view(nb);
	assert_view_eq(&before, &after);
	NdisAdjustNetBufferCurrentMdl(NULL); /* no-op */

	NdisFreeNetBufferList(nbl);
	nbl_pool_free(pool);
	frame_free(&f[0]);
	frame_free(&f[1]);
	ASSERT_NO_LEAK();
}
END_TEST

void
nbl_ndis_retreat_add_tests(TCase *tc)
{
	tcase_add_test(tc,
		test_NdisRetreatNetBufferDataStart_within_backfill_case12_13);
	tcase_add_test(tc,
		test_NdisRetreatNetBufferDataStart_allocates_round_trip_case14_17);
	tcase_add_test(tc,
		test_NdisRetreatNetBufferDataStart_rule_a_split_case15);
	tcase_add_test(tc,
		test_NdisRetreatNetBufferDataStart_resources_failure_case16);
	tcase_add_test(tc, test_NdisAdvanceNetBufferDataStart_keep_mdl_case18);
	tcase_add_test(tc, test_NdisAdvanceNetBufferDataStart_partial_case19);
	tcase_add_test(tc,
		test_NdisAdvanceNetBufferDataStart_caller_mdls_case20);
	if (NDIS_RELEASE_BUILD)
		tcase_add_test(tc,
			test_NdisAdvanceNetBufferDataStart_past_length_case21);
	tcase_add_test(tc,
		test_NdisRetreatNetBufferListDataStart_all_or_nothing_case22);
	tcase_add_test(tc,
		test_NdisAdvanceNetBufferListDataStart_equals_per_nb_case23);
	if (NDIS_RELEASE_BUILD)
		tcase_add_test(tc,
			test_NdisAdvanceNetBufferListDataStart_refused_as_a_whole);
	tcase_add_test(tc, test_NdisAdjustNetBufferCurrentMdl);
}

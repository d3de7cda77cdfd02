/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * MDLs and NdisGetDataBuffer ('nbl' suite, TCases "ndis_alloc" and
 * "ndis_data"): NdisAllocateMdl and the MDL queries; NdisGetDataBuffer on
 * a short NB (edge case 24), on contiguous and split data (25) and at an
 * alignment (26).
 */

#include <stdint.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_malloc.h>

#include "test_nbl_ndis.h"

/* ================================================================== */
/* MDLs                                                                */
/* ================================================================== */

START_TEST(test_NdisAllocateMdl_and_queries)
{
	PUCHAR mem;
	PMDL a, b, next;
	PVOID va = NULL;
	UINT len = 0;

	mem = rte_malloc("ndis_mdl_test", 300, 0);
	ck_assert_ptr_nonnull(mem);
	NdisFillMemory(mem, 300, 0x77);

	rte_errno = 0;
	ck_assert_ptr_null(NdisAllocateMdl(DRV_HANDLE, NULL, 10));
	ck_assert_int_eq(rte_errno, EINVAL);
	ck_assert_ptr_null(NdisAllocateMdl(DRV_HANDLE, mem, 0));

	a = NdisAllocateMdl(DRV_HANDLE, mem, 100);
	b = NdisAllocateMdl(NULL, mem + 100, 200);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_eq(MmGetMdlVirtualAddress(a), mem);
	ck_assert_uint_eq(MmGetMdlByteCount(a), 100);
	ck_assert_ptr_eq(MmGetSystemAddressForMdlSafe(b, LowPagePriority),
			 mem + 100);
	NdisQueryMdl(b, &va, &len, HighPagePriority);
	ck_assert_ptr_eq(va, mem + 100);
	ck_assert_uint_eq(len, 200);
	len = 0;
	NdisQueryMdl(a, NULL, &len, NormalPagePriority); /* length only */
	ck_assert_uint_eq(len, 100);

	ck_assert_ptr_null(NDIS_MDL_LINKAGE(a));
	NDIS_MDL_LINKAGE(a) = b;
	NdisGetNextMdl(a, &next);
	ck_assert_ptr_eq(next, b);
	NdisGetNextMdl(b, &next);
	ck_assert_ptr_null(next);
	NDIS_MDL_LINKAGE(a) = NULL;

	/* freeing an MDL never frees what it describes */
	NdisFreeMdl(a);
	NdisFreeMdl(b);
	NdisFreeMdl(NULL);
	ck_assert_uint_eq(mem[299], 0x77);
	mem[299] = 0;
	rte_free(mem);
	ASSERT_NO_LEAK();
}
END_TEST

/* ================================================================== */
/* NdisGetDataBuffer                                                   */
/* ================================================================== */

START_TEST(test_NdisGetDataBuffer_too_short_case24)
{
	struct one o;
	UCHAR storage[128];

	one_make(&o, 100, 40, 60);
	ck_assert_ptr_null(NdisGetDataBuffer(o.nb, 61, storage, 1, 0));
	ck_assert_ptr_null(NdisGetDataBuffer(o.nb, 61, NULL, 1, 0));
	ck_assert_ptr_nonnull(NdisGetDataBuffer(o.nb, 60, NULL, 1, 0));
	ck_assert_ptr_null(NdisGetDataBuffer(NULL, 1, storage, 1, 0));
	one_free(&o);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisGetDataBuffer_contiguous_vs_split_case25)
{
	NDIS_HANDLE pool;
	PNET_BUFFER_LIST nbl;
	PNET_BUFFER nb;
	struct frame f[2];
	struct nb_view before, after;
	UCHAR storage[32];
	PUCHAR p;

	pool = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, TRUE, 0, 0);
	frame_make(&f[0], 30, 60);
	frame_make(&f[1], 70, 61);
	nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0,
						    chain_link(f, 2), 10, 90);
	ck_assert_ptr_nonnull(nbl);
	nb = NET_BUFFER_LIST_FIRST_NB(nbl);
	before = view(nb);

	/* contiguous: a pointer into the frame; writes are visible */
	p = NdisGetDataBuffer(nb, 20, storage, 1, 0);
	ck_assert_ptr_eq(p, f[0].va + 10);
	p[0] = 0xAB;
	ck_assert_uint_eq(f[0].va[10], 0xAB);

	/* split across the MDLs: the copy in Storage, writes not visible */
	p = NdisGetDataBuffer(nb, 32, storage, 1, 0);
	ck_assert_ptr_eq(p, storage);
	ck_assert_uint_eq(p[0], 0xAB);
	ck_assert_mem_eq(p + 1, f[0].va + 11, 19);
	ck_assert_mem_eq(p + 20, f[1].va, 12);
	p[25] = (UCHAR)~p[25];
	ck_assert_uint_ne(f[1].va[5], p[25]);
	ck_assert_ptr_null(NdisGetDataBuffer(nb, 32, NULL, 1, 0));

	/* the call never moves the NB */
	after = view(nb);
	assert_view_eq(&before, &after);
	NdisFreeNetBufferList(nbl);
	nbl_pool_free(pool);
	frame_free(&f[0]);
	frame_free(&f[1]);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisGetDataBuffer_alignment_case26)
{
	struct one o;
	UCHAR storage[16];
	PUCHAR p;

	one_make(&o, 64, 0, 64); /* rte_malloc'd at 64: address % 4 == 0 */
	ck_assert_uint_eq((ULONG_PTR)o.f.va % 4, 0);
	/* (4,2) on data at 0 mod 4: the copy, or NULL without Storage */
	p = NdisGetDataBuffer(o.nb, 16, storage, 4, 2);
	ck_assert_ptr_eq(p, storage);
	ck_assert_mem_eq(p, o.f.va, 16);
	ck_assert_ptr_null(NdisGetDataBuffer(o.nb, 16, NULL, 4, 2));
	/* (4,0) and (1,0): the frame itself */
	ck_assert_ptr_eq(NdisGetDataBuffer(o.nb, 16, NULL, 4, 0), o.f.va);
	ck_assert_ptr_eq(NdisGetDataBuffer(o.nb, 16, storage, 1, 0), o.f.va);
	/* move the data start by 2: now (4,2) fits */
	NdisAdvanceNetBufferDataStart(o.nb, 2, FALSE, NULL);
	ck_assert_ptr_eq(NdisGetDataBuffer(o.nb, 16, NULL, 4, 2), o.f.va + 2);
	ck_assert_ptr_eq(NdisGetDataBuffer(o.nb, 16, storage, 4, 0), storage);
	ck_assert_int_eq(NdisRetreatNetBufferDataStart(o.nb, 2, 0, NULL),
			 NDIS_STATUS_SUCCESS);
	one_free(&o);
	ASSERT_NO_LEAK();
}
END_TEST

void
nbl_ndis_mdl_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_NdisAllocateMdl_and_queries);
}

void
nbl_ndis_data_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_NdisGetDataBuffer_too_short_case24);
	tcase_add_test(tc, test_NdisGetDataBuffer_contiguous_vs_split_case25);
	tcase_add_test(tc, test_NdisGetDataBuffer_alignment_case26);
}

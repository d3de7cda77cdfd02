/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * NDIS allocation ('nbl' suite, TCase "ndis_alloc"): NBLs over a caller
 * chain (edge cases 2-4), the initial state (5) and context size (6), NBs
 * from the wrong pool and preallocated NBs, through their NDIS names.
 */

#include <stdint.h>
#include <string.h>

#include <rte_errno.h>

#include "test_nbl_ndis.h"

/* ================================================================== */
/* Allocation                                                          */
/* ================================================================== */

START_TEST(test_NdisAllocateNetBufferAndNetBufferList_wrong_shape_case02)
{
	NDIS_HANDLE f0, tn;

	f0 = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, FALSE, 0, 0);
	tn = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, TRUE, 0, 1500);
	rte_errno = 0;
	ck_assert_ptr_null(NdisAllocateNetBufferAndNetBufferList(f0, 0, 0,
								 NULL, 0, 0));
	ck_assert_int_eq(rte_errno, ENOTSUP);
	rte_errno = 0;
	ck_assert_ptr_null(NdisAllocateNetBufferAndNetBufferList(tn, 0, 0,
								 NULL, 0, 0));
	ck_assert_int_eq(rte_errno, ENOTSUP);
	/* the pools' counts did not change */
	ck_assert_uint_eq(nbl_pool_stats(f0).allocs, 0);
	ck_assert_uint_eq(nbl_pool_stats(tn).allocs, 0);
	ck_assert_uint_eq(nbl_pool_stats(f0).outstanding, 0);
	ck_assert_uint_eq(nbl_pool_stats(tn).outstanding, 0);
	ck_assert_ptr_null(NdisAllocateNetBufferAndNetBufferList(NULL, 0, 0,
								 NULL, 0, 0));
	nbl_pool_free(f0);
	nbl_pool_free(tn);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisAllocateNetBufferAndNetBufferList_null_chain_case03)
{
	NDIS_HANDLE pool;
	PNET_BUFFER_LIST nbl;
	PNET_BUFFER nb;

	pool = nbl_pool(NDIS_PROTOCOL_ID_TCP_IP, TRUE, 0, 0);
	nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, NULL, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	nb = NET_BUFFER_LIST_FIRST_NB(nbl);
	ck_assert_ptr_nonnull(nb);
	ck_assert_ptr_null(NET_BUFFER_FIRST_MDL(nb));
	ck_assert_ptr_null(NET_BUFFER_NEXT_NB(nb));
	ck_assert_ptr_null(NET_BUFFER_CURRENT_MDL(nb));
	ck_assert_uint_eq(NET_BUFFER_CURRENT_MDL_OFFSET(nb), 0);
	ck_assert_uint_eq(NET_BUFFER_DATA_OFFSET(nb), 0);
	ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(nb), 0);
	ck_assert_ptr_eq(NdisGetPoolFromNetBuffer(nb), pool);
	ck_assert_ptr_eq(NdisGetPoolFromNetBufferList(nbl), pool);
	ck_assert_ptr_null(NdisGetPoolFromNetBuffer(NULL));
	/* an empty NB has no data to view */
	ck_assert_ptr_null(NdisGetDataBuffer(nb, 1, NULL, 1, 0));
	ck_assert_uint_eq(nbl_pool_stats(pool).outstanding, 1);
	NdisFreeNetBufferList(nbl);
	NdisFreeNetBufferList(NULL); /* no-op */
	ck_assert_uint_eq(nbl_pool_stats(pool).outstanding, 0);
	nbl_pool_free(pool);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisAllocateNetBufferAndNetBufferList_bad_lengths_case04)
{
	NDIS_HANDLE pool;
	PNET_BUFFER_LIST nbl;
	PNET_BUFFER nb;
	struct frame f[2];
	PMDL chain;

	pool = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, TRUE, 0, 0);
	frame_make(&f[0], 64, 3);
	frame_make(&f[1], 100, 4);
	chain = chain_link(f, 2); /* 164 bytes */

	/* NULL chain: offset and length must be 0 [doc] */
	rte_errno = 0;
	ck_assert_ptr_null(NdisAllocateNetBufferAndNetBufferList(pool, 0, 0,
								 NULL, 0, 10));
	ck_assert_int_eq(rte_errno, EINVAL);
	ck_assert_ptr_null(NdisAllocateNetBufferAndNetBufferList(pool, 0, 0,
								 NULL, 4, 0));
	/* offset + length beyond the chain */
	ck_assert_ptr_null(NdisAllocateNetBufferAndNetBufferList(pool, 0, 0,
								 chain, 80,
								 85));
	ck_assert_ptr_null(NdisAllocateNetBufferAndNetBufferList(pool, 0, 0,
								 chain, 165,
								 0));
	/* a SIZE_T length that a NET_BUFFER cannot hold */
	ck_assert_ptr_null(NdisAllocateNetBufferAndNetBufferList(pool, 0, 0,
		chain, 0, (SIZE_T)UINT32_MAX + 1));
	ck_assert_uint_eq(nbl_pool_stats(pool).outstanding, 0);

	/* exactly the chain: CurrentMdl holds byte DataOffset */
	nbl = NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, chain, 80, 84);
	ck_assert_ptr_nonnull(nbl);
	nb = NET_BUFFER_LIST_FIRST_NB(nbl);
	ck_assert_ptr_eq(NET_BUFFER_FIRST_MDL(nb), f[0].mdl);
	ck_assert_ptr_eq(NET_BUFFER_CURRENT_MDL(nb), f[1].mdl);
	ck_assert_uint_eq(NET_BUFFER_CURRENT_MDL_OFFSET(nb), 16);
	ck_assert_uint_eq(NET_BUFFER_DATA_OFFSET(nb), 80);
	ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(nb), 84);
	assert_bytes(nb, f[1].va + 16, 84);
	NdisFreeNetBufferList(nbl);

	/* the caller's MDLs and memory are untouched by the free */
	ck_assert_ptr_eq(NDIS_MDL_LINKAGE(f[0].mdl), f[1].mdl);
	ck_assert_uint_eq(f[1].va[99], pattern(4, 99));
	nbl_pool_free(pool);
	frame_free(&f[0]);
	frame_free(&f[1]);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisAllocateNetBufferList_initial_state_case05)
{
	NDIS_HANDLE f0, t0, tn;
	PNET_BUFFER_LIST nbl;
	PNET_BUFFER nb;
	PMDL mdl;
	PVOID va = NULL;
	UINT len = 0;
	PUCHAR p;

	f0 = nbl_pool(NDIS_PROTOCOL_ID_TCP_IP, FALSE, 0, 0);
	t0 = nbl_pool(NDIS_PROTOCOL_ID_IP6, TRUE, 0, 0);
	tn = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, TRUE, 0, 1500);

	/* (F,0): no NB; the NBL fields start cleared [doc]/[emu] */
	nbl = NdisAllocateNetBufferList(f0, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	ck_assert_ptr_null(NET_BUFFER_LIST_FIRST_NB(nbl));
	ck_assert_ptr_null(NET_BUFFER_LIST_NEXT_NBL(nbl));
	ck_assert_ptr_null(NET_BUFFER_LIST_PARENT(nbl));
	ck_assert_int_eq(NET_BUFFER_LIST_CHILD_REF_COUNT(nbl), 0);
	ck_assert_ptr_null(NET_BUFFER_LIST_SOURCE_HANDLE(nbl));
	ck_assert_int_eq(NET_BUFFER_LIST_STATUS(nbl), NDIS_STATUS_SUCCESS);
	ck_assert_uint_eq(NET_BUFFER_LIST_FLAGS(nbl), 0);
	ck_assert_uint_eq(NET_BUFFER_LIST_NBL_FLAGS(nbl), 0);
	/* the protocol id comes from the pool */
	ck_assert_ptr_eq(NET_BUFFER_LIST_INFO(nbl, NetBufferListProtocolId),
			 (PVOID)(ULONG_PTR)NDIS_PROTOCOL_ID_TCP_IP);
	ck_assert_ptr_null(NET_BUFFER_LIST_INFO(nbl,
					Ieee8021QNetBufferListInfo));
	ck_assert_ptr_null(NDIS_GET_NET_BUFFER_LIST_CANCEL_ID(nbl));
	NdisFreeNetBufferList(nbl);

	/* (T,0): one NB, no MDL */
	nbl = NdisAllocateNetBufferList(t0, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	ck_assert_ptr_eq(NET_BUFFER_LIST_INFO(nbl, NetBufferListProtocolId),
			 (PVOID)(ULONG_PTR)NDIS_PROTOCOL_ID_IP6);
	nb = NET_BUFFER_LIST_FIRST_NB(nbl);
	ck_assert_ptr_nonnull(nb);
	ck_assert_ptr_null(NET_BUFFER_FIRST_MDL(nb));
	ck_assert_uint_eq(NET_BUFFER_DATA_OFFSET(nb), 0);
	ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(nb), 0);
	ck_assert_uint_eq(NET_BUFFER_CHECKSUM_BIAS(nb), 0);
	NdisFreeNetBufferList(nbl);

	/* (T,N): one NB over one N-byte MDL, offset 0, length N [emu] */
	nbl = NdisAllocateNetBufferList(tn, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	nb = NET_BUFFER_LIST_FIRST_NB(nbl);
	ck_assert_ptr_nonnull(nb);
	ck_assert_ptr_null(NET_BUFFER_NEXT_NB(nb));
	mdl = NET_BUFFER_FIRST_MDL(nb);
	ck_assert_ptr_nonnull(mdl);
	ck_assert_ptr_null(NDIS_MDL_LINKAGE(mdl));
	ck_assert_ptr_eq(NET_BUFFER_CURRENT_MDL(nb), mdl);
	ck_assert_uint_eq(NET_BUFFER_CURRENT_MDL_OFFSET(nb), 0);
	ck_assert_uint_eq(NET_BUFFER_DATA_OFFSET(nb), 0);
	ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(nb), 1500);
	ck_assert_uint_eq(MmGetMdlByteCount(mdl), 1500);
	NdisQueryMdl(mdl, &va, &len, NormalPagePriority);
	ck_assert_ptr_eq(va, MmGetMdlVirtualAddress(mdl));
	ck_assert_uint_eq(len, 1500);
	/* the whole frame is one contiguous view into the data */
	p = NdisGetDataBuffer(nb, 1500, NULL, 1, 0);
	ck_assert_ptr_eq(p, va);
	p[0] = 0x45;
	p[1499] = 0x99;
	ck_assert_uint_eq(((PUCHAR)MmGetSystemAddressForMdlSafe(
			mdl, NormalPagePriority | MdlMappingNoExecute))[1499],
			0x99);
	ck_assert_ptr_eq(NdisGetPoolFromNetBuffer(nb), tn);
	ck_assert_uint_eq(nbl_pool_stats(tn).outstanding, 1);
	NdisFreeNetBufferList(nbl);
	ck_assert_uint_eq(nbl_pool_stats(tn).outstanding, 0);
	ck_assert_uint_eq(nbl_pool_stats(f0).outstanding, 0);
	ck_assert_uint_eq(nbl_pool_stats(t0).outstanding, 0);

	nbl_pool_free(f0);
	nbl_pool_free(t0);
	nbl_pool_free(tn);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisAllocateNetBufferList_context_size_case06)
{
	NDIS_HANDLE pool;
	PNET_BUFFER_LIST nbl;
	PUCHAR start;

	pool = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, FALSE, 48, 0);
	/* sizes must be MEMORY_ALLOCATION_ALIGNMENT multiples [doc] */
	rte_errno = 0;
	ck_assert_ptr_null(NdisAllocateNetBufferList(pool, 12, 0));
	ck_assert_int_eq(rte_errno, EINVAL);
	ck_assert_ptr_null(NdisAllocateNetBufferList(pool, 16, 8));
	ck_assert_ptr_null(NdisAllocateNetBufferAndNetBufferList(NULL, 12, 0,
								 NULL, 0, 0));
	ck_assert_uint_eq(nbl_pool_stats(pool).outstanding, 0);

	/* CtxSize used bytes with CtxBackFill unused bytes in front */
	nbl = NdisAllocateNetBufferList(pool, 16, 32);
	ck_assert_ptr_nonnull(nbl);
	start = NET_BUFFER_LIST_CONTEXT_DATA_START(nbl);
	ck_assert_ptr_nonnull(start);
	ck_assert_uint_eq(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(nbl), 16);
	ck_assert_uint_eq((ULONG_PTR)start % MEMORY_ALLOCATION_ALIGNMENT, 0);
	NdisFillMemory(start, 16, 0x11);
	NdisFreeNetBufferList(nbl);

	/* more than the pool preallocated still works (overflow block) */
	nbl = NdisAllocateNetBufferList(pool, 64, 16);
	ck_assert_ptr_nonnull(nbl);
	ck_assert_uint_eq(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(nbl), 64);
	NdisFillMemory(NET_BUFFER_LIST_CONTEXT_DATA_START(nbl), 64, 0x22);
	NdisFreeNetBufferList(nbl);
	nbl_pool_free(pool);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisAllocateNetBuffer_wrong_pool_kind)
{
	NDIS_HANDLE lp, bp0, bpd;
	PNET_BUFFER_LIST nbl;
	PNET_BUFFER nb, nbd;
	struct frame f;
	PUCHAR p;

	lp = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, FALSE, 0, 0);
	bp0 = nb_pool(0);
	bpd = nb_pool(512);
	frame_make(&f, 256, 7);

	/* each NB pool kind has exactly one allocator [doc]/[emu] */
	rte_errno = 0;
	ck_assert_ptr_null(NdisAllocateNetBuffer(bpd, f.mdl, 0, 256));
	ck_assert_int_eq(rte_errno, ENOTSUP);
	rte_errno = 0;
	ck_assert_ptr_null(NdisAllocateNetBufferMdlAndData(bp0));
	ck_assert_int_eq(rte_errno, ENOTSUP);
	ck_assert_ptr_null(NdisAllocateNetBufferMdlAndData(NULL));
	ck_assert_ptr_null(NdisAllocateNetBuffer(NULL, NULL, 0, 0));
	/* the same length rules as ...AndNetBufferList */
	ck_assert_ptr_null(NdisAllocateNetBuffer(bp0, NULL, 0, 10));
	ck_assert_ptr_null(NdisAllocateNetBuffer(bp0, f.mdl, 200, 57));
	ck_assert_uint_eq(nb_pool_stats(bp0).outstanding, 0);
	ck_assert_uint_eq(nb_pool_stats(bpd).outstanding, 0);

	/* DataSize 0: an unlinked NB over the caller's chain */
	nb = NdisAllocateNetBuffer(bp0, f.mdl, 56, 200);
	ck_assert_ptr_nonnull(nb);
	ck_assert_ptr_null(NET_BUFFER_NEXT_NB(nb));
	ck_assert_ptr_eq(NET_BUFFER_FIRST_MDL(nb), f.mdl);
	ck_assert_ptr_eq(NET_BUFFER_CURRENT_MDL(nb), f.mdl);
	ck_assert_uint_eq(NET_BUFFER_CURRENT_MDL_OFFSET(nb), 56);
	ck_assert_uint_eq(NET_BUFFER_DATA_OFFSET(nb), 56);
	ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(nb), 200);
	ck_assert_ptr_eq(NdisGetPoolFromNetBuffer(nb), bp0);

	/* DataSize N: NB, MDL and N bytes in one, offset 0, length N */
	nbd = NdisAllocateNetBufferMdlAndData(bpd);
	ck_assert_ptr_nonnull(nbd);
	ck_assert_ptr_nonnull(NET_BUFFER_FIRST_MDL(nbd));
	ck_assert_uint_eq(MmGetMdlByteCount(NET_BUFFER_FIRST_MDL(nbd)), 512);
	ck_assert_uint_eq(NET_BUFFER_DATA_OFFSET(nbd), 0);
	ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(nbd), 512);
	ck_assert_ptr_eq(NdisGetPoolFromNetBuffer(nbd), bpd);
	p = NdisGetDataBuffer(nbd, 512, NULL, 1, 0);
	ck_assert_ptr_eq(p, MmGetMdlVirtualAddress(NET_BUFFER_FIRST_MDL(nbd)));
	NdisFillMemory(p, 512, 0x3C);

	/* the creator links its NBs into an NBL and unlinks them again */
	nbl = NdisAllocateNetBufferList(lp, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	NET_BUFFER_LIST_FIRST_NB(nbl) = nb;
	NET_BUFFER_NEXT_NB(nb) = nbd;
	ck_assert_ptr_eq(NET_BUFFER_NEXT_NB(NET_BUFFER_LIST_FIRST_NB(nbl)),
			 nbd);
	assert_bytes(NET_BUFFER_LIST_FIRST_NB(nbl), f.va + 56, 200);
	NET_BUFFER_NEXT_NB(nb) = NULL;
	NET_BUFFER_LIST_FIRST_NB(nbl) = NULL;
	NdisFreeNetBuffer(nbd);
	NdisFreeNetBuffer(nb);
	NdisFreeNetBuffer(NULL); /* no-op */
	NdisFreeNetBufferList(nbl);
	ck_assert_uint_eq(nb_pool_stats(bp0).outstanding, 0);
	ck_assert_uint_eq(nb_pool_stats(bpd).outstanding, 0);

	nb_pool_free(bp0);
	nb_pool_free(bpd);
	nbl_pool_free(lp);
	frame_free(&f);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisFreeNetBuffer_preallocated_refused)
{
	NDIS_HANDLE pool;
	PNET_BUFFER_LIST nbl;
	PNET_BUFFER nb;

	pool = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, TRUE, 0, 0);
	nbl = NdisAllocateNetBufferList(pool, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	nb = NET_BUFFER_LIST_FIRST_NB(nbl);
	/* the NB preallocated with its NBL leaves only with it */
	NdisFreeNetBuffer(nb);
	ck_assert_ptr_eq(NET_BUFFER_LIST_FIRST_NB(nbl), nb);
	ck_assert_ptr_eq(NdisGetPoolFromNetBuffer(nb), pool);
	ck_assert_uint_eq(nbl_pool_stats(pool).outstanding, 1);
	NdisFreeNetBufferList(nbl);
	nbl_pool_free(pool);
	ASSERT_NO_LEAK();
}
END_TEST

void
nbl_ndis_alloc_add_tests(TCase *tc)
{
	tcase_add_test(tc,
		test_NdisAllocateNetBufferAndNetBufferList_wrong_shape_case02);
	tcase_add_test(tc,
		test_NdisAllocateNetBufferAndNetBufferList_null_chain_case03);
	tcase_add_test(tc,
		test_NdisAllocateNetBufferAndNetBufferList_bad_lengths_case04);
	tcase_add_test(tc, test_NdisAllocateNetBufferList_initial_state_case05);
	tcase_add_test(tc, test_NdisAllocateNetBufferList_context_size_case06);
	tcase_add_test(tc, test_NdisAllocateNetBuffer_wrong_pool_kind);
	if (NDIS_RELEASE_BUILD)
		tcase_add_test(tc, test_NdisFreeNetBuffer_preallocated_refused);
}

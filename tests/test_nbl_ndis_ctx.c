/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * NBL context, fields and info ('nbl' suite, TCases "ndis_context" and
 * "ndis_info"): context back-fill (edge case 7), a new block (8),
 * failures (9) and an over-free (10); NET_BUFFER_LIST_INFO as an lvalue,
 * the NBL fields and NdisCopySendNetBufferListInfo.
 */

#include <stdint.h>
#include <string.h>

#include <rte_errno.h>

#include "test_nbl_ndis.h"

/* ================================================================== */
/* Context                                                             */
/* ================================================================== */

START_TEST(test_NdisAllocateNetBufferListContext_backfill_case07)
{
	NDIS_HANDLE pool;
	PNET_BUFFER_LIST nbl;
	PUCHAR s0, s1;

	pool = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, TRUE, 48, 0);
	nbl = NdisAllocateNetBufferList(pool, 16, 32);
	ck_assert_ptr_nonnull(nbl);
	s0 = NET_BUFFER_LIST_CONTEXT_DATA_START(nbl);
	ck_assert_uint_eq(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(nbl), 16);
	NdisFillMemory(s0, 16, 0x5C);

	/* the back-fill takes it: no new block, directly in front */
	ck_assert_int_eq(NdisAllocateNetBufferListContext(nbl, 32, 0, TAG_CTX),
			 NDIS_STATUS_SUCCESS);
	s1 = NET_BUFFER_LIST_CONTEXT_DATA_START(nbl);
	ck_assert_uint_eq(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(nbl), 48);
	ck_assert_ptr_eq(s1 + 32, s0);
	ck_assert_uint_eq(s1[32], 0x5C);
	ck_assert_uint_eq(s1[47], 0x5C);
	NdisZeroMemory(s1, 32);

	NdisFreeNetBufferListContext(nbl, 32);
	ck_assert_ptr_eq(NET_BUFFER_LIST_CONTEXT_DATA_START(nbl), s0);
	ck_assert_uint_eq(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(nbl), 16);
	ck_assert_uint_eq(s0[0], 0x5C);
	NdisFreeNetBufferList(nbl);
	nbl_pool_free(pool);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisAllocateNetBufferListContext_new_block_case08)
{
	NDIS_HANDLE pool;
	PNET_BUFFER_LIST nbl;
	PUCHAR s0, s1;

	pool = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, FALSE, 16, 0);
	nbl = NdisAllocateNetBufferList(pool, 16, 0);
	ck_assert_ptr_nonnull(nbl);
	s0 = NET_BUFFER_LIST_CONTEXT_DATA_START(nbl);
	NdisFillMemory(s0, 16, 0x61);

	/* no room left: a new block of 64 used + 64 back-fill bytes */
	ck_assert_int_eq(NdisAllocateNetBufferListContext(nbl, 64, 64,
							  TAG_CTX),
			 NDIS_STATUS_SUCCESS);
	s1 = NET_BUFFER_LIST_CONTEXT_DATA_START(nbl);
	ck_assert_ptr_ne(s1, s0);
	ck_assert_uint_eq(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(nbl), 64);
	ck_assert_uint_eq((ULONG_PTR)s1 % sizeof(PVOID), 0);
	NdisFillMemory(s1, 64, 0x62);
	/* the block's back-fill serves the next driver up */
	ck_assert_int_eq(NdisAllocateNetBufferListContext(nbl, 32, 0, TAG_CTX),
			 NDIS_STATUS_SUCCESS);
	ck_assert_ptr_eq(NET_BUFFER_LIST_CONTEXT_DATA_START(nbl) + 32, s1);
	ck_assert_uint_eq(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(nbl), 96);
	NdisFreeNetBufferListContext(nbl, 32);

	/* freeing it frees the block: the old START and SIZE return */
	NdisFreeNetBufferListContext(nbl, 64);
	ck_assert_ptr_eq(NET_BUFFER_LIST_CONTEXT_DATA_START(nbl), s0);
	ck_assert_uint_eq(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(nbl), 16);
	ck_assert_uint_eq(s0[15], 0x61);
	NdisFreeNetBufferList(nbl);
	nbl_pool_free(pool);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisAllocateNetBufferListContext_failures_case09)
{
	NDIS_HANDLE pool;
	PNET_BUFFER_LIST nbl;
	PUCHAR start;
	USHORT size;
	unsigned int i, pushed = 0;

	pool = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, FALSE, 16, 0);
	nbl = NdisAllocateNetBufferList(pool, 16, 0);
	ck_assert_ptr_nonnull(nbl);

	/* a size that is not a multiple of sizeof(PVOID): FAILURE */
	start = NET_BUFFER_LIST_CONTEXT_DATA_START(nbl);
	size = NET_BUFFER_LIST_CONTEXT_DATA_SIZE(nbl);
	ck_assert_int_eq(NdisAllocateNetBufferListContext(nbl, 12, 0, TAG_CTX),
			 NDIS_STATUS_FAILURE);
	ck_assert_int_eq(NdisAllocateNetBufferListContext(nbl, 16, 4, TAG_CTX),
			 NDIS_STATUS_FAILURE);
	ck_assert_int_eq(NdisAllocateNetBufferListContext(NULL, 16, 0,
							  TAG_CTX),
			 NDIS_STATUS_FAILURE);
	ck_assert_ptr_eq(NET_BUFFER_LIST_CONTEXT_DATA_START(nbl), start);
	ck_assert_uint_eq(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(nbl), size);
	/* sizeof(PVOID) granularity is enough (not MAA as at allocation) */
	ck_assert_int_eq(NdisAllocateNetBufferListContext(nbl, 8, 0, TAG_CTX),
			 NDIS_STATUS_SUCCESS);
	ck_assert_uint_eq(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(nbl), 8);
	NdisFreeNetBufferListContext(nbl, 8);

	/* drain the overflow context blocks: then RESOURCES, unchanged */
	for (i = 0; i < 1000; i++) {
		NDIS_STATUS st = NdisAllocateNetBufferListContext(nbl, 256, 0,
								  TAG_CTX);

		if (st != NDIS_STATUS_SUCCESS) {
			ck_assert_int_eq(st, NDIS_STATUS_RESOURCES);
			break;
		}
		pushed++;
	}
	ck_assert_uint_eq(pushed, 64); /* the documented default */
	start = NET_BUFFER_LIST_CONTEXT_DATA_START(nbl);
	ck_assert_int_eq(NdisAllocateNetBufferListContext(nbl, 256, 0,
							  TAG_CTX),
			 (NDIS_STATUS)0xC000009A);
	ck_assert_ptr_eq(NET_BUFFER_LIST_CONTEXT_DATA_START(nbl), start);
	ck_assert_uint_eq(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(nbl), 256);
	for (i = 0; i < pushed; i++)
		NdisFreeNetBufferListContext(nbl, 256);
	ck_assert_uint_eq(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(nbl), 16);
	NdisFreeNetBufferList(nbl);
	nbl_pool_free(pool);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisFreeNetBufferListContext_over_free_case10)
{
	NDIS_HANDLE pool;
	PNET_BUFFER_LIST nbl;
	PUCHAR start;

	pool = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, FALSE, 48, 0);
	nbl = NdisAllocateNetBufferList(pool, 16, 32);
	ck_assert_ptr_nonnull(nbl);
	start = NET_BUFFER_LIST_CONTEXT_DATA_START(nbl);
	/* the allocation's context is never released this way [doc] */
	NdisFreeNetBufferListContext(nbl, 16);
	ck_assert_ptr_eq(NET_BUFFER_LIST_CONTEXT_DATA_START(nbl), start);
	ck_assert_uint_eq(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(nbl), 16);
	ck_assert_uint_eq(nbl_pool_stats(pool).refused, 1);
	/* releasing more than was allocated: refused too */
	ck_assert_int_eq(NdisAllocateNetBufferListContext(nbl, 16, 0, TAG_CTX),
			 NDIS_STATUS_SUCCESS);
	NdisFreeNetBufferListContext(nbl, 48);
	ck_assert_uint_eq(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(nbl), 32);
	ck_assert_uint_eq(nbl_pool_stats(pool).refused, 2);
	NdisFreeNetBufferListContext(nbl, 16);
	NdisFreeNetBufferListContext(NULL, 16); /* no-op */
	ck_assert_uint_eq(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(nbl), 16);
	NdisFreeNetBufferList(nbl);
	nbl_pool_free(pool);
	ASSERT_NO_LEAK();
}
END_TEST

/* ================================================================== */
/* NBL fields, info and flags                                          */
/* ================================================================== */

START_TEST(test_NET_BUFFER_LIST_INFO_lvalue_and_fields)
{
	NDIS_HANDLE pool;
	PNET_BUFFER_LIST a, b;
	PNET_BUFFER nb;
	unsigned int i;

	pool = nbl_pool(NDIS_PROTOCOL_ID_TCP_IP, TRUE, 0, 0);
	a = NdisAllocateNetBufferList(pool, 0, 0);
	b = NdisAllocateNetBufferList(pool, 0, 0);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);

	/* info slots are lvalues of type PVOID */
	NET_BUFFER_LIST_INFO(a, TcpIpChecksumNetBufferListInfo) =
		(PVOID)(ULONG_PTR)0x15;
	NET_BUFFER_LIST_INFO(a, Ieee8021QNetBufferListInfo) =
		(PVOID)(ULONG_PTR)(100u << 4);
	NET_BUFFER_LIST_INFO(a, NetBufferListHashValue) =
		(PVOID)(ULONG_PTR)0xDEADBEEF;
	ck_assert_ptr_eq(NET_BUFFER_LIST_INFO(a, TcpOffloadBytesTransferred),
			 (PVOID)(ULONG_PTR)0x15);
	ck_assert_ptr_eq(NET_BUFFER_LIST_INFO(a, Ieee8021QNetBufferListInfo),
			 (PVOID)(ULONG_PTR)1600);
	ck_assert_ptr_null(NET_BUFFER_LIST_INFO(b, Ieee8021QNetBufferListInfo));
	NDIS_SET_NET_BUFFER_LIST_CANCEL_ID(a, 0x4200000000000007ull);
	ck_assert_ptr_eq(NDIS_GET_NET_BUFFER_LIST_CANCEL_ID(a),
			 (PVOID)(ULONG_PTR)0x4200000000000007ull);
	ck_assert_ptr_eq(NET_BUFFER_LIST_INFO(a, NetBufferListCancelId),
			 (PVOID)(ULONG_PTR)0x4200000000000007ull);
	NdisSetNetBufferListProtocolId(a, NDIS_PROTOCOL_ID_IP6);
	ck_assert_ptr_eq(NET_BUFFER_LIST_INFO(a, NetBufferListFrameType),
			 (PVOID)(ULONG_PTR)NDIS_PROTOCOL_ID_IP6);
	/* completion reuse: the protocol resets the cancel id */
	NDIS_SET_NET_BUFFER_LIST_CANCEL_ID(a, NULL);
	ck_assert_ptr_null(NDIS_GET_NET_BUFFER_LIST_CANCEL_ID(a));

	/* NBL fields */
	NET_BUFFER_LIST_NEXT_NBL(a) = b;
	ck_assert_ptr_eq(NET_BUFFER_LIST_NEXT_NBL(a), b);
	NET_BUFFER_LIST_STATUS(b) = NDIS_STATUS_PAUSED;
	ck_assert_int_eq(NET_BUFFER_LIST_STATUS(b), (NDIS_STATUS)0xC023002A);
	NET_BUFFER_LIST_SOURCE_HANDLE(a) = DRV_HANDLE;
	ck_assert_ptr_eq(NET_BUFFER_LIST_SOURCE_HANDLE(a), DRV_HANDLE);
	for (i = 0; i < RTE_DIM(NET_BUFFER_LIST_PROTOCOL_RESERVED(a)); i++)
		NET_BUFFER_LIST_PROTOCOL_RESERVED(a)[i] = (PVOID)(ULONG_PTR)i;
	ck_assert_ptr_eq(NET_BUFFER_LIST_PROTOCOL_RESERVED(a)[3],
			 (PVOID)(ULONG_PTR)3);
	NET_BUFFER_LIST_MINIPORT_RESERVED(a)[1] = b;
	ck_assert_ptr_eq(NET_BUFFER_LIST_MINIPORT_RESERVED(a)[1], b);

	/* flags */
	NdisSetNblFlag(a, 0x100);
	NdisSetNblFlag(a, 0x200);
	ck_assert(NdisTestNblFlag(a, 0x100));
	ck_assert(NdisTestNblFlags(a, 0x300));
	ck_assert(!NdisTestNblFlags(a, 0x700));
	NdisClearNblFlag(a, 0x100);
	ck_assert(!NdisTestNblFlag(a, 0x100));
	ck_assert_uint_eq(NET_BUFFER_LIST_NBL_FLAGS(a), 0x200);
	NBL_SET_PROT_RSVD_FLAG(a, 0x00100000);
	NBL_SET_FLAG(a, 0x1);
	ck_assert(NBL_TEST_PROT_RSVD_FLAG(a, 0x00100000));
	ck_assert(NBL_TEST_FLAG(a, 0x1));
	ck_assert_uint_eq(NET_BUFFER_LIST_FLAGS(a) & ~NBL_PROT_RSVD_FLAGS, 0);
	NBL_CLEAR_PROT_RSVD_FLAG(a, 0x00100000);
	NBL_CLEAR_FLAG(a, 0x1);
	ck_assert_uint_eq(NET_BUFFER_LIST_FLAGS(a), 0);

	/* NB fields */
	nb = NET_BUFFER_LIST_FIRST_NB(a);
	NET_BUFFER_CHECKSUM_BIAS(nb) = 4;
	ck_assert_uint_eq(NET_BUFFER_CHECKSUM_BIAS(nb), 4);
	ck_assert_uint_eq(RTE_DIM(NET_BUFFER_PROTOCOL_RESERVED(nb)), 6);
	NET_BUFFER_PROTOCOL_RESERVED(nb)[5] = a;
	ck_assert_ptr_eq(NET_BUFFER_PROTOCOL_RESERVED(nb)[5], a);
	NET_BUFFER_MINIPORT_RESERVED(nb)[0] = b;
	ck_assert_ptr_eq(NET_BUFFER_MINIPORT_RESERVED(nb)[0], b);

	NET_BUFFER_LIST_NEXT_NBL(a) = NULL;
	NdisFreeNetBufferList(a);
	NdisFreeNetBufferList(b);
	nbl_pool_free(pool);
	ASSERT_NO_LEAK();
}
END_TEST

/* Set every info slot of an NBL to base + slot. */
static void
info_fill(PNET_BUFFER_LIST nbl, ULONG_PTR base)
{
	int i;

	for (i = 0; i < MaxNetBufferListInfo; i++)
		NET_BUFFER_LIST_INFO(nbl, (NDIS_NET_BUFFER_LIST_INFO)i) =
			(PVOID)(base + (ULONG_PTR)i);
}

START_TEST(test_NdisCopySendNetBufferListInfo)
{
	static const NDIS_NET_BUFFER_LIST_INFO send[] = {
		TcpIpChecksumNetBufferListInfo, IPsecOffloadV1NetBufferListInfo,
		IPsecOffloadV2NetBufferListInfo, TcpLargeSendNetBufferListInfo,
		Ieee8021QNetBufferListInfo, MediaSpecificInformation,
		NetBufferListCancelId, NetBufferListProtocolId,
		IPsecOffloadV2TunnelNetBufferListInfo,
		IPsecOffloadV2HeaderNetBufferListInfo, NetBufferListTimestamp,
	};
	static const NDIS_NET_BUFFER_LIST_INFO recv[] = {
		TcpIpChecksumNetBufferListInfo, IPsecOffloadV1NetBufferListInfo,
		IPsecOffloadV2NetBufferListInfo, TcpReceiveNoPush,
		Ieee8021QNetBufferListInfo, MediaSpecificInformation,
		NetBufferListFrameType, NetBufferListHashValue,
		NetBufferListHashInfo, IPsecOffloadV2TunnelNetBufferListInfo,
		IPsecOffloadV2HeaderNetBufferListInfo, NetBufferListTimestamp,
	};
	NDIS_HANDLE pool;
	PNET_BUFFER_LIST src, dst;
	int i;
	unsigned int k;

	pool = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, FALSE, 0, 0);
	src = NdisAllocateNetBufferList(pool, 0, 0);
	dst = NdisAllocateNetBufferList(pool, 0, 0);
	ck_assert_ptr_nonnull(src);
	ck_assert_ptr_nonnull(dst);

	info_fill(src, 0x1000);
	info_fill(dst, 0x2000);
	NdisCopySendNetBufferListInfo(dst, src);
	for (i = 0; i < MaxNetBufferListInfo; i++) {
		bool copied = false;

		for (k = 0; k < RTE_DIM(send); k++)
			copied |= (int)send[k] == i;
		ck_assert_msg(NET_BUFFER_LIST_INFO(dst,
				(NDIS_NET_BUFFER_LIST_INFO)i) ==
			      (PVOID)((copied ? 0x1000 : 0x2000) + (ULONG_PTR)i),
			      "send copy, slot %d", i);
	}
	/* receive-side and private slots are not send info */
	ck_assert_ptr_eq(NET_BUFFER_LIST_INFO(dst,
				ClassificationHandleNetBufferListInfo),
			 (PVOID)(0x2000 +
				 (ULONG_PTR)ClassificationHandleNetBufferListInfo));
	ck_assert_ptr_eq(NET_BUFFER_LIST_INFO(dst, NetBufferListCorrelationId),
			 (PVOID)(0x2000 + (ULONG_PTR)NetBufferListCorrelationId));
	ck_assert_ptr_eq(NET_BUFFER_LIST_INFO(dst, NetBufferListHashValue),
			 (PVOID)(0x2000 + (ULONG_PTR)NetBufferListHashValue));
	/* the source is unchanged */
	ck_assert_ptr_eq(NET_BUFFER_LIST_INFO(src, WfpNetBufferListInfo),
			 (PVOID)(0x1000 + (ULONG_PTR)WfpNetBufferListInfo));

	info_fill(dst, 0x2000);
	NdisCopyReceiveNetBufferListInfo(dst, src);
	for (i = 0; i < MaxNetBufferListInfo; i++) {
		bool copied = false;

		for (k = 0; k < RTE_DIM(recv); k++)
			copied |= (int)recv[k] == i;
		ck_assert_msg(NET_BUFFER_LIST_INFO(dst,
				(NDIS_NET_BUFFER_LIST_INFO)i) ==
			      (PVOID)((copied ? 0x1000 : 0x2000) + (ULONG_PTR)i),
			      "receive copy, slot %d", i);
	}
	/* the cancel id is a send-path slot only */
	ck_assert_ptr_eq(NDIS_GET_NET_BUFFER_LIST_CANCEL_ID(dst),
			 (PVOID)(0x2000 + (ULONG_PTR)NetBufferListCancelId));

	NdisFreeNetBufferList(src);
	NdisFreeNetBufferList(dst);
	nbl_pool_free(pool);
	ASSERT_NO_LEAK();
}
END_TEST

void
nbl_ndis_ctx_add_tests(TCase *tc)
{
	tcase_add_test(tc,
		test_NdisAllocateNetBufferListContext_backfill_case07);
	tcase_add_test(tc,
		test_NdisAllocateNetBufferListContext_new_block_case08);
	tcase_add_test(tc,
		test_NdisAllocateNetBufferListContext_failures_case09);
	if (NDIS_RELEASE_BUILD)
		tcase_add_test(tc,
			test_NdisFreeNetBufferListContext_over_free_case10);
}

void
nbl_ndis_info_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_NET_BUFFER_LIST_INFO_lvalue_and_fields);
	tcase_add_test(tc, test_NdisCopySendNetBufferListInfo);
}

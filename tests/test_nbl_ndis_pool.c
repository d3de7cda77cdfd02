/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * NDIS pools ('nbl' suite, TCase "ndis_pools"): the pool shapes (edge
 * case 1), a bad header, NB pool parameters, pools of the same tag (45), a
 * free refused while NBLs are out (28) and an NB that outlives its NBL
 * (27), through their NDIS names.
 */

#include <stdint.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_mempool.h>

#include "test_nbl_ndis.h"

/* ================================================================== */
/* Pools                                                               */
/* ================================================================== */

START_TEST(test_NdisAllocateNetBufferListPool_shapes_case01)
{
	NDIS_HANDLE f0, t0, tn;
	PNET_BUFFER_LIST nbl;

	f0 = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, FALSE, 0, 0);
	t0 = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, TRUE, 0, 0);
	tn = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, TRUE, 0, 1500);
	ck_assert_ptr_ne(f0, t0);
	ck_assert_ptr_ne(t0, tn);

	/* (F,N) is illegal [doc]: no pool (case 1). */
	rte_errno = 0;
	ck_assert_ptr_null(nbl_pool_try(NDIS_PROTOCOL_ID_DEFAULT, FALSE, 0,
					1500));
	ck_assert_int_eq(rte_errno, EINVAL);
	/* ContextSize must be a multiple of MEMORY_ALLOCATION_ALIGNMENT */
	ck_assert_ptr_null(nbl_pool_try(NDIS_PROTOCOL_ID_DEFAULT, TRUE, 24, 0));
	ck_assert_int_eq(rte_errno, EINVAL);
	/* an mbuf data room holds at most 65535 bytes */
	ck_assert_ptr_null(nbl_pool_try(NDIS_PROTOCOL_ID_DEFAULT, TRUE, 0,
					70000));

	/* Each legal shape hands out NBLs (what they carry: case 5). */
	nbl = NdisAllocateNetBufferList(f0, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	ck_assert_ptr_eq(NdisGetPoolFromNetBufferList(nbl), f0);
	NdisFreeNetBufferList(nbl);
	nbl = NdisAllocateNetBufferList(t0, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	ck_assert_ptr_eq(NdisGetPoolFromNetBufferList(nbl), t0);
	NdisFreeNetBufferList(nbl);
	nbl = NdisAllocateNetBufferList(tn, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	ck_assert_ptr_eq(NdisGetPoolFromNetBufferList(nbl), tn);
	NdisFreeNetBufferList(nbl);
	ck_assert_ptr_null(NdisGetPoolFromNetBufferList(NULL));

	nbl_pool_free(f0);
	nbl_pool_free(t0);
	nbl_pool_free(tn);
	/* NULL handles are a no-op */
	NdisFreeNetBufferListPool(NULL);
	NdisFreeNetBufferPool(NULL);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisAllocateNetBufferListPool_bad_header)
{
	NET_BUFFER_LIST_POOL_PARAMETERS p, good;
	NDIS_HANDLE h;

	NdisZeroMemory(&good, sizeof(good));
	good.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
	good.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
	good.Header.Size =
		NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
	good.fAllocateNetBuffer = TRUE;
	good.PoolTag = TAG_NBL;

	rte_errno = 0;
	ck_assert_ptr_null(NdisAllocateNetBufferListPool(DRV_HANDLE, NULL));
	ck_assert_int_eq(rte_errno, EINVAL);

	p = good;
	p.Header.Type = 0;
	rte_errno = 0;
	ck_assert_ptr_null(NdisAllocateNetBufferListPool(DRV_HANDLE, &p));
	ck_assert_int_eq(rte_errno, EINVAL);

	p = good;
	p.Header.Revision = 0;
	ck_assert_ptr_null(NdisAllocateNetBufferListPool(DRV_HANDLE, &p));

	p = good;
	p.Header.Size = (USHORT)(good.Header.Size - 1);
	ck_assert_ptr_null(NdisAllocateNetBufferListPool(DRV_HANDLE, &p));

	/* revision 2 needs the size of revision 2 */
	p = good;
	p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2;
	ck_assert_ptr_null(NdisAllocateNetBufferListPool(DRV_HANDLE, &p));
	/* and knows only the VERIFY flag */
	p.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2;
	p.Flags = 0x2;
	ck_assert_ptr_null(NdisAllocateNetBufferListPool(DRV_HANDLE, &p));

	p.Flags = NET_BUFFER_LIST_POOL_FLAG_VERIFY;
	h = NdisAllocateNetBufferListPool(NULL, &p); /* NULL driver handle */
	ck_assert_ptr_nonnull(h);
	remember(nbl_pools, h);
	nbl_pool_free(h);

	/* revision 1 ignores Flags (not part of it) */
	p = good;
	p.Flags = 0xFFFFFFFF;
	h = NdisAllocateNetBufferListPool(DRV_HANDLE, &p);
	ck_assert_ptr_nonnull(h);
	remember(nbl_pools, h);
	nbl_pool_free(h);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisAllocateNetBufferPool_params)
{
	NET_BUFFER_POOL_PARAMETERS p, good;
	NDIS_HANDLE h0, hd;
	struct nbl_pool_stats st;

	NdisZeroMemory(&good, sizeof(good));
	good.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
	good.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_1;
	good.Header.Size = NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1;
	good.PoolTag = TAG_NB;

	ck_assert_ptr_null(NdisAllocateNetBufferPool(DRV_HANDLE, NULL));
	p = good;
	p.Header.Type = 0x81;
	ck_assert_ptr_null(NdisAllocateNetBufferPool(DRV_HANDLE, &p));
	p = good;
	p.Header.Size = 8;
	ck_assert_ptr_null(NdisAllocateNetBufferPool(DRV_HANDLE, &p));
	p = good;
	p.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_2;
	ck_assert_ptr_null(NdisAllocateNetBufferPool(DRV_HANDLE, &p));
	p.Header.Size = NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_2;
	p.Flags = 0x10;
	rte_errno = 0;
	ck_assert_ptr_null(NdisAllocateNetBufferPool(DRV_HANDLE, &p));
	ck_assert_int_eq(rte_errno, EINVAL);
	p = good;
	p.DataSize = 70000;
	ck_assert_ptr_null(NdisAllocateNetBufferPool(DRV_HANDLE, &p));

	/* revision 2 with VERIFY, DataSize 0; revision 1 with data */
	p = good;
	p.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_2;
	p.Header.Size = NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_2;
	p.Flags = NET_BUFFER_POOL_FLAG_VERIFY;
	h0 = NdisAllocateNetBufferPool(NULL, &p);
	ck_assert_ptr_nonnull(h0);
	remember(nb_pools, h0);
	hd = nb_pool(2048);
	/* fixed size: 4095 objects by default, none out */
	st = nb_pool_stats(h0);
	ck_assert_uint_eq(st.size, 4095);
	ck_assert_uint_eq(st.outstanding, 0);
	st = nb_pool_stats(hd);
	ck_assert_uint_eq(st.size, 4095);
	nb_pool_free(h0);
	nb_pool_free(hd);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisAllocateNetBufferListPool_same_tag_case45)
{
	NDIS_HANDLE a, b;
	PNET_BUFFER_LIST na, nb;

	a = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, TRUE, 0, 0);
	b = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, TRUE, 0, 0);
	ck_assert_ptr_ne(a, b);
	ck_assert_str_ne(((struct nbl_list_pool *)a)->name,
			 ((struct nbl_list_pool *)b)->name);
	na = NdisAllocateNetBufferList(a, 0, 0);
	nb = NdisAllocateNetBufferList(b, 0, 0);
	ck_assert_ptr_nonnull(na);
	ck_assert_ptr_nonnull(nb);
	ck_assert_ptr_eq(NdisGetPoolFromNetBufferList(na), a);
	ck_assert_ptr_eq(NdisGetPoolFromNetBufferList(nb), b);
	ck_assert_ptr_eq(NdisGetPoolFromNetBuffer(NET_BUFFER_LIST_FIRST_NB(na)),
			 a);
	ck_assert_uint_eq(nbl_pool_stats(a).outstanding, 1);
	ck_assert_uint_eq(nbl_pool_stats(b).outstanding, 1);
	NdisFreeNetBufferList(na);
	NdisFreeNetBufferList(nb);
	nbl_pool_free(a);
	nbl_pool_free(b);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisFreeNetBufferListPool_refused_while_outstanding_case28)
{
	NDIS_HANDLE pool;
	PNET_BUFFER_LIST nbl, again;
	char name[RTE_MEMPOOL_NAMESIZE];
	struct nbl_pool_stats st;

	pool = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, TRUE, 16, 0);
	snprintf(name, sizeof(name), "%s", ((struct nbl_list_pool *)pool)->name);
	nbl = NdisAllocateNetBufferList(pool, 16, 0);
	ck_assert_ptr_nonnull(nbl);

	/* One NBL outstanding: the free is refused, counted, pool kept. */
	NdisFreeNetBufferListPool(pool);
	ck_assert_ptr_nonnull(rte_mempool_lookup(name));
	st = nbl_pool_stats(pool);
	ck_assert_uint_eq(st.refused, 1);
	ck_assert_uint_eq(st.outstanding, 1);
	/* the pool and its NBL still work */
	again = NdisAllocateNetBufferList(pool, 0, 0);
	ck_assert_ptr_nonnull(again);
	NdisFreeNetBufferList(again);
	NdisFreeNetBufferList(nbl);

	/* Everything back: the free succeeds. */
	nbl_pool_free(pool);
	ASSERT_NO_LEAK();
}
END_TEST

START_TEST(test_NdisFreeNetBufferList_keeps_separate_nb_case27)
{
	NDIS_HANDLE lp, bp;
	PNET_BUFFER_LIST nbl;
	PNET_BUFFER nb;
	struct frame f;
	char name[RTE_MEMPOOL_NAMESIZE];

	lp = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, FALSE, 0, 0);
	bp = nb_pool(0);
	snprintf(name, sizeof(name), "%s", ((struct nbl_buf_pool *)bp)->name);
	frame_make(&f, 128, 1);
	nbl = NdisAllocateNetBufferList(lp, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	nb = NdisAllocateNetBuffer(bp, f.mdl, 0, 128);
	ck_assert_ptr_nonnull(nb);
	NET_BUFFER_LIST_FIRST_NB(nbl) = nb;

	/* The NBL goes, the NB it links does not [doc]. */
	NdisFreeNetBufferList(nbl);
	ck_assert_uint_eq(nbl_pool_stats(lp).outstanding, 0);
	ck_assert_uint_eq(nb_pool_stats(bp).outstanding, 1);
	ck_assert_uint_eq(NET_BUFFER_DATA_LENGTH(nb), 128);
	ck_assert_ptr_eq(NdisGetPoolFromNetBuffer(nb), bp);

	/* ... so its pool refuses to go. */
	NdisFreeNetBufferPool(bp);
	ck_assert_ptr_nonnull(rte_mempool_lookup(name));
	ck_assert_uint_eq(nb_pool_stats(bp).refused, 1);

	NdisFreeNetBuffer(nb);
	nb_pool_free(bp);
	nbl_pool_free(lp);
	frame_free(&f);
	ASSERT_NO_LEAK();
}
END_TEST

void
nbl_ndis_pool_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_NdisAllocateNetBufferListPool_shapes_case01);
	tcase_add_test(tc, test_NdisAllocateNetBufferListPool_bad_header);
	tcase_add_test(tc, test_NdisAllocateNetBufferPool_params);
	tcase_add_test(tc, test_NdisAllocateNetBufferListPool_same_tag_case45);
	if (NDIS_RELEASE_BUILD) {
		tcase_add_test(tc,
		    test_NdisFreeNetBufferListPool_refused_while_outstanding_case28);
		tcase_add_test(tc,
		    test_NdisFreeNetBufferList_keeps_separate_nb_case27);
	}
}

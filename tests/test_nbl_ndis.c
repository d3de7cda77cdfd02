/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Check tests of the NDIS compatibility layer (ndis.h): every function and
 * accessor macro that ndis.h declares, called through its NDIS name the way
 * a protocol driver calls it, asserting what an NDIS driver would observe
 * (rule book ndis-semantics.md, sections 0 to 6; edge cases 1-34 and 45
 * where one applies, named in the test).  The native API is used only to
 * observe what NDIS gives a driver no way to see: pool counters and the
 * leak check.
 *
 * Linked into the 'nbl' suite, whose main() runs rte_eal_init once (CK_FORK
 * is off) and calls nbl_ndis_add_tcases().  Every test frees what it made
 * and ends asserting that nbl_leak_check() finds nothing missing.
 *
 * Misuse that NDIS declares fatal is refused (and counted) by a release
 * build and aborts a debug build (-Dnbl_debug=true): those tests are only
 * added in a release build.
 *
 * This file holds the fixture, the helpers of test_nbl_ndis.h, the test of
 * the types and the TCases; the tests of each part of ndis.h are in
 * test_nbl_ndis_<part>.c.
 */

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <check.h>

#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_mempool.h>

#include "test_nbl_ndis.h"

/* The driver handle of the test "protocol" (ignored by the library). */
int drv_object;

/* ------------------------------------------------------------------ */
/* Pools of a test, freed by the teardown if a failed test left them   */
/* ------------------------------------------------------------------ */

NDIS_HANDLE nbl_pools[MAX_POOLS];
NDIS_HANDLE nb_pools[MAX_POOLS];
/* Objects already missing before the test (left by an earlier failed
 * test): 0 in a clean run, so the end-of-test check is "== 0". */
uint64_t debris;

void
remember(NDIS_HANDLE *slots, NDIS_HANDLE h)
{
	unsigned int i;

	for (i = 0; i < MAX_POOLS; i++) {
		if (slots[i] == NULL) {
			slots[i] = h;
			return;
		}
	}
	ck_abort_msg("a test creates more than %d pools of a kind", MAX_POOLS);
}

static void
forget(NDIS_HANDLE *slots, NDIS_HANDLE h)
{
	unsigned int i;

	for (i = 0; i < MAX_POOLS; i++)
		if (slots[i] == h)
			slots[i] = NULL;
}

/* NdisAllocateNetBufferListPool as a driver fills its parameters. */
NDIS_HANDLE
nbl_pool_try(UCHAR protocol_id, BOOLEAN alloc_nb, USHORT ctx, ULONG data)
{
	NET_BUFFER_LIST_POOL_PARAMETERS p;
	NDIS_HANDLE h;

	NdisZeroMemory(&p, sizeof(p));
	p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
	p.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
	p.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
	p.ProtocolId = protocol_id;
	p.fAllocateNetBuffer = alloc_nb;
	p.ContextSize = ctx;
	p.PoolTag = TAG_NBL;
	p.DataSize = data;
	h = NdisAllocateNetBufferListPool(DRV_HANDLE, &p);
	if (h != NULL)
		remember(nbl_pools, h);
	return h;
}

NDIS_HANDLE
nbl_pool(UCHAR protocol_id, BOOLEAN alloc_nb, USHORT ctx, ULONG data)
{
	NDIS_HANDLE h = nbl_pool_try(protocol_id, alloc_nb, ctx, data);

	ck_assert_msg(h != NULL, "NdisAllocateNetBufferListPool(%d,%u): %s",
		      alloc_nb, data, rte_strerror(rte_errno));
	return h;
}

NDIS_HANDLE
nb_pool(ULONG data)
{
	NET_BUFFER_POOL_PARAMETERS p;
	NDIS_HANDLE h;

	NdisZeroMemory(&p, sizeof(p));
	p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
	p.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_1;
	p.Header.Size = NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1;
	p.PoolTag = TAG_NB;
	p.DataSize = data;
	h = NdisAllocateNetBufferPool(DRV_HANDLE, &p);
	ck_assert_msg(h != NULL, "NdisAllocateNetBufferPool(%u): %s", data,
		      rte_strerror(rte_errno));
	remember(nb_pools, h);
	return h;
}

/* Counters of a pool (what NDIS keeps to itself). */
struct nbl_pool_stats
nbl_pool_stats(NDIS_HANDLE h)
{
	struct nbl_pool_stats st;

	ck_assert_int_eq(nbl_list_pool_stats_get(h, &st), 0);
	return st;
}

struct nbl_pool_stats
nb_pool_stats(NDIS_HANDLE h)
{
	struct nbl_pool_stats st;

	ck_assert_int_eq(nbl_buf_pool_stats_get(h, &st), 0);
	return st;
}

/* NdisFreeNetBufferListPool returns nothing: the pool is gone when its
 * mempool is. */
void
nbl_pool_free(NDIS_HANDLE h)
{
	char name[RTE_MEMPOOL_NAMESIZE];

	snprintf(name, sizeof(name), "%s", ((struct nbl_list_pool *)h)->name);
	ck_assert_ptr_nonnull(rte_mempool_lookup(name));
	NdisFreeNetBufferListPool(h);
	ck_assert_msg(rte_mempool_lookup(name) == NULL,
		      "NdisFreeNetBufferListPool kept pool %s", name);
	forget(nbl_pools, h);
}

void
nb_pool_free(NDIS_HANDLE h)
{
	char name[RTE_MEMPOOL_NAMESIZE];

	snprintf(name, sizeof(name), "%s", ((struct nbl_buf_pool *)h)->name);
	ck_assert_ptr_nonnull(rte_mempool_lookup(name));
	NdisFreeNetBufferPool(h);
	ck_assert_msg(rte_mempool_lookup(name) == NULL,
		      "NdisFreeNetBufferPool kept pool %s", name);
	forget(nb_pools, h);
}

/* ------------------------------------------------------------------ */
/* The driver's retreat handlers (NetAllocateMdl / NetFreeMdl)         */
/* ------------------------------------------------------------------ */

struct drv_calls drv;

/* An NDIS allocator: header memory (rte_malloc here, NdisAllocateMemory-
 * WithTagPriority on Windows) described with NdisAllocateMdl. */
PMDL
drv_allocate_mdl(PULONG BufferSize)
{
	PVOID va;
	PMDL mdl;

	drv.calls++;
	drv.last_size = *BufferSize;
	if (drv.fail_at != 0 && drv.calls == drv.fail_at)
		return NULL;
	va = rte_malloc("ndis_drv_hdr", *BufferSize, 0);
	if (va == NULL)
		return NULL;
	NdisFillMemory(va, *BufferSize, 0xEE);
	mdl = NdisAllocateMdl(DRV_HANDLE, va, *BufferSize);
	if (mdl == NULL) {
		rte_free(va);
		return NULL;
	}
	drv.given++;
	return mdl;
}

/* Its counterpart: free the MDL, then the memory it described. */
VOID
drv_free_mdl(PMDL Mdl)
{
	PVOID va = MmGetMdlVirtualAddress(Mdl);

	drv.frees++;
	NdisFreeMdl(Mdl);
	rte_free(va);
}

/* ------------------------------------------------------------------ */
/* Caller memory and NB snapshots                                      */
/* ------------------------------------------------------------------ */

UCHAR
pattern(UCHAR seed, ULONG i)
{
	return (UCHAR)(seed + i * 13u + i / 256u);
}

PMDL
frame_make(struct frame *f, ULONG len, UCHAR seed)
{
	ULONG i;

	f->len = len;
	f->va = rte_malloc("ndis_frame", len, 64);
	ck_assert_ptr_nonnull(f->va);
	for (i = 0; i < len; i++)
		f->va[i] = pattern(seed, i);
	f->mdl = NdisAllocateMdl(DRV_HANDLE, f->va, len);
	ck_assert_ptr_nonnull(f->mdl);
	return f->mdl;
}

/* The caller frees its MDLs and memory last (teardown order step 7). */
void
frame_free(struct frame *f)
{
	NDIS_MDL_LINKAGE(f->mdl) = NULL;
	NdisFreeMdl(f->mdl);
	rte_free(f->va);
	memset(f, 0, sizeof(*f));
}

/* Link frames into one chain, in order; returns the first MDL. */
PMDL
chain_link(struct frame *f, unsigned int n)
{
	unsigned int i;

	for (i = 0; i + 1 < n; i++)
		NDIS_MDL_LINKAGE(f[i].mdl) = f[i + 1].mdl;
	NDIS_MDL_LINKAGE(f[n - 1].mdl) = NULL;
	return f[0].mdl;
}

struct nb_view
view(PNET_BUFFER nb)
{
	struct nb_view v;
	PMDL m;

	memset(&v, 0, sizeof(v));
	v.next = NET_BUFFER_NEXT_NB(nb);
	v.first = NET_BUFFER_FIRST_MDL(nb);
	v.cur = NET_BUFFER_CURRENT_MDL(nb);
	v.cur_off = NET_BUFFER_CURRENT_MDL_OFFSET(nb);
	v.off = NET_BUFFER_DATA_OFFSET(nb);
	v.len = NET_BUFFER_DATA_LENGTH(nb);
	for (m = v.first; m != NULL && v.n < RTE_DIM(v.mdl);
	     NdisGetNextMdl(m, &m)) {
		v.mdl[v.n] = m;
		v.mlen[v.n] = MmGetMdlByteCount(m);
		v.n++;
	}
	return v;
}

void
assert_view_eq(const struct nb_view *a, const struct nb_view *b)
{
	unsigned int i;

	ck_assert_ptr_eq(a->next, b->next);
	ck_assert_ptr_eq(a->first, b->first);
	ck_assert_ptr_eq(a->cur, b->cur);
	ck_assert_uint_eq(a->cur_off, b->cur_off);
	ck_assert_uint_eq(a->off, b->off);
	ck_assert_uint_eq(a->len, b->len);
	ck_assert_uint_eq(a->n, b->n);
	for (i = 0; i < a->n; i++) {
		ck_assert_ptr_eq(a->mdl[i], b->mdl[i]);
		ck_assert_uint_eq(a->mlen[i], b->mlen[i]);
	}
}

/* The used bytes of an NB, read the NDIS way (NdisGetDataBuffer with
 * storage), equal exp. */
void
assert_bytes(PNET_BUFFER nb, const void *exp, ULONG len)
{
	static UCHAR storage[4096];
	PVOID p;

	ck_assert_uint_le(len, sizeof(storage));
	p = NdisGetDataBuffer(nb, len, storage, 1, 0);
	ck_assert_ptr_nonnull(p);
	ck_assert_mem_eq(p, exp, len);
}

/* ------------------------------------------------------------------ */
/* NBLs over caller frames                                             */
/* ------------------------------------------------------------------ */

void
one_make(struct one *o, ULONG frame_len, ULONG off, ULONG len)
{
	o->pool = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, TRUE, 0, 0);
	frame_make(&o->f, frame_len, 9);
	o->nbl = NdisAllocateNetBufferAndNetBufferList(o->pool, 0, 0,
						       o->f.mdl, off, len);
	ck_assert_ptr_nonnull(o->nbl);
	o->nb = NET_BUFFER_LIST_FIRST_NB(o->nbl);
}

void
one_free(struct one *o)
{
	NdisFreeNetBufferList(o->nbl);
	nbl_pool_free(o->pool);
	frame_free(&o->f);
}

void
three_make(struct three *t, const ULONG off[3], ULONG len)
{
	unsigned int i;

	t->lp = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, TRUE, 0, 0);
	t->bp = nb_pool(0);
	for (i = 0; i < 3; i++)
		frame_make(&t->f[i], off[i] + len, (UCHAR)(40 + i));
	t->nbl = NdisAllocateNetBufferAndNetBufferList(t->lp, 0, 0,
						       t->f[0].mdl, off[0],
						       len);
	ck_assert_ptr_nonnull(t->nbl);
	t->nb[0] = NET_BUFFER_LIST_FIRST_NB(t->nbl);
	for (i = 1; i < 3; i++) {
		t->nb[i] = NdisAllocateNetBuffer(t->bp, t->f[i].mdl, off[i],
						 len);
		ck_assert_ptr_nonnull(t->nb[i]);
		NET_BUFFER_NEXT_NB(t->nb[i - 1]) = t->nb[i];
	}
}

void
three_free(struct three *t)
{
	unsigned int i;

	NET_BUFFER_NEXT_NB(t->nb[0]) = NULL;
	for (i = 1; i < 3; i++) {
		NET_BUFFER_NEXT_NB(t->nb[i]) = NULL;
		NdisFreeNetBuffer(t->nb[i]);
	}
	NdisFreeNetBufferList(t->nbl);
	nb_pool_free(t->bp);
	nbl_pool_free(t->lp);
	for (i = 0; i < 3; i++)
		frame_free(&t->f[i]);
}

/* ------------------------------------------------------------------ */
/* Fixture                                                             */
/* ------------------------------------------------------------------ */

static void
setup(void)
{
	memset(&drv, 0, sizeof(drv));
	debris = nbl_leak_check(NULL);
}

/* Pools a failed test could not free (a passing test untracked them). */
static void
teardown(void)
{
	unsigned int i;

	for (i = 0; i < MAX_POOLS; i++) {
		struct nbl_pool_stats st;

		if (nbl_pools[i] != NULL &&
		    nbl_list_pool_stats_get(nbl_pools[i], &st) == 0 &&
		    st.outstanding == 0 && st.avail == st.size &&
		    nbl_list_pool_free(nbl_pools[i]) == 0)
			nbl_pools[i] = NULL;
		if (nb_pools[i] != NULL &&
		    nbl_buf_pool_stats_get(nb_pools[i], &st) == 0 &&
		    st.outstanding == 0 && st.avail == st.size &&
		    nbl_buf_pool_free(nb_pools[i]) == 0)
			nb_pools[i] = NULL;
	}
}

/* ================================================================== */
/* Types, constants and helpers of ndis.h                              */
/* ================================================================== */

START_TEST(test_ndis_status_values_and_types)
{
	NET_BUFFER_LIST_POOL_PARAMETERS lp;
	UCHAR a[16], b[16];

	/* The documented numbers (public ndis.h), as NDIS_STATUS. */
	ck_assert_int_eq(NDIS_STATUS_SUCCESS, 0);
	ck_assert_int_eq(NDIS_STATUS_PENDING, (NDIS_STATUS)0x00000103);
	ck_assert_int_eq(NDIS_STATUS_FAILURE, (NDIS_STATUS)0xC0000001);
	ck_assert_int_eq(NDIS_STATUS_RESOURCES, (NDIS_STATUS)0xC000009A);
	ck_assert_int_eq(NDIS_STATUS_INVALID_LENGTH, (NDIS_STATUS)0xC0010014);
	ck_assert_int_eq(NDIS_STATUS_SEND_ABORTED, (NDIS_STATUS)0xC001000C);
	ck_assert_int_eq(NDIS_STATUS_RESET_IN_PROGRESS,
			 (NDIS_STATUS)0xC001000D);
	ck_assert_int_eq(NDIS_STATUS_PAUSED, (NDIS_STATUS)0xC023002A);
	ck_assert_int_eq(NDIS_STATUS_INVALID_PARAMETER,
			 (NDIS_STATUS)0xC0000004);
	/* error statuses have the severity bits set: NT_ERROR style tests */
	ck_assert_int_lt(NDIS_STATUS_RESOURCES, 0);
	ck_assert_int_lt(NDIS_STATUS_FAILURE, 0);

	/* Windows LLP64 sizes. */
	ck_assert_uint_eq(sizeof(ULONG), 4);
	ck_assert_uint_eq(sizeof(LONG), 4);
	ck_assert_uint_eq(sizeof(USHORT), 2);
	ck_assert_uint_eq(sizeof(UCHAR), 1);
	ck_assert_uint_eq(sizeof(BOOLEAN), 1);
	ck_assert_uint_eq(sizeof(ULONG64), 8);
	ck_assert_uint_eq(sizeof(ULONG_PTR), sizeof(PVOID));
	ck_assert_uint_eq(sizeof(NDIS_STATUS), 4);
	ck_assert_uint_eq(MEMORY_ALLOCATION_ALIGNMENT, 16);

	/* Parameter structures: WDK layout and revision sizes. */
	ck_assert_uint_eq(sizeof(NDIS_OBJECT_HEADER), 4);
	ck_assert_uint_eq(NDIS_OBJECT_TYPE_DEFAULT, 0x80);
	ck_assert_uint_eq(FIELD_OFFSET(NET_BUFFER_LIST_POOL_PARAMETERS,
				       ProtocolId), 4);
	ck_assert_uint_eq(FIELD_OFFSET(NET_BUFFER_LIST_POOL_PARAMETERS,
				       ContextSize), 6);
	ck_assert_uint_eq(FIELD_OFFSET(NET_BUFFER_LIST_POOL_PARAMETERS,
				       PoolTag), 8);
	ck_assert_uint_eq(RTL_FIELD_SIZE(NET_BUFFER_LIST_POOL_PARAMETERS,
					 DataSize), 4);
	ck_assert_uint_eq(
		NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1, 16);
	ck_assert_uint_eq(
		NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2, 20);
	ck_assert_uint_eq(NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1,
			  12);
	ck_assert_uint_eq(NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_2,
			  16);
	ck_assert_uint_eq(RTL_SIZEOF_THROUGH_FIELD(NDIS_OBJECT_HEADER, Revision),
			  2);
	ck_assert_uint_eq(NDIS_PROTOCOL_ID_DEFAULT, 0);
	ck_assert_uint_eq(NDIS_PROTOCOL_ID_TCP_IP, 2);
	ck_assert_uint_eq(NDIS_PROTOCOL_ID_IP6, 3);
	ck_assert_uint_eq(NDIS_PROTOCOL_ID_IPX, 6);
	ck_assert_uint_eq(NDIS_PROTOCOL_ID_NBF, 7);
	ck_assert_uint_eq(NDIS_PROTOCOL_ID_MAX, 0x0F);
	ck_assert_uint_eq(NDIS_PROTOCOL_ID_MASK, 0x0F);
	ck_assert_uint_eq(NET_BUFFER_LIST_POOL_FLAG_VERIFY, 1);
	ck_assert_uint_eq(NET_BUFFER_POOL_FLAG_VERIFY, 1);
	ck_assert_uint_eq(NDIS_CLONE_FLAGS_RESERVED, 1);
	ck_assert_uint_eq(NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS, 2);
	ck_assert_uint_eq(NBL_PROT_RSVD_FLAGS, 0xFFF00003u);

	/* Info slot aliases share a slot, as in the WDK. */
	ck_assert_int_eq(TcpOffloadBytesTransferred,
			 TcpIpChecksumNetBufferListInfo);
	ck_assert_int_eq(TcpReceiveNoPush, TcpLargeSendNetBufferListInfo);
	ck_assert_int_eq(NetBufferListProtocolId, NetBufferListFrameType);
	ck_assert_int_ne(NetBufferListCancelId, NetBufferListFrameType);
	ck_assert_int_gt(MaxNetBufferListInfo, NetBufferListTimestamp);
	ck_assert_int_eq(LowPagePriority, 0);
	ck_assert_int_eq(NormalPagePriority, 16);
	ck_assert_int_eq(HighPagePriority, 32);
	ck_assert_uint_eq(MdlMappingNoWrite, 0x80000000u);
	ck_assert_uint_eq(MdlMappingNoExecute, 0x40000000u);

	/* Memory helpers. */
	NdisFillMemory(a, sizeof(a), 0x5A);
	ck_assert_uint_eq(a[0], 0x5A);
	ck_assert_uint_eq(a[15], 0x5A);
	NdisZeroMemory(b, sizeof(b));
	ck_assert_uint_eq(b[7], 0);
	ck_assert_uint_eq(NdisEqualMemory(a, b, sizeof(a)), FALSE);
	NdisMoveMemory(b, a, sizeof(a));
	ck_assert_uint_eq(NdisEqualMemory(a, b, sizeof(a)), TRUE);
	/* NdisMoveMemory allows overlap */
	a[0] = 1;
	a[1] = 2;
	a[2] = 3;
	NdisMoveMemory(a + 1, a, 3);
	ck_assert_uint_eq(a[1], 1);
	ck_assert_uint_eq(a[2], 2);
	ck_assert_uint_eq(a[3], 3);
	ck_assert(ARGUMENT_PRESENT(a));
	ck_assert(!ARGUMENT_PRESENT((PVOID)NULL));
	NdisZeroMemory(&lp, sizeof(lp));
	UNREFERENCED_PARAMETER(lp);
	ASSERT_NO_LEAK();
}
END_TEST

/* ================================================================== */
/* ================================================================== */
/* TCases                                                              */
/* ================================================================== */

static TCase *
ndis_tcase(Suite *s, const char *name)
{
	TCase *tc = tcase_create(name);

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return tc;
}

void
nbl_ndis_add_tcases(Suite *s)
{
	TCase *tc;

	tc = ndis_tcase(s, "ndis_pools");
	tcase_add_test(tc, test_ndis_status_values_and_types);
	nbl_ndis_pool_add_tests(tc);

	tc = ndis_tcase(s, "ndis_alloc");
	nbl_ndis_alloc_add_tests(tc);
	nbl_ndis_mdl_add_tests(tc);

	tc = ndis_tcase(s, "ndis_offset");
	nbl_ndis_retreat_add_tests(tc);

	tc = ndis_tcase(s, "ndis_data");
	nbl_ndis_data_add_tests(tc);

	tc = ndis_tcase(s, "ndis_context");
	nbl_ndis_ctx_add_tests(tc);

	tc = ndis_tcase(s, "ndis_info");
	nbl_ndis_info_add_tests(tc);

	tc = ndis_tcase(s, "ndis_derived");
	nbl_ndis_derived_add_tests(tc);
}

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
 */

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <check.h>

#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_mempool.h>

#include "ndis.h"

void nbl_ndis_add_tcases(Suite *s);

#ifdef NBL_DEBUG
#define NDIS_RELEASE_BUILD 0
#else
#define NDIS_RELEASE_BUILD 1
#endif

/* A pool tag as drivers write it: four characters, reversed in memory. */
#define DRV_TAG(a, b, c, d) ((ULONG)(d) | (ULONG)(c) << 8 | \
			     (ULONG)(b) << 16 | (ULONG)(a) << 24)
#define TAG_NBL DRV_TAG('N', 'd', 'L', 't')
#define TAG_NB  DRV_TAG('N', 'd', 'B', 't')
#define TAG_CTX DRV_TAG('N', 'd', 'C', 't')

/* The driver handle of the test "protocol" (ignored by the library). */
static int drv_object;
#define DRV_HANDLE ((NDIS_HANDLE)&drv_object)

/* ------------------------------------------------------------------ */
/* Pools of a test, freed by the teardown if a failed test left them   */
/* ------------------------------------------------------------------ */

#define MAX_POOLS 8
static NDIS_HANDLE nbl_pools[MAX_POOLS];
static NDIS_HANDLE nb_pools[MAX_POOLS];
/* Objects already missing before the test (left by an earlier failed
 * test): 0 in a clean run, so the end-of-test check is "== 0". */
static uint64_t debris;

static void
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
static NDIS_HANDLE
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

static NDIS_HANDLE
nbl_pool(UCHAR protocol_id, BOOLEAN alloc_nb, USHORT ctx, ULONG data)
{
	NDIS_HANDLE h = nbl_pool_try(protocol_id, alloc_nb, ctx, data);

	ck_assert_msg(h != NULL, "NdisAllocateNetBufferListPool(%d,%u): %s",
		      alloc_nb, data, rte_strerror(rte_errno));
	return h;
}

static NDIS_HANDLE
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
static struct nbl_pool_stats
nbl_pool_stats(NDIS_HANDLE h)
{
	struct nbl_pool_stats st;

	ck_assert_int_eq(nbl_list_pool_stats_get(h, &st), 0);
	return st;
}

static struct nbl_pool_stats
nb_pool_stats(NDIS_HANDLE h)
{
	struct nbl_pool_stats st;

	ck_assert_int_eq(nbl_buf_pool_stats_get(h, &st), 0);
	return st;
}

/* NdisFreeNetBufferListPool returns nothing: the pool is gone when its
 * mempool is. */
static void
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

static void
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

static struct {
	unsigned int calls;     /* calls of drv_allocate_mdl */
	unsigned int given;     /* MDLs it returned */
	unsigned int frees;     /* calls of drv_free_mdl */
	ULONG last_size;        /* *BufferSize of the last call */
	unsigned int fail_at;   /* call (1-based) that fails; 0: none */
} drv;

static NET_BUFFER_ALLOCATE_MDL drv_allocate_mdl;
static NET_BUFFER_FREE_MDL drv_free_mdl;

/* An NDIS allocator: header memory (rte_malloc here, NdisAllocateMemory-
 * WithTagPriority on Windows) described with NdisAllocateMdl. */
static PMDL
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
static VOID
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

/* Caller memory described by one MDL. */
struct frame {
	PUCHAR va;
	PMDL mdl;
	ULONG len;
};

static UCHAR
pattern(UCHAR seed, ULONG i)
{
	return (UCHAR)(seed + i * 13u + i / 256u);
}

static PMDL
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
static void
frame_free(struct frame *f)
{
	NDIS_MDL_LINKAGE(f->mdl) = NULL;
	NdisFreeMdl(f->mdl);
	rte_free(f->va);
	memset(f, 0, sizeof(*f));
}

/* Link frames into one chain, in order; returns the first MDL. */
static PMDL
chain_link(struct frame *f, unsigned int n)
{
	unsigned int i;

	for (i = 0; i + 1 < n; i++)
		NDIS_MDL_LINKAGE(f[i].mdl) = f[i + 1].mdl;
	NDIS_MDL_LINKAGE(f[n - 1].mdl) = NULL;
	return f[0].mdl;
}

/* The five NDIS fields of an NB, its Next and its MDL chain. */
struct nb_view {
	PNET_BUFFER next;
	PMDL first, cur;
	ULONG cur_off, off, len;
	unsigned int n;
	PMDL mdl[8];
	ULONG mlen[8];
};

static struct nb_view
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

static void
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
static void
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

/* The last assertion of every test: nothing is missing from any pool,
 * no library MDL is left (0 in a clean run; see 'debris'). */
#define ASSERT_NO_LEAK() do { \
	ck_assert_uint_eq(drv.given, drv.frees); \
	ck_assert_uint_eq(nbl_leak_check(stderr), debris); \
} while (0)

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
/* Retreat and advance                                                 */
/* ================================================================== */

/* A (T,0) pool and one NBL over one caller frame. */
struct one {
	NDIS_HANDLE pool;
	PNET_BUFFER_LIST nbl;
	PNET_BUFFER nb;
	struct frame f;
};

static void
one_make(struct one *o, ULONG frame_len, ULONG off, ULONG len)
{
	o->pool = nbl_pool(NDIS_PROTOCOL_ID_DEFAULT, TRUE, 0, 0);
	frame_make(&o->f, frame_len, 9);
	o->nbl = NdisAllocateNetBufferAndNetBufferList(o->pool, 0, 0,
						       o->f.mdl, off, len);
	ck_assert_ptr_nonnull(o->nbl);
	o->nb = NET_BUFFER_LIST_FIRST_NB(o->nbl);
}

static void
one_free(struct one *o)
{
	NdisFreeNetBufferList(o->nbl);
	nbl_pool_free(o->pool);
	frame_free(&o->f);
}

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

/* An NBL of three NBs: the (T,0) NBL's own NB and two from an NB pool,
 * each over its own caller frame at the given DataOffsets. */
struct three {
	NDIS_HANDLE lp, bp;
	PNET_BUFFER_LIST nbl;
	PNET_BUFFER nb[3];
	struct frame f[3];
};

static void
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

static void
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

	tc = ndis_tcase(s, "ndis_alloc");
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
	tcase_add_test(tc, test_NdisAllocateMdl_and_queries);

	tc = ndis_tcase(s, "ndis_offset");
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

	tc = ndis_tcase(s, "ndis_data");
	tcase_add_test(tc, test_NdisGetDataBuffer_too_short_case24);
	tcase_add_test(tc, test_NdisGetDataBuffer_contiguous_vs_split_case25);
	tcase_add_test(tc, test_NdisGetDataBuffer_alignment_case26);

	tc = ndis_tcase(s, "ndis_context");
	tcase_add_test(tc,
		test_NdisAllocateNetBufferListContext_backfill_case07);
	tcase_add_test(tc,
		test_NdisAllocateNetBufferListContext_new_block_case08);
	tcase_add_test(tc,
		test_NdisAllocateNetBufferListContext_failures_case09);
	if (NDIS_RELEASE_BUILD)
		tcase_add_test(tc,
			test_NdisFreeNetBufferListContext_over_free_case10);

	tc = ndis_tcase(s, "ndis_info");
	tcase_add_test(tc, test_NET_BUFFER_LIST_INFO_lvalue_and_fields);
	tcase_add_test(tc, test_NdisCopySendNetBufferListInfo);

	tc = ndis_tcase(s, "ndis_derived");
	tcase_add_test(tc, test_NdisAllocateCloneNetBufferList_case29);
	tcase_add_test(tc,
		test_NdisAllocateCloneNetBufferList_original_mdls_case30);
	tcase_add_test(tc, test_NdisAllocateFragmentNetBufferList_case32);
	tcase_add_test(tc,
		test_NdisAllocateFragmentNetBufferList_per_nb_case33);
	tcase_add_test(tc, test_NdisAllocateReassembledNetBufferList_case34);
}

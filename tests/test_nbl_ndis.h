/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef TEST_NBL_NDIS_H
#define TEST_NBL_NDIS_H

/*
 * The NDIS names of ndis.h in the 'nbl' suite: test_nbl_ndis.c holds the
 * fixture, the helpers declared here, the test of the types and
 * nbl_ndis_add_tcases(), which makes the TCases and has the other
 * test_nbl_ndis_*.c files add their tests.
 */

#include <stdint.h>

#include <check.h>

#include "ndis.h"

/* Adds the TCases of the NDIS names (called by nbl_suite()). */
void nbl_ndis_add_tcases(Suite *s);

/* "ndis_pools": pool allocation and free (test_nbl_ndis_pool.c). */
void nbl_ndis_pool_add_tests(TCase *tc);
/* "ndis_alloc": NBLs and NBs (test_nbl_ndis_alloc.c), MDLs
 * (test_nbl_ndis_data.c). */
void nbl_ndis_alloc_add_tests(TCase *tc);
void nbl_ndis_mdl_add_tests(TCase *tc);
/* "ndis_offset": retreat and advance (test_nbl_ndis_retreat.c). */
void nbl_ndis_retreat_add_tests(TCase *tc);
/* "ndis_data": NdisGetDataBuffer (test_nbl_ndis_data.c). */
void nbl_ndis_data_add_tests(TCase *tc);
/* "ndis_context" and "ndis_info": NBL context, fields and info
 * (test_nbl_ndis_ctx.c). */
void nbl_ndis_ctx_add_tests(TCase *tc);
void nbl_ndis_info_add_tests(TCase *tc);
/* "ndis_derived": clones, fragments, reassembly
 * (test_nbl_ndis_derived.c). */
void nbl_ndis_derived_add_tests(TCase *tc);

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
extern int drv_object;
#define DRV_HANDLE ((NDIS_HANDLE)&drv_object)

/* ------------------------------------------------------------------ */
/* Pools of a test (test_nbl_ndis.c)                                   */
/* ------------------------------------------------------------------ */

#define MAX_POOLS 8
extern NDIS_HANDLE nbl_pools[MAX_POOLS];
extern NDIS_HANDLE nb_pools[MAX_POOLS];
/* Objects already missing before the test (left by an earlier failed
 * test): 0 in a clean run, so the end-of-test check is "== 0". */
extern uint64_t debris;

/* Record a pool in slots (nbl_pools or nb_pools) for the teardown. */
void remember(NDIS_HANDLE *slots, NDIS_HANDLE h);

/* NdisAllocateNetBufferListPool as a driver fills its parameters: the
 * pool or NULL; nbl_pool() and nb_pool() fail the test instead. */
NDIS_HANDLE nbl_pool_try(UCHAR protocol_id, BOOLEAN alloc_nb, USHORT ctx,
			 ULONG data);
NDIS_HANDLE nbl_pool(UCHAR protocol_id, BOOLEAN alloc_nb, USHORT ctx,
		     ULONG data);
NDIS_HANDLE nb_pool(ULONG data);

/* Counters of a pool (what NDIS keeps to itself). */
struct nbl_pool_stats nbl_pool_stats(NDIS_HANDLE h);
struct nbl_pool_stats nb_pool_stats(NDIS_HANDLE h);

/* Free a pool, asserting that it is gone. */
void nbl_pool_free(NDIS_HANDLE h);
void nb_pool_free(NDIS_HANDLE h);

/* ------------------------------------------------------------------ */
/* The driver's retreat handlers (test_nbl_ndis.c)                     */
/* ------------------------------------------------------------------ */

/* Calls of the handlers (reset by the fixture). */
struct drv_calls {
	unsigned int calls;     /* calls of drv_allocate_mdl */
	unsigned int given;     /* MDLs it returned */
	unsigned int frees;     /* calls of drv_free_mdl */
	ULONG last_size;        /* *BufferSize of the last call */
	unsigned int fail_at;   /* call (1-based) that fails; 0: none */
};
extern struct drv_calls drv;

NET_BUFFER_ALLOCATE_MDL drv_allocate_mdl;
NET_BUFFER_FREE_MDL drv_free_mdl;

/* ------------------------------------------------------------------ */
/* Caller memory and NB snapshots (test_nbl_ndis.c)                    */
/* ------------------------------------------------------------------ */

/* Caller memory described by one MDL. */
struct frame {
	PUCHAR va;
	PMDL mdl;
	ULONG len;
};

/* The byte at i of a frame made with seed. */
UCHAR pattern(UCHAR seed, ULONG i);

/* Caller memory of len bytes of the pattern of seed, described by an MDL;
 * the caller frees its MDLs and memory last. */
PMDL frame_make(struct frame *f, ULONG len, UCHAR seed);
void frame_free(struct frame *f);

/* Link frames into one chain, in order; returns the first MDL. */
PMDL chain_link(struct frame *f, unsigned int n);

/* The five NDIS fields of an NB, its Next and its MDL chain. */
struct nb_view {
	PNET_BUFFER next;
	PMDL first, cur;
	ULONG cur_off, off, len;
	unsigned int n;
	PMDL mdl[8];
	ULONG mlen[8];
};

struct nb_view view(PNET_BUFFER nb);
void assert_view_eq(const struct nb_view *a, const struct nb_view *b);

/* The used bytes of an NB, read the NDIS way (NdisGetDataBuffer with
 * storage), equal exp. */
void assert_bytes(PNET_BUFFER nb, const void *exp, ULONG len);

/* ------------------------------------------------------------------ */
/* NBLs over caller frames (test_nbl_ndis.c)                           */
/* ------------------------------------------------------------------ */

/* A (T,0) pool and one NBL over one caller frame. */
struct one {
	NDIS_HANDLE pool;
	PNET_BUFFER_LIST nbl;
	PNET_BUFFER nb;
	struct frame f;
};

void one_make(struct one *o, ULONG frame_len, ULONG off, ULONG len);
void one_free(struct one *o);

/* An NBL of three NBs: the (T,0) NBL's own NB and two from an NB pool,
 * each over its own caller frame at the given DataOffsets. */
struct three {
	NDIS_HANDLE lp, bp;
	PNET_BUFFER_LIST nbl;
	PNET_BUFFER nb[3];
	struct frame f[3];
};

void three_make(struct three *t, const ULONG off[3], ULONG len);
void three_free(struct three *t);

/* The last assertion of every test: nothing is missing from any pool,
 * no library MDL is left (0 in a clean run; see 'debris'). */
#define ASSERT_NO_LEAK() do { \
	ck_assert_uint_eq(drv.given, drv.frees); \
	ck_assert_uint_eq(nbl_leak_check(stderr), debris); \
} while (0)

#endif /* TEST_NBL_NDIS_H */

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef TEST_NBL_H
#define TEST_NBL_H

/*
 * The 'nbl' suite, libnbl's native API (nbl.h).  test_nbl.c holds main()
 * (one rte_eal_init, CK_FORK=no), the fixture of every TCase and the
 * helpers declared here; each test_nbl_<concern>.c file adds its tests to
 * the TCase that nbl_suite() made for it.  Derived NBLs (test_nbl_derived.h)
 * and the NDIS names (test_nbl_ndis.h) add TCases of their own.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <check.h>

#include "nbl.h"

/* Misuse that a release build refuses (and counts) and a debug build
 * (-Dnbl_debug=true) aborts on is only exercised in a release build. */
#ifdef NBL_DEBUG
#define RELEASE_BUILD 0
#else
#define RELEASE_BUILD 1
#endif

#define TAG4(a, b, c, d) ((uint32_t)(a) | (uint32_t)(b) << 8 | \
			  (uint32_t)(c) << 16 | (uint32_t)(d) << 24)
#define TEST_TAG TAG4('t', 'N', 'B', 'L')

/* ------------------------------------------------------------------ */
/* The tests of each concern, added to the TCase named in the comment  */
/* ------------------------------------------------------------------ */

/* "pools": create, free, counters, leak check (test_nbl_pool.c). */
void nbl_pool_add_tests(TCase *tc);
/* "alloc": NBLs and NBs from their pools (test_nbl_alloc.c). */
void nbl_alloc_add_tests(TCase *tc);
/* "mdl": MDLs and the default allocator (test_nbl_data.c). */
void nbl_mdl_add_tests(TCase *tc);
/* "data": copies, the current MDL, nbl_buf_data_get (test_nbl_data.c). */
void nbl_data_add_tests(TCase *tc);
/* "context": NBL context (test_nbl_ctx.c). */
void nbl_ctx_add_tests(TCase *tc);
/* "offset": retreat and advance of one NB (test_nbl_retreat.c)... */
void nbl_retreat_add_tests(TCase *tc);
/* ... and of a whole NBL (test_nbl_retreat_list.c). */
void nbl_retreat_list_add_tests(TCase *tc);
/* "bulk": bulk allocation and free (test_nbl_bulk.c). */
void nbl_bulk_add_tests(TCase *tc);
/* "mbuf": mbufs and the hand-off to a PMD (test_nbl_bulk.c). */
void nbl_mbuf_add_tests(TCase *tc);

/* ------------------------------------------------------------------ */
/* Pools of a test and the leak check (test_nbl.c)                     */
/* ------------------------------------------------------------------ */

/* Objects leaked by an earlier, already failed test: a later test fails
 * only for leaks of its own. 0 in a passing run. */
extern uint64_t leak_debris;

/* Create a pool (the test fails if that fails) that the fixture frees if
 * the test could not; lp_free() and bp_free() assert that the free
 * succeeded. */
struct nbl_list_pool *lp_create_p(const struct nbl_list_pool_params *p);
struct nbl_list_pool *lp_create(bool alloc_nb, uint32_t data_size,
				uint16_t ctx, uint32_t count);
void lp_free(struct nbl_list_pool *pool);
struct nbl_buf_pool *bp_create(uint32_t data_size, uint32_t count);
void bp_free(struct nbl_buf_pool *pool);

/* The counters of a pool. */
struct nbl_pool_stats lstats(const struct nbl_list_pool *pool);
struct nbl_pool_stats bstats(const struct nbl_buf_pool *pool);

/* Objects missing now, not counting the debris of an earlier failed
 * test. */
uint64_t leaks(void);

/* ------------------------------------------------------------------ */
/* The test's retreat allocator and its free handler (test_nbl.c)      */
/* ------------------------------------------------------------------ */

/* Calls of the test's retreat allocator and free handler (reset by the
 * fixture, which asserts that every MDL given was freed). */
struct t_alloc_calls {
	unsigned int allocs;  /* calls of t_alloc */
	unsigned int given;   /* MDLs t_alloc returned */
	unsigned int frees;   /* calls of t_free */
	uint32_t last_size;   /* *size passed to the last t_alloc call */
	unsigned int fail_at; /* t_alloc call (1-based) that fails; 0: none */
	uint32_t round_to;    /* give sizes rounded up to this; 0: exact */
};
extern struct t_alloc_calls h;

/* An NET_BUFFER_ALLOCATE_MDL_HANDLER over rte_malloc memory, and its
 * NET_BUFFER_FREE_MDL_HANDLER. */
struct nbl_mdl *t_alloc(uint32_t *size);
void t_free(struct nbl_mdl *mdl);

/* ------------------------------------------------------------------ */
/* Byte and NB helpers (test_nbl.c)                                    */
/* ------------------------------------------------------------------ */

/* n bytes of a pattern that depends on seed. */
void fill(uint8_t *b, size_t n, uint8_t seed);

/* The NB's data from off, len bytes, equals exp. */
void assert_data(const struct nbl_buf *nb, uint32_t off, const void *exp,
		 uint32_t len);

/* The five NDIS fields of an NB and its chain pointers. */
struct nb_snap {
	struct nbl_buf *next;
	struct nbl_mdl *chain;
	struct nbl_mdl *cur;
	uint32_t cur_off;
	uint32_t off;
	uint32_t len;
	unsigned int n;
	struct nbl_mdl *mdl[8];
	uint32_t mlen[8];
};

/* Take a snapshot of an NB; assert two snapshots are the same. */
struct nb_snap snap(const struct nbl_buf *nb);
void assert_snap_eq(const struct nb_snap *a, const struct nb_snap *b);

/* An MDL over caller memory (the test fails if it cannot be made). */
struct nbl_mdl *mdl_new(void *va, uint32_t len);

/* Chain n MDLs over consecutive pieces of buf with the given lengths;
 * free such a chain. */
struct nbl_mdl *chain_new(uint8_t *buf, const uint32_t *lens,
			  unsigned int n);
void chain_free(struct nbl_mdl *m);

/* An NBL of a (T,0) pool whose NB describes a caller chain. */
struct nbl_list *nbl_over(struct nbl_list_pool *pool, struct nbl_mdl *chain,
			  uint32_t off, uint32_t len);

#endif /* TEST_NBL_H */

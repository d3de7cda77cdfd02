/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef TEST_NBL_DERIVED_H
#define TEST_NBL_DERIVED_H

/*
 * Derived NBLs in the 'nbl' suite: test_nbl_derived.c holds the helpers
 * declared here, the failure paths and nbl_derived_add_tcases(), which
 * makes the TCases and has test_nbl_clone.c, test_nbl_fragment.c and
 * test_nbl_internal.c add their tests.  The suite's main() (test_nbl.c)
 * runs rte_eal_init once.  Every test frees what it made and ends with
 * the leak check.
 */

#include <stdint.h>

#include <check.h>

#include "nbl.h"

/* Adds the TCases of derived NBLs (called by nbl_suite()). */
void nbl_derived_add_tcases(Suite *s);

/* "derived_clone": clones, edge cases 29-31 (test_nbl_clone.c). */
void nbl_clone_add_tests(TCase *tc);
/* "derived_fragment": fragments, cases 32-33 (test_nbl_fragment.c). */
void nbl_fragment_add_tests(TCase *tc);
/* "derived_reassemble": reassembly, case 34 (test_nbl_fragment.c). */
void nbl_reassemble_add_tests(TCase *tc);
/* "derived_internal_pools": NULL pool handles (test_nbl_internal.c). */
void nbl_internal_add_tests(TCase *tc);

#define MAX_NB  8
#define MAX_MDL 4

/* Pools of one test: sources come from a (T,0) NBL pool plus an NB pool,
 * derived NBLs from an (F,0) NBL pool and the same NB pool. */
struct env {
	struct nbl_list_pool *src_lp; /* (T,0) */
	struct nbl_list_pool *lp;     /* (F,0) */
	struct nbl_buf_pool *bp;      /* DataSize 0 */
};

/* Make the three pools (nb_count NBs in the NB pool); free them,
 * asserting that every pool is full. */
void env_init(struct env *e, uint32_t nb_count);
void env_fini(struct env *e);

/* NBLs, NBs out of a pool. */
uint64_t list_out(const struct nbl_list_pool *p);
uint64_t buf_out(const struct nbl_buf_pool *p);

/* Layout of one source NB: DataOffset, DataLength and the sizes of its
 * caller MDLs (0-terminated; none: one MDL of exactly off + len). */
struct nb_spec {
	uint32_t off;
	uint32_t len;
	uint32_t mdl_len[MAX_MDL];
};

/* A source NBL over caller memory (owned by the test). */
struct src {
	struct nbl_list *nbl;
	unsigned int n_nb;
	struct nbl_buf *nb[MAX_NB];
	struct nbl_mdl *mdl[MAX_NB][MAX_MDL];
	uint8_t *mem[MAX_NB];
	uint32_t mem_len[MAX_NB];
};

/* Make a source NBL of n NBs laid out as sp[0..n-1], over memory holding
 * a pattern; free it, its MDLs and memory. */
void src_make(struct src *s, struct env *e, unsigned int n,
	      const struct nb_spec *sp);
void src_free(struct src *s);

/* Snapshot of an NB's five fields and chain head. */
struct nb_state {
	struct nbl_mdl *chain, *cur;
	uint32_t cur_off, off, len;
};

struct nb_state nb_state(const struct nbl_buf *nb);
void nb_state_eq(const struct nbl_buf *nb, const struct nb_state *st);

/* The source memory still holds the original pattern everywhere. */
void src_untouched(const struct src *s);

/* NB data bytes [off, off+len) equal source NB i from position pos. */
void nb_bytes_eq(const struct nbl_buf *nb, uint32_t off, uint32_t len,
		 unsigned int i, uint32_t pos);

/* The number of NBs of an NBL; its NB number idx (NULL past the end). */
unsigned int nb_count(const struct nbl_list *nbl);
struct nbl_buf *nb_at(const struct nbl_list *nbl, unsigned int idx);

/* Library-made MDLs must all have been freed: nbl_leak_check() counts
 * them (and overflow contexts, and every pool). */
void no_leak(void);

/* Counting retreat allocator and its counterpart. */
extern unsigned int n_alloc_calls, n_free_calls;
struct nbl_mdl *count_alloc(uint32_t *size);
void count_free(struct nbl_mdl *mdl);

/*
 * A misuse: a release build refuses it (-EINVAL) and counts it in the
 * pool's refused counter; a debug build aborts (checked in a child that
 * does nothing but the misuse call).
 */
struct misuse {
	int (*fn)(struct nbl_list *nbl, uint32_t arg);
	struct nbl_list *nbl;
	uint32_t arg;
};

void expect_misuse(const struct misuse *m);

/* The free calls of derived NBLs and the plain one, as misuse calls. */
int fragment_free_fn(struct nbl_list *nbl, uint32_t delta);
int plain_free_fn(struct nbl_list *nbl, uint32_t unused);
int reassemble_free_fn(struct nbl_list *nbl, uint32_t delta);

#endif /* TEST_NBL_DERIVED_H */

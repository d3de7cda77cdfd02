/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Check suite of libnbl's native API (nbl.h): pools, allocation, MDLs,
 * retreat and advance, data access, context, the bulk path and the mbuf
 * hand-off, plus the buffer-management edge cases 1-28 and 45 of section 10
 * of the NDIS rule book (each in a test named after its number).  This file
 * holds main(), the fixture and the shared helpers (test_nbl.h); the tests
 * of each concern are in test_nbl_<concern>.c.  Derived NBLs (cases 29-34)
 * are tested in test_nbl_derived.c and the files it names, which add their
 * TCases through nbl_derived_add_tcases().  Case 11 (SourceHandle) is a
 * send-path rule of the binding module, not of buffer management.
 *
 * The suite runs with CK_FORK=no and one rte_eal_init().  Every TCase has a
 * checked teardown that frees the pools a failed test left behind and
 * asserts that nbl_leak_check() reports nothing; each test also frees its
 * own pools and asserts that the free succeeded.
 *
 * The default build is a release build: misuse that NDIS declares fatal
 * (cases 10 and 21) is refused, counted in the pool's "refused" counter and
 * logged.  A debug build (-Dnbl_debug=true) aborts instead, so those tests
 * only assert the release behaviour and are skipped under NBL_DEBUG.
 */

#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>

#include "test_eal.h"
#include "test_nbl.h"

/* Added by test_nbl_derived.c; this weak default keeps the suite linking
 * when that file is not built. */
void nbl_derived_add_tcases(Suite *s);

__attribute__((weak)) void
nbl_derived_add_tcases(Suite *s)
{
	(void)s;
}

/* Added by test_nbl_ndis.c (the NDIS names of ndis.h), same scheme. */
void nbl_ndis_add_tcases(Suite *s);

__attribute__((weak)) void
nbl_ndis_add_tcases(Suite *s)
{
	(void)s;
}

/* ------------------------------------------------------------------ */
/* Pool tracking and the leak check of every test                      */
/* ------------------------------------------------------------------ */

#define MAX_TRACKED 16
static struct nbl_list_pool *tracked_lp[MAX_TRACKED];
static struct nbl_buf_pool *tracked_bp[MAX_TRACKED];
/* Objects leaked by an earlier, already failed test: a later test fails
 * only for leaks of its own. 0 in a passing run. */
uint64_t leak_debris;

/* Calls of the test's retreat allocator and free handler. */
struct t_alloc_calls h;

static void
track(void **slots, void *p)
{
	unsigned int i;

	for (i = 0; i < MAX_TRACKED; i++) {
		if (slots[i] == NULL) {
			slots[i] = p;
			return;
		}
	}
	ck_abort_msg("test creates more than %d pools", MAX_TRACKED);
}

static void
untrack(void **slots, const void *p)
{
	unsigned int i;

	for (i = 0; i < MAX_TRACKED; i++)
		if (slots[i] == p)
			slots[i] = NULL;
}

struct nbl_list_pool *
lp_create_p(const struct nbl_list_pool_params *p)
{
	struct nbl_list_pool *pool = nbl_list_pool_create(p);

	ck_assert_msg(pool != NULL, "nbl_list_pool_create: %s",
		      rte_strerror(rte_errno));
	track((void **)tracked_lp, pool);
	return pool;
}

struct nbl_list_pool *
lp_create(bool alloc_nb, uint32_t data_size, uint16_t ctx, uint32_t count)
{
	struct nbl_list_pool_params p = {
		.alloc_nb = alloc_nb,
		.data_size = data_size,
		.context_size = ctx,
		.tag = TEST_TAG,
		.count = count,
		.socket_id = SOCKET_ID_ANY,
	};

	return lp_create_p(&p);
}

void
lp_free(struct nbl_list_pool *pool)
{
	ck_assert_int_eq(nbl_list_pool_free(pool), 0);
	untrack((void **)tracked_lp, pool);
}

struct nbl_buf_pool *
bp_create(uint32_t data_size, uint32_t count)
{
	struct nbl_buf_pool_params p = {
		.tag = TEST_TAG,
		.data_size = data_size,
		.count = count,
		.socket_id = SOCKET_ID_ANY,
	};
	struct nbl_buf_pool *pool = nbl_buf_pool_create(&p);

	ck_assert_msg(pool != NULL, "nbl_buf_pool_create: %s",
		      rte_strerror(rte_errno));
	track((void **)tracked_bp, pool);
	return pool;
}

void
bp_free(struct nbl_buf_pool *pool)
{
	ck_assert_int_eq(nbl_buf_pool_free(pool), 0);
	untrack((void **)tracked_bp, pool);
}

struct nbl_pool_stats
lstats(const struct nbl_list_pool *pool)
{
	struct nbl_pool_stats st;

	ck_assert_int_eq(nbl_list_pool_stats_get(pool, &st), 0);
	return st;
}

struct nbl_pool_stats
bstats(const struct nbl_buf_pool *pool)
{
	struct nbl_pool_stats st;

	ck_assert_int_eq(nbl_buf_pool_stats_get(pool, &st), 0);
	return st;
}

/* Objects missing now, not counting the debris of an earlier failed test
 * (so one failure does not cascade through the suite). */
uint64_t
leaks(void)
{
	uint64_t n = nbl_leak_check(NULL);

	return n > leak_debris ? n - leak_debris : 0;
}

static void
setup(void)
{
	memset(&h, 0, sizeof(h));
}

static void
teardown(void)
{
	uint64_t leaked, before = leak_debris;
	unsigned int i;

	/* Pools a failed test could not free (the test's own frees passed
	 * otherwise and untracked them). */
	for (i = 0; i < MAX_TRACKED; i++) {
		struct nbl_pool_stats st;

		if (tracked_lp[i] != NULL &&
		    nbl_list_pool_stats_get(tracked_lp[i], &st) == 0 &&
		    st.outstanding == 0 && st.avail == st.size &&
		    nbl_list_pool_free(tracked_lp[i]) == 0)
			tracked_lp[i] = NULL;
		if (tracked_bp[i] != NULL &&
		    nbl_buf_pool_stats_get(tracked_bp[i], &st) == 0 &&
		    st.outstanding == 0 && st.avail == st.size &&
		    nbl_buf_pool_free(tracked_bp[i]) == 0)
			tracked_bp[i] = NULL;
	}
	leaked = nbl_leak_check(stderr);
	leak_debris = leaked;
	ck_assert_msg(leaked <= before,
		      "leak check: %" PRIu64 " objects not returned",
		      leaked - before);
	ck_assert_msg(h.given == h.frees,
		      "test allocator: %u MDLs given, %u freed",
		      h.given, h.frees);
}

/* ------------------------------------------------------------------ */
/* The test's retreat allocator and its free handler                   */
/* ------------------------------------------------------------------ */

/* An NET_BUFFER_ALLOCATE_MDL_HANDLER: rte_malloc memory described by
 * nbl_mdl_create(), flagged NDIS-allocated as an allocator must. */
struct nbl_mdl *
t_alloc(uint32_t *size)
{
	uint32_t sz = *size;
	struct nbl_mdl *mdl;
	void *mem;

	h.allocs++;
	h.last_size = *size;
	if (h.fail_at != 0 && h.allocs == h.fail_at)
		return NULL;
	if (h.round_to != 0)
		sz = RTE_ALIGN_CEIL(sz, h.round_to);
	mem = rte_malloc("test_nbl_mdl", sz, RTE_CACHE_LINE_SIZE);
	if (mem == NULL)
		return NULL;
	memset(mem, 0xA5, sz);
	mdl = nbl_mdl_create(mem, sz);
	if (mdl == NULL) {
		rte_free(mem);
		return NULL;
	}
	mdl->flags |= NBL_MDL_F_NDIS_ALLOCATED;
	mdl->alloc = t_alloc;
	mdl->user = mem;
	*size = sz;
	h.given++;
	return mdl;
}

/* Its NET_BUFFER_FREE_MDL_HANDLER. */
void
t_free(struct nbl_mdl *mdl)
{
	void *mem = mdl->user;

	h.frees++;
	/* hand it back to the caller-MDL free, which refuses library MDLs */
	mdl->flags &= (uint16_t)~NBL_MDL_F_NDIS_ALLOCATED;
	nbl_mdl_free(mdl);
	rte_free(mem);
}

/* ------------------------------------------------------------------ */
/* Byte and NB helpers                                                 */
/* ------------------------------------------------------------------ */

void
fill(uint8_t *b, size_t n, uint8_t seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		b[i] = (uint8_t)(seed + i * 7u);
}

/* The NB's data from off, len bytes, equals exp. */
void
assert_data(const struct nbl_buf *nb, uint32_t off, const void *exp,
	    uint32_t len)
{
	static uint8_t tmp[8192];

	ck_assert_uint_le(len, sizeof(tmp));
	ck_assert_int_eq(nbl_buf_copy_out(nb, off, len, tmp), 0);
	ck_assert_mem_eq(tmp, exp, len);
}

struct nb_snap
snap(const struct nbl_buf *nb)
{
	struct nb_snap s;
	const struct nbl_mdl *m;

	memset(&s, 0, sizeof(s));
	s.next = nb->next;
	s.chain = nb->chain;
	s.cur = nb->cur;
	s.cur_off = nb->cur_off;
	s.off = nb->data_offset;
	s.len = nb->data_length;
	for (m = nb->chain; m != NULL && s.n < 8; m = m->next) {
		s.mdl[s.n] = (struct nbl_mdl *)(uintptr_t)m;
		s.mlen[s.n++] = m->len;
	}
	return s;
}

void
assert_snap_eq(const struct nb_snap *a, const struct nb_snap *b)
{
	unsigned int i;

	ck_assert_ptr_eq(a->next, b->next);
	ck_assert_ptr_eq(a->chain, b->chain);
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

struct nbl_mdl *
mdl_new(void *va, uint32_t len)
{
	struct nbl_mdl *m = nbl_mdl_create(va, len);

	ck_assert_msg(m != NULL, "nbl_mdl_create: %s", rte_strerror(rte_errno));
	return m;
}

/* Chain n MDLs over consecutive pieces of buf with the given lengths. */
struct nbl_mdl *
chain_new(uint8_t *buf, const uint32_t *lens, unsigned int n)
{
	struct nbl_mdl *head = NULL, **pp = &head;
	unsigned int i;

	for (i = 0; i < n; i++) {
		*pp = mdl_new(buf, lens[i]);
		buf += lens[i];
		pp = &(*pp)->next;
	}
	return head;
}

void
chain_free(struct nbl_mdl *m)
{
	while (m != NULL) {
		struct nbl_mdl *next = m->next;

		nbl_mdl_free(m);
		m = next;
	}
}

/* An NBL of a (T,0) pool whose NB describes a caller chain. */
struct nbl_list *
nbl_over(struct nbl_list_pool *pool, struct nbl_mdl *chain, uint32_t off,
	 uint32_t len)
{
	struct nbl_list *nbl = nbl_list_alloc_with_buf(pool, 0, 0, chain, off,
							len);

	ck_assert_msg(nbl != NULL, "nbl_list_alloc_with_buf: %s",
		      rte_strerror(rte_errno));
	return nbl;
}

/* ================================================================== */
/* Suite                                                               */
/* ================================================================== */

static TCase *
tcase(Suite *s, const char *name)
{
	TCase *tc = tcase_create(name);

	tcase_add_checked_fixture(tc, setup, teardown);
	suite_add_tcase(s, tc);
	return tc;
}

static Suite *
nbl_suite(void)
{
	Suite *s = suite_create("nbl");
	TCase *tc;

	tc = tcase(s, "pools");
	nbl_pool_add_tests(tc);

	tc = tcase(s, "alloc");
	nbl_alloc_add_tests(tc);

	tc = tcase(s, "mdl");
	nbl_mdl_add_tests(tc);

	tc = tcase(s, "data");
	nbl_data_add_tests(tc);

	tc = tcase(s, "context");
	nbl_ctx_add_tests(tc);

	tc = tcase(s, "offset");
	nbl_retreat_add_tests(tc);
	nbl_retreat_list_add_tests(tc);

	tc = tcase(s, "bulk");
	nbl_bulk_add_tests(tc);

	tc = tcase(s, "mbuf");
	nbl_mbuf_add_tests(tc);

	nbl_derived_add_tcases(s);
	nbl_ndis_add_tcases(s);
	return s;
}

int
main(void)
{
	static const char *const args[] = {
		"--vdev", "net_null0", "--log-level", "lib.nbl:info", NULL,
	};

	if (test_eal_init("test_nbl", "0", args) != 0)
		return 2;
	return test_eal_fini(test_eal_run("test_nbl", nbl_suite()));
}

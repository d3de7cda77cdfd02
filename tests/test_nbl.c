/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Check suite of libnbl's native API (nbl.h): pools, allocation, MDLs,
 * retreat and advance, data access, context, the bulk path and the mbuf
 * hand-off, plus the buffer-management edge cases 1-28 and 45 of section 10
 * of the NDIS rule book (each in a test named after its number).  Derived
 * NBLs (cases 29-34) are tested in test_nbl_derived.c, which adds its
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

#include <check.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "nbl.h"

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
/* Pool tracking and the leak check of every test                      */
/* ------------------------------------------------------------------ */

#define MAX_TRACKED 16
static struct nbl_list_pool *tracked_lp[MAX_TRACKED];
static struct nbl_buf_pool *tracked_bp[MAX_TRACKED];
/* Objects leaked by an earlier, already failed test: a later test fails
 * only for leaks of its own. 0 in a passing run. */
static uint64_t leak_debris;

/* Calls of the test's retreat allocator and free handler. */
static struct {
	unsigned int allocs;  /* calls of t_alloc */
	unsigned int given;   /* MDLs t_alloc returned */
	unsigned int frees;   /* calls of t_free */
	uint32_t last_size;   /* *size passed to the last t_alloc call */
	unsigned int fail_at; /* t_alloc call (1-based) that fails; 0: none */
	uint32_t round_to;    /* give sizes rounded up to this; 0: exact */
} h;

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

static struct nbl_list_pool *
lp_create_p(const struct nbl_list_pool_params *p)
{
	struct nbl_list_pool *pool = nbl_list_pool_create(p);

	ck_assert_msg(pool != NULL, "nbl_list_pool_create: %s",
		      rte_strerror(rte_errno));
	track((void **)tracked_lp, pool);
	return pool;
}

static struct nbl_list_pool *
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

static void
lp_free(struct nbl_list_pool *pool)
{
	ck_assert_int_eq(nbl_list_pool_free(pool), 0);
	untrack((void **)tracked_lp, pool);
}

static struct nbl_buf_pool *
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

static void
bp_free(struct nbl_buf_pool *pool)
{
	ck_assert_int_eq(nbl_buf_pool_free(pool), 0);
	untrack((void **)tracked_bp, pool);
}

static struct nbl_pool_stats
lstats(const struct nbl_list_pool *pool)
{
	struct nbl_pool_stats st;

	ck_assert_int_eq(nbl_list_pool_stats_get(pool, &st), 0);
	return st;
}

static struct nbl_pool_stats
bstats(const struct nbl_buf_pool *pool)
{
	struct nbl_pool_stats st;

	ck_assert_int_eq(nbl_buf_pool_stats_get(pool, &st), 0);
	return st;
}

/* Objects missing now, not counting the debris of an earlier failed test
 * (so one failure does not cascade through the suite). */
static uint64_t
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
static struct nbl_mdl *
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
static void
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

static void
fill(uint8_t *b, size_t n, uint8_t seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		b[i] = (uint8_t)(seed + i * 7u);
}

/* The NB's data from off, len bytes, equals exp. */
static void
assert_data(const struct nbl_buf *nb, uint32_t off, const void *exp,
	    uint32_t len)
{
	static uint8_t tmp[8192];

	ck_assert_uint_le(len, sizeof(tmp));
	ck_assert_int_eq(nbl_buf_copy_out(nb, off, len, tmp), 0);
	ck_assert_mem_eq(tmp, exp, len);
}

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

static struct nb_snap
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

static void
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

static struct nbl_mdl *
mdl_new(void *va, uint32_t len)
{
	struct nbl_mdl *m = nbl_mdl_create(va, len);

	ck_assert_msg(m != NULL, "nbl_mdl_create: %s", rte_strerror(rte_errno));
	return m;
}

/* Chain n MDLs over consecutive pieces of buf with the given lengths. */
static struct nbl_mdl *
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

static void
chain_free(struct nbl_mdl *m)
{
	while (m != NULL) {
		struct nbl_mdl *next = m->next;

		nbl_mdl_free(m);
		m = next;
	}
}

/* An NBL of a (T,0) pool whose NB describes a caller chain. */
static struct nbl_list *
nbl_over(struct nbl_list_pool *pool, struct nbl_mdl *chain, uint32_t off,
	 uint32_t len)
{
	struct nbl_list *nbl = nbl_list_alloc_with_buf(pool, 0, 0, chain, off,
							len);

	ck_assert_msg(nbl != NULL, "nbl_list_alloc_with_buf: %s",
		      rte_strerror(rte_errno));
	return nbl;
}

static unsigned int
mempool_count_cb_n;

static void
mempool_count_cb(struct rte_mempool *mp, void *arg)
{
	RTE_SET_USED(mp);
	RTE_SET_USED(arg);
	mempool_count_cb_n++;
}

static unsigned int
mempool_count(void)
{
	mempool_count_cb_n = 0;
	rte_mempool_walk(mempool_count_cb, NULL);
	return mempool_count_cb_n;
}

static unsigned int
ctx_depth(const struct nbl_list *nbl)
{
	const struct nbl_ctx *c;
	unsigned int n = 0;

	for (c = nbl->context; c != NULL; c = c->next)
		n++;
	return n;
}

/* ================================================================== */
/* Pools                                                               */
/* ================================================================== */

START_TEST(test_case01_pool_f_n_illegal)
{
	struct nbl_list_pool_params p = {
		.alloc_nb = false,
		.data_size = 1500,
		.tag = TEST_TAG,
		.count = 64,
		.socket_id = SOCKET_ID_ANY,
	};
	unsigned int mempools = mempool_count();
	struct nbl_list_pool *pool;

	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_pool_create(&p));
	ck_assert_int_eq(rte_errno, EINVAL);
	ck_assert_uint_eq(mempool_count(), mempools);

	/* the three legal shapes are accepted */
	pool = lp_create(false, 0, 0, 64);
	lp_free(pool);
	pool = lp_create(true, 0, 0, 64);
	lp_free(pool);
	pool = lp_create(true, 1500, 0, 64);
	lp_free(pool);
	ck_assert_uint_eq(mempool_count(), mempools);
}
END_TEST

START_TEST(test_pool_create_bad_params)
{
	struct nbl_list_pool_params lp = {
		.alloc_nb = true,
		.tag = TEST_TAG,
		.count = 16,
		.socket_id = SOCKET_ID_ANY,
	};
	struct nbl_buf_pool_params bp = {
		.tag = TEST_TAG,
		.count = 16,
		.socket_id = SOCKET_ID_ANY,
	};
	unsigned int mempools = mempool_count();

	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_pool_create(NULL));
	ck_assert_int_eq(rte_errno, EINVAL);
	rte_errno = 0;
	ck_assert_ptr_null(nbl_buf_pool_create(NULL));
	ck_assert_int_eq(rte_errno, EINVAL);

	/* one mbuf describes at most 65535 bytes */
	lp.data_size = 65536;
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_pool_create(&lp));
	ck_assert_int_eq(rte_errno, EINVAL);
	bp.data_size = 65536;
	rte_errno = 0;
	ck_assert_ptr_null(nbl_buf_pool_create(&bp));
	ck_assert_int_eq(rte_errno, EINVAL);

	/* the initial data range must fit in DataSize */
	lp.data_size = 256;
	lp.init_offset = 200;
	lp.init_length = 57;
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_pool_create(&lp));
	ck_assert_int_eq(rte_errno, EINVAL);
	ck_assert_uint_eq(mempool_count(), mempools);

	/* freeing no pool is a no-op */
	ck_assert_int_eq(nbl_list_pool_free(NULL), 0);
	ck_assert_int_eq(nbl_buf_pool_free(NULL), 0);
}
END_TEST

START_TEST(test_case06_context_size_not_maa)
{
	struct nbl_list_pool_params p = {
		.alloc_nb = true,
		.context_size = 12,
		.tag = TEST_TAG,
		.count = 16,
		.socket_id = SOCKET_ID_ANY,
	};
	struct nbl_list_pool *pool;
	struct nbl_pool_stats st;

	/* a pool whose ContextSize is not a multiple of 16 */
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_pool_create(&p));
	ck_assert_int_eq(rte_errno, EINVAL);

	/* an NBL whose ContextSize or ContextBackFill is not a multiple */
	pool = lp_create(true, 0, 64, 16);
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_alloc(pool, 12, 0));
	ck_assert_int_eq(rte_errno, EINVAL);
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_alloc(pool, 16, 12));
	ck_assert_int_eq(rte_errno, EINVAL);
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_alloc_with_buf(pool, 12, 0, NULL, 0, 0));
	ck_assert_int_eq(rte_errno, EINVAL);
	st = lstats(pool);
	ck_assert_uint_eq(st.allocs, 0);
	ck_assert_uint_eq(st.outstanding, 0);
	ck_assert_uint_eq(st.avail, 16);
	lp_free(pool);
}
END_TEST

START_TEST(test_pool_stats_get)
{
	struct nbl_list_pool *lp = lp_create(true, 0, 0, 32);
	struct nbl_buf_pool *bp = bp_create(0, 16);
	struct nbl_list *a, *b;
	struct nbl_buf *nb;
	struct nbl_pool_stats st;

	ck_assert_int_eq(nbl_list_pool_stats_get(NULL, &st), -EINVAL);
	ck_assert_int_eq(nbl_list_pool_stats_get(lp, NULL), -EINVAL);
	ck_assert_int_eq(nbl_buf_pool_stats_get(NULL, &st), -EINVAL);
	ck_assert_int_eq(nbl_buf_pool_stats_get(bp, NULL), -EINVAL);

	st = lstats(lp);
	ck_assert_uint_eq(st.size, 32);
	ck_assert_uint_eq(st.avail, 32);
	ck_assert_uint_eq(st.allocs + st.frees + st.handoffs + st.fails +
			  st.refused + st.outstanding, 0);

	a = nbl_list_alloc(lp, 0, 0);
	b = nbl_list_alloc(lp, 0, 0);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_ne(a, b);
	st = lstats(lp);
	ck_assert_uint_eq(st.allocs, 2);
	ck_assert_uint_eq(st.outstanding, 2);
	ck_assert_uint_eq(st.avail, 30);
	ck_assert_int_eq(nbl_list_free(a), 0);
	st = lstats(lp);
	ck_assert_uint_eq(st.frees, 1);
	ck_assert_uint_eq(st.outstanding, 1);
	ck_assert_uint_eq(st.avail, 31);
	ck_assert_int_eq(nbl_list_free(b), 0);

	nb = nbl_buf_alloc(bp, NULL, 0, 0);
	ck_assert_ptr_nonnull(nb);
	st = bstats(bp);
	ck_assert_uint_eq(st.size, 16);
	ck_assert_uint_eq(st.allocs, 1);
	ck_assert_uint_eq(st.outstanding, 1);
	ck_assert_uint_eq(st.avail, 15);
	ck_assert_int_eq(nbl_buf_free(nb), 0);
	st = bstats(bp);
	ck_assert_uint_eq(st.frees, 1);
	ck_assert_uint_eq(st.outstanding, 0);
	ck_assert_uint_eq(st.avail, 16);

	st = lstats(lp);
	ck_assert_uint_eq(st.allocs, 2);
	ck_assert_uint_eq(st.frees, 2);
	ck_assert_uint_eq(st.outstanding, 0);
	ck_assert_uint_eq(st.fails, 0);
	ck_assert_uint_eq(st.refused, 0);
	lp_free(lp);
	bp_free(bp);
}
END_TEST

START_TEST(test_leak_check_reports)
{
	struct nbl_list_pool *lp = lp_create(true, 0, 0, 8);
	struct nbl_list *nbl;
	struct nbl_mdl *m;
	uint8_t buf[64];
	char *text = NULL;
	size_t text_len = 0;
	FILE *f;

	ck_assert_uint_eq(leaks(), 0);

	/* one NBL out: one object missing, and the report names the pool */
	nbl = nbl_list_alloc(lp, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	f = open_memstream(&text, &text_len);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(nbl_leak_check(f), leak_debris + 1);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(text, lp->name));
	free(text);

	/* a caller-memory MDL not freed is a leak too */
	m = mdl_new(buf, sizeof(buf));
	ck_assert_uint_eq(leaks(), 2);
	nbl_mdl_free(m);
	ck_assert_uint_eq(leaks(), 1);

	ck_assert_int_eq(nbl_list_free(nbl), 0);
	ck_assert_uint_eq(leaks(), 0);

	/* nothing leaked: nothing printed */
	text = NULL;
	f = open_memstream(&text, &text_len);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(nbl_leak_check(f), leak_debris);
	fclose(f);
	if (leak_debris == 0)
		ck_assert_uint_eq(text_len, 0);
	free(text);
	lp_free(lp);
}
END_TEST

START_TEST(test_case28_pool_free_refused_while_outstanding)
{
	struct nbl_list_pool *lp = lp_create(true, 0, 0, 8);
	struct nbl_buf_pool *bp = bp_create(0, 8);
	struct nbl_list *nbl, *other;
	struct nbl_buf *nb;
	struct nbl_pool_stats st;

	nbl = nbl_list_alloc(lp, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	ck_assert_int_eq(nbl_list_pool_free(lp), -EBUSY);
	/* refused, counted, and the pool is kept and still works */
	st = lstats(lp);
	ck_assert_uint_eq(st.refused, 1);
	ck_assert_uint_eq(st.outstanding, 1);
	other = nbl_list_alloc(lp, 0, 0);
	ck_assert_ptr_nonnull(other);
	ck_assert_int_eq(nbl_list_free(other), 0);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	lp_free(lp);

	/* the same for an NB pool */
	nb = nbl_buf_alloc(bp, NULL, 0, 0);
	ck_assert_ptr_nonnull(nb);
	ck_assert_int_eq(nbl_buf_pool_free(bp), -EBUSY);
	ck_assert_uint_eq(bstats(bp).refused, 1);
	ck_assert_int_eq(nbl_buf_free(nb), 0);
	bp_free(bp);
}
END_TEST

START_TEST(test_case45_same_tag_distinct_names)
{
	struct nbl_list_pool *a = lp_create(true, 0, 0, 16);
	struct nbl_list_pool *b = lp_create(true, 0, 0, 16);
	struct nbl_list_pool *c = lp_create(true, 512, 0, 16);
	struct nbl_buf_pool *d = bp_create(0, 16);
	struct nbl_buf_pool *e = bp_create(0, 16);
	struct nbl_list *na, *nb;

	ck_assert_uint_eq(a->tag, b->tag);
	ck_assert_str_ne(a->name, b->name);
	ck_assert_str_ne(a->name, c->name);
	ck_assert_str_ne(b->name, c->name);
	ck_assert_str_ne(d->name, e->name);
	/* each name finds its own mempool */
	ck_assert_ptr_eq(rte_mempool_lookup(a->name), a->mp);
	ck_assert_ptr_eq(rte_mempool_lookup(b->name), b->mp);
	ck_assert_ptr_eq(rte_mempool_lookup(c->name), c->mp);
	ck_assert_ptr_eq(rte_mempool_lookup(d->name), d->mp);
	ck_assert_ptr_eq(rte_mempool_lookup(e->name), e->mp);

	/* and they are separate pools */
	na = nbl_list_alloc(a, 0, 0);
	nb = nbl_list_alloc(b, 0, 0);
	ck_assert_ptr_nonnull(na);
	ck_assert_ptr_nonnull(nb);
	ck_assert_ptr_eq(na->pool, a);
	ck_assert_ptr_eq(nb->pool, b);
	ck_assert_uint_eq(lstats(a).outstanding, 1);
	ck_assert_uint_eq(lstats(b).outstanding, 1);
	ck_assert_int_eq(nbl_list_free(na), 0);
	ck_assert_int_eq(nbl_list_free(nb), 0);
	lp_free(a);
	lp_free(b);
	lp_free(c);
	bp_free(d);
	bp_free(e);
}
END_TEST

/* A small pool runs out with ENOBUFS, counts the failure and recovers. */
START_TEST(test_pool_exhaustion)
{
	static const struct { bool alloc_nb; uint32_t data; } shapes[] = {
		{ false, 0 }, { true, 0 }, { true, 512 },
	};
	struct nbl_list *nbls[8];
	struct nbl_buf *nbs[8];
	struct nbl_buf_pool *bp;
	struct nbl_pool_stats st;
	unsigned int s, i;

	for (s = 0; s < RTE_DIM(shapes); s++) {
		struct nbl_list_pool *lp = lp_create(shapes[s].alloc_nb,
						     shapes[s].data, 0, 8);

		for (i = 0; i < 8; i++) {
			nbls[i] = nbl_list_alloc(lp, 0, 0);
			ck_assert_ptr_nonnull(nbls[i]);
		}
		rte_errno = 0;
		ck_assert_ptr_null(nbl_list_alloc(lp, 0, 0));
		ck_assert_int_eq(rte_errno, ENOBUFS);
		st = lstats(lp);
		ck_assert_uint_eq(st.allocs, 8);
		ck_assert_uint_eq(st.fails, 1);
		ck_assert_uint_eq(st.outstanding, 8);
		ck_assert_uint_eq(st.avail, 0);
		/* one back, one out again */
		ck_assert_int_eq(nbl_list_free(nbls[3]), 0);
		nbls[3] = nbl_list_alloc(lp, 0, 0);
		ck_assert_ptr_nonnull(nbls[3]);
		for (i = 0; i < 8; i++)
			ck_assert_int_eq(nbl_list_free(nbls[i]), 0);
		st = lstats(lp);
		ck_assert_uint_eq(st.outstanding, 0);
		ck_assert_uint_eq(st.avail, 8);
		lp_free(lp);
	}

	bp = bp_create(0, 8);
	for (i = 0; i < 8; i++) {
		nbs[i] = nbl_buf_alloc(bp, NULL, 0, 0);
		ck_assert_ptr_nonnull(nbs[i]);
	}
	rte_errno = 0;
	ck_assert_ptr_null(nbl_buf_alloc(bp, NULL, 0, 0));
	ck_assert_int_eq(rte_errno, ENOBUFS);
	st = bstats(bp);
	ck_assert_uint_eq(st.fails, 1);
	ck_assert_uint_eq(st.outstanding, 8);
	for (i = 0; i < 8; i++)
		ck_assert_int_eq(nbl_buf_free(nbs[i]), 0);
	bp_free(bp);
}
END_TEST

/* ================================================================== */
/* Allocation                                                          */
/* ================================================================== */

START_TEST(test_case02_alloc_with_buf_wrong_shape)
{
	struct nbl_list_pool *pools[2];
	uint8_t buf[64];
	struct nbl_mdl *m = mdl_new(buf, sizeof(buf));
	unsigned int i;

	pools[0] = lp_create(false, 0, 0, 16);
	pools[1] = lp_create(true, 1500, 0, 16);
	for (i = 0; i < 2; i++) {
		struct nbl_pool_stats before = lstats(pools[i]), after;

		rte_errno = 0;
		ck_assert_ptr_null(nbl_list_alloc_with_buf(pools[i], 0, 0,
							   NULL, 0, 0));
		ck_assert_int_eq(rte_errno, ENOTSUP);
		rte_errno = 0;
		ck_assert_ptr_null(nbl_list_alloc_with_buf(pools[i], 0, 0, m,
							   0, 64));
		ck_assert_int_eq(rte_errno, ENOTSUP);
		after = lstats(pools[i]);
		ck_assert_uint_eq(after.allocs, before.allocs);
		ck_assert_uint_eq(after.outstanding, before.outstanding);
		ck_assert_uint_eq(after.avail, before.avail);
		lp_free(pools[i]);
	}
	nbl_mdl_free(m);
}
END_TEST

START_TEST(test_case03_alloc_with_buf_null_chain)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 0, 16);
	struct nbl_list *nbl = nbl_list_alloc_with_buf(pool, 0, 0, NULL, 0, 0);
	struct nbl_buf *nb;

	ck_assert_ptr_nonnull(nbl);
	nb = nbl->first_nb;
	ck_assert_ptr_nonnull(nb);
	ck_assert_ptr_null(nb->chain);
	ck_assert_ptr_null(nb->next);
	ck_assert_ptr_null(nb->cur);
	ck_assert_uint_eq(nb->data_offset, 0);
	ck_assert_uint_eq(nb->data_length, 0);
	ck_assert_uint_eq(nb->cur_off, 0);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	ck_assert_uint_eq(lstats(pool).outstanding, 0);
	lp_free(pool);
}
END_TEST

START_TEST(test_case04_alloc_bad_range)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 0, 16);
	struct nbl_buf_pool *bp = bp_create(0, 16);
	static const uint32_t lens[] = { 60, 40 };
	uint8_t buf[100];
	struct nbl_mdl *chain = chain_new(buf, lens, 2);
	struct nbl_pool_stats st;
	struct nbl_list *nbl;
	struct nbl_buf *nb;

	/* a NULL chain with a length or an offset */
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_alloc_with_buf(pool, 0, 0, NULL, 0, 10));
	ck_assert_int_eq(rte_errno, EINVAL);
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_alloc_with_buf(pool, 0, 0, NULL, 10, 0));
	ck_assert_int_eq(rte_errno, EINVAL);
	/* offset + length past the 100 bytes of the chain */
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_alloc_with_buf(pool, 0, 0, chain, 60, 41));
	ck_assert_int_eq(rte_errno, EINVAL);
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_alloc_with_buf(pool, 0, 0, chain, 101, 0));
	ck_assert_int_eq(rte_errno, EINVAL);
	st = lstats(pool);
	ck_assert_uint_eq(st.allocs, 0);
	ck_assert_uint_eq(st.outstanding, 0);
	ck_assert_uint_eq(st.avail, 16);

	/* the same rules for a separately allocated NB */
	rte_errno = 0;
	ck_assert_ptr_null(nbl_buf_alloc(bp, NULL, 0, 10));
	ck_assert_int_eq(rte_errno, EINVAL);
	rte_errno = 0;
	ck_assert_ptr_null(nbl_buf_alloc(bp, chain, 60, 41));
	ck_assert_int_eq(rte_errno, EINVAL);
	st = bstats(bp);
	ck_assert_uint_eq(st.allocs, 0);
	ck_assert_uint_eq(st.avail, 16);

	/* an exact fit is fine */
	nbl = nbl_list_alloc_with_buf(pool, 0, 0, chain, 60, 40);
	ck_assert_ptr_nonnull(nbl);
	nb = nbl_buf_alloc(bp, chain, 0, 100);
	ck_assert_ptr_nonnull(nb);
	ck_assert_int_eq(nbl_buf_free(nb), 0);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	chain_free(chain);
	lp_free(pool);
	bp_free(bp);
}
END_TEST

START_TEST(test_case05_initial_nb_by_shape)
{
	struct nbl_list_pool *f0 = lp_create(false, 0, 0, 16);
	struct nbl_list_pool *t0 = lp_create(true, 0, 0, 16);
	struct nbl_list_pool *tn = lp_create(true, 1500, 0, 16);
	static uint8_t frame[1500], back[1500];
	struct nbl_list *nbl;
	struct nbl_buf *nb;

	/* (F,0): no NB */
	nbl = nbl_list_alloc(f0, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	ck_assert_ptr_null(nbl->first_nb);
	ck_assert_int_eq(nbl_list_free(nbl), 0);

	/* (T,0): one NB without MDL */
	nbl = nbl_list_alloc(t0, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	nb = nbl->first_nb;
	ck_assert_ptr_nonnull(nb);
	ck_assert_ptr_null(nb->chain);
	ck_assert_uint_eq(nb->data_offset, 0);
	ck_assert_uint_eq(nb->data_length, 0);
	ck_assert_int_eq(nbl_list_free(nbl), 0);

	/* (T,N): one N-byte MDL, offset 0, length N, and the bytes usable */
	nbl = nbl_list_alloc(tn, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	nb = nbl->first_nb;
	ck_assert_ptr_nonnull(nb);
	ck_assert_ptr_null(nb->next);
	ck_assert_ptr_nonnull(nb->chain);
	ck_assert_ptr_null(nb->chain->next);
	ck_assert_uint_eq(nb->chain->len, 1500);
	ck_assert_uint_eq(nbl_mdl_chain_len(nb->chain), 1500);
	ck_assert_uint_eq(nb->data_offset, 0);
	ck_assert_uint_eq(nb->data_length, 1500);
	ck_assert_ptr_eq(nb->cur, nb->chain);
	ck_assert_uint_eq(nb->cur_off, 0);
	fill(frame, sizeof(frame), 3);
	ck_assert_int_eq(nbl_buf_copy_in(nb, 0, frame, sizeof(frame)), 0);
	ck_assert_int_eq(nbl_buf_copy_out(nb, 0, sizeof(back), back), 0);
	ck_assert_mem_eq(back, frame, sizeof(frame));
	ck_assert_int_eq(nbl_list_free(nbl), 0);

	ck_assert_uint_eq(lstats(f0).outstanding, 0);
	ck_assert_uint_eq(lstats(t0).outstanding, 0);
	ck_assert_uint_eq(lstats(tn).outstanding, 0);
	ck_assert_uint_eq(lstats(tn).allocs, 1);
	ck_assert_uint_eq(lstats(tn).frees, 1);
	lp_free(f0);
	lp_free(t0);
	lp_free(tn);
}
END_TEST

/* The NDIS initial state, and reuse after the owner dirtied an NBL. */
START_TEST(test_list_alloc_initial_state)
{
	struct nbl_list_pool_params p = {
		.protocol_id = 0x42,
		.alloc_nb = true,
		.context_size = 32,
		.tag = TEST_TAG,
		.count = 1, /* the same object comes back */
		.socket_id = SOCKET_ID_ANY,
	};
	struct nbl_list_pool *pool = lp_create_p(&p);
	struct nbl_list *nbl, *again;
	unsigned int i;

	nbl = nbl_list_alloc(pool, 16, 0);
	ck_assert_ptr_nonnull(nbl);
	ck_assert_ptr_eq(nbl->pool, pool);
	ck_assert_ptr_null(nbl->next);
	ck_assert_ptr_null(nbl->parent);
	ck_assert_ptr_null(nbl->scratch);
	ck_assert_ptr_null(nbl->source_handle);
	ck_assert_int_eq(nbl->child_refcnt, 0);
	ck_assert_int_eq(nbl->status, NBL_STATUS_SUCCESS);
	for (i = 0; i < NBL_INFO_MAX; i++) {
		if (i == NBL_INFO_FRAME_TYPE)
			ck_assert_uint_eq((uintptr_t)nbl->info[i], 0x42);
		else
			ck_assert_ptr_null(nbl->info[i]);
	}
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 16);

	/* the owner writes everything it may write ... */
	*nbl_list_info_ref(nbl, NBL_INFO_IEEE8021Q) = (void *)(uintptr_t)0x123;
	*nbl_list_info_ref(nbl, NBL_INFO_CANCEL_ID) = nbl;
	ck_assert_uint_eq((uintptr_t)nbl->info[NBL_INFO_IEEE8021Q], 0x123);
	nbl->status = NBL_STATUS_FAILURE;
	nbl->scratch = nbl;
	nbl->source_handle = pool;
	nbl->child_refcnt = 3;
	nbl->first_nb->data_length = 0;
	nbl->first_nb->checksum_bias = 7;
	ck_assert_int_eq(nbl_list_free(nbl), 0);

	/* ... and the next allocation of that object starts clean */
	again = nbl_list_alloc(pool, 32, 0);
	ck_assert_ptr_eq(again, nbl);
	ck_assert_int_eq(again->status, NBL_STATUS_SUCCESS);
	ck_assert_ptr_null(again->scratch);
	ck_assert_ptr_null(again->source_handle);
	ck_assert_int_eq(again->child_refcnt, 0);
	ck_assert_ptr_null(again->info[NBL_INFO_IEEE8021Q]);
	ck_assert_ptr_null(again->info[NBL_INFO_CANCEL_ID]);
	ck_assert_uint_eq((uintptr_t)again->info[NBL_INFO_FRAME_TYPE], 0x42);
	ck_assert_uint_eq(again->first_nb->checksum_bias, 0);
	ck_assert_uint_eq(nbl_list_ctx_size(again), 32);
	ck_assert_int_eq(nbl_list_free(again), 0);
	ck_assert_int_eq(nbl_list_free(NULL), 0);
	lp_free(pool);
}
END_TEST

/* NdisAllocateNetBufferAndNetBufferList over a caller chain: the NB sees
 * the right bytes and the MDLs stay the caller's. */
START_TEST(test_list_alloc_with_caller_chain)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 16, 16);
	static const uint32_t lens[] = { 60, 100 };
	uint8_t buf[160];
	struct nbl_mdl *chain = chain_new(buf, lens, 2);
	struct nbl_list *nbl;
	struct nbl_buf *nb;

	fill(buf, sizeof(buf), 11);
	nbl = nbl_list_alloc_with_buf(pool, 16, 0, chain, 70, 80);
	ck_assert_ptr_nonnull(nbl);
	nb = nbl->first_nb;
	ck_assert_ptr_eq(nb->chain, chain);
	ck_assert_ptr_eq(nb->cur, chain->next);
	ck_assert_uint_eq(nb->cur_off, 10);
	ck_assert_uint_eq(nb->data_offset, 70);
	ck_assert_uint_eq(nb->data_length, 80);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 16);
	assert_data(nb, 0, buf + 70, 80);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	/* the caller's MDLs survive the NBL */
	ck_assert_ptr_eq(chain->va, buf);
	ck_assert_uint_eq(nbl_mdl_chain_len(chain), 160);
	chain_free(chain);
	lp_free(pool);
}
END_TEST

static void
template_init(struct nbl_list *nbl, void *arg)
{
	unsigned int *calls = arg;
	uint8_t tmpl[64];

	fill(tmpl, sizeof(tmpl), 0x40);
	nbl_buf_copy_in(nbl->first_nb, 0, tmpl, sizeof(tmpl));
	(*calls)++;
}

/* obj_init builds a packet template once per object, at pool creation. */
START_TEST(test_pool_obj_init_template)
{
	unsigned int calls = 0, i;
	struct nbl_list_pool_params p = {
		.alloc_nb = true,
		.data_size = 256,
		.tag = TEST_TAG,
		.count = 4,
		.socket_id = SOCKET_ID_ANY,
		.obj_init = template_init,
		.obj_init_arg = &calls,
	};
	struct nbl_list_pool *pool = lp_create_p(&p);
	struct nbl_list *nbls[4];
	uint8_t tmpl[64];

	ck_assert_uint_eq(calls, 4);
	fill(tmpl, sizeof(tmpl), 0x40);
	for (i = 0; i < 4; i++) {
		nbls[i] = nbl_list_alloc(pool, 0, 0);
		ck_assert_ptr_nonnull(nbls[i]);
		assert_data(nbls[i]->first_nb, 0, tmpl, sizeof(tmpl));
	}
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(nbl_list_free(nbls[i]), 0);
	ck_assert_uint_eq(calls, 4);
	lp_free(pool);
}
END_TEST

START_TEST(test_buf_alloc_and_free)
{
	struct nbl_buf_pool *bp = bp_create(0, 16);
	struct nbl_buf_pool *dp = bp_create(256, 16);
	struct nbl_list_pool *lp = lp_create(true, 0, 0, 4);
	static const uint32_t lens[] = { 100, 50 };
	uint8_t buf[150];
	struct nbl_mdl *chain = chain_new(buf, lens, 2);
	struct nbl_list *nbl;
	struct nbl_buf *nb;

	fill(buf, sizeof(buf), 21);
	nb = nbl_buf_alloc(bp, chain, 120, 25);
	ck_assert_ptr_nonnull(nb);
	ck_assert_ptr_null(nb->next);
	ck_assert_ptr_eq(nb->pool, bp);
	ck_assert_ptr_eq(nb->chain, chain);
	ck_assert_ptr_eq(nb->cur, chain->next);
	ck_assert_uint_eq(nb->cur_off, 20);
	ck_assert_uint_eq(nb->data_offset, 120);
	ck_assert_uint_eq(nb->data_length, 25);
	assert_data(nb, 0, buf + 120, 25);

	/* NULL chain */
	{
		struct nbl_buf *empty = nbl_buf_alloc(bp, NULL, 0, 0);

		ck_assert_ptr_nonnull(empty);
		ck_assert_ptr_null(empty->chain);
		ck_assert_ptr_null(empty->cur);
		ck_assert_int_eq(nbl_buf_free(empty), 0);
	}

	/* the wrong allocator for the pool's DataSize */
	rte_errno = 0;
	ck_assert_ptr_null(nbl_buf_alloc(dp, NULL, 0, 0));
	ck_assert_int_eq(rte_errno, ENOTSUP);
	rte_errno = 0;
	ck_assert_ptr_null(nbl_buf_alloc_data(bp));
	ck_assert_int_eq(rte_errno, ENOTSUP);
	ck_assert_uint_eq(bstats(dp).allocs, 0);
	ck_assert_uint_eq(bstats(bp).outstanding, 1);

	/* an embedded NB is not nbl_buf_free's to free (a debug build
	 * aborts) */
	nbl = nbl_list_alloc(lp, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	if (RELEASE_BUILD) {
		ck_assert_int_eq(nbl_buf_free(nbl->first_nb), -EINVAL);
		ck_assert_uint_eq(lstats(lp).outstanding, 1);
	}
	ck_assert_int_eq(nbl_list_free(nbl), 0);

	ck_assert_int_eq(nbl_buf_free(NULL), 0);
	ck_assert_int_eq(nbl_buf_free(nb), 0);
	ck_assert_uint_eq(bstats(bp).outstanding, 0);
	ck_assert_uint_eq(bstats(bp).frees, 2);
	chain_free(chain);
	lp_free(lp);
	bp_free(bp);
	bp_free(dp);
}
END_TEST

/* NdisAllocateNetBufferMdlAndData: NB, MDL and DataSize bytes as one. */
START_TEST(test_buf_alloc_data)
{
	struct nbl_buf_pool *dp = bp_create(1024, 4);
	struct nbl_buf *nb, *nb2;
	static uint8_t frame[1024];
	uint8_t hdr[14];

	nb = nbl_buf_alloc_data(dp);
	ck_assert_ptr_nonnull(nb);
	ck_assert_ptr_null(nb->next);
	ck_assert_ptr_nonnull(nb->chain);
	ck_assert_ptr_null(nb->chain->next);
	ck_assert_uint_eq(nb->chain->len, 1024);
	ck_assert_ptr_eq(nb->cur, nb->chain);
	ck_assert_uint_eq(nb->cur_off, 0);
	ck_assert_uint_eq(nb->data_offset, 0);
	ck_assert_uint_eq(nb->data_length, 1024);
	fill(frame, sizeof(frame), 5);
	ck_assert_int_eq(nbl_buf_copy_in(nb, 0, frame, sizeof(frame)), 0);
	assert_data(nb, 0, frame, sizeof(frame));

	/* a second NB has its own data */
	nb2 = nbl_buf_alloc_data(dp);
	ck_assert_ptr_nonnull(nb2);
	ck_assert_ptr_ne(nb2->chain->va, nb->chain->va);

	/* offset 0: a retreat allocates (default allocator), advance frees */
	fill(hdr, sizeof(hdr), 99);
	ck_assert_int_eq(nbl_buf_retreat(nb, 14, 0, NULL), 0);
	ck_assert_uint_eq(nb->data_length, 1024 + 14);
	ck_assert_int_eq(nbl_buf_copy_in(nb, 0, hdr, 14), 0);
	assert_data(nb, 0, hdr, 14);
	assert_data(nb, 14, frame, sizeof(frame));
	ck_assert_int_eq(nbl_buf_advance(nb, 14, true, NULL), 0);
	ck_assert_uint_eq(nb->data_length, 1024);
	ck_assert_uint_eq(nb->data_offset, 0);

	ck_assert_int_eq(nbl_buf_free(nb), 0);
	ck_assert_int_eq(nbl_buf_free(nb2), 0);
	ck_assert_uint_eq(bstats(dp).outstanding, 0);
	ck_assert_uint_eq(bstats(dp).avail, 4);
	bp_free(dp);
}
END_TEST

START_TEST(test_case27_free_nbl_keeps_separate_nb)
{
	struct nbl_list_pool *lp = lp_create(false, 0, 0, 8);
	struct nbl_buf_pool *bp = bp_create(0, 8);
	uint8_t buf[100];
	struct nbl_mdl *m = mdl_new(buf, sizeof(buf));
	struct nbl_list *nbl;
	struct nbl_buf *nb;

	fill(buf, sizeof(buf), 1);
	nbl = nbl_list_alloc(lp, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	nb = nbl_buf_alloc(bp, m, 10, 90);
	ck_assert_ptr_nonnull(nb);
	nbl->first_nb = nb;

	ck_assert_int_eq(nbl_list_free(nbl), 0);
	ck_assert_uint_eq(lstats(lp).outstanding, 0);
	/* the NB is still allocated and intact */
	ck_assert_uint_eq(bstats(bp).outstanding, 1);
	ck_assert_uint_eq(bstats(bp).frees, 0);
	ck_assert_uint_eq(nb->data_offset, 10);
	ck_assert_uint_eq(nb->data_length, 90);
	assert_data(nb, 0, buf + 10, 90);
	/* so its pool refuses to go (a debug build aborts) */
	if (RELEASE_BUILD)
		ck_assert_int_eq(nbl_buf_pool_free(bp), -EBUSY);

	ck_assert_int_eq(nbl_buf_free(nb), 0);
	bp_free(bp);
	lp_free(lp);
	nbl_mdl_free(m);
}
END_TEST

/* ================================================================== */
/* MDLs                                                                */
/* ================================================================== */

START_TEST(test_mdl_create_free_chain_len)
{
	static const uint32_t lens[] = { 10, 20, 30 };
	uint8_t buf[60];
	struct nbl_mdl *m, *chain;

	m = mdl_new(buf, sizeof(buf));
	ck_assert_ptr_eq(m->va, buf);
	ck_assert_uint_eq(m->len, 60);
	ck_assert_ptr_null(m->next);
	ck_assert_uint_eq(m->flags & NBL_MDL_F_NDIS_ALLOCATED, 0);
	ck_assert_uint_eq(nbl_mdl_chain_len(m), 60);
	nbl_mdl_free(m);

	rte_errno = 0;
	ck_assert_ptr_null(nbl_mdl_create(NULL, 10));
	ck_assert_int_eq(rte_errno, EINVAL);
	rte_errno = 0;
	ck_assert_ptr_null(nbl_mdl_create(buf, 0));
	ck_assert_int_eq(rte_errno, EINVAL);

	chain = chain_new(buf, lens, 3);
	ck_assert_uint_eq(nbl_mdl_chain_len(chain), 60);
	ck_assert_uint_eq(nbl_mdl_chain_len(chain->next), 50);
	ck_assert_uint_eq(nbl_mdl_chain_len(NULL), 0);
	ck_assert_ptr_eq(chain->next->va, buf + 10);
	ck_assert_ptr_eq(chain->next->next->va, buf + 30);
	chain_free(chain);
	nbl_mdl_free(NULL);
}
END_TEST

START_TEST(test_default_allocator)
{
	uint32_t size = 100;
	struct nbl_mdl *m;
	uint64_t base = leaks();

	m = nbl_mdl_default_alloc(&size);
	ck_assert_ptr_nonnull(m);
	ck_assert_uint_ge(size, 100);
	ck_assert_uint_eq(m->len, size);
	ck_assert(m->flags & NBL_MDL_F_NDIS_ALLOCATED);
	ck_assert_ptr_nonnull(m->va);
	memset(m->va, 0x5A, size);
	/* counted until freed */
	ck_assert_uint_eq(leaks(), base + 1);
	/* a library MDL is not the caller's to free with nbl_mdl_free
	 * (refused; a debug build aborts) */
	if (RELEASE_BUILD) {
		nbl_mdl_free(m);
		ck_assert_uint_eq(leaks(), base + 1);
	}
	nbl_mdl_default_free(m);
	ck_assert_uint_eq(leaks(), base);
	nbl_mdl_default_free(NULL);
}
END_TEST

/* ================================================================== */
/* Data access                                                         */
/* ================================================================== */

START_TEST(test_copy_in_out)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 0, 8);
	static const uint32_t lens[] = { 7, 13, 100 };
	uint8_t buf[120], src[110], dst[110];
	struct nbl_mdl *chain = chain_new(buf, lens, 3);
	struct nbl_list *nbl = nbl_over(pool, chain, 5, 110);
	struct nbl_buf *nb = nbl->first_nb;
	struct nb_snap s0 = snap(nb), s1;

	memset(buf, 0, sizeof(buf));
	fill(src, sizeof(src), 77);
	/* across three MDLs */
	ck_assert_int_eq(nbl_buf_copy_in(nb, 0, src, 110), 0);
	ck_assert_mem_eq(buf + 5, src, 110);
	ck_assert_uint_eq(buf[4], 0); /* back-fill untouched */
	ck_assert_int_eq(nbl_buf_copy_out(nb, 0, 110, dst), 0);
	ck_assert_mem_eq(dst, src, 110);
	/* in the middle, across one boundary */
	ck_assert_int_eq(nbl_buf_copy_out(nb, 10, 20, dst), 0);
	ck_assert_mem_eq(dst, src + 10, 20);
	ck_assert_int_eq(nbl_buf_copy_in(nb, 100, src, 10), 0);
	ck_assert_mem_eq(buf + 105, src, 10);
	/* out of range: refused, nothing written */
	memset(dst, 0xEE, sizeof(dst));
	ck_assert_int_eq(nbl_buf_copy_out(nb, 100, 11, dst), -EINVAL);
	ck_assert_uint_eq(dst[0], 0xEE);
	ck_assert_int_eq(nbl_buf_copy_in(nb, 111, src, 0), -EINVAL);
	ck_assert_int_eq(nbl_buf_copy_in(nb, 0, src, 111), -EINVAL);
	ck_assert_uint_eq(buf[115], 0);
	s1 = snap(nb);
	assert_snap_eq(&s0, &s1);

	ck_assert_int_eq(nbl_list_free(nbl), 0);
	chain_free(chain);
	lp_free(pool);
}
END_TEST

START_TEST(test_adjust_cur)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 0, 8);
	static const uint32_t lens[] = { 40, 30, 50 };
	uint8_t buf[120];
	struct nbl_mdl *chain = chain_new(buf, lens, 3);
	struct nbl_list *nbl = nbl_over(pool, chain, 0, 120);
	struct nbl_buf *nb = nbl->first_nb;

	fill(buf, sizeof(buf), 9);
	/* the owner moves the data start by hand */
	nb->data_offset = 75;
	nb->data_length = 45;
	ck_assert_int_eq(nbl_buf_adjust_cur(nb), 0);
	ck_assert_ptr_eq(nb->cur, chain->next->next);
	ck_assert_uint_eq(nb->cur_off, 5);
	assert_data(nb, 0, buf + 75, 45);

	/* exactly on an MDL boundary: the MDL that holds the byte */
	nb->data_offset = 40;
	nb->data_length = 10;
	ck_assert_int_eq(nbl_buf_adjust_cur(nb), 0);
	ck_assert_ptr_eq(nb->cur, chain->next);
	ck_assert_uint_eq(nb->cur_off, 0);

	nb->data_offset = 0;
	ck_assert_int_eq(nbl_buf_adjust_cur(nb), 0);
	ck_assert_ptr_eq(nb->cur, chain);
	ck_assert_uint_eq(nb->cur_off, 0);

	/* reusing the NB with a new chain: all five fields */
	{
		uint8_t other[30];
		struct nbl_mdl *m = mdl_new(other, sizeof(other));

		fill(other, sizeof(other), 44);
		nb->chain = m;
		nb->data_offset = 4;
		nb->data_length = 26;
		ck_assert_int_eq(nbl_buf_adjust_cur(nb), 0);
		ck_assert_ptr_eq(nb->cur, m);
		ck_assert_uint_eq(nb->cur_off, 4);
		assert_data(nb, 0, other + 4, 26);
		/* past the chain: refused */
		nb->data_length = 27;
		ck_assert_int_eq(nbl_buf_adjust_cur(nb), -EINVAL);
		nb->chain = chain;
		nb->data_offset = 0;
		nb->data_length = 120;
		ck_assert_int_eq(nbl_buf_adjust_cur(nb), 0);
		nbl_mdl_free(m);
	}

	ck_assert_int_eq(nbl_list_free(nbl), 0);
	chain_free(chain);
	lp_free(pool);
}
END_TEST

START_TEST(test_case24_data_get_too_short)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 0, 8);
	uint8_t buf[64], storage[64];
	struct nbl_mdl *m = mdl_new(buf, sizeof(buf));
	struct nbl_list *nbl = nbl_over(pool, m, 10, 20);
	struct nbl_list *empty = nbl_over(pool, NULL, 0, 0);
	struct nbl_buf *nb = nbl->first_nb;
	struct nb_snap s0 = snap(nb), s1;

	fill(buf, sizeof(buf), 2);
	ck_assert_ptr_null(nbl_buf_data_get(nb, 21, storage, 1, 0));
	ck_assert_ptr_null(nbl_buf_data_get(nb, 21, NULL, 1, 0));
	ck_assert_ptr_null(nbl_buf_data_get(empty->first_nb, 1, storage, 1, 0));
	/* exactly DataLength is fine */
	ck_assert_ptr_eq(nbl_buf_data_get(nb, 20, storage, 1, 0), buf + 10);
	s1 = snap(nb);
	assert_snap_eq(&s0, &s1);
	ck_assert_int_eq(nbl_list_free(empty), 0);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	nbl_mdl_free(m);
	lp_free(pool);
}
END_TEST

START_TEST(test_case25_data_get_contiguous_vs_split)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 0, 8);
	static const uint32_t lens[] = { 10, 90 };
	uint8_t one[100], two[100], storage[14], exp[14];
	struct nbl_mdl *m1 = mdl_new(one, sizeof(one));
	struct nbl_mdl *m2 = chain_new(two, lens, 2);
	struct nbl_list *a = nbl_over(pool, m1, 20, 80);
	struct nbl_list *b = nbl_over(pool, m2, 4, 96);
	struct nb_snap sa = snap(a->first_nb), sb = snap(b->first_nb), s;
	uint8_t *p, back;

	fill(one, sizeof(one), 50);
	fill(two, sizeof(two), 60);

	/* contiguous: a pointer into the frame, writes are visible */
	p = nbl_buf_data_get(a->first_nb, 14, storage, 1, 0);
	ck_assert_ptr_eq(p, one + 20);
	p[0] = 0xAB;
	assert_data(a->first_nb, 0, p, 1);
	ck_assert_uint_eq(one[20], 0xAB);
	ck_assert_ptr_eq(nbl_buf_data_get(a->first_nb, 14, NULL, 1, 0),
			 one + 20);

	/* split over two MDLs (6 + 8 bytes): Storage gets a copy */
	memcpy(exp, two + 4, 14);
	p = nbl_buf_data_get(b->first_nb, 14, storage, 1, 0);
	ck_assert_ptr_eq(p, storage);
	ck_assert_mem_eq(storage, exp, 14);
	storage[0] ^= 0xFF;
	ck_assert_int_eq(nbl_buf_copy_out(b->first_nb, 0, 1, &back), 0);
	ck_assert_uint_eq(back, exp[0]);
	/* without Storage: NULL */
	ck_assert_ptr_null(nbl_buf_data_get(b->first_nb, 14, NULL, 1, 0));
	/* the part inside the current MDL is contiguous */
	ck_assert_ptr_eq(nbl_buf_data_get(b->first_nb, 6, NULL, 1, 0), two + 4);

	/* offsets never change */
	s = snap(a->first_nb);
	assert_snap_eq(&sa, &s);
	s = snap(b->first_nb);
	assert_snap_eq(&sb, &s);

	ck_assert_int_eq(nbl_list_free(a), 0);
	ck_assert_int_eq(nbl_list_free(b), 0);
	nbl_mdl_free(m1);
	chain_free(m2);
	lp_free(pool);
}
END_TEST

START_TEST(test_case26_data_get_alignment)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 0, 8);
	static uint8_t buf[64] __rte_aligned(64);
	uint8_t storage[8];
	struct nbl_mdl *m = mdl_new(buf, sizeof(buf));
	struct nbl_list *nbl = nbl_over(pool, m, 0, 64);
	struct nbl_buf *nb = nbl->first_nb;
	struct nb_snap s0 = snap(nb), s1;
	uint8_t *p;

	fill(buf, sizeof(buf), 70);
	ck_assert_uint_eq((uintptr_t)buf % 4, 0);
	/* address % 4 == 0, (4,2) wanted: a copy, or NULL */
	memset(storage, 0, sizeof(storage));
	p = nbl_buf_data_get(nb, 8, storage, 4, 2);
	ck_assert_ptr_eq(p, storage);
	ck_assert_mem_eq(storage, buf, 8);
	ck_assert_ptr_null(nbl_buf_data_get(nb, 8, NULL, 4, 2));
	/* (4,0) matches: the frame itself */
	ck_assert_ptr_eq(nbl_buf_data_get(nb, 8, NULL, 4, 0), buf);
	s1 = snap(nb);
	assert_snap_eq(&s0, &s1);

	/* two bytes further the data sits at 2 mod 4 */
	ck_assert_int_eq(nbl_buf_advance(nb, 2, false, NULL), 0);
	ck_assert_ptr_eq(nbl_buf_data_get(nb, 8, NULL, 4, 2), buf + 2);
	p = nbl_buf_data_get(nb, 8, storage, 4, 0);
	ck_assert_ptr_eq(p, storage);
	ck_assert_mem_eq(storage, buf + 2, 8);
	ck_assert_int_eq(nbl_buf_retreat(nb, 2, 0, NULL), 0);

	ck_assert_int_eq(nbl_list_free(nbl), 0);
	nbl_mdl_free(m);
	lp_free(pool);
}
END_TEST

/* ================================================================== */
/* Context                                                             */
/* ================================================================== */

START_TEST(test_case07_ctx_backfill_reuse)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 48, 8);
	struct nbl_list *nbl = nbl_list_alloc(pool, 16, 32);
	struct nbl_ctx *top;
	uint8_t mine[16], *start;
	uint64_t base;

	ck_assert_ptr_nonnull(nbl);
	top = nbl->context;
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 16);
	start = nbl_list_ctx_data(nbl);
	ck_assert_ptr_nonnull(start);
	ck_assert_uint_eq((uintptr_t)start % NBL_MAA, 0);
	fill(mine, sizeof(mine), 17);
	memcpy(start, mine, 16);
	base = leaks();

	/* the 32 back-fill bytes serve the push: no new block */
	ck_assert_int_eq(nbl_list_ctx_push(nbl, 32, 0, TEST_TAG), 0);
	ck_assert_ptr_eq(nbl->context, top);
	ck_assert_uint_eq(ctx_depth(nbl), 1);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 48);
	ck_assert_ptr_eq(nbl_list_ctx_data(nbl) + 32, start);
	ck_assert_mem_eq(nbl_list_ctx_data(nbl) + 32, mine, 16);
	ck_assert_uint_eq(leaks(), base);
	memset(nbl_list_ctx_data(nbl), 0x77, 32);

	ck_assert_int_eq(nbl_list_ctx_pop(nbl, 32), 0);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 16);
	ck_assert_ptr_eq(nbl_list_ctx_data(nbl), start);
	ck_assert_mem_eq(start, mine, 16);

	ck_assert_int_eq(nbl_list_free(nbl), 0);
	ck_assert_uint_eq(lstats(pool).refused, 0);
	lp_free(pool);
}
END_TEST

START_TEST(test_case08_ctx_push_new_block)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 48, 8);
	struct nbl_list *nbl = nbl_list_alloc(pool, 16, 32);
	struct nbl_ctx *top;
	uint8_t *start0, mine[48];
	uint16_t size0;
	uint64_t base;

	ck_assert_ptr_nonnull(nbl);
	ck_assert_int_eq(nbl_list_ctx_push(nbl, 32, 0, TEST_TAG), 0);
	/* no room left in the block */
	top = nbl->context;
	start0 = nbl_list_ctx_data(nbl);
	size0 = nbl_list_ctx_size(nbl);
	ck_assert_uint_eq(size0, 48);
	fill(mine, sizeof(mine), 33);
	memcpy(start0, mine, 48);
	base = leaks();

	ck_assert_int_eq(nbl_list_ctx_push(nbl, 64, 64,
					   TAG4('p', 'u', 's', 'h')), 0);
	ck_assert_uint_eq(ctx_depth(nbl), 2);
	ck_assert_ptr_ne(nbl->context, top);
	ck_assert_ptr_eq(nbl->context->next, top);
	ck_assert_uint_eq(nbl->context->tag, TAG4('p', 'u', 's', 'h'));
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 64);
	ck_assert_uint_eq((uintptr_t)nbl_list_ctx_data(nbl) % sizeof(void *),
			  0);
	memset(nbl_list_ctx_data(nbl), 0x11, 64);
	/* the pushed block is counted until it is freed */
	ck_assert_uint_eq(leaks(), base + 1);

	/* a push that fits the new block's back-fill takes no block */
	ck_assert_int_eq(nbl_list_ctx_push(nbl, 64, 0, TEST_TAG), 0);
	ck_assert_uint_eq(ctx_depth(nbl), 2);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 128);
	ck_assert_int_eq(nbl_list_ctx_pop(nbl, 64), 0);
	ck_assert_uint_eq(ctx_depth(nbl), 2);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 64);

	ck_assert_int_eq(nbl_list_ctx_pop(nbl, 64), 0);
	ck_assert_uint_eq(ctx_depth(nbl), 1);
	ck_assert_ptr_eq(nbl->context, top);
	ck_assert_ptr_eq(nbl_list_ctx_data(nbl), start0);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), size0);
	ck_assert_mem_eq(start0, mine, 48);
	ck_assert_uint_eq(leaks(), base);

	ck_assert_int_eq(nbl_list_ctx_pop(nbl, 32), 0);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 16);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	ck_assert_uint_eq(lstats(pool).refused, 0);
	lp_free(pool);
}
END_TEST

START_TEST(test_case09_ctx_push_failures)
{
	struct nbl_list_pool_params p = {
		.alloc_nb = true,
		.context_size = 16,
		.tag = TEST_TAG,
		.count = 8,
		.socket_id = SOCKET_ID_ANY,
		.ctx_blocks = 2,
	};
	struct nbl_list_pool *pool = lp_create_p(&p);
	struct nbl_list *nbl = nbl_list_alloc(pool, 16, 0);
	struct nbl_ctx *top;
	uint8_t *start;
	uint16_t size;

	ck_assert_ptr_nonnull(nbl);
	/* use up the two overflow blocks */
	ck_assert_int_eq(nbl_list_ctx_push(nbl, 64, 0, TEST_TAG), 0);
	ck_assert_int_eq(nbl_list_ctx_push(nbl, 64, 0, TEST_TAG), 0);
	ck_assert_uint_eq(ctx_depth(nbl), 3);
	top = nbl->context;
	start = nbl_list_ctx_data(nbl);
	size = nbl_list_ctx_size(nbl);

	/* no block left: RESOURCES, nothing changed */
	ck_assert_int_eq(nbl_list_ctx_push(nbl, 64, 0, TEST_TAG), -ENOBUFS);
	ck_assert_ptr_eq(nbl->context, top);
	ck_assert_ptr_eq(nbl_list_ctx_data(nbl), start);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), size);
	ck_assert_uint_eq(ctx_depth(nbl), 3);

	/* a size that is not a multiple of sizeof(void *): FAILURE */
	ck_assert_int_eq(nbl_list_ctx_push(nbl, 12, 0, TEST_TAG), -EINVAL);
	ck_assert_int_eq(nbl_list_ctx_push(nbl, 16, 12, TEST_TAG), -EINVAL);
	ck_assert_ptr_eq(nbl->context, top);
	ck_assert_ptr_eq(nbl_list_ctx_data(nbl), start);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), size);

	ck_assert_int_eq(nbl_list_ctx_pop(nbl, 64), 0);
	/* a block is free again */
	ck_assert_int_eq(nbl_list_ctx_push(nbl, 64, 0, TEST_TAG), 0);
	ck_assert_int_eq(nbl_list_ctx_pop(nbl, 64), 0);
	ck_assert_int_eq(nbl_list_ctx_pop(nbl, 64), 0);
	ck_assert_uint_eq(ctx_depth(nbl), 1);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 16);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	ck_assert_uint_eq(lstats(pool).refused, 0);
	lp_free(pool);
}
END_TEST

/* Release build: refused and counted.  A debug build aborts. */
START_TEST(test_case10_ctx_over_free_refused)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 48, 8);
	struct nbl_list *nbl = nbl_list_alloc(pool, 16, 32);
	struct nbl_ctx *top;
	uint8_t *start;
	struct nbl_pool_stats st;

	ck_assert_ptr_nonnull(nbl);
	top = nbl->context;
	start = nbl_list_ctx_data(nbl);

	/* the context of the allocation is not the caller's to free */
	ck_assert_int_eq(nbl_list_ctx_pop(nbl, 16), -EINVAL);
	ck_assert_ptr_eq(nbl->context, top);
	ck_assert_ptr_eq(nbl_list_ctx_data(nbl), start);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 16);
	ck_assert_uint_eq(lstats(pool).refused, 1);

	/* more than was pushed */
	ck_assert_int_eq(nbl_list_ctx_push(nbl, 16, 0, TEST_TAG), 0);
	ck_assert_int_eq(nbl_list_ctx_pop(nbl, 32), -EINVAL);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 32);
	ck_assert_uint_eq(lstats(pool).refused, 2);
	ck_assert_int_eq(nbl_list_ctx_pop(nbl, 16), 0);

	/* freeing the NBL with a pushed block left: counted, block freed */
	ck_assert_int_eq(nbl_list_ctx_push(nbl, 64, 64, TEST_TAG), 0);
	ck_assert_uint_eq(ctx_depth(nbl), 2);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	st = lstats(pool);
	ck_assert_uint_eq(st.refused, 3);
	ck_assert_uint_eq(st.outstanding, 0);
	ck_assert_uint_eq(leaks(), 0);
	/* and the pool can go */
	lp_free(pool);
}
END_TEST

/* A context larger than the pool's preallocated one takes an overflow
 * block of its own, freed with the NBL. */
START_TEST(test_ctx_alloc_beyond_prealloc)
{
	struct nbl_list_pool_params p = {
		.alloc_nb = true,
		.context_size = 16,
		.tag = TEST_TAG,
		.count = 8,
		.socket_id = SOCKET_ID_ANY,
		.ctx_blocks = 1,
	};
	struct nbl_list_pool *pool = lp_create_p(&p);
	struct nbl_list *nbl, *one[1];
	struct nbl_pool_stats st;

	nbl = nbl_list_alloc(pool, 64, 32);
	ck_assert_ptr_nonnull(nbl);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 64);
	memset(nbl_list_ctx_data(nbl), 0x3C, 64);
	/* the 32 back-fill bytes are there for a push */
	ck_assert_int_eq(nbl_list_ctx_push(nbl, 32, 0, TEST_TAG), 0);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 96);
	ck_assert_int_eq(nbl_list_ctx_pop(nbl, 32), 0);
	ck_assert_uint_eq(nbl_list_ctx_size(nbl), 64);

	/* the only overflow block is taken: the next such NBL fails, and
	 * only as a failure (nothing handed out, nothing returned) */
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_alloc(pool, 64, 0));
	ck_assert_int_eq(rte_errno, ENOBUFS);
	st = lstats(pool);
	ck_assert_uint_eq(st.allocs, 1);
	ck_assert_uint_eq(st.frees, 0);
	ck_assert_uint_eq(st.fails, 1);
	ck_assert_uint_eq(st.outstanding, 1);
	ck_assert_uint_eq(st.avail, 7);

	/* the allocation's context is not the caller's to pop (a debug
	 * build aborts) */
	if (RELEASE_BUILD) {
		ck_assert_int_eq(nbl_list_ctx_pop(nbl, 64), -EINVAL);
		ck_assert_uint_eq(nbl_list_ctx_size(nbl), 64);
		ck_assert_uint_eq(lstats(pool).refused, 1);
	}
	/* freeing the NBL returns its block: a plain free, not a misuse */
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	nbl = nbl_list_alloc(pool, 64, 0);
	ck_assert_ptr_nonnull(nbl);
	ck_assert_int_eq(nbl_list_free(nbl), 0);

	/* the bulk path only takes what fits the preallocated context */
	ck_assert_int_eq(nbl_list_alloc_bulk(pool, one, 1, 64, 0), -EINVAL);
	st = lstats(pool);
	ck_assert_uint_eq(st.outstanding, 0);
	ck_assert_uint_eq(st.allocs, 2);
	ck_assert_uint_eq(st.frees, 2);
	lp_free(pool);
}
END_TEST

/* ================================================================== */
/* Retreat and advance                                                 */
/* ================================================================== */

START_TEST(test_case12_retreat_within_backfill)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 0, 8);
	uint8_t buf[200];
	struct nbl_mdl *m = mdl_new(buf, sizeof(buf));
	struct nbl_list *nbl = nbl_over(pool, m, 64, 100);
	struct nbl_buf *nb = nbl->first_nb;

	fill(buf, sizeof(buf), 12);
	ck_assert_int_eq(nbl_buf_retreat(nb, 14, 0, t_alloc), 0);
	ck_assert_uint_eq(h.allocs, 0);
	ck_assert_uint_eq(nb->data_offset, 50);
	ck_assert_uint_eq(nb->data_length, 114);
	ck_assert_ptr_eq(nb->chain, m);
	ck_assert_ptr_null(m->next);
	ck_assert_ptr_eq(nb->cur, m);
	ck_assert_uint_eq(nb->cur_off, 50);
	/* the old back-fill bytes are the header's bytes now, unchanged */
	assert_data(nb, 0, buf + 50, 114);

	ck_assert_int_eq(nbl_buf_advance(nb, 14, true, t_free), 0);
	ck_assert_uint_eq(h.frees, 0);
	ck_assert_uint_eq(nb->data_offset, 64);
	ck_assert_uint_eq(nb->data_length, 100);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	nbl_mdl_free(m);
	lp_free(pool);
}
END_TEST

START_TEST(test_case13_retreat_exact_and_zero)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 0, 8);
	static const uint32_t lens[] = { 40, 200 };
	uint8_t buf[200], buf2[240];
	struct nbl_mdl *m = mdl_new(buf, sizeof(buf));
	struct nbl_mdl *chain = chain_new(buf2, lens, 2);
	struct nbl_list *nbl = nbl_over(pool, m, 64, 100);
	struct nbl_list *nbl2 = nbl_over(pool, chain, 50, 100);
	struct nbl_buf *nb = nbl->first_nb, *nb2 = nbl2->first_nb;
	struct nb_snap s0, s1;

	fill(buf, sizeof(buf), 13);
	fill(buf2, sizeof(buf2), 31);
	/* Δ == DataOffset: no allocation, offset 0 */
	ck_assert_int_eq(nbl_buf_retreat(nb, 64, 32, t_alloc), 0);
	ck_assert_uint_eq(h.allocs, 0);
	ck_assert_uint_eq(nb->data_offset, 0);
	ck_assert_uint_eq(nb->data_length, 164);
	ck_assert_ptr_eq(nb->cur, m);
	ck_assert_uint_eq(nb->cur_off, 0);
	assert_data(nb, 0, buf, 164);

	/* Δ 0 at offset 0: a no-op, no allocation */
	s0 = snap(nb);
	ck_assert_int_eq(nbl_buf_retreat(nb, 0, 32, t_alloc), 0);
	s1 = snap(nb);
	assert_snap_eq(&s0, &s1);
	ck_assert_uint_eq(h.allocs, 0);
	/* Δ 0 advance: a no-op, nothing freed */
	ck_assert_int_eq(nbl_buf_advance(nb, 0, true, t_free), 0);
	s1 = snap(nb);
	assert_snap_eq(&s0, &s1);
	ck_assert_uint_eq(h.frees, 0);
	ck_assert_int_eq(nbl_buf_advance(nb, 64, true, t_free), 0);
	ck_assert_uint_eq(nb->data_offset, 64);

	/* Δ == DataOffset across an MDL boundary: CurrentMdl moves back */
	ck_assert_ptr_eq(nb2->cur, chain->next);
	ck_assert_uint_eq(nb2->cur_off, 10);
	ck_assert_int_eq(nbl_buf_retreat(nb2, 50, 0, t_alloc), 0);
	ck_assert_uint_eq(h.allocs, 0);
	ck_assert_uint_eq(nb2->data_offset, 0);
	ck_assert_uint_eq(nb2->data_length, 150);
	ck_assert_ptr_eq(nb2->chain, chain);
	ck_assert_ptr_eq(nb2->cur, chain);
	ck_assert_uint_eq(nb2->cur_off, 0);
	assert_data(nb2, 0, buf2, 150);
	ck_assert_int_eq(nbl_buf_advance(nb2, 50, true, t_free), 0);
	ck_assert_ptr_eq(nb2->cur, chain->next);
	ck_assert_uint_eq(nb2->cur_off, 10);
	ck_assert_uint_eq(h.frees, 0);

	ck_assert_int_eq(nbl_list_free(nbl), 0);
	ck_assert_int_eq(nbl_list_free(nbl2), 0);
	nbl_mdl_free(m);
	chain_free(chain);
	lp_free(pool);
}
END_TEST

START_TEST(test_case14_retreat_allocates_head_mdl)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 0, 8);
	uint8_t buf[100], hdr[14];
	struct nbl_mdl *m = mdl_new(buf, sizeof(buf));
	struct nbl_list *nbl = nbl_over(pool, m, 0, 100);
	struct nbl_buf *nb = nbl->first_nb;
	struct nbl_mdl *head;

	fill(buf, sizeof(buf), 14);
	ck_assert_int_eq(nbl_buf_retreat(nb, 14, 50, t_alloc), 0);
	ck_assert_uint_eq(h.allocs, 1);
	ck_assert_uint_eq(h.last_size, 64);
	head = nb->chain;
	ck_assert_ptr_ne(head, m);
	ck_assert_ptr_eq(head->next, m);
	ck_assert_uint_eq(head->len, 64);
	ck_assert(head->flags & NBL_MDL_F_NDIS_ALLOCATED);
	ck_assert_uint_eq(nb->data_offset, 50);
	ck_assert_uint_eq(nb->data_length, 114);
	ck_assert_ptr_eq(nb->cur, head);
	ck_assert_uint_eq(nb->cur_off, 50);

	/* the caller writes the header; it is contiguous in the new MDL */
	fill(hdr, sizeof(hdr), 0xC0);
	ck_assert_int_eq(nbl_buf_copy_in(nb, 0, hdr, 14), 0);
	ck_assert_ptr_eq(nbl_buf_data_get(nb, 14, NULL, 1, 0),
			 (uint8_t *)head->va + 50);
	assert_data(nb, 0, hdr, 14);
	assert_data(nb, 14, buf, 100);

	ck_assert_int_eq(nbl_buf_advance(nb, 14, true, t_free), 0);
	ck_assert_uint_eq(h.frees, 1);
	ck_assert_ptr_eq(nb->chain, m);
	ck_assert_uint_eq(nb->data_offset, 0);
	ck_assert_uint_eq(nb->data_length, 100);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	nbl_mdl_free(m);
	lp_free(pool);
}
END_TEST

START_TEST(test_case15_retreat_rule_a_split_header)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 0, 8);
	uint8_t buf[100], orig[100], hdr[14], storage[14];
	struct nbl_mdl *m = mdl_new(buf, sizeof(buf));
	struct nbl_list *nbl = nbl_over(pool, m, 6, 94);
	struct nbl_buf *nb = nbl->first_nb;
	struct nb_snap s0 = snap(nb), s1;
	struct nbl_mdl *head;

	fill(buf, sizeof(buf), 15);
	memcpy(orig, buf, sizeof(buf));
	ck_assert_int_eq(nbl_buf_retreat(nb, 14, 0, t_alloc), 0);
	ck_assert_uint_eq(h.allocs, 1);
	ck_assert_uint_eq(h.last_size, 14);
	head = nb->chain;
	ck_assert_ptr_eq(head->next, m);
	/* rule A: DataOffset = bf + d0 = 6, in the new MDL */
	ck_assert_uint_eq(nb->data_offset, 6);
	ck_assert_uint_eq(nb->data_length, 108);
	ck_assert_ptr_eq(nb->cur, head);
	ck_assert_uint_eq(nb->cur_off, 6);

	fill(hdr, sizeof(hdr), 0xD0);
	ck_assert_int_eq(nbl_buf_copy_in(nb, 0, hdr, 14), 0);
	/* 8 header bytes in the new MDL, 6 in the old back-fill */
	ck_assert_mem_eq((uint8_t *)head->va + 6, hdr, 8);
	ck_assert_mem_eq(buf, hdr + 8, 6);
	ck_assert_mem_eq(buf + 6, orig + 6, 94);
	/* split: no pointer without Storage, a correct copy with it */
	ck_assert_ptr_null(nbl_buf_data_get(nb, 14, NULL, 1, 0));
	ck_assert_ptr_eq(nbl_buf_data_get(nb, 14, storage, 1, 0), storage);
	ck_assert_mem_eq(storage, hdr, 14);
	ck_assert_ptr_eq(nbl_buf_data_get(nb, 8, NULL, 1, 0),
			 (uint8_t *)head->va + 6);
	assert_data(nb, 14, orig + 6, 94);

	ck_assert_int_eq(nbl_buf_advance(nb, 14, true, t_free), 0);
	ck_assert_uint_eq(h.frees, 1);
	s1 = snap(nb);
	assert_snap_eq(&s0, &s1);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	nbl_mdl_free(m);
	lp_free(pool);
}
END_TEST

START_TEST(test_case16_retreat_allocator_fails)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 0, 8);
	uint8_t buf[100], orig[100];
	struct nbl_mdl *m = mdl_new(buf, sizeof(buf));
	struct nbl_list *nbl = nbl_over(pool, m, 6, 94);
	struct nbl_buf *nb = nbl->first_nb;
	struct nb_snap s0 = snap(nb), s1;

	fill(buf, sizeof(buf), 16);
	memcpy(orig, buf, sizeof(buf));
	h.fail_at = 1;
	ck_assert_int_eq(nbl_buf_retreat(nb, 14, 50, t_alloc), -ENOMEM);
	ck_assert_uint_eq(h.allocs, 1);
	ck_assert_uint_eq(h.given, 0);
	s1 = snap(nb);
	assert_snap_eq(&s0, &s1);
	ck_assert_ptr_null(m->next);
	ck_assert_mem_eq(buf, orig, sizeof(buf));
	assert_data(nb, 0, orig + 6, 94);

	ck_assert_int_eq(nbl_list_free(nbl), 0);
	ck_assert_uint_eq(lstats(pool).refused, 0);
	nbl_mdl_free(m);
	lp_free(pool);
}
END_TEST

static void
round_trip(struct nbl_buf *nb, uint32_t delta, uint32_t bf,
	   nbl_mdl_alloc_fn a, nbl_mdl_free_fn f)
{
	struct nb_snap s0 = snap(nb), s1;

	ck_assert_int_eq(nbl_buf_retreat(nb, delta, bf, a), 0);
	ck_assert_uint_eq(nb->data_length, s0.len + delta);
	ck_assert_ptr_eq(nb->chain->next, s0.chain);
	ck_assert_int_eq(nbl_buf_advance(nb, delta, true, f), 0);
	s1 = snap(nb);
	assert_snap_eq(&s0, &s1);
}

START_TEST(test_case17_retreat_advance_round_trip)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 0, 8);
	static const uint32_t lens[] = { 20, 80 };
	uint8_t buf[100], b2[100];
	struct nbl_mdl *m = mdl_new(buf, sizeof(buf));
	struct nbl_mdl *chain = chain_new(b2, lens, 2);
	struct nbl_list *a = nbl_over(pool, m, 0, 100);
	struct nbl_list *b = nbl_over(pool, m, 6, 94);
	struct nbl_list *c = nbl_over(pool, chain, 0, 100);
	uint64_t base;

	fill(buf, sizeof(buf), 17);
	/* d0 = 0 and d0 = 6, with a custom allocator: one call each way */
	round_trip(a->first_nb, 14, 50, t_alloc, t_free);
	ck_assert_uint_eq(h.allocs, 1);
	ck_assert_uint_eq(h.frees, 1);
	round_trip(b->first_nb, 14, 50, t_alloc, t_free);
	ck_assert_uint_eq(h.allocs, 2);
	ck_assert_uint_eq(h.frees, 2);
	/* over a chain of caller MDLs */
	round_trip(c->first_nb, 34, 0, t_alloc, t_free);
	ck_assert_uint_eq(h.allocs, 3);
	ck_assert_uint_eq(h.frees, 3);
	assert_data(a->first_nb, 0, buf, 100);

	/* with the library's default allocator: the MDL is counted while
	 * it lives and released by the advance */
	base = leaks();
	ck_assert_int_eq(nbl_buf_retreat(b->first_nb, 14, 50, NULL), 0);
	ck_assert_uint_eq(leaks(), base + 1);
	ck_assert_int_eq(nbl_buf_advance(b->first_nb, 14, true, NULL), 0);
	ck_assert_uint_eq(leaks(), base);
	round_trip(b->first_nb, 200, 16, NULL, NULL);
	ck_assert_uint_eq(leaks(), base);
	ck_assert_uint_eq(h.allocs, 3);

	ck_assert_int_eq(nbl_list_free(a), 0);
	ck_assert_int_eq(nbl_list_free(b), 0);
	ck_assert_int_eq(nbl_list_free(c), 0);
	ck_assert_uint_eq(lstats(pool).refused, 0);
	nbl_mdl_free(m);
	chain_free(chain);
	lp_free(pool);
}
END_TEST

START_TEST(test_case18_advance_keeps_mdl_as_backfill)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 0, 8);
	uint8_t buf[100];
	struct nbl_mdl *m = mdl_new(buf, sizeof(buf));
	struct nbl_list *nbl = nbl_over(pool, m, 6, 94);
	struct nbl_buf *nb = nbl->first_nb;
	struct nb_snap s0 = snap(nb), s1;
	struct nbl_mdl *head;

	fill(buf, sizeof(buf), 18);
	ck_assert_int_eq(nbl_buf_retreat(nb, 14, 50, t_alloc), 0);
	head = nb->chain;
	ck_assert_uint_eq(head->len, 64); /* S */
	ck_assert_int_eq(nbl_buf_advance(nb, 14, false, t_free), 0);
	ck_assert_uint_eq(h.frees, 0);
	/* the MDL stays as back-fill: DataOffset = S + d0 */
	ck_assert_ptr_eq(nb->chain, head);
	ck_assert_ptr_eq(head->next, m);
	ck_assert_uint_eq(nb->data_offset, 64 + 6);
	ck_assert_uint_eq(nb->data_length, 94);
	ck_assert_ptr_eq(nb->cur, m);
	ck_assert_uint_eq(nb->cur_off, 6);
	assert_data(nb, 0, buf + 6, 94);

	/* a later retreat up to that offset allocates nothing */
	ck_assert_int_eq(nbl_buf_retreat(nb, 70, 0, t_alloc), 0);
	ck_assert_uint_eq(h.allocs, 1);
	ck_assert_uint_eq(nb->data_offset, 0);
	ck_assert_uint_eq(nb->data_length, 164);
	ck_assert_ptr_eq(nb->cur, head);
	ck_assert_uint_eq(nb->cur_off, 0);
	assert_data(nb, 70, buf + 6, 94);
	ck_assert_int_eq(nbl_buf_advance(nb, 70, false, t_free), 0);
	ck_assert_uint_eq(nb->data_offset, 70);
	ck_assert_int_eq(nbl_buf_retreat(nb, 20, 0, t_alloc), 0);
	ck_assert_uint_eq(h.allocs, 1);
	ck_assert_ptr_eq(nb->cur, head);
	ck_assert_uint_eq(nb->cur_off, 50);

	/* an advance with FreeMdl finally frees it, restoring the NB */
	ck_assert_int_eq(nbl_buf_advance(nb, 20, true, t_free), 0);
	ck_assert_uint_eq(h.frees, 1);
	s1 = snap(nb);
	assert_snap_eq(&s0, &s1);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	nbl_mdl_free(m);
	lp_free(pool);
}
END_TEST

START_TEST(test_case19_partial_advance_frees_nothing)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 0, 8);
	uint8_t buf[100];
	struct nbl_mdl *m = mdl_new(buf, sizeof(buf));
	struct nbl_list *nbl = nbl_over(pool, m, 0, 100);
	struct nbl_buf *nb = nbl->first_nb;
	struct nb_snap s0 = snap(nb), s1;
	struct nbl_mdl *head;
	uint8_t hdr[14];

	fill(buf, sizeof(buf), 19);
	fill(hdr, sizeof(hdr), 0xE0);
	ck_assert_int_eq(nbl_buf_retreat(nb, 14, 50, t_alloc), 0);
	head = nb->chain;
	ck_assert_int_eq(nbl_buf_copy_in(nb, 0, hdr, 14), 0);
	ck_assert_int_eq(nbl_buf_advance(nb, 10, true, t_free), 0);
	/* 4 header bytes still used: nothing freed */
	ck_assert_uint_eq(h.frees, 0);
	ck_assert_ptr_eq(nb->chain, head);
	ck_assert_ptr_eq(nb->cur, head);
	ck_assert_uint_eq(nb->cur_off, 60);
	ck_assert_uint_eq(nb->data_offset, 60);
	ck_assert_uint_eq(nb->data_length, 104);
	assert_data(nb, 0, hdr + 10, 4);
	assert_data(nb, 4, buf, 100);

	ck_assert_int_eq(nbl_buf_advance(nb, 4, true, t_free), 0);
	ck_assert_uint_eq(h.frees, 1);
	s1 = snap(nb);
	assert_snap_eq(&s0, &s1);

	/* two stacked allocating retreats (two new head MDLs of 14 bytes):
	 * an advance of 24 frees the outer one only, the inner one still
	 * holds 4 used bytes */
	ck_assert_int_eq(nbl_buf_retreat(nb, 14, 0, t_alloc), 0);
	ck_assert_int_eq(nbl_buf_copy_in(nb, 0, hdr, 14), 0);
	head = nb->chain;
	ck_assert_int_eq(nbl_buf_retreat(nb, 14, 0, t_alloc), 0);
	ck_assert_uint_eq(h.allocs, 3);
	ck_assert_ptr_eq(nb->chain->next, head);
	ck_assert_uint_eq(nb->data_length, 128);
	ck_assert_int_eq(nbl_buf_advance(nb, 24, true, t_free), 0);
	ck_assert_uint_eq(h.frees, 2);
	ck_assert_ptr_eq(nb->chain, head);
	ck_assert_ptr_eq(nb->cur, head);
	ck_assert_uint_eq(nb->cur_off, 10);
	ck_assert_uint_eq(nb->data_offset, 10);
	ck_assert_uint_eq(nb->data_length, 104);
	assert_data(nb, 0, hdr + 10, 4);
	assert_data(nb, 4, buf, 100);
	ck_assert_int_eq(nbl_buf_advance(nb, 4, true, t_free), 0);
	ck_assert_uint_eq(h.frees, 3);
	s1 = snap(nb);
	assert_snap_eq(&s0, &s1);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	nbl_mdl_free(m);
	lp_free(pool);
}
END_TEST

START_TEST(test_case20_advance_past_caller_mdls)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 0, 8);
	static const uint32_t lens[] = { 100, 50, 200 };
	uint8_t buf[350];
	struct nbl_mdl *chain = chain_new(buf, lens, 3);
	struct nbl_mdl *m2 = chain->next, *m3 = m2->next;
	struct nbl_list *nbl = nbl_over(pool, chain, 10, 300);
	struct nbl_buf *nb = nbl->first_nb;

	fill(buf, sizeof(buf), 20);
	ck_assert_int_eq(nbl_buf_advance(nb, 150, true, t_free), 0);
	ck_assert_uint_eq(h.frees, 0);
	/* caller MDLs are never freed or unlinked */
	ck_assert_ptr_eq(nb->chain, chain);
	ck_assert_ptr_eq(chain->next, m2);
	ck_assert_ptr_eq(m2->next, m3);
	ck_assert_uint_eq(nb->data_offset, 160);
	ck_assert_uint_eq(nb->data_length, 150);
	ck_assert_ptr_eq(nb->cur, m3);
	ck_assert_uint_eq(nb->cur_off, 10);
	assert_data(nb, 0, buf + 160, 150);
	ck_assert_ptr_eq(nbl_buf_data_get(nb, 16, NULL, 1, 0), buf + 160);

	/* back again, without allocating */
	ck_assert_int_eq(nbl_buf_retreat(nb, 150, 0, t_alloc), 0);
	ck_assert_uint_eq(h.allocs, 0);
	ck_assert_ptr_eq(nb->cur, chain);
	ck_assert_uint_eq(nb->cur_off, 10);
	assert_data(nb, 0, buf + 10, 300);

	ck_assert_int_eq(nbl_list_free(nbl), 0);
	chain_free(chain);
	lp_free(pool);
}
END_TEST

/* Release build: refused and counted, nothing wraps.  A debug build
 * aborts. */
START_TEST(test_case21_advance_past_length_refused)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 0, 8);
	struct nbl_buf_pool *bp = bp_create(0, 8);
	uint8_t buf[100];
	struct nbl_mdl *m = mdl_new(buf, sizeof(buf));
	struct nbl_buf *nb = nbl_buf_alloc(bp, m, 10, 50);
	struct nbl_list *nbl = nbl_over(pool, m, 10, 50);
	struct nb_snap s0, s1;

	ck_assert_ptr_nonnull(nb);
	fill(buf, sizeof(buf), 21);

	s0 = snap(nb);
	ck_assert_int_eq(nbl_buf_advance(nb, 51, true, t_free), -EINVAL);
	ck_assert_int_eq(nbl_buf_advance(nb, UINT32_MAX, false, NULL),
			 -EINVAL);
	s1 = snap(nb);
	assert_snap_eq(&s0, &s1);
	ck_assert_uint_eq(bstats(bp).refused, 2);
	assert_data(nb, 0, buf + 10, 50);

	/* the NB preallocated with an NBL */
	s0 = snap(nbl->first_nb);
	ck_assert_int_eq(nbl_buf_advance(nbl->first_nb, 51, true, NULL),
			 -EINVAL);
	s1 = snap(nbl->first_nb);
	assert_snap_eq(&s0, &s1);
	/* the NBL-level call, all-or-nothing */
	ck_assert_int_eq(nbl_list_advance(nbl, 51, true, NULL), -EINVAL);
	s1 = snap(nbl->first_nb);
	assert_snap_eq(&s0, &s1);
	/* exactly DataLength is allowed */
	ck_assert_int_eq(nbl_buf_advance(nb, 50, false, NULL), 0);
	ck_assert_uint_eq(nb->data_length, 0);
	ck_assert_uint_eq(nb->data_offset, 60);

	ck_assert_int_eq(nbl_buf_free(nb), 0);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	nbl_mdl_free(m);
	lp_free(pool);
	bp_free(bp);
}
END_TEST

/* An NBL of three separately allocated NBs over their own memory. */
struct three {
	struct nbl_list *nbl;
	struct nbl_buf *nb[3];
	struct nbl_mdl *m[3];
	uint8_t buf[3][100];
};

static void
three_make(struct three *t, struct nbl_list_pool *lp, struct nbl_buf_pool *bp,
	   const uint32_t off[3])
{
	unsigned int i;

	t->nbl = nbl_list_alloc(lp, 0, 0);
	ck_assert_ptr_nonnull(t->nbl);
	for (i = 0; i < 3; i++) {
		fill(t->buf[i], 100, (uint8_t)(i * 40));
		t->m[i] = mdl_new(t->buf[i], 100);
		t->nb[i] = nbl_buf_alloc(bp, t->m[i], off[i], 100 - off[i]);
		ck_assert_ptr_nonnull(t->nb[i]);
		if (i > 0)
			t->nb[i - 1]->next = t->nb[i];
	}
	t->nbl->first_nb = t->nb[0];
}

static void
three_free(struct three *t)
{
	unsigned int i;

	t->nbl->first_nb = NULL;
	ck_assert_int_eq(nbl_list_free(t->nbl), 0);
	for (i = 0; i < 3; i++) {
		t->nb[i]->next = NULL;
		ck_assert_int_eq(nbl_buf_free(t->nb[i]), 0);
		nbl_mdl_free(t->m[i]);
	}
}

START_TEST(test_case22_list_retreat_rollback)
{
	struct nbl_list_pool *lp = lp_create(false, 0, 0, 8);
	struct nbl_buf_pool *bp = bp_create(0, 8);
	static const uint32_t zero[3] = { 0, 0, 0 };
	static const uint32_t mixed[3] = { 0, 32, 0 };
	static struct three t;
	struct nb_snap s0[3], s1;
	unsigned int i;

	three_make(&t, lp, bp, zero);
	for (i = 0; i < 3; i++)
		s0[i] = snap(t.nb[i]);
	/* NB 3's allocation fails */
	h.fail_at = 3;
	ck_assert_int_eq(nbl_list_retreat(t.nbl, 14, 50, t_alloc, t_free),
			 -ENOMEM);
	ck_assert_uint_eq(h.allocs, 3);
	ck_assert_uint_eq(h.given, 2);
	ck_assert_uint_eq(h.frees, 2);
	for (i = 0; i < 3; i++) {
		s1 = snap(t.nb[i]);
		assert_snap_eq(&s0[i], &s1);
		assert_data(t.nb[i], 0, t.buf[i], 100);
	}

	/* without failure every NB gets the header room, then gives it back */
	h.fail_at = 0;
	ck_assert_int_eq(nbl_list_retreat(t.nbl, 14, 50, t_alloc, t_free), 0);
	ck_assert_uint_eq(h.given, 5);
	for (i = 0; i < 3; i++) {
		ck_assert_uint_eq(t.nb[i]->data_length, 114);
		ck_assert_uint_eq(t.nb[i]->data_offset, 50);
		assert_data(t.nb[i], 14, t.buf[i], 100);
	}
	ck_assert_int_eq(nbl_list_advance(t.nbl, 14, true, t_free), 0);
	ck_assert_uint_eq(h.frees, 5);
	for (i = 0; i < 3; i++) {
		s1 = snap(t.nb[i]);
		assert_snap_eq(&s0[i], &s1);
	}
	three_free(&t);

	/* NB 2 has back-fill: its non-allocating retreat is undone too */
	memset(&h, 0, sizeof(h));
	three_make(&t, lp, bp, mixed);
	for (i = 0; i < 3; i++)
		s0[i] = snap(t.nb[i]);
	h.fail_at = 2;
	ck_assert_int_eq(nbl_list_retreat(t.nbl, 14, 0, t_alloc, t_free),
			 -ENOMEM);
	ck_assert_uint_eq(h.allocs, 2);
	ck_assert_uint_eq(h.frees, 1);
	for (i = 0; i < 3; i++) {
		s1 = snap(t.nb[i]);
		assert_snap_eq(&s0[i], &s1);
	}
	three_free(&t);

	ck_assert_uint_eq(bstats(bp).outstanding, 0);
	lp_free(lp);
	bp_free(bp);
}
END_TEST

START_TEST(test_case23_list_advance_equals_per_nb)
{
	struct nbl_list_pool *lp = lp_create(false, 0, 0, 8);
	struct nbl_buf_pool *bp = bp_create(0, 8);
	static const uint32_t lens[] = { 40, 200 };
	uint8_t ba[2][240], bb[2][240];
	struct nbl_mdl *ca[2], *cb[2];
	struct nbl_list *la, *lb;
	struct nbl_buf *na[2], *nbb[2];
	struct nb_snap sa, sb;
	unsigned int i;

	la = nbl_list_alloc(lp, 0, 0);
	lb = nbl_list_alloc(lp, 0, 0);
	ck_assert_ptr_nonnull(la);
	ck_assert_ptr_nonnull(lb);
	for (i = 0; i < 2; i++) {
		fill(ba[i], 240, (uint8_t)(i + 1));
		memcpy(bb[i], ba[i], 240);
		ca[i] = chain_new(ba[i], lens, 2);
		cb[i] = chain_new(bb[i], lens, 2);
	}
	/* NB 1: 20 + 200 bytes; NB 2: 10 + 80 bytes */
	na[0] = nbl_buf_alloc(bp, ca[0], 20, 200);
	na[1] = nbl_buf_alloc(bp, ca[1], 10, 80);
	nbb[0] = nbl_buf_alloc(bp, cb[0], 20, 200);
	nbb[1] = nbl_buf_alloc(bp, cb[1], 10, 80);
	for (i = 0; i < 2; i++) {
		ck_assert_ptr_nonnull(na[i]);
		ck_assert_ptr_nonnull(nbb[i]);
	}
	na[0]->next = na[1];
	nbb[0]->next = nbb[1];
	la->first_nb = na[0];
	lb->first_nb = nbb[0];

	ck_assert_int_eq(nbl_list_advance(la, 30, false, NULL), 0);
	ck_assert_int_eq(nbl_buf_advance(nbb[0], 30, false, NULL), 0);
	ck_assert_int_eq(nbl_buf_advance(nbb[1], 30, false, NULL), 0);
	for (i = 0; i < 2; i++) {
		sa = snap(na[i]);
		sb = snap(nbb[i]);
		ck_assert_uint_eq(sa.off, sb.off);
		ck_assert_uint_eq(sa.len, sb.len);
		ck_assert_uint_eq(sa.cur_off, sb.cur_off);
		ck_assert_uint_eq(sa.n, sb.n);
		ck_assert_ptr_eq(sa.cur, sa.chain->next); /* both moved on */
		ck_assert_ptr_eq(sb.cur, sb.chain->next);
		assert_data(na[i], 0, (i == 0 ? ba[0] + 50 : ba[1] + 40),
			    sa.len);
	}
	ck_assert_uint_eq(na[0]->data_offset, 50);
	ck_assert_uint_eq(na[0]->cur_off, 10);
	ck_assert_uint_eq(na[1]->data_length, 50);

	/* more than NB 2 holds: refused for all, NB 1 untouched (a debug
	 * build aborts) */
	if (RELEASE_BUILD) {
		sa = snap(na[0]);
		ck_assert_int_eq(nbl_list_advance(la, 51, false, NULL),
				 -EINVAL);
		sb = snap(na[0]);
		assert_snap_eq(&sa, &sb);
		ck_assert_uint_eq(na[1]->data_length, 50);
	}

	la->first_nb = lb->first_nb = NULL;
	ck_assert_int_eq(nbl_list_free(la), 0);
	ck_assert_int_eq(nbl_list_free(lb), 0);
	for (i = 0; i < 2; i++) {
		ck_assert_int_eq(nbl_buf_free(na[i]), 0);
		ck_assert_int_eq(nbl_buf_free(nbb[i]), 0);
		chain_free(ca[i]);
		chain_free(cb[i]);
	}
	lp_free(lp);
	bp_free(bp);
}
END_TEST

/* An allocator may give more than asked: the layout still works. */
START_TEST(test_retreat_allocator_rounds_up)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 0, 8);
	uint8_t buf[100], hdr[14];
	struct nbl_mdl *m = mdl_new(buf, sizeof(buf));
	struct nbl_list *nbl = nbl_over(pool, m, 6, 94);
	struct nbl_buf *nb = nbl->first_nb;
	struct nb_snap s0 = snap(nb), s1;

	fill(buf, sizeof(buf), 22);
	fill(hdr, sizeof(hdr), 0xF0);
	h.round_to = 128;
	ck_assert_int_eq(nbl_buf_retreat(nb, 14, 50, t_alloc), 0);
	ck_assert_uint_eq(h.last_size, 64);
	ck_assert_uint_eq(nb->chain->len, 128);
	ck_assert_uint_eq(nb->data_length, 108);
	ck_assert_uint_ge(nb->data_offset, 50);
	ck_assert_uint_eq(nbl_mdl_chain_len(nb->chain),
			  (uint64_t)128 + 100);
	ck_assert_uint_le((uint64_t)nb->data_offset + nb->data_length, 228);
	ck_assert_int_eq(nbl_buf_copy_in(nb, 0, hdr, 14), 0);
	assert_data(nb, 0, hdr, 14);
	assert_data(nb, 14, buf + 6, 94);
	ck_assert_int_eq(nbl_buf_advance(nb, 14, true, t_free), 0);
	ck_assert_uint_eq(h.frees, 1);
	s1 = snap(nb);
	assert_snap_eq(&s0, &s1);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	nbl_mdl_free(m);
	lp_free(pool);
}
END_TEST

/* The free handler must pair with the retreat's allocator (NULL with
 * NULL).  Release build: a mismatch is refused and counted, the NB is
 * unchanged; a debug build aborts. */
START_TEST(test_advance_handler_mismatch_refused)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 0, 8);
	uint8_t buf[100];
	struct nbl_mdl *m = mdl_new(buf, sizeof(buf));
	struct nbl_list *nbl = nbl_over(pool, m, 0, 100);
	struct nbl_buf *nb = nbl->first_nb;
	struct nb_snap s0 = snap(nb), s1, s2;

	fill(buf, sizeof(buf), 23);
	/* custom allocator, default free */
	ck_assert_int_eq(nbl_buf_retreat(nb, 14, 50, t_alloc), 0);
	s1 = snap(nb);
	ck_assert_int_eq(nbl_buf_advance(nb, 14, true, NULL), -EINVAL);
	ck_assert_int_eq(nbl_list_advance(nbl, 14, true, NULL), -EINVAL);
	s2 = snap(nb);
	assert_snap_eq(&s1, &s2);
	ck_assert_uint_eq(h.frees, 0);
	ck_assert_uint_eq(lstats(pool).refused, 2);
	/* without FreeMdl nothing is freed, so any handler will do */
	ck_assert_int_eq(nbl_buf_advance(nb, 14, false, NULL), 0);
	ck_assert_int_eq(nbl_buf_retreat(nb, 14, 0, NULL), 0);
	ck_assert_int_eq(nbl_buf_advance(nb, 14, true, t_free), 0);
	ck_assert_uint_eq(h.frees, 1);
	s2 = snap(nb);
	assert_snap_eq(&s0, &s2);

	/* default allocator, custom free */
	ck_assert_int_eq(nbl_buf_retreat(nb, 14, 50, NULL), 0);
	s1 = snap(nb);
	ck_assert_int_eq(nbl_buf_advance(nb, 14, true, t_free), -EINVAL);
	s2 = snap(nb);
	assert_snap_eq(&s1, &s2);
	ck_assert_uint_eq(h.frees, 1);
	ck_assert_uint_eq(lstats(pool).refused, 3);
	ck_assert_int_eq(nbl_list_advance(nbl, 14, true, NULL), 0);
	s2 = snap(nb);
	assert_snap_eq(&s0, &s2);

	ck_assert_int_eq(nbl_list_free(nbl), 0);
	nbl_mdl_free(m);
	lp_free(pool);
}
END_TEST

/* NBL retreat is all-or-nothing even when the caller gave an allocator
 * without its free handler: the rollback could not free the new MDLs, so
 * the call must not change anything. */
START_TEST(test_list_retreat_unpaired_handlers)
{
	struct nbl_list_pool *lp = lp_create(false, 0, 0, 8);
	struct nbl_buf_pool *bp = bp_create(0, 8);
	static const uint32_t zero[3] = { 0, 0, 0 };
	static struct three t;
	struct nb_snap s0[3], s1;
	unsigned int i;
	int rc;

	three_make(&t, lp, bp, zero);
	for (i = 0; i < 3; i++)
		s0[i] = snap(t.nb[i]);
	h.fail_at = 3;
	rc = nbl_list_retreat(t.nbl, 14, 50, t_alloc, NULL);
	ck_assert_int_ne(rc, 0);
	for (i = 0; i < 3; i++) {
		s1 = snap(t.nb[i]);
		assert_snap_eq(&s0[i], &s1);
	}
	ck_assert_uint_eq(h.given, h.frees);
	three_free(&t);
	lp_free(lp);
	bp_free(bp);
}
END_TEST

/* An NBL freed with a retreat-allocated MDL left: release build frees it
 * and counts the misuse (a debug build aborts). */
START_TEST(test_free_with_leftover_mdl)
{
	struct nbl_list_pool *pool = lp_create(true, 0, 0, 8);
	uint8_t buf[64];
	struct nbl_mdl *m = mdl_new(buf, sizeof(buf));
	struct nbl_list *nbl = nbl_over(pool, m, 0, 64);
	uint64_t base = leaks();

	ck_assert_int_eq(nbl_buf_retreat(nbl->first_nb, 14, 0, NULL), 0);
	ck_assert_uint_eq(leaks(), base + 1);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	ck_assert_uint_eq(lstats(pool).refused, 1);
	ck_assert_uint_eq(lstats(pool).outstanding, 0);
	/* the caller MDL is left alone */
	ck_assert_ptr_null(m->next);
	ck_assert_uint_eq(leaks(), base - 1);
	nbl_mdl_free(m);
	lp_free(pool);
}
END_TEST

/* ================================================================== */
/* Bulk path                                                           */
/* ================================================================== */

START_TEST(test_bulk_all_or_nothing)
{
	static const struct { bool alloc_nb; uint32_t data; } shapes[] = {
		{ false, 0 }, { true, 0 }, { true, 512 },
	};
	unsigned int s, i;

	for (s = 0; s < RTE_DIM(shapes); s++) {
		struct nbl_list_pool *lp = lp_create(shapes[s].alloc_nb,
						     shapes[s].data, 32, 8);
		struct nbl_list *single[5], *bulk[8];
		struct nbl_pool_stats st0, st1;

		for (i = 0; i < 5; i++) {
			single[i] = nbl_list_alloc(lp, 0, 0);
			ck_assert_ptr_nonnull(single[i]);
		}
		/* 4 wanted, 3 left: nothing taken, only fails counted */
		st0 = lstats(lp);
		ck_assert_int_eq(nbl_list_alloc_bulk(lp, bulk, 4, 16, 0),
				 -ENOBUFS);
		st1 = lstats(lp);
		ck_assert_uint_eq(st1.allocs, st0.allocs);
		ck_assert_uint_eq(st1.frees, st0.frees);
		ck_assert_uint_eq(st1.outstanding, st0.outstanding);
		ck_assert_uint_eq(st1.avail, 3);
		ck_assert_uint_eq(st1.fails, st0.fails + 4);
		ck_assert_uint_eq(st1.refused, st0.refused);

		/* a bad context request takes nothing either */
		ck_assert_int_eq(nbl_list_alloc_bulk(lp, bulk, 2, 8, 0),
				 -EINVAL);
		ck_assert_int_eq(nbl_list_alloc_bulk(lp, bulk, 2, 16, 32),
				 -EINVAL);
		st1 = lstats(lp);
		ck_assert_uint_eq(st1.avail, 3);
		ck_assert_uint_eq(st1.allocs, st0.allocs);
		ck_assert_uint_eq(st1.fails, st0.fails + 4);

		/* 3 of 3: all of them, in the initial state */
		ck_assert_int_eq(nbl_list_alloc_bulk(lp, bulk, 3, 16, 16), 0);
		st1 = lstats(lp);
		ck_assert_uint_eq(st1.allocs, st0.allocs + 3);
		ck_assert_uint_eq(st1.avail, 0);
		for (i = 0; i < 3; i++) {
			ck_assert_ptr_eq(bulk[i]->pool, lp);
			ck_assert_uint_eq(nbl_list_ctx_size(bulk[i]), 16);
			ck_assert_ptr_null(bulk[i]->next);
			if (shapes[s].alloc_nb)
				ck_assert_ptr_nonnull(bulk[i]->first_nb);
			else
				ck_assert_ptr_null(bulk[i]->first_nb);
			if (shapes[s].data != 0)
				ck_assert_uint_eq(
					bulk[i]->first_nb->data_length,
					shapes[s].data);
		}
		ck_assert_ptr_ne(bulk[0], bulk[1]);
		ck_assert_ptr_ne(bulk[1], bulk[2]);
		/* the pushed context back-fill works on a bulk NBL */
		ck_assert_int_eq(nbl_list_ctx_push(bulk[0], 16, 0, TEST_TAG),
				 0);
		ck_assert_uint_eq(nbl_list_ctx_size(bulk[0]), 32);
		ck_assert_int_eq(nbl_list_ctx_pop(bulk[0], 16), 0);

		nbl_list_free_bulk(lp, bulk, 3);
		nbl_list_free_bulk(lp, single, 5);
		st1 = lstats(lp);
		ck_assert_uint_eq(st1.outstanding, 0);
		ck_assert_uint_eq(st1.frees, 8);
		ck_assert_uint_eq(st1.avail, 8);
		ck_assert_uint_eq(st1.refused, 0);
		lp_free(lp);
	}
}
END_TEST

/* Bulk free of NBLs with leftovers takes the checking path. */
START_TEST(test_bulk_free_checked_path)
{
	struct nbl_list_pool *lp = lp_create(true, 0, 16, 8);
	struct nbl_list *nbls[4];
	struct nbl_pool_stats st;

	ck_assert_int_eq(nbl_list_alloc_bulk(lp, nbls, 4, 16, 0), 0);
	/* one with a pushed block, one with a retreat-allocated MDL */
	ck_assert_int_eq(nbl_list_ctx_push(nbls[1], 64, 0, TEST_TAG), 0);
	ck_assert_int_eq(nbl_buf_retreat(nbls[2]->first_nb, 14, 0, NULL), 0);
	ck_assert_uint_eq(nbls[2]->first_nb->data_length, 14);
	nbl_list_free_bulk(lp, nbls, 4);
	st = lstats(lp);
	ck_assert_uint_eq(st.outstanding, 0);
	ck_assert_uint_eq(st.frees, 4);
	ck_assert_uint_eq(st.refused, 2);
	ck_assert_uint_eq(st.avail, 8);
	ck_assert_uint_eq(leaks(), 0);
	lp_free(lp);
}
END_TEST

/* ================================================================== */
/* mbufs and the hand-off to a PMD                                     */
/* ================================================================== */

START_TEST(test_mbuf_to_from)
{
	struct nbl_list_pool_params p = {
		.alloc_nb = true,
		.data_size = 2048,
		.tag = TEST_TAG,
		.count = 8,
		.socket_id = SOCKET_ID_ANY,
		.init_offset = RTE_PKTMBUF_HEADROOM,
		.init_length = 60,
	};
	struct nbl_list_pool *pool = lp_create_p(&p);
	struct nbl_list_pool *plain = lp_create(true, 1024, 0, 8);
	struct nbl_list *nbl = nbl_list_alloc(pool, 0, 0);
	struct nbl_buf *nb;
	struct rte_mbuf *m;
	uint8_t payload[60], hdr[14];

	ck_assert_ptr_nonnull(nbl);
	nb = nbl->first_nb;
	ck_assert_uint_eq(nb->data_offset, RTE_PKTMBUF_HEADROOM);
	ck_assert_uint_eq(nb->data_length, 60);
	ck_assert_uint_eq(nb->chain->len, 2048);
	fill(payload, sizeof(payload), 0x60);
	fill(hdr, sizeof(hdr), 0x0E);
	ck_assert_int_eq(nbl_buf_copy_in(nb, 0, payload, 60), 0);
	/* the header goes into the headroom */
	ck_assert_int_eq(nbl_buf_retreat(nb, 14, 0, t_alloc), 0);
	ck_assert_uint_eq(h.allocs, 0);
	ck_assert_int_eq(nbl_buf_copy_in(nb, 0, hdr, 14), 0);

	m = nbl_list_to_mbuf(nbl);
	ck_assert_ptr_nonnull(m);
	ck_assert_ptr_eq(nbl_list_from_mbuf(m), nbl);
	ck_assert_uint_eq(m->data_off, RTE_PKTMBUF_HEADROOM - 14);
	ck_assert_uint_eq(rte_pktmbuf_headroom(m), RTE_PKTMBUF_HEADROOM - 14);
	ck_assert_uint_eq(m->data_len, 74);
	ck_assert_uint_eq(m->pkt_len, 74);
	ck_assert_uint_eq(m->nb_segs, 1);
	ck_assert_ptr_eq(rte_pktmbuf_mtod(m, uint8_t *),
			 nbl_buf_data_get(nb, 74, NULL, 1, 0));
	ck_assert_mem_eq(rte_pktmbuf_mtod(m, uint8_t *), hdr, 14);
	ck_assert_mem_eq(rte_pktmbuf_mtod_offset(m, uint8_t *, 14), payload,
			 60);

	/* after an advance the mbuf follows again, and offload flags of an
	 * earlier use do not survive */
	ck_assert_int_eq(nbl_buf_advance(nb, 14, true, t_free), 0);
	m->ol_flags = RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IP_CKSUM;
	m = nbl_list_to_mbuf(nbl);
	ck_assert_uint_eq(m->ol_flags, 0);
	ck_assert_uint_eq(m->data_off, RTE_PKTMBUF_HEADROOM);
	ck_assert_uint_eq(m->pkt_len, 60);
	ck_assert_mem_eq(rte_pktmbuf_mtod(m, uint8_t *), payload, 60);
	ck_assert_int_eq(nbl_list_free(nbl), 0);

	/* the NDIS initial state of a (T,N) NBL maps to data_off 0 */
	nbl = nbl_list_alloc(plain, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	m = nbl_list_to_mbuf(nbl);
	ck_assert_ptr_eq(nbl_list_from_mbuf(m), nbl);
	ck_assert_uint_eq(m->data_off, 0);
	ck_assert_uint_eq(m->data_len, 1024);
	ck_assert_uint_eq(m->pkt_len, 1024);
	ck_assert_int_eq(nbl_list_free(nbl), 0);

	lp_free(pool);
	lp_free(plain);
}
END_TEST

/* Fire-and-forget sending through a real PMD (net_null frees what it
 * sends): the hand-off keeps the accounting exact. */
START_TEST(test_handoff_net_null)
{
	struct nbl_list_pool_params p = {
		.alloc_nb = true,
		.data_size = 2048,
		.tag = TEST_TAG,
		.count = 64,
		.socket_id = SOCKET_ID_ANY,
		.init_offset = RTE_PKTMBUF_HEADROOM,
		.init_length = 46,
	};
	struct rte_eth_conf conf;
	struct rte_eth_stats es;
	struct nbl_list_pool *pool;
	struct nbl_list *nbls[32];
	struct rte_mbuf *mbufs[32];
	struct nbl_pool_stats st;
	uint8_t payload[46], hdr[14];
	uint16_t port, sent;
	unsigned int i, round;

	ck_assert_int_eq(rte_eth_dev_get_port_by_name("net_null0", &port), 0);
	memset(&conf, 0, sizeof(conf));
	ck_assert_int_eq(rte_eth_dev_configure(port, 0, 1, &conf), 0);
	ck_assert_int_eq(rte_eth_tx_queue_setup(port, 0, 256,
						rte_eth_dev_socket_id(port),
						NULL), 0);
	ck_assert_int_eq(rte_eth_dev_start(port), 0);
	ck_assert_int_eq(rte_eth_stats_reset(port), 0);

	pool = lp_create_p(&p);
	fill(payload, sizeof(payload), 0x46);
	fill(hdr, sizeof(hdr), 0x14);
	for (round = 0; round < 3; round++) {
		ck_assert_int_eq(nbl_list_alloc_bulk(pool, nbls, 32, 0, 0), 0);
		for (i = 0; i < 32; i++) {
			struct nbl_buf *nb = nbls[i]->first_nb;

			/* a reused NBL starts in its initial state again */
			ck_assert_uint_eq(nb->data_offset,
					  RTE_PKTMBUF_HEADROOM);
			ck_assert_uint_eq(nb->data_length, 46);
			ck_assert_int_eq(nbl_buf_copy_in(nb, 0, payload, 46),
					 0);
			ck_assert_int_eq(nbl_buf_retreat(nb, 14, 0, NULL), 0);
			ck_assert_int_eq(nbl_buf_copy_in(nb, 0, hdr, 14), 0);
			mbufs[i] = nbl_list_to_mbuf(nbls[i]);
			ck_assert_uint_eq(mbufs[i]->pkt_len, 60);
		}
		sent = rte_eth_tx_burst(port, 0, mbufs, 32);
		ck_assert_uint_eq(sent, 32);
		nbl_list_pool_handoff(pool, sent);
		st = lstats(pool);
		ck_assert_uint_eq(st.outstanding, 0);
		ck_assert_uint_eq(st.handoffs, 32 * (round + 1));
		ck_assert_uint_eq(st.allocs, 32 * (round + 1));
		ck_assert_uint_eq(st.frees, 0);
		ck_assert_uint_eq(st.avail, 64);
	}
	ck_assert_int_eq(rte_eth_stats_get(port, &es), 0);
	ck_assert_uint_eq(es.opackets, 96);
	ck_assert_uint_eq(leaks(), 0);

	/* mixed: half handed off, half freed by the owner */
	ck_assert_int_eq(nbl_list_alloc_bulk(pool, nbls, 32, 0, 0), 0);
	for (i = 0; i < 16; i++)
		mbufs[i] = nbl_list_to_mbuf(nbls[i]);
	ck_assert_uint_eq(rte_eth_tx_burst(port, 0, mbufs, 16), 16);
	nbl_list_pool_handoff(pool, 16);
	nbl_list_free_bulk(pool, nbls + 16, 16);
	st = lstats(pool);
	ck_assert_uint_eq(st.outstanding, 0);
	ck_assert_uint_eq(st.handoffs, 112);
	ck_assert_uint_eq(st.frees, 16);
	ck_assert_uint_eq(st.avail, 64);

	ck_assert_int_eq(rte_eth_dev_stop(port), 0);
	lp_free(pool);
}
END_TEST

/* The library's internal pools (NULL pool handles of derived NBLs). */
START_TEST(test_internal_pools_release)
{
	struct nbl_list_pool *pool = lp_create(true, 256, 0, 8);
	struct nbl_list *orig, *clone;
	uint8_t frame[256];

	ck_assert_int_eq(nbl_internal_pools_release(), 0);
	orig = nbl_list_alloc(pool, 0, 0);
	ck_assert_ptr_nonnull(orig);
	fill(frame, sizeof(frame), 0x77);
	ck_assert_int_eq(nbl_buf_copy_in(orig->first_nb, 0, frame, 256), 0);
	clone = nbl_list_clone(orig, NULL, NULL, 0);
	ck_assert_ptr_nonnull(clone);
	assert_data(clone->first_nb, 0, frame, 256);
	/* a clone is out: the internal pools stay */
	ck_assert_int_eq(nbl_internal_pools_release(), -EBUSY);
	ck_assert_uint_gt(leaks(), 1);
	/* nbl_list_free refuses a derived NBL and frees nothing (a debug
	 * build aborts) */
	if (RELEASE_BUILD)
		ck_assert_int_eq(nbl_list_free(clone), -EINVAL);
	ck_assert_int_eq(nbl_list_clone_free(clone, 0), 0);
	ck_assert_int_eq(nbl_internal_pools_release(), 0);
	ck_assert_int_eq(nbl_list_free(orig), 0);
	ck_assert_uint_eq(leaks(), 0);
	/* released twice is fine */
	ck_assert_int_eq(nbl_internal_pools_release(), 0);
	lp_free(pool);
}
END_TEST

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
	tcase_add_test(tc, test_case01_pool_f_n_illegal);
	tcase_add_test(tc, test_pool_create_bad_params);
	tcase_add_test(tc, test_case06_context_size_not_maa);
	tcase_add_test(tc, test_pool_stats_get);
	tcase_add_test(tc, test_leak_check_reports);
	if (RELEASE_BUILD)
		tcase_add_test(tc,
			       test_case28_pool_free_refused_while_outstanding);
	tcase_add_test(tc, test_case45_same_tag_distinct_names);
	tcase_add_test(tc, test_pool_exhaustion);

	tc = tcase(s, "alloc");
	tcase_add_test(tc, test_case02_alloc_with_buf_wrong_shape);
	tcase_add_test(tc, test_case03_alloc_with_buf_null_chain);
	tcase_add_test(tc, test_case04_alloc_bad_range);
	tcase_add_test(tc, test_case05_initial_nb_by_shape);
	tcase_add_test(tc, test_list_alloc_initial_state);
	tcase_add_test(tc, test_list_alloc_with_caller_chain);
	tcase_add_test(tc, test_pool_obj_init_template);
	tcase_add_test(tc, test_buf_alloc_and_free);
	tcase_add_test(tc, test_buf_alloc_data);
	tcase_add_test(tc, test_case27_free_nbl_keeps_separate_nb);

	tc = tcase(s, "mdl");
	tcase_add_test(tc, test_mdl_create_free_chain_len);
	tcase_add_test(tc, test_default_allocator);

	tc = tcase(s, "data");
	tcase_add_test(tc, test_copy_in_out);
	tcase_add_test(tc, test_adjust_cur);
	tcase_add_test(tc, test_case24_data_get_too_short);
	tcase_add_test(tc, test_case25_data_get_contiguous_vs_split);
	tcase_add_test(tc, test_case26_data_get_alignment);

	tc = tcase(s, "context");
	tcase_add_test(tc, test_case07_ctx_backfill_reuse);
	tcase_add_test(tc, test_case08_ctx_push_new_block);
	tcase_add_test(tc, test_case09_ctx_push_failures);
	tcase_add_test(tc, test_ctx_alloc_beyond_prealloc);
	if (RELEASE_BUILD)
		tcase_add_test(tc, test_case10_ctx_over_free_refused);

	tc = tcase(s, "offset");
	tcase_add_test(tc, test_case12_retreat_within_backfill);
	tcase_add_test(tc, test_case13_retreat_exact_and_zero);
	tcase_add_test(tc, test_case14_retreat_allocates_head_mdl);
	tcase_add_test(tc, test_case15_retreat_rule_a_split_header);
	tcase_add_test(tc, test_case16_retreat_allocator_fails);
	tcase_add_test(tc, test_case17_retreat_advance_round_trip);
	tcase_add_test(tc, test_case18_advance_keeps_mdl_as_backfill);
	tcase_add_test(tc, test_case19_partial_advance_frees_nothing);
	tcase_add_test(tc, test_case20_advance_past_caller_mdls);
	if (RELEASE_BUILD) {
		tcase_add_test(tc, test_case21_advance_past_length_refused);
		tcase_add_test(tc, test_free_with_leftover_mdl);
	}
	tcase_add_test(tc, test_case22_list_retreat_rollback);
	tcase_add_test(tc, test_case23_list_advance_equals_per_nb);
	tcase_add_test(tc, test_retreat_allocator_rounds_up);
	if (RELEASE_BUILD) {
		tcase_add_test(tc, test_advance_handler_mismatch_refused);
		tcase_add_test(tc, test_list_retreat_unpaired_handlers);
	}

	tc = tcase(s, "bulk");
	tcase_add_test(tc, test_bulk_all_or_nothing);
	if (RELEASE_BUILD)
		tcase_add_test(tc, test_bulk_free_checked_path);

	tc = tcase(s, "mbuf");
	tcase_add_test(tc, test_mbuf_to_from);
	tcase_add_test(tc, test_handoff_net_null);
	tcase_add_test(tc, test_internal_pools_release);

	nbl_derived_add_tcases(s);
	nbl_ndis_add_tcases(s);
	return s;
}

int
main(int argc, char **argv)
{
	char prefix[64], run_dir[PATH_MAX];
	char *eal_argv[] = {
		argc > 0 ? argv[0] : (char *)"test_nbl",
		(char *)"--no-huge", (char *)"-m", (char *)"512",
		(char *)"--no-pci", (char *)"--no-shconf",
		(char *)"--no-telemetry",
		(char *)"--file-prefix", prefix,
		(char *)"-l", (char *)"0",
		(char *)"--vdev", (char *)"net_null0",
		(char *)"--log-level", (char *)"lib.nbl:info",
		NULL,
	};
	SRunner *sr;
	uint64_t leaked;
	int failed;

	snprintf(prefix, sizeof(prefix), "test_nbl_%d", (int)getpid());
	if (rte_eal_init((int)RTE_DIM(eal_argv) - 1, eal_argv) < 0) {
		fprintf(stderr, "test_nbl: rte_eal_init: %s\n",
			rte_strerror(rte_errno));
		return 2;
	}
	sr = srunner_create(nbl_suite());
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);

	/* whole-run check: nothing left anywhere, internal pools included */
	if (nbl_internal_pools_release() != 0)
		failed++;
	leaked = nbl_leak_check(stderr);
	if (leaked != 0) {
		fprintf(stderr, "test_nbl: %" PRIu64 " objects leaked\n",
			leaked);
		failed++;
	}
	/* --no-shconf and --no-telemetry leave the runtime directory empty:
	 * remove it */
	snprintf(run_dir, sizeof(run_dir), "%s", rte_eal_get_runtime_dir());
	rte_eal_cleanup();
	rmdir(run_dir);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

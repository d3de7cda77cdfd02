/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Pools of libnbl's native API ('nbl' suite, TCase "pools"): the legal
 * shapes (edge case 1), bad parameters, a context size that is not a
 * multiple of MEMORY_ALLOCATION_ALIGNMENT (6), the counters, the leak
 * check, a free refused while NBLs are out (28), pools of the same tag
 * (45) and exhaustion.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_mempool.h>

#include "test_nbl.h"

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

void
nbl_pool_add_tests(TCase *tc)
{
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
}

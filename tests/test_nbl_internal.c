/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * The library's internal pools ('nbl' suite, TCase
 * "derived_internal_pools"): derived NBLs made with NULL pool handles take
 * them, they are released and made again, and a first use from several
 * threads at once creates each pool once.
 */

#include <pthread.h>
#include <stdint.h>

#include "nbl_private.h" /* the internal pool getters */

#include "test_nbl_derived.h"

/* ------------------------------------------------------------------ */
/* Internal pools                                                      */
/* ------------------------------------------------------------------ */

START_TEST(test_internal_pools_null_handles)
{
	static const struct nb_spec sp[2] = {
		{ .off = 16, .len = 200 },
		{ .off = 16, .len = 100 },
	};
	struct nbl_list_pool *ilp;
	struct nbl_buf_pool *ibp;
	struct nbl_list *clone, *frag;
	struct nbl_pool_stats st;
	struct env e;
	struct src s;

	env_init(&e, 63);
	src_make(&s, &e, 2, sp);
	ck_assert_int_eq(nbl_internal_pools_release(), 0);

	clone = nbl_list_clone(s.nbl, NULL, NULL, 0);
	ck_assert_ptr_nonnull(clone);
	ilp = nbl_internal_list_pool();
	ibp = nbl_internal_buf_pool();
	ck_assert_ptr_nonnull(ilp);
	ck_assert_ptr_nonnull(ibp);
	/* The documented shapes: (F,0) and DataSize 0. */
	ck_assert(!ilp->alloc_nb);
	ck_assert_uint_eq(ilp->data_size, 0);
	ck_assert_uint_eq(ibp->data_size, 0);
	ck_assert_ptr_eq(clone->pool, ilp);
	ck_assert_ptr_eq(clone->first_nb->pool, ibp);
	ck_assert_ptr_eq(clone->first_nb->next->pool, ibp);
	nb_bytes_eq(clone->first_nb->next, 0, 100, 1, 16);

	/* NBL pool given, NB pool NULL, and the reverse. */
	frag = nbl_list_fragment(s.nbl, e.lp, NULL, 0, 64, 14, 0);
	ck_assert_ptr_nonnull(frag);
	ck_assert_ptr_eq(frag->pool, e.lp);
	ck_assert_ptr_eq(frag->first_nb->pool, ibp);
	ck_assert_uint_eq(nb_count(frag), 4 + 2);

	/* Objects out: release refuses and keeps both pools. */
	ck_assert_int_eq(nbl_internal_pools_release(), -EBUSY);
	ck_assert_ptr_eq(nbl_internal_list_pool(), ilp);
	ck_assert_int_eq(nbl_list_pool_stats_get(ilp, &st), 0);
	ck_assert_uint_eq(st.outstanding, 1);
	ck_assert_int_eq(nbl_buf_pool_stats_get(ibp, &st), 0);
	ck_assert_uint_eq(st.outstanding, 2 + 6);

	ck_assert_int_eq(nbl_list_clone_free(clone, 0), 0);
	/* The NBL pool is empty now, the NB pool is not: the empty one is
	 * released, the busy one kept. */
	ck_assert_int_eq(nbl_internal_pools_release(), -EBUSY);
	ck_assert_int_eq(nbl_buf_pool_stats_get(ibp, &st), 0);
	ck_assert_uint_eq(st.outstanding, 6);
	ck_assert_int_eq(nbl_list_fragment_free(frag, 14), 0);
	ck_assert_int_eq(nbl_internal_pools_release(), 0);
	ck_assert_int_eq(nbl_internal_pools_release(), 0);

	/* Created again on demand after a release. */
	clone = nbl_list_clone(s.nbl, NULL, NULL, 0);
	ck_assert_ptr_nonnull(clone);
	ck_assert_int_eq(nbl_list_clone_free(clone, 0), 0);
	ck_assert_int_eq(nbl_internal_pools_release(), 0);

	src_free(&s);
	env_fini(&e);
	no_leak();
}
END_TEST

struct getter_res {
	struct nbl_list_pool *lp;
	struct nbl_buf_pool *bp;
};

static void *
getter_thread(void *arg)
{
	struct getter_res *r = arg;

	r->lp = nbl_internal_list_pool();
	r->bp = nbl_internal_buf_pool();
	return NULL;
}

/* First use from several threads at once creates each pool once. */
START_TEST(test_internal_pools_concurrent_create)
{
	struct getter_res res[4];
	pthread_t th[4];
	unsigned int i;

	ck_assert_int_eq(nbl_internal_pools_release(), 0);
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(pthread_create(&th[i], NULL, getter_thread,
						&res[i]), 0);
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(pthread_join(th[i], NULL), 0);
	for (i = 0; i < 4; i++) {
		ck_assert_ptr_nonnull(res[i].lp);
		ck_assert_ptr_nonnull(res[i].bp);
		ck_assert_ptr_eq(res[i].lp, res[0].lp);
		ck_assert_ptr_eq(res[i].bp, res[0].bp);
	}
	ck_assert_ptr_eq(nbl_internal_list_pool(), res[0].lp);
	ck_assert_int_eq(nbl_internal_pools_release(), 0);
	no_leak();
}
END_TEST

void
nbl_internal_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_internal_pools_null_handles);
	tcase_add_test(tc, test_internal_pools_concurrent_create);
}

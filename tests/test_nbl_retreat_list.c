/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Retreat and advance of a whole NBL ('nbl' suite, TCase "offset"): an
 * NBL retreat that fails is rolled back on every NB (edge case 22), an
 * NBL advance equals one advance per NB (23), and a retreat with an
 * allocator but no free handler is refused as a whole.
 */

#include <errno.h>
#include <string.h>

#include <rte_errno.h>

#include "test_nbl.h"

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

void
nbl_retreat_list_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_case22_list_retreat_rollback);
	tcase_add_test(tc, test_case23_list_advance_equals_per_nb);
	if (RELEASE_BUILD)
		tcase_add_test(tc, test_list_retreat_unpaired_handlers);
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Retreat and advance of one NB ('nbl' suite, TCase "offset"): within the
 * back-fill (edge cases 12, 13), through an allocated head MDL (14, 15),
 * an allocator that fails (16), round trips (17), what advance keeps and
 * frees (18-20), an advance past the data refused (21), an allocator that
 * gives more than asked, handlers that do not pair and an NBL freed with
 * a retreat-allocated MDL left.  Retreat of a whole NBL is in
 * test_nbl_retreat_list.c.
 */

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <rte_errno.h>

#include "test_nbl.h"

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

void
nbl_retreat_add_tests(TCase *tc)
{
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
	tcase_add_test(tc, test_retreat_allocator_rounds_up);
	if (RELEASE_BUILD)
		tcase_add_test(tc, test_advance_handler_mismatch_refused);
}

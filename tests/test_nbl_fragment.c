/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Fragments and reassembly ('nbl' suite, TCases "derived_fragment" and
 * "derived_reassemble"): 3000 bytes in pieces of 1480 with a back-fill of
 * 20 (edge case 32), back-fill that later retreats use, pieces per source
 * NB and a StartOffset beyond an NB (33), a StartOffset across MDLs, and
 * three NBs reassembled into one (34).
 */

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <rte_errno.h>

#include "nbl_private.h" /* the internal pool getters */

#include "test_nbl_derived.h"

/* ------------------------------------------------------------------ */
/* Edge case 32: fragment 3000 bytes, max 1480, delta 20               */
/* ------------------------------------------------------------------ */

START_TEST(test_case32_fragment_3000)
{
	static const struct nb_spec sp[1] = { { .off = 54, .len = 3000 } };
	static const uint32_t want[3] = { 1500, 1500, 60 };
	struct nbl_list *frag;
	struct nb_state before;
	struct env e;
	struct src s;
	unsigned int i;
	uint8_t ip[20];

	env_init(&e, 63);
	src_make(&s, &e, 1, sp);
	before = nb_state(s.nb[0]);
	frag = nbl_list_fragment(s.nbl, e.lp, e.bp, 0, 1480, 20, 0);
	ck_assert_ptr_nonnull(frag);
	ck_assert_uint_eq(frag->kind, NBL_KIND_FRAGMENT);
	ck_assert_uint_eq(frag->delta, 20);
	ck_assert_ptr_null(frag->context);
	ck_assert_ptr_null(frag->parent);
	ck_assert_uint_eq(nb_count(frag), 3);
	memset(ip, 0x45, sizeof(ip));
	for (i = 0; i < 3; i++) {
		struct nbl_buf *nb = nb_at(frag, i);

		ck_assert_uint_eq(nb->data_length, want[i]);
		/* The delta sits in a retreat-allocated MDL of its own. */
		ck_assert(nb->chain->flags & NBL_MDL_F_NDIS_ALLOCATED);
		nb_bytes_eq(nb, 20, want[i] - 20, 0, 54 + i * 1480);
		/* A header written in front never reaches the parent. */
		ck_assert_int_eq(nbl_buf_copy_in(nb, 0, ip, sizeof(ip)), 0);
	}
	/* Parent unchanged: fields and every byte (incl. back-fill). */
	nb_state_eq(s.nb[0], &before);
	src_untouched(&s);

	/* Another delta is refused; the fragment stays usable. */
	expect_misuse(&(struct misuse){ fragment_free_fn, frag, 14 });
	ck_assert_uint_eq(nb_count(frag), 3);
	ck_assert_int_eq(nbl_list_fragment_free(frag, 20), 0);
	ck_assert_uint_eq(list_out(e.lp), 0);
	ck_assert_uint_eq(buf_out(e.bp), 0);
	nb_state_eq(s.nb[0], &before);
	src_untouched(&s);
	src_free(&s);
	env_fini(&e);
	no_leak();
}
END_TEST

/* Back-fill given to a fragment serves later retreats without allocation. */
START_TEST(test_fragment_backfill)
{
	static const struct nb_spec sp[1] = { { .off = 0, .len = 100 } };
	struct nbl_list *frag;
	struct nbl_buf *nb;
	struct nbl_mdl *head;
	struct env e;
	struct src s;

	env_init(&e, 63);
	src_make(&s, &e, 1, sp);
	frag = nbl_list_fragment(s.nbl, NULL, NULL, 10, 1000, 20, 32);
	ck_assert_ptr_nonnull(frag);
	ck_assert_uint_eq(nb_count(frag), 1);
	nb = frag->first_nb;
	ck_assert_uint_eq(nb->data_length, 90 + 20);
	ck_assert_uint_eq(nb->data_offset, 32);
	head = nb->chain;
	ck_assert_uint_ge(head->len, 52);
	n_alloc_calls = 0;
	ck_assert_int_eq(nbl_buf_retreat(nb, 14, 0, count_alloc), 0);
	ck_assert_uint_eq(n_alloc_calls, 0);
	ck_assert_ptr_eq(nb->chain, head);
	ck_assert_int_eq(nbl_buf_advance(nb, 14, true, NULL), 0);
	nb_bytes_eq(nb, 20, 90, 0, 10);
	ck_assert_int_eq(nbl_list_fragment_free(frag, 20), 0);
	src_untouched(&s);
	src_free(&s);
	env_fini(&e);
	ck_assert_int_eq(nbl_internal_pools_release(), 0);
	no_leak();
}
END_TEST

/* ------------------------------------------------------------------ */
/* Edge case 33: pieces per source NB, StartOffset beyond an NB         */
/* ------------------------------------------------------------------ */

START_TEST(test_case33_fragment_per_nb)
{
	static const struct nb_spec sp[2] = {
		{ .off = 14, .len = 1000 },
		{ .off = 14, .len = 500 },
	};
	static const uint32_t want[3] = { 800, 200, 500 };
	static const unsigned int from_nb[3] = { 0, 0, 1 };
	static const uint32_t from_pos[3] = { 14, 814, 14 };
	struct nbl_list *frag;
	struct nb_state before[2];
	struct pool_counts {
		uint64_t lp, bp;
	} c0;
	struct env e;
	struct src s;
	unsigned int i;

	env_init(&e, 63);
	src_make(&s, &e, 2, sp);
	for (i = 0; i < 2; i++)
		before[i] = nb_state(s.nb[i]);
	frag = nbl_list_fragment(s.nbl, e.lp, e.bp, 0, 800, 0, 0);
	ck_assert_ptr_nonnull(frag);
	ck_assert_uint_eq(nb_count(frag), 3);
	for (i = 0; i < 3; i++) {
		struct nbl_buf *nb = nb_at(frag, i);

		ck_assert_uint_eq(nb->data_length, want[i]);
		/* Delta 0: nothing allocated, the piece is all mirrors. */
		ck_assert(nb->chain->flags & NBL_MDL_F_MIRROR);
		nb_bytes_eq(nb, 0, want[i], from_nb[i], from_pos[i]);
	}
	ck_assert_int_eq(nbl_list_fragment_free(frag, 0), 0);

	/* StartOffset 600 > 500: NULL, EINVAL, nothing allocated. */
	c0.lp = list_out(e.lp);
	c0.bp = buf_out(e.bp);
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_fragment(s.nbl, e.lp, e.bp, 600, 800, 0,
					     0));
	ck_assert_int_eq(rte_errno, EINVAL);
	ck_assert_uint_eq(list_out(e.lp), c0.lp);
	ck_assert_uint_eq(buf_out(e.bp), c0.bp);

	/* StartOffset equal to an NB's length: that NB yields no piece. */
	frag = nbl_list_fragment(s.nbl, e.lp, e.bp, 500, 800, 0, 0);
	ck_assert_ptr_nonnull(frag);
	ck_assert_uint_eq(nb_count(frag), 1);
	ck_assert_uint_eq(frag->first_nb->data_length, 500);
	nb_bytes_eq(frag->first_nb, 0, 500, 0, 14 + 500);
	ck_assert_int_eq(nbl_list_fragment_free(frag, 0), 0);

	/* max_len 0 is refused. */
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_fragment(s.nbl, e.lp, e.bp, 0, 0, 0, 0));
	ck_assert_int_eq(rte_errno, EINVAL);

	for (i = 0; i < 2; i++)
		nb_state_eq(s.nb[i], &before[i]);
	src_untouched(&s);
	src_free(&s);
	env_fini(&e);
	no_leak();
}
END_TEST

/* Fragment of a multi-MDL NB: StartOffset crosses MDLs, pieces span
 * MDL boundaries. */
START_TEST(test_fragment_multi_mdl)
{
	static const struct nb_spec sp[1] = {
		{ .off = 30, .len = 340, .mdl_len = { 50, 120, 200 } },
	};
	struct nbl_list *frag;
	struct env e;
	struct src s;
	unsigned int i;

	env_init(&e, 63);
	src_make(&s, &e, 1, sp);
	/* Skip 40 (into the 2nd MDL), pieces of 70 from position 70. */
	frag = nbl_list_fragment(s.nbl, e.lp, e.bp, 40, 70, 8, 0);
	ck_assert_ptr_nonnull(frag);
	ck_assert_uint_eq(nb_count(frag), 5); /* 300 = 4 * 70 + 20 */
	for (i = 0; i < 5; i++) {
		struct nbl_buf *nb = nb_at(frag, i);
		uint32_t piece = i < 4 ? 70 : 20;

		ck_assert_uint_eq(nb->data_length, piece + 8);
		nb_bytes_eq(nb, 8, piece, 0, 70 + i * 70);
	}
	ck_assert_int_eq(nbl_list_fragment_free(frag, 8), 0);
	src_untouched(&s);
	src_free(&s);
	env_fini(&e);
	no_leak();
}
END_TEST

/* ------------------------------------------------------------------ */
/* Edge case 34: reassemble three NBs of 60, StartOffset 20, delta 20  */
/* ------------------------------------------------------------------ */

static void
check_reassembled(struct nbl_list *r, const struct src *s)
{
	struct nbl_buf *nb;
	unsigned int i;

	ck_assert_uint_eq(r->kind, NBL_KIND_REASSEMBLED);
	ck_assert_ptr_null(r->context);
	ck_assert_uint_eq(nb_count(r), 1);
	nb = r->first_nb;
	ck_assert_uint_eq(nb->data_length, 140);
	for (i = 0; i < 3; i++)
		nb_bytes_eq(nb, 20 + i * 40, 40, i, 14 + 20);
}

START_TEST(test_case34_reassemble_three)
{
	static const struct nb_spec sp[3] = {
		{ .off = 14, .len = 60 },
		{ .off = 14, .len = 60 },
		{ .off = 14, .len = 60 },
	};
	struct nbl_list *r;
	struct env e;
	struct src s;
	uint8_t hdr[20];

	env_init(&e, 63);
	src_make(&s, &e, 3, sp);
	memset(hdr, 0x45, sizeof(hdr));

	/* Into a caller (T,0) pool: its embedded NB is the result. */
	r = nbl_list_reassemble(s.nbl, e.src_lp, 20, 20, 0);
	ck_assert_ptr_nonnull(r);
	ck_assert_ptr_eq(r->pool, e.src_lp);
	ck_assert_ptr_eq(r->first_nb, nbl_list_embedded_nb(r));
	check_reassembled(r, &s);
	ck_assert_int_eq(nbl_buf_copy_in(r->first_nb, 0, hdr, 20), 0);
	src_untouched(&s);
	expect_misuse(&(struct misuse){ reassemble_free_fn, r, 0 });
	ck_assert_int_eq(nbl_list_reassemble_free(r, 20), 0);
	ck_assert_uint_eq(list_out(e.src_lp), 1); /* the source alone */

	/* With NULL: internal pools. */
	r = nbl_list_reassemble(s.nbl, NULL, 20, 20, 0);
	ck_assert_ptr_nonnull(r);
	ck_assert_ptr_eq(r->pool, nbl_internal_list_pool());
	ck_assert_ptr_eq(r->first_nb->pool, nbl_internal_buf_pool());
	check_reassembled(r, &s);
	ck_assert_int_eq(nbl_buf_copy_in(r->first_nb, 0, hdr, 20), 0);
	src_untouched(&s);
	ck_assert_int_eq(nbl_internal_pools_release(), -EBUSY);
	ck_assert_int_eq(nbl_list_reassemble_free(r, 20), 0);
	ck_assert_int_eq(nbl_internal_pools_release(), 0);

	/* An (F,0) pool has no NB to give: ENOTSUP. */
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_reassemble(s.nbl, e.lp, 20, 20, 0));
	ck_assert_int_eq(rte_errno, ENOTSUP);
	/* StartOffset beyond a source NB: EINVAL. */
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_reassemble(s.nbl, e.src_lp, 61, 0, 0));
	ck_assert_int_eq(rte_errno, EINVAL);

	ck_assert_uint_eq(list_out(e.lp), 0);
	ck_assert_uint_eq(buf_out(e.bp), 2);
	src_free(&s);
	env_fini(&e);
	no_leak();
}
END_TEST

void
nbl_fragment_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_case32_fragment_3000);
	tcase_add_test(tc, test_fragment_backfill);
	tcase_add_test(tc, test_case33_fragment_per_nb);
	tcase_add_test(tc, test_fragment_multi_mdl);
}

void
nbl_reassemble_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_case34_reassemble_three);
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Clones ('nbl' suite, TCase "derived_clone"): a clone of two NBs with
 * DataOffset 40 (edge case 29) and of an NB over several MDLs, a retreat
 * on a clone always allocates (30), a clone freed with other flags (31)
 * or with a retreat of the caller not undone.
 */

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <rte_errno.h>

#include "test_nbl_derived.h"

/* ------------------------------------------------------------------ */
/* Edge case 29: clone of 2 NBs with DataOffset 40                     */
/* ------------------------------------------------------------------ */

START_TEST(test_case29_clone_two_nbs)
{
	static const struct nb_spec sp[2] = {
		{ .off = 40, .len = 300 },
		{ .off = 40, .len = 120 },
	};
	struct nbl_list *sentinel, *clone, *clone2;
	struct nb_state before[2];
	struct env e;
	struct src s;
	unsigned int i;
	uint8_t w[4] = { 0xde, 0xad, 0xbe, 0xef }, r[4];

	env_init(&e, 63);
	src_make(&s, &e, 2, sp);
	sentinel = nbl_list_alloc(e.lp, 0, 0);
	ck_assert_ptr_nonnull(sentinel);
	/* The caller's bookkeeping on the parent must stay as it is. */
	s.nbl->parent = sentinel;
	s.nbl->child_refcnt = 7;
	for (i = 0; i < 2; i++)
		before[i] = nb_state(s.nb[i]);

	clone = nbl_list_clone(s.nbl, e.lp, e.bp, 0);
	ck_assert_ptr_nonnull(clone);
	ck_assert_uint_eq(clone->kind, NBL_KIND_CLONE);
	ck_assert_ptr_null(clone->context);
	ck_assert_ptr_null(clone->parent);
	ck_assert_int_eq(clone->child_refcnt, 0);
	ck_assert_ptr_eq(s.nbl->parent, sentinel);
	ck_assert_int_eq(s.nbl->child_refcnt, 7);
	ck_assert_ptr_eq(clone->pool, e.lp);
	for (i = 0; i < NBL_INFO_MAX; i++)
		if (i != NBL_INFO_FRAME_TYPE)
			ck_assert_ptr_null(clone->info[i]);
	ck_assert_uint_eq(nb_count(clone), 2);
	for (i = 0; i < 2; i++) {
		struct nbl_buf *nb = nb_at(clone, i);

		ck_assert_ptr_ne(nb, s.nb[i]);
		ck_assert_ptr_eq(nb->pool, e.bp);
		ck_assert_uint_eq(nb->data_length, sp[i].len);
		/* Used data only: no back-fill at all. */
		ck_assert_uint_eq(nb->data_offset, 0);
		ck_assert_uint_eq(nbl_mdl_chain_len(nb->chain), sp[i].len);
		ck_assert(nb->flags & NBL_BUF_F_NO_BACKFILL);
		ck_assert(nb->chain->flags & NBL_MDL_F_MIRROR);
		/* Same memory, not a copy. */
		ck_assert_ptr_eq(nb->chain->va, s.mem[i] + sp[i].off);
		nb_bytes_eq(nb, 0, sp[i].len, i, sp[i].off);
		nb_state_eq(s.nb[i], &before[i]);
	}

	/* Writes through the clone are visible in the parent. */
	ck_assert_int_eq(nbl_buf_copy_in(nb_at(clone, 1), 10, w, 4), 0);
	ck_assert_int_eq(nbl_buf_copy_out(s.nb[1], 10, 4, r), 0);
	ck_assert_mem_eq(r, w, 4);
	ck_assert_uint_eq(s.mem[1][40 + 10], 0xde);
	/* and the parent's writes in the clone. */
	ck_assert_int_eq(nbl_buf_copy_in(s.nb[0], 299, w + 3, 1), 0);
	ck_assert_int_eq(nbl_buf_copy_out(nb_at(clone, 0), 299, 1, r), 0);
	ck_assert_uint_eq(r[0], 0xef);

	/* A clone of the clone sees the same bytes too. */
	clone2 = nbl_list_clone(clone, e.lp, e.bp, 0);
	ck_assert_ptr_nonnull(clone2);
	ck_assert_uint_eq(nb_count(clone2), 2);
	ck_assert_int_eq(nbl_buf_copy_out(nb_at(clone2, 1), 10, 4, r), 0);
	ck_assert_mem_eq(r, w, 4);
	ck_assert_int_eq(nbl_list_clone_free(clone2, 0), 0);

	ck_assert_int_eq(nbl_list_clone_free(clone, 0), 0);
	ck_assert_uint_eq(list_out(e.lp), 1);
	ck_assert_uint_eq(buf_out(e.bp), 1); /* the source's second NB */
	for (i = 0; i < 2; i++)
		nb_state_eq(s.nb[i], &before[i]);
	s.nbl->parent = NULL;
	s.nbl->child_refcnt = 0;
	ck_assert_int_eq(nbl_list_free(sentinel), 0);
	src_free(&s);
	env_fini(&e);
	no_leak();
}
END_TEST

/* Clone of an NB whose data starts in its second MDL and spans three. */
START_TEST(test_clone_multi_mdl)
{
	static const struct nb_spec sp[1] = {
		{ .off = 150, .len = 230, .mdl_len = { 100, 100, 100, 100 } },
	};
	struct nbl_list *clone;
	struct nbl_buf *nb;
	struct nbl_mdl *m;
	struct env e;
	struct src s;

	env_init(&e, 63);
	src_make(&s, &e, 1, sp);
	ck_assert_ptr_eq(s.nb[0]->cur, s.mdl[0][1]);
	clone = nbl_list_clone(s.nbl, e.lp, e.bp,
			       NBL_CLONE_F_USE_ORIGINAL_MDLS);
	ck_assert_ptr_nonnull(clone);
	ck_assert_uint_eq(clone->clone_flags, NBL_CLONE_F_USE_ORIGINAL_MDLS);
	nb = clone->first_nb;
	ck_assert_uint_eq(nb->data_length, 230);
	nb_bytes_eq(nb, 0, 230, 0, 150);
	/* Mirrors of 50, 100 and 80 bytes: the used bytes only. */
	m = nb->chain;
	ck_assert_ptr_eq(m->va, s.mem[0] + 150);
	ck_assert_uint_eq(m->len, 50);
	ck_assert_ptr_eq(m->user, s.mdl[0][1]);
	ck_assert_uint_eq(m->next->len, 100);
	ck_assert_ptr_eq(m->next->va, s.mem[0] + 200);
	ck_assert_uint_eq(m->next->next->len, 80);
	ck_assert_ptr_eq(m->next->next->va, s.mem[0] + 300);
	ck_assert_ptr_null(m->next->next->next);
	/* Read through GetDataBuffer: contiguous in the first mirror. */
	ck_assert_ptr_eq(nbl_buf_data_get(nb, 50, NULL, 1, 0), s.mem[0] + 150);
	ck_assert_ptr_null(nbl_buf_data_get(nb, 51, NULL, 1, 0));

	expect_misuse(&(struct misuse){ nbl_list_clone_free, clone, 0 });
	ck_assert_int_eq(nbl_list_clone_free(clone,
					     NBL_CLONE_F_USE_ORIGINAL_MDLS), 0);
	src_untouched(&s);
	src_free(&s);
	env_fini(&e);
	no_leak();
}
END_TEST

/* ------------------------------------------------------------------ */
/* Edge case 30: retreat on a clone always allocates                   */
/* ------------------------------------------------------------------ */

START_TEST(test_case30_clone_retreat_allocates)
{
	static const uint8_t hdr[14] = "0123456789abc";
	struct nbl_list_pool *tn;
	struct nbl_list *parent, *clone;
	struct nbl_buf *pnb, *cnb;
	struct nb_state pst, cst;
	uint8_t room[64], data[100], r[14];
	struct env e;
	unsigned int k;

	env_init(&e, 63);
	/* A (T,N) parent whose NB has 64 bytes of mbuf back-fill in front. */
	{
		struct nbl_list_pool_params p = {
			.alloc_nb = true,
			.data_size = 256,
			.tag = 0x4e547244, /* "DrTN" */
			.count = 7,
			.socket_id = SOCKET_ID_ANY,
			.init_offset = 64,
			.init_length = 100,
		};

		tn = nbl_list_pool_create(&p);
		ck_assert_ptr_nonnull(tn);
	}
	parent = nbl_list_alloc(tn, 0, 0);
	ck_assert_ptr_nonnull(parent);
	pnb = parent->first_nb;
	ck_assert_uint_eq(pnb->data_offset, 64);
	ck_assert_uint_eq(pnb->data_length, 100);
	for (k = 0; k < 100; k++)
		data[k] = (uint8_t)(k * 3);
	ck_assert_int_eq(nbl_buf_copy_in(pnb, 0, data, 100), 0);
	memset(pnb->chain->va, 0x5a, 64); /* the parent's back-fill */
	memcpy(room, pnb->chain->va, 64);
	pst = nb_state(pnb);

	clone = nbl_list_clone(parent, e.lp, e.bp, 0);
	ck_assert_ptr_nonnull(clone);
	cnb = clone->first_nb;
	cst = nb_state(cnb);

	n_alloc_calls = n_free_calls = 0;
	ck_assert_int_eq(nbl_buf_retreat(cnb, 14, 0, count_alloc), 0);
	ck_assert_uint_eq(n_alloc_calls, 1);
	ck_assert_uint_eq(cnb->data_length, 114);
	ck_assert(cnb->chain->flags & NBL_MDL_F_NDIS_ALLOCATED);
	ck_assert_int_eq(nbl_buf_copy_in(cnb, 0, hdr, 14), 0);
	ck_assert_int_eq(nbl_buf_copy_out(cnb, 0, 14, r), 0);
	ck_assert_mem_eq(r, hdr, 14);
	/* The parent's back-fill bytes and fields are unchanged. */
	ck_assert_mem_eq(pnb->chain->va, room, 64);
	nb_state_eq(pnb, &pst);
	ck_assert_int_eq(nbl_buf_copy_out(pnb, 0, 100, data), 0);
	for (k = 0; k < 100; k++)
		ck_assert_uint_eq(data[k], (uint8_t)(k * 3));
	ck_assert_int_eq(nbl_buf_advance(cnb, 14, true, count_free), 0);
	ck_assert_uint_eq(n_free_calls, 1);
	nb_state_eq(cnb, &cst);

	/* Even a retreat of 1 byte allocates (back-fill counts as 0), also
	 * through the NBL-level call. */
	ck_assert_int_eq(nbl_list_retreat(clone, 1, 0, count_alloc,
					  count_free), 0);
	ck_assert_uint_eq(n_alloc_calls, 2);
	ck_assert_mem_eq(pnb->chain->va, room, 64);
	ck_assert_int_eq(nbl_list_advance(clone, 1, true, count_free), 0);
	ck_assert_uint_eq(n_free_calls, 2);
	nb_state_eq(cnb, &cst);

	ck_assert_int_eq(nbl_list_clone_free(clone, 0), 0);
	nb_state_eq(pnb, &pst);
	ck_assert_int_eq(nbl_list_free(parent), 0);
	ck_assert_int_eq(nbl_list_pool_free(tn), 0);
	env_fini(&e);
	no_leak();
}
END_TEST

/* ------------------------------------------------------------------ */
/* Edge case 31: FreeClone with other flags                            */
/* ------------------------------------------------------------------ */

START_TEST(test_case31_clone_free_flags_mismatch)
{
	static const struct nb_spec sp[1] = { { .off = 8, .len = 64 } };
	struct nbl_list *clone;
	struct env e;
	struct src s;

	env_init(&e, 63);
	src_make(&s, &e, 1, sp);
	clone = nbl_list_clone(s.nbl, e.lp, e.bp, 0);
	ck_assert_ptr_nonnull(clone);
	/* Other flags than at allocation: refused, the clone stays whole. */
	expect_misuse(&(struct misuse){ nbl_list_clone_free, clone,
					NBL_CLONE_F_USE_ORIGINAL_MDLS });
	ck_assert_uint_eq(list_out(e.lp), 1);
	ck_assert_uint_eq(clone->first_nb->data_length, 64);
	nb_bytes_eq(clone->first_nb, 0, 64, 0, 8);
	/* Not a clone's free function either. */
	expect_misuse(&(struct misuse){ fragment_free_fn, clone, 0 });
	expect_misuse(&(struct misuse){ reassemble_free_fn, clone, 0 });
	/* And a plain NBL is no clone. */
	expect_misuse(&(struct misuse){ nbl_list_clone_free, s.nbl, 0 });
	ck_assert_int_eq(nbl_list_clone_free(clone, 0), 0);
	ck_assert_uint_eq(list_out(e.lp), 0);
	ck_assert_uint_eq(buf_out(e.bp), 0);
	src_free(&s);
	env_fini(&e);
	no_leak();
}
END_TEST

/* A clone freed while a retreat of the caller was not undone: a misuse;
 * a release build counts it and frees the retreat's MDL with the rest. */
START_TEST(test_clone_free_with_leftover_retreat)
{
	static const struct nb_spec sp[1] = { { .off = 8, .len = 64 } };
	struct nbl_pool_stats a, b;
	struct nbl_list *clone;
	struct env e;
	struct src s;

	env_init(&e, 63);
	src_make(&s, &e, 1, sp);
	clone = nbl_list_clone(s.nbl, e.lp, e.bp, 0);
	ck_assert_ptr_nonnull(clone);
	ck_assert_int_eq(nbl_buf_retreat(clone->first_nb, 14, 0, NULL), 0);
	ck_assert_uint_eq(clone->first_nb->ndis_mdls, 1);
	ck_assert_int_eq(nbl_list_pool_stats_get(e.lp, &a), 0);
#ifdef NBL_DEBUG
	{
		int status = 0;
		pid_t pid;

		fflush(NULL);
		pid = fork();
		ck_assert_int_ge(pid, 0);
		if (pid == 0) {
			nbl_list_clone_free(clone, 0);
			_exit(0);
		}
		ck_assert_int_eq(waitpid(pid, &status, 0), pid);
		ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
	}
	ck_assert_int_eq(nbl_buf_advance(clone->first_nb, 14, true, NULL), 0);
	ck_assert_int_eq(nbl_list_clone_free(clone, 0), 0);
#else
	ck_assert_int_eq(nbl_list_clone_free(clone, 0), 0);
	ck_assert_int_eq(nbl_list_pool_stats_get(e.lp, &b), 0);
	ck_assert_uint_eq(b.refused, a.refused + 1);
#endif
	(void)b;
	ck_assert_uint_eq(list_out(e.lp), 0);
	ck_assert_uint_eq(buf_out(e.bp), 0);
	src_untouched(&s);
	src_free(&s);
	env_fini(&e);
	no_leak();
}
END_TEST

void
nbl_clone_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_case29_clone_two_nbs);
	tcase_add_test(tc, test_clone_multi_mdl);
	tcase_add_test(tc, test_case30_clone_retreat_allocates);
	tcase_add_test(tc, test_case31_clone_free_flags_mismatch);
	tcase_add_test(tc, test_clone_free_with_leftover_retreat);
}

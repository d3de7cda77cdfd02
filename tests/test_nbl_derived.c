/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Check tests of derived NBLs (clone, fragment, reassemble) and of the
 * internal pools: edge cases 29 to 34 of the rule book, failure paths and
 * NULL pool handles.  This file holds the helpers (test_nbl_derived.h),
 * the failure paths and the TCases; the clones are tested in
 * test_nbl_clone.c, fragments and reassembly in test_nbl_fragment.c, the
 * internal pools in test_nbl_internal.c.  Linked into the 'nbl' suite,
 * whose main() runs rte_eal_init once and calls nbl_derived_add_tcases().
 * Every test frees what it made and ends with the leak check.
 */

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <check.h>
#include <rte_errno.h>

#include "test_nbl_derived.h"
#include "nbl_private.h" /* the internal pool getters */

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static struct nbl_list_pool *
mk_list_pool(bool alloc_nb, uint32_t data_size, uint32_t count, uint32_t tag)
{
	struct nbl_list_pool_params p = {
		.alloc_nb = alloc_nb,
		.data_size = data_size,
		.context_size = 0,
		.tag = tag,
		.count = count,
		.socket_id = SOCKET_ID_ANY,
	};
	struct nbl_list_pool *pool = nbl_list_pool_create(&p);

	ck_assert_msg(pool != NULL, "NBL pool: %s", rte_strerror(rte_errno));
	return pool;
}

static struct nbl_buf_pool *
mk_buf_pool(uint32_t data_size, uint32_t count, uint32_t tag)
{
	struct nbl_buf_pool_params p = {
		.tag = tag,
		.data_size = data_size,
		.count = count,
		.socket_id = SOCKET_ID_ANY,
	};
	struct nbl_buf_pool *pool = nbl_buf_pool_create(&p);

	ck_assert_msg(pool != NULL, "NB pool: %s", rte_strerror(rte_errno));
	return pool;
}

void
env_init(struct env *e, uint32_t nb_count)
{
	e->src_lp = mk_list_pool(true, 0, 63, 0x53726344);  /* "DcrS" */
	e->lp = mk_list_pool(false, 0, 63, 0x4c726544);     /* "DerL" */
	e->bp = mk_buf_pool(0, nb_count, 0x42726544);       /* "DerB" */
}

uint64_t
list_out(const struct nbl_list_pool *p)
{
	struct nbl_pool_stats st;

	ck_assert_int_eq(nbl_list_pool_stats_get(p, &st), 0);
	return st.outstanding;
}

uint64_t
buf_out(const struct nbl_buf_pool *p)
{
	struct nbl_pool_stats st;

	ck_assert_int_eq(nbl_buf_pool_stats_get(p, &st), 0);
	return st.outstanding;
}

void
env_fini(struct env *e)
{
	ck_assert_int_eq(nbl_list_pool_free(e->src_lp), 0);
	ck_assert_int_eq(nbl_list_pool_free(e->lp), 0);
	ck_assert_int_eq(nbl_buf_pool_free(e->bp), 0);
}

/* Byte at position pos (from the chain start) of source NB i. */
static uint8_t
pat(unsigned int i, uint32_t pos)
{
	return (uint8_t)(i * 61u + pos * 7u + pos / 251u + 3u);
}

void
src_make(struct src *s, struct env *e, unsigned int n, const struct nb_spec *sp)
{
	unsigned int i, k;

	memset(s, 0, sizeof(*s));
	s->n_nb = n;
	for (i = 0; i < n; i++) {
		uint32_t total = 0, pos = 0;
		struct nbl_mdl *prev = NULL;

		for (k = 0; k < MAX_MDL && sp[i].mdl_len[k] != 0; k++)
			total += sp[i].mdl_len[k];
		if (k == 0)
			total = sp[i].off + sp[i].len;
		s->mem_len[i] = total;
		s->mem[i] = malloc(total);
		ck_assert_ptr_nonnull(s->mem[i]);
		for (pos = 0; pos < total; pos++)
			s->mem[i][pos] = pat(i, pos);
		pos = 0;
		for (k = 0; k < MAX_MDL; k++) {
			uint32_t l = sp[i].mdl_len[k];

			if (k == 0 && l == 0)
				l = total;
			if (l == 0)
				break;
			s->mdl[i][k] = nbl_mdl_create(s->mem[i] + pos, l);
			ck_assert_ptr_nonnull(s->mdl[i][k]);
			if (prev != NULL)
				prev->next = s->mdl[i][k];
			prev = s->mdl[i][k];
			pos += l;
		}
		if (i == 0) {
			s->nbl = nbl_list_alloc_with_buf(e->src_lp, 0, 0,
							 s->mdl[0][0],
							 sp[0].off, sp[0].len);
			ck_assert_ptr_nonnull(s->nbl);
			s->nb[0] = s->nbl->first_nb;
		} else {
			s->nb[i] = nbl_buf_alloc(e->bp, s->mdl[i][0], sp[i].off,
						 sp[i].len);
			ck_assert_ptr_nonnull(s->nb[i]);
			s->nb[i - 1]->next = s->nb[i];
		}
	}
}

void
src_free(struct src *s)
{
	unsigned int i, k;

	s->nb[0]->next = NULL;
	for (i = 1; i < s->n_nb; i++) {
		s->nb[i]->next = NULL;
		ck_assert_int_eq(nbl_buf_free(s->nb[i]), 0);
	}
	ck_assert_int_eq(nbl_list_free(s->nbl), 0);
	for (i = 0; i < s->n_nb; i++) {
		for (k = 0; k < MAX_MDL && s->mdl[i][k] != NULL; k++)
			nbl_mdl_free(s->mdl[i][k]);
		free(s->mem[i]);
	}
}

struct nb_state
nb_state(const struct nbl_buf *nb)
{
	struct nb_state st = {
		nb->chain, nb->cur, nb->cur_off, nb->data_offset,
		nb->data_length,
	};

	return st;
}

void
nb_state_eq(const struct nbl_buf *nb, const struct nb_state *st)
{
	ck_assert_ptr_eq(nb->chain, st->chain);
	ck_assert_ptr_eq(nb->cur, st->cur);
	ck_assert_uint_eq(nb->cur_off, st->cur_off);
	ck_assert_uint_eq(nb->data_offset, st->off);
	ck_assert_uint_eq(nb->data_length, st->len);
}

/* The source memory still holds the original pattern everywhere. */
void
src_untouched(const struct src *s)
{
	unsigned int i;
	uint32_t pos;

	for (i = 0; i < s->n_nb; i++)
		for (pos = 0; pos < s->mem_len[i]; pos++)
			ck_assert_msg(s->mem[i][pos] == pat(i, pos),
				      "source NB %u byte %u changed", i, pos);
}

/* NB data bytes [off, off+len) equal source NB i from position pos. */
void
nb_bytes_eq(const struct nbl_buf *nb, uint32_t off, uint32_t len,
	    unsigned int i, uint32_t pos)
{
	uint8_t *buf = malloc(len + 1);
	uint32_t k;

	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(nbl_buf_copy_out(nb, off, len, buf), 0);
	for (k = 0; k < len; k++)
		ck_assert_msg(buf[k] == pat(i, pos + k),
			      "byte %u: %u != %u (src %u pos %u)", k, buf[k],
			      pat(i, pos + k), i, pos + k);
	free(buf);
}

unsigned int
nb_count(const struct nbl_list *nbl)
{
	const struct nbl_buf *nb;
	unsigned int n = 0;

	for (nb = nbl->first_nb; nb != NULL; nb = nb->next)
		n++;
	return n;
}

struct nbl_buf *
nb_at(const struct nbl_list *nbl, unsigned int idx)
{
	struct nbl_buf *nb = nbl->first_nb;

	while (idx-- > 0 && nb != NULL)
		nb = nb->next;
	return nb;
}

/* Library-made MDLs must all have been freed: nbl_leak_check() counts
 * them (and overflow contexts, and every pool). */
void
no_leak(void)
{
	ck_assert_uint_eq(nbl_leak_check(stderr), 0);
}

/* Counting retreat allocator and its counterpart. */
unsigned int n_alloc_calls, n_free_calls;

struct nbl_mdl *
count_alloc(uint32_t *size)
{
	n_alloc_calls++;
	return nbl_mdl_default_alloc(size);
}

void
count_free(struct nbl_mdl *mdl)
{
	n_free_calls++;
	nbl_mdl_default_free(mdl);
}

void
expect_misuse(const struct misuse *m)
{
#ifdef NBL_DEBUG
	int status = 0;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		m->fn(m->nbl, m->arg);
		_exit(0);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT,
		      "debug build did not abort on misuse");
#else
	struct nbl_pool_stats a, b;

	ck_assert_int_eq(nbl_list_pool_stats_get(m->nbl->pool, &a), 0);
	ck_assert_int_eq(m->fn(m->nbl, m->arg), -EINVAL);
	ck_assert_int_eq(nbl_list_pool_stats_get(m->nbl->pool, &b), 0);
	ck_assert_uint_eq(b.refused, a.refused + 1);
#endif
}

int
fragment_free_fn(struct nbl_list *nbl, uint32_t delta)
{
	return nbl_list_fragment_free(nbl, delta);
}

int
plain_free_fn(struct nbl_list *nbl, uint32_t unused)
{
	return nbl_list_free(nbl);
}

int
reassemble_free_fn(struct nbl_list *nbl, uint32_t delta)
{
	return nbl_list_reassemble_free(nbl, delta);
}

/* ------------------------------------------------------------------ */
/* Failure paths                                                       */
/* ------------------------------------------------------------------ */

/* The NB pool runs out in the middle of a fragment: NULL, ENOBUFS,
 * nothing left allocated (NBL, NBs, mirrors, retreat MDLs). */
START_TEST(test_fragment_nb_pool_exhausted)
{
	static const struct nb_spec sp[1] = { { .off = 0, .len = 3000 } };
	struct nb_state before;
	struct nbl_pool_stats st0, st1;
	struct nbl_list_pool *lp, *src_lp;
	struct nbl_buf_pool *small;
	struct nbl_list *frag;
	int64_t mdls;
	struct env e;
	struct src s;

	env_init(&e, 63);
	src_make(&s, &e, 1, sp);
	before = nb_state(s.nb[0]);
	lp = e.lp;
	src_lp = e.src_lp;
	small = mk_buf_pool(0, 2, 0x6c6c6d53); /* "Smll" */
	ck_assert_int_eq(nbl_buf_pool_stats_get(small, &st0), 0);
	mdls = nbl_mdl_counter_get();

	rte_errno = 0;
	frag = nbl_list_fragment(s.nbl, lp, small, 0, 1000, 20, 16);
	ck_assert_ptr_null(frag);
	ck_assert_int_eq(rte_errno, ENOBUFS);
	ck_assert_int_eq(nbl_buf_pool_stats_get(small, &st1), 0);
	ck_assert_uint_eq(st1.outstanding, 0);
	ck_assert_uint_eq(st1.fails, st0.fails + 1);
	ck_assert_uint_eq(st1.avail, 2);
	ck_assert_uint_eq(list_out(lp), 0);
	ck_assert_uint_eq(list_out(src_lp), 1);
	nb_state_eq(s.nb[0], &before);
	src_untouched(&s);
	/* Nothing of the attempt is left: mirrors and the two pieces'
	 * retreat MDLs were freed. */
	ck_assert_int_eq(nbl_mdl_counter_get(), mdls);

	/* Two pieces fit. */
	frag = nbl_list_fragment(s.nbl, lp, small, 1000, 1000, 20, 16);
	ck_assert_ptr_nonnull(frag);
	ck_assert_uint_eq(nb_count(frag), 2);
	ck_assert_int_eq(nbl_list_fragment_free(frag, 20), 0);

	ck_assert_int_eq(nbl_buf_pool_free(small), 0);
	src_free(&s);
	env_fini(&e);
	no_leak();
}
END_TEST

/* The NBL pool or the NB pool is exhausted for a clone; bad arguments. */
START_TEST(test_clone_failures)
{
	static const struct nb_spec sp[3] = {
		{ .off = 4, .len = 40 },
		{ .off = 4, .len = 40 },
		{ .off = 4, .len = 40 },
	};
	struct nbl_list_pool *one, *tn;
	struct nbl_buf_pool *two, *data;
	struct nbl_list *hog, *clone;
	int64_t mdls;
	struct env e;
	struct src s;

	env_init(&e, 63);
	src_make(&s, &e, 3, sp);

	/* NBL pool empty. */
	one = mk_list_pool(false, 0, 1, 0x656e4f44); /* "DOne" */
	hog = nbl_list_alloc(one, 0, 0);
	ck_assert_ptr_nonnull(hog);
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_clone(s.nbl, one, e.bp, 0));
	ck_assert_int_eq(rte_errno, ENOBUFS);
	ck_assert_uint_eq(buf_out(e.bp), 2);
	ck_assert_int_eq(nbl_list_free(hog), 0);

	/* NB pool runs out at the third NB: the first two are undone. */
	two = mk_buf_pool(0, 2, 0x6f775444); /* "DTwo" */
	mdls = nbl_mdl_counter_get();
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_clone(s.nbl, one, two, 0));
	ck_assert_int_eq(rte_errno, ENOBUFS);
	ck_assert_uint_eq(buf_out(two), 0);
	ck_assert_uint_eq(list_out(one), 0);
	ck_assert_int_eq(nbl_mdl_counter_get(), mdls);

	/* Wrong pool shapes: ENOTSUP; bad arguments: EINVAL. */
	tn = mk_list_pool(true, 128, 3, 0x4e545444); /* "DTTN" */
	data = mk_buf_pool(128, 3, 0x74614444);     /* "DDat" */
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_clone(s.nbl, tn, e.bp, 0));
	ck_assert_int_eq(rte_errno, ENOTSUP);
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_clone(s.nbl, e.lp, data, 0));
	ck_assert_int_eq(rte_errno, ENOTSUP);
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_fragment(s.nbl, tn, e.bp, 0, 10, 0, 0));
	ck_assert_int_eq(rte_errno, ENOTSUP);
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_reassemble(s.nbl, tn, 0, 0, 0));
	ck_assert_int_eq(rte_errno, ENOTSUP);
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_clone(NULL, e.lp, e.bp, 0));
	ck_assert_int_eq(rte_errno, EINVAL);
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_clone(s.nbl, e.lp, e.bp, 0x80));
	ck_assert_int_eq(rte_errno, EINVAL);
	rte_errno = 0;
	ck_assert_ptr_null(nbl_list_fragment(s.nbl, e.lp, e.bp, 0,
					     UINT32_MAX, 1, 0));
	ck_assert_int_eq(rte_errno, EINVAL);

	/* A (T,0) NBL pool is accepted; its embedded NB is not used. */
	clone = nbl_list_clone(s.nbl, e.src_lp, e.bp, 0);
	ck_assert_ptr_nonnull(clone);
	ck_assert_uint_eq(nb_count(clone), 3);
	ck_assert_ptr_ne(clone->first_nb, nbl_list_embedded_nb(clone));
	ck_assert_ptr_eq(clone->first_nb->pool, e.bp);
	/* A plain free of a derived NBL is refused. */
	expect_misuse(&(struct misuse){ plain_free_fn, clone, 0 });
	ck_assert_int_eq(nbl_list_clone_free(clone, 0), 0);

	ck_assert_int_eq(nbl_list_pool_free(one), 0);
	ck_assert_int_eq(nbl_buf_pool_free(two), 0);
	ck_assert_int_eq(nbl_list_pool_free(tn), 0);
	ck_assert_int_eq(nbl_buf_pool_free(data), 0);
	src_free(&s);
	env_fini(&e);
	no_leak();
}
END_TEST

void
nbl_derived_add_tcases(Suite *s)
{
	TCase *tc;

	tc = tcase_create("derived_clone");
	nbl_clone_add_tests(tc);
	suite_add_tcase(s, tc);

	tc = tcase_create("derived_fragment");
	nbl_fragment_add_tests(tc);
	suite_add_tcase(s, tc);

	tc = tcase_create("derived_reassemble");
	nbl_reassemble_add_tests(tc);
	suite_add_tcase(s, tc);

	tc = tcase_create("derived_failures");
	tcase_add_test(tc, test_fragment_nb_pool_exhausted);
	tcase_add_test(tc, test_clone_failures);
	suite_add_tcase(s, tc);

	tc = tcase_create("derived_internal_pools");
	nbl_internal_add_tests(tc);
	suite_add_tcase(s, tc);
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Check tests of derived NBLs (clone, fragment, reassemble) and of the
 * internal pools: edge cases 29 to 34 of the rule book, failure paths and
 * NULL pool handles.  Linked into the 'nbl' suite, whose main() runs
 * rte_eal_init once and calls nbl_derived_add_tcases().  Every test frees
 * what it made and ends with the leak check.
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

#include "nbl.h"
#include "nbl_private.h" /* the internal pool getters */

void nbl_derived_add_tcases(Suite *s);

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

#define MAX_NB  8
#define MAX_MDL 4

/* Pools of one test: sources come from a (T,0) NBL pool plus an NB pool,
 * derived NBLs from an (F,0) NBL pool and the same NB pool. */
struct env {
	struct nbl_list_pool *src_lp; /* (T,0) */
	struct nbl_list_pool *lp;     /* (F,0) */
	struct nbl_buf_pool *bp;      /* DataSize 0 */
};

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

static void
env_init(struct env *e, uint32_t nb_count)
{
	e->src_lp = mk_list_pool(true, 0, 63, 0x53726344);  /* "DcrS" */
	e->lp = mk_list_pool(false, 0, 63, 0x4c726544);     /* "DerL" */
	e->bp = mk_buf_pool(0, nb_count, 0x42726544);       /* "DerB" */
}

static uint64_t
list_out(const struct nbl_list_pool *p)
{
	struct nbl_pool_stats st;

	ck_assert_int_eq(nbl_list_pool_stats_get(p, &st), 0);
	return st.outstanding;
}

static uint64_t
buf_out(const struct nbl_buf_pool *p)
{
	struct nbl_pool_stats st;

	ck_assert_int_eq(nbl_buf_pool_stats_get(p, &st), 0);
	return st.outstanding;
}

static void
env_fini(struct env *e)
{
	ck_assert_int_eq(nbl_list_pool_free(e->src_lp), 0);
	ck_assert_int_eq(nbl_list_pool_free(e->lp), 0);
	ck_assert_int_eq(nbl_buf_pool_free(e->bp), 0);
}

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

/* Byte at position pos (from the chain start) of source NB i. */
static uint8_t
pat(unsigned int i, uint32_t pos)
{
	return (uint8_t)(i * 61u + pos * 7u + pos / 251u + 3u);
}

static void
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

static void
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

/* Snapshot of an NB's five fields and chain head. */
struct nb_state {
	struct nbl_mdl *chain, *cur;
	uint32_t cur_off, off, len;
};

static struct nb_state
nb_state(const struct nbl_buf *nb)
{
	struct nb_state st = {
		nb->chain, nb->cur, nb->cur_off, nb->data_offset,
		nb->data_length,
	};

	return st;
}

static void
nb_state_eq(const struct nbl_buf *nb, const struct nb_state *st)
{
	ck_assert_ptr_eq(nb->chain, st->chain);
	ck_assert_ptr_eq(nb->cur, st->cur);
	ck_assert_uint_eq(nb->cur_off, st->cur_off);
	ck_assert_uint_eq(nb->data_offset, st->off);
	ck_assert_uint_eq(nb->data_length, st->len);
}

/* The source memory still holds the original pattern everywhere. */
static void
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
static void
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

static unsigned int
nb_count(const struct nbl_list *nbl)
{
	const struct nbl_buf *nb;
	unsigned int n = 0;

	for (nb = nbl->first_nb; nb != NULL; nb = nb->next)
		n++;
	return n;
}

static struct nbl_buf *
nb_at(const struct nbl_list *nbl, unsigned int idx)
{
	struct nbl_buf *nb = nbl->first_nb;

	while (idx-- > 0 && nb != NULL)
		nb = nb->next;
	return nb;
}

/* Library-made MDLs must all have been freed: nbl_leak_check() counts
 * them (and overflow contexts, and every pool). */
static void
no_leak(void)
{
	ck_assert_uint_eq(nbl_leak_check(stderr), 0);
}

/* Counting retreat allocator and its counterpart. */
static unsigned int n_alloc_calls, n_free_calls;

static struct nbl_mdl *
count_alloc(uint32_t *size)
{
	n_alloc_calls++;
	return nbl_mdl_default_alloc(size);
}

static void
count_free(struct nbl_mdl *mdl)
{
	n_free_calls++;
	nbl_mdl_default_free(mdl);
}

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

static void
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

static int
fragment_free_fn(struct nbl_list *nbl, uint32_t delta)
{
	return nbl_list_fragment_free(nbl, delta);
}

static int
plain_free_fn(struct nbl_list *nbl, uint32_t unused)
{
	return nbl_list_free(nbl);
}

static int
reassemble_free_fn(struct nbl_list *nbl, uint32_t delta)
{
	return nbl_list_reassemble_free(nbl, delta);
}

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
nbl_derived_add_tcases(Suite *s)
{
	TCase *tc;

	tc = tcase_create("derived_clone");
	tcase_add_test(tc, test_case29_clone_two_nbs);
	tcase_add_test(tc, test_clone_multi_mdl);
	tcase_add_test(tc, test_case30_clone_retreat_allocates);
	tcase_add_test(tc, test_case31_clone_free_flags_mismatch);
	tcase_add_test(tc, test_clone_free_with_leftover_retreat);
	suite_add_tcase(s, tc);

	tc = tcase_create("derived_fragment");
	tcase_add_test(tc, test_case32_fragment_3000);
	tcase_add_test(tc, test_fragment_backfill);
	tcase_add_test(tc, test_case33_fragment_per_nb);
	tcase_add_test(tc, test_fragment_multi_mdl);
	suite_add_tcase(s, tc);

	tc = tcase_create("derived_reassemble");
	tcase_add_test(tc, test_case34_reassemble_three);
	suite_add_tcase(s, tc);

	tc = tcase_create("derived_failures");
	tcase_add_test(tc, test_fragment_nb_pool_exhausted);
	tcase_add_test(tc, test_clone_failures);
	suite_add_tcase(s, tc);

	tc = tcase_create("derived_internal_pools");
	tcase_add_test(tc, test_internal_pools_null_handles);
	tcase_add_test(tc, test_internal_pools_concurrent_create);
	suite_add_tcase(s, tc);
}

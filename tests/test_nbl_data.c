/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * MDLs and data access ('nbl' suite, TCases "mdl" and "data"): MDL
 * chains and the default retreat allocator; copies in and out, the
 * current MDL, and nbl_buf_data_get() on a short NB (edge case 24), on
 * contiguous and split data (25) and at an alignment (26).
 */

#include <errno.h>
#include <string.h>

#include <rte_errno.h>

#include "test_nbl.h"

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

void
nbl_mdl_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_mdl_create_free_chain_len);
	tcase_add_test(tc, test_default_allocator);
}

void
nbl_data_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_copy_in_out);
	tcase_add_test(tc, test_adjust_cur);
	tcase_add_test(tc, test_case24_data_get_too_short);
	tcase_add_test(tc, test_case25_data_get_contiguous_vs_split);
	tcase_add_test(tc, test_case26_data_get_alignment);
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * The bulk path and the mbuf hand-off ('nbl' suite, TCases "bulk" and
 * "mbuf"): bulk allocation and free are all-or-nothing, a bulk free of
 * NBLs with leftovers takes the checking path; an NB to and from an mbuf,
 * fire-and-forget sending through net_null, and the release of the
 * library's internal pools.
 */

/* GCC 12 takes rte_memcpy()'s block moves, inlined into
 * rte_mempool_put_bulk() by nbl_list_free_bulk() with a small constant
 * count, for reads past the caller's array: a false -Warray-bounds (which
 * calls are inlined depends on the optimisation level and on the size of
 * the file, -O3 hits more).  Off for this file, before the headers that
 * hold the inlined code. */
#pragma GCC diagnostic ignored "-Warray-bounds"

#include <errno.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>

#include "test_nbl.h"

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

void
nbl_bulk_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_bulk_all_or_nothing);
	if (RELEASE_BUILD)
		tcase_add_test(tc, test_bulk_free_checked_path);
}

void
nbl_mbuf_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_mbuf_to_from);
	tcase_add_test(tc, test_handoff_net_null);
	tcase_add_test(tc, test_internal_pools_release);
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Sending, edge cases 11 and 35-38 of the rule book ('bind' suite, TCase
 * "edge"): a foreign SourceHandle refused (11), each NBL completed exactly
 * once and unchanged (35), zero-copy mbufs back to their pool, sends while
 * Paused (36), pausing an idle queue (37) and a short burst (38).
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>

#include "test_bind.h"

/* ------------------------------------------------------------------ */
/* Edge cases 11 and 35-38                                             */
/* ------------------------------------------------------------------ */

/* 35: each NBL comes back once, NB list, MDLs, offset, length unchanged. */
static void
edge35_on(uint16_t port, enum nbl_bind_zc zc)
{
	struct nbl_bind_conf c;
	struct nbl_bind *b;
	struct nbl_list *n[3];
	struct {
		struct nbl_buf *nb;
		struct nbl_mdl *chain, *cur;
		uint32_t off, len, cur_off;
		uint8_t bytes[200];
	} before[3];
	unsigned int i, j;

	conf_default(&c, "edge35");
	c.zero_copy = zc;
	b = bind_running(port, &c);
	for (i = 0; i < 3; i++) {
		n[i] = tn_frame(b, 60 + 40 * i, &other_mac, i);
		before[i].nb = n[i]->first_nb;
		before[i].chain = n[i]->first_nb->chain;
		before[i].cur = n[i]->first_nb->cur;
		before[i].off = n[i]->first_nb->data_offset;
		before[i].len = n[i]->first_nb->data_length;
		before[i].cur_off = n[i]->first_nb->cur_off;
		memcpy(before[i].bytes, tn_data(n[i]), before[i].len);
		if (i > 0)
			n[i - 1]->next = n[i];
	}
	nbl_bind_send(b, 0, n[0], 0);
	if (port == port_ring) {
		/* by reference, the ring (the device) holds them until read;
		 * net_null's RX would generate frames forever: not read */
		nbl_bind_poll(b, 0);
		ck_assert_uint_eq(drain(port, NULL, 0), 3);
	}
	wait_done(b, 0, 3);
	for (i = 0; i < 3; i++) {
		unsigned int seen = 0;

		for (j = 0; j < C.n; j++)
			seen += C.nbl[j] == n[i];
		ck_assert_uint_eq(seen, 1);
		ck_assert_int_eq(n[i]->status, NBL_STATUS_SUCCESS);
		ck_assert_ptr_eq(n[i]->first_nb, before[i].nb);
		ck_assert_ptr_null(n[i]->first_nb->next);
		ck_assert_ptr_eq(n[i]->first_nb->chain, before[i].chain);
		ck_assert_ptr_null(n[i]->first_nb->chain->next);
		ck_assert_ptr_eq(n[i]->first_nb->cur, before[i].cur);
		ck_assert_uint_eq(n[i]->first_nb->data_offset, before[i].off);
		ck_assert_uint_eq(n[i]->first_nb->data_length, before[i].len);
		ck_assert_uint_eq(n[i]->first_nb->cur_off, before[i].cur_off);
		ck_assert_mem_eq(tn_data(n[i]), before[i].bytes, before[i].len);
		ck_assert_ptr_eq(n[i]->source_handle, b);
		ck_assert_uint_eq(rte_mbuf_refcnt_read(n[i]->mbuf), 1);
		ck_assert_ptr_eq(n[i]->mbuf->pool, nbl_bind_pool(b)->mp);
	}
	bind_end(b);
}

START_TEST(test_edge35_send3_exactly_once_null)
{
	edge35_on(port_null, NBL_BIND_ZC_AUTO);
}
END_TEST

START_TEST(test_edge35_send3_exactly_once_ring)
{
	edge35_on(port_ring, NBL_BIND_ZC_AUTO);
	coll_reset();
	edge35_on(port_ring, NBL_BIND_ZC_FORCE);
}
END_TEST

/*
 * Zero copy on a driver that frees in tx_burst (net_null): completion
 * through the return pool.  Every NBL comes back exactly once, only after
 * the PMD freed it (its mbuf has its own pool again and refcnt 1), in
 * chains longer than a burst with copies in between; the counters add
 * up and close finds every pool full.
 */
START_TEST(test_zc_return_pool)
{
	enum { N = 300 };
	struct nbl_list *n[N];
	struct nbl_bind_conf c;
	struct nbl_bind_reqs r;
	struct nbl_bind_stats s;
	struct nbl_bind *b;
	unsigned int i, j, round, copies = 0;

	conf_default(&c, "zcret");
	b = bind_running(port_null, &c);
	ck_assert_int_eq(nbl_bind_reqs_get(b, &r), 0);
	ck_assert(r.zero_copy);
	ck_assert(r.zc_return);
	for (round = 0; round < 3; round++) {
		coll_reset();
		C.b = b;
		for (i = 0; i < N; i++) {
			n[i] = tn_frame(b, 60 + i % 100, &other_mac, i);
			/* every 37th: a new leading buffer, sent as a copy */
			if (i % 37 == 5) {
				ck_assert_int_eq(nbl_list_retreat(n[i],
					r.data_backfill + 24, 0, NULL, NULL),
					0);
				copies++;
			}
			if (i > 0)
				n[i - 1]->next = n[i];
		}
		nbl_bind_send(b, 0, n[0], 0);
		wait_done(b, 0, N);
		for (i = 0; i < N; i++) {
			unsigned int seen = 0;

			for (j = 0; j < C.n; j++)
				seen += C.nbl[j] == n[i];
			ck_assert_uint_eq(seen, 1);
			ck_assert_int_eq(n[i]->status, NBL_STATUS_SUCCESS);
			ck_assert_ptr_eq(n[i]->mbuf->pool,
					 nbl_bind_pool(b)->mp);
			ck_assert_uint_eq(rte_mbuf_refcnt_read(n[i]->mbuf), 1);
			ck_assert_uint_eq(n[i]->mbuf->ol_flags, 0);
		}
		/* nothing more comes back */
		nbl_bind_poll(b, 0);
		ck_assert_uint_eq(C.n, N);
		ck_assert_uint_eq(nbl_bind_outstanding(b), 0);
		for (i = 5; i < N; i += 37)
			ck_assert_int_eq(nbl_list_advance(n[i],
				r.data_backfill + 24, true, NULL), 0);
		free_all(0);
		C.n = 0;
	}
	ck_assert_int_eq(nbl_bind_stats_get(b, 0, &s), 0);
	ck_assert_uint_eq(s.submitted, 3 * N);
	ck_assert_uint_eq(s.sent, 3 * N);
	ck_assert_uint_eq(s.copies, copies);
	ck_assert_uint_eq(s.zero_copy, 3 * N - copies);
	bind_end(b);
}
END_TEST

/* 36: sends while Paused complete with PAUSED; none lost. */
START_TEST(test_edge36_send_while_paused)
{
	struct nbl_bind_conf c;
	struct nbl_bind_stats s;
	struct nbl_bind *b;
	struct nbl_list *head = NULL, **tail = &head;
	unsigned int i;

	conf_default(&c, "edge36");
	b = bind_running(port_null, &c);
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	for (i = 0; i < 5; i++) {
		*tail = tn_frame(b, 64, &other_mac, i);
		tail = &(*tail)->next;
	}
	nbl_bind_send(b, 0, head, 0);
	ck_assert_uint_eq(nbl_bind_poll(b, 0), 5);
	ck_assert_uint_eq(C.n, 5);
	for (i = 0; i < 5; i++)
		ck_assert_int_eq(C.st[i], NBL_STATUS_PAUSED);
	ck_assert_int_eq(nbl_bind_stats_get(b, 0, &s), 0);
	ck_assert_uint_eq(s.failed[NBL_BIND_FAIL_PAUSED], 5);
	ck_assert_uint_eq(s.packets, 0);
	/* the fire-and-forget path sends nothing either */
	{
		struct nbl_list *ff[4];
		struct nbl_bind_txq *q = nbl_bind_txq(b, 0);

		ck_assert_ptr_nonnull(q);
		ck_assert_int_eq(nbl_list_alloc_bulk(nbl_bind_pool(b), ff, 4,
						     0, 0), 0);
		ck_assert_uint_eq(nbl_bind_send_ff(q, ff, 4), 0);
		ck_assert_uint_eq(q->stats.ff_dropped, 4);
	}
	bind_end(b);
}
END_TEST

/*
 * 37: pause with a send outstanding on an idle queue.  net_ring keeps the
 * mbuf until read: the forced zero-copy NBL stays outstanding, the pause
 * waits (and times out), and completes once the device released it.  On
 * net_null (frees in tx_burst) the pause completes at once.
 */
START_TEST(test_edge37_pause_idle_queue)
{
	struct nbl_bind_conf c;
	struct nbl_bind *b;

	conf_default(&c, "edge37");
	c.zero_copy = NBL_BIND_ZC_FORCE;
	c.pause_timeout_ms = 50;
	b = bind_running(port_ring, &c);
	nbl_bind_send(b, 0, tn_frame(b, 60, &other_mac, 1), 0);
	nbl_bind_poll(b, 0);
	ck_assert_uint_eq(C.n, 0);
	ck_assert_uint_eq(nbl_bind_outstanding(b), 1);
	ck_assert_int_eq(nbl_bind_pause(b), -ETIMEDOUT);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_PAUSING);
	ck_assert_uint_eq(C.n, 0);
	/* sends during Pausing complete with PAUSED */
	nbl_bind_send(b, 0, tn_frame(b, 60, &other_mac, 2), 0);
	/* the pause asked the PMD to clean its ring up (net_ring's
	 * rte_eth_tx_done_cleanup works and frees nothing by itself) */
	{
		struct nbl_bind_stats s;
		struct nbl_bind_reqs r;

		ck_assert_int_eq(nbl_bind_reqs_get(b, &r), 0);
		ck_assert_int_eq(nbl_bind_stats_get(b, 0, &s), 0);
		if (r.cleanup)
			ck_assert_uint_gt(s.cleanups, 0);
	}
	ck_assert_uint_eq(drain(port_ring, NULL, 0), 1);
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_PAUSED);
	ck_assert_uint_eq(C.n, 2);
	ck_assert(C.st[0] == NBL_STATUS_PAUSED || C.st[1] == NBL_STATUS_PAUSED);
	ck_assert(C.st[0] == NBL_STATUS_SUCCESS || C.st[1] == NBL_STATUS_SUCCESS);
	bind_end(b);

	coll_reset();
	conf_default(&c, "edge37n");
	b = bind_running(port_null, &c);
	nbl_bind_send(b, 0, tn_frame(b, 60, &other_mac, 1), 0);
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	ck_assert_uint_eq(C.n, 1);
	ck_assert_int_eq(C.st[0], NBL_STATUS_SUCCESS);
	bind_end(b);
}
END_TEST

/*
 * 38: short bursts on a full ring (15 slots, nobody reads): no NBL lost or
 * completed twice, FIFO order kept, backlog overflow completes with
 * RESOURCES and is counted.
 */
static void
edge38_on(enum nbl_bind_zc zc)
{
	static struct rxf rx[64];
	struct nbl_bind_conf c;
	struct nbl_bind_stats s;
	struct nbl_bind *b;
	struct nbl_list *head = NULL, **tail = &head;
	unsigned int i, got = 0, ok = 0, res = 0;
	uint32_t expect = 0;

	conf_default(&c, "edge38");
	c.zero_copy = zc;
	c.backlog = 16;
	b = bind_running(port_small, &c);
	for (i = 0; i < 40; i++) {
		*tail = tn_frame(b, 60 + i, &other_mac, i);
		tail = &(*tail)->next;
	}
	nbl_bind_send(b, 0, head, 0);
	nbl_bind_poll(b, 0);
	ck_assert_int_eq(nbl_bind_stats_get(b, 0, &s), 0);
	ck_assert_uint_eq(s.packets, 15);
	ck_assert_uint_eq(s.backlog_overflows, 9);
	ck_assert_uint_eq(s.failed[NBL_BIND_FAIL_RESOURCES], 9);
	/* the device reads: the backlog drains in order */
	while (got < 31) {
		unsigned int k = drain(port_small, rx, 64);

		for (i = 0; i < k; i++) {
			ck_assert_uint_eq(frame_seq(rx[i].b), expect);
			ck_assert_uint_eq(rx[i].len, 60 + expect);
			expect++;
		}
		got += k;
		nbl_bind_poll(b, 0);
		if (k == 0 && nbl_bind_outstanding(b) == 0)
			break;
	}
	ck_assert_uint_eq(got, 31);
	for (i = 0; i < 40; i++) {
		unsigned int j, seen = 0;

		for (j = 0; j < C.n; j++)
			if ((uintptr_t)C.nbl[j]->protocol_reserved[1] == i) {
				seen++;
				if (C.st[j] == NBL_STATUS_SUCCESS)
					ok++;
				else if (C.st[j] == NBL_STATUS_RESOURCES)
					res++;
				/* overflow hits the tail, never the head */
				ck_assert_int_eq(C.st[j], i < 31 ?
						 NBL_STATUS_SUCCESS :
						 NBL_STATUS_RESOURCES);
			}
		ck_assert_uint_eq(seen, 1);
	}
	ck_assert_uint_eq(ok, 31);
	ck_assert_uint_eq(res, 9);
	ck_assert_int_eq(nbl_bind_stats_get(b, 0, &s), 0);
	ck_assert_uint_gt(s.backlog_retries, 0);
	ck_assert_uint_eq(s.submitted, 40);
	ck_assert_uint_eq(s.sent, 31);
	bind_end(b);
}

START_TEST(test_edge38_short_burst_copy)
{
	edge38_on(NBL_BIND_ZC_OFF);
}
END_TEST

START_TEST(test_edge38_short_burst_zero_copy)
{
	edge38_on(NBL_BIND_ZC_FORCE);
}
END_TEST

/* Case 11 (send part): a SourceHandle that is not the binding is refused
 * (release build: INVALID_PARAMETER; a debug build aborts). */
START_TEST(test_edge11_source_handle)
{
#ifndef NBL_DEBUG
	struct nbl_bind_conf c;
	struct nbl_bind *b;
	struct nbl_list *nbl;
	int other;

	conf_default(&c, "edge11");
	b = bind_running(port_null, &c);
	nbl = tn_frame(b, 60, &other_mac, 1);
	nbl->source_handle = &other;
	nbl_bind_send(b, 0, nbl, 0);
	wait_done(b, 0, 1);
	ck_assert_int_eq(C.st[0], NBL_STATUS_INVALID_PARAMETER);
	/* an invalid queue is refused the same way */
	nbl_bind_send(b, 7, tn_frame(b, 60, &other_mac, 2), 0);
	wait_done(b, 7, 2);
	ck_assert_int_eq(C.st[1], NBL_STATUS_INVALID_PARAMETER);
	bind_end(b);
#endif
}
END_TEST

void
bind_send_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_edge11_source_handle);
	tcase_add_test(tc, test_edge35_send3_exactly_once_null);
	tcase_add_test(tc, test_edge35_send3_exactly_once_ring);
	tcase_add_test(tc, test_zc_return_pool);
	tcase_add_test(tc, test_edge36_send_while_paused);
	tcase_add_test(tc, test_edge37_pause_idle_queue);
	tcase_add_test(tc, test_edge38_short_burst_copy);
	tcase_add_test(tc, test_edge38_short_burst_zero_copy);
}

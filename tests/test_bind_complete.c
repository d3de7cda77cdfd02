/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * What comes back to the protocol, edge cases 39-44 of the rule book
 * ('bind' suite, TCase "edge"): a second NB rejected (39), a frame above
 * the MTU (40), cancelled sends (41), a re-send from the completion
 * handler (42), a restart with a larger back-fill (43) and after a queue
 * count and MTU change, and loopback indications (44).
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>

#include "test_bind.h"

/* ------------------------------------------------------------------ */
/* Edge cases 39-44                                                    */
/* ------------------------------------------------------------------ */

/* 39: an NBL of 2 NBs whose second is rejected: one completion, RESOURCES. */
START_TEST(test_edge39_second_nb_rejected)
{
	struct nbl_bind_conf c;
	struct nbl_bind_stats s;
	struct nbl_bind *b;
	struct two_nb t;

	conf_default(&c, "edge39");
	c.copy_count = 1; /* one copy buffer: NB 2 finds none */
	b = bind_running(port_small, &c);
	two_nb_make(&t, 100, 120, 5);
	nbl_bind_send(b, 0, t.nbl, 0);
	wait_done(b, 0, 1);
	ck_assert_ptr_eq(C.nbl[0], t.nbl);
	ck_assert_int_eq(C.st[0], NBL_STATUS_RESOURCES);
	ck_assert_int_eq(nbl_bind_stats_get(b, 0, &s), 0);
	ck_assert_uint_eq(s.failed[NBL_BIND_FAIL_RESOURCES], 1);
	ck_assert_uint_eq(s.packets, 1); /* NB 1 went out */
	ck_assert_uint_eq(drain(port_small, NULL, 0), 1);
	nbl_bind_poll(b, 0);
	ck_assert_uint_eq(C.n, 1);
	C.n = 0; /* not from the binding's pool */
	two_nb_free(&t);
	bind_end(b);
}
END_TEST

/* 40: a frame larger than the MTU completes with INVALID_LENGTH. */
START_TEST(test_edge40_frame_above_mtu)
{
	struct nbl_bind_conf c;
	struct nbl_bind *b;
	struct nbl_bind_reqs r;
	struct nbl_list *ok, *big;
	struct two_nb t;

	conf_default(&c, "edge40");
	b = bind_running(port_null, &c);
	ck_assert_int_eq(nbl_bind_reqs_get(b, &r), 0);
	ok = tn_frame(b, r.max_frame, &other_mac, 1);
	big = tn_frame(b, r.max_frame, &other_mac, 2);
	/* one more byte, from the back-fill */
	ck_assert_int_eq(nbl_list_retreat(big, 1, 0, NULL, NULL), 0);
	ck_assert_uint_eq(big->first_nb->data_length, r.max_frame + 1);
	nbl_bind_send(b, 0, ok, 0);
	nbl_bind_send(b, 0, big, 0);
	wait_done(b, 0, 2);
	/* completions come in any order */
	ck_assert_int_eq(ok->status, NBL_STATUS_SUCCESS);
	ck_assert_int_eq(big->status, NBL_STATUS_INVALID_LENGTH);
	/* the copy path checks the same limit */
	two_nb_make(&t, 100, r.max_frame + 1, 3);
	nbl_bind_send(b, 0, t.nbl, 0);
	wait_done(b, 0, 3);
	ck_assert_int_eq(C.st[2], NBL_STATUS_INVALID_LENGTH);
	C.n = 2;
	two_nb_free(&t);
	bind_end(b);
}
END_TEST

/* 41: cancel completes backlog NBLs with SEND_ABORTED, ring ones SUCCESS. */
static void
edge41_on(enum nbl_bind_zc zc)
{
	struct nbl_bind_conf c;
	struct nbl_bind *b;
	struct nbl_list *head = NULL, **tail = &head;
	static int id;
	unsigned int i, j;

	conf_default(&c, "edge41");
	c.zero_copy = zc;
	b = bind_running(port_small, &c);
	for (i = 0; i < 30; i++) {
		*tail = tn_frame(b, 64, &other_mac, i);
		if (i >= 10)
			*nbl_list_info_ref(*tail, NBL_INFO_CANCEL_ID) = &id;
		tail = &(*tail)->next;
	}
	nbl_bind_send(b, 0, head, 0);
	ck_assert_uint_eq(nbl_bind_cancel(b, NULL), 0);
	ck_assert_uint_eq(nbl_bind_cancel(b, &id), 15);
	/* ring: 0..14 (10..14 tagged but already given to the PMD) */
	while (C.n < 30) {
		drain(port_small, NULL, 0);
		nbl_bind_poll(b, 0);
	}
	for (j = 0; j < C.n; j++) {
		uint32_t seq = (uint32_t)(uintptr_t)C.nbl[j]->protocol_reserved[1];

		ck_assert_int_eq(C.st[j], seq < 15 ? NBL_STATUS_SUCCESS :
				 NBL_STATUS_SEND_ABORTED);
		*nbl_list_info_ref(C.nbl[j], NBL_INFO_CANCEL_ID) = NULL;
		/* a cancelled zero-copy NBL got its reference back */
		ck_assert_uint_eq(rte_mbuf_refcnt_read(C.nbl[j]->mbuf), 1);
	}
	bind_end(b);
}

START_TEST(test_edge41_cancel_copy)
{
	edge41_on(NBL_BIND_ZC_OFF);
}
END_TEST

START_TEST(test_edge41_cancel_zero_copy)
{
	edge41_on(NBL_BIND_ZC_FORCE);
}
END_TEST

/* 42: a completion handler that re-sends: no deadlock or recursion, and
 * the reused (rewritten) NBL is sent correctly. */
START_TEST(test_edge42_resend_from_completion)
{
	static struct rxf rx[64];
	struct nbl_bind_conf c;
	struct nbl_bind *b;
	struct nbl_list *head = NULL, **tail = &head;
	unsigned int i, got = 0, orig = 0, again = 0;

	conf_default(&c, "edge42");
	c.zero_copy = NBL_BIND_ZC_OFF;
	b = bind_running(port_ring, &c);
	C.resend = true;
	C.queue = 0;
	for (i = 0; i < 20; i++) {
		*tail = tn_frame(b, 80, &other_mac, i);
		tail = &(*tail)->next;
	}
	nbl_bind_send(b, 0, head, 0);
	wait_done(b, 0, 40); /* each NBL completes twice: sent twice */
	while ((i = drain(port_ring, rx + got, 64 - got)) != 0)
		got += i;
	ck_assert_uint_eq(got, 40);
	for (i = 0; i < got; i++) {
		uint32_t s = frame_seq(rx[i].b);

		if (s < 20)
			orig++;
		else if (s >= 1000 && s < 1020)
			again++;
	}
	ck_assert_uint_eq(orig, 20);
	ck_assert_uint_eq(again, 20);
	C.n = 0;
	for (i = 0; i < 40; i++) /* each NBL appears twice: free once */
		if (C.nbl[i]->protocol_reserved[0] != NULL) {
			C.nbl[i]->protocol_reserved[0] = NULL;
			C.nbl[C.n++] = C.nbl[i];
		}
	ck_assert_uint_eq(C.n, 20);
	C.resend = false;
	bind_end(b);
}
END_TEST

/* 43: restart with a larger DataBackFillSize re-creates the pools and a
 * retreat within the new back-fill never allocates. */
START_TEST(test_edge43_restart_larger_backfill)
{
	struct nbl_bind_conf c, c2;
	struct nbl_bind_reqs r;
	struct nbl_bind *b;
	struct nbl_list_pool *old;
	struct nbl_list *nbl;
	struct nbl_mdl *mdl;

	conf_default(&c, "edge43");
	b = bind_running(port_null, &c);
	old = nbl_bind_pool(b);
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	c2 = c;
	c2.encap_len = 50;
	c2.encap_what = "VXLAN over IPv4";
	c2.vlan_tags = 1;
	/* the protocol still holds an NBL of the old pool: refused */
	nbl = nbl_list_alloc(old, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	ck_assert_int_eq(nbl_bind_restart(b, &c2), -EBUSY);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_PAUSED);
	ck_assert_ptr_eq(nbl_bind_pool(b), old);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	ck_assert_int_eq(nbl_bind_restart(b, &c2), 0);
	ck_assert_int_eq(nbl_bind_reqs_get(b, &r), 0);
	ck_assert_uint_eq(r.data_backfill, RTE_PKTMBUF_HEADROOM + 50 + 4);
	ck_assert_uint_eq(nbl_bind_pool(b)->init_offset, r.data_backfill);
	nbl = nbl_list_alloc(nbl_bind_pool(b), 0, 0);
	ck_assert_ptr_nonnull(nbl);
	mdl = nbl->first_nb->chain;
	ck_assert_uint_eq(nbl->first_nb->data_offset, r.data_backfill);
	ck_assert_int_eq(nbl_list_retreat(nbl, r.data_backfill, 0, NULL, NULL),
			 0);
	ck_assert_ptr_eq(nbl->first_nb->chain, mdl);
	ck_assert_ptr_null(mdl->next);
	ck_assert_uint_eq(nbl->first_nb->ndis_mdls, 0);
	ck_assert_uint_eq(nbl->first_nb->data_offset, 0);
	ck_assert_int_eq(nbl_list_advance(nbl, r.data_backfill, true, NULL), 0);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	/* a smaller requirement keeps the pools */
	old = nbl_bind_pool(b);
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	ck_assert_int_eq(nbl_bind_restart(b, &c), 0);
	ck_assert_ptr_eq(nbl_bind_pool(b), old);
	bind_end(b);
}
END_TEST

/* Restart after a queue count change and an MTU raise: port
 * reconfigured, pools re-created, the new limits apply. */
START_TEST(test_restart_queues_and_mtu)
{
	struct nbl_bind_conf c, c2;
	struct nbl_bind_reqs r;
	struct nbl_bind *b;
	struct nbl_list *nbl;
	uint16_t mtu = 0;

	conf_default(&c, "reconf");
	b = bind_running(port_null, &c);
	nbl = tn_frame(b, 1514, &other_mac, 1);
	ck_assert_int_eq(nbl_list_retreat(nbl, 100, 0, NULL, NULL), 0);
	nbl_bind_send(b, 0, nbl, 0); /* 1614 bytes: above MTU 1500 */
	wait_done(b, 0, 1);
	ck_assert_int_eq(C.st[0], NBL_STATUS_INVALID_LENGTH);
	ck_assert_int_eq(nbl_list_advance(nbl, 100, true, NULL), 0);
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	free_all(0);
	C.n = 0;
	c2 = c;
	c2.nb_tx_queues = 2;
	c2.mtu = 9000;
	ck_assert_int_eq(nbl_bind_restart(b, &c2), 0);
	ck_assert_uint_eq(nbl_bind_nb_queues(b), 2);
	ck_assert_ptr_nonnull(nbl_bind_txq(b, 1));
	ck_assert_int_eq(rte_eth_dev_get_mtu(port_null, &mtu), 0);
	ck_assert_uint_eq(mtu, 9000);
	ck_assert_int_eq(nbl_bind_reqs_get(b, &r), 0);
	ck_assert_uint_eq(r.max_frame, 9014);
	ck_assert_uint_eq(nbl_bind_pool(b)->data_size,
			  RTE_PKTMBUF_HEADROOM + 9014);
	nbl_bind_send(b, 1, tn_frame(b, 9014, &other_mac, 2), 0);
	wait_done(b, 1, 1);
	ck_assert_int_eq(C.st[0], NBL_STATUS_SUCCESS);
	/* back to one queue and the standard MTU */
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	c.mtu = 1500;
	ck_assert_int_eq(nbl_bind_restart(b, &c), 0);
	ck_assert_uint_eq(nbl_bind_nb_queues(b), 1);
	ck_assert_ptr_null(nbl_bind_txq(b, 1));
	bind_end(b);
}
END_TEST

/* 44: CHECK_FOR_LOOPBACK to our own MAC: one receive indication; without
 * the flag, or to another MAC, none. */
START_TEST(test_edge44_loopback)
{
	struct nbl_bind_conf c;
	struct nbl_bind_stats s;
	struct nbl_bind *b;
	struct rte_ether_addr own;
	struct nbl_list *nbl;

	conf_default(&c, "edge44");
	c.receive = on_receive;
	b = bind_running(port_null, &c);
	ck_assert_int_eq(rte_eth_macaddr_get(port_null, &own), 0);
	nbl_bind_send(b, 0, tn_frame(b, 70, &own, 1), 0);
	wait_done(b, 0, 1);
	ck_assert_uint_eq(C.rx, 0);
	nbl = tn_frame(b, 70, &own, 2);
	nbl_bind_send(b, 0, nbl, NBL_SEND_F_CHECK_FOR_LOOPBACK);
	wait_done(b, 0, 2);
	ck_assert_uint_eq(C.rx, 1);
	ck_assert_uint_eq(C.rx_len, 70);
	ck_assert_mem_eq(C.rx_bytes, tn_data(nbl), 70);
	nbl_bind_send(b, 0, tn_frame(b, 70, &other_mac, 3),
		      NBL_SEND_F_CHECK_FOR_LOOPBACK);
	wait_done(b, 0, 3);
	ck_assert_uint_eq(C.rx, 1);
	ck_assert_int_eq(nbl_bind_stats_get(b, 0, &s), 0);
	ck_assert_uint_eq(s.loopback, 1);
	bind_end(b);
}
END_TEST

void
bind_complete_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_edge39_second_nb_rejected);
	tcase_add_test(tc, test_edge40_frame_above_mtu);
	tcase_add_test(tc, test_edge41_cancel_copy);
	tcase_add_test(tc, test_edge41_cancel_zero_copy);
	tcase_add_test(tc, test_edge42_resend_from_completion);
	tcase_add_test(tc, test_edge43_restart_larger_backfill);
	tcase_add_test(tc, test_edge44_loopback);
	tcase_add_test(tc, test_restart_queues_and_mtu);
}

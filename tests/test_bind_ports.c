/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Close and ports ('bind' suite, TCase "send"): close drains a ring loop
 * and finds every pool full, reports a pool that is not, releases a tap's
 * RX ring; two queues and closing the port without keep_port.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <unistd.h>

#include <rte_dev.h>
#include <rte_log.h>
#include <rte_ring.h>

#include "test_bind.h"

/* Link of a ring port: up while started. */
static bool
link_up(uint16_t port)
{
	struct rte_eth_link l;

	memset(&l, 0, sizeof(l));
	ck_assert_int_eq(rte_eth_link_get_nowait(port, &l), 0);
	return l.link_status == RTE_ETH_LINK_UP;
}

/*
 * Close after sending on net_ring0, a loopback ring nobody reads: copies
 * (send/complete) and the pool's own mbufs (fire and forget, template
 * burst) sit in the port's RX ring.  Close drains the RX queue the binding
 * configured and every pool is full (the fixture's leak check, and close
 * refuses otherwise).  Only a protocol holding an NBL makes it refuse,
 * with the port left running.
 */
START_TEST(test_close_ring_loop_pools_full)
{
	struct rte_ring *ring0 = rte_ring_lookup("ETH_RXTX0_net_ring0");
	struct rte_ring *ring1;
	struct nbl_bind_conf c;
	struct nbl_bind_reqs r;
	struct nbl_bind *b;
	struct nbl_bind_txq *q;
	struct nbl_list *v[32], *held;
	unsigned int i;

	ck_assert_ptr_nonnull(ring0);
	ck_assert_uint_eq(rte_ring_count(ring0), 0);
	conf_default(&c, "ringloop");
	b = bind_running(port_ring, &c);
	ck_assert_int_eq(nbl_bind_reqs_get(b, &r), 0);
	ck_assert(!r.zero_copy); /* copies: NBLs complete at tx_burst */
	ck_assert_uint_eq(r.nb_rx_queues, 1);
	ck_assert_uint_ge(r.rx_count, r.nb_rx_desc + r.burst);
	ck_assert_ptr_nonnull(strstr(r.why_rx, "RX queue"));
	for (i = 0; i < 100; i++)
		nbl_bind_send(b, 0, tn_frame(b, 60 + i % 40, &other_mac, i), 0);
	wait_done(b, 0, 100);
	for (i = 0; i < 100; i++)
		ck_assert_int_eq(C.st[i], NBL_STATUS_SUCCESS);
	q = nbl_bind_txq(b, 0);
	ck_assert_int_eq(nbl_list_alloc_bulk(nbl_bind_pool(b), v, 32, 0, 0), 0);
	for (i = 0; i < 32; i++) {
		v[i]->first_nb->data_length = 60;
		build_frame(tn_data(v[i]), 60, &other_mac, 200 + i);
	}
	ck_assert_uint_eq(nbl_bind_send_ff(q, v, 32), 32);
	ck_assert_uint_eq(nbl_bind_send_ff_template(q, nbl_bind_pool(b), 16,
						    60), 16);
	ck_assert_uint_eq(rte_ring_count(ring0), 100 + 32 + 16);
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	free_all(0);
	C.n = 0;
	/* the protocol holds an NBL: refused, port left running */
	held = nbl_list_alloc(nbl_bind_pool(b), 0, 0);
	ck_assert_ptr_nonnull(held);
	ck_assert_int_eq(nbl_bind_close(b), -EBUSY);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_CLOSING);
	ck_assert(link_up(port_ring));
	ck_assert_ptr_nonnull(nbl_bind_pool(b));
	ck_assert_int_eq(nbl_list_free(held), 0);
	/* given back: close drains the loop and frees every pool */
	ck_assert_int_eq(nbl_bind_close(b), 0);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_UNBOUND);
	ck_assert_uint_eq(rte_ring_count(ring0), 0);
	ck_assert(!link_up(port_ring)); /* keep_port: stopped */
	ck_assert_ptr_null(nbl_bind_pool(b));
	live_del(b);
	ck_assert_int_eq(nbl_bind_free(b), 0);
	ck_assert_uint_eq(nbl_leak_check(stderr), 0);

	/* two TX queues loop into two RX rings: one RX queue per TX queue,
	 * both drained */
	ring1 = rte_ring_lookup("ETH_RXTX1_net_ring0");
	ck_assert_ptr_nonnull(ring1);
	conf_default(&c, "ringloop2");
	c.nb_tx_queues = 2;
	b = bind_running(port_ring, &c);
	ck_assert_int_eq(nbl_bind_reqs_get(b, &r), 0);
	ck_assert_uint_eq(r.nb_rx_queues, 2);
	for (i = 0; i < 40; i++)
		nbl_bind_send(b, (uint16_t)(i % 2),
			      tn_frame(b, 60, &other_mac, i), 0);
	wait_done(b, 0, 20);
	wait_done(b, 1, 40);
	ck_assert_uint_eq(rte_ring_count(ring0), 20);
	ck_assert_uint_eq(rte_ring_count(ring1), 20);
	bind_end(b);
	ck_assert_uint_eq(rte_ring_count(ring0), 0);
	ck_assert_uint_eq(rte_ring_count(ring1), 0);
}
END_TEST

/*
 * A pool still not full once the port is stopped (here: the test keeps 8
 * copies it read from the ring, as a device would): close says which
 * pool and how many, keeps the pools, stays Closing; once they are back
 * it completes.
 */
START_TEST(test_close_reports_pool_not_full)
{
	struct rte_mbuf *m[8];
	struct nbl_bind_conf c;
	struct nbl_bind *b;
	char *buf = NULL;
	size_t len = 0;
	unsigned int i;
	FILE *f;

	conf_default(&c, "notfull");
	b = bind_running(port_ring, &c);
	for (i = 0; i < 8; i++)
		nbl_bind_send(b, 0, tn_frame(b, 60, &other_mac, i), 0);
	wait_done(b, 0, 8);
	ck_assert_uint_eq(rte_eth_rx_burst(port_ring, 0, m, 8), 8);
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	free_all(0);
	C.n = 0;
	f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(rte_openlog_stream(f), 0);
	i = (unsigned int)nbl_bind_close(b);
	rte_openlog_stream(NULL);
	fclose(f);
	ck_assert_int_eq((int)i, -EBUSY);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_CLOSING);
	ck_assert_ptr_nonnull(nbl_bind_pool(b)); /* kept */
	ck_assert_ptr_nonnull(strstr(buf, "copy pool nblbc_"));
	ck_assert_ptr_nonnull(strstr(buf, "8 held by the device"));
	ck_assert_ptr_null(strstr(buf, "protocol pool"));
	free(buf);
	rte_pktmbuf_free_bulk(m, 8);
	ck_assert_int_eq(nbl_bind_close(b), 0);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_UNBOUND);
	live_del(b);
	ck_assert_int_eq(nbl_bind_free(b), 0);
}
END_TEST

/*
 * net_tap fills its RX ring from the RX pool at queue setup and gives the
 * mbufs back only when the queue is released: with keep_port, close
 * releases the RX queues of the stopped port; without, it closes the port
 * first.  Both end with every pool full.  Skipped without /dev/net/tun.
 */
START_TEST(test_close_tap_rx_ring)
{
	char dev[64];
	struct nbl_bind_conf c;
	struct nbl_bind *b;
	uint16_t port;
	unsigned int i, round;

	snprintf(dev, sizeof(dev), "net_tap7,iface=nbltu%x",
		 (unsigned int)getpid());
	if (access("/dev/net/tun", R_OK | W_OK) != 0 ||
	    rte_dev_probe(dev) != 0) {
		fprintf(stderr, "test_bind: no net_tap, close test skipped\n");
		return;
	}
	ck_assert_int_eq(rte_eth_dev_get_port_by_name("net_tap7", &port), 0);
	for (round = 0; round < 2; round++) {
		conf_default(&c, round == 0 ? "tapkeep" : "tapclose");
		c.keep_port = round == 0;
		b = bind_running(port, &c);
		for (i = 0; i < 50; i++)
			nbl_bind_send(b, 0, tn_frame(b, 60, &other_mac, i), 0);
		wait_done(b, 0, 50);
		bind_end(b);
		ck_assert_uint_eq(nbl_leak_check(stderr), 0);
	}
	ck_assert(!rte_eth_dev_is_valid_port(port));
	ck_assert_int_eq(rte_eal_hotplug_remove("vdev", "net_tap7"), 0);
}
END_TEST
/* Two queues; counters per queue; closing without keep_port closes it. */
START_TEST(test_queues_and_port_close)
{
	struct nbl_bind_conf c;
	struct nbl_bind_stats s0, s1, all;
	struct nbl_bind *b;

	conf_default(&c, "queues");
	c.nb_tx_queues = 2;
	c.keep_port = false;
	b = bind_running(port_null1, &c);
	ck_assert_uint_eq(nbl_bind_nb_queues(b), 2);
	nbl_bind_send(b, 1, tn_frame(b, 60, &other_mac, 1), 0);
	nbl_bind_send(b, 0, tn_frame(b, 61, &other_mac, 2), 0);
	nbl_bind_send(b, 1, tn_frame(b, 62, &other_mac, 3), 0);
	wait_done(b, 1, 2);
	wait_done(b, 0, 3);
	ck_assert_int_eq(nbl_bind_stats_get(b, 0, &s0), 0);
	ck_assert_int_eq(nbl_bind_stats_get(b, 1, &s1), 0);
	ck_assert_int_eq(nbl_bind_stats_get(b, NBL_BIND_ALL_QUEUES, &all), 0);
	ck_assert_uint_eq(s0.packets, 1);
	ck_assert_uint_eq(s1.packets, 2);
	ck_assert_uint_eq(s1.bytes, 122);
	ck_assert_uint_eq(all.packets, 3);
	ck_assert_int_eq(nbl_bind_stats_get(b, 200, &all), -EINVAL);
	bind_end(b);
	ck_assert(!rte_eth_dev_is_valid_port(port_null1));
}
END_TEST

void
bind_ports_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_close_ring_loop_pools_full);
	tcase_add_test(tc, test_close_tap_rx_ring);
	tcase_add_test(tc, test_close_reports_pool_not_full);
	tcase_add_test(tc, test_queues_and_port_close);
}

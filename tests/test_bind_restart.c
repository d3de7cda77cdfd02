/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Restarts under load ('bind' suite, TCase "send"): a restart with frames
 * in flight that grows the back-fill, and a sender lcore while the
 * control thread pauses and restarts.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_cycles.h>
#include <rte_launch.h>
#include <rte_lcore.h>

#include "test_bind.h"

/* ------------------------------------------------------------------ */
/* Restart with frames in flight                                       */
/* ------------------------------------------------------------------ */

#define INFLIGHT_N 300

static struct {
	volatile int stop;
	unsigned int n;
	uint32_t seq[2 * INFLIGHT_N];
	uint32_t len[2 * INFLIGHT_N];
	uint8_t hdr_ok[2 * INFLIGHT_N];
} reader;

/* Slow device on lcore 1: reads the ring port, checks, frees. */
static int
reader_main(void *arg)
{
	struct rte_mbuf *m[8];
	uint16_t k, i;

	(void)arg;
	while (!reader.stop || rte_eth_rx_queue_count(port_ring, 0) > 0) {
		k = rte_eth_rx_burst(port_ring, 0, m, 8);
		for (i = 0; i < k; i++) {
			const uint8_t *p = rte_pktmbuf_mtod(m[i], const uint8_t *);
			unsigned int j = reader.n;
			uint32_t s;

			if (j < 2 * INFLIGHT_N) {
				/* frames with a prepended 50-byte header */
				bool outer = p[0] == 0xee;

				memcpy(&s, p + (outer ? 50 : 0) + 42, 4);
				reader.seq[j] = s;
				reader.len[j] = m[i]->pkt_len;
				reader.hdr_ok[j] = !outer || p[49] == 0xee;
			}
			reader.n++;
			rte_pktmbuf_free(m[i]);
		}
		if (k == 0 && reader.stop)
			break;
		rte_delay_us_block(20);
	}
	return 0;
}

START_TEST(test_restart_in_flight_grows_backfill)
{
	struct nbl_bind_conf c, c2;
	struct nbl_bind_reqs r;
	struct nbl_bind *b;
	struct nbl_list *nbl;
	unsigned int lcore = rte_get_next_lcore(rte_lcore_id(), 1, 0);
	unsigned int i;
	uint8_t outer[50];

	ck_assert_uint_lt(lcore, RTE_MAX_LCORE);
	memset(&reader, 0, sizeof(reader));
	conf_default(&c, "inflight");
	c.zero_copy = NBL_BIND_ZC_FORCE; /* the device holds the NBLs' mbufs */
	c.pause_timeout_ms = 5000;
	b = bind_running(port_ring, &c);
	ck_assert_int_eq(rte_eal_remote_launch(reader_main, NULL, lcore), 0);
	for (i = 0; i < INFLIGHT_N; i++) {
		nbl_bind_send(b, 0, tn_frame(b, 64 + i % 64, &other_mac, i), 0);
		nbl_bind_poll(b, 0);
	}
	/* frames in flight; pause waits for them, restart grows back-fill */
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	ck_assert_uint_eq(C.n, INFLIGHT_N);
	free_all(0);
	C.n = 0;
	c2 = c;
	c2.encap_len = 50;
	c2.encap_what = "VXLAN over IPv4";
	ck_assert_int_eq(nbl_bind_restart(b, &c2), 0);
	ck_assert_int_eq(nbl_bind_reqs_get(b, &r), 0);
	ck_assert_uint_eq(r.data_backfill, RTE_PKTMBUF_HEADROOM + 50);
	memset(outer, 0xee, sizeof(outer));
	for (i = 0; i < INFLIGHT_N; i++) {
		nbl = tn_frame(b, 64 + i % 64, &other_mac, INFLIGHT_N + i);
		/* the VXLAN layer prepends its 50 bytes into back-fill */
		ck_assert_int_eq(nbl_list_retreat(nbl, 50, 0, NULL, NULL), 0);
		ck_assert_uint_eq(nbl->first_nb->ndis_mdls, 0);
		ck_assert_int_eq(nbl_buf_copy_in(nbl->first_nb, 0, outer, 50), 0);
		nbl_bind_send(b, 0, nbl, 0);
		nbl_bind_poll(b, 0);
	}
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	reader.stop = 1;
	ck_assert_int_eq(rte_eal_wait_lcore(lcore), 0);
	ck_assert_uint_eq(C.n, INFLIGHT_N);
	ck_assert_uint_eq(reader.n, 2 * INFLIGHT_N);
	for (i = 0; i < 2 * INFLIGHT_N; i++) {
		ck_assert_uint_eq(reader.seq[i], i);
		ck_assert_uint_eq(reader.len[i], 64 + (i % INFLIGHT_N) % 64 +
				  (i >= INFLIGHT_N ? 50 : 0));
		ck_assert(reader.hdr_ok[i]);
	}
	for (i = 0; i < C.n; i++) {
		ck_assert_int_eq(C.st[i], NBL_STATUS_SUCCESS);
		ck_assert_int_eq(nbl_list_advance(C.nbl[i], 50, true, NULL), 0);
	}
	bind_end(b);
}
END_TEST

/* ------------------------------------------------------------------ */
/* A sender lcore while the control thread pauses and restarts          */
/* ------------------------------------------------------------------ */

static struct {
	struct nbl_bind *b;
	volatile int stop;
	uint64_t submitted;      /* by the worker */
	uint64_t done_ok;        /* completions, any thread (atomic) */
	uint64_t done_paused;
	uint64_t done_other;
} cw;

/* Completion handler of this test: any thread; frees the NBLs. */
static void
cw_complete(void *ctx, struct nbl_list *chain, uint32_t flags)
{
	struct nbl_list *next;

	(void)ctx;
	(void)flags;
	for (; chain != NULL; chain = next) {
		next = chain->next;
		__atomic_fetch_add(chain->status == NBL_STATUS_SUCCESS ?
				   &cw.done_ok : chain->status ==
				   NBL_STATUS_PAUSED ? &cw.done_paused :
				   &cw.done_other, 1, __ATOMIC_RELAXED);
		nbl_list_free(chain);
	}
}

static int
cw_sender(void *arg)
{
	struct nbl_list *nbl;

	(void)arg;
	while (!cw.stop) {
		nbl = nbl_list_alloc(nbl_bind_pool(cw.b), 0, 0);
		if (nbl != NULL) {
			nbl->first_nb->data_length = 60;
			build_frame(tn_data(nbl), 60, &other_mac,
				    (uint32_t)cw.submitted);
			cw.submitted++;
			nbl_bind_send(cw.b, 1, nbl, 0);
		}
		nbl_bind_poll(cw.b, 1);
	}
	nbl_bind_poll(cw.b, 1);
	return 0;
}

START_TEST(test_concurrent_sender_pause_restart)
{
	struct nbl_bind_conf c;
	struct nbl_bind_stats s;
	struct nbl_bind *b;
	unsigned int lcore = rte_get_next_lcore(rte_lcore_id(), 1, 0);
	uint64_t failed = 0;
	unsigned int i, round;

	memset(&cw, 0, sizeof(cw));
	conf_default(&c, "concurrent");
	c.send_complete = cw_complete;
	c.nb_tx_queues = 2;
	b = bind_running(port_null, &c);
	cw.b = b;
	ck_assert_int_eq(rte_eal_remote_launch(cw_sender, NULL, lcore), 0);
	for (round = 0; round < 3; round++) {
		rte_delay_us_sleep(20000);
		/* the worker keeps sending: its NBLs complete with PAUSED */
		ck_assert_int_eq(nbl_bind_pause(b), 0);
		rte_delay_us_sleep(5000);
		ck_assert_int_eq(nbl_bind_restart(b, NULL), 0);
	}
	rte_delay_us_sleep(10000);
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	cw.stop = 1;
	ck_assert_int_eq(rte_eal_wait_lcore(lcore), 0);
	nbl_bind_poll(b, 1);
	ck_assert_int_eq(nbl_bind_stats_get(b, NBL_BIND_ALL_QUEUES, &s), 0);
	for (i = 0; i < NBL_BIND_FAIL_MAX; i++)
		failed += s.failed[i];
	ck_assert_uint_eq(s.submitted, cw.submitted);
	ck_assert_uint_eq(s.outstanding, 0);
	ck_assert_uint_eq(s.sent + failed, s.submitted);
	ck_assert_uint_eq(cw.done_ok, s.sent);
	ck_assert_uint_eq(cw.done_paused, s.failed[NBL_BIND_FAIL_PAUSED]);
	ck_assert_uint_eq(cw.done_other, 0);
	ck_assert_uint_gt(cw.done_ok, 0);
	ck_assert_uint_gt(cw.done_paused, 0);
	bind_end(b);
}
END_TEST

void
bind_restart_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_restart_in_flight_grows_backfill);
	tcase_add_test(tc, test_concurrent_sender_pause_restart);
}

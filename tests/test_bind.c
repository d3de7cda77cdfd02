/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Check suite of libnblbind (nbl_bind.h): the NDIS binding states, the
 * requirements computed from a port, send and send-complete on real
 * virtual PMDs, and the send edge cases 35-44 of section 10 of the NDIS
 * rule book (each in a test named after its number).
 *
 * Ports: net_null0 (discards, frees in tx_burst), net_null1 (closed by one
 * test), net_ring0 (a loop: what queue 0 sends, RX queue 0 reads back, so
 * the test reads exactly the bytes the PMD was given), and net_ring9, a
 * ring port attached to 16 rings of 16 slots that the test creates (a
 * small TX ring nobody reads unless the test does).
 *
 * Runs with CK_FORK=no and one rte_eal_init() on lcores 0-1 (lcore 1 is a
 * reader in the restart test).  Every test ends with its binding closed
 * and the fixture asserts nbl_leak_check() == 0.
 *
 * This file holds main(), the fixture, the ports and the helpers of
 * test_bind.h; the tests of each concern are in test_bind_<concern>.c.
 */

#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include <rte_byteorder.h>
#include <rte_cycles.h>
#include <rte_dev.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_mbuf.h>
#include <rte_ring.h>
#include <rte_tcp.h>
#include <rte_udp.h>

#include "test_eal.h"
#include "test_bind.h"

uint16_t port_null, port_null1, port_ring, port_small;
struct rte_ring *small_rings[16];

/* ------------------------------------------------------------------ */
/* Completion and receive collectors                                   */
/* ------------------------------------------------------------------ */

struct coll C;

void
coll_reset(void)
{
	memset(&C, 0, sizeof(C));
}

static void
fill_payload_seq(struct nbl_list *nbl, uint32_t seq);

static void
on_complete(void *ctx, struct nbl_list *chain, uint32_t flags)
{
	struct coll *c = ctx;
	struct nbl_list *next;

	ck_assert(flags & NBL_SEND_COMPLETE_F_DISPATCH_LEVEL);
	c->calls++;
	for (; chain != NULL; chain = next) {
		next = chain->next;
		chain->next = NULL;
		ck_assert_uint_lt(c->n, MAX_DONE);
		c->nbl[c->n] = chain;
		c->st[c->n] = chain->status;
		c->n++;
		if (c->resend && chain->protocol_reserved[0] == NULL &&
		    chain->status == NBL_STATUS_SUCCESS) {
			chain->protocol_reserved[0] = (void *)1;
			fill_payload_seq(chain, 1000 +
				(uint32_t)(uintptr_t)chain->protocol_reserved[1]);
			nbl_bind_send(c->b, c->queue, chain, 0);
		}
	}
}

void
on_receive(void *ctx, struct nbl_list *chain, uint32_t flags)
{
	struct coll *c = ctx;

	ck_assert(flags & NBL_RECEIVE_F_RESOURCES);
	for (; chain != NULL; chain = chain->next) {
		struct nbl_buf *nb = chain->first_nb;

		c->rx++;
		c->rx_len = nb->data_length;
		ck_assert_int_eq(nbl_buf_copy_out(nb, 0, nb->data_length,
						  c->rx_bytes), 0);
	}
}

/* ------------------------------------------------------------------ */
/* Frames                                                              */
/* ------------------------------------------------------------------ */

static const struct rte_ether_addr src_mac = {
	.addr_bytes = { 0x02, 0, 0, 0, 0, 0x01 } };
const struct rte_ether_addr other_mac = {
	.addr_bytes = { 0x02, 0, 0, 0, 0, 0x02 } };

/* Ethernet/IPv4/UDP frame of len bytes, payload pattern from seq. */
void
build_frame(uint8_t *f, uint32_t len, const struct rte_ether_addr *dst,
	    uint32_t seq)
{
	struct rte_ether_hdr *eh = (struct rte_ether_hdr *)f;
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(eh + 1);
	struct rte_udp_hdr *udp = (struct rte_udp_hdr *)(ip + 1);
	uint32_t i;

	memset(f, 0, 42);
	rte_ether_addr_copy(dst, &eh->dst_addr);
	rte_ether_addr_copy(&src_mac, &eh->src_addr);
	eh->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
	ip->version_ihl = 0x45;
	ip->total_length = rte_cpu_to_be_16((uint16_t)(len - 14));
	ip->time_to_live = 64;
	ip->next_proto_id = IPPROTO_UDP;
	ip->src_addr = rte_cpu_to_be_32(0x0a000001);
	ip->dst_addr = rte_cpu_to_be_32(0x0a000002);
	udp->src_port = rte_cpu_to_be_16(1234);
	udp->dst_port = rte_cpu_to_be_16(5678);
	udp->dgram_len = rte_cpu_to_be_16((uint16_t)(len - 34));
	for (i = 42; i < len; i++)
		f[i] = (uint8_t)(seq * 7 + i);
	memcpy(f + 42, &seq, len >= 46 ? 4 : 0);
}

/* Data pointer of a (T,N) NBL's NB. */
uint8_t *
tn_data(struct nbl_list *nbl)
{
	struct nbl_buf *nb = nbl->first_nb;

	return (uint8_t *)nb->chain->va + nb->data_offset;
}

static void
fill_payload_seq(struct nbl_list *nbl, uint32_t seq)
{
	struct nbl_buf *nb = nbl->first_nb;
	uint8_t tmp[2048];

	ck_assert_uint_le(nb->data_length, sizeof(tmp));
	ck_assert_int_eq(nbl_buf_copy_out(nb, 0, nb->data_length, tmp), 0);
	build_frame(tmp, nb->data_length, (const struct rte_ether_addr *)tmp,
		    seq);
	ck_assert_int_eq(nbl_buf_copy_in(nb, 0, tmp, nb->data_length), 0);
}

/* An NBL of the binding's pool holding one frame of len bytes. */
struct nbl_list *
tn_frame(struct nbl_bind *b, uint32_t len, const struct rte_ether_addr *dst,
	 uint32_t seq)
{
	struct nbl_list *nbl = nbl_list_alloc(nbl_bind_pool(b), 0, 0);

	ck_assert_ptr_nonnull(nbl);
	nbl->first_nb->data_length = len;
	build_frame(tn_data(nbl), len, dst, seq);
	nbl->protocol_reserved[1] = (void *)(uintptr_t)seq;
	return nbl;
}

void
free_all(unsigned int from)
{
	unsigned int i;

	for (i = from; i < C.n; i++)
		ck_assert_int_eq(nbl_list_free(C.nbl[i]), 0);
}

/* Poll until n completions arrived (or a second passed). */
void
wait_done(struct nbl_bind *b, uint16_t q, unsigned int n)
{
	uint64_t end = rte_get_timer_cycles() + rte_get_timer_hz();

	while (C.n < n && rte_get_timer_cycles() < end)
		nbl_bind_poll(b, q);
	if (C.n != n)
		nbl_bind_stats_print(b, stderr);
	ck_assert_uint_eq(C.n, n);
}

unsigned int
drain(uint16_t port, struct rxf *out, unsigned int max)
{
	struct rte_mbuf *m[32];
	unsigned int n = 0;
	uint16_t k, i;

	while ((k = rte_eth_rx_burst(port, 0, m, 32)) != 0) {
		for (i = 0; i < k; i++) {
			if (out != NULL && n < max) {
				const void *p;

				ck_assert_uint_le(m[i]->pkt_len, sizeof(out[n].b));
				out[n].len = m[i]->pkt_len;
				p = rte_pktmbuf_read(m[i], 0, m[i]->pkt_len,
						     out[n].b);
				ck_assert_ptr_nonnull(p);
				if (p != out[n].b)
					memcpy(out[n].b, p, m[i]->pkt_len);
			}
			n++;
			rte_pktmbuf_free(m[i]);
		}
	}
	return n;
}

uint32_t
frame_seq(const uint8_t *f)
{
	uint32_t s;

	memcpy(&s, f + 42, 4);
	return s;
}

void
two_nb_make(struct two_nb *t, uint32_t len1, uint32_t len2, uint32_t seq)
{
	struct nbl_list_pool_params lp = { .count = 15, .tag = 0x32424e54 };
	struct nbl_buf_pool_params bp = { .count = 15, .data_size = 2048,
					  .tag = 0x32424e55 };
	struct nbl_buf *a, *b;

	t->lp = nbl_list_pool_create(&lp);
	t->bp = nbl_buf_pool_create(&bp);
	ck_assert_ptr_nonnull(t->lp);
	ck_assert_ptr_nonnull(t->bp);
	t->nbl = nbl_list_alloc(t->lp, 0, 0);
	a = nbl_buf_alloc_data(t->bp);
	b = nbl_buf_alloc_data(t->bp);
	ck_assert_ptr_nonnull(t->nbl);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	a->data_length = len1;
	b->data_length = len2;
	{
		uint8_t f[2048];

		build_frame(f, len1, &other_mac, seq);
		ck_assert_int_eq(nbl_buf_copy_in(a, 0, f, len1), 0);
		build_frame(f, len2, &other_mac, seq + 1);
		ck_assert_int_eq(nbl_buf_copy_in(b, 0, f, len2), 0);
	}
	t->nbl->first_nb = a;
	a->next = b;
	t->nbl->protocol_reserved[1] = (void *)(uintptr_t)seq;
}

void
two_nb_free(struct two_nb *t)
{
	struct nbl_buf *a = t->nbl->first_nb, *b = a->next;

	t->nbl->first_nb = NULL;
	a->next = NULL;
	ck_assert_int_eq(nbl_buf_free(a), 0);
	ck_assert_int_eq(nbl_buf_free(b), 0);
	ck_assert_int_eq(nbl_list_free(t->nbl), 0);
	ck_assert_int_eq(nbl_list_pool_free(t->lp), 0);
	ck_assert_int_eq(nbl_buf_pool_free(t->bp), 0);
}

void
conf_default(struct nbl_bind_conf *c, const char *name)
{
	nbl_bind_conf_init(c);
	c->name = name;
	c->send_complete = on_complete;
	c->ctx = &C;
	c->keep_port = true;
	c->pool_count = 1023;
	c->backlog = 256;
}

/* Bindings of the running test, for the teardown of a failed one. */
static struct nbl_bind *live[4];

static void
live_add(struct nbl_bind *b)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(live); i++)
		if (live[i] == NULL) {
			live[i] = b;
			return;
		}
}

void
live_del(struct nbl_bind *b)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(live); i++)
		if (live[i] == b)
			live[i] = NULL;
}

struct nbl_bind *
bind_running(uint16_t port, struct nbl_bind_conf *c)
{
	struct nbl_bind *b = nbl_bind_create(port, c);

	ck_assert_ptr_nonnull(b);
	live_add(b);
	ck_assert_int_eq(nbl_bind_open(b), 0);
	ck_assert_int_eq(nbl_bind_restart(b, NULL), 0);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_RUNNING);
	C.b = b;
	return b;
}

/* Pause, close, free; assert the counters add up. */
void
bind_end(struct nbl_bind *b)
{
	struct nbl_bind_stats s;
	uint64_t failed = 0;
	unsigned int i;

	if (nbl_bind_state_get(b) == NBL_BIND_RUNNING)
		ck_assert_int_eq(nbl_bind_pause(b), 0);
	ck_assert_int_eq(nbl_bind_stats_get(b, NBL_BIND_ALL_QUEUES, &s), 0);
	for (i = 0; i < NBL_BIND_FAIL_MAX; i++)
		failed += s.failed[i];
	ck_assert_uint_eq(s.outstanding, 0);
	ck_assert_uint_eq(s.submitted, s.sent + failed);
	ck_assert_uint_eq(s.ff_submitted, s.ff_sent + s.ff_dropped +
			  s.ff_nobufs + s.ff_refused);
	free_all(0);
	C.n = 0;
	ck_assert_int_eq(nbl_bind_close(b), 0);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_UNBOUND);
	live_del(b);
	ck_assert_int_eq(nbl_bind_free(b), 0);
}

/* Best effort after a failed assertion: give everything back, unbind. */
static void
cleanup_live(void)
{
	unsigned int i, j;

	C.resend = false;
	for (i = 0; i < RTE_DIM(live); i++) {
		struct nbl_bind *b = live[i];

		if (b == NULL)
			continue;
		if (nbl_bind_state_get(b) == NBL_BIND_RUNNING)
			nbl_bind_pause(b);
		for (j = 0; j < C.n; j++)
			if (C.nbl[j] != NULL &&
			    C.nbl[j]->pool == nbl_bind_pool(b)) {
				nbl_list_free(C.nbl[j]);
				C.nbl[j] = NULL;
			}
		drain(port_ring, NULL, 0);
		drain(port_small, NULL, 0);
		if (nbl_bind_free(b) != 0)
			fprintf(stderr, "test_bind: binding %u not freed\n", i);
		live[i] = NULL;
	}
}

static void
setup(void)
{
	coll_reset();
}

static void
teardown(void)
{
	cleanup_live();
	ck_assert_uint_eq(nbl_leak_check(stderr), 0);
}

/* ------------------------------------------------------------------ */
/* Suite                                                               */
/* ------------------------------------------------------------------ */

static Suite *
bind_suite(void)
{
	Suite *s = suite_create("bind");
	TCase *tc;

	tc = tcase_create("states");
	tcase_add_checked_fixture(tc, setup, teardown);
	bind_states_add_tests(tc);
	suite_add_tcase(s, tc);

	tc = tcase_create("edge");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	bind_send_add_tests(tc);
	bind_complete_add_tests(tc);
	suite_add_tcase(s, tc);

	tc = tcase_create("send");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	bind_offload_add_tests(tc);
	bind_restart_add_tests(tc);
	bind_pools_add_tests(tc);
	bind_ports_add_tests(tc);
	bind_proto_add_tests(tc);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	static const char *const args[] = {
		"--vdev", "net_null0", "--vdev", "net_null1",
		"--vdev", "net_ring0", "--log-level", "lib.nbl:info", NULL,
	};
	int failed;

	if (test_eal_init("test_bind", "0-1", args) != 0)
		return 2;
	if (rte_eth_dev_get_port_by_name("net_null0", &port_null) != 0 ||
	    rte_eth_dev_get_port_by_name("net_null1", &port_null1) != 0 ||
	    rte_eth_dev_get_port_by_name("net_ring0", &port_ring) != 0 ||
	    test_eal_small_ring_port("net_ring9", small_rings,
				     &port_small) != 0) {
		fprintf(stderr, "test_bind: virtual ports missing\n");
		return 2;
	}
	failed = test_eal_run("test_bind", bind_suite());
	test_eal_small_ring_free(port_small, small_rings);
	return test_eal_fini(failed);
}

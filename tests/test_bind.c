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
 */

/* rte_ipv4_udptcp_cksum_verify() is experimental in 22.11 */
#define ALLOW_EXPERIMENTAL_API 1

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

#include "nbl.h"
#include "nbl_bind.h"

static uint16_t port_null, port_null1, port_ring, port_small;
static struct rte_ring *small_rings[16];

/* ------------------------------------------------------------------ */
/* Completion and receive collectors                                   */
/* ------------------------------------------------------------------ */

#define MAX_DONE 8192

struct coll {
	struct nbl_list *nbl[MAX_DONE];
	int32_t st[MAX_DONE];
	unsigned int n;
	unsigned int calls;
	/* edge case 42: re-send each NBL once from the handler */
	bool resend;
	struct nbl_bind *b;
	uint16_t queue;
	/* loopback indications */
	unsigned int rx;
	uint8_t rx_bytes[2048];
	uint32_t rx_len;
};

static struct coll C;

static void
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

static void
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
static const struct rte_ether_addr other_mac = {
	.addr_bytes = { 0x02, 0, 0, 0, 0, 0x02 } };

/* Ethernet/IPv4/UDP frame of len bytes, payload pattern from seq. */
static void
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
static uint8_t *
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
static struct nbl_list *
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

static void
free_all(unsigned int from)
{
	unsigned int i;

	for (i = from; i < C.n; i++)
		ck_assert_int_eq(nbl_list_free(C.nbl[i]), 0);
}

/* Poll until n completions arrived (or a second passed). */
static void
wait_done(struct nbl_bind *b, uint16_t q, unsigned int n)
{
	uint64_t end = rte_get_timer_cycles() + rte_get_timer_hz();

	while (C.n < n && rte_get_timer_cycles() < end)
		nbl_bind_poll(b, q);
	if (C.n != n)
		nbl_bind_stats_print(b, stderr);
	ck_assert_uint_eq(C.n, n);
}

/* Read up to max frames from a ring port's RX queue 0, copy their bytes. */
struct rxf {
	uint8_t b[2048];
	uint32_t len;
	uint16_t vlan_tci;
};

static unsigned int
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

static void
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

static void
live_del(struct nbl_bind *b)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(live); i++)
		if (live[i] == b)
			live[i] = NULL;
}

static struct nbl_bind *
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
static void
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
	ck_assert_uint_eq(s.ff_submitted, s.ff_sent + s.ff_dropped + s.ff_nobufs);
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
/* States                                                              */
/* ------------------------------------------------------------------ */

START_TEST(test_states_valid)
{
	struct nbl_bind_conf c;
	struct nbl_bind *b;

	conf_default(&c, "states");
	b = nbl_bind_create(port_null, &c);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_UNBOUND);
	ck_assert_ptr_null(nbl_bind_pool(b));
	ck_assert_int_eq(nbl_bind_open(b), 0);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_PAUSED);
	ck_assert_ptr_nonnull(nbl_bind_pool(b));
	ck_assert_uint_eq(nbl_bind_nb_queues(b), 1);
	ck_assert_int_eq(nbl_bind_restart(b, NULL), 0);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_RUNNING);
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_PAUSED);
	ck_assert_int_eq(nbl_bind_restart(b, NULL), 0);
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	ck_assert_int_eq(nbl_bind_close(b), 0);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_UNBOUND);
	ck_assert_ptr_null(nbl_bind_pool(b));
	/* bind again after unbind */
	ck_assert_int_eq(nbl_bind_open(b), 0);
	ck_assert_int_eq(nbl_bind_close(b), 0);
	ck_assert_int_eq(nbl_bind_free(b), 0);
	ck_assert_str_eq(nbl_bind_state_name(NBL_BIND_PAUSING), "Pausing");
	ck_assert_str_eq(nbl_bind_state_name(NBL_BIND_STATE_MAX), "?");
}
END_TEST

START_TEST(test_states_invalid)
{
	struct nbl_bind_conf c, bad;
	struct nbl_bind *b;
	struct nbl_list *nbl;

	conf_default(&c, "invalid");
	bad = c;
	bad.send_complete = NULL;
	ck_assert_ptr_null(nbl_bind_create(port_null, &bad));
	ck_assert_int_eq(rte_errno, EINVAL);
	bad = c;
	bad.vlan_tags = 3;
	ck_assert_ptr_null(nbl_bind_create(port_null, &bad));
	bad = c;
	bad.nb_tx_queues = 200;
	ck_assert_ptr_null(nbl_bind_create(port_null, &bad));
	bad = c;
	bad.encap_len = NBL_BIND_ENCAP_MAX + 1;
	ck_assert_ptr_null(nbl_bind_create(port_null, &bad));
	ck_assert_ptr_null(nbl_bind_create(RTE_MAX_ETHPORTS, &c));
	ck_assert_ptr_null(nbl_bind_create(port_null, NULL));

	b = nbl_bind_create(port_null, &c);
	ck_assert_ptr_nonnull(b);
	/* Unbound: only open */
	ck_assert_int_eq(nbl_bind_restart(b, NULL), -EINVAL);
	ck_assert_int_eq(nbl_bind_pause(b), -EINVAL);
	ck_assert_int_eq(nbl_bind_close(b), -EINVAL);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_UNBOUND);
	ck_assert_ptr_null(nbl_bind_txq(b, 0));
	/* Paused: restart or close */
	ck_assert_int_eq(nbl_bind_open(b), 0);
	ck_assert_int_eq(nbl_bind_open(b), -EINVAL);
	ck_assert_int_eq(nbl_bind_pause(b), -EINVAL);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_PAUSED);
	/* a bad new configuration changes nothing */
	bad = c;
	bad.vlan_tags = 7;
	ck_assert_int_eq(nbl_bind_restart(b, &bad), -EINVAL);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_PAUSED);
	/* Running: only pause */
	ck_assert_int_eq(nbl_bind_restart(b, NULL), 0);
	ck_assert_int_eq(nbl_bind_open(b), -EINVAL);
	ck_assert_int_eq(nbl_bind_restart(b, NULL), -EINVAL);
	ck_assert_int_eq(nbl_bind_close(b), -EINVAL);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_RUNNING);
	/* a send still works: nothing changed */
	nbl = tn_frame(b, 60, &other_mac, 1);
	nbl_bind_send(b, 0, nbl, 0);
	wait_done(b, 0, 1);
	ck_assert_int_eq(C.st[0], NBL_STATUS_SUCCESS);
	bind_end(b);
}
END_TEST

/* Opening -> Unbound when the pools cannot be made: nothing left. */
START_TEST(test_states_open_fails)
{
	struct nbl_bind_conf c;
	struct nbl_bind *b;

	conf_default(&c, "openfail");
	c.pool_count = 1u << 22; /* 4M NBLs of 1.6 KiB: more than -m 512 */
	b = nbl_bind_create(port_null, &c);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(nbl_bind_open(b), -ENOMEM);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_UNBOUND);
	ck_assert_ptr_null(nbl_bind_pool(b));
	ck_assert_uint_eq(nbl_bind_nb_queues(b), 0);
	ck_assert_uint_eq(nbl_leak_check(stderr), 0);
	ck_assert_int_eq(nbl_bind_free(b), 0);
}
END_TEST

/* Sends while Unbound complete with PAUSED, delivered by poll or free. */
START_TEST(test_send_unbound)
{
	struct nbl_bind_conf c;
	struct nbl_bind *b, *b2;
	struct nbl_list *nbl;

	conf_default(&c, "unbound");
	b2 = bind_running(port_ring, &c);
	b = nbl_bind_create(port_null, &c);
	ck_assert_ptr_nonnull(b);
	nbl = tn_frame(b2, 60, &other_mac, 1);
	nbl_bind_send(b, 0, nbl, 0);
	ck_assert_uint_eq(nbl_bind_outstanding(b), 1);
	nbl_bind_poll(b, 0);
	ck_assert_uint_eq(C.n, 1);
	ck_assert_int_eq(C.st[0], NBL_STATUS_PAUSED);
	ck_assert_ptr_eq(C.nbl[0], nbl);
	ck_assert_int_eq(nbl_bind_free(b), 0);
	bind_end(b2);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Requirements                                                        */
/* ------------------------------------------------------------------ */

START_TEST(test_reqs_compute)
{
	struct nbl_bind_conf c;
	struct nbl_bind_reqs r;
	struct nbl_bind *b;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	conf_default(&c, "reqs");
	c.pool_count = 0;
	ck_assert_int_eq(nbl_bind_reqs_compute(port_null, &c, &r), 0);
	ck_assert_str_eq(r.driver, "net_null");
	ck_assert_uint_eq(r.data_backfill, RTE_PKTMBUF_HEADROOM);
	ck_assert_uint_eq(r.context_backfill, 0);
	ck_assert_uint_eq(r.max_frame, 1514);
	ck_assert_uint_eq(r.data_size, RTE_PKTMBUF_HEADROOM + 1514);
	ck_assert(r.zero_copy); /* net_null frees in tx_burst */
	ck_assert_uint_eq((r.pool_count + 1) & r.pool_count, 0); /* 2^k-1 */
	ck_assert_uint_ge(r.pool_count, (uint32_t)r.nb_tx_desc + r.backlog +
			  r.burst);
	ck_assert_ptr_nonnull(strstr(r.why_data, "RTE_PKTMBUF_HEADROOM"));

	/* net_null has no VLAN insert offload: the tags go in back-fill */
	c.vlan_tags = 1;
	ck_assert_int_eq(nbl_bind_reqs_compute(port_null, &c, &r), 0);
	ck_assert_uint_eq(r.data_backfill, RTE_PKTMBUF_HEADROOM + 4);
	ck_assert_uint_eq(r.max_frame, 1518);
	ck_assert_ptr_nonnull(strstr(r.why_data, "no VLAN insert offload"));
	c.vlan_tags = 2;
	/* a layer above that prepends VXLAN over IPv4 (50 bytes) and one
	 * MPLS label (4): the binding takes the length it is told */
	c.encap_len = 54;
	c.encap_what = "VXLAN over IPv4 and an MPLS label";
	c.layers = NBL_BIND_LAYER_MEASURE;
	c.ctx_size = 32;
	c.mtu = 9000;
	c.nb_tx_queues = 2;
	ck_assert_int_eq(nbl_bind_reqs_compute(port_null, &c, &r), 0);
	ck_assert_uint_eq(r.data_backfill, RTE_PKTMBUF_HEADROOM + 8 + 50 + 4);
	ck_assert_uint_eq(r.context_backfill, 16);
	ck_assert_uint_eq(r.context_size, 48);
	ck_assert_uint_eq(r.max_frame, 14 + 8 + 9000);
	ck_assert_uint_eq(r.nb_tx_queues, 2);
	ck_assert_ptr_nonnull(strstr(r.why_data, "VXLAN"));
	ck_assert_ptr_nonnull(strstr(r.why_ctx, "measurement"));
	/* each reason ends in its own field's value */
	ck_assert_ptr_nonnull(strstr(r.why_ctx, "= 16"));
	ck_assert_ptr_nonnull(strstr(r.why_ctx_size, "ContextBackFillSize 16"));
	ck_assert_ptr_nonnull(strstr(r.why_ctx_size, "own 32"));
	ck_assert_ptr_nonnull(strstr(r.why_ctx_size, "= 48"));
	/* a ring port keeps the mbufs: copy unless forced */
	conf_default(&c, "reqs");
	ck_assert_int_eq(nbl_bind_reqs_compute(port_ring, &c, &r), 0);
	ck_assert(!r.zero_copy);
	c.zero_copy = NBL_BIND_ZC_FORCE;
	ck_assert_int_eq(nbl_bind_reqs_compute(port_ring, &c, &r), 0);
	ck_assert(r.zero_copy);
	/* DataSize above the mbuf limit */
	c.mtu = 16000;
	c.encap_len = 146;
	ck_assert_int_eq(nbl_bind_reqs_compute(port_null, &c, &r), 0);
	c.mtu = 65500;
	ck_assert_int_eq(nbl_bind_reqs_compute(port_null, &c, &r), -EINVAL);

	/* verbose open prints them; the API exposes them */
	conf_default(&c, "verbose");
	c.layers = NBL_BIND_LAYER_MEASURE;
	f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	c.verbose = true;
	c.log = f;
	b = nbl_bind_create(port_null, &c);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(nbl_bind_reqs_get(b, &r), -EINVAL);
	ck_assert_int_eq(nbl_bind_open(b), 0);
	ck_assert_int_eq(nbl_bind_reqs_get(b, &r), 0);
	ck_assert_uint_eq(r.context_backfill, 16);
	ck_assert_uint_eq(nbl_bind_pool(b)->data_size, r.data_size);
	ck_assert_uint_eq(nbl_bind_pool(b)->init_offset, r.data_backfill);
	ck_assert_uint_ge(nbl_bind_pool(b)->ctx_size, r.context_size);
	ck_assert_int_eq(nbl_bind_close(b), 0);
	ck_assert_int_eq(nbl_bind_free(b), 0);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(buf, "DataBackFillSize"));
	ck_assert_ptr_nonnull(strstr(buf, "ContextBackFillSize"));
	/* value and reason agree: 16 for the layers, then the pool's
	 * ContextSize with the protocol's own bytes (none here) */
	ck_assert_ptr_nonnull(strstr(buf,
		"  ContextBackFillSize    16  measurement layer: TSC timestamp 8 + sequence 8 = 16\n"));
	ck_assert_ptr_nonnull(strstr(buf,
		"  ContextSize            16  ContextBackFillSize 16 + the protocol's own 0, rounded up to a multiple of 16 = 16\n"));
	ck_assert_ptr_nonnull(strstr(buf, "  RX pool "));
	ck_assert_ptr_nonnull(strstr(buf, "Paused"));
	free(buf);
}
END_TEST

START_TEST(test_status_mapping)
{
	ck_assert_int_eq(nbl_bind_status_from_errno(-EINVAL),
			 NBL_STATUS_INVALID_LENGTH);
	ck_assert_int_eq(nbl_bind_status_from_errno(-ENOTSUP),
			 NBL_STATUS_FAILURE);
	ck_assert_int_eq(nbl_bind_status_from_errno(ENOBUFS),
			 NBL_STATUS_RESOURCES);
	ck_assert_int_eq(nbl_bind_status_from_errno(0), NBL_STATUS_SUCCESS);
	ck_assert_str_eq(nbl_bind_status_name(NBL_STATUS_PAUSED), "PAUSED");
	ck_assert_str_eq(nbl_bind_status_name(12345), "?");
	ck_assert_uint_eq(nbl_8021q_to_tci(nbl_8021q_info(5, 1, 100)),
			  (5u << 13) | (1u << 12) | 100);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Edge cases 35-44                                                    */
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

static uint32_t
frame_seq(const uint8_t *f)
{
	uint32_t s;

	memcpy(&s, f + 42, 4);
	return s;
}

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

/* An NBL with two NBs of caller memory: an (F,0) pool and a data NB pool. */
struct two_nb {
	struct nbl_list_pool *lp;
	struct nbl_buf_pool *bp;
	struct nbl_list *nbl;
};

static void
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

static void
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

/* ------------------------------------------------------------------ */
/* Byte-exact delivery                                                 */
/* ------------------------------------------------------------------ */

/* A (T,0) NBL over caller memory (an MDL from nbl_mdl_create). */
struct caller_nbl {
	struct nbl_list_pool *lp;
	struct nbl_mdl *mdl;
	struct nbl_list *nbl;
	uint8_t mem[256];
};

static void
bytes_exact_between(uint16_t tx_port, uint16_t rx_port, enum nbl_bind_zc zc,
		    struct nbl_bind_stats *st)
{
	static struct rxf rx[16];
	static struct caller_nbl cn;
	struct nbl_list_pool_params lp = { .alloc_nb = true, .count = 15,
					   .tag = 0x304e4254 };
	struct nbl_bind_conf c;
	struct nbl_bind_reqs r;
	struct nbl_bind *b;
	struct nbl_list *plain, *bf, *lead;
	struct two_nb t;
	uint8_t exp[6][256], hdr[64];
	uint32_t exp_len[6];
	unsigned int i, got = 0;

	uint64_t end;

	conf_default(&c, "bytes");
	c.zero_copy = zc;
	b = bind_running(tx_port, &c);
	ck_assert_int_eq(nbl_bind_reqs_get(b, &r), 0);
	for (i = 0; i < sizeof(hdr); i++)
		hdr[i] = (uint8_t)(0xa0 + i);

	/* 1: plain (T,N) frame */
	plain = tn_frame(b, 100, &other_mac, 1);
	memcpy(exp[0], tn_data(plain), 100);
	exp_len[0] = 100;
	/* 2: a header prepended by a retreat into back-fill (no allocation) */
	bf = tn_frame(b, 90, &other_mac, 2);
	ck_assert_int_eq(nbl_list_retreat(bf, 20, 0, NULL, NULL), 0);
	ck_assert_uint_eq(bf->first_nb->ndis_mdls, 0);
	ck_assert_int_eq(nbl_buf_copy_in(bf->first_nb, 0, hdr, 20), 0);
	ck_assert_int_eq(nbl_buf_copy_out(bf->first_nb, 0, 110, exp[1]), 0);
	exp_len[1] = 110;
	/* 3: a retreat beyond the back-fill: a new leading buffer */
	lead = tn_frame(b, 80, &other_mac, 3);
	ck_assert_int_eq(nbl_list_retreat(lead, r.data_backfill + 24, 8, NULL,
					  NULL), 0);
	ck_assert_uint_eq(lead->first_nb->ndis_mdls, 1);
	ck_assert_int_eq(nbl_buf_copy_in(lead->first_nb, 0, hdr,
					 r.data_backfill + 24 > 64 ? 64 :
					 r.data_backfill + 24), 0);
	exp_len[2] = 80 + r.data_backfill + 24;
	ck_assert_uint_le(exp_len[2], sizeof(exp[2]));
	ck_assert_int_eq(nbl_buf_copy_out(lead->first_nb, 0, exp_len[2],
					  exp[2]), 0);
	/* 4: caller memory */
	cn.lp = nbl_list_pool_create(&lp);
	ck_assert_ptr_nonnull(cn.lp);
	build_frame(cn.mem + 16, 120, &other_mac, 4);
	cn.mdl = nbl_mdl_create(cn.mem, sizeof(cn.mem));
	ck_assert_ptr_nonnull(cn.mdl);
	cn.nbl = nbl_list_alloc_with_buf(cn.lp, 0, 0, cn.mdl, 16, 120);
	ck_assert_ptr_nonnull(cn.nbl);
	memcpy(exp[3], cn.mem + 16, 120);
	exp_len[3] = 120;
	/* 5, 6: two NBs, two frames */
	two_nb_make(&t, 64, 150, 5);
	ck_assert_int_eq(nbl_buf_copy_out(t.nbl->first_nb, 0, 64, exp[4]), 0);
	ck_assert_int_eq(nbl_buf_copy_out(t.nbl->first_nb->next, 0, 150,
					  exp[5]), 0);
	exp_len[4] = 64;
	exp_len[5] = 150;

	plain->next = bf;
	bf->next = lead;
	lead->next = cn.nbl;
	cn.nbl->next = t.nbl;
	nbl_bind_send(b, 0, plain, 0);
	/* (a port may still be coming up: its frames wait in the backlog) */
	end = rte_get_tsc_cycles() + 5 * rte_get_tsc_hz();
	while ((C.n < 5 || got < 6) && rte_get_tsc_cycles() < end) {
		got += drain(rx_port, rx + got, 16 - got);
		nbl_bind_poll(b, 0);
	}
	got += drain(rx_port, rx + got, 16 - got);
	ck_assert_uint_eq(C.n, 5);
	ck_assert_uint_eq(got, 6);
	for (i = 0; i < 6; i++) {
		ck_assert_uint_eq(rx[i].len, exp_len[i]);
		ck_assert_mem_eq(rx[i].b, exp[i], exp_len[i]);
	}
	for (i = 0; i < 5; i++)
		ck_assert_int_eq(C.st[i], NBL_STATUS_SUCCESS);
	/* data unchanged after completion */
	ck_assert_int_eq(nbl_buf_copy_out(lead->first_nb, 0, exp_len[2],
					  exp[0]), 0);
	ck_assert_mem_eq(exp[0], exp[2], exp_len[2]);
	ck_assert_int_eq(nbl_list_advance(lead, r.data_backfill + 24, true,
					  NULL), 0);
	ck_assert_uint_eq(lead->first_nb->ndis_mdls, 0);
	/* give back what is not the binding's */
	C.n = 0;
	C.nbl[C.n++] = plain;
	C.nbl[C.n++] = bf;
	C.nbl[C.n++] = lead;
	ck_assert_int_eq(nbl_list_free(cn.nbl), 0);
	nbl_mdl_free(cn.mdl);
	ck_assert_int_eq(nbl_list_pool_free(cn.lp), 0);
	two_nb_free(&t);
	if (st != NULL)
		ck_assert_int_eq(nbl_bind_stats_get(b, 0, st), 0);
	bind_end(b);
}

START_TEST(test_bytes_exact_ring_copy)
{
	bytes_exact_between(port_ring, port_ring, NBL_BIND_ZC_OFF, NULL);
}
END_TEST

START_TEST(test_bytes_exact_ring_zero_copy)
{
	bytes_exact_between(port_ring, port_ring, NBL_BIND_ZC_FORCE, NULL);
}
END_TEST

/* Probe a vdev and return its port. */
static uint16_t
vdev_port(const char *devargs, const char *name)
{
	uint16_t port;

	ck_assert_int_eq(rte_dev_probe(devargs), 0);
	ck_assert_int_eq(rte_eth_dev_get_port_by_name(name, &port), 0);
	return port;
}

/*
 * net_memif, through shared memory: the binding owns the client port (a
 * driver that copies into the shared rings inside tx_burst: zero copy by
 * the return pool); the server port, in this process, reads the frames.
 */
START_TEST(test_bytes_exact_memif)
{
	struct rte_eth_conf pc;
	struct rte_mempool *mp;
	struct nbl_bind_stats s;
	char args[160];
	uint16_t server, client;

	snprintf(args, sizeof(args), "net_memif90,role=server,id=0,"
		 "socket=/nblgen-test-bind-%d,socket-abstract=yes",
		 (int)getpid());
	server = vdev_port(args, "net_memif90");
	mp = rte_pktmbuf_pool_create("memif_srv", 1023, 0, 0,
				     RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	ck_assert_ptr_nonnull(mp);
	memset(&pc, 0, sizeof(pc));
	ck_assert_int_eq(rte_eth_dev_configure(server, 1, 1, &pc), 0);
	ck_assert_int_eq(rte_eth_rx_queue_setup(server, 0, 512, SOCKET_ID_ANY,
						NULL, mp), 0);
	ck_assert_int_eq(rte_eth_tx_queue_setup(server, 0, 512, SOCKET_ID_ANY,
						NULL), 0);
	ck_assert_int_eq(rte_eth_dev_start(server), 0);
	snprintf(args, sizeof(args), "net_memif91,role=client,id=0,"
		 "socket=/nblgen-test-bind-%d,socket-abstract=yes",
		 (int)getpid());
	client = vdev_port(args, "net_memif91");

	bytes_exact_between(client, server, NBL_BIND_ZC_AUTO, &s);
	/* the plain frame and the one retreated into its back-fill went by
	 * reference (return pool); the others were copies */
	ck_assert_uint_eq(s.zero_copy, 2);
	ck_assert_uint_eq(s.copies, 4);

	ck_assert_int_eq(rte_eal_hotplug_remove("vdev", "net_memif91"), 0);
	ck_assert_int_eq(rte_eth_dev_stop(server), 0);
	ck_assert_int_eq(rte_eal_hotplug_remove("vdev", "net_memif90"), 0);
	rte_mempool_free(mp);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Offloads in software                                                */
/* ------------------------------------------------------------------ */

START_TEST(test_offload_sw_csum_vlan)
{
	static struct rxf rx[4];
	struct nbl_bind_conf c;
	struct nbl_bind_stats s;
	struct nbl_bind *b;
	struct nbl_list *nbl;
	uint8_t before[200];
	const struct rte_ipv4_hdr *ip;
	const struct rte_vlan_hdr *vh;

	conf_default(&c, "offload");
	c.zero_copy = NBL_BIND_ZC_FORCE; /* software offloads still copy */
	b = bind_running(port_ring, &c);
	nbl = tn_frame(b, 120, &other_mac, 9);
	*nbl_list_info_ref(nbl, NBL_INFO_TCPIP_CHECKSUM) =
		nbl_csum_info(NBL_CSUM_TX_IPV4 | NBL_CSUM_TX_IP |
			      NBL_CSUM_TX_UDP, 0);
	*nbl_list_info_ref(nbl, NBL_INFO_IEEE8021Q) = nbl_8021q_info(3, 0, 42);
	memcpy(before, tn_data(nbl), 120);
	nbl_bind_send(b, 0, nbl, 0);
	wait_done(b, 0, 1);
	ck_assert_int_eq(C.st[0], NBL_STATUS_SUCCESS);
	ck_assert_mem_eq(tn_data(nbl), before, 120); /* NBL data unchanged */
	ck_assert_uint_eq(drain(port_ring, rx, 4), 1);
	ck_assert_uint_eq(rx[0].len, 124);
	ck_assert_mem_eq(rx[0].b, before, 12);
	vh = (const struct rte_vlan_hdr *)(rx[0].b + 14);
	ck_assert_uint_eq(rte_be_to_cpu_16(*(const uint16_t *)(rx[0].b + 12)),
			  RTE_ETHER_TYPE_VLAN);
	ck_assert_uint_eq(rte_be_to_cpu_16(vh->vlan_tci), (3u << 13) | 42);
	ip = (const struct rte_ipv4_hdr *)(rx[0].b + 18);
	ck_assert_uint_eq(rte_ipv4_cksum(ip), 0);
	ck_assert_int_eq(rte_ipv4_udptcp_cksum_verify(ip, ip + 1), 0);
	ck_assert_mem_eq(rx[0].b + 18 + 28, before + 14 + 28, 120 - 42);
	ck_assert_int_eq(nbl_bind_stats_get(b, 0, &s), 0);
	ck_assert_uint_eq(s.sw_csum, 1);
	ck_assert_uint_eq(s.sw_vlan, 1);
	ck_assert_uint_eq(s.zero_copy, 0);
	memset(nbl->info, 0, sizeof(nbl->info));
	bind_end(b);
}
END_TEST

START_TEST(test_offload_sw_lso)
{
	static struct rxf rx[8];
	struct nbl_bind_conf c;
	struct nbl_bind_stats s;
	struct nbl_bind *b;
	struct nbl_list *nbl;
	struct rte_ipv4_hdr *ip;
	struct rte_tcp_hdr *tcp;
	uint8_t *f;
	uint32_t i, len = 14 + 20 + 20 + 2500, off = 0;

	conf_default(&c, "lso");
	c.mtu = 3000; /* the (T,N) buffer must hold the large frame */
	b = bind_running(port_ring, &c);
	nbl = nbl_list_alloc(nbl_bind_pool(b), 0, 0);
	ck_assert_ptr_nonnull(nbl);
	f = tn_data(nbl);
	nbl->first_nb->data_length = len;
	build_frame(f, len, &other_mac, 0);
	ip = (struct rte_ipv4_hdr *)(f + 14);
	ip->next_proto_id = IPPROTO_TCP;
	ip->packet_id = rte_cpu_to_be_16(100);
	tcp = (struct rte_tcp_hdr *)(ip + 1);
	memset(tcp, 0, sizeof(*tcp));
	tcp->src_port = rte_cpu_to_be_16(80);
	tcp->dst_port = rte_cpu_to_be_16(4000);
	tcp->sent_seq = rte_cpu_to_be_32(5000);
	tcp->data_off = 5 << 4;
	tcp->tcp_flags = RTE_TCP_ACK_FLAG | RTE_TCP_PSH_FLAG | RTE_TCP_FIN_FLAG;
	for (i = 54; i < len; i++)
		f[i] = (uint8_t)(i * 13);
	*nbl_list_info_ref(nbl, NBL_INFO_TCP_LARGE_SEND) =
		nbl_lso_info(1000, 34, false);
	nbl_bind_send(b, 0, nbl, 0);
	wait_done(b, 0, 1);
	ck_assert_int_eq(C.st[0], NBL_STATUS_SUCCESS);
	ck_assert_uint_eq(drain(port_ring, rx, 8), 3);
	for (i = 0; i < 3; i++) {
		const struct rte_ipv4_hdr *sip =
			(const struct rte_ipv4_hdr *)(rx[i].b + 14);
		const struct rte_tcp_hdr *st = (const void *)(sip + 1);
		uint32_t seg = i < 2 ? 1000 : 500;

		ck_assert_uint_eq(rx[i].len, 54 + seg);
		ck_assert_uint_eq(rte_be_to_cpu_16(sip->total_length), 40 + seg);
		ck_assert_uint_eq(rte_be_to_cpu_16(sip->packet_id), 100 + i);
		ck_assert_uint_eq(rte_be_to_cpu_32(st->sent_seq), 5000 + off);
		ck_assert_uint_eq(rte_ipv4_cksum(sip), 0);
		ck_assert_int_eq(rte_ipv4_udptcp_cksum_verify(sip, st), 0);
		ck_assert_uint_eq(!!(st->tcp_flags & RTE_TCP_FIN_FLAG), i == 2);
		ck_assert_mem_eq(rx[i].b + 54, f + 54 + off, seg);
		off += seg;
	}
	ck_assert_int_eq(nbl_bind_stats_get(b, 0, &s), 0);
	ck_assert_uint_eq(s.sw_lso, 3);
	ck_assert_uint_eq(s.packets, 3);
	/* an MSS above the MTU cannot be segmented */
	*nbl_list_info_ref(nbl, NBL_INFO_TCP_LARGE_SEND) =
		nbl_lso_info(2990, 34, false);
	nbl_bind_send(b, 0, nbl, 0);
	wait_done(b, 0, 2);
	ck_assert_int_eq(C.st[1], NBL_STATUS_INVALID_LENGTH);
	C.n = 1;
	memset(nbl->info, 0, sizeof(nbl->info));
	bind_end(b);
}
END_TEST

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

/* ------------------------------------------------------------------ */
/* Exhaustion, full ring, fire and forget                              */
/* ------------------------------------------------------------------ */

START_TEST(test_pool_exhaustion)
{
	struct nbl_bind_conf c;
	struct nbl_bind *b;
	struct nbl_list *head = NULL, **tail = &head, *nbl;
	unsigned int n = 0;

	conf_default(&c, "exhaust");
	c.pool_count = 63;
	b = bind_running(port_null, &c);
	while ((nbl = nbl_list_alloc(nbl_bind_pool(b), 0, 0)) != NULL) {
		nbl->first_nb->data_length = 60;
		build_frame(tn_data(nbl), 60, &other_mac, n++);
		*tail = nbl;
		tail = &nbl->next;
	}
	ck_assert_int_eq(rte_errno, ENOBUFS);
	ck_assert_uint_eq(n, 63);
	nbl_bind_send(b, 0, head, 0);
	wait_done(b, 0, 63);
	/* every one back: the pool can serve again */
	free_all(0);
	C.n = 0;
	nbl = nbl_list_alloc(nbl_bind_pool(b), 0, 0);
	ck_assert_ptr_nonnull(nbl);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	bind_end(b);
}
END_TEST

/* Copy-pool exhaustion on a full ring: RESOURCES, counters add up. */
START_TEST(test_copy_pool_exhaustion_full_ring)
{
	struct nbl_bind_conf c;
	struct nbl_bind_stats s;
	struct nbl_bind *b;
	struct nbl_list *head = NULL, **tail = &head;
	unsigned int i;

	conf_default(&c, "copyex");
	c.zero_copy = NBL_BIND_ZC_OFF;
	c.copy_count = 7;
	b = bind_running(port_small, &c);
	for (i = 0; i < 20; i++) {
		*tail = tn_frame(b, 60, &other_mac, i);
		tail = &(*tail)->next;
	}
	nbl_bind_send(b, 0, head, 0);
	nbl_bind_poll(b, 0);
	ck_assert_int_eq(nbl_bind_stats_get(b, 0, &s), 0);
	ck_assert_uint_eq(s.sent, 7);
	ck_assert_uint_eq(s.failed[NBL_BIND_FAIL_RESOURCES], 13);
	ck_assert_uint_eq(C.n, 20);
	ck_assert_uint_eq(drain(port_small, NULL, 0), 7);
	bind_end(b);
}
END_TEST

START_TEST(test_fire_and_forget)
{
	struct nbl_bind_conf c;
	struct nbl_pool_stats ps;
	struct nbl_bind *b;
	struct nbl_bind_txq *q;
	struct nbl_list *v[32];
	unsigned int i;

	conf_default(&c, "ff");
	b = bind_running(port_null, &c);
	q = nbl_bind_txq(b, 0);
	ck_assert_ptr_nonnull(q);
	ck_assert_ptr_null(nbl_bind_txq(b, 1));
	for (i = 0; i < 10; i++) {
		ck_assert_int_eq(nbl_list_alloc_bulk(nbl_bind_pool(b), v, 32, 0,
						     0), 0);
		ck_assert_uint_eq(nbl_bind_send_ff(q, v, 32), 32);
	}
	ck_assert_uint_eq(q->stats.ff_sent, 320);
	ck_assert_uint_eq(q->stats.packets, 320);
	nbl_list_pool_stats_get(nbl_bind_pool(b), &ps);
	ck_assert_uint_eq(ps.handoffs, 320);
	ck_assert_uint_eq(ps.outstanding, 0);
	bind_end(b);

	/* a full ring: the rest goes back to the pool, counted */
	conf_default(&c, "ffring");
	b = bind_running(port_small, &c);
	q = nbl_bind_txq(b, 0);
	ck_assert_int_eq(nbl_list_alloc_bulk(nbl_bind_pool(b), v, 32, 0, 0), 0);
	for (i = 0; i < 32; i++) {
		v[i]->first_nb->data_length = 60;
		build_frame(tn_data(v[i]), 60, &other_mac, i);
	}
	ck_assert_uint_eq(nbl_bind_send_ff(q, v, 32), 15);
	ck_assert_uint_eq(q->stats.ff_dropped, 17);
	nbl_list_pool_stats_get(nbl_bind_pool(b), &ps);
	ck_assert_uint_eq(ps.outstanding, 0);
	ck_assert_uint_eq(ps.avail, ps.size - 15);
	/* the ring port loops TX queue 0 into its RX queue 0, which nobody
	 * reads: close drains the binding's RX queue and finds every pool
	 * full (it used to refuse with -EBUSY until the test read them) */
	ck_assert_uint_eq(rte_ring_count(small_rings[0]), 15);
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	ck_assert_int_eq(nbl_bind_close(b), 0);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_UNBOUND);
	ck_assert_uint_eq(rte_ring_count(small_rings[0]), 0);
	live_del(b);
	ck_assert_int_eq(nbl_bind_free(b), 0);
}
END_TEST

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

/* ------------------------------------------------------------------ */
/* obj_init: the protocol pool's template hook                          */
/* ------------------------------------------------------------------ */

static struct {
	unsigned int calls;
	unsigned int bad_offset;
	const struct nbl_list_pool *pool; /* pool of the last call */
} oi;

static void
oi_write(struct nbl_list *nbl, void *arg)
{
	struct nbl_buf *nb = nbl->first_nb;

	oi.calls++;
	oi.pool = nbl->pool;
	if (nb->data_offset != nbl->pool->init_offset)
		oi.bad_offset++;
	memcpy((uint8_t *)nb->chain->va + nb->data_offset, arg, 60);
}

/* conf.frame_len: the pool's NBLs start with that DataLength (the
 * template's), a restart that re-creates the pool keeps it; above the
 * largest frame, open refuses it and leaves nothing behind. */
START_TEST(test_frame_len)
{
	struct nbl_bind_conf c, c2;
	struct nbl_list *nbls[4];
	struct nbl_bind_stats s;
	struct nbl_bind *b;
	unsigned int i;

	conf_default(&c, "framelen");
	c.frame_len = 60;
	b = bind_running(port_null, &c);
	ck_assert_int_eq(nbl_list_alloc_bulk(nbl_bind_pool(b), nbls, 4, 0, 0),
			 0);
	for (i = 0; i < 4; i++) {
		ck_assert_uint_eq(nbls[i]->first_nb->data_length, 60);
		ck_assert_uint_eq(nbls[i]->first_nb->data_offset,
				  RTE_PKTMBUF_HEADROOM);
	}
	/* as they are: 60-byte frames */
	ck_assert_uint_eq(nbl_bind_send_ff(nbl_bind_txq(b, 0), nbls, 4), 4);
	ck_assert_int_eq(nbl_bind_stats_get(b, 0, &s), 0);
	ck_assert_uint_eq(s.bytes, 240);
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	c2 = c;
	c2.encap_len = 50;
	c2.encap_what = "VXLAN over IPv4";
	c2.frame_len = 0; /* ignored by restart */
	ck_assert_int_eq(nbl_bind_restart(b, &c2), 0);
	ck_assert_int_eq(nbl_list_alloc_bulk(nbl_bind_pool(b), nbls, 1, 0, 0),
			 0);
	ck_assert_uint_eq(nbls[0]->first_nb->data_length, 60);
	ck_assert_uint_eq(nbls[0]->first_nb->data_offset,
			  RTE_PKTMBUF_HEADROOM + 50);
	nbl_list_free_bulk(nbl_bind_pool(b), nbls, 1);
	bind_end(b);

	conf_default(&c, "framelen2");
	c.frame_len = 1515; /* net_null: MTU 1500, largest frame 1514 */
	b = nbl_bind_create(port_null, &c);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(nbl_bind_open(b), -EINVAL);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_UNBOUND);
	ck_assert_ptr_null(nbl_bind_pool(b));
	ck_assert_int_eq(nbl_bind_free(b), 0);
}
END_TEST

START_TEST(test_obj_init_template)
{
	struct nbl_bind_conf c, c2;
	struct nbl_bind_reqs r;
	struct nbl_list_pool *p1;
	struct nbl_bind *b;
	struct nbl_list *nbl;
	uint8_t want[60];

	memset(&oi, 0, sizeof(oi));
	build_frame(want, 60, &other_mac, 42);
	conf_default(&c, "objinit");
	c.obj_init = oi_write;
	c.obj_init_arg = want;
	b = bind_running(port_null, &c);
	p1 = nbl_bind_pool(b);
	/* once per object of the protocol pool, at open */
	ck_assert_ptr_eq(oi.pool, p1);
	ck_assert_uint_eq(oi.calls, p1->count);
	ck_assert_uint_eq(p1->count, 1023);
	ck_assert_uint_eq(oi.bad_offset, 0);
	nbl = nbl_list_alloc(p1, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	ck_assert_uint_eq(nbl->first_nb->data_offset, RTE_PKTMBUF_HEADROOM);
	ck_assert_mem_eq(tn_data(nbl), want, 60);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	/* a restart that keeps the pools does not call it */
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	ck_assert_int_eq(nbl_bind_restart(b, NULL), 0);
	ck_assert_uint_eq(oi.calls, 1023);
	/* a restart that grows the back-fill re-creates the pool: applied
	 * again (a restart conf's obj_init is ignored), bytes at the new
	 * init_offset */
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	c2 = c;
	c2.encap_len = 50;
	c2.encap_what = "VXLAN over IPv4";
	c2.obj_init = NULL;
	c2.obj_init_arg = NULL;
	ck_assert_int_eq(nbl_bind_restart(b, &c2), 0);
	ck_assert_int_eq(nbl_bind_reqs_get(b, &r), 0);
	ck_assert_uint_eq(r.data_backfill, RTE_PKTMBUF_HEADROOM + 50);
	ck_assert_ptr_ne(nbl_bind_pool(b), p1);
	ck_assert_ptr_eq(oi.pool, nbl_bind_pool(b));
	ck_assert_uint_eq(oi.calls, 1023 + nbl_bind_pool(b)->count);
	ck_assert_uint_eq(oi.bad_offset, 0);
	nbl = nbl_list_alloc(nbl_bind_pool(b), 0, 0);
	ck_assert_ptr_nonnull(nbl);
	ck_assert_uint_eq(nbl->first_nb->data_offset,
			  RTE_PKTMBUF_HEADROOM + 50);
	ck_assert_mem_eq(tn_data(nbl), want, 60);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	/* the template burst sends it as written */
	ck_assert_uint_eq(nbl_bind_send_ff_template(nbl_bind_txq(b, 0),
						    nbl_bind_pool(b), 8, 60), 8);
	bind_end(b);
}
END_TEST

/* Write the template frame into every buffer of the pool, once. */
static void
template_write(struct rte_mempool *mp, void *arg, void *obj, unsigned int idx)
{
	struct nbl_list_pool *pool = arg;
	struct nbl_list *nbl = nbl_list_of_obj(pool, obj);

	(void)mp;
	(void)idx;
	build_frame((uint8_t *)nbl_list_embedded_mdl(nbl)->va + pool->init_offset,
		    60, &other_mac, 7);
}

/* The template burst: no NBL reset, the PMD frees into the pool; a full
 * ring takes what fits, the rest goes back counted; bytes as written. */
START_TEST(test_fire_and_forget_template)
{
	static struct rxf out[16];
	struct nbl_bind_conf c;
	struct nbl_pool_stats ps;
	struct nbl_list_pool *pool;
	struct nbl_bind *b;
	struct nbl_bind_txq *q;
	uint8_t want[60];
	unsigned int i;

	build_frame(want, 60, &other_mac, 7);
	conf_default(&c, "fft");
	b = bind_running(port_null, &c);
	q = nbl_bind_txq(b, 0);
	for (i = 0; i < 10; i++)
		ck_assert_uint_eq(nbl_bind_send_ff_template(q, nbl_bind_pool(b),
							    32, 60), 32);
	ck_assert_uint_eq(q->stats.ff_sent, 320);
	ck_assert_uint_eq(q->stats.bytes, 320 * 60);
	nbl_list_pool_stats_get(nbl_bind_pool(b), &ps);
	ck_assert_uint_eq(ps.allocs, 320);
	ck_assert_uint_eq(ps.handoffs, 320);
	ck_assert_uint_eq(ps.outstanding, 0);
	ck_assert_uint_eq(ps.avail, ps.size);
	bind_end(b);

	conf_default(&c, "fftring");
	b = bind_running(port_small, &c);
	q = nbl_bind_txq(b, 0);
	pool = nbl_bind_pool(b);
	rte_mempool_obj_iter(pool->mp, template_write, pool);
	ck_assert_uint_eq(nbl_bind_send_ff_template(q, pool, 32, 60), 15);
	ck_assert_uint_eq(q->stats.ff_dropped, 17);
	nbl_list_pool_stats_get(pool, &ps);
	ck_assert_uint_eq(ps.outstanding, 0);
	ck_assert_uint_eq(ps.frees, 17);
	ck_assert_uint_eq(drain(port_small, out, RTE_DIM(out)), 15);
	for (i = 0; i < 15; i++) {
		ck_assert_uint_eq(out[i].len, 60);
		ck_assert_mem_eq(out[i].b, want, 60);
	}
	/* not Running: nothing taken, all counted as dropped */
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	ck_assert_uint_eq(nbl_bind_send_ff_template(q, pool, 8, 60), 0);
	ck_assert_uint_eq(q->stats.ff_dropped, 25);
	ck_assert_int_eq(nbl_bind_close(b), 0);
	ck_assert_int_eq(nbl_bind_free(b), 0);
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

static Suite *
bind_suite(void)
{
	Suite *s = suite_create("bind");
	TCase *tc;

	tc = tcase_create("states");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_states_valid);
	tcase_add_test(tc, test_states_invalid);
	tcase_add_test(tc, test_states_open_fails);
	tcase_add_test(tc, test_send_unbound);
	tcase_add_test(tc, test_reqs_compute);
	tcase_add_test(tc, test_status_mapping);
	suite_add_tcase(s, tc);

	tc = tcase_create("edge");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_edge11_source_handle);
	tcase_add_test(tc, test_edge35_send3_exactly_once_null);
	tcase_add_test(tc, test_edge35_send3_exactly_once_ring);
	tcase_add_test(tc, test_zc_return_pool);
	tcase_add_test(tc, test_edge36_send_while_paused);
	tcase_add_test(tc, test_edge37_pause_idle_queue);
	tcase_add_test(tc, test_edge38_short_burst_copy);
	tcase_add_test(tc, test_edge38_short_burst_zero_copy);
	tcase_add_test(tc, test_edge39_second_nb_rejected);
	tcase_add_test(tc, test_edge40_frame_above_mtu);
	tcase_add_test(tc, test_edge41_cancel_copy);
	tcase_add_test(tc, test_edge41_cancel_zero_copy);
	tcase_add_test(tc, test_edge42_resend_from_completion);
	tcase_add_test(tc, test_edge43_restart_larger_backfill);
	tcase_add_test(tc, test_edge44_loopback);
	tcase_add_test(tc, test_restart_queues_and_mtu);
	suite_add_tcase(s, tc);

	tc = tcase_create("send");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_bytes_exact_ring_copy);
	tcase_add_test(tc, test_bytes_exact_ring_zero_copy);
	tcase_add_test(tc, test_bytes_exact_memif);
	tcase_add_test(tc, test_offload_sw_csum_vlan);
	tcase_add_test(tc, test_offload_sw_lso);
	tcase_add_test(tc, test_restart_in_flight_grows_backfill);
	tcase_add_test(tc, test_concurrent_sender_pause_restart);
	tcase_add_test(tc, test_pool_exhaustion);
	tcase_add_test(tc, test_copy_pool_exhaustion_full_ring);
	tcase_add_test(tc, test_fire_and_forget);
	tcase_add_test(tc, test_fire_and_forget_template);
	tcase_add_test(tc, test_close_ring_loop_pools_full);
	tcase_add_test(tc, test_close_tap_rx_ring);
	tcase_add_test(tc, test_close_reports_pool_not_full);
	tcase_add_test(tc, test_obj_init_template);
	tcase_add_test(tc, test_frame_len);
	tcase_add_test(tc, test_queues_and_port_close);
	suite_add_tcase(s, tc);
	return s;
}

/* A ring port whose 16 queue rings have 16 slots (15 usable). */
static int
small_ring_port(uint16_t *port)
{
	char name[RTE_RING_NAMESIZE];
	unsigned int i;

	for (i = 0; i < RTE_DIM(small_rings); i++) {
		snprintf(name, sizeof(name), "ETH_RXTX%u_net_ring9", i);
		small_rings[i] = rte_ring_create(name, 16, SOCKET_ID_ANY,
						 RING_F_SP_ENQ | RING_F_SC_DEQ);
		if (small_rings[i] == NULL)
			return -1;
	}
	if (rte_dev_probe("net_ring9") != 0)
		return -1;
	return rte_eth_dev_get_port_by_name("net_ring9", port);
}

int
main(int argc, char **argv)
{
	char prefix[64], run_dir[PATH_MAX];
	char *eal_argv[] = {
		argc > 0 ? argv[0] : (char *)"test_bind",
		(char *)"--no-huge", (char *)"-m", (char *)"512",
		(char *)"--no-pci", (char *)"--no-shconf",
		(char *)"--no-telemetry", (char *)"--file-prefix", prefix,
		(char *)"-l", (char *)"0-1",
		(char *)"--vdev", (char *)"net_null0",
		(char *)"--vdev", (char *)"net_null1",
		(char *)"--vdev", (char *)"net_ring0",
		(char *)"--log-level", (char *)"lib.nbl:info",
		NULL,
	};
	SRunner *sr;
	unsigned int i;
	int failed;

	snprintf(prefix, sizeof(prefix), "test_bind_%d", (int)getpid());
	if (rte_eal_init((int)RTE_DIM(eal_argv) - 1, eal_argv) < 0) {
		fprintf(stderr, "test_bind: rte_eal_init: %s\n",
			rte_strerror(rte_errno));
		return 2;
	}
	if (rte_eth_dev_get_port_by_name("net_null0", &port_null) != 0 ||
	    rte_eth_dev_get_port_by_name("net_null1", &port_null1) != 0 ||
	    rte_eth_dev_get_port_by_name("net_ring0", &port_ring) != 0 ||
	    small_ring_port(&port_small) != 0) {
		fprintf(stderr, "test_bind: virtual ports missing\n");
		return 2;
	}
	sr = srunner_create(bind_suite());
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	if (nbl_internal_pools_release() != 0 || nbl_leak_check(stderr) != 0)
		failed++;
	rte_eth_dev_close(port_small);
	for (i = 0; i < RTE_DIM(small_rings); i++)
		rte_ring_free(small_rings[i]);
	/* --no-shconf and --no-telemetry leave the runtime directory empty */
	snprintf(run_dir, sizeof(run_dir), "%s", rte_eal_get_runtime_dir());
	rte_eal_cleanup();
	rmdir(run_dir);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

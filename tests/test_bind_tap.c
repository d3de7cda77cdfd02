/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/*
 * Check suite bind_tap: the binding on a port with TX offloads.  net_tap
 * offers IPv4/UDP/TCP checksums, TSO and multi-segment frames and performs
 * them as a NIC would (its TX path segments and checksums from the mbuf
 * offload flags), so the binding's mapping of NBL large-send info onto
 * those flags is exercised here, end to end.
 *
 * Not run alone: tests/integration/tap_offload.sh runs it inside a network
 * namespace that holds the tap interface (argument 1, attached with the
 * MAC of argument 2), captures what the kernel receives there and judges
 * the segments with tshark and the kernel's TCP counters.  The frames go
 * from 198.18.1.1 to 198.18.1.2 (the interface's address):
 *
 *   port 5002  a large send of 8000 payload bytes, MSS 1000, from caller
 *              memory in two MDLs: a chain of copy buffers for the TSO
 *   port 5003  a large send of 1460 payload bytes, MSS 500, in the
 *              binding's own (T,N) buffer: zero copy for the TSO
 *
 * TCP sequence numbers start at 1000000 (5002) and 2000000 (5003); payload
 * byte k is (7 * k + port) mod 256.
 */

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include <rte_byteorder.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_tcp.h>

#include "nbl.h"
#include "nbl_bind.h"
#include "test_eal.h"

#define HDR_LEN (RTE_ETHER_HDR_LEN + 20 + 20)
#define BIG_PAYLOAD 8000
#define BIG_LEN (HDR_LEN + BIG_PAYLOAD)
#define MAX_DONE 16

static uint16_t port_tap;
static struct rte_ether_addr tap_mac;

/* NBLs back through send-complete, in order, with their statuses. */
static struct {
	unsigned int n;
	struct nbl_list *nbl[MAX_DONE];
	int32_t st[MAX_DONE];
} done;

static void
on_complete(void *ctx, struct nbl_list *chain, uint32_t flags)
{
	RTE_SET_USED(ctx);
	RTE_SET_USED(flags);
	for (; chain != NULL; chain = chain->next) {
		ck_assert_uint_lt(done.n, MAX_DONE);
		done.nbl[done.n] = chain;
		done.st[done.n++] = chain->status;
	}
}

/* Poll until n NBLs came back (5 s at most). */
static void
wait_done(struct nbl_bind *b, unsigned int n)
{
	uint64_t end = rte_get_tsc_cycles() + 5 * rte_get_tsc_hz();

	while (done.n < n && rte_get_tsc_cycles() < end)
		nbl_bind_poll(b, 0);
	ck_assert_uint_eq(done.n, n);
}

static struct nbl_bind *
bind_tap(void)
{
	struct nbl_bind_conf c;
	struct nbl_bind *b;

	nbl_bind_conf_init(&c);
	c.name = "tap";
	c.send_complete = on_complete;
	c.keep_port = true; /* every test binds the same port */
	b = nbl_bind_create(port_tap, &c);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(nbl_bind_open(b), 0);
	ck_assert_int_eq(nbl_bind_restart(b, NULL), 0);
	memset(&done, 0, sizeof(done));
	return b;
}

static void
unbind(struct nbl_bind *b)
{
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	ck_assert_int_eq(nbl_bind_close(b), 0);
	ck_assert_int_eq(nbl_bind_free(b), 0);
}

/* Ethernet/IPv4/TCP headers to 198.18.1.2:dport and the payload. */
static void
build_tcp(uint8_t *f, uint32_t len, uint16_t dport, uint32_t seq)
{
	struct rte_ether_hdr *eth = (struct rte_ether_hdr *)f;
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(eth + 1);
	struct rte_tcp_hdr *tcp = (struct rte_tcp_hdr *)(ip + 1);
	uint32_t k;

	eth->dst_addr = tap_mac;
	eth->src_addr = tap_mac;
	eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
	memset(ip, 0, sizeof(*ip));
	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->total_length = rte_cpu_to_be_16((uint16_t)RTE_MIN(len - 14,
							      65535u));
	ip->packet_id = rte_cpu_to_be_16(1);
	ip->time_to_live = 64;
	ip->next_proto_id = IPPROTO_TCP;
	/* 198.18.1.1 -> 198.18.1.2 (DPDK 22.11's RTE_IPV4() shifts an int
	 * 198 by 24 places: undefined behaviour UBSan reports) */
	ip->src_addr = rte_cpu_to_be_32(UINT32_C(0xc6120101));
	ip->dst_addr = rte_cpu_to_be_32(UINT32_C(0xc6120102));
	memset(tcp, 0, sizeof(*tcp));
	tcp->src_port = rte_cpu_to_be_16(40000);
	tcp->dst_port = rte_cpu_to_be_16(dport);
	tcp->sent_seq = rte_cpu_to_be_32(seq);
	tcp->recv_ack = rte_cpu_to_be_32(1);
	tcp->data_off = 5 << 4;
	tcp->tcp_flags = RTE_TCP_ACK_FLAG | RTE_TCP_PSH_FLAG;
	tcp->rx_win = rte_cpu_to_be_16(65535);
	for (k = 0; k + HDR_LEN < len; k++)
		f[HDR_LEN + k] = (uint8_t)(7 * k + dport);
}

/* The port's offloads as the binding took them. */
START_TEST(test_reqs)
{
	struct nbl_bind *b = bind_tap();
	struct nbl_bind_reqs r;
	const uint64_t want = RTE_ETH_TX_OFFLOAD_IPV4_CKSUM |
		RTE_ETH_TX_OFFLOAD_TCP_CKSUM | RTE_ETH_TX_OFFLOAD_TCP_TSO |
		RTE_ETH_TX_OFFLOAD_MULTI_SEGS;

	ck_assert_int_eq(nbl_bind_reqs_get(b, &r), 0);
	ck_assert_str_eq(r.driver, "net_tap");
	ck_assert_uint_eq(r.tx_offloads & want, want);
	ck_assert_uint_gt(r.tso_segs_max, 1);
	ck_assert_uint_eq(r.max_frame, 1514);
	unbind(b);
}
END_TEST

/* 8000 bytes from caller memory: one chained copy, the port segments. */
START_TEST(test_tso_chain)
{
	static uint8_t f[BIG_LEN];
	struct nbl_bind *b = bind_tap();
	struct nbl_list_pool_params pp = {
		.alloc_nb = true, .tag = 0x314f5354, .count = 15,
	};
	struct nbl_list_pool *pool = nbl_list_pool_create(&pp);
	struct nbl_mdl *m1, *m2;
	struct nbl_bind_stats s;
	struct nbl_list *nbl;

	ck_assert_ptr_nonnull(pool);
	build_tcp(f, BIG_LEN, 5002, 1000000);
	/* two MDLs, cut inside the payload */
	m1 = nbl_mdl_create(f, 3000);
	m2 = nbl_mdl_create(f + 3000, BIG_LEN - 3000);
	ck_assert_ptr_nonnull(m1);
	ck_assert_ptr_nonnull(m2);
	m1->next = m2;
	nbl = nbl_list_alloc_with_buf(pool, 0, 0, m1, 0, BIG_LEN);
	ck_assert_ptr_nonnull(nbl);
	*nbl_list_info_ref(nbl, NBL_INFO_TCP_LARGE_SEND) =
		nbl_lso_info(1000, HDR_LEN - 20, false);
	nbl_bind_send(b, 0, nbl, 0);
	wait_done(b, 1);
	ck_assert_int_eq(done.st[0], NBL_STATUS_SUCCESS);
	ck_assert_ptr_eq(done.nbl[0], nbl);
	ck_assert_int_eq(nbl_bind_stats_get(b, 0, &s), 0);
	/* one frame for the port (no software segmentation), a copy */
	ck_assert_uint_eq(s.packets, 1);
	ck_assert_uint_eq(s.copies, 1);
	ck_assert_uint_eq(s.sw_lso, 0);
	ck_assert_uint_eq(s.bytes, BIG_LEN);
	/* the NBL's data is the caller's, unchanged */
	ck_assert_uint_eq(f[HDR_LEN + 4000], (uint8_t)(7 * 4000 + 5002));
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	nbl_mdl_free(m1);
	nbl_mdl_free(m2);
	unbind(b);
	ck_assert_int_eq(nbl_list_pool_free(pool), 0);
}
END_TEST

/* 1460 bytes in the binding's own buffer: zero copy, the port segments. */
START_TEST(test_tso_zero_copy)
{
	struct nbl_bind *b = bind_tap();
	struct nbl_bind_stats s;
	struct nbl_list *nbl;
	const uint32_t len = HDR_LEN + 1460;

	nbl = nbl_list_alloc(nbl_bind_pool(b), 0, 0);
	ck_assert_ptr_nonnull(nbl);
	nbl->first_nb->data_length = len;
	build_tcp((uint8_t *)nbl->first_nb->cur->va + nbl->first_nb->cur_off,
		  len, 5003, 2000000);
	*nbl_list_info_ref(nbl, NBL_INFO_TCP_LARGE_SEND) =
		nbl_lso_info(500, HDR_LEN - 20, false);
	nbl_bind_send(b, 0, nbl, 0);
	wait_done(b, 1);
	ck_assert_int_eq(done.st[0], NBL_STATUS_SUCCESS);
	ck_assert_int_eq(nbl_bind_stats_get(b, 0, &s), 0);
	ck_assert_uint_eq(s.packets, 1);
	ck_assert_uint_eq(s.zero_copy, 1);
	ck_assert_uint_eq(s.sw_lso, 0);
	memset(nbl->info, 0, sizeof(nbl->info));
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	unbind(b);
}
END_TEST

/* What the port cannot do is refused with INVALID_LENGTH, nothing sent:
 * segments above the MTU, a frame above 64 KiB of IP. */
START_TEST(test_tso_refused)
{
	static uint8_t f[NBL_BIND_LSO_MAX + 64];
	struct nbl_bind *b = bind_tap();
	struct nbl_list_pool_params pp = {
		.alloc_nb = true, .tag = 0x324f5354, .count = 15,
	};
	struct nbl_list_pool *pool = nbl_list_pool_create(&pp);
	struct nbl_list *big, *fat;
	struct nbl_bind_stats s;
	struct nbl_mdl *m;

	ck_assert_ptr_nonnull(pool);
	build_tcp(f, sizeof(f), 5004, 3000000);
	m = nbl_mdl_create(f, sizeof(f));
	ck_assert_ptr_nonnull(m);
	/* MSS 1470: 54 + 1470 > 1514 */
	fat = nbl_list_alloc_with_buf(pool, 0, 0, m, 0, BIG_LEN);
	ck_assert_ptr_nonnull(fat);
	*nbl_list_info_ref(fat, NBL_INFO_TCP_LARGE_SEND) =
		nbl_lso_info(1470, HDR_LEN - 20, false);
	/* one byte above the largest large send */
	big = nbl_list_alloc_with_buf(pool, 0, 0, m, 0, NBL_BIND_LSO_MAX + 1);
	ck_assert_ptr_nonnull(big);
	*nbl_list_info_ref(big, NBL_INFO_TCP_LARGE_SEND) =
		nbl_lso_info(1000, HDR_LEN - 20, false);
	fat->next = big;
	nbl_bind_send(b, 0, fat, 0);
	wait_done(b, 2);
	ck_assert_int_eq(done.st[0], NBL_STATUS_INVALID_LENGTH);
	ck_assert_int_eq(done.st[1], NBL_STATUS_INVALID_LENGTH);
	ck_assert_int_eq(nbl_bind_stats_get(b, 0, &s), 0);
	ck_assert_uint_eq(s.packets, 0);
	ck_assert_uint_eq(s.failed[NBL_BIND_FAIL_INVALID_LENGTH], 2);
	ck_assert_uint_eq(s.submitted, 2);
	ck_assert_int_eq(nbl_list_free(fat), 0);
	ck_assert_int_eq(nbl_list_free(big), 0);
	nbl_mdl_free(m);
	unbind(b);
	ck_assert_int_eq(nbl_list_pool_free(pool), 0);
}
END_TEST

static Suite *
tap_suite(void)
{
	Suite *s = suite_create("bind_tap");
	TCase *tc = tcase_create("tap");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_reqs);
	tcase_add_test(tc, test_tso_chain);
	tcase_add_test(tc, test_tso_zero_copy);
	tcase_add_test(tc, test_tso_refused);
	suite_add_tcase(s, tc);
	return s;
}

int
main(int argc, char **argv)
{
	char vdev[128];
	const char *args[] = {
		"--vdev", vdev, "--log-level", "pmd.net.tap:error", NULL,
	};
	int failed;

	if (argc != 3 || rte_ether_unformat_addr(argv[2], &tap_mac) != 0) {
		fprintf(stderr, "usage: test_bind_tap IFACE MAC (run by "
			"tests/integration/tap_offload.sh in its namespace)\n");
		return 2;
	}
	snprintf(vdev, sizeof(vdev), "net_tap0,iface=%s,mac=%s", argv[1],
		 argv[2]);
	if (test_eal_init("test_bind_tap", "0-1", args) != 0)
		return 2;
	if (rte_eth_dev_get_port_by_name("net_tap0", &port_tap) != 0) {
		fprintf(stderr, "test_bind_tap: no net_tap0 port\n");
		return test_eal_fini(1);
	}
	failed = test_eal_run("test_bind_tap", tap_suite());
	rte_eth_dev_close(port_tap);
	return test_eal_fini(failed);
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * What reaches the wire ('bind' suite, TCase "send"): byte-exact delivery
 * over net_ring (copy and zero copy) and net_memif, and the offloads done
 * in software (checksums, VLAN insertion, LSO).
 */

/* rte_ipv4_udptcp_cksum_verify() is experimental in 22.11 */
#define ALLOW_EXPERIMENTAL_API 1

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <unistd.h>

#include <rte_ip.h>
#include <rte_tcp.h>
#include <rte_udp.h>

#include "test_bind.h"

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

void
bind_offload_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_bytes_exact_ring_copy);
	tcase_add_test(tc, test_bytes_exact_ring_zero_copy);
	tcase_add_test(tc, test_bytes_exact_memif);
	tcase_add_test(tc, test_offload_sw_csum_vlan);
	tcase_add_test(tc, test_offload_sw_lso);
}

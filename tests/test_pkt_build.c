/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * The bytes of every header: the default frame against one built by hand
 * with DPDK's structures, then the fields of each protocol as the keys
 * set them (tshark judges the dissection; this checks the values), the
 * payload kinds, and what a template says of itself.
 */

#include <stdio.h>
#include <string.h>

#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_udp.h>

#include "test_pkt.h"

static uint32_t
g16(const uint8_t *p)
{
	return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t
g32(const uint8_t *p)
{
	return g16(p) << 16 | g16(p + 2);
}

/* The frame a default spec gives, built the way app/frame.c does. */
START_TEST(test_build_default)
{
	struct pkt_spec *s = pkt_spec_create();
	char err[PKT_ERR_LEN];
	struct pkt_tmpl *t = pkt_tmpl_create(s, 0, err, sizeof(err));
	uint8_t got[60], want[60] = { 0 };
	struct rte_ether_hdr *eth = (struct rte_ether_hdr *)want;
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(eth + 1);
	struct rte_udp_hdr *udp = (struct rte_udp_hdr *)(ip + 1);
	uint8_t *pl = (uint8_t *)(udp + 1);
	unsigned int k;

	ck_assert_msg(t != NULL, "%s", err);
	ck_assert_str_eq(pkt_tmpl_stack(t), "eth/ipv4/udp");
	ck_assert_int_eq(pkt_tmpl_hdr_len(t), 42);
	ck_assert_int_eq(pkt_tmpl_write(t, got, 60, 0), 0);
	memcpy(eth->dst_addr.addr_bytes, "\x02\0\0\0\0\x02", 6);
	memcpy(eth->src_addr.addr_bytes, "\x02\0\0\0\0\x01", 6);
	eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->total_length = rte_cpu_to_be_16(46);
	ip->fragment_offset = rte_cpu_to_be_16(RTE_IPV4_HDR_DF_FLAG);
	ip->time_to_live = 64;
	ip->next_proto_id = IPPROTO_UDP;
	ip->src_addr = rte_cpu_to_be_32(RTE_IPV4_LOOPBACK);
	ip->dst_addr = rte_cpu_to_be_32(RTE_IPV4_LOOPBACK);
	ip->hdr_checksum = rte_ipv4_cksum(ip);
	udp->src_port = rte_cpu_to_be_16(49152);
	udp->dst_port = rte_cpu_to_be_16(9);
	udp->dgram_len = rte_cpu_to_be_16(26);
	for (k = 0; k < 18; k++)
		pl[k] = (uint8_t)k;
	udp->dgram_cksum = rte_ipv4_udptcp_cksum(ip, udp);
	for (k = 0; k < 60; k++)
		ck_assert_msg(got[k] == want[k], "byte %u: 0x%02x, 0x%02x",
			      k, got[k], want[k]);
	ck_assert(pkt_tmpl_static(t));
	ck_assert_int_eq(pkt_tmpl_outer_len(t, NULL), 0);
	pkt_tmpl_free(t);
	pkt_spec_free(s);
}
END_TEST

/* A frame of a spec, written for flow 0 at the smallest length. */
static struct pkt_tmpl *
frame(const char *const *kv, uint8_t *buf, uint32_t *len)
{
	struct pkt_tmpl *t = tp_tmpl(kv, 1);

	pkt_tmpl_len_range(t, len, NULL);
	ck_assert_int_eq(pkt_tmpl_write(t, buf, *len, 0), 0);
	return t;
}

START_TEST(test_build_l4)
{
	static const char *const tcp[] = {
		"headers=eth/ipv4/tcp", "tcp-flags=syn,ack", "tos=0xb8",
		"ttl=7", "src-port=1234", "dst-port=80", NULL,
	};
	static const char *const syn[] = {
		"headers=eth/ipv6/tcp", "tcp-flags=S", "ttl=9", "tos=0x20",
		"size=100", NULL,
	};
	static const char *const icmp[] = { "headers=eth/ipv4/icmp", NULL };
	static const char *const icmp6[] = {
		"headers=eth/ipv6/icmpv6", "icmp-type=echo-reply",
		"icmp-code=3", "size=70", NULL,
	};
	uint8_t f[128];
	struct pkt_tmpl *t;
	uint32_t len;

	t = frame(tcp, f, &len);
	ck_assert(f[14] == 0x45 && f[15] == 0xb8 && g16(f + 18) == 0 &&
		  g16(f + 20) == 0x4000 && f[22] == 7 && f[23] == 6);
	ck_assert(g16(f + 34) == 1234 && g16(f + 36) == 80);
	ck_assert(g32(f + 38) == 1 && g32(f + 42) == 1); /* seq, ack */
	ck_assert(f[46] == 0x50 && f[47] == 0x12 && g16(f + 48) == 65535 &&
		  g16(f + 52) == 0);
	pkt_tmpl_free(t);
	t = frame(syn, f, &len);
	ck_assert_int_eq(len, 96);
	ck_assert(g32(f + 14) == (6u << 28 | 0x20u << 20));
	ck_assert(g16(f + 18) == 96 - 54 && f[20] == 6 && f[21] == 9);
	ck_assert(g32(f + 54 + 8) == 0 && f[54 + 13] == 0x02);
	pkt_tmpl_free(t);
	t = frame(icmp, f, &len);
	ck_assert(f[23] == 1 && f[34] == 8 && f[35] == 0);
	ck_assert(g16(f + 38) == 0x4e42 && g16(f + 40) == 0);
	pkt_tmpl_free(t);
	t = frame(icmp6, f, &len);
	ck_assert(f[20] == 58 && f[54] == 129 && f[55] == 3);
	ck_assert(g16(f + 58) == 0x4e42);
	pkt_tmpl_free(t);
}
END_TEST

START_TEST(test_build_l2)
{
	static const char *const qinq[] = {
		"headers=eth/qinq/mpls/ipv4/udp", "svlan=300", "vlan=4095",
		"vlan-prio=5", "mpls=16,1048575", NULL,
	};
	static const char *const arp[] = {
		"headers=eth/vlan/arp", "src-mac=02:00:00:00:00:0a",
		"src-ip=10.0.0.1", "dst-ip=10.0.0.2", NULL,
	};
	static const char *const reply[] = {
		"headers=eth/arp", "arp-op=reply",
		"dst-mac=02:00:00:00:00:0b", NULL,
	};
	uint8_t f[128];
	struct pkt_tmpl *t;
	uint32_t len;
	unsigned int k;

	t = frame(qinq, f, &len);
	ck_assert(g16(f + 12) == 0x88a8 && g16(f + 14) == (5u << 13 | 300));
	ck_assert(g16(f + 16) == 0x8100 && g16(f + 18) == (5u << 13 | 4095));
	ck_assert(g16(f + 20) == 0x8847);
	ck_assert(g32(f + 22) == (16u << 12 | 64));            /* no BoS */
	ck_assert(g32(f + 26) == (1048575u << 12 | 1u << 8 | 64)); /* BoS */
	ck_assert(f[30] == 0x45);
	pkt_tmpl_free(t);
	t = frame(arp, f, &len);
	ck_assert_int_eq(len, 60);
	ck_assert_int_eq(pkt_tmpl_hdr_len(t), 46);
	ck_assert(memcmp(f, "\xff\xff\xff\xff\xff\xff\x02\0\0\0\0\x0a", 12) ==
		  0);
	ck_assert(g16(f + 12) == 0x8100 && g16(f + 16) == 0x0806);
	ck_assert(g16(f + 18) == 1 && g16(f + 20) == 0x0800 && f[22] == 6 &&
		  f[23] == 4 && g16(f + 24) == 1);
	ck_assert(memcmp(f + 26, "\x02\0\0\0\0\x0a\x0a\0\0\x01", 10) == 0);
	ck_assert(memcmp(f + 36, "\0\0\0\0\0\0\x0a\0\0\x02", 10) == 0);
	for (k = 46; k < 60; k++)
		ck_assert_int_eq(f[k], 0);
	pkt_tmpl_free(t);
	t = frame(reply, f, &len);
	ck_assert(g16(f + 20) == 2 && memcmp(f + 32, "\x02\0\0\0\0\x0b", 6) ==
		  0 && memcmp(f, f + 32, 6) == 0);
	pkt_tmpl_free(t);
}
END_TEST

START_TEST(test_build_tunnels)
{
	static const char *const vx[] = {
		"headers=eth/ipv4/udp/vxlan/eth/ipv4/udp", "vni=0xabcdef",
		"size=200", NULL,
	};
	static const char *const vxp[] = {
		"headers=eth/ipv6/udp/vxlan/eth/ipv6/tcp", "dst-port=8472",
		"size=200", NULL,
	};
	static const char *const gn[] = {
		"headers=eth/ipv6/udp/geneve/eth/vlan/ipv4/udp", "vni=7",
		"inner-vlan=9", "size=200", NULL,
	};
	static const char *const gre[] = {
		"headers=eth/ipv4/gre/eth/ipv4/udp", "gre-key=0xdeadbeef",
		"size=200", NULL,
	};
	static const char *const gre6[] = {
		"headers=eth/ipv4/gre/ipv6/udp", "size=200", NULL,
	};
	const char *what;
	uint8_t f[256];
	struct pkt_tmpl *t;
	uint32_t len;

	t = frame(vx, f, &len);
	ck_assert_int_eq(pkt_tmpl_outer_len(t, &what), 50);
	ck_assert_str_eq(what, "VXLAN over IPv4: 50 bytes");
	ck_assert(f[23] == 17 && g16(f + 36) == 4789 && g16(f + 40) == 0);
	ck_assert(g16(f + 38) == 196 - 34 && g16(f + 16) == 196 - 14);
	ck_assert(g32(f + 42) == 0x08000000 && g32(f + 46) == 0xabcdef00);
	ck_assert(g16(f + 62) == 0x0800 && f[64] == 0x45);
	pkt_tmpl_free(t);
	t = frame(vxp, f, &len);
	ck_assert_int_eq(pkt_tmpl_outer_len(t, &what), 70);
	ck_assert_str_eq(what, "VXLAN over IPv6: 70 bytes");
	ck_assert(g16(f + 56) == 8472 && g16(f + 58) == 196 - 54);
	ck_assert(g16(f + 60) != 0); /* a real checksum over IPv6 */
	pkt_tmpl_free(t);
	t = frame(gn, f, &len);
	ck_assert_str_eq(pkt_tmpl_stack(t),
			 "eth/ipv6/udp/geneve/eth/vlan/ipv4/udp");
	ck_assert(g16(f + 56) == 6081 && g16(f + 62) == 0 &&
		  g16(f + 64) == 0x6558 && g32(f + 66) == 0x700);
	ck_assert(g16(f + 82) == 0x8100 && g16(f + 84) == 9 &&
		  g16(f + 86) == 0x0800);
	pkt_tmpl_free(t);
	t = frame(gre, f, &len);
	ck_assert_int_eq(pkt_tmpl_outer_len(t, &what), 42);
	ck_assert_str_eq(what, "GRE with a key over IPv4: 42 bytes");
	ck_assert(f[23] == 47 && g16(f + 34) == 0x2000 &&
		  g16(f + 36) == 0x6558 && g32(f + 38) == 0xdeadbeef);
	pkt_tmpl_free(t);
	t = frame(gre6, f, &len);
	ck_assert_int_eq(pkt_tmpl_outer_len(t, &what), 38);
	ck_assert_str_eq(what, "GRE over IPv4: 38 bytes");
	ck_assert(g16(f + 34) == 0 && g16(f + 36) == 0x86dd && f[38] >> 4 == 6);
	pkt_tmpl_free(t);
}
END_TEST

START_TEST(test_build_payloads)
{
	static const char *const kv[][3] = {
		{ "payload=zeros", "size=300" },
		{ "payload=inc", "size=300" },
		{ "payload=hex:a1b2c3", "size=300" },
		{ "payload=random", "size=300" },
	};
	uint8_t f[300], g[300];
	struct pkt_tmpl *t, *u;
	uint32_t len, k;

	for (k = 0; k < 3; k++) {
		uint32_t i;

		t = frame(kv[k], f, &len);
		ck_assert_int_eq(len, 296);
		for (i = 42; i < len; i++) {
			uint8_t want = k == 0 ? 0 : k == 1 ? (uint8_t)(i - 42) :
				(uint8_t)"\xa1\xb2\xc3"[(i - 42) % 3];

			ck_assert_int_eq(f[i], want);
		}
		pkt_tmpl_free(t);
	}
	/* random: a pattern of the seed, the same in every frame */
	t = tp_tmpl(kv[3], 5);
	u = tp_tmpl(kv[3], 5);
	pkt_tmpl_write(t, f, 296, 0);
	pkt_tmpl_write(u, g, 296, 0);
	ck_assert(memcmp(f, g, 296) == 0);
	pkt_tmpl_free(u);
	u = tp_tmpl(kv[3], 6);
	pkt_tmpl_write(u, g, 296, 0);
	ck_assert(memcmp(f + 42, g + 42, 254) != 0);
	pkt_tmpl_write(t, g, 296, 3);
	ck_assert(memcmp(f, g, 296) == 0);
	pkt_tmpl_free(t);
	pkt_tmpl_free(u);
}
END_TEST

void
pkt_build_add_tcases(Suite *s)
{
	TCase *tc = tcase_create("build");

	tcase_add_test(tc, test_build_default);
	tcase_add_test(tc, test_build_l4);
	tcase_add_test(tc, test_build_l2);
	tcase_add_test(tc, test_build_tunnels);
	tcase_add_test(tc, test_build_payloads);
	suite_add_tcase(s, tc);
}

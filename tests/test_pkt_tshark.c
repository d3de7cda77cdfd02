/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * tshark as the independent judge of every kind of frame: for every
 * stack, every payload kind, with and without a signature, for the
 * smallest size, 1518, imix (or weights from the smallest size) and a
 * range, stamped frames with flows varying go to one pcap per stack that
 * tests/pkt_judge.py has tshark dissect: the expected protocols, every
 * checksum good (the outer UDP of VXLAN/GENEVE over IPv4: not present),
 * no expert information above a note.
 *
 * tshark's notes that these streams draw, allowed by the judge: TCP
 * segments without payload are "duplicate ACKs", and an ARP frame with a
 * signature has "an undecoded trailer" instead of zero padding.  Every
 * stamp's TCP byte streams start at sequence number 1: each template of
 * a TCP stack has connections of its own (a field set per template), or
 * the pcap would hold several senders' segments of one connection.
 */

#include <stdio.h>
#include <string.h>

#include "test_pkt.h"

struct stack_case {
	const char *name;
	const char *keys[10]; /* headers= and flows; in one with %u, the
			       * template's number from 1 */
};

#define MACS "src-mac=02:00:00:00:00:01-02:00:00:00:00:05"
#define PORTS "src-port=49152-49200,random", "dst-port=9-11,dec"

static const struct stack_case cases[] = {
	{ "ipv4_udp", { "headers=eth/ipv4/udp", MACS, PORTS,
		"src-ip=10.0.0.1-10.0.0.7", "ttl=30-40,step=5" } },
	{ "ipv4_tcp", { "headers=eth/ipv4/tcp", PORTS,
		"dst-ip=10.0.1.1-10.0.1.200,random", "tos=16",
		"src-ip=10.0.9.%u" } },
	{ "ipv4_icmp", { "headers=eth/ipv4/icmp",
		"src-ip=10.0.0.1-10.0.0.3", "dst-ip=10.9.0.1-10.9.0.3,dec" } },
	{ "ipv6_udp", { "headers=eth/ipv6/udp", PORTS,
		"src-ip=2001:db8::1-2001:db8::ff:ffff,step=4097",
		"ttl=1-255,random", "tos=0xb8" } },
	{ "ipv6_tcp", { "headers=eth/ipv6/tcp", "tcp-flags=PA",
		"dst-ip=fd00::1:0-fd00::1:20", "src-port=40000-40004",
		"src-ip=fd00:9::%u" } },
	{ "ipv6_icmpv6", { "headers=eth/ipv6/icmpv6",
		"dst-ip=fe80::1-fe80::9,random", "icmp-type=echo-reply" } },
	{ "arp", { "headers=eth/arp", "src-ip=192.168.0.1-192.168.0.40",
		"dst-ip=192.168.1.1-192.168.1.3,random" } },
	{ "arp_reply", { "headers=eth/vlan/arp", "arp-op=reply",
		"vlan=7-9", "dst-mac=02:00:00:00:00:09" } },
	{ "vlan_ipv4_udp", { "headers=eth/vlan/ipv4/udp",
		"vlan=100-4000,step=300", "vlan-prio=5", PORTS } },
	{ "qinq_ipv4_udp", { "headers=eth/qinq/ipv4/udp", "svlan=10-12",
		"vlan=20-22,dec", "vlan-prio=3", "dst-ip=10.1.1.1-10.1.1.4" } },
	{ "mpls_ipv4_udp", { "headers=eth/mpls/ipv4/udp", "mpls=16", PORTS } },
	{ "mpls2_ipv4_udp", { "headers=eth/mpls/ipv4/udp",
		"mpls=16,1048575", "src-ip=10.0.0.1-10.0.0.250,random" } },
	{ "vxlan4", { "headers=eth/ipv4/udp/vxlan/eth/ipv4/udp",
		"vni=100-103", "src-port=49152-65535,random",
		"inner-src-ip=192.168.0.1-192.168.0.9",
		"inner-dst-port=9-10", "inner-ttl=8" } },
	{ "vxlan6", { "headers=eth/ipv6/udp/vxlan/eth/ipv4/udp",
		"vni=5000-5003,dec", "src-ip=2001:db8::1-2001:db8::3",
		"inner-src-mac=02:00:00:00:01:00-02:00:00:00:01:07",
		"inner-dst-ip=192.168.0.1-192.168.0.9,random" } },
	{ "geneve4", { "headers=eth/ipv4/udp/geneve/eth/ipv4/udp",
		"vni=7", "inner-src-port=1024-1100,random",
		"ttl=2-3" } },
	{ "gre_ipv4", { "headers=eth/ipv4/gre/ipv4/udp",
		"inner-src-ip=172.16.0.1-172.16.0.9", "dst-ip=10.2.0.1-10.2.0.2" } },
	{ "gre_eth_key", { "headers=eth/ipv4/gre/eth/ipv4/udp",
		"gre-key=1000-1003", "inner-dst-mac=02:00:00:00:02:01",
		"inner-src-port=50000-50010,random" } },
	{ "vlan_ipv6_udp", { "headers=eth/vlan/ipv6/udp", "vlan=1-2",
		"src-ip=::1", "dst-port=9-30000,random" } },
	{ "gre6_ipv6_tcp", { "headers=eth/ipv6/gre/ipv6/tcp",
		"gre-key=42", "inner-src-ip=2001:db8:1::1-2001:db8:1::4",
		"inner-tcp-flags=syn,ack", "inner-dst-ip=2001:db8:2::%u" } },
	{ "vxlan4_vlan_icmpv6", {
		"headers=eth/ipv4/udp/vxlan/eth/vlan/ipv6/icmpv6",
		"inner-vlan=30-33", "inner-dst-ip=fd00::1-fd00::5" } },
	{ "geneve6_ipv6_tcp", { "headers=eth/ipv6/udp/geneve/eth/ipv6/tcp",
		"vni=1-2", "inner-dst-port=5001", "inner-ttl=64-65",
		"inner-src-port=%u" } },
	{ "qinq_mpls_ipv6_udp", { "headers=eth/qinq/mpls/ipv6/udp",
		"mpls=100,200,300", "src-ip=fd00::10-fd00::20,step=8" } },
	{ "gre_ipv4_icmp", { "headers=eth/ipv4/gre/ipv4/icmp",
		"inner-src-ip=10.3.0.1-10.3.0.2" } },
};

static const char *const payloads[] = { "zeros", "inc", "random",
					"hex:DEADBEEF01" };

/* The smallest size a stack takes, from its header length. */
static unsigned int
smallest(const char *const *keys, bool sig)
{
	const char *kv[16];
	struct pkt_tmpl *t;
	unsigned int i, n = 0, need;

	for (i = 0; keys[i] != NULL; i++)
		if (strchr(keys[i], '%') == NULL)
			kv[n++] = keys[i];
	i = n;
	kv[i++] = "size=1518";
	kv[i] = NULL;
	t = tp_tmpl(kv, 1);
	need = pkt_tmpl_hdr_len(t) + (sig ? PKT_SIG_LEN : 0) + PKT_FCS_LEN;
	pkt_tmpl_free(t);
	return need < PKT_SIZE_MIN ? PKT_SIZE_MIN : need;
}

/* Every payload, signature and size plan of one stack, into one pcap. */
START_TEST(test_tshark_stack)
{
	const struct stack_case *c = &cases[_i];
	struct tp_judge *j = tp_judge_open(c->name);
	bool arp = strstr(c->keys[0], "arp") != NULL;
	unsigned int p, sig, z, nkeys, tmpls = 0;

	for (nkeys = 0; c->keys[nkeys] != NULL; nkeys++)
		;
	for (p = 0; p < RTE_DIM(payloads); p++) {
		if (arp && p > 0)
			break; /* ARP frames are padded with zeros */
		for (sig = 0; sig < 2; sig++) {
			unsigned int min = smallest(c->keys, sig);

			for (z = 0; z < 4; z++) {
				char pay[64], size[64], sg[32], own[64];
				const char *kv[16];
				struct pkt_tmpl *t;
				unsigned int i;

				for (i = 0; i < nkeys; i++)
					kv[i] = c->keys[i];
				for (i = 0; i < nkeys; i++)
					if (strchr(kv[i], '%') != NULL) {
						snprintf(own, sizeof(own),
							 kv[i], tmpls + 1);
						kv[i] = own;
					}
				snprintf(pay, sizeof(pay), "payload=%s",
					 payloads[p]);
				snprintf(sg, sizeof(sg), "signature=%s",
					 sig ? "yes" : "no");
				if (z == 0)
					snprintf(size, sizeof(size), "size=%u",
						 min);
				else if (z == 1)
					snprintf(size, sizeof(size),
						 "size=1518");
				else if (z == 2 && min == 64)
					snprintf(size, sizeof(size),
						 "size=imix");
				else if (z == 2)
					snprintf(size, sizeof(size),
						 "size=%u:7,594:4,1518:1", min);
				else
					snprintf(size, sizeof(size),
						 "size=%u-%u", min, min + 40);
				kv[i++] = pay;
				kv[i++] = sg;
				kv[i++] = size;
				kv[i] = NULL;
				t = tp_tmpl(kv, p * 8 + sig * 4 + z);
				/* wrap: a pool of inner frames, outer
				 * headers written per frame */
				tp_stream(t, tmpls, 12,
					  pkt_tmpl_outer_len(t, NULL) != 0 &&
					  sig, j);
				pkt_tmpl_free(t);
				tmpls++;
			}
		}
	}
	tp_judge_run(j);
}
END_TEST

/* A long stream with many flows and random fields, each frame judged. */
START_TEST(test_tshark_long_stream)
{
	static const char *const kv[] = {
		"headers=eth/vlan/ipv4/udp", "vlan=1-4094,random",
		"src-ip=10.0.0.0-10.0.255.255,random",
		"dst-ip=10.1.0.1-10.1.0.16", "src-port=10000-40000,random",
		"dst-port=9-12", "ttl=1-255,random", "size=66-1518,random",
		"payload=random", "signature=yes", NULL,
	};
	struct pkt_tmpl *t = tp_tmpl(kv, 99);
	struct tp_judge *j = tp_judge_open("long");

	tp_stream(t, 12345, 3000, false, j);
	tp_judge_run(j);
	pkt_tmpl_free(t);
}
END_TEST

void
pkt_tshark_add_tcases(Suite *s)
{
	TCase *tc = tcase_create("tshark");

	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, test_tshark_stack, 0, RTE_DIM(cases));
	tcase_add_test(tc, test_tshark_long_stream);
	suite_add_tcase(s, tc);
}

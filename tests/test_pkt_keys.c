/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Keys and specs: the key table, every key's good values (read back as
 * set) and bad values (with the exact message a user sees), defaults and
 * the defaults that follow the stack, copies, and what pkt_tmpl_create()
 * refuses about a spec as a whole.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>

#include "test_pkt.h"

static const char *const key_names[] = {
	"headers", "src-mac", "dst-mac", "vlan", "vlan-prio", "svlan",
	"mpls", "src-ip", "dst-ip", "ttl", "tos", "src-port", "dst-port",
	"tcp-flags", "icmp-type", "icmp-code", "arp-op", "vni", "gre-key",
	"inner-src-mac", "inner-dst-mac", "inner-vlan", "inner-src-ip",
	"inner-dst-ip", "inner-ttl", "inner-tos", "inner-src-port",
	"inner-dst-port", "inner-tcp-flags", "size", "payload", "signature",
};

START_TEST(test_key_table)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(key_names); i++) {
		const struct pkt_key *k = pkt_key_get(i);

		ck_assert_ptr_nonnull(k);
		ck_assert_str_eq(k->name, key_names[i]);
		ck_assert_msg(k->arg[0] && k->def[0], "%s", k->name);
		ck_assert_msg(strlen(k->help) > 20 &&
			      k->help[strlen(k->help) - 1] == '.',
			      "help of %s: %s", k->name, k->help);
	}
	ck_assert_ptr_null(pkt_key_get(i));
	ck_assert_ptr_null(pkt_key_get(1000));
}
END_TEST

struct kv {
	const char *key;
	const char *value;
	const char *msg; /* NULL: good */
};

static const struct kv good[] = {
	{ "headers", "eth/qinq/mpls/ipv6/udp", NULL },
	{ "headers", "eth/ipv6/udp/geneve/eth/vlan/ipv4/tcp", NULL },
	{ "headers", "eth/ipv4/gre/ipv6/icmpv6", NULL },
	{ "headers", "eth/vlan/arp", NULL },
	{ "src-mac", "02:00:00:00:00:01-02:00:00:00:00:ff,random", NULL },
	{ "src-mac", "a:b:c:d:e:f", NULL },
	{ "dst-mac", "FF:FF:FF:FF:FF:FF", NULL },
	{ "vlan", "0", NULL },
	{ "vlan", "1-4095,step=2", NULL },
	{ "vlan-prio", "7", NULL },
	{ "svlan", "4095", NULL },
	{ "mpls", "0,1048575", NULL },
	{ "mpls", "1,2,3,4,5,6,7,8", NULL },
	{ "src-ip", "10.0.0.1", NULL },
	{ "src-ip", "::1", NULL },
	{ "dst-ip", "2001:db8::1-2001:db8::ffff:ffff:ffff:ffff,dec", NULL },
	{ "dst-ip", "0.0.0.0-255.255.255.255,random", NULL },
	{ "ttl", "1-255,dec,step=2", NULL },
	{ "tos", "0xb8", NULL },
	{ "src-port", "0-65535,random,step=7", NULL },
	{ "dst-port", "5000", NULL },
	{ "tcp-flags", "SA", NULL },
	{ "tcp-flags", "syn,ack", NULL },
	{ "tcp-flags", "FIN+PSH|URG", NULL },
	{ "tcp-flags", "0x12", NULL },
	{ "icmp-type", "echo-reply", NULL },
	{ "icmp-type", "3", NULL },
	{ "icmp-code", "255", NULL },
	{ "arp-op", "reply", NULL },
	{ "arp-op", "4", NULL },
	{ "vni", "0-16777215", NULL },
	{ "gre-key", "none", NULL },
	{ "gre-key", "0-4294967295,random", NULL },
	{ "inner-src-mac", "02:00:00:00:01:00", NULL },
	{ "inner-dst-mac", "02:00:00:00:01:00-02:00:00:00:01:09", NULL },
	{ "inner-vlan", "5-6", NULL },
	{ "inner-src-ip", "fd00::1", NULL },
	{ "inner-dst-ip", "192.168.0.1-192.168.0.9", NULL },
	{ "inner-ttl", "255", NULL },
	{ "inner-tos", "3", NULL },
	{ "inner-src-port", "1-2", NULL },
	{ "inner-dst-port", "0", NULL },
	{ "inner-tcp-flags", "R", NULL },
	{ "size", "64", NULL },
	{ "size", "9216", NULL },
	{ "size", "64-1518", NULL },
	{ "size", "64-1518,random", NULL },
	{ "size", "imix", NULL },
	{ "size", "IMIX", NULL },
	{ "size", "64:7,594:4,1518:1", NULL },
	{ "size", "64,128,256", NULL },
	{ "payload", "zeros", NULL },
	{ "payload", "inc", NULL },
	{ "payload", "random", NULL },
	{ "payload", "hex:00fF", NULL },
	{ "signature", "yes", NULL },
	{ "signature", "off", NULL },
};

#define NOT_MAC " is not a MAC address (six hex bytes such as " \
	"02:00:00:00:00:01)"
#define TCPF " is not TCP flags (letters of FSRPAUEC such as SA, names " \
	"such as syn,ack, or 0 to 255)"

static const struct kv bad[] = {
	{ "headers", "", "'': no headers (e.g. eth/ipv4/udp)" },
	{ "headers", "eth/ipv4/foo",
	  "'eth/ipv4/foo': unknown header 'foo' (eth, vlan, qinq, mpls, ipv4, ipv6, udp, tcp, icmp, icmpv6, arp, vxlan, geneve or gre)" },
	{ "headers", "ipv4/udp", "'ipv4/udp': a stack starts with eth" },
	{ "headers", "eth/ipv4",
	  "'eth/ipv4': the stack cannot end with ipv4 (udp, tcp, icmp or gre must follow)" },
	{ "headers", "eth/ipv6/icmp",
	  "'eth/ipv6/icmp': icmp goes with ipv4 and icmpv6 with ipv6" },
	{ "headers", "eth/udp",
	  "'eth/udp': udp cannot follow eth (vlan, qinq, mpls, ipv4, ipv6 or arp can)" },
	{ "headers", "eth//ipv4/udp", "'eth//ipv4/udp': an empty header name" },
	{ "headers", "eth/ipv4/tcp/vxlan",
	  "'eth/ipv4/tcp/vxlan': nothing can follow tcp" },
	{ "headers", "eth/ipv4/udp/vxlan/eth/qinq/ipv4/udp",
	  "'eth/ipv4/udp/vxlan/eth/qinq/ipv4/udp': qinq cannot follow eth inside a tunnel (vlan, ipv4 or ipv6 can)" },
	{ "headers", "eth/ipv4/udp/vxlan",
	  "'eth/ipv4/udp/vxlan': the stack cannot end with vxlan (eth must follow)" },
	{ "headers", "eth/ipv4/gre/ipv4/gre/ipv4/udp",
	  "'eth/ipv4/gre/ipv4/gre/ipv4/udp': gre cannot follow ipv4 inside a tunnel (udp, tcp or icmp can)" },
	{ "headers", "eth/arp/udp", "'eth/arp/udp': nothing can follow arp" },
	{ "src-mac", "02:00:00:00:00", "'02:00:00:00:00'" NOT_MAC },
	{ "src-mac", "02:00:00:00:00:zz", "'02:00:00:00:00:zz'" NOT_MAC },
	{ "dst-mac", "02:00:00:00:00:01-02:00:00:00:00:001",
	  "'02:00:00:00:00:001'" NOT_MAC },
	{ "src-mac", "02:00:00:00:00:01-02:00:00:00:00:00",
	  "'02:00:00:00:00:01-02:00:00:00:00:00': FIRST is above LAST" },
	{ "vlan", "4096", "'4096' is not a VLAN ID (0 to 4095)" },
	{ "vlan", "x", "'x' is not a VLAN ID (0 to 4095)" },
	{ "vlan", "1-5,foo",
	  "'1-5,foo': unknown range option 'foo' (inc, dec, random or step=N)" },
	{ "vlan", "1-5,step=0", "'1-5,step=0': 'step=0' is not a step of one or more" },
	{ "vlan", "1-5,inc,dec",
	  "'1-5,inc,dec': more than one of inc, dec and random" },
	{ "vlan", "7,inc",
	  "'7,inc': inc, dec, random and step=N go with a range FIRST-LAST" },
	{ "svlan", "-5", "'-5': a range is FIRST-LAST" },
	{ "svlan", "5-", "'5-': a range is FIRST-LAST" },
	{ "vlan-prio", "8", "'8' is not a VLAN priority (0 to 7)" },
	{ "vlan-prio", "1-2", "'1-2': one value only, not a range" },
	{ "mpls", "16,x", "'16,x': 'x' is not an MPLS label (0 to 1048575)" },
	{ "mpls", "1048576",
	  "'1048576': '1048576' is not an MPLS label (0 to 1048575)" },
	{ "mpls", "1,2,3,4,5,6,7,8,9", "'1,2,3,4,5,6,7,8,9': more than 8 labels" },
	{ "src-ip", "10.0.0.256", "'10.0.0.256' is not an IPv4 or IPv6 address" },
	{ "src-ip", "10.0.0.1-::2",
	  "'10.0.0.1-::2': FIRST and LAST are not both IPv4 or both IPv6" },
	{ "dst-ip", "2001:db8::1-2001:db9::1",
	  "'2001:db8::1-2001:db9::1': an IPv6 range may differ only in its low 64 bits" },
	{ "dst-ip", "::-::ffff:ffff:ffff:ffff",
	  "'::-::ffff:ffff:ffff:ffff': more than 2^64 values" },
	{ "ttl", "0", "'0' is not a TTL (1 to 255)" },
	{ "inner-ttl", "256", "'256' is not a TTL (1 to 255)" },
	{ "tos", "256", "'256' is not a TOS byte (0 to 255)" },
	{ "inner-tos", "1,random", "'1,random': one value only" },
	{ "src-port", "65536", "'65536' is not a port (0 to 65535)" },
	{ "dst-port", "9,dec", "'9,dec': inc, dec, random and step=N go with a range FIRST-LAST" },
	{ "inner-src-port", "2-1", "'2-1': FIRST is above LAST" },
	{ "inner-src-mac", "02-00-00-00-00-01", "'02-00-00-00-00-01'" NOT_MAC },
	{ "src-port", "1-2-3", "'1-2-3' is not a port (0 to 65535)" },
	{ "inner-dst-mac", "1:2:3:4:5:6:7", "'1:2:3:4:5:6:7'" NOT_MAC },
	{ "inner-vlan", "1-4096", "'4096' is not a VLAN ID (0 to 4095)" },
	{ "inner-src-ip", "10.0.0.1/24", "'10.0.0.1/24' is not an IPv4 or IPv6 address" },
	{ "inner-dst-ip", "::1-::5,step=x",
	  "'::1-::5,step=x': 'step=x' is not a step of one or more" },
	{ "inner-dst-port", "80-8o", "'8o' is not a port (0 to 65535)" },
	{ "tcp-flags", "SX", "'SX'" TCPF },
	{ "inner-tcp-flags", "256", "'256'" TCPF },
	{ "tcp-flags", "syn,bad", "'syn,bad'" TCPF },
	{ "icmp-type", "echo",
	  "'echo' is not an ICMP type (echo-request, echo-reply or 0 to 255)" },
	{ "icmp-code", "300", "'300' is not an ICMP code (0 to 255)" },
	{ "arp-op", "0",
	  "'0' is not an ARP operation (request, reply or 1 to 65535)" },
	{ "vni", "16777216", "'16777216' is not a VNI (0 to 16777215)" },
	{ "gre-key", "4294967296",
	  "'4294967296' is not a GRE key (0 to 4294967295)" },
	{ "size", "63", "'63' is not a frame size (64 to 9216 bytes with the FCS)" },
	{ "size", "9217", "'9217' is not a frame size (64 to 9216 bytes with the FCS)" },
	{ "size", "60-100",
	  "'60-100' is not a size range MIN-MAX of frame sizes (64 to 9216 bytes)" },
	{ "size", "100-64", "'100-64': MIN is above MAX" },
	{ "size", "64-1518,dec",
	  "'64-1518,dec': unknown size range option 'dec' (inc or random)" },
	{ "size", "64:0", "'64:0': '0' is not a weight (1 to 4096)" },
	{ "size", "64:1,64:2", "'64:1,64:2': size 64 appears twice" },
	{ "size", "64:4000,128:97",
	  "'64:4000,128:97': the weights add up to more than 4096" },
	{ "payload", "ones",
	  "'ones' is not a payload (zeros, inc, random or hex:BYTES)" },
	{ "payload", "hex:abc", "'hex:abc': an odd number of hex digits" },
	{ "payload", "hex:", "'hex:': no bytes after hex:" },
	{ "payload", "hex:zz", "'hex:zz': 'z' is not a hex digit" },
	{ "signature", "maybe", "'maybe' is not yes or no" },
};

/* Every key has good and bad values in the tables above. */
START_TEST(test_key_coverage)
{
	unsigned int i, k, g, b;

	for (i = 0; i < RTE_DIM(key_names); i++) {
		for (k = 0, g = 0; k < RTE_DIM(good); k++)
			g += strcmp(good[k].key, key_names[i]) == 0;
		for (k = 0, b = 0; k < RTE_DIM(bad); k++)
			b += strcmp(bad[k].key, key_names[i]) == 0;
		ck_assert_msg(g > 0 && b > 0, "%s: %u good, %u bad values",
			      key_names[i], g, b);
	}
}
END_TEST

START_TEST(test_key_good)
{
	const struct kv *g = &good[_i];
	struct pkt_spec *s = pkt_spec_create();
	char err[PKT_ERR_LEN] = "", buf[128];

	ck_assert(!pkt_spec_is_set(s, g->key));
	ck_assert_msg(pkt_spec_set(s, g->key, g->value, err, sizeof(err)) == 0,
		      "%s %s: %s", g->key, g->value, err);
	ck_assert(pkt_spec_is_set(s, g->key));
	ck_assert_int_eq(pkt_spec_get(s, g->key, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, g->value);
	pkt_spec_free(s);
}
END_TEST

START_TEST(test_key_bad)
{
	const struct kv *b = &bad[_i];
	struct pkt_spec *s = pkt_spec_create();
	char err[PKT_ERR_LEN] = "", buf[128], before[128];

	ck_assert_int_eq(pkt_spec_get(s, b->key, before, sizeof(before)), 0);
	ck_assert_int_eq(pkt_spec_set(s, b->key, b->value, err, sizeof(err)),
			 -EINVAL);
	ck_assert_str_eq(err, b->msg);
	/* all or nothing: the key keeps its value */
	ck_assert(!pkt_spec_is_set(s, b->key));
	ck_assert_int_eq(pkt_spec_get(s, b->key, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, before);
	pkt_spec_free(s);
}
END_TEST

/* Long values: 65 sizes, 1025 hex bytes. */
START_TEST(test_key_long)
{
	struct pkt_spec *s = pkt_spec_create();
	char v[4096], err[PKT_ERR_LEN], want[PKT_ERR_LEN];
	size_t n = 0;
	unsigned int i;

	for (i = 0; i < 65; i++)
		n += (size_t)snprintf(v + n, sizeof(v) - n, "%s%u",
				      i ? "," : "", 64 + i);
	ck_assert_int_eq(pkt_spec_set(s, "size", v, err, sizeof(err)),
			 -EINVAL);
	/* a long value is quoted by its first 48 characters */
	snprintf(want, sizeof(want), "'%.48s...': more than 64 sizes", v);
	ck_assert_str_eq(err, want);
	v[n - 4] = '\0'; /* 64 sizes */
	ck_assert_int_eq(pkt_spec_set(s, "size", v, err, sizeof(err)), 0);
	strcpy(v, "hex:");
	for (i = 0; i < 1025; i++)
		strcat(v, "ab");
	ck_assert_int_eq(pkt_spec_set(s, "payload", v, err, sizeof(err)),
			 -EINVAL);
	snprintf(want, sizeof(want), "'%.48s...': more than 1024 bytes", v);
	ck_assert_str_eq(err, want);
	v[4 + 2048] = '\0';
	ck_assert_int_eq(pkt_spec_set(s, "payload", v, err, sizeof(err)), 0);
	pkt_spec_free(s);
}
END_TEST

START_TEST(test_key_unknown)
{
	struct pkt_spec *s = pkt_spec_create();
	char err[PKT_ERR_LEN], buf[64];

	ck_assert_int_eq(pkt_spec_set(s, "src_ip", "1.2.3.4", err,
				      sizeof(err)), -ENOENT);
	ck_assert_str_eq(err, "unknown key 'src_ip'");
	ck_assert_int_eq(pkt_spec_get(s, "nope", buf, sizeof(buf)), -ENOENT);
	ck_assert(!pkt_spec_is_set(s, "nope"));
	ck_assert_int_eq(pkt_spec_get(s, "src-ip", buf, 9), -ENOSPC);
	ck_assert_int_eq(pkt_spec_get(s, "src-ip", buf, 10), 0);
	ck_assert_str_eq(buf, "127.0.0.1");
	pkt_spec_free(s);
	pkt_spec_free(NULL);
}
END_TEST

/* Defaults as pkt_spec_get() reports them, for a stack. */
static void
check_defaults(const char *headers, const char *const *want)
{
	struct pkt_spec *s = pkt_spec_create();
	char err[PKT_ERR_LEN], buf[128];
	unsigned int i;

	if (headers != NULL)
		ck_assert_int_eq(pkt_spec_set(s, "headers", headers, err,
					      sizeof(err)), 0);
	for (i = 0; want[i] != NULL; i += 2) {
		ck_assert_int_eq(pkt_spec_get(s, want[i], buf, sizeof(buf)),
				 0);
		ck_assert_msg(strcmp(buf, want[i + 1]) == 0,
			      "%s over %s: %s, %s expected", want[i],
			      headers ? headers : "the default", buf,
			      want[i + 1]);
		ck_assert(!pkt_spec_is_set(s, want[i]));
	}
	pkt_spec_free(s);
}

START_TEST(test_key_defaults)
{
	static const char *const plain[] = {
		"headers", "eth/ipv4/udp", "src-mac", "02:00:00:00:00:01",
		"dst-mac", "02:00:00:00:00:02", "src-ip", "127.0.0.1",
		"dst-ip", "127.0.0.1", "src-port", "49152", "dst-port", "9",
		"ttl", "64", "tos", "0", "size", "64", "payload", "inc",
		"signature", "no", "vlan", "100", "svlan", "200", "mpls", "16",
		"tcp-flags", "A", "icmp-type", "echo-request", "arp-op",
		"request", "vni", "1", "gre-key", "none", NULL,
	};
	static const char *const v6[] = {
		"src-ip", "::1", "dst-ip", "::1", "dst-port", "9", NULL,
	};
	static const char *const vxlan[] = {
		"src-ip", "::1", "dst-port", "4789", "inner-src-ip",
		"127.0.0.1", "inner-dst-ip", "127.0.0.1", "inner-dst-port", "9",
		NULL,
	};
	static const char *const geneve[] = {
		"src-ip", "127.0.0.1", "dst-port", "6081", "inner-src-ip",
		"::1", "inner-dst-ip", "::1", NULL,
	};
	static const char *const arp[] = {
		"dst-mac", "ff:ff:ff:ff:ff:ff", "payload", "zeros", NULL,
	};

	check_defaults(NULL, plain);
	check_defaults("eth/ipv6/tcp", v6);
	check_defaults("eth/ipv6/udp/vxlan/eth/ipv4/udp", vxlan);
	check_defaults("eth/ipv4/udp/geneve/eth/ipv6/udp", geneve);
	check_defaults("eth/arp", arp);
}
END_TEST

START_TEST(test_spec_copy)
{
	static const char *const kv[] = {
		"headers=eth/vlan/ipv4/udp", "vlan=5-9", "payload=hex:0102",
		NULL,
	};
	struct pkt_spec *s = tp_spec(kv), *c = pkt_spec_copy(s);
	char err[PKT_ERR_LEN], buf[64];

	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(pkt_spec_set(s, "vlan", "7", err, sizeof(err)), 0);
	ck_assert_int_eq(pkt_spec_get(c, "vlan", buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "5-9");
	ck_assert_int_eq(pkt_spec_get(c, "payload", buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "hex:0102");
	ck_assert(pkt_spec_is_set(c, "headers"));
	ck_assert(!pkt_spec_is_set(c, "size"));
	pkt_spec_free(s);
	pkt_spec_free(c);
	ck_assert_ptr_null(pkt_spec_copy(NULL));
	ck_assert_int_eq(rte_errno, EINVAL);
}
END_TEST

struct refusal {
	const char *kv[6];
	const char *msg;
};

static const struct refusal refusals[] = {
	{ { "vni=5" }, "vni 5: eth/ipv4/udp has no vxlan or geneve header" },
	{ { "vlan=5" }, "vlan 5: eth/ipv4/udp has no vlan or qinq header" },
	{ { "headers=eth/vlan/ipv4/udp", "svlan=5" },
	  "svlan 5: eth/vlan/ipv4/udp has no qinq header" },
	{ { "mpls=16" }, "mpls 16: eth/ipv4/udp has no mpls header" },
	{ { "headers=eth/ipv4/icmp", "src-port=5" },
	  "src-port 5: eth/ipv4/icmp has no udp or tcp header" },
	{ { "tcp-flags=S" }, "tcp-flags S: eth/ipv4/udp has no tcp header" },
	{ { "icmp-code=1" },
	  "icmp-code 1: eth/ipv4/udp has no icmp or icmpv6 header" },
	{ { "arp-op=reply" }, "arp-op reply: eth/ipv4/udp has no arp header" },
	{ { "headers=eth/ipv4/udp/vxlan/eth/ipv4/udp", "gre-key=1" },
	  "gre-key 1: eth/ipv4/udp/vxlan/eth/ipv4/udp has no gre header" },
	{ { "headers=eth/arp", "ttl=5" },
	  "ttl 5: eth/arp has no ipv4 or ipv6 header" },
	{ { "inner-src-ip=10.0.0.1" },
	  "inner-src-ip 10.0.0.1: eth/ipv4/udp has no inner ipv4 or ipv6 header" },
	{ { "headers=eth/ipv4/gre/ipv4/udp", "inner-src-mac=02:00:00:00:00:07" },
	  "inner-src-mac 02:00:00:00:00:07: eth/ipv4/gre/ipv4/udp has no inner eth header" },
	{ { "headers=eth/ipv4/gre/eth/ipv4/udp", "inner-vlan=3" },
	  "inner-vlan 3: eth/ipv4/gre/eth/ipv4/udp has no inner vlan header" },
	{ { "headers=eth/ipv4/gre/ipv4/icmp", "inner-dst-port=3" },
	  "inner-dst-port 3: eth/ipv4/gre/ipv4/icmp has no inner udp or tcp header" },
	{ { "headers=eth/ipv4/gre/ipv4/udp", "inner-tcp-flags=S" },
	  "inner-tcp-flags S: eth/ipv4/gre/ipv4/udp has no inner tcp header" },
	{ { "src-ip=::1" }, "src-ip ::1: eth/ipv4/udp needs an IPv4 address" },
	{ { "headers=eth/ipv6/tcp", "dst-ip=10.0.0.1-10.0.0.5" },
	  "dst-ip 10.0.0.1-10.0.0.5: eth/ipv6/tcp needs an IPv6 address" },
	{ { "headers=eth/arp", "src-ip=::1" },
	  "src-ip ::1: eth/arp needs an IPv4 address" },
	{ { "headers=eth/ipv4/gre/ipv6/udp", "inner-dst-ip=10.0.0.1" },
	  "inner-dst-ip 10.0.0.1: eth/ipv4/gre/ipv6/udp needs an IPv6 address" },
	{ { "headers=eth/ipv6/tcp", "signature=yes" },
	  "size 64: eth/ipv6/tcp with a signature needs at least 94 bytes" },
	{ { "headers=eth/ipv6/tcp", "size=imix" },
	  "size imix: eth/ipv6/tcp needs at least 78 bytes" },
	{ { "headers=eth/ipv4/udp/vxlan/eth/ipv4/udp", "size=90-200" },
	  "size 90-200: eth/ipv4/udp/vxlan/eth/ipv4/udp needs at least 96 bytes" },
	{ { "headers=eth/arp", "payload=inc" },
	  "payload inc: eth/arp frames are padded with zeros" },
	{ { "headers=eth/arp", "src-mac=02:00:00:00:00:01-02:00:00:00:00:02" },
	  "src-mac 02:00:00:00:00:01-02:00:00:00:00:02: eth/arp takes one MAC address (it is in the Ethernet and the ARP header)" },
};

START_TEST(test_create_refusal)
{
	const struct refusal *r = &refusals[_i];

	ck_assert_str_eq(tp_refusal(r->kv), r->msg);
}
END_TEST

/* Too many ranged fields, and the smallest sizes that are taken. */
START_TEST(test_create_limits)
{
	static const char *const many[] = {
		"headers=eth/qinq/ipv4/udp/vxlan/eth/vlan/ipv4/udp",
		"src-mac=0:0:0:0:0:1-0:0:0:0:0:2",
		"dst-mac=0:0:0:0:0:1-0:0:0:0:0:2", "vlan=1-2", "svlan=1-2",
		"src-ip=1.0.0.1-1.0.0.2", "size=200", NULL,
	};
	static const char *const rest[] = {
		"dst-ip=1.0.0.1-1.0.0.2", "ttl=1-2", "src-port=50000-50001",
		"dst-port=1-2", "vni=1-2", "inner-src-mac=0:0:0:0:0:1-0:0:0:0:0:2",
		"inner-dst-mac=0:0:0:0:0:1-0:0:0:0:0:2", "inner-vlan=1-2",
		"inner-src-ip=1.0.0.1-1.0.0.2", "inner-dst-ip=1.0.0.1-1.0.0.2",
		"inner-ttl=1-2", "inner-src-port=1-2", "inner-dst-port=1-2",
	};
	static const char *const v6_sig[] = {
		"headers=eth/ipv6/tcp", "signature=yes", "size=94", NULL,
	};
	const char *kv[32];
	unsigned int i, n;

	for (n = 0; many[n] != NULL; n++)
		kv[n] = many[n];
	for (i = 0; i < RTE_DIM(rest); i++)
		kv[n++] = rest[i];
	kv[n] = NULL;
	/* 18 ranged fields: the 17th in key order is refused */
	ck_assert_str_eq(tp_refusal(kv),
			 "inner-src-port: more than 16 fields change per frame");
	kv[n - 2] = NULL; /* 16 */
	ck_assert_str_eq(tp_refusal(kv), "");
	ck_assert_str_eq(tp_refusal(v6_sig), "");
}
END_TEST

void
pkt_keys_add_tcases(Suite *s)
{
	TCase *tc = tcase_create("keys");

	tcase_add_test(tc, test_key_table);
	tcase_add_test(tc, test_key_coverage);
	tcase_add_loop_test(tc, test_key_good, 0, RTE_DIM(good));
	tcase_add_loop_test(tc, test_key_bad, 0, RTE_DIM(bad));
	tcase_add_test(tc, test_key_long);
	tcase_add_test(tc, test_key_unknown);
	tcase_add_test(tc, test_key_defaults);
	tcase_add_test(tc, test_spec_copy);
	tcase_add_loop_test(tc, test_create_refusal, 0, RTE_DIM(refusals));
	tcase_add_test(tc, test_create_limits);
	suite_add_tcase(s, tc);
}

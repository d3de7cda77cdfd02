/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Incremental checksums against DPDK's, computed from scratch: thousands
 * of frames of random specs (stacks, ranged fields, size plans with odd
 * and even payload lengths, payloads, signatures); the timestamp rewrite;
 * the outer headers written per frame (wrap); and which checksums a stamp
 * maintains at all (only those that change).
 */

#include <stdio.h>
#include <string.h>

#include "test_pkt.h"

enum pool { MAC, IP4, IP6, PORT, VLAN, TTL, VNI, GRE, NPOOL };

static const char *const pools[NPOOL][5] = {
	[MAC] = { "02:00:00:00:00:01", "02:00:00:00:00:01-02:00:00:00:00:40",
		  "02:00:00:ff:ff:fe-02:00:01:00:00:05,dec",
		  "0:0:0:0:0:0-ff:ff:ff:ff:ff:ff,random,step=3",
		  "02:00:00:00:00:09" },
	[IP4] = { "10.0.0.1", "10.0.0.1-10.0.0.200", "10.0.0.250-10.0.1.9,dec",
		  "1.2.3.4-1.2.255.255,random,step=3",
		  "255.255.255.250-255.255.255.255" },
	[IP6] = { "2001:db8::1", "2001:db8::1-2001:db8::ffff,random",
		  "fd00::ffff:fffe-fd00::1:0:1",
		  "fe80::1-fe80::ffff:ffff:ffff:ffff,random,step=77777",
		  "::ffff:ffff:ffff:fff0-::ffff:ffff:ffff:ffff,dec" },
	[PORT] = { "9", "0-65535,random", "65500-65535,dec", "1000-2000,step=7",
		   "65535" },
	[VLAN] = { "1", "0-4095,random", "4000-4095", "1-4095,dec,step=13",
		   "4095" },
	[TTL] = { "64", "1-255,random", "250-255", "1-3,dec", "255" },
	[VNI] = { "1", "0-16777215,random", "16777200-16777215,dec", "5-9",
		  "16777215" },
	[GRE] = { "none", "42", "0-4294967295,random", "4294967290-4294967295",
		  "4294967295" },
};

struct rstack {
	const char *headers;
	const char *keys[20]; /* "key:POOL" */
};

#define OUTER4 "src-mac:0", "dst-mac:0", "src-ip:1", "dst-ip:1", "ttl:5"
#define OUTER6 "src-mac:0", "dst-mac:0", "src-ip:2", "dst-ip:2", "ttl:5"
#define PORTS "src-port:3", "dst-port:3"
#define SPORT "src-port:3" /* tunnels keep their port (the test's dissector) */
#define IPORTS "inner-src-port:3", "inner-dst-port:3"
#define INNER4 "inner-src-ip:1", "inner-dst-ip:1", "inner-ttl:5"
#define INNER6 "inner-src-ip:2", "inner-dst-ip:2", "inner-ttl:5"
#define IMAC "inner-src-mac:0", "inner-dst-mac:0"

static const struct rstack rstacks[] = {
	{ "eth/ipv4/udp", { OUTER4, PORTS } },
	{ "eth/ipv4/tcp", { OUTER4, PORTS } },
	{ "eth/ipv4/icmp", { OUTER4 } },
	{ "eth/ipv6/udp", { OUTER6, PORTS } },
	{ "eth/ipv6/tcp", { OUTER6, PORTS } },
	{ "eth/ipv6/icmpv6", { OUTER6 } },
	{ "eth/vlan/ipv4/udp", { OUTER4, PORTS, "vlan:4" } },
	{ "eth/qinq/ipv6/tcp", { OUTER6, PORTS, "vlan:4", "svlan:4" } },
	{ "eth/mpls/ipv4/icmp", { OUTER4 } },
	{ "eth/ipv4/udp/vxlan/eth/ipv4/udp",
	  { OUTER4, SPORT, "vni:6", IMAC, INNER4, IPORTS } },
	{ "eth/ipv6/udp/vxlan/eth/vlan/ipv4/tcp",
	  { OUTER6, SPORT, "vni:6", IMAC, "inner-vlan:4", INNER4, IPORTS } },
	{ "eth/ipv4/udp/geneve/eth/ipv6/udp",
	  { OUTER4, SPORT, "vni:6", IMAC, INNER6, IPORTS } },
	{ "eth/ipv6/udp/geneve/eth/ipv6/icmpv6",
	  { OUTER6, SPORT, "vni:6", IMAC, INNER6 } },
	{ "eth/ipv4/gre/ipv6/tcp", { OUTER4, "gre-key:7", INNER6, IPORTS } },
	{ "eth/ipv6/gre/eth/ipv4/icmp", { OUTER6, "gre-key:7", IMAC, INNER4 } },
	{ "eth/vlan/ipv4/gre/ipv4/udp",
	  { OUTER4, "vlan:4", "gre-key:7", INNER4, IPORTS } },
};

static uint64_t rng = 0x1234567;

static uint32_t
rnd(uint32_t n)
{
	return (uint32_t)(pkt_rand(&rng) % n);
}

/* A template of kv, or NULL if its TCP flows are more than a stamp
 * keeps (the only refusal a random spec may draw). */
static struct pkt_tmpl *
try_tmpl(const char *const *kv, uint64_t seed)
{
	struct pkt_spec *s = tp_spec(kv);
	char err[PKT_ERR_LEN] = "";
	struct pkt_tmpl *t = pkt_tmpl_create(s, seed, err, sizeof(err));

	ck_assert_msg(t != NULL || strstr(err, " TCP flows (") != NULL,
		      "%s: %s", kv[0], err);
	pkt_spec_free(s);
	return t;
}

/* A random spec of a stack; the pool of every key was its own.  With
 * TCP, values are drawn again until the flows fit. */
static struct pkt_tmpl *
random_tmpl(const struct rstack *rs, char (*vals)[96])
{
	const char *kv[24];
	unsigned int n = 0, i, min, size_kind = rnd(4);
	struct pkt_tmpl *t;
	bool sig = rnd(2);

again:
	n = 0;

	snprintf(vals[n], 96, "headers=%s", rs->headers);
	kv[n] = vals[n];
	n++;
	for (i = 0; rs->keys[i] != NULL; i++) {
		const char *c = strchr(rs->keys[i], ':');

		snprintf(vals[n], 96, "%.*s=%s", (int)(c - rs->keys[i]),
			 rs->keys[i], pools[c[1] - '0'][rnd(5)]);
		kv[n] = vals[n];
		n++;
	}
	switch (rnd(4)) {
	case 0:
		snprintf(vals[n], 96, "payload=zeros");
		break;
	case 1:
		snprintf(vals[n], 96, "payload=inc");
		break;
	case 2:
		snprintf(vals[n], 96, "payload=random");
		break;
	default:
		snprintf(vals[n], 96, "payload=hex:%06x%0*x", rnd(1u << 24),
			 (int)(2 * rnd(4)), 0xabcdefu);
		break;
	}
	kv[n] = vals[n];
	n++;
	snprintf(vals[n], 96, "signature=%s", sig ? "yes" : "no");
	kv[n] = vals[n];
	n++;
	snprintf(vals[n], 96, "size=1518");
	kv[n] = vals[n];
	kv[n + 1] = NULL;
	t = try_tmpl(kv, rnd(1000));
	if (t == NULL)
		goto again;
	min = pkt_tmpl_hdr_len(t) + (sig ? PKT_SIG_LEN : 0) + PKT_FCS_LEN;
	min = min < 64 ? 64 : min;
	pkt_tmpl_free(t);
	switch (size_kind) {
	case 0:
		snprintf(vals[n], 96, "size=%u", min + rnd(1600 - min));
		break;
	case 1:
		snprintf(vals[n], 96, "size=%u-%u", min, min + rnd(300));
		break;
	case 2:
		snprintf(vals[n], 96, "size=%u-%u,random", min + rnd(20),
			 9216 - rnd(100));
		break;
	default:
		snprintf(vals[n], 96, "size=%u:%u,%u:%u,%u:1", min,
			 1 + rnd(5), min + 1 + rnd(100), 1 + rnd(5),
			 min + 101 + rnd(9000 - min));
		break;
	}
	return tp_tmpl(kv, rnd(1000));
}

/* Stamped checksums of random specs against DPDK's from scratch; each
 * frame also passes the checker. */
START_TEST(test_cksum_random)
{
	char vals[24][96];
	unsigned int k;

	rng = 0x9e3779b97f4a7c15ull + (uint64_t)_i * 7919;
	for (k = 0; k < 40; k++) {
		const struct rstack *rs = &rstacks[rnd(RTE_DIM(rstacks))];
		struct pkt_tmpl *t = random_tmpl(rs, vals);

		tp_stream(t, rnd(1000), 60, false, NULL);
		pkt_tmpl_free(t);
	}
}
END_TEST

/* pkt_tmpl_write() of every flow and length against DPDK as well. */
START_TEST(test_cksum_write)
{
	static uint8_t buf[TP_BUF];
	char vals[24][96];
	unsigned int k, f;

	rng = 77;
	for (k = 0; k < 60; k++) {
		struct pkt_tmpl *t = random_tmpl(&rstacks[k % RTE_DIM(rstacks)],
						 vals);
		uint32_t mn, mx;

		pkt_tmpl_len_range(t, &mn, &mx);
		for (f = 0; f < 20; f++) {
			uint32_t len = f & 1 ? mn : mx;
			const char *why;

			ck_assert_int_eq(pkt_tmpl_write(t, buf, len,
							pkt_rand(&rng)), 0);
			why = tp_cksum_check(buf, len);
			ck_assert_msg(why == NULL, "%s: %s", pkt_tmpl_stack(t),
				      why);
		}
		pkt_tmpl_free(t);
	}
}
END_TEST

/* A frame sent again with a new timestamp: the same bytes as a frame
 * stamped with it, checksums good. */
START_TEST(test_ts_update)
{
	static uint8_t a[TP_BUF], b[TP_BUF];
	static struct pkt_stamp sa, sb;
	char vals[24][96];
	unsigned int k, i;

	rng = 4242;
	for (k = 0; k < 80; k++) {
		struct pkt_tmpl *t = random_tmpl(&rstacks[k % RTE_DIM(rstacks)],
						 vals);
		uint32_t mn, mx, la = 0, lb = 0;

		pkt_tmpl_len_range(t, &mn, &mx);
		pkt_tmpl_write(t, a, mx, 0);
		memcpy(b, a, mx);
		pkt_stamp_init(&sa, t, 3, 9);
		pkt_stamp_init(&sb, t, 3, 9);
		for (i = 0; i < 20; i++) {
			uint32_t len = pkt_stamp_next_len(&sa);
			uint64_t ts = pkt_rand(&rng), ts2 = pkt_rand(&rng);
			const char *why;

			ck_assert_int_eq(pkt_stamp_next_len(&sb), len);
			if (i == 7)
				ts2 = 0; /* all zero words */
			pkt_stamp_frame(&sa, a, len, &la, ts, false);
			pkt_stamp_frame(&sb, b, len, &lb, ts2, false);
			pkt_stamp_ts_update(&sa, a, len, ts2);
			ck_assert_msg(memcmp(a, b, len) == 0, "%s frame %u",
				      pkt_tmpl_stack(t), i);
			why = tp_cksum_check(a, len);
			ck_assert_msg(why == NULL, "%s: %s", pkt_tmpl_stack(t),
				      why);
		}
		pkt_stamp_fini(&sa);
		pkt_stamp_fini(&sb);
		pkt_tmpl_free(t);
	}
}
END_TEST

/* wrap: the outer headers written per frame onto a pool's inner frame
 * give the same frames as whole frames. */
START_TEST(test_wrap)
{
	static uint8_t a[TP_BUF], b[TP_BUF];
	static struct pkt_stamp sa, sb;
	char vals[24][96];
	unsigned int k, i;

	rng = 31337;
	for (k = 0; k < 60; k++) {
		const struct rstack *rs = &rstacks[9 + k % 7];
		struct pkt_tmpl *t = random_tmpl(rs, vals);
		uint32_t mn, mx, la = 0, lb = 0;
		const char *what;
		uint32_t outer = pkt_tmpl_outer_len(t, &what);

		ck_assert_uint_gt(outer, 0);
		ck_assert(strstr(what, " over IPv") != NULL);
		pkt_tmpl_len_range(t, &mn, &mx);
		pkt_tmpl_write(t, a, mx, 0);
		memcpy(b, a, mx);
		pkt_stamp_init(&sa, t, 3, k);
		pkt_stamp_init(&sb, t, 3, k);
		for (i = 0; i < 30; i++) {
			uint32_t len = pkt_stamp_next_len(&sa);

			pkt_stamp_next_len(&sb);
			memset(b, i, outer);
			pkt_stamp_frame(&sa, a, len, &la, i, false);
			pkt_stamp_frame(&sb, b, len, &lb, i, true);
			ck_assert_msg(memcmp(a, b, len) == 0, "%s frame %u",
				      pkt_tmpl_stack(t), i);
		}
		pkt_stamp_fini(&sa);
		pkt_stamp_fini(&sb);
		pkt_tmpl_free(t);
	}
}
END_TEST

struct plan {
	const char *kv[6];
	unsigned int nck;  /* checksums a stamp maintains */
	unsigned int full; /* outer UDP recomputed */
	bool stat;         /* pkt_tmpl_static() */
};

static const struct plan plans[] = {
	{ { "size=64" }, 0, 0, true },
	{ { "size=imix" }, 2, 0, true },
	{ { "dst-port=1-2" }, 1, 0, false },
	{ { "src-ip=10.0.0.1-10.0.0.2" }, 2, 0, false },
	{ { "ttl=1-2" }, 1, 0, false },
	{ { "src-mac=0:0:0:0:0:1-0:0:0:0:0:2" }, 0, 0, false },
	{ { "signature=yes" }, 1, 0, false },
	{ { "headers=eth/ipv4/icmp", "ttl=2-3" }, 1, 0, false },
	{ { "headers=eth/ipv4/icmp", "src-ip=1.1.1.1-1.1.1.2" }, 1, 0, false },
	/* TCP: the sequence number changes per frame, not the hop limit */
	{ { "headers=eth/ipv6/tcp", "ttl=1-5", "size=100" }, 1, 0, false },
	{ { "headers=eth/ipv4/tcp", "size=100" }, 1, 0, false },
	{ { "headers=eth/ipv6/udp/vxlan/eth/ipv4/tcp", "size=200" },
	  1, 1, false },
	{ { "headers=eth/ipv4/udp/geneve/eth/ipv4/tcp", "size=200" },
	  1, 0, false },
	{ { "headers=eth/ipv6/udp", "dst-ip=::1-::2", "size=66" }, 1, 0,
	  false },
	{ { "headers=eth/ipv4/udp/vxlan/eth/ipv4/udp", "size=200",
	    "inner-dst-port=1-2" }, 1, 0, false },
	{ { "headers=eth/ipv4/udp/vxlan/eth/ipv4/udp", "size=200",
	    "vni=1-2" }, 0, 0, false },
	{ { "headers=eth/ipv4/udp/vxlan/eth/ipv4/udp", "size=200-300" },
	  3, 0, true },
	{ { "headers=eth/ipv6/udp/vxlan/eth/ipv4/udp", "size=200",
	    "inner-dst-port=1-2" }, 1, 1, false },
	{ { "headers=eth/ipv6/udp/vxlan/eth/ipv4/udp", "size=200",
	    "vni=1-2" }, 0, 1, false },
	{ { "headers=eth/ipv6/udp/vxlan/eth/ipv4/udp", "size=200",
	    "src-mac=0:0:0:0:0:1-0:0:0:0:0:2" }, 0, 0, false },
	{ { "headers=eth/ipv6/udp/vxlan/eth/ipv4/udp", "size=200" },
	  0, 0, true },
	{ { "headers=eth/ipv6/gre/ipv6/icmpv6", "size=200",
	    "signature=yes" }, 1, 0, false },
	{ { "headers=eth/arp", "signature=yes" }, 0, 0, false },
};

/* Only checksums that change are maintained; a static stream's stamps
 * write nothing but what is the same in every frame. */
START_TEST(test_cksum_plan)
{
	const struct plan *p = &plans[_i];
	struct pkt_tmpl *t = tp_tmpl(p->kv, 1);
	static uint8_t a[TP_BUF], b[TP_BUF];
	static struct pkt_stamp st;
	uint32_t mn, mx, last = 0;
	unsigned int i;

	pkt_stamp_init(&st, t, 1, 1);
	ck_assert_msg(st.nck == p->nck && st.full_ck == p->full,
		      "%s: %u checksums maintained, full %u", p->kv[0], st.nck,
		      st.full_ck);
	ck_assert(pkt_tmpl_static(t) == p->stat);
	pkt_tmpl_len_range(t, &mn, &mx);
	if (p->stat) {
		for (i = 0; i < 50; i++) {
			uint32_t len = pkt_stamp_next_len(&st);

			pkt_tmpl_write(t, a, len, 0);
			memcpy(b, a, len);
			pkt_stamp_frame(&st, b, len, &last, i, false);
			ck_assert(memcmp(a, b, len) == 0);
		}
	}
	pkt_stamp_fini(&st);
	tp_stream(t, 5, 50, false, NULL);
	pkt_tmpl_free(t);
}
END_TEST

void
pkt_cksum_add_tcases(Suite *s)
{
	TCase *tc = tcase_create("cksum");

	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_cksum_random, 0, 25);
	tcase_add_test(tc, test_cksum_write);
	tcase_add_test(tc, test_ts_update);
	tcase_add_test(tc, test_wrap);
	tcase_add_loop_test(tc, test_cksum_plan, 0, RTE_DIM(plans));
	suite_add_tcase(s, tc);
}

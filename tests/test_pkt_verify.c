/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * The frame checker and the per-frame plans, independently of tshark:
 * every single-bit change of a stamped frame is found at its byte; the
 * odometer walks exactly pkt_tmpl_flows() tuples and repeats; random
 * fields stay in range and repeat with their seed; class sequences keep
 * their proportions in every cycle; size ranges cover every size once per
 * cycle.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "test_pkt.h"

static const char *const flip_specs[][8] = {
	{ "headers=eth/ipv4/udp", "src-ip=10.0.0.1-10.0.0.9",
	  "dst-port=100-110,dec", "signature=yes", "size=64-200" },
	{ "headers=eth/vlan/ipv6/tcp", "vlan=3-5", "ttl=5-9",
	  "signature=yes", "size=98:7,594:4,1518:1", "payload=random" },
	{ "headers=eth/ipv4/icmp", "signature=yes", "size=99", "ttl=1-3" },
	{ "headers=eth/qinq/mpls/ipv6/icmpv6", "mpls=1,2", "svlan=1-2",
	  "signature=yes", "size=150-151" },
	{ "headers=eth/ipv4/udp/vxlan/eth/ipv4/tcp", "vni=1-5",
	  "inner-src-ip=1.1.1.1-1.1.1.3", "signature=yes", "size=200" },
	{ "headers=eth/ipv6/udp/geneve/eth/vlan/ipv6/udp",
	  "inner-dst-port=1-3", "signature=yes", "size=300-301",
	  "payload=hex:0102030405" },
	{ "headers=eth/ipv6/gre/eth/ipv4/udp", "gre-key=9-11",
	  "signature=yes", "size=160:2,161:1" },
	{ "headers=eth/arp", "dst-ip=10.0.0.1-10.0.0.5", "signature=yes" },
	{ "headers=eth/ipv4/tcp", "size=64", "src-port=1-3" },
};

/* Offset of the innermost L4 checksum (-1: none): what a changed
 * timestamp shows in (an outer UDP checksum over IPv6 covers the inner
 * one too, whose change makes up for the timestamp's). */
static int
sig_ck_off(const uint8_t *f, uint32_t len)
{
	struct tp_hdr h[8];
	unsigned int n = tp_walk(f, len, h, 8);

	if (n == 0)
		return -1;
	switch (h[n - 1].proto) {
	case 17:
		return (int)h[n - 1].off + 6;
	case 6:
		return (int)h[n - 1].off + 16;
	case 1:
	case 58:
		return (int)h[n - 1].off + 2;
	default:
		return -1;
	}
}

/* Offset of the TCP header (-1: none). */
static int
tcp_off(const uint8_t *f, uint32_t len)
{
	struct tp_hdr h[8];
	unsigned int n = tp_walk(f, len, h, 8);

	return n > 0 && h[n - 1].proto == 6 ? (int)h[n - 1].off : -1;
}

/* Flip one bit of every byte of stamped frames: the checker names that
 * byte, except in the timestamp and in the TCP sequence number of a
 * variable size (the checksum covering it, either byte). */
START_TEST(test_verify_flips)
{
	static uint8_t buf[TP_BUF], f[TP_BUF];
	static struct pkt_stamp st;
	struct pkt_tmpl *t = tp_tmpl(flip_specs[_i], 3);
	uint32_t mn, mx, last = 0, k, o;
	struct pkt_verify r;

	pkt_tmpl_len_range(t, &mn, &mx);
	ck_assert_int_eq(pkt_tmpl_write(t, buf, mx, 0), 0);
	ck_assert_int_eq(pkt_stamp_init(&st, t, 77, 5), 0);
	for (k = 0; k < 6; k++) {
		uint32_t len = pkt_stamp_next_len(&st);
		bool sig = st.sig;
		int ts_ck, tcp;

		pkt_stamp_frame(&st, buf, len, &last, 0x1122334455667788ull + k,
				false);
		ck_assert_int_eq(pkt_tmpl_verify(t, buf, len, k, 77, &r), 0);
		ck_assert(r.has_sig == sig);
		if (sig) {
			ck_assert_int_eq(r.sig_id, 77);
			ck_assert_int_eq(r.seq, k);
			ck_assert(r.ts_ns == 0x1122334455667788ull + k);
		}
		ts_ck = sig_ck_off(buf, len);
		tcp = mn != mx ? tcp_off(buf, len) : -1;
		for (o = 0; o < len; o++) {
			uint32_t want = o + 1;
			bool ck_only = (sig && o >= len - 8) ||
				(tcp >= 0 && o >= (uint32_t)tcp + 4 &&
				 o < (uint32_t)tcp + 8);

			memcpy(f, buf, len);
			f[o] ^= (uint8_t)(1u << (o % 8));
			if (ck_only)
				want = ts_ck < 0 ? 0 : (uint32_t)ts_ck + 1;
			if (want == 0) {
				ck_assert_int_eq(pkt_tmpl_verify(t, f, len, k,
								 77, &r), 0);
				continue;
			}
			ck_assert_int_eq(pkt_tmpl_verify(t, f, len, k, 77, &r),
					 -EBADMSG);
			ck_assert_msg(r.bad_off == want ||
				      (ck_only && r.bad_off == want + 1),
				      "%s, %u bytes, bit flipped at %u: %u (%s)",
				      pkt_tmpl_stack(t), len, o, r.bad_off,
				      r.why);
			ck_assert(r.why[0] != '\0');
		}
	}
	pkt_stamp_fini(&st);
	pkt_tmpl_free(t);
}
END_TEST

/* What the checker says, and frames of unknown number. */
START_TEST(test_verify_messages)
{
	static const char *const kv[] = {
		"src-ip=10.0.0.1-10.0.0.9", "signature=yes", "size=64-100",
		NULL,
	};
	struct pkt_tmpl *t = tp_tmpl(kv, 1);
	uint8_t buf[128], f[128];
	struct pkt_stamp st;
	struct pkt_verify r;
	uint32_t last = 0;
	unsigned int k;

	pkt_tmpl_write(t, buf, 96, 0);
	pkt_stamp_init(&st, t, 9, 1);
	for (k = 0; k < 4; k++)
		pkt_stamp_frame(&st, buf, 80, &last, 5, false);
	/* frame 3 holds 10.0.0.4 and sequence number 3 */
	ck_assert_int_eq(pkt_tmpl_verify(t, buf, 80, 3, 9, &r), 0);
	ck_assert_int_eq(pkt_tmpl_verify(t, buf, 80, UINT64_MAX, 9, &r), 0);
	ck_assert_int_eq(pkt_tmpl_verify(t, buf, 80, 2, 9, &r), -EBADMSG);
	ck_assert_int_eq(r.bad_off, 30); /* src-ip's last byte, not the
					  * checksum at 24 */
	ck_assert_str_eq(r.why,
			 "src-ip (bytes 26 to 29) is not the value of this frame number");
	ck_assert_int_eq(pkt_tmpl_verify(t, buf, 80, 3, 8, &r), -EBADMSG);
	ck_assert_int_eq(r.bad_off, 80 - 16 + 3 + 1);
	ck_assert_str_eq(r.why,
			 "signature id: byte 67 is 0x09, 0x08 expected");
	ck_assert_int_eq(pkt_tmpl_verify(t, buf, 97, 3, 9, &r), -EBADMSG);
	ck_assert_int_eq(r.bad_off, 98);
	ck_assert_str_eq(r.why,
			 "length 97 is not in the size plan of eth/ipv4/udp (60 to 96)");
	/* a shorter frame of the plan: the IPv4 total length is wrong */
	ck_assert_int_eq(pkt_tmpl_verify(t, buf, 79, 3, 9, &r), -EBADMSG);
	ck_assert_int_eq(r.bad_off, 14 + 3 + 1);
	ck_assert_str_eq(r.why,
			 "byte 3 of the ipv4 header (frame byte 17) is 0x42, 0x41 expected");
	memcpy(f, buf, 80);
	f[28] = 99; /* 10.0.99.4: out of range */
	ck_assert_int_eq(pkt_tmpl_verify(t, f, 80, UINT64_MAX, 9, &r),
			 -EBADMSG);
	ck_assert_int_eq(r.bad_off, 29);
	ck_assert_str_eq(r.why, "src-ip (bytes 26 to 29) is outside its range");
	memcpy(f, buf, 80);
	f[29] = 2; /* 10.0.0.2: in range, but the checksums say otherwise */
	ck_assert_int_eq(pkt_tmpl_verify(t, f, 80, UINT64_MAX, 9, &r),
			 -EBADMSG);
	ck_assert(r.bad_off == 24 + 1 || r.bad_off == 25 + 1);
	ck_assert(strncmp(r.why, "IPv4 header checksum at byte 24 is 0x",
			  37) == 0);
	memcpy(f, buf, 80);
	f[50] ^= 0x80;
	ck_assert_int_eq(pkt_tmpl_verify(t, f, 80, 3, 9, &r), -EBADMSG);
	ck_assert_str_eq(r.why,
			 "payload byte 8 (frame byte 50) is 0x88, 0x08 expected");
	memcpy(f, buf, 80);
	f[40] ^= 1;
	ck_assert_int_eq(pkt_tmpl_verify(t, f, 80, 3, 9, &r), -EBADMSG);
	ck_assert(strncmp(r.why, "udp checksum at byte 40 is 0x", 29) == 0);
	pkt_tmpl_free(t);
}
END_TEST

static uint32_t
get(const uint8_t *p, unsigned int n)
{
	uint32_t v = 0;

	while (n--)
		v = v << 8 | *p++;
	return v;
}

/* The odometer: key order, inc/dec/step, exactly flows tuples a cycle. */
START_TEST(test_flows_odometer)
{
	static const char *const kv[] = {
		"headers=eth/vlan/ipv4/udp", "dst-port=5000-5004,step=2",
		"src-ip=10.0.0.1-10.0.0.4,dec", "vlan=10-12", "vlan-prio=6",
		"src-port=1000-2000,random", NULL,
	};
	struct pkt_tmpl *t = tp_tmpl(kv, 1);
	uint8_t buf[64], w[64];
	uint32_t seen[36];
	struct pkt_stamp st;
	unsigned int k, i;

	ck_assert_int_eq(pkt_tmpl_flows(t), 3 * 4 * 3);
	ck_assert(!pkt_tmpl_static(t));
	pkt_tmpl_write(t, buf, 60, 0);
	pkt_stamp_init(&st, t, 0, 0);
	for (k = 0; k < 3 * 36; k++) {
		uint32_t tci, ip, dport, tuple;

		pkt_stamp_frame(&st, buf, 60, NULL, 0, false);
		tci = get(buf + 14, 2);
		ip = get(buf + 18 + 12, 4);
		dport = get(buf + 38 + 2, 2);
		ck_assert_int_eq(tci, 6u << 13 | (10 + k % 3));
		ck_assert_int_eq(ip, 0x0a000004u - k / 3 % 4);
		ck_assert_int_eq(dport, 5000 + 2 * (k / 12 % 3));
		ck_assert_uint_ge(get(buf + 38, 2), 1000);
		ck_assert_uint_le(get(buf + 38, 2), 2000);
		tuple = tci << 24 | (ip & 0xff) << 16 | dport;
		if (k < 36) {
			for (i = 0; i < k; i++)
				ck_assert_uint_ne(seen[i], tuple);
			seen[k] = tuple;
		} else {
			ck_assert_uint_eq(seen[k % 36], tuple);
		}
		/* pkt_tmpl_write() of flow k holds the same flow */
		pkt_tmpl_write(t, w, 60, k);
		ck_assert(memcmp(w + 14, buf + 14, 2) == 0);
		ck_assert(memcmp(w + 30, buf + 30, 4) == 0);
		ck_assert(memcmp(w + 40, buf + 40, 2) == 0);
	}
	pkt_tmpl_free(t);
}
END_TEST

START_TEST(test_flows_count)
{
	static const char *const one[] = { "size=64", NULL };
	static const char *const big[] = {
		"src-mac=0:0:0:0:0:0-ff:ff:ff:ff:ff:ff",
		"src-ip=0.0.0.0-255.255.255.255", "ttl=1-255,random", NULL,
	};
	static const char *const v6[] = {
		"headers=eth/ipv6/udp", "dst-ip=::1:0-::1:ffff,step=256",
		"size=100",
		"src-port=1-10,dec", NULL,
	};
	struct pkt_tmpl *t;

	t = tp_tmpl(one, 1);
	ck_assert_int_eq(pkt_tmpl_flows(t), 1);
	ck_assert(pkt_tmpl_static(t));
	pkt_tmpl_free(t);
	t = tp_tmpl(big, 1);
	ck_assert(pkt_tmpl_flows(t) == UINT64_MAX);
	pkt_tmpl_free(t);
	t = tp_tmpl(v6, 1);
	ck_assert_int_eq(pkt_tmpl_flows(t), 256 * 10);
	pkt_tmpl_free(t);
}
END_TEST

/* Random fields: in range, on the step, every value drawn, repeatable. */
START_TEST(test_random_fields)
{
	static const char *const kv[] = {
		"ttl=10-20,random", "dst-port=1000-1010,random,step=5",
		"src-port=7", NULL,
	};
	struct pkt_tmpl *t = tp_tmpl(kv, 1);
	uint8_t a[64], b[64], c[64];
	struct pkt_stamp sa, sb, sc;
	unsigned int k, ttl_seen = 0, port_seen = 0, differ = 0;

	ck_assert_int_eq(pkt_tmpl_flows(t), 1);
	pkt_tmpl_write(t, a, 60, 0);
	ck_assert_int_eq(a[22], 10); /* first values */
	ck_assert_int_eq(get(a + 36, 2), 1000);
	memcpy(b, a, 60);
	memcpy(c, a, 60);
	pkt_stamp_init(&sa, t, 0, 42);
	pkt_stamp_init(&sb, t, 0, 42);
	pkt_stamp_init(&sc, t, 0, 43);
	for (k = 0; k < 2000; k++) {
		uint32_t port;

		pkt_stamp_frame(&sa, a, 60, NULL, 0, false);
		pkt_stamp_frame(&sb, b, 60, NULL, 0, false);
		pkt_stamp_frame(&sc, c, 60, NULL, 0, false);
		ck_assert(memcmp(a, b, 60) == 0);
		differ += memcmp(a, c, 60) != 0;
		ck_assert_uint_ge(a[22], 10);
		ck_assert_uint_le(a[22], 20);
		ttl_seen |= 1u << (a[22] - 10);
		port = get(a + 36, 2);
		ck_assert(port == 1000 || port == 1005 || port == 1010);
		port_seen |= 1u << (port - 1000) / 5;
		ck_assert_int_eq(get(a + 34, 2), 7);
	}
	ck_assert_int_eq(ttl_seen, 0x7ff);
	ck_assert_int_eq(port_seen, 7);
	ck_assert_uint_gt(differ, 1900);
	pkt_tmpl_free(t);
}
END_TEST

/* Weighted plans: exact proportions in every cycle, shuffled with the
 * template's seed. */
START_TEST(test_class_seq)
{
	static const char *const imix[] = { "size=imix", NULL };
	static const char *const w[] = {
		"size=100:3,200:1,300:2,1518:5,9216:1", "headers=eth/ipv6/tcp",
		NULL,
	};
	static const uint32_t wlen[] = { 96, 196, 296, 1514, 9212 };
	static const uint32_t ww[] = { 3, 1, 2, 5, 1 };
	struct pkt_tmpl *t = tp_tmpl(imix, 7), *u = tp_tmpl(imix, 7);
	uint32_t len[PKT_CLASS_MAX], wt[PKT_CLASS_MAX], n, k, c;
	unsigned int count[3] = { 0 }, other = 0;
	const uint8_t *seq;
	struct pkt_stamp st;
	uint64_t num, den;

	ck_assert_int_eq(pkt_tmpl_classes(t, len, wt), 3);
	ck_assert_int_eq(len[0], 60);
	ck_assert_int_eq(len[1], 590);
	ck_assert_int_eq(len[2], 1514);
	ck_assert_int_eq(wt[0], 7);
	ck_assert_int_eq(wt[1], 4);
	ck_assert_int_eq(wt[2], 1);
	pkt_tmpl_mean_size(t, &num, &den);
	ck_assert(num == 64 * 7 + 594 * 4 + 1518 && den == 12);
	seq = pkt_tmpl_class_seq(t, &n);
	ck_assert_int_eq(n, 12);
	ck_assert(memcmp(seq, pkt_tmpl_class_seq(u, NULL), 12) == 0);
	for (k = 0; k < 12; k++)
		count[seq[k]]++;
	ck_assert(count[0] == 7 && count[1] == 4 && count[2] == 1);
	for (c = 8; c < 40; c++) { /* other seeds, other orders */
		struct pkt_tmpl *o = tp_tmpl(imix, c);

		other += memcmp(seq, pkt_tmpl_class_seq(o, NULL), 12) != 0;
		pkt_tmpl_free(o);
	}
	ck_assert_uint_gt(other, 25);
	pkt_stamp_init(&st, t, 0, 0);
	for (c = 0; c < 5; c++) {
		memset(count, 0, sizeof(count));
		for (k = 0; k < 12; k++) {
			uint32_t l = pkt_stamp_next_len(&st);

			ck_assert_int_eq(l, len[seq[k]]);
			count[l == 60 ? 0 : l == 590 ? 1 : 2]++;
		}
		ck_assert(count[0] == 7 && count[1] == 4 && count[2] == 1);
	}
	pkt_tmpl_free(t);
	pkt_tmpl_free(u);
	t = tp_tmpl(w, 1);
	ck_assert_int_eq(pkt_tmpl_classes(t, len, wt), 5);
	for (k = 0; k < 5; k++)
		ck_assert(len[k] == wlen[k] && wt[k] == ww[k]);
	pkt_tmpl_len_range(t, &k, &c);
	ck_assert(k == 96 && c == 9212);
	seq = pkt_tmpl_class_seq(t, &n);
	ck_assert_int_eq(n, 12);
	pkt_stamp_init(&st, t, 0, 0);
	for (c = 0; c < 3; c++) {
		unsigned int cnt[5] = { 0 };

		for (k = 0; k < 12; k++) {
			uint32_t l = pkt_stamp_next_len(&st), i;

			for (i = 0; i < 5 && wlen[i] != l; i++)
				;
			ck_assert_uint_lt(i, 5);
			cnt[i]++;
		}
		for (k = 0; k < 5; k++)
			ck_assert_int_eq(cnt[k], ww[k]);
	}
	pkt_stamp_fini(&st);
	pkt_tmpl_free(t);
}
END_TEST

/* Ranges: every size once per cycle in order; random: in range. */
START_TEST(test_size_range)
{
	static const char *const inc[] = { "size=64-100", NULL };
	static const char *const rnd[] = { "size=64-70,random", NULL };
	static const char *const fix[] = { "size=1518", NULL };
	struct pkt_tmpl *t = tp_tmpl(inc, 1);
	struct pkt_stamp st;
	uint32_t k, c, n, seen = 0, mn, mx;
	uint64_t num, den;

	ck_assert_int_eq(pkt_tmpl_classes(t, NULL, NULL), 0);
	ck_assert_ptr_null(pkt_tmpl_class_seq(t, &n));
	ck_assert_int_eq(n, 0);
	pkt_tmpl_mean_size(t, &num, &den);
	ck_assert(num == (64 + 100) * 37 / 2 && den == 37);
	pkt_stamp_init(&st, t, 0, 0);
	for (c = 0; c < 3; c++)
		for (k = 0; k < 37; k++)
			ck_assert_int_eq(pkt_stamp_next_len(&st), 60 + k);
	pkt_tmpl_free(t);
	t = tp_tmpl(rnd, 1);
	pkt_tmpl_len_range(t, &mn, &mx);
	ck_assert(mn == 60 && mx == 66);
	pkt_stamp_init(&st, t, 0, 0);
	for (k = 0; k < 1000; k++) {
		uint32_t l = pkt_stamp_next_len(&st);

		ck_assert(l >= 60 && l <= 66);
		seen |= 1u << (l - 60);
	}
	ck_assert_int_eq(seen, 0x7f);
	pkt_tmpl_free(t);
	t = tp_tmpl(fix, 1);
	ck_assert_int_eq(pkt_tmpl_classes(t, &mn, &mx), 1);
	ck_assert(mn == 1514 && mx == 1);
	ck_assert(*pkt_tmpl_class_seq(t, &n) == 0 && n == 1);
	pkt_stamp_init(&st, t, 0, 0);
	for (k = 0; k < 10; k++)
		ck_assert_int_eq(pkt_stamp_next_len(&st), 1514);
	ck_assert_int_eq(pkt_tmpl_write(t, NULL, 1514, 0), -EINVAL);
	ck_assert_int_eq(pkt_tmpl_write(t, (uint8_t[1514]){ 0 }, 1513, 0),
			 -EINVAL);
	pkt_tmpl_free(t);
	pkt_tmpl_free(NULL);
}
END_TEST

void
pkt_verify_add_tcases(Suite *s)
{
	TCase *tc = tcase_create("verify");

	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_verify_flips, 0, RTE_DIM(flip_specs));
	tcase_add_test(tc, test_verify_messages);
	tcase_add_test(tc, test_flows_odometer);
	tcase_add_test(tc, test_flows_count);
	tcase_add_test(tc, test_random_fields);
	tcase_add_test(tc, test_class_seq);
	tcase_add_test(tc, test_size_range);
	suite_add_tcase(s, tc);
}

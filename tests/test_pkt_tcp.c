/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * TCP byte streams: in every TCP flow (a tuple of the connection's ranged
 * fields) the sequence numbers of a stamp's frames start at 1 and advance
 * by each frame's payload (plus SYN and FIN).  Checked three ways: by our
 * own dissector, keyed by the addresses and ports it reads (the test's
 * notion of a connection, not the library's); by tshark (tests/
 * pkt_judge.py: nothing above a note, so no out-of-order segment, no
 * segment not captured, and every TCP stream it finds a byte stream); and
 * by DPDK's checksums from scratch.  Then pkt_tmpl_write() and
 * pkt_tmpl_verify() of a frame number, the refusal of too many flows and
 * the stamp's allocation.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_ip.h>

#include "test_pkt.h"

static uint32_t
g32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		(uint32_t)p[2] << 8 | p[3];
}

/* ------------------------------------------------------------------ */
/* Connections, from the frames' bytes                                 */
/* ------------------------------------------------------------------ */

#define CONN_CAP (1u << 16)

struct conn {
	uint8_t key[36]; /* addresses and ports */
	uint8_t klen;
	uint32_t next;   /* sequence number of the next segment */
	uint32_t frames;
};

struct conns {
	struct conn *c;
	unsigned int n;     /* connections seen */
	unsigned int again; /* segments that followed one of their own */
};

static void
conns_init(struct conns *cs)
{
	cs->c = calloc(CONN_CAP, sizeof(*cs->c));
	ck_assert_ptr_nonnull(cs->c);
	cs->n = 0;
	cs->again = 0;
}

static void
conns_free(struct conns *cs)
{
	free(cs->c);
	cs->c = NULL;
}

/* The TCP header of a frame (the innermost header) and its connection's
 * key; -1 if the frame holds no TCP header. */
static int
tcp_of(const uint8_t *f, uint32_t len, uint8_t *key, uint8_t *klen)
{
	struct tp_hdr h[8];
	unsigned int n = tp_walk(f, len, h, 8);
	const struct tp_hdr *tcp;

	if (n == 0 || h[n - 1].proto != 6)
		return -1;
	tcp = &h[n - 1];
	if ((f[tcp->ip_off] >> 4) == 4) {
		memcpy(key, f + tcp->ip_off + 12, 8);
		*klen = 8;
	} else {
		memcpy(key, f + tcp->ip_off + 8, 32);
		*klen = 32;
	}
	memcpy(key + *klen, f + tcp->off, 4);
	*klen = (uint8_t)(*klen + 4);
	return (int)tcp->off;
}

/* The frame's segment must be its connection's next: sequence number 1
 * for the first, then the previous one's plus its payload (and SYN, FIN). */
static void
conns_add(struct conns *cs, const uint8_t *f, uint32_t len, const char *what,
	  unsigned int k)
{
	uint8_t key[36], klen;
	int off = tcp_of(f, len, key, &klen);
	uint32_t h = 2166136261u, seq, space, i;
	struct conn *c;

	ck_assert_msg(off > 0, "%s frame %u: no TCP header", what, k);
	for (i = 0; i < klen; i++)
		h = (h ^ key[i]) * 16777619u;
	for (i = h % CONN_CAP;; i = (i + 1) % CONN_CAP) {
		c = &cs->c[i];
		if (c->klen == 0 || (c->klen == klen &&
				     memcmp(c->key, key, klen) == 0))
			break;
	}
	seq = g32(f + off + 4);
	space = len - (uint32_t)off - (f[off + 12] >> 4) * 4u +
		!!(f[off + 13] & 0x02) + !!(f[off + 13] & 0x01);
	if (c->klen == 0) {
		ck_assert_msg(cs->n + 1 < CONN_CAP, "too many connections");
		memcpy(c->key, key, klen);
		c->klen = klen;
		cs->n++;
		ck_assert_msg(seq == 1,
			      "%s frame %u: first segment of its connection has seq %u, not 1",
			      what, k, seq);
	} else {
		ck_assert_msg(seq == c->next,
			      "%s frame %u: seq %u, %u expected (segment %u of its connection)",
			      what, k, seq, c->next, c->frames);
		cs->again++;
	}
	c->next = seq + space;
	c->frames++;
}

/* The smallest size of a stack with these keys (and the signature). */
static unsigned int
smallest(const char *const *keys, bool sig)
{
	const char *kv[24];
	struct pkt_tmpl *t;
	unsigned int i, need;

	for (i = 0; keys[i] != NULL; i++)
		kv[i] = keys[i];
	kv[i++] = "size=1518";
	kv[i] = NULL;
	t = tp_tmpl(kv, 1);
	need = pkt_tmpl_hdr_len(t) + (sig ? PKT_SIG_LEN : 0) + PKT_FCS_LEN;
	pkt_tmpl_free(t);
	return need < PKT_SIZE_MIN ? PKT_SIZE_MIN : need;
}

/* n frames of one stamp into one buffer (wrap for a tunnel with a
 * signature, as the stamping engine's pool of inner frames), each
 * checked: pkt_tmpl_verify() of its number, DPDK's checksums, its
 * connection's byte stream; into j if not NULL.  Every 7th frame is sent
 * again with a new timestamp first (pkt_stamp_ts_update()). */
static void
tcp_stream(const struct pkt_tmpl *t, uint64_t seed, unsigned int n,
	   struct tp_judge *j, struct conns *cs)
{
	static uint8_t buf[TP_BUF];
	static struct pkt_stamp st;
	uint32_t mn, mx, last = 0, outer = pkt_tmpl_outer_len(t, NULL);
	bool wrap = outer != 0 && (seed & 1);
	struct pkt_verify r;
	unsigned int i;

	ck_assert_int_eq(pkt_stamp_init(&st, t, 0x77, seed), 0);
	ck_assert_ptr_nonnull(st.tcp_next);
	pkt_tmpl_len_range(t, &mn, &mx);
	ck_assert_int_eq(pkt_tmpl_write(t, buf, mx, 0), 0);
	for (i = 0; i < n; i++) {
		uint32_t len = pkt_stamp_next_len(&st);
		uint64_t ts = 1000 + i * 977ull;
		const char *why;

		if (wrap)
			memset(buf, 0x5a, outer);
		pkt_stamp_frame(&st, buf, len, &last, ts, wrap);
		if (i % 7 == 3)
			pkt_stamp_ts_update(&st, buf, len, ts * 3);
		ck_assert_msg(pkt_tmpl_verify(t, buf, len, i, 0x77, &r) == 0,
			      "%s frame %u (%u bytes): byte %u: %s",
			      pkt_tmpl_stack(t), i, len, r.bad_off, r.why);
		why = tp_cksum_check(buf, len);
		ck_assert_msg(why == NULL, "%s frame %u (%u bytes): %s",
			      pkt_tmpl_stack(t), i, len, why);
		conns_add(cs, buf, len, pkt_tmpl_stack(t), i);
		if (j != NULL)
			tp_judge_add(j, t, buf, len);
	}
	pkt_stamp_fini(&st);
	ck_assert_ptr_null(st.tcp_next);
}

/* ------------------------------------------------------------------ */
/* Streams judged by tshark                                            */
/* ------------------------------------------------------------------ */

struct tcp_stack {
	const char *name;
	const char *headers;
	const char *pre;   /* "" or "inner-": the connection's keys */
	bool v6;
};

static const struct tcp_stack tstacks[] = {
	{ "ipv4", "headers=eth/ipv4/tcp", "", false },
	{ "vlan_ipv6", "headers=eth/vlan/ipv6/tcp", "", true },
	{ "vxlan", "headers=eth/ipv4/udp/vxlan/eth/ipv4/tcp", "inner-",
	  false },
};

/* Size plans: %1$u is the stack's smallest size. */
struct tcp_plan {
	const char *name;
	const char *keys[5]; /* "@" stands for the prefix of the keys */
	const char *size;
	bool sig;
	unsigned int frames;
	unsigned int conns;  /* connections; the frames cover all of them,
			      * or 9 in 10 with random fields */
};

static const struct tcp_plan tplans[] = {
	{ "one_flow", { NULL }, "size=%u", false, 400, 1 },
	{ "one_flow_sig", { NULL }, "size=%u", true, 400, 1 },
	{ "range", { NULL }, "size=%u-%u", true, 600, 1 },
	{ "imix", { "@dst-port=80-82" }, "size=%u:7,594:4,1518:1", false,
	  900, 3 },
	{ "flows1024", { "@dst-ip=A1-A32", "@src-port=20000-20031,dec" },
	  "size=%u:7,594:4,1518:1", true, 4096, 1024 },
	{ "random_ports", { "@src-port=40000-40063,random",
			    "@dst-port=8000-8003,random" },
	  "size=%u-%u,random", true, 2000, 256 },
	{ "fin", { "@tcp-flags=FA", "@dst-port=7-8" }, "size=%u-%u", false,
	  300, 2 },
	{ "syn", { "@tcp-flags=S" }, "size=%u:7,594:4,1518:1", true, 300, 1 },
	{ "push", { "@tcp-flags=PA", "@src-ip=A1-A4,dec" }, "size=%u-%u",
	  true, 400, 4 },
};

/* A key of a plan for a stack: the prefix for '@', its addresses for A1
 * and A4/A32. */
static void
plan_key(const struct tcp_stack *s, const char *k, char *out, size_t len)
{
	const char *a = strstr(k, "A1-A");
	int n;

	if (a == NULL) {
		snprintf(out, len, "%s%s", s->pre, k + 1);
		return;
	}
	n = atoi(a + 4);
	if (s->v6)
		snprintf(out, len, "%s%.*s2001:db8::1-2001:db8::%x", s->pre,
			 (int)(a - k - 1), k + 1, n);
	else
		snprintf(out, len, "%s%.*s10.1.0.1-10.1.0.%d", s->pre,
			 (int)(a - k - 1), k + 1, n);
}

/* Every plan on every stack: tshark finds nothing above a note and every
 * TCP stream a byte stream; our dissector finds every connection's
 * sequence numbers advancing by the payload. */
START_TEST(test_tcp_tshark)
{
	const struct tcp_stack *s = &tstacks[_i / RTE_DIM(tplans)];
	const struct tcp_plan *p = &tplans[_i % RTE_DIM(tplans)];
	char keys[8][96], name[64];
	const char *kv[12];
	unsigned int i, n = 0, min;
	struct tp_judge *j;
	struct pkt_tmpl *t;
	struct conns cs;

	kv[n++] = s->headers;
	for (i = 0; p->keys[i] != NULL; i++) {
		plan_key(s, p->keys[i], keys[n], sizeof(keys[n]));
		kv[n] = keys[n];
		n++;
	}
	snprintf(keys[n], sizeof(keys[n]), "signature=%s",
		 p->sig ? "yes" : "no");
	kv[n] = keys[n];
	n++;
	kv[n] = NULL;
	min = smallest(kv, p->sig);
	snprintf(keys[n], sizeof(keys[n]), p->size, min, min + 333);
	if (strcmp(p->name, "one_flow") == 0)
		snprintf(keys[n], sizeof(keys[n]), p->size, min + 101);
	kv[n] = keys[n];
	kv[n + 1] = NULL;
	t = tp_tmpl(kv, _i);
	snprintf(name, sizeof(name), "tcp_%s_%s", s->name, p->name);
	j = tp_judge_open(name);
	conns_init(&cs);
	tcp_stream(t, _i, p->frames, j, &cs);
	ck_assert_msg(cs.n == p->conns || (strstr(kv[1], "random") &&
					   cs.n <= p->conns &&
					   cs.n * 10 >= p->conns * 9),
		      "%s: %u connections, %u expected", name, cs.n, p->conns);
	ck_assert_uint_ge(cs.again, p->frames - cs.n);
	conns_free(&cs);
	tp_judge_run(j);
	pkt_tmpl_free(t);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Random TCP specs against DPDK                                       */
/* ------------------------------------------------------------------ */

static uint64_t rng = 1;

static uint32_t
rnd(uint32_t n)
{
	return (uint32_t)(pkt_rand(&rng) % n);
}

static const char *const rheaders[] = {
	"eth/ipv4/tcp", "eth/ipv6/tcp", "eth/vlan/ipv4/tcp",
	"eth/qinq/mpls/ipv6/tcp", "eth/ipv4/udp/vxlan/eth/ipv4/tcp",
	"eth/ipv6/udp/vxlan/eth/vlan/ipv6/tcp",
	"eth/ipv6/udp/geneve/eth/ipv4/tcp", "eth/ipv4/gre/ipv6/tcp",
	"eth/ipv6/gre/eth/ipv4/tcp",
};
static const char *const rflags[] = { "A", "PA", "S", "SA", "FA", "0",
				      "FPA", "UA" };
static const char *const rmodes[] = { "", ",dec", ",random",
				      ",step=3", ",random,step=2" };

/* A ranged value of key k: IPv4, IPv6 or a port; span from 2 to 40. */
static void
rvalue(const char *k, bool v6, char *out, size_t len)
{
	unsigned int a = 1 + rnd(1000), span = 2 + rnd(39);
	const char *m = rmodes[rnd(RTE_DIM(rmodes))];

	if (strstr(k, "port") != NULL)
		snprintf(out, len, "%s=%u-%u%s", k, a, a + span - 1, m);
	else if (v6)
		snprintf(out, len, "%s=fd00::%x-fd00::%x%s", k, a,
			 a + span - 1, m);
	else
		snprintf(out, len, "%s=10.%u.%u.1-10.%u.%u.%u%s", k, a % 200,
			 a / 200, a % 200, a / 200, span, m);
}

/* Random TCP specs (stacks, connection ranges of every mode, other
 * ranged fields, flags, size plans, payloads, signatures): every frame's
 * checksums equal DPDK's, every frame passes the checker, every
 * connection is a byte stream; ts updates and wrap included. */
START_TEST(test_tcp_random)
{
	static const char *const conn[] = { "src-ip", "dst-ip", "src-port",
					    "dst-port" };
	char vals[16][96];
	unsigned int k;

	rng = 0x5eed + (uint64_t)_i * 104729;
	for (k = 0; k < 12; k++) {
		const char *h = rheaders[rnd(RTE_DIM(rheaders))];
		bool tun = strstr(h, "vxlan") || strstr(h, "geneve") ||
			strstr(h, "gre");
		const char *l3 = tun ? strrchr(h, '/') - 4 : h;
		bool v6 = strstr(l3, "ipv6") != NULL;
		const char *kv[16];
		unsigned int n = 0, i, min, sig = rnd(2);
		struct pkt_tmpl *t;
		struct conns cs;

		snprintf(vals[n], 96, "headers=%s", h);
		kv[n] = vals[n];
		n++;
		for (i = 0; i < 4; i++) {
			char key[32];

			if (rnd(2))
				continue;
			snprintf(key, sizeof(key), "%s%s", tun ? "inner-" : "",
				 conn[i]);
			rvalue(key, v6, vals[n], 96);
			kv[n] = vals[n];
			n++;
		}
		/* fields of no connection */
		snprintf(vals[n], 96, "%sttl=%u-%u%s", tun ? "inner-" : "",
			 1 + rnd(9), 11 + rnd(9), rnd(2) ? ",random" : "");
		kv[n] = vals[n];
		n++;
		if (tun) { /* the outer source: no connection's either */
			snprintf(vals[n], 96, "src-ip=%s",
				 strncmp(h, "eth/ipv6", 8) == 0 ?
				 "2001:db8::1-2001:db8::3" :
				 "10.9.9.1-10.9.9.3,random");
			kv[n] = vals[n];
			n++;
		}
		snprintf(vals[n], 96, "%stcp-flags=%s", tun ? "inner-" : "",
			 rflags[rnd(RTE_DIM(rflags))]);
		kv[n] = vals[n];
		n++;
		snprintf(vals[n], 96, "payload=%s", rnd(2) ? "random" : "inc");
		kv[n] = vals[n];
		n++;
		snprintf(vals[n], 96, "signature=%s", sig ? "yes" : "no");
		kv[n] = vals[n];
		n++;
		kv[n] = NULL;
		min = smallest(kv, sig);
		switch (rnd(4)) {
		case 0:
			snprintf(vals[n], 96, "size=%u", min + rnd(1500));
			break;
		case 1:
			snprintf(vals[n], 96, "size=%u-%u", min,
				 min + 1 + rnd(300));
			break;
		case 2:
			snprintf(vals[n], 96, "size=%u-%u,random", min + rnd(9),
				 9216 - rnd(100));
			break;
		default:
			snprintf(vals[n], 96, "size=%u:%u,%u:%u,%u:1", min,
				 1 + rnd(5), min + 1 + rnd(100), 1 + rnd(5),
				 min + 101 + rnd(8000 - min));
			break;
		}
		kv[n] = vals[n];
		kv[n + 1] = NULL;
		t = tp_tmpl(kv, rnd(100));
		conns_init(&cs);
		tcp_stream(t, rnd(100), 300, NULL, &cs);
		conns_free(&cs);
		pkt_tmpl_free(t);
	}
}
END_TEST

/* ------------------------------------------------------------------ */
/* Frame numbers: pkt_tmpl_write() and pkt_tmpl_verify()               */
/* ------------------------------------------------------------------ */

/* Set the TCP sequence number of a frame without a tunnel, with the TCP
 * checksum DPDK computes for it. */
static void
set_seq(uint8_t *f, uint32_t len, uint32_t seq)
{
	uint8_t key[36], klen;
	int off = tcp_of(f, len, key, &klen);
	uint16_t ck;
	uint32_t ip = 14;

	ck_assert_int_gt(off, 0);
	while (f[ip] >> 4 != 4 && f[ip] >> 4 != 6)
		ip += 4; /* VLAN tags */
	f[off + 4] = (uint8_t)(seq >> 24);
	f[off + 5] = (uint8_t)(seq >> 16);
	f[off + 6] = (uint8_t)(seq >> 8);
	f[off + 7] = (uint8_t)seq;
	memset(f + off + 16, 0, 2);
	if (f[ip] >> 4 == 4)
		ck = rte_ipv4_udptcp_cksum((const struct rte_ipv4_hdr *)
					   (f + ip), f + off);
	else
		ck = rte_ipv6_udptcp_cksum((const struct rte_ipv6_hdr *)
					   (f + ip), f + off);
	memcpy(f + off + 16, &ck, 2);
	ck_assert_ptr_null(tp_cksum_check(f, len));
}

/* A fixed size: frame n's sequence number is known, with fields of no
 * connection in the odometer too (vlan steps fastest, ttl between the
 * connection's fields): pkt_tmpl_write(n) is the stamp's frame n, byte
 * for byte, and the checker wants exactly its sequence number. */
START_TEST(test_tcp_frame_number)
{
	static const char *const kv[] = {
		"headers=eth/vlan/ipv4/tcp", "vlan=1-3",
		"src-ip=10.0.0.1-10.0.0.4", "ttl=60-61,dec", "dst-port=80-82",
		"size=200", NULL,
	};
	static const char *const one[] = { "headers=eth/ipv6/tcp",
					   "size=1518", NULL };
	struct pkt_tmpl *t = tp_tmpl(kv, 1);
	static uint8_t a[TP_BUF], w[TP_BUF];
	static struct pkt_stamp st;
	unsigned int k, cnt[4][3] = { { 0 } }, *c = NULL;
	struct pkt_verify r;
	char why[PKT_ERR_LEN];
	uint32_t seq = 0;

	ck_assert_int_eq(pkt_tmpl_flows(t), 3 * 4 * 2 * 3);
	ck_assert(!pkt_tmpl_static(t));
	ck_assert_int_eq(pkt_stamp_init(&st, t, 0, 0), 0);
	pkt_tmpl_write(t, a, 196, 0);
	for (k = 0; k < 500; k++) {
		pkt_stamp_frame(&st, a, 196, NULL, 0, false);
		/* connection: src-ip (frame byte 33) and dst-port (41) */
		c = &cnt[a[33] - 1][a[41] - 80];
		seq = g32(a + 42);
		ck_assert_uint_eq(seq, 1 + *c * (196 - 58));
		(*c)++;
		ck_assert_int_eq(pkt_tmpl_write(t, w, 196, k), 0);
		ck_assert_msg(memcmp(a, w, 196) == 0, "frame %u", k);
		ck_assert_int_eq(pkt_tmpl_verify(t, a, 196, k, 0, &r), 0);
	}
	/* frame 499 with the next sequence number of its connection, its
	 * checksum good: the checker finds the sequence number */
	set_seq(a, 196, seq + 138);
	ck_assert_int_eq(pkt_tmpl_verify(t, a, 196, 499, 0, &r), -EBADMSG);
	ck_assert(r.bad_off > 42 && r.bad_off <= 46);
	snprintf(why, sizeof(why),
		 "TCP sequence number (bytes 42 to 45) is %u, %u expected",
		 seq + 138, seq);
	ck_assert_str_eq(r.why, why);
	/* frame number unknown: the checksum only */
	ck_assert_int_eq(pkt_tmpl_verify(t, a, 196, UINT64_MAX, 0, &r), 0);
	a[44] ^= 1;
	ck_assert_int_eq(pkt_tmpl_verify(t, a, 196, UINT64_MAX, 0, &r),
			 -EBADMSG);
	ck_assert(strncmp(r.why, "tcp checksum at byte 54 is 0x", 29) == 0);
	pkt_stamp_fini(&st);
	pkt_tmpl_free(t);
	/* one flow of a fixed size: 1 + n * payload */
	t = tp_tmpl(one, 1);
	ck_assert_int_eq(pkt_tmpl_write(t, w, 1514, 1000), 0);
	ck_assert_uint_eq(g32(w + 14 + 40 + 4), 1 + 1000 * (1514 - 74));
	ck_assert_ptr_null(tp_cksum_check(w, 1514));
	ck_assert_int_eq(pkt_tmpl_verify(t, w, 1514, 1000, 0, &r), 0);
	ck_assert_int_eq(pkt_tmpl_verify(t, w, 1514, 999, 0, &r), -EBADMSG);
	ck_assert_int_eq(pkt_tmpl_write(t, w, 1514, 0), 0);
	ck_assert_uint_eq(g32(w + 14 + 40 + 4), 1);
	pkt_tmpl_free(t);
}
END_TEST

/* A sequence number that cannot be known from the frame number (a
 * variable size, or a random connection field): the checker checks the
 * TCP checksum only, and pkt_tmpl_write() writes 1. */
START_TEST(test_tcp_unknown_seq)
{
	static const char *const var[] = { "size=64-100", "headers=eth/ipv4/tcp",
					   NULL };
	static const char *const rnd_port[] = {
		"headers=eth/ipv4/tcp", "src-port=1-9,random", "size=100",
		NULL,
	};
	static const char *const rnd_ttl[] = {
		"headers=eth/ipv4/tcp", "ttl=1-9,random", "size=100", NULL,
	};
	const char *const *specs[] = { var, rnd_port, rnd_ttl };
	static uint8_t a[TP_BUF];
	struct pkt_stamp st;
	struct pkt_verify r;
	unsigned int i, k;

	for (i = 0; i < RTE_DIM(specs); i++) {
		struct pkt_tmpl *t = tp_tmpl(specs[i], 1);
		bool known = i == 2; /* a random field of no connection */
		uint32_t len = 0, seq;

		ck_assert_int_eq(pkt_tmpl_write(t, a, 96, 5), 0);
		ck_assert_uint_eq(g32(a + 38), known ? 1 + 5 * 42 : 1);
		ck_assert_int_eq(pkt_stamp_init(&st, t, 0, 3), 0);
		for (k = 0; k < 10; k++) {
			len = pkt_stamp_next_len(&st);
			pkt_stamp_frame(&st, a, len, NULL, 0, false);
		}
		seq = g32(a + 38);
		set_seq(a, len, seq + 1);
		ck_assert_int_eq(pkt_tmpl_verify(t, a, len, 9, 0, &r),
				 known ? -EBADMSG : 0);
		a[40] ^= 0x80;
		ck_assert_int_eq(pkt_tmpl_verify(t, a, len, 9, 0, &r),
				 -EBADMSG);
		ck_assert_msg(strstr(r.why, known ? "TCP sequence number" :
				     "tcp checksum at byte 50") == r.why,
			      "%s", r.why);
		pkt_stamp_fini(&st);
		pkt_tmpl_free(t);
	}
}
END_TEST

/* ------------------------------------------------------------------ */
/* The flow limit and the stamp's memory                               */
/* ------------------------------------------------------------------ */

struct refusal {
	const char *kv[6];
	const char *msg; /* "" if taken */
};

static const struct refusal refusals[] = {
	{ { "headers=eth/ipv4/tcp", "src-ip=10.0.0.0-10.0.255.255",
	    "dst-port=1-32" },
	  "src-ip, dst-port: eth/ipv4/tcp with 2097152 TCP flows (the product of their spans), more than the 1048576 whose sequence numbers a sender keeps" },
	{ { "headers=eth/ipv4/tcp", "src-ip=10.0.0.0-10.0.255.255",
	    "dst-port=1-16" }, "" },
	{ { "headers=eth/ipv6/tcp", "src-port=0-65535,random",
	    "dst-ip=::1-::ffff:ffff:ffff,random", "size=200" },
	  "dst-ip, src-port: eth/ipv6/tcp with 18446744073709486080 TCP flows (the product of their spans), more than the 1048576 whose sequence numbers a sender keeps" },
	{ { "headers=eth/ipv4/udp/vxlan/eth/ipv4/tcp",
	    "inner-src-port=1-2048", "inner-dst-port=1-1024",
	    "src-port=1-65535,random", "size=200" },
	  "inner-src-port, inner-dst-port: eth/ipv4/udp/vxlan/eth/ipv4/tcp with 2097152 TCP flows (the product of their spans), more than the 1048576 whose sequence numbers a sender keeps" },
	{ { "headers=eth/ipv6/tcp", "src-ip=::1-::ffff:ffff:ffff:ffff",
	    "dst-port=1-2", "size=200" },
	  "src-ip, dst-port: eth/ipv6/tcp with at least 18446744073709551615 TCP flows (the product of their spans), more than the 1048576 whose sequence numbers a sender keeps" },
	/* fields of no connection make no flows */
	{ { "headers=eth/ipv4/udp/vxlan/eth/ipv4/tcp",
	    "src-ip=0.0.0.0-255.255.255.255", "vni=0-16777215,random",
	    "inner-src-mac=0:0:0:0:0:0-ff:ff:ff:ff:ff:ff", "size=200" }, "" },
	{ { "headers=eth/ipv4/tcp", "ttl=1-255,random",
	    "src-mac=0:0:0:0:0:0-ff:ff:ff:ff:ff:ff,random" }, "" },
	/* no TCP: no limit */
	{ { "headers=eth/ipv4/udp", "src-ip=0.0.0.0-255.255.255.255",
	    "src-port=0-65535,random" }, "" },
};

START_TEST(test_tcp_refusal)
{
	const struct refusal *f = &refusals[_i];

	ck_assert_str_eq(tp_refusal(f->kv), f->msg);
}
END_TEST

/* The next sequence numbers: allocated with TCP only, one per flow,
 * each 1; freed by pkt_stamp_fini(), which takes NULL, a zeroed stamp and
 * a stamp freed already. */
START_TEST(test_tcp_stamp_memory)
{
	static const char *const udp[] = { "src-ip=10.0.0.1-10.0.0.9", NULL };
	static const char *const tcp[] = {
		"headers=eth/ipv4/tcp", "src-ip=10.0.0.0-10.0.15.255",
		"dst-port=1-256,random", "ttl=1-9", NULL,
	};
	struct pkt_tmpl *t = tp_tmpl(udp, 1);
	struct pkt_stamp st;
	unsigned int i;

	memset(&st, 0, sizeof(st));
	pkt_stamp_fini(&st);
	pkt_stamp_fini(NULL);
	ck_assert_int_eq(pkt_stamp_init(&st, t, 0, 0), 0);
	ck_assert_ptr_null(st.tcp_next);
	pkt_stamp_fini(&st);
	pkt_tmpl_free(t);
	t = tp_tmpl(tcp, 1);
	ck_assert_int_eq(pkt_stamp_init(&st, t, 0, 0), 0);
	ck_assert_ptr_nonnull(st.tcp_next);
	for (i = 0; i < PKT_TCP_FLOWS_MAX; i++)
		ck_assert_uint_eq(st.tcp_next[i], 1);
	pkt_stamp_fini(&st);
	ck_assert_ptr_null(st.tcp_next);
	pkt_stamp_fini(&st);
	ck_assert_int_eq(pkt_stamp_init(NULL, t, 0, 0), -EINVAL);
	pkt_tmpl_free(t);
}
END_TEST

void
pkt_tcp_add_tcases(Suite *s)
{
	TCase *tc = tcase_create("tcp");

	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, test_tcp_tshark, 0,
			    RTE_DIM(tstacks) * RTE_DIM(tplans));
	tcase_add_loop_test(tc, test_tcp_random, 0, 8);
	tcase_add_test(tc, test_tcp_frame_number);
	tcase_add_test(tc, test_tcp_unknown_seq);
	tcase_add_loop_test(tc, test_tcp_refusal, 0, RTE_DIM(refusals));
	tcase_add_test(tc, test_tcp_stamp_memory);
	suite_add_tcase(s, tc);
}

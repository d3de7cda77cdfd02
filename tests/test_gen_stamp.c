/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * The stamp engine ('gen' suite, TCase "stamp"): per frame the flow
 * fields, lengths, signature and checksums are written.  Read back from
 * net_ring, frame k carries sequence number k and the flow fields of
 * frame k of the odometer; through a 15-slot ring that refuses frames
 * there is still no gap, and a refused frame goes out again with the TX
 * timestamp of its new attempt; variable sizes with a signature give the
 * old signature's bytes back to the payload.
 */

#include <inttypes.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>

#include "test_gen.h"

/* A signature and an odometer of 5 x 3 flows. */
static const char *const sig_flows[] = {
	"signature=yes", "src-ip=10.0.0.1-10.0.0.5", "dst-port=5000-5002",
	NULL };

/* The odometer of sig_flows read from the bytes of the n frames of RX
 * queue 0: src-ip steps fastest, dst-port when it wraps. */
static void
odometer(uint64_t n)
{
	uint64_t k;

	for (k = 0; k < n; k++) {
		const uint8_t *h = tg_rx[0].f[k].head;
		uint32_t ip = (uint32_t)h[26] << 24 | (uint32_t)h[27] << 16 |
			(uint32_t)h[28] << 8 | h[29];
		uint16_t port = (uint16_t)(h[36] << 8 | h[37]);

		ck_assert_uint_eq(ip, 0x0a000001 + k % 5);
		ck_assert_uint_eq(port, 5000 + k / 5 % 3);
	}
}

/* Run one stamp share of t, limit frames, pools of pool_count NBLs. */
static struct gen_share *
run_stamp(const struct pkt_tmpl *t, struct nbl_bind *b, uint16_t port,
	  uint64_t limit, uint32_t pool_count, enum tg_read mode,
	  struct gen_lcore **lcp)
{
	struct gen_lcore *lc = tg_lcore(1);
	struct gen_share_conf c;
	struct gen_share *s;
	struct tg_run r = {
		.lc = lc, .port = port, .nq = port == port_null ? 0 : 1,
		.mode = mode,
	};

	tg_conf(&c, t, b, 0, limit);
	c.sig_id = 0x123;
	c.pool_count = pool_count;
	s = tg_share("stamp", &c, NULL);
	ck_assert_int_eq(gen_lcore_add(lc, s), 0);
	tg_expect(0, t, c.sig_id, true);
	tg_run(&r);
	*lcp = lc;
	return s;
}

static void
end_all(struct gen_share *s, struct gen_lcore *lc, struct nbl_bind *b,
	struct pkt_tmpl *t)
{
	tg_share_end(s);
	tg_lcore_free(lc);
	tg_bind_end(b);
	pkt_tmpl_free(t);
}

/* Exact counts and bytes at full speed into net_null. */
START_TEST(test_stamp_count_null)
{
	struct pkt_tmpl *t = tg_tmpl(sig_flows, 1);
	struct nbl_bind *b = tg_bind(port_null, 1, t);
	struct gen_lcore *lc;
	struct gen_share *s;

	s = run_stamp(t, b, port_null, 100001, 255, TG_READ_AFTER, &lc);
	ck_assert_uint_eq(s->st.tx_packets, 100001);
	ck_assert_uint_eq(s->st.requested, 100001);
	ck_assert_uint_eq(stats_tx_shortfall(&s->st), 0);
	ck_assert_uint_eq(s->st.tx_bytes, 100001 * 60);
	ck_assert_uint_eq(s->st.ring_full, 0);
	ck_assert_uint_eq(s->stamp.seq, 100001);
	end_all(s, lc, b, t);
}
END_TEST

/* Read back from net_ring: frame k is frame number k (sequence number,
 * the odometer's src-ip and dst-port, checksums), bytes exact. */
START_TEST(test_stamp_flows_ring)
{
	struct pkt_tmpl *t = tg_tmpl(sig_flows, 1);
	struct nbl_bind *b = tg_bind(port_ring, 1, t);
	struct gen_lcore *lc;
	struct gen_share *s;

	ck_assert_uint_eq(pkt_tmpl_flows(t), 15);
	s = run_stamp(t, b, port_ring, 3001, 255, TG_READ_ALWAYS, &lc);
	tg_assert_rx(0, 3001);
	odometer(3001);
	ck_assert_uint_eq(s->st.tx_packets, 3001);
	ck_assert_uint_eq(s->st.requested, 3001);
	ck_assert_uint_eq(s->st.tx_bytes, 3001 * 60);
	ck_assert_uint_eq(tg_rx[0].bytes, 3001 * 60);
	end_all(s, lc, b, t);
}
END_TEST

/* Through a 15-slot ring read only after refusals: no gap, no repeat,
 * flows in order; timestamps never go back in wire order. */
START_TEST(test_stamp_refused_no_gap)
{
	struct pkt_tmpl *t = tg_tmpl(sig_flows, 1);
	struct nbl_bind *b = tg_bind(port_small, 1, t);
	struct gen_lcore *lc;
	struct gen_share *s;
	uint64_t k;

	s = run_stamp(t, b, port_small, 3001, 255, TG_READ_ON_REFUSAL, &lc);
	tg_assert_rx(0, 3001);
	odometer(3001);
	for (k = 1; k < 3001; k++)
		ck_assert_uint_ge(tg_rx[0].f[k].ts, tg_rx[0].f[k - 1].ts);
	ck_assert_uint_gt(s->st.ring_full, 0);
	ck_assert_uint_eq(s->st.tx_packets, 3001);
	ck_assert_uint_eq(s->st.requested, 3001);
	ck_assert_uint_eq(s->st.tx_bytes, 3001 * 60);
	end_all(s, lc, b, t);
}
END_TEST

/* Read the small ring; check n frames numbered from first, with the
 * timestamp of TSC ts. */
static void
read_turn(uint32_t first, unsigned int n, uint64_t ts_ns)
{
	uint64_t from = tg_rx[0].n, k;

	ck_assert_uint_eq(tg_rx[0].n, first);
	ck_assert_uint_eq(tg_read(port_small, 1), n);
	ck_assert_uint_eq(tg_rx[0].n - from, n);
	ck_assert_msg(tg_rx[0].bad == 0, "%s", tg_rx[0].why);
	for (k = from; k < tg_rx[0].n; k++) {
		ck_assert_uint_eq(tg_rx[0].f[k].seq, k);
		ck_assert_uint_eq(tg_rx[0].f[k].ts, ts_ns);
	}
}

/* The engine's turns driven one by one on the main lcore: 32 frames into
 * a 15-slot ring leave 17 refused; once the ring is read they go out
 * first, each with the timestamp of the turn that sent it (the
 * checksums fixed for it: every frame passes pkt_tmpl_verify()). */
START_TEST(test_stamp_refused_new_ts)
{
	struct pkt_tmpl *t = tg_tmpl(sig_flows, 1);
	struct nbl_bind *b = tg_bind(port_small, 1, t);
	uint64_t hz = rte_get_tsc_hz(), t1 = rte_rdtsc();
	struct gen_share_conf c;
	struct gen_share *s;

	tg_conf(&c, t, b, 0, UINT64_MAX);
	c.sig_id = 0x123;
	c.lcore = rte_lcore_id();
	s = tg_share("stamp", &c, NULL);
	tg_expect(0, t, c.sig_id, true);
	ck_assert_uint_eq(s->eng->burst(s, 32, t1), 32);
	ck_assert_uint_eq(s->st.tx_packets, 15);
	ck_assert_uint_eq(s->st.ring_full, 17);
	ck_assert_uint_eq(s->npend, 17);
	read_turn(0, 15, gen_tsc_ns(t1, hz));
	/* a second later: the 17 go first, 15 fit */
	ck_assert_uint_eq(s->eng->burst(s, 0, t1 + hz), 0);
	ck_assert_uint_eq(s->st.tx_packets, 30);
	ck_assert_uint_eq(s->st.ring_full, 19);
	ck_assert_uint_eq(s->npend, 2);
	read_turn(15, 15, gen_tsc_ns(t1 + hz, hz));
	/* the last 2 and 5 new ones */
	ck_assert_uint_eq(s->eng->burst(s, 5, t1 + 2 * hz), 5);
	ck_assert_uint_eq(s->npend, 0);
	read_turn(30, 7, gen_tsc_ns(t1 + 2 * hz, hz));
	ck_assert_uint_eq(s->offered, 37);
	ck_assert_uint_eq(s->st.tx_packets, 37);
	ck_assert_uint_eq(s->st.tx_bytes, 37 * 60);
	s->eng->drain(s, rte_rdtsc());
	tg_share_end(s);
	tg_bind_end(b);
	pkt_tmpl_free(t);
}
END_TEST

/* Variable sizes with a signature, on buffers used again and again (63
 * NBLs): each frame passes pkt_tmpl_verify() (the payload under the last
 * frame's signature was given back), its length is the size plan's. */
static void
sizes_signature(const char *size, uint16_t port, enum tg_read mode,
		uint64_t limit)
{
	const char *kv[] = { "signature=yes", "src-port=1000-1006", size,
			     NULL };
	struct pkt_tmpl *t = tg_tmpl(kv, 2);
	struct nbl_bind *b = tg_bind(port, 1, t);
	static struct pkt_stamp ref;
	struct gen_lcore *lc;
	struct gen_share *s;
	uint64_t k, bytes = 0;

	s = run_stamp(t, b, port, limit, 63, mode, &lc);
	ck_assert(s->last_len);
	tg_assert_rx(0, limit);
	ck_assert_int_eq(pkt_stamp_init(&ref, t, s->conf.sig_id,
					s->conf.seed), 0);
	for (k = 0; k < limit; k++) {
		uint32_t len = pkt_stamp_next_len(&ref);

		ck_assert_uint_eq(tg_rx[0].f[k].len, len);
		bytes += len;
	}
	ck_assert_uint_eq(s->st.tx_packets, limit);
	ck_assert_uint_eq(s->st.tx_bytes, bytes);
	ck_assert_uint_eq(tg_rx[0].bytes, bytes);
	if (mode == TG_READ_ON_REFUSAL)
		ck_assert_uint_gt(s->st.ring_full, 0);
	end_all(s, lc, b, t);
}

START_TEST(test_stamp_range_signature)
{
	sizes_signature("size=64-300", port_ring, TG_READ_ALWAYS, 4001);
}
END_TEST

START_TEST(test_stamp_random_sizes_signature)
{
	sizes_signature("size=64-1518,random", port_ring, TG_READ_ALWAYS,
			3001);
}
END_TEST

START_TEST(test_stamp_imix_signature_refused)
{
	sizes_signature("size=imix", port_small, TG_READ_ON_REFUSAL, 3001);
}
END_TEST

/* Tunnels: the outer headers retreated into the back-fill per frame,
 * inner flows, sizes and a signature; over IPv6 the outer UDP checksum
 * covers the whole frame. */
START_TEST(test_stamp_tunnels)
{
	static const char *const stacks[] = {
		"headers=eth/ipv4/udp/vxlan/eth/ipv4/udp",
		"headers=eth/ipv6/udp/vxlan/eth/ipv4/tcp",
		"headers=eth/ipv4/gre/ipv6/udp",
	};
	unsigned int i;

	for (i = 0; i < RTE_DIM(stacks); i++) {
		const char *kv[] = { stacks[i], "signature=yes",
				     "size=256:7,594:4,1518:1", "vni=100-103",
				     NULL };
		const char *kv_gre[] = { stacks[i], "signature=yes",
					 "size=256:7,594:4,1518:1",
					 "gre-key=5-7", NULL };
		struct pkt_tmpl *t = tg_tmpl(strstr(stacks[i], "gre") != NULL ?
					     kv_gre : kv, 4);
		struct nbl_bind *b = tg_bind(port_ring, 1, t);
		struct gen_lcore *lc;
		struct gen_share *s;

		memset(tg_rx, 0, sizeof(tg_rx));
		ck_assert_uint_gt(pkt_tmpl_outer_len(t, NULL), 0);
		s = run_stamp(t, b, port_ring, 2001, 127, TG_READ_ALWAYS, &lc);
		ck_assert_msg(tg_rx[0].bad == 0, "%s: %s", stacks[i],
			      tg_rx[0].why);
		tg_assert_rx(0, 2001);
		ck_assert_uint_eq(s->st.tx_packets, 2001);
		ck_assert_uint_eq(s->st.tx_bytes, tg_rx[0].bytes);
		end_all(s, lc, b, t);
	}
}
END_TEST

void
gen_stamp_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_stamp_count_null);
	tcase_add_test(tc, test_stamp_flows_ring);
	tcase_add_test(tc, test_stamp_refused_no_gap);
	tcase_add_test(tc, test_stamp_refused_new_ts);
	tcase_add_test(tc, test_stamp_range_signature);
	tcase_add_test(tc, test_stamp_random_sizes_signature);
	tcase_add_test(tc, test_stamp_imix_signature_refused);
	tcase_add_test(tc, test_stamp_tunnels);
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * The template engine ('gen' suite, TCase "template"): prebuilt frames,
 * nothing written per frame.  Exact counts and bytes on net_null and
 * net_ring (every frame read back and checked), a weighted size plan
 * whose class sequence comes back in exactly its order, also through a
 * small ring that refuses frames, and a tunnel's frames lowered into the
 * back-fill once.
 */

#include <inttypes.h>
#include <string.h>

#include <rte_ethdev.h>

#include "test_gen.h"

/* Run one share of t on port (queue 0) with limit frames; read back. */
static struct gen_share *
run_one(const struct pkt_tmpl *t, struct nbl_bind *b, uint16_t port,
	uint64_t limit, enum tg_read mode, struct gen_lcore **lcp)
{
	struct gen_lcore *lc = tg_lcore(1);
	struct gen_share_conf c;
	struct gen_share *s;
	struct tg_run r = {
		.lc = lc, .port = port, .nq = port == port_null ? 0 : 1,
		.mode = mode,
	};

	tg_conf(&c, t, b, 0, limit);
	s = tg_share("template", &c, NULL);
	ck_assert_int_eq(gen_lcore_add(lc, s), 0);
	tg_expect(0, t, c.sig_id, false);
	tg_run(&r);
	*lcp = lc;
	return s;
}

/* Exactly limit frames of 60 bytes, requested and sent, nothing short;
 * the binding counts the same; on net_ring every frame is read back. */
static void
fixed_count(uint16_t port, uint64_t limit)
{
	struct nbl_bind_stats bs;
	struct gen_lcore *lc;
	struct gen_share *s;
	struct nbl_bind *b;
	struct pkt_tmpl *t;

	t = tg_tmpl(NULL, 1);
	b = tg_bind(port, 1, t);
	s = run_one(t, b, port, limit, TG_READ_ALWAYS, &lc);
	ck_assert_uint_eq(s->st.tx_packets, limit);
	ck_assert_uint_eq(s->st.requested, limit);
	ck_assert_uint_eq(stats_tx_shortfall(&s->st), 0);
	ck_assert_uint_eq(s->st.tx_bytes, limit * 60);
	ck_assert_uint_eq(s->st.failed, 0);
	ck_assert_uint_eq(s->st.ring_full, 0);
	ck_assert_uint_gt(s->st.active_ns, 0);
	ck_assert(s->done);
	ck_assert_int_eq(nbl_bind_stats_get(b, 0, &bs), 0);
	ck_assert_uint_eq(bs.ff_sent, limit);
	ck_assert_uint_eq(bs.bytes, limit * 60);
	if (port != port_null) {
		tg_assert_rx(0, limit);
		ck_assert_uint_eq(tg_rx[0].bytes, limit * 60);
	}
	tg_share_end(s);
	tg_lcore_free(lc);
	tg_bind_end(b);
	pkt_tmpl_free(t);
}

START_TEST(test_template_count_null)
{
	fixed_count(port_null, 100001);
}
END_TEST

START_TEST(test_template_count_ring)
{
	fixed_count(port_ring, 3001);
}
END_TEST

/* A weighted plan (imix: 64:7, 594:4, 1518:1) on a port that takes every
 * frame, or on a 15-slot ring read only after it refused frames: the
 * lengths read back follow the class sequence exactly, so each cycle of
 * 12 frames holds 7, 4 and 1; requested, sent and the bytes are exact. */
static void
imix_order(uint16_t port, enum tg_read mode)
{
	static const char *const kv[] = { "size=imix", NULL };
	uint32_t len[PKT_CLASS_MAX], weight[PKT_CLASS_MAX], n, nc, c;
	uint64_t k, limit, bytes = 0;
	const uint8_t *seq;
	struct gen_lcore *lc;
	struct gen_share *s;
	struct nbl_bind *b;
	struct pkt_tmpl *t;

	t = tg_tmpl(kv, 5);
	nc = pkt_tmpl_classes(t, len, weight);
	ck_assert_uint_eq(nc, 3);
	seq = pkt_tmpl_class_seq(t, &n);
	ck_assert_uint_eq(n, 12);
	limit = 300 * n + 5;
	b = tg_bind(port, 1, t);
	s = run_one(t, b, port, limit, mode, &lc);
	ck_assert_uint_eq(s->npools, 3);
	tg_assert_rx(0, limit);
	for (k = 0; k < limit; k++) {
		ck_assert_msg(tg_rx[0].f[k].len == len[seq[k % n]],
			      "frame %" PRIu64 ": %u bytes, the plan's class "
			      "%u has %u", k, tg_rx[0].f[k].len, seq[k % n],
			      len[seq[k % n]]);
		bytes += len[seq[k % n]];
	}
	/* every whole cycle holds each class exactly its weight */
	for (k = 0; k + n <= limit; k += n) {
		uint32_t count[PKT_CLASS_MAX] = {0}, j;

		for (j = 0; j < n; j++)
			for (c = 0; c < nc; c++)
				count[c] += tg_rx[0].f[k + j].len == len[c];
		for (c = 0; c < nc; c++)
			ck_assert_uint_eq(count[c], weight[c]);
	}
	ck_assert_uint_eq(s->st.tx_packets, limit);
	ck_assert_uint_eq(s->st.requested, limit);
	ck_assert_uint_eq(stats_tx_shortfall(&s->st), 0);
	ck_assert_uint_eq(s->st.tx_bytes, bytes);
	ck_assert_uint_eq(tg_rx[0].bytes, bytes);
	if (mode == TG_READ_ON_REFUSAL)
		ck_assert_uint_gt(s->st.ring_full, 0);
	tg_share_end(s);
	tg_lcore_free(lc);
	tg_bind_end(b);
	pkt_tmpl_free(t);
}

START_TEST(test_template_imix_order)
{
	imix_order(port_ring, TG_READ_ALWAYS);
}
END_TEST

START_TEST(test_template_imix_refused)
{
	imix_order(port_small, TG_READ_ON_REFUSAL);
}
END_TEST

/* Weights of one's own, with a class of weight 1 among large ones, at
 * the largest burst: the proportions hold per cycle too. */
START_TEST(test_template_weights_burst_max)
{
	static const char *const kv[] = { "size=128:5,256:1,1024:3", NULL };
	uint32_t len[PKT_CLASS_MAX], n;
	struct gen_lcore *lc = tg_lcore(1);
	struct gen_share_conf c;
	const uint8_t *seq;
	struct gen_share *s;
	struct nbl_bind *b;
	struct pkt_tmpl *t;
	struct tg_run r = {
		.lc = lc, .port = port_small, .nq = 1,
		.mode = TG_READ_ON_REFUSAL,
	};
	uint64_t k, limit;

	t = tg_tmpl(kv, 9);
	pkt_tmpl_classes(t, len, NULL);
	seq = pkt_tmpl_class_seq(t, &n);
	ck_assert_uint_eq(n, 9);
	limit = 111 * n + 4;
	b = tg_bind(port_small, 1, t);
	tg_conf(&c, t, b, 0, limit);
	c.burst = GEN_BURST_MAX;
	s = tg_share("template", &c, NULL);
	ck_assert_int_eq(gen_lcore_add(lc, s), 0);
	tg_expect(0, t, c.sig_id, false);
	tg_run(&r);
	tg_assert_rx(0, limit);
	for (k = 0; k < limit; k++)
		ck_assert_uint_eq(tg_rx[0].f[k].len, len[seq[k % n]]);
	ck_assert_uint_eq(s->st.tx_packets, limit);
	ck_assert_uint_eq(s->st.requested, limit);
	ck_assert_uint_gt(s->st.ring_full, 0);
	tg_share_end(s);
	tg_lcore_free(lc);
	tg_bind_end(b);
	pkt_tmpl_free(t);
}
END_TEST

/* A VXLAN stream's frames are written whole, the outer headers retreated
 * into the back-fill when the pool was made: each frame read back is the
 * template's, outer headers included. */
START_TEST(test_template_tunnel)
{
	static const char *const kv[] = {
		"headers=eth/ipv4/udp/vxlan/eth/ipv4/udp",
		"size=128:7,594:4,1518:1", NULL };
	uint32_t len[PKT_CLASS_MAX], n;
	const uint8_t *seq;
	struct gen_lcore *lc;
	struct gen_share *s;
	struct nbl_bind *b;
	struct pkt_tmpl *t;
	uint64_t k;

	t = tg_tmpl(kv, 3);
	ck_assert_uint_eq(pkt_tmpl_outer_len(t, NULL), 50);
	pkt_tmpl_classes(t, len, NULL);
	seq = pkt_tmpl_class_seq(t, &n);
	b = tg_bind(port_ring, 1, t);
	s = run_one(t, b, port_ring, 1001, TG_READ_ALWAYS, &lc);
	tg_assert_rx(0, 1001);
	for (k = 0; k < 1001; k++)
		ck_assert_uint_eq(tg_rx[0].f[k].len, len[seq[k % n]]);
	ck_assert_uint_eq(s->st.tx_packets, 1001);
	tg_share_end(s);
	tg_lcore_free(lc);
	tg_bind_end(b);
	pkt_tmpl_free(t);
}
END_TEST

void
gen_template_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_template_count_null);
	tcase_add_test(tc, test_template_count_ring);
	tcase_add_test(tc, test_template_imix_order);
	tcase_add_test(tc, test_template_imix_refused);
	tcase_add_test(tc, test_template_weights_burst_max);
	tcase_add_test(tc, test_template_tunnel);
}

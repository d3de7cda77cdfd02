/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * The NDIS engine ('gen' suite, TCase "ndis"): NBLs stamped and sent with
 * nbl_bind_send(), each completed with a status and sent again.  Every
 * NBL completes (submitted == completed, nothing failed) and --verify
 * finds nothing wrong; read back from net_ring, frame k is frame number
 * k; a tunnel's NBLs go to the PMD by reference after the retreat into
 * the back-fill; through a 15-slot ring the binding's backlog keeps the
 * order; and a wrong frame is counted by --verify.
 */

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>

#include "test_gen.h"

static void
assert_completed(const struct gen_share *s, uint64_t n)
{
	ck_assert_uint_eq(s->st.submitted, n);
	ck_assert_uint_eq(s->st.completed, n);
	ck_assert_uint_eq(s->st.tx_packets, n);
	ck_assert_uint_eq(s->st.failed, 0);
	ck_assert_uint_eq(s->st.requested, n);
	ck_assert_uint_eq(stats_tx_shortfall(&s->st), 0);
	ck_assert_uint_eq(s->st.verify_errors, 0);
}

/* Run one ndis share of t with --verify, limit frames, read back. */
static struct gen_share *
run_ndis(const struct pkt_tmpl *t, struct nbl_bind *b, uint16_t port,
	 uint64_t limit, enum tg_read mode, struct gen_lcore **lcp)
{
	struct gen_lcore *lc = tg_lcore(1);
	struct gen_share_conf c;
	struct gen_share *s;
	struct tg_run r = {
		.lc = lc, .port = port, .nq = port == port_null ? 0 : 1,
		.mode = mode, .watch = b,
	};

	tg_conf(&c, t, b, 0, limit);
	c.sig_id = 0x2a;
	c.verify = true;
	s = tg_share("ndis", &c, NULL);
	ck_assert_int_eq(gen_lcore_add(lc, s), 0);
	ck_assert_uint_eq(lc->nqueues, 1);
	tg_expect(0, t, c.sig_id, true);
	tg_run(&r);
	*lcp = lc;
	return s;
}

/* As nblgen ends a run: pause the binding (every completion delivered),
 * the share's pool full and freed, the binding closed. */
static void
end_all(struct gen_share *s, struct gen_lcore *lc, struct pkt_tmpl *t)
{
	struct nbl_bind *b = s->conf.bind;

	ck_assert_int_eq(nbl_bind_pause(b), 0);
	tg_share_end(s);
	tg_lcore_free(lc);
	tg_bind_end(b);
	pkt_tmpl_free(t);
}

/* Every NBL completes with SUCCESS into net_null; bytes exact. */
START_TEST(test_ndis_count_null)
{
	struct pkt_tmpl *t = tg_tmpl(NULL, 1);
	struct nbl_bind *b = tg_bind(port_null, 1, t);
	struct nbl_bind_stats bs;
	struct gen_lcore *lc;
	struct gen_share *s;

	s = run_ndis(t, b, port_null, 20001, TG_READ_AFTER, &lc);
	assert_completed(s, 20001);
	ck_assert_uint_eq(s->st.tx_bytes, 20001 * 60);
	ck_assert_int_eq(nbl_bind_stats_get(b, 0, &bs), 0);
	ck_assert_uint_eq(bs.submitted, 20001);
	ck_assert_uint_eq(bs.sent, 20001);
	ck_assert_uint_eq(bs.outstanding, 0);
	end_all(s, lc, t);
}
END_TEST

/* Read back from net_ring (each NBL completes once the test freed its
 * frame): a signature, flows and imix sizes; frame k is frame number k
 * with the plan's k-th length, and --verify agrees. */
START_TEST(test_ndis_ring)
{
	static const char *const kv[] = {
		"signature=yes", "dst-ip=10.1.0.1-10.1.0.9",
		"src-port=2000-2002", "size=imix", NULL };
	struct pkt_tmpl *t = tg_tmpl(kv, 3);
	struct nbl_bind *b = tg_bind(port_ring, 1, t);
	static struct pkt_stamp ref;
	struct gen_lcore *lc;
	struct gen_share *s;
	uint64_t k, bytes = 0;

	s = run_ndis(t, b, port_ring, 3001, TG_READ_ALWAYS, &lc);
	tg_assert_rx(0, 3001);
	assert_completed(s, 3001);
	ck_assert_int_eq(pkt_stamp_init(&ref, t, 0, s->conf.seed), 0);
	for (k = 0; k < 3001; k++) {
		uint32_t len = pkt_stamp_next_len(&ref);

		ck_assert_uint_eq(tg_rx[0].f[k].len, len);
		bytes += len;
	}
	ck_assert_uint_eq(s->st.tx_bytes, bytes);
	ck_assert_uint_eq(tg_rx[0].bytes, bytes);
	end_all(s, lc, t);
}
END_TEST

/* VXLAN: each NBL is retreated over the outer headers into the binding's
 * back-fill and goes by reference (no copy), on net_null (completed
 * through the return pool) and on net_ring with zero copy forced
 * (completed once the test freed the frame it read back, byte-exact). */
START_TEST(test_ndis_vxlan_by_reference)
{
	static const char *const kv[] = {
		"headers=eth/ipv4/udp/vxlan/eth/ipv4/udp", "signature=yes",
		"inner-src-port=3000-3003", "vni=7-8",
		"size=128:3,1518:1", NULL };
	const uint16_t ports[] = { port_null, port_ring };
	unsigned int i;

	for (i = 0; i < RTE_DIM(ports); i++) {
		struct pkt_tmpl *t = tg_tmpl(kv, 3);
		struct nbl_bind_conf bc;
		struct nbl_bind_reqs reqs;
		struct nbl_bind_stats bs;
		struct gen_lcore *lc;
		struct gen_share *s;
		struct nbl_bind *b;

		memset(tg_rx, 0, sizeof(tg_rx));
		tg_bind_conf(&bc, 1, t);
		if (ports[i] == port_ring)
			bc.zero_copy = NBL_BIND_ZC_FORCE;
		b = tg_bind_make(ports[i], &bc);
		ck_assert_int_eq(nbl_bind_reqs_get(b, &reqs), 0);
		ck_assert_uint_ge(reqs.data_backfill, 50);
		ck_assert_msg(reqs.zero_copy, "%s: %s", reqs.driver,
			      reqs.why_copy);
		s = run_ndis(t, b, ports[i], 2001, ports[i] == port_null ?
			     TG_READ_AFTER : TG_READ_ALWAYS, &lc);
		ck_assert_uint_eq(s->outer_len, 50);
		assert_completed(s, 2001);
		ck_assert_int_eq(nbl_bind_stats_get(b, 0, &bs), 0);
		ck_assert_uint_eq(bs.zero_copy, 2001);
		ck_assert_uint_eq(bs.copies, 0);
		if (ports[i] == port_ring) {
			tg_assert_rx(0, 2001);
			ck_assert_uint_eq(s->st.tx_bytes, tg_rx[0].bytes);
		}
		end_all(s, lc, t);
	}
}
END_TEST

/* A 15-slot ring read only when the binding retried its backlog: the
 * binding keeps what the port refused, so the frames still come in
 * order, every NBL completes with SUCCESS. */
START_TEST(test_ndis_backlog_order)
{
	struct pkt_tmpl *t;
	struct nbl_bind *b;
	struct nbl_bind_stats bs;
	struct gen_lcore *lc;
	struct gen_share *s;
	static const char *const kv[] = { "signature=yes",
					  "src-ip=10.0.0.1-10.0.0.3", NULL };

	t = tg_tmpl(kv, 1);
	b = tg_bind(port_small, 1, t);
	s = run_ndis(t, b, port_small, 2001, TG_READ_ON_REFUSAL, &lc);
	tg_assert_rx(0, 2001);
	assert_completed(s, 2001);
	ck_assert_int_eq(nbl_bind_stats_get(b, 0, &bs), 0);
	ck_assert_uint_gt(bs.backlog_retries, 0);
	ck_assert_uint_eq(bs.sent, 2001);
	end_all(s, lc, t);
}
END_TEST

/* A 15-slot ring nobody reads until the end: the binding holds what the
 * port refused in its backlog, the lcore is stopped once the 15 frames
 * completed, and the pause completes the backlog with PAUSED; every NBL
 * came back once, counted as sent or failed, nothing owed. */
START_TEST(test_ndis_stuck_port_pause)
{
	struct pkt_tmpl *t = tg_tmpl(NULL, 1);
	struct nbl_bind *b = tg_bind(port_small, 1, t);
	struct gen_lcore *lc = tg_lcore(1);
	struct gen_share_conf c;
	struct gen_share *s;
	struct tg_run r = { .lc = lc, .stop_after = 15 };

	tg_conf(&c, t, b, 0, UINT64_MAX);
	c.verify = true;
	s = tg_share("ndis", &c, NULL);
	ck_assert_int_eq(gen_lcore_add(lc, s), 0);
	lc->drain_cycles = rte_get_tsc_hz() / 100;
	tg_run(&r);
	ck_assert_uint_gt(s->st.submitted, 15);
	ck_assert_uint_lt(s->st.completed, s->st.submitted);
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	ck_assert_uint_eq(s->st.completed, s->st.submitted);
	ck_assert_uint_eq(s->st.tx_packets, 15);
	ck_assert_uint_eq(s->st.failed, s->st.submitted - 15);
	ck_assert_uint_eq(s->st.failed_paused, s->st.failed);
	ck_assert_uint_eq(s->st.requested, s->st.submitted);
	ck_assert_uint_eq(stats_tx_shortfall(&s->st), 0);
	ck_assert_uint_eq(s->st.verify_errors, 0);
	tg_expect(0, t, c.sig_id, true);
	ck_assert_uint_eq(tg_read(port_small, 1), 15);
	tg_assert_rx(0, 15);
	tg_share_end(s);
	tg_lcore_free(lc);
	tg_bind_end(b);
	pkt_tmpl_free(t);
}
END_TEST

/* One NBL of the pool holds a wrong payload byte: sent in the first burst
 * (the burst takes the whole pool), it is the one frame --verify counts;
 * every frame still goes out. */
START_TEST(test_ndis_verify_counts_wrong_frame)
{
	struct pkt_tmpl *t = tg_tmpl(NULL, 1);
	struct nbl_bind *b = tg_bind(port_null, 1, t);
	struct gen_lcore *lc = tg_lcore(rte_lcore_id());
	struct nbl_list *all[63];
	struct gen_share_conf c;
	struct gen_share *s;
	struct tg_run r = { .lc_main = lc };
	unsigned int i;

	tg_conf(&c, t, b, 0, 63);
	c.pool_count = 63;
	c.burst = 63;
	c.verify = true;
	c.lcore = rte_lcore_id();
	s = tg_share("ndis", &c, NULL);
	for (i = 0; i < RTE_DIM(all); i++) {
		all[i] = nbl_list_alloc(s->pools[0], 0, 0);
		ck_assert_ptr_nonnull(all[i]);
	}
	ck_assert_ptr_null(nbl_list_alloc(s->pools[0], 0, 0));
	{
		struct nbl_buf *nb = all[17]->first_nb;
		uint8_t *f = (uint8_t *)nb->cur->va + nb->cur_off;

		f[pkt_tmpl_hdr_len(t) + 3] ^= 0x5a;
	}
	for (i = 0; i < RTE_DIM(all); i++)
		ck_assert_int_eq(nbl_list_free(all[i]), 0);
	ck_assert_int_eq(gen_lcore_add(lc, s), 0);
	tg_run(&r);
	ck_assert_uint_eq(s->st.bursts, 1);
	ck_assert_uint_eq(s->st.submitted, 63);
	ck_assert_uint_eq(s->st.completed, 63);
	ck_assert_uint_eq(s->st.tx_packets, 63);
	ck_assert_uint_eq(s->st.verify_errors, 1);
	end_all(s, lc, t);
}
END_TEST

/* A binding made without room for the shares' context in its NBLs
 * (nbl_bind_conf::ctx_size below GEN_CTX_SIZE): the ndis engine keeps
 * each NBL's frame number there, and refuses it at begin with a message
 * rather than a share that never sends; the fire-and-forget engines
 * need no context and take it. */
START_TEST(test_ndis_needs_context)
{
	struct pkt_tmpl *t = tg_tmpl(NULL, 1);
	struct gen_share *s = tg_share_alloc();
	struct pace_pacer unpaced;
	struct nbl_bind_conf bc;
	struct gen_share_conf c;
	struct nbl_bind *b;
	char err[256] = "";

	ck_assert_int_eq(pace_pacer_init(&unpaced, 0, rte_get_tsc_hz(),
					 (struct pace_frac){0, 1}), 0);
	tg_bind_conf(&bc, 1, t);
	bc.ctx_size = 0;
	b = tg_bind_make(port_null, &bc);
	tg_conf(&c, t, b, 0, 100);
	c.stream = 4;
	ck_assert_int_eq(gen_share_init(s, gen_engine_find("ndis"), &c,
					&unpaced, err, sizeof(err)), -EINVAL);
	ck_assert_msg(strstr(err, "stream.4") != NULL &&
		      strstr(err, "context") != NULL, "message: %s", err);
	ck_assert_uint_eq(s->npools, 0);
	ck_assert_uint_eq(nbl_leak_check(NULL), 0);
	ck_assert_int_eq(gen_share_init(s, gen_engine_find("stamp"), &c,
					&unpaced, err, sizeof(err)), 0);
	gen_share_fini(s);
	tg_share_free(s);
	tg_bind_end(b);
	pkt_tmpl_free(t);
}
END_TEST

void
gen_ndis_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_ndis_count_null);
	tcase_add_test(tc, test_ndis_ring);
	tcase_add_test(tc, test_ndis_vxlan_by_reference);
	tcase_add_test(tc, test_ndis_backlog_order);
	tcase_add_test(tc, test_ndis_stuck_port_pause);
	tcase_add_test(tc, test_ndis_verify_counts_wrong_frame);
	tcase_add_test(tc, test_ndis_needs_context);
}

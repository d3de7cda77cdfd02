/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * The TX lcore ('gen' suite, TCase "lcore"): a paced share sends exactly
 * the frames its pacer made due by the end, however late it ran; shares
 * of one stream on two queues (two lcores, or one) each send their part
 * with their own signature id and sequence; the stop flag ends a share
 * without a limit with nothing owed; the byte limit stops at the frame
 * that reaches it.
 */

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>

#include "test_gen.h"

static const char *const engines[] = { "template", "stamp", "ndis" };

/* ------------------------------------------------------------------ */
/* Pacing                                                              */
/* ------------------------------------------------------------------ */

/* frames due by end: floor((end - start) * num / (hz * den)) + 1 */
static uint64_t
due_at(uint64_t start, uint64_t end, uint64_t hz, struct pace_frac pps)
{
	__extension__ unsigned __int128 x = (unsigned __int128)(end - start) *
		pps.num;

	return (uint64_t)(x / ((unsigned __int128)hz * pps.den)) + 1;
}

/* One share of engine paced at pps for duration cycles into net_null:
 * requested is what the pacer made due by the end, and all of it went
 * out.  Returns that count. */
static uint64_t
paced_run(const char *engine, struct pace_frac pps, uint64_t duration,
	  uint64_t drain)
{
	struct pkt_tmpl *t = tg_tmpl(NULL, 1);
	struct nbl_bind *b = tg_bind(port_null, 1, t);
	struct gen_lcore *lc = tg_lcore(1);
	uint64_t hz = rte_get_tsc_hz(), due;
	struct pace_pacer p, ref;
	struct gen_share_conf c;
	struct gen_share *s;
	struct tg_run r = { .lc = lc, .duration = duration };

	ck_assert_int_eq(pace_pacer_init(&p, 0, hz, pps), 0);
	tg_conf(&c, t, b, 0, UINT64_MAX);
	s = tg_share(engine, &c, &p);
	ck_assert(s->paced);
	ck_assert_int_eq(gen_lcore_add(lc, s), 0);
	lc->drain_cycles = drain;
	tg_run(&r);
	ref = p;
	pace_pacer_restart(&ref, lc->start_tsc);
	/* a duration is [start, end): the frame due at the end is not */
	due = pace_pacer_due(&ref, lc->end_tsc - 1);
	ck_assert_uint_eq(due, due_at(lc->start_tsc, lc->end_tsc - 1, hz,
				      pps));
	ck_assert_msg(s->st.requested == due && s->st.tx_packets == due,
		      "%s: %" PRIu64 " due, %" PRIu64 " requested, %" PRIu64
		      " sent", engine, due, s->st.requested,
		      s->st.tx_packets);
	ck_assert_uint_eq(stats_tx_shortfall(&s->st), 0);
	ck_assert_uint_eq(s->st.tx_bytes, due * 60);
	if (strcmp(engine, "ndis") == 0) {
		ck_assert_uint_eq(s->st.submitted, due);
		ck_assert_uint_eq(s->st.completed, due);
	}
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	tg_share_end(s);
	tg_lcore_free(lc);
	tg_bind_end(b);
	pkt_tmpl_free(t);
	return due;
}

/* 20000 frames/s for a quarter of a second: 5000 or 5001 frames (frame
 * 0 is due at the start) by every engine, counted, not timed. */
START_TEST(test_paced_exact)
{
	uint64_t hz = rte_get_tsc_hz();
	unsigned int i;

	for (i = 0; i < RTE_DIM(engines); i++) {
		uint64_t n = paced_run(engines[i], (struct pace_frac){20000, 1},
				       hz / 4, hz);

		ck_assert(n == 5000 || n == 5001);
	}
}
END_TEST

/* 100 Mframes/s for 20 ms, far above what one lcore sends into net_null:
 * the share is late all along, and sends what was due by the end after
 * it (within the drain time): still exactly the due count. */
START_TEST(test_paced_late_catches_up)
{
	uint64_t hz = rte_get_tsc_hz();
	uint64_t n = paced_run("template", (struct pace_frac){100000000, 1},
			       hz / 50, 20 * hz);

	ck_assert_uint_ge(n, 1999999);
	ck_assert_uint_le(n, 2000001);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Shares of a stream                                                  */
/* ------------------------------------------------------------------ */

static const char *const sig_flows[] = {
	"signature=yes", "src-ip=10.0.0.1-10.0.0.4", "dst-port=7000-7002",
	NULL };

/* 9 frames as nblgen splits them over two TX lcores: 5 from lcore 1 on
 * queue 0, 4 from the main lcore on queue 1, at the same time; each
 * queue holds its share's frames with its own signature id, numbered
 * from 0, its flows from the odometer's start. */
START_TEST(test_split_two_lcores)
{
	struct pkt_tmpl *t = tg_tmpl(sig_flows, 1);
	struct nbl_bind *b = tg_bind(port_ring, 2, t);
	struct gen_lcore *lc[2] = { tg_lcore(1), tg_lcore(rte_lcore_id()) };
	const uint64_t part[2] = { 5, 4 };
	struct gen_share *s[2];
	struct gen_share_conf c;
	struct tg_run r = {
		.lc = lc[0], .lc_main = lc[1], .port = port_ring, .nq = 2,
	};
	unsigned int j;

	for (j = 0; j < 2; j++) {
		tg_conf(&c, t, b, (uint16_t)j, part[j]);
		c.sig_id = (uint16_t)(2 | j << 12);
		c.seed = 7 ^ j;
		c.lcore = lc[j]->lcore_id;
		s[j] = tg_share("stamp", &c, NULL);
		ck_assert_int_eq(gen_lcore_add(lc[j], s[j]), 0);
		tg_expect(j, t, c.sig_id, true);
	}
	tg_run(&r);
	for (j = 0; j < 2; j++) {
		tg_assert_rx(j, part[j]);
		ck_assert_uint_eq(s[j]->st.tx_packets, part[j]);
		ck_assert_uint_eq(s[j]->st.requested, part[j]);
		ck_assert_uint_eq(s[j]->st.tx_bytes, part[j] * 60);
		tg_share_end(s[j]);
		tg_lcore_free(lc[j]);
	}
	ck_assert_uint_ne(tg_rx[0].f[0].sig_id, tg_rx[1].f[0].sig_id);
	tg_bind_end(b);
	pkt_tmpl_free(t);
}
END_TEST

/* Both shares on one lcore (as one TX lcore runs several streams), 1001
 * + 1000 frames, with the stamp and the ndis engine: the same. */
START_TEST(test_split_one_lcore)
{
	const uint64_t part[2] = { 1001, 1000 };
	unsigned int e, j;

	for (e = 1; e < RTE_DIM(engines); e++) {
		struct pkt_tmpl *t = tg_tmpl(sig_flows, 1);
		struct nbl_bind *b = tg_bind(port_ring, 2, t);
		struct gen_lcore *lc = tg_lcore(1);
		struct gen_share *s[2];
		struct gen_share_conf c;
		struct tg_run r = {
			.lc = lc, .port = port_ring, .nq = 2,
			.mode = TG_READ_ALWAYS,
		};

		memset(tg_rx, 0, sizeof(tg_rx));
		for (j = 0; j < 2; j++) {
			tg_conf(&c, t, b, (uint16_t)j, part[j]);
			c.sig_id = (uint16_t)(5 | j << 12);
			c.verify = true;
			s[j] = tg_share(engines[e], &c, NULL);
			ck_assert_int_eq(gen_lcore_add(lc, s[j]), 0);
			tg_expect(j, t, c.sig_id, true);
		}
		tg_run(&r);
		ck_assert_int_eq(nbl_bind_pause(b), 0);
		for (j = 0; j < 2; j++) {
			ck_assert_msg(tg_rx[j].bad == 0, "%s: %s", engines[e],
				      tg_rx[j].why);
			tg_assert_rx(j, part[j]);
			ck_assert_uint_eq(s[j]->st.tx_packets, part[j]);
			ck_assert_uint_eq(s[j]->st.requested, part[j]);
			ck_assert_uint_eq(s[j]->st.verify_errors, 0);
			tg_share_end(s[j]);
		}
		tg_lcore_free(lc);
		tg_bind_end(b);
		pkt_tmpl_free(t);
	}
}
END_TEST

/* ------------------------------------------------------------------ */
/* The stop flag, the duration                                         */
/* ------------------------------------------------------------------ */

/* A share without a limit, stopped by the flag once it sent 20000 frames
 * (unpaced, or paced at 1 Mframes/s): gen_lcore_main() returns at once;
 * unpaced, what was built went out and nothing is owed; paced, what the
 * schedule asked for by the stop is requested, and what was not sent by
 * then is the shortfall (a signal sends nothing more); every pool is
 * full. */
static void
stopped(const char *engine, bool paced)
{
	struct pkt_tmpl *t = tg_tmpl(NULL, 1);
	struct nbl_bind *b = tg_bind(port_null, 1, t);
	struct gen_lcore *lc = tg_lcore(1);
	struct pace_pacer p;
	struct gen_share_conf c;
	struct gen_share *s;
	struct tg_run r = { .lc = lc, .stop_after = 20000 };

	ck_assert_int_eq(pace_pacer_init(&p, 0, rte_get_tsc_hz(),
					 (struct pace_frac){paced ? 1000000 :
							    0, 1}), 0);
	tg_conf(&c, t, b, 0, UINT64_MAX);
	s = tg_share(engine, &c, &p);
	ck_assert_int_eq(gen_lcore_add(lc, s), 0);
	tg_run(&r);
	ck_assert_int_eq(__atomic_load_n(&tg_stop, __ATOMIC_ACQUIRE), 1);
	ck_assert(!lc->running);
	ck_assert_uint_ge(s->st.tx_packets, 20000);
	if (paced) {
		ck_assert_uint_eq(s->st.requested,
				  pace_pacer_due(&s->pacer, lc->stopped_tsc));
		ck_assert_uint_eq(stats_tx_shortfall(&s->st),
				  s->st.requested - s->st.tx_packets);
	} else {
		ck_assert_msg(s->st.requested == s->st.tx_packets,
			      "%s: %" PRIu64 " requested, %" PRIu64 " sent",
			      engine, s->st.requested, s->st.tx_packets);
		ck_assert_uint_eq(stats_tx_shortfall(&s->st), 0);
	}
	ck_assert_uint_eq(s->st.tx_bytes, s->st.tx_packets * 60);
	if (strcmp(engine, "ndis") == 0)
		ck_assert_uint_eq(s->st.completed, s->st.submitted);
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	tg_share_end(s);
	tg_lcore_free(lc);
	tg_bind_end(b);
	pkt_tmpl_free(t);
	__atomic_store_n(&tg_stop, 0, __ATOMIC_RELEASE);
}

START_TEST(test_stop_flag)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(engines); i++) {
		stopped(engines[i], false);
		stopped(engines[i], true);
	}
}
END_TEST

/* Stopped while the 15-slot ring refuses frames: the refused ones still
 * go out at the drain, in order, and every frame sent was requested. */
START_TEST(test_stop_flag_refused)
{
	struct pkt_tmpl *t = tg_tmpl(sig_flows, 1);
	struct nbl_bind *b = tg_bind(port_small, 1, t);
	struct gen_lcore *lc = tg_lcore(1);
	struct gen_share_conf c;
	struct gen_share *s;
	struct tg_run r = {
		.lc = lc, .port = port_small, .nq = 1,
		.mode = TG_READ_ON_REFUSAL, .stop_after = 2000,
	};

	tg_conf(&c, t, b, 0, UINT64_MAX);
	s = tg_share("stamp", &c, NULL);
	ck_assert_int_eq(gen_lcore_add(lc, s), 0);
	tg_expect(0, t, c.sig_id, true);
	tg_run(&r);
	ck_assert_uint_gt(s->st.ring_full, 0);
	ck_assert_uint_eq(s->npend, 0);
	ck_assert_uint_eq(s->st.requested, s->st.tx_packets);
	ck_assert_uint_eq(s->st.tx_packets, s->offered);
	tg_assert_rx(0, s->st.tx_packets);
	tg_share_end(s);
	tg_lcore_free(lc);
	tg_bind_end(b);
	pkt_tmpl_free(t);
}
END_TEST

/* A port that refuses everything past its 15 slots (imix frames of the
 * template engine, nobody reading), the stop flag once they went out,
 * and a drain too short to wait: the 15 went out, the share held back
 * with a burst's worth refused, which the drain gave back each to its
 * class's pool (every pool full again once the ring is read): they
 * count as owed. */
START_TEST(test_drain_gives_back)
{
	static const char *const kv[] = { "size=imix", NULL };
	struct pkt_tmpl *t = tg_tmpl(kv, 8);
	struct nbl_bind *b = tg_bind(port_small, 1, t);
	struct gen_lcore *lc = tg_lcore(1);
	uint32_t len[PKT_CLASS_MAX], n;
	const uint8_t *seq;
	struct gen_share_conf c;
	struct gen_share *s;
	struct tg_run r = {
		.lc = lc, .port = port_small, .nq = 1, .stop_after = 15,
	};
	uint64_t k;

	pkt_tmpl_classes(t, len, NULL);
	seq = pkt_tmpl_class_seq(t, &n);
	tg_conf(&c, t, b, 0, 1000);
	s = tg_share("template", &c, NULL);
	ck_assert_int_eq(gen_lcore_add(lc, s), 0);
	lc->drain_cycles = 1;
	tg_expect(0, t, c.sig_id, false);
	tg_run(&r);
	ck_assert_uint_eq(s->st.tx_packets, 15);
	/* a burst of 32 (15 taken), then maybe 15 more to fill the burst
	 * before the lcore saw the flag */
	ck_assert_msg(s->offered == 32 || s->offered == 47, "%" PRIu64
		      " frames built", s->offered);
	ck_assert_uint_eq(s->st.requested, s->offered);
	ck_assert_uint_eq(stats_tx_shortfall(&s->st), s->offered - 15);
	ck_assert_uint_eq(s->npend, 0);
	tg_assert_rx(0, 15);
	for (k = 0; k < 15; k++)
		ck_assert_uint_eq(tg_rx[0].f[k].len, len[seq[k % n]]);
	tg_share_end(s);
	tg_lcore_free(lc);
	tg_bind_end(b);
	pkt_tmpl_free(t);
}
END_TEST

/* An lcore runs at most GEN_LCORE_SHARES shares and polls at most
 * GEN_LCORE_QUEUES (binding, queue) pairs of ndis shares, each once. */
START_TEST(test_lcore_add_limits)
{
	struct gen_lcore *lc = tg_lcore(1);
	struct gen_share *s = tg_share_alloc();
	struct nbl_bind *fake = (struct nbl_bind *)(uintptr_t)0x1000;
	unsigned int i;

	s->eng = gen_engine_find("ndis");
	s->conf.bind = fake;
	for (i = 0; i < GEN_LCORE_QUEUES; i++) {
		s->conf.queue = (uint16_t)i;
		ck_assert_int_eq(gen_lcore_add(lc, s), 0);
		ck_assert_uint_eq(lc->nqueues, i + 1);
		ck_assert_ptr_eq(lc->poll_bind[i], fake);
		ck_assert_uint_eq(lc->poll_queue[i], i);
	}
	/* a queue it polls already: added, not polled twice */
	s->conf.queue = 3;
	ck_assert_int_eq(gen_lcore_add(lc, s), 0);
	ck_assert_uint_eq(lc->nqueues, GEN_LCORE_QUEUES);
	s->conf.queue = GEN_LCORE_QUEUES;
	ck_assert_int_eq(gen_lcore_add(lc, s), -ENOSPC);
	ck_assert_uint_eq(lc->nshares, GEN_LCORE_QUEUES + 1);
	/* fire-and-forget shares need no polling */
	s->eng = gen_engine_find("stamp");
	while (lc->nshares < GEN_LCORE_SHARES)
		ck_assert_int_eq(gen_lcore_add(lc, s), 0);
	ck_assert_uint_eq(lc->nqueues, GEN_LCORE_QUEUES);
	ck_assert_int_eq(gen_lcore_add(lc, s), -ENOSPC);
	ck_assert_uint_eq(lc->nshares, GEN_LCORE_SHARES);
	tg_share_free(s);
	tg_lcore_free(lc);
}
END_TEST

/* An unpaced share for a duration: what it built went out. */
START_TEST(test_duration_unpaced)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(engines); i++) {
		struct pkt_tmpl *t = tg_tmpl(NULL, 1);
		struct nbl_bind *b = tg_bind(port_null, 1, t);
		struct gen_lcore *lc = tg_lcore(1);
		struct gen_share_conf c;
		struct gen_share *s;
		struct tg_run r = {
			.lc = lc, .duration = rte_get_tsc_hz() / 20,
		};

		tg_conf(&c, t, b, 0, UINT64_MAX);
		s = tg_share(engines[i], &c, NULL);
		ck_assert_int_eq(gen_lcore_add(lc, s), 0);
		tg_run(&r);
		ck_assert_uint_eq(s->st.requested, s->st.tx_packets);
		ck_assert_uint_ge(lc->stopped_tsc, lc->end_tsc);
		ck_assert_int_eq(nbl_bind_pause(b), 0);
		tg_share_end(s);
		tg_lcore_free(lc);
		tg_bind_end(b);
		pkt_tmpl_free(t);
	}
}
END_TEST

/* ------------------------------------------------------------------ */
/* The byte limit                                                      */
/* ------------------------------------------------------------------ */

/* imix frames up to 50000 bytes, with each engine, read back: the share
 * stops at the frame that reaches the limit (it may end past it), so
 * every frame but the last starts below it. */
START_TEST(test_byte_limit)
{
	static const char *const kv[] = { "size=imix", NULL };
	const uint64_t limit = 50000;
	unsigned int i;

	for (i = 0; i < RTE_DIM(engines); i++) {
		struct pkt_tmpl *t = tg_tmpl(kv, 6);
		struct nbl_bind *b = tg_bind(port_ring, 1, t);
		struct gen_lcore *lc = tg_lcore(1);
		static struct pkt_stamp ref;
		struct gen_share_conf c;
		struct gen_share *s;
		struct tg_run r = {
			.lc = lc, .port = port_ring, .nq = 1,
			.mode = TG_READ_ALWAYS,
		};
		uint64_t k = 0, bytes = 0;

		memset(tg_rx, 0, sizeof(tg_rx));
		tg_conf(&c, t, b, 0, UINT64_MAX);
		c.byte_limit = limit;
		s = tg_share(engines[i], &c, NULL);
		ck_assert_int_eq(gen_lcore_add(lc, s), 0);
		tg_expect(0, t, c.sig_id, true);
		tg_run(&r);
		ck_assert_int_eq(pkt_stamp_init(&ref, t, 0, c.seed), 0);
		while (bytes < limit) {
			bytes += pkt_stamp_next_len(&ref);
			k++;
		}
		ck_assert_msg(s->st.tx_packets == k && s->st.tx_bytes == bytes,
			      "%s: %" PRIu64 " frames of %" PRIu64 " bytes "
			      "sent, the limit is reached by frame %" PRIu64
			      " at %" PRIu64 " bytes", engines[i],
			      s->st.tx_packets, s->st.tx_bytes, k, bytes);
		ck_assert_uint_eq(s->st.requested, k);
		tg_assert_rx(0, k);
		ck_assert_uint_eq(tg_rx[0].bytes, bytes);
		ck_assert_int_eq(nbl_bind_pause(b), 0);
		tg_share_end(s);
		tg_lcore_free(lc);
		tg_bind_end(b);
		pkt_tmpl_free(t);
	}
}
END_TEST

/* 1000 bytes of 60-byte frames: 17 frames (1020 bytes), at any burst. */
START_TEST(test_byte_limit_fixed)
{
	const uint32_t bursts[] = { 1, 16, 32, GEN_BURST_MAX };
	unsigned int i, e;

	for (e = 0; e < RTE_DIM(engines); e++)
		for (i = 0; i < RTE_DIM(bursts); i++) {
			struct pkt_tmpl *t = tg_tmpl(NULL, 1);
			struct nbl_bind *b = tg_bind(port_null, 1, t);
			struct gen_lcore *lc = tg_lcore(1);
			struct gen_share_conf c;
			struct gen_share *s;
			struct tg_run r = { .lc = lc };

			tg_conf(&c, t, b, 0, UINT64_MAX);
			c.byte_limit = 1000;
			c.burst = bursts[i];
			s = tg_share(engines[e], &c, NULL);
			ck_assert_int_eq(gen_lcore_add(lc, s), 0);
			tg_run(&r);
			ck_assert_msg(s->st.tx_packets == 17 &&
				      s->st.tx_bytes == 1020,
				      "%s, burst %u: %" PRIu64 " frames, %"
				      PRIu64 " bytes", engines[e], bursts[i],
				      s->st.tx_packets, s->st.tx_bytes);
			ck_assert_uint_eq(s->st.requested, 17);
			ck_assert_int_eq(nbl_bind_pause(b), 0);
			tg_share_end(s);
			tg_lcore_free(lc);
			tg_bind_end(b);
			pkt_tmpl_free(t);
		}
}
END_TEST

void
gen_lcore_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_paced_exact);
	tcase_add_test(tc, test_paced_late_catches_up);
	tcase_add_test(tc, test_split_two_lcores);
	tcase_add_test(tc, test_split_one_lcore);
	tcase_add_test(tc, test_stop_flag);
	tcase_add_test(tc, test_stop_flag_refused);
	tcase_add_test(tc, test_drain_gives_back);
	tcase_add_test(tc, test_lcore_add_limits);
	tcase_add_test(tc, test_duration_unpaced);
	tcase_add_test(tc, test_byte_limit);
	tcase_add_test(tc, test_byte_limit_fixed);
}

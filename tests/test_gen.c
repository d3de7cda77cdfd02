/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Check suite of libnblgen (gen.h): the three engines sending shares of
 * streams from gen_lcore_main() on real virtual ports, read back frame by
 * frame; what a user of nblgen sees: exact counts, bytes, order, sizes,
 * sequence numbers, flows, pacing, splitting, the stop flag and the byte
 * limit, and every pool full at the end.
 *
 * Ports: net_null0 (frees in tx_burst), net_ring0 (a loop: what TX queue
 * i sends, RX queue i reads back) and net_ring9, a ring port on 16 rings
 * of 16 slots made by the test (a small TX ring that refuses frames
 * unless the test reads it).
 *
 * Runs with CK_FORK=no and one rte_eal_init() on lcores 0-1: lcore 1
 * sends, the main lcore reads back (or sends too).  Every test ends with
 * its shares and bindings freed and the fixture asserts
 * nbl_leak_check() == 0.
 *
 * This file holds main(), the fixture, the ports and the helpers of
 * test_gen.h; the tests of each concern are in test_gen_<concern>.c.
 */

#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include <rte_cycles.h>
#include <rte_dev.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_pause.h>
#include <rte_ring.h>

#include "test_eal.h"
#include "test_gen.h"

uint16_t port_null, port_ring, port_small;
struct rte_ring *small_rings[16];
int tg_stop;
struct tg_rxq tg_rx[2];

/* Shares, lcores and bindings of the running test, for the teardown of
 * a failed one. */
static struct gen_share *live_shares[8];
static struct gen_lcore *live_lcores[4];
static struct nbl_bind *live_binds[4];

static void
live_put(void **arr, unsigned int n, void *p)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (arr[i] == NULL) {
			arr[i] = p;
			return;
		}
	ck_abort_msg("too many live objects");
}

static void
live_del(void **arr, unsigned int n, void *p)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (arr[i] == p)
			arr[i] = NULL;
}

#define LIVE_PUT(a, p) live_put((void **)(a), RTE_DIM(a), (p))
#define LIVE_DEL(a, p) live_del((void **)(a), RTE_DIM(a), (p))

/* ------------------------------------------------------------------ */
/* Templates, bindings, shares                                         */
/* ------------------------------------------------------------------ */

struct pkt_tmpl *
tg_tmpl(const char *const *kv, uint64_t seed)
{
	struct pkt_spec *spec = pkt_spec_create();
	struct pkt_tmpl *t;
	char err[PKT_ERR_LEN], key[64];
	unsigned int i;

	ck_assert_ptr_nonnull(spec);
	for (i = 0; kv != NULL && kv[i] != NULL; i++) {
		const char *eq = strchr(kv[i], '=');

		ck_assert_ptr_nonnull(eq);
		ck_assert_uint_lt((size_t)(eq - kv[i]), sizeof(key));
		memcpy(key, kv[i], (size_t)(eq - kv[i]));
		key[eq - kv[i]] = '\0';
		ck_assert_msg(pkt_spec_set(spec, key, eq + 1, err,
					   sizeof(err)) == 0, "%s: %s",
			      kv[i], err);
	}
	t = pkt_tmpl_create(spec, seed, err, sizeof(err));
	pkt_spec_free(spec);
	ck_assert_msg(t != NULL, "template: %s", err);
	return t;
}

void
tg_bind_conf(struct nbl_bind_conf *c, uint16_t nq, const struct pkt_tmpl *t)
{
	const char *what = NULL;

	nbl_bind_conf_init(c);
	c->name = "gen";
	c->nb_tx_queues = nq;
	c->ctx_size = GEN_CTX_SIZE;
	c->pool_count = 63; /* the shares keep pools of their own */
	c->encap_len = (uint16_t)pkt_tmpl_outer_len(t, &what);
	c->encap_what = what;
	c->keep_port = true;
	c->send_complete = gen_send_complete;
}

struct nbl_bind *
tg_bind_make(uint16_t port, const struct nbl_bind_conf *c)
{
	struct nbl_bind *b = nbl_bind_create(port, c);

	ck_assert_ptr_nonnull(b);
	LIVE_PUT(live_binds, b);
	ck_assert_int_eq(nbl_bind_open(b), 0);
	ck_assert_int_eq(nbl_bind_restart(b, NULL), 0);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_RUNNING);
	return b;
}

struct nbl_bind *
tg_bind(uint16_t port, uint16_t nq, const struct pkt_tmpl *t)
{
	struct nbl_bind_conf c;

	tg_bind_conf(&c, nq, t);
	return tg_bind_make(port, &c);
}

void
tg_bind_end(struct nbl_bind *b)
{
	struct nbl_bind_stats s;

	if (nbl_bind_state_get(b) == NBL_BIND_RUNNING)
		ck_assert_int_eq(nbl_bind_pause(b), 0);
	ck_assert_int_eq(nbl_bind_stats_get(b, NBL_BIND_ALL_QUEUES, &s), 0);
	ck_assert_uint_eq(s.outstanding, 0);
	ck_assert_uint_eq(s.ff_submitted, s.ff_sent + s.ff_dropped +
			  s.ff_nobufs + s.ff_refused);
	ck_assert_int_eq(nbl_bind_close(b), 0);
	LIVE_DEL(live_binds, b);
	ck_assert_int_eq(nbl_bind_free(b), 0);
}

void
tg_conf(struct gen_share_conf *c, const struct pkt_tmpl *t,
	struct nbl_bind *b, uint16_t queue, uint64_t limit)
{
	memset(c, 0, sizeof(*c));
	c->tmpl = t;
	c->bind = b;
	c->queue = queue;
	c->sig_id = 1;
	c->burst = 32;
	c->limit = limit;
	c->byte_limit = UINT64_MAX;
	c->seed = 7;
	c->pool_count = 255;
	c->lcore = 1;
}

struct gen_share *
tg_share(const char *engine, const struct gen_share_conf *c,
	 const struct pace_pacer *pacer)
{
	const struct gen_engine *eng = gen_engine_find(engine);
	struct pace_pacer unpaced;
	struct gen_share *s;
	char err[256] = "";

	ck_assert_ptr_nonnull(eng);
	if (pacer == NULL) {
		ck_assert_int_eq(pace_pacer_init(&unpaced, 0,
						 rte_get_tsc_hz(),
						 (struct pace_frac){0, 1}), 0);
		pacer = &unpaced;
	}
	s = tg_share_alloc();
	ck_assert_msg(gen_share_init(s, eng, c, pacer, err, sizeof(err)) == 0,
		      "gen_share_init: %s", err);
	return s;
}

struct gen_share *
tg_share_alloc(void)
{
	struct gen_share *s = rte_zmalloc("test_gen_share", sizeof(*s),
					  RTE_CACHE_LINE_SIZE);

	ck_assert_ptr_nonnull(s);
	LIVE_PUT(live_shares, s);
	return s;
}

void
tg_share_free(struct gen_share *s)
{
	LIVE_DEL(live_shares, s);
	rte_free(s);
}

void
tg_share_end(struct gen_share *s)
{
	struct nbl_pool_stats ps;
	unsigned int i;

	for (i = 0; i < s->npools; i++) {
		ck_assert_int_eq(nbl_list_pool_stats_get(s->pools[i], &ps), 0);
		ck_assert_msg(ps.outstanding == 0 && ps.avail == ps.size,
			      "pool %u of the share: %" PRIu64 " outstanding, "
			      "%u of %u in the mempool", i, ps.outstanding,
			      ps.avail, ps.size);
	}
	gen_share_fini(s);
	for (i = 0; i < RTE_DIM(s->pools); i++)
		ck_assert_ptr_null(s->pools[i]);
	tg_share_free(s);
}

struct gen_lcore *
tg_lcore(unsigned int id)
{
	struct gen_lcore *lc = rte_zmalloc("test_gen_lcore", sizeof(*lc),
					   RTE_CACHE_LINE_SIZE);

	ck_assert_ptr_nonnull(lc);
	LIVE_PUT(live_lcores, lc);
	lc->lcore_id = id;
	lc->stop = &tg_stop;
	lc->end_tsc = UINT64_MAX;
	return lc;
}

void
tg_lcore_free(struct gen_lcore *lc)
{
	LIVE_DEL(live_lcores, lc);
	rte_free(lc);
}

/* ------------------------------------------------------------------ */
/* Runs and read-back                                                  */
/* ------------------------------------------------------------------ */

void
tg_expect(unsigned int q, const struct pkt_tmpl *t, uint16_t sig_id,
	  bool numbered)
{
	tg_rx[q].t = t;
	tg_rx[q].sig_id = sig_id;
	tg_rx[q].numbered = numbered;
}

static void
rx_frame(struct tg_rxq *q, const struct rte_mbuf *m)
{
	const uint8_t *p = rte_pktmbuf_mtod(m, const uint8_t *);
	struct tg_frame f = { .len = m->pkt_len, .ok = true };
	struct pkt_verify v;

	if (q->t != NULL && (m->nb_segs != 1 ||
	    pkt_tmpl_verify(q->t, p, m->pkt_len,
			    q->numbered ? q->n : UINT64_MAX, q->sig_id,
			    &v) != 0)) {
		f.ok = false;
		if (q->bad++ == 0)
			snprintf(q->why, sizeof(q->why), "frame %" PRIu64
				 " (%u bytes): %s", q->n, m->pkt_len,
				 m->nb_segs != 1 ? "several segments" :
				 v.why);
	}
	if (q->t != NULL && f.ok) {
		f.has_sig = v.has_sig;
		f.sig_id = v.sig_id;
		f.seq = v.seq;
		f.ts = v.ts_ns;
	}
	memcpy(f.head, p, RTE_MIN(m->data_len, (uint16_t)sizeof(f.head)));
	if (q->n < TG_MAXF)
		q->f[q->n] = f;
	q->n++;
	q->bytes += m->pkt_len;
}

unsigned int
tg_read(uint16_t port, uint16_t nq)
{
	struct rte_mbuf *m[32];
	unsigned int total = 0;
	uint16_t q, k, i;

	for (q = 0; q < nq; q++)
		while ((k = rte_eth_rx_burst(port, q, m, RTE_DIM(m))) != 0) {
			for (i = 0; i < k; i++) {
				rx_frame(&tg_rx[q], m[i]);
				rte_pktmbuf_free(m[i]);
			}
			total += k;
		}
	return total;
}

static int lcore1_done;

static int
lcore1_main(void *arg)
{
	int rc = gen_lcore_main(arg);

	__atomic_store_n(&lcore1_done, 1, __ATOMIC_RELEASE);
	return rc;
}

static uint64_t
sum_field(const struct gen_lcore *lc, size_t off)
{
	uint64_t sum = 0;
	unsigned int i;

	for (i = 0; i < lc->nshares; i++)
		sum += __atomic_load_n((const uint64_t *)((const char *)
				       &lc->shares[i]->st + off),
				       __ATOMIC_RELAXED);
	return sum;
}

/* The refusals a TG_READ_ON_REFUSAL reader waits for. */
static uint64_t
refusals(const struct tg_run *r)
{
	struct nbl_bind_stats bs;

	if (r->watch == NULL)
		return sum_field(r->lc, offsetof(struct stats_tx, ring_full));
	ck_assert_int_eq(nbl_bind_stats_get(r->watch, NBL_BIND_ALL_QUEUES,
					    &bs), 0);
	return bs.backlog_retries;
}

static void
lcore_prepare(struct gen_lcore *lc, uint64_t start, uint64_t duration)
{
	uint64_t hz = rte_get_tsc_hz();
	unsigned int i;

	for (i = 0; i < lc->nshares; i++)
		gen_share_start(lc->shares[i], start);
	lc->start_tsc = start;
	lc->end_tsc = start + (duration != 0 ? duration : 30 * hz);
	if (lc->drain_cycles == 0)
		lc->drain_cycles = hz / 2;
}

void
tg_run(const struct tg_run *r)
{
	uint64_t start = rte_rdtsc() + rte_get_tsc_hz() / 1000;
	uint64_t refused = 0, now_refused;

	if (r->lc != NULL)
		lcore_prepare(r->lc, start, r->duration);
	if (r->lc_main != NULL)
		lcore_prepare(r->lc_main, start, r->duration);
	__atomic_store_n(&lcore1_done, r->lc == NULL, __ATOMIC_RELEASE);
	if (r->lc != NULL)
		ck_assert_int_eq(rte_eal_remote_launch(lcore1_main, r->lc,
						       r->lc->lcore_id), 0);
	if (r->lc_main != NULL)
		gen_lcore_main(r->lc_main);
	while (!__atomic_load_n(&lcore1_done, __ATOMIC_ACQUIRE)) {
		if (r->stop_after != 0 &&
		    sum_field(r->lc, offsetof(struct stats_tx, tx_packets)) >=
		    r->stop_after)
			__atomic_store_n(&tg_stop, 1, __ATOMIC_RELEASE);
		switch (r->mode) {
		case TG_READ_ALWAYS:
			tg_read(r->port, r->nq);
			break;
		case TG_READ_ON_REFUSAL:
			now_refused = refusals(r);
			if (now_refused != refused) {
				refused = now_refused;
				tg_read(r->port, r->nq);
			}
			break;
		default:
			break;
		}
		rte_pause();
	}
	if (r->lc != NULL)
		ck_assert_int_eq(rte_eal_wait_lcore(r->lc->lcore_id), 0);
	tg_read(r->port, r->nq);
}

void
tg_assert_rx(unsigned int q, uint64_t n)
{
	const struct tg_rxq *r = &tg_rx[q];
	uint64_t k;

	ck_assert_msg(r->bad == 0, "queue %u: %" PRIu64 " bad frames, the "
		      "first: %s", q, r->bad, r->why);
	ck_assert_uint_eq(r->n, n);
	if (r->t == NULL || !pkt_tmpl_static(r->t))
		for (k = 0; k < n && k < TG_MAXF; k++)
			if (r->f[k].has_sig) {
				ck_assert_uint_eq(r->f[k].seq, (uint32_t)k);
				ck_assert_uint_eq(r->f[k].sig_id, r->sig_id);
			}
}

/* ------------------------------------------------------------------ */
/* Fixture and suite                                                   */
/* ------------------------------------------------------------------ */

static void
setup(void)
{
	memset(tg_rx, 0, sizeof(tg_rx));
	__atomic_store_n(&tg_stop, 0, __ATOMIC_RELEASE);
}

/* Best effort after a failed assertion: stop lcore 1, read the rings
 * empty, give every pool back, unbind. */
static void
teardown(void)
{
	unsigned int i;

	if (rte_eal_get_lcore_state(1) != WAIT) {
		__atomic_store_n(&tg_stop, 1, __ATOMIC_RELEASE);
		rte_eal_wait_lcore(1);
	}
	memset(tg_rx, 0, sizeof(tg_rx));
	for (i = 0; i < RTE_DIM(live_binds); i++) {
		struct nbl_bind *b = live_binds[i];

		if (b == NULL)
			continue;
		if (nbl_bind_state_get(b) == NBL_BIND_RUNNING)
			nbl_bind_pause(b);
		if (nbl_bind_port(b) != port_null)
			tg_read(nbl_bind_port(b), nbl_bind_nb_queues(b));
	}
	for (i = 0; i < RTE_DIM(live_shares); i++)
		if (live_shares[i] != NULL) {
			gen_share_fini(live_shares[i]);
			rte_free(live_shares[i]);
			live_shares[i] = NULL;
		}
	for (i = 0; i < RTE_DIM(live_lcores); i++) {
		rte_free(live_lcores[i]);
		live_lcores[i] = NULL;
	}
	for (i = 0; i < RTE_DIM(live_binds); i++)
		if (live_binds[i] != NULL) {
			if (nbl_bind_free(live_binds[i]) != 0)
				fprintf(stderr, "test_gen: binding %u not "
					"freed\n", i);
			live_binds[i] = NULL;
		}
	ck_assert_uint_eq(nbl_leak_check(stderr), 0);
}

static Suite *
gen_suite(void)
{
	Suite *s = suite_create("gen");
	TCase *tc;

	tc = tcase_create("engines");
	tcase_add_checked_fixture(tc, setup, teardown);
	gen_engines_add_tests(tc);
	suite_add_tcase(s, tc);

	tc = tcase_create("template");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	gen_template_add_tests(tc);
	suite_add_tcase(s, tc);

	tc = tcase_create("stamp");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	gen_stamp_add_tests(tc);
	suite_add_tcase(s, tc);

	tc = tcase_create("ndis");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	gen_ndis_add_tests(tc);
	suite_add_tcase(s, tc);

	tc = tcase_create("lcore");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	gen_lcore_add_tests(tc);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	static const char *const args[] = {
		"--vdev", "net_null0", "--vdev", "net_ring0",
		"--log-level", "lib.nbl:info", NULL,
	};
	int failed;

	if (test_eal_init("test_gen", "0-1", args) != 0)
		return 2;
	if (rte_lcore_count() < 2 ||
	    rte_eth_dev_get_port_by_name("net_null0", &port_null) != 0 ||
	    rte_eth_dev_get_port_by_name("net_ring0", &port_ring) != 0 ||
	    test_eal_small_ring_port("net_ring9", small_rings,
				     &port_small) != 0) {
		fprintf(stderr, "test_gen: lcores or virtual ports missing\n");
		return 2;
	}
	failed = test_eal_run("test_gen", gen_suite());
	test_eal_small_ring_free(port_small, small_rings);
	return test_eal_fini(failed);
}

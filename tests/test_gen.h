/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef TEST_GEN_H
#define TEST_GEN_H

/*
 * The 'gen' suite (libnblgen): test_gen.c holds main() (one rte_eal_init
 * on lcores 0-1, CK_FORK=no), the fixture, the virtual ports and the
 * helpers declared here; each test_gen_<concern>.c file adds its tests
 * to the TCase that gen_suite() made for it.
 *
 * A run: shares (gen_share_init() of an engine on a binding made as
 * app/run_setup.c makes it) are added to a struct gen_lcore that
 * gen_lcore_main() runs on lcore 1 (and another on the main lcore, for
 * two senders at once), while the main lcore reads the port's RX queues
 * back: on net_ring, TX queue i loops into RX ring i, so the test sees
 * exactly the frames in the order the port took them, and checks each
 * with pkt_tmpl_verify().
 */

/* GCC 12 takes rte_memcpy()'s block moves, inlined into the mempool bulk
 * calls of the send paths with a small constant count, for reads past
 * the caller's array (see test_bind.h).  Off for this suite. */
#pragma GCC diagnostic ignored "-Warray-bounds"

#include <stdbool.h>
#include <stdint.h>

#include <check.h>

#include <rte_ring.h>

#include "gen.h"

/* ------------------------------------------------------------------ */
/* The tests of each concern, added to the TCase named in the comment  */
/* ------------------------------------------------------------------ */

/* "engines": the engine table and begin()'s refusals
 * (test_gen_engines.c). */
void gen_engines_add_tests(TCase *tc);
/* "template": the template engine (test_gen_template.c). */
void gen_template_add_tests(TCase *tc);
/* "stamp": the stamp engine (test_gen_stamp.c). */
void gen_stamp_add_tests(TCase *tc);
/* "ndis": the NDIS engine (test_gen_ndis.c). */
void gen_ndis_add_tests(TCase *tc);
/* "lcore": pacing, shares of a stream, the stop flag, the byte limit
 * (test_gen_lcore.c). */
void gen_lcore_add_tests(TCase *tc);

/* ------------------------------------------------------------------ */
/* Ports (made by main())                                              */
/* ------------------------------------------------------------------ */

/* net_null0 (frees what it is given), net_ring0 (a loop of 16 queues of
 * 1024 slots) and net_ring9 (16 queue rings of 16 slots, small_rings:
 * 15 frames fill one). */
extern uint16_t port_null, port_ring, port_small;
extern struct rte_ring *small_rings[16];

/* The stop flag of every gen_lcore of the tests (0 at each start). */
extern int tg_stop;

/* ------------------------------------------------------------------ */
/* Templates, bindings, shares                                         */
/* ------------------------------------------------------------------ */

/* A template of a NULL-terminated list of "key=value" (defaults for the
 * rest); every key and the template must be taken. */
struct pkt_tmpl *tg_tmpl(const char *const *kv, uint64_t seed);

/* A binding's conf as nblgen makes one: gen_send_complete, the shares'
 * context, the back-fill of t's outer headers, nq TX queues, keep_port
 * (so that the next test opens the port again). */
void tg_bind_conf(struct nbl_bind_conf *c, uint16_t nq,
		  const struct pkt_tmpl *t);

/* A binding of port with conf c, Running. */
struct nbl_bind *tg_bind_make(uint16_t port, const struct nbl_bind_conf *c);

/* Both: the binding of port that nblgen would make for t. */
struct nbl_bind *tg_bind(uint16_t port, uint16_t nq,
			 const struct pkt_tmpl *t);

/* Pause (if Running), close and free; nothing outstanding. */
void tg_bind_end(struct nbl_bind *b);

/* A share's conf: queue, limit, burst 32, no byte limit, seed 7, pools
 * of 255 NBLs, no verify, lcore 1. */
void tg_conf(struct gen_share_conf *c, const struct pkt_tmpl *t,
	     struct nbl_bind *b, uint16_t queue, uint64_t limit);

/* A share of engine `engine` (gen_share_init() must take it), unpaced
 * when pacer is NULL. */
struct gen_share *tg_share(const char *engine,
			   const struct gen_share_conf *c,
			   const struct pace_pacer *pacer);

/* A zeroed share (for gen_share_init() calls that may fail), known to
 * the fixture; and its free (after gen_share_fini()). */
struct gen_share *tg_share_alloc(void);
void tg_share_free(struct gen_share *s);

/* Assert that every pool of the share is full (nothing outstanding,
 * every object in its mempool), then gen_share_fini() and free it. */
void tg_share_end(struct gen_share *s);

/* A TX lcore's work for EAL lcore id, with tg_stop as its stop flag. */
struct gen_lcore *tg_lcore(unsigned int id);
void tg_lcore_free(struct gen_lcore *lc);

/* ------------------------------------------------------------------ */
/* Runs and read-back                                                  */
/* ------------------------------------------------------------------ */

/* When the main lcore reads the RX queues while lcore 1 sends. */
enum tg_read {
	TG_READ_AFTER = 0,  /* once the lcores returned */
	TG_READ_ALWAYS,     /* all the time */
	TG_READ_ON_REFUSAL, /* each time the shares' ring_full (or the
			     * backlog retries of the binding `watch`) grew:
			     * a small ring then refuses frames */
};

/* A run. */
struct tg_run {
	struct gen_lcore *lc;      /* run on lcore 1, or NULL */
	struct gen_lcore *lc_main; /* run on the main lcore too, or NULL */
	uint16_t port;             /* RX queues 0 .. nq-1 of port are read */
	uint16_t nq;               /* (0: none) */
	enum tg_read mode;
	uint64_t duration;         /* cycles (end_tsc); 0: 30 s at most */
	uint64_t stop_after;       /* set the stop flag once the lcore sent
				    * this many frames (0: never) */
	const struct nbl_bind *watch; /* ndis: TG_READ_ON_REFUSAL watches
				       * its backlog retries */
};

/* Start the lcores' shares together (a millisecond from now), run them,
 * read back as asked until the lcores returned and the RX queues are
 * empty. */
void tg_run(const struct tg_run *r);

/* One frame read back. */
struct tg_frame {
	uint32_t len;
	uint32_t seq;   /* its signature's sequence number */
	uint64_t ts;    /* its signature's TX timestamp (ns) */
	uint16_t sig_id;
	bool has_sig;
	bool ok;        /* pkt_tmpl_verify() took it */
	uint8_t head[64]; /* its first bytes */
};

#define TG_MAXF 16384

/* What one RX queue gave back (reset by the fixture). */
struct tg_rxq {
	const struct pkt_tmpl *t; /* frames are checked against it (NULL:
				   * counted only) */
	uint16_t sig_id;          /* their signature id */
	bool numbered;            /* frame k must be frame number k of its
				   * share (flows, sequence number) */
	uint64_t n;               /* frames read */
	uint64_t bytes;           /* their bytes */
	uint64_t bad;             /* frames pkt_tmpl_verify() refused */
	char why[320];            /* the first refusal */
	struct tg_frame f[TG_MAXF]; /* the first TG_MAXF frames */
};

extern struct tg_rxq tg_rx[2];

/* Read what RX queues 0 .. nq-1 of port hold now into tg_rx[]; the
 * number of frames. */
unsigned int tg_read(uint16_t port, uint16_t nq);

/* Frames of queue q are checked against t with sig_id. */
void tg_expect(unsigned int q, const struct pkt_tmpl *t, uint16_t sig_id,
	       bool numbered);

/* Assert that queue q gave n frames, all good; with a signature, frame k
 * carries sequence number k. */
void tg_assert_rx(unsigned int q, uint64_t n);

#endif /* TEST_GEN_H */

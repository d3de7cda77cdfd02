/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef TEST_BIND_H
#define TEST_BIND_H

/*
 * The 'bind' suite (libnblbind): test_bind.c holds main() (one
 * rte_eal_init on lcores 0-1, CK_FORK=no), the fixture, the virtual ports
 * and the helpers declared here; each test_bind_<concern>.c file adds its
 * tests to the TCase that bind_suite() made for it.
 */

/* GCC 12 takes rte_memcpy()'s block moves, inlined into the mempool bulk
 * calls of the send paths with a small constant count, for reads past
 * the caller's array: a false -Warray-bounds (which calls are inlined
 * depends on the optimisation level and on the size of the file).  Off
 * for the files of this suite. */
#pragma GCC diagnostic ignored "-Warray-bounds"

#include <stdbool.h>
#include <stdint.h>

#include <check.h>

#include <rte_ether.h>
#include <rte_ring.h>

#include "nbl.h"
#include "nbl_bind.h"

/* ------------------------------------------------------------------ */
/* The tests of each concern, added to the TCase named in the comment  */
/* ------------------------------------------------------------------ */

/* "states": binding states and requirements (test_bind_states.c). */
void bind_states_add_tests(TCase *tc);
/* "edge": edge cases 11 and 35-38 of sending (test_bind_send.c)... */
void bind_send_add_tests(TCase *tc);
/* ... and 39-44 of what comes back (test_bind_complete.c). */
void bind_complete_add_tests(TCase *tc);
/* "send": byte-exact delivery and software offloads
 * (test_bind_offload.c), restarts under load (test_bind_restart.c), the
 * pools of a binding (test_bind_pools.c), close and ports
 * (test_bind_ports.c). */
void bind_offload_add_tests(TCase *tc);
void bind_restart_add_tests(TCase *tc);
void bind_pools_add_tests(TCase *tc);
void bind_ports_add_tests(TCase *tc);
void bind_proto_add_tests(TCase *tc);

/* ------------------------------------------------------------------ */
/* Ports (made by main())                                              */
/* ------------------------------------------------------------------ */

/* net_null0, net_null1 (closed by one test), net_ring0 (a loop) and
 * net_ring9 (16 queue rings of 16 slots, small_rings). */
extern uint16_t port_null, port_null1, port_ring, port_small;
extern struct rte_ring *small_rings[16];

/* ------------------------------------------------------------------ */
/* Completion and receive collectors (test_bind.c)                     */
/* ------------------------------------------------------------------ */

#define MAX_DONE 8192

struct coll {
	struct nbl_list *nbl[MAX_DONE];
	int32_t st[MAX_DONE];
	unsigned int n;
	unsigned int calls;
	/* edge case 42: re-send each NBL once from the handler */
	bool resend;
	struct nbl_bind *b;
	uint16_t queue;
	/* loopback indications */
	unsigned int rx;
	uint8_t rx_bytes[2048];
	uint32_t rx_len;
};

/* What the handlers of the running test collected (reset by the
 * fixture). */
extern struct coll C;
void coll_reset(void);

/* The receive handler: counts indications, keeps the last frame. */
void on_receive(void *ctx, struct nbl_list *chain, uint32_t flags);

/* ------------------------------------------------------------------ */
/* Frames (test_bind.c)                                                */
/* ------------------------------------------------------------------ */

/* A destination MAC that is not the port's. */
extern const struct rte_ether_addr other_mac;

/* Ethernet/IPv4/UDP frame of len bytes, payload pattern from seq. */
void build_frame(uint8_t *f, uint32_t len, const struct rte_ether_addr *dst,
		 uint32_t seq);

/* The seq a frame of build_frame() carries. */
uint32_t frame_seq(const uint8_t *f);

/* Data pointer of a (T,N) NBL's NB. */
uint8_t *tn_data(struct nbl_list *nbl);

/* An NBL of the binding's pool holding one frame of len bytes. */
struct nbl_list *tn_frame(struct nbl_bind *b, uint32_t len,
			  const struct rte_ether_addr *dst, uint32_t seq);

/* Free the collected NBLs from number from on. */
void free_all(unsigned int from);

/* Poll until n completions arrived (or a second passed). */
void wait_done(struct nbl_bind *b, uint16_t q, unsigned int n);

/* Read up to max frames from a ring port's RX queue 0, copy their bytes. */
struct rxf {
	uint8_t b[2048];
	uint32_t len;
	uint16_t vlan_tci;
};

unsigned int drain(uint16_t port, struct rxf *out, unsigned int max);

/* An NBL with two NBs of caller memory: an (F,0) pool and a data NB pool. */
struct two_nb {
	struct nbl_list_pool *lp;
	struct nbl_buf_pool *bp;
	struct nbl_list *nbl;
};

void two_nb_make(struct two_nb *t, uint32_t len1, uint32_t len2,
		 uint32_t seq);
void two_nb_free(struct two_nb *t);

/* ------------------------------------------------------------------ */
/* Bindings (test_bind.c)                                              */
/* ------------------------------------------------------------------ */

/* The defaults of the tests: completions to C, keep_port. */
void conf_default(struct nbl_bind_conf *c, const char *name);

/* A binding opened and restarted (Running), known to the fixture; a test
 * that frees it itself calls live_del() first. */
struct nbl_bind *bind_running(uint16_t port, struct nbl_bind_conf *c);
void live_del(struct nbl_bind *b);

/* Pause, close, free; assert the counters add up. */
void bind_end(struct nbl_bind *b);

#endif /* TEST_BIND_H */

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef TEST_PKT_H
#define TEST_PKT_H

/*
 * Helpers shared by the files of the Check suite 'pkt' (no EAL): specs
 * from "key=value" lists, streams of stamped frames, a small dissector of
 * our own that finds every header (independent of the library), and the
 * tshark judge (tests/pkt_judge.py over a pcap written with libpcap).
 */

#include <stdbool.h>
#include <stdint.h>

#include <check.h>

#include "pkt.h"

#define TP_BUF 9216

/* A spec from a NULL-terminated list of "key=value"; every set must
 * succeed. */
struct pkt_spec *tp_spec(const char *const *kv);

/* A template of such a spec; creation must succeed. */
struct pkt_tmpl *tp_tmpl(const char *const *kv, uint64_t seed);

/* The message pkt_tmpl_create() refuses a spec with ("" if it takes it). */
const char *tp_refusal(const char *const *kv);

#define TP_IP4 0x104
#define TP_IP6 0x106

/* Headers found by tp_walk(), outermost first. */
struct tp_hdr {
	int proto;        /* TP_IP4, TP_IP6, or the IP protocol of an L4 */
	uint32_t off;
	uint32_t ip_off;  /* for L4: its IP header */
	bool tunnel;      /* a UDP carrying VXLAN or GENEVE */
};

/* Walk a frame by its EtherTypes, IP protocols and tunnel ports (4789,
 * 6081, GRE): the IP and L4 headers it holds.  Returns their count. */
unsigned int tp_walk(const uint8_t *f, uint32_t len, struct tp_hdr *h,
		     unsigned int max);

/* Check every checksum of a frame against DPDK's rte_ipv4_cksum(),
 * rte_ipv4_udptcp_cksum(), rte_ipv6_udptcp_cksum() and rte_raw_cksum()
 * computed from scratch; NULL if all match, else what differs. */
const char *tp_cksum_check(const uint8_t *f, uint32_t len);

/* A pcap and its expectations for the judge. */
struct tp_judge;

struct tp_judge *tp_judge_open(const char *name);
/* Add one frame of template t. */
void tp_judge_add(struct tp_judge *j, const struct pkt_tmpl *t,
		  const uint8_t *f, uint32_t len);
/* Run tshark through pkt_judge.py; fails the test with its report. */
void tp_judge_run(struct tp_judge *j);

/* Stamp n frames of t (stamp seed, ts from 1000) into one buffer written
 * by pkt_tmpl_write(); each must pass pkt_tmpl_verify(); each goes to j
 * if not NULL.  With wrap, the outer headers are garbage before each
 * stamp.  Returns the stamp's last frame length. */
void tp_stream(const struct pkt_tmpl *t, uint64_t seed, unsigned int n,
	       bool wrap, struct tp_judge *j);

void pkt_keys_add_tcases(Suite *s);
void pkt_build_add_tcases(Suite *s);
void pkt_tshark_add_tcases(Suite *s);
void pkt_verify_add_tcases(Suite *s);
void pkt_cksum_add_tcases(Suite *s);
void pkt_tcp_add_tcases(Suite *s);

#endif /* TEST_PKT_H */

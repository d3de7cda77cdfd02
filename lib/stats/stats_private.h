/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef STATS_PRIVATE_H
#define STATS_PRIVATE_H

/* Internal to libnblstats: not installed. */

#include <stdint.h>

#include "stats.h"

/* Per frame on the wire beyond tx_bytes (which excludes the FCS): the FCS
 * at L2, plus preamble, start delimiter and inter-frame gap at L1. */
#define STATS_FCS_LEN 4
#define STATS_L1_EXTRA (STATS_FCS_LEN + 20)

/* A stream of the registry: what the caller described and its blocks.
 * nblocks is published with a release store after the block it counts,
 * so a reader on another thread (telemetry) may sum while senders are
 * still being added. */
struct stats_stream {
	struct stats_stream_info info;
	unsigned int nblocks;
	const struct stats_tx *blocks[STATS_BLOCKS_MAX];
	unsigned int lcores[STATS_BLOCKS_MAX];
};

struct stats_reg {
	unsigned int nports;
	unsigned int nstreams;
	struct stats_port_info *ports;
	struct stats_stream *streams;
	/* Clocks in ns, each pair published by its flag (release). */
	uint64_t start_real_ns;
	uint64_t start_mono_ns;
	uint64_t stop_real_ns;
	uint64_t stop_mono_ns;
	bool started;
	bool stopped;
};

/* out += add, counter by counter (the schema's fields). */
void stats_tx_add(struct stats_tx *out, const struct stats_tx *add);

/* Set every counter of s (schema names) and "shortfall" in obj.
 * Returns 0 or -ENOMEM. */
int stats_tx_json_set(json_t *obj, const struct stats_tx *s);

/* A JSON integer of a counter (capped at INT64_MAX), or NULL. */
json_t *stats_json_u64(uint64_t v);

/* Set key of obj to a new value (NULL is out of memory); 0 or -ENOMEM. */
int stats_json_set(json_t *obj, const char *key, json_t *v);

/* Rates of n packets of b bytes (without FCS) over dt seconds; 0 if dt
 * is not positive. */
double stats_rate(uint64_t n, double dt);
double stats_l1_bps(uint64_t packets, uint64_t bytes, double dt);
double stats_l2_bps(uint64_t packets, uint64_t bytes, double dt);

/* The blocks of a stream as the reader may sum them (acquire load). */
unsigned int stats_stream_blocks(const struct stats_stream *st);

/* ISO 8601 UTC with milliseconds ("2026-01-02T03:04:05.678Z") of a
 * CLOCK_REALTIME time in ns; buf of at least 32 bytes.  Returns 0 or
 * -EINVAL. */
#define STATS_TIME_LEN 32
int stats_iso8601(char *buf, size_t len, uint64_t real_ns);

/* The registry's marks: 0 and false when not marked. */
bool stats_reg_start_real(const struct stats_reg *reg, uint64_t *ns);
bool stats_reg_stop_real(const struct stats_reg *reg, uint64_t *ns);

/* Stop serving reg through telemetry if it is served (waits for a
 * callback that reads it). */
void stats_telemetry_detach(const struct stats_reg *reg);

#endif /* STATS_PRIVATE_H */

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef STATS_H
#define STATS_H

/**
 * @file
 * libnblstats: one counter schema for everything a run counts, and every
 * way it is read: summed over the senders only when read, printed as the
 * live line, written as JSON (jansson) and CSV, and served through DPDK
 * telemetry (/nblgen/stats, /nblgen/streams).
 *
 * The counters of one sender of one stream form a block (struct
 * stats_tx), written by that sender's lcore alone with plain stores and
 * never shared; a reader sums the blocks of a stream or a port when it
 * needs a figure (each 64-bit counter is read once, atomically on x86-64
 * and AArch64).  The schema (stats_tx_fields()) names every counter with
 * its unit and meaning; JSON, CSV and telemetry are generated from it, so
 * a counter added to the block and the schema shows up everywhere.
 *
 * Accounting (what the names mean, per stream and per port):
 * - requested: frames the stream's schedule asked for by now (paced), or
 *   frames offered to the port (unpaced);
 * - tx_packets / tx_bytes: frames the port accepted (bytes without FCS,
 *   as DPDK counts them); with the NDIS engine, frames whose NBL
 *   completed with SUCCESS;
 * - failed: NBLs that completed with another status (NDIS engine), per
 *   status in failed_*;
 * - shortfall = requested - tx_packets - failed: frames owed and not
 *   sent, the sender's shortfall, never the device's loss;
 * - ring_full and pool_empty: frames the TX ring refused after the
 *   bounded retry, and frames that found no buffer; they were offered
 *   again later, so they explain a shortfall rather than add to it.
 *
 * Error contract: constructors return NULL and set rte_errno (EINVAL,
 * ENOMEM); control calls return 0 or a negative errno; writers return 0
 * or a negative errno and fill a message naming the file.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>
#include <rte_common.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_tel_data;

/** Counters of one sender of one stream (one lcore writes them). */
struct stats_tx {
	uint64_t requested;   /**< frames the schedule asked for */
	uint64_t tx_packets;  /**< frames sent */
	uint64_t tx_bytes;    /**< their bytes without FCS */
	uint64_t ring_full;   /**< frames refused by a full TX ring */
	uint64_t pool_empty;  /**< frames that found no buffer */
	uint64_t submitted;   /**< NBLs given to the binding (NDIS engine) */
	uint64_t completed;   /**< NBLs back from the binding */
	uint64_t failed;      /**< of those, with a failure status */
	uint64_t failed_resources;      /**< ... RESOURCES */
	uint64_t failed_invalid_length; /**< ... INVALID_LENGTH */
	uint64_t failed_paused;         /**< ... PAUSED */
	uint64_t failed_aborted;        /**< ... SEND_ABORTED */
	uint64_t failed_other;          /**< ... FAILURE and others */
	uint64_t verify_errors; /**< frames --verify found wrong */
	uint64_t bursts;      /**< send calls */
	uint64_t active_ns;   /**< gauge: ns from the run's start to the
			       *   sender's last frame, set when it stops
			       *   (0 while it sends); sums take the largest */
} __rte_cache_aligned;

/** Kind of a counter. */
enum stats_kind {
	STATS_COUNTER = 0, /**< grows; a rate is its difference over time */
	STATS_GAUGE,       /**< a level */
};

/** One counter of the schema. */
struct stats_field {
	const char *name;  /**< JSON, CSV and telemetry name */
	const char *unit;  /**< "frames", "bytes", "NBLs", "calls" */
	uint32_t offset;   /**< in struct stats_tx */
	uint8_t kind;      /**< enum stats_kind */
	const char *help;  /**< one sentence */
};

/**
 * The schema of struct stats_tx.
 *
 * @param n
 *   Filled with the number of fields.
 * @return
 *   The fields, in the block's order.
 */
const struct stats_field *stats_tx_fields(unsigned int *n);

/**
 * Sum blocks: out = sum of blocks[0..n).  Each counter of each block is
 * read once (a relaxed 64-bit load), so a block that its lcore is
 * updating gives a consistent value per counter.
 *
 * @param out
 *   Filled with the sum.
 * @param blocks
 *   The blocks.
 * @param n
 *   How many (0 gives zeros).
 */
void stats_tx_sum(struct stats_tx *out, const struct stats_tx *const *blocks,
		  unsigned int n);

/**
 * Frames owed and not sent.
 * @param s Counters.
 * @return requested - tx_packets - failed, or 0 if that is negative.
 */
static inline uint64_t
stats_tx_shortfall(const struct stats_tx *s)
{
	uint64_t done = s->tx_packets + s->failed;

	return s->requested > done ? s->requested - done : 0;
}

/**
 * Every counter of a block as a JSON object (schema names), plus
 * "shortfall".
 *
 * @param s
 *   Counters.
 * @return
 *   A new object, or NULL (out of memory).
 */
json_t *stats_tx_json(const struct stats_tx *s);

/* ------------------------------------------------------------------ */
/* What a run counts: ports and streams                                */
/* ------------------------------------------------------------------ */

/** Most blocks (senders) a stream has. */
#define STATS_BLOCKS_MAX 64

/** A port as the results show it (set by the caller). */
struct stats_port_info {
	char name[64];        /**< device name ("net_null0", "0000:03:00.0") */
	char driver[32];      /**< driver name ("net_null") */
	uint16_t port_id;     /**< ethdev port id */
	uint64_t link_bps;    /**< link speed in bit/s, 0 unknown */
	double requested_pps; /**< sum of its streams' rates; < 0 for max */
};

/** A stream as the results show it (set by the caller). */
struct stats_stream_info {
	char name[64];        /**< "stream.0" */
	unsigned int port;    /**< index of its port in the registry */
	char headers[128];    /**< header stack */
	char rate[64];        /**< rate as the user wrote it */
	double requested_pps; /**< frames per second; < 0 for max */
	double mean_size;     /**< mean frame size with FCS */
	char engine[16];      /**< engine name */
};

struct stats_reg;

/**
 * Create a registry of ports and streams.
 *
 * @param nports
 *   Ports (> 0).
 * @param nstreams
 *   Streams (> 0).
 * @return
 *   The registry, or NULL with rte_errno EINVAL or ENOMEM.
 */
struct stats_reg *stats_reg_create(unsigned int nports, unsigned int nstreams);

/**
 * Free a registry (unregisters it from telemetry first).
 * @param reg The registry, or NULL.
 */
void stats_reg_free(struct stats_reg *reg);

/**
 * Describe a port.
 *
 * @param reg
 *   The registry.
 * @param port
 *   Its index, below nports.
 * @param info
 *   What to show (copied).
 * @return
 *   0 or -EINVAL.
 */
int stats_reg_port_set(struct stats_reg *reg, unsigned int port,
		       const struct stats_port_info *info);

/**
 * Describe a stream.
 *
 * @param reg
 *   The registry.
 * @param stream
 *   Its index, below nstreams.
 * @param info
 *   What to show (copied); info->port must be a port index.
 * @return
 *   0 or -EINVAL.
 */
int stats_reg_stream_set(struct stats_reg *reg, unsigned int stream,
			 const struct stats_stream_info *info);

/**
 * Add a sender's block to a stream (it counts for the stream's port).
 *
 * @param reg
 *   The registry.
 * @param stream
 *   The stream.
 * @param block
 *   The block (must outlive the registry or be removed by freeing it).
 * @param lcore
 *   The lcore that writes it (for the lcore map).
 * @return
 *   0, -EINVAL or -ENOSPC (STATS_BLOCKS_MAX reached).
 */
int stats_reg_block_add(struct stats_reg *reg, unsigned int stream,
			const struct stats_tx *block, unsigned int lcore);

/**
 * Sum of a port's streams.
 *
 * @param reg
 *   The registry.
 * @param port
 *   The port.
 * @param out
 *   Filled in.
 * @return
 *   0 or -EINVAL.
 */
int stats_reg_port_sum(const struct stats_reg *reg, unsigned int port,
		       struct stats_tx *out);

/**
 * Sum of a stream's blocks.
 *
 * @param reg
 *   The registry.
 * @param stream
 *   The stream.
 * @param out
 *   Filled in.
 * @return
 *   0 or -EINVAL.
 */
int stats_reg_stream_sum(const struct stats_reg *reg, unsigned int stream,
			 struct stats_tx *out);

/**
 * Numbers of ports and streams.
 *
 * @param reg
 *   The registry.
 * @param nports
 *   Filled in (may be NULL).
 * @param nstreams
 *   Filled in (may be NULL).
 */
void stats_reg_size(const struct stats_reg *reg, unsigned int *nports,
		    unsigned int *nstreams);

/**
 * Mark the run's start and end times (CLOCK_REALTIME for the manifest,
 * CLOCK_MONOTONIC for rates); the end may be marked more than once (the
 * last one counts).
 *
 * @param reg
 *   The registry.
 */
void stats_reg_start(struct stats_reg *reg);

/** @copydoc stats_reg_start */
void stats_reg_stop(struct stats_reg *reg);

/**
 * Seconds from the start to the stop (or to now while running).
 * @param reg The registry.
 * @return Seconds, 0 before the start.
 */
double stats_reg_elapsed(const struct stats_reg *reg);

/* ------------------------------------------------------------------ */
/* Results: live line, CSV, JSON                                       */
/* ------------------------------------------------------------------ */

/** What the live line and the CSV remember between two readings. */
struct stats_sampler {
	const struct stats_reg *reg; /**< registry */
	double last_t;               /**< elapsed seconds at the last sample */
	unsigned int nports;         /**< ports */
	struct stats_tx *last;       /**< per port, the last sums */
	FILE *csv;                   /**< CSV output or NULL */
	bool header_done;            /**< the CSV header was written */
};

/**
 * Set up a sampler.
 *
 * @param s
 *   The sampler.
 * @param reg
 *   The registry.
 * @param csv
 *   CSV stream (one row per port per sample), or NULL.
 * @return
 *   0, -EINVAL (s or reg is NULL) or -ENOMEM.
 */
int stats_sampler_init(struct stats_sampler *s, const struct stats_reg *reg,
		       FILE *csv);

/**
 * Take a sample now: per port, the rates since the last sample (the
 * first one: since the start).  Writes the CSV header before the first
 * row, then one CSV row per port (time_s, port, name, tx_packets,
 * tx_bytes, pps, l1_bps, l2_bps, then the other counters of the schema
 * in its order, and shortfall; rates over the interval, counters since
 * the start) and, if live is not NULL, one line for all ports, separated
 * by " | " (bit rates are L1: FCS, preamble and gap included):
 * "nblgen: 1.0 s  port 0 net_null0: 14.881 Mpps 10.000 Gbit/s,
 * 14881000 frames, shortfall 0 (ring full 0, pool empty 0)".
 *
 * @param s
 *   The sampler.
 * @param live
 *   Where the live line goes (stderr), or NULL.
 * @return
 *   0, or -EIO (the CSV could not be written).
 */
int stats_sampler_sample(struct stats_sampler *s, FILE *live);

/**
 * @internal stats_sampler_sample() at a given time instead of the
 * registry's elapsed time (tests inject the intervals).
 *
 * @param s
 *   The sampler.
 * @param t
 *   Seconds since the start (not before the last sample's).
 * @param live
 *   Where the live line goes, or NULL.
 * @return
 *   0, or -EIO (the CSV could not be written).
 */
int stats_sampler_sample_at(struct stats_sampler *s, double t, FILE *live);

/**
 * Release a sampler (not the CSV stream).
 * @param s The sampler.
 */
void stats_sampler_fini(struct stats_sampler *s);

/**
 * The results document: { "nblgen_results": 1, "start_time",
 * "stop_time" (ISO 8601 UTC with milliseconds, null if not marked),
 * "duration_s", "manifest" (the caller's object, taken over), "ports": [
 * { "port", "port_id", "name", "driver", "link_bps", "requested_pps"
 * (a number, or "max"), "achieved_pps", "tx_l1_bps", "tx_l2_bps", every
 * counter, "shortfall", "streams": [ { "stream", "name", "port",
 * "headers", "rate", "engine", "requested_pps", "achieved_pps",
 * "tx_l1_bps", "tx_l2_bps", "mean_size", every counter, "shortfall",
 * "senders": [ { "lcore", every counter, "shortfall" } ] } ] } ] }, as
 * lib/stats/nblgen-results.schema.json (installed in share/nblgen)
 * describes it.  Rates are over duration_s (0 if it is 0); tx_l1_bps
 * counts 24 bytes per frame beyond tx_bytes (FCS, preamble, gap),
 * tx_l2_bps 4 (FCS).
 *
 * @param reg
 *   The registry (stopped; while running, up to now).
 * @param manifest
 *   The run manifest object (reference stolen, also on failure), or
 *   NULL: the document then has no "manifest" and does not validate
 *   until one is added.
 * @return
 *   A new document, or NULL (out of memory).
 */
json_t *stats_results_json(const struct stats_reg *reg, json_t *manifest);

/* ------------------------------------------------------------------ */
/* Telemetry                                                           */
/* ------------------------------------------------------------------ */

/**
 * Serve a registry through DPDK telemetry while the run lasts:
 * /nblgen/stats (per port: counters and rates since the start) and
 * /nblgen/streams (per stream: counters and rate since the start).
 * Without a parameter they answer { "elapsed_ms", "<index>": { ... } per
 * port or stream (the first 255, a telemetry dictionary's limit) }; with
 * an index ("/nblgen/stats,0") that entry alone (with "elapsed_ms"); a
 * bad index answers null.  Rates are integers (pps, l1_bps, l2_bps).
 * The commands are registered once per process (rte_telemetry cannot
 * unregister); stats_reg_free() detaches the registry under a lock, after
 * which they answer with an empty dictionary.  Registering needs no EAL
 * (DPDK 22.11 keeps the command in a list); the commands are served on
 * the socket that rte_eal_init() opens unless it was given
 * --no-telemetry.
 *
 * @param reg
 *   The registry.
 * @return
 *   0 (also when reg is already served), -EINVAL (reg is NULL), -EBUSY
 *   (another registry is served) or the error of
 *   rte_telemetry_register_cmd().
 */
int stats_telemetry_attach(struct stats_reg *reg);

/**
 * @internal What a telemetry command answers, as JSON (the callbacks
 * convert this object; tests read it).
 *
 * @param cmd
 *   "/nblgen/stats" or "/nblgen/streams".
 * @param params
 *   The parameters after the comma, or NULL.
 * @param err
 *   Filled with a negative errno when NULL is returned: -EINVAL (unknown
 *   command, bad index) or -ENOMEM.
 * @return
 *   A new object ({} when no registry is served), or NULL.
 */
json_t *stats_telemetry_json(const char *cmd, const char *params, int *err);

/**
 * @internal Run the registered callback of a telemetry command as the
 * telemetry thread would (tests call it without a socket).
 *
 * @param cmd
 *   "/nblgen/stats" or "/nblgen/streams".
 * @param params
 *   The parameters after the comma, or NULL.
 * @param d
 *   From rte_tel_data_alloc(); nested containers are freed by the
 *   telemetry library when it writes them out, so a caller that only
 *   frees d leaks them.
 * @return
 *   0 or a negative errno (-EINVAL, -ENOMEM, or the telemetry library's
 *   refusal of a name).
 */
int stats_telemetry_call(const char *cmd, const char *params,
			 struct rte_tel_data *d);

#ifdef __cplusplus
}
#endif

#endif /* STATS_H */

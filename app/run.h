/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef APP_RUN_H
#define APP_RUN_H

/* A run: streams compiled into templates, ports bound, shares spread over
 * the TX lcores, launched, watched (live line, CSV, telemetry), stopped,
 * drained and reported. */

#include <stdbool.h>
#include <stdint.h>

#include <gen.h>
#include <pkt.h>
#include <stats.h>

#include "eal_args.h"
#include "opts.h"
#include "ports.h"

/** Most TX lcores. */
#define APP_LCORES_MAX 64

/** A stream of the run. */
struct app_rstream {
	struct app_stream *conf;     /**< its settings */
	struct pkt_tmpl *tmpl;       /**< its template */
	const struct gen_engine *eng; /**< its engine */
	struct pace_frac pps;        /**< its rate (num 0: max) */
	double mean_size;            /**< mean frame size with FCS */
	uint32_t min_len, max_len;   /**< frame lengths without FCS */
	struct stats_tx final;       /**< its counters once it stopped */
	double sched_pps;            /**< a schedule's mean rate over the
				      *   run (-1 while running: none) */
	unsigned int nshares;        /**< shares */
	struct gen_share *shares[APP_LCORES_MAX]; /**< them */
};

/** Everything a run holds. */
struct app_run {
	const struct app_opts *o;    /**< settings */
	struct app_eal *eal;         /**< EAL vector */
	const int *stop;             /**< the stop flag */
	uint64_t seed;               /**< the seed in effect */
	unsigned int nports;         /**< ports */
	struct app_port ports[APP_PORTS_MAX]; /**< them */
	unsigned int nstreams;       /**< streams */
	struct app_stream *streams;  /**< their settings */
	struct app_rstream *rs;      /**< their run state */
	unsigned int nlcores;        /**< TX lcores */
	struct gen_lcore *lc[APP_LCORES_MAX]; /**< their work */
	unsigned int lcore_port[APP_LCORES_MAX][APP_PORTS_MAX]; /**< queue of
				      *   each port an lcore serves, + 1 (0:
				      *   none) */
	struct stats_reg *reg;       /**< counters */
	uint64_t duration_ns;        /**< run time in effect, 0 none */
	bool interrupted;            /**< stopped by a signal */
	bool held;                   /**< a binding kept buffers */
	char start_iso[40];          /**< start time (UTC, ISO 8601) */
	char stop_iso[40];           /**< stop time */
	int argc;                    /**< main()'s command line */
	char **argv;                 /**< ... */
};

/**
 * Set the run up: streams, templates, ports, bindings, shares, the
 * registry.  Messages go to stderr.
 *
 * @param r
 *   The run (o, eal, stop set by the caller).
 * @return
 *   APP_EXIT_OK, APP_EXIT_USAGE (a stream or port the settings describe
 *   cannot be made) or APP_EXIT_FAIL.
 */
int app_run_setup(struct app_run *r);

/**
 * Send: launch the TX lcores, print the live line and CSV rows each
 * second, stop on the duration, the counts or the stop flag, wait for the
 * lcores.
 *
 * @param r
 *   The run.
 * @return
 *   APP_EXIT_OK or APP_EXIT_FAIL.
 */
int app_run_send(struct app_run *r);

/**
 * Pause and close the bindings, free the shares' pools, write the report
 * and the outputs, remove the ports.
 *
 * @param r
 *   The run.
 * @param status
 *   The status so far.
 * @return
 *   The run's exit status.
 */
int app_run_finish(struct app_run *r, int status);

/**
 * Describe the run's ports and streams to the registry (names, drivers,
 * link speeds, requested rates); again after the run, when a schedule's
 * mean rate is known.
 *
 * @param r
 *   The run.
 */
void app_registry_infos(struct app_run *r);

/**
 * Print the report on stdout and decide whether the run did what was
 * asked.
 *
 * @param r
 *   The run (stopped).
 * @return
 *   true when nothing failed.
 */
bool app_report_print(const struct app_run *r);

/**
 * The run manifest: versions, effective settings, EAL arguments, ports,
 * lcores, streams, seed, times.
 *
 * @param r
 *   The run.
 * @return
 *   A new JSON object, or NULL (out of memory).
 */
json_t *app_report_manifest(const struct app_run *r);

/**
 * Read the capture of a net_pcap port back (--verify): every frame must
 * be one of its streams' (pkt_tmpl_verify()), and the counts must match
 * what was sent.
 *
 * @param r
 *   The run.
 * @param port
 *   Port index.
 * @param path
 *   The capture.
 * @return
 *   true when every frame checks.
 */
bool app_readback(const struct app_run *r, unsigned int port,
		  const char *path);

#endif /* APP_RUN_H */

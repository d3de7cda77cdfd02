/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* Sending and finishing a run: the TX lcores are launched on a common
 * start, the main lcore prints the live line and CSV rows each second
 * until every lcore returned (counts reached, duration over, or the stop
 * flag), then the bindings pause and close, the pools are freed, the
 * results are written and the ports removed. */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_malloc.h>

#include <nbl_bind.h>

#include "run.h"

/* Longest wait after the stop for what the lcores still hold (refused
 * frames, completions). */
#define DRAIN_MS 500
/* How often the main lcore looks (ms). */
#define TICK_MS 10

/* Cycles of a duration. */
static uint64_t
ns_cycles(uint64_t ns, uint64_t hz)
{
	__extension__ unsigned __int128 c = (unsigned __int128)ns * hz;

	return (uint64_t)(c / 1000000000);
}

/* Now as UTC ISO 8601 with milliseconds. */
static void
iso_now(char *buf, size_t len)
{
	struct timespec ts;
	struct tm tm;
	char s[24];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, len, "%s.%03dZ", s, (int)(ts.tv_nsec / 1000000) % 1000);
}

static bool
lcores_running(const struct app_run *r)
{
	unsigned int l;

	for (l = 0; l < r->nlcores; l++)
		if (rte_eal_get_lcore_state(r->lc[l]->lcore_id) == RUNNING)
			return true;
	return false;
}

int
app_run_send(struct app_run *r)
{
	struct stats_sampler smp;
	struct proc_out csv;
	struct timespec tick = {0, TICK_MS * 1000000L};
	uint64_t hz = rte_get_tsc_hz(), start;
	char err[APP_ERR_LEN];
	double next = 1.0;
	unsigned int l, i, j;
	int rc;

	memset(&csv, 0, sizeof(csv));
	if (r->o->csv[0] != '\0' &&
	    proc_out_open(&csv, r->o->csv, err, sizeof(err)) != 0) {
		fprintf(stderr, "nblgen: option --csv: %s\n", err);
		return APP_EXIT_FAIL;
	}
	if (stats_sampler_init(&smp, r->reg, csv.f) != 0) {
		proc_out_abort(&csv);
		return APP_EXIT_FAIL;
	}
	stats_telemetry_attach(r->reg);
	/* a common start a little ahead, so every share's frame 0 is due
	 * at the same time */
	start = rte_rdtsc() + hz / 1000;
	for (i = 0; i < r->nstreams; i++)
		for (j = 0; j < r->rs[i].nshares; j++)
			gen_share_start(r->rs[i].shares[j], start);
	for (l = 0; l < r->nlcores; l++) {
		struct gen_lcore *lc = r->lc[l];

		lc->start_tsc = start;
		lc->end_tsc = r->duration_ns == 0 ? UINT64_MAX :
			start + ns_cycles(r->duration_ns, hz);
		lc->drain_cycles = hz / 1000 * DRAIN_MS;
	}
	stats_reg_start(r->reg);
	iso_now(r->start_iso, sizeof(r->start_iso));
	for (l = 0; l < r->nlcores; l++) {
		rc = rte_eal_remote_launch(gen_lcore_main, r->lc[l],
					   r->lc[l]->lcore_id);
		if (rc != 0) {
			fprintf(stderr, "nblgen: cannot launch lcore %u: %s\n",
				r->lc[l]->lcore_id, strerror(-rc));
			__atomic_store_n((int *)(uintptr_t)r->stop, 1,
					 __ATOMIC_RELEASE);
			break;
		}
	}
	while (lcores_running(r)) {
		nanosleep(&tick, NULL);
		if (stats_reg_elapsed(r->reg) >= next) {
			stats_sampler_sample(&smp, r->o->quiet ? NULL : stderr);
			next += 1.0;
		}
	}
	rte_eal_mp_wait_lcore();
	stats_reg_stop(r->reg);
	iso_now(r->stop_iso, sizeof(r->stop_iso));
	r->interrupted = __atomic_load_n(r->stop, __ATOMIC_ACQUIRE) != 0;
	/* the last, partial second */
	if (csv.f != NULL)
		stats_sampler_sample(&smp, NULL);
	stats_sampler_fini(&smp);
	if (csv.open && proc_out_commit(&csv, err, sizeof(err)) != 0) {
		fprintf(stderr, "nblgen: option --csv: %s\n", err);
		return APP_EXIT_FAIL;
	}
	return APP_EXIT_OK;
}

/* Pause the bindings: every completion is delivered (and counted) before
 * the results are read. */
static bool
bindings_pause(struct app_run *r)
{
	bool ok = true;
	unsigned int p;
	int rc;

	for (p = 0; p < r->nports; p++) {
		struct nbl_bind *b = r->ports[p].bind;

		if (b == NULL ||
		    nbl_bind_state_get(b) != NBL_BIND_RUNNING)
			continue;
		rc = nbl_bind_pause(b);
		if (rc != 0) {
			fprintf(stderr, "nblgen: port %u: pausing the "
				"binding: %s\n", p, strerror(-rc));
			ok = false;
		}
	}
	return ok;
}

/* Close the bindings, then free the shares' pools: closing a port gives
 * back the frames it still holds (a net_ring port's own RX ring, which
 * nobody reads, holds every frame sent), and a pool is full only then. */
static bool
bindings_close(struct app_run *r)
{
	bool ok = true;
	unsigned int p, i, j;
	int rc;

	for (p = 0; p < r->nports; p++) {
		struct nbl_bind *b = r->ports[p].bind;

		if (b == NULL)
			continue;
		if (r->o->verbose)
			nbl_bind_stats_print(b, stdout);
		rc = nbl_bind_free(b);
		if (rc != 0) {
			fprintf(stderr, "nblgen: port %u (%s): the binding "
				"cannot close: %s (the port still holds some "
				"of its buffers)\n", p, r->ports[p].name,
				strerror(-rc));
			r->held = true;
			ok = false;
			continue;
		}
		r->ports[p].bind = NULL;
	}
	for (i = 0; r->rs != NULL && i < r->nstreams; i++)
		for (j = 0; j < r->rs[i].nshares; j++) {
			gen_share_fini(r->rs[i].shares[j]);
			rte_free(r->rs[i].shares[j]);
			r->rs[i].shares[j] = NULL;
		}
	return ok;
}

/* The results document into --json. */
static bool
json_write(struct app_run *r)
{
	json_t *doc = stats_results_json(r->reg, app_report_manifest(r));
	char err[APP_ERR_LEN];
	struct proc_out out;

	if (doc == NULL) {
		fprintf(stderr, "nblgen: option --json: out of memory\n");
		return false;
	}
	if (proc_out_open(&out, r->o->json, err, sizeof(err)) != 0) {
		fprintf(stderr, "nblgen: option --json: %s\n", err);
		json_decref(doc);
		return false;
	}
	if (json_dumpf(doc, out.f, JSON_INDENT(2) | JSON_SORT_KEYS) != 0 ||
	    fputc('\n', out.f) == EOF) {
		proc_out_abort(&out);
		json_decref(doc);
		fprintf(stderr, "nblgen: option --json: cannot write '%s'\n",
			r->o->json);
		return false;
	}
	json_decref(doc);
	if (proc_out_commit(&out, err, sizeof(err)) != 0) {
		fprintf(stderr, "nblgen: option --json: %s\n", err);
		return false;
	}
	return true;
}

/* The capture of a port the EAL made from its own --vdev (a net_pcap
 * tx_pcap= among the EAL options), or "". */
static const char *
eal_out_path(const struct app_run *r, unsigned int port)
{
	unsigned int k;

	for (k = 0; k < APP_EAL_OUTS && r->eal->out_dev[k][0] != '\0'; k++)
		if (strcmp(r->eal->out_dev[k], r->ports[port].name) == 0)
			return r->eal->outs[k].path;
	return "";
}

int
app_run_finish(struct app_run *r, int status)
{
	char err[APP_ERR_LEN];
	bool sent = r->reg != NULL && stats_reg_elapsed(r->reg) > 0;
	unsigned int i;

	if (!bindings_pause(r) && status == APP_EXIT_OK)
		status = APP_EXIT_FAIL;
	for (i = 0; sent && i < r->nstreams; i++) {
		struct app_rstream *rs = &r->rs[i];

		stats_reg_stream_sum(r->reg, i, &rs->final);
		/* a schedule asked for its mean rate over the run */
		if (rs->conf->sched_set && rs->final.active_ns != 0)
			rs->sched_pps = (double)rs->final.requested * 1e9 /
				(double)rs->final.active_ns;
	}
	if (sent)
		app_registry_infos(r);
	if (sent) {
		if (!app_report_print(r) && status == APP_EXIT_OK)
			status = APP_EXIT_FAIL;
		if (r->o->json[0] != '\0' && !json_write(r) &&
		    status == APP_EXIT_OK)
			status = APP_EXIT_FAIL;
	}
	/* no reader (telemetry) may see the shares' counters from here */
	stats_reg_free(r->reg);
	r->reg = NULL;
	if (!bindings_close(r) && status == APP_EXIT_OK)
		status = APP_EXIT_FAIL;
	if (r->held)
		/* the port still holds buffers: EAL cleanup closes it */
		return APP_EXIT_FAIL;
	if (app_ports_remove(r->ports, r->nports, sent, err,
			     sizeof(err)) != 0) {
		fprintf(stderr, "nblgen: %s\n", err);
		status = APP_EXIT_FAIL;
	}
	if (app_eal_outs_finish(r->eal, sent, err, sizeof(err)) != 0) {
		fprintf(stderr, "nblgen: %s\n", err);
		status = APP_EXIT_FAIL;
	}
	if (sent && r->o->verify)
		for (i = 0; i < r->nports; i++) {
			const char *path = r->ports[i].out.path;

			if (path[0] == '\0')
				path = eal_out_path(r, i);
			if (path[0] != '\0' && !app_readback(r, i, path) &&
			    status == APP_EXIT_OK)
				status = APP_EXIT_FAIL;
		}
	for (i = 0; r->rs != NULL && i < r->nstreams; i++)
		pkt_tmpl_free(r->rs[i].tmpl);
	free(r->rs);
	r->rs = NULL;
	app_streams_free(r->streams, r->nstreams);
	r->streams = NULL;
	for (i = 0; i < r->nlcores; i++)
		rte_free(r->lc[i]);
	return status;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* The report on stdout, the verdict, and the run manifest of the JSON
 * results. */

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_version.h>

#include "run.h"

#ifndef NBLGEN_VERSION
#define NBLGEN_VERSION "unknown"
#endif

static void
print_counts(const char *what, const struct stats_tx *t, double secs,
	     const char *requested)
{
	double pps;

	if (t->active_ns != 0) /* its own sending time */
		secs = (double)t->active_ns / 1e9;
	pps = secs > 0 ? (double)t->tx_packets / secs : 0;
	double l1;

	l1 = secs > 0 ? ((double)t->tx_bytes + 24.0 * (double)
			 t->tx_packets) * 8 / secs : 0;
	printf("%s: sent %" PRIu64 " frames, %" PRIu64 " bytes: %.3f Mpps, "
	       "%.3f Gbit/s on the wire (requested %s); requested %" PRIu64
	       " frames, shortfall %" PRIu64 " (ring full %" PRIu64
	       ", pool empty %" PRIu64 ")\n", what, t->tx_packets,
	       t->tx_bytes, pps / 1e6, l1 / 1e9, requested, t->requested,
	       stats_tx_shortfall(t), t->ring_full, t->pool_empty);
}

static void
rate_text(double pps, char *buf, size_t len)
{
	if (pps < 0)
		snprintf(buf, len, "max");
	else
		snprintf(buf, len, "%.3f Mpps", pps / 1e6);
}

/* A stream's verdict: false when it did not do what it was asked. */
static bool
stream_ok(const struct app_run *r, const struct app_rstream *rs,
	  const struct stats_tx *t)
{
	const char *name = rs->conf->name;
	bool ok = true;

	if (t->failed != 0) {
		printf("nblgen: error: %s: %" PRIu64 " NBLs completed with a "
		       "failure status (RESOURCES %" PRIu64 ", INVALID_LENGTH "
		       "%" PRIu64 ", PAUSED %" PRIu64 ", SEND_ABORTED %" PRIu64
		       ", other %" PRIu64 ")\n", name, t->failed,
		       t->failed_resources, t->failed_invalid_length,
		       t->failed_paused, t->failed_aborted, t->failed_other);
		ok = false;
	}
	if (t->completed != t->submitted) {
		printf("nblgen: error: %s: %" PRIu64 " of %" PRIu64 " NBLs "
		       "never completed\n", name, t->submitted - t->completed,
		       t->submitted);
		ok = false;
	}
	if (t->verify_errors != 0) {
		printf("nblgen: error: %s: --verify found %" PRIu64 " frames "
		       "wrong\n", name, t->verify_errors);
		ok = false;
	}
	/* without pacing nothing is owed but what was built: a shortfall
	 * is frames the port still refused when the run ended */
	if (!r->interrupted && rs->pps.num == 0 && !rs->conf->sched_set &&
	    stats_tx_shortfall(t) != 0) {
		printf("nblgen: error: %s: %" PRIu64 " frames built were never "
		       "accepted by the port\n", name, stats_tx_shortfall(t));
		ok = false;
	}
	return ok;
}

bool
app_report_print(const struct app_run *r)
{
	double secs = stats_reg_elapsed(r->reg);
	char what[192], req[32];
	bool ok = true;
	unsigned int p, i;

	if (r->interrupted)
		printf("nblgen: interrupted after %.3f s: the frames in flight "
		       "were drained\n", secs);
	printf("nblgen: ran %.3f s, seed %" PRIu64 "\n", secs, r->seed);
	for (p = 0; p < r->nports; p++) {
		const struct app_port *pt = &r->ports[p];
		struct stats_tx t;
		double want = 0;

		if (pt->nqueues == 0)
			continue;
		stats_reg_port_sum(r->reg, p, &t);
		bool sched = false;

		for (i = 0; i < r->nstreams; i++)
			if (r->streams[i].port == p) {
				want = want < 0 || r->rs[i].pps.num == 0 ? -1 :
					want + pace_frac_double(r->rs[i].pps);
				sched |= r->streams[i].sched_set;
			}
		rate_text(want, req, sizeof(req));
		/* a schedule has no one rate: it is not "max" either */
		if (sched)
			snprintf(req, sizeof(req), "a schedule");
		if (pt->mac_ok) {
			char mac[RTE_ETHER_ADDR_FMT_SIZE];

			rte_ether_format_addr(mac, sizeof(mac), &pt->mac);
			snprintf(what, sizeof(what), "nblgen: port %u %s "
				 "(MAC %s)", p, pt->name, mac);
		} else {
			snprintf(what, sizeof(what), "nblgen: port %u %s", p,
				 pt->name);
		}
		print_counts(what, &t, secs, req);
		for (i = 0; i < r->nstreams; i++) {
			const struct app_rstream *rs = &r->rs[i];
			struct stats_tx st;

			if (rs->conf->port != p)
				continue;
			stats_reg_stream_sum(r->reg, i, &st);
			rate_text(rs->pps.num == 0 ? -1 :
				  pace_frac_double(rs->pps), req, sizeof(req));
			if (rs->conf->sched_set)
				snprintf(req, sizeof(req), "a schedule");
			snprintf(what, sizeof(what), "nblgen:   %s %s, %s "
				 "engine", rs->conf->name,
				 pkt_tmpl_stack(rs->tmpl), rs->eng->name);
			print_counts(what, &st, secs, req);
			if (st.submitted != 0)
				printf("nblgen:   %s: NDIS: %" PRIu64 " NBLs "
				       "sent, %" PRIu64 " completed, %" PRIu64
				       " with SUCCESS, %" PRIu64 " failed%s\n",
				       rs->conf->name, st.submitted,
				       st.completed, st.tx_packets, st.failed,
				       r->o->verify ? ", every frame "
				       "checked" : "");
			ok &= stream_ok(r, rs, &st);
		}
	}
	return ok;
}

static void
add_setting(const char *section, const char *key, const char *value,
	    void *arg)
{
	json_t *cfg = arg, *sec = json_object_get(cfg, section);

	if (sec == NULL) {
		sec = json_object();
		json_object_set_new(cfg, section, sec);
	}
	json_object_set_new(sec, key, json_string(value));
}

static json_t *
stream_config(const struct app_stream *s)
{
	json_t *o = json_object();
	const struct pkt_key *k;
	char v[512];
	unsigned int i;

	for (i = 0; (k = pkt_key_get(i)) != NULL; i++)
		if (pkt_spec_get(s->spec, k->name, v, sizeof(v)) == 0)
			json_object_set_new(o, k->name, json_string(v));
	json_object_set_new(o, "rate", json_string(s->rate_text));
	if (s->sched_set)
		json_object_set_new(o, "schedule", json_string(s->sched_text));
	if (s->count != UINT64_MAX)
		json_object_set_new(o, "count", json_integer((json_int_t)
							     s->count));
	if (s->bytes != UINT64_MAX)
		json_object_set_new(o, "bytes", json_integer((json_int_t)
							     s->bytes));
	json_object_set_new(o, "port", json_integer(s->port));
	json_object_set_new(o, "tx-cksum", json_string(
		s->cksum == APP_CKSUM_FRAME ? "frame" :
		s->cksum == APP_CKSUM_OFFLOAD ? "offload" : "software"));
	return o;
}

static json_t *
ports_json(const struct app_run *r)
{
	json_t *a = json_array();
	char mac[RTE_ETHER_ADDR_FMT_SIZE];
	unsigned int p;

	for (p = 0; p < r->nports; p++) {
		const struct app_port *pt = &r->ports[p];
		json_t *o = json_object();

		rte_ether_format_addr(mac, sizeof(mac), &pt->mac);
		json_object_set_new(o, "port", json_integer(p));
		json_object_set_new(o, "port_id", json_integer(pt->port_id));
		json_object_set_new(o, "name", json_string(pt->name));
		json_object_set_new(o, "driver", json_string(pt->driver));
		json_object_set_new(o, "devargs", json_string(pt->given));
		json_object_set_new(o, "link_bps",
				    json_integer((json_int_t)pt->link_bps));
		json_object_set_new(o, "mac", json_string(mac));
		json_object_set_new(o, "tx_queues", json_integer(pt->nqueues));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
lcores_json(const struct app_run *r)
{
	json_t *a = json_array(), *o;
	unsigned int l, i;

	o = json_object();
	json_object_set_new(o, "lcore", json_integer(rte_get_main_lcore()));
	json_object_set_new(o, "role", json_string("main"));
	json_object_set_new(o, "cpus", json_string("see eal_args"));
	json_array_append_new(a, o);
	for (l = 0; l < r->nlcores; l++) {
		const struct gen_lcore *lc = r->lc[l];
		json_t *sh = json_array();

		o = json_object();
		json_object_set_new(o, "lcore", json_integer(lc->lcore_id));
		json_object_set_new(o, "role", json_string("tx"));
		for (i = 0; i < lc->nshares; i++) {
			const struct gen_share *s = lc->shares[i];
			json_t *e = json_object();

			json_object_set_new(e, "stream",
					    json_integer(s->conf.stream));
			json_object_set_new(e, "queue",
					    json_integer(s->conf.queue));
			json_object_set_new(e, "sig_id",
					    json_integer(s->conf.sig_id));
			json_array_append_new(sh, e);
		}
		json_object_set_new(o, "shares", sh);
		json_array_append_new(a, o);
	}
	return a;
}

/* The run settings as the run used them, where the options leave them
 * to nblgen: the seed (from the clock unless given), the TX lcores and
 * the run time (0: until the counts are reached or a signal). */
static void
config_effective(const struct app_run *r, json_t *cfg)
{
	json_t *run = json_object_get(cfg, "run");
	char v[32];

	if (run == NULL)
		return;
	snprintf(v, sizeof(v), "%" PRIu64, r->seed);
	json_object_set_new(run, "seed", json_string(v));
	snprintf(v, sizeof(v), "%u", r->nlcores);
	json_object_set_new(run, "tx-lcores", json_string(v));
	snprintf(v, sizeof(v), "%" PRIu64 "ns", r->duration_ns);
	json_object_set_new(run, "duration", json_string(v));
}

json_t *
app_report_manifest(const struct app_run *r)
{
	json_t *m = json_object(), *cfg = json_object(), *eal = json_array();
	json_t *cmd = json_array();
	int i;

	if (m == NULL || cfg == NULL || eal == NULL || cmd == NULL) {
		json_decref(m);
		json_decref(cfg);
		json_decref(eal);
		json_decref(cmd);
		return NULL;
	}
	json_object_set_new(m, "nblgen_version", json_string(NBLGEN_VERSION));
	json_object_set_new(m, "dpdk_version", json_string(rte_version()));
	for (i = 0; i < r->argc; i++)
		json_array_append_new(cmd, json_string(r->argv[i]));
	json_object_set_new(m, "command_line", cmd);
	for (i = 1; i < r->eal->args.argc; i++)
		json_array_append_new(eal, json_string(r->eal->args.argv[i]));
	json_object_set_new(m, "eal_args", eal);
	json_object_set_new(m, "embedded_default",
			    json_boolean(r->eal->embedded));
	app_opts_foreach(r->o, add_setting, cfg);
	config_effective(r, cfg);
	for (i = 0; i < (int)r->nstreams; i++)
		json_object_set_new(cfg, r->streams[i].name,
				    stream_config(&r->streams[i]));
	json_object_set_new(m, "config", cfg);
	json_object_set_new(m, "config_file", json_string(r->o->config));
	json_object_set_new(m, "ports", ports_json(r));
	json_object_set_new(m, "lcores", lcores_json(r));
	json_object_set_new(m, "seed", json_integer((json_int_t)r->seed));
	json_object_set_new(m, "tsc_hz",
			    json_integer((json_int_t)rte_get_tsc_hz()));
	json_object_set_new(m, "start_time", json_string(r->start_iso));
	json_object_set_new(m, "stop_time", json_string(r->stop_iso));
	json_object_set_new(m, "interrupted", json_boolean(r->interrupted));
	return m;
}

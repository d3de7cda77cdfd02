/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/* The results document of a run (lib/stats/nblgen-results.schema.json):
 * the registry's clocks, the caller's manifest, and per port its streams
 * and their senders, each with every counter and its rates. */

#include <errno.h>
#include <math.h>

#include "stats_private.h"

/* Version of the document's layout ("nblgen_results"). */
#define RESULTS_VERSION 1

/* A number the caller gave (jansson refuses NaN and infinities). */
static json_t *
number(double v)
{
	return json_real(isfinite(v) ? v : 0);
}

/* A requested rate: frames per second, or "max" when unpaced (< 0). */
static json_t *
requested_pps(double pps)
{
	return pps < 0 ? json_string("max") : number(pps);
}

/* The rates of counters c over their senders' sending time (the run's
 * duration while they send). */
static int
rates_set(json_t *o, const struct stats_tx *c, double duration)
{
	int rc;

	if (c->active_ns != 0)
		duration = (double)c->active_ns / 1e9;
	rc = stats_json_set(o, "achieved_pps",
			    json_real(stats_rate(c->tx_packets, duration)));
	if (rc == 0)
		rc = stats_json_set(o, "tx_l1_bps",
				    json_real(stats_l1_bps(c->tx_packets,
							   c->tx_bytes,
							   duration)));
	if (rc == 0)
		rc = stats_json_set(o, "tx_l2_bps",
				    json_real(stats_l2_bps(c->tx_packets,
							   c->tx_bytes,
							   duration)));
	return rc;
}

static json_t *
sender_json(const struct stats_stream *st, unsigned int i)
{
	struct stats_tx c;
	json_t *o;

	stats_tx_sum(&c, &st->blocks[i], 1);
	o = json_object();
	if (o == NULL)
		return NULL;
	if (stats_json_set(o, "lcore", json_integer(st->lcores[i])) != 0 ||
	    stats_tx_json_set(o, &c) != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static int
senders_set(json_t *o, const struct stats_stream *st)
{
	unsigned int i, n = stats_stream_blocks(st);
	json_t *a = json_array();

	if (a == NULL)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		if (json_array_append_new(a, sender_json(st, i)) != 0) {
			json_decref(a);
			return -ENOMEM;
		}
	}
	return stats_json_set(o, "senders", a);
}

static json_t *
stream_json(const struct stats_reg *reg, unsigned int i, double duration)
{
	const struct stats_stream *st = &reg->streams[i];
	const struct stats_stream_info *in = &st->info;
	struct stats_tx c;
	json_t *o;
	int rc;

	stats_reg_stream_sum(reg, i, &c);
	o = json_object();
	if (o == NULL)
		return NULL;
	rc = stats_json_set(o, "stream", json_integer(i));
	if (rc == 0)
		rc = stats_json_set(o, "name", json_string(in->name));
	if (rc == 0)
		rc = stats_json_set(o, "port", json_integer(in->port));
	if (rc == 0)
		rc = stats_json_set(o, "headers", json_string(in->headers));
	if (rc == 0)
		rc = stats_json_set(o, "rate", json_string(in->rate));
	if (rc == 0)
		rc = stats_json_set(o, "engine", json_string(in->engine));
	if (rc == 0)
		rc = stats_json_set(o, "requested_pps",
				    requested_pps(in->requested_pps));
	if (rc == 0)
		rc = rates_set(o, &c, duration);
	if (rc == 0)
		rc = stats_json_set(o, "mean_size", number(in->mean_size));
	if (rc == 0)
		rc = stats_tx_json_set(o, &c);
	if (rc == 0)
		rc = senders_set(o, st);
	if (rc != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static int
streams_set(json_t *o, const struct stats_reg *reg, unsigned int port,
	    double duration)
{
	json_t *a = json_array();
	unsigned int i;

	if (a == NULL)
		return -ENOMEM;
	for (i = 0; i < reg->nstreams; i++) {
		if (reg->streams[i].info.port != port)
			continue;
		if (json_array_append_new(a, stream_json(reg, i,
							 duration)) != 0) {
			json_decref(a);
			return -ENOMEM;
		}
	}
	return stats_json_set(o, "streams", a);
}

static json_t *
port_json(const struct stats_reg *reg, unsigned int p, double duration)
{
	const struct stats_port_info *in = &reg->ports[p];
	struct stats_tx c;
	json_t *o;
	int rc;

	stats_reg_port_sum(reg, p, &c);
	o = json_object();
	if (o == NULL)
		return NULL;
	rc = stats_json_set(o, "port", json_integer(p));
	if (rc == 0)
		rc = stats_json_set(o, "port_id", json_integer(in->port_id));
	if (rc == 0)
		rc = stats_json_set(o, "name", json_string(in->name));
	if (rc == 0)
		rc = stats_json_set(o, "driver", json_string(in->driver));
	if (rc == 0)
		rc = stats_json_set(o, "link_bps",
				    stats_json_u64(in->link_bps));
	if (rc == 0)
		rc = stats_json_set(o, "requested_pps",
				    requested_pps(in->requested_pps));
	if (rc == 0)
		rc = rates_set(o, &c, duration);
	if (rc == 0)
		rc = stats_tx_json_set(o, &c);
	if (rc == 0)
		rc = streams_set(o, reg, p, duration);
	if (rc != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* A mark of the registry's real-time clock, or null if not marked. */
static json_t *
time_json(bool marked, uint64_t ns)
{
	char buf[STATS_TIME_LEN];

	if (!marked)
		return json_null();
	if (stats_iso8601(buf, sizeof(buf), ns) != 0)
		return json_null();
	return json_string(buf);
}

static int
clocks_set(json_t *doc, const struct stats_reg *reg, double duration)
{
	uint64_t ns;
	bool marked;
	int rc;

	marked = stats_reg_start_real(reg, &ns);
	rc = stats_json_set(doc, "start_time", time_json(marked, ns));
	if (rc == 0) {
		marked = stats_reg_stop_real(reg, &ns);
		rc = stats_json_set(doc, "stop_time", time_json(marked, ns));
	}
	if (rc == 0)
		rc = stats_json_set(doc, "duration_s", json_real(duration));
	return rc;
}

json_t *
stats_results_json(const struct stats_reg *reg, json_t *manifest)
{
	double duration;
	json_t *doc, *ports;
	unsigned int p;
	int rc;

	if (reg == NULL)
		goto fail;
	duration = stats_reg_elapsed(reg);
	doc = json_object();
	if (doc == NULL)
		goto fail;
	rc = stats_json_set(doc, "nblgen_results",
			    json_integer(RESULTS_VERSION));
	if (rc == 0)
		rc = clocks_set(doc, reg, duration);
	if (rc == 0 && manifest != NULL) {
		rc = stats_json_set(doc, "manifest", manifest);
		manifest = NULL;
	}
	ports = rc == 0 ? json_array() : NULL;
	if (ports != NULL)
		rc = stats_json_set(doc, "ports", ports);
	else
		rc = -ENOMEM;
	for (p = 0; rc == 0 && p < reg->nports; p++)
		if (json_array_append_new(ports,
					  port_json(reg, p, duration)) != 0)
			rc = -ENOMEM;
	if (rc != 0) {
		json_decref(doc);
		goto fail;
	}
	return doc;
fail:
	json_decref(manifest);
	return NULL;
}

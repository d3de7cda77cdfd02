/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/* DPDK telemetry: /nblgen/stats and /nblgen/streams.  Each answer is
 * built as a JSON object from the registry (under the lock that
 * stats_reg_free() takes to detach it) and then copied into the
 * telemetry library's dictionaries. */

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <rte_telemetry.h>

#include "stats_private.h"

#define CMD_STATS "/nblgen/stats"
#define CMD_STREAMS "/nblgen/streams"
#define HELP_STATS "Per port of nblgen's run: counters and rates since " \
	"the start. Parameters: int port index"
#define HELP_STREAMS "Per stream of nblgen's run: counters and rates " \
	"since the start. Parameters: int stream index"

/* Entries of a listing besides "elapsed_ms" (a telemetry dictionary holds
 * RTE_TEL_MAX_DICT_ENTRIES); the rest are read by index. */
#define LIST_MAX (RTE_TEL_MAX_DICT_ENTRIES - 1)

/* The registry served, and which commands are registered.  Callbacks run
 * on the telemetry thread; the lock keeps the registry alive while one
 * reads it. */
static pthread_mutex_t tel_lock = PTHREAD_MUTEX_INITIALIZER;
static const struct stats_reg *tel_reg;
static bool tel_stats_registered;
static bool tel_streams_registered;

/* A non-negative number rounded to an integer (telemetry 22.11 has no
 * floats); NaN and negatives give 0. */
static json_t *
tel_round(double v)
{
	if (!(v > 0))
		return stats_json_u64(0);
	if (v >= 0x1p63)
		return stats_json_u64(INT64_MAX);
	return stats_json_u64((uint64_t)(v + 0.5));
}

/* Rates since the start. */
static int
tel_rates_set(json_t *o, const struct stats_tx *c, double elapsed)
{
	int rc;

	rc = stats_json_set(o, "pps",
			    tel_round(stats_rate(c->tx_packets, elapsed)));
	if (rc == 0)
		rc = stats_json_set(o, "l1_bps",
				    tel_round(stats_l1_bps(c->tx_packets,
							   c->tx_bytes,
							   elapsed)));
	if (rc == 0)
		rc = stats_json_set(o, "l2_bps",
				    tel_round(stats_l2_bps(c->tx_packets,
							   c->tx_bytes,
							   elapsed)));
	return rc;
}

static json_t *
tel_port(const struct stats_reg *reg, unsigned int p, double elapsed)
{
	const struct stats_port_info *in = &reg->ports[p];
	struct stats_tx c;
	json_t *o = json_object();
	int rc;

	if (o == NULL)
		return NULL;
	stats_reg_port_sum(reg, p, &c);
	rc = stats_json_set(o, "name", json_string(in->name));
	if (rc == 0)
		rc = stats_json_set(o, "driver", json_string(in->driver));
	if (rc == 0)
		rc = stats_json_set(o, "port_id", json_integer(in->port_id));
	if (rc == 0)
		rc = stats_tx_json_set(o, &c);
	if (rc == 0)
		rc = tel_rates_set(o, &c, elapsed);
	if (rc != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *
tel_stream(const struct stats_reg *reg, unsigned int i, double elapsed)
{
	const struct stats_stream *st = &reg->streams[i];
	struct stats_tx c;
	json_t *o = json_object();
	int rc;

	if (o == NULL)
		return NULL;
	stats_reg_stream_sum(reg, i, &c);
	rc = stats_json_set(o, "name", json_string(st->info.name));
	if (rc == 0)
		rc = stats_json_set(o, "port", json_integer(st->info.port));
	if (rc == 0)
		rc = stats_json_set(o, "engine",
				    json_string(st->info.engine));
	if (rc == 0)
		rc = stats_json_set(o, "senders",
				    json_integer(stats_stream_blocks(st)));
	if (rc == 0)
		rc = stats_tx_json_set(o, &c);
	if (rc == 0)
		rc = tel_rates_set(o, &c, elapsed);
	if (rc != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

typedef json_t *(*tel_entry_fn)(const struct stats_reg *reg, unsigned int i,
				double elapsed);

/* An index parameter: decimal digits only, below n. */
static int
tel_index(const char *params, unsigned int n, unsigned int *idx)
{
	unsigned long v;
	char *end;

	if (params[0] < '0' || params[0] > '9')
		return -EINVAL;
	errno = 0;
	v = strtoul(params, &end, 10);
	if (errno != 0 || *end != '\0' || v >= n)
		return -EINVAL;
	*idx = (unsigned int)v;
	return 0;
}

/* The answer for reg: every entry (up to LIST_MAX) keyed by its index, or
 * the entry that params names, and "elapsed_ms". */
static json_t *
tel_view(const struct stats_reg *reg, tel_entry_fn entry, unsigned int n,
	 const char *params, int *err)
{
	double elapsed = stats_reg_elapsed(reg);
	unsigned int i, idx;
	char key[16];
	json_t *o;
	int rc;

	if (params != NULL && params[0] != '\0') {
		rc = tel_index(params, n, &idx);
		if (rc != 0) {
			*err = rc;
			return NULL;
		}
		o = entry(reg, idx, elapsed);
	} else {
		o = json_object();
		for (i = 0; o != NULL && i < n && i < LIST_MAX; i++) {
			snprintf(key, sizeof(key), "%u", i);
			if (stats_json_set(o, key,
					   entry(reg, i, elapsed)) != 0) {
				json_decref(o);
				o = NULL;
			}
		}
	}
	if (o != NULL &&
	    stats_json_set(o, "elapsed_ms", tel_round(elapsed * 1e3)) != 0) {
		json_decref(o);
		o = NULL;
	}
	if (o == NULL)
		*err = -ENOMEM;
	return o;
}

json_t *
stats_telemetry_json(const char *cmd, const char *params, int *err)
{
	const struct stats_reg *reg;
	json_t *o;
	int dummy;

	if (err == NULL)
		err = &dummy;
	if (cmd == NULL ||
	    (strcmp(cmd, CMD_STATS) != 0 && strcmp(cmd, CMD_STREAMS) != 0)) {
		*err = -EINVAL;
		return NULL;
	}
	pthread_mutex_lock(&tel_lock);
	reg = tel_reg;
	if (reg == NULL) {
		o = json_object();
		if (o == NULL)
			*err = -ENOMEM;
	} else if (strcmp(cmd, CMD_STATS) == 0) {
		o = tel_view(reg, tel_port, reg->nports, params, err);
	} else {
		o = tel_view(reg, tel_stream, reg->nstreams, params, err);
	}
	pthread_mutex_unlock(&tel_lock);
	return o;
}

static int tel_from_json(struct rte_tel_data *d, json_t *o);

/* A nested object as a container of d (freed by the telemetry library
 * once written out). */
static int
tel_add_object(struct rte_tel_data *d, const char *key, json_t *v)
{
	struct rte_tel_data *c = rte_tel_data_alloc();
	int rc;

	if (c == NULL)
		return -ENOMEM;
	rc = tel_from_json(c, v);
	if (rc == 0)
		rc = rte_tel_data_add_dict_container(d, key, c, 0);
	if (rc < 0)
		rte_tel_data_free(c);
	return rc;
}

/* A JSON number as telemetry's u64 (>= 0) or int (< 0); a real is
 * truncated (the views hold integers only). */
static int
tel_add_number(struct rte_tel_data *d, const char *key, json_t *v)
{
	double r;
	long long x;

	if (json_is_integer(v)) {
		x = json_integer_value(v);
	} else {
		r = json_real_value(v);
		x = r >= 0x1p63 ? LLONG_MAX : r <= -0x1p63 ? LLONG_MIN :
			(long long)r;
	}
	if (x >= 0)
		return rte_tel_data_add_dict_u64(d, key, (uint64_t)x);
	return rte_tel_data_add_dict_int(d, key, x < INT_MIN ? INT_MIN :
					 (int)x);
}

/* Copy a JSON object of numbers, strings and objects into d.  A name the
 * library truncates (E2BIG) is kept; any other refusal is returned. */
static int
tel_from_json(struct rte_tel_data *d, json_t *o)
{
	const char *key;
	json_t *v;
	int rc;

	rc = rte_tel_data_start_dict(d);
	if (rc < 0)
		return rc;
	json_object_foreach(o, key, v) {
		switch (json_typeof(v)) {
		case JSON_OBJECT:
			rc = tel_add_object(d, key, v);
			break;
		case JSON_INTEGER:
		case JSON_REAL:
			rc = tel_add_number(d, key, v);
			break;
		case JSON_STRING:
			rc = rte_tel_data_add_dict_string(d, key,
							  json_string_value(v));
			break;
		case JSON_TRUE:
		case JSON_FALSE:
			rc = rte_tel_data_add_dict_int(d, key,
						       json_is_true(v));
			break;
		default:
			rc = -EINVAL;
			break;
		}
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* The callback of both commands. */
static int
tel_cb(const char *cmd, const char *params, struct rte_tel_data *d)
{
	json_t *o;
	int err = 0, rc;

	o = stats_telemetry_json(cmd, params, &err);
	if (o == NULL)
		return err;
	rc = tel_from_json(d, o);
	json_decref(o);
	return rc;
}

int
stats_telemetry_call(const char *cmd, const char *params,
		     struct rte_tel_data *d)
{
	if (d == NULL)
		return -EINVAL;
	return tel_cb(cmd, params, d);
}

int
stats_telemetry_attach(struct stats_reg *reg)
{
	int rc = 0;

	if (reg == NULL)
		return -EINVAL;
	pthread_mutex_lock(&tel_lock);
	if (tel_reg != NULL && tel_reg != reg) {
		rc = -EBUSY;
		goto out;
	}
	if (!tel_stats_registered) {
		rc = rte_telemetry_register_cmd(CMD_STATS, tel_cb, HELP_STATS);
		if (rc != 0)
			goto out;
		tel_stats_registered = true;
	}
	if (!tel_streams_registered) {
		rc = rte_telemetry_register_cmd(CMD_STREAMS, tel_cb,
						HELP_STREAMS);
		if (rc != 0)
			goto out;
		tel_streams_registered = true;
	}
	tel_reg = reg;
out:
	pthread_mutex_unlock(&tel_lock);
	return rc;
}

void
stats_telemetry_detach(const struct stats_reg *reg)
{
	pthread_mutex_lock(&tel_lock);
	if (tel_reg == reg)
		tel_reg = NULL;
	pthread_mutex_unlock(&tel_lock);
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* Stream keys: libnblpkt's (what the frames hold) and nblgen's own (rate,
 * schedule, count, bytes, port, tx-cksum), checked when given and applied
 * per stream in the order defaults < [traffic] < [stream.N] < command
 * line. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>

#include <pkt.h>

#include "opts_private.h"

enum skey { SK_RATE, SK_PPS, SK_MBPS, SK_SCHEDULE, SK_COUNT, SK_BYTES,
	    SK_PORT, SK_CKSUM, SK_MAX };

static const struct app_skey skeys[SK_MAX] = {
	[SK_RATE] = {"rate", "RATE", "max", "frames per second (1000, 10kpps, "
		"14.88Mpps), bits per second on the wire (10Gbps), layer-2 "
		"bits (l2:10Gbps), percent of the link (50%), or max"},
	[SK_PPS] = {"pps", "N", "none", "frames per second (tcpreplay's "
		"--pps; same as --rate Npps)"},
	[SK_MBPS] = {"mbps", "N", "none", "megabits per second of frames "
		"(tcpreplay's --mbps; same as --rate l2:NMbps)"},
	[SK_SCHEDULE] = {"schedule", "'LIST'", "none", "rate over time, e.g. "
		"'1Mpps for 10s, ramp 5Mpps for 10s, 5Mpps for 20s'; the last "
		"rate holds"},
	[SK_COUNT] = {"count", "N", "none", "frames to send (suffixes k, M, "
		"G; split evenly over the stream's TX lcores)"},
	[SK_BYTES] = {"bytes", "N", "none", "stop after N bytes of frames "
		"(without FCS, as tx_bytes counts; the last frame may end past "
		"N)"},
	[SK_PORT] = {"port", "N", "0", "the port the stream leaves by (index "
		"in the order ports are given)"},
	[SK_CKSUM] = {"tx-cksum", "MODE", "frame", "who writes the checksums: "
		"frame = nblgen (any engine); offload = the port's TX "
		"offloads, software where it has none; software = the "
		"binding (offload and software: ndis engine, IPv4/IPv6 "
		"UDP/TCP without a tunnel)"},
};

const struct app_skey *
app_skey_get(unsigned int i)
{
	return i < SK_MAX ? &skeys[i] : NULL;
}

static int
skey_find(const char *key)
{
	unsigned int i;

	for (i = 0; i < SK_MAX; i++)
		if (strcmp(skeys[i].name, key) == 0)
			return (int)i;
	return -1;
}

static bool
pkt_key(const char *key)
{
	const struct pkt_key *k;
	unsigned int i;

	for (i = 0; (k = pkt_key_get(i)) != NULL; i++)
		if (strcmp(k->name, key) == 0)
			return true;
	return false;
}

bool
app_stream_key(const char *key)
{
	return skey_find(key) >= 0 || pkt_key(key);
}

/* Apply one of nblgen's own stream keys (NULL s: check only). */
static int
skey_apply(struct app_stream *s, int k, const char *v, char *err,
	   size_t len)
{
	struct pace_rate r;
	struct pace_sched *sc;
	char text[96];
	uint64_t x;
	int rc = 0;

	switch (k) {
	case SK_RATE:
		rc = pace_rate_parse(v, &r, err, len);
		break;
	case SK_PPS:
		snprintf(text, sizeof(text), "%spps", v);
		rc = pace_rate_parse(text, &r, err, len);
		break;
	case SK_MBPS:
		snprintf(text, sizeof(text), "l2:%sMbps", v);
		rc = pace_rate_parse(text, &r, err, len);
		break;
	case SK_SCHEDULE:
		sc = malloc(sizeof(*sc));
		if (sc == NULL)
			return app_err(err, len, "out of memory");
		rc = pace_sched_parse(v, sc, err, len);
		if (rc == 0 && s != NULL) {
			s->sched = *sc;
			s->sched_set = true;
			snprintf(s->sched_text, sizeof(s->sched_text), "%s",
				 v);
		}
		free(sc);
		return rc;
	case SK_COUNT:
		rc = pace_count_parse(v, 1, UINT64_MAX - 1, &x, err, len);
		if (rc == 0 && s != NULL)
			s->count = x;
		return rc;
	case SK_BYTES:
		rc = pace_count_parse(v, 1, UINT64_MAX - 1, &x, err, len);
		if (rc == 0 && s != NULL)
			s->bytes = x;
		return rc;
	case SK_PORT:
		rc = pace_count_parse(v, 0, APP_PORTS_MAX - 1, &x, err, len);
		if (rc == 0 && s != NULL)
			s->port = (unsigned int)x;
		return rc;
	case SK_CKSUM:
		if (strcmp(v, "frame") == 0)
			x = APP_CKSUM_FRAME;
		else if (strcmp(v, "offload") == 0)
			x = APP_CKSUM_OFFLOAD;
		else if (strcmp(v, "software") == 0)
			x = APP_CKSUM_SOFTWARE;
		else
			return app_err(err, len, "'%s' is not frame, offload "
				       "or software", v);
		if (s != NULL)
			s->cksum = (enum app_cksum)x;
		return 0;
	default:
		return -ENOENT;
	}
	/* the rate keys: a rate replaces a schedule of a lower level, as a
	 * schedule replaces a rate */
	if (rc == 0 && s != NULL) {
		s->rate = r;
		pace_rate_format(&r, s->rate_text, sizeof(s->rate_text));
		s->sched_set = false;
	}
	return rc;
}

int
app_stream_key_check(const char *key, const char *value, char *err,
		     size_t errlen)
{
	struct pkt_spec *spec;
	int k = skey_find(key), rc;

	if (k >= 0)
		/* -ERANGE of a count or rate out of range included */
		return skey_apply(NULL, k, value, err, errlen) == 0 ? 0 :
			-EINVAL;
	spec = pkt_spec_create();
	if (spec == NULL)
		return app_err(err, errlen, "out of memory");
	rc = pkt_spec_set(spec, key, value, err, errlen);
	pkt_spec_free(spec);
	return rc;
}

/* rate, pps, mbps and schedule: one setting, the stream's rate. */
static bool
rate_key(const char *key)
{
	int k = skey_find(key);

	return k == SK_RATE || k == SK_PPS || k == SK_MBPS ||
		k == SK_SCHEDULE;
}

int
app_kvs_add(struct app_kvs *kvs, const char *key, const char *value,
	    const char *origin, char *err, size_t errlen)
{
	char why[APP_ERR_LEN];
	struct app_kv *kv;
	unsigned int i;
	int rc;

	rc = app_stream_key_check(key, value, why, sizeof(why));
	if (rc == -ENOENT)
		return app_err(err, errlen, "%s: unknown key '%s'", origin,
			       key);
	if (rc != 0)
		return app_err(err, errlen, "%s: %s", origin, why);
	/* two of them at one level: which would win is anybody's guess */
	for (i = 0; rate_key(key) && i < kvs->n; i++)
		if (rate_key(kvs->kv[i].key) &&
		    strcmp(kvs->kv[i].key, key) != 0)
			return app_err(err, errlen, "%s: the rate is given "
				       "already by %s; give one of rate, pps, "
				       "mbps and schedule", origin,
				       kvs->kv[i].origin);
	if (kvs->n >= APP_KV_MAX)
		return app_err(err, errlen, "%s: more than %d stream keys",
			       origin, APP_KV_MAX);
	if (strlen(value) > APP_VALUE_MAX)
		return app_err(err, errlen, "%s: value longer than %d bytes",
			       origin, APP_VALUE_MAX);
	kv = &kvs->kv[kvs->n++];
	snprintf(kv->key, sizeof(kv->key), "%s", key);
	snprintf(kv->value, sizeof(kv->value), "%s", value);
	snprintf(kv->origin, sizeof(kv->origin), "%s", origin);
	return 0;
}

static int
kvs_apply(struct app_stream *s, const struct app_kvs *kvs, char *err,
	  size_t errlen)
{
	char why[APP_ERR_LEN];
	unsigned int i;

	for (i = 0; i < kvs->n; i++) {
		const struct app_kv *kv = &kvs->kv[i];
		int k = skey_find(kv->key), rc;

		rc = k >= 0 ? skey_apply(s, k, kv->value, why, sizeof(why)) :
			pkt_spec_set(s->spec, kv->key, kv->value, why,
				     sizeof(why));
		if (rc != 0)
			return app_err(err, errlen, "%s: %s", kv->origin, why);
	}
	return 0;
}

int
app_streams_build(const struct app_opts *o, struct app_stream **streams,
		  unsigned int *nstreams, char *err, size_t errlen)
{
	unsigned int n = o->nstreams != 0 ? o->nstreams : 1, i;
	struct app_stream *ss = calloc(n, sizeof(*ss));
	int rc = 0;

	if (ss == NULL)
		return app_err(err, errlen, "out of memory");
	for (i = 0; i < n && rc == 0; i++) {
		struct app_stream *s = &ss[i];

		s->index = o->nstreams != 0 ? o->streams[i].index : 0;
		snprintf(s->name, sizeof(s->name), "stream.%u", s->index);
		s->rate.unit = PACE_UNIT_MAX;
		snprintf(s->rate_text, sizeof(s->rate_text), "max");
		s->count = UINT64_MAX;
		s->bytes = UINT64_MAX;
		s->spec = pkt_spec_create();
		if (s->spec == NULL) {
			rc = app_err(err, errlen, "out of memory");
			break;
		}
		rc = kvs_apply(s, &o->traffic, err, errlen);
		if (rc == 0 && o->nstreams != 0)
			rc = kvs_apply(s, &o->streams[i].keys, err, errlen);
		if (rc == 0)
			rc = kvs_apply(s, &o->cli, err, errlen);
	}
	if (rc != 0) {
		app_streams_free(ss, n);
		return rc;
	}
	*streams = ss;
	*nstreams = n;
	return 0;
}

void
app_streams_free(struct app_stream *streams, unsigned int n)
{
	unsigned int i;

	if (streams == NULL)
		return;
	for (i = 0; i < n; i++)
		pkt_spec_free(streams[i].spec);
	free(streams);
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/* The counter schema of struct stats_tx, and what is generated from it:
 * sums of blocks, field-wise addition, JSON objects. */

#include <assert.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "stats_private.h"

#define FIELD(n, u, h) { \
	.name = #n, \
	.unit = u, \
	.offset = offsetof(struct stats_tx, n), \
	.kind = STATS_COUNTER, \
	.help = h, \
}

static const struct stats_field stats_tx_schema[] = {
	FIELD(requested, "frames",
	      "Frames the stream's schedule asked for by now (paced), "
	      "or frames offered to the port (unpaced)."),
	FIELD(tx_packets, "frames",
	      "Frames the port accepted; with the NDIS engine, frames "
	      "whose NBL completed with SUCCESS."),
	FIELD(tx_bytes, "bytes",
	      "Bytes of the frames sent, without FCS, as DPDK counts "
	      "them."),
	FIELD(ring_full, "frames",
	      "Frames the TX ring refused after the bounded retry; "
	      "offered again later, they explain a shortfall."),
	FIELD(pool_empty, "frames",
	      "Frames that found no buffer; offered again later, they "
	      "explain a shortfall."),
	FIELD(submitted, "NBLs",
	      "NBLs given to the binding (NDIS engine)."),
	FIELD(completed, "NBLs",
	      "NBLs the binding completed back to the sender (NDIS "
	      "engine)."),
	FIELD(failed, "NBLs",
	      "Completed NBLs whose status was not SUCCESS (NDIS "
	      "engine)."),
	FIELD(failed_resources, "NBLs",
	      "Completed NBLs with status RESOURCES."),
	FIELD(failed_invalid_length, "NBLs",
	      "Completed NBLs with status INVALID_LENGTH."),
	FIELD(failed_paused, "NBLs",
	      "Completed NBLs with status PAUSED."),
	FIELD(failed_aborted, "NBLs",
	      "Completed NBLs with status SEND_ABORTED."),
	FIELD(failed_other, "NBLs",
	      "Completed NBLs with status FAILURE or another failure "
	      "status."),
	FIELD(verify_errors, "frames",
	      "Frames that --verify found different from the frames "
	      "meant to be sent."),
	FIELD(bursts, "calls",
	      "Send calls the sender made."),
	{
		.name = "active_ns",
		.unit = "ns",
		.offset = offsetof(struct stats_tx, active_ns),
		.kind = STATS_GAUGE,
		.help = "Nanoseconds from the run's start to the last frame "
			"sent (a stream that finished early: its own "
			"sending time, over which its rates are computed; 0 "
			"while it sends). Sums take the largest.",
	},
};

#undef FIELD

/* Every counter is a uint64_t and the schema covers all of them. */
static_assert(sizeof(stats_tx_schema) / sizeof(stats_tx_schema[0]) *
	      sizeof(uint64_t) == offsetof(struct stats_tx, active_ns) +
	      sizeof(uint64_t), "the schema must name every counter");

const struct stats_field *
stats_tx_fields(unsigned int *n)
{
	if (n != NULL)
		*n = RTE_DIM(stats_tx_schema);
	return stats_tx_schema;
}

static inline uint64_t *
field_ptr(struct stats_tx *s, const struct stats_field *f)
{
	return (uint64_t *)((char *)s + f->offset);
}

static inline const uint64_t *
field_cptr(const struct stats_tx *s, const struct stats_field *f)
{
	return (const uint64_t *)((const char *)s + f->offset);
}

void
stats_tx_sum(struct stats_tx *out, const struct stats_tx *const *blocks,
	     unsigned int n)
{
	unsigned int i, j;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++) {
		const struct stats_tx *b = blocks[i];

		for (j = 0; j < RTE_DIM(stats_tx_schema); j++) {
			const struct stats_field *f = &stats_tx_schema[j];
			uint64_t v = __atomic_load_n(field_cptr(b, f),
						     __ATOMIC_RELAXED);

			if (f->kind == STATS_GAUGE)
				*field_ptr(out, f) = RTE_MAX(*field_ptr(out, f),
							     v);
			else
				*field_ptr(out, f) += v;
		}
	}
}

void
stats_tx_add(struct stats_tx *out, const struct stats_tx *add)
{
	unsigned int j;

	for (j = 0; j < RTE_DIM(stats_tx_schema); j++) {
		const struct stats_field *f = &stats_tx_schema[j];

		*field_ptr(out, f) = f->kind == STATS_GAUGE ?
			RTE_MAX(*field_ptr(out, f), *field_cptr(add, f)) :
			*field_ptr(out, f) + *field_cptr(add, f);
	}
}

json_t *
stats_json_u64(uint64_t v)
{
	return json_integer(v > INT64_MAX ? INT64_MAX : (json_int_t)v);
}

int
stats_json_set(json_t *obj, const char *key, json_t *v)
{
	if (v == NULL)
		return -ENOMEM;
	return json_object_set_new(obj, key, v) == 0 ? 0 : -ENOMEM;
}

int
stats_tx_json_set(json_t *obj, const struct stats_tx *s)
{
	unsigned int j;
	int rc;

	for (j = 0; j < RTE_DIM(stats_tx_schema); j++) {
		const struct stats_field *f = &stats_tx_schema[j];

		rc = stats_json_set(obj, f->name,
				    stats_json_u64(*field_cptr(s, f)));
		if (rc != 0)
			return rc;
	}
	return stats_json_set(obj, "shortfall",
			      stats_json_u64(stats_tx_shortfall(s)));
}

json_t *
stats_tx_json(const struct stats_tx *s)
{
	json_t *o = json_object();

	if (o == NULL)
		return NULL;
	if (stats_tx_json_set(o, s) != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

double
stats_rate(uint64_t n, double dt)
{
	return dt > 0 ? (double)n / dt : 0;
}

/* Bits on the wire of packets frames of bytes bytes (without FCS), each
 * with extra bytes more, over dt seconds; in double so that no product
 * overflows. */
static double
wire_bps(uint64_t packets, uint64_t bytes, unsigned int extra, double dt)
{
	if (dt <= 0)
		return 0;
	return ((double)bytes + (double)extra * (double)packets) * 8.0 / dt;
}

double
stats_l1_bps(uint64_t packets, uint64_t bytes, double dt)
{
	return wire_bps(packets, bytes, STATS_L1_EXTRA, dt);
}

double
stats_l2_bps(uint64_t packets, uint64_t bytes, double dt)
{
	return wire_bps(packets, bytes, STATS_FCS_LEN, dt);
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/* The sampler: per port, rates over the interval since the last sample,
 * written as CSV rows and as the live line. */

#include <errno.h>
#include <inttypes.h>
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "stats_private.h"

/* Most characters of a port's name on the live line. */
#define LIVE_NAME_MAX 32

/* What one port did over one interval. */
struct interval {
	double pps;
	double l1_bps;
	double l2_bps;
};

int
stats_sampler_init(struct stats_sampler *s, const struct stats_reg *reg,
		   FILE *csv)
{
	size_t size;

	if (s == NULL || reg == NULL)
		return -EINVAL;
	memset(s, 0, sizeof(*s));
	size = (size_t)reg->nports * sizeof(*s->last);
	s->last = aligned_alloc(alignof(struct stats_tx), size);
	if (s->last == NULL)
		return -ENOMEM;
	memset(s->last, 0, size);
	s->reg = reg;
	s->nports = reg->nports;
	s->csv = csv;
	return 0;
}

void
stats_sampler_fini(struct stats_sampler *s)
{
	if (s == NULL)
		return;
	free(s->last);
	s->last = NULL;
	s->nports = 0;
}

static uint64_t
delta(uint64_t now, uint64_t before)
{
	return now > before ? now - before : 0;
}

static bool
csv_column_dup(const struct stats_field *f)
{
	/* tx_packets and tx_bytes lead the row, next to the rates. */
	return f->offset == offsetof(struct stats_tx, tx_packets) ||
	       f->offset == offsetof(struct stats_tx, tx_bytes);
}

/* A CSV field: quoted (RFC 4180) if it holds a comma, a quote or a line
 * break. */
static void
csv_string(FILE *f, const char *v)
{
	const char *p;

	if (strpbrk(v, ",\"\r\n") == NULL) {
		fputs(v, f);
		return;
	}
	fputc('"', f);
	for (p = v; *p != '\0'; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

static void
csv_header(FILE *f)
{
	const struct stats_field *fields;
	unsigned int i, n;

	fputs("time_s,port,name,tx_packets,tx_bytes,pps,l1_bps,l2_bps", f);
	fields = stats_tx_fields(&n);
	for (i = 0; i < n; i++)
		if (!csv_column_dup(&fields[i]))
			fprintf(f, ",%s", fields[i].name);
	fputs(",shortfall\n", f);
}

static void
csv_row(FILE *f, double t, unsigned int port, const char *name,
	const struct stats_tx *c, const struct interval *iv)
{
	const struct stats_field *fields;
	unsigned int i, n;

	fprintf(f, "%.3f,%u,", t, port);
	csv_string(f, name);
	fprintf(f, ",%" PRIu64 ",%" PRIu64 ",%.3f,%.0f,%.0f", c->tx_packets,
		c->tx_bytes, iv->pps, iv->l1_bps, iv->l2_bps);
	fields = stats_tx_fields(&n);
	for (i = 0; i < n; i++) {
		if (csv_column_dup(&fields[i]))
			continue;
		fprintf(f, ",%" PRIu64,
			*(const uint64_t *)((const char *)c +
					    fields[i].offset));
	}
	fprintf(f, ",%" PRIu64 "\n", stats_tx_shortfall(c));
}

static void
live_port(FILE *f, unsigned int port, const char *name,
	  const struct stats_tx *c, const struct interval *iv)
{
	fprintf(f, "port %u %.*s: %.3f Mpps %.3f Gbit/s, %" PRIu64
		" frames, shortfall %" PRIu64 " (ring full %" PRIu64
		", pool empty %" PRIu64 ")", port, LIVE_NAME_MAX, name,
		iv->pps / 1e6, iv->l1_bps / 1e9, c->tx_packets,
		stats_tx_shortfall(c), c->ring_full, c->pool_empty);
}

int
stats_sampler_sample_at(struct stats_sampler *s, double t, FILE *live)
{
	const struct stats_reg *reg = s->reg;
	double dt = t - s->last_t;
	char *buf = NULL;
	size_t len = 0;
	FILE *m = NULL;
	unsigned int p;
	int rc = 0;

	/* The live line is built in memory and written with one call, so
	 * that another thread's message does not land inside it. */
	if (live != NULL)
		m = open_memstream(&buf, &len);
	if (m != NULL)
		fprintf(m, "nblgen: %.1f s  ", t);
	if (s->csv != NULL && !s->header_done) {
		csv_header(s->csv);
		s->header_done = true;
	}
	for (p = 0; p < s->nports; p++) {
		struct stats_tx cur;
		struct interval iv;
		uint64_t n, b;

		stats_reg_port_sum(reg, p, &cur);
		n = delta(cur.tx_packets, s->last[p].tx_packets);
		b = delta(cur.tx_bytes, s->last[p].tx_bytes);
		iv.pps = stats_rate(n, dt);
		iv.l1_bps = stats_l1_bps(n, b, dt);
		iv.l2_bps = stats_l2_bps(n, b, dt);
		if (s->csv != NULL)
			csv_row(s->csv, t, p, reg->ports[p].name, &cur, &iv);
		if (m != NULL) {
			if (p > 0)
				fputs(" | ", m);
			live_port(m, p, reg->ports[p].name, &cur, &iv);
		}
		s->last[p] = cur;
	}
	s->last_t = t;
	if (s->csv != NULL && (fflush(s->csv) != 0 || ferror(s->csv)))
		rc = -EIO;
	if (m != NULL) {
		fputc('\n', m);
		if (fclose(m) == 0)
			fwrite(buf, 1, len, live);
		free(buf);
	}
	return rc;
}

int
stats_sampler_sample(struct stats_sampler *s, FILE *live)
{
	return stats_sampler_sample_at(s, stats_reg_elapsed(s->reg), live);
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/* The registry of a run: ports, streams and their senders' blocks, the
 * sums a reader takes of them, and the run's start and stop clocks. */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_errno.h>

#include "stats_private.h"

struct stats_reg *
stats_reg_create(unsigned int nports, unsigned int nstreams)
{
	struct stats_reg *reg;

	if (nports == 0 || nstreams == 0) {
		rte_errno = EINVAL;
		return NULL;
	}
	reg = calloc(1, sizeof(*reg));
	if (reg == NULL)
		goto nomem;
	reg->ports = calloc(nports, sizeof(*reg->ports));
	reg->streams = calloc(nstreams, sizeof(*reg->streams));
	if (reg->ports == NULL || reg->streams == NULL)
		goto nomem;
	reg->nports = nports;
	reg->nstreams = nstreams;
	return reg;
nomem:
	stats_reg_free(reg);
	rte_errno = ENOMEM;
	return NULL;
}

void
stats_reg_free(struct stats_reg *reg)
{
	if (reg == NULL)
		return;
	stats_telemetry_detach(reg);
	free(reg->ports);
	free(reg->streams);
	free(reg);
}

int
stats_reg_port_set(struct stats_reg *reg, unsigned int port,
		   const struct stats_port_info *info)
{
	if (reg == NULL || info == NULL || port >= reg->nports)
		return -EINVAL;
	reg->ports[port] = *info;
	return 0;
}

int
stats_reg_stream_set(struct stats_reg *reg, unsigned int stream,
		     const struct stats_stream_info *info)
{
	if (reg == NULL || info == NULL || stream >= reg->nstreams ||
	    info->port >= reg->nports)
		return -EINVAL;
	reg->streams[stream].info = *info;
	return 0;
}

int
stats_reg_block_add(struct stats_reg *reg, unsigned int stream,
		    const struct stats_tx *block, unsigned int lcore)
{
	struct stats_stream *st;
	unsigned int n;

	if (reg == NULL || block == NULL || stream >= reg->nstreams)
		return -EINVAL;
	st = &reg->streams[stream];
	n = st->nblocks;
	if (n >= STATS_BLOCKS_MAX)
		return -ENOSPC;
	st->blocks[n] = block;
	st->lcores[n] = lcore;
	__atomic_store_n(&st->nblocks, n + 1, __ATOMIC_RELEASE);
	return 0;
}

unsigned int
stats_stream_blocks(const struct stats_stream *st)
{
	return __atomic_load_n(&st->nblocks, __ATOMIC_ACQUIRE);
}

int
stats_reg_stream_sum(const struct stats_reg *reg, unsigned int stream,
		     struct stats_tx *out)
{
	const struct stats_stream *st;

	if (reg == NULL || out == NULL || stream >= reg->nstreams)
		return -EINVAL;
	st = &reg->streams[stream];
	stats_tx_sum(out, st->blocks, stats_stream_blocks(st));
	return 0;
}

int
stats_reg_port_sum(const struct stats_reg *reg, unsigned int port,
		   struct stats_tx *out)
{
	struct stats_tx one;
	unsigned int i;

	if (reg == NULL || out == NULL || port >= reg->nports)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	for (i = 0; i < reg->nstreams; i++) {
		if (reg->streams[i].info.port != port)
			continue;
		stats_reg_stream_sum(reg, i, &one);
		stats_tx_add(out, &one);
	}
	return 0;
}

void
stats_reg_size(const struct stats_reg *reg, unsigned int *nports,
	       unsigned int *nstreams)
{
	if (nports != NULL)
		*nports = reg != NULL ? reg->nports : 0;
	if (nstreams != NULL)
		*nstreams = reg != NULL ? reg->nstreams : 0;
}

static uint64_t
clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

void
stats_reg_start(struct stats_reg *reg)
{
	if (reg == NULL)
		return;
	__atomic_store_n(&reg->stopped, false, __ATOMIC_RELEASE);
	__atomic_store_n(&reg->start_real_ns, clock_ns(CLOCK_REALTIME),
			 __ATOMIC_RELAXED);
	__atomic_store_n(&reg->start_mono_ns, clock_ns(CLOCK_MONOTONIC),
			 __ATOMIC_RELAXED);
	__atomic_store_n(&reg->started, true, __ATOMIC_RELEASE);
}

void
stats_reg_stop(struct stats_reg *reg)
{
	if (reg == NULL || !__atomic_load_n(&reg->started, __ATOMIC_ACQUIRE))
		return;
	__atomic_store_n(&reg->stop_real_ns, clock_ns(CLOCK_REALTIME),
			 __ATOMIC_RELAXED);
	__atomic_store_n(&reg->stop_mono_ns, clock_ns(CLOCK_MONOTONIC),
			 __ATOMIC_RELAXED);
	__atomic_store_n(&reg->stopped, true, __ATOMIC_RELEASE);
}

double
stats_reg_elapsed(const struct stats_reg *reg)
{
	uint64_t start, end;

	if (reg == NULL || !__atomic_load_n(&reg->started, __ATOMIC_ACQUIRE))
		return 0;
	start = __atomic_load_n(&reg->start_mono_ns, __ATOMIC_RELAXED);
	if (__atomic_load_n(&reg->stopped, __ATOMIC_ACQUIRE))
		end = __atomic_load_n(&reg->stop_mono_ns, __ATOMIC_RELAXED);
	else
		end = clock_ns(CLOCK_MONOTONIC);
	return end > start ? (double)(end - start) / 1e9 : 0;
}

bool
stats_reg_start_real(const struct stats_reg *reg, uint64_t *ns)
{
	if (!__atomic_load_n(&reg->started, __ATOMIC_ACQUIRE)) {
		*ns = 0;
		return false;
	}
	*ns = __atomic_load_n(&reg->start_real_ns, __ATOMIC_RELAXED);
	return true;
}

bool
stats_reg_stop_real(const struct stats_reg *reg, uint64_t *ns)
{
	if (!__atomic_load_n(&reg->stopped, __ATOMIC_ACQUIRE)) {
		*ns = 0;
		return false;
	}
	*ns = __atomic_load_n(&reg->stop_real_ns, __ATOMIC_RELAXED);
	return true;
}

int
stats_iso8601(char *buf, size_t len, uint64_t real_ns)
{
	time_t sec = (time_t)(real_ns / 1000000000ULL);
	unsigned int ms = (unsigned int)(real_ns % 1000000000ULL / 1000000);
	struct tm tm;
	size_t n;

	if (gmtime_r(&sec, &tm) == NULL)
		return -EINVAL;
	n = strftime(buf, len, "%Y-%m-%dT%H:%M:%S", &tm);
	if (n == 0 || (size_t)snprintf(buf + n, len - n, ".%03uZ", ms) >=
	    len - n)
		return -EINVAL;
	return 0;
}

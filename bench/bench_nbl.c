/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * bench_nbl: cycles per object of allocating and freeing an NBL with its NB
 * from a (T,N) libnbl pool, against raw rte_pktmbuf alloc/free from a
 * pktmbuf pool of the same size (objects, per-lcore cache, data room).
 *
 *   single  nbl_list_alloc + nbl_list_free
 *           vs rte_pktmbuf_alloc + rte_pktmbuf_free
 *   bulk    nbl_list_alloc_bulk + nbl_list_free_bulk of --burst objects
 *           vs rte_pktmbuf_alloc_bulk + rte_pktmbuf_free_bulk
 *
 * The four engines run in alternating order for --rounds rounds and the
 * median of each is reported.  This is a benchmark: it prints figures and
 * never fails because of them; it fails only on a setup error or a leak.
 * Every engine handles the same number of objects per round (--objects):
 * the single engines in that many calls, the bulk ones in objects/burst.
 *
 * Usage: bench_nbl [EAL options --] [--rounds R] [--objects O] [--burst B]
 *                  [--count N] [--cache C] [--data-size D] [--context X]
 * Without EAL options it runs with --no-huge -m 512 --no-pci -l 0.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include <nbl.h>

#include "bench_common.h"

#define BENCH_MAX_BURST  128

/** Run parameters (parsed once, then read-only). */
struct bench_conf {
	unsigned int rounds;    /**< rounds of the four engines */
	unsigned int objects;   /**< objects per engine and round */
	unsigned int burst;     /**< objects per bulk call */
	unsigned int count;     /**< objects per pool */
	unsigned int cache;     /**< per-lcore mempool cache */
	unsigned int data_size; /**< data room of each object */
	unsigned int context;   /**< NBL context bytes (pool and allocation) */
};

/** What the engines work on. */
struct bench_ctx {
	const struct bench_conf *conf;
	struct nbl_list_pool *nbl_pool;
	struct rte_mempool *raw_pool;
	struct nbl_list *nbls[BENCH_MAX_BURST];
	struct rte_mbuf *mbufs[BENCH_MAX_BURST];
	unsigned int failures; /**< allocation failures (none expected) */
};

/** One engine: allocate and free conf->objects objects, return how many
 * it handled. */
typedef uint64_t (*bench_fn)(struct bench_ctx *c);

static uint64_t
bench_nbl_single(struct bench_ctx *c)
{
	unsigned int i;

	for (i = 0; i < c->conf->objects; i++) {
		struct nbl_list *nbl = nbl_list_alloc(c->nbl_pool,
						      c->conf->context, 0);

		if (unlikely(nbl == NULL)) {
			c->failures++;
			continue;
		}
		nbl_list_free(nbl);
	}
	return c->conf->objects;
}

static uint64_t
bench_nbl_bulk(struct bench_ctx *c)
{
	unsigned int i, n = c->conf->burst, iters = c->conf->objects / n;

	for (i = 0; i < iters; i++) {
		if (unlikely(nbl_list_alloc_bulk(c->nbl_pool, c->nbls, n,
						 c->conf->context, 0) != 0)) {
			c->failures++;
			continue;
		}
		nbl_list_free_bulk(c->nbl_pool, c->nbls, n);
	}
	return (uint64_t)iters * n;
}

static uint64_t
bench_raw_single(struct bench_ctx *c)
{
	unsigned int i;

	for (i = 0; i < c->conf->objects; i++) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(c->raw_pool);

		if (unlikely(m == NULL)) {
			c->failures++;
			continue;
		}
		rte_pktmbuf_free(m);
	}
	return c->conf->objects;
}

static uint64_t
bench_raw_bulk(struct bench_ctx *c)
{
	unsigned int i, n = c->conf->burst, iters = c->conf->objects / n;

	for (i = 0; i < iters; i++) {
		if (unlikely(rte_pktmbuf_alloc_bulk(c->raw_pool, c->mbufs,
						    n) != 0)) {
			c->failures++;
			continue;
		}
		rte_pktmbuf_free_bulk(c->mbufs, n);
	}
	return (uint64_t)iters * n;
}

/** The engines, in the order of a round; NDIS and raw alternate. */
static const struct {
	const char *name;
	bench_fn fn;
} engines[] = {
	{ "ndis single", bench_nbl_single },
	{ "raw single", bench_raw_single },
	{ "ndis bulk", bench_nbl_bulk },
	{ "raw bulk", bench_raw_bulk },
};
#define NB_ENGINES RTE_DIM(engines)
enum { E_NDIS_SINGLE, E_RAW_SINGLE, E_NDIS_BULK, E_RAW_BULK };

static void
usage(void)
{
	printf("usage: %s [EAL options --] [options]\n"
	       "  --rounds R     rounds of alternating engines (default 5)\n"
	       "  --objects O    objects allocated and freed per engine and "
	       "round\n                 (default 10000000)\n"
	       "  --burst B      objects per bulk call (default 32)\n"
	       "  --count N      objects per pool (default 8191)\n"
	       "  --cache C      per-lcore mempool cache (default 256)\n"
	       "  --data-size D  data room per object (default 2176)\n"
	       "  --context X    NBL context bytes, multiple of 16 "
	       "(default 16)\n"
	       "Without EAL options: --no-huge -m 512 --no-pci -l 0 "
	       "--no-telemetry\n  --no-shconf --file-prefix bench_nbl_<pid>\n", "bench_nbl");
}

/* --context: NBL_MAA multiples only. */
static int
check_context(unsigned int context)
{
	if (context % NBL_MAA != 0) {
		fprintf(stderr, "bench_nbl: option --context: "
			"%u is not a multiple of %d\n", context, NBL_MAA);
		return -EINVAL;
	}
	return 0;
}

static int
parse_args(int argc, char **argv, struct bench_conf *conf)
{
	const struct bench_opt opts[] = {
		{ "rounds", 1, BENCH_MAX_ROUNDS, &conf->rounds, NULL },
		{ "objects", 1000, 2000000000, &conf->objects, NULL },
		{ "burst", 1, BENCH_MAX_BURST, &conf->burst, NULL },
		{ "count", 64, 1u << 24, &conf->count, NULL },
		{ "cache", 0, RTE_MEMPOOL_CACHE_MAX_SIZE, &conf->cache, NULL },
		{ "data-size", RTE_PKTMBUF_HEADROOM + 64, 65535,
		  &conf->data_size, NULL },
		{ "context", 0, 1024, &conf->context, check_context },
	};

	if (bench_parse_opts("bench_nbl", argc, argv, opts, RTE_DIM(opts),
			     usage) != 0)
		return -EINVAL;
	if (conf->burst > conf->count / 2) {
		fprintf(stderr, "bench_nbl: --burst %u is too large for "
			"--count %u\n", conf->burst, conf->count);
		return -EINVAL;
	}
	return 0;
}

static int
pools_create(struct bench_ctx *c)
{
	const struct bench_conf *conf = c->conf;
	struct nbl_list_pool_params p = {
		.protocol_id = 0,
		.alloc_nb = true,
		.context_size = (uint16_t)conf->context,
		.data_size = conf->data_size,
		.tag = 0x68636e42, /* "Bnch" */
		.count = conf->count,
		.cache_size = conf->cache,
		.socket_id = (int)rte_socket_id(),
	};

	c->nbl_pool = nbl_list_pool_create(&p);
	if (c->nbl_pool == NULL) {
		fprintf(stderr, "bench_nbl: nbl_list_pool_create: %s\n",
			rte_strerror(rte_errno));
		return -1;
	}
	c->raw_pool = rte_pktmbuf_pool_create("bench_raw", conf->count,
					      conf->cache, 0,
					      (uint16_t)conf->data_size,
					      (int)rte_socket_id());
	if (c->raw_pool == NULL) {
		fprintf(stderr, "bench_nbl: rte_pktmbuf_pool_create: %s\n",
			rte_strerror(rte_errno));
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	bool own_prefix = false;
	struct bench_conf conf = {
		.rounds = 5,
		.objects = 10000000,
		.burst = 32,
		.count = 8191,
		.cache = 256,
		.data_size = RTE_MBUF_DEFAULT_BUF_SIZE,
		.context = 16,
	};
	static struct bench_ctx c;
	double cyc[NB_ENGINES][BENCH_MAX_ROUNDS];
	double med[NB_ENGINES];
	double hz, single_ratio, bulk_ratio;
	unsigned int r, k;
	int status = EXIT_SUCCESS;

	if (bench_eal_init(&argc, &argv, "bench_nbl", "0", NULL, 0,
			   &own_prefix) != 0)
		return EXIT_FAILURE;
	if (parse_args(argc, argv, &conf) != 0) {
		bench_eal_cleanup(own_prefix);
		return EXIT_FAILURE;
	}
	c.conf = &conf;
	if (pools_create(&c) != 0) {
		status = EXIT_FAILURE;
		goto out;
	}
	hz = (double)rte_get_tsc_hz();
	printf("bench_nbl: %u rounds x %u objects per engine, burst %u, "
	       "pools of %u objects, cache %u, data room %u, context %u, "
	       "TSC %.3f GHz\n",
	       conf.rounds, conf.objects, conf.burst, conf.count, conf.cache,
	       conf.data_size, conf.context, hz / 1e9);

	/* Warm up: touch every object of both pools once through the
	 * caches, and fault in the code. */
	for (k = 0; k < NB_ENGINES; k++) {
		unsigned int objects = conf.objects;

		conf.objects = RTE_MAX(conf.count, 100000u);
		engines[k].fn(&c);
		conf.objects = objects;
	}

	for (r = 0; r < conf.rounds; r++) {
		for (k = 0; k < NB_ENGINES; k++) {
			/* Odd rounds run the engines in reverse order. */
			unsigned int e = r % 2 ? NB_ENGINES - 1 - k : k;
			uint64_t t0, t1, objs;

			t0 = rte_rdtsc_precise();
			objs = engines[e].fn(&c);
			t1 = rte_rdtsc_precise();
			cyc[e][r] = (double)(t1 - t0) / (double)objs;
		}
		printf("round %u:", r + 1);
		for (k = 0; k < NB_ENGINES; k++)
			printf("  %s %.2f", engines[k].name, cyc[k][r]);
		printf("  (cycles/object)\n");
	}
	for (k = 0; k < NB_ENGINES; k++)
		med[k] = bench_median(cyc[k], conf.rounds);

	single_ratio = med[E_NDIS_SINGLE] / med[E_RAW_SINGLE];
	bulk_ratio = med[E_NDIS_BULK] / med[E_RAW_BULK];
	printf("median cycles/object (ns/object):\n");
	for (k = 0; k < NB_ENGINES; k++)
		printf("  %-12s %8.2f (%6.2f ns)\n", engines[k].name, med[k],
		       med[k] * 1e9 / hz);
	printf("ratio NDIS/raw single: %.3f\n", single_ratio);
	printf("ratio NDIS/raw bulk(%u): %.3f\n", conf.burst, bulk_ratio);
	printf("bulk overhead: %.1f%% (target <= 10%%)\n",
	       (bulk_ratio - 1.0) * 100.0);
	if (c.failures != 0) {
		fprintf(stderr, "bench_nbl: %u allocations failed\n",
			c.failures);
		status = EXIT_FAILURE;
	}

out:
	fflush(stdout);
	if (c.nbl_pool != NULL && nbl_list_pool_free(c.nbl_pool) != 0) {
		fprintf(stderr, "bench_nbl: NBL pool still has objects out\n");
		status = EXIT_FAILURE;
	}
	if (bench_raw_pool_free("bench_nbl", c.raw_pool) != 0)
		status = EXIT_FAILURE;
	if (bench_leak_check("bench_nbl") != 0)
		status = EXIT_FAILURE;
	bench_eal_cleanup(own_prefix);
	return status;
}

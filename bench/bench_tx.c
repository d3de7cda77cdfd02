/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * bench_tx: packets per second of one TX lcore on net_null (no-rx=1) with
 * 64-byte frames, for three engines that run in alternating order, each for
 * the same duration, in every round:
 *
 *   raw         rte_pktmbuf_alloc_bulk + rte_eth_tx_burst, no packet
 *               writes (only data_len/pkt_len = 64): the port's ceiling
 *   ff          the binding's fire-and-forget path: nbl_list_alloc_bulk
 *               from the binding's pool + nbl_bind_send_ff() (the pool's
 *               NBLs hold 64-byte frames, nbl_bind_conf::frame_len)
 *   ff-template the binding's fire-and-forget template burst:
 *               nbl_bind_send_ff_template() (the pool's buffers go out as
 *               they are, no NBL reset: the generator's top speed)
 *   completion  the binding's completion path: nbl_list_alloc_bulk, a
 *               chain to nbl_bind_send(), nbl_bind_poll() delivers the
 *               send-complete callback, which frees the NBLs
 *   recycle     the completion path as a generator drives it: a fixed set
 *               of NBLs (allocated once) is sent, and each NBL that comes
 *               back through the callback is sent again (the protocol
 *               owns it again the moment it completes), so no NBL is
 *               allocated, reset or freed while the engine runs; the
 *               callback walks each chain, checks every status and keeps
 *               the NBLs on a stack, the sender links its bursts from it
 *               (what nblgen does)
 *   resend      the same with the least a protocol must do: each chain is
 *               sent again whole as it came back, the statuses are checked
 *               from the binding's per-queue counters (the binding's own
 *               cost of a send and its completion)
 *
 * The raw engine owns port 0 (net_null0), the binding owns port 1
 * (net_null1); both ports have the same devargs.  The TX loop runs on the
 * first worker lcore, as testpmd's forwarding core does.  This is a
 * benchmark: it prints figures and fails only on a setup error, a lost NBL
 * or a leak.  The last line is machine-readable:
 *
 *   result raw_mpps=W ff_mpps=X fft_mpps=Y completion_mpps=Z
 *          recycle_mpps=V resend_mpps=U ff_raw=..
 *
 * (medians over the rounds; the *_raw ratios are the medians of the ratios
 * taken within each round, which a change of load between rounds does not
 * skew).
 *
 * Usage: bench_tx [EAL options --] [--rounds R] [--duration S] [--burst B]
 *                 [--size BYTES] [--engines MASK]
 * Without EAL options it runs with --no-huge -m 512 --no-pci -l 0-1
 * --vdev net_null0,no-rx=1 --vdev net_null1,no-rx=1.
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
#include <rte_ethdev.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include <nbl.h>
#include <nbl_bind.h>

#include "bench_common.h"

#define BENCH_MAX_BURST  NBL_BIND_BURST_MAX
#define RAW_POOL_COUNT   8191
#define RAW_POOL_CACHE   256
/* NBLs the recycle engine cycles (as many objects as the raw pool's
 * per-lcore cache holds) */
#define RECYCLE_NBLS     256

/** Run parameters (parsed once, then read-only). */
struct bench_conf {
	unsigned int rounds;   /**< rounds of the three engines */
	unsigned int duration; /**< seconds per engine and round */
	unsigned int burst;    /**< frames per burst */
	unsigned int size;     /**< frame bytes */
	unsigned int engines;  /**< bit k: run engines[k] */
};

/** State of the TX lcore; one instance, passed explicitly. */
struct bench_tx {
	const struct bench_conf *conf;
	uint16_t raw_port;             /**< port of the raw engine */
	struct rte_mempool *raw_pool;  /**< its mbufs */
	struct nbl_bind *bind;         /**< binding on the second port */
	struct nbl_bind_txq *txq;      /**< its queue 0 */
	struct nbl_list_pool *pool;    /**< its (T,N) pool */
	uint64_t deadline;             /**< TSC at which the engine stops */
	uint64_t sent;                 /**< frames the engine got out */
	uint64_t tsc;                  /**< TSC the engine ran */
	uint64_t completed;            /**< NBLs back through the callback */
	uint64_t not_success;          /**< of those, without SUCCESS */
	uint64_t alloc_fails;          /**< empty pool (the loop retries) */
	bool recycle;                  /**< the callback keeps the NBLs */
	bool resend;                   /**< ... as the chains they came in */
	unsigned int nb_ready;         /**< recycle: NBLs back in ready[] */
	unsigned int nb_chains;        /**< resend: chains back in chains[] */
	struct nbl_list *ready[RECYCLE_NBLS]; /**< recycle: a stack */
	struct nbl_list *chains[RECYCLE_NBLS]; /**< resend: a stack */
} __rte_cache_aligned;

/* The raw port's ceiling: mbufs straight to the PMD, which frees them. */
static void
engine_raw(struct bench_tx *b)
{
	struct rte_mbuf *m[BENCH_MAX_BURST];
	const uint16_t n = (uint16_t)b->conf->burst;
	const uint16_t len = (uint16_t)b->conf->size;
	uint64_t sent = 0;
	uint16_t i, k;

	while (rte_rdtsc() < b->deadline) {
		if (unlikely(rte_pktmbuf_alloc_bulk(b->raw_pool, m, n) != 0)) {
			b->alloc_fails++;
			continue;
		}
		for (i = 0; i < n; i++)
			m[i]->data_len = m[i]->pkt_len = len;
		k = rte_eth_tx_burst(b->raw_port, 0, m, n);
		if (unlikely(k < n))
			rte_pktmbuf_free_bulk(m + k, n - k);
		sent += k;
	}
	b->sent = sent;
}

/* Fire and forget: the PMD frees the NBLs' mbufs into the binding pool. */
static void
engine_ff(struct bench_tx *b)
{
	struct nbl_list *nbls[BENCH_MAX_BURST];
	const uint16_t n = (uint16_t)b->conf->burst;
	uint64_t sent = 0;

	while (rte_rdtsc() < b->deadline) {
		if (unlikely(nbl_list_alloc_bulk(b->pool, nbls, n, 0, 0) != 0)) {
			b->alloc_fails++;
			continue;
		}
		sent += nbl_bind_send_ff(b->txq, nbls, n);
	}
	b->sent = sent;
}

/* Fire and forget, template burst: no NBL is handed to the caller. */
static void
engine_ff_template(struct bench_tx *b)
{
	const uint16_t n = (uint16_t)b->conf->burst;
	const uint16_t len = (uint16_t)b->conf->size;
	uint64_t sent = 0;

	while (rte_rdtsc() < b->deadline)
		sent += nbl_bind_send_ff_template(b->txq, b->pool, n, len);
	b->sent = sent;
}

/* Send-complete callback: count the chain, then free it in bulk, or
 * (recycle engine) put it on top of the ready list to be sent again. */
static void
bench_complete(void *ctx, struct nbl_list *chain, uint32_t flags)
{
	struct bench_tx *b = ctx;
	struct nbl_list *done[BENCH_MAX_BURST];
	unsigned int k = 0, n = 0;

	RTE_SET_USED(flags);
	if (b->resend) {
		/* whole, as it came: counted from the binding's counters */
		b->chains[b->nb_chains++] = chain;
		return;
	}
	if (b->recycle) {
		/* RECYCLE_NBLS exist: the stack cannot overflow */
		for (; chain != NULL; chain = chain->next) {
			if (unlikely(chain->status != NBL_STATUS_SUCCESS))
				b->not_success++;
			b->ready[b->nb_ready++] = chain;
			n++;
		}
		b->completed += n;
		return;
	}
	while (chain != NULL) {
		struct nbl_list *next = chain->next;

		if (unlikely(chain->status != NBL_STATUS_SUCCESS))
			b->not_success++;
		b->completed++;
		done[k++] = chain;
		if (k == RTE_DIM(done)) {
			nbl_list_free_bulk(b->pool, done, k);
			k = 0;
		}
		chain = next;
	}
	if (k != 0)
		nbl_list_free_bulk(b->pool, done, k);
}

/* Completion path: every NBL comes back through bench_complete(). */
static void
engine_completion(struct bench_tx *b)
{
	struct nbl_list *nbls[BENCH_MAX_BURST];
	const uint16_t n = (uint16_t)b->conf->burst;
	uint64_t before = b->completed - b->not_success;
	uint16_t i;

	while (rte_rdtsc() < b->deadline) {
		if (unlikely(nbl_list_alloc_bulk(b->pool, nbls, n, 0, 0) != 0)) {
			b->alloc_fails++;
			nbl_bind_poll(b->bind, 0);
			continue;
		}
		/* link: NULL from the reset, then the others */
		for (i = 0; i + 1 < n; i++)
			nbls[i]->next = nbls[i + 1];
		nbl_bind_send(b->bind, 0, nbls[0], 0);
		nbl_bind_poll(b->bind, 0);
	}
	/* Frames count once their NBL came back with SUCCESS. */
	while (nbl_bind_outstanding(b->bind) != 0)
		nbl_bind_poll(b->bind, 0);
	b->sent = b->completed - b->not_success - before;
}

/* The fixed set of the recycle engines: RECYCLE_NBLS NBLs (bursts of n)
 * on the ready stack. */
static void
recycle_set_alloc(struct bench_tx *b, uint16_t n)
{
	unsigned int k;

	b->nb_ready = 0;
	for (k = 0; k + n <= RECYCLE_NBLS; k += n) {
		if (nbl_list_alloc_bulk(b->pool, &b->ready[k], n, 0, 0) != 0) {
			b->alloc_fails++;
			break;
		}
		b->nb_ready += n;
	}
}

/* The set back to the pool, once the engine polled every NBL back. */
static void
recycle_set_free(struct bench_tx *b, uint16_t n)
{
	unsigned int k;

	b->recycle = b->resend = false;
	while (b->nb_chains != 0) {
		struct nbl_list *c = b->chains[--b->nb_chains];

		for (; c != NULL; c = c->next)
			b->ready[b->nb_ready++] = c;
	}
	while (b->nb_ready != 0) {
		k = RTE_MIN(b->nb_ready, (unsigned int)n);
		b->nb_ready -= k;
		nbl_list_free_bulk(b->pool, &b->ready[b->nb_ready], k);
	}
}

/* Link the top n of the ready stack into a chain (from the tail: no test
 * in the loop). */
static inline struct nbl_list *
ready_chain(struct bench_tx *b, uint16_t n)
{
	struct nbl_list **top, *next = NULL;
	unsigned int i;

	b->nb_ready -= n;
	top = &b->ready[b->nb_ready];
	for (i = n; i-- > 0;) {
		top[i]->next = next;
		next = top[i];
	}
	return next;
}

/*
 * Recycle: the set goes round: the top n of the ready stack are linked
 * and sent as one chain, the callback pushes those that came back (the
 * latest on top).
 */
static void
engine_recycle(struct bench_tx *b)
{
	const uint16_t n = (uint16_t)b->conf->burst;
	uint64_t before = b->completed - b->not_success;

	recycle_set_alloc(b, n);
	b->recycle = true;
	while (rte_rdtsc() < b->deadline) {
		if (unlikely(b->nb_ready < n)) {
			nbl_bind_poll(b->bind, 0);
			continue;
		}
		nbl_bind_send(b->bind, 0, ready_chain(b, n), 0);
		nbl_bind_poll(b->bind, 0);
	}
	while (nbl_bind_outstanding(b->bind) != 0)
		nbl_bind_poll(b->bind, 0);
	b->sent = b->completed - b->not_success - before;
	recycle_set_free(b, n);
}

/*
 * Resend: the set, in chains of n at first, goes round as the chains the
 * callback got: each is sent again whole.  Frames count from the
 * binding's counters (SUCCESS completions); a failed one is counted there
 * too.
 */
static void
engine_resend(struct bench_tx *b)
{
	const uint16_t n = (uint16_t)b->conf->burst;
	struct nbl_bind_stats s0, s1;
	unsigned int i;

	recycle_set_alloc(b, n);
	b->nb_chains = 0;
	while (b->nb_ready >= n)
		b->chains[b->nb_chains++] = ready_chain(b, n);
	b->resend = true;
	nbl_bind_stats_get(b->bind, 0, &s0);
	while (rte_rdtsc() < b->deadline) {
		if (unlikely(b->nb_chains == 0)) {
			nbl_bind_poll(b->bind, 0);
			continue;
		}
		nbl_bind_send(b->bind, 0, b->chains[--b->nb_chains], 0);
		nbl_bind_poll(b->bind, 0);
	}
	while (nbl_bind_outstanding(b->bind) != 0)
		nbl_bind_poll(b->bind, 0);
	nbl_bind_stats_get(b->bind, 0, &s1);
	b->sent = s1.sent - s0.sent;
	for (i = 0; i < NBL_BIND_FAIL_MAX; i++)
		b->not_success += s1.failed[i] - s0.failed[i];
	recycle_set_free(b, n);
}

typedef void (*engine_fn)(struct bench_tx *b);

static const struct {
	const char *name;
	engine_fn fn;
} engines[] = {
	{ "raw", engine_raw },
	{ "ff", engine_ff },
	{ "ff-template", engine_ff_template },
	{ "completion", engine_completion },
	{ "recycle", engine_recycle },
	{ "resend", engine_resend },
};
#define NB_ENGINES RTE_DIM(engines)

/* Engine to run on the TX lcore, set by main before each launch. */
struct bench_job {
	struct bench_tx *b;
	engine_fn fn;
};

static int
bench_lcore(void *arg)
{
	struct bench_job *job = arg;
	struct bench_tx *b = job->b;
	uint64_t t0 = rte_rdtsc();

	b->deadline = t0 + (uint64_t)b->conf->duration * rte_get_tsc_hz();
	job->fn(b);
	b->tsc = rte_rdtsc() - t0;
	return 0;
}

static void
usage(void)
{
	printf("usage: bench_tx [EAL options --] [options]\n"
	       "  --rounds R      rounds of alternating engines (default 5)\n"
	       "  --duration S    seconds per engine and round (default 2)\n"
	       "  --burst B       frames per burst, at most %d (default 32)\n"
	       "  --size BYTES    frame size, 60 to 1514 (default 64)\n"
	       "  --engines MASK  engines to run, bit k for engine k: raw 1, "
	       "ff 2,\n                  ff-template 4, completion 8, recycle "
	       "16, resend 32\n                  (default 63; ratios need raw)\n"
	       "Without EAL options: --no-huge -m 512 --no-pci -l 0-1 "
	       "--no-telemetry\n  --vdev net_null0,no-rx=1 "
	       "--vdev net_null1,no-rx=1 --no-shconf --file-prefix bench_tx_<pid>\n"
	       "With EAL options, give two ports (the first for the raw "
	       "loop) and two lcores.\n", BENCH_MAX_BURST);
}

static int
parse_args(int argc, char **argv, struct bench_conf *conf)
{
	const struct bench_opt opts[] = {
		{ "rounds", 1, BENCH_MAX_ROUNDS, &conf->rounds, NULL },
		{ "duration", 1, 3600, &conf->duration, NULL },
		{ "burst", 1, BENCH_MAX_BURST, &conf->burst, NULL },
		{ "size", 60, 1514, &conf->size, NULL },
		{ "engines", 1, (1u << NB_ENGINES) - 1, &conf->engines, NULL },
	};

	return bench_parse_opts("bench_tx", argc, argv, opts, RTE_DIM(opts),
				usage);
}

/* Port of the raw engine: one TX queue, no RX queue, started. */
static int
raw_port_setup(struct bench_tx *b, int socket)
{
	struct rte_eth_conf pconf;
	int ret;

	memset(&pconf, 0, sizeof(pconf));
	b->raw_pool = rte_pktmbuf_pool_create("bench_tx_raw", RAW_POOL_COUNT,
					      RAW_POOL_CACHE, 0,
					      RTE_MBUF_DEFAULT_BUF_SIZE,
					      socket);
	if (b->raw_pool == NULL) {
		fprintf(stderr, "bench_tx: raw pool: %s\n",
			rte_strerror(rte_errno));
		return -1;
	}
	ret = rte_eth_dev_configure(b->raw_port, 0, 1, &pconf);
	if (ret == 0)
		ret = rte_eth_tx_queue_setup(b->raw_port, 0, 0, socket, NULL);
	if (ret == 0)
		ret = rte_eth_dev_start(b->raw_port);
	if (ret != 0) {
		fprintf(stderr, "bench_tx: raw port %u: %s\n", b->raw_port,
			rte_strerror(-ret));
		return -1;
	}
	return 0;
}

/* The binding on the second port: open (Paused), restart (Running). */
static int
bind_setup(struct bench_tx *b, uint16_t port)
{
	struct nbl_bind_conf bc;
	struct nbl_bind_reqs reqs;
	int ret;

	nbl_bind_conf_init(&bc);
	bc.name = "bench";
	bc.burst = (uint16_t)b->conf->burst;
	bc.send_complete = bench_complete;
	/* new NBLs hold a frame of the benchmark's size: no per-packet
	 * length write (the raw loop must write it: alloc resets it to 0) */
	bc.frame_len = b->conf->size;
	bc.ctx = b;
	b->bind = nbl_bind_create(port, &bc);
	if (b->bind == NULL) {
		fprintf(stderr, "bench_tx: nbl_bind_create: %s\n",
			rte_strerror(rte_errno));
		return -1;
	}
	ret = nbl_bind_open(b->bind);
	if (ret == 0)
		ret = nbl_bind_restart(b->bind, NULL);
	if (ret != 0) {
		fprintf(stderr, "bench_tx: binding port %u: %s\n", port,
			rte_strerror(-ret));
		return -1;
	}
	b->pool = nbl_bind_pool(b->bind);
	b->txq = nbl_bind_txq(b->bind, 0);
	if (b->pool == NULL || b->txq == NULL) {
		fprintf(stderr, "bench_tx: binding has no pool or queue\n");
		return -1;
	}
	if (nbl_bind_reqs_get(b->bind, &reqs) == 0)
		printf("binding on port %u (%s): pool %u NBLs, DataSize %u, "
		       "back-fill %u, completion by %s\n", port, reqs.driver,
		       reqs.pool_count, reqs.data_size, reqs.data_backfill,
		       reqs.zc_return ? "return pool (zero copy)" :
		       reqs.zero_copy ? "reference hold (zero copy)" :
		       "copy on send");
	return 0;
}

static int
teardown(struct bench_tx *b)
{
	struct nbl_bind_stats st;
	int ret, status = 0;

	if (b->bind != NULL) {
		if (nbl_bind_stats_get(b->bind, NBL_BIND_ALL_QUEUES, &st) == 0 &&
		    st.submitted != st.sent + st.failed[NBL_BIND_FAIL_RESOURCES] +
		    st.failed[NBL_BIND_FAIL_INVALID_LENGTH] +
		    st.failed[NBL_BIND_FAIL_PAUSED] +
		    st.failed[NBL_BIND_FAIL_ABORTED] +
		    st.failed[NBL_BIND_FAIL_FAILURE]) {
			fprintf(stderr, "bench_tx: binding counters do not "
				"add up\n");
			status = -1;
		}
		ret = nbl_bind_free(b->bind);
		if (ret != 0) {
			fprintf(stderr, "bench_tx: nbl_bind_free: %s\n",
				rte_strerror(-ret));
			status = -1;
		}
	}
	if (b->raw_pool != NULL) {
		rte_eth_dev_stop(b->raw_port);
		rte_eth_dev_close(b->raw_port);
		if (bench_raw_pool_free("bench_tx", b->raw_pool) != 0)
			status = -1;
	}
	if (bench_leak_check("bench_tx") != 0)
		status = -1;
	return status;
}

int
main(int argc, char **argv)
{
	bool own_prefix = false;
	struct bench_conf conf = {
		.rounds = 5,
		.duration = 2,
		.burst = 32,
		.size = 64,
		.engines = (1u << NB_ENGINES) - 1,
	};
	static struct bench_tx b;
	struct bench_job job = { .b = &b };
	double mpps[NB_ENGINES][BENCH_MAX_ROUNDS], med[NB_ENGINES];
	double ratio[NB_ENGINES][BENCH_MAX_ROUNDS], rmed[NB_ENGINES];
	unsigned int r, k, worker, ports[2], nports = 0;
	uint16_t pid;
	int status = EXIT_SUCCESS;
	static const char *const vdevs[] = {
		"--vdev", "net_null0,no-rx=1", "--vdev", "net_null1,no-rx=1",
	};

	if (bench_eal_init(&argc, &argv, "bench_tx", "0-1", vdevs,
			   RTE_DIM(vdevs), &own_prefix) != 0)
		return EXIT_FAILURE;
	if (parse_args(argc, argv, &conf) != 0) {
		bench_eal_cleanup(own_prefix);
		return EXIT_FAILURE;
	}
	b.conf = &conf;
	RTE_ETH_FOREACH_DEV(pid) {
		if (nports < RTE_DIM(ports))
			ports[nports++] = pid;
	}
	worker = rte_get_next_lcore(rte_get_main_lcore(), 1, 0);
	if (nports < 2 || worker >= RTE_MAX_LCORE) {
		fprintf(stderr, "bench_tx: need two ports (have %u) and a "
			"worker lcore (-l with two lcores)\n", nports);
		bench_eal_cleanup(own_prefix);
		return EXIT_FAILURE;
	}
	b.raw_port = (uint16_t)ports[0];
	if (raw_port_setup(&b, (int)rte_lcore_to_socket_id(worker)) != 0 ||
	    bind_setup(&b, (uint16_t)ports[1]) != 0) {
		status = EXIT_FAILURE;
		goto out;
	}
	printf("bench_tx: %u rounds x %u s per engine, %u-byte frames, burst "
	       "%u, TX lcore %u, raw port %u, binding port %u\n",
	       conf.rounds, conf.duration, conf.size, conf.burst, worker,
	       ports[0], ports[1]);
	fflush(stdout);

	memset(mpps, 0, sizeof(mpps));
	memset(ratio, 0, sizeof(ratio));
	for (r = 0; r < conf.rounds; r++) {
		printf("round %u:", r + 1);
		for (k = 0; k < NB_ENGINES; k++) {
			/* Odd rounds run the engines in reverse order. */
			unsigned int e = r % 2 ? NB_ENGINES - 1 - k : k;

			if (!(conf.engines & (1u << e)))
				continue;
			job.fn = engines[e].fn;
			b.sent = 0;
			if (rte_eal_remote_launch(bench_lcore, &job,
						  worker) != 0) {
				fprintf(stderr, "bench_tx: cannot launch on "
					"lcore %u\n", worker);
				status = EXIT_FAILURE;
				goto out;
			}
			/* Sleep rather than spin in rte_eal_wait_lcore(): the
			 * main lcore must not take CPU time from the sender. */
			rte_delay_us_sleep(conf.duration * US_PER_S);
			rte_eal_wait_lcore(worker);
			mpps[e][r] = (double)b.sent * rte_get_tsc_hz() /
				(double)b.tsc / 1e6;
		}
		for (k = 0; k < NB_ENGINES; k++)
			if (conf.engines & (1u << k))
				printf("  %s %.3f", engines[k].name,
				       mpps[k][r]);
		printf("  (Mpps)\n");
		fflush(stdout);
	}
	/* Ratios are taken within each round (the engines ran back to back,
	 * under the same load), then their median over the rounds. */
	for (r = 0; r < conf.rounds; r++)
		for (k = 0; k < NB_ENGINES; k++)
			ratio[k][r] = mpps[0][r] > 0 ?
				mpps[k][r] / mpps[0][r] : 0;
	for (k = 0; k < NB_ENGINES; k++) {
		med[k] = bench_median(mpps[k], conf.rounds);
		rmed[k] = bench_median(ratio[k], conf.rounds);
	}
	printf("median Mpps: raw %.3f  fire-and-forget %.3f  ff-template "
	       "%.3f  completion %.3f  recycle %.3f  resend %.3f\n", med[0],
	       med[1], med[2], med[3], med[4], med[5]);
	printf("median of per-round ratios (engines that did not run: 0):\n");
	printf("ratio ff/raw: %.3f (goal >= 0.95)\n", rmed[1]);
	printf("ratio ff-template/raw: %.3f (goal >= 0.95)\n", rmed[2]);
	printf("ratio completion/raw: %.3f (goal >= 0.80)\n", rmed[3]);
	printf("ratio recycle/raw: %.3f (goal >= 0.80)\n", rmed[4]);
	printf("ratio resend/raw: %.3f (goal >= 0.80)\n", rmed[5]);
	if (b.not_success != 0) {
		fprintf(stderr, "bench_tx: %" PRIu64 " NBLs completed without "
			"SUCCESS\n", b.not_success);
		status = EXIT_FAILURE;
	}
	printf("result raw_mpps=%.3f ff_mpps=%.3f fft_mpps=%.3f "
	       "completion_mpps=%.3f recycle_mpps=%.3f resend_mpps=%.3f "
	       "ff_raw=%.3f fft_raw=%.3f completion_raw=%.3f recycle_raw=%.3f "
	       "resend_raw=%.3f\n", med[0], med[1], med[2], med[3], med[4],
	       med[5], rmed[1], rmed[2], rmed[3], rmed[4], rmed[5]);

out:
	fflush(stdout);
	if (teardown(&b) != 0)
		status = EXIT_FAILURE;
	bench_eal_cleanup(own_prefix);
	return status;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef GEN_H
#define GEN_H

/**
 * @file
 * libnblgen: the traffic generator's sending side.  A stream (its frames
 * from libnblpkt, its rate from libnblpace) is split into *shares*, one
 * per TX lcore of its port; a share is sent by an *engine*, and each TX
 * lcore runs gen_lcore_main() over its shares.  One frame's walk:
 * template (pkt) -> NBL of the share's pool (nbl) -> binding (bind) ->
 * rte_eth_tx_burst -> completion -> counters (stats).
 *
 * Engines (a table, as testpmd's struct fwd_engine):
 * - "template": the frames are written once into every buffer when the
 *   share's pools are made (one pool per size class, the retreat into
 *   the back-fill for a tunnel's outer headers done then too) and go out
 *   as they are, by fire and forget: nothing is written per frame.
 * - "stamp": buffers hold the template; per frame the flow fields, the
 *   lengths, the signature (sequence number, TX timestamp) and every
 *   checksum are written (pkt_stamp_frame()), by fire and forget.
 * - "ndis": NBLs of the share's pool are stamped (a tunnel's outer
 *   headers through a retreat into the back-fill) and sent with
 *   nbl_bind_send(); every NBL comes back through send-complete with a
 *   status, is checked byte by byte with --verify, and is sent again.
 *
 * A frame the port refuses (after the binding's bounded retry) stays the
 * share's and goes first in its next burst, so the wire order, the
 * sequence numbers and the size proportions are kept; it is counted in
 * ring_full.  Pacing is on absolute TSC deadlines (pace_pacer_due()): a
 * late share catches up; at the end, requested - tx_packets - failed is
 * the shortfall.
 *
 * Threads: a share is touched by its lcore only between gen_lcore_main()'s
 * start and return; its counters (struct stats_tx) are read by others.
 *
 * Error contract: control calls return 0 or a negative errno and fill a
 * message; gen_lcore_main() returns 0.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rte_common.h>
#include <rte_mbuf.h>

#include <nbl.h>
#include <nbl_bind.h>
#include <pace.h>
#include <pkt.h>
#include <stats.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Largest burst of a share. */
#define GEN_BURST_MAX NBL_BIND_BURST_MAX
/** NBLs the NDIS engine keeps for reuse at most. */
#define GEN_READY_MAX (4 * GEN_BURST_MAX)
/** Most shares an lcore runs. */
#define GEN_LCORE_SHARES 256
/** Most (binding, queue) pairs an lcore polls. */
#define GEN_LCORE_QUEUES 16
/** Bytes of a share's own NBL context (NDIS engine: its sequence): the
 * nbl_bind_conf::ctx_size of a binding that carries ndis shares. */
#define GEN_CTX_SIZE 16

struct gen_share;

/** An engine. */
struct gen_engine {
	const char *name; /**< "template", "stamp", "ndis" */
	const char *help; /**< one line for --help */
	/**
	 * Make the share's pools and state, on the main lcore, after the
	 * binding opened and before the lcores start.  0 or a negative
	 * errno with err filled.
	 */
	int (*begin)(struct gen_share *s, char *err, size_t errlen);
	/**
	 * On the share's lcore: send the frames it holds from before, then
	 * build and send up to n new ones.  Returns the number of new frames
	 * built (offered).
	 */
	unsigned int (*burst)(struct gen_share *s, unsigned int n,
			      uint64_t now);
	/**
	 * On the share's lcore, once it stopped: send what it still holds
	 * and wait for its completions, until the TSC deadline.
	 */
	void (*drain)(struct gen_share *s, uint64_t deadline);
	/** On the main lcore after the lcores returned: free the pools. */
	void (*end)(struct gen_share *s);
};

/**
 * The engines, NULL-terminated.
 * @return The table.
 */
const struct gen_engine *const *gen_engines(void);

/**
 * An engine by name.
 * @param name "template", "stamp" or "ndis".
 * @return The engine, or NULL.
 */
const struct gen_engine *gen_engine_find(const char *name);

/** What a share is asked to do (filled by the caller before begin()). */
struct gen_share_conf {
	const struct pkt_tmpl *tmpl;   /**< the stream's template */
	struct nbl_bind *bind;         /**< the port's binding (Running) */
	uint16_t queue;                /**< its TX queue, this lcore's own */
	uint16_t sig_id;               /**< signature id of its frames */
	uint32_t burst;                /**< frames per burst (1..GEN_BURST_MAX) */
	uint64_t limit;                /**< frames to send, UINT64_MAX: no limit */
	uint64_t byte_limit;           /**< bytes to send, UINT64_MAX: none
					*   (the frame that reaches it is
					*   the last) */
	uint64_t seed;                 /**< random fields and sizes */
	uint32_t pool_count;           /**< NBLs per pool, 0: the binding's */
	bool verify;                   /**< NDIS: check every completed frame */
	void *csum_info;               /**< NDIS: TcpIpChecksum info, or NULL */
	unsigned int stream;           /**< stream index, for messages */
	unsigned int lcore;            /**< lcore that runs it */
};

/** One stream's share on one lcore. */
struct gen_share {
	/* hot: read by the lcore loop every turn */
	const struct gen_engine *eng;  /**< engine */
	uint64_t offered;              /**< new frames built so far */
	uint64_t bytes_offered;        /**< their bytes (without FCS) */
	uint64_t limit;                /**< frames to build, or UINT64_MAX */
	uint64_t byte_limit;           /**< bytes to build, or UINT64_MAX */
	uint32_t max_len;              /**< longest frame (no FCS): a turn
					*   under a byte limit builds no frame
					*   that starts past it */
	uint32_t burst;                /**< frames per burst */
	uint16_t npend;                /**< built frames still to send */
	bool paced;                    /**< the pacer paces */
	bool done;                     /**< built everything it was asked */
	uint64_t hz;                   /**< TSC cycles per second */
	uint64_t done_tsc;             /**< when it built its last frame */
	/* counters, read by the main lcore and telemetry */
	struct stats_tx st;            /**< this share's counters */
	/* engine state */
	struct gen_share_conf conf;    /**< what it was asked */
	struct nbl_bind_txq *txq;      /**< fire-and-forget queue */
	uint16_t ctx_backfill;         /**< the binding's ContextBackFillSize */
	uint16_t outer_len;            /**< tunnel: bytes retreated */
	uint32_t fixed_len;            /**< every frame's length, or 0 */
	uint32_t npools;               /**< pools (template: one per class) */
	struct nbl_list_pool *pools[PKT_CLASS_MAX]; /**< its pools */
	uint32_t class_len[PKT_CLASS_MAX]; /**< frame length of each pool */
	const uint8_t *class_seq;      /**< template: class of frame k */
	uint32_t class_n;              /**< entries of class_seq */
	uint32_t class_pos;            /**< template: next entry */
	uint16_t *class_cum;           /**< template: prefix counts of the
					*   class sequence, per class */
	uint16_t pend_count[PKT_CLASS_MAX]; /**< template: frames of each
					     *   class in pend[] */
	bool last_len;                 /**< stamp: variable size + signature */
	bool ndis_static;              /**< ndis: a kept NBL needs no write */
	bool queue_alone;              /**< ndis: the only share on its
					*   queue (set by gen_lcore_main()) */
	uint32_t nready;               /**< NDIS: NBLs kept for reuse */
	struct nbl_list *ready_head;   /**< NDIS: their chain, newest first */
	struct rte_mbuf *pend[2 * GEN_BURST_MAX]; /**< built, not yet sent */
	uint8_t pend_cls[2 * GEN_BURST_MAX]; /**< their pool, when there are
					      *   several (template classes) */
	struct pkt_stamp stamp;        /**< per-frame writer */
	struct pace_pacer pacer;       /**< the share's schedule */
} __rte_cache_aligned;

/**
 * The send-complete callback (nbl_bind_conf::send_complete) of a binding
 * whose NBLs come from shares' pools (the NDIS engine): counts each NBL
 * for its share (status, bytes; --verify checks the frame), keeps it for
 * the share's next burst while the share sends, frees it otherwise.
 * Called on the lcore that polls the queue, or by a pause.
 *
 * @param ctx
 *   Unused (each NBL names its share).
 * @param chain
 *   Completed NBLs.
 * @param flags
 *   NBL_SEND_COMPLETE_F_*.
 */
void gen_send_complete(void *ctx, struct nbl_list *chain, uint32_t flags);

/**
 * Set a share up: its engine's begin() (pools, templates, stamp), its
 * pacer, its limits.
 *
 * @param s
 *   The share (zeroed by this call first).
 * @param eng
 *   Its engine.
 * @param conf
 *   What it is asked (copied).
 * @param pacer
 *   Its pacer (copied; start it at the run's start TSC).
 * @param err
 *   Filled on error.
 * @param errlen
 *   Size of err.
 * @return
 *   0, or a negative errno (pools or the stamp's TCP sequence numbers could
 *   not be made: -ENOMEM; the
 *   template does not suit the engine, or the binding (frames longer
 *   than the port's, no room for GEN_CTX_SIZE for the ndis engine):
 *   -EINVAL).
 */
int gen_share_init(struct gen_share *s, const struct gen_engine *eng,
		   const struct gen_share_conf *conf,
		   const struct pace_pacer *pacer, char *err, size_t errlen);

/**
 * Free a share's pools (engine end()) and its stamp's memory
 * (pkt_stamp_fini()).  Every NBL must be back: after gen_lcore_main()
 * returned and the binding paused.
 *
 * @param s
 *   The share.
 */
void gen_share_fini(struct gen_share *s);

/**
 * Restart a share's pacer at a TSC (the run's common start), keeping its
 * schedule.
 *
 * @param s
 *   The share.
 * @param start
 *   Cycle count of frame 0.
 */
void gen_share_start(struct gen_share *s, uint64_t start);

/** An lcore's work. */
struct gen_lcore {
	unsigned int lcore_id;         /**< EAL lcore */
	unsigned int nshares;          /**< shares */
	struct gen_share *shares[GEN_LCORE_SHARES]; /**< its shares */
	unsigned int nqueues;          /**< (binding, queue) pairs to poll */
	struct nbl_bind *poll_bind[GEN_LCORE_QUEUES]; /**< ... bindings */
	uint16_t poll_queue[GEN_LCORE_QUEUES];        /**< ... queues */
	const int *stop;               /**< the program's stop flag */
	uint64_t start_tsc;            /**< the run's start */
	uint64_t end_tsc;              /**< duration limit, UINT64_MAX: none */
	uint64_t drain_cycles;         /**< longest drain after the stop */
	uint64_t stopped_tsc;          /**< when it stopped sending */
	bool running;                  /**< between start and return */
} __rte_cache_aligned;

/**
 * Add a share to an lcore (and its queue to the polled ones).
 *
 * @param lc
 *   The lcore's work.
 * @param s
 *   The share.
 * @return
 *   0, or -ENOSPC.
 */
int gen_lcore_add(struct gen_lcore *lc, struct gen_share *s);

/**
 * The TX lcore: until every share is done, the duration is over or the
 * stop flag is set, offer each share the frames its pacer says are due
 * (at most a burst), poll the NDIS queues; then send what is still owed
 * by the stop time (bounded), drain every share and set each share's
 * final requested count.
 *
 * @param arg
 *   The struct gen_lcore.
 * @return
 *   0.
 */
int gen_lcore_main(void *arg);

/**
 * Nanoseconds of a TSC value (the signature's clock: TSC since boot, in
 * integer arithmetic).
 *
 * @param tsc
 *   Cycle count.
 * @param hz
 *   Cycles per second.
 * @return
 *   Nanoseconds.
 */
static inline uint64_t
gen_tsc_ns(uint64_t tsc, uint64_t hz)
{
	__extension__ unsigned __int128 x = (unsigned __int128)tsc *
		UINT64_C(1000000000);

	return (uint64_t)(x / hz);
}

#ifdef __cplusplus
}
#endif

#endif /* GEN_H */

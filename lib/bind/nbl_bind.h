/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef NBL_BIND_H
#define NBL_BIND_H

/**
 * @file
 * libnblbind: a protocol binding to one DPDK port, with the NDIS binding
 * states, the NDIS_BIND_PARAMETERS-like requirements computed from the
 * port, and NdisSendNetBufferLists / ProtocolSendNetBufferListsComplete
 * semantics on rte_eth_tx_burst.
 *
 * States (NDIS protocol binding states):
 *
 *     Unbound --open--> Opening --> Paused --restart--> Restarting --> Running
 *        ^                 |  (fail)  ^  |                 | (fail)      |
 *        +-----------------+          |  +--> Paused <-----+           pause
 *        |                            |                                 |
 *        +-- Closing <--close-- Paused <------------ Pausing <----------+
 *
 * Invalid transitions return -EINVAL and change nothing.  Nothing is sent
 * outside Running: NBLs sent in another state complete with
 * NBL_STATUS_PAUSED.
 *
 * Completion strategies (rule book 9.4), chosen per NBL:
 * - Zero copy: an NBL whose single NB still uses the embedded mbuf MDL of
 *   a (T,N) pool alone (back-fill retreats allowed) and needs no software
 *   offload is materialised with nbl_list_to_mbuf() and goes to the PMD
 *   by reference.  Used only on ports whose PMD supports
 *   rte_eth_tx_done_cleanup() or is known to free mbufs inside
 *   rte_eth_tx_burst() (driver table), unless forced by
 *   nbl_bind_conf::zero_copy.  The NBL completes once the PMD freed its
 *   mbuf, by one of two holds (nbl_bind_reqs::zc_return says which):
 *   - Return pool, on a driver of the table that frees inside
 *     rte_eth_tx_burst() (net_null, net_pcap, net_af_packet, net_tap,
 *     net_memif, ...): while in flight the mbuf's pool pointer names the
 *     queue's return pool, a mempool with no cache and no object whose
 *     ops enqueue receives the PMD's free (at refcnt 1: no atomic), gives
 *     the mbuf its (T,N) pool back and finishes the NBL.  Completion is
 *     the free itself; it happens inside the burst, on the queue's thread.
 *   - Reference hold, on every other zero-copy port: the mbuf gets one
 *     extra reference and the NBL completes when the reference count is
 *     back to 1 (the PMD's free is an atomic decrement);
 *     nbl_bind_poll() calls rte_eth_tx_done_cleanup() so that an idle
 *     queue cannot hold it forever.  (net_ring has a no-op cleanup: its
 *     NBLs complete when the ring's reader frees them.)
 * - Copy on send: every other layout (caller MDLs, an MDL that a retreat
 *   allocated, several NBs, software VLAN/checksum/segmentation, a PMD
 *   without cleanup) is copied into mbufs of the binding's copy pool; the
 *   NBL completes as soon as rte_eth_tx_burst() accepted all its copies.
 *   It never holds a device reference, so a pause never waits on a PMD.
 * - Fire and forget (nbl_bind_send_ff()): (T,N) NBLs are handed to the PMD
 *   which frees them straight into their pool; no completion.
 *
 * Threads: each TX queue has one sending thread at a time.  Send, poll and
 * fire-and-forget calls take the queue for the duration of one burst (an
 * atomic flag, uncontended in normal use) and never call a protocol
 * callback while holding it, so a completion handler may send again on any
 * queue (edge case 42).  Control calls (open, pause, restart, close) may
 * run on another thread; they take each queue in turn.
 *
 * Error contract: constructors return NULL and set rte_errno; control calls
 * return 0 or a negative errno; burst calls return a count; nbl_bind_send()
 * is void like NdisSendNetBufferLists: every NBL comes back exactly once
 * through the send-complete callback, with a status.
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_branch_prediction.h>
#include <rte_common.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_pause.h>

#include "nbl.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Binding configuration and requirements                              */
/* ------------------------------------------------------------------ */

/** NDIS binding states. */
enum nbl_bind_state {
	NBL_BIND_UNBOUND = 0, /**< no port, no pools */
	NBL_BIND_OPENING,     /**< configuring the port, creating pools */
	NBL_BIND_PAUSED,      /**< port started, no send outstanding */
	NBL_BIND_RESTARTING,  /**< re-querying requirements, maybe new pools */
	NBL_BIND_RUNNING,     /**< sends accepted */
	NBL_BIND_PAUSING,     /**< waiting for outstanding sends */
	NBL_BIND_CLOSING,     /**< stopping the port, freeing pools */
	NBL_BIND_STATE_MAX    /**< number of states */
};

/** Longest encapsulation a layer may prepend through the back-fill. */
#define NBL_BIND_ENCAP_MAX 512

/* Layers stacked on the binding that need per-NBL context (bit mask). */
#define NBL_BIND_LAYER_MEASURE 0x01 /**< send TSC timestamp + sequence: 16 */

/** Zero-copy policy (nbl_bind_conf::zero_copy). */
enum nbl_bind_zc {
	NBL_BIND_ZC_AUTO = 0, /**< when the PMD frees or can clean up */
	NBL_BIND_ZC_OFF,      /**< always copy */
	NBL_BIND_ZC_FORCE,    /**< zero copy even without cleanup support */
};

/* Send flags (NDIS_SEND_FLAGS_*). */
#define NBL_SEND_F_DISPATCH_LEVEL     0x1 /**< caller at DISPATCH_LEVEL */
#define NBL_SEND_F_CHECK_FOR_LOOPBACK 0x2 /**< indicate own frames back */

/* Completion / indication flags (NDIS_SEND_COMPLETE_FLAGS_*). */
#define NBL_SEND_COMPLETE_F_DISPATCH_LEVEL 0x1 /**< always set */
/** Receive indication: the NBLs stay the binding's (NDIS_RECEIVE_FLAGS_
 * RESOURCES): copy what you need before returning. */
#define NBL_RECEIVE_F_RESOURCES 0x2

/**
 * ProtocolSendNetBufferListsComplete: a chain (linked by next) of NBLs
 * the binding is done with; each has its status set.  The protocol owns
 * them again and may free, rewrite or send them again from here.
 */
typedef void (*nbl_bind_send_complete_fn)(void *ctx, struct nbl_list *chain,
					  uint32_t flags);

/**
 * ProtocolReceiveNetBufferLists for loopback indications: a chain of NBLs
 * (one NB each) owned by the binding; valid only during the call.
 */
typedef void (*nbl_bind_receive_fn)(void *ctx, struct nbl_list *chain,
				    uint32_t flags);

/** Configuration of a binding (defaults from nbl_bind_conf_init()). */
struct nbl_bind_conf {
	const char *name;        /**< for messages; default "nbl" */
	uint16_t nb_tx_queues;   /**< sending lcores; 0 means 1 */
	uint16_t nb_tx_desc;     /**< 0: the PMD's preferred ring size */
	uint16_t burst;          /**< NBLs a sender has in hand at once, for
				  * pool sizing (1-8192; 0: 32); the
				  * fire-and-forget call takes at most
				  * NBL_BIND_BURST_MAX per call */
	uint32_t mtu;            /**< 0: keep the port's MTU */
	uint8_t vlan_tags;       /**< tags a layer inserts: 0, 1, 2 (QinQ) */
	uint16_t encap_len;      /**< bytes of outer headers a layer above
				  * prepends through the back-fill (a
				  * tunnel: VXLAN over IPv4 is 50; the
				  * layer knows, e.g. pkt_tmpl_outer_len()),
				  * at most NBL_BIND_ENCAP_MAX */
	const char *encap_what;  /**< what they are, for the reason string
				  * ("VXLAN over IPv4"); NULL: "encapsulation";
				  * must outlive the binding */
	uint32_t layers;         /**< NBL_BIND_LAYER_* */
	uint16_t ctx_size;       /**< protocol's own context bytes */
	uint32_t backlog;        /**< NB frames waiting per queue; 0: 1024 */
	uint32_t pool_extra;     /**< NBLs the protocol keeps in hand */
	uint32_t pool_count;     /**< force the pool size (0: computed) */
	uint32_t cache_size;     /**< per-lcore cache; 0: computed */
	uint32_t copy_count;     /**< force the copy pool size (0: computed) */
	uint32_t tx_retries;     /**< immediate retries of a short burst: 0: 2 */
	uint32_t pause_timeout_ms; /**< pause/close wait; 0: 2000 */
	enum nbl_bind_zc zero_copy; /**< zero-copy policy */
	bool sw_offload;         /**< ignore the port's TX offloads */
	bool keep_port;          /**< close: stop the port, do not close it */
	bool verbose;            /**< print requirements and transitions */
	FILE *log;               /**< verbose output; NULL: stdout */
	nbl_bind_send_complete_fn send_complete; /**< required */
	nbl_bind_receive_fn receive; /**< loopback indications, or NULL */
	void *ctx;               /**< first argument of both callbacks */
	/**
	 * Optional template hook of the protocol pool (nbl_bind_pool()):
	 * called once per NBL when the binding creates the pool (at open, and
	 * again on the new pool when a restart re-creates it), after libnbl
	 * wired the NBL: its NB has DataOffset data_backfill (the pool's
	 * init_offset) and DataLength frame_len (max_frame by default).
	 * Write a packet template there.  Like the callbacks, set at create
	 * (ignored by restart).
	 */
	void (*obj_init)(struct nbl_list *nbl, void *arg);
	void *obj_init_arg;      /**< argument of obj_init */
	/**
	 * DataLength of every new NBL of the protocol pool: the length of
	 * the template obj_init writes, so that a sender of fixed-size
	 * frames never writes it per packet.  0: max_frame.  At most
	 * max_frame (open and restart fail with -EINVAL otherwise); set at
	 * create (ignored by restart).
	 */
	uint32_t frame_len;
};

/** Length of a requirement's reason string. */
#define NBL_BIND_REASON_LEN 256

/**
 * Requirements of a binding, the DPDK analogue of NDIS_BIND_PARAMETERS /
 * NDIS_RESTART_GENERAL_ATTRIBUTES, each with why.
 */
struct nbl_bind_reqs {
	char driver[32];            /**< dev_info.driver_name */
	uint32_t driver_headroom;   /**< the driver's own need (table) */
	uint32_t data_backfill;     /**< DataBackFillSize */
	uint16_t context_backfill;  /**< ContextBackFillSize: what the layers
				      * stacked on the binding need */
	uint16_t context_size;      /**< pool ContextSize: backfill + the
				      * protocol's own, NBL_MAA multiple */
	uint32_t mtu;               /**< MtuSize */
	uint32_t max_frame;         /**< Ethernet + VLAN tags + MTU */
	uint32_t data_size;         /**< (T,N) DataSize: backfill + max_frame */
	uint32_t pool_count;        /**< NBLs in the protocol pool */
	uint32_t cache_size;        /**< per-lcore cache of the pools */
	uint32_t copy_count;        /**< mbufs in the copy pool */
	uint16_t nb_tx_queues;      /**< TX queues */
	uint16_t nb_rx_queues;      /**< RX queues: 0 (none), 1, or one per
				      * TX queue on a port whose TX loops
				      * into its RX (net_ring) */
	uint16_t nb_tx_desc;        /**< TX descriptors per queue */
	uint16_t nb_rx_desc;        /**< RX descriptors */
	uint16_t burst;             /**< burst size */
	uint32_t backlog;           /**< backlog slots per queue */
	uint64_t tx_offloads;       /**< RTE_ETH_TX_OFFLOAD_* used */
	bool zero_copy;             /**< zero-copy path enabled */
	bool zc_return;             /**< zero-copy frames complete through
				      * a return pool, not a reference
				      * hold (driver frees in tx_burst) */
	bool cleanup;               /**< rte_eth_tx_done_cleanup supported
				      * (probed when the port starts: always
				      * false from nbl_bind_reqs_compute) */
	char why_data[NBL_BIND_REASON_LEN];  /**< how data_backfill was made */
	char why_ctx[NBL_BIND_REASON_LEN];   /**< how context_backfill was
					      * (the layers' bytes) */
	char why_size[NBL_BIND_REASON_LEN];  /**< how max_frame/data_size */
	char why_pool[NBL_BIND_REASON_LEN];  /**< how pool_count was made */
	char why_copy[NBL_BIND_REASON_LEN];  /**< strategy and copy pool */
	uint32_t rx_count;          /**< mbufs in the RX pool (0: no RX) */
	uint32_t rx_room;           /**< data room of an RX mbuf */
	char why_rx[NBL_BIND_REASON_LEN];    /**< how rx_count was made */
	char why_ctx_size[NBL_BIND_REASON_LEN]; /**< how context_size was */
	uint16_t tso_segs_max;      /**< buffers a large-send frame may span
				      * for the port's TSO (its descriptor
				      * limit); 0 when the port has no TSO
				      * with multi-segment frames */
};

/** Largest large-send (LSO) frame: 802.1Q/QinQ Ethernet + a 64 KiB IP
 * packet (the IPv4 total length). */
#define NBL_BIND_LSO_MAX (RTE_ETHER_HDR_LEN + 8 + UINT16_MAX)

/* ------------------------------------------------------------------ */
/* Counters                                                            */
/* ------------------------------------------------------------------ */

/** Failure classes counted per queue (index of nbl_bind_stats::failed). */
enum nbl_bind_fail {
	NBL_BIND_FAIL_RESOURCES = 0, /**< NBL_STATUS_RESOURCES */
	NBL_BIND_FAIL_INVALID_LENGTH, /**< NBL_STATUS_INVALID_LENGTH */
	NBL_BIND_FAIL_PAUSED,        /**< NBL_STATUS_PAUSED */
	NBL_BIND_FAIL_ABORTED,       /**< NBL_STATUS_SEND_ABORTED */
	NBL_BIND_FAIL_FAILURE,       /**< NBL_STATUS_FAILURE and others */
	NBL_BIND_FAIL_MAX            /**< number of classes */
};

/**
 * Counters of a TX queue (64-bit).  NBL counts: once nothing is
 * outstanding, submitted == sent + sum(failed).  Fire and forget:
 * ff_submitted == ff_sent + ff_dropped + ff_refused.
 */
struct nbl_bind_stats {
	uint64_t submitted;       /**< NBLs given to nbl_bind_send() */
	uint64_t sent;            /**< NBLs completed with SUCCESS */
	uint64_t failed[NBL_BIND_FAIL_MAX]; /**< NBLs completed otherwise */
	uint64_t outstanding;     /**< submitted, not yet completed */
	uint64_t packets;         /**< frames accepted by the PMD (all paths) */
	uint64_t bytes;           /**< their bytes */
	uint64_t zero_copy;       /**< frames sent by reference */
	uint64_t copies;          /**< frames sent as copies */
	uint64_t backlog_retries; /**< bursts retried from the backlog */
	uint64_t backlog_overflows; /**< frames refused: backlog full */
	uint64_t cleanups;        /**< rte_eth_tx_done_cleanup() calls */
	uint64_t sw_csum;         /**< checksums computed in software */
	uint64_t sw_vlan;         /**< VLAN tags inserted in software */
	uint64_t sw_lso;          /**< segments made in software */
	uint64_t loopback;        /**< loopback indications */
	uint64_t loopback_drops;  /**< loopback copies without buffer */
	uint64_t ff_submitted;    /**< NBLs given to nbl_bind_send_ff() */
	uint64_t ff_sent;         /**< of those, accepted by the PMD */
	uint64_t ff_dropped;      /**< of those, freed (short burst, paused) */
	uint64_t ff_nobufs;       /**< template frames the pool could not give */
	uint64_t ff_refused;      /**< nbl_bind_send_ff_mbufs(): frames the PMD
				   * refused, left to the caller */
};

/* ------------------------------------------------------------------ */
/* Objects                                                             */
/* ------------------------------------------------------------------ */

struct nbl_bind;

/**
 * Public part of a TX queue, for the inline fire-and-forget path.  Read
 * only for users; get it with nbl_bind_txq().
 */
struct nbl_bind_txq {
	struct nbl_bind *bind;          /**< owner */
	const uint32_t *state;          /**< the binding's state */
	struct nbl_list_pool *pool;     /**< the binding's (T,N) pool */
	uint16_t port_id;               /**< ethdev port */
	uint16_t queue_id;              /**< TX queue */
	uint32_t tx_retries;            /**< retries of a short burst */
	uint32_t busy;                  /**< queue taken (atomic flag) */
	struct nbl_bind_stats stats __rte_cache_aligned; /**< counters */
} __rte_cache_aligned;

/** Largest burst nbl_bind_send_ff() takes at once. */
#define NBL_BIND_BURST_MAX 64

/** Pass as queue to nbl_bind_stats_get() for the sum of all queues. */
#define NBL_BIND_ALL_QUEUES UINT16_MAX

/**
 * Fill a configuration with the defaults (1 queue, PMD ring size, burst
 * 32, port MTU, no tags, no encapsulation, backlog 1024, automatic
 * zero copy).  Callbacks are left NULL.
 *
 * @param conf
 *   Configuration to fill.
 */
void nbl_bind_conf_init(struct nbl_bind_conf *conf);

/**
 * Create a binding of a protocol to a port, in state Unbound.  Nothing is
 * done to the port yet.
 *
 * @param port_id
 *   A valid ethdev port (any PMD).
 * @param conf
 *   Configuration (copied); send_complete is required.
 * @return
 *   The binding, or NULL with rte_errno EINVAL (bad port or conf: no
 *   callback, vlan_tags > 2, queues above the port's maximum, unknown
 *   bits) or ENOMEM.
 */
struct nbl_bind *nbl_bind_create(uint16_t port_id,
				 const struct nbl_bind_conf *conf);

/**
 * Free a binding.  A binding that is not Unbound is paused (when Running)
 * and closed first, so an error path or a signal handler can end with this
 * call alone.
 *
 * @param bind
 *   The binding, or NULL (no-op).
 * @return
 *   0, or the error of the pause or close (-ETIMEDOUT, -EBUSY): the
 *   binding is then kept (call again once the protocol returned its NBLs
 *   or the port released its mbufs).
 */
int nbl_bind_free(struct nbl_bind *bind);

/**
 * Open the binding (ProtocolBindAdapterEx): Unbound -> Opening -> Paused.
 * Stops the port if started, configures it (TX queues, one RX queue where
 * the PMD has any, one per TX queue on net_ring), sets the MTU, computes
 * the requirements (printed in verbose mode), creates the protocol pool
 * (running conf.obj_init on each NBL), the copy pool and the RX pool, and
 * starts the port.
 *
 * @param bind
 *   The binding.
 * @return
 *   0 (state Paused), -EINVAL (not Unbound: nothing changed), or the
 *   ethdev/pool error (-ENOMEM, -ENOTSUP, ...): state back to Unbound,
 *   nothing left allocated.
 */
int nbl_bind_open(struct nbl_bind *bind);

/**
 * Restart the binding (PnP restart): Paused -> Restarting -> Running.
 * With a new configuration (MTU, queues, encapsulations, tags, layers,
 * context) the port is reconfigured as needed and the requirements are
 * computed again; when the pools are too small for them (back-fill, data
 * size, context or count grew) they are freed and created anew.  Pools
 * that are big enough are kept.
 *
 * @param bind
 *   The binding.
 * @param conf
 *   New configuration (callbacks and obj_init ignored, keep_port/verbose
 *   taken), or NULL to keep the current one.
 * @return
 *   0 (Running); -EINVAL (not Paused, or a bad conf: nothing changed);
 *   -EBUSY (the pools must be re-created but the protocol still holds
 *   NBLs of them: back to Paused, nothing changed); or an ethdev/pool
 *   error (back to Paused; the binding keeps working with its old
 *   requirements if the port could be restored).
 */
int nbl_bind_restart(struct nbl_bind *bind, const struct nbl_bind_conf *conf);

/**
 * Pause the binding (PnP pause): Running -> Pausing -> Paused.  New sends
 * complete with PAUSED; NBLs still in the backlog complete with PAUSED;
 * zero-copy NBLs that the PMD holds are waited for (with
 * rte_eth_tx_done_cleanup() so that an idle queue cannot hang); every
 * completion is delivered on the calling thread.
 *
 * @param bind
 *   The binding.
 * @return
 *   0 (Paused), -EINVAL (not Running or Pausing), or -ETIMEDOUT: sends are
 *   still outstanding after pause_timeout_ms; the binding stays Pausing
 *   and a later call goes on waiting.
 */
int nbl_bind_pause(struct nbl_bind *bind);

/**
 * Close the binding (ProtocolUnbindAdapterEx): Paused -> Closing ->
 * Unbound.  While the port is still started: waits (at most
 * pause_timeout_ms, with rte_eth_tx_done_cleanup()) for the PMD to give
 * back what it was sent, and drains every RX queue the binding configured
 * (rte_eth_rx_burst() + free, bounded by the binding's buffer count), so
 * that frames a port loops back into its own RX ring (net_ring) or
 * received frames come back.  Then stops the port and, unless keep_port,
 * closes it (PMDs give back the buffers of their RX rings, e.g. net_tap's,
 * when the queues are released) before checking that every pool is full;
 * with keep_port an RX ring that still holds buffers of the RX pool after
 * the stop is released by configuring the port with no RX queue.  Then
 * frees the pools.  RX buffers come from a pool of their own (rx_count),
 * never from the copy pool.
 *
 * @param bind
 *   The binding.
 * @return
 *   0 (Unbound), -EINVAL (not Paused or Closing), or -EBUSY with the
 *   binding left Closing (call again): either the protocol still holds
 *   NBLs of the pool (the port is left running), or a pool is still not
 *   full once the port was stopped (and closed): logged with the pool's
 *   name and counts, the pools are kept (the leak check shows them).
 */
int nbl_bind_close(struct nbl_bind *bind);

/**
 * State of a binding.
 * @param bind The binding.
 * @return The state.
 */
enum nbl_bind_state nbl_bind_state_get(const struct nbl_bind *bind);

/**
 * Name of a state ("Unbound", "Opening", ...).
 * @param state A state.
 * @return A static string ("?" for an unknown value).
 */
const char *nbl_bind_state_name(enum nbl_bind_state state);

/**
 * Name of an NBL status ("SUCCESS", "RESOURCES", ...).
 * @param status NBL_STATUS_* value.
 * @return A static string ("?" for an unknown value).
 */
const char *nbl_bind_status_name(int32_t status);

/**
 * NBL status for a negative errno from ethdev (rte_eth_tx_prepare and the
 * like): -EINVAL, -EMSGSIZE, -E2BIG, -ERANGE -> INVALID_LENGTH; -ENOMEM,
 * -ENOBUFS -> RESOURCES; anything else -> FAILURE.
 *
 * @param err
 *   A negative (or positive) errno value.
 * @return
 *   The NBL_STATUS_* value.
 */
int32_t nbl_bind_status_from_errno(int err);

/**
 * Compute the requirements a binding with this configuration would have on
 * a port, from rte_eth_dev_info (no change to the port).
 *
 * @param port_id
 *   The port.
 * @param conf
 *   The configuration.
 * @param reqs
 *   Filled in.
 * @return
 *   0, or -EINVAL (bad port or conf), or an rte_eth_dev_info_get() error.
 */
int nbl_bind_reqs_compute(uint16_t port_id, const struct nbl_bind_conf *conf,
			  struct nbl_bind_reqs *reqs);

/**
 * Requirements in effect (those of the last open or restart).
 *
 * @param bind
 *   The binding.
 * @param reqs
 *   Filled in.
 * @return
 *   0, or -EINVAL (NULL argument, or Unbound: none yet).
 */
int nbl_bind_reqs_get(const struct nbl_bind *bind, struct nbl_bind_reqs *reqs);

/**
 * Print requirements, one per line with its reason.
 *
 * @param reqs
 *   The requirements.
 * @param f
 *   Output.
 */
void nbl_bind_reqs_print(const struct nbl_bind_reqs *reqs, FILE *f);

/**
 * The protocol's (T,N) NBL pool, created from the requirements: DataSize =
 * data_backfill + max_frame; a new NBL's NB has DataOffset data_backfill
 * (so a retreat of up to DataBackFillSize never allocates) and DataLength
 * max_frame (set the frame's length); ContextSize is context_size.  Its
 * mbufs may go to the PMD.  It changes only across a restart that needs
 * bigger pools; nbl_bind_conf::obj_init runs on every NBL of each pool
 * the binding creates.
 *
 * @param bind
 *   The binding.
 * @return
 *   The pool, or NULL when Unbound.
 */
struct nbl_list_pool *nbl_bind_pool(const struct nbl_bind *bind);

/**
 * Parameters of a pool shaped like the binding's protocol pool, for a
 * protocol that keeps pools of its own (one per stream, each with its own
 * template): (T,N), DataSize data_size, a new NB at DataOffset
 * data_backfill with DataLength max_frame, ContextSize context_size,
 * pool_count NBLs with the binding's cache size, on the port's NUMA
 * socket, no obj_init.  The caller adjusts count (and the cache with it:
 * a mempool's cache holds at most count / 1.5), init_length, tag and
 * obj_init, then calls nbl_list_pool_create(); NBLs of such a pool go by
 * reference like the binding's own.  The shape holds until a restart
 * that changes the requirements.
 *
 * @param bind
 *   An opened binding.
 * @param p
 *   Filled in.
 * @return
 *   0, or -EINVAL (NULL argument, Unbound).
 */
int nbl_bind_pool_params(const struct nbl_bind *bind,
			 struct nbl_list_pool_params *p);

/**
 * Port of a binding.
 * @param bind The binding.
 * @return The ethdev port id.
 */
uint16_t nbl_bind_port(const struct nbl_bind *bind);

/**
 * TX queues of an opened binding.
 * @param bind The binding.
 * @return The number of queues (0 when Unbound).
 */
uint16_t nbl_bind_nb_queues(const struct nbl_bind *bind);

/**
 * Public queue object for nbl_bind_send_ff().  Valid until the next
 * restart or close.
 *
 * @param bind
 *   The binding.
 * @param queue
 *   TX queue index.
 * @return
 *   The queue, or NULL with rte_errno EINVAL (no such queue, Unbound).
 */
struct nbl_bind_txq *nbl_bind_txq(struct nbl_bind *bind, uint16_t queue);

/**
 * Send a chain of NBLs (NdisSendNetBufferLists).  Void like NDIS: every
 * NBL of the chain (linked by next, wire order) comes back exactly once
 * through the send-complete callback, delivered by nbl_bind_poll() (or by
 * a pause/close), never from inside this call.  Statuses: SUCCESS;
 * PAUSED (not Running); INVALID_LENGTH (frame above max_frame without
 * LSO, LSO segment above it, LSO frame above NBL_BIND_LSO_MAX or above the
 * port's tso_segs_max buffers, rte_eth_tx_prepare() length error);
 * RESOURCES (no copy mbuf, backlog full); SEND_ABORTED
 * (nbl_bind_cancel()); INVALID_PARAMETER (SourceHandle neither NULL nor
 * the binding, NBL without NB or with an empty one); FAILURE (other
 * tx_prepare errors).  A NULL SourceHandle is set to the binding.  NBLs
 * with offload info (checksum, LSO, 802.1Q) get the port's TX offloads or
 * software; an LSO frame above one buffer goes to the port's TSO as a
 * chain of copy buffers where the port takes multi-segment frames, and is
 * segmented in software otherwise.  No allocation, lock or syscall per
 * packet on the zero-copy path.
 *
 * @param bind
 *   The binding.
 * @param queue
 *   TX queue.  An invalid one completes every NBL with INVALID_PARAMETER
 *   (PAUSED when not Running), delivered by nbl_bind_poll() on that queue
 *   number.
 * @param chain
 *   First NBL, or NULL.
 * @param flags
 *   NBL_SEND_F_*.
 */
void nbl_bind_send(struct nbl_bind *bind, uint16_t queue,
		   struct nbl_list *chain, uint32_t flags);

/**
 * Make progress on a queue: retry the backlog, reap zero-copy NBLs the
 * PMD released (calling rte_eth_tx_done_cleanup() when some are held),
 * then deliver completions and loopback indications through the
 * callbacks, holding nothing.  Call it from the queue's sending thread.
 *
 * @param bind
 *   The binding.
 * @param queue
 *   TX queue.
 * @return
 *   The number of NBLs completed by this call.
 */
unsigned int nbl_bind_poll(struct nbl_bind *bind, uint16_t queue);

/**
 * Cancel sends (NdisCancelSendNetBufferLists): NBLs whose
 * NBL_INFO_CANCEL_ID equals cancel_id and that still wait in a backlog
 * complete with SEND_ABORTED (delivered by the next poll); NBLs already
 * given to the PMD complete normally.
 *
 * @param bind
 *   The binding.
 * @param cancel_id
 *   The id (NULL matches nothing).
 * @return
 *   The number of NBLs aborted.
 */
unsigned int nbl_bind_cancel(struct nbl_bind *bind, void *cancel_id);

/**
 * NBLs given to the binding and not yet delivered back (all queues).
 *
 * @param bind
 *   The binding.
 * @return
 *   The count.
 */
uint64_t nbl_bind_outstanding(const struct nbl_bind *bind);

/**
 * Read the counters of a queue, or their sum.
 *
 * @param bind
 *   The binding.
 * @param queue
 *   TX queue, or NBL_BIND_ALL_QUEUES.
 * @param st
 *   Filled in.
 * @return
 *   0, or -EINVAL (no such queue, NULL argument).
 */
int nbl_bind_stats_get(const struct nbl_bind *bind, uint16_t queue,
		       struct nbl_bind_stats *st);

/**
 * Print the summed counters, one line.
 *
 * @param bind
 *   The binding.
 * @param f
 *   Output.
 */
void nbl_bind_stats_print(const struct nbl_bind *bind, FILE *f);

/* ------------------------------------------------------------------ */
/* Fire and forget (hot path, static inline)                           */
/* ------------------------------------------------------------------ */

/** @internal take a queue for one burst. */
static inline void
nbl_bind_txq_take(struct nbl_bind_txq *q)
{
	uint32_t zero = 0;

	while (unlikely(!__atomic_compare_exchange_n(&q->busy, &zero, 1, false,
						     __ATOMIC_ACQUIRE,
						     __ATOMIC_RELAXED))) {
		zero = 0;
		rte_pause();
	}
}

/** @internal give a queue back. */
static inline void
nbl_bind_txq_give(struct nbl_bind_txq *q)
{
	__atomic_store_n(&q->busy, 0, __ATOMIC_RELEASE);
}

/**
 * @internal Fire and forget, the shared part: hand m[0..n) to the PMD
 * with the queue's bounded retries, count the accepted ones as handed off
 * from their pool and as sent.  The caller holds the queue.
 */
static inline uint16_t
nbl_bind_txq_burst_ff(struct nbl_bind_txq *q, struct nbl_list_pool *pool,
		      struct rte_mbuf **m, uint16_t n)
{
	uint16_t sent = rte_eth_tx_burst(q->port_id, q->queue_id, m, n);
	uint32_t r;

	for (r = 0; unlikely(sent < n) && r < q->tx_retries; r++)
		sent += rte_eth_tx_burst(q->port_id, q->queue_id, m + sent,
					 (uint16_t)(n - sent));
	nbl_list_pool_handoff(pool, sent);
	q->stats.ff_sent += sent;
	q->stats.packets += sent;
	return sent;
}

/**
 * Fire-and-forget send: NBLs of one (T,N) pool (normally the binding's,
 * nbl_bind_pool()), each a single NB on its embedded MDL (retreats within
 * the back-fill allowed), are materialised with nbl_list_to_mbuf() and
 * handed to the PMD, which frees them straight into that pool (counted
 * with nbl_list_pool_handoff()).  n == 0 is allowed.  No
 * completion, no offload info.  A short burst is retried tx_retries times;
 * what is left, and everything when the binding is not Running, is freed
 * back to the pool and counted in ff_dropped.  The caller owns none of
 * the NBLs afterwards.
 *
 * @param q
 *   Queue from nbl_bind_txq().
 * @param nbls
 *   The NBLs.
 * @param n
 *   How many (at most NBL_BIND_BURST_MAX).
 * @return
 *   The number of NBLs the PMD accepted (the first ones).
 */
static inline uint16_t
nbl_bind_send_ff(struct nbl_bind_txq *q, struct nbl_list **nbls, uint16_t n)
{
	struct rte_mbuf *m[NBL_BIND_BURST_MAX];
	uint64_t bytes = 0;
	uint16_t i, sent;

	RTE_ASSERT(n <= NBL_BIND_BURST_MAX);
	if (unlikely(n == 0))
		return 0;
	nbl_bind_txq_take(q);
	q->stats.ff_submitted += n;
	if (unlikely(__atomic_load_n(q->state, __ATOMIC_ACQUIRE) !=
		     NBL_BIND_RUNNING)) {
		sent = 0;
		goto drop;
	}
	for (i = 0; i < n; i++) {
#ifdef NBL_DEBUG
		RTE_VERIFY(nbls[i]->pool == nbls[0]->pool &&
			   nbls[i]->mbuf != NULL &&
			   nbls[i]->first_nb->next == NULL &&
			   nbls[i]->first_nb->ndis_mdls == 0);
#endif
		m[i] = nbl_list_to_mbuf(nbls[i]);
		bytes += m[i]->pkt_len;
	}
	sent = nbl_bind_txq_burst_ff(q, nbls[0]->pool, m, n);
	for (i = sent; i < n; i++) /* still ours: not counted */
		bytes -= m[i]->pkt_len;
	q->stats.bytes += bytes;
drop:
	if (unlikely(sent < n)) {
		nbl_list_free_bulk(nbls[0]->pool, nbls + sent,
				   (unsigned int)(n - sent));
		q->stats.ff_dropped += n - sent;
	}
	nbl_bind_txq_give(q);
	return sent;
}

/**
 * Fire-and-forget template burst, the generator's top speed: take n NBLs
 * of a (T,N) pool as mbufs (nbl_list_pool_mbufs_get(): no NBL is reset,
 * each carries the template frame its pool's obj_init wrote, len bytes at
 * the pool's initial DataOffset) and hand them to the PMD, which frees
 * them straight into the pool.  Same retry, counting and Running rule as
 * nbl_bind_send_ff(); an empty pool sends nothing and counts ff_nobufs.
 *
 * @param q
 *   Queue from nbl_bind_txq().
 * @param pool
 *   A (T,N) pool, normally nbl_bind_pool().
 * @param n
 *   How many frames (at most NBL_BIND_BURST_MAX).
 * @param len
 *   Frame length.
 * @return
 *   The number of frames the PMD accepted.
 */
static inline uint16_t
nbl_bind_send_ff_template(struct nbl_bind_txq *q, struct nbl_list_pool *pool,
			  uint16_t n, uint16_t len)
{
	struct rte_mbuf *m[NBL_BIND_BURST_MAX];
	uint16_t sent = 0;

	RTE_ASSERT(n <= NBL_BIND_BURST_MAX);
	if (unlikely(n == 0))
		return 0;
	nbl_bind_txq_take(q);
	q->stats.ff_submitted += n;
	if (unlikely(__atomic_load_n(q->state, __ATOMIC_ACQUIRE) !=
		     NBL_BIND_RUNNING)) {
		q->stats.ff_dropped += n;
		goto out;
	}
	if (unlikely(nbl_list_pool_mbufs_get(pool, m, n, len) != 0)) {
		q->stats.ff_nobufs += n;
		goto out;
	}
	sent = nbl_bind_txq_burst_ff(q, pool, m, n);
	q->stats.bytes += (uint64_t)sent * len;
	if (unlikely(sent < n)) {
		nbl_list_pool_mbufs_put(pool, m + sent, (unsigned int)(n - sent));
		q->stats.ff_dropped += n - sent;
	}
out:
	nbl_bind_txq_give(q);
	return sent;
}

/**
 * Fire-and-forget send of frames the caller prepared: mbufs of (T,N)
 * pools (nbl_list_pool_mbufs_get(), or nbl_list_to_mbuf() of NBLs), in
 * wire order, handed to the PMD with the queue's bounded retries; the PMD
 * frees what it accepted straight into their pools.  Unlike
 * nbl_bind_send_ff(), what the PMD refused stays the caller's (counted in
 * ff_refused), to be sent again in order or given back; and the caller
 * counts the accepted frames as handed off from their pools
 * (nbl_list_pool_handoff()), since they may come from several.  Nothing
 * is sent when the binding is not Running (0 returned, nothing counted
 * but ff_submitted and ff_refused).
 *
 * @param q
 *   Queue from nbl_bind_txq().
 * @param m
 *   The mbufs.
 * @param n
 *   How many (any number; 0 is allowed).
 * @param len
 *   The length of every frame when they all have one (nothing is read
 *   from the mbufs then), or 0: each mbuf's pkt_len.
 * @param bytes
 *   If not NULL, set to the bytes of the frames the PMD accepted.
 * @return
 *   The number of frames the PMD accepted: m[0..return).
 */
static inline uint16_t
nbl_bind_send_ff_mbufs(struct nbl_bind_txq *q, struct rte_mbuf **m,
		       uint16_t n, uint32_t len, uint64_t *bytes)
{
	uint64_t total = 0;
	uint16_t i, sent = 0;
	uint32_t r;

	if (unlikely(n == 0)) {
		if (bytes != NULL)
			*bytes = 0;
		return 0;
	}
	/* lengths before the burst: an accepted mbuf may be reused at once */
	if (len == 0)
		for (i = 0; i < n; i++)
			total += m[i]->pkt_len;
	nbl_bind_txq_take(q);
	q->stats.ff_submitted += n;
	if (likely(__atomic_load_n(q->state, __ATOMIC_ACQUIRE) ==
		   NBL_BIND_RUNNING)) {
		sent = rte_eth_tx_burst(q->port_id, q->queue_id, m, n);
		for (r = 0; unlikely(sent < n) && r < q->tx_retries; r++)
			sent += rte_eth_tx_burst(q->port_id, q->queue_id,
						 m + sent,
						 (uint16_t)(n - sent));
	}
	if (len != 0)
		total = (uint64_t)sent * len;
	else
		for (i = sent; i < n; i++) /* still the caller's */
			total -= m[i]->pkt_len;
	q->stats.ff_sent += sent;
	q->stats.packets += sent;
	q->stats.bytes += total;
	q->stats.ff_refused += n - sent;
	nbl_bind_txq_give(q);
	if (bytes != NULL)
		*bytes = total;
	return sent;
}

#ifdef __cplusplus
}
#endif

#endif /* NBL_BIND_H */

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef GEN_APP_H
#define GEN_APP_H

/**
 * @file
 * Internal interfaces of the nblgen program: the port (hot-plugged after
 * EAL init), the sender lcore, the job that wires them to the binding,
 * and the pcap read-back check.
 */

#include <stdbool.h>
#include <stdint.h>

#include <rte_common.h>

#include "frame.h"
#include "opts.h"

struct nbl_bind;
struct nbl_bind_txq;
struct nbl_list;
struct nbl_list_pool;

/** Exit status: success. */
#define GEN_EXIT_OK 0
/** Exit status: a run-time failure (send, completion, leak, pcap). */
#define GEN_EXIT_FAIL 1
/** Exit status: bad options, configuration or port. */
#define GEN_EXIT_USAGE 2

/** Ask every loop to stop (signal handlers call it). */
void gen_stop(void);

/**
 * Whether a stop was asked.
 * @return true after gen_stop().
 */
bool gen_stopped(void);

/** The port of a run. */
struct gen_port {
	char bus[16];     /**< "vdev" or "pci" */
	char name[128];   /**< device name */
	char args[1024];  /**< devargs after the name */
	char pcap[1024];  /**< tx_pcap= file if the port writes one, else "" */
	uint16_t port_id; /**< ethdev port */
	bool created;     /**< hot-plugged by us */
};

/**
 * Create the port of the settings by hot-plug (rte_eal_hotplug_add).
 *
 * @param o
 *   Settings.
 * @param p
 *   Filled in.
 * @param err
 *   Message naming the option and the problem.
 * @param errlen
 *   Size of err.
 * @return
 *   0, or a negative errno (no such driver or device, bad devargs, not an
 *   Ethernet port): nothing is left created.
 */
int gen_port_create(const struct gen_opts *o, struct gen_port *p, char *err,
		    size_t errlen);

/**
 * Remove a port created by gen_port_create() (after the binding closed it).
 *
 * @param p
 *   The port.
 */
void gen_port_remove(struct gen_port *p);

/** NBLs the sender keeps for reuse at most (two of the largest bursts). */
#define GEN_READY_MAX (2 * GEN_BURST_MAX)

/** State and results of the sending lcore (one per TX queue). */
struct gen_sender {
	/* set up by the job */
	struct nbl_bind *bind;        /**< binding */
	struct nbl_list_pool *pool;   /**< the binding's (T,N) pool */
	struct nbl_bind_txq *txq;     /**< queue, for fire and forget */
	const uint8_t *tmpl;          /**< template frame (sequence 0) */
	struct gen_frame_spec spec;   /**< what the frames hold */
	uint64_t count;               /**< frames to send */
	uint64_t rate;                /**< frames per second, 0: no pacing */
	uint64_t *seen;               /**< one bit per sequence, or NULL */
	uint64_t drain_ms;            /**< longest wait for completions */
	uint32_t burst;               /**< NBLs per send call */
	uint16_t queue;               /**< TX queue */
	uint16_t tmpl_cksum;          /**< UDP checksum of the template */
	uint16_t ctx_size;            /**< own context bytes (sequence) */
	uint16_t ctx_backfill;        /**< ContextBackFillSize */
	bool ff;                      /**< fire and forget: no completion */
	bool cksum_frame;             /**< nblgen writes the checksums; else
				       * the NBLs ask for them (csum_info) */
	void *csum_info;              /**< TcpIpChecksum info of every NBL */
	/* recycling: while frames remain to be sent, a completed NBL is kept
	 * for the next burst instead of going back to the pool */
	bool recycle;                 /**< keep completed NBLs */
	uint32_t nb_ready;            /**< kept NBLs in ready[] */
	struct nbl_list *ready[GEN_READY_MAX]; /**< kept NBLs, a stack */
	/* results */
	uint64_t submitted;           /**< NBLs given to the binding */
	uint64_t ff_dropped;          /**< fire and forget: not accepted */
	uint64_t completed;           /**< NBLs that came back */
	uint64_t completed_ok;        /**< ... with SUCCESS */
	uint64_t failed;              /**< ... with another status */
	uint64_t changed;             /**< came back with other bytes */
	uint64_t duplicates;          /**< came back twice */
	uint64_t pool_waits;          /**< allocations that had to wait */
	uint64_t tsc_start;           /**< first send */
	uint64_t tsc_end;             /**< last completion */
	int32_t first_bad_status;     /**< first status other than SUCCESS */
	int alloc_error;              /**< a non-recoverable alloc error */
	bool drain_timeout;           /**< completions still missing */
} __rte_cache_aligned;

/**
 * Send-complete callback of the binding (ProtocolSendNetBufferLists
 * Complete): check every NBL (status, exactly once, bytes unchanged), then
 * keep it for the next burst while frames remain to be sent, or free it.
 *
 * @param ctx
 *   The struct gen_sender.
 * @param chain
 *   Completed NBLs.
 * @param flags
 *   NBL_SEND_COMPLETE_F_*.
 */
void gen_sender_complete(void *ctx, struct nbl_list *chain, uint32_t flags);

/**
 * Sending lcore: send s->count frames (or until gen_stop()) in bursts,
 * paced if asked, through send/complete (then wait for every completion)
 * or fire and forget.
 *
 * @param arg
 *   The struct gen_sender.
 * @return
 *   0.
 */
int gen_sender_main(void *arg);

/**
 * The main job: bind the port, print the requirements, build the frame
 * template in every buffer of the pool, send on a worker lcore, report,
 * pause and close the binding.
 *
 * @param o
 *   Settings.
 * @param port
 *   The port.
 * @param held
 *   Set when the binding could not close because the port still holds
 *   some of its buffers (its pools are then not full).
 * @return
 *   GEN_EXIT_OK, GEN_EXIT_FAIL or GEN_EXIT_USAGE (a frame size the port
 *   cannot carry).
 */
int gen_job_run(const struct gen_opts *o, const struct gen_port *port,
		bool *held);

/**
 * Read a pcap file back and check it holds exactly count frames with
 * sequence numbers 0..count-1 in order, each byte as promised.
 *
 * @param path
 *   The pcap file.
 * @param spec
 *   What the frames hold.
 * @param count
 *   Frames expected.
 * @return
 *   0, or -1 (a message was printed).
 */
int gen_pcap_check(const char *path, const struct gen_frame_spec *spec,
		   uint64_t count);

#endif /* GEN_APP_H */

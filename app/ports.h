/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef APP_PORTS_H
#define APP_PORTS_H

/* The ports of a run: probed by the EAL or hot-plugged after it started
 * (so that a bad port gets a message of its own), with a net_pcap
 * output (tx_pcap=) written under a temporary name and renamed at the
 * end (lib/proc). */

#include <stdbool.h>
#include <stdint.h>

#include <rte_ether.h>

#include <proc.h>

#include "opts.h"

struct nbl_bind;

/** A port of the run. */
struct app_port {
	char bus[8];              /**< "vdev" or "pci" */
	char name[128];           /**< device name */
	char args[1024];          /**< devargs after the name (rewritten) */
	char given[1024];         /**< devargs as the user gave them */
	uint16_t port_id;         /**< ethdev port */
	bool hotplugged;          /**< created by us: we remove it */
	char driver[32];          /**< driver name */
	uint64_t link_bps;        /**< link speed, 0 unknown */
	struct rte_ether_addr mac; /**< its address */
	bool mac_ok;              /**< a usable unicast address */
	struct proc_out out;      /**< its tx_pcap output, if any */
	struct nbl_bind *bind;    /**< its binding */
	unsigned int nqueues;     /**< TX queues (lcores serving it) */
};

/**
 * Rewrite a net_pcap devargs' tx_pcap=FILE to a temporary file of an
 * output (FILE is checked like every output: not a link, not an input).
 *
 * @param name
 *   Device name.
 * @param args
 *   Devargs after the name, rewritten in place.
 * @param argslen
 *   Size of args.
 * @param out
 *   Filled with the output (out->open false when none).
 * @param in
 *   The run's inputs.
 * @param what
 *   Option naming it, for messages.
 * @param err
 *   Filled on error.
 * @param errlen
 *   Size of err.
 * @return
 *   0 or a negative errno.
 */
int app_port_out_rewrite(const char *name, char *args, size_t argslen,
			 struct proc_out *out, const struct proc_inputs *in,
			 const char *what, char *err, size_t errlen);

/**
 * Create the ports: the EAL's own when EAL options were given, then one
 * per --vdev (hot-plugged) and --pci (probed by the embedded default's
 * -a); or the embedded default port (net_null0, or net_pcap0 writing
 * -w's file).  Fills driver, link speed and MAC.
 *
 * @param o
 *   Settings.
 * @param in
 *   The run's inputs.
 * @param ports
 *   At least APP_PORTS_MAX entries.
 * @param n
 *   Filled with the number of ports.
 * @param err
 *   Filled with a message naming the option and the port.
 * @param errlen
 *   Size of err.
 * @return
 *   0, or a negative errno: nothing is left created.
 */
int app_ports_create(const struct app_opts *o, const struct proc_inputs *in,
		     struct app_port *ports, unsigned int *n, char *err,
		     size_t errlen);

/**
 * Remove the hot-plugged ports (after their bindings closed them) and
 * finish or give up their outputs.
 *
 * @param ports
 *   The ports.
 * @param n
 *   How many.
 * @param commit
 *   Rename the outputs into place (else remove them).
 * @param err
 *   Filled when an output cannot be finished.
 * @param errlen
 *   Size of err.
 * @return
 *   0 or a negative errno.
 */
int app_ports_remove(struct app_port *ports, unsigned int n, bool commit,
		     char *err, size_t errlen);

#endif /* APP_PORTS_H */

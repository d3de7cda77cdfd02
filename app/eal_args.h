/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef APP_EAL_ARGS_H
#define APP_EAL_ARGS_H

/* The EAL argument vector of a run (lib/proc builds it). */

#include <proc.h>

#include "opts.h"

/** Most net_pcap outputs among the EAL's own --vdev options. */
#define APP_EAL_OUTS 8

/** The EAL vector and what came with it. */
struct app_eal {
	struct proc_args args;        /**< the vector */
	bool embedded;                /**< the embedded default */
	bool own_prefix;              /**< the file prefix is made up */
	unsigned int nouts;           /**< tx_pcap outputs of EAL --vdev */
	struct proc_out outs[APP_EAL_OUTS]; /**< ... */
	char out_dev[APP_EAL_OUTS][128]; /**< the device of each output */
};

/**
 * Build the EAL vector: the options before "--" verbatim (a net_pcap
 * --vdev's tx_pcap= rewritten to a temporary file), or the embedded
 * default: --no-huge -m 512 (unless --huge, or -m in --eal), --no-pci or
 * -a with each --pci port, the lcore map of --tx-lcores workers (unless
 * --eal names lcores), --file-prefix (given, or nblgen-PID), quieter logs
 * unless verbose, then the --eal words.
 *
 * @param o
 *   Checked settings.
 * @param prog
 *   argv[0].
 * @param pid
 *   Process id, for the made-up prefix.
 * @param in
 *   The run's inputs (outputs must not be one).
 * @param e
 *   Filled in.
 * @param err
 *   Filled on error.
 * @param errlen
 *   Size of err.
 * @return
 *   0 or a negative errno.
 */
int app_eal_build(const struct app_opts *o, const char *prog, int pid,
		  const struct proc_inputs *in, struct app_eal *e, char *err,
		  size_t errlen);

/**
 * Finish (commit) or give up the EAL's outputs.
 *
 * @param e
 *   The EAL vector's state.
 * @param commit
 *   Rename them into place.
 * @param err
 *   Filled on error.
 * @param errlen
 *   Size of err.
 * @return
 *   0 or a negative errno.
 */
int app_eal_outs_finish(struct app_eal *e, bool commit, char *err,
			size_t errlen);

#endif /* APP_EAL_ARGS_H */

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

/*
 * What the benchmarks share: option parsing, the median of the rounds,
 * EAL set-up with default arguments, and the end-of-run pool and leak
 * checks.  Every message names the program (prog) as its first word.
 */

#include <stdbool.h>

#include <rte_mempool.h>

/** Most rounds a benchmark runs (the size of its per-round arrays). */
#define BENCH_MAX_ROUNDS 101

/**
 * Parse an unsigned number in [min, max] given to option --opt.
 *
 * @param prog  program name for the message.
 * @param opt   option name without the dashes.
 * @param arg   the option's argument.
 * @param min   smallest value accepted.
 * @param max   largest value accepted.
 * @param out   the value, written only on success.
 * @return 0, or -EINVAL (message on stderr) when arg is not such a number.
 */
int bench_parse_uint(const char *prog, const char *opt, const char *arg,
		     unsigned int min, unsigned int max, unsigned int *out);

/** One numeric option: --name N with N in [min, max], stored in *out. */
struct bench_opt {
	const char *name;                 /**< long name, without dashes */
	unsigned int min;                 /**< smallest value accepted */
	unsigned int max;                 /**< largest value accepted */
	unsigned int *out;                /**< where the value goes */
	int (*check)(unsigned int value); /**< further check, or NULL:
					   * 0, or -EINVAL after a message */
};

/** Most options a benchmark takes (besides --help). */
#define BENCH_MAX_OPTS 16

/**
 * Parse the benchmark's options: the numeric options of the table, each
 * through bench_parse_uint() and its check, and --help / -h, which calls
 * usage() and exits with EXIT_SUCCESS.  Parsing stops at the first error.
 *
 * @param prog   program name for the messages.
 * @param argc   argument count (argv[0] is not an option).
 * @param argv   the arguments.
 * @param opts   the numeric options.
 * @param n      how many (at most BENCH_MAX_OPTS).
 * @param usage  prints the usage on stdout.
 * @return 0, or -EINVAL (message on stderr) on a bad value, an unknown
 *         option (after usage()) or a left-over argument.
 */
int bench_parse_opts(const char *prog, int argc, char **argv,
		     const struct bench_opt *opts, unsigned int n,
		     void (*usage)(void));

/**
 * Median of n values; sorts v in place.
 *
 * @param v  the values (n >= 1).
 * @param n  how many.
 * @return the median (the mean of the middle two when n is even).
 */
double bench_median(double *v, unsigned int n);

/**
 * Initialise the EAL (lib/proc): with the arguments before "--" if any
 * were given, else with the defaults --no-huge -m 512 --no-pci -l <lcores>
 * <extra...> --file-prefix <prog>_<pid> --log-level lib.eal:warning
 * --no-telemetry --no-shconf.
 * On success argc and argv are moved past the EAL arguments (and a
 * leading "--"), so that argv[0] stands before the benchmark's options.
 *
 * @param argc      main's argc, updated.
 * @param argv      main's argv, updated.
 * @param prog      program name for the message and the default prefix.
 * @param lcores    default lcore list (-l).
 * @param extra     further default arguments (may be NULL if n_extra is 0).
 * @param n_extra   how many.
 * @param own_prefix set when the defaults were used: the runtime
 *                  directory is the benchmark's to remove.
 * @return 0, or a negative errno (message on stderr) when rte_eal_init
 *         failed.
 */
int bench_eal_init(int *argc, char ***argv, const char *prog,
		   const char *lcores, const char *const *extra,
		   unsigned int n_extra, bool *own_prefix);

/**
 * Clean the EAL up and remove its runtime directory when the defaults of
 * bench_eal_init() made its prefix up.
 *
 * @param own_prefix what bench_eal_init() set.
 */
void bench_eal_cleanup(bool own_prefix);

/**
 * Free a raw mempool after checking that all its objects are back.
 *
 * @param prog  program name for the message.
 * @param mp    the pool (NULL: nothing to do).
 * @return 0, or -1 (message on stderr) when the pool was not full.
 */
int bench_raw_pool_free(const char *prog, struct rte_mempool *mp);

/**
 * Run the final leak check (proc_leak_check()).
 *
 * @param prog  program name for the message.
 * @return 0, or -1 (message on stderr) when objects are missing.
 */
int bench_leak_check(const char *prog);

#endif /* BENCH_COMMON_H */

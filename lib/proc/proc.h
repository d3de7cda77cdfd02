/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef PROC_H
#define PROC_H

/**
 * @file
 * libnblproc: what every program of the project does around its work,
 * written once for nblgen and the benchmarks: the EAL argument vector
 * (the DPDK convention "prog [EAL options] -- [options]", or an embedded
 * default that runs anywhere: no hugepages, no PCI, a unique file
 * prefix), EAL start and clean-up with the removal of the runtime
 * directory a run made up for itself, the final leak check, and output
 * files that are written under a temporary name and renamed at the end,
 * never through a symbolic link and never onto an input.
 *
 * Error contract: control calls return 0 or a negative errno and fill a
 * message naming the option or file and the problem; nothing here exits.
 */

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Most arguments of an EAL vector. */
#define PROC_ARGS_MAX 128

/** An argument vector (argv[0] included), with its own storage. */
struct proc_args {
	int argc;                         /**< arguments */
	char *argv[PROC_ARGS_MAX + 1];    /**< NULL-terminated */
	char store[8192];                 /**< backing storage */
	size_t used;                      /**< bytes of store used */
};

/**
 * Start a vector with argv[0].
 *
 * @param a
 *   The vector.
 * @param prog
 *   Program name.
 */
void proc_args_init(struct proc_args *a, const char *prog);

/**
 * Append one argument (printf-style).
 *
 * @param a
 *   The vector.
 * @param fmt
 *   Format.
 * @return
 *   0, or -E2BIG (no room).
 */
int proc_args_push(struct proc_args *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/**
 * Append the words of a string split like a shell would, without any
 * expansion: blanks separate words, '...' and "..." quote, a backslash
 * escapes one character outside single quotes.
 *
 * @param a
 *   The vector.
 * @param s
 *   The words.
 * @param err
 *   Filled on error ("unterminated ' quote").
 * @param errlen
 *   Size of err.
 * @return
 *   0, -EINVAL (bad quoting) or -E2BIG (a word longer than 1023 bytes,
 *   more than PROC_ARGS_MAX arguments, or no room left in the vector).
 */
int proc_args_split(struct proc_args *a, const char *s, char *err,
		    size_t errlen);

/**
 * Whether an argument from index `from` on is one of the names, as
 * "--name", "--name=value" or "-Xvalue" for a short name "-X".
 *
 * @param a
 *   The vector.
 * @param from
 *   First index looked at.
 * @param names
 *   NULL-terminated list ("-l", "--lcores", ...).
 * @return
 *   true if found.
 */
bool proc_args_has(const struct proc_args *a, int from,
		   const char *const *names);

/**
 * The arguments as one line, separated by spaces (for messages and the
 * run manifest).
 *
 * @param a
 *   The vector.
 * @param from
 *   First index.
 * @param buf
 *   Output.
 * @param len
 *   Size of buf.
 */
void proc_args_join(const struct proc_args *a, int from, char *buf,
		    size_t len);

/**
 * Split a program's command line at "--": the EAL options are what comes
 * before it (none when there is no "--"), the program's own options what
 * comes after it (everything but argv[0] when there is none).
 *
 * @param argc
 *   main()'s argc.
 * @param argv
 *   main()'s argv.
 * @param eal_n
 *   Filled with the number of EAL options (argv[1 .. 1 + eal_n)).
 * @param opt_start
 *   Filled with the index of the program's first option.
 * @return
 *   true if a "--" was given.
 */
bool proc_args_split_dashdash(int argc, char **argv, int *eal_n,
			      int *opt_start);

/**
 * The lcore map of the embedded default: a main lcore and `workers`
 * worker lcores on the CPUs this process may run on.  With enough CPUs it
 * is "-l c0,c1,..."; with fewer, the EAL's --lcores form maps several
 * lcores onto one CPU ("0@0,1@0,2@1": the main lcore, which sleeps, shares
 * the first worker's CPU; workers beyond the CPUs share them in turn).
 *
 * @param workers
 *   Worker lcores (>= 0).
 * @param opt
 *   Filled with "-l" or "--lcores".
 * @param optlen
 *   Size of opt.
 * @param val
 *   Filled with the map.
 * @param vallen
 *   Size of val.
 * @return
 *   The number of CPUs the map uses.
 */
unsigned int proc_lcores_default(unsigned int workers, char *opt,
				 size_t optlen, char *val, size_t vallen);

/**
 * Start the EAL with a vector (rte_eal_init()).  On failure the message
 * says what the EAL refused (rte_strerror) and the runtime directory it
 * may have made is removed when own_prefix.
 *
 * @param a
 *   The vector (not changed: the EAL gets a copy of the pointers).
 * @param own_prefix
 *   The file prefix was made up for this run: its runtime directory is
 *   the run's to remove.
 * @param err
 *   Filled on failure.
 * @param errlen
 *   Size of err.
 * @return
 *   0, or a negative errno (rte_errno of the failure).
 */
int proc_eal_init(const struct proc_args *a, bool own_prefix, char *err,
		  size_t errlen);

/**
 * Clean the EAL up (rte_eal_cleanup()) and, when own_prefix, remove the
 * runtime directory it used (its plain entries, then the directory).
 *
 * @param own_prefix
 *   The file prefix was made up for this run.
 */
void proc_eal_fini(bool own_prefix);

/**
 * The final leak check of a program: release libnbl's internal pools,
 * then report every pool that is not full, every MDL and context block
 * still held (nbl_leak_check()).
 *
 * @param f
 *   Where the report goes: "PROG: leak check: every pool is full again
 *   (0 objects missing)" or the missing objects.
 * @param prog
 *   Program name for the messages.
 * @return
 *   true when nothing is missing.
 */
bool proc_leak_check(FILE *f, const char *prog);

/* ------------------------------------------------------------------ */
/* Output files                                                        */
/* ------------------------------------------------------------------ */

/** Most inputs an output is compared with. */
#define PROC_INPUTS_MAX 64

/** The files a run reads: no output may name one of them. */
struct proc_inputs {
	unsigned int n;                  /**< inputs */
	dev_t dev[PROC_INPUTS_MAX];      /**< their devices */
	ino_t ino[PROC_INPUTS_MAX];      /**< their inodes */
	char what[PROC_INPUTS_MAX][64];  /**< "--config", "--pcap", ... */
};

/**
 * Record an input file (one the run reads).
 *
 * @param in
 *   The inputs.
 * @param path
 *   The file.
 * @param what
 *   The option that named it, for messages.
 * @return
 *   0, -ENOENT (cannot stat it: not recorded) or -E2BIG.
 */
int proc_inputs_add(struct proc_inputs *in, const char *path,
		    const char *what);

/** An output file being written. */
struct proc_out {
	char path[PATH_MAX]; /**< the name the user gave */
	char tmp[PATH_MAX];  /**< the temporary name in the same folder */
	FILE *f;             /**< open on tmp, or NULL once closed */
	bool open;           /**< tmp exists and is ours */
};

/**
 * Check that a path may be written as an output, before anything starts:
 * its folder exists and is writable; it is not a symbolic link (nothing
 * is written through one), not a directory, FIFO or device; it is not one
 * of the inputs, nor another output given earlier (outs).
 *
 * @param path
 *   The output's name.
 * @param opt
 *   The option or key that named it, for messages.
 * @param in
 *   The run's inputs (may be NULL).
 * @param outs
 *   Outputs already accepted (may be NULL).
 * @param nouts
 *   How many.
 * @param err
 *   Filled with a message: "option --json: 'conf/x.ini' is the file
 *   given to --config; nblgen never writes over its input".
 * @param errlen
 *   Size of err.
 * @return
 *   0, -EINVAL (refused), -ENOENT or -EACCES (folder).
 */
int proc_out_check(const char *path, const char *opt,
		   const struct proc_inputs *in, const char *const *outs,
		   unsigned int nouts, char *err, size_t errlen);

/**
 * Create the temporary file of an output: ".NAME.nblgen-XXXXXX" in the
 * output's folder (O_EXCL, mode 0666 less the umask), open for writing.
 *
 * @param o
 *   Filled in.
 * @param path
 *   The output's name (checked with proc_out_check()).
 * @param err
 *   Filled on error.
 * @param errlen
 *   Size of err.
 * @return
 *   0 or a negative errno.
 */
int proc_out_open(struct proc_out *o, const char *path, char *err,
		  size_t errlen);

/**
 * Finish an output: flush and close the temporary file (if still open)
 * and rename it to its name, replacing a regular file of that name.
 *
 * @param o
 *   The output.
 * @param err
 *   Filled on error.
 * @param errlen
 *   Size of err.
 * @return
 *   0, or a negative errno (the temporary file is removed).
 */
int proc_out_commit(struct proc_out *o, char *err, size_t errlen);

/**
 * Give an output up: close and remove the temporary file (an error or a
 * refused run leaves no file behind).
 *
 * @param o
 *   The output (no-op if not open).
 */
void proc_out_abort(struct proc_out *o);

#ifdef __cplusplus
}
#endif

#endif /* PROC_H */

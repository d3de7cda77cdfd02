/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef GEN_OPTS_H
#define GEN_OPTS_H

/**
 * @file
 * nblgen's settings: the command line, the INI configuration file and the
 * EAL argument vector built from them.  Nothing here needs the EAL, so a
 * unit test can run it alone.
 *
 * Every setting has one entry in a table (name, INI section, parser); the
 * command line (--name VALUE) and the INI file ([section] name = VALUE)
 * both go through it.  The command line wins over the file, whatever the
 * order of the options.
 */

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include <rte_ether.h>

/** Smallest frame (Ethernet minimum without FCS). */
#define GEN_FRAME_MIN 60
/** Largest frame (a 9000-byte jumbo MTU plus the Ethernet header). */
#define GEN_FRAME_MAX 9014
/** Default number of frames of the main job. */
#define GEN_DEFAULT_COUNT 64
/** Default frame size. */
#define GEN_DEFAULT_SIZE 128
/** Default output of the embedded default port. */
#define GEN_DEFAULT_PCAP "nblgen-out.pcap"
/** Default burst (NBLs per send call). */
#define GEN_DEFAULT_BURST 32
/** Largest burst. */
#define GEN_BURST_MAX 512
/** Room for an error message. */
#define GEN_ERR_LEN 512

/** Who writes the IPv4 and UDP checksums of the frames (--tx-cksum). */
enum gen_cksum {
	GEN_CKSUM_FRAME,    /**< nblgen, into every frame (default) */
	GEN_CKSUM_OFFLOAD,  /**< NBL checksum info: the port's TX offloads,
			     *   or the binding in software without them */
	GEN_CKSUM_SOFTWARE, /**< NBL checksum info, the binding in software
			     *   even where the port could */
};

/** Settings of one run. */
struct gen_opts {
	char vdev[512];        /**< devargs of a virtual port, "" if none */
	char pci[64];          /**< PCI address of a port, "" if none */
	char pcap[PATH_MAX];   /**< output file of the default port */
	char config[PATH_MAX]; /**< INI file read, "" if none */
	char eal[1024];        /**< extra EAL arguments */
	char file_prefix[64];  /**< EAL --file-prefix, "" for nblgen-<pid> */
	uint64_t count;        /**< frames to send */
	uint64_t rate;         /**< frames per second, 0 for no pacing */
	uint32_t size;         /**< frame bytes, without FCS */
	uint32_t burst;        /**< NBLs per send call */
	uint32_t src_ip;       /**< IPv4 source, network order */
	uint32_t dst_ip;       /**< IPv4 destination, network order */
	uint16_t src_port;     /**< UDP source port */
	uint16_t dst_port;     /**< UDP destination port */
	struct rte_ether_addr src_mac; /**< source MAC */
	struct rte_ether_addr dst_mac; /**< destination MAC */
	bool src_mac_set;      /**< false: use the port's own MAC */
	enum gen_cksum cksum;  /**< who writes the checksums */
	bool ff;               /**< fire and forget instead of send/complete */
	bool verbose;          /**< print the binding's reasoning and stats */
	bool huge;             /**< use hugepages */
	bool help;             /**< --help was given */
	uint64_t set;          /**< bit per setting given on the command line */
	uint64_t cfg_set;      /**< bit per setting given in the INI file */
};

/**
 * Fill in the defaults: the embedded default port (net_pcap writing
 * GEN_DEFAULT_PCAP), GEN_DEFAULT_COUNT frames of GEN_DEFAULT_SIZE bytes
 * from 127.0.0.1:49152 to 127.0.0.1:9 (discard), no pacing.
 *
 * @param o
 *   Settings to initialise.
 */
void gen_opts_init(struct gen_opts *o);

/**
 * Parse the command line, then the INI file named by --config (if any) for
 * the settings the command line did not give, then check the result as a
 * whole (gen_opts_check()).
 *
 * @param o
 *   Settings, initialised by gen_opts_init().
 * @param argc
 *   Argument count.
 * @param argv
 *   Arguments (not changed; getopt state is reset first).
 * @param err
 *   Filled with a message naming the option or file and the problem.
 * @param errlen
 *   Size of err.
 * @return
 *   0, or -EINVAL (bad option or value), -ENOENT (config file cannot be
 *   read); o->help is set when --help was given (and nothing is checked).
 */
int gen_opts_parse(struct gen_opts *o, int argc, char *const argv[],
		   char *err, size_t errlen);

/**
 * Apply an INI file: sections [port], [traffic], [eal] and [run] with the
 * long option names as keys.  Settings given on the command line (o->set)
 * are kept.
 *
 * @param o
 *   Settings.
 * @param path
 *   INI file (rte_cfgfile syntax, ';' starts a comment).
 * @param err
 *   Filled with a message naming the file, line or section and key.
 * @param errlen
 *   Size of err.
 * @return
 *   0, -ENOENT (cannot open) or -EINVAL (syntax, unknown section or key,
 *   bad value).
 */
int gen_opts_load_config(struct gen_opts *o, const char *path, char *err,
			 size_t errlen);

/**
 * Check the settings as a whole (exclusive options, paths).
 *
 * @param o
 *   Settings.
 * @param err
 *   Filled with a message naming the option(s) and the problem.
 * @param errlen
 *   Size of err.
 * @return
 *   0 or -EINVAL.
 */
int gen_opts_check(const struct gen_opts *o, char *err, size_t errlen);

/**
 * Print the usage text.
 *
 * @param f
 *   Stream.
 * @param prog
 *   Program name.
 */
void gen_opts_usage(FILE *f, const char *prog);

/**
 * Bus and device name of the port to create, and its devargs.
 *
 * @param o
 *   Checked settings.
 * @param bus
 *   Filled with "vdev" or "pci".
 * @param buslen
 *   Size of bus.
 * @param name
 *   Filled with the device name (net_pcap0, 0000:03:00.0, ...).
 * @param namelen
 *   Size of name.
 * @param args
 *   Filled with the devargs after the name ("" if none).
 * @param argslen
 *   Size of args.
 * @return
 *   0, or -ENAMETOOLONG.
 */
int gen_opts_port(const struct gen_opts *o, char *bus, size_t buslen,
		  char *name, size_t namelen, char *args, size_t argslen);

/** EAL argument vector built by gen_eal_args_build(). */
struct gen_eal_args {
	int argc;         /**< arguments */
	char *argv[128];  /**< pointers into store[] or static strings */
	char store[4096]; /**< backing storage */
	size_t used;      /**< bytes of store[] used */
};

/**
 * Build the EAL arguments of a run: --no-huge -m 512 unless --huge,
 * --no-pci unless a PCI port is used (then -a with its address, so that
 * EAL probes that device alone), -l with the first two CPUs of the
 * process's affinity unless --eal names lcores, --file-prefix (given or
 * nblgen-<pid>), quieter EAL logs unless verbose, then the --eal words
 * (shell-like quoting, no expansion).  A virtual port is created later
 * by hot-plug, so that a bad port gets its own message.
 *
 * @param o
 *   Checked settings.
 * @param prog
 *   argv[0] to use.
 * @param pid
 *   Process id for the default file prefix.
 * @param a
 *   Filled in.
 * @param err
 *   Filled with a message on error.
 * @param errlen
 *   Size of err.
 * @return
 *   0, -EINVAL (--eal cannot be split) or -E2BIG.
 */
int gen_eal_args_build(const struct gen_opts *o, const char *prog, int pid,
		       struct gen_eal_args *a, char *err, size_t errlen);

/**
 * Whether the EAL file prefix is one gen_eal_args_build() made up
 * (nblgen-<pid>), neither --file-prefix nor in --eal: then the run owns
 * its runtime directory and may remove it at exit.
 *
 * @param o
 *   Checked settings.
 * @return
 *   true for a made-up prefix.
 */
bool gen_eal_args_own_prefix(const struct gen_opts *o);

#endif /* GEN_OPTS_H */

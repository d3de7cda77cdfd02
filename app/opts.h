/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef APP_OPTS_H
#define APP_OPTS_H

/**
 * @file
 * nblgen's settings: the command line (`nblgen [EAL options] --
 * [options]`, or options alone for the embedded default) and the INI
 * file (-c/--config), with no EAL, so a unit test can run them alone.
 *
 * Two kinds of keys:
 * - run settings (section [run], [port] or [port.N], [eal]): one table
 *   (name, section, parser, help) drives the command line and the file;
 * - stream keys (section [traffic] for every stream, [stream.N] for one):
 *   libnblpkt's keys (headers, addresses, sizes, payload, ...) and the
 *   rate keys here (rate, schedule, count, bytes, port, tx-cksum).  They
 *   are kept as text with where they came from, checked when given, and
 *   applied per stream in the order defaults < [traffic] < [stream.N] <
 *   command line (app_stream_build()).
 *
 * The command line wins over the file.  A file is read once (a pipe or
 * /dev/stdin works), at most APP_CONF_MAX bytes; an empty file, a FIFO
 * nobody writes to, a directory, a duplicated section or key, an unknown
 * section or key, and a value rte_cfgfile would cut are refused with the
 * file, line, section and key named.  Every refusal is exit status 2.
 */

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <pace.h>

struct pkt_spec;

/** Exit status: success. */
#define APP_EXIT_OK 0
/** Exit status: a run-time failure. */
#define APP_EXIT_FAIL 1
/** Exit status: bad options, configuration or port. */
#define APP_EXIT_USAGE 2

/** Room for an error message. */
#define APP_ERR_LEN 1024
/** Most ports. */
#define APP_PORTS_MAX 16
/** Most streams. */
#define APP_STREAMS_MAX 256
/** Most stream keys given at one level (command line, a section). */
#define APP_KV_MAX 64
/** Largest config file read. */
#define APP_CONF_MAX (1u << 20)
/** Longest value (rte_cfgfile keeps CFG_VALUE_LEN - 1 bytes). */
#define APP_VALUE_MAX 255
/** Longest key or section name (CFG_NAME_LEN - 1). */
#define APP_NAME_MAX 63
/** Default burst. */
#define APP_BURST_DEFAULT 32
/** Default run time when no count, bytes or duration is given (ns). */
#define APP_DURATION_DEFAULT UINT64_C(1000000000)

/** Who writes the checksums (key tx-cksum). */
enum app_cksum {
	APP_CKSUM_FRAME = 0, /**< nblgen, in every frame (any engine) */
	APP_CKSUM_OFFLOAD,   /**< the port's TX offloads (ndis engine) */
	APP_CKSUM_SOFTWARE,  /**< the binding, in software (ndis engine) */
};

/** One stream key as given. */
struct app_kv {
	char key[APP_NAME_MAX + 1];      /**< key */
	char value[APP_VALUE_MAX + 1];   /**< value */
	char origin[512];                /**< "option --src-ip", or
					  *   "config file 'x.ini' [stream.1]
					  *   src-ip" */
};

/** Stream keys given at one level. */
struct app_kvs {
	unsigned int n;              /**< keys */
	struct app_kv kv[APP_KV_MAX]; /**< in the order given */
};

/** A [stream.N] section. */
struct app_stream_sec {
	unsigned int index;          /**< N */
	struct app_kvs keys;         /**< its keys */
};

/** Settings of one run. */
struct app_opts {
	/* [run] */
	uint64_t duration_ns;        /**< run time, 0: until stopped */
	bool duration_set;           /**< given */
	char engine[16];             /**< auto, template, stamp, ndis */
	uint32_t burst;              /**< frames per burst */
	uint32_t tx_lcores;          /**< TX lcores (0: embedded 1, else all
				      *   workers) */
	uint64_t seed;               /**< seed of every random choice */
	bool seed_set;               /**< given (else made from the time) */
	char json[PATH_MAX];         /**< results JSON, "" none */
	char csv[PATH_MAX];          /**< per-second CSV, "" none */
	char write[PATH_MAX];        /**< capture of the default port, "" */
	bool quiet;                  /**< no live line */
	bool verbose;                /**< requirements, counters, EAL logs */
	bool verify;                 /**< check every frame (ndis, capture) */
	bool help;                   /**< --help */
	bool version;                /**< --version */
	/* ports */
	unsigned int nports;         /**< ports given (--vdev/--pci, [port]) */
	char port_dev[APP_PORTS_MAX][512]; /**< devargs or PCI address */
	bool port_pci[APP_PORTS_MAX];      /**< a PCI address */
	char port_sec[APP_PORTS_MAX][16];  /**< its section of the file
					    *   ("port", "port.1"), "" from
					    *   the command line */
	/* [eal] */
	bool huge;                   /**< hugepages in the embedded default */
	char file_prefix[64];        /**< EAL --file-prefix, "" made up */
	char eal[1024];              /**< extra EAL words (embedded default) */
	/* the file */
	char config[PATH_MAX];       /**< INI file read, "" none */
	/* EAL options before "--" (argv of main, not copied) */
	int eal_n;                   /**< how many; 0: embedded default */
	char **eal_argv;             /**< main's argv + 1 */
	bool dashdash;               /**< a "--" was given */
	/* stream keys */
	struct app_kvs traffic;      /**< [traffic]: every stream */
	struct app_kvs cli;          /**< command line: every stream */
	unsigned int nstreams;       /**< [stream.N] sections */
	struct app_stream_sec *streams; /**< them, by N (malloc'd) */
	/* bookkeeping */
	uint64_t set;                /**< run settings given on the command
				      *   line (bit per table entry) */
	uint64_t cfg_set;            /**< ... in the file */
};

/**
 * Fill in the defaults.
 * @param o Settings.
 */
void app_opts_init(struct app_opts *o);

/**
 * Free what app_opts_parse() allocated.
 * @param o Settings.
 */
void app_opts_fini(struct app_opts *o);

/**
 * Parse main()'s command line: EAL options before "--" (kept, not
 * parsed), nblgen's options (after "--", or all of them without one),
 * then the INI file for what the command line did not give, then the
 * whole (app_opts_check()).
 *
 * @param o
 *   Settings from app_opts_init().
 * @param argc
 *   main()'s argc.
 * @param argv
 *   main()'s argv.
 * @param err
 *   Filled with a message naming the option, or the file, line, section
 *   and key, and the problem.
 * @param errlen
 *   Size of err.
 * @return
 *   0 or -EINVAL; o->help / o->version set and nothing checked for
 *   --help / --version.
 */
int app_opts_parse(struct app_opts *o, int argc, char **argv, char *err,
		   size_t errlen);

/**
 * Read an INI file once and apply it (settings the command line gave are
 * kept).
 *
 * @param o
 *   Settings.
 * @param path
 *   The file.
 * @param err
 *   Filled with a message naming the file and the line, section or key.
 * @param errlen
 *   Size of err.
 * @return
 *   0 or -EINVAL.
 */
int app_opts_load_config(struct app_opts *o, const char *path, char *err,
			 size_t errlen);

/**
 * Check the settings as a whole (exclusive options, outputs).
 *
 * @param o
 *   Settings.
 * @param err
 *   Filled with a message.
 * @param errlen
 *   Size of err.
 * @return
 *   0 or -EINVAL.
 */
int app_opts_check(const struct app_opts *o, char *err, size_t errlen);

/**
 * Where a port was given, for messages: "option --vdev" or "config file
 * 'x.ini' [port.1] vdev".
 *
 * @param o
 *   Settings.
 * @param i
 *   Port index, below o->nports.
 * @param buf
 *   Output.
 * @param len
 *   Size of buf.
 */
void app_port_origin(const struct app_opts *o, unsigned int i, char *buf,
		     size_t len);

/**
 * Print the usage text: every option with its argument, default and unit.
 *
 * @param f
 *   Stream.
 */
void app_opts_usage(FILE *f);

/**
 * Whether a key is a stream key (libnblpkt's or a rate key).
 *
 * @param key
 *   The key.
 * @return
 *   true for a stream key.
 */
bool app_stream_key(const char *key);

/**
 * Check one stream key's value alone (what can be checked without the
 * other keys of its stream).
 *
 * @param key
 *   A stream key.
 * @param value
 *   Its value.
 * @param err
 *   Filled with the problem (without the key).
 * @param errlen
 *   Size of err.
 * @return
 *   0, -ENOENT (not a stream key) or -EINVAL.
 */
int app_stream_key_check(const char *key, const char *value, char *err,
			 size_t errlen);

/** A stream, built from its keys (app_stream_build()). */
struct app_stream {
	unsigned int index;          /**< N of stream.N */
	char name[32];               /**< "stream.N" */
	struct pkt_spec *spec;       /**< what its frames hold */
	struct pace_rate rate;       /**< its rate (unit MAX: as fast as
				      *   possible) */
	char rate_text[64];          /**< as written */
	bool sched_set;              /**< a schedule was given */
	struct pace_sched sched;     /**< its schedule */
	char sched_text[APP_VALUE_MAX + 1]; /**< as written */
	uint64_t count;              /**< frames, UINT64_MAX: no limit */
	uint64_t bytes;              /**< bytes, UINT64_MAX: no limit */
	unsigned int port;           /**< index of its port */
	enum app_cksum cksum;        /**< who writes its checksums */
};

/**
 * Build the streams of a run: one per [stream.N] section, or one from
 * [traffic] and the command line when there is none; each with its keys
 * applied as defaults < [traffic] < [stream.N] < command line.
 *
 * @param o
 *   Parsed settings.
 * @param streams
 *   Filled with nstreams streams (calloc'd; free with app_streams_free()).
 * @param nstreams
 *   Filled in.
 * @param err
 *   Filled with a message naming the key and where it came from.
 * @param errlen
 *   Size of err.
 * @return
 *   0, -EINVAL or -ENOMEM.
 */
int app_streams_build(const struct app_opts *o, struct app_stream **streams,
		      unsigned int *nstreams, char *err, size_t errlen);

/**
 * Free streams.
 * @param streams The streams.
 * @param n How many.
 */
void app_streams_free(struct app_stream *streams, unsigned int n);

/**
 * The effective value of every run setting, as text, for the manifest:
 * calls fn(section, key, value, arg) for each.
 *
 * @param o
 *   Settings.
 * @param fn
 *   Callback.
 * @param arg
 *   Its argument.
 */
void app_opts_foreach(const struct app_opts *o,
		      void (*fn)(const char *section, const char *key,
				 const char *value, void *arg),
		      void *arg);

#endif /* APP_OPTS_H */

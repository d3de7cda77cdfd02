/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef APP_OPTS_PRIVATE_H
#define APP_OPTS_PRIVATE_H

/* Inside nblgen's settings: the run-settings table and helpers shared by
 * opts.c, opts_cli.c, conf_file.c and streams.c. */

#include "opts.h"

/** Largest burst. */
#define APP_BURST_MAX 64

/* Run settings, also bit numbers of app_opts::set and ::cfg_set. */
enum app_key {
	K_DURATION, K_ENGINE, K_BURST, K_TX_LCORES, K_SEED, K_JSON, K_CSV,
	K_WRITE, K_QUIET, K_VERBOSE, K_VERIFY, K_VDEV, K_PCI, K_HUGE,
	K_FILE_PREFIX, K_EAL, K_CONFIG, K_PCAP, K_HELP, K_VERSION, K_MAX
};

typedef int (*app_parse_fn)(struct app_opts *o, const char *v, char *err,
			    size_t len);

/* One run setting. */
struct app_setting {
	const char *name;    /* long option and INI key ([eal] args: --eal) */
	int short_opt;       /* or 0 */
	const char *section; /* INI section, NULL: command line only */
	const char *arg;     /* value placeholder, NULL for a flag */
	app_parse_fn parse;  /* parser ("1" for a flag) */
	const char *def;     /* default, for --help */
	const char *help;    /* one sentence */
};

extern const struct app_setting app_settings[K_MAX];

/* Fill err (printf) and return -EINVAL. */
int app_err(char *err, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* yes/no, true/false, on/off, 1/0. */
int app_parse_bool(const char *v, bool *out, char *err, size_t len);

/* The run setting of an INI section and key, or -1. */
int app_setting_find(const char *section, const char *key);

/* Parse one run setting's value. */
int app_setting_apply(struct app_opts *o, unsigned int k, const char *value,
		      char *err, size_t errlen);

/* Add a stream key to a level (checked). */
int app_kvs_add(struct app_kvs *kvs, const char *key, const char *value,
		const char *origin, char *err, size_t errlen);

/* The stream keys of the rate and scheduling (not libnblpkt's). */
struct app_skey {
	const char *name;
	const char *arg;
	const char *def;
	const char *help;
};

/* The i-th stream key of nblgen's own (rate, count, ...), NULL past. */
const struct app_skey *app_skey_get(unsigned int i);

#endif /* APP_OPTS_PRIVATE_H */

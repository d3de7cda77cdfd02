/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* nblgen's run settings: one table drives the command line, the INI file,
 * --help and the manifest; stream keys are kept as text (streams.c). */

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_pci.h>

#include <pkt.h>
#include <proc.h>

#include "opts_private.h"

int
app_err(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static int
copy_str(char *dst, size_t dstlen, const char *v, char *err, size_t len)
{
	size_t n = strlen(v);

	if (n == 0)
		return app_err(err, len, "empty value");
	if (n >= dstlen)
		return app_err(err, len, "value longer than %zu bytes",
			       dstlen - 1);
	memcpy(dst, v, n + 1);
	return 0;
}

int
app_parse_bool(const char *v, bool *out, char *err, size_t len)
{
	static const char *const yes[] = {"1", "true", "yes", "on"};
	static const char *const no[] = {"0", "false", "no", "off"};
	unsigned int i;

	for (i = 0; i < RTE_DIM(yes); i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcasecmp(v, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	return app_err(err, len, "'%s' is not yes or no (also true/false, "
		       "on/off, 1/0)", v);
}

static int
p_duration(struct app_opts *o, const char *v, char *err, size_t len)
{
	int rc = pace_duration_parse(v, &o->duration_ns, err, len);

	if (rc == 0)
		o->duration_set = true;
	return rc;
}

static int
p_engine(struct app_opts *o, const char *v, char *err, size_t len)
{
	static const char *const names[] = {"auto", "template", "stamp",
					    "ndis"};
	unsigned int i;

	for (i = 0; i < RTE_DIM(names); i++)
		if (strcmp(v, names[i]) == 0)
			return copy_str(o->engine, sizeof(o->engine), v, err,
					len);
	return app_err(err, len, "'%s' is not an engine (auto, template, "
		       "stamp or ndis)", v);
}

static int
p_burst(struct app_opts *o, const char *v, char *err, size_t len)
{
	uint64_t x;
	int rc = pace_count_parse(v, 1, APP_BURST_MAX, &x, err, len);

	if (rc == 0)
		o->burst = (uint32_t)x;
	return rc;
}

static int
p_tx_lcores(struct app_opts *o, const char *v, char *err, size_t len)
{
	uint64_t x;
	int rc = pace_count_parse(v, 1, 64, &x, err, len);

	if (rc == 0)
		o->tx_lcores = (uint32_t)x;
	return rc;
}

static int
p_seed(struct app_opts *o, const char *v, char *err, size_t len)
{
	int rc = pace_count_parse(v, 0, UINT64_MAX, &o->seed, err, len);

	if (rc == 0)
		o->seed_set = true;
	return rc;
}

static int
p_json(struct app_opts *o, const char *v, char *err, size_t len)
{
	return copy_str(o->json, sizeof(o->json), v, err, len);
}

static int
p_csv(struct app_opts *o, const char *v, char *err, size_t len)
{
	return copy_str(o->csv, sizeof(o->csv), v, err, len);
}

static int
p_write(struct app_opts *o, const char *v, char *err, size_t len)
{
	if (strpbrk(v, ",=") != NULL)
		return app_err(err, len, "'%s': ',' and '=' cannot be used "
			       "in the file name (they separate device "
			       "arguments)", v);
	return copy_str(o->write, sizeof(o->write), v, err, len);
}

static int
p_quiet(struct app_opts *o, const char *v, char *err, size_t len)
{
	return app_parse_bool(v, &o->quiet, err, len);
}

static int
p_verbose(struct app_opts *o, const char *v, char *err, size_t len)
{
	return app_parse_bool(v, &o->verbose, err, len);
}

static int
p_verify(struct app_opts *o, const char *v, char *err, size_t len)
{
	return app_parse_bool(v, &o->verify, err, len);
}

static int
port_add(struct app_opts *o, const char *v, bool pci, char *err, size_t len)
{
	if (o->nports >= APP_PORTS_MAX)
		return app_err(err, len, "more than %u ports", APP_PORTS_MAX);
	if (copy_str(o->port_dev[o->nports], sizeof(o->port_dev[0]), v, err,
		     len) != 0)
		return -EINVAL;
	o->port_pci[o->nports++] = pci;
	return 0;
}

static int
p_vdev(struct app_opts *o, const char *v, char *err, size_t len)
{
	size_t n = strcspn(v, ",");
	size_t i;

	if (n == 0)
		return app_err(err, len, "'%s' does not start with a driver "
			       "instance name (e.g. net_null0)", v);
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)v[i]) && v[i] != '_')
			return app_err(err, len, "'%.*s' is not a device "
				       "name (letters, digits and '_', e.g. "
				       "net_null0)", (int)n, v);
	return port_add(o, v, false, err, len);
}

static int
p_pci(struct app_opts *o, const char *v, char *err, size_t len)
{
	struct rte_pci_addr a;
	char name[64];

	if (rte_pci_addr_parse(v, &a) != 0)
		return app_err(err, len, "'%s' is not a PCI address "
			       "(DDDD:BB:DD.F or BB:DD.F)", v);
	rte_pci_device_name(&a, name, sizeof(name));
	return port_add(o, name, true, err, len);
}

static int
p_huge(struct app_opts *o, const char *v, char *err, size_t len)
{
	return app_parse_bool(v, &o->huge, err, len);
}

static int
p_file_prefix(struct app_opts *o, const char *v, char *err, size_t len)
{
	size_t i;

	for (i = 0; v[i] != '\0'; i++)
		if (!isalnum((unsigned char)v[i]) && v[i] != '_' &&
		    v[i] != '-' && v[i] != '.')
			return app_err(err, len, "'%s': a file prefix takes "
				       "letters, digits, '_', '-' and '.'",
				       v);
	return copy_str(o->file_prefix, sizeof(o->file_prefix), v, err, len);
}

static int
p_eal(struct app_opts *o, const char *v, char *err, size_t len)
{
	return copy_str(o->eal, sizeof(o->eal), v, err, len);
}

static int
p_config(struct app_opts *o, const char *v, char *err, size_t len)
{
	return copy_str(o->config, sizeof(o->config), v, err, len);
}

static int
p_help(struct app_opts *o, const char *v, char *err, size_t len)
{
	RTE_SET_USED(v);
	RTE_SET_USED(err);
	RTE_SET_USED(len);
	o->help = true;
	return 0;
}

static int
p_version(struct app_opts *o, const char *v, char *err, size_t len)
{
	RTE_SET_USED(v);
	RTE_SET_USED(err);
	RTE_SET_USED(len);
	o->version = true;
	return 0;
}

static int
p_pcap(struct app_opts *o, const char *v, char *err, size_t len)
{
	RTE_SET_USED(o);
	return app_err(err, len, "replaying a capture is not in this version "
		       "yet: --pcap '%s' will send the frames of that file, "
		       "as tcpreplay does, and never write to it.  To write "
		       "what nblgen sends into a capture, use -w FILE", v);
}

const struct app_setting app_settings[K_MAX] = {
	[K_DURATION] = {"duration", 'd', "run", "SECONDS", p_duration, "none",
		"how long to send (units ns, us, ms, s, m, h, d; default 1 s "
		"when neither --count nor --bytes is given, else until they "
		"are reached; 0 = until Ctrl-C)"},
	[K_ENGINE] = {"engine", 0, "run", "NAME", p_engine, "auto",
		"auto (template when nothing changes per frame, else stamp), "
		"template, stamp or ndis (see ENGINES below)"},
	[K_BURST] = {"burst", 0, "run", "N", p_burst, "32",
		"frames per burst, 1 to 64"},
	[K_TX_LCORES] = {"tx-lcores", 0, "run", "N", p_tx_lcores, "1",
		"TX lcores, one TX queue each per port (embedded default; "
		"with EAL options: every worker lcore)"},
	[K_SEED] = {"seed", 0, "run", "N", p_seed, "from the clock",
		"seed of random fields, sizes and payload (printed, and in "
		"the results, so a run can be repeated)"},
	[K_JSON] = {"json", 0, "run", "FILE", p_json, "none",
		"write the results and the run manifest as JSON"},
	[K_CSV] = {"csv", 0, "run", "FILE", p_csv, "none",
		"write one row per second per port as CSV"},
	[K_WRITE] = {"write", 'w', "run", "FILE", p_write, "none",
		"the default port becomes net_pcap writing every frame sent "
		"into FILE (pcap)"},
	[K_QUIET] = {"quiet", 'q', "run", NULL, p_quiet, "no",
		"no live line on stderr"},
	[K_VERBOSE] = {"verbose", 'v', "run", NULL, p_verbose, "no",
		"print the binding's requirements and reasons, its counters "
		"and EAL logs"},
	[K_VERIFY] = {"verify", 0, "run", NULL, p_verify, "no",
		"check every frame byte by byte: each completed NBL (ndis "
		"engine) and the capture of -w read back"},
	[K_VDEV] = {"vdev", 0, "port", "DEVARGS", p_vdev, "net_null0",
		"a virtual port (repeat for several; e.g. net_null0, "
		"net_ring0, net_af_packet0,iface=veth0, "
		"net_pcap0,tx_pcap=FILE)"},
	[K_PCI] = {"pci", 0, "port", "BDF", p_pci, "none",
		"a NIC bound to vfio-pci (repeat for several; e.g. "
		"0000:03:00.0)"},
	[K_HUGE] = {"huge", 0, "eal", NULL, p_huge, "no",
		"use hugepages in the embedded default (else --no-huge -m "
		"512)"},
	[K_FILE_PREFIX] = {"file-prefix", 0, "eal", "NAME", p_file_prefix,
		"nblgen-<pid>", "EAL file prefix of the embedded default"},
	[K_EAL] = {"eal", 0, "eal", "'ARGS'", p_eal, "none",
		"more EAL arguments for the embedded default, quoted as one "
		"word (INI key: args)"},
	[K_CONFIG] = {"config", 'c', NULL, "FILE", p_config, "none",
		"read settings from an INI file (see CONFIG below)"},
	[K_PCAP] = {"pcap", 0, NULL, "FILE", p_pcap, NULL,
		"(replay input, not in this version yet)"},
	[K_HELP] = {"help", 'h', NULL, NULL, p_help, NULL,
		"print this help and exit"},
	[K_VERSION] = {"version", 'V', NULL, NULL, p_version, NULL,
		"print the versions of nblgen and DPDK and exit"},
};

void
app_opts_init(struct app_opts *o)
{
	memset(o, 0, sizeof(*o));
	snprintf(o->engine, sizeof(o->engine), "auto");
	o->burst = APP_BURST_DEFAULT;
	o->duration_ns = APP_DURATION_DEFAULT;
}

void
app_opts_fini(struct app_opts *o)
{
	free(o->streams);
	o->streams = NULL;
	o->nstreams = 0;
}

int
app_setting_find(const char *section, const char *key)
{
	unsigned int k;

	for (k = 0; k < K_MAX; k++) {
		const struct app_setting *s = &app_settings[k];
		const char *ini = k == K_EAL ? "args" : s->name;

		if (s->section != NULL && strcmp(s->section, section) == 0 &&
		    strcmp(ini, key) == 0)
			return (int)k;
	}
	return -1;
}

int
app_setting_apply(struct app_opts *o, unsigned int k, const char *value,
		  char *err, size_t errlen)
{
	return app_settings[k].parse(o, value, err, errlen);
}

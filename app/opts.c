/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* nblgen settings: one table drives the command line and the INI file. */

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_cfgfile.h>
#include <rte_pci.h>

#include "opts.h"

/** Keys of the settings table, also bit numbers of gen_opts::set. */
enum gen_key {
	K_VDEV, K_PCI, K_PCAP, K_COUNT, K_SIZE, K_BURST, K_RATE,
	K_SRC_IP, K_DST_IP, K_SRC_PORT, K_DST_PORT, K_SRC_MAC, K_DST_MAC,
	K_FF, K_CKSUM, K_HUGE, K_FILE_PREFIX, K_EAL, K_VERBOSE, K_CONFIG, K_HELP, K_MAX
};

typedef int (*gen_parse_fn)(struct gen_opts *o, const char *v, char *err,
			    size_t len);

/** One setting: its option, its INI place and its parser. */
struct gen_setting {
	const char *name;    /**< long option */
	int short_opt;       /**< short option or 0 */
	const char *section; /**< INI section or NULL (command line only) */
	const char *ini_key; /**< INI key */
	const char *arg;     /**< value placeholder, NULL for a flag */
	gen_parse_fn parse;  /**< parser (value "1" for a flag) */
	const char *help;    /**< one line of usage */
};

static int
set_err(char *err, size_t len, const char *fmt, ...)
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
		return set_err(err, len, "empty value");
	if (n >= dstlen)
		return set_err(err, len, "value longer than %zu bytes",
			       dstlen - 1);
	memcpy(dst, v, n + 1);
	return 0;
}

/* Decimal number with an optional k/M/G suffix (powers of 1000). */
static int
parse_u64(const char *v, uint64_t min, uint64_t max, bool suffix,
	  uint64_t *out, char *err, size_t len)
{
	unsigned long long x;
	uint64_t mult = 1;
	char *end;

	if (*v == '\0' || !isdigit((unsigned char)*v))
		goto bad;
	errno = 0;
	x = strtoull(v, &end, 10);
	if (errno != 0)
		goto bad;
	if (suffix && *end != '\0' && end[1] == '\0') {
		switch (*end) {
		case 'k': case 'K': mult = 1000; end++; break;
		case 'm': case 'M': mult = 1000000; end++; break;
		case 'g': case 'G': mult = 1000000000; end++; break;
		default: break;
		}
	}
	if (*end != '\0' || (mult > 1 && x > UINT64_MAX / mult))
		goto bad;
	x *= mult;
	if (x < min || x > max)
		goto bad;
	*out = x;
	return 0;
bad:
	return set_err(err, len, "'%s' is not a number from %" PRIu64
		       " to %" PRIu64 "%s", v, min, max,
		       suffix ? " (suffix k, M or G allowed)" : "");
}

static int
parse_bool(const char *v, bool *out, char *err, size_t len)
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
	return set_err(err, len, "'%s' is not a boolean (true/false, yes/no, "
		       "on/off, 1/0)", v);
}

static int
parse_ip(const char *v, uint32_t *out, char *err, size_t len)
{
	struct in_addr a;

	if (inet_pton(AF_INET, v, &a) != 1)
		return set_err(err, len, "'%s' is not an IPv4 address "
			       "(dotted quad, e.g. 127.0.0.1)", v);
	*out = a.s_addr;
	return 0;
}

static int
parse_mac(const char *v, struct rte_ether_addr *out, char *err, size_t len)
{
	if (rte_ether_unformat_addr(v, out) != 0)
		return set_err(err, len, "'%s' is not a MAC address "
			       "(e.g. 02:00:00:00:00:01)", v);
	return 0;
}

static int
p_vdev(struct gen_opts *o, const char *v, char *err, size_t len)
{
	size_t n = strcspn(v, ",");
	size_t i;

	if (n == 0)
		return set_err(err, len, "'%s' does not start with a driver "
			       "instance name (e.g. net_null0)", v);
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)v[i]) && v[i] != '_')
			return set_err(err, len, "'%.*s' is not a device name "
				       "(letters, digits and '_', e.g. "
				       "net_null0)", (int)n, v);
	return copy_str(o->vdev, sizeof(o->vdev), v, err, len);
}

static int
p_pci(struct gen_opts *o, const char *v, char *err, size_t len)
{
	struct rte_pci_addr a;

	if (rte_pci_addr_parse(v, &a) != 0)
		return set_err(err, len, "'%s' is not a PCI address "
			       "(DDDD:BB:DD.F or BB:DD.F)", v);
	rte_pci_device_name(&a, o->pci, sizeof(o->pci));
	return 0;
}

static int
p_pcap(struct gen_opts *o, const char *v, char *err, size_t len)
{
	if (strpbrk(v, ",=") != NULL)
		return set_err(err, len, "'%s': ',' and '=' cannot be used in "
			       "the file name (they separate device "
			       "arguments)", v);
	return copy_str(o->pcap, sizeof(o->pcap), v, err, len);
}

static int
p_count(struct gen_opts *o, const char *v, char *err, size_t len)
{
	return parse_u64(v, 1, INT64_MAX, true, &o->count, err, len);
}

static int
p_size(struct gen_opts *o, const char *v, char *err, size_t len)
{
	uint64_t x = 0;
	int rc = parse_u64(v, GEN_FRAME_MIN, GEN_FRAME_MAX, false, &x,
			   err, len);

	if (rc == 0)
		o->size = (uint32_t)x;
	return rc;
}

static int
p_burst(struct gen_opts *o, const char *v, char *err, size_t len)
{
	uint64_t x = 0;
	int rc = parse_u64(v, 1, GEN_BURST_MAX, false, &x, err, len);

	if (rc == 0)
		o->burst = (uint32_t)x;
	return rc;
}

static int
p_rate(struct gen_opts *o, const char *v, char *err, size_t len)
{
	return parse_u64(v, 0, 1000000000000ULL, true, &o->rate, err, len);
}

static int
p_src_ip(struct gen_opts *o, const char *v, char *err, size_t len)
{
	return parse_ip(v, &o->src_ip, err, len);
}

static int
p_dst_ip(struct gen_opts *o, const char *v, char *err, size_t len)
{
	return parse_ip(v, &o->dst_ip, err, len);
}

static int
parse_port(const char *v, uint16_t *out, char *err, size_t len)
{
	uint64_t x = 0;
	int rc = parse_u64(v, 1, 65535, false, &x, err, len);

	if (rc == 0)
		*out = (uint16_t)x;
	return rc;
}

static int
p_src_port(struct gen_opts *o, const char *v, char *err, size_t len)
{
	return parse_port(v, &o->src_port, err, len);
}

static int
p_dst_port(struct gen_opts *o, const char *v, char *err, size_t len)
{
	return parse_port(v, &o->dst_port, err, len);
}

static int
p_src_mac(struct gen_opts *o, const char *v, char *err, size_t len)
{
	int rc = parse_mac(v, &o->src_mac, err, len);

	if (rc != 0)
		return rc;
	if (!rte_is_unicast_ether_addr(&o->src_mac) ||
	    rte_is_zero_ether_addr(&o->src_mac))
		return set_err(err, len, "'%s' is not a unicast address "
			       "(a source MAC must be unicast and not zero)",
			       v);
	o->src_mac_set = true;
	return 0;
}

static int
p_dst_mac(struct gen_opts *o, const char *v, char *err, size_t len)
{
	return parse_mac(v, &o->dst_mac, err, len);
}

static int
p_ff(struct gen_opts *o, const char *v, char *err, size_t len)
{
	return parse_bool(v, &o->ff, err, len);
}

static int
p_cksum(struct gen_opts *o, const char *v, char *err, size_t len)
{
	static const char *const names[] = {
		[GEN_CKSUM_FRAME] = "frame",
		[GEN_CKSUM_OFFLOAD] = "offload",
		[GEN_CKSUM_SOFTWARE] = "software",
	};
	unsigned int i;

	for (i = 0; i < RTE_DIM(names); i++)
		if (strcmp(v, names[i]) == 0) {
			o->cksum = (enum gen_cksum)i;
			return 0;
		}
	return set_err(err, len, "'%s' is not frame, offload or software", v);
}

static int
p_huge(struct gen_opts *o, const char *v, char *err, size_t len)
{
	return parse_bool(v, &o->huge, err, len);
}

static int
p_verbose(struct gen_opts *o, const char *v, char *err, size_t len)
{
	return parse_bool(v, &o->verbose, err, len);
}

static int
p_file_prefix(struct gen_opts *o, const char *v, char *err, size_t len)
{
	const char *c;

	for (c = v; *c != '\0'; c++)
		if (!isalnum((unsigned char)*c) && *c != '-' && *c != '_' &&
		    *c != '.')
			return set_err(err, len, "'%s' may hold only letters, "
				       "digits, '-', '_' and '.'", v);
	return copy_str(o->file_prefix, sizeof(o->file_prefix), v, err, len);
}

static int
p_eal(struct gen_opts *o, const char *v, char *err, size_t len)
{
	return copy_str(o->eal, sizeof(o->eal), v, err, len);
}

static int
p_config(struct gen_opts *o, const char *v, char *err, size_t len)
{
	return copy_str(o->config, sizeof(o->config), v, err, len);
}

static int
p_help(struct gen_opts *o, const char *v, char *err, size_t len)
{
	o->help = true;
	return 0;
}

static const struct gen_setting settings[K_MAX] = {
	[K_VDEV] = {"vdev", 0, "port", "vdev", "ARGS", p_vdev,
		"virtual port devargs instead of the default "
		"(e.g. net_null0 or net_af_packet0,iface=veth0)"},
	[K_PCI] = {"pci", 0, "port", "pci", "BDF", p_pci,
		"PCI port instead of the default (e.g. 0000:03:00.0)"},
	[K_PCAP] = {"pcap", 0, "port", "pcap", "FILE", p_pcap,
		"output of the default port (default " GEN_DEFAULT_PCAP ")"},
	[K_COUNT] = {"count", 0, "traffic", "count", "N", p_count,
		"frames to send (default 64)"},
	[K_SIZE] = {"size", 0, "traffic", "size", "BYTES", p_size,
		"frame size without FCS, 60 to 9014 (default 128)"},
	[K_BURST] = {"burst", 0, "traffic", "burst", "N", p_burst,
		"NBLs per send call, 1 to 512 (default 32)"},
	[K_RATE] = {"rate", 0, "traffic", "rate", "PPS", p_rate,
		"frames per second, 0 = as fast as possible (default 0)"},
	[K_SRC_IP] = {"src-ip", 0, "traffic", "src-ip", "A.B.C.D", p_src_ip,
		"IPv4 source (default 127.0.0.1)"},
	[K_DST_IP] = {"dst-ip", 0, "traffic", "dst-ip", "A.B.C.D", p_dst_ip,
		"IPv4 destination (default 127.0.0.1)"},
	[K_SRC_PORT] = {"src-port", 0, "traffic", "src-port", "PORT",
		p_src_port, "UDP source port (default 49152)"},
	[K_DST_PORT] = {"dst-port", 0, "traffic", "dst-port", "PORT",
		p_dst_port, "UDP destination port (default 9, discard)"},
	[K_SRC_MAC] = {"src-mac", 0, "traffic", "src-mac", "MAC", p_src_mac,
		"source MAC (default: the port's own, or 02:00:00:00:00:01 "
		"when it has none)"},
	[K_DST_MAC] = {"dst-mac", 0, "traffic", "dst-mac", "MAC", p_dst_mac,
		"destination MAC (default 02:00:00:00:00:02)"},
	[K_FF] = {"fire-and-forget", 0, "traffic", "fire-and-forget", NULL,
		p_ff, "hand frames to the port with no completion (the "
		"binding's fastest path; the port frees them into the pool)"},
	[K_CKSUM] = {"tx-cksum", 0, "traffic", "tx-cksum", "MODE", p_cksum,
		"who writes the IPv4 and UDP checksums: frame = nblgen, in "
		"every frame (default); offload = the port's TX checksum "
		"offloads, the binding in software where the port has none; "
		"software = the binding, in software (send/complete only)"},
	[K_HUGE] = {"huge", 0, "eal", "huge", NULL, p_huge,
		"use hugepages (default: --no-huge -m 512)"},
	[K_FILE_PREFIX] = {"file-prefix", 0, "eal", "file-prefix", "NAME",
		p_file_prefix, "EAL file prefix (default nblgen-<pid>)"},
	[K_EAL] = {"eal", 0, "eal", "args", "'ARGS'", p_eal,
		"extra EAL arguments, quoted as one word"},
	[K_VERBOSE] = {"verbose", 'v', "run", "verbose", NULL, p_verbose,
		"explain the requirements, print counters and EAL logs"},
	[K_CONFIG] = {"config", 0, NULL, NULL, "FILE.ini", p_config,
		"read settings from an INI file (see below)"},
	[K_HELP] = {"help", 'h', NULL, NULL, NULL, p_help,
		"print this help and exit"},
};

void
gen_opts_init(struct gen_opts *o)
{
	static const struct rte_ether_addr dst = {
		.addr_bytes = {0x02, 0x00, 0x00, 0x00, 0x00, 0x02}};
	static const struct rte_ether_addr src = {
		.addr_bytes = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01}};

	memset(o, 0, sizeof(*o));
	snprintf(o->pcap, sizeof(o->pcap), "%s", GEN_DEFAULT_PCAP);
	o->count = GEN_DEFAULT_COUNT;
	o->size = GEN_DEFAULT_SIZE;
	o->burst = GEN_DEFAULT_BURST;
	o->src_ip = htonl(INADDR_LOOPBACK);
	o->dst_ip = htonl(INADDR_LOOPBACK);
	o->src_port = 49152;
	o->dst_port = 9;
	o->src_mac = src;
	o->dst_mac = dst;
}

/* Print text from column col, wrapped at 79 columns, continued lines
 * indented to col. */
static void
print_wrapped(FILE *f, const char *text, int col)
{
	int pos = col;

	while (*text != '\0') {
		int n = (int)strcspn(text, " ");

		if (pos > col && pos + 1 + n > 79) {
			fprintf(f, "\n%*s", col, "");
			pos = col;
		} else if (pos > col) {
			fputc(' ', f);
			pos++;
		}
		fprintf(f, "%.*s", n, text);
		pos += n;
		text += n;
		while (*text == ' ')
			text++;
	}
	fputc('\n', f);
}

void
gen_opts_usage(FILE *f, const char *prog)
{
	unsigned int k;

	fprintf(f,
		"Usage: %s [OPTIONS]\n"
		"Send UDP frames through a DPDK port with libnbl (NDIS "
		"NET_BUFFER_LISTs).\n"
		"Without options: bind a net_pcap port (no NIC, no "
		"hugepages), send 64 frames,\nwrite them to " GEN_DEFAULT_PCAP
		", check that every pool is full again.\n\n", prog);
	for (k = 0; k < K_MAX; k++) {
		const struct gen_setting *s = &settings[k];
		char left[64];

		if (s->short_opt != 0)
			snprintf(left, sizeof(left), "-%c, --%s%s%s",
				 s->short_opt, s->name, s->arg ? " " : "",
				 s->arg ? s->arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", s->name,
				 s->arg ? " " : "", s->arg ? s->arg : "");
		fprintf(f, "  %-22s ", left);
		print_wrapped(f, s->help, 25);
	}
	fprintf(f, "\nThe INI file (--config) has sections [port] [traffic] "
		"[eal] [run] whose keys\nare the long option names ([eal] "
		"args = --eal); the command line wins.\n"
		"\nExit status: 0 when every frame completed with success "
		"and every pool came\nback full; 1 on a run-time failure; 2 "
		"on bad options, configuration or port.\nCtrl-C stops "
		"sending; the frames in flight complete, the pools are "
		"checked\nand the exit status is as above.\n");
}

static void
getopt_table(struct option *lo, char *so, size_t solen)
{
	unsigned int k;
	size_t n = 0;

	so[n++] = ':';
	for (k = 0; k < K_MAX; k++) {
		lo[k].name = settings[k].name;
		lo[k].has_arg = settings[k].arg ? required_argument :
			no_argument;
		lo[k].flag = NULL;
		lo[k].val = 256 + (int)k;
		if (settings[k].short_opt != 0 && n + 2 < solen) {
			so[n++] = (char)settings[k].short_opt;
			if (settings[k].arg)
				so[n++] = ':';
		}
	}
	memset(&lo[K_MAX], 0, sizeof(lo[K_MAX]));
	so[n] = '\0';
}

static int
short_to_key(int c)
{
	unsigned int k;

	for (k = 0; k < K_MAX; k++)
		if (settings[k].short_opt == c)
			return (int)k;
	return -1;
}

int
gen_opts_parse(struct gen_opts *o, int argc, char *const argv[], char *err,
	       size_t errlen)
{
	struct option lo[K_MAX + 1];
	char so[2 * K_MAX + 2];
	char why[GEN_ERR_LEN];
	int c, rc;

	getopt_table(lo, so, sizeof(so));
	optind = 0; /* GNU: full re-initialisation */
	opterr = 0;
	while ((c = getopt_long(argc, argv, so, lo, NULL)) != -1) {
		int k;

		if (c == '?') {
			if (optopt >= 256 && optopt < 256 + K_MAX)
				return set_err(err, errlen, "option --%s takes "
					       "no value", settings[optopt -
					       256].name);
			if (optopt != 0)
				return set_err(err, errlen, "unknown option "
					       "'-%c' (see --help)", optopt);
			return set_err(err, errlen, "unknown or ambiguous "
				       "option '%s' (see --help)",
				       argv[optind - 1]);
		}
		if (c == ':') {
			k = optopt >= 256 ? optopt - 256 : short_to_key(optopt);
			if (k < 0)
				return set_err(err, errlen, "option '%s' needs "
					       "a value", argv[optind - 1]);
			return set_err(err, errlen, "option --%s needs a "
				       "value (%s)", settings[k].name,
				       settings[k].arg);
		}
		k = c >= 256 ? c - 256 : short_to_key(c);
		if (k < 0 || k >= K_MAX)
			return set_err(err, errlen, "unexpected option "
				       "character %d", c);
		rc = settings[k].parse(o, settings[k].arg ? optarg : "1",
				       why, sizeof(why));
		if (rc != 0)
			return set_err(err, errlen, "option --%s: %s",
				       settings[k].name, why);
		o->set |= UINT64_C(1) << k;
	}
	if (optind < argc)
		return set_err(err, errlen, "unexpected argument '%s' (options "
			       "start with --, see --help)", argv[optind]);
	if (o->help)
		return 0;
	if (o->config[0] != '\0') {
		rc = gen_opts_load_config(o, o->config, err, errlen);
		if (rc != 0)
			return rc;
	}
	return gen_opts_check(o, err, errlen);
}

/* rte_cfgfile says only "failed": check the syntax ourselves first, so
 * that the message can name the line.  Same grammar as rte_cfgfile with
 * default parameters: ';' starts a comment, [section], key = value, no
 * entries before the first section, no empty values. */
static int
config_check_syntax(const char *path, char *err, size_t errlen)
{
	char line[1024];
	bool in_section = false;
	unsigned int n = 0;
	FILE *f;
	int rc = 0;

	f = fopen(path, "r");
	if (f == NULL) {
		int e = errno;

		set_err(err, errlen, "config file '%s': cannot open: %s", path,
			strerror(e));
		return -ENOENT;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		char *s = line, *end, *eq;

		n++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			rc = set_err(err, errlen, "config file '%s' line %u: "
				     "line longer than %zu bytes", path, n,
				     sizeof(line) - 2);
			break;
		}
		end = strchr(s, ';');
		if (end != NULL)
			*end = '\0';
		while (isspace((unsigned char)*s))
			s++;
		end = s + strlen(s);
		while (end > s && isspace((unsigned char)end[-1]))
			*--end = '\0';
		if (*s == '\0')
			continue;
		if (*s == '[') {
			if (end[-1] != ']' || end - s < 3) {
				rc = set_err(err, errlen, "config file '%s' "
					     "line %u: '%s' is not a [section] "
					     "header", path, n, s);
				break;
			}
			in_section = true;
			continue;
		}
		eq = strchr(s, '=');
		if (eq == NULL) {
			rc = set_err(err, errlen, "config file '%s' line %u: "
				     "'%s' is not 'key = value'", path, n, s);
			break;
		}
		if (eq == s) {
			rc = set_err(err, errlen, "config file '%s' line %u: "
				     "no key before '='", path, n);
			break;
		}
		if (eq[1 + strspn(eq + 1, " \t")] == '\0') {
			while (eq > s && isspace((unsigned char)eq[-1]))
				eq--;
			*eq = '\0';
			rc = set_err(err, errlen, "config file '%s' line %u: "
				     "key '%s' has no value", path, n, s);
			break;
		}
		if (!in_section) {
			rc = set_err(err, errlen, "config file '%s' line %u: "
				     "entry before the first [section]", path,
				     n);
			break;
		}
	}
	if (rc == 0 && ferror(f))
		rc = set_err(err, errlen, "config file '%s': read error", path);
	fclose(f);
	return rc;
}

static bool
section_known(const char *sec)
{
	unsigned int k;

	for (k = 0; k < K_MAX; k++)
		if (settings[k].section != NULL &&
		    strcmp(settings[k].section, sec) == 0)
			return true;
	return false;
}

static int
config_apply_entry(struct gen_opts *o, const char *path, const char *sec,
		   const struct rte_cfgfile_entry *e, char *err, size_t errlen)
{
	char why[GEN_ERR_LEN];
	unsigned int k;

	for (k = 0; k < K_MAX; k++) {
		const struct gen_setting *s = &settings[k];

		if (s->section == NULL || strcmp(s->section, sec) != 0)
			continue;
		if (strcmp(s->ini_key, e->name) != 0)
			continue;
		if (o->set & (UINT64_C(1) << k))
			return 0; /* the command line wins */
		if (s->parse(o, e->value, why, sizeof(why)) != 0)
			return set_err(err, errlen, "config file '%s' [%s] "
				       "%s: %s", path, sec, e->name, why);
		o->cfg_set |= UINT64_C(1) << k;
		return 0;
	}
	return set_err(err, errlen, "config file '%s' [%s]: unknown key '%s'",
		       path, sec, e->name);
}

int
gen_opts_load_config(struct gen_opts *o, const char *path, char *err,
		     size_t errlen)
{
	struct rte_cfgfile_entry *ent = NULL;
	struct rte_cfgfile *cfg;
	int rc, nsec, i;

	rc = config_check_syntax(path, err, errlen);
	if (rc != 0)
		return rc;
	cfg = rte_cfgfile_load(path, 0);
	if (cfg == NULL)
		return set_err(err, errlen, "config file '%s': not a valid INI "
			       "file", path);
	nsec = rte_cfgfile_num_sections(cfg, NULL, 0);
	for (i = 0; i < nsec && rc == 0; i++) {
		char sec[CFG_NAME_LEN];
		int n, j;

		n = rte_cfgfile_section_num_entries_by_index(cfg, sec, i);
		if (n < 0) {
			rc = set_err(err, errlen, "config file '%s': cannot "
				     "read section %d", path, i + 1);
			break;
		}
		if (!section_known(sec)) {
			rc = set_err(err, errlen, "config file '%s': unknown "
				     "section [%s] (known: [port] [traffic] "
				     "[eal] [run])", path, sec);
			break;
		}
		if (n == 0)
			continue;
		free(ent);
		ent = calloc((size_t)n, sizeof(*ent));
		if (ent == NULL) {
			rc = set_err(err, errlen, "config file '%s': out of "
				     "memory", path);
			break;
		}
		if (rte_cfgfile_section_entries_by_index(cfg, i, sec, ent, n)
		    != n) {
			rc = set_err(err, errlen, "config file '%s': cannot "
				     "read section [%s]", path, sec);
			break;
		}
		for (j = 0; j < n && rc == 0; j++)
			rc = config_apply_entry(o, path, sec, &ent[j], err,
						errlen);
	}
	free(ent);
	rte_cfgfile_close(cfg);
	return rc;
}

static int
dir_writable(const char *path, char *err, size_t errlen, const char *opt)
{
	char buf[PATH_MAX];
	const char *dir;

	snprintf(buf, sizeof(buf), "%s", path);
	dir = dirname(buf);
	if (access(dir, W_OK) != 0) {
		int e = errno;

		return set_err(err, errlen, "option %s: cannot write '%s': "
			       "directory '%s': %s", opt, path, dir,
			       strerror(e));
	}
	return 0;
}

int
gen_opts_check(const struct gen_opts *o, char *err, size_t errlen)
{
	bool pcap_set = ((o->set | o->cfg_set) & (UINT64_C(1) << K_PCAP)) != 0;

	if (o->vdev[0] != '\0' && o->pci[0] != '\0')
		return set_err(err, errlen, "options --vdev and --pci: give "
			       "one port, not both");
	if (o->ff && o->cksum != GEN_CKSUM_FRAME)
		return set_err(err, errlen, "options --fire-and-forget and "
			       "--tx-cksum: fire and forget carries no "
			       "offload request; use --tx-cksum frame");
	if ((o->vdev[0] != '\0' || o->pci[0] != '\0') && pcap_set)
		return set_err(err, errlen, "option --pcap (or [port] pcap) "
			       "applies to the default port only; with --vdev "
			       "use net_pcap0,tx_pcap=FILE");
	if (o->vdev[0] == '\0' && o->pci[0] == '\0')
		return dir_writable(o->pcap, err, errlen, "--pcap");
	return 0;
}

int
gen_opts_port(const struct gen_opts *o, char *bus, size_t buslen, char *name,
	      size_t namelen, char *args, size_t argslen)
{
	const char *dev = o->vdev;
	char tmp[sizeof(o->vdev) + PATH_MAX + 32];
	size_t n;

	if (o->pci[0] != '\0') {
		if ((size_t)snprintf(bus, buslen, "pci") >= buslen ||
		    (size_t)snprintf(name, namelen, "%s", o->pci) >= namelen)
			return -ENAMETOOLONG;
		args[0] = '\0';
		return 0;
	}
	if (dev[0] == '\0') {
		snprintf(tmp, sizeof(tmp), "net_pcap0,tx_pcap=%s", o->pcap);
		dev = tmp;
	}
	n = strcspn(dev, ",");
	if ((size_t)snprintf(bus, buslen, "vdev") >= buslen || n >= namelen)
		return -ENAMETOOLONG;
	memcpy(name, dev, n);
	name[n] = '\0';
	if ((size_t)snprintf(args, argslen, "%s",
			     dev[n] == ',' ? dev + n + 1 : "") >= argslen)
		return -ENAMETOOLONG;
	return 0;
}

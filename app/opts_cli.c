/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* The command line: "nblgen [EAL options] -- [options]" or options alone,
 * --help, the checks of the whole, and the effective settings. */

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>

#include <pkt.h>
#include <proc.h>

#include "opts_private.h"

/* Most long options: run settings and stream keys. */
#define LONGOPTS_MAX (K_MAX + 96)

/* What a long option stands for. */
struct opt_map {
	int setting;         /* run setting, or -1 */
	const char *key;     /* stream key */
	bool flag;           /* takes no value */
};

static unsigned int
options_build(struct option *lo, struct opt_map *map, char *so, size_t solen)
{
	const struct pkt_key *pk;
	const struct app_skey *sk;
	unsigned int n = 0, k, i;
	size_t ns = 0;

	so[ns++] = ':';
	for (k = 0; k < K_MAX; k++) {
		const struct app_setting *s = &app_settings[k];

		lo[n] = (struct option){s->name, s->arg ? required_argument :
			no_argument, NULL, 256 + (int)n};
		map[n++] = (struct opt_map){(int)k, NULL, s->arg == NULL};
		if (s->short_opt != 0 && ns + 2 < solen) {
			so[ns++] = (char)s->short_opt;
			if (s->arg != NULL)
				so[ns++] = ':';
		}
	}
	for (i = 0; (pk = pkt_key_get(i)) != NULL && n < LONGOPTS_MAX; i++) {
		/* the signature is a flag on the command line */
		bool flag = strcmp(pk->name, "signature") == 0;

		lo[n] = (struct option){pk->name, flag ? no_argument :
			required_argument, NULL, 256 + (int)n};
		map[n++] = (struct opt_map){-1, pk->name, flag};
	}
	for (i = 0; (sk = app_skey_get(i)) != NULL && n < LONGOPTS_MAX; i++) {
		lo[n] = (struct option){sk->name, required_argument, NULL,
			256 + (int)n};
		map[n++] = (struct opt_map){-1, sk->name, false};
	}
	memset(&lo[n], 0, sizeof(lo[n]));
	so[ns] = '\0';
	return n;
}

static int
short_to_index(const struct opt_map *map, unsigned int n, int c)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (map[i].setting >= 0 &&
		    app_settings[map[i].setting].short_opt == c)
			return (int)i;
	return -1;
}

/* One option with its value. */
static int
option_apply(struct app_opts *o, const struct option *lo,
	     const struct opt_map *m, const char *arg, char *err,
	     size_t errlen)
{
	char why[APP_ERR_LEN], origin[96];
	const char *v = m->flag ? (m->key != NULL ? "yes" : "1") : arg;

	if (m->setting >= 0) {
		if (app_setting_apply(o, (unsigned int)m->setting, v, why,
				      sizeof(why)) != 0)
			return app_err(err, errlen, "option --%s: %s",
				       lo->name, why);
		o->set |= UINT64_C(1) << m->setting;
		return 0;
	}
	snprintf(origin, sizeof(origin), "option --%s", lo->name);
	return app_kvs_add(&o->cli, m->key, v, origin, err, errlen);
}

int
app_opts_parse(struct app_opts *o, int argc, char **argv, char *err,
	       size_t errlen)
{
	struct option lo[LONGOPTS_MAX + 1];
	struct opt_map map[LONGOPTS_MAX];
	char so[2 * K_MAX + 2];
	char *av[argc + 1];
	int eal_n, start, ac = 0, c, i, rc;
	unsigned int n;

	o->dashdash = proc_args_split_dashdash(argc, argv, &eal_n, &start);
	o->eal_n = eal_n;
	o->eal_argv = argv + 1;
	av[ac++] = argv[0];
	for (i = start; i < argc; i++)
		av[ac++] = argv[i];
	av[ac] = NULL;
	n = options_build(lo, map, so, sizeof(so));
	optind = 0; /* GNU: full re-initialisation */
	opterr = 0;
	while ((c = getopt_long(ac, av, so, lo, NULL)) != -1) {
		int idx;

		if (c == '?') {
			if (optopt >= 256 && optopt < 256 + (int)n)
				return app_err(err, errlen, "option --%s "
					       "takes no value",
					       lo[optopt - 256].name);
			if (optopt != 0)
				return app_err(err, errlen, "unknown option "
					       "'-%c' (see --help)", optopt);
			return app_err(err, errlen, "unknown or ambiguous "
				       "option '%s' (see --help)",
				       av[optind - 1]);
		}
		if (c == ':') {
			idx = optopt >= 256 ? optopt - 256 :
				short_to_index(map, n, optopt);
			if (idx < 0)
				return app_err(err, errlen, "option '%s' needs "
					       "a value", av[optind - 1]);
			return app_err(err, errlen, "option --%s needs a "
				       "value", lo[idx].name);
		}
		idx = c >= 256 ? c - 256 : short_to_index(map, n, c);
		if (idx < 0 || idx >= (int)n)
			return app_err(err, errlen, "unexpected option "
				       "character %d", c);
		rc = option_apply(o, &lo[idx], &map[idx], optarg, err,
				  errlen);
		if (rc != 0)
			return rc;
	}
	if (optind < ac)
		return app_err(err, errlen, "unexpected argument '%s' (options "
			       "start with -- or -; EAL options go before a "
			       "'--'; see --help)", av[optind]);
	if (o->help || o->version)
		return 0;
	if (o->config[0] != '\0') {
		rc = app_opts_load_config(o, o->config, err, errlen);
		if (rc != 0)
			return rc;
	}
	return app_opts_check(o, err, errlen);
}

static bool
given(const struct app_opts *o, unsigned int k)
{
	return ((o->set | o->cfg_set) & (UINT64_C(1) << k)) != 0;
}

/* Who gave run setting k, for a message: "option --NAME", or "config
 * file 'F' [SEC] KEY" (sec NULL: the setting's own section; "": the
 * command line). */
static void
origin(const struct app_opts *o, unsigned int k, const char *sec, char *buf,
       size_t len)
{
	const struct app_setting *s = &app_settings[k];

	if ((o->set & (UINT64_C(1) << k)) != 0 || o->config[0] == '\0' ||
	    (sec != NULL && sec[0] == '\0'))
		snprintf(buf, len, "option --%s", s->name);
	else
		snprintf(buf, len, "config file '%s' [%s] %s", o->config,
			 sec != NULL ? sec : s->section,
			 k == K_EAL ? "args" : s->name);
}

void
app_port_origin(const struct app_opts *o, unsigned int i, char *buf,
		size_t len)
{
	origin(o, o->port_pci[i] ? K_PCI : K_VDEV, o->port_sec[i], buf, len);
}

/* Most output files compared: tx_pcap= of net_pcap ports, then -w,
 * --json and --csv. */
#define OUTS_MAX 48

/* The files a run writes, and the net_pcap devices that name some. */
struct run_files {
	unsigned int ndev;
	const char *dev[OUTS_MAX];               /* devargs */
	char dev_what[OUTS_MAX][PATH_MAX + 160]; /* who gave each */
	unsigned int nouts;
	const char *outs[OUTS_MAX];
	char out_name[OUTS_MAX][PATH_MAX];
};

/* The nth value of "key=" among a device's arguments (after its name). */
static bool
devarg_nth(const char *dev, const char *key, unsigned int nth, char *buf,
	   size_t len)
{
	size_t klen = strlen(key);
	const char *a = strchr(dev, ',');

	for (; a != NULL; a = strchr(a, ',')) {
		a++;
		if (strncmp(a, key, klen) != 0 || a[klen] != '=' ||
		    nth-- != 0)
			continue;
		a += klen + 1;
		snprintf(buf, len, "%.*s", (int)strcspn(a, ","), a);
		return true;
	}
	return false;
}

static void
pcap_dev_add(struct run_files *f, const char *dev, const char *who)
{
	if (f->ndev == OUTS_MAX || (strncmp(dev, "net_pcap", 8) != 0 &&
				    strncmp(dev, "eth_pcap", 8) != 0))
		return;
	f->dev[f->ndev] = dev;
	snprintf(f->dev_what[f->ndev], sizeof(f->dev_what[0]), "%s %.*s", who,
		 (int)strcspn(dev, ","), dev);
	f->ndev++;
}

/* The net_pcap ports' files: rx_pcap= are inputs, tx_pcap= outputs,
 * checked as every output and against each other. */
static int
pcap_files_check(const struct app_opts *o, struct proc_inputs *in,
		 struct run_files *f, char *err, size_t errlen)
{
	char org[PATH_MAX + 128], file[PATH_MAX], what[64];
	unsigned int i, j;
	int k;

	for (k = 0; k < o->eal_n; k++) {
		const char *a = o->eal_argv[k];

		if (strcmp(a, "--vdev") == 0 && k + 1 < o->eal_n)
			pcap_dev_add(f, o->eal_argv[++k], "EAL option --vdev");
		else if (strncmp(a, "--vdev=", 7) == 0)
			pcap_dev_add(f, a + 7, "EAL option --vdev");
	}
	for (i = 0; i < o->nports; i++) {
		if (o->port_pci[i])
			continue;
		origin(o, K_VDEV, o->port_sec[i], org, sizeof(org));
		pcap_dev_add(f, o->port_dev[i], org);
	}
	for (i = 0; i < f->ndev; i++)
		for (j = 0; devarg_nth(f->dev[i], "rx_pcap", j, file,
				       sizeof(file)); j++) {
			snprintf(what, sizeof(what), "rx_pcap of --vdev %.*s",
				 (int)strcspn(f->dev[i], ","), f->dev[i]);
			proc_inputs_add(in, file, what);
		}
	for (i = 0; i < f->ndev; i++)
		for (j = 0; f->nouts + 3 < OUTS_MAX &&
		     devarg_nth(f->dev[i], "tx_pcap", j,
				f->out_name[f->nouts],
				sizeof(f->out_name[0])); j++) {
			if (proc_out_check(f->out_name[f->nouts],
					   f->dev_what[i], in, f->outs,
					   f->nouts, err, errlen) != 0)
				return -EINVAL;
			f->outs[f->nouts] = f->out_name[f->nouts];
			f->nouts++;
		}
	return 0;
}

int
app_opts_check(const struct app_opts *o, char *err, size_t errlen)
{
	static const unsigned int out_keys[] = {K_WRITE, K_JSON, K_CSV};
	char org[PATH_MAX + 128];
	struct proc_inputs in;
	struct run_files *f;
	unsigned int i;
	int rc;

	if (o->eal_n > 0) {
		static const unsigned int emb[] = {K_HUGE, K_FILE_PREFIX,
						   K_EAL};

		for (i = 0; i < RTE_DIM(emb); i++) {
			if (!given(o, emb[i]))
				continue;
			origin(o, emb[i], NULL, org, sizeof(org));
			return app_err(err, errlen, "%s: EAL options were "
				       "given before '--', so the embedded "
				       "default is not used: give the EAL "
				       "what you need there", org);
		}
		for (i = 0; i < o->nports; i++) {
			if (!o->port_pci[i])
				continue;
			origin(o, K_PCI, o->port_sec[i], org, sizeof(org));
			return app_err(err, errlen, "%s %s: EAL options were "
				       "given before '--': give the EAL the "
				       "NIC there (-a %s)", org,
				       o->port_dev[i], o->port_dev[i]);
		}
	}
	if (o->write[0] != '\0' && (o->nports != 0 || o->eal_n > 0)) {
		origin(o, K_WRITE, NULL, org, sizeof(org));
		return app_err(err, errlen, "%s applies to the embedded "
			       "default port; with ports of your own, give "
			       "net_pcap0,tx_pcap=FILE to --vdev",
			       (o->set & (UINT64_C(1) << K_WRITE)) != 0 ?
			       "option -w/--write" : org);
	}
	memset(&in, 0, sizeof(in));
	if (o->config[0] != '\0')
		proc_inputs_add(&in, o->config, "--config");
	f = calloc(1, sizeof(*f));
	if (f == NULL)
		return app_err(err, errlen, "out of memory");
	rc = pcap_files_check(o, &in, f, err, errlen);
	for (i = 0; i < RTE_DIM(out_keys) && rc == 0; i++) {
		const char *path = out_keys[i] == K_WRITE ? o->write :
			out_keys[i] == K_JSON ? o->json : o->csv;

		if (path[0] == '\0')
			continue;
		origin(o, out_keys[i], NULL, org, sizeof(org));
		if (proc_out_check(path, org, &in, f->outs, f->nouts, err,
				   errlen) != 0)
			rc = -EINVAL;
		else
			f->outs[f->nouts++] = path;
	}
	free(f);
	return rc;
}

/* Print text from column col, wrapped at 79 columns. */
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

static void
usage_line(FILE *f, int short_opt, const char *name, const char *arg,
	   const char *help, const char *def)
{
	char left[64], text[768];

	if (short_opt != 0)
		snprintf(left, sizeof(left), "-%c, --%s%s%s", short_opt, name,
			 arg ? " " : "", arg ? arg : "");
	else
		snprintf(left, sizeof(left), "    --%s%s%s", name,
			 arg ? " " : "", arg ? arg : "");
	if (def != NULL && arg != NULL && strcmp(def, "none") != 0)
		snprintf(text, sizeof(text), "%s (default %s)", help, def);
	else
		snprintf(text, sizeof(text), "%s", help);
	if (strlen(left) > 24) {
		fprintf(f, "  %s\n%*s", left, 27, "");
	} else {
		fprintf(f, "  %-24s ", left);
	}
	print_wrapped(f, text, 27);
}

void
app_opts_usage(FILE *f)
{
	static const char *const groups[][2] = {
		{"run", "Run:"}, {"port", "Ports:"}, {"eal", "EAL (embedded "
		"default only):"}, {NULL, "Other:"},
	};
	const struct pkt_key *pk;
	const struct app_skey *sk;
	unsigned int g, k, i;

	fprintf(f,
"Usage: nblgen [OPTIONS]\n"
"       nblgen [EAL OPTIONS] -- [OPTIONS]\n"
"Send streams of frames through DPDK ports at exact rates, with live and\n"
"machine-readable results; every frame goes through libnbl (NDIS\n"
"NET_BUFFER_LISTs) and a protocol binding to its port.\n"
"\n"
"Without EAL options nblgen starts DPDK with an embedded default that runs\n"
"anywhere: --no-huge -m 512 --no-pci, a net_null port (net_pcap with -w),\n"
"a unique --file-prefix, one TX lcore.  With EAL options (before '--') the\n"
"ports are those the EAL probed and the TX lcores its worker lcores.\n");
	for (g = 0; g < RTE_DIM(groups); g++) {
		fprintf(f, "\n%s\n", groups[g][1]);
		for (k = 0; k < K_MAX; k++) {
			const struct app_setting *s = &app_settings[k];

			if ((s->section == NULL) != (groups[g][0] == NULL) ||
			    (s->section != NULL &&
			     strcmp(s->section, groups[g][0]) != 0))
				continue;
			usage_line(f, s->short_opt, s->name, s->arg, s->help,
				   s->def);
		}
	}
	fprintf(f, "\nStreams (INI: [traffic] for every stream, [stream.N] "
		"for one; the command\nline sets every stream):\n");
	for (i = 0; (sk = app_skey_get(i)) != NULL; i++)
		usage_line(f, 0, sk->name, sk->arg, sk->help, sk->def);
	for (i = 0; (pk = pkt_key_get(i)) != NULL; i++)
		usage_line(f, 0, pk->name, strcmp(pk->name, "signature") == 0 ?
			   NULL : pk->arg, pk->help, pk->def);
	fprintf(f,
"\nValues: a range FIRST-LAST steps once per frame (',dec' downward,\n"
"',random' drawn, ',step=N'); ranged fields form an odometer, the first\n"
"changing fastest.  Sizes count the FCS (64 to 1518 for Ethernet).  Rates:\n"
"max, 1000 (frames/s), 10kpps, 14.88Mpps, 10Gbps (on the wire: preamble,\n"
"gap and FCS counted), l2:10Gbps (frames with FCS), 50%% (of the link).\n"
"100%% of 10 Gbit/s with 64-byte frames is 14,880,952 frames/s.\n"
"\n"
"ENGINES\n"
"  template  frames written once into every buffer, sent as they are\n"
"  stamp     per frame: flow fields, sizes, signature, checksums\n"
"  ndis      NBLs sent and completed through the NDIS calls, reused\n"
"\n"
"CONFIG (-c FILE): INI sections [run] [port] (or [port.N], taken in the order\n"
"of N) [eal] [traffic] [stream.N]; keys are the long option names ([eal] args\n"
"= --eal).  The command line wins; ';' starts a comment.  Files in conf/ are\n"
"examples.\n"
"\n"
"Results: a live line each second on stderr (-q: none), a report on\n"
"stdout, --json FILE and --csv FILE.  Exit status: 0 when everything asked\n"
"was sent and every pool came back full; 1 on a run-time failure; 2 on a\n"
"bad option, configuration or port.  Ctrl-C or SIGTERM stops within\n"
"100 ms; the frames in flight drain, results are written, exit status 0.\n");
}

void
app_opts_foreach(const struct app_opts *o,
		 void (*fn)(const char *section, const char *key,
			    const char *value, void *arg),
		 void *arg)
{
	char v[PATH_MAX + 32];
	unsigned int k, i;

	for (k = 0; k < K_MAX; k++) {
		const struct app_setting *s = &app_settings[k];

		if (s->section == NULL)
			continue;
		switch (k) {
		case K_DURATION:
			snprintf(v, sizeof(v), "%" PRIu64 "ns", o->duration_ns);
			break;
		case K_ENGINE:
			snprintf(v, sizeof(v), "%s", o->engine);
			break;
		case K_BURST:
			snprintf(v, sizeof(v), "%u", o->burst);
			break;
		case K_TX_LCORES:
			snprintf(v, sizeof(v), "%u", o->tx_lcores);
			break;
		case K_SEED:
			snprintf(v, sizeof(v), "%" PRIu64, o->seed);
			break;
		case K_JSON:
			snprintf(v, sizeof(v), "%s", o->json);
			break;
		case K_CSV:
			snprintf(v, sizeof(v), "%s", o->csv);
			break;
		case K_WRITE:
			snprintf(v, sizeof(v), "%s", o->write);
			break;
		case K_QUIET:
		case K_VERBOSE:
		case K_VERIFY:
		case K_HUGE:
			snprintf(v, sizeof(v), "%s", (k == K_QUIET ? o->quiet :
				 k == K_VERBOSE ? o->verbose : k == K_VERIFY ?
				 o->verify : o->huge) ? "yes" : "no");
			break;
		case K_VDEV:
		case K_PCI:
			for (i = 0; i < o->nports; i++)
				if (o->port_pci[i] == (k == K_PCI))
					fn(s->section, s->name,
					   o->port_dev[i], arg);
			continue;
		case K_FILE_PREFIX:
			snprintf(v, sizeof(v), "%s", o->file_prefix);
			break;
		case K_EAL:
			snprintf(v, sizeof(v), "%s", o->eal);
			break;
		default:
			continue;
		}
		fn(s->section, k == K_EAL ? "args" : s->name, v, arg);
	}
}

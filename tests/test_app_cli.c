/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * The command line: defaults, every run setting, the short options, the
 * stream keys (kept with "option --KEY" as their origin), the exact
 * message of every mistake, --pcap, "nblgen [EAL options] -- [options]",
 * --help and the effective settings of the manifest.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pkt.h>

#include "test_app.h"

#define NS_PER_S UINT64_C(1000000000)

START_TEST(cli_defaults)
{
	char *av[] = {(char *)"nblgen", NULL};
	struct app_opts o;

	ck_assert_int_eq(ta_parse(&o, 1, av), 0);
	ck_assert_str_eq(o.engine, "auto");
	ck_assert_uint_eq(o.burst, 32);
	ck_assert_uint_eq(o.duration_ns, NS_PER_S);
	ck_assert(!o.duration_set);
	ck_assert_uint_eq(o.tx_lcores, 0);
	ck_assert(!o.seed_set);
	ck_assert_str_eq(o.json, "");
	ck_assert_str_eq(o.csv, "");
	ck_assert_str_eq(o.write, "");
	ck_assert(!o.quiet && !o.verbose && !o.verify && !o.help &&
		  !o.version && !o.huge);
	ck_assert_uint_eq(o.nports, 0);
	ck_assert_str_eq(o.file_prefix, "");
	ck_assert_str_eq(o.eal, "");
	ck_assert_str_eq(o.config, "");
	ck_assert_int_eq(o.eal_n, 0);
	ck_assert(!o.dashdash);
	ck_assert_uint_eq(o.cli.n, 0);
	ck_assert_uint_eq(o.traffic.n, 0);
	ck_assert_uint_eq(o.nstreams, 0);
	ck_assert_uint_eq(o.set, 0);
	ck_assert_uint_eq(o.cfg_set, 0);
	app_opts_fini(&o);
}
END_TEST

/* durations with every unit */
START_TEST(cli_duration)
{
	static const struct {
		const char *text;
		uint64_t ns;
	} cases[] = {
		{"10", 10 * NS_PER_S}, {"2.5s", 2500000000},
		{"500ms", 500000000}, {"100us", 100000}, {"250ns", 250},
		{"1m", 60 * NS_PER_S}, {"1h", 3600 * NS_PER_S},
		{"1d", 86400 * NS_PER_S}, {"0", 0},
	};
	struct app_opts o;
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		TA_OK(&o, "--duration", (char *)cases[i].text);
		ck_assert_msg(o.duration_ns == cases[i].ns && o.duration_set,
			      "%s: %lu ns", cases[i].text,
			      (unsigned long)o.duration_ns);
		app_opts_fini(&o);
	}
	TA_OK(&o, "-d", "3");
	ck_assert_uint_eq(o.duration_ns, 3 * NS_PER_S);
	app_opts_fini(&o);
	TA_OK(&o, "-d250ms");
	ck_assert_uint_eq(o.duration_ns, 250000000);
	app_opts_fini(&o);
	TA_OK(&o, "--duration=2s");
	ck_assert_uint_eq(o.duration_ns, 2 * NS_PER_S);
	app_opts_fini(&o);
}
END_TEST

/* every run setting lands where the run reads it */
START_TEST(cli_run_settings)
{
	static const char *const engines[] = {"auto", "template", "stamp",
					      "ndis"};
	const char *j = ta_path("r.json"), *c = ta_path("r.csv");
	const char *w = ta_path("r.pcap");
	struct app_opts o;
	unsigned int i;

	for (i = 0; i < 4; i++) {
		TA_OK(&o, "--engine", (char *)engines[i]);
		ck_assert_str_eq(o.engine, engines[i]);
		app_opts_fini(&o);
	}
	TA_OK(&o, "--burst", "1");
	ck_assert_uint_eq(o.burst, 1);
	app_opts_fini(&o);
	TA_OK(&o, "--burst", "64", "--tx-lcores", "2", "--seed", "42",
	      "--json", (char *)j, "--csv", (char *)c, "-w", (char *)w,
	      "--quiet", "--verbose", "--verify", "--huge", "--file-prefix",
	      "t-1.x_y", "--eal", "--log-level=lib.eal:debug -m 256");
	ck_assert_uint_eq(o.burst, 64);
	ck_assert_uint_eq(o.tx_lcores, 2);
	ck_assert(o.seed_set);
	ck_assert_uint_eq(o.seed, 42);
	ck_assert_str_eq(o.json, j);
	ck_assert_str_eq(o.csv, c);
	ck_assert_str_eq(o.write, w);
	ck_assert(o.quiet && o.verbose && o.verify && o.huge);
	ck_assert_str_eq(o.file_prefix, "t-1.x_y");
	ck_assert_str_eq(o.eal, "--log-level=lib.eal:debug -m 256");
	/* nothing was written: outputs are only checked */
	ck_assert(!ta_exists(j) && !ta_exists(c) && !ta_exists(w));
	app_opts_fini(&o);
	TA_OK(&o, "--seed", "0");
	ck_assert(o.seed_set);
	ck_assert_uint_eq(o.seed, 0);
	app_opts_fini(&o);
	/* the last of a repeated setting wins */
	TA_OK(&o, "--burst", "8", "--burst", "16");
	ck_assert_uint_eq(o.burst, 16);
	app_opts_fini(&o);
}
END_TEST

/* ports: --vdev repeated, --pci normalised to DDDD:BB:DD.F */
START_TEST(cli_ports)
{
	struct app_opts o;
	char *av[3 + 2 * APP_PORTS_MAX + 1];
	unsigned int i;

	TA_OK(&o, "--vdev", "net_null0", "--vdev", "net_ring0", "--pci",
	      "03:00.1", "--pci", "0000:3b:00.0",
	      "--vdev", "net_af_packet0,iface=veth0,qpairs=1");
	ck_assert_uint_eq(o.nports, 5);
	ck_assert_str_eq(o.port_dev[0], "net_null0");
	ck_assert_str_eq(o.port_dev[1], "net_ring0");
	ck_assert_str_eq(o.port_dev[2], "0000:03:00.1");
	ck_assert_str_eq(o.port_dev[3], "0000:3b:00.0");
	ck_assert_str_eq(o.port_dev[4], "net_af_packet0,iface=veth0,qpairs=1");
	ck_assert(!o.port_pci[0] && !o.port_pci[1] && o.port_pci[2] &&
		  o.port_pci[3] && !o.port_pci[4]);
	app_opts_fini(&o);
	/* at most APP_PORTS_MAX */
	av[0] = (char *)"nblgen";
	for (i = 0; i <= APP_PORTS_MAX; i++) {
		av[1 + 2 * i] = (char *)"--vdev";
		av[2 + 2 * i] = (char *)"net_null0";
	}
	av[3 + 2 * APP_PORTS_MAX] = NULL;
	ck_assert_int_eq(ta_parse(&o, 3 + 2 * APP_PORTS_MAX, av), -EINVAL);
	ck_assert_str_eq(ta_err, "option --vdev: more than 16 ports");
	app_opts_fini(&o);
}
END_TEST

/* -c -d -h -q -v -w -V */
START_TEST(cli_short)
{
	const char *ini = ta_write("s.ini", "[run]\nburst = 4\n");
	const char *w = ta_path("s.pcap");
	struct app_opts o;

	TA_OK(&o, "-c", (char *)ini, "-d", "2", "-q", "-v", "-w", (char *)w);
	ck_assert_str_eq(o.config, ini);
	ck_assert_uint_eq(o.burst, 4);
	ck_assert_uint_eq(o.duration_ns, 2 * NS_PER_S);
	ck_assert(o.quiet && o.verbose);
	ck_assert_str_eq(o.write, w);
	app_opts_fini(&o);
	TA_OK(&o, "-qv");
	ck_assert(o.quiet && o.verbose);
	app_opts_fini(&o);
	/* --help and --version: nothing else is checked, nor the file read */
	TA_OK(&o, "-h", "-w", "/nonexistent/x.pcap", "-c", "/nonexistent.ini");
	ck_assert(o.help && !o.version);
	app_opts_fini(&o);
	TA_OK(&o, "--help");
	ck_assert(o.help);
	app_opts_fini(&o);
	TA_OK(&o, "-V");
	ck_assert(o.version && !o.help);
	app_opts_fini(&o);
	TA_OK(&o, "--version");
	ck_assert(o.version);
	app_opts_fini(&o);
}
END_TEST

/* stream keys on the command line: kept for every stream, in order, with
 * the option as their origin */
START_TEST(cli_stream_keys)
{
	static const char *const want[][2] = {
		{"size", "imix"}, {"rate", "10Gbps"},
		{"src-ip", "198.18.0.1-198.18.0.32"}, {"signature", "yes"},
		{"headers", "eth/vlan/ipv4/tcp"}, {"count", "10k"},
		{"tx-cksum", "offload"}, {"dst-port", "9-10"},
	};
	static const char *const rates[] = {"pps", "1000", "mbps", "100",
					    "schedule", "1kpps for 1s"};
	struct app_opts o;
	char origin[64], opt[32];
	unsigned int i;

	TA_OK(&o, "--size", "imix", "--rate", "10Gbps", "--src-ip",
	      "198.18.0.1-198.18.0.32", "--signature", "--headers",
	      "eth/vlan/ipv4/tcp", "--count=10k", "--tx-cksum", "offload",
	      "--dst-port", "9-10");
	ck_assert_uint_eq(o.cli.n, 8);
	for (i = 0; i < o.cli.n; i++) {
		snprintf(origin, sizeof(origin), "option --%s", want[i][0]);
		ck_assert_str_eq(o.cli.kv[i].key, want[i][0]);
		ck_assert_str_eq(o.cli.kv[i].value, want[i][1]);
		ck_assert_str_eq(o.cli.kv[i].origin, origin);
	}
	/* stream keys are not run settings, nor [traffic] */
	ck_assert_uint_eq(o.traffic.n, 0);
	ck_assert_uint_eq(o.set, 0);
	app_opts_fini(&o);
	for (i = 0; i < 6; i += 2) {
		snprintf(opt, sizeof(opt), "--%s", rates[i]);
		TA_OK(&o, opt, (char *)rates[i + 1]);
		ck_assert_uint_eq(o.cli.n, 1);
		ck_assert_str_eq(o.cli.kv[0].key, rates[i]);
		ck_assert_str_eq(o.cli.kv[0].value, rates[i + 1]);
		snprintf(origin, sizeof(origin), "option --%s", rates[i]);
		ck_assert_str_eq(o.cli.kv[0].origin, origin);
		app_opts_fini(&o);
	}
}
END_TEST

/* a bad value: refused, with the option named first */
static void
refused_value(const char *opt, const char *value, const char *msg)
{
	char *av[] = {(char *)"nblgen", (char *)opt, (char *)value, NULL};
	char head[64];
	struct app_opts o;
	int rc = ta_parse(&o, 3, av);

	app_opts_fini(&o);
	snprintf(head, sizeof(head), "option %s: ", opt);
	ck_assert_msg(rc == -EINVAL, "%s '%s' taken", opt, value);
	ck_assert_msg(strncmp(ta_err, head, strlen(head)) == 0,
		      "'%s' does not start with '%s'", ta_err, head);
	ck_assert_msg(strstr(ta_err, msg) != NULL, "'%s' lacks '%s'", ta_err,
		      msg);
}

START_TEST(cli_bad_values)
{
	static const char *const cases[][3] = {
		{"--count", "0", "'0' is not a number from 1 to"},
		{"--count", "lots", "'lots' is not a number"},
		{"--count", "-5", "'-5' is not a number"},
		{"--count", "99999999999999999999", "99999999999999999999"},
		{"--bytes", "0", "'0' is not a number from 1"},
		{"--rate", "1x", "'1x' is not a rate (forms: max, 1000, "
		 "10kpps, 14.88Mpps, 10Gbps, l2:10Gbps, 50%)"},
		{"--rate", "0", "'0'"},
		{"--rate", "101%", "'101%'"},
		{"--pps", "abc", "'abcpps' is not a rate"},
		{"--mbps", "fast", "is not a rate"},
		{"--schedule", "max for 1s", "max"},
		{"--schedule", "1Mpps for 0s", "entry 1"},
		{"--port", "16", "'16' is not a number from 0 to 15"},
		{"--tx-cksum", "hardware", "'hardware' is not frame, offload "
		 "or software"},
		{"--size", "63", "'63' is not a frame size (64 to 9216 bytes "
		 "with the FCS)"},
		{"--src-ip", "1.2.3", "'1.2.3'"},
		{"--dst-ip", "127.0.0.256", "'127.0.0.256'"},
		{"--src-port", "70000", "'70000'"},
		{"--dst-mac", "02:00:00:00:00", "'02:00:00:00:00'"},
		{"--headers", "eth/foo", "foo"},
		{"--payload", "hex:XY", "XY"},
		{"--duration", "5parsec", "'5parsec' is not a duration"},
		{"--duration", "-1", "'-1' is not a duration"},
		{"--engine", "turbo", "'turbo' is not an engine (auto, "
		 "template, stamp or ndis)"},
		{"--burst", "0", "'0' is not a number from 1 to 64"},
		{"--burst", "65", "'65' is not a number from 1 to 64"},
		{"--tx-lcores", "0", "'0' is not a number from 1 to 64"},
		{"--seed", "-1", "'-1' is not a number"},
		{"--vdev", ",iface=x", "',iface=x' does not start with a "
		 "driver instance name (e.g. net_null0)"},
		{"--vdev", "net null", "'net null' is not a device name"},
		{"--pci", "not-a-bdf", "'not-a-bdf' is not a PCI address "
		 "(DDDD:BB:DD.F or BB:DD.F)"},
		{"--file-prefix", "a/b", "'a/b': a file prefix takes letters, "
		 "digits, '_', '-' and '.'"},
		{"--write", "a,b.pcap", "'a,b.pcap': ',' and '=' cannot be "
		 "used in the file name"},
		{"--json", "", "empty value"},
		{"--config", "", "empty value"},
	};
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		refused_value(cases[i][0], cases[i][1], cases[i][2]);
}
END_TEST

/* mistakes of form: the exact messages */
START_TEST(cli_bad_usage)
{
	struct app_opts o;

	ck_assert_int_eq(TA_PARSE(&o, "--bogus"), -EINVAL);
	ck_assert_str_eq(ta_err, "unknown or ambiguous option '--bogus' (see "
			 "--help)");
	app_opts_fini(&o);
	/* --verbose, --verify, --version */
	ck_assert_int_eq(TA_PARSE(&o, "--ver"), -EINVAL);
	ck_assert_str_eq(ta_err, "unknown or ambiguous option '--ver' (see "
			 "--help)");
	app_opts_fini(&o);
	ck_assert_int_eq(TA_PARSE(&o, "--huge=yes"), -EINVAL);
	ck_assert_str_eq(ta_err, "option --huge takes no value");
	app_opts_fini(&o);
	ck_assert_int_eq(TA_PARSE(&o, "--signature=no"), -EINVAL);
	ck_assert_str_eq(ta_err, "option --signature takes no value");
	app_opts_fini(&o);
	ck_assert_int_eq(TA_PARSE(&o, "--count"), -EINVAL);
	ck_assert_str_eq(ta_err, "option --count needs a value");
	app_opts_fini(&o);
	ck_assert_int_eq(TA_PARSE(&o, "-q", "-w"), -EINVAL);
	ck_assert_str_eq(ta_err, "option --write needs a value");
	app_opts_fini(&o);
	ck_assert_int_eq(TA_PARSE(&o, "-x"), -EINVAL);
	ck_assert_str_eq(ta_err, "unknown option '-x' (see --help)");
	app_opts_fini(&o);
	ck_assert_int_eq(TA_PARSE(&o, "x"), -EINVAL);
	ck_assert_str_eq(ta_err, "unexpected argument 'x' (options start "
			 "with -- or -; EAL options go before a '--'; see "
			 "--help)");
	app_opts_fini(&o);
	ck_assert_int_eq(TA_PARSE(&o, "--count", "5", "now"), -EINVAL);
	TA_ERR_HAS("unexpected argument 'now'");
	app_opts_fini(&o);
	/* the first mistake is the one reported */
	ck_assert_int_eq(TA_PARSE(&o, "--burst", "0", "--bogus"), -EINVAL);
	TA_ERR_HAS("option --burst: ");
	app_opts_fini(&o);
}
END_TEST

/* --pcap is replay input, which this version does not do: refused with
 * a message that points at -w, and the file is not touched */
START_TEST(cli_pcap)
{
	const char *in = ta_write("in.pcap", "not really a capture\n");
	char msg[PATH_MAX + 64];
	struct app_opts o;

	ck_assert_int_eq(TA_PARSE(&o, "--pcap", (char *)in), -EINVAL);
	app_opts_fini(&o);
	snprintf(msg, sizeof(msg), "option --pcap: replaying a capture is not "
		 "in this version yet: --pcap '%s' will send the frames of "
		 "that file, as tcpreplay does, and never write to it.  To "
		 "write what nblgen sends into a capture, use -w FILE", in);
	ck_assert_str_eq(ta_err, msg);
	ck_assert_str_eq(ta_read(in), "not really a capture\n");
	TA_REFUSED("option --pcap: replaying", "--pcap",
		   (char *)ta_path("new.pcap"));
	ck_assert(!ta_exists(ta_path("new.pcap")));
}
END_TEST

/* "nblgen [EAL options] -- [options]" */
START_TEST(cli_eal_convention)
{
	/* the settings keep main()'s argv (not copied): it must outlive them
	 * here too */
	char *av[] = {"nblgen", "-l", "0-1", "--vdev", "net_null0", "--",
		      "--count", "5", NULL};
	struct app_opts o;

	ck_assert_int_eq(ta_parse(&o, (int)RTE_DIM(av) - 1, av), 0);
	ck_assert(o.dashdash);
	ck_assert_int_eq(o.eal_n, 4);
	ck_assert_str_eq(o.eal_argv[0], "-l");
	ck_assert_str_eq(o.eal_argv[1], "0-1");
	ck_assert_str_eq(o.eal_argv[2], "--vdev");
	ck_assert_str_eq(o.eal_argv[3], "net_null0");
	/* the EAL's --vdev is the EAL's, not a port to hot-plug */
	ck_assert_uint_eq(o.nports, 0);
	ck_assert_uint_eq(o.cli.n, 1);
	ck_assert_str_eq(o.cli.kv[0].key, "count");
	ck_assert_str_eq(o.cli.kv[0].value, "5");
	app_opts_fini(&o);
	TA_OK(&o, "--", "--count", "5");
	ck_assert(o.dashdash);
	ck_assert_int_eq(o.eal_n, 0);
	ck_assert_uint_eq(o.cli.n, 1);
	app_opts_fini(&o);
	TA_OK(&o, "--count", "5");
	ck_assert(!o.dashdash);
	ck_assert_int_eq(o.eal_n, 0);
	ck_assert_uint_eq(o.cli.n, 1);
	app_opts_fini(&o);
	/* before "--", words are the EAL's even when they look like ours */
	TA_OK(&o, "--count", "9", "--");
	ck_assert_int_eq(o.eal_n, 2);
	ck_assert_uint_eq(o.cli.n, 0);
	app_opts_fini(&o);
	/* ports of ours beside the EAL's are hot-plugged: allowed */
	TA_OK(&o, "-l", "0", "--", "--vdev", "net_ring0");
	ck_assert_uint_eq(o.nports, 1);
	app_opts_fini(&o);
}
END_TEST

/* with EAL options, what only the embedded default uses is refused */
START_TEST(cli_eal_refusals)
{
	static const char *const tail = ": EAL options were given before "
		"'--', so the embedded default is not used: give the EAL what "
		"you need there";
	char msg[256];
	struct app_opts o;

	snprintf(msg, sizeof(msg), "option --huge%s", tail);
	ck_assert_int_eq(TA_PARSE(&o, "-l", "0-1", "--", "--huge"), -EINVAL);
	ck_assert_str_eq(ta_err, msg);
	app_opts_fini(&o);
	snprintf(msg, sizeof(msg), "option --file-prefix%s", tail);
	ck_assert_int_eq(TA_PARSE(&o, "-l", "0-1", "--", "--file-prefix",
				  "p"), -EINVAL);
	ck_assert_str_eq(ta_err, msg);
	app_opts_fini(&o);
	snprintf(msg, sizeof(msg), "option --eal%s", tail);
	ck_assert_int_eq(TA_PARSE(&o, "--no-huge", "--", "--eal", "-m 64"),
			 -EINVAL);
	ck_assert_str_eq(ta_err, msg);
	app_opts_fini(&o);
	ck_assert_int_eq(TA_PARSE(&o, "-l", "0", "--", "--pci", "03:00.0"),
			 -EINVAL);
	ck_assert_str_eq(ta_err, "option --pci 0000:03:00.0: EAL options were "
			 "given before '--': give the EAL the NIC there (-a "
			 "0000:03:00.0)");
	app_opts_fini(&o);
	/* -w is the embedded default port's */
	snprintf(msg, sizeof(msg), "option -w/--write applies to the embedded "
		 "default port; with ports of your own, give "
		 "net_pcap0,tx_pcap=FILE to --vdev");
	ck_assert_int_eq(TA_PARSE(&o, "--vdev", "net_null0", "-w",
				  (char *)ta_path("w.pcap")), -EINVAL);
	ck_assert_str_eq(ta_err, msg);
	app_opts_fini(&o);
	ck_assert_int_eq(TA_PARSE(&o, "-l", "0", "--", "-w",
				  (char *)ta_path("w.pcap")), -EINVAL);
	ck_assert_str_eq(ta_err, msg);
	app_opts_fini(&o);
	ck_assert(!ta_exists(ta_path("w.pcap")));
}
END_TEST

/* --help: every run setting and stream key, within 79 columns */
START_TEST(cli_help)
{
	static const char *const own[] = {"--duration", "--engine", "--burst",
		"--tx-lcores", "--seed", "--json", "--csv", "-w, --write",
		"-q, --quiet", "-v, --verbose", "--verify", "--vdev", "--pci",
		"--huge", "--file-prefix", "--eal", "-c, --config", "--pcap",
		"-h, --help", "-V, --version", "-d, --duration", "--rate",
		"--pps", "--mbps", "--schedule", "--count", "--bytes",
		"--port", "--tx-cksum"};
	const struct pkt_key *k;
	char *text = NULL, *line, *save = NULL, opt[80];
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	unsigned int i;

	ck_assert_ptr_nonnull(f);
	app_opts_usage(f);
	ck_assert_int_eq(fclose(f), 0);
	for (i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		ck_assert_msg(strstr(text, own[i]) != NULL, "--help lacks %s",
			      own[i]);
	for (i = 0; (k = pkt_key_get(i)) != NULL; i++) {
		snprintf(opt, sizeof(opt), "--%s ", k->name);
		ck_assert_msg(strstr(text, opt) != NULL ||
			      strcmp(k->name, "signature") == 0,
			      "--help lacks %s", opt);
	}
	ck_assert_ptr_nonnull(strstr(text, "--signature"));
	ck_assert_ptr_nonnull(strstr(text, "nblgen [EAL OPTIONS] -- "
				     "[OPTIONS]"));
	ck_assert_ptr_nonnull(strstr(text, "(default 32)"));
	for (line = strtok_r(text, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save))
		ck_assert_msg(strlen(line) <= 79, "%zu columns: %s",
			      strlen(line), line);
	free(text);
}
END_TEST

/* The manifest's view of the effective settings. */
static void
collect(const char *section, const char *key, const char *value, void *arg)
{
	char *buf = arg;
	size_t n = strlen(buf);

	snprintf(buf + n, 4096 - n, "[%s] %s=%s\n", section, key, value);
}

START_TEST(cli_effective)
{
	static char got[4096];
	struct app_opts o;

	TA_OK(&o, "-d", "2s", "--burst", "8", "--vdev", "net_null0",
	      "--vdev", "net_ring0", "--eal", "-m 256", "-q", "--seed", "7",
	      "--engine", "stamp");
	got[0] = '\0';
	app_opts_foreach(&o, collect, got);
	ck_assert_ptr_nonnull(strstr(got, "[run] duration=2000000000ns\n"));
	ck_assert_ptr_nonnull(strstr(got, "[run] engine=stamp\n"));
	ck_assert_ptr_nonnull(strstr(got, "[run] burst=8\n"));
	ck_assert_ptr_nonnull(strstr(got, "[run] seed=7\n"));
	ck_assert_ptr_nonnull(strstr(got, "[run] quiet=yes\n"));
	ck_assert_ptr_nonnull(strstr(got, "[run] verbose=no\n"));
	ck_assert_ptr_nonnull(strstr(got, "[port] vdev=net_null0\n"
				     "[port] vdev=net_ring0\n"));
	ck_assert_ptr_nonnull(strstr(got, "[eal] args=-m 256\n"));
	ck_assert_ptr_nonnull(strstr(got, "[eal] huge=no\n"));
	/* command-line-only settings are not in the manifest's sections */
	ck_assert_ptr_null(strstr(got, "config="));
	ck_assert_ptr_null(strstr(got, "help="));
	app_opts_fini(&o);
}
END_TEST

void
app_cli_add_tcases(Suite *s)
{
	TCase *tc = ta_tcase("cli");

	tcase_add_test(tc, cli_defaults);
	tcase_add_test(tc, cli_duration);
	tcase_add_test(tc, cli_run_settings);
	tcase_add_test(tc, cli_ports);
	tcase_add_test(tc, cli_short);
	tcase_add_test(tc, cli_stream_keys);
	tcase_add_test(tc, cli_bad_values);
	tcase_add_test(tc, cli_bad_usage);
	tcase_add_test(tc, cli_pcap);
	tcase_add_test(tc, cli_eal_convention);
	tcase_add_test(tc, cli_eal_refusals);
	tcase_add_test(tc, cli_help);
	tcase_add_test(tc, cli_effective);
	suite_add_tcase(s, tc);
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * The EAL argument vector (app_eal_build()): the embedded default that
 * runs anywhere (no hugepages, no PCI, a lcore map of this machine's
 * CPUs, a prefix of its own), what changes it (--tx-lcores, --huge,
 * --file-prefix, --pci, --eal split like a shell), the options before
 * "--" passed verbatim, and a net_pcap port's tx_pcap= file written under
 * a temporary name, renamed at the end or removed.
 */

#include <dirent.h>
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eal_args.h"
#include "test_app.h"

static struct app_eal eal;

/* Build the vector of parsed settings, with the config file as input. */
static int
eal_build(const struct app_opts *o)
{
	struct proc_inputs in;

	memset(&in, 0, sizeof(in));
	if (o->config[0] != '\0')
		proc_inputs_add(&in, o->config, "--config");
	ta_err[0] = '\0';
	return app_eal_build(o, "nblgen", 4242, &in, &eal, ta_err,
			     sizeof(ta_err));
}

/* The vector of a command line; parse and build must succeed. */
static const struct proc_args *
vec(int argc, char **argv)
{
	struct app_opts o;
	int rc = ta_parse(&o, argc, argv);

	ck_assert_msg(rc == 0, "%s", ta_err);
	rc = eal_build(&o);
	ck_assert_msg(rc == 0, "app_eal_build: %d %s", rc, ta_err);
	app_opts_fini(&o);
	ck_assert_str_eq(eal.args.argv[0], "nblgen");
	ck_assert_ptr_null(eal.args.argv[eal.args.argc]);
	return &eal.args;
}

#define VEC(...) __extension__({ \
	char *av_[] = {(char *)"nblgen", __VA_ARGS__, NULL}; \
	vec((int)(sizeof(av_) / sizeof(av_[0])) - 1, av_); })

/* The vector from index 1 as one line. */
static const char *
line(const struct proc_args *a)
{
	static char buf[4096];

	proc_args_join(a, 1, buf, sizeof(buf));
	return buf;
}

/* Index of a word in the vector, -1 if absent. */
static int
word(const struct proc_args *a, const char *w)
{
	int i;

	for (i = 1; i < a->argc; i++)
		if (strcmp(a->argv[i], w) == 0)
			return i;
	return -1;
}

/* The lcore map this machine's CPUs give a main lcore and n workers, as
 * the EAL reads it: "-l c0,c1" with a CPU each, else "--lcores" with
 * lcores sharing CPUs. */
static void
lcore_map(unsigned int n, char *buf, size_t len)
{
	int cpus[CPU_SETSIZE], c;
	unsigned int ncpu = 0, i;
	cpu_set_t set;
	size_t k = 0;

	ck_assert_int_eq(sched_getaffinity(0, sizeof(set), &set), 0);
	for (c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &set))
			cpus[ncpu++] = c;
	ck_assert_uint_gt(ncpu, 0);
	if (n + 1 <= ncpu) {
		k += (size_t)snprintf(buf, len, "-l ");
		for (i = 0; i <= n; i++)
			k += (size_t)snprintf(buf + k, len - k, "%s%d",
					      i ? "," : "", cpus[i]);
		return;
	}
	k += (size_t)snprintf(buf, len, "--lcores 0@%d", cpus[0]);
	for (i = 1; i <= n; i++)
		k += (size_t)snprintf(buf + k, len - k, ",%u@%d", i,
				      cpus[(i - 1) % ncpu]);
}

/* the embedded default, whole */
START_TEST(eal_default)
{
	char *av[] = {(char *)"nblgen", NULL};
	char want[512], map[128];

	vec(1, av);
	lcore_map(1, map, sizeof(map));
	snprintf(want, sizeof(want), "--no-huge -m 512 --no-pci %s "
		 "--file-prefix nblgen-4242 --log-level=*:warning", map);
	ck_assert_str_eq(line(&eal.args), want);
	ck_assert(eal.embedded);
	ck_assert(eal.own_prefix);
	ck_assert_uint_eq(eal.nouts, 0);
}
END_TEST

/* --tx-lcores N: a main lcore and N workers on this machine's CPUs (on
 * two CPUs: -l 0,1 for one, --lcores 0@0,1@0,2@1 for two) */
START_TEST(eal_lcores)
{
	const struct proc_args *a;
	char map[128], *sp;
	unsigned int n;
	int i;

	for (n = 1; n <= 3; n++) {
		char num[4];

		snprintf(num, sizeof(num), "%u", n);
		a = VEC("--tx-lcores", num);
		lcore_map(n, map, sizeof(map));
		sp = strchr(map, ' ');
		*sp = '\0';
		i = word(a, map);
		ck_assert_msg(i > 0, "%s lacks %s", line(a), map);
		ck_assert_str_eq(a->argv[i + 1], sp + 1);
	}
	if (sysconf(_SC_NPROCESSORS_ONLN) == 2) {
		cpu_set_t set;

		sched_getaffinity(0, sizeof(set), &set);
		if (CPU_COUNT(&set) == 2 && CPU_ISSET(0, &set) &&
		    CPU_ISSET(1, &set)) {
			a = VEC("--tx-lcores", "1");
			ck_assert_ptr_nonnull(strstr(line(a), " -l 0,1 "));
			a = VEC("--tx-lcores", "2");
			ck_assert_ptr_nonnull(strstr(line(a),
				" --lcores 0@0,1@0,2@1 "));
		}
	}
	/* lcores given to --eal: no map of ours */
	a = VEC("--tx-lcores", "2", "--eal", "-l 0");
	ck_assert_int_lt(word(a, "--lcores"), 0);
	i = word(a, "-l");
	ck_assert_int_eq(i, a->argc - 2);
	ck_assert_str_eq(a->argv[i + 1], "0");
	a = VEC("--eal", "--lcores=0@0");
	ck_assert_int_lt(word(a, "-l"), 0);
}
END_TEST

/* the file prefix: made up (ours to remove), or given (not ours) */
START_TEST(eal_prefix)
{
	const struct proc_args *a;
	struct app_opts o;
	int i;

	a = VEC("--file-prefix", "p1");
	i = word(a, "--file-prefix");
	ck_assert_str_eq(a->argv[i + 1], "p1");
	ck_assert_int_lt(word(a, "nblgen-4242"), 0);
	ck_assert(!eal.own_prefix);
	a = VEC("--eal", "--file-prefix=x");
	ck_assert_int_lt(word(a, "--file-prefix"), 0);
	ck_assert_int_eq(word(a, "--file-prefix=x"), a->argc - 1);
	ck_assert(!eal.own_prefix);
	ck_assert_int_eq(TA_PARSE(&o, "--file-prefix", "y", "--eal",
				  "--file-prefix x"), 0);
	ck_assert_int_eq(eal_build(&o), -EINVAL);
	ck_assert_str_eq(ta_err, "options --file-prefix and --eal "
			 "'--file-prefix ...': give the prefix once");
	app_opts_fini(&o);
}
END_TEST

/* memory: --huge drops --no-huge and -m; -m in --eal replaces ours */
START_TEST(eal_memory)
{
	const struct proc_args *a;

	a = VEC("--huge");
	ck_assert_int_lt(word(a, "--no-huge"), 0);
	ck_assert_int_lt(word(a, "-m"), 0);
	ck_assert_int_gt(word(a, "--no-pci"), 0);
	a = VEC("--eal", "-m 256");
	ck_assert_int_gt(word(a, "--no-huge"), 0);
	ck_assert_int_lt(word(a, "512"), 0);
	ck_assert_int_eq(word(a, "-m"), a->argc - 2);
	ck_assert_str_eq(a->argv[a->argc - 1], "256");
	a = VEC("--eal", "--socket-mem=64");
	ck_assert_int_lt(word(a, "-m"), 0);
}
END_TEST

/* --pci: -a for each NIC instead of --no-pci; --vdev ports are not the
 * EAL's (they are hot-plugged) */
START_TEST(eal_pci)
{
	const struct proc_args *a;
	int i;

	a = VEC("--pci", "03:00.0", "--pci", "0000:3b:00.1", "--vdev",
		"net_ring0");
	ck_assert_int_lt(word(a, "--no-pci"), 0);
	i = word(a, "-a");
	ck_assert_int_gt(i, 0);
	ck_assert_str_eq(a->argv[i + 1], "0000:03:00.0");
	ck_assert_str_eq(a->argv[i + 2], "-a");
	ck_assert_str_eq(a->argv[i + 3], "0000:3b:00.1");
	ck_assert_int_lt(word(a, "--vdev"), 0);
	ck_assert_int_lt(word(a, "net_ring0"), 0);
	a = VEC("--vdev", "net_ring0");
	ck_assert_int_gt(word(a, "--no-pci"), 0);
	ck_assert_int_lt(word(a, "-a"), 0);
}
END_TEST

/* --eal words are split like a shell, without expansion, and come last */
START_TEST(eal_words)
{
	const struct proc_args *a;
	struct app_opts o;
	int n;

	a = VEC("--eal", "-l 1 --vdev 'net_ring0' --log-level \"a b\" "
		"x\\ y '$HOME'");
	n = a->argc;
	ck_assert_str_eq(a->argv[n - 8], "-l");
	ck_assert_str_eq(a->argv[n - 7], "1");
	ck_assert_str_eq(a->argv[n - 6], "--vdev");
	ck_assert_str_eq(a->argv[n - 5], "net_ring0");
	ck_assert_str_eq(a->argv[n - 4], "--log-level");
	ck_assert_str_eq(a->argv[n - 3], "a b");
	ck_assert_str_eq(a->argv[n - 2], "x y");
	ck_assert_str_eq(a->argv[n - 1], "$HOME");
	/* -v keeps the EAL's logs */
	a = VEC("-v");
	ck_assert_int_lt(word(a, "--log-level=*:warning"), 0);
	ck_assert_int_eq(TA_PARSE(&o, "--eal", "--vdev 'x"), 0);
	ck_assert_int_eq(eal_build(&o), -EINVAL);
	ck_assert_str_eq(ta_err, "option --eal: unterminated ' quote");
	app_opts_fini(&o);
	ck_assert_int_eq(TA_PARSE(&o, "--eal", "-m \"64"), 0);
	ck_assert_int_eq(eal_build(&o), -EINVAL);
	ck_assert_str_eq(ta_err, "option --eal: unterminated \" quote");
	app_opts_fini(&o);
}
END_TEST

/* EAL options before "--": verbatim, the prefix not ours */
START_TEST(eal_verbatim)
{
	const struct proc_args *a;

	a = VEC("-l", "0-1", "--vdev", "net_null0", "--file-prefix", "abc",
		"--vdev=net_ring0", "--", "--count", "5");
	ck_assert_str_eq(line(a), "-l 0-1 --vdev net_null0 --file-prefix abc "
			 "--vdev=net_ring0");
	ck_assert(!eal.embedded);
	ck_assert(!eal.own_prefix);
	ck_assert_uint_eq(eal.nouts, 0);
	a = VEC("-l", "0", "--");
	ck_assert_str_eq(line(a), "-l 0");
	/* "--" alone: the embedded default */
	a = VEC("--");
	ck_assert(eal.embedded);
	ck_assert_int_gt(word(a, "--no-huge"), 0);
}
END_TEST

/* Entries of ta_dir whose name starts with a dot (temporary files). */
static unsigned int
hidden_files(void)
{
	DIR *d = opendir(ta_dir);
	struct dirent *de;
	unsigned int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] == '.' && strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

/* a net_pcap --vdev of the EAL writes a temporary file in the folder of
 * tx_pcap=FILE, renamed into place at the end, or removed */
START_TEST(eal_pcap_output)
{
	const char *file = ta_path("out.pcap");
	char dev[PATH_MAX + 64], want[PATH_MAX + 96];
	const struct proc_args *a;

	snprintf(dev, sizeof(dev), "net_pcap0,tx_pcap=%s,infinite_rx=0",
		 file);
	a = VEC("-l", "0", "--vdev", dev, "--");
	ck_assert_uint_eq(eal.nouts, 1);
	ck_assert_str_eq(eal.outs[0].path, file);
	snprintf(want, sizeof(want), "%s/.out.pcap.nblgen-", ta_dir);
	ck_assert_msg(strncmp(eal.outs[0].tmp, want, strlen(want)) == 0,
		      "%s", eal.outs[0].tmp);
	snprintf(want, sizeof(want), "net_pcap0,tx_pcap=%s,infinite_rx=0",
		 eal.outs[0].tmp);
	ck_assert_str_eq(a->argv[4], want);
	ck_assert(ta_exists(eal.outs[0].tmp));
	ck_assert(!ta_exists(file));
	ck_assert_int_eq(app_eal_outs_finish(&eal, true, ta_err,
					     sizeof(ta_err)), 0);
	ck_assert_uint_eq(eal.nouts, 0);
	ck_assert(ta_exists(file));
	ck_assert_uint_eq(hidden_files(), 0);
	/* given up: the temporary file goes, an older FILE stays as it was */
	ta_write("out.pcap", "an older capture\n");
	snprintf(dev, sizeof(dev), "--vdev=net_pcap0,tx_pcap=%s", file);
	a = VEC("-l", "0", dev, "--");
	ck_assert_uint_eq(eal.nouts, 1);
	snprintf(want, sizeof(want), "--vdev=net_pcap0,tx_pcap=%s",
		 eal.outs[0].tmp);
	ck_assert_str_eq(a->argv[3], want);
	ck_assert_uint_eq(hidden_files(), 1);
	ck_assert_int_eq(app_eal_outs_finish(&eal, false, ta_err,
					     sizeof(ta_err)), 0);
	ck_assert_uint_eq(hidden_files(), 0);
	ck_assert_str_eq(ta_read(file), "an older capture\n");
	/* other devices, and net_pcap without tx_pcap, are left alone */
	a = VEC("-l", "0", "--vdev", "net_null0,tx_pcap=x", "--vdev",
		"net_pcap1,rx_iface=lo", "--");
	ck_assert_uint_eq(eal.nouts, 0);
	ck_assert_str_eq(line(a), "-l 0 --vdev net_null0,tx_pcap=x --vdev "
			 "net_pcap1,rx_iface=lo");
}
END_TEST

/* ... and refused when FILE is a symbolic link or the config file */
START_TEST(eal_pcap_refused)
{
	const char *ini = ta_write("c.ini", "[run]\nburst = 8\n");
	const char *link = ta_path("l.pcap");
	char dev[PATH_MAX + 64], msg[PATH_MAX + 128];
	struct app_opts o;
	int rc;

	ck_assert_int_eq(symlink(ini, link), 0);
	snprintf(dev, sizeof(dev), "net_pcap0,tx_pcap=%s", link);
	rc = TA_PARSE(&o, "-l", "0", "--vdev", dev, "--");
	if (rc == 0)
		rc = eal_build(&o);
	app_opts_fini(&o);
	ck_assert_int_eq(rc, -EINVAL);
	snprintf(msg, sizeof(msg), "EAL option --vdev net_pcap0: '%s' is a "
		 "symbolic link; nblgen never writes through one", link);
	TA_ERR_HAS(msg);
	snprintf(dev, sizeof(dev), "net_pcap0,tx_pcap=%s", ini);
	rc = TA_PARSE(&o, "-l", "0", "--vdev", dev, "--", "-c", (char *)ini);
	if (rc == 0)
		rc = eal_build(&o);
	app_opts_fini(&o);
	ck_assert_int_eq(rc, -EINVAL);
	snprintf(msg, sizeof(msg), "EAL option --vdev net_pcap0: '%s' is the "
		 "file given to --config; nblgen never writes over its input",
		 ini);
	TA_ERR_HAS(msg);
	ck_assert_str_eq(ta_read(ini), "[run]\nburst = 8\n");
	ck_assert_uint_eq(hidden_files(), 0);
	/* app_eal_build() refuses them alone too */
	app_opts_init(&o);
	{
		char *av[] = {(char *)"--vdev", dev};

		o.eal_n = 2;
		o.eal_argv = av;
		snprintf(o.config, sizeof(o.config), "%s", ini);
		ck_assert_int_eq(eal_build(&o), -EINVAL);
		TA_ERR_HAS("is the file given to --config");
	}
	app_opts_fini(&o);
	ck_assert_uint_eq(hidden_files(), 0);
}
END_TEST

void
app_eal_add_tcases(Suite *s)
{
	TCase *tc = ta_tcase("eal");

	tcase_add_test(tc, eal_default);
	tcase_add_test(tc, eal_lcores);
	tcase_add_test(tc, eal_prefix);
	tcase_add_test(tc, eal_memory);
	tcase_add_test(tc, eal_pci);
	tcase_add_test(tc, eal_words);
	tcase_add_test(tc, eal_verbatim);
	tcase_add_test(tc, eal_pcap_output);
	tcase_add_test(tc, eal_pcap_refused);
	suite_add_tcase(s, tc);
}

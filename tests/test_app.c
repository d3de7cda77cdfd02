/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Check suite 'app': nblgen's settings without the EAL.  main(), the
 * helpers of test_app.h, and the outputs (-w, --json, --csv and a
 * net_pcap port's tx_pcap=): nothing is written through a symbolic link,
 * onto a directory, into a missing folder, over an input, or twice.
 *
 * Runs in Check's fork mode (no EAL here): each test in a process of its
 * own, so that one that hangs is stopped by its TCase's timeout.
 */

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_app.h"

char ta_err[APP_ERR_LEN];
char ta_dir[PATH_MAX];

/* Every test's folder is made in this one, removed by main(). */
static char base_dir[] = "/tmp/test_app.XXXXXX";

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)f;
	if (flag == FTW_DP)
		return rmdir(path);
	return unlink(path);
}

static void
rm_tree(const char *path)
{
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

void
ta_setup(void)
{
	snprintf(ta_dir, sizeof(ta_dir), "%s/t.XXXXXX", base_dir);
	ck_assert_ptr_nonnull(mkdtemp(ta_dir));
	ta_err[0] = '\0';
}

void
ta_teardown(void)
{
	rm_tree(ta_dir);
}

TCase *
ta_tcase(const char *name)
{
	TCase *tc = tcase_create(name);

	tcase_add_checked_fixture(tc, ta_setup, ta_teardown);
	return tc;
}

const char *
ta_path(const char *name)
{
	static char buf[16][PATH_MAX];
	static unsigned int next;
	char *p = buf[next++ % 16];

	ck_assert_msg((size_t)snprintf(p, PATH_MAX, "%s/%s", ta_dir, name) <
		      PATH_MAX, "%s: name too long", name);
	return p;
}

const char *
ta_write(const char *name, const char *text)
{
	const char *p = ta_path(name);
	FILE *f = fopen(p, "w");

	ck_assert_msg(f != NULL, "cannot create %s", p);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
	return p;
}

bool
ta_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

const char *
ta_read(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "r");
	size_t n;

	buf[0] = '\0';
	if (f == NULL)
		return buf;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

int
ta_parse(struct app_opts *o, int argc, char **argv)
{
	app_opts_init(o);
	ta_err[0] = '\0';
	return app_opts_parse(o, argc, argv, ta_err, sizeof(ta_err));
}

/* ------------------------------------------------------------------ */
/* Outputs                                                             */
/* ------------------------------------------------------------------ */

/* -w, --json and --csv each refuse a symbolic link to a file (which keeps
 * its content) and one that points nowhere */
START_TEST(out_symlink)
{
	static const char *const opts[] = {"-w", "--json", "--csv"};
	const char *target = ta_write("precious.txt", "keep me\n");
	const char *link = ta_path("link.out");
	const char *dangling = ta_path("dangling.out");
	char msg[PATH_MAX + 64];
	unsigned int i;

	ck_assert_int_eq(symlink(target, link), 0);
	ck_assert_int_eq(symlink(ta_path("nowhere/x"), dangling), 0);
	for (i = 0; i < 3; i++) {
		snprintf(msg, sizeof(msg), "'%s' is a symbolic link; nblgen "
			 "never writes through one", link);
		TA_REFUSED(msg, (char *)opts[i], (char *)link);
		TA_REFUSED(i == 0 ? "option --write: " : i == 1 ?
			   "option --json: " : "option --csv: ",
			   (char *)opts[i], (char *)link);
		snprintf(msg, sizeof(msg), "'%s' is a symbolic link",
			 dangling);
		TA_REFUSED(msg, (char *)opts[i], (char *)dangling);
	}
	ck_assert_str_eq(ta_read(target), "keep me\n");
	ck_assert(!ta_exists(ta_path("nowhere")));
}
END_TEST

/* a directory, a FIFO and a file in a missing folder are refused */
START_TEST(out_not_a_file)
{
	static const char *const opts[] = {"-w", "--json", "--csv"};
	const char *dir = ta_path("adir");
	const char *fifo = ta_path("afifo");
	const char *missing = ta_path("nosuch/out.json");
	char msg[PATH_MAX + 64];
	unsigned int i;

	ck_assert_int_eq(mkdir(dir, 0755), 0);
	ck_assert_int_eq(mkfifo(fifo, 0644), 0);
	for (i = 0; i < 3; i++) {
		snprintf(msg, sizeof(msg), "'%s' is a directory, not a file "
			 "nblgen can write", dir);
		TA_REFUSED(msg, (char *)opts[i], (char *)dir);
		snprintf(msg, sizeof(msg), "'%s' is a FIFO, not a file",
			 fifo);
		TA_REFUSED(msg, (char *)opts[i], (char *)fifo);
		snprintf(msg, sizeof(msg), "cannot write '%s': folder '%s' "
			 "does not exist", missing, ta_path("nosuch"));
		TA_REFUSED(msg, (char *)opts[i], (char *)missing);
	}
	ck_assert(!ta_exists(ta_path("nosuch")));
}
END_TEST

/* the config file is an input: no output may name it, however spelt */
START_TEST(out_config_itself)
{
	const char *ini = ta_write("x.ini", "[run]\nburst = 8\n");
	const char *alias = ta_path("./x.ini");
	const char *hard = ta_path("hard.ini");
	char msg[PATH_MAX + 96];
	struct app_opts o;

	snprintf(msg, sizeof(msg), "option --json: '%s' is the file given to "
		 "--config; nblgen never writes over its input", ini);
	TA_REFUSED(msg, "-c", (char *)ini, "--json", (char *)ini);
	TA_REFUSED("option --csv: ", "-c", (char *)ini, "--csv",
		   (char *)alias);
	TA_REFUSED("is the file given to --config", "--config", (char *)ini,
		   "-w", (char *)alias);
	ck_assert_int_eq(link(ini, hard), 0);
	TA_REFUSED("is the file given to --config", "-c", (char *)ini,
		   "--json", (char *)hard);
	/* the same, named by the file itself */
	ini = ta_write("self.ini", "[run]\njson = self.ini\n");
	ck_assert_int_eq(chdir(ta_dir), 0);
	snprintf(msg, sizeof(msg), "config file '%s' [run] json: 'self.ini' is "
		 "the file given to --config; nblgen never writes over its "
		 "input", ini);
	TA_REFUSED(msg, "-c", (char *)ini);
	ck_assert_int_eq(chdir("/"), 0);
	ck_assert_str_eq(ta_read(ini), "[run]\njson = self.ini\n");
	ck_assert_str_eq(ta_read(hard), "[run]\nburst = 8\n");
	/* a file next to it is fine */
	TA_OK(&o, "-c", (char *)ta_path("x.ini"), "--json",
	      (char *)ta_path("x.json"));
	ck_assert_str_eq(o.json, ta_path("x.json"));
	app_opts_fini(&o);
}
END_TEST

/* two outputs may not be one file */
START_TEST(out_twice)
{
	const char *a = ta_path("a.out");
	const char *a2 = ta_path("./a.out");
	char msg[2 * PATH_MAX + 128];
	struct app_opts o;
	const char *ini;

	snprintf(msg, sizeof(msg), "option --csv: '%s' is already the output "
		 "of another option", a);
	TA_REFUSED(msg, "--json", (char *)a, "--csv", (char *)a);
	TA_REFUSED("option --json: ", "-w", (char *)a, "--json", (char *)a2);
	TA_REFUSED("is already the output of another option", "-w",
		   (char *)a2, "--csv", (char *)a);
	/* even when it does not exist yet, and one comes from the file */
	snprintf(msg, sizeof(msg), "[run]\ncsv = %s\n", a2);
	ini = ta_write("o.ini", msg);
	snprintf(msg, sizeof(msg), "config file '%s' [run] csv: '%s' is "
		 "already the output of another option", ini, a2);
	TA_REFUSED(msg, "--json", (char *)a, "-c", (char *)ini);
	ck_assert(!ta_exists(a));
	/* three different files are fine */
	TA_OK(&o, "-w", (char *)ta_path("a.pcap"), "--json",
	      (char *)ta_path("a.json"), "--csv", (char *)ta_path("a.csv"));
	ck_assert_str_eq(o.write, ta_path("a.pcap"));
	ck_assert_str_eq(o.json, ta_path("a.json"));
	ck_assert_str_eq(o.csv, ta_path("a.csv"));
	app_opts_fini(&o);
}
END_TEST

/* the capture of a net_pcap port (tx_pcap=) is an output like the others:
 * not the file of --json, --csv or another port, not a file a port reads
 * (rx_pcap=), not the config file; the EAL's --vdev options included */
START_TEST(out_pcap_ports)
{
	const char *f = ta_path("o.pcap"), *in = ta_write("in.pcap", "cap\n");
	const char *ini = ta_write("p.ini", "[run]\nburst = 8\n");
	char dev[PATH_MAX + 64], dev2[PATH_MAX + 64], msg[2 * PATH_MAX + 128];
	struct app_opts o;

	snprintf(dev, sizeof(dev), "net_pcap0,tx_pcap=%s", f);
	snprintf(msg, sizeof(msg), "option --json: '%s' is already the output "
		 "of another option", f);
	TA_REFUSED(msg, "--vdev", dev, "--json", (char *)f);
	TA_REFUSED(msg, "-l", "0", "--vdev", dev, "--", "--json", (char *)f);
	snprintf(dev2, sizeof(dev2), "--vdev=net_pcap0,tx_pcap=%s", f);
	TA_REFUSED("option --csv: ", "-l", "0", dev2, "--", "--csv",
		   (char *)f);
	/* two ports */
	snprintf(dev2, sizeof(dev2), "net_pcap1,tx_pcap=%s/./o.pcap", ta_dir);
	snprintf(msg, sizeof(msg), "option --vdev net_pcap1: '%s/./o.pcap' is "
		 "already the output of another option", ta_dir);
	TA_REFUSED(msg, "--vdev", dev, "--vdev", dev2);
	/* a port's own input */
	snprintf(dev, sizeof(dev), "net_pcap0,rx_pcap=%s,tx_pcap=%s", in, in);
	snprintf(msg, sizeof(msg), "option --vdev net_pcap0: '%s' is the file "
		 "given to rx_pcap of --vdev net_pcap0; nblgen never writes "
		 "over its input", in);
	TA_REFUSED(msg, "--vdev", dev);
	snprintf(dev, sizeof(dev), "net_pcap0,rx_pcap=%s,tx_iface=lo", in);
	snprintf(msg, sizeof(msg), "option --json: '%s' is the file given to "
		 "rx_pcap of --vdev net_pcap0", in);
	TA_REFUSED(msg, "-l", "0", "--vdev", dev, "--", "--json", (char *)in);
	ck_assert_str_eq(ta_read(in), "cap\n");
	/* the config file, from the file's own [port] */
	snprintf(msg, sizeof(msg), "[port]\nvdev = net_pcap0,tx_pcap=%s\n",
		 ini);
	ini = ta_write("p.ini", msg);
	snprintf(msg, sizeof(msg), "config file '%s' [port] vdev net_pcap0: "
		 "'%s' is the file given to --config", ini, ini);
	TA_REFUSED(msg, "-c", (char *)ini);
	/* a symbolic link */
	ck_assert_int_eq(symlink(in, ta_path("l.pcap")), 0);
	snprintf(dev, sizeof(dev), "net_pcap0,tx_pcap=%s", ta_path("l.pcap"));
	TA_REFUSED("option --vdev net_pcap0: ", "--vdev", dev);
	TA_REFUSED("is a symbolic link", "--vdev", dev);
	/* different files are fine, and other drivers' arguments are theirs */
	snprintf(dev, sizeof(dev), "net_pcap0,rx_pcap=%s,tx_pcap=%s", in, f);
	TA_OK(&o, "--vdev", dev, "--vdev", "net_null0,tx_pcap=x", "--json",
	      (char *)ta_path("o.json"));
	ck_assert_uint_eq(o.nports, 2);
	app_opts_fini(&o);
	ck_assert(!ta_exists(f));
}
END_TEST

/* app_opts_check() alone: an existing file is replaced later, so it is
 * accepted; a directory is not */
START_TEST(out_check_direct)
{
	struct app_opts o;

	app_opts_init(&o);
	snprintf(o.json, sizeof(o.json), "%s", ta_write("old.json", "{}\n"));
	ck_assert_int_eq(app_opts_check(&o, ta_err, sizeof(ta_err)), 0);
	snprintf(o.csv, sizeof(o.csv), "%s", ta_dir);
	ck_assert_int_eq(app_opts_check(&o, ta_err, sizeof(ta_err)),
			 -EINVAL);
	TA_ERR_HAS("option --csv: ");
	TA_ERR_HAS("is a directory");
	app_opts_fini(&o);
}
END_TEST

static Suite *
app_suite(void)
{
	Suite *s = suite_create("app");
	TCase *tc = ta_tcase("outputs");

	tcase_add_test(tc, out_symlink);
	tcase_add_test(tc, out_not_a_file);
	tcase_add_test(tc, out_config_itself);
	tcase_add_test(tc, out_twice);
	tcase_add_test(tc, out_pcap_ports);
	tcase_add_test(tc, out_check_direct);
	suite_add_tcase(s, tc);
	app_cli_add_tcases(s);
	app_conf_add_tcases(s);
	app_streams_add_tcases(s);
	app_eal_add_tcases(s);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	if (mkdtemp(base_dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	sr = srunner_create(app_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	rm_tree(base_dir);
	if (access(base_dir, F_OK) == 0)
		fprintf(stderr, "test_app: cannot remove %s\n", base_dir);
	return failed == 0 ? 0 : 1;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * The INI file (-c/--config).  Each refusal here stands for a setting
 * that was once lost without a word: a file read twice (a pipe gave
 * nothing the second time), a value cut at 255 bytes, a FIFO that hung
 * the run, an empty file taken for defaults, a key given twice of which
 * one was dropped.  Then what a good file sets: [run] [port] [port.N]
 * [eal] [traffic] [stream.N], and the command line over it.
 */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test_app.h"

#define SETTINGS "[run]\nburst = 8\nduration = 3s\n[traffic]\nsize = 128\n"

/* the settings of SETTINGS apply */
static void
settings_applied(const struct app_opts *o, const char *path)
{
	char origin[PATH_MAX + 64];

	ck_assert_uint_eq(o->burst, 8);
	ck_assert_uint_eq(o->duration_ns, UINT64_C(3000000000));
	ck_assert_uint_eq(o->traffic.n, 1);
	ck_assert_str_eq(o->traffic.kv[0].key, "size");
	ck_assert_str_eq(o->traffic.kv[0].value, "128");
	snprintf(origin, sizeof(origin), "config file '%s' [traffic] size",
		 path);
	ck_assert_str_eq(o->traffic.kv[0].origin, origin);
}

/* -c /dev/stdin fed by a pipe: the file is read once, so it works */
START_TEST(conf_stdin_pipe)
{
	struct app_opts o;
	int p[2], saved, rc;

	ck_assert_int_eq(pipe(p), 0);
	ck_assert_int_eq(write(p[1], SETTINGS, strlen(SETTINGS)),
			 (ssize_t)strlen(SETTINGS));
	close(p[1]);
	saved = dup(0);
	ck_assert_int_ge(saved, 0);
	ck_assert_int_eq(dup2(p[0], 0), 0);
	close(p[0]);
	rc = TA_PARSE(&o, "-c", "/dev/stdin");
	dup2(saved, 0);
	close(saved);
	ck_assert_msg(rc == 0, "%s", ta_err);
	ck_assert_str_eq(o.config, "/dev/stdin");
	settings_applied(&o, "/dev/stdin");
	app_opts_fini(&o);
}
END_TEST

/* "-c <(...)": a pipe as /proc/self/fd/N, written by another process a
 * little later */
START_TEST(conf_procfd_pipe)
{
	char path[64];
	struct app_opts o;
	int p[2], status, rc;
	pid_t pid;

	ck_assert_int_eq(pipe(p), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		close(p[0]);
		usleep(200000);
		if (write(p[1], SETTINGS, strlen(SETTINGS)) < 0)
			_exit(1);
		_exit(0);
	}
	close(p[1]);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
	rc = TA_PARSE(&o, "-c", path);
	close(p[0]);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(rc == 0, "%s", ta_err);
	settings_applied(&o, path);
	app_opts_fini(&o);
}
END_TEST

/* a FIFO written by another process is read */
START_TEST(conf_fifo_written)
{
	const char *fifo = ta_path("w.fifo");
	struct app_opts o;
	int status, rc, fd;
	pid_t pid;

	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		fd = open(fifo, O_WRONLY);
		if (fd < 0 || write(fd, SETTINGS, strlen(SETTINGS)) < 0)
			_exit(1);
		_exit(0);
	}
	rc = TA_PARSE(&o, "-c", (char *)fifo);
	/* free the writer if nblgen never opened the FIFO */
	fd = open(fifo, O_RDONLY | O_NONBLOCK);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	if (fd >= 0)
		close(fd);
	ck_assert_msg(rc == 0, "%s", ta_err);
	settings_applied(&o, fifo);
	app_opts_fini(&o);
}
END_TEST

/* a FIFO nobody writes to: refused after 5 s instead of hanging */
START_TEST(conf_fifo_silent)
{
	const char *fifo = ta_path("silent.fifo");
	char msg[PATH_MAX + 96];
	struct timespec t0, t1;
	struct app_opts o;
	double s;

	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ck_assert_int_eq(TA_PARSE(&o, "-c", (char *)fifo), -EINVAL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	app_opts_fini(&o);
	s = (double)(t1.tv_sec - t0.tv_sec) +
		(double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	snprintf(msg, sizeof(msg), "config file '%s' is a FIFO and nothing "
		 "was written to it in 5 s", fifo);
	ck_assert_str_eq(ta_err, msg);
	ck_assert_msg(s > 4.0 && s < 10.0, "refused after %.1f s", s);
}
END_TEST

/* a value of 255 bytes or more is refused, naming file, line, section
 * and key; never cut to what rte_cfgfile keeps */
START_TEST(conf_long_value)
{
	char text[1024], path[400], msg[PATH_MAX + 256];
	const char *ini;
	struct app_opts o;

	/* a json path of 300 bytes in the test's folder */
	ck_assert_uint_lt(strlen(ta_dir) + 1, 300);
	memcpy(path, ta_dir, strlen(ta_dir));
	path[strlen(ta_dir)] = '/';
	memset(path + strlen(ta_dir) + 1, 'j', 299 - strlen(ta_dir));
	path[300] = '\0';
	snprintf(text, sizeof(text), "[run]\n; the results\njson = %s\n",
		 path);
	ini = ta_write("long.ini", text);
	ck_assert_int_eq(TA_PARSE(&o, "-c", (char *)ini), -EINVAL);
	app_opts_fini(&o);
	snprintf(msg, sizeof(msg), "config file '%s' line 3: [run] json: the "
		 "value is 300 bytes long; values must be shorter than 255 "
		 "bytes", ini);
	ck_assert_str_eq(ta_err, msg);
	/* 255 bytes: refused; 254: taken whole */
	memset(text, 0, sizeof(text));
	snprintf(text, sizeof(text), "[eal]\nargs = --vdev=net_null0,x=");
	memset(text + strlen(text), 'a', 255 - strlen("--vdev=net_null0,x="));
	strcat(text, "\n");
	ini = ta_write("255.ini", text);
	ck_assert_int_eq(TA_PARSE(&o, "-c", (char *)ini), -EINVAL);
	app_opts_fini(&o);
	TA_ERR_HAS("line 2: [eal] args: the value is 255 bytes long");
	text[strlen(text) - 2] = '\n';
	text[strlen(text) - 1] = '\0';
	ini = ta_write("254.ini", text);
	TA_OK(&o, "-c", (char *)ini);
	ck_assert_uint_eq(strlen(o.eal), 254);
	ck_assert_int_eq(o.eal[253], 'a');
	app_opts_fini(&o);
	/* a stream key too */
	memset(text, 0, sizeof(text));
	snprintf(text, sizeof(text), "[traffic]\nsize = 64\npayload = hex:");
	memset(text + strlen(text), 'a', 260);
	strcat(text, "\n");
	ini = ta_write("hex.ini", text);
	ck_assert_int_eq(TA_PARSE(&o, "-c", (char *)ini), -EINVAL);
	app_opts_fini(&o);
	TA_ERR_HAS("line 3: [traffic] payload: the value is 264 bytes long");
}
END_TEST

/* files that hold no settings: refused, naming the file */
START_TEST(conf_no_settings)
{
	static const char *const empty[] = {"", "; only\n  ; comments\n\n",
					    "\n\n   \n"};
	char msg[PATH_MAX + 96], name[16];
	struct app_opts o;
	const char *ini;
	unsigned int i;

	for (i = 0; i < 3; i++) {
		snprintf(name, sizeof(name), "e%u.ini", i);
		ini = ta_write(name, empty[i]);
		ck_assert_int_eq(TA_PARSE(&o, "-c", (char *)ini), -EINVAL);
		app_opts_fini(&o);
		snprintf(msg, sizeof(msg), "config file '%s' is empty: no "
			 "section and no key", ini);
		ck_assert_str_eq(ta_err, msg);
	}
	ck_assert_int_eq(TA_PARSE(&o, "-c", "/dev/null"), -EINVAL);
	app_opts_fini(&o);
	ck_assert_str_eq(ta_err, "config file '/dev/null' is empty: no "
			 "section and no key");
	ck_assert_int_eq(TA_PARSE(&o, "-c", ta_dir), -EINVAL);
	app_opts_fini(&o);
	snprintf(msg, sizeof(msg), "config file '%s' is a directory, not a "
		 "file", ta_dir);
	ck_assert_str_eq(ta_err, msg);
	ck_assert_int_eq(TA_PARSE(&o, "-c", (char *)ta_path("none.ini")),
			 -EINVAL);
	app_opts_fini(&o);
	snprintf(msg, sizeof(msg), "config file '%s': cannot open: No such "
		 "file or directory", ta_path("none.ini"));
	ck_assert_str_eq(ta_err, msg);
	ini = ta_write("nul.ini", "[run]\nburst = 8\n");
	{
		FILE *f = fopen(ini, "a");

		fputc('\0', f);
		fclose(f);
	}
	ck_assert_int_eq(TA_PARSE(&o, "-c", (char *)ini), -EINVAL);
	app_opts_fini(&o);
	TA_ERR_HAS("holds a NUL byte: not a text file");
}
END_TEST

/* a section or key given twice: refused, naming both lines */
START_TEST(conf_duplicates)
{
	char msg[PATH_MAX + 128];
	const char *ini;
	struct app_opts o;

	ini = ta_write("dsec.ini", "[run]\nburst = 4\n\n[traffic]\n"
		       "size = 64\n[run]\nseed = 1\n");
	ck_assert_int_eq(TA_PARSE(&o, "-c", (char *)ini), -EINVAL);
	app_opts_fini(&o);
	snprintf(msg, sizeof(msg), "config file '%s' line 6: section [run] "
		 "again (first at line 1); give each section once", ini);
	ck_assert_str_eq(ta_err, msg);
	ini = ta_write("dkey.ini", "[traffic]\nsize = 64\nrate = max\n"
		       "; bigger\nsize = 128\n");
	ck_assert_int_eq(TA_PARSE(&o, "-c", (char *)ini), -EINVAL);
	app_opts_fini(&o);
	snprintf(msg, sizeof(msg), "config file '%s' line 5: [traffic] size "
		 "given again (first at line 2); give each key once", ini);
	ck_assert_str_eq(ta_err, msg);
	ini = ta_write("dstream.ini", "[stream.1]\nsize = 64\n[stream.1]\n"
		       "size = 65\n");
	ck_assert_int_eq(TA_PARSE(&o, "-c", (char *)ini), -EINVAL);
	app_opts_fini(&o);
	TA_ERR_HAS("line 3: section [stream.1] again (first at line 1)");
	/* one key in two sections is not a duplicate */
	ini = ta_write("ok.ini", "[stream.0]\nsize = 64\n[stream.1]\n"
		       "size = 65\n[traffic]\nsize = 66\n");
	TA_OK(&o, "-c", (char *)ini);
	ck_assert_uint_eq(o.nstreams, 2);
	app_opts_fini(&o);
}
END_TEST

/* every other mistake of a file, with its message */
START_TEST(conf_mistakes)
{
	static const char *const cases[][2] = {
		{"[wire]\ncount = 5\n", "line 1: unknown section [wire] "
		 "(known: [run] [port] [port.N] [eal] [traffic] "
		 "[stream.N])"},
		{"[stream.x]\n", "line 1: unknown section [stream.x]"},
		{"[stream.01]\n", "line 1: unknown section [stream.01]"},
		{"[stream.1000]\n", "line 1: unknown section [stream.1000]"},
		{"[port.]\n", "line 1: unknown section [port.]"},
		{"[traffic]\ncolour = blue\n", "[traffic]: unknown key "
		 "'colour'"},
		{"[traffic]\nduration = 5\n", "[traffic]: key 'duration' "
		 "belongs in [run]"},
		{"[stream.3]\nburst = 5\n", "[stream.3]: key 'burst' belongs "
		 "in [run]"},
		{"[traffic]\nvdev = net_null0\n", "[traffic]: key 'vdev' "
		 "belongs in [port]"},
		{"[run]\nhuge = yes\n", "[run]: key 'huge' belongs in [eal]"},
		{"[run]\nargs = -m 64\n", "[run]: key 'args' belongs in "
		 "[eal]"},
		{"[run]\nsize = 64\n", "[run]: key 'size' belongs in "
		 "[traffic] or [stream.N]"},
		{"[eal]\nrate = 1kpps\n", "[eal]: key 'rate' belongs in "
		 "[traffic] or [stream.N]"},
		{"[port.0]\nport = 1\n", "[port.0]: key 'port' belongs in "
		 "[traffic] or [stream.N]"},
		{"[run]\nconfig = other.ini\n", "[run]: unknown key 'config'"},
		{"[port]\npcap = x.pcap\n", "[port]: unknown key 'pcap'"},
		{"count = 5\n[traffic]\n", "line 1: entry before the first "
		 "[section]"},
		{"[traffic]\ncount = 5\nspeed\n", "line 3: 'speed' is not "
		 "'key = value'"},
		{"[traffic]\ncount =\n", "line 2: key 'count' has no value"},
		{"[traffic]\ncount = ; none\n", "line 2: key 'count' has no "
		 "value"},
		{"[traffic]\n= 5\n", "line 2: no key before '='"},
		{"[traffic\ncount = 5\n", "line 1: '[traffic' is not a "
		 "[section] header"},
		{"[]\n", "line 1: '[]' is not a [section] header"},
		{"[traffic]\nsize = 10\n", "[traffic] size: '10' is not a "
		 "frame size"},
		{"[run]\nburst = 100\n", "[run] burst: '100' is not a number "
		 "from 1 to 64"},
		{"[run]\nverbose = maybe\n", "[run] verbose: 'maybe' is not "
		 "yes or no"},
		{"[stream.2]\nrate = fast\n", "[stream.2] rate: 'fast' is not "
		 "a rate"},
		{"[port.1]\nvdev = ,x\n", "[port.1] vdev: ',x' does not start "
		 "with a driver instance name"},
		{"[eal]\nhuge = perhaps\n", "[eal] huge: 'perhaps' is not yes "
		 "or no"},
	};
	char head[PATH_MAX + 32], name[32];
	struct app_opts o;
	const char *ini;
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(name, sizeof(name), "m%u.ini", i);
		ini = ta_write(name, cases[i][0]);
		ck_assert_msg(TA_PARSE(&o, "-c", (char *)ini) == -EINVAL,
			      "%s taken", cases[i][0]);
		app_opts_fini(&o);
		snprintf(head, sizeof(head), "config file '%s'", ini);
		ck_assert_msg(strncmp(ta_err, head, strlen(head)) == 0,
			      "'%s' does not name %s", ta_err, ini);
		TA_ERR_HAS(cases[i][1]);
	}
}
END_TEST

/* names rte_cfgfile would cut (64 bytes and more) */
START_TEST(conf_long_names)
{
	char text[256], key[80], msg[PATH_MAX + 128];
	struct app_opts o;
	const char *ini;

	memset(key, 'k', 64);
	key[64] = '\0';
	snprintf(text, sizeof(text), "[traffic]\n%s = 1\n", key);
	ini = ta_write("key64.ini", text);
	ck_assert_int_eq(TA_PARSE(&o, "-c", (char *)ini), -EINVAL);
	app_opts_fini(&o);
	snprintf(msg, sizeof(msg), "config file '%s' line 2: key "
		 "'kkkkkkkkkkkkkkkkkkkk...' is longer than 63 bytes", ini);
	ck_assert_str_eq(ta_err, msg);
	/* 63 bytes: a name that is merely unknown */
	key[63] = '\0';
	snprintf(text, sizeof(text), "[traffic]\n%s = 1\n", key);
	ini = ta_write("key63.ini", text);
	ck_assert_int_eq(TA_PARSE(&o, "-c", (char *)ini), -EINVAL);
	app_opts_fini(&o);
	TA_ERR_HAS("[traffic]: unknown key 'kkkk");
	snprintf(text, sizeof(text), "[stream.%0*d]\n", 60, 1);
	ini = ta_write("sec.ini", text);
	ck_assert_int_eq(TA_PARSE(&o, "-c", (char *)ini), -EINVAL);
	app_opts_fini(&o);
	TA_ERR_HAS("line 1: section name longer than 63 bytes");
}
END_TEST

/* more keys in a section than a level holds */
START_TEST(conf_many_keys)
{
	char text[2048], msg[PATH_MAX + 64];
	struct app_opts o;
	const char *ini;
	size_t n;
	unsigned int i;

	n = (size_t)snprintf(text, sizeof(text), "[traffic]\n");
	for (i = 0; i < APP_KV_MAX + 1; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
				      "k%u = 1\n", i);
	ini = ta_write("many.ini", text);
	ck_assert_int_eq(TA_PARSE(&o, "-c", (char *)ini), -EINVAL);
	app_opts_fini(&o);
	snprintf(msg, sizeof(msg), "config file '%s' [traffic]: more than 64 "
		 "keys", ini);
	ck_assert_str_eq(ta_err, msg);
}
END_TEST

/* a good file: every section lands where the run reads it */
START_TEST(conf_good)
{
	const char *ini = ta_write("good.ini",
		"; nblgen test\n"
		"[run]\n"
		"duration = 2s\n"
		"engine = stamp\n"
		"burst = 16\n"
		"tx-lcores = 2\n"
		"seed = 9\n"
		"quiet = yes\n"
		"verify = on\n"
		"[port]\n"
		"vdev = net_null0,no-rx=1\n"
		"[eal]\n"
		"huge = yes\n"
		"file-prefix = cfgp\n"
		"args = --log-level=7 -m 128\n"
		"[traffic]\n"
		"size = 128   ; inline comment\n"
		"  dst-ip=198.18.0.9  \n"
		"[stream.2]\n"
		"rate = 10kpps\n"
		"[stream.0]\n"
		"size = 256\n"
		"headers = eth/ipv6/udp\n");
	char origin[PATH_MAX + 64];
	struct app_opts o;

	TA_OK(&o, "-c", (char *)ini);
	ck_assert_uint_eq(o.duration_ns, UINT64_C(2000000000));
	ck_assert(o.duration_set);
	ck_assert_str_eq(o.engine, "stamp");
	ck_assert_uint_eq(o.burst, 16);
	ck_assert_uint_eq(o.tx_lcores, 2);
	ck_assert(o.seed_set);
	ck_assert_uint_eq(o.seed, 9);
	ck_assert(o.quiet && o.verify && !o.verbose);
	ck_assert_uint_eq(o.nports, 1);
	ck_assert_str_eq(o.port_dev[0], "net_null0,no-rx=1");
	ck_assert(o.huge);
	ck_assert_str_eq(o.file_prefix, "cfgp");
	ck_assert_str_eq(o.eal, "--log-level=7 -m 128");
	/* from the file, not the command line (which gave -c alone) */
	ck_assert_uint_ne(o.cfg_set, 0);
	ck_assert_uint_eq(o.set & o.cfg_set, 0);
	/* [traffic]: values without comment and blanks, with their origin */
	ck_assert_uint_eq(o.traffic.n, 2);
	ck_assert_str_eq(o.traffic.kv[0].key, "size");
	ck_assert_str_eq(o.traffic.kv[0].value, "128");
	ck_assert_str_eq(o.traffic.kv[1].key, "dst-ip");
	ck_assert_str_eq(o.traffic.kv[1].value, "198.18.0.9");
	snprintf(origin, sizeof(origin), "config file '%s' [traffic] dst-ip",
		 ini);
	ck_assert_str_eq(o.traffic.kv[1].origin, origin);
	/* [stream.N]: ordered by N, each with its own keys */
	ck_assert_uint_eq(o.nstreams, 2);
	ck_assert_uint_eq(o.streams[0].index, 0);
	ck_assert_uint_eq(o.streams[0].keys.n, 2);
	ck_assert_str_eq(o.streams[0].keys.kv[0].key, "size");
	ck_assert_str_eq(o.streams[0].keys.kv[0].value, "256");
	ck_assert_str_eq(o.streams[0].keys.kv[1].value, "eth/ipv6/udp");
	snprintf(origin, sizeof(origin), "config file '%s' [stream.0] "
		 "headers", ini);
	ck_assert_str_eq(o.streams[0].keys.kv[1].origin, origin);
	ck_assert_uint_eq(o.streams[1].index, 2);
	ck_assert_uint_eq(o.streams[1].keys.n, 1);
	ck_assert_str_eq(o.streams[1].keys.kv[0].key, "rate");
	ck_assert_str_eq(o.streams[1].keys.kv[0].value, "10kpps");
	/* the command line's own stream keys stay apart */
	ck_assert_uint_eq(o.cli.n, 0);
	app_opts_fini(&o);
}
END_TEST

/* [stream.N] sections many and out of order: by N */
START_TEST(conf_stream_order)
{
	static const unsigned int order[] = {7, 0, 999, 3, 12, 1};
	char text[1024], want[16];
	struct app_opts o;
	const char *ini;
	unsigned int i;
	size_t n = 0;

	for (i = 0; i < 6; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
				      "[stream.%u]\nsize = %u\n", order[i],
				      64 + order[i]);
	ini = ta_write("order.ini", text);
	TA_OK(&o, "-c", (char *)ini);
	ck_assert_uint_eq(o.nstreams, 6);
	for (i = 1; i < 6; i++)
		ck_assert_uint_lt(o.streams[i - 1].index, o.streams[i].index);
	for (i = 0; i < 6; i++) {
		snprintf(want, sizeof(want), "%u", 64 + o.streams[i].index);
		ck_assert_str_eq(o.streams[i].keys.kv[0].value, want);
	}
	ck_assert_uint_eq(o.streams[5].index, 999);
	app_opts_fini(&o);
}
END_TEST

/* [port] and [port.N]: ports in the order of N, [port] first */
START_TEST(conf_ports)
{
	const char *ini = ta_write("ports.ini",
		"[port.2]\nvdev = net_ring2\n"
		"[port.0]\nvdev = net_null0\n"
		"[port.1]\npci = 03:00.1\n");
	struct app_opts o;

	TA_OK(&o, "-c", (char *)ini);
	ck_assert_uint_eq(o.nports, 3);
	ck_assert_str_eq(o.port_dev[0], "net_null0");
	ck_assert_str_eq(o.port_dev[1], "0000:03:00.1");
	ck_assert(o.port_pci[1] && !o.port_pci[0] && !o.port_pci[2]);
	ck_assert_str_eq(o.port_dev[2], "net_ring2");
	app_opts_fini(&o);
	ini = ta_write("port.ini", "[port]\nvdev = net_ring0\n"
		       "[port.1]\nvdev = net_null1\n");
	TA_OK(&o, "-c", (char *)ini);
	ck_assert_uint_eq(o.nports, 2);
	ck_assert_str_eq(o.port_dev[0], "net_ring0");
	ck_assert_str_eq(o.port_dev[1], "net_null1");
	app_opts_fini(&o);
}
END_TEST

/* the command line wins over the file, wherever -c stands; its ports
 * replace the file's */
START_TEST(conf_cli_wins)
{
	const char *ini = ta_write("f.ini", "[run]\nburst = 16\nseed = 5\n"
				   "engine = ndis\n[port]\nvdev = net_ring0\n"
				   "[eal]\nfile-prefix = fromfile\n");
	struct app_opts o;

	TA_OK(&o, "--burst", "4", "-c", (char *)ini, "--vdev", "net_null0");
	ck_assert_uint_eq(o.burst, 4);
	ck_assert_uint_eq(o.seed, 5);
	ck_assert_str_eq(o.engine, "ndis");
	ck_assert_uint_eq(o.nports, 1);
	ck_assert_str_eq(o.port_dev[0], "net_null0");
	ck_assert_str_eq(o.file_prefix, "fromfile");
	app_opts_fini(&o);
	TA_OK(&o, "-c", (char *)ini, "--engine", "template", "--pci",
	      "03:00.0", "--file-prefix", "cli");
	ck_assert_uint_eq(o.burst, 16);
	ck_assert_str_eq(o.engine, "template");
	ck_assert_uint_eq(o.nports, 1);
	ck_assert_str_eq(o.port_dev[0], "0000:03:00.0");
	ck_assert_str_eq(o.file_prefix, "cli");
	app_opts_fini(&o);
}
END_TEST

/* a refusal of what the file gave names the file, section and key, not
 * an option the user did not type */
START_TEST(conf_origin)
{
	const char *ini = ta_write("eal.ini", "[eal]\nhuge = yes\n");
	char msg[PATH_MAX + 256];
	struct app_opts o;

	ck_assert_int_eq(TA_PARSE(&o, "-l", "0-1", "--", "-c", (char *)ini),
			 -EINVAL);
	app_opts_fini(&o);
	snprintf(msg, sizeof(msg), "config file '%s' [eal] huge: EAL options "
		 "were given before '--', so the embedded default is not "
		 "used: give the EAL what you need there", ini);
	ck_assert_str_eq(ta_err, msg);
	ini = ta_write("args.ini", "[eal]\nargs = -m 64\n");
	ck_assert_int_eq(TA_PARSE(&o, "-l", "0", "--", "-c", (char *)ini),
			 -EINVAL);
	app_opts_fini(&o);
	TA_ERR_HAS("[eal] args: EAL options were given before '--'");
	ini = ta_write("pci.ini", "[port]\npci = 03:00.0\n");
	ck_assert_int_eq(TA_PARSE(&o, "-l", "0", "--", "-c", (char *)ini),
			 -EINVAL);
	app_opts_fini(&o);
	snprintf(msg, sizeof(msg), "config file '%s' [port] pci 0000:03:00.0: "
		 "EAL options were given before '--': give the EAL the NIC "
		 "there (-a 0000:03:00.0)", ini);
	ck_assert_str_eq(ta_err, msg);
	/* -w from the file, with ports of one's own */
	ini = ta_write("w.ini", "[run]\nwrite = w.pcap\n[port]\n"
		       "vdev = net_null0\n");
	ck_assert_int_eq(TA_PARSE(&o, "-c", (char *)ini), -EINVAL);
	app_opts_fini(&o);
	snprintf(msg, sizeof(msg), "config file '%s' [run] write applies to "
		 "the embedded default port; with ports of your own, give "
		 "net_pcap0,tx_pcap=FILE to --vdev", ini);
	ck_assert_str_eq(ta_err, msg);
	/* [port] vdev is hot-plugged beside the EAL's ports: fine */
	ini = ta_write("vdev.ini", "[port]\nvdev = net_ring0\n");
	TA_OK(&o, "-l", "0", "--", "-c", (char *)ini);
	ck_assert_uint_eq(o.nports, 1);
	app_opts_fini(&o);
}
END_TEST

/* the [eal] key of --eal is 'args' */
START_TEST(conf_eal_args_key)
{
	const char *ini = ta_write("e.ini", "[eal]\neal = -m 64\n");
	struct app_opts o;

	ck_assert_int_eq(TA_PARSE(&o, "-c", (char *)ini), -EINVAL);
	app_opts_fini(&o);
	TA_ERR_HAS("[eal]: unknown key 'eal' (the EAL arguments of --eal are "
		   "key 'args' in [eal])");
	ini = ta_write("r.ini", "[run]\neal = -m 64\n");
	ck_assert_int_eq(TA_PARSE(&o, "-c", (char *)ini), -EINVAL);
	app_opts_fini(&o);
	TA_ERR_HAS("[run]: unknown key 'eal' (the EAL arguments of --eal are "
		   "key 'args' in [eal])");
}
END_TEST

/* app_opts_load_config() alone */
START_TEST(conf_load_direct)
{
	const char *ini = ta_write("d.ini", SETTINGS);
	struct app_opts o;

	app_opts_init(&o);
	ck_assert_int_eq(app_opts_load_config(&o, ini, ta_err,
					      sizeof(ta_err)), 0);
	settings_applied(&o, ini);
	app_opts_fini(&o);
	ck_assert_ptr_null(o.streams);
}
END_TEST

void
app_conf_add_tcases(Suite *s)
{
	TCase *tc = ta_tcase("conf");

	tcase_add_test(tc, conf_stdin_pipe);
	tcase_add_test(tc, conf_procfd_pipe);
	tcase_add_test(tc, conf_fifo_written);
	tcase_add_test(tc, conf_long_value);
	tcase_add_test(tc, conf_no_settings);
	tcase_add_test(tc, conf_duplicates);
	tcase_add_test(tc, conf_mistakes);
	tcase_add_test(tc, conf_long_names);
	tcase_add_test(tc, conf_many_keys);
	tcase_add_test(tc, conf_good);
	tcase_add_test(tc, conf_stream_order);
	tcase_add_test(tc, conf_ports);
	tcase_add_test(tc, conf_cli_wins);
	tcase_add_test(tc, conf_origin);
	tcase_add_test(tc, conf_eal_args_key);
	tcase_add_test(tc, conf_load_direct);
	suite_add_tcase(s, tc);
	/* the one test that takes seconds: a FIFO nobody writes to */
	tc = ta_tcase("conf_fifo");
	tcase_add_test(tc, conf_fifo_silent);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * The results document of libnblstats, parsed back with jansson and
 * validated against lib/stats/nblgen-results.schema.json by python3's
 * jsonschema (also: the schema refuses what it must refuse).  Part of the
 * stats suite (test_stats.c calls stats_results_add_tcases()); telemetry
 * is in test_stats_telemetry.c.
 */

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <check.h>

#include "test_stats.h"

#ifndef STATS_SCHEMA_PATH
#error "STATS_SCHEMA_PATH: the build gives the schema's path"
#endif

struct stats_tx tst_blocks[4];

struct stats_reg *
tst_reg_on_blocks(void)
{
	struct stats_reg *reg = stats_reg_create(2, 3);
	struct stats_port_info p0 = {
		.name = "net_null0", .driver = "net_null", .port_id = 0,
		.link_bps = 10000000000ULL, .requested_pps = -1,
	};
	struct stats_port_info p1 = {
		.name = "net_ring0", .driver = "net_ring", .port_id = 3,
		.link_bps = 0, .requested_pps = 1000.5,
	};
	struct stats_stream_info s0 = {
		.name = "stream.0", .port = 0, .headers = "eth/ipv4/udp",
		.rate = "max", .requested_pps = -1, .mean_size = 64,
		.engine = "ndis",
	};
	struct stats_stream_info s1 = {
		.name = "stream.1", .port = 1, .headers = "eth/ipv6/udp",
		.rate = "1000.5pps", .requested_pps = 1000.5,
		.mean_size = 1518, .engine = "burst",
	};
	struct stats_stream_info s2 = {
		.name = "stream.2", .port = 0, .headers = "eth/ipv4/tcp",
		.rate = "250pps", .requested_pps = 250, .mean_size = 100.5,
		.engine = "burst",
	};

	ck_assert_ptr_nonnull(reg);
	ck_assert_int_eq(stats_reg_port_set(reg, 0, &p0), 0);
	ck_assert_int_eq(stats_reg_port_set(reg, 1, &p1), 0);
	ck_assert_int_eq(stats_reg_stream_set(reg, 0, &s0), 0);
	ck_assert_int_eq(stats_reg_stream_set(reg, 1, &s1), 0);
	ck_assert_int_eq(stats_reg_stream_set(reg, 2, &s2), 0);
	ck_assert_int_eq(stats_reg_block_add(reg, 0, &tst_blocks[0], 1), 0);
	ck_assert_int_eq(stats_reg_block_add(reg, 0, &tst_blocks[1], 2), 0);
	ck_assert_int_eq(stats_reg_block_add(reg, 1, &tst_blocks[2], 3), 0);
	ck_assert_int_eq(stats_reg_block_add(reg, 2, &tst_blocks[3], 1), 0);
	return reg;
}

struct stats_reg *
tst_reg_make(void)
{
	tst_fill(&tst_blocks[0], 1);
	tst_fill(&tst_blocks[1], 10);
	tst_fill(&tst_blocks[2], 100);
	tst_fill(&tst_blocks[3], 1000);
	tst_blocks[0].requested = 500; /* shortfall 500 - 2 - 8 = 490 */
	/* still sending: rates over the run's duration */
	tst_blocks[0].active_ns = tst_blocks[1].active_ns = 0;
	tst_blocks[2].active_ns = tst_blocks[3].active_ns = 0;
	return tst_reg_on_blocks();
}

/* A manifest as the app writes one (and a key of its own). */
static json_t *
manifest_make(void)
{
	json_t *m = json_pack("{s:s, s:s, s:[s,s,s], s:{s:s}, s:[{s:s}],"
			      " s:[i,i], s:i, s:s, s:s, s:s}",
			      "nblgen_version", "0.1.0",
			      "dpdk_version", "DPDK 22.11.11",
			      "eal_args", "nblgen", "--no-huge", "-l0-1",
			      "config", "mode", "generate",
			      "ports", "name", "net_null0",
			      "lcores", 0, 1,
			      "seed", 42,
			      "start_time", "2026-01-02T03:04:05.678Z",
			      "stop_time", "2026-01-02T03:04:08.678Z",
			      "host", "lab1");

	ck_assert_ptr_nonnull(m);
	return m;
}

/* Exit status of jsonschema.validate(doc, schema) in python3. */
static int
validate(const json_t *doc, bool quiet)
{
	char path[] = "/tmp/test_stats_results_XXXXXX";
	char cmd[1024];
	int fd, st;

	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_int_eq(json_dump_file(doc, path, JSON_INDENT(1)), 0);
	snprintf(cmd, sizeof(cmd), "python3 -c 'import json,jsonschema,sys; "
		 "jsonschema.validate(json.load(open(sys.argv[1])), "
		 "json.load(open(sys.argv[2])))' %s %s%s", path,
		 STATS_SCHEMA_PATH, quiet ? " 2>/dev/null" : "");
	st = system(cmd);
	unlink(path);
	ck_assert_msg(st != -1 && WIFEXITED(st), "system(%s)", cmd);
	ck_assert_msg(WEXITSTATUS(st) != 127, "no python3");
	return WEXITSTATUS(st);
}

/* The document written out and parsed back. */
static json_t *
round_trip(const json_t *doc)
{
	json_error_t jerr;
	json_t *back;
	char *text;

	text = json_dumps(doc, JSON_COMPACT);
	ck_assert_ptr_nonnull(text);
	back = json_loads(text, 0, &jerr);
	ck_assert_msg(back != NULL, "%s", jerr.text);
	free(text);
	return back;
}

/* Every counter of o equals c's, and the shortfall. */
static void
check_counters(const json_t *o, const struct stats_tx *c)
{
	const struct stats_field *f;
	unsigned int i, n;

	f = stats_tx_fields(&n);
	for (i = 0; i < n; i++) {
		json_t *v = json_object_get(o, f[i].name);
		const uint64_t *want = (const uint64_t *)((const char *)c +
							  f[i].offset);

		ck_assert_msg(json_is_integer(v), "%s", f[i].name);
		ck_assert_int_eq(json_integer_value(v), (json_int_t)*want);
	}
	ck_assert_int_eq(json_integer_value(json_object_get(o, "shortfall")),
			 (json_int_t)stats_tx_shortfall(c));
}

static void
check_close(double got, double want)
{
	ck_assert_msg(fabs(got - want) <= 1e-9 * fabs(want), "%.17g != %.17g",
		      got, want);
}

static void
check_rates(const json_t *o, const struct stats_tx *c, double d)
{
	ck_assert(d > 0);
	check_close(json_real_value(json_object_get(o, "achieved_pps")),
		    (double)c->tx_packets / d);
	check_close(json_real_value(json_object_get(o, "tx_l1_bps")),
		    ((double)c->tx_bytes + 24.0 * c->tx_packets) * 8 / d);
	check_close(json_real_value(json_object_get(o, "tx_l2_bps")),
		    ((double)c->tx_bytes + 4.0 * c->tx_packets) * 8 / d);
}

/* An ISO 8601 UTC time with milliseconds, within a minute of now. */
static void
check_time(const json_t *v)
{
	const char *s = json_string_value(v);
	struct tm tm;
	int ms, used = 0;
	time_t t;

	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(strlen(s), 24);
	memset(&tm, 0, sizeof(tm));
	ck_assert_int_eq(sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ%n",
				&tm.tm_year, &tm.tm_mon, &tm.tm_mday,
				&tm.tm_hour, &tm.tm_min, &tm.tm_sec, &ms,
				&used), 7);
	ck_assert_int_eq(used, 24);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm);
	ck_assert_msg(llabs((long long)(t - time(NULL))) < 60, "%s", s);
}

START_TEST(test_results_content)
{
	struct timespec nap = { .tv_nsec = 10 * 1000 * 1000 };
	struct stats_reg *reg = tst_reg_make();
	json_t *manifest = manifest_make();
	json_t *doc, *back, *ports, *p, *streams, *st, *senders;
	struct stats_tx c;
	double d;

	stats_reg_start(reg);
	nanosleep(&nap, NULL);
	stats_reg_stop(reg);
	d = stats_reg_elapsed(reg);
	doc = stats_results_json(reg, manifest);
	ck_assert_ptr_nonnull(doc);
	ck_assert_ptr_eq(json_object_get(doc, "manifest"), manifest);
	back = round_trip(doc);

	ck_assert_int_eq(json_integer_value(json_object_get(back,
				"nblgen_results")), 1);
	check_close(json_real_value(json_object_get(back, "duration_s")), d);
	check_time(json_object_get(back, "start_time"));
	check_time(json_object_get(back, "stop_time"));
	ck_assert_int_le(strcmp(json_string_value(json_object_get(back,
				"start_time")), json_string_value(
				json_object_get(back, "stop_time"))), 0);
	ck_assert(json_equal(json_object_get(back, "manifest"), manifest));

	ports = json_object_get(back, "ports");
	ck_assert_uint_eq(json_array_size(ports), 2);
	/* port 0: streams 0 (blocks 0, 1) and 2 (block 3) */
	p = json_array_get(ports, 0);
	ck_assert_int_eq(json_integer_value(json_object_get(p, "port")), 0);
	ck_assert_str_eq(json_string_value(json_object_get(p, "name")),
			 "net_null0");
	ck_assert_str_eq(json_string_value(json_object_get(p, "driver")),
			 "net_null");
	ck_assert_int_eq(json_integer_value(json_object_get(p, "link_bps")),
			 10000000000LL);
	ck_assert_str_eq(json_string_value(json_object_get(p,
				"requested_pps")), "max");
	ck_assert_int_eq(stats_reg_port_sum(reg, 0, &c), 0);
	ck_assert_uint_eq(c.tx_packets, 2 + 20 + 2000);
	check_counters(p, &c);
	check_rates(p, &c, d);
	streams = json_object_get(p, "streams");
	ck_assert_uint_eq(json_array_size(streams), 2);
	st = json_array_get(streams, 0);
	ck_assert_int_eq(json_integer_value(json_object_get(st, "stream")), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(st, "port")), 0);
	ck_assert_str_eq(json_string_value(json_object_get(st, "headers")),
			 "eth/ipv4/udp");
	ck_assert_str_eq(json_string_value(json_object_get(st, "engine")),
			 "ndis");
	ck_assert_str_eq(json_string_value(json_object_get(st,
				"requested_pps")), "max");
	ck_assert(json_number_value(json_object_get(st, "mean_size")) == 64);
	ck_assert_int_eq(stats_reg_stream_sum(reg, 0, &c), 0);
	ck_assert_uint_eq(stats_tx_shortfall(&c), 500 + 10 - 22 - 88);
	check_counters(st, &c);
	check_rates(st, &c, d);
	senders = json_object_get(st, "senders");
	ck_assert_uint_eq(json_array_size(senders), 2);
	ck_assert_int_eq(json_integer_value(json_object_get(
				json_array_get(senders, 0), "lcore")), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(
				json_array_get(senders, 1), "lcore")), 2);
	check_counters(json_array_get(senders, 0), &tst_blocks[0]);
	check_counters(json_array_get(senders, 1), &tst_blocks[1]);
	st = json_array_get(streams, 1);
	ck_assert_int_eq(json_integer_value(json_object_get(st, "stream")), 2);
	ck_assert(json_number_value(json_object_get(st, "requested_pps")) ==
		  250);
	ck_assert(json_number_value(json_object_get(st, "mean_size")) ==
		  100.5);
	check_counters(json_array_get(json_object_get(st, "senders"), 0),
		       &tst_blocks[3]);
	/* port 1: stream 1 */
	p = json_array_get(ports, 1);
	ck_assert_int_eq(json_integer_value(json_object_get(p, "port_id")), 3);
	ck_assert(json_number_value(json_object_get(p, "requested_pps")) ==
		  1000.5);
	check_counters(p, &tst_blocks[2]);
	st = json_array_get(json_object_get(p, "streams"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(st, "rate")),
			 "1000.5pps");
	ck_assert_int_eq(json_integer_value(json_object_get(
		json_array_get(json_object_get(st, "senders"), 0), "lcore")),
		3);

	json_decref(back);
	json_decref(doc);
	stats_reg_free(reg);
}
END_TEST

START_TEST(test_results_manifest_null)
{
	struct stats_reg *reg = tst_reg_make();
	json_t *doc, *m = manifest_make();

	/* not started: no times, rates of 0 */
	doc = stats_results_json(reg, NULL);
	ck_assert_ptr_nonnull(doc);
	ck_assert_ptr_null(json_object_get(doc, "manifest"));
	ck_assert(json_is_null(json_object_get(doc, "start_time")));
	ck_assert(json_is_null(json_object_get(doc, "stop_time")));
	ck_assert(json_real_value(json_object_get(doc, "duration_s")) == 0);
	ck_assert(json_real_value(json_object_get(json_array_get(
			json_object_get(doc, "ports"), 0), "achieved_pps")) ==
		  0);
	json_decref(doc);
	/* no registry: NULL, and the manifest is released */
	json_incref(m);
	ck_assert_ptr_null(stats_results_json(NULL, m));
	ck_assert_uint_eq(m->refcount, 1);
	json_decref(m);
	stats_reg_free(reg);
}
END_TEST

START_TEST(test_results_schema_valid)
{
	struct stats_reg *reg = tst_reg_make();
	json_t *doc;

	/* while running: stop_time is null */
	stats_reg_start(reg);
	doc = stats_results_json(reg, manifest_make());
	ck_assert_ptr_nonnull(doc);
	ck_assert(json_is_null(json_object_get(doc, "stop_time")));
	ck_assert_int_eq(validate(doc, false), 0);
	json_decref(doc);
	stats_reg_stop(reg);
	doc = stats_results_json(reg, manifest_make());
	ck_assert_ptr_nonnull(doc);
	ck_assert_int_eq(validate(doc, false), 0);
	json_decref(doc);
	/* never started */
	stats_reg_free(reg);
	reg = tst_reg_make();
	doc = stats_results_json(reg, manifest_make());
	ck_assert_int_eq(validate(doc, false), 0);
	json_decref(doc);
	stats_reg_free(reg);
}
END_TEST

/* The schema refuses a document that lost or gained what it must not. */
START_TEST(test_results_schema_strict)
{
	struct stats_reg *reg = tst_reg_make();
	json_t *doc, *bad, *sender;

	stats_reg_start(reg);
	stats_reg_stop(reg);
	doc = stats_results_json(reg, manifest_make());
	ck_assert_ptr_nonnull(doc);

	bad = json_deep_copy(doc);
	json_object_del(bad, "manifest");
	ck_assert_int_ne(validate(bad, true), 0);
	json_decref(bad);

	bad = json_deep_copy(doc);
	json_object_del(json_object_get(bad, "manifest"), "seed");
	ck_assert_int_ne(validate(bad, true), 0);
	json_decref(bad);

	bad = json_deep_copy(doc);
	json_object_set_new(bad, "extra", json_integer(1));
	ck_assert_int_ne(validate(bad, true), 0);
	json_decref(bad);

	bad = json_deep_copy(doc);
	sender = json_array_get(json_object_get(json_array_get(
		json_object_get(json_array_get(json_object_get(bad, "ports"),
					       0), "streams"), 0), "senders"),
		0);
	ck_assert_ptr_nonnull(sender);
	json_object_del(sender, "bursts");
	ck_assert_int_ne(validate(bad, true), 0);
	json_decref(bad);

	bad = json_deep_copy(doc);
	json_object_set_new(json_array_get(json_object_get(bad, "ports"), 1),
			    "requested_pps", json_string("fast"));
	ck_assert_int_ne(validate(bad, true), 0);
	json_decref(bad);

	json_decref(doc);
	stats_reg_free(reg);
}
END_TEST

/* The schema's counters are the library's, with its help strings. */
START_TEST(test_schema_file_counters)
{
	const struct stats_field *f;
	json_t *schema, *counters, *props, *req;
	json_error_t jerr;
	unsigned int i, n;

	schema = json_load_file(STATS_SCHEMA_PATH, 0, &jerr);
	ck_assert_msg(schema != NULL, "%s: %s", STATS_SCHEMA_PATH, jerr.text);
	counters = json_object_get(json_object_get(schema, "$defs"),
				   "counters");
	props = json_object_get(counters, "properties");
	req = json_object_get(counters, "required");
	f = stats_tx_fields(&n);
	ck_assert_uint_eq(json_object_size(props), n + 1);
	ck_assert_uint_eq(json_array_size(req), n + 1);
	for (i = 0; i < n; i++) {
		json_t *p = json_object_get(props, f[i].name);
		const char *d = json_string_value(json_object_get(p,
							"description"));

		ck_assert_msg(d != NULL, "%s", f[i].name);
		ck_assert_msg(strncmp(d, f[i].help, strlen(f[i].help)) == 0,
			      "%s: description is not the help", f[i].name);
		ck_assert_ptr_nonnull(strstr(d, f[i].unit));
		ck_assert_str_eq(json_string_value(json_array_get(req, i)),
				 f[i].name);
	}
	ck_assert_ptr_nonnull(json_object_get(props, "shortfall"));
	json_decref(schema);
}
END_TEST

void
stats_results_add_tcases(Suite *s)
{
	TCase *tc = tcase_create("results");

	tcase_add_test(tc, test_results_content);
	tcase_add_test(tc, test_results_manifest_null);
	tcase_add_test(tc, test_results_schema_valid);
	tcase_add_test(tc, test_results_schema_strict);
	tcase_add_test(tc, test_schema_file_counters);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	stats_telemetry_add_tcases(s);
}

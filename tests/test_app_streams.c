/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Streams (app_streams_build()): one per [stream.N], or one from
 * [traffic] and the command line; keys applied as defaults < [traffic] <
 * [stream.N] < command line; the rate keys (rate, pps, mbps, schedule,
 * count, bytes, port, tx-cksum) parsed into struct app_stream; errors
 * name where the value came from.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pkt.h>

#include "test_app.h"

/* The streams of parsed settings; the build must succeed. */
static struct app_stream *
build(const struct app_opts *o, unsigned int *n)
{
	struct app_stream *ss = NULL;
	int rc;

	ta_err[0] = '\0';
	rc = app_streams_build(o, &ss, n, ta_err, sizeof(ta_err));
	ck_assert_msg(rc == 0, "app_streams_build: %d %s", rc, ta_err);
	ck_assert_ptr_nonnull(ss);
	return ss;
}

/* A key's value in a stream's spec. */
static const char *
spec_val(const struct app_stream *s, const char *key)
{
	static char buf[4][256];
	static unsigned int next;
	char *b = buf[next++ % 4];

	ck_assert_int_eq(pkt_spec_get(s->spec, key, b, 256), 0);
	return b;
}

/* The single stream of a command line. */
static struct app_stream *
one(struct app_opts *o, unsigned int *n, int argc, char **argv)
{
	int rc = ta_parse(o, argc, argv);

	ck_assert_msg(rc == 0, "%s", ta_err);
	return build(o, n);
}

#define ONE(o, n, ...) __extension__({ \
	char *av_[] = {(char *)"nblgen", __VA_ARGS__, NULL}; \
	one(o, n, (int)(sizeof(av_) / sizeof(av_[0])) - 1, av_); })

START_TEST(streams_default)
{
	char *av[] = {(char *)"nblgen", NULL};
	struct app_stream *ss;
	struct app_opts o;
	unsigned int n;

	ss = one(&o, &n, 1, av);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(ss[0].index, 0);
	ck_assert_str_eq(ss[0].name, "stream.0");
	ck_assert_int_eq(ss[0].rate.unit, PACE_UNIT_MAX);
	ck_assert_str_eq(ss[0].rate_text, "max");
	ck_assert(!ss[0].sched_set);
	ck_assert_uint_eq(ss[0].count, UINT64_MAX);
	ck_assert_uint_eq(ss[0].bytes, UINT64_MAX);
	ck_assert_uint_eq(ss[0].port, 0);
	ck_assert_int_eq(ss[0].cksum, APP_CKSUM_FRAME);
	ck_assert_str_eq(spec_val(&ss[0], "size"), "64");
	ck_assert_str_eq(spec_val(&ss[0], "headers"), "eth/ipv4/udp");
	ck_assert(!pkt_spec_is_set(ss[0].spec, "size"));
	app_streams_free(ss, n);
	app_opts_fini(&o);
}
END_TEST

/* defaults < [traffic] < [stream.N] < command line */
START_TEST(streams_precedence)
{
	const char *ini = ta_write("p.ini",
		"[traffic]\nsize = 128\ndst-port = 7\nttl = 9\n"
		"[stream.2]\ndst-port = 9000\n"
		"[stream.1]\nsize = 256\n");
	struct app_stream *ss;
	struct app_opts o;
	unsigned int n;

	ss = ONE(&o, &n, "-c", (char *)ini);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(ss[0].name, "stream.1");
	ck_assert_str_eq(ss[1].name, "stream.2");
	ck_assert_str_eq(spec_val(&ss[0], "size"), "256");
	ck_assert_str_eq(spec_val(&ss[1], "size"), "128");
	ck_assert_str_eq(spec_val(&ss[0], "dst-port"), "7");
	ck_assert_str_eq(spec_val(&ss[1], "dst-port"), "9000");
	ck_assert_str_eq(spec_val(&ss[0], "ttl"), "9");
	ck_assert_str_eq(spec_val(&ss[1], "ttl"), "9");
	ck_assert_str_eq(spec_val(&ss[1], "src-port"), "49152");
	app_streams_free(ss, n);
	app_opts_fini(&o);
	/* the command line wins for every stream, before or after -c */
	ss = ONE(&o, &n, "--size", "512", "-c", (char *)ini, "--dst-port",
		 "53");
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(spec_val(&ss[0], "size"), "512");
	ck_assert_str_eq(spec_val(&ss[1], "size"), "512");
	ck_assert_str_eq(spec_val(&ss[0], "dst-port"), "53");
	ck_assert_str_eq(spec_val(&ss[1], "dst-port"), "53");
	ck_assert_str_eq(spec_val(&ss[0], "ttl"), "9");
	app_streams_free(ss, n);
	app_opts_fini(&o);
	/* no [stream.N]: one stream from [traffic] and the command line */
	ini = ta_write("t.ini", "[traffic]\nsize = imix\nsrc-ip = "
		       "198.18.0.1-198.18.0.32\n");
	ss = ONE(&o, &n, "-c", (char *)ini, "--src-ip", "198.18.1.1",
		 "--signature");
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(ss[0].name, "stream.0");
	ck_assert_str_eq(spec_val(&ss[0], "size"), "imix");
	ck_assert_str_eq(spec_val(&ss[0], "src-ip"), "198.18.1.1");
	ck_assert_str_eq(spec_val(&ss[0], "signature"), "yes");
	app_streams_free(ss, n);
	app_opts_fini(&o);
}
END_TEST

/* one rate key on the command line into a stream */
static struct app_stream *
rate_of(struct app_opts *o, const char *key, const char *value)
{
	char opt[32];
	char *av[] = {(char *)"nblgen", opt, (char *)value, NULL};
	unsigned int n;

	snprintf(opt, sizeof(opt), "--%s", key);
	return one(o, &n, 3, av);
}

/* rate, pps and mbps: unit and exact fraction */
START_TEST(streams_rates)
{
	static const struct {
		const char *key, *value;
		enum pace_unit unit;
		uint64_t num, den;
		const char *text;
	} cases[] = {
		{"rate", "14.88Mpps", PACE_UNIT_PPS, 14880000, 1,
		 "14.88Mpps"},
		{"rate", "2.5", PACE_UNIT_PPS, 5, 2, "2.5pps"},
		{"rate", "10Gbps", PACE_UNIT_BPS_L1, 10000000000, 1,
		 "10Gbps"},
		{"rate", "l2:1Gbps", PACE_UNIT_BPS_L2, 1000000000, 1,
		 "l2:1Gbps"},
		{"rate", "50%", PACE_UNIT_PERCENT, 50, 1, "50%"},
		{"rate", "12.5%", PACE_UNIT_PERCENT, 25, 2, "12.5%"},
		{"pps", "1000", PACE_UNIT_PPS, 1000, 1, "1kpps"},
		{"pps", "0.5", PACE_UNIT_PPS, 1, 2, "0.5pps"},
		{"mbps", "100", PACE_UNIT_BPS_L2, 100000000, 1,
		 "l2:100Mbps"},
		{"mbps", "2.5", PACE_UNIT_BPS_L2, 2500000, 1, "l2:2.5Mbps"},
	};
	struct app_opts o;
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct app_stream *s = rate_of(&o, cases[i].key,
					       cases[i].value);

		ck_assert_msg(s->rate.unit == cases[i].unit &&
			      s->rate.val.num == cases[i].num &&
			      s->rate.val.den == cases[i].den,
			      "--%s %s: unit %d %lu/%lu", cases[i].key,
			      cases[i].value, s->rate.unit,
			      (unsigned long)s->rate.val.num,
			      (unsigned long)s->rate.val.den);
		ck_assert_str_eq(s->rate_text, cases[i].text);
		ck_assert(!s->sched_set);
		app_streams_free(s, 1);
		app_opts_fini(&o);
	}
}
END_TEST

/* schedule, count, bytes, port, tx-cksum */
START_TEST(streams_other_keys)
{
	static const char *const sched = "1Mpps for 10s, ramp 5Mpps for 2.5s, "
		"0 for 1s";
	struct app_stream *s;
	struct app_opts o;
	unsigned int n;

	s = rate_of(&o, "schedule", sched);
	ck_assert(s->sched_set);
	ck_assert_str_eq(s->sched_text, sched);
	ck_assert_uint_eq(s->sched.n, 3);
	ck_assert(!s->sched.ent[0].ramp && s->sched.ent[1].ramp);
	ck_assert_int_eq(s->sched.ent[0].rate.unit, PACE_UNIT_PPS);
	ck_assert_uint_eq(s->sched.ent[0].rate.val.num, 1000000);
	ck_assert_uint_eq(s->sched.ent[0].dur_ns, UINT64_C(10000000000));
	ck_assert_uint_eq(s->sched.ent[1].rate.val.num, 5000000);
	ck_assert_uint_eq(s->sched.ent[1].dur_ns, UINT64_C(2500000000));
	ck_assert_uint_eq(s->sched.ent[2].rate.val.num, 0);
	app_streams_free(s, 1);
	app_opts_fini(&o);
	s = ONE(&o, &n, "--count", "10k", "--bytes", "1Mi", "--port", "3",
		"--tx-cksum", "software");
	ck_assert_uint_eq(s->count, 10000);
	ck_assert_uint_eq(s->bytes, 1048576);
	ck_assert_uint_eq(s->port, 3);
	ck_assert_int_eq(s->cksum, APP_CKSUM_SOFTWARE);
	ck_assert_int_eq(s->rate.unit, PACE_UNIT_MAX);
	app_streams_free(s, n);
	app_opts_fini(&o);
	s = rate_of(&o, "tx-cksum", "offload");
	ck_assert_int_eq(s->cksum, APP_CKSUM_OFFLOAD);
	app_streams_free(s, 1);
	app_opts_fini(&o);
	s = rate_of(&o, "tx-cksum", "frame");
	ck_assert_int_eq(s->cksum, APP_CKSUM_FRAME);
	app_streams_free(s, 1);
	app_opts_fini(&o);
}
END_TEST

/* per-stream limits and rates from the file, the command line over them */
START_TEST(streams_rate_levels)
{
	const char *ini = ta_write("r.ini",
		"[traffic]\ncount = 1000\nrate = 1kpps\ntx-cksum = offload\n"
		"[stream.0]\ncount = 5\nbytes = 640\nport = 1\n"
		"[stream.1]\nmbps = 10\n");
	struct app_stream *ss;
	struct app_opts o;
	unsigned int n;

	ss = ONE(&o, &n, "-c", (char *)ini);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(ss[0].count, 5);
	ck_assert_uint_eq(ss[0].bytes, 640);
	ck_assert_uint_eq(ss[0].port, 1);
	ck_assert_int_eq(ss[0].rate.unit, PACE_UNIT_PPS);
	ck_assert_uint_eq(ss[0].rate.val.num, 1000);
	ck_assert_uint_eq(ss[1].count, 1000);
	ck_assert_uint_eq(ss[1].bytes, UINT64_MAX);
	ck_assert_uint_eq(ss[1].port, 0);
	ck_assert_int_eq(ss[1].rate.unit, PACE_UNIT_BPS_L2);
	ck_assert_uint_eq(ss[1].rate.val.num, 10000000);
	ck_assert_int_eq(ss[0].cksum, APP_CKSUM_OFFLOAD);
	ck_assert_int_eq(ss[1].cksum, APP_CKSUM_OFFLOAD);
	app_streams_free(ss, n);
	app_opts_fini(&o);
	ss = ONE(&o, &n, "-c", (char *)ini, "--count", "7", "--pps", "3");
	ck_assert_uint_eq(ss[0].count, 7);
	ck_assert_uint_eq(ss[1].count, 7);
	ck_assert_uint_eq(ss[0].bytes, 640);
	ck_assert_int_eq(ss[1].rate.unit, PACE_UNIT_PPS);
	ck_assert_uint_eq(ss[1].rate.val.num, 3);
	app_streams_free(ss, n);
	app_opts_fini(&o);
}
END_TEST

/* a rate and a schedule are one setting: the later level wins either way
 * (a schedule in the file does not outlive --rate on the command line) */
START_TEST(streams_rate_vs_schedule)
{
	const char *ini = ta_write("s.ini",
		"[traffic]\nschedule = 1kpps for 1s, 2kpps for 1s\n"
		"[stream.0]\nsize = 64\n"
		"[stream.1]\npps = 5\n"
		"[stream.2]\nrate = max\n");
	struct app_stream *ss;
	struct app_opts o;
	unsigned int n;

	ss = ONE(&o, &n, "-c", (char *)ini);
	ck_assert_uint_eq(n, 3);
	ck_assert(ss[0].sched_set);
	ck_assert_uint_eq(ss[0].sched.n, 2);
	ck_assert(!ss[1].sched_set);
	ck_assert_int_eq(ss[1].rate.unit, PACE_UNIT_PPS);
	ck_assert_uint_eq(ss[1].rate.val.num, 5);
	ck_assert(!ss[2].sched_set);
	ck_assert_int_eq(ss[2].rate.unit, PACE_UNIT_MAX);
	app_streams_free(ss, n);
	app_opts_fini(&o);
	ss = ONE(&o, &n, "-c", (char *)ini, "--rate", "10kpps");
	for (unsigned int i = 0; i < n; i++) {
		ck_assert_msg(!ss[i].sched_set, "%s keeps the file's schedule",
			      ss[i].name);
		ck_assert_int_eq(ss[i].rate.unit, PACE_UNIT_PPS);
		ck_assert_uint_eq(ss[i].rate.val.num, 10000);
		ck_assert_str_eq(ss[i].rate_text, "10kpps");
	}
	app_streams_free(ss, n);
	app_opts_fini(&o);
	/* and a schedule on the command line over the file's rates */
	ss = ONE(&o, &n, "-c", (char *)ini, "--schedule", "3kpps for 2s");
	for (unsigned int i = 0; i < n; i++) {
		ck_assert(ss[i].sched_set);
		ck_assert_uint_eq(ss[i].sched.n, 1);
		ck_assert_uint_eq(ss[i].sched.ent[0].rate.val.num, 3000);
	}
	app_streams_free(ss, n);
	app_opts_fini(&o);
}
END_TEST

/* two of rate, pps, mbps and schedule at one level: refused, naming both
 * (the same key repeated on the command line: the last wins) */
START_TEST(streams_rate_twice)
{
	const char *ini = ta_write("t.ini", "[stream.1]\nrate = 1Mpps\n"
				   "schedule = 1kpps for 1s\n");
	char msg[2 * PATH_MAX + 128];
	struct app_stream *s;
	struct app_opts o;
	unsigned int n;

	snprintf(msg, sizeof(msg), "config file '%s' [stream.1] schedule: the "
		 "rate is given already by config file '%s' [stream.1] rate; "
		 "give one of rate, pps, mbps and schedule", ini, ini);
	TA_REFUSED(msg, "-c", (char *)ini);
	TA_REFUSED("option --pps: the rate is given already by option --rate; "
		   "give one of rate, pps, mbps and schedule", "--rate", "1k",
		   "--pps", "5");
	TA_REFUSED("option --schedule: the rate is given already by option "
		   "--mbps", "--mbps", "10", "--schedule", "1kpps for 1s");
	s = ONE(&o, &n, "--rate", "1k", "--rate", "2k");
	ck_assert_uint_eq(s->rate.val.num, 2000);
	app_streams_free(s, n);
	app_opts_fini(&o);
}
END_TEST

/* an error names where the value came from */
START_TEST(streams_errors)
{
	struct app_stream *ss = (struct app_stream *)1;
	const char *ini = ta_write("e.ini", "[stream.2]\nrate = fast\n");
	char msg[PATH_MAX + 128];
	struct app_opts o;
	unsigned int n = 77;

	/* given in a file: refused when read */
	ck_assert_int_eq(TA_PARSE(&o, "-c", (char *)ini), -EINVAL);
	app_opts_fini(&o);
	snprintf(msg, sizeof(msg), "config file '%s' [stream.2] rate: 'fast' "
		 "is not a rate (forms: ", ini);
	ck_assert_msg(strncmp(ta_err, msg, strlen(msg)) == 0, "%s", ta_err);
	/* a level that holds a bad value: the build names its origin and
	 * returns nothing */
	app_opts_init(&o);
	o.streams = calloc(2, sizeof(*o.streams));
	ck_assert_ptr_nonnull(o.streams);
	o.nstreams = 2;
	o.streams[0].index = 1;
	o.streams[1].index = 2;
	o.streams[1].keys.n = 1;
	snprintf(o.streams[1].keys.kv[0].key, APP_NAME_MAX + 1, "rate");
	snprintf(o.streams[1].keys.kv[0].value, APP_VALUE_MAX + 1, "fast");
	snprintf(o.streams[1].keys.kv[0].origin, 512,
		 "config file 'x.ini' [stream.2] rate");
	ck_assert_int_eq(app_streams_build(&o, &ss, &n, ta_err,
					   sizeof(ta_err)), -EINVAL);
	TA_ERR_HAS("config file 'x.ini' [stream.2] rate: 'fast' is not a "
		   "rate");
	ck_assert_ptr_eq(ss, (struct app_stream *)1);
	ck_assert_uint_eq(n, 77);
	o.streams[1].keys.n = 0;
	o.cli.n = 1;
	snprintf(o.cli.kv[0].key, APP_NAME_MAX + 1, "size");
	snprintf(o.cli.kv[0].value, APP_VALUE_MAX + 1, "12");
	snprintf(o.cli.kv[0].origin, 512, "option --size");
	ck_assert_int_eq(app_streams_build(&o, &ss, &n, ta_err,
					   sizeof(ta_err)), -EINVAL);
	TA_ERR_HAS("option --size: '12' is not a frame size");
	app_opts_fini(&o);
}
END_TEST

/* which keys are stream keys, and their checks alone */
START_TEST(streams_keys)
{
	static const char *const stream[] = {"rate", "pps", "mbps",
		"schedule", "count", "bytes", "port", "tx-cksum", "size",
		"headers", "src-ip", "signature", "payload", "vni"};
	static const char *const run[] = {"burst", "duration", "vdev", "args",
		"eal", "json", "config", "colour"};
	char why[256];
	unsigned int i;

	for (i = 0; i < sizeof(stream) / sizeof(stream[0]); i++)
		ck_assert_msg(app_stream_key(stream[i]), "%s", stream[i]);
	for (i = 0; i < sizeof(run) / sizeof(run[0]); i++)
		ck_assert_msg(!app_stream_key(run[i]), "%s", run[i]);
	ck_assert_int_eq(app_stream_key_check("size", "imix", why,
					      sizeof(why)), 0);
	ck_assert_int_eq(app_stream_key_check("burst", "1", why,
					      sizeof(why)), -ENOENT);
	ck_assert_int_eq(app_stream_key_check("count", "0", why, sizeof(why)),
			 -EINVAL);
	ck_assert_ptr_nonnull(strstr(why, "'0' is not a number from 1"));
	ck_assert_int_eq(app_stream_key_check("tx-cksum", "hw", why,
					      sizeof(why)), -EINVAL);
	ck_assert_str_eq(why, "'hw' is not frame, offload or software");
}
END_TEST

void
app_streams_add_tcases(Suite *s)
{
	TCase *tc = ta_tcase("streams");

	tcase_add_test(tc, streams_default);
	tcase_add_test(tc, streams_precedence);
	tcase_add_test(tc, streams_rates);
	tcase_add_test(tc, streams_other_keys);
	tcase_add_test(tc, streams_rate_levels);
	tcase_add_test(tc, streams_rate_vs_schedule);
	tcase_add_test(tc, streams_rate_twice);
	tcase_add_test(tc, streams_errors);
	tcase_add_test(tc, streams_keys);
	suite_add_tcase(s, tc);
}

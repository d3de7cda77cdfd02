/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Telemetry of libnblstats without EAL: DPDK 22.11 registers a command
 * before rte_eal_init() (it only lists it), so stats_telemetry_attach()
 * works here; the answers are read through stats_telemetry_json() (what a
 * command answers) and stats_telemetry_call() (the registered callback,
 * run as the telemetry thread would).  Reading them over the socket of a
 * real run is the integration tests' job.  Part of the stats suite.
 */

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <rte_telemetry.h>

#include "test_stats.h"

static uint64_t
u64_of(const json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	ck_assert_msg(json_is_integer(v), "%s is not an integer", key);
	ck_assert_int_ge(json_integer_value(v), 0);
	return (uint64_t)json_integer_value(v);
}

static void
check_counters(const json_t *o, const struct stats_tx *c)
{
	const struct stats_field *f;
	unsigned int i, n;

	f = stats_tx_fields(&n);
	for (i = 0; i < n; i++)
		ck_assert_uint_eq(u64_of(o, f[i].name),
				  *(const uint64_t *)((const char *)c +
						      f[i].offset));
	ck_assert_uint_eq(u64_of(o, "shortfall"), stats_tx_shortfall(c));
}

static uint64_t
rounded(double v)
{
	return (uint64_t)(v + 0.5);
}

/* A command's answer, which must not fail. */
static json_t *
answer(const char *cmd, const char *params)
{
	int err = 0;
	json_t *o = stats_telemetry_json(cmd, params, &err);

	ck_assert_msg(o != NULL, "%s,%s: %d", cmd, params ? params : "",
		      err);
	ck_assert(json_is_object(o));
	return o;
}

static int
answer_err(const char *cmd, const char *params)
{
	int err = 0;

	ck_assert_ptr_null(stats_telemetry_json(cmd, params, &err));
	return err;
}

/* The callback's return value on a fresh rte_tel_data. */
static int
call(const char *cmd, const char *params)
{
	struct rte_tel_data *d = rte_tel_data_alloc();
	int rc;

	ck_assert_ptr_nonnull(d);
	rc = stats_telemetry_call(cmd, params, d);
	rte_tel_data_free(d);
	return rc;
}

START_TEST(test_telemetry_no_registry)
{
	json_t *o;

	o = answer("/nblgen/stats", NULL);
	ck_assert_uint_eq(json_object_size(o), 0);
	json_decref(o);
	o = answer("/nblgen/streams", "0");
	ck_assert_uint_eq(json_object_size(o), 0);
	json_decref(o);
	ck_assert_int_eq(call("/nblgen/stats", NULL), 0);
	ck_assert_int_eq(answer_err("/nblgen/other", NULL), -EINVAL);
	ck_assert_int_eq(call("/nblgen/other", NULL), -EINVAL);
	ck_assert_int_eq(stats_telemetry_call("/nblgen/stats", NULL, NULL),
			 -EINVAL);
	ck_assert_int_eq(stats_telemetry_attach(NULL), -EINVAL);
}
END_TEST

START_TEST(test_telemetry_stats)
{
	struct stats_reg *reg = tst_reg_make();
	struct stats_tx c;
	json_t *o, *p;
	double e;

	ck_assert_int_eq(stats_telemetry_attach(reg), 0);
	ck_assert_int_eq(stats_telemetry_attach(reg), 0); /* again: fine */
	stats_reg_start(reg);
	stats_reg_stop(reg);
	e = stats_reg_elapsed(reg);
	ck_assert(e > 0);

	o = answer("/nblgen/stats", NULL);
	ck_assert_uint_eq(json_object_size(o), 3);
	ck_assert_uint_eq(u64_of(o, "elapsed_ms"), rounded(e * 1e3));
	p = json_object_get(o, "0");
	ck_assert_str_eq(json_string_value(json_object_get(p, "name")),
			 "net_null0");
	ck_assert_str_eq(json_string_value(json_object_get(p, "driver")),
			 "net_null");
	ck_assert_int_eq(stats_reg_port_sum(reg, 0, &c), 0);
	check_counters(p, &c);
	ck_assert_uint_eq(u64_of(p, "pps"), rounded(c.tx_packets / e));
	ck_assert_uint_eq(u64_of(p, "l1_bps"),
			  rounded((c.tx_bytes + 24.0 * c.tx_packets) * 8 / e));
	ck_assert_uint_eq(u64_of(p, "l2_bps"),
			  rounded((c.tx_bytes + 4.0 * c.tx_packets) * 8 / e));
	p = json_object_get(o, "1");
	ck_assert_uint_eq(u64_of(p, "port_id"), 3);
	check_counters(p, &tst_blocks[2]);
	json_decref(o);
	/* the empty parameter lists every port too */
	o = answer("/nblgen/stats", "");
	ck_assert_uint_eq(json_object_size(o), 3);
	json_decref(o);

	/* one port by index */
	o = answer("/nblgen/stats", "1");
	ck_assert_str_eq(json_string_value(json_object_get(o, "name")),
			 "net_ring0");
	check_counters(o, &tst_blocks[2]);
	ck_assert_uint_eq(u64_of(o, "elapsed_ms"), rounded(e * 1e3));
	json_decref(o);
	ck_assert_int_eq(answer_err("/nblgen/stats", "2"), -EINVAL);
	ck_assert_int_eq(answer_err("/nblgen/stats", "x"), -EINVAL);
	ck_assert_int_eq(answer_err("/nblgen/stats", "-1"), -EINVAL);
	ck_assert_int_eq(answer_err("/nblgen/stats", "1x"), -EINVAL);
	ck_assert_int_eq(answer_err("/nblgen/stats", " 1"), -EINVAL);
	ck_assert_int_eq(answer_err("/nblgen/stats",
				    "99999999999999999999"), -EINVAL);

	/* the registered callback fills telemetry's dictionaries (a listing,
	 * which nests one per port that only telemetry's socket writer
	 * frees, is read through the socket in the integration test
	 * telemetry.sh) */
	ck_assert_int_eq(call("/nblgen/stats", "0"), 0);
	ck_assert_int_eq(call("/nblgen/stats", "7"), -EINVAL);
	stats_reg_free(reg);
}
END_TEST

START_TEST(test_telemetry_streams)
{
	struct stats_reg *reg = tst_reg_make();
	struct stats_tx c;
	json_t *o, *st;
	double e;

	ck_assert_int_eq(stats_telemetry_attach(reg), 0);
	stats_reg_start(reg);
	stats_reg_stop(reg);
	e = stats_reg_elapsed(reg);

	o = answer("/nblgen/streams", NULL);
	ck_assert_uint_eq(json_object_size(o), 4);
	st = json_object_get(o, "0");
	ck_assert_str_eq(json_string_value(json_object_get(st, "name")),
			 "stream.0");
	ck_assert_str_eq(json_string_value(json_object_get(st, "engine")),
			 "ndis");
	ck_assert_uint_eq(u64_of(st, "port"), 0);
	ck_assert_uint_eq(u64_of(st, "senders"), 2);
	ck_assert_int_eq(stats_reg_stream_sum(reg, 0, &c), 0);
	check_counters(st, &c);
	ck_assert_uint_eq(u64_of(st, "pps"), rounded(c.tx_packets / e));
	st = json_object_get(o, "2");
	ck_assert_uint_eq(u64_of(st, "senders"), 1);
	check_counters(st, &tst_blocks[3]);
	json_decref(o);

	o = answer("/nblgen/streams", "1");
	ck_assert_uint_eq(u64_of(o, "port"), 1);
	check_counters(o, &tst_blocks[2]);
	json_decref(o);
	ck_assert_int_eq(answer_err("/nblgen/streams", "3"), -EINVAL);
	ck_assert_int_eq(call("/nblgen/streams", "2"), 0);
	stats_reg_free(reg);
}
END_TEST

/* One registry is served at a time; freeing it detaches it. */
START_TEST(test_telemetry_detach)
{
	struct stats_reg *a = tst_reg_make();
	struct stats_reg *b = stats_reg_create(1, 1);
	json_t *o;

	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(stats_telemetry_attach(a), 0);
	ck_assert_int_eq(stats_telemetry_attach(b), -EBUSY);
	o = answer("/nblgen/stats", NULL);
	ck_assert_ptr_nonnull(json_object_get(o, "1")); /* a's */
	json_decref(o);
	stats_reg_free(a);
	o = answer("/nblgen/stats", NULL);
	ck_assert_uint_eq(json_object_size(o), 0);
	json_decref(o);
	ck_assert_int_eq(call("/nblgen/streams", NULL), 0);
	ck_assert_int_eq(stats_telemetry_attach(b), 0);
	o = answer("/nblgen/stats", NULL);
	ck_assert_uint_eq(json_object_size(o), 2); /* "0", "elapsed_ms" */
	json_decref(o);
	stats_reg_free(b);
	o = answer("/nblgen/streams", NULL);
	ck_assert_uint_eq(json_object_size(o), 0);
	json_decref(o);
}
END_TEST

/* A telemetry reader while registries are attached and freed: each
 * answer is empty or a whole one. */
struct reader {
	bool stop;
	unsigned long answers;
	unsigned long empty;
	unsigned long bad;
};

static void *
reader_main(void *arg)
{
	struct reader *r = arg;

	while (!__atomic_load_n(&r->stop, __ATOMIC_ACQUIRE)) {
		json_t *o = stats_telemetry_json("/nblgen/streams", NULL,
						 NULL);

		if (o == NULL)
			r->bad++;
		else if (json_object_size(o) == 0)
			r->empty++;
		else if (json_object_size(o) != 4 ||
			 json_integer_value(json_object_get(json_object_get(
				 o, "2"), "tx_packets")) != 2000)
			r->bad++;
		__atomic_fetch_add(&r->answers, 1, __ATOMIC_RELEASE);
		json_decref(o);
	}
	return NULL;
}

START_TEST(test_telemetry_free_while_read)
{
	struct reader r = { .stop = false };
	pthread_t t;
	unsigned int i;

	stats_reg_free(tst_reg_make()); /* fill the blocks once */
	ck_assert_int_eq(pthread_create(&t, NULL, reader_main, &r), 0);
	for (i = 0; i < 300; i++) {
		struct stats_reg *reg = tst_reg_on_blocks();

		ck_assert_int_eq(stats_telemetry_attach(reg), 0);
		stats_reg_start(reg);
		stats_reg_free(reg);
	}
	/* a busy machine may not have run the reader yet */
	while (__atomic_load_n(&r.answers, __ATOMIC_ACQUIRE) == 0)
		sched_yield();
	__atomic_store_n(&r.stop, true, __ATOMIC_RELEASE);
	ck_assert_int_eq(pthread_join(t, NULL), 0);
	ck_assert_uint_eq(r.bad, 0);
	ck_assert_uint_gt(r.answers, 0);
}
END_TEST

void
stats_telemetry_add_tcases(Suite *s)
{
	TCase *tc = tcase_create("telemetry");

	tcase_add_test(tc, test_telemetry_no_registry);
	tcase_add_test(tc, test_telemetry_stats);
	tcase_add_test(tc, test_telemetry_streams);
	tcase_add_test(tc, test_telemetry_detach);
	tcase_add_test(tc, test_telemetry_free_while_read);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
}

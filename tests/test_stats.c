/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Check suite of libnblstats (stats.h): the counter schema, sums of
 * blocks (also while another thread writes one), the shortfall, the
 * registry's error paths and clocks.  The sampler (CSV, live line) is
 * tested in test_stats_output.c, the results document, its JSON Schema
 * and telemetry in test_stats_results.c.  Nothing here needs EAL.
 */

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <check.h>
#include <rte_errno.h>

#include "test_stats.h"

static const char *const expected_names[] = {
	"requested", "tx_packets", "tx_bytes", "ring_full", "pool_empty",
	"submitted", "completed", "failed", "failed_resources",
	"failed_invalid_length", "failed_paused", "failed_aborted",
	"failed_other", "verify_errors", "bursts", "active_ns",
};

uint64_t *
tst_field(struct stats_tx *b, const char *name)
{
	const struct stats_field *f;
	unsigned int i, n;

	f = stats_tx_fields(&n);
	for (i = 0; i < n; i++)
		if (strcmp(f[i].name, name) == 0)
			return (uint64_t *)((char *)b + f[i].offset);
	ck_abort_msg("no counter %s", name);
	return NULL;
}

void
tst_fill(struct stats_tx *b, uint64_t base)
{
	const struct stats_field *f;
	unsigned int i, n;

	memset(b, 0, sizeof(*b));
	f = stats_tx_fields(&n);
	for (i = 0; i < n; i++)
		*(uint64_t *)((char *)b + f[i].offset) = base * (i + 1);
}

/* ------------------------------------------------------------------ */
/* Schema                                                              */
/* ------------------------------------------------------------------ */

START_TEST(test_schema_names)
{
	const struct stats_field *f;
	unsigned int i, n = 0;

	f = stats_tx_fields(&n);
	ck_assert_uint_eq(n, RTE_DIM(expected_names));
	ck_assert_ptr_eq(stats_tx_fields(NULL), f);
	for (i = 0; i < n; i++) {
		ck_assert_str_eq(f[i].name, expected_names[i]);
		/* in the block's order, one uint64_t each, none left out */
		ck_assert_uint_eq(f[i].offset, i * sizeof(uint64_t));
		/* one gauge: a sender's sending time */
		ck_assert_uint_eq(f[i].kind, strcmp(f[i].name, "active_ns") ?
				  STATS_COUNTER : STATS_GAUGE);
		ck_assert_msg(strcmp(f[i].unit, "frames") == 0 ||
			      strcmp(f[i].unit, "ns") == 0 ||
			      strcmp(f[i].unit, "bytes") == 0 ||
			      strcmp(f[i].unit, "NBLs") == 0 ||
			      strcmp(f[i].unit, "calls") == 0,
			      "%s: unit %s", f[i].name, f[i].unit);
		ck_assert_msg(strlen(f[i].help) > 10 &&
			      f[i].help[strlen(f[i].help) - 1] == '.',
			      "%s: help is one sentence", f[i].name);
	}
	ck_assert_uint_eq(f[n - 1].offset + sizeof(uint64_t),
			  offsetof(struct stats_tx, active_ns) +
			  sizeof(uint64_t));
	ck_assert_str_eq(f[2].unit, "bytes");
	ck_assert_str_eq(f[5].unit, "NBLs");
	ck_assert_str_eq(f[14].unit, "calls");
}
END_TEST

START_TEST(test_shortfall)
{
	struct stats_tx s;

	memset(&s, 0, sizeof(s));
	ck_assert_uint_eq(stats_tx_shortfall(&s), 0);
	s.requested = 1000;
	s.tx_packets = 600;
	s.failed = 100;
	ck_assert_uint_eq(stats_tx_shortfall(&s), 300);
	/* ring_full and pool_empty explain a shortfall, not add to it */
	s.ring_full = 250;
	s.pool_empty = 50;
	ck_assert_uint_eq(stats_tx_shortfall(&s), 300);
	s.tx_packets = 900;
	ck_assert_uint_eq(stats_tx_shortfall(&s), 0);
	/* more done than requested (a reader between two stores): 0 */
	s.tx_packets = 950;
	ck_assert_uint_eq(stats_tx_shortfall(&s), 0);
	s.requested = UINT64_MAX;
	s.tx_packets = 0;
	s.failed = 0;
	ck_assert_uint_eq(stats_tx_shortfall(&s), UINT64_MAX);
}
END_TEST

START_TEST(test_tx_json)
{
	const struct stats_field *f;
	struct stats_tx s;
	json_error_t jerr;
	json_t *o, *back;
	unsigned int i, n;
	char *text;

	tst_fill(&s, 1000);
	s.requested = 100000; /* shortfall = 100000 - 2000 - 8000 */
	o = stats_tx_json(&s);
	ck_assert_ptr_nonnull(o);
	text = json_dumps(o, JSON_COMPACT);
	ck_assert_ptr_nonnull(text);
	back = json_loads(text, 0, &jerr);
	ck_assert_msg(back != NULL, "%s", jerr.text);
	f = stats_tx_fields(&n);
	ck_assert_uint_eq(json_object_size(back), n + 1);
	for (i = 0; i < n; i++) {
		json_t *v = json_object_get(back, f[i].name);

		ck_assert_msg(json_is_integer(v), "%s", f[i].name);
		ck_assert_int_eq(json_integer_value(v),
				 i == 0 ? 100000 : 1000 * (i + 1));
	}
	ck_assert_int_eq(json_integer_value(json_object_get(back,
							    "shortfall")),
			 90000);
	free(text);
	json_decref(back);
	json_decref(o);
}
END_TEST

START_TEST(test_sum_blocks)
{
	const struct stats_field *f;
	struct stats_tx a, b, c, out;
	const struct stats_tx *blocks[3] = { &a, &b, &c };
	unsigned int i, n;

	tst_fill(&a, 1);
	tst_fill(&b, 10);
	tst_fill(&c, 100);
	memset(&out, 0xa5, sizeof(out));
	stats_tx_sum(&out, blocks, 0);
	f = stats_tx_fields(&n);
	for (i = 0; i < n; i++)
		ck_assert_uint_eq(*tst_field(&out, f[i].name), 0);
	stats_tx_sum(&out, blocks, 3);
	/* counters add up; a gauge (active_ns) takes the largest */
	for (i = 0; i < n; i++)
		ck_assert_uint_eq(*tst_field(&out, f[i].name),
				  (f[i].kind == STATS_GAUGE ? 100 : 111) *
				  (i + 1));
	stats_tx_sum(&out, blocks + 1, 1);
	ck_assert_uint_eq(out.tx_bytes, 30);
}
END_TEST

/* One writer increments a block with plain 64-bit stores, as a sender
 * lcore does; the reader sums it with two quiet blocks.  Every value the
 * reader sees is one the writer stored (the high and low halves agree:
 * no torn read) and no counter goes back. */
struct writer {
	struct stats_tx *block;
	uint64_t rounds;
	uint64_t reads;   /* the reader's, so that the writer waits for it */
	bool done;
};

static void *
writer_main(void *arg)
{
	struct writer *w = arg;
	uint64_t i;

	for (i = 1; i <= w->rounds; i++) {
		uint64_t v = i << 32 | i;

		__atomic_store_n(&w->block->requested, v, __ATOMIC_RELAXED);
		__atomic_store_n(&w->block->tx_packets, v, __ATOMIC_RELAXED);
		__atomic_store_n(&w->block->tx_bytes, 60 * i,
				 __ATOMIC_RELAXED);
	}
	/* on a busy machine the writer may finish before the reader ran:
	 * let it read the final values at least twice while writing */
	while (__atomic_load_n(&w->reads, __ATOMIC_ACQUIRE) < 2)
		sched_yield();
	__atomic_store_n(&w->done, true, __ATOMIC_RELEASE);
	return NULL;
}

START_TEST(test_sum_concurrent)
{
	struct stats_tx busy, quiet1, quiet2, out;
	const struct stats_tx *blocks[3] = { &quiet1, &busy, &quiet2 };
	struct writer w = { .block = &busy, .rounds = 3000000 };
	uint64_t last_pkts = 0, last_bytes = 0, reads = 0;
	bool done;
	pthread_t t;

	memset(&busy, 0, sizeof(busy));
	memset(&quiet1, 0, sizeof(quiet1));
	memset(&quiet2, 0, sizeof(quiet2));
	quiet1.tx_packets = 7;
	quiet2.tx_packets = 3;
	quiet1.tx_bytes = 700;
	ck_assert_int_eq(pthread_create(&t, NULL, writer_main, &w), 0);
	do {
		uint64_t pkts;

		done = __atomic_load_n(&w.done, __ATOMIC_ACQUIRE);
		stats_tx_sum(&out, blocks, 3);
		pkts = out.tx_packets - 10;
		ck_assert_msg((pkts >> 32) == (pkts & 0xffffffff),
			      "torn read %#" PRIx64, pkts);
		ck_assert_uint_ge(pkts, last_pkts);
		ck_assert_uint_ge(out.tx_bytes, last_bytes);
		ck_assert_uint_eq(out.tx_bytes % 60, 700 % 60);
		last_pkts = pkts;
		last_bytes = out.tx_bytes;
		reads++;
		__atomic_store_n(&w.reads, reads, __ATOMIC_RELEASE);
	} while (!done);
	ck_assert_int_eq(pthread_join(t, NULL), 0);
	ck_assert_uint_eq(last_pkts, w.rounds << 32 | w.rounds);
	ck_assert_uint_eq(last_bytes, 60 * w.rounds + 700);
	ck_assert_uint_gt(reads, 1);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Registry                                                            */
/* ------------------------------------------------------------------ */

START_TEST(test_reg_create_errors)
{
	struct stats_reg *reg;
	unsigned int np = 9, ns = 9;

	rte_errno = 0;
	ck_assert_ptr_null(stats_reg_create(0, 1));
	ck_assert_int_eq(rte_errno, EINVAL);
	rte_errno = 0;
	ck_assert_ptr_null(stats_reg_create(1, 0));
	ck_assert_int_eq(rte_errno, EINVAL);
	reg = stats_reg_create(2, 3);
	ck_assert_ptr_nonnull(reg);
	stats_reg_size(reg, &np, &ns);
	ck_assert_uint_eq(np, 2);
	ck_assert_uint_eq(ns, 3);
	stats_reg_size(reg, NULL, NULL);
	stats_reg_size(NULL, &np, &ns);
	ck_assert_uint_eq(np, 0);
	ck_assert_uint_eq(ns, 0);
	stats_reg_free(reg);
	stats_reg_free(NULL);
}
END_TEST

START_TEST(test_reg_bad_indexes)
{
	struct stats_reg *reg = stats_reg_create(2, 3);
	struct stats_port_info pi = { .name = "net_null0" };
	struct stats_stream_info si = { .name = "stream.0", .port = 1 };
	struct stats_tx b, out;

	ck_assert_ptr_nonnull(reg);
	memset(&b, 0, sizeof(b));
	ck_assert_int_eq(stats_reg_port_set(reg, 1, &pi), 0);
	ck_assert_int_eq(stats_reg_port_set(reg, 2, &pi), -EINVAL);
	ck_assert_int_eq(stats_reg_port_set(reg, 0, NULL), -EINVAL);
	ck_assert_int_eq(stats_reg_port_set(NULL, 0, &pi), -EINVAL);
	ck_assert_int_eq(stats_reg_stream_set(reg, 2, &si), 0);
	ck_assert_int_eq(stats_reg_stream_set(reg, 3, &si), -EINVAL);
	ck_assert_int_eq(stats_reg_stream_set(reg, 0, NULL), -EINVAL);
	si.port = 2; /* no such port */
	ck_assert_int_eq(stats_reg_stream_set(reg, 0, &si), -EINVAL);
	ck_assert_int_eq(stats_reg_block_add(reg, 3, &b, 1), -EINVAL);
	ck_assert_int_eq(stats_reg_block_add(reg, 0, NULL, 1), -EINVAL);
	ck_assert_int_eq(stats_reg_block_add(NULL, 0, &b, 1), -EINVAL);
	ck_assert_int_eq(stats_reg_port_sum(reg, 2, &out), -EINVAL);
	ck_assert_int_eq(stats_reg_port_sum(reg, 0, NULL), -EINVAL);
	ck_assert_int_eq(stats_reg_stream_sum(reg, 3, &out), -EINVAL);
	ck_assert_int_eq(stats_reg_stream_sum(NULL, 0, &out), -EINVAL);
	ck_assert_int_eq(stats_reg_stream_sum(reg, 0, NULL), -EINVAL);
	stats_reg_free(reg);
}
END_TEST

START_TEST(test_reg_too_many_blocks)
{
	static struct stats_tx blocks[STATS_BLOCKS_MAX + 1];
	struct stats_reg *reg = stats_reg_create(1, 2);
	struct stats_tx out;
	unsigned int i;

	ck_assert_ptr_nonnull(reg);
	for (i = 0; i <= STATS_BLOCKS_MAX; i++) {
		memset(&blocks[i], 0, sizeof(blocks[i]));
		blocks[i].tx_packets = 1;
	}
	for (i = 0; i < STATS_BLOCKS_MAX; i++)
		ck_assert_int_eq(stats_reg_block_add(reg, 0, &blocks[i], i),
				 0);
	ck_assert_int_eq(stats_reg_block_add(reg, 0,
					     &blocks[STATS_BLOCKS_MAX], 0),
			 -ENOSPC);
	/* the refused block counts nowhere; the other stream has room */
	ck_assert_int_eq(stats_reg_stream_sum(reg, 0, &out), 0);
	ck_assert_uint_eq(out.tx_packets, STATS_BLOCKS_MAX);
	ck_assert_int_eq(stats_reg_block_add(reg, 1,
					     &blocks[STATS_BLOCKS_MAX], 0),
			 0);
	ck_assert_int_eq(stats_reg_port_sum(reg, 0, &out), 0);
	ck_assert_uint_eq(out.tx_packets, STATS_BLOCKS_MAX + 1);
	stats_reg_free(reg);
}
END_TEST

/* Streams 0 and 2 on port 0, stream 1 on port 1; a port sums its
 * streams' blocks, a stream its own. */
START_TEST(test_reg_sums)
{
	struct stats_reg *reg = stats_reg_create(2, 3);
	struct stats_stream_info si = { .name = "s" };
	struct stats_tx b[5], out;
	const struct stats_field *f;
	unsigned int i, n;

	ck_assert_ptr_nonnull(reg);
	for (i = 0; i < 5; i++)
		tst_fill(&b[i], 1ULL << (8 * i));
	si.port = 0;
	ck_assert_int_eq(stats_reg_stream_set(reg, 0, &si), 0);
	ck_assert_int_eq(stats_reg_stream_set(reg, 2, &si), 0);
	si.port = 1;
	ck_assert_int_eq(stats_reg_stream_set(reg, 1, &si), 0);
	ck_assert_int_eq(stats_reg_block_add(reg, 0, &b[0], 1), 0);
	ck_assert_int_eq(stats_reg_block_add(reg, 0, &b[1], 2), 0);
	ck_assert_int_eq(stats_reg_block_add(reg, 1, &b[2], 1), 0);
	ck_assert_int_eq(stats_reg_block_add(reg, 2, &b[3], 3), 0);
	ck_assert_int_eq(stats_reg_block_add(reg, 2, &b[4], 4), 0);
	f = stats_tx_fields(&n);
	ck_assert_int_eq(stats_reg_stream_sum(reg, 0, &out), 0);
	for (i = 0; i < n; i++)
		ck_assert_uint_eq(*tst_field(&out, f[i].name),
				  (f[i].kind == STATS_GAUGE ? 0x0100ULL :
				   0x0101ULL) * (i + 1));
	ck_assert_int_eq(stats_reg_port_sum(reg, 0, &out), 0);
	for (i = 0; i < n; i++)
		ck_assert_uint_eq(*tst_field(&out, f[i].name),
				  (f[i].kind == STATS_GAUGE ? 0x100000000ULL :
				   0x101000101ULL) * (i + 1));
	ck_assert_int_eq(stats_reg_port_sum(reg, 1, &out), 0);
	for (i = 0; i < n; i++)
		ck_assert_uint_eq(*tst_field(&out, f[i].name),
				  0x010000ULL * (i + 1));
	/* a block's later stores show in the next sum */
	b[2].tx_packets += 5;
	ck_assert_int_eq(stats_reg_port_sum(reg, 1, &out), 0);
	ck_assert_uint_eq(out.tx_packets, 0x020000 + 5);
	stats_reg_free(reg);
}
END_TEST

START_TEST(test_reg_clocks)
{
	struct stats_reg *reg = stats_reg_create(1, 1);
	struct timespec nap = { .tv_nsec = 20 * 1000 * 1000 };
	double e1, e2, e3;

	ck_assert_ptr_nonnull(reg);
	ck_assert(stats_reg_elapsed(reg) == 0);
	stats_reg_stop(reg); /* before the start: nothing to stop */
	ck_assert(stats_reg_elapsed(reg) == 0);
	stats_reg_start(reg);
	nanosleep(&nap, NULL);
	e1 = stats_reg_elapsed(reg);
	ck_assert_msg(e1 >= 0.02 && e1 < 10, "elapsed %f", e1);
	nanosleep(&nap, NULL);
	ck_assert(stats_reg_elapsed(reg) > e1);
	stats_reg_stop(reg);
	e2 = stats_reg_elapsed(reg);
	ck_assert(e2 >= 0.04);
	nanosleep(&nap, NULL);
	ck_assert(stats_reg_elapsed(reg) == e2); /* stopped: fixed */
	stats_reg_stop(reg); /* the last stop counts */
	e3 = stats_reg_elapsed(reg);
	ck_assert(e3 >= e2 + 0.02);
	ck_assert(stats_reg_elapsed(NULL) == 0);
	stats_reg_free(reg);
}
END_TEST

static Suite *
stats_suite(void)
{
	Suite *s = suite_create("stats");
	TCase *tc;

	tc = tcase_create("schema");
	tcase_add_test(tc, test_schema_names);
	tcase_add_test(tc, test_shortfall);
	tcase_add_test(tc, test_tx_json);
	tcase_add_test(tc, test_sum_blocks);
	tcase_add_test(tc, test_sum_concurrent);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);

	tc = tcase_create("registry");
	tcase_add_test(tc, test_reg_create_errors);
	tcase_add_test(tc, test_reg_bad_indexes);
	tcase_add_test(tc, test_reg_too_many_blocks);
	tcase_add_test(tc, test_reg_sums);
	tcase_add_test(tc, test_reg_clocks);
	suite_add_tcase(s, tc);

	stats_output_add_tcases(s);
	stats_results_add_tcases(s);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(stats_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Check tests of libnblpace, no EAL: counts and durations here (what a
 * user types for --count or a schedule's times), rates in
 * test_pace_rate.c, pacers in test_pace_pacer.c.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_pace.h"

#define SUFFIXES "(suffixes k, M, G, T, Ki, Mi, Gi, Ti)"

static char err[256];

/* Parse a count that must be accepted. */
static uint64_t
count_ok(const char *s, uint64_t min, uint64_t max)
{
	uint64_t v = 0;
	int rc;

	err[0] = '\0';
	rc = pace_count_parse(s, min, max, &v, err, sizeof(err));
	ck_assert_msg(rc == 0, "'%s': rc %d (%s)", s, rc, err);
	return v;
}

/* A count that must be refused with rc; the output stays untouched and
 * the message is the documented one. */
static void
count_bad(const char *s, uint64_t min, uint64_t max, int rc_want)
{
	uint64_t v = 4242;
	char want[256];
	int rc;

	err[0] = '\0';
	rc = pace_count_parse(s, min, max, &v, err, sizeof(err));
	ck_assert_msg(rc == rc_want, "'%s': rc %d, want %d", s, rc, rc_want);
	ck_assert_uint_eq(v, 4242);
	snprintf(want, sizeof(want), "'%s' is not a number from %" PRIu64
		 " to %" PRIu64 " " SUFFIXES, s, min, max);
	ck_assert_str_eq(err, want);
}

START_TEST(test_count_suffixes)
{
	ck_assert_uint_eq(count_ok("64", 1, 100), 64);
	ck_assert_uint_eq(count_ok("0", 0, 10), 0);
	ck_assert_uint_eq(count_ok("10M", 1, UINT64_MAX), 10000000);
	ck_assert_uint_eq(count_ok("10k", 1, UINT64_MAX), 10000);
	ck_assert_uint_eq(count_ok("10K", 1, UINT64_MAX), 10000);
	ck_assert_uint_eq(count_ok("3G", 1, UINT64_MAX), 3000000000);
	ck_assert_uint_eq(count_ok("2T", 1, UINT64_MAX), 2000000000000);
	ck_assert_uint_eq(count_ok("1Ki", 1, UINT64_MAX), 1024);
	ck_assert_uint_eq(count_ok("4Mi", 1, UINT64_MAX), 4 << 20);
	ck_assert_uint_eq(count_ok("2Gi", 1, UINT64_MAX), UINT64_C(1) << 31);
	ck_assert_uint_eq(count_ok("1Ti", 1, UINT64_MAX), UINT64_C(1) << 40);
	ck_assert_uint_eq(count_ok("1.5k", 1, UINT64_MAX), 1500);
	ck_assert_uint_eq(count_ok("1.5Ki", 1, UINT64_MAX), 1536);
	ck_assert_uint_eq(count_ok("2.50M", 1, UINT64_MAX), 2500000);
	ck_assert_uint_eq(count_ok("0.001k", 1, UINT64_MAX), 1);
	ck_assert_uint_eq(count_ok("007", 1, UINT64_MAX), 7);
	ck_assert_uint_eq(count_ok("12.000", 1, UINT64_MAX), 12);
	/* the bounds themselves are in */
	ck_assert_uint_eq(count_ok("1", 1, 10), 1);
	ck_assert_uint_eq(count_ok("10", 1, 10), 10);
	ck_assert_uint_eq(count_ok("18446744073709551615", 0, UINT64_MAX),
			  UINT64_MAX);
	ck_assert_uint_eq(count_ok("16777215Ti", 0, UINT64_MAX),
			  UINT64_C(16777215) << 40);
}
END_TEST

START_TEST(test_count_refused)
{
	/* not a whole number */
	count_bad("1.5", 1, 100, -EINVAL);
	count_bad("0.1Ki", 1, 1000, -EINVAL);
	count_bad("1.0000000000000000000000000000000000000001", 1, 100,
		  -EINVAL);
	/* not a number */
	count_bad("", 1, 100, -EINVAL);
	count_bad("ten", 1, 100, -EINVAL);
	count_bad("-1", 0, 100, -EINVAL);
	count_bad("+1", 0, 100, -EINVAL);
	count_bad(" 5", 0, 100, -EINVAL);
	count_bad("5 ", 0, 100, -EINVAL);
	count_bad("1e6", 0, UINT64_MAX, -EINVAL);
	count_bad("0x10", 0, UINT64_MAX, -EINVAL);
	count_bad("10m", 0, UINT64_MAX, -EINVAL); /* milli is no count */
	count_bad("10ki", 0, UINT64_MAX, -EINVAL);
	count_bad("1.", 0, UINT64_MAX, -EINVAL);
	count_bad(".", 0, UINT64_MAX, -EINVAL);
	/* out of [min, max] */
	count_bad("0", 1, 100, -ERANGE);
	count_bad("101", 1, 100, -ERANGE);
	count_bad("1k", 1, 999, -ERANGE);
	/* does not fit 64 bits */
	count_bad("18446744073709551616", 0, UINT64_MAX, -ERANGE);
	count_bad("16777216Ti", 0, UINT64_MAX, -ERANGE);
	count_bad("18446744073709551.616k", 0, UINT64_MAX, -ERANGE);
	count_bad("999999999999999999999999999999999999999999999", 0,
		  UINT64_MAX, -ERANGE);
}
END_TEST

START_TEST(test_count_no_message_buffer)
{
	uint64_t v = 0;

	ck_assert_int_eq(pace_count_parse("x", 1, 2, &v, NULL, 0), -EINVAL);
	ck_assert_int_eq(pace_count_parse("5", 1, 2, &v, NULL, 0), -ERANGE);
	ck_assert_int_eq(pace_count_parse(NULL, 1, 2, &v, err, sizeof(err)),
			 -EINVAL);
	/* a short buffer is cut, not overrun */
	memset(err, 'x', sizeof(err));
	ck_assert_int_eq(pace_count_parse("ten", 1, 2, &v, err, 8), -EINVAL);
	ck_assert_str_eq(err, "'ten' i");
	ck_assert_int_eq(err[8], 'x');
}
END_TEST

/* Parse a duration that must be accepted. */
static uint64_t
dur_ok(const char *s)
{
	uint64_t ns = 0;
	int rc;

	err[0] = '\0';
	rc = pace_duration_parse(s, &ns, err, sizeof(err));
	ck_assert_msg(rc == 0, "'%s': rc %d (%s)", s, rc, err);
	return ns;
}

/* A duration that must be refused with rc and a message naming it. */
static void
dur_bad(const char *s, int rc_want, const char *msg_part)
{
	uint64_t ns = 4242;
	char quoted[128];
	int rc;

	err[0] = '\0';
	rc = pace_duration_parse(s, &ns, err, sizeof(err));
	ck_assert_msg(rc == rc_want, "'%s': rc %d, want %d", s, rc, rc_want);
	ck_assert_uint_eq(ns, 4242);
	snprintf(quoted, sizeof(quoted), "'%s'", s);
	ck_assert_msg(strstr(err, quoted) != NULL, "'%s': message '%s'", s,
		      err);
	ck_assert_msg(strstr(err, msg_part) != NULL, "'%s': message '%s'", s,
		      err);
}

START_TEST(test_duration_units)
{
	const uint64_t s = UINT64_C(1000000000);

	ck_assert_uint_eq(dur_ok("10"), 10 * s);
	ck_assert_uint_eq(dur_ok("2.5s"), 2500000000);
	ck_assert_uint_eq(dur_ok("2.5"), 2500000000);
	ck_assert_uint_eq(dur_ok("500ms"), 500000000);
	ck_assert_uint_eq(dur_ok("100us"), 100000);
	ck_assert_uint_eq(dur_ok("250ns"), 250);
	ck_assert_uint_eq(dur_ok("1m"), 60 * s);
	ck_assert_uint_eq(dur_ok("1.5m"), 90 * s);
	ck_assert_uint_eq(dur_ok("1h"), 3600 * s);
	ck_assert_uint_eq(dur_ok("1d"), 86400 * s);
	ck_assert_uint_eq(dur_ok("0.1s"), 100000000);
	ck_assert_uint_eq(dur_ok("0"), 0);
	ck_assert_uint_eq(dur_ok("0ms"), 0);
	/* sub-nanosecond fractions are dropped */
	ck_assert_uint_eq(dur_ok("1.5ns"), 1);
	ck_assert_uint_eq(dur_ok("0.0000000015"), 1);
	/* 100 years of 365.25 days is the longest */
	ck_assert_uint_eq(dur_ok("36525d"), UINT64_C(36525) * 86400 * s);
	ck_assert_uint_eq(dur_ok("876600h"), UINT64_C(36525) * 86400 * s);
}
END_TEST

START_TEST(test_duration_refused)
{
	const char *forms = "ns, us, ms, s, m, h or d";

	dur_bad("", -EINVAL, forms);
	dur_bad("s", -EINVAL, forms);
	dur_bad("10x", -EINVAL, forms);
	dur_bad("10S", -EINVAL, forms);
	dur_bad("10 s", -EINVAL, forms);
	dur_bad("-1s", -EINVAL, forms);
	dur_bad("1y", -EINVAL, forms);
	dur_bad("1min", -EINVAL, forms);
	dur_bad("36525.000001d", -ERANGE, "longer than 100 years");
	dur_bad("36526d", -ERANGE, "longer than 100 years");
	dur_bad("99999999999999999999999999999999999999999d", -ERANGE,
		"longer than 100 years");
	dur_bad("0.5ns", -ERANGE, "shorter than 1 ns");
	dur_bad("0.0000000001", -ERANGE, "shorter than 1 ns");
	ck_assert_int_eq(pace_duration_parse(NULL, &(uint64_t){ 0 }, err,
					     sizeof(err)), -EINVAL);
}
END_TEST

static Suite *
pace_suite(void)
{
	Suite *s = suite_create("pace");
	TCase *tc;

	tc = tcase_create("count");
	tcase_add_test(tc, test_count_suffixes);
	tcase_add_test(tc, test_count_refused);
	tcase_add_test(tc, test_count_no_message_buffer);
	suite_add_tcase(s, tc);

	tc = tcase_create("duration");
	tcase_add_test(tc, test_duration_units);
	tcase_add_test(tc, test_duration_refused);
	suite_add_tcase(s, tc);

	pace_rate_add_tcases(s);
	pace_pacer_add_tcases(s);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(pace_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

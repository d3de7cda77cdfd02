/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * The sampler of libnblstats: CSV header and rows, the live line, rates
 * over the interval since the last sample (times injected through
 * stats_sampler_sample_at()), write errors.  Part of the stats suite
 * (test_stats.c calls stats_output_add_tcases()).
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "test_stats.h"

#define CSV_HEADER "time_s,port,name,tx_packets,tx_bytes,pps,l1_bps,l2_bps," \
	"requested,ring_full,pool_empty,submitted,completed,failed," \
	"failed_resources,failed_invalid_length,failed_paused," \
	"failed_aborted,failed_other,verify_errors,bursts,active_ns," \
	"shortfall\n"

/* What a stream wrote so far (malloc'd, NUL-terminated). */
static char *
slurp(FILE *f)
{
	long len;
	char *buf;

	ck_assert_int_eq(fflush(f), 0);
	len = ftell(f);
	ck_assert_int_ge(len, 0);
	buf = malloc((size_t)len + 1);
	ck_assert_ptr_nonnull(buf);
	rewind(f);
	ck_assert_uint_eq(fread(buf, 1, (size_t)len, f), (size_t)len);
	buf[len] = '\0';
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	return buf;
}

/* The n-th line (from 0) of text, without its newline, into buf. */
static const char *
line_of(const char *text, unsigned int n, char *buf, size_t len)
{
	const char *p = text, *e;

	while (n-- > 0) {
		p = strchr(p, '\n');
		ck_assert_ptr_nonnull(p);
		p++;
	}
	e = strchr(p, '\n');
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_lt((size_t)(e - p), len);
	memcpy(buf, p, (size_t)(e - p));
	buf[e - p] = '\0';
	return buf;
}

static unsigned int
count_lines(const char *text)
{
	unsigned int n = 0;

	for (; *text != '\0'; text++)
		n += *text == '\n';
	return n;
}

/* A registry of nports ports, stream i on port i with block b[i]. */
static struct stats_reg *
reg_make(unsigned int nports, struct stats_tx *b, const char *const *names)
{
	struct stats_reg *reg = stats_reg_create(nports, nports);
	unsigned int i;

	ck_assert_ptr_nonnull(reg);
	for (i = 0; i < nports; i++) {
		struct stats_port_info pi = { .port_id = (uint16_t)i };
		struct stats_stream_info si = { .port = i };

		snprintf(pi.name, sizeof(pi.name), "%s", names[i]);
		snprintf(si.name, sizeof(si.name), "stream.%u", i);
		memset(&b[i], 0, sizeof(b[i]));
		ck_assert_int_eq(stats_reg_port_set(reg, i, &pi), 0);
		ck_assert_int_eq(stats_reg_stream_set(reg, i, &si), 0);
		ck_assert_int_eq(stats_reg_block_add(reg, i, &b[i], i + 1), 0);
	}
	return reg;
}

/* The CSV row of counters c at t with the given rates. */
static void
expect_row(char *buf, size_t len, const char *t, unsigned int port,
	   const char *name, const struct stats_tx *c, const char *rates)
{
	snprintf(buf, len, "%s,%u,%s,%" PRIu64 ",%" PRIu64 ",%s,%" PRIu64
		 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64
		 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64
		 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64, t, port,
		 name,
		 c->tx_packets, c->tx_bytes, rates, c->requested, c->ring_full,
		 c->pool_empty, c->submitted, c->completed, c->failed,
		 c->failed_resources, c->failed_invalid_length,
		 c->failed_paused, c->failed_aborted, c->failed_other,
		 c->verify_errors, c->bursts, c->active_ns,
		 stats_tx_shortfall(c));
}

START_TEST(test_csv_rows)
{
	static const char *const names[] = { "net_null0", "net_ring0" };
	struct stats_tx b[2];
	struct stats_sampler s;
	struct stats_reg *reg = reg_make(2, b, names);
	FILE *csv = tmpfile();
	char want[512], got[512];
	char *text;

	ck_assert_ptr_nonnull(csv);
	ck_assert_int_eq(stats_sampler_init(&s, reg, csv), 0);
	tst_fill(&b[0], 3);
	b[0].requested = 1200;
	b[0].tx_packets = 1000;
	b[0].tx_bytes = 60000;
	b[0].failed = 50;
	ck_assert_int_eq(stats_sampler_sample_at(&s, 1.0, NULL), 0);
	text = slurp(csv);
	ck_assert_uint_eq(count_lines(text), 3);
	ck_assert_uint_eq(strncmp(text, CSV_HEADER, strlen(CSV_HEADER)), 0);
	/* first sample: rates since the start; l1 = (60000 + 24 * 1000) *
	 * 8, l2 = (60000 + 4 * 1000) * 8 */
	expect_row(want, sizeof(want), "1.000", 0, "net_null0", &b[0],
		   "1000.000,672000,512000");
	ck_assert_str_eq(line_of(text, 1, got, sizeof(got)), want);
	ck_assert_uint_eq(stats_tx_shortfall(&b[0]), 150);
	expect_row(want, sizeof(want), "1.000", 1, "net_ring0", &b[1],
		   "0.000,0,0");
	ck_assert_str_eq(line_of(text, 2, got, sizeof(got)), want);
	free(text);

	/* 1000 more frames in 0.5 s on port 0, 10 on port 1: the rates are
	 * over the interval, the counters since the start; no new header */
	b[0].tx_packets += 1000;
	b[0].tx_bytes += 60000;
	b[0].requested += 1000;
	b[1].tx_packets = 10;
	b[1].tx_bytes = 1500;
	b[1].requested = 12;
	ck_assert_int_eq(stats_sampler_sample_at(&s, 1.5, NULL), 0);
	text = slurp(csv);
	ck_assert_uint_eq(count_lines(text), 5);
	ck_assert_ptr_null(strstr(text + 1, "time_s"));
	expect_row(want, sizeof(want), "1.500", 0, "net_null0", &b[0],
		   "2000.000,1344000,1024000");
	ck_assert_str_eq(line_of(text, 3, got, sizeof(got)), want);
	expect_row(want, sizeof(want), "1.500", 1, "net_ring0", &b[1],
		   "20.000,27840,24640");
	ck_assert_str_eq(line_of(text, 4, got, sizeof(got)), want);
	free(text);

	/* an interval of 0 s gives rates of 0, not a division by 0 */
	ck_assert_int_eq(stats_sampler_sample_at(&s, 1.5, NULL), 0);
	text = slurp(csv);
	expect_row(want, sizeof(want), "1.500", 0, "net_null0", &b[0],
		   "0.000,0,0");
	ck_assert_str_eq(line_of(text, 5, got, sizeof(got)), want);
	free(text);

	stats_sampler_fini(&s);
	stats_sampler_fini(&s);
	fclose(csv);
	stats_reg_free(reg);
}
END_TEST

START_TEST(test_csv_quoting)
{
	static const char *const names[] = { "net_pcap0,iface=\"a\"" };
	struct stats_tx b[1];
	struct stats_sampler s;
	struct stats_reg *reg = reg_make(1, b, names);
	static const char want[] = "0.250,0,\"net_pcap0,iface=\"\"a\"\"\",0,0,";
	FILE *csv = tmpfile();
	char got[512];
	char *text;

	ck_assert_ptr_nonnull(csv);
	ck_assert_int_eq(stats_sampler_init(&s, reg, csv), 0);
	ck_assert_int_eq(stats_sampler_sample_at(&s, 0.25, NULL), 0);
	text = slurp(csv);
	line_of(text, 1, got, sizeof(got));
	ck_assert_uint_eq(strncmp(got, want, strlen(want)), 0);
	free(text);
	stats_sampler_fini(&s);
	fclose(csv);
	stats_reg_free(reg);
}
END_TEST

START_TEST(test_csv_write_error)
{
	static const char *const names[] = { "net_null0" };
	struct stats_tx b[1];
	struct stats_sampler s;
	struct stats_reg *reg = reg_make(1, b, names);
	FILE *full = fopen("/dev/full", "w");

	ck_assert_ptr_nonnull(full);
	ck_assert_int_eq(stats_sampler_init(&s, reg, full), 0);
	ck_assert_int_eq(stats_sampler_sample_at(&s, 1.0, NULL), -EIO);
	ck_assert_int_eq(stats_sampler_sample_at(&s, 2.0, NULL), -EIO);
	stats_sampler_fini(&s);
	fclose(full);
	stats_reg_free(reg);
}
END_TEST

START_TEST(test_sampler_init_errors)
{
	static const char *const names[] = { "net_null0" };
	struct stats_tx b[1];
	struct stats_sampler s;
	struct stats_reg *reg = reg_make(1, b, names);

	ck_assert_int_eq(stats_sampler_init(NULL, reg, NULL), -EINVAL);
	ck_assert_int_eq(stats_sampler_init(&s, NULL, NULL), -EINVAL);
	stats_sampler_fini(NULL);
	stats_reg_free(reg);
}
END_TEST

/* The example of the brief: 64-byte frames (60 without FCS) at line rate
 * of 10GbE for 3 s. */
START_TEST(test_live_line)
{
	static const char *const names[] = { "net_null0" };
	struct stats_tx b[1];
	struct stats_sampler s;
	struct stats_reg *reg = reg_make(1, b, names);
	FILE *live = tmpfile();
	char got[512];
	char *text;

	ck_assert_ptr_nonnull(live);
	ck_assert_int_eq(stats_sampler_init(&s, reg, NULL), 0);
	b[0].requested = 44643000;
	b[0].tx_packets = 44643000;
	b[0].tx_bytes = 60ULL * 44643000;
	ck_assert_int_eq(stats_sampler_sample_at(&s, 3.0, live), 0);
	text = slurp(live);
	ck_assert_uint_eq(count_lines(text), 1);
	line_of(text, 0, got, sizeof(got));
	ck_assert_str_eq(got, "nblgen: 3.0 s  port 0 net_null0: 14.881 Mpps "
			 "10.000 Gbit/s, 44643000 frames, shortfall 0 "
			 "(ring full 0, pool empty 0)");
	ck_assert_uint_lt(strlen(got), 160);
	free(text);

	/* one second later, half the rate: the line shows the interval,
	 * the frames and the shortfall since the start */
	b[0].requested += 14881000;
	b[0].tx_packets += 7440600;
	b[0].tx_bytes += 60ULL * 7440600;
	b[0].ring_full = 123;
	b[0].pool_empty = 45;
	ck_assert_int_eq(stats_sampler_sample_at(&s, 4.0, live), 0);
	text = slurp(live);
	ck_assert_uint_eq(count_lines(text), 2);
	line_of(text, 1, got, sizeof(got));
	ck_assert_str_eq(got, "nblgen: 4.0 s  port 0 net_null0: 7.441 Mpps "
			 "5.000 Gbit/s, 52083600 frames, shortfall 7440400 "
			 "(ring full 123, pool empty 45)");
	free(text);
	stats_sampler_fini(&s);
	fclose(live);
	stats_reg_free(reg);
}
END_TEST

START_TEST(test_live_line_ports)
{
	static const char *const names[] = {
		"net_null0",
		"a_device_name_much_longer_than_thirty_two_chars",
	};
	struct stats_tx b[2];
	struct stats_sampler s;
	struct stats_reg *reg = reg_make(2, b, names);
	FILE *live = tmpfile();
	FILE *csv = tmpfile();
	char got[512];
	char *text;

	ck_assert_ptr_nonnull(live);
	ck_assert_ptr_nonnull(csv);
	ck_assert_int_eq(stats_sampler_init(&s, reg, csv), 0);
	b[0].tx_packets = 1000000;
	b[0].tx_bytes = 1000000ULL * 1514;
	b[1].requested = 10;
	b[1].tx_packets = 4;
	b[1].failed = 1;
	ck_assert_int_eq(stats_sampler_sample_at(&s, 0.5, live), 0);
	text = slurp(live);
	line_of(text, 0, got, sizeof(got));
	/* (1514 + 24) * 8 * 2e6 bit/s = 24.608 Gbit/s */
	ck_assert_str_eq(got, "nblgen: 0.5 s  port 0 net_null0: 2.000 Mpps "
			 "24.608 Gbit/s, 1000000 frames, shortfall 0 "
			 "(ring full 0, pool empty 0) | port 1 "
			 "a_device_name_much_longer_than_t: 0.000 Mpps "
			 "0.000 Gbit/s, 4 frames, shortfall 5 "
			 "(ring full 0, pool empty 0)");
	free(text);
	/* the CSV has the same sample: header and one row per port */
	text = slurp(csv);
	ck_assert_uint_eq(count_lines(text), 3);
	free(text);
	stats_sampler_fini(&s);
	fclose(live);
	fclose(csv);
	stats_reg_free(reg);
}
END_TEST

/* stats_sampler_sample() reads the registry's clock. */
START_TEST(test_sample_now)
{
	static const char *const names[] = { "net_null0" };
	struct stats_tx b[1];
	struct stats_sampler s;
	struct stats_reg *reg = reg_make(1, b, names);
	FILE *csv = tmpfile();
	char got[512];
	double t1, t2;
	char *text;

	ck_assert_ptr_nonnull(csv);
	ck_assert_int_eq(stats_sampler_init(&s, reg, csv), 0);
	stats_reg_start(reg);
	b[0].tx_packets = 5;
	ck_assert_int_eq(stats_sampler_sample(&s, NULL), 0);
	stats_reg_stop(reg);
	ck_assert_int_eq(stats_sampler_sample(&s, NULL), 0);
	ck_assert(s.last_t == stats_reg_elapsed(reg));
	text = slurp(csv);
	ck_assert_uint_eq(count_lines(text), 3);
	ck_assert_int_eq(sscanf(line_of(text, 1, got, sizeof(got)), "%lf,",
				&t1), 1);
	ck_assert_int_eq(sscanf(line_of(text, 2, got, sizeof(got)), "%lf,",
				&t2), 1);
	ck_assert(t1 >= 0 && t2 >= t1 && t2 < 10);
	free(text);
	stats_sampler_fini(&s);
	fclose(csv);
	stats_reg_free(reg);
}
END_TEST

void
stats_output_add_tcases(Suite *s)
{
	TCase *tc = tcase_create("sampler");

	tcase_add_test(tc, test_csv_rows);
	tcase_add_test(tc, test_csv_quoting);
	tcase_add_test(tc, test_csv_write_error);
	tcase_add_test(tc, test_sampler_init_errors);
	tcase_add_test(tc, test_live_line);
	tcase_add_test(tc, test_live_line_ports);
	tcase_add_test(tc, test_sample_now);
	suite_add_tcase(s, tc);
}

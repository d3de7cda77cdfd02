/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef TEST_APP_H
#define TEST_APP_H

/*
 * The 'app' suite: nblgen's settings without the EAL (the command line,
 * the INI file, the stream keys and their precedence, the outputs' checks
 * and the EAL argument vector), asserting what a user sees: the values
 * that apply and the exact messages of every refusal.
 *
 * test_app.c holds main(), these helpers and the outputs' checks; the
 * other files add their TCases.  Every test gets a folder of its own
 * under one temporary folder that main() removes at the end.
 */

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include <check.h>

#include "opts.h"

/* The message of the last ta_parse(). */
extern char ta_err[APP_ERR_LEN];

/* The folder of the running test (ta_setup()). */
extern char ta_dir[PATH_MAX];

/* Checked fixture: make ta_dir; remove it. */
void ta_setup(void);
void ta_teardown(void);

/* A TCase of those tests, with ta_setup()/ta_teardown(). */
TCase *ta_tcase(const char *name);

/* The path of a name in ta_dir (one of 16 rotating buffers). */
const char *ta_path(const char *name);

/* Write text into a file of ta_dir; its path. */
const char *ta_write(const char *name, const char *text);

/* Whether a path exists (lstat). */
bool ta_exists(const char *path);

/* The text of a file (static buffer), "" when it cannot be read. */
const char *ta_read(const char *path);

/* app_opts_init() then app_opts_parse() of nblgen's argv (argv[0] is
 * "nblgen"), the message in ta_err. */
int ta_parse(struct app_opts *o, int argc, char **argv);

/* Parse the words given (argv[0] added), the message in ta_err. */
#define TA_PARSE(o, ...) __extension__({ \
	char *av_[] = {(char *)"nblgen", __VA_ARGS__, NULL}; \
	ta_parse(o, (int)(sizeof(av_) / sizeof(av_[0])) - 1, av_); })

/* The words are refused (-EINVAL) with a message that holds msg. */
#define TA_REFUSED(msg, ...) do { \
	struct app_opts o_; \
	char *av_[] = {(char *)"nblgen", __VA_ARGS__, NULL}; \
	int rc_ = ta_parse(&o_, (int)(sizeof(av_) / sizeof(av_[0])) - 1, \
			   av_); \
	app_opts_fini(&o_); \
	ck_assert_msg(rc_ == -EINVAL, "%s: rc %d, want -EINVAL (%s)", \
		      av_[1], rc_, ta_err); \
	ck_assert_msg(strstr(ta_err, msg) != NULL, \
		      "message '%s' lacks '%s'", ta_err, msg); \
} while (0)

/* The words are taken; the message otherwise. */
#define TA_OK(o, ...) do { \
	int rc_ = TA_PARSE(o, __VA_ARGS__); \
	ck_assert_msg(rc_ == 0, "refused (rc %d): %s", rc_, ta_err); \
} while (0)

/* ta_err holds part. */
#define TA_ERR_HAS(part) \
	ck_assert_msg(strstr(ta_err, part) != NULL, \
		      "message '%s' lacks '%s'", ta_err, part)

void app_cli_add_tcases(Suite *s);
void app_conf_add_tcases(Suite *s);
void app_streams_add_tcases(Suite *s);
void app_eal_add_tcases(Suite *s);

#endif /* TEST_APP_H */

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Check suite of lib/proc (proc.h), without the EAL: argument vectors
 * split the way a shell would, option look-up, the "--" convention, the
 * embedded default's lcore map (on this process's CPUs, and on one CPU set
 * with sched_setaffinity), and output files: refused before a run when
 * writing them would go through a symbolic link, onto an input or onto
 * another output, written under a hidden temporary name and renamed at
 * commit (test_proc_out.c).  proc_eal_init(), proc_eal_fini() and
 * proc_leak_check() start or need the EAL and are not called here.
 *
 * The tests of the lcore map change this thread's CPU affinity; their
 * fixture restores it, also after a failure (the suite runs with
 * CK_FORK=no like the others).
 */

#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_proc.h"

static char err[512];

/* ------------------------------------------------------------------ */
/* Argument vectors                                                    */
/* ------------------------------------------------------------------ */

/* Split s after argv[0]; the words must be want[0..n). */
static void
split_ok(const char *s, const char *const *want, int n)
{
	struct proc_args a;
	int i, rc;

	proc_args_init(&a, "prog");
	err[0] = '\0';
	rc = proc_args_split(&a, s, err, sizeof(err));
	ck_assert_msg(rc == 0, "'%.40s': rc %d (%s)", s, rc, err);
	ck_assert_int_eq(a.argc, n + 1);
	for (i = 0; i < n; i++)
		ck_assert_str_eq(a.argv[i + 1], want[i]);
	ck_assert_ptr_null(a.argv[a.argc]);
}

#define DIM(a) (sizeof(a) / sizeof((a)[0]))

/* SPLIT(s, word, ...): s splits into exactly these words. */
#define SPLIT(s, ...) do { \
	const char *const w_[] = { __VA_ARGS__ }; \
	split_ok(s, w_, (int)DIM(w_)); \
} while (0)

/* A split refused with rc and exactly the message msg. */
static void
split_bad(const char *s, int rc_want, const char *msg)
{
	struct proc_args a;
	int rc;

	proc_args_init(&a, "prog");
	err[0] = '\0';
	rc = proc_args_split(&a, s, err, sizeof(err));
	ck_assert_msg(rc == rc_want, "'%.40s': rc %d, want %d", s, rc,
		      rc_want);
	ck_assert_str_eq(err, msg);
}

START_TEST(test_split_words)
{
	struct proc_args a;

	SPLIT("  -l  0-1\t--vdev\nnet_null0 ", "-l", "0-1", "--vdev",
	      "net_null0");
	SPLIT("'a b' \"c d\"", "a b", "c d");
	SPLIT("a'b c'd\" e\"", "ab cd e");   /* quotes join into one word */
	SPLIT("'' \"\" x", "", "", "x");      /* empty quotes: empty words */
	SPLIT("a\\ b c\\'d", "a b", "c'd");   /* backslash outside quotes */
	SPLIT("\"a\\\"b\\\\\"", "a\"b\\");    /* and inside "..." */
	SPLIT("'a\\b' 'x\"y' \"x'y\"", "a\\b", "x\"y", "x'y");
	SPLIT("end\\", "end\\");              /* a last backslash stays */

	/* no words at all */
	proc_args_init(&a, "prog");
	ck_assert_int_eq(proc_args_split(&a, "", err, sizeof(err)), 0);
	ck_assert_int_eq(proc_args_split(&a, " \t\n ", err, sizeof(err)), 0);
	ck_assert_int_eq(a.argc, 1);

	/* the words go after what the vector already holds */
	ck_assert_int_eq(proc_args_push(&a, "--no-huge"), 0);
	ck_assert_int_eq(proc_args_split(&a, "-m 512", err, sizeof(err)), 0);
	ck_assert_int_eq(a.argc, 4);
	ck_assert_str_eq(a.argv[0], "prog");
	ck_assert_str_eq(a.argv[1], "--no-huge");
	ck_assert_str_eq(a.argv[2], "-m");
	ck_assert_str_eq(a.argv[3], "512");
}
END_TEST

START_TEST(test_split_refused)
{
	static char s[16384];
	char w[1024];
	size_t n;
	int i;

	split_bad("-l 0 'a b", -EINVAL, "unterminated ' quote");
	split_bad("--vdev \"net_null0", -EINVAL, "unterminated \" quote");
	split_bad("'it''s", -EINVAL, "unterminated ' quote");

	/* 1023 bytes is the longest word, quoted or not */
	memset(w, 'w', 1023);
	w[1023] = '\0';
	SPLIT(w, w);
	snprintf(s, sizeof(s), "%sw", w);
	split_bad(s, -E2BIG, "a word is longer than 1023 bytes");
	snprintf(s, sizeof(s), "'%s'", w);
	SPLIT(s, w);
	snprintf(s, sizeof(s), "-l 0 \"w%s\"", w);
	split_bad(s, -E2BIG, "a word is longer than 1023 bytes");

	/* PROC_ARGS_MAX arguments, argv[0] included */
	for (i = 0, n = 0; i < PROC_ARGS_MAX - 1; i++)
		n += (size_t)snprintf(s + n, sizeof(s) - n, "w%d ", i);
	{
		struct proc_args a;

		proc_args_init(&a, "prog");
		ck_assert_int_eq(proc_args_split(&a, s, err, sizeof(err)), 0);
		ck_assert_int_eq(a.argc, PROC_ARGS_MAX);
		ck_assert_str_eq(a.argv[PROC_ARGS_MAX - 1], "w126");
	}
	snprintf(s + n, sizeof(s) - n, "one-too-many");
	split_bad(s, -E2BIG, "too many or too long arguments");

	/* few words, but more bytes than the vector holds */
	for (i = 0, n = 0; i < 9; i++) {
		memset(s + n, 'a' + i, 1000);
		s[n + 1000] = ' ';
		n += 1001;
	}
	s[n] = '\0';
	split_bad(s, -E2BIG, "too many or too long arguments");
}
END_TEST

/* A vector of argv[0] and the NULL-terminated words. */
static void
args_of(struct proc_args *a, const char *const *words)
{
	proc_args_init(a, "prog");
	for (; *words != NULL; words++)
		ck_assert_int_eq(proc_args_push(a, "%s", *words), 0);
}

/* Whether the arguments words (from index 1 on) hold one of names. */
static bool
has(const char *const *words, const char *const *names)
{
	struct proc_args a;

	args_of(&a, words);
	return proc_args_has(&a, 1, names);
}

#define W(...) ((const char *const[]){ __VA_ARGS__, NULL })

START_TEST(test_has)
{
	struct proc_args a;

	/* a short name: alone, or with its value joined */
	ck_assert(has(W("-l", "0-3"), W("-l")));
	ck_assert(has(W("--no-huge", "-l0-3"), W("-l")));
	ck_assert(has(W("-n4"), W("-n")));
	/* ... and not a long option that starts with the same letter */
	ck_assert(!has(W("--lcores", "0@0,1@0"), W("-l")));
	ck_assert(!has(W("--no-huge", "--no-pci"), W("-n")));
	ck_assert(!has(W("-m", "512"), W("-l")));
	/* a long name: alone or with =value, not a longer name */
	ck_assert(has(W("--file-prefix", "x"), W("--file-prefix")));
	ck_assert(has(W("--file-prefix=x"), W("--file-prefix")));
	ck_assert(!has(W("--file-prefixes", "x"), W("--file-prefix")));
	ck_assert(!has(W("--file-prefix-x"), W("--file-prefix")));
	ck_assert(!has(W("--file"), W("--file-prefix")));
	/* any of the names */
	ck_assert(has(W("--lcores=0@0"), W("-l", "--lcores")));
	ck_assert(has(W("-l0"), W("-l", "--lcores")));
	ck_assert(!has(W("--vdev", "net_null0"), W("-l", "--lcores")));
	/* only from the index given on */
	args_of(&a, W("-l", "0", "--", "--file-prefix", "p"));
	ck_assert(proc_args_has(&a, 1, W("-l")));
	ck_assert(!proc_args_has(&a, 2, W("-l")));
	ck_assert(proc_args_has(&a, 4, W("--file-prefix")));
	ck_assert(!proc_args_has(&a, 6, W("--file-prefix")));
}
END_TEST

/* Split argv (argv[0] first) at "--". */
static bool
dashdash(const char *const *argv, int *eal_n, int *opt_start)
{
	int argc = 0;

	while (argv[argc] != NULL)
		argc++;
	*eal_n = -1;
	*opt_start = -1;
	return proc_args_split_dashdash(argc, (char **)(uintptr_t)argv,
					eal_n, opt_start);
}

START_TEST(test_dashdash)
{
	int eal_n, opt;

	/* no "--": every argument is the program's */
	ck_assert(!dashdash(W("nblgen", "-c", "a.ini"), &eal_n, &opt));
	ck_assert_int_eq(eal_n, 0);
	ck_assert_int_eq(opt, 1);
	ck_assert(!dashdash(W("nblgen"), &eal_n, &opt));
	ck_assert_int_eq(eal_n, 0);
	ck_assert_int_eq(opt, 1);
	/* "--" first: no EAL options */
	ck_assert(dashdash(W("nblgen", "--", "-c", "a.ini"), &eal_n, &opt));
	ck_assert_int_eq(eal_n, 0);
	ck_assert_int_eq(opt, 2);
	/* EAL options, then the program's */
	ck_assert(dashdash(W("nblgen", "-l", "0-1", "--no-pci", "--", "-c",
			     "a.ini"), &eal_n, &opt));
	ck_assert_int_eq(eal_n, 3);
	ck_assert_int_eq(opt, 5);
	/* "--" at the end: EAL options and no option of the program */
	ck_assert(dashdash(W("nblgen", "-l", "0", "--"), &eal_n, &opt));
	ck_assert_int_eq(eal_n, 2);
	ck_assert_int_eq(opt, 4);
	/* the first "--" splits; a later one is the program's */
	ck_assert(dashdash(W("nblgen", "-l", "0", "--", "x", "--", "y"),
			   &eal_n, &opt));
	ck_assert_int_eq(eal_n, 2);
	ck_assert_int_eq(opt, 4);
}
END_TEST

START_TEST(test_push_join)
{
	struct proc_args a;
	char line[64];
	int i;

	proc_args_init(&a, "nblgen");
	ck_assert_int_eq(proc_args_push(&a, "--file-prefix"), 0);
	ck_assert_int_eq(proc_args_push(&a, "nblgen_%d", 42), 0);
	proc_args_join(&a, 0, line, sizeof(line));
	ck_assert_str_eq(line, "nblgen --file-prefix nblgen_42");
	proc_args_join(&a, 1, line, sizeof(line));
	ck_assert_str_eq(line, "--file-prefix nblgen_42");
	proc_args_join(&a, 3, line, sizeof(line));
	ck_assert_str_eq(line, "");
	/* a short buffer is cut, not overrun */
	memset(line, 'x', sizeof(line));
	proc_args_join(&a, 0, line, 10);
	ck_assert_str_eq(line, "nblgen --");
	ck_assert_int_eq(line[10], 'x');

	/* no more than PROC_ARGS_MAX: the vector stays as it was */
	for (i = a.argc; i < PROC_ARGS_MAX; i++)
		ck_assert_int_eq(proc_args_push(&a, "w%d", i), 0);
	ck_assert_int_eq(proc_args_push(&a, "one-too-many"), -E2BIG);
	ck_assert_int_eq(a.argc, PROC_ARGS_MAX);
	ck_assert_ptr_null(a.argv[PROC_ARGS_MAX]);
	ck_assert_str_eq(a.argv[PROC_ARGS_MAX - 1], "w127");
}
END_TEST

/* ------------------------------------------------------------------ */
/* The lcore map of the embedded default                               */
/* ------------------------------------------------------------------ */

static cpu_set_t saved_cpus;

static void
cpus_setup(void)
{
	ck_assert_int_eq(sched_getaffinity(0, sizeof(saved_cpus),
					   &saved_cpus), 0);
}

static void
cpus_teardown(void)
{
	cpu_set_t now;

	ck_assert_int_eq(sched_setaffinity(0, sizeof(saved_cpus),
					   &saved_cpus), 0);
	ck_assert_int_eq(sched_getaffinity(0, sizeof(now), &now), 0);
	ck_assert(CPU_EQUAL(&now, &saved_cpus));
}

/* The first n CPUs this process may run on; how many there are. */
static int
cpus_of(int *cpus, int n)
{
	int c, k = 0;

	for (c = 0; c < CPU_SETSIZE && k < n; c++)
		if (CPU_ISSET(c, &saved_cpus))
			cpus[k++] = c;
	return k;
}

/* Run only on these CPUs. */
static void
cpus_set(const int *cpus, int n)
{
	cpu_set_t set;
	int i;

	CPU_ZERO(&set);
	for (i = 0; i < n; i++)
		CPU_SET(cpus[i], &set);
	ck_assert_int_eq(sched_setaffinity(0, sizeof(set), &set), 0);
}

/* proc_lcores_default(workers) gives opt, val and uses n CPUs. */
static void
lcores_is(unsigned int workers, const char *opt, const char *val,
	  unsigned int n)
{
	char o[16], v[256];

	memset(o, 'x', sizeof(o));
	memset(v, 'x', sizeof(v));
	ck_assert_uint_eq(proc_lcores_default(workers, o, sizeof(o), v,
					      sizeof(v)), n);
	ck_assert_str_eq(o, opt);
	ck_assert_str_eq(v, val);
}

/* Two CPUs (this machine has two; a larger one runs on its first two). */
START_TEST(test_lcores_two_cpus)
{
	int c[2];
	char want[128];

	if (cpus_of(c, 2) < 2) {
		fprintf(stderr, "test_proc: one CPU, two-CPU map skipped\n");
		return;
	}
	cpus_set(c, 2);
	snprintf(want, sizeof(want), "%d", c[0]);
	lcores_is(0, "-l", want, 1);
	snprintf(want, sizeof(want), "%d,%d", c[0], c[1]);
	lcores_is(1, "-l", want, 2);
	/* more lcores than CPUs: the main lcore shares the first worker's */
	snprintf(want, sizeof(want), "0@%d,1@%d,2@%d", c[0], c[0], c[1]);
	lcores_is(2, "--lcores", want, 2);
	snprintf(want, sizeof(want), "0@%d,1@%d,2@%d,3@%d,4@%d,5@%d", c[0],
		 c[0], c[1], c[0], c[1], c[0]);
	lcores_is(5, "--lcores", want, 2);
}
END_TEST

/* One CPU, the last one this process may use (not CPU 0 on a machine
 * with two): every lcore on it. */
START_TEST(test_lcores_one_cpu)
{
	int c[CPU_SETSIZE], n = cpus_of(c, CPU_SETSIZE), one = c[n - 1];
	char want[128];

	cpus_set(&one, 1);
	snprintf(want, sizeof(want), "%d", one);
	lcores_is(0, "-l", want, 1);
	snprintf(want, sizeof(want), "0@%d,1@%d", one, one);
	lcores_is(1, "--lcores", want, 1);
	snprintf(want, sizeof(want), "0@%d,1@%d,2@%d", one, one, one);
	lcores_is(2, "--lcores", want, 1);
	snprintf(want, sizeof(want), "0@%d,1@%d,2@%d,3@%d,4@%d,5@%d", one,
		 one, one, one, one, one);
	lcores_is(5, "--lcores", want, 1);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Suite                                                               */
/* ------------------------------------------------------------------ */

static Suite *
proc_suite(void)
{
	Suite *s = suite_create("proc");
	TCase *tc;

	tc = tcase_create("args");
	tcase_add_test(tc, test_split_words);
	tcase_add_test(tc, test_split_refused);
	tcase_add_test(tc, test_has);
	tcase_add_test(tc, test_dashdash);
	tcase_add_test(tc, test_push_join);
	suite_add_tcase(s, tc);

	tc = tcase_create("lcores");
	tcase_add_checked_fixture(tc, cpus_setup, cpus_teardown);
	tcase_add_test(tc, test_lcores_two_cpus);
	tcase_add_test(tc, test_lcores_one_cpu);
	suite_add_tcase(s, tc);

	proc_files_add_tcases(s);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(proc_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

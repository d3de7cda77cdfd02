/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Output files of lib/proc ('proc' suite): proc_out_check() refuses, before
 * a run, a name that is a symbolic link (dangling or not), a directory, a
 * FIFO or a device, in a missing or read-only folder, that is an input of
 * the run or another output under another name; proc_out_open() writes a
 * hidden temporary file in the same folder with the mode of a new file,
 * proc_out_commit() renames it over the name (a reader of the old file
 * keeps the old bytes), proc_out_abort() and a failed commit leave
 * nothing behind.
 *
 * Each test works in a folder of its own under TMPDIR (or /tmp) that the
 * fixture removes; it also restores the umask and the working folder.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_proc.h"

static char err[512];

/* ------------------------------------------------------------------ */
/* Output files                                                        */
/* ------------------------------------------------------------------ */

static char dir[PATH_MAX];   /* the test's folder */
static int cwd_fd = -1;      /* the working folder before the test */
static mode_t saved_umask;

static void
files_setup(void)
{
	const char *t = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/test_proc.XXXXXX",
		 t != NULL && t[0] != '\0' ? t : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	cwd_fd = open(".", O_RDONLY | O_DIRECTORY);
	ck_assert_int_ge(cwd_fd, 0);
	saved_umask = umask(022);
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	chmod(path, 0700); /* a folder a test made read-only */
	return remove(path);
}

static void
files_teardown(void)
{
	umask(saved_umask);
	ck_assert_int_eq(fchdir(cwd_fd), 0);
	close(cwd_fd);
	ck_assert_int_eq(nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS), 0);
}

/* buf = the test's folder / name. */
static const char *
at(char *buf, const char *name)
{
	int n = snprintf(buf, PATH_MAX, "%s/%s", dir, name);

	ck_assert(n > 0 && n < PATH_MAX);
	return buf;
}

static void
put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	ck_assert_int_ge(fputs(text, f), 0);
	ck_assert_int_eq(fclose(f), 0);
}

/* The file's whole content (at most 255 bytes). */
static const char *
get(const char *path)
{
	static char buf[256];
	FILE *f = fopen(path, "r");
	size_t n;

	ck_assert_msg(f != NULL, "cannot read '%s'", path);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Entries of the test's folder; the first one found in first. */
static unsigned int
entries(char *first, size_t len)
{
	unsigned int n = 0;
	struct dirent *e;
	DIR *d = opendir(dir);

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (n++ == 0 && first != NULL)
			snprintf(first, len, "%s", e->d_name);
	}
	closedir(d);
	return n;
}

/* proc_out_check(path) by --json, earlier outputs outs[0..n): rc, and a
 * message that names the option and holds part. */
static void
check_is(const char *path, const struct proc_inputs *in,
	 const char *const *outs, unsigned int n, int rc_want,
	 const char *part)
{
	int rc;

	err[0] = '\0';
	rc = proc_out_check(path, "--json", in, outs, n, err, sizeof(err));
	ck_assert_msg(rc == rc_want, "'%s': rc %d, want %d (%s)", path, rc,
		      rc_want, err);
	if (part == NULL)
		return;
	ck_assert_msg(strncmp(err, "--json: ", 8) == 0, "message '%s'", err);
	ck_assert_msg(strstr(err, part) != NULL, "message '%s' without '%s'",
		      err, part);
}

START_TEST(test_check_accepts)
{
	char p[PATH_MAX];

	/* a new file: accepted, nothing created */
	check_is(at(p, "new.json"), NULL, NULL, 0, 0, NULL);
	ck_assert_int_ne(access(p, F_OK), 0);
	/* an existing regular file: accepted, left as it is */
	put(at(p, "old.json"), "old\n");
	check_is(p, NULL, NULL, 0, 0, NULL);
	ck_assert_str_eq(get(p), "old\n");
}
END_TEST

START_TEST(test_check_symlink)
{
	char p[PATH_MAX], v[PATH_MAX];

	put(at(v, "victim"), "precious\n");
	ck_assert_int_eq(symlink(v, at(p, "out.json")), 0);
	check_is(p, NULL, NULL, 0, -EINVAL, "symbolic link");
	ck_assert_ptr_nonnull(strstr(err, p));
	ck_assert_str_eq(get(v), "precious\n");
	/* a dangling link too: its target is not created */
	ck_assert_int_eq(symlink(at(v, "nowhere"), at(p, "dangling.json")),
			 0);
	check_is(p, NULL, NULL, 0, -EINVAL, "symbolic link");
	ck_assert_int_ne(access(v, F_OK), 0);
}
END_TEST

START_TEST(test_check_not_a_file)
{
	char p[PATH_MAX];

	ck_assert_int_eq(mkdir(at(p, "sub"), 0755), 0);
	check_is(p, NULL, NULL, 0, -EINVAL, "is a directory");
	ck_assert_int_eq(mkfifo(at(p, "fifo"), 0644), 0);
	check_is(p, NULL, NULL, 0, -EINVAL, "is a FIFO");
	check_is("/dev/null", NULL, NULL, 0, -EINVAL, "is a device");
}
END_TEST

START_TEST(test_check_folder)
{
	char p[PATH_MAX], f[PATH_MAX];

	check_is(at(p, "nope/out.json"), NULL, NULL, 0, -ENOENT,
		 "does not exist");
	ck_assert_ptr_nonnull(strstr(err, at(f, "nope")));
	put(at(f, "file"), "x");
	check_is(at(p, "file/out.json"), NULL, NULL, 0, -ENOENT,
		 "does not exist");
	/* a folder this user cannot write (root can: not asserted then) */
	ck_assert_int_eq(mkdir(at(f, "ro"), 0555), 0);
	if (geteuid() == 0) {
		fprintf(stderr, "test_proc: root writes anywhere, read-only "
			"folder not asserted\n");
		return;
	}
	check_is(at(p, "ro/out.json"), NULL, NULL, 0, -EACCES,
		 "Permission denied");
}
END_TEST

START_TEST(test_check_input)
{
	struct proc_inputs in = { 0 };
	char p[PATH_MAX], q[PATH_MAX];
	int i;

	put(at(p, "a.ini"), "[port]\n");
	ck_assert_int_eq(proc_inputs_add(&in, p, "--config"), 0);
	put(at(q, "b.pcap"), "pcap");
	ck_assert_int_eq(proc_inputs_add(&in, q, "--pcap"), 0);
	check_is(p, &in, NULL, 0, -EINVAL, "is the file given to --config");
	ck_assert_ptr_nonnull(strstr(err, "never writes over its input"));
	check_is(q, &in, NULL, 0, -EINVAL, "given to --pcap");
	/* the same file by another name: ./, a hard link, a linked folder */
	check_is(at(q, "./a.ini"), &in, NULL, 0, -EINVAL, "--config");
	ck_assert_int_eq(link(p, at(q, "hard.ini")), 0);
	check_is(q, &in, NULL, 0, -EINVAL, "--config");
	ck_assert_int_eq(symlink(dir, at(q, "lnk")), 0);
	check_is(at(q, "lnk/a.ini"), &in, NULL, 0, -EINVAL, "--config");
	ck_assert_str_eq(get(p), "[port]\n");
	/* another file is fine */
	check_is(at(q, "c.json"), &in, NULL, 0, 0, NULL);

	/* a missing input is not recorded; at most PROC_INPUTS_MAX */
	ck_assert_int_eq(proc_inputs_add(&in, at(q, "none"), "--x"), -ENOENT);
	ck_assert_uint_eq(in.n, 2);
	for (i = 2; i < PROC_INPUTS_MAX; i++)
		ck_assert_int_eq(proc_inputs_add(&in, p, "--config"), 0);
	ck_assert_int_eq(proc_inputs_add(&in, p, "--config"), -E2BIG);
	ck_assert_uint_eq(in.n, PROC_INPUTS_MAX);
}
END_TEST

START_TEST(test_check_other_output)
{
	char p[PATH_MAX], q[PATH_MAX];
	const char *outs[3] = { NULL, "x.csv", NULL };

	ck_assert_int_eq(chdir(dir), 0);
	/* "./x.csv" and "x.csv", and the full name, are one file */
	check_is("./x.csv", NULL, outs, 3, -EINVAL,
		 "is already the output of another option");
	check_is(at(p, "x.csv"), NULL, outs, 3, -EINVAL, "another option");
	check_is("y.csv", NULL, outs, 3, 0, NULL);
	/* through a linked folder */
	ck_assert_int_eq(mkdir("sub", 0755), 0);
	ck_assert_int_eq(symlink("sub", "lnk"), 0);
	outs[0] = at(q, "sub/o.pcap");
	check_is("lnk/o.pcap", NULL, outs, 1, -EINVAL, "another option");
	check_is("lnk/x.csv", NULL, outs, 3, 0, NULL);
	/* an existing file named twice is refused the same way */
	put("x.csv", "1\n");
	check_is("./x.csv", NULL, outs, 3, -EINVAL, "another option");
}
END_TEST

/* Open an output in the test's folder; its temporary file is there. */
static void
out_open(struct proc_out *o, const char *path)
{
	int rc;

	err[0] = '\0';
	rc = proc_out_open(o, path, err, sizeof(err));
	ck_assert_msg(rc == 0, "'%s': rc %d (%s)", path, rc, err);
	ck_assert(o->open);
	ck_assert_ptr_nonnull(o->f);
}

static void
out_commit(struct proc_out *o)
{
	int rc;

	err[0] = '\0';
	rc = proc_out_commit(o, err, sizeof(err));
	ck_assert_msg(rc == 0, "'%s': rc %d (%s)", o->path, rc, err);
	ck_assert(!o->open);
}

START_TEST(test_out_appears_at_commit)
{
	struct proc_out o;
	char p[PATH_MAX], name[256], want[PATH_MAX];

	out_open(&o, at(p, "out.csv"));
	ck_assert_int_ge(fputs("t,frames\n0,1\n", o.f), 0);
	/* before commit: only the hidden temporary file, in the same folder */
	ck_assert_int_ne(access(p, F_OK), 0);
	ck_assert_uint_eq(entries(name, sizeof(name)), 1);
	ck_assert_msg(strncmp(name, ".out.csv.nblgen-", 16) == 0,
		      "temporary file '%s'", name);
	ck_assert_str_eq(o.tmp, at(want, name));
	out_commit(&o);
	/* after: the file, whole, and nothing else */
	ck_assert_str_eq(get(p), "t,frames\n0,1\n");
	ck_assert_uint_eq(entries(name, sizeof(name)), 1);
	ck_assert_str_eq(name, "out.csv");
	/* committed once: a second commit is refused */
	ck_assert_int_eq(proc_out_commit(&o, err, sizeof(err)), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err, "was not written"));
}
END_TEST

/* The mode of a new output under umask m, before and after commit. */
static void
mode_is(mode_t m, const char *name)
{
	struct proc_out o;
	struct stat st;
	char p[PATH_MAX];

	umask(m);
	out_open(&o, at(p, name));
	ck_assert_int_eq(stat(o.tmp, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0666 & ~m);
	out_commit(&o);
	ck_assert_int_eq(stat(p, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0666 & ~m);
	ck_assert(S_ISREG(st.st_mode));
}

START_TEST(test_out_mode)
{
	mode_is(022, "a.pcap");   /* 0644 */
	mode_is(077, "b.pcap");   /* 0600 */
	mode_is(002, "c.pcap");   /* 0664 */
}
END_TEST

/* An existing file is replaced by a new one: a reader that opened the
 * old one (here: a hard link to it) keeps the old bytes. */
START_TEST(test_out_replace_atomic)
{
	struct proc_out o;
	struct stat old, now;
	char p[PATH_MAX], keep[PATH_MAX];

	put(at(p, "r.json"), "{\"old\": 1}\n");
	ck_assert_int_eq(link(p, at(keep, "keep")), 0);
	ck_assert_int_eq(stat(p, &old), 0);
	out_open(&o, p);
	ck_assert_int_ge(fputs("{\"new\": 2}\n", o.f), 0);
	ck_assert_int_eq(fflush(o.f), 0);
	ck_assert_str_eq(get(p), "{\"old\": 1}\n");   /* until commit */
	out_commit(&o);
	ck_assert_str_eq(get(p), "{\"new\": 2}\n");
	ck_assert_int_eq(stat(p, &now), 0);
	ck_assert(now.st_ino != old.st_ino);
	ck_assert_str_eq(get(keep), "{\"old\": 1}\n");
	ck_assert_int_eq(stat(keep, &now), 0);
	ck_assert_uint_eq(now.st_nlink, 1);
}
END_TEST

START_TEST(test_out_abort)
{
	struct proc_out o;
	char p[PATH_MAX], name[256];

	/* a new output: nothing left */
	out_open(&o, at(p, "gone.csv"));
	ck_assert_int_ge(fputs("half", o.f), 0);
	proc_out_abort(&o);
	ck_assert(!o.open);
	ck_assert_uint_eq(entries(NULL, 0), 0);
	proc_out_abort(&o);                  /* twice: nothing more */
	ck_assert_int_eq(proc_out_commit(&o, err, sizeof(err)), -EINVAL);
	ck_assert_uint_eq(entries(NULL, 0), 0);
	/* an existing file: left as it was, no temporary file */
	put(p, "kept\n");
	out_open(&o, p);
	ck_assert_int_ge(fputs("half", o.f), 0);
	proc_out_abort(&o);
	ck_assert_str_eq(get(p), "kept\n");
	ck_assert_uint_eq(entries(name, sizeof(name)), 1);
	ck_assert_str_eq(name, "gone.csv");
}
END_TEST

/* link -> victim: refused by the check; and should a program write it
 * anyway, the link is replaced, never followed. */
START_TEST(test_out_symlink_never_written)
{
	struct proc_out o;
	struct stat st;
	char p[PATH_MAX], v[PATH_MAX];

	put(at(v, "victim"), "precious\n");
	ck_assert_int_eq(symlink(v, at(p, "link.pcap")), 0);
	check_is(p, NULL, NULL, 0, -EINVAL, "symbolic link");
	ck_assert_str_eq(get(v), "precious\n");
	out_open(&o, p);
	ck_assert_int_ge(fputs("written\n", o.f), 0);
	out_commit(&o);
	ck_assert_str_eq(get(v), "precious\n");
	ck_assert_int_eq(lstat(p, &st), 0);
	ck_assert(S_ISREG(st.st_mode));
	ck_assert_str_eq(get(p), "written\n");
}
END_TEST

START_TEST(test_out_fails_leaves_nothing)
{
	struct proc_out o;
	char p[PATH_MAX], name[256];
	int rc;

	/* a missing folder: nothing to create */
	err[0] = '\0';
	rc = proc_out_open(&o, at(p, "nope/x.csv"), err, sizeof(err));
	ck_assert_int_eq(rc, -ENOENT);
	ck_assert_ptr_nonnull(strstr(err, "cannot create a file in"));
	ck_assert_ptr_nonnull(strstr(err, p));
	ck_assert(!o.open);
	/* the name became a folder before commit: refused, no temporary */
	out_open(&o, at(p, "x.csv"));
	ck_assert_int_ge(fputs("data\n", o.f), 0);
	ck_assert_int_eq(mkdir(p, 0755), 0);
	rc = proc_out_commit(&o, err, sizeof(err));
	ck_assert_int_lt(rc, 0);
	ck_assert_ptr_nonnull(strstr(err, "cannot write"));
	ck_assert_ptr_nonnull(strstr(err, p));
	ck_assert(!o.open);
	ck_assert_uint_eq(entries(name, sizeof(name)), 1);
	ck_assert_str_eq(name, "x.csv");
}
END_TEST

void
proc_files_add_tcases(Suite *s)
{
	TCase *tc;

	tc = tcase_create("out_check");
	tcase_add_checked_fixture(tc, files_setup, files_teardown);
	tcase_add_test(tc, test_check_accepts);
	tcase_add_test(tc, test_check_symlink);
	tcase_add_test(tc, test_check_not_a_file);
	tcase_add_test(tc, test_check_folder);
	tcase_add_test(tc, test_check_input);
	tcase_add_test(tc, test_check_other_output);
	suite_add_tcase(s, tc);

	tc = tcase_create("out_write");
	tcase_add_checked_fixture(tc, files_setup, files_teardown);
	tcase_add_test(tc, test_out_appears_at_commit);
	tcase_add_test(tc, test_out_mode);
	tcase_add_test(tc, test_out_replace_atomic);
	tcase_add_test(tc, test_out_abort);
	tcase_add_test(tc, test_out_symlink_never_written);
	tcase_add_test(tc, test_out_fails_leaves_nothing);
	suite_add_tcase(s, tc);
}

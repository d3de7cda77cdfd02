/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* Output files: checked before the run, written under a temporary name
 * in the same folder, renamed at the end; never through a symbolic link,
 * never onto an input, never left half-written. */

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proc.h"

int
proc_inputs_add(struct proc_inputs *in, const char *path, const char *what)
{
	struct stat st;

	if (in->n >= PROC_INPUTS_MAX)
		return -E2BIG;
	if (stat(path, &st) != 0)
		return -ENOENT;
	in->dev[in->n] = st.st_dev;
	in->ino[in->n] = st.st_ino;
	snprintf(in->what[in->n], sizeof(in->what[0]), "%s", what);
	in->n++;
	return 0;
}

/* The folder of a path (a copy: dirname() may write into its argument). */
static void
folder_of(const char *path, char *buf, size_t len)
{
	char tmp[PATH_MAX];

	snprintf(tmp, sizeof(tmp), "%s", path);
	snprintf(buf, len, "%s", dirname(tmp));
}

static void
base_of(const char *path, char *buf, size_t len)
{
	char tmp[PATH_MAX];

	snprintf(tmp, sizeof(tmp), "%s", path);
	snprintf(buf, len, "%s", basename(tmp));
}

/* The path with its folder resolved, to compare two outputs. */
static int
canonical(const char *path, char *buf, size_t len)
{
	char dir[PATH_MAX], real[PATH_MAX], base[PATH_MAX];

	folder_of(path, dir, sizeof(dir));
	base_of(path, base, sizeof(base));
	if (realpath(dir, real) == NULL)
		return -errno;
	if ((size_t)snprintf(buf, len, "%s/%s", real, base) >= len)
		return -ENAMETOOLONG;
	return 0;
}

static const char *
file_kind(mode_t m)
{
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "a device";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a regular file";
}

int
proc_out_check(const char *path, const char *opt,
	       const struct proc_inputs *in, const char *const *outs,
	       unsigned int nouts, char *err, size_t errlen)
{
	char dir[PATH_MAX], me[PATH_MAX], other[PATH_MAX];
	struct stat st;
	unsigned int i;

	if (path == NULL || path[0] == '\0') {
		snprintf(err, errlen, "%s: empty file name", opt);
		return -EINVAL;
	}
	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode)) {
			snprintf(err, errlen, "%s: '%s' is a symbolic link; "
				 "nblgen never writes through one (name the "
				 "file itself, or another file)", opt, path);
			return -EINVAL;
		}
		if (!S_ISREG(st.st_mode)) {
			snprintf(err, errlen, "%s: '%s' is %s, not a file "
				 "nblgen can write", opt, path,
				 file_kind(st.st_mode));
			return -EINVAL;
		}
		for (i = 0; in != NULL && i < in->n; i++)
			if (in->dev[i] == st.st_dev &&
			    in->ino[i] == st.st_ino) {
				snprintf(err, errlen, "%s: '%s' is the file "
					 "given to %s; nblgen never writes "
					 "over its input", opt, path,
					 in->what[i]);
				return -EINVAL;
			}
	}
	folder_of(path, dir, sizeof(dir));
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: cannot write '%s': folder '%s' "
			 "does not exist", opt, path, dir);
		return -ENOENT;
	}
	if (access(dir, W_OK | X_OK) != 0) {
		int e = errno;

		snprintf(err, errlen, "%s: cannot write '%s': folder '%s': "
			 "%s", opt, path, dir, strerror(e));
		return -EACCES;
	}
	if (canonical(path, me, sizeof(me)) != 0)
		return 0;
	for (i = 0; i < nouts; i++)
		if (outs[i] != NULL && canonical(outs[i], other,
						 sizeof(other)) == 0 &&
		    strcmp(me, other) == 0) {
			snprintf(err, errlen, "%s: '%s' is already the "
				 "output of another option", opt, path);
			return -EINVAL;
		}
	return 0;
}

int
proc_out_open(struct proc_out *o, const char *path, char *err, size_t errlen)
{
	char dir[PATH_MAX], base[PATH_MAX];
	mode_t mask;
	int fd, e;

	memset(o, 0, sizeof(*o));
	folder_of(path, dir, sizeof(dir));
	base_of(path, base, sizeof(base));
	if ((size_t)snprintf(o->path, sizeof(o->path), "%s", path) >=
	    sizeof(o->path) ||
	    (size_t)snprintf(o->tmp, sizeof(o->tmp), "%s/.%s.nblgen-XXXXXX",
			     dir, base) >= sizeof(o->tmp)) {
		snprintf(err, errlen, "'%s': name too long", path);
		return -ENAMETOOLONG;
	}
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		e = errno;
		snprintf(err, errlen, "cannot create a file in '%s' for '%s': "
			 "%s", dir, path, strerror(e));
		return -e;
	}
	o->open = true;
	/* mkstemp makes 0600: give the file the mode of any new file */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0 ||
	    (o->f = fdopen(fd, "w")) == NULL) {
		e = errno;
		close(fd);
		proc_out_abort(o);
		snprintf(err, errlen, "cannot open a file for '%s': %s", path,
			 strerror(e));
		return -e;
	}
	return 0;
}

int
proc_out_commit(struct proc_out *o, char *err, size_t errlen)
{
	int e = 0;

	if (!o->open) {
		snprintf(err, errlen, "'%s' was not written", o->path);
		return -EINVAL;
	}
	if (o->f != NULL) {
		if (fflush(o->f) != 0 || ferror(o->f))
			e = errno != 0 ? errno : EIO;
		if (fclose(o->f) != 0 && e == 0)
			e = errno;
		o->f = NULL;
	}
	if (e == 0 && rename(o->tmp, o->path) != 0)
		e = errno;
	if (e != 0) {
		snprintf(err, errlen, "cannot write '%s': %s", o->path,
			 strerror(e));
		proc_out_abort(o);
		return -e;
	}
	o->open = false;
	return 0;
}

void
proc_out_abort(struct proc_out *o)
{
	if (!o->open)
		return;
	if (o->f != NULL) {
		fclose(o->f);
		o->f = NULL;
	}
	unlink(o->tmp);
	o->open = false;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* EAL start and clean-up, the runtime directory a run made up for
 * itself, and the final leak check. */

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>

#include <nbl.h>

#include "proc.h"

/* Remove a runtime directory: only plain entries (config, sockets) are
 * expected there. */
static void
runtime_dir_remove(const char *dir)
{
	struct dirent *e;
	DIR *d;

	if (dir == NULL || dir[0] == '\0')
		return;
	d = opendir(dir);
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			unlinkat(dirfd(d), e->d_name, 0);
	closedir(d);
	rmdir(dir);
}

/* The EAL's log stream: stderr, less one line DPDK 22.11's telemetry
 * prints at every start whatever the log levels ("No legacy callbacks,
 * legacy socket not created": the legacy socket is an obsolete interface
 * nobody asked for); every other line passes unchanged. */
static ssize_t
log_write(void *cookie, const char *buf, size_t len)
{
	static const char noise[] = "No legacy callbacks, legacy socket not "
		"created";

	RTE_SET_USED(cookie);
	if (memmem(buf, len, noise, sizeof(noise) - 1) != NULL)
		return (ssize_t)len;
	return (ssize_t)fwrite(buf, 1, len, stderr);
}

static void
log_filter_install(void)
{
	static const cookie_io_functions_t io = {.write = log_write};
	FILE *f = fopencookie(NULL, "w", io);

	if (f == NULL)
		return;
	setvbuf(f, NULL, _IOLBF, 0);
	rte_openlog_stream(f);
}

int
proc_eal_init(const struct proc_args *a, bool own_prefix, char *err,
	      size_t errlen)
{
	char *argv[PROC_ARGS_MAX + 1];
	int e;

	log_filter_install();

	/* the EAL may permute its argv: give it a copy of the pointers */
	memcpy(argv, a->argv, sizeof(argv));
	if (rte_eal_init(a->argc, argv) >= 0)
		return 0;
	e = rte_errno;
	snprintf(err, errlen, "%s", rte_strerror(e));
	if (own_prefix)
		runtime_dir_remove(rte_eal_get_runtime_dir());
	return -e;
}

void
proc_eal_fini(bool own_prefix)
{
	char dir[PATH_MAX];

	snprintf(dir, sizeof(dir), "%s", rte_eal_get_runtime_dir());
	rte_eal_cleanup();
	if (own_prefix)
		runtime_dir_remove(dir);
}

bool
proc_leak_check(FILE *f, const char *prog)
{
	uint64_t missing;

	if (nbl_internal_pools_release() != 0)
		fprintf(f, "%s: libnbl's internal pools still have objects "
			"out\n", prog);
	missing = nbl_leak_check(f);
	if (missing == 0) {
		fprintf(f, "%s: leak check: every pool is full again (0 "
			"objects missing)\n", prog);
		return true;
	}
	fprintf(f, "%s: leak check: %" PRIu64 " objects missing\n", prog,
		missing);
	return false;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* nblgen: parse options and configuration, start the EAL, create the
 * port, run the main job, check that every pool is full again. */

#include <dirent.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_errno.h>

#include <nbl.h>

#include "app.h"

/* The one mutable global: set by SIGINT/SIGTERM, read by every loop. */
static int stop_flag;

void
gen_stop(void)
{
	__atomic_store_n(&stop_flag, 1, __ATOMIC_RELEASE);
}

bool
gen_stopped(void)
{
	return __atomic_load_n(&stop_flag, __ATOMIC_ACQUIRE) != 0;
}

static void
on_signal(int sig)
{
	RTE_SET_USED(sig);
	gen_stop();
}

static void
signals_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

static void
print_eal_args(const struct gen_eal_args *a)
{
	int i;

	printf("nblgen: EAL arguments:");
	for (i = 1; i < a->argc; i++)
		printf(" %s", a->argv[i]);
	printf("\n");
}

/* Remove the EAL runtime directory of a prefix nblgen made up itself
 * (nblgen-<pid>), so that runs do not pile up in /var/run/dpdk.  Only
 * plain entries (config, sockets) are expected there. */
static void
runtime_dir_remove(const char *dir)
{
	struct dirent *e;
	DIR *d = opendir(dir);

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			unlinkat(dirfd(d), e->d_name, 0);
	closedir(d);
	rmdir(dir);
}

/* Leak check of every pool of the process, after everything was freed. */
static bool
leak_check(void)
{
	uint64_t missing;

	if (nbl_internal_pools_release() != 0)
		printf("nblgen: libnbl's internal pools still have objects "
		       "out\n");
	missing = nbl_leak_check(stdout);
	if (missing == 0) {
		printf("nblgen: leak check: every pool is full again (0 "
		       "objects missing)\n");
		return true;
	}
	printf("nblgen: leak check: %" PRIu64 " objects missing\n", missing);
	return false;
}

int
main(int argc, char **argv)
{
	char err[GEN_ERR_LEN], runtime_dir[PATH_MAX];
	struct gen_eal_args eal;
	struct gen_port port;
	struct gen_opts o;
	bool held = false;
	int ret;

	gen_opts_init(&o);
	if (gen_opts_parse(&o, argc, argv, err, sizeof(err)) != 0) {
		fprintf(stderr, "nblgen: %s\nTry 'nblgen --help'.\n", err);
		return GEN_EXIT_USAGE;
	}
	if (o.help) {
		gen_opts_usage(stdout, "nblgen");
		return GEN_EXIT_OK;
	}
	if (gen_eal_args_build(&o, argv[0], (int)getpid(), &eal, err,
			       sizeof(err)) != 0) {
		fprintf(stderr, "nblgen: %s\n", err);
		return GEN_EXIT_USAGE;
	}
	signals_install();
	if (o.verbose)
		print_eal_args(&eal);
	if (rte_eal_init(eal.argc, eal.argv) < 0) {
		fprintf(stderr, "nblgen: cannot initialise the EAL: %s%s%s\n",
			rte_strerror(rte_errno), o.eal[0] != '\0' ?
			" (check the arguments of --eal)" : "", o.huge ?
			" (--huge: are hugepages reserved and mounted?)" :
			"");
		if (gen_eal_args_own_prefix(&o) &&
		    rte_eal_get_runtime_dir()[0] != '\0')
			runtime_dir_remove(rte_eal_get_runtime_dir());
		return o.eal[0] != '\0' ? GEN_EXIT_USAGE : GEN_EXIT_FAIL;
	}
	fflush(stdout);
	snprintf(runtime_dir, sizeof(runtime_dir), "%s",
		 rte_eal_get_runtime_dir());
	if (gen_port_create(&o, &port, err, sizeof(err)) != 0) {
		fprintf(stderr, "nblgen: %s\n", err);
		ret = GEN_EXIT_USAGE;
		goto out;
	}
	printf("nblgen: port %u is %s%s%s%s\n", port.port_id, port.name,
	       port.args[0] != '\0' ? " (" : "", port.args,
	       port.args[0] != '\0' ? ")" : "");
	ret = gen_job_run(&o, &port, &held);
	if (held) {
		/* EAL cleanup closes the port; the buffers it held are
		 * not back in their pool, so no "full" claim here */
		printf("nblgen: leak check: the binding's pools are not full "
		       "(the port still holds buffers, see above)\n");
		ret = GEN_EXIT_FAIL;
		goto cleanup;
	}
	gen_port_remove(&port);
out:
	if (!leak_check() && ret == GEN_EXIT_OK)
		ret = GEN_EXIT_FAIL;
cleanup:
	rte_eal_cleanup();
	if (gen_eal_args_own_prefix(&o))
		runtime_dir_remove(runtime_dir);
	fflush(stdout);
	return ret;
}

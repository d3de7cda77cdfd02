/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* nblgen: parse the settings, start the EAL (the options before "--", or
 * the embedded default), run, and check that every pool is full again. */

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <rte_version.h>

#include <proc.h>

#include "eal_args.h"
#include "opts.h"
#include "run.h"

#ifndef NBLGEN_VERSION
#define NBLGEN_VERSION "unknown"
#endif

/* The one mutable global: set by SIGINT/SIGTERM, read by every loop. */
static int stop_flag;

static void
on_signal(int sig)
{
	(void)sig;
	__atomic_store_n(&stop_flag, 1, __ATOMIC_RELEASE);
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

/* The first line: where the EAL arguments came from. */
static void
print_eal(const struct app_eal *e)
{
	char line[2048];

	proc_args_join(&e->args, 1, line, sizeof(line));
	if (e->embedded)
		printf("nblgen: no EAL options: embedded default (EAL %s)\n",
		       line);
	else
		printf("nblgen: EAL options: %s\n", line);
	fflush(stdout);
}

static int
eal_start(const struct app_opts *o, struct app_eal *e)
{
	char err[APP_ERR_LEN];

	if (proc_eal_init(&e->args, e->own_prefix, err, sizeof(err)) == 0)
		return APP_EXIT_OK;
	fprintf(stderr, "nblgen: cannot initialise the EAL: %s%s%s\n", err,
		o->eal[0] != '\0' ? " (check the arguments of --eal)" :
		o->eal_n > 0 ? " (check the EAL options before '--')" : "",
		o->huge ? " (--huge: are hugepages reserved and mounted?)" :
		"");
	app_eal_outs_finish(e, false, err, sizeof(err));
	return o->eal[0] != '\0' || o->eal_n > 0 ? APP_EXIT_USAGE :
		APP_EXIT_FAIL;
}

int
main(int argc, char **argv)
{
	static struct app_opts o;
	static struct app_eal eal;
	static struct app_run run;
	struct proc_inputs in;
	char err[APP_ERR_LEN];
	int ret;

	app_opts_init(&o);
	if (app_opts_parse(&o, argc, argv, err, sizeof(err)) != 0) {
		fprintf(stderr, "nblgen: %s\nTry 'nblgen --help'.\n", err);
		app_opts_fini(&o);
		return APP_EXIT_USAGE;
	}
	if (o.help || o.version) {
		if (o.help)
			app_opts_usage(stdout);
		else
			printf("nblgen %s (%s)\n", NBLGEN_VERSION,
			       rte_version());
		app_opts_fini(&o);
		return APP_EXIT_OK;
	}
	memset(&in, 0, sizeof(in));
	if (o.config[0] != '\0')
		proc_inputs_add(&in, o.config, "--config");
	if (app_eal_build(&o, argv[0], (int)getpid(), &in, &eal, err,
			  sizeof(err)) != 0) {
		fprintf(stderr, "nblgen: %s\n", err);
		app_opts_fini(&o);
		return APP_EXIT_USAGE;
	}
	signals_install();
	print_eal(&eal);
	ret = eal_start(&o, &eal);
	if (ret != APP_EXIT_OK) {
		app_opts_fini(&o);
		return ret;
	}
	run.o = &o;
	run.eal = &eal;
	run.stop = &stop_flag;
	run.argc = argc;
	run.argv = argv;
	ret = app_run_setup(&run);
	if (ret == APP_EXIT_OK)
		ret = app_run_send(&run);
	ret = app_run_finish(&run, ret);
	if (!run.held && !proc_leak_check(stdout, "nblgen") &&
	    ret == APP_EXIT_OK)
		ret = APP_EXIT_FAIL;
	if (run.held)
		printf("nblgen: leak check: the binding's pools are not full "
		       "(the port still holds buffers, see above)\n");
	fflush(stdout);
	proc_eal_fini(eal.own_prefix);
	app_opts_fini(&o);
	return ret;
}

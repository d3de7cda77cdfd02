/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_mempool.h>

#include <nbl.h>

#include <proc.h>

#include "bench_common.h"


int
bench_parse_uint(const char *prog, const char *opt, const char *arg,
		 unsigned int min, unsigned int max, unsigned int *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(arg, &end, 0);
	if (errno != 0 || *arg == '\0' || *end != '\0' || v < min || v > max) {
		fprintf(stderr, "%s: option --%s: '%s' is not a number "
			"in [%u, %u]\n", prog, opt, arg, min, max);
		return -EINVAL;
	}
	*out = (unsigned int)v;
	return 0;
}

int
bench_parse_opts(const char *prog, int argc, char **argv,
		 const struct bench_opt *opts, unsigned int n,
		 void (*usage)(void))
{
	struct option longopts[BENCH_MAX_OPTS + 2];
	unsigned int i;
	int opt, idx, ret;

	if (n > BENCH_MAX_OPTS)
		return -EINVAL;
	memset(longopts, 0, sizeof(longopts));
	for (i = 0; i < n; i++) {
		longopts[i].name = opts[i].name;
		longopts[i].has_arg = required_argument;
		longopts[i].val = 256 + (int)i;
	}
	longopts[n].name = "help";
	longopts[n].has_arg = no_argument;
	longopts[n].val = 'h';

	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", longopts, &idx)) != -1) {
		const struct bench_opt *o;

		if (opt == 'h') {
			usage();
			exit(EXIT_SUCCESS);
		}
		if (opt < 256 || opt >= 256 + (int)n) {
			usage();
			return -EINVAL;
		}
		o = &opts[opt - 256];
		ret = bench_parse_uint(prog, o->name, optarg, o->min, o->max,
				       o->out);
		if (ret == 0 && o->check != NULL)
			ret = o->check(*o->out);
		if (ret != 0)
			return ret;
	}
	if (optind < argc) {
		fprintf(stderr, "%s: unexpected argument '%s'\n", prog,
			argv[optind]);
		return -EINVAL;
	}
	return 0;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

double
bench_median(double *v, unsigned int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int
bench_eal_init(int *argc, char ***argv, const char *prog, const char *lcores,
	       const char *const *extra, unsigned int n_extra, bool *own_prefix)
{
	struct proc_args a;
	char err[256];
	char **av = *argv;
	int ac = *argc, eal_n, start, i, rc = 0;
	unsigned int k;

	proc_args_init(&a, av[0]);
	proc_args_split_dashdash(ac, av, &eal_n, &start);
	*own_prefix = eal_n == 0;
	if (eal_n > 0) {
		/* the DPDK convention: EAL options before "--", verbatim */
		for (i = 1; i <= eal_n; i++)
			rc |= proc_args_push(&a, "%s", av[i]);
	} else {
		rc |= proc_args_push(&a, "--no-huge");
		rc |= proc_args_push(&a, "-m");
		rc |= proc_args_push(&a, "512");
		rc |= proc_args_push(&a, "--no-pci");
		rc |= proc_args_push(&a, "-l");
		rc |= proc_args_push(&a, "%s", lcores);
		for (k = 0; k < n_extra; k++)
			rc |= proc_args_push(&a, "%s", extra[k]);
		rc |= proc_args_push(&a, "--file-prefix");
		rc |= proc_args_push(&a, "%s_%d", prog, (int)getpid());
		rc |= proc_args_push(&a, "--log-level");
		rc |= proc_args_push(&a, "lib.eal:warning");
		rc |= proc_args_push(&a, "--no-telemetry");
		rc |= proc_args_push(&a, "--no-shconf");
	}
	if (rc != 0) {
		fprintf(stderr, "%s: too many EAL arguments\n", prog);
		return -E2BIG;
	}
	rc = proc_eal_init(&a, *own_prefix, err, sizeof(err));
	if (rc != 0) {
		fprintf(stderr, "%s: rte_eal_init: %s\n", prog, err);
		return rc;
	}
	/* argv[0] stands before the benchmark's own options */
	*argc = ac - (start - 1);
	*argv = av + (start - 1);
	(*argv)[0] = av[0];
	return 0;
}

void
bench_eal_cleanup(bool own_prefix)
{
	proc_eal_fini(own_prefix);
}

int
bench_raw_pool_free(const char *prog, struct rte_mempool *mp)
{
	int status = 0;

	if (mp == NULL)
		return 0;
	if (rte_mempool_full(mp) == 0) {
		fprintf(stderr, "%s: raw pool is not full\n", prog);
		status = -1;
	}
	rte_mempool_free(mp);
	return status;
}

int
bench_leak_check(const char *prog)
{
	return proc_leak_check(stderr, prog) ? 0 : -1;
}

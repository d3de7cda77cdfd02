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

#include "bench_common.h"

#define BENCH_MAX_EXTRA 8

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
	       const char *const *extra, unsigned int n_extra)
{
	char prefix[64];
	char *defaults[16 + BENCH_MAX_EXTRA];
	char **av = *argv;
	int ac = *argc, i, ret, n = 0, consumed;
	unsigned int k;

	for (i = 1; i < ac; i++)
		if (strcmp(av[i], "--") == 0)
			break;
	if (i < ac && i > 1) {
		ret = rte_eal_init(i, av);
		consumed = i;
	} else {
		if (n_extra > BENCH_MAX_EXTRA)
			n_extra = BENCH_MAX_EXTRA;
		snprintf(prefix, sizeof(prefix), "%s_%d", prog, (int)getpid());
		defaults[n++] = av[0];
		defaults[n++] = (char *)"--no-huge";
		defaults[n++] = (char *)"-m";
		defaults[n++] = (char *)"512";
		defaults[n++] = (char *)"--no-pci";
		defaults[n++] = (char *)"-l";
		defaults[n++] = (char *)(uintptr_t)lcores;
		for (k = 0; k < n_extra; k++)
			defaults[n++] = (char *)(uintptr_t)extra[k];
		defaults[n++] = (char *)"--file-prefix";
		defaults[n++] = prefix;
		defaults[n++] = (char *)"--log-level";
		defaults[n++] = (char *)"lib.eal:warning";
		defaults[n++] = (char *)"--no-telemetry";
		defaults[n++] = (char *)"--no-shconf";
		ret = rte_eal_init(n, defaults);
		consumed = i < ac ? i : 0; /* skip a leading "--" */
	}
	if (ret < 0) {
		fprintf(stderr, "%s: rte_eal_init: %s\n", prog,
			rte_strerror(rte_errno));
		return ret;
	}
	*argc = ac - consumed;
	*argv = av + consumed;
	return 0;
}

void
bench_eal_cleanup(void)
{
	char dir[PATH_MAX];

	snprintf(dir, sizeof(dir), "%s", rte_eal_get_runtime_dir());
	rte_eal_cleanup();
	/* empty with --no-shconf and --no-telemetry (the defaults); a
	 * directory that still holds files is left alone */
	rmdir(dir);
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
	uint64_t leaked = nbl_leak_check(stderr);

	if (leaked != 0) {
		fprintf(stderr, "%s: leak check: %" PRIu64
			" objects missing\n", prog, leaked);
		return -1;
	}
	return 0;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* The EAL argument vector of a run, built from the settings. */

#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "opts.h"

static int
push(struct gen_eal_args *a, const char *fmt, ...)
{
	size_t room = sizeof(a->store) - a->used;
	va_list ap;
	int n;

	if (a->argc + 1 >= (int)RTE_DIM(a->argv))
		return -E2BIG;
	va_start(ap, fmt);
	n = vsnprintf(a->store + a->used, room, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= room)
		return -E2BIG;
	a->argv[a->argc++] = a->store + a->used;
	a->argv[a->argc] = NULL;
	a->used += (size_t)n + 1;
	return 0;
}

/* Split --eal like a shell would, without any expansion: blanks separate
 * words, '...' and "..." quote, backslash escapes one character outside
 * single quotes. */
static int
split_words(struct gen_eal_args *a, const char *s, char *err, size_t errlen)
{
	char word[1024];

	for (;;) {
		size_t n = 0;
		char quote = 0;
		bool any = false;

		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		if (*s == '\0')
			return 0;
		for (; *s != '\0'; s++) {
			char c = *s;

			if (quote == 0 && (c == ' ' || c == '\t' || c == '\n'))
				break;
			if (quote == 0 && (c == '\'' || c == '"')) {
				quote = c;
				any = true;
				continue;
			}
			if (quote != 0 && c == quote) {
				quote = 0;
				continue;
			}
			if (c == '\\' && quote != '\'' && s[1] != '\0')
				c = *++s;
			if (n + 1 >= sizeof(word)) {
				snprintf(err, errlen, "option --eal: a word is "
					 "longer than %zu bytes",
					 sizeof(word) - 1);
				return -EINVAL;
			}
			word[n++] = c;
			any = true;
		}
		if (quote != 0) {
			snprintf(err, errlen, "option --eal: unterminated %c "
				 "quote", quote);
			return -EINVAL;
		}
		word[n] = '\0';
		if (any && push(a, "%s", word) != 0) {
			snprintf(err, errlen, "option --eal: too many "
				 "arguments");
			return -E2BIG;
		}
	}
}

static bool
has_arg(const struct gen_eal_args *a, int from, const char *const *names)
{
	int i;

	for (i = from; i < a->argc; i++) {
		const char *const *n;

		for (n = names; *n != NULL; n++) {
			size_t len = strlen(*n);

			const char *arg = a->argv[i];

			/* --name, --name=value, -Xvalue */
			if (strncmp(arg, *n, len) == 0 &&
			    (arg[len] == '\0' || arg[len] == '=' ||
			     ((*n)[1] != '-' && arg[len] != '-')))
				return true;
		}
	}
	return false;
}

/* The first two CPUs this process may run on: a main lcore that drives
 * the run and a worker that sends. */
static int
default_lcores(char *buf, size_t len)
{
	cpu_set_t set;
	int cpu, found = 0, first = -1;

	if (sched_getaffinity(0, sizeof(set), &set) != 0)
		return snprintf(buf, len, "0");
	for (cpu = 0; cpu < CPU_SETSIZE && found < 2; cpu++) {
		if (!CPU_ISSET(cpu, &set))
			continue;
		if (found++ == 0)
			first = cpu;
		else
			return snprintf(buf, len, "%d,%d", first, cpu);
	}
	return snprintf(buf, len, "%d", first < 0 ? 0 : first);
}

int
gen_eal_args_build(const struct gen_opts *o, const char *prog, int pid,
		   struct gen_eal_args *a, char *err, size_t errlen)
{
	static const char *const lcore_opts[] = {"-l", "-c", "--lcores", NULL};
	static const char *const mem_opts[] = {"-m", "--socket-mem", NULL};
	static const char *const prefix_opts[] = {"--file-prefix", NULL};
	struct gen_eal_args extra;
	char lcores[32];
	int i, rc = 0;

	memset(a, 0, sizeof(*a));
	memset(&extra, 0, sizeof(extra));
	rc = split_words(&extra, o->eal, err, errlen);
	if (rc != 0)
		return rc;
	if (o->file_prefix[0] != '\0' && has_arg(&extra, 0, prefix_opts)) {
		snprintf(err, errlen, "options --file-prefix and --eal "
			 "'--file-prefix ...': give the prefix once");
		return -EINVAL;
	}
	rc |= push(a, "%s", prog);
	if (!o->huge) {
		rc |= push(a, "--no-huge");
		if (!has_arg(&extra, 0, mem_opts)) {
			rc |= push(a, "-m");
			rc |= push(a, "512");
		}
	}
	if (o->pci[0] == '\0') {
		rc |= push(a, "--no-pci");
	} else {
		/* probe that device alone, not every NIC bound to DPDK */
		rc |= push(a, "-a");
		rc |= push(a, "%s", o->pci);
	}
	if (!has_arg(&extra, 0, lcore_opts)) {
		default_lcores(lcores, sizeof(lcores));
		rc |= push(a, "-l");
		rc |= push(a, "%s", lcores);
	}
	if (!has_arg(&extra, 0, prefix_opts)) {
		rc |= push(a, "--file-prefix");
		if (o->file_prefix[0] != '\0')
			rc |= push(a, "%s", o->file_prefix);
		else
			rc |= push(a, "nblgen-%d", pid);
	}
	if (!o->verbose)
		rc |= push(a, "--log-level=*:warning");
	for (i = 0; i < extra.argc; i++)
		rc |= push(a, "%s", extra.argv[i]);
	if (rc != 0) {
		snprintf(err, errlen, "option --eal: too many or too long "
			 "EAL arguments");
		return -E2BIG;
	}
	return 0;
}

bool
gen_eal_args_own_prefix(const struct gen_opts *o)
{
	static const char *const prefix_opts[] = {"--file-prefix", NULL};
	struct gen_eal_args extra;
	char err[GEN_ERR_LEN];

	if (o->file_prefix[0] != '\0')
		return false;
	memset(&extra, 0, sizeof(extra));
	if (split_words(&extra, o->eal, err, sizeof(err)) != 0)
		return false;
	return !has_arg(&extra, 0, prefix_opts);
}

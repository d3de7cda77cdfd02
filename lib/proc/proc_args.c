/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* Argument vectors: building, splitting like a shell, looking up, the
 * "--" convention and the embedded default's lcore map. */

#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "proc.h"

void
proc_args_init(struct proc_args *a, const char *prog)
{
	memset(a, 0, sizeof(*a));
	proc_args_push(a, "%s", prog);
}

static int
vpush(struct proc_args *a, const char *fmt, va_list ap)
{
	size_t room = sizeof(a->store) - a->used;
	int n;

	if (a->argc >= PROC_ARGS_MAX)
		return -E2BIG;
	n = vsnprintf(a->store + a->used, room, fmt, ap);
	if (n < 0 || (size_t)n >= room)
		return -E2BIG;
	a->argv[a->argc++] = a->store + a->used;
	a->argv[a->argc] = NULL;
	a->used += (size_t)n + 1;
	return 0;
}

int
proc_args_push(struct proc_args *a, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vpush(a, fmt, ap);
	va_end(ap);
	return rc;
}

static bool
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

int
proc_args_split(struct proc_args *a, const char *s, char *err, size_t errlen)
{
	char word[1024];

	for (;;) {
		size_t n = 0;
		char quote = 0;
		bool any = false;

		while (blank(*s))
			s++;
		if (*s == '\0')
			return 0;
		for (; *s != '\0'; s++) {
			char c = *s;

			if (quote == 0 && blank(c))
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
				snprintf(err, errlen, "a word is longer than "
					 "%zu bytes", sizeof(word) - 1);
				return -E2BIG;
			}
			word[n++] = c;
			any = true;
		}
		if (quote != 0) {
			snprintf(err, errlen, "unterminated %c quote", quote);
			return -EINVAL;
		}
		word[n] = '\0';
		if (any && proc_args_push(a, "%s", word) != 0) {
			snprintf(err, errlen, "too many or too long "
				 "arguments");
			return -E2BIG;
		}
	}
}

bool
proc_args_has(const struct proc_args *a, int from, const char *const *names)
{
	int i;

	for (i = from; i < a->argc; i++) {
		const char *const *n;

		for (n = names; *n != NULL; n++) {
			const char *arg = a->argv[i];
			size_t len = strlen(*n);

			/* --name, --name=value, -Xvalue */
			if (strncmp(arg, *n, len) == 0 &&
			    (arg[len] == '\0' || arg[len] == '=' ||
			     ((*n)[1] != '-' && arg[len] != '-')))
				return true;
		}
	}
	return false;
}

void
proc_args_join(const struct proc_args *a, int from, char *buf, size_t len)
{
	size_t used = 0;
	int i;

	if (len == 0)
		return;
	buf[0] = '\0';
	for (i = from; i < a->argc && used < len; i++) {
		int n = snprintf(buf + used, len - used, "%s%s",
				 i > from ? " " : "", a->argv[i]);

		if (n < 0)
			break;
		used += (size_t)n;
	}
}

bool
proc_args_split_dashdash(int argc, char **argv, int *eal_n, int *opt_start)
{
	int i;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--") == 0) {
			*eal_n = i - 1;
			*opt_start = i + 1;
			return true;
		}
	*eal_n = 0;
	*opt_start = 1;
	return false;
}

unsigned int
proc_lcores_default(unsigned int workers, char *opt, size_t optlen,
		    char *val, size_t vallen)
{
	int cpus[CPU_SETSIZE];
	unsigned int ncpu = 0, i, used;
	size_t n = 0;
	cpu_set_t set;
	int c;

	if (sched_getaffinity(0, sizeof(set), &set) == 0) {
		for (c = 0; c < CPU_SETSIZE; c++)
			if (CPU_ISSET(c, &set))
				cpus[ncpu++] = c;
	}
	if (ncpu == 0)
		cpus[ncpu++] = 0;
	val[0] = '\0';
	if (workers + 1 <= ncpu) {
		/* one CPU each: -l with the first ones */
		snprintf(opt, optlen, "-l");
		for (i = 0; i <= workers && n < vallen; i++)
			n += (size_t)snprintf(val + n, vallen - n, "%s%d",
					      i ? "," : "", cpus[i]);
		return workers + 1;
	}
	/* fewer CPUs than lcores: the main lcore (which sleeps while the
	 * workers send) shares the first worker's CPU; workers beyond the
	 * CPUs share them in turn */
	snprintf(opt, optlen, "--lcores");
	n += (size_t)snprintf(val, vallen, "0@%d", cpus[0]);
	for (i = 1; i <= workers && n < vallen; i++)
		n += (size_t)snprintf(val + n, vallen - n, ",%u@%d", i,
				      cpus[(i - 1) % ncpu]);
	used = workers < ncpu ? workers : ncpu;
	return used == 0 ? 1 : used;
}

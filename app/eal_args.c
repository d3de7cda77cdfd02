/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* The EAL argument vector of a run. */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "eal_args.h"
#include "ports.h"

/* A device argument with a net_pcap tx_pcap= rewritten to a temporary
 * output (dev unchanged otherwise). */
static int
eal_dev_rewrite(struct app_eal *e, const char *arg, char *dev, size_t len,
		const struct proc_inputs *in, char *err, size_t errlen)
{
	char name[128], args[1024], what[160];
	size_t n = strcspn(arg, ",");
	int rc;

	snprintf(dev, len, "%s", arg);
	if (n >= sizeof(name) || arg[n] != ',')
		return 0;
	memcpy(name, arg, n);
	name[n] = '\0';
	snprintf(args, sizeof(args), "%s", arg + n + 1);
	if (e->nouts == APP_EAL_OUTS) {
		snprintf(err, errlen, "EAL option --vdev %s: more than %d "
			 "net_pcap outputs", name, APP_EAL_OUTS);
		return -E2BIG;
	}
	snprintf(what, sizeof(what), "EAL option --vdev %s", name);
	rc = app_port_out_rewrite(name, args, sizeof(args),
				  &e->outs[e->nouts], in, what, err, errlen);
	if (rc != 0 || !e->outs[e->nouts].open)
		return rc;
	snprintf(e->out_dev[e->nouts], sizeof(e->out_dev[0]), "%s", name);
	e->nouts++;
	if ((size_t)snprintf(dev, len, "%s,%s", name, args) >= len) {
		snprintf(err, errlen, "EAL option --vdev %s: too long", name);
		return -E2BIG;
	}
	return 0;
}

/* The options before "--", verbatim but for net_pcap outputs. */
static int
eal_verbatim(const struct app_opts *o, const struct proc_inputs *in,
	     struct app_eal *e, char *err, size_t errlen)
{
	char dev[1200];
	int i, rc = 0;

	for (i = 0; i < o->eal_n && rc == 0; i++) {
		const char *a = o->eal_argv[i];

		if (strcmp(a, "--vdev") == 0 && i + 1 < o->eal_n) {
			rc = eal_dev_rewrite(e, o->eal_argv[++i], dev,
					     sizeof(dev), in, err, errlen);
			if (rc == 0)
				rc = proc_args_push(&e->args, "--vdev");
			if (rc == 0)
				rc = proc_args_push(&e->args, "%s", dev);
		} else if (strncmp(a, "--vdev=", 7) == 0) {
			rc = eal_dev_rewrite(e, a + 7, dev, sizeof(dev), in,
					     err, errlen);
			if (rc == 0)
				rc = proc_args_push(&e->args, "--vdev=%s",
						    dev);
		} else {
			rc = proc_args_push(&e->args, "%s", a);
		}
	}
	if (rc == -E2BIG && err[0] == '\0')
		snprintf(err, errlen, "too many or too long EAL options");
	e->own_prefix = false;
	return rc;
}

int
app_eal_build(const struct app_opts *o, const char *prog, int pid,
	      const struct proc_inputs *in, struct app_eal *e, char *err,
	      size_t errlen)
{
	static const char *const lcore_opts[] = {"-l", "-c", "--lcores", NULL};
	static const char *const mem_opts[] = {"-m", "--socket-mem", NULL};
	static const char *const prefix_opts[] = {"--file-prefix", NULL};
	struct proc_args extra;
	char opt[16], map[256];
	bool pci = false;
	unsigned int i;
	int rc = 0;

	memset(e, 0, sizeof(*e));
	proc_args_init(&e->args, prog);
	err[0] = '\0';
	if (o->eal_n > 0)
		return eal_verbatim(o, in, e, err, errlen);
	e->embedded = true;
	proc_args_init(&extra, prog);
	rc = proc_args_split(&extra, o->eal, err, errlen);
	if (rc != 0) {
		char why[256];

		snprintf(why, sizeof(why), "%s", err);
		snprintf(err, errlen, "option --eal: %s", why);
		return rc;
	}
	if (o->file_prefix[0] != '\0' && proc_args_has(&extra, 1, prefix_opts)) {
		snprintf(err, errlen, "options --file-prefix and --eal "
			 "'--file-prefix ...': give the prefix once");
		return -EINVAL;
	}
	if (!o->huge) {
		rc |= proc_args_push(&e->args, "--no-huge");
		if (!proc_args_has(&extra, 1, mem_opts)) {
			rc |= proc_args_push(&e->args, "-m");
			rc |= proc_args_push(&e->args, "512");
		}
	}
	for (i = 0; i < o->nports; i++)
		if (o->port_pci[i]) {
			/* probe those devices alone, not every NIC */
			rc |= proc_args_push(&e->args, "-a");
			rc |= proc_args_push(&e->args, "%s", o->port_dev[i]);
			pci = true;
		}
	if (!pci)
		rc |= proc_args_push(&e->args, "--no-pci");
	if (!proc_args_has(&extra, 1, lcore_opts)) {
		proc_lcores_default(o->tx_lcores != 0 ? o->tx_lcores : 1, opt,
				    sizeof(opt), map, sizeof(map));
		rc |= proc_args_push(&e->args, "%s", opt);
		rc |= proc_args_push(&e->args, "%s", map);
	}
	e->own_prefix = o->file_prefix[0] == '\0' &&
		!proc_args_has(&extra, 1, prefix_opts);
	if (!proc_args_has(&extra, 1, prefix_opts)) {
		rc |= proc_args_push(&e->args, "--file-prefix");
		if (o->file_prefix[0] != '\0')
			rc |= proc_args_push(&e->args, "%s", o->file_prefix);
		else
			rc |= proc_args_push(&e->args, "nblgen-%d", pid);
	}
	if (!o->verbose)
		rc |= proc_args_push(&e->args, "--log-level=*:warning");
	for (i = 1; i < (unsigned int)extra.argc; i++)
		rc |= proc_args_push(&e->args, "%s", extra.argv[i]);
	if (rc != 0) {
		snprintf(err, errlen, "option --eal: too many or too long EAL "
			 "arguments");
		return -E2BIG;
	}
	return 0;
}

int
app_eal_outs_finish(struct app_eal *e, bool commit, char *err, size_t errlen)
{
	unsigned int i;
	int rc = 0;

	for (i = 0; i < e->nouts; i++) {
		if (commit && rc == 0)
			rc = proc_out_commit(&e->outs[i], err, errlen);
		else
			proc_out_abort(&e->outs[i]);
	}
	e->nouts = 0;
	return rc;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* A net_pcap port's capture file (tx_pcap=) as an output of the run:
 * checked like every output and written under a temporary name. */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ports.h"

int
app_port_out_rewrite(const char *name, char *args, size_t argslen,
		     struct proc_out *out, const struct proc_inputs *in,
		     const char *what, char *err, size_t errlen)
{
	char file[PATH_MAX], rest[1024];
	const char *a = args, *hit = NULL;
	size_t n = 0, pre;
	int rc;

	memset(out, 0, sizeof(*out));
	if (strncmp(name, "net_pcap", 8) != 0 &&
	    strncmp(name, "eth_pcap", 8) != 0)
		return 0;
	while (*a != '\0') {
		n = strcspn(a, ",");
		if (strncmp(a, "tx_pcap=", 8) == 0) {
			hit = a;
			break;
		}
		a += n;
		if (*a == ',')
			a++;
	}
	if (hit == NULL)
		return 0;
	snprintf(file, sizeof(file), "%.*s", (int)(n - 8), hit + 8);
	rc = proc_out_check(file, what, in, NULL, 0, err, errlen);
	if (rc != 0)
		return rc;
	rc = proc_out_open(out, file, err, errlen);
	if (rc != 0)
		return rc;
	/* the PMD opens the file by its name: ours is the temporary one */
	fclose(out->f);
	out->f = NULL;
	pre = (size_t)(hit - args);
	snprintf(rest, sizeof(rest), "%s", hit + n);
	if ((size_t)snprintf(args + pre, argslen - pre, "tx_pcap=%s%s",
			     out->tmp, rest) >= argslen - pre) {
		proc_out_abort(out);
		snprintf(err, errlen, "%s: arguments too long", what);
		return -ENAMETOOLONG;
	}
	return 0;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* The port of a run, created by hot-plug after EAL init so that a bad
 * port gets a message of its own instead of a failed rte_eal_init(). */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_dev.h>
#include <rte_errno.h>
#include <rte_ethdev.h>

#include "app.h"

/* tx_pcap=FILE among the devargs of a net_pcap port, or "". */
static void
find_tx_pcap(const char *name, const char *args, char *out, size_t len)
{
	const char *a = args;

	out[0] = '\0';
	if (strncmp(name, "net_pcap", 8) != 0 &&
	    strncmp(name, "eth_pcap", 8) != 0)
		return;
	while (a != NULL && *a != '\0') {
		size_t n = strcspn(a, ",");

		if (strncmp(a, "tx_pcap=", 8) == 0 && n > 8) {
			snprintf(out, len, "%.*s", (int)(n - 8), a + 8);
			return;
		}
		a = a[n] == ',' ? a + n + 1 : NULL;
	}
}

static const char *
which_option(const struct gen_opts *o)
{
	if (o->pci[0] != '\0')
		return "--pci";
	if (o->vdev[0] != '\0')
		return "--vdev";
	return "--pcap (default port)";
}

int
gen_port_create(const struct gen_opts *o, struct gen_port *p, char *err,
		size_t errlen)
{
	const char *opt = which_option(o);
	int rc;

	memset(p, 0, sizeof(*p));
	rc = gen_opts_port(o, p->bus, sizeof(p->bus), p->name,
			   sizeof(p->name), p->args, sizeof(p->args));
	if (rc != 0) {
		snprintf(err, errlen, "option %s: device name or arguments "
			 "too long", opt);
		return rc;
	}
	if (rte_eth_dev_get_port_by_name(p->name, &p->port_id) == 0) {
		if (o->pci[0] != '\0') {
			/* EAL probed it at init (-a) */
			p->created = true;
			return 0;
		}
		snprintf(err, errlen, "option %s: port %s already exists "
			 "(given twice, e.g. also in --eal?)", opt, p->name);
		return -EEXIST;
	}
	rc = rte_eal_hotplug_add(p->bus, p->name, p->args);
	if (rc != 0) {
		if (o->pci[0] != '\0')
			snprintf(err, errlen, "option --pci %s: no such port: "
				 "%s (is the device present and bound to "
				 "vfio-pci or uio, and was --huge given?)",
				 p->name, rte_strerror(-rc));
		else if ((rc == -EFAULT || rc == -ENOENT) &&
			 p->args[0] == '\0')
			snprintf(err, errlen, "option %s: cannot create port "
				 "'%s': no such driver (%s)", opt, p->name,
				 rte_strerror(-rc));
		else if (rc == -EFAULT || rc == -ENOENT)
			snprintf(err, errlen, "option %s: cannot create port "
				 "'%s': no such driver, or its arguments '%s' "
				 "were refused (%s)", opt, p->name, p->args,
				 rte_strerror(-rc));
		else
			snprintf(err, errlen, "option %s: cannot create port "
				 "'%s' with arguments '%s': the driver "
				 "refused (%s; see the message above)", opt,
				 p->name, p->args, rte_strerror(-rc));
		return rc < 0 ? rc : -ENODEV;
	}
	if (rte_eth_dev_get_port_by_name(p->name, &p->port_id) != 0) {
		snprintf(err, errlen, "option %s: device '%s' is not an "
			 "Ethernet port", opt, p->name);
		rte_eal_hotplug_remove(p->bus, p->name);
		return -ENODEV;
	}
	p->created = true;
	find_tx_pcap(p->name, p->args, p->pcap, sizeof(p->pcap));
	return 0;
}

void
gen_port_remove(struct gen_port *p)
{
	if (!p->created)
		return;
	/* the binding closed the ethdev; this detaches the device */
	if (rte_eal_hotplug_remove(p->bus, p->name) != 0 &&
	    rte_eth_dev_is_valid_port(p->port_id)) {
		rte_eth_dev_stop(p->port_id);
		rte_eth_dev_close(p->port_id);
	}
	p->created = false;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* The ports of a run. */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_dev.h>
#include <rte_errno.h>
#include <rte_ethdev.h>

#include "ports.h"

/* Driver, link speed and MAC of a port. */
static void
port_describe(struct app_port *p)
{
	struct rte_eth_dev_info di;
	struct rte_eth_link link;

	if (rte_eth_dev_info_get(p->port_id, &di) == 0)
		snprintf(p->driver, sizeof(p->driver), "%s", di.driver_name);
	memset(&link, 0, sizeof(link));
	if (rte_eth_link_get_nowait(p->port_id, &link) == 0 &&
	    link.link_speed != RTE_ETH_SPEED_NUM_NONE &&
	    link.link_speed != RTE_ETH_SPEED_NUM_UNKNOWN)
		p->link_bps = (uint64_t)link.link_speed * 1000000;
	p->mac_ok = rte_eth_macaddr_get(p->port_id, &p->mac) == 0 &&
		rte_is_valid_assigned_ether_addr(&p->mac);
	if (rte_eth_dev_get_name_by_port(p->port_id, p->name) != 0)
		p->name[0] = '\0';
}

/* Hot-plug a virtual port (or find a PCI one the EAL probed). */
static int
port_plug(struct app_port *p, const char *dev, bool pci, const char *from,
	  const struct proc_inputs *in, char *err, size_t errlen)
{
	char what[PATH_MAX + 256];
	size_t n = strcspn(dev, ",");
	int rc;

	snprintf(p->given, sizeof(p->given), "%s", dev);
	snprintf(p->bus, sizeof(p->bus), pci ? "pci" : "vdev");
	snprintf(what, sizeof(what), "%s %.*s", from,
		 (int)RTE_MIN(n, (size_t)100), dev);
	if (n >= sizeof(p->name)) {
		snprintf(err, errlen, "%s: device name too long", what);
		return -ENAMETOOLONG;
	}
	memcpy(p->name, dev, n);
	p->name[n] = '\0';
	snprintf(p->args, sizeof(p->args), "%s", dev[n] == ',' ? dev + n + 1 :
		 "");
	if (rte_eth_dev_get_port_by_name(p->name, &p->port_id) == 0) {
		if (pci)
			return 0; /* the embedded default's -a probed it */
		snprintf(err, errlen, "%s: port %s exists already (given "
			 "twice?)", what, p->name);
		return -EEXIST;
	}
	if (pci) {
		snprintf(err, errlen, "%s: no such port (is the device "
			 "present and bound to vfio-pci, and were hugepages "
			 "asked with --huge?)", what);
		return -ENODEV;
	}
	rc = app_port_out_rewrite(p->name, p->args, sizeof(p->args), &p->out,
				  in, what, err, errlen);
	if (rc != 0)
		return rc;
	rc = rte_eal_hotplug_add(p->bus, p->name, p->args);
	if (rc != 0) {
		proc_out_abort(&p->out);
		if (p->args[0] == '\0')
			snprintf(err, errlen, "%s: cannot create port '%s': "
				 "no such driver, or the driver refused it "
				 "(see the message above)", what, p->name);
		else
			snprintf(err, errlen, "%s: cannot create port '%s' "
				 "with arguments '%s': the driver refused "
				 "them (see the message above)", what,
				 p->name, dev + n + 1);
		return rc < 0 ? rc : -ENODEV;
	}
	if (rte_eth_dev_get_port_by_name(p->name, &p->port_id) != 0) {
		rte_eal_hotplug_remove(p->bus, p->name);
		proc_out_abort(&p->out);
		snprintf(err, errlen, "%s: device '%s' is not an Ethernet "
			 "port", what, p->name);
		return -ENODEV;
	}
	p->hotplugged = true;
	return 0;
}

int
app_ports_create(const struct app_opts *o, const struct proc_inputs *in,
		 struct app_port *ports, unsigned int *n, char *err,
		 size_t errlen)
{
	char def[PATH_MAX + 32], from[PATH_MAX + 96];
	unsigned int i, k = 0;
	uint16_t pid;
	int rc = 0;

	memset(ports, 0, sizeof(*ports) * APP_PORTS_MAX);
	if (o->eal_n > 0) {
		RTE_ETH_FOREACH_DEV(pid) {
			if (k == APP_PORTS_MAX)
				break;
			ports[k].port_id = pid;
			snprintf(ports[k].bus, sizeof(ports[k].bus), "eal");
			k++;
		}
	}
	for (i = 0; i < o->nports && rc == 0; i++) {
		if (k == APP_PORTS_MAX) {
			snprintf(err, errlen, "more than %u ports",
				 APP_PORTS_MAX);
			rc = -E2BIG;
			break;
		}
		app_port_origin(o, i, from, sizeof(from));
		rc = port_plug(&ports[k], o->port_dev[i], o->port_pci[i], from,
			       in, err, errlen);
		if (rc == 0)
			k++;
	}
	if (rc == 0 && k == 0 && o->eal_n > 0) {
		snprintf(err, errlen, "no port: the EAL options before '--' "
			 "probed none (give one, e.g. --vdev net_null0)");
		rc = -ENODEV;
	}
	if (rc == 0 && k == 0) {
		if (o->write[0] != '\0')
			snprintf(def, sizeof(def), "net_pcap0,tx_pcap=%s",
				 o->write);
		else
			snprintf(def, sizeof(def), "net_null0");
		rc = port_plug(&ports[0], def, false, o->write[0] != '\0' ?
			       "option -w/--write: port" :
			       "the default port", in, err, errlen);
		if (rc == 0)
			k = 1;
	}
	if (rc != 0) {
		app_ports_remove(ports, k, false, NULL, 0);
		return rc;
	}
	for (i = 0; i < k; i++)
		port_describe(&ports[i]);
	*n = k;
	return 0;
}

int
app_ports_remove(struct app_port *ports, unsigned int n, bool commit,
		 char *err, size_t errlen)
{
	unsigned int i;
	int rc = 0;

	for (i = 0; i < n; i++) {
		struct app_port *p = &ports[i];

		if (p->hotplugged &&
		    rte_eal_hotplug_remove(p->bus, p->name) != 0 &&
		    rte_eth_dev_is_valid_port(p->port_id)) {
			rte_eth_dev_stop(p->port_id);
			rte_eth_dev_close(p->port_id);
		}
		p->hotplugged = false;
		if (!p->out.open)
			continue;
		if (commit && rc == 0)
			rc = proc_out_commit(&p->out, err, errlen);
		else
			proc_out_abort(&p->out);
	}
	return rc;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* Binding configuration: defaults and validation. */

#include <errno.h>
#include <string.h>

#include <rte_ethdev.h>

#include "nbl_bind_private.h"

#define ALL_LAYERS NBL_BIND_LAYER_MEASURE

void
nbl_bind_conf_init(struct nbl_bind_conf *conf)
{
	if (conf == NULL)
		return;
	memset(conf, 0, sizeof(*conf));
	bind_conf_defaults(conf);
}

/* Replace zeros by defaults (a conf filled by hand may leave them). */
void
bind_conf_defaults(struct nbl_bind_conf *c)
{
	if (c->name == NULL)
		c->name = "nbl";
	if (c->nb_tx_queues == 0)
		c->nb_tx_queues = 1;
	if (c->burst == 0)
		c->burst = 32;
	if (c->backlog == 0)
		c->backlog = 1024;
	if (c->tx_retries == 0)
		c->tx_retries = 2;
	if (c->pause_timeout_ms == 0)
		c->pause_timeout_ms = 2000;
}

/* 0 or -EINVAL, with a log line naming the bad field. */
int
bind_conf_check(uint16_t port_id, const struct nbl_bind_conf *c)
{
	struct rte_eth_dev_info di;
	const char *bad = NULL;

	if (c == NULL || !rte_eth_dev_is_valid_port(port_id))
		return -EINVAL;
	if (rte_eth_dev_info_get(port_id, &di) != 0)
		return -EINVAL;
	if (c->send_complete == NULL)
		bad = "send_complete callback missing";
	else if (c->vlan_tags > 2)
		bad = "vlan_tags above 2";
	else if (c->encap_len > NBL_BIND_ENCAP_MAX)
		bad = "encap_len above NBL_BIND_ENCAP_MAX";
	else if ((c->layers & ~(uint32_t)ALL_LAYERS) != 0)
		bad = "unknown layer bit";
	else if (c->nb_tx_queues > di.max_tx_queues ||
		 c->nb_tx_queues > BIND_MAX_QUEUES)
		bad = "more TX queues than the port has";
	else if (c->burst > 8192)
		bad = "burst above 8192";
	else if (c->ctx_size % NBL_MAA != 0)
		bad = "ctx_size not a multiple of 16";
	else if (c->backlog > (1u << 20))
		bad = "backlog above 1M frames";
	else if ((unsigned int)c->zero_copy > NBL_BIND_ZC_FORCE)
		bad = "unknown zero_copy policy";
	else if (c->mtu != 0 && (c->mtu < RTE_ETHER_MIN_MTU || c->mtu > 16000))
		bad = "mtu outside 68..16000";
	if (bad != NULL) {
		rte_log(RTE_LOG_ERR, nbl_logtype, "NBL bind %s: port %u: %s\n",
			c->name != NULL ? c->name : "nbl", port_id, bad);
		return -EINVAL;
	}
	return 0;
}

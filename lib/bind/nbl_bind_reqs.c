/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/*
 * Requirements of a binding (NDIS_BIND_PARAMETERS analogue): back-fill,
 * context back-fill, frame and pool sizes, each with its reason.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>

#include "nbl_bind_private.h"

/*
 * What a driver needs in front of a frame, whether it frees the mbufs
 * inside rte_eth_tx_burst() (it copies them), so that a zero-copy NBL
 * completes at the next poll without any cleanup call, and whether TX
 * queue i may loop into RX queue i (a vdev net_ring: the binding then
 * configures one RX queue per TX queue, so that close can drain them).
 */
struct bind_driver {
	const char *name;
	uint16_t headroom;
	bool frees_on_tx;
	const char *why;
	bool tx_loops_to_rx;
};

static const struct bind_driver drivers[] = {
	{ "net_virtio", 12, false, "virtio_net_hdr_mrg_rxbuf pushed into headroom", false },
	{ "net_virtio_user", 12, false, "virtio_net_hdr_mrg_rxbuf pushed into headroom", false },
	{ "net_null", 0, true, "discards, frees in tx_burst", false },
	{ "net_pcap", 0, true, "copies to the pcap dumper, frees in tx_burst", false },
	{ "net_af_packet", 0, true, "copies to the TPACKET ring, frees in tx_burst", false },
	{ "net_tap", 0, true, "writev() to the tap fd, frees in tx_burst", false },
	{ "net_memif", 0, true, "copies to shared memory, frees in tx_burst", false },
	{ "net_vhost", 0, true, "copies to the guest, frees in tx_burst", false },
	{ "net_af_xdp", 0, true, "copies to the UMEM, frees in tx_burst", false },
	{ "net_ring", 0, false, "passes the mbuf to the ring reader", true },
};

static const struct bind_driver *
driver_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(drivers); i++)
		if (name != NULL && strcmp(name, drivers[i].name) == 0)
			return &drivers[i];
	return NULL;
}

bool
bind_driver_frees_on_tx(const char *driver)
{
	const struct bind_driver *d = driver_find(driver);

	return d != NULL && d->frees_on_tx;
}

/* Append to a reason string, never overflowing. */
static void
why_add(char *why, const char *fmt, ...) __rte_format_printf(2, 3);

static void
why_add(char *why, const char *fmt, ...)
{
	size_t len = strlen(why);
	va_list ap;

	if (len + 1 >= NBL_BIND_REASON_LEN)
		return;
	va_start(ap, fmt);
	vsnprintf(why + len, NBL_BIND_REASON_LEN - len, fmt, ap);
	va_end(ap);
}

static uint16_t
desc_clamp(uint16_t n, const struct rte_eth_desc_lim *lim)
{
	if (lim->nb_max != 0 && n > lim->nb_max)
		n = lim->nb_max;
	if (n < lim->nb_min)
		n = lim->nb_min;
	if (lim->nb_align > 1)
		n = RTE_ALIGN_CEIL(n, lim->nb_align);
	return n;
}

/* Smallest 2^k - 1 (the mempool ring's best size) not below n. */
static uint32_t
pool_round(uint64_t n)
{
	return rte_align32pow2((uint32_t)RTE_MIN(n + 1, (uint64_t)1 << 30)) - 1;
}

int
nbl_bind_reqs_compute(uint16_t port_id, const struct nbl_bind_conf *conf_in,
		      struct nbl_bind_reqs *r)
{
	const uint64_t tx_useful = RTE_ETH_TX_OFFLOAD_VLAN_INSERT |
		RTE_ETH_TX_OFFLOAD_QINQ_INSERT | RTE_ETH_TX_OFFLOAD_IPV4_CKSUM |
		RTE_ETH_TX_OFFLOAD_UDP_CKSUM | RTE_ETH_TX_OFFLOAD_TCP_CKSUM |
		RTE_ETH_TX_OFFLOAD_TCP_TSO | RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	struct nbl_bind_conf c;
	struct rte_eth_dev_info di;
	const struct bind_driver *d;
	uint64_t per_q, need, caches;
	uint32_t lcores = rte_lcore_count();
	uint16_t mtu = 0;
	int ret;

	if (conf_in == NULL || r == NULL)
		return -EINVAL;
	c = *conf_in;
	bind_conf_defaults(&c);
	ret = bind_conf_check(port_id, &c);
	if (ret != 0)
		return ret;
	ret = rte_eth_dev_info_get(port_id, &di);
	if (ret != 0)
		return ret;
	memset(r, 0, sizeof(*r));
	snprintf(r->driver, sizeof(r->driver), "%s",
		 di.driver_name != NULL ? di.driver_name : "?");
	r->tx_offloads = c.sw_offload ? 0 : di.tx_offload_capa & tx_useful;
	/* multi-segment frames only carry large sends to the port's TSO */
	if ((r->tx_offloads & BIND_TSO_HW) == BIND_TSO_HW &&
	    (r->tx_offloads & RTE_ETH_TX_OFFLOAD_MULTI_SEGS))
		r->tso_segs_max = di.tx_desc_lim.nb_seg_max;
	else
		r->tx_offloads &= ~RTE_ETH_TX_OFFLOAD_MULTI_SEGS;

	/* DataBackFillSize */
	d = driver_find(r->driver);
	r->driver_headroom = d != NULL ? d->headroom : 0;
	r->data_backfill = RTE_MAX((uint32_t)RTE_PKTMBUF_HEADROOM,
				   r->driver_headroom);
	why_add(r->why_data, "%s needs %u (%s), floor RTE_PKTMBUF_HEADROOM %u",
		r->driver, r->driver_headroom,
		d != NULL ? d->why : "not in the driver table",
		RTE_PKTMBUF_HEADROOM);
	if (c.vlan_tags == 1) {
		if (r->tx_offloads & RTE_ETH_TX_OFFLOAD_VLAN_INSERT) {
			why_add(r->why_data, "; 802.1Q tag 0 (VLAN insert offload)");
		} else {
			r->data_backfill += 4;
			why_add(r->why_data, "; 802.1Q tag 4 (no VLAN insert offload)");
		}
	} else if (c.vlan_tags == 2) {
		if (r->tx_offloads & RTE_ETH_TX_OFFLOAD_QINQ_INSERT) {
			why_add(r->why_data, "; QinQ tags 0 (QinQ insert offload)");
		} else {
			r->data_backfill += 8;
			why_add(r->why_data, "; QinQ tags 8 (no QinQ insert offload)");
		}
	}
	if (c.encap_len != 0) {
		r->data_backfill += c.encap_len;
		why_add(r->why_data, "; %s %u", c.encap_what != NULL ?
			c.encap_what : "encapsulation", c.encap_len);
	}
	why_add(r->why_data, " = %u", r->data_backfill);

	/* ContextBackFillSize: what the layers stacked on the binding need
	 * in front of the protocol's own context; the pool's ContextSize
	 * adds the protocol's bytes. */
	if (c.layers & NBL_BIND_LAYER_MEASURE) {
		r->context_backfill += 16;
		why_add(r->why_ctx, "measurement layer: TSC timestamp 8 + sequence 8");
	} else {
		why_add(r->why_ctx, "no layer stacked on the binding needs context");
	}
	why_add(r->why_ctx, " = %u", r->context_backfill);
	r->context_size = (uint16_t)RTE_ALIGN_CEIL(r->context_backfill +
						   c.ctx_size, NBL_MAA);
	why_add(r->why_ctx_size, "ContextBackFillSize %u + the protocol's own %u, rounded up to a multiple of %u = %u",
		r->context_backfill, c.ctx_size, NBL_MAA, r->context_size);

	/* Frame and data size */
	if (c.mtu != 0) {
		r->mtu = c.mtu;
		why_add(r->why_size, "MTU %u configured", r->mtu);
	} else if (rte_eth_dev_get_mtu(port_id, &mtu) == 0 && mtu != 0) {
		r->mtu = mtu;
		why_add(r->why_size, "MTU %u of the port", r->mtu);
	} else {
		r->mtu = RTE_ETHER_MTU;
		why_add(r->why_size, "MTU %u (port reports none)", r->mtu);
	}
	r->max_frame = RTE_ETHER_HDR_LEN + 4u * c.vlan_tags + r->mtu;
	r->data_size = r->data_backfill + r->max_frame;
	why_add(r->why_size, "; frame = Ethernet 14 + tags %u + MTU = %u; DataSize = back-fill %u + frame = %u",
		4u * c.vlan_tags, r->max_frame, r->data_backfill,
		r->data_size);
	if (r->data_size > UINT16_MAX) {
		rte_log(RTE_LOG_ERR, nbl_logtype,
			"NBL bind %s: DataSize %u above the mbuf limit 65535\n",
			c.name, r->data_size);
		return -EINVAL;
	}

	/* Queues, descriptors, pools */
	r->nb_tx_queues = c.nb_tx_queues;
	r->nb_rx_queues = di.max_rx_queues == 0 ? 0 :
		d != NULL && d->tx_loops_to_rx ?
		RTE_MIN(c.nb_tx_queues, di.max_rx_queues) : 1;
	r->nb_tx_desc = c.nb_tx_desc != 0 ? c.nb_tx_desc :
		di.default_txportconf.ring_size != 0 ?
		di.default_txportconf.ring_size : 1024;
	r->nb_tx_desc = desc_clamp(r->nb_tx_desc, &di.tx_desc_lim);
	r->nb_rx_desc = di.default_rxportconf.ring_size != 0 ?
		di.default_rxportconf.ring_size : 256;
	r->nb_rx_desc = r->nb_rx_queues ? desc_clamp(r->nb_rx_desc,
						     &di.rx_desc_lim) : 0;
	r->burst = c.burst;
	r->backlog = rte_align32pow2(c.backlog);
	r->cache_size = c.cache_size != 0 ? c.cache_size :
		RTE_MIN((uint32_t)RTE_MEMPOOL_CACHE_MAX_SIZE, 8u * c.burst);
	per_q = (uint64_t)r->nb_tx_desc + r->backlog + r->burst;
	caches = (uint64_t)r->cache_size * 3 / 2 * lcores;
	need = r->nb_tx_queues * per_q + caches + c.pool_extra;
	r->pool_count = c.pool_count != 0 ? c.pool_count : pool_round(need);
	if (c.cache_size == 0 && r->cache_size > r->pool_count / 4)
		r->cache_size = r->pool_count / 4 < 8 ? 0 : r->pool_count / 4;
	snprintf(r->why_pool, sizeof(r->why_pool),
		 "%u queue(s) x (TX ring %u + backlog %u + burst %u) + %u lcore(s) x 1.5 x cache %u + protocol %u = %" PRIu64 "%s -> %u",
		 r->nb_tx_queues, r->nb_tx_desc, r->backlog, r->burst, lcores,
		 r->cache_size, c.pool_extra, need,
		 c.pool_count != 0 ? ", forced" : ", rounded to 2^k-1",
		 r->pool_count);

	/* Strategy and copy pool */
	r->cleanup = false; /* probed when the port is started */
	switch (c.zero_copy) {
	case NBL_BIND_ZC_OFF:
		r->zero_copy = false;
		why_add(r->why_copy, "zero copy off (configured): every NBL is copied");
		break;
	case NBL_BIND_ZC_FORCE:
		r->zero_copy = true;
		why_add(r->why_copy, "zero copy forced: (T,N) NBLs go by reference, completed when the PMD frees them");
		break;
	default:
		r->zero_copy = bind_driver_frees_on_tx(r->driver);
		why_add(r->why_copy, r->zero_copy ?
			"zero copy: the driver frees mbufs in tx_burst" :
			"copy: the driver keeps mbufs (zero copy only if tx_done_cleanup works)");
		break;
	}
	r->zc_return = r->zero_copy && bind_driver_frees_on_tx(r->driver);
	need = r->nb_tx_queues * per_q + caches;
	r->copy_count = c.copy_count != 0 ? c.copy_count : pool_round(need);
	why_add(r->why_copy, "; copy pool %u mbufs (queues x ring+backlog+burst + caches%s)",
		r->copy_count, c.copy_count != 0 ? ", forced" : "");

	/* RX pool: the RX ring a PMD fills at queue setup (net_tap, NICs)
	 * and what one drain burst holds, never the send pools' mbufs; at
	 * least the default mbuf size (net_af_packet wants its whole frame
	 * size), the frame and the PMD's minimum RX buffer. */
	if (r->nb_rx_queues != 0) {
		r->rx_room = RTE_MAX((uint32_t)RTE_PKTMBUF_HEADROOM +
				     r->max_frame,
				     (uint32_t)RTE_MBUF_DEFAULT_BUF_SIZE);
		r->rx_room = RTE_MAX(r->rx_room, (uint32_t)RTE_PKTMBUF_HEADROOM +
				     di.min_rx_bufsize);
		r->rx_room = RTE_MIN(r->rx_room, (uint32_t)UINT16_MAX);
		need = (uint64_t)r->nb_rx_queues * r->nb_rx_desc + r->burst +
			(uint64_t)bind_rx_cache(r->burst) * 3 / 2 * lcores;
		r->rx_count = pool_round(need);
		snprintf(r->why_rx, sizeof(r->why_rx),
			 "%u RX queue(s) x ring %u + burst %u + %u lcore(s) x 1.5 x cache %u = %" PRIu64 ", rounded to 2^k-1 -> %u mbufs of %u bytes",
			 r->nb_rx_queues, r->nb_rx_desc, r->burst, lcores,
			 bind_rx_cache(r->burst), need, r->rx_count,
			 r->rx_room);
	} else {
		snprintf(r->why_rx, sizeof(r->why_rx),
			 "the port has no RX queue: no RX pool");
	}
	return 0;
}

void
nbl_bind_reqs_print(const struct nbl_bind_reqs *r, FILE *f)
{
	char offl[256] = "";
	uint64_t bit;

	if (r == NULL || f == NULL)
		return;
	for (bit = 1; bit != 0 && bit <= r->tx_offloads; bit <<= 1)
		if (r->tx_offloads & bit)
			why_add(offl, "%s%s", offl[0] ? "," : "",
				rte_eth_dev_tx_offload_name(bit));
	fprintf(f, "requirements (driver %s):\n", r->driver);
	fprintf(f, "  DataBackFillSize    %5u  %s\n", r->data_backfill,
		r->why_data);
	fprintf(f, "  ContextBackFillSize %5u  %s\n", r->context_backfill,
		r->why_ctx);
	fprintf(f, "  ContextSize         %5u  %s\n", r->context_size,
		r->why_ctx_size);
	fprintf(f, "  DataSize            %5u  %s\n", r->data_size,
		r->why_size);
	fprintf(f, "  NBL pool            %5u  %s; cache %u\n", r->pool_count,
		r->why_pool, r->cache_size);
	fprintf(f, "  send strategy       %5s  %s%s\n",
		r->zero_copy ? "zc" : "copy", r->why_copy,
		r->zc_return ? "; completion by return pool (the free is "
		"the completion, no reference count)" : "");
	fprintf(f, "  RX pool             %5u  %s\n", r->rx_count, r->why_rx);
	fprintf(f, "  queues: TX %u x %u descriptors, RX %u x %u, burst %u, backlog %u; TX offloads: %s; tx_done_cleanup: %s\n",
		r->nb_tx_queues, r->nb_tx_desc, r->nb_rx_queues, r->nb_rx_desc,
		r->burst, r->backlog, offl[0] ? offl : "none",
		r->cleanup ? "yes" : "no");
	if (r->tso_segs_max != 0)
		fprintf(f, "  large send: the port's TSO, frames up to %u bytes in up to %u buffers\n",
			(unsigned int)NBL_BIND_LSO_MAX, r->tso_segs_max);
	else if ((r->tx_offloads & BIND_TSO_HW) == BIND_TSO_HW)
		fprintf(f, "  large send: the port's TSO for frames in one buffer (up to %u bytes), segmentation in software above\n",
			r->max_frame);
	else
		fprintf(f, "  large send: segmentation in software (the port has no TSO with TCP and IPv4 checksums)\n");
}

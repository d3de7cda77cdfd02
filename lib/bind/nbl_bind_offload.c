/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/*
 * NBL out-of-band info (checksum, LSO, 802.1Q) to mbuf TX offloads when the
 * port has them, to software otherwise (on copies only: an NBL's data is
 * never changed).
 */

#include <errno.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_mbuf.h>
#include <rte_tcp.h>
#include <rte_udp.h>

#include "nbl_bind_private.h"

struct hdrs {
	uint16_t l2, l3, l4;
	uint8_t proto;
	bool v4;
};

static inline uint16_t
be16_at(const uint8_t *p)
{
	return (uint16_t)((p[0] << 8) | p[1]);
}

/*
 * Find L2/L3/L4 lengths of a frame's first len bytes.  tcp_off is the
 * NDIS TcpHeaderOffset (0 if unknown).  -EINVAL if not IPv4/IPv6 or cut.
 */
static int
parse(const uint8_t *p, uint32_t len, uint32_t tcp_off, struct hdrs *h)
{
	uint32_t l2 = 12, l3;
	uint16_t type;

	memset(h, 0, sizeof(*h));
	if (len < RTE_ETHER_HDR_LEN)
		return -EINVAL;
	type = be16_at(p + 12);
	while (type == RTE_ETHER_TYPE_VLAN || type == RTE_ETHER_TYPE_QINQ) {
		l2 += 4;
		if (l2 + 2 > len)
			return -EINVAL;
		type = be16_at(p + l2);
	}
	l2 += 2;
	if (type == RTE_ETHER_TYPE_IPV4) {
		if (l2 + sizeof(struct rte_ipv4_hdr) > len)
			return -EINVAL;
		l3 = (p[l2] & 0xf) * 4u;
		if (l3 < sizeof(struct rte_ipv4_hdr))
			return -EINVAL;
		h->proto = p[l2 + 9];
		h->v4 = true;
	} else if (type == RTE_ETHER_TYPE_IPV6) {
		if (l2 + sizeof(struct rte_ipv6_hdr) > len)
			return -EINVAL;
		l3 = sizeof(struct rte_ipv6_hdr);
		h->proto = p[l2 + 6];
	} else {
		return -EINVAL;
	}
	if (tcp_off > l2 + l3)
		l3 = tcp_off - l2; /* IPv4 options / IPv6 extension headers */
	if (h->proto == IPPROTO_TCP) {
		if (l2 + l3 + sizeof(struct rte_tcp_hdr) > len)
			return -EINVAL;
		h->l4 = (p[l2 + l3 + 12] >> 4) * 4u;
		if (h->l4 < sizeof(struct rte_tcp_hdr))
			return -EINVAL;
	} else if (h->proto == IPPROTO_UDP) {
		h->l4 = sizeof(struct rte_udp_hdr);
	}
	if (l2 + l3 + h->l4 > len)
		return -EINVAL;
	h->l2 = (uint16_t)l2;
	h->l3 = (uint16_t)l3;
	return 0;
}

static inline uint32_t
csum_flags(const struct nbl_list *nbl)
{
	return (uint32_t)(uintptr_t)nbl->info[NBL_INFO_TCPIP_CHECKSUM];
}

static inline uint64_t
lso_info(const struct nbl_list *nbl)
{
	return (uint64_t)(uintptr_t)nbl->info[NBL_INFO_TCP_LARGE_SEND];
}

bool
bind_offload_needs_sw(const struct nbl_bind *b, const struct nbl_list *nbl)
{
	uint64_t hw = b->hw_offloads;
	uint32_t cs = csum_flags(nbl);

	if (nbl->info[NBL_INFO_IEEE8021Q] != NULL &&
	    !(hw & RTE_ETH_TX_OFFLOAD_VLAN_INSERT))
		return true;
	if (lso_info(nbl) != 0 && (hw & BIND_TSO_HW) != BIND_TSO_HW)
		return true;
	if ((cs & NBL_CSUM_TX_IP) && !(hw & RTE_ETH_TX_OFFLOAD_IPV4_CKSUM))
		return true;
	if ((cs & NBL_CSUM_TX_TCP) && !(hw & RTE_ETH_TX_OFFLOAD_TCP_CKSUM))
		return true;
	if ((cs & NBL_CSUM_TX_UDP) && !(hw & RTE_ETH_TX_OFFLOAD_UDP_CKSUM))
		return true;
	return false;
}

/* Offload flags for what the port does; *sw gets what it does not. */
static int32_t
set_flags(struct nbl_bind *b, struct nbl_list *nbl, struct rte_mbuf *m,
	  uint32_t *sw, struct hdrs *h)
{
	uint64_t hw = b->hw_offloads, lso = lso_info(nbl);
	uint32_t cs = csum_flags(nbl), tcp_off;

	*sw = 0;
	if (cs == 0 && lso == 0)
		return NBL_STATUS_SUCCESS;
	tcp_off = lso != 0 ?
		(uint32_t)(lso >> NBL_LSO_TCP_OFF_SHIFT) & NBL_LSO_TCP_OFF_MASK :
		(cs >> NBL_CSUM_TX_TCP_OFF_SHIFT) & NBL_CSUM_TX_TCP_OFF_MASK;
	if (parse(rte_pktmbuf_mtod(m, const uint8_t *), m->data_len, tcp_off,
		  h) != 0)
		return NBL_STATUS_FAILURE;
	if (lso != 0) {
		if (h->proto != IPPROTO_TCP || (lso & NBL_LSO_MSS_MASK) == 0)
			return NBL_STATUS_INVALID_PARAMETER;
		/* the port's segments must fit the MTU too */
		if ((uint32_t)h->l2 + h->l3 + h->l4 +
		    (uint32_t)(lso & NBL_LSO_MSS_MASK) > b->reqs.max_frame)
			return NBL_STATUS_INVALID_LENGTH;
		m->ol_flags |= RTE_MBUF_F_TX_TCP_SEG | RTE_MBUF_F_TX_TCP_CKSUM |
			(h->v4 ? RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IP_CKSUM :
			 RTE_MBUF_F_TX_IPV6);
		m->tso_segsz = (uint16_t)(lso & NBL_LSO_MSS_MASK);
	}
	if ((cs & NBL_CSUM_TX_IP) && h->v4) {
		if (hw & RTE_ETH_TX_OFFLOAD_IPV4_CKSUM)
			m->ol_flags |= RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IP_CKSUM;
		else
			*sw |= NBL_CSUM_TX_IP;
	}
	if ((cs & NBL_CSUM_TX_TCP) && h->proto == IPPROTO_TCP) {
		if (hw & RTE_ETH_TX_OFFLOAD_TCP_CKSUM)
			m->ol_flags |= RTE_MBUF_F_TX_TCP_CKSUM |
				(h->v4 ? RTE_MBUF_F_TX_IPV4 : RTE_MBUF_F_TX_IPV6);
		else
			*sw |= NBL_CSUM_TX_TCP;
	}
	if ((cs & NBL_CSUM_TX_UDP) && h->proto == IPPROTO_UDP) {
		if (hw & RTE_ETH_TX_OFFLOAD_UDP_CKSUM)
			m->ol_flags |= RTE_MBUF_F_TX_UDP_CKSUM |
				(h->v4 ? RTE_MBUF_F_TX_IPV4 : RTE_MBUF_F_TX_IPV6);
		else
			*sw |= NBL_CSUM_TX_UDP;
	}
	m->l2_len = h->l2;
	m->l3_len = h->l3;
	m->l4_len = h->l4;
	return NBL_STATUS_SUCCESS;
}

int32_t
bind_offload_hw(struct nbl_bind *b, struct nbl_list *nbl, struct rte_mbuf *m)
{
	struct hdrs h;
	uint32_t sw;
	int32_t st;

	st = set_flags(b, nbl, m, &sw, &h);
	if (st != NBL_STATUS_SUCCESS)
		return st;
	if (nbl->info[NBL_INFO_IEEE8021Q] != NULL) {
		m->ol_flags |= RTE_MBUF_F_TX_VLAN;
		m->vlan_tci = nbl_8021q_to_tci(nbl->info[NBL_INFO_IEEE8021Q]);
	}
	return sw == 0 ? NBL_STATUS_SUCCESS : NBL_STATUS_FAILURE;
}

/* Checksums in software on a single-segment frame; -EINVAL if the IP
 * lengths do not fit the frame. */
static int
sw_csum(uint8_t *p, uint32_t len, const struct hdrs *h, uint32_t what)
{
	uint8_t *ip = p + h->l2, *l4 = ip + h->l3;

	if (h->v4) {
		struct rte_ipv4_hdr *v4 = (struct rte_ipv4_hdr *)ip;

		if (h->l2 + (uint32_t)rte_be_to_cpu_16(v4->total_length) > len)
			return -EINVAL;
		if (what & NBL_CSUM_TX_IP) {
			v4->hdr_checksum = 0;
			v4->hdr_checksum = rte_ipv4_cksum(v4);
		}
		if (what & NBL_CSUM_TX_TCP) {
			struct rte_tcp_hdr *t = (struct rte_tcp_hdr *)l4;

			t->cksum = 0;
			t->cksum = rte_ipv4_udptcp_cksum(v4, t);
		}
		if (what & NBL_CSUM_TX_UDP) {
			struct rte_udp_hdr *u = (struct rte_udp_hdr *)l4;

			u->dgram_cksum = 0;
			u->dgram_cksum = rte_ipv4_udptcp_cksum(v4, u);
		}
	} else {
		struct rte_ipv6_hdr *v6 = (struct rte_ipv6_hdr *)ip;

		if (h->l2 + sizeof(*v6) +
		    (uint32_t)rte_be_to_cpu_16(v6->payload_len) > len ||
		    h->l3 != sizeof(*v6))
			return -EINVAL;
		if (what & NBL_CSUM_TX_TCP) {
			struct rte_tcp_hdr *t = (struct rte_tcp_hdr *)l4;

			t->cksum = 0;
			t->cksum = rte_ipv6_udptcp_cksum(v6, t);
		}
		if (what & NBL_CSUM_TX_UDP) {
			struct rte_udp_hdr *u = (struct rte_udp_hdr *)l4;

			u->dgram_cksum = 0;
			u->dgram_cksum = rte_ipv6_udptcp_cksum(v6, u);
		}
	}
	return 0;
}

/* 802.1Q tag: offload flag, or inserted into the copy. */
static int32_t
apply_vlan(struct nbl_bind *b, struct bind_queue *q, struct nbl_list *nbl,
	   struct rte_mbuf **m)
{
	void *v = nbl->info[NBL_INFO_IEEE8021Q];

	if (v == NULL)
		return NBL_STATUS_SUCCESS;
	(*m)->vlan_tci = nbl_8021q_to_tci(v);
	if (b->hw_offloads & RTE_ETH_TX_OFFLOAD_VLAN_INSERT) {
		(*m)->ol_flags |= RTE_MBUF_F_TX_VLAN;
		return NBL_STATUS_SUCCESS;
	}
	if (rte_vlan_insert(m) != 0)
		return NBL_STATUS_RESOURCES;
	if ((*m)->ol_flags != 0)
		(*m)->l2_len += sizeof(struct rte_vlan_hdr);
	q->pub.stats.sw_vlan++;
	return NBL_STATUS_SUCCESS;
}

int32_t
bind_offload_sw(struct nbl_bind *b, struct bind_queue *q,
		struct nbl_list *nbl, struct rte_mbuf **m)
{
	struct hdrs h;
	uint32_t sw;
	int32_t st;

	st = set_flags(b, nbl, *m, &sw, &h);
	if (st != NBL_STATUS_SUCCESS)
		return st;
	if (sw != 0) {
		if (sw_csum(rte_pktmbuf_mtod(*m, uint8_t *), (*m)->data_len,
			    &h, sw) != 0)
			return NBL_STATUS_INVALID_LENGTH;
		q->pub.stats.sw_csum++;
	}
	return apply_vlan(b, q, nbl, m);
}

/*
 * LSO in software: cut one NB into MSS-sized TCP segments, each a copy with
 * the headers replicated, IP length/id and TCP sequence/flags fixed and
 * checksums computed; every segment is queued as a frame of the NBL.
 */
int32_t
bind_lso_sw(struct nbl_bind *b, struct bind_queue *q, struct nbl_list *nbl,
	    struct nbl_buf *nb)
{
	uint8_t hdr[256];
	uint64_t lso = lso_info(nbl);
	uint32_t mss = (uint32_t)(lso & NBL_LSO_MSS_MASK);
	uint32_t tcp_off = (uint32_t)(lso >> NBL_LSO_TCP_OFF_SHIFT) &
		NBL_LSO_TCP_OFF_MASK;
	uint32_t avail = RTE_MIN(nb->data_length, (uint32_t)sizeof(hdr));
	uint32_t hlen, payload, off, seq0, i, nseg;
	uint16_t id0 = 0;
	uint8_t flags0;
	struct hdrs h;

	if (mss == 0 || nb->data_length == 0)
		return NBL_STATUS_INVALID_PARAMETER;
	if (nbl_buf_copy_out(nb, 0, avail, hdr) != 0 ||
	    parse(hdr, avail, tcp_off, &h) != 0 || h.proto != IPPROTO_TCP)
		return NBL_STATUS_FAILURE;
	hlen = (uint32_t)h.l2 + h.l3 + h.l4;
	if (hlen + mss > b->reqs.max_frame)
		return NBL_STATUS_INVALID_LENGTH;
	payload = nb->data_length - hlen;
	nseg = payload == 0 ? 1 : (payload + mss - 1) / mss;
	seq0 = rte_be_to_cpu_32(((struct rte_tcp_hdr *)(hdr + h.l2 + h.l3))->sent_seq);
	flags0 = ((struct rte_tcp_hdr *)(hdr + h.l2 + h.l3))->tcp_flags;
	if (h.v4)
		id0 = rte_be_to_cpu_16(((struct rte_ipv4_hdr *)(hdr + h.l2))->packet_id);
	for (i = 0, off = 0; i < nseg; i++, off += mss) {
		uint32_t seg = RTE_MIN(mss, payload - off);
		struct rte_mbuf *m = rte_pktmbuf_alloc(b->copy_mp);
		struct rte_tcp_hdr *t;
		uint8_t *d;
		int32_t st;

		if (m == NULL)
			return NBL_STATUS_RESOURCES;
		d = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)(hlen + seg));
		if (d == NULL || nbl_buf_copy_out(nb, hlen + off, seg,
						  d + hlen) != 0) {
			rte_pktmbuf_free(m);
			return NBL_STATUS_FAILURE;
		}
		memcpy(d, hdr, hlen);
		if (h.v4) {
			struct rte_ipv4_hdr *v4 = (struct rte_ipv4_hdr *)(d + h.l2);

			v4->total_length = rte_cpu_to_be_16((uint16_t)(h.l3 + h.l4 + seg));
			v4->packet_id = rte_cpu_to_be_16((uint16_t)(id0 + i));
		} else {
			struct rte_ipv6_hdr *v6 = (struct rte_ipv6_hdr *)(d + h.l2);

			v6->payload_len = rte_cpu_to_be_16((uint16_t)(h.l3 - sizeof(*v6) + h.l4 + seg));
		}
		t = (struct rte_tcp_hdr *)(d + h.l2 + h.l3);
		t->sent_seq = rte_cpu_to_be_32(seq0 + off);
		t->tcp_flags = flags0;
		if (i + 1 != nseg)
			t->tcp_flags &= (uint8_t)~(RTE_TCP_FIN_FLAG | RTE_TCP_PSH_FLAG);
		if (i != 0)
			t->tcp_flags &= (uint8_t)~RTE_TCP_CWR_FLAG;
		if (sw_csum(d, hlen + seg, &h, NBL_CSUM_TX_IP | NBL_CSUM_TX_TCP) != 0) {
			rte_pktmbuf_free(m);
			return NBL_STATUS_INVALID_LENGTH;
		}
		st = apply_vlan(b, q, nbl, &m);
		if (st != NBL_STATUS_SUCCESS || bind_push(b, q, m, nbl) != 0) {
			rte_pktmbuf_free(m);
			return st != NBL_STATUS_SUCCESS ? st : NBL_STATUS_RESOURCES;
		}
		q->pub.stats.sw_lso++;
	}
	return NBL_STATUS_SUCCESS;
}

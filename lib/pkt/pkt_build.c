/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/* The header bytes of each protocol of a stack, with the values of the
 * spec (first values of ranges), and what the template needs to know of
 * them: ranged fields, length fields and checksums. */

#include <errno.h>
#include <netinet/in.h>
#include <string.h>

#include <rte_arp.h>
#include <rte_ether.h>
#include <rte_geneve.h>
#include <rte_gre.h>
#include <rte_icmp.h>
#include <rte_ip.h>
#include <rte_mpls.h>
#include <rte_tcp.h>
#include <rte_udp.h>
#include <rte_vxlan.h>

#include "pkt_private.h"

/* Bytes of each header (MPLS: per label; GRE: without its key). */
static const uint8_t hdr_size[P_NPROTO] = {
	[P_ETH] = RTE_ETHER_HDR_LEN,
	[P_VLAN] = sizeof(struct rte_vlan_hdr),
	[P_QINQ] = 2 * sizeof(struct rte_vlan_hdr),
	[P_MPLS] = sizeof(struct rte_mpls_hdr),
	[P_IPV4] = sizeof(struct rte_ipv4_hdr),
	[P_IPV6] = sizeof(struct rte_ipv6_hdr),
	[P_UDP] = sizeof(struct rte_udp_hdr),
	[P_TCP] = sizeof(struct rte_tcp_hdr),
	[P_ICMP] = sizeof(struct rte_icmp_hdr),
	[P_ICMPV6] = sizeof(struct rte_icmp_hdr),
	[P_ARP] = sizeof(struct rte_arp_hdr),
	[P_VXLAN] = sizeof(struct rte_vxlan_hdr),
	[P_GENEVE] = sizeof(struct rte_geneve_hdr),
	[P_GRE] = sizeof(struct rte_gre_hdr),
};

/* EtherType announcing a header (after Ethernet, VLAN tags and GRE). */
static uint16_t
ether_type(int next)
{
	switch (next) {
	case P_VLAN:
		return RTE_ETHER_TYPE_VLAN;
	case P_QINQ:
		return RTE_ETHER_TYPE_QINQ;
	case P_MPLS:
		return RTE_ETHER_TYPE_MPLS;
	case P_IPV6:
		return RTE_ETHER_TYPE_IPV6;
	case P_ARP:
		return RTE_ETHER_TYPE_ARP;
	case P_ETH:
		return RTE_ETHER_TYPE_TEB;
	default:
		return RTE_ETHER_TYPE_IPV4;
	}
}

/* IP protocol number of a header. */
static uint8_t
ip_proto(int next)
{
	switch (next) {
	case P_TCP:
		return IPPROTO_TCP;
	case P_ICMP:
		return IPPROTO_ICMP;
	case P_ICMPV6:
		return IPPROTO_ICMPV6;
	case P_GRE:
		return IPPROTO_GRE;
	default:
		return IPPROTO_UDP;
	}
}

/* State of one build. */
struct bld {
	struct pkt_tmpl *t;
	const struct pkt_vals *v;
	char *err;
	size_t errlen;
	uint8_t *p;       /* current header */
	uint16_t off;     /* its offset */
	bool inner;
	uint16_t ip_off;  /* last IP header */
	int l3;           /* its protocol */
};

/* Write a field of w bytes: the first value of key kid (its value, or
 * tci | value for VLAN IDs), and register it as ranged if it is. */
static int
field(struct bld *b, unsigned int kid, unsigned int at, unsigned int w,
      uint64_t or)
{
	const struct pkt_val *r = &b->v->f[kid];
	struct pkt_tmpl *t = b->t;
	struct pkt_var *var;
	uint64_t val = r->first | or;
	unsigned int i;

	if (w == 16) { /* IPv6 address: the high half is fixed */
		for (i = 0; i < 8; i++)
			b->p[at + i] = (uint8_t)(r->hi >> (56 - 8 * i));
		at += 8;
		w = 8;
	}
	for (i = 0; i < w; i++)
		b->p[at + i] = (uint8_t)(val >> (8 * (w - 1 - i)));
	if (r->span < 2)
		return 0;
	if (t->nvar == PKT_VAR_MAX) {
		pkt_errf(b->err, b->errlen,
			 "%s: more than %d fields change per frame",
			 pkt_kdef(kid)->k.name, PKT_VAR_MAX);
		return -EINVAL;
	}
	var = &t->var[t->nvar];
	memset(var, 0, sizeof(*var));
	var->off = (uint16_t)(b->off + at);
	var->width = (uint8_t)w;
	var->mode = r->mode;
	var->first = val;
	var->span = r->span;
	var->step = r->step;
	t->var_kid[t->nvar++] = (uint8_t)kid;
	return 0;
}

static void
add_lenf(struct bld *b, unsigned int at, uint32_t adj)
{
	struct pkt_lenf *l = &b->t->lenf[b->t->nlenf++];

	l->off = (uint16_t)(b->off + at);
	l->adj = (uint16_t)adj;
}

static void
add_ck(struct bld *b, unsigned int kind, unsigned int at, uint8_t proto)
{
	struct pkt_cksum *c = &b->t->cks[b->t->ncks++];

	c->kind = (uint8_t)kind;
	c->udp = proto == IPPROTO_UDP;
	c->proto = proto;
	c->off = (uint16_t)(b->off + at);
	c->ip_off = b->ip_off;
	c->l4_off = b->off;
}

static int
b_eth(struct bld *b, int next)
{
	int ret;

	ret = field(b, b->inner ? K_IDST_MAC : K_DST_MAC, 0, 6, 0);
	if (ret == 0)
		ret = field(b, b->inner ? K_ISRC_MAC : K_SRC_MAC, 6, 6, 0);
	pkt_put16(b->p + 12, ether_type(next));
	return ret;
}

static int
b_vlan(struct bld *b, int next)
{
	uint64_t prio = b->inner ? 0 : b->v->f[K_VLAN_PRIO].first << 13;

	pkt_put16(b->p + 2, ether_type(next));
	return field(b, b->inner ? K_IVLAN : K_VLAN, 0, 2, prio);
}

static int
b_qinq(struct bld *b, int next)
{
	uint64_t prio = b->v->f[K_VLAN_PRIO].first << 13;
	int ret;

	pkt_put16(b->p + 2, RTE_ETHER_TYPE_VLAN);
	pkt_put16(b->p + 6, ether_type(next));
	ret = field(b, K_SVLAN, 0, 2, prio);
	if (ret == 0)
		ret = field(b, K_VLAN, 4, 2, prio);
	return ret;
}

static void
b_mpls(struct bld *b)
{
	unsigned int i, n = b->v->nmpls;

	for (i = 0; i < n; i++)
		pkt_put32(b->p + 4 * i, b->v->mpls[i] << 12 |
			  (i == n - 1 ? 1u << 8 : 0) | 64);
}

static int
b_ipv4(struct bld *b, int next)
{
	const struct pkt_vals *v = b->v;
	int ret;

	b->ip_off = b->off;
	b->l3 = P_IPV4;
	b->p[0] = RTE_IPV4_VHL_DEF;
	b->p[1] = (uint8_t)v->f[b->inner ? K_ITOS : K_TOS].first;
	pkt_put16(b->p + 6, RTE_IPV4_HDR_DF_FLAG);
	b->p[9] = ip_proto(next);
	add_lenf(b, 2, b->off);
	add_ck(b, CK_IP4, 10, 0);
	ret = field(b, b->inner ? K_ITTL : K_TTL, 8, 1, 0);
	if (ret == 0)
		ret = field(b, b->inner ? K_ISRC_IP : K_SRC_IP, 12, 4, 0);
	if (ret == 0)
		ret = field(b, b->inner ? K_IDST_IP : K_DST_IP, 16, 4, 0);
	return ret;
}

static int
b_ipv6(struct bld *b, int next)
{
	const struct pkt_vals *v = b->v;
	uint32_t tc = (uint32_t)v->f[b->inner ? K_ITOS : K_TOS].first;
	int ret;

	b->ip_off = b->off;
	b->l3 = P_IPV6;
	pkt_put32(b->p, 6u << 28 | tc << 20);
	b->p[6] = ip_proto(next);
	add_lenf(b, 4, b->off + (uint32_t)sizeof(struct rte_ipv6_hdr));
	ret = field(b, b->inner ? K_ITTL : K_TTL, 7, 1, 0);
	if (ret == 0)
		ret = field(b, b->inner ? K_ISRC_IP : K_SRC_IP, 8, 16, 0);
	if (ret == 0)
		ret = field(b, b->inner ? K_IDST_IP : K_DST_IP, 24, 16, 0);
	return ret;
}

/* The checksum kind of an L4 header over the last IP header. */
static unsigned int
l4_kind(const struct bld *b)
{
	return b->l3 == P_IPV6 ? CK_L4_IP6 : CK_L4_IP4;
}

static int
b_udp(struct bld *b, int next)
{
	bool tunnel = next == P_VXLAN || next == P_GENEVE;
	int ret;

	add_lenf(b, 4, b->off);
	add_ck(b, tunnel && b->l3 == P_IPV4 ? CK_ZERO : l4_kind(b), 6,
	       IPPROTO_UDP);
	b->t->cks[b->t->ncks - 1].full = tunnel && b->l3 == P_IPV6;
	ret = field(b, b->inner ? K_ISRC_PORT : K_SRC_PORT, 0, 2, 0);
	if (ret == 0)
		ret = field(b, b->inner ? K_IDST_PORT : K_DST_PORT, 2, 2, 0);
	return ret;
}

static int
b_tcp(struct bld *b)
{
	uint8_t flags = (uint8_t)b->v->f[b->inner ? K_ITCP_FLAGS :
					 K_TCP_FLAGS].first;
	int ret;

	/* seq: the initial one (a stamp writes each flow's byte stream) */
	pkt_put32(b->p + 4, 1);
	pkt_put32(b->p + 8, flags & RTE_TCP_ACK_FLAG ? 1 : 0);
	b->t->tcp_off = b->off;
	b->t->tcp_synfin = (uint8_t)(!!(flags & RTE_TCP_SYN_FLAG) +
				     !!(flags & RTE_TCP_FIN_FLAG));
	b->p[12] = sizeof(struct rte_tcp_hdr) << 2;
	b->p[13] = flags;
	pkt_put16(b->p + 14, 65535);
	add_ck(b, l4_kind(b), 16, IPPROTO_TCP);
	ret = field(b, b->inner ? K_ISRC_PORT : K_SRC_PORT, 0, 2, 0);
	if (ret == 0)
		ret = field(b, b->inner ? K_IDST_PORT : K_DST_PORT, 2, 2, 0);
	return ret;
}

static void
b_icmp(struct bld *b, bool v6)
{
	b->p[0] = (uint8_t)b->v->f[K_ICMP_TYPE].first;
	b->p[1] = (uint8_t)b->v->f[K_ICMP_CODE].first;
	pkt_put16(b->p + 4, PKT_SIG_MAGIC);
	if (v6)
		add_ck(b, CK_L4_IP6, 2, IPPROTO_ICMPV6);
	else
		add_ck(b, CK_ICMP4, 2, IPPROTO_ICMP);
}

static int
b_arp(struct bld *b)
{
	const struct pkt_vals *v = b->v;
	uint16_t op = (uint16_t)v->f[K_ARP_OP].first;
	unsigned int i;
	int ret;

	pkt_put16(b->p, RTE_ARP_HRD_ETHER);
	pkt_put16(b->p + 2, RTE_ETHER_TYPE_IPV4);
	b->p[4] = RTE_ETHER_ADDR_LEN;
	b->p[5] = 4;
	pkt_put16(b->p + 6, op);
	for (i = 0; i < 6; i++) {
		b->p[8 + i] = (uint8_t)(v->f[K_SRC_MAC].first >> (40 - 8 * i));
		b->p[18 + i] = op == RTE_ARP_OP_REQUEST ? 0 :
			(uint8_t)(v->f[K_DST_MAC].first >> (40 - 8 * i));
	}
	ret = field(b, K_SRC_IP, 14, 4, 0);
	if (ret == 0)
		ret = field(b, K_DST_IP, 24, 4, 0);
	return ret;
}

static int
b_tunnel(struct bld *b, unsigned int proto, int next)
{
	const struct pkt_val *key = &b->v->f[K_GRE_KEY];

	switch (proto) {
	case P_VXLAN:
		b->p[0] = 0x08; /* I: the VNI is valid */
		return field(b, K_VNI, 4, 3, 0);
	case P_GENEVE:
		pkt_put16(b->p + 2, RTE_GENEVE_TYPE_ETH);
		return field(b, K_VNI, 4, 3, 0);
	default:
		pkt_put16(b->p + 2, ether_type(next));
		if (key->first == PKT_GRE_NOKEY)
			return 0;
		pkt_put16(b->p, 0x2000); /* K */
		return field(b, K_GRE_KEY, 4, 4, 0);
	}
}

/* Ranged fields in key order (the odometer's), kept stable. */
static void
sort_vars(struct pkt_tmpl *t)
{
	unsigned int i, j;

	for (i = 1; i < t->nvar; i++)
		for (j = i; j > 0 && t->var_kid[j - 1] > t->var_kid[j]; j--) {
			struct pkt_var tv = t->var[j];
			uint8_t tk = t->var_kid[j];

			t->var[j] = t->var[j - 1];
			t->var_kid[j] = t->var_kid[j - 1];
			t->var[j - 1] = tv;
			t->var_kid[j - 1] = tk;
		}
}

int
pkt_build(struct pkt_tmpl *t, const struct pkt_vals *v, char *err,
	  size_t errlen)
{
	const struct pkt_stack *st = &v->stack;
	struct bld b = { .t = t, .v = v, .err = err, .errlen = errlen };
	unsigned int i;
	int ret = 0;

	t->st = *st;
	pkt_stack_str(st, t->stack, sizeof(t->stack));
	for (i = 0; i < st->n && ret == 0; i++) {
		unsigned int p = st->proto[i];
		int next = i + 1 < st->n ? st->proto[i + 1] : -1;
		unsigned int len = hdr_size[p];

		if (p == P_MPLS)
			len *= v->nmpls;
		if (p == P_GRE && v->f[K_GRE_KEY].first != PKT_GRE_NOKEY)
			len += sizeof(struct rte_gre_hdr_opt_key);
		b.inner = st->tun != 0 && i > st->tun;
		b.p = t->bytes + b.off;
		t->hdr[i].proto = (uint8_t)p;
		t->hdr[i].inner = b.inner;
		t->hdr[i].off = b.off;
		t->hdr[i].len = (uint16_t)len;
		switch (p) {
		case P_ETH:
			ret = b_eth(&b, next);
			break;
		case P_VLAN:
			ret = b_vlan(&b, next);
			break;
		case P_QINQ:
			ret = b_qinq(&b, next);
			break;
		case P_MPLS:
			b_mpls(&b);
			break;
		case P_IPV4:
			ret = b_ipv4(&b, next);
			break;
		case P_IPV6:
			ret = b_ipv6(&b, next);
			break;
		case P_UDP:
			ret = b_udp(&b, next);
			break;
		case P_TCP:
			ret = b_tcp(&b);
			break;
		case P_ICMP:
		case P_ICMPV6:
			b_icmp(&b, p == P_ICMPV6);
			break;
		case P_ARP:
			ret = b_arp(&b);
			break;
		default:
			ret = b_tunnel(&b, p, next);
			break;
		}
		b.off = (uint16_t)(b.off + len);
		if (st->tun != 0 && i == st->tun) {
			t->outer_len = b.off;
			snprintf(t->outer_what, sizeof(t->outer_what),
				 "%s%s over %s: %u bytes",
				 p == P_VXLAN ? "VXLAN" : p == P_GENEVE ?
				 "GENEVE" : "GRE",
				 p == P_GRE && len > hdr_size[P_GRE] ?
				 " with a key" : "",
				 b.l3 == P_IPV6 ? "IPv6" : "IPv4", b.off);
		}
	}
	if (ret < 0)
		return ret;
	t->hdr_len = b.off;
	t->payload_off = b.off;
	sort_vars(t);
	return 0;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/* Header stacks: the grammar of pkt.h, as a table of what may follow
 * each header, with a message that names the stack and the problem. */

#include <errno.h>
#include <string.h>
#include <strings.h>

#include "pkt_private.h"

static const char *const proto_names[P_NPROTO] = {
	[P_ETH] = "eth",       [P_VLAN] = "vlan",     [P_QINQ] = "qinq",
	[P_MPLS] = "mpls",     [P_IPV4] = "ipv4",     [P_IPV6] = "ipv6",
	[P_UDP] = "udp",       [P_TCP] = "tcp",       [P_ICMP] = "icmp",
	[P_ICMPV6] = "icmpv6", [P_ARP] = "arp",       [P_VXLAN] = "vxlan",
	[P_GENEVE] = "geneve", [P_GRE] = "gre",
};

#define B(p) (1u << (p))

/* What may follow a header outside a tunnel ([0]) and inside ([1]); the
 * first header of an inner frame follows its tunnel header. */
static const uint32_t next_ok[P_NPROTO][2] = {
	[P_ETH] = { B(P_VLAN) | B(P_QINQ) | B(P_MPLS) | B(P_IPV4) |
			    B(P_IPV6) | B(P_ARP),
		    B(P_VLAN) | B(P_IPV4) | B(P_IPV6) },
	[P_VLAN] = { B(P_MPLS) | B(P_IPV4) | B(P_IPV6) | B(P_ARP),
		     B(P_IPV4) | B(P_IPV6) },
	[P_QINQ] = { B(P_MPLS) | B(P_IPV4) | B(P_IPV6) | B(P_ARP), 0 },
	[P_MPLS] = { B(P_IPV4) | B(P_IPV6), 0 },
	[P_IPV4] = { B(P_UDP) | B(P_TCP) | B(P_ICMP) | B(P_GRE),
		     B(P_UDP) | B(P_TCP) | B(P_ICMP) },
	[P_IPV6] = { B(P_UDP) | B(P_TCP) | B(P_ICMPV6) | B(P_GRE),
		     B(P_UDP) | B(P_TCP) | B(P_ICMPV6) },
	[P_UDP] = { B(P_VXLAN) | B(P_GENEVE), 0 },
	[P_VXLAN] = { 0, B(P_ETH) },
	[P_GENEVE] = { 0, B(P_ETH) },
	[P_GRE] = { 0, B(P_ETH) | B(P_IPV4) | B(P_IPV6) },
};

/* Headers a stack may end with. */
static const uint32_t last_ok = B(P_UDP) | B(P_TCP) | B(P_ICMP) |
				B(P_ICMPV6) | B(P_ARP);

const char *
pkt_proto_name(unsigned int p)
{
	return p < P_NPROTO ? proto_names[p] : "?";
}

/* "a, b or c" of the protocols in mask. */
static void
mask_str(uint32_t mask, char *buf, size_t len)
{
	unsigned int p, n = 0, k = 0;
	size_t used = 0;

	for (p = 0; p < P_NPROTO; p++)
		n += !!(mask & B(p));
	buf[0] = '\0';
	for (p = 0; p < P_NPROTO && used < len; p++) {
		if (!(mask & B(p)))
			continue;
		k++;
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 k == 1 ? "" : k == n ? " or " : ", ",
					 proto_names[p]);
	}
}

static int
lookup(const char *name, size_t n)
{
	unsigned int p;

	for (p = 0; p < P_NPROTO; p++)
		if (strlen(proto_names[p]) == n &&
		    strncasecmp(proto_names[p], name, n) == 0)
			return (int)p;
	return -1;
}

int
pkt_stack_parse(const char *s, struct pkt_stack *st, char *err,
		size_t errlen)
{
	const char *tok = s;
	char list[128];
	int prev = -1;
	bool inner = false;

	memset(st, 0, sizeof(*st));
	if (*s == '\0') {
		pkt_errf(err, errlen, "'': no headers (e.g. eth/ipv4/udp)");
		return -EINVAL;
	}
	for (;;) {
		size_t n = strcspn(tok, "/");
		uint32_t ok;
		int p;

		if (n == 0) {
			pkt_errf(err, errlen, "'%s': an empty header name", s);
			return -EINVAL;
		}
		p = lookup(tok, n);
		if (p < 0) {
			pkt_errf(err, errlen,
				 "'%s': unknown header '%.*s' (eth, vlan, qinq, mpls, ipv4, ipv6, udp, tcp, icmp, icmpv6, arp, vxlan, geneve or gre)",
				 s, (int)n, tok);
			return -EINVAL;
		}
		if (st->n == PKT_STACK_MAX) {
			pkt_errf(err, errlen, "'%s': more than %d headers", s,
				 PKT_STACK_MAX);
			return -EINVAL;
		}
		if (prev < 0) {
			ok = B(P_ETH);
		} else {
			if (prev == P_VXLAN || prev == P_GENEVE ||
			    prev == P_GRE) {
				ok = next_ok[prev][1];
				inner = true;
				st->tun = (uint8_t)(st->n - 1);
			} else {
				ok = next_ok[prev][inner];
			}
		}
		if (!(ok & B(p))) {
			if (prev < 0)
				pkt_errf(err, errlen,
					 "'%s': a stack starts with eth", s);
			else if ((p == P_ICMP && prev == P_IPV6) ||
				 (p == P_ICMPV6 && prev == P_IPV4))
				pkt_errf(err, errlen,
					 "'%s': icmp goes with ipv4 and icmpv6 with ipv6",
					 s);
			else if (ok == 0)
				pkt_errf(err, errlen,
					 "'%s': nothing can follow %s%s", s,
					 proto_names[prev],
					 inner ? " inside a tunnel" : "");
			else {
				mask_str(ok, list, sizeof(list));
				pkt_errf(err, errlen,
					 "'%s': %s cannot follow %s%s (%s can)",
					 s, proto_names[p], proto_names[prev],
					 inner ? " inside a tunnel" : "", list);
			}
			return -EINVAL;
		}
		st->proto[st->n++] = (uint8_t)p;
		prev = p;
		if (tok[n] == '\0')
			break;
		tok += n + 1;
	}
	if (!(last_ok & B(prev))) {
		uint32_t ok = prev == P_VXLAN || prev == P_GENEVE ||
			prev == P_GRE ? next_ok[prev][1] : next_ok[prev][inner];

		mask_str(ok, list, sizeof(list));
		pkt_errf(err, errlen,
			 "'%s': the stack cannot end with %s (%s must follow)",
			 s, proto_names[prev], list);
		return -EINVAL;
	}
	return 0;
}

void
pkt_stack_str(const struct pkt_stack *st, char *buf, size_t len)
{
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < st->n && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i ? "/" : "", proto_names[st->proto[i]]);
}

bool
pkt_stack_has(const struct pkt_stack *st, unsigned int p, int inner)
{
	unsigned int i;

	for (i = 0; i < st->n; i++) {
		bool in = st->tun != 0 && i > st->tun;

		if (st->proto[i] == p && (inner < 0 || in == !!inner))
			return true;
	}
	return false;
}

int
pkt_stack_l3(const struct pkt_stack *st, int inner)
{
	if (pkt_stack_has(st, P_IPV4, inner))
		return P_IPV4;
	if (pkt_stack_has(st, P_IPV6, inner))
		return P_IPV6;
	if (pkt_stack_has(st, P_ARP, inner))
		return P_ARP;
	return -1;
}

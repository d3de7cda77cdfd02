/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/* The keys of a stream description, specs (keys and their text), and the
 * resolution of a spec against its stack: defaults that depend on the
 * stack, keys for headers the stack lacks, address families. */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rte_errno.h>

#include "pkt_private.h"

#define MAC_ARG "MAC[-LAST]"
#define IP_ARG "ADDR[-LAST]"
#define PORT_ARG "PORT[-LAST]"
#define RANGE_OPT " A range FIRST-LAST[,inc|,dec|,random][,step=N] " \
	"changes it per frame."

static const struct pkt_kdef keys[K_N] = {
	[K_HEADERS] = { { "headers", "STACK", "eth/ipv4/udp",
		"Header stack, outermost first, names joined by '/': eth, "
		"vlan, qinq, mpls, ipv4, ipv6, udp, tcp, icmp, icmpv6, arp, "
		"vxlan, geneve, gre (e.g. eth/ipv4/udp/vxlan/eth/ipv4/udp)." },
		KIND_STACK, 0, 0, 0, 0, "a header stack" },
	[K_SRC_MAC] = { { "src-mac", MAC_ARG, "02:00:00:00:00:01",
		"Source MAC address of the outer Ethernet header (of ARP: "
		"also the sender's)." RANGE_OPT },
		KIND_MAC, 1, 6, 0, UINT64_C(0xffffffffffff), "a MAC address" },
	[K_DST_MAC] = { { "dst-mac", MAC_ARG, "02:00:00:00:00:02",
		"Destination MAC address of the outer Ethernet header "
		"(ff:ff:ff:ff:ff:ff for an ARP request by default)."
		RANGE_OPT },
		KIND_MAC, 1, 6, 0, UINT64_C(0xffffffffffff), "a MAC address" },
	[K_VLAN] = { { "vlan", "ID[-LAST]", "100",
		"802.1Q VLAN ID (0 to 4095) of the vlan tag or of qinq's "
		"C-tag." RANGE_OPT },
		KIND_NUM, 1, 2, 0, 4095, "a VLAN ID" },
	[K_VLAN_PRIO] = { { "vlan-prio", "PCP", "0",
		"802.1p priority (0 to 7) of the outer VLAN tags." },
		KIND_NUM, 0, 0, 0, 7, "a VLAN priority" },
	[K_SVLAN] = { { "svlan", "ID[-LAST]", "200",
		"802.1ad service VLAN ID (0 to 4095) of qinq's S-tag."
		RANGE_OPT },
		KIND_NUM, 1, 2, 0, 4095, "a VLAN ID" },
	[K_MPLS] = { { "mpls", "LABEL[,LABEL...]", "16",
		"MPLS label stack, outermost first (labels 0 to 1048575, at "
		"most 8; TTL 64)." },
		KIND_MPLS, 0, 0, 0, 1048575, "an MPLS label" },
	[K_SRC_IP] = { { "src-ip", IP_ARG, "127.0.0.1",
		"Source IPv4 or IPv6 address, of the stack's family (::1 "
		"over ipv6 by default; of ARP: the sender's)." RANGE_OPT },
		KIND_IP, 1, 4, 0, 0, "an IPv4 or IPv6 address" },
	[K_DST_IP] = { { "dst-ip", IP_ARG, "127.0.0.1",
		"Destination IPv4 or IPv6 address, of the stack's family "
		"(::1 over ipv6 by default; of ARP: the target's)."
		RANGE_OPT },
		KIND_IP, 1, 4, 0, 0, "an IPv4 or IPv6 address" },
	[K_TTL] = { { "ttl", "HOPS[-LAST]", "64",
		"IPv4 time to live or IPv6 hop limit, in hops (1 to 255)."
		RANGE_OPT },
		KIND_NUM, 1, 1, 1, 255, "a TTL" },
	[K_TOS] = { { "tos", "BYTE", "0",
		"IPv4 type of service or IPv6 traffic class byte (0 to 255: "
		"DSCP times 4 plus ECN)." },
		KIND_NUM, 0, 0, 0, 255, "a TOS byte" },
	[K_SRC_PORT] = { { "src-port", PORT_ARG, "49152",
		"Source UDP or TCP port (0 to 65535)." RANGE_OPT },
		KIND_NUM, 1, 2, 0, 65535, "a port" },
	[K_DST_PORT] = { { "dst-port", PORT_ARG, "9",
		"Destination UDP or TCP port (0 to 65535; 4789 over vxlan "
		"and 6081 over geneve by default)." RANGE_OPT },
		KIND_NUM, 1, 2, 0, 65535, "a port" },
	[K_TCP_FLAGS] = { { "tcp-flags", "FLAGS", "A",
		"TCP flags as letters FSRPAUEC (e.g. SA), as names joined by "
		"',' (syn,ack) or as a number (0 to 255); the ack number is 1 "
		"with A, else 0." },
		KIND_FLAGS, 0, 0, 0, 255, "TCP flags" },
	[K_ICMP_TYPE] = { { "icmp-type", "TYPE", "echo-request",
		"Type of the stack's ICMP or ICMPv6 header: echo-request, "
		"echo-reply or a number (0 to 255)." },
		KIND_ICMP, 0, 0, 0, 255, "an ICMP type" },
	[K_ICMP_CODE] = { { "icmp-code", "CODE", "0",
		"Code of the stack's ICMP or ICMPv6 header (0 to 255)." },
		KIND_NUM, 0, 0, 0, 255, "an ICMP code" },
	[K_ARP_OP] = { { "arp-op", "OP", "request",
		"ARP operation: request, reply or a number (1 to 65535)." },
		KIND_ARP, 0, 0, 1, 65535, "an ARP operation" },
	[K_VNI] = { { "vni", "VNI[-LAST]", "1",
		"VXLAN or GENEVE network identifier (0 to 16777215)."
		RANGE_OPT },
		KIND_NUM, 1, 3, 0, 16777215, "a VNI" },
	[K_GRE_KEY] = { { "gre-key", "KEY[-LAST]", "none",
		"GRE key (0 to 4294967295), or none for a GRE header without "
		"a key." RANGE_OPT },
		KIND_GREKEY, 1, 4, 0, UINT32_MAX, "a GRE key" },
	[K_ISRC_MAC] = { { "inner-src-mac", MAC_ARG, "02:00:00:00:00:01",
		"Source MAC address of the inner Ethernet header."
		RANGE_OPT },
		KIND_MAC, 1, 6, 0, UINT64_C(0xffffffffffff), "a MAC address" },
	[K_IDST_MAC] = { { "inner-dst-mac", MAC_ARG, "02:00:00:00:00:02",
		"Destination MAC address of the inner Ethernet header."
		RANGE_OPT },
		KIND_MAC, 1, 6, 0, UINT64_C(0xffffffffffff), "a MAC address" },
	[K_IVLAN] = { { "inner-vlan", "ID[-LAST]", "100",
		"802.1Q VLAN ID (0 to 4095) of the inner vlan tag."
		RANGE_OPT },
		KIND_NUM, 1, 2, 0, 4095, "a VLAN ID" },
	[K_ISRC_IP] = { { "inner-src-ip", IP_ARG, "127.0.0.1",
		"Source address of the inner IPv4 or IPv6 header (::1 over "
		"ipv6 by default)." RANGE_OPT },
		KIND_IP, 1, 4, 0, 0, "an IPv4 or IPv6 address" },
	[K_IDST_IP] = { { "inner-dst-ip", IP_ARG, "127.0.0.1",
		"Destination address of the inner IPv4 or IPv6 header (::1 "
		"over ipv6 by default)." RANGE_OPT },
		KIND_IP, 1, 4, 0, 0, "an IPv4 or IPv6 address" },
	[K_ITTL] = { { "inner-ttl", "HOPS[-LAST]", "64",
		"Time to live or hop limit of the inner IP header, in hops "
		"(1 to 255)." RANGE_OPT },
		KIND_NUM, 1, 1, 1, 255, "a TTL" },
	[K_ITOS] = { { "inner-tos", "BYTE", "0",
		"Type of service or traffic class byte of the inner IP header "
		"(0 to 255)." },
		KIND_NUM, 0, 0, 0, 255, "a TOS byte" },
	[K_ISRC_PORT] = { { "inner-src-port", PORT_ARG, "49152",
		"Source port of the inner UDP or TCP header (0 to 65535)."
		RANGE_OPT },
		KIND_NUM, 1, 2, 0, 65535, "a port" },
	[K_IDST_PORT] = { { "inner-dst-port", PORT_ARG, "9",
		"Destination port of the inner UDP or TCP header (0 to "
		"65535)." RANGE_OPT },
		KIND_NUM, 1, 2, 0, 65535, "a port" },
	[K_ITCP_FLAGS] = { { "inner-tcp-flags", "FLAGS", "A",
		"Flags of the inner TCP header, as for tcp-flags." },
		KIND_FLAGS, 0, 0, 0, 255, "TCP flags" },
	[K_SIZE] = { { "size", "SIZE|MIN-MAX[,random]|imix|SIZE:WEIGHT,...",
		"64",
		"Frame size in bytes with the 4-byte FCS (64 to 9216): one "
		"size, every size of a range in turn (,random: drawn), imix "
		"(64:7,594:4,1518:1) or sizes with weights." },
		KIND_SIZE, 0, 0, PKT_SIZE_MIN, PKT_SIZE_MAX, "a frame size" },
	[K_PAYLOAD] = { { "payload", "zeros|inc|random|hex:BYTES", "inc",
		"Payload bytes: zeros, inc (byte k is k mod 256), random (a "
		"seeded pattern, the same in every frame) or hex:DEADBEEF "
		"(repeated); ARP frames are padded with zeros." },
		KIND_PAYLOAD, 0, 0, 0, 0, "a payload" },
	[K_SIGNATURE] = { { "signature", "yes|no", "no",
		"End every frame's payload with a 16-byte signature: magic "
		"0x4E42, stream id, 32-bit sequence number and 64-bit TX "
		"timestamp in ns." },
		KIND_BOOL, 0, 0, 0, 0, "yes or no" },
};

struct pkt_spec {
	char *val[K_N]; /* as set, NULL: the default */
};

void
pkt_errf(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || len == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
}

const char *
pkt_show(const char *s, char *buf, size_t len)
{
	if (strlen(s) < len)
		snprintf(buf, len, "%s", s);
	else
		snprintf(buf, len, "%.*s...", (int)(len - 8), s);
	return buf;
}

const struct pkt_key *
pkt_key_get(unsigned int i)
{
	return i < K_N ? &keys[i].k : NULL;
}

const struct pkt_kdef *
pkt_kdef(unsigned int kid)
{
	return &keys[kid];
}

int
pkt_kid(const char *name)
{
	unsigned int i;

	if (name == NULL)
		return -1;
	for (i = 0; i < K_N; i++)
		if (strcmp(keys[i].k.name, name) == 0)
			return (int)i;
	return -1;
}

struct pkt_spec *
pkt_spec_create(void)
{
	struct pkt_spec *spec = calloc(1, sizeof(*spec));

	if (spec == NULL)
		rte_errno = ENOMEM;
	return spec;
}

void
pkt_spec_free(struct pkt_spec *spec)
{
	unsigned int i;

	if (spec == NULL)
		return;
	for (i = 0; i < K_N; i++)
		free(spec->val[i]);
	free(spec);
}

struct pkt_spec *
pkt_spec_copy(const struct pkt_spec *spec)
{
	struct pkt_spec *c;
	unsigned int i;

	if (spec == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	c = pkt_spec_create();
	if (c == NULL)
		return NULL;
	for (i = 0; i < K_N; i++) {
		if (spec->val[i] == NULL)
			continue;
		c->val[i] = strdup(spec->val[i]);
		if (c->val[i] == NULL) {
			pkt_spec_free(c);
			rte_errno = ENOMEM;
			return NULL;
		}
	}
	return c;
}

int
pkt_spec_set(struct pkt_spec *spec, const char *key, const char *value,
	     char *err, size_t errlen)
{
	struct pkt_vals *v;
	char *copy;
	int kid = pkt_kid(key);
	int ret;

	if (kid < 0) {
		pkt_errf(err, errlen, "unknown key '%s'", key ? key : "");
		return -ENOENT;
	}
	if (spec == NULL || value == NULL) {
		pkt_errf(err, errlen, "no value");
		return -EINVAL;
	}
	v = malloc(sizeof(*v));
	if (v == NULL) {
		pkt_errf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	if (kid == K_HEADERS)
		ret = pkt_stack_parse(value, &v->stack, err, errlen);
	else
		ret = pkt_parse_key((unsigned int)kid, value, v, err, errlen);
	free(v);
	if (ret < 0)
		return ret;
	copy = strdup(value);
	if (copy == NULL) {
		pkt_errf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	free(spec->val[kid]);
	spec->val[kid] = copy;
	return 0;
}

bool
pkt_spec_is_set(const struct pkt_spec *spec, const char *key)
{
	int kid = pkt_kid(key);

	return spec != NULL && kid >= 0 && spec->val[kid] != NULL;
}

/* The default of a key for a stack: some depend on it. */
static const char *
key_default(unsigned int kid, const struct pkt_stack *st)
{
	switch (kid) {
	case K_SRC_IP:
	case K_DST_IP:
		return pkt_stack_l3(st, 0) == P_IPV6 ? "::1" : "127.0.0.1";
	case K_ISRC_IP:
	case K_IDST_IP:
		return pkt_stack_l3(st, 1) == P_IPV6 ? "::1" : "127.0.0.1";
	case K_DST_PORT:
		if (pkt_stack_has(st, P_VXLAN, 0))
			return "4789";
		if (pkt_stack_has(st, P_GENEVE, 0))
			return "6081";
		break;
	case K_DST_MAC:
		if (pkt_stack_has(st, P_ARP, 0))
			return "ff:ff:ff:ff:ff:ff";
		break;
	case K_PAYLOAD:
		if (pkt_stack_has(st, P_ARP, 0))
			return "zeros";
		break;
	default:
		break;
	}
	return keys[kid].k.def;
}

/* The spec's stack; the stored text was checked when it was set. */
static int
spec_stack(const struct pkt_spec *spec, struct pkt_stack *st, char *err,
	   size_t errlen)
{
	const char *s = spec->val[K_HEADERS] ? spec->val[K_HEADERS] :
		keys[K_HEADERS].k.def;

	return pkt_stack_parse(s, st, err, errlen);
}

int
pkt_spec_get(const struct pkt_spec *spec, const char *key, char *buf,
	     size_t len)
{
	struct pkt_stack st;
	const char *s;
	int kid = pkt_kid(key);

	if (kid < 0)
		return -ENOENT;
	if (spec == NULL || buf == NULL)
		return -EINVAL;
	s = spec->val[kid];
	if (s == NULL) {
		if (spec_stack(spec, &st, NULL, 0) < 0)
			return -EINVAL;
		s = key_default((unsigned int)kid, &st);
	}
	if (strlen(s) >= len)
		return -ENOSPC;
	strcpy(buf, s);
	return 0;
}

/* NULL if the stack has the header a key is for, else what it lacks. */
static const char *
key_missing(unsigned int kid, const struct pkt_stack *st)
{
	switch (kid) {
	case K_VLAN:
	case K_VLAN_PRIO:
		if (pkt_stack_has(st, P_VLAN, 0) ||
		    pkt_stack_has(st, P_QINQ, 0))
			return NULL;
		return "vlan or qinq header";
	case K_SVLAN:
		return pkt_stack_has(st, P_QINQ, 0) ? NULL : "qinq header";
	case K_MPLS:
		return pkt_stack_has(st, P_MPLS, 0) ? NULL : "mpls header";
	case K_SRC_IP:
	case K_DST_IP:
		return pkt_stack_l3(st, 0) >= 0 ? NULL :
			"ipv4, ipv6 or arp header";
	case K_TTL:
	case K_TOS:
		return pkt_stack_l3(st, 0) == P_IPV4 ||
			pkt_stack_l3(st, 0) == P_IPV6 ? NULL :
			"ipv4 or ipv6 header";
	case K_SRC_PORT:
	case K_DST_PORT:
		if (pkt_stack_has(st, P_UDP, 0) || pkt_stack_has(st, P_TCP, 0))
			return NULL;
		return "udp or tcp header";
	case K_TCP_FLAGS:
		return pkt_stack_has(st, P_TCP, 0) ? NULL : "tcp header";
	case K_ICMP_TYPE:
	case K_ICMP_CODE:
		if (pkt_stack_has(st, P_ICMP, -1) ||
		    pkt_stack_has(st, P_ICMPV6, -1))
			return NULL;
		return "icmp or icmpv6 header";
	case K_ARP_OP:
		return pkt_stack_has(st, P_ARP, 0) ? NULL : "arp header";
	case K_VNI:
		if (pkt_stack_has(st, P_VXLAN, 0) ||
		    pkt_stack_has(st, P_GENEVE, 0))
			return NULL;
		return "vxlan or geneve header";
	case K_GRE_KEY:
		return pkt_stack_has(st, P_GRE, 0) ? NULL : "gre header";
	case K_ISRC_MAC:
	case K_IDST_MAC:
		return pkt_stack_has(st, P_ETH, 1) ? NULL :
			"inner eth header";
	case K_IVLAN:
		return pkt_stack_has(st, P_VLAN, 1) ? NULL :
			"inner vlan header";
	case K_ISRC_IP:
	case K_IDST_IP:
	case K_ITTL:
	case K_ITOS:
		return pkt_stack_l3(st, 1) >= 0 ? NULL :
			"inner ipv4 or ipv6 header";
	case K_ISRC_PORT:
	case K_IDST_PORT:
		if (pkt_stack_has(st, P_UDP, 1) || pkt_stack_has(st, P_TCP, 1))
			return NULL;
		return "inner udp or tcp header";
	case K_ITCP_FLAGS:
		return pkt_stack_has(st, P_TCP, 1) ? NULL :
			"inner tcp header";
	default:
		return NULL;
	}
}

/* The family an address key needs on this stack. */
static int
want_fam(unsigned int kid, const struct pkt_stack *st)
{
	int l3 = pkt_stack_l3(st, kid == K_ISRC_IP || kid == K_IDST_IP);

	return l3 == P_IPV6 ? FAM_IP6 : FAM_IP4;
}

int
pkt_vals_resolve(const struct pkt_spec *spec, struct pkt_vals *v,
		 char *err, size_t errlen)
{
	char stack[128];
	unsigned int kid;
	int ret;

	memset(v, 0, sizeof(*v));
	ret = spec_stack(spec, &v->stack, err, errlen);
	if (ret < 0)
		return ret;
	pkt_stack_str(&v->stack, stack, sizeof(stack));
	for (kid = K_HEADERS + 1; kid < K_N; kid++) {
		const char *s = spec->val[kid];
		const char *miss;
		char show[PKT_SHOW_LEN];

		if (s != NULL) {
			pkt_show(s, show, sizeof(show));
			miss = key_missing(kid, &v->stack);
			if (miss != NULL) {
				pkt_errf(err, errlen, "%s %s: %s has no %s",
					 keys[kid].k.name, show, stack, miss);
				return -EINVAL;
			}
		} else {
			s = key_default(kid, &v->stack);
		}
		ret = pkt_parse_key(kid, s, v, err, errlen);
		if (ret < 0)
			return ret;
		pkt_show(s, show, sizeof(show));
		if (keys[kid].kind == KIND_IP &&
		    v->f[kid].fam != want_fam(kid, &v->stack)) {
			pkt_errf(err, errlen, "%s %s: %s needs an %s address",
				 keys[kid].k.name, show, stack,
				 want_fam(kid, &v->stack) == FAM_IP6 ?
				 "IPv6" : "IPv4");
			return -EINVAL;
		}
		if (keys[kid].kind == KIND_MAC && v->f[kid].span > 1 &&
		    pkt_stack_has(&v->stack, P_ARP, 0)) {
			pkt_errf(err, errlen,
				 "%s %s: %s takes one MAC address (it is in the Ethernet and the ARP header)",
				 keys[kid].k.name, show, stack);
			return -EINVAL;
		}
		if (kid == K_PAYLOAD && v->pay.kind != PAY_ZEROS &&
		    pkt_stack_has(&v->stack, P_ARP, 0)) {
			pkt_errf(err, errlen,
				 "payload %s: %s frames are padded with zeros",
				 s, stack);
			return -EINVAL;
		}
	}
	/* icmp-type names by family */
	if (v->f[K_ICMP_TYPE].first >= PKT_ICMP_ECHO_REQ) {
		bool v6 = pkt_stack_has(&v->stack, P_ICMPV6, -1);
		bool req = v->f[K_ICMP_TYPE].first == PKT_ICMP_ECHO_REQ;

		v->f[K_ICMP_TYPE].first = v6 ? (req ? 128 : 129) :
			(req ? 8 : 0);
	}
	return 0;
}

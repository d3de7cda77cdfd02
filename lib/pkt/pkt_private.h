/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef PKT_PRIVATE_H
#define PKT_PRIVATE_H

/* Internals of libnblpkt shared by its sources: the key table, parsed
 * values, stacks, the compiled template and the checksum helpers. */

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include "pkt.h"

/* ------------------------------------------------------------------ */
/* Keys                                                                */
/* ------------------------------------------------------------------ */

/* Key ids, in the order of pkt_key_get() (the odometer's order too). */
enum pkt_kid {
	K_HEADERS,
	K_SRC_MAC,
	K_DST_MAC,
	K_VLAN,
	K_VLAN_PRIO,
	K_SVLAN,
	K_MPLS,
	K_SRC_IP,
	K_DST_IP,
	K_TTL,
	K_TOS,
	K_SRC_PORT,
	K_DST_PORT,
	K_TCP_FLAGS,
	K_ICMP_TYPE,
	K_ICMP_CODE,
	K_ARP_OP,
	K_VNI,
	K_GRE_KEY,
	K_ISRC_MAC,
	K_IDST_MAC,
	K_IVLAN,
	K_ISRC_IP,
	K_IDST_IP,
	K_ITTL,
	K_ITOS,
	K_ISRC_PORT,
	K_IDST_PORT,
	K_ITCP_FLAGS,
	K_SIZE,
	K_PAYLOAD,
	K_SIGNATURE,
	K_N
};

/* How a key's value is written. */
enum pkt_kind {
	KIND_STACK,
	KIND_MAC,     /* MAC address, ranged */
	KIND_IP,      /* IPv4 or IPv6 address, ranged */
	KIND_NUM,     /* number from min to max, ranged or not */
	KIND_MPLS,    /* label list */
	KIND_FLAGS,   /* TCP flags */
	KIND_ICMP,    /* ICMP type */
	KIND_ARP,     /* ARP operation */
	KIND_GREKEY,  /* "none" or a ranged number */
	KIND_SIZE,
	KIND_PAYLOAD,
	KIND_BOOL,
};

/* A key with what its parser needs. */
struct pkt_kdef {
	struct pkt_key k;
	uint8_t kind;      /* enum pkt_kind */
	uint8_t ranged;    /* takes FIRST-LAST */
	uint8_t width;     /* bytes of the field in the frame */
	uint64_t min;
	uint64_t max;
	const char *what;  /* "a port", for messages */
};

/* icmp-type names, resolved by the address family of the stack */
#define PKT_ICMP_ECHO_REQ 256
#define PKT_ICMP_ECHO_REP 257
/* gre-key "none" */
#define PKT_GRE_NOKEY UINT64_MAX

/* Most MPLS labels, bytes of a hex payload, bytes of headers. */
#define PKT_MPLS_MAX 8
#define PKT_HEX_MAX 1024
#define PKT_HDR_MAX 256

/* Address families of a parsed value. */
enum pkt_fam {
	FAM_NUM = 0,
	FAM_MAC,
	FAM_IP4,
	FAM_IP6,
};

/* A parsed field value: one value or a range (first + k * step for k <
 * span).  IPv6: the high 64 bits in hi, the low ones in first/last. */
struct pkt_val {
	uint8_t fam;     /* enum pkt_fam */
	uint8_t mode;    /* enum pkt_mode */
	uint64_t hi;     /* IPv6 high 64 bits */
	uint64_t first;
	uint64_t step;
	uint64_t span;   /* 1: one value */
};

/* Size plan kinds */
enum pkt_size_kind {
	SIZE_FIXED = 0,
	SIZE_CLASSES,
	SIZE_RANGE,
	SIZE_RANDOM,
};

/* A parsed size plan (sizes with FCS). */
struct pkt_sizes {
	uint8_t kind;            /* enum pkt_size_kind */
	uint32_t n;              /* classes */
	uint32_t size[PKT_CLASS_MAX]; /* fixed: size[0]; range: size[0..1] */
	uint32_t weight[PKT_CLASS_MAX];
};

/* Payload kinds */
enum pkt_pay_kind {
	PAY_ZEROS = 0,
	PAY_INC,
	PAY_RANDOM,
	PAY_HEX,
};

struct pkt_payload {
	uint8_t kind;
	uint32_t n;                 /* hex bytes */
	uint8_t hex[PKT_HEX_MAX];
};

/* Protocols of a stack. */
enum pkt_proto {
	P_ETH,
	P_VLAN,
	P_QINQ,
	P_MPLS,
	P_IPV4,
	P_IPV6,
	P_UDP,
	P_TCP,
	P_ICMP,
	P_ICMPV6,
	P_ARP,
	P_VXLAN,
	P_GENEVE,
	P_GRE,
	P_NPROTO
};

/* A parsed stack; tun is the index of the tunnel header (0: none). */
struct pkt_stack {
	uint8_t n;
	uint8_t tun;
	uint8_t proto[PKT_STACK_MAX];
};

/* Everything a spec says, parsed, with the defaults of its stack. */
struct pkt_vals {
	struct pkt_stack stack;
	struct pkt_val f[K_N];      /* field and number keys */
	uint32_t mpls[PKT_MPLS_MAX];
	unsigned int nmpls;
	struct pkt_sizes size;
	struct pkt_payload pay;
	bool sig;
};

/* pkt_keys.c */
int pkt_kid(const char *name);
const struct pkt_kdef *pkt_kdef(unsigned int kid);
int pkt_vals_resolve(const struct pkt_spec *spec, struct pkt_vals *v,
		     char *err, size_t errlen);
/* A value as messages quote it: shortened with "..." past 48 chars. */
#define PKT_SHOW_LEN 56
const char *pkt_show(const char *s, char *buf, size_t len);
void pkt_errf(char *err, size_t len, const char *fmt, ...)
	__rte_format_printf(3, 4);

/* pkt_parse.c */
int pkt_parse_key(unsigned int kid, const char *s, struct pkt_vals *v,
		  char *err, size_t errlen);

/* pkt_stack.c */
int pkt_stack_parse(const char *s, struct pkt_stack *st, char *err,
		    size_t errlen);
void pkt_stack_str(const struct pkt_stack *st, char *buf, size_t len);
const char *pkt_proto_name(unsigned int p);
bool pkt_stack_has(const struct pkt_stack *st, unsigned int p, int inner);
int pkt_stack_l3(const struct pkt_stack *st, int inner);

/* ------------------------------------------------------------------ */
/* Templates                                                           */
/* ------------------------------------------------------------------ */

/* One header of the stack in the frame. */
struct pkt_hdr {
	uint8_t proto;  /* enum pkt_proto */
	uint8_t inner;  /* after the tunnel header */
	uint16_t off;
	uint16_t len;
};

/* Checksum kinds */
enum pkt_ck_kind {
	CK_IP4 = 0,   /* IPv4 header */
	CK_L4_IP4,    /* UDP or TCP over IPv4 (pseudo-header) */
	CK_L4_IP6,    /* UDP, TCP or ICMPv6 over IPv6 (pseudo-header) */
	CK_ICMP4,     /* ICMP: no pseudo-header */
	CK_ZERO,      /* outer UDP of a tunnel over IPv4: 0 */
};

/* Every checksum of a frame, outermost first. */
struct pkt_cksum {
	uint8_t kind;   /* enum pkt_ck_kind */
	uint8_t udp;    /* a zero result is sent as 0xffff */
	uint8_t proto;  /* pseudo-header protocol */
	uint8_t full;   /* outer UDP of a tunnel over IPv6: recomputed */
	uint16_t off;   /* of the checksum field */
	uint16_t ip_off;
	uint16_t l4_off; /* start of what it covers after the pseudo-header */
};

/* Header bytes and the plan of the template. */
struct pkt_tmpl {
	char stack[128];
	char outer_what[64];
	struct pkt_stack st;
	struct pkt_hdr hdr[PKT_STACK_MAX];
	uint8_t bytes[PKT_HDR_MAX];  /* headers at flow 0, lengths of len_min */
	uint8_t outer[PKT_HDR_MAX];  /* outer headers of the first frame */
	uint32_t hdr_len;
	uint32_t outer_len;
	uint32_t payload_off;
	/* size plan */
	struct pkt_sizes sizes;
	uint8_t size_mode;           /* pkt_stamp::size_mode */
	uint32_t len_min;
	uint32_t len_max;
	uint32_t nclass;
	uint32_t class_len[PKT_CLASS_MAX];
	uint32_t class_w[PKT_CLASS_MAX];
	uint8_t *seq;
	uint32_t seqn;
	/* payload of len_max - payload_off bytes and its prefix sums */
	uint8_t *payload;
	uint32_t *paysum;
	uint32_t pay_max;
	bool sig;
	/* ranged fields, in key order */
	unsigned int nvar;
	struct pkt_var var[PKT_VAR_MAX];
	uint8_t var_kid[PKT_VAR_MAX];
	uint64_t flows;
	/* TCP: the header that carries the payload (0: none), SYN + FIN of
	 * its flags (sequence space they take), its flows (the product of
	 * the spans of its connection's ranged fields, var[].radix) and
	 * the index of its checksum in ck */
	uint32_t tcp_off;
	uint8_t tcp_synfin;
	uint32_t tcp_flows;
	uint8_t tcp_ck;
	/* every checksum, and those the stamp maintains */
	unsigned int ncks;
	struct pkt_cksum cks[PKT_CK_MAX];
	unsigned int nlenf;
	struct pkt_lenf lenf[2 * PKT_CK_MAX];
	unsigned int nck;
	struct pkt_ck ck[PKT_CK_MAX];
	int full;                    /* index in cks of the full_ck one, -1 */
};

/* pkt_build.c */
int pkt_build(struct pkt_tmpl *t, const struct pkt_vals *v, char *err,
	      size_t errlen);

/* pkt_tmpl.c */
uint64_t pkt_seed_state(uint64_t seed);
void pkt_tmpl_fill(const struct pkt_tmpl *t, uint8_t *buf, uint32_t len);
void pkt_tmpl_var_set(const struct pkt_tmpl *t, uint8_t *buf,
		      unsigned int i, uint64_t val);
uint64_t pkt_tmpl_var_get(const struct pkt_tmpl *t, const uint8_t *buf,
			  unsigned int i);
uint64_t pkt_tmpl_var_flow(const struct pkt_tmpl *t, unsigned int i,
			   uint64_t flow);
void pkt_tmpl_cksums(const struct pkt_tmpl *t, uint8_t *buf, uint32_t len);
uint16_t pkt_cksum_calc(const struct pkt_cksum *c, const uint8_t *buf,
			uint32_t len);
bool pkt_tmpl_len_ok(const struct pkt_tmpl *t, uint32_t len);
bool pkt_tmpl_tcp_seq(const struct pkt_tmpl *t, uint32_t len, uint64_t n,
		      uint32_t *seq);

/* Sum of the big-endian 16-bit words of n bytes (a last odd byte is the
 * high byte of a word), unfolded. */
static inline uint64_t
pkt_sum_be(const uint8_t *p, size_t n)
{
	uint64_t s = 0;
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		s += (uint32_t)p[i] << 8 | p[i + 1];
	if (n & 1)
		s += (uint32_t)p[n - 1] << 8;
	return s;
}

static inline void
pkt_put16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void
pkt_put32(uint8_t *p, uint32_t v)
{
	pkt_put16(p, v >> 16);
	pkt_put16(p + 2, v);
}

static inline uint32_t
pkt_get16(const uint8_t *p)
{
	return (uint32_t)p[0] << 8 | p[1];
}

#endif /* PKT_PRIVATE_H */

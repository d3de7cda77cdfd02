/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/* Values of the keys: MAC and IP addresses, numbers, ranges, MPLS label
 * lists, TCP flags, ICMP types, ARP operations, size plans, payloads.
 * Each parser checks the value alone and says what is wrong in a user's
 * terms, without the key (the caller names it). */

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "pkt_private.h"

/* A number: decimal, or hexadecimal after 0x; n bytes of s. */
static bool
parse_u64(const char *s, size_t n, uint64_t *out)
{
	unsigned int base = 10;
	uint64_t v = 0;
	size_t i = 0;

	if (n >= 3 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	if (i == n)
		return false;
	for (; i < n; i++) {
		unsigned int d;

		if (isdigit((unsigned char)s[i]))
			d = (unsigned int)(s[i] - '0');
		else if (base == 16 && isxdigit((unsigned char)s[i]))
			d = (unsigned int)(tolower((unsigned char)s[i]) - 'a' +
					   10);
		else
			return false;
		if (v > (UINT64_MAX - d) / base)
			return false;
		v = v * base + d;
	}
	*out = v;
	return true;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* xx:xx:xx:xx:xx:xx, one or two hex digits a byte. */
static bool
parse_mac(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	unsigned int b = 0, digits = 0, byte = 0;
	size_t i;

	for (i = 0; i <= n; i++) {
		if (i == n || s[i] == ':') {
			if (digits == 0)
				return false;
			v = v << 8 | byte;
			b++;
			byte = 0;
			digits = 0;
			continue;
		}
		if (hexval(s[i]) < 0 || ++digits > 2)
			return false;
		byte = byte << 4 | (unsigned int)hexval(s[i]);
	}
	if (b != 6)
		return false;
	*out = v;
	return true;
}

/* An IPv4 or IPv6 address. */
static bool
parse_ip(const char *s, size_t n, struct pkt_val *r)
{
	char buf[INET6_ADDRSTRLEN + 1];
	uint8_t a[16];
	unsigned int i;

	if (n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (inet_pton(AF_INET, buf, a) == 1) {
		r->fam = FAM_IP4;
		r->hi = 0;
		r->first = (uint64_t)a[0] << 24 | (uint64_t)a[1] << 16 |
			(uint64_t)a[2] << 8 | a[3];
		return true;
	}
	if (inet_pton(AF_INET6, buf, a) == 1) {
		r->fam = FAM_IP6;
		r->hi = 0;
		r->first = 0;
		for (i = 0; i < 8; i++) {
			r->hi = r->hi << 8 | a[i];
			r->first = r->first << 8 | a[8 + i];
		}
		return true;
	}
	return false;
}

/* One value of a field key (n bytes of s) into r->fam/hi/first. */
static int
parse_one(const struct pkt_kdef *d, const char *s, size_t n,
	  struct pkt_val *r, char *err, size_t errlen)
{
	switch (d->kind) {
	case KIND_MAC:
		r->fam = FAM_MAC;
		if (parse_mac(s, n, &r->first))
			return 0;
		pkt_errf(err, errlen,
			 "'%.*s' is not a MAC address (six hex bytes such as 02:00:00:00:00:01)",
			 (int)n, s);
		return -EINVAL;
	case KIND_IP:
		if (parse_ip(s, n, r))
			return 0;
		pkt_errf(err, errlen, "'%.*s' is not an IPv4 or IPv6 address",
			 (int)n, s);
		return -EINVAL;
	default:
		r->fam = FAM_NUM;
		if (parse_u64(s, n, &r->first) && r->first >= d->min &&
		    r->first <= d->max)
			return 0;
		pkt_errf(err, errlen, "'%.*s' is not %s (%" PRIu64 " to %"
			 PRIu64 ")", (int)n, s, d->what, d->min, d->max);
		return -EINVAL;
	}
}

/* VALUE or FIRST-LAST[,inc|,dec|,random][,step=N] */
static int
parse_field(const struct pkt_kdef *d, const char *s, const char *show,
	    struct pkt_val *r, char *err, size_t errlen)
{
	size_t head = strcspn(s, ",");
	const char *dash = memchr(s, '-', head);
	const char *opt = s + head;
	struct pkt_val last;
	bool mode_set = false, step_set = false;
	uint64_t diff;
	int ret;

	memset(r, 0, sizeof(*r));
	r->mode = PKT_MODE_INC;
	r->step = 1;
	r->span = 1;
	if (dash != NULL && !d->ranged) {
		pkt_errf(err, errlen, "'%s': one value only, not a range", show);
		return -EINVAL;
	}
	if (dash != NULL &&
	    memchr(dash + 1, '-', (size_t)(s + head - dash - 1)) != NULL) {
		/* 02-00-00-00-00-01: not a range */
		return parse_one(d, s, head, r, err, errlen);
	}
	if (dash != NULL && (dash == s || dash + 1 == s + head)) {
		pkt_errf(err, errlen, "'%s': a range is FIRST-LAST", show);
		return -EINVAL;
	}
	ret = parse_one(d, s, dash ? (size_t)(dash - s) : head, r, err,
			errlen);
	if (ret < 0)
		return ret;
	if (dash == NULL) {
		if (*opt != '\0') {
			pkt_errf(err, errlen, d->ranged ?
				 "'%s': inc, dec, random and step=N go with a range FIRST-LAST" :
				 "'%s': one value only", show);
			return -EINVAL;
		}
		return 0;
	}
	last = *r;
	ret = parse_one(d, dash + 1, (size_t)(s + head - dash - 1), &last, err,
			errlen);
	if (ret < 0)
		return ret;
	while (*opt == ',') {
		size_t n;

		opt++;
		n = strcspn(opt, ",");
		if ((n == 3 && strncmp(opt, "inc", 3) == 0) ||
		    (n == 3 && strncmp(opt, "dec", 3) == 0) ||
		    (n == 6 && strncmp(opt, "random", 6) == 0)) {
			if (mode_set) {
				pkt_errf(err, errlen,
					 "'%s': more than one of inc, dec and random",
					 show);
				return -EINVAL;
			}
			mode_set = true;
			r->mode = opt[0] == 'i' ? PKT_MODE_INC :
				opt[0] == 'd' ? PKT_MODE_DEC : PKT_MODE_RANDOM;
		} else if (n > 5 && strncmp(opt, "step=", 5) == 0) {
			if (step_set || !parse_u64(opt + 5, n - 5, &r->step) ||
			    r->step == 0) {
				pkt_errf(err, errlen,
					 "'%s': '%.*s' is not a step of one or more",
					 show, (int)n, opt);
				return -EINVAL;
			}
			step_set = true;
		} else {
			pkt_errf(err, errlen,
				 "'%s': unknown range option '%.*s' (inc, dec, random or step=N)",
				 show, (int)n, opt);
			return -EINVAL;
		}
		opt += n;
	}
	if (last.fam != r->fam) {
		pkt_errf(err, errlen,
			 "'%s': FIRST and LAST are not both IPv4 or both IPv6",
			 show);
		return -EINVAL;
	}
	if (r->fam == FAM_IP6 && last.hi != r->hi) {
		pkt_errf(err, errlen,
			 "'%s': an IPv6 range may differ only in its low 64 bits",
			 show);
		return -EINVAL;
	}
	if (last.first < r->first) {
		pkt_errf(err, errlen, "'%s': FIRST is above LAST", show);
		return -EINVAL;
	}
	diff = (last.first - r->first) / r->step;
	if (diff == UINT64_MAX) {
		pkt_errf(err, errlen, "'%s': more than 2^64 values", show);
		return -EINVAL;
	}
	r->span = diff + 1;
	return 0;
}

/* mpls: LABEL[,LABEL...] */
static int
parse_mpls(const struct pkt_kdef *d, const char *s, const char *show,
	   struct pkt_vals *v, char *err, size_t errlen)
{
	const char *p = s;

	v->nmpls = 0;
	for (;;) {
		size_t n = strcspn(p, ",");
		uint64_t l;

		if (v->nmpls == PKT_MPLS_MAX) {
			pkt_errf(err, errlen, "'%s': more than %d labels", show,
				 PKT_MPLS_MAX);
			return -EINVAL;
		}
		if (!parse_u64(p, n, &l) || l > d->max) {
			pkt_errf(err, errlen,
				 "'%s': '%.*s' is not an MPLS label (0 to 1048575)",
				 show, (int)n, p);
			return -EINVAL;
		}
		v->mpls[v->nmpls++] = (uint32_t)l;
		if (p[n] == '\0')
			return 0;
		p += n + 1;
	}
}

static const char tcp_letters[] = "FSRPAUEC";
static const char *const tcp_names[] = {
	"fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr",
};

/* tcp-flags: letters (SA), names (syn,ack) or a number */
static int
parse_flags(const char *s, const char *show, uint64_t *out, char *err,
	    size_t errlen)
{
	const char *p;
	uint64_t f = 0;
	unsigned int i;

	if (parse_u64(s, strlen(s), &f) && f <= 255)
		goto ok;
	f = 0;
	for (p = s; *p != '\0'; p++) {
		const char *c = strchr(tcp_letters, *p);

		if (c == NULL)
			break;
		f |= 1u << (c - tcp_letters);
	}
	if (*p == '\0' && p != s)
		goto ok;
	f = 0;
	for (p = s;;) {
		size_t n = strcspn(p, ",+|");

		for (i = 0; i < RTE_DIM(tcp_names); i++)
			if (n == 3 && strncasecmp(p, tcp_names[i], 3) == 0)
				break;
		if (i == RTE_DIM(tcp_names)) {
			pkt_errf(err, errlen,
				 "'%s' is not TCP flags (letters of FSRPAUEC such as SA, names such as syn,ack, or 0 to 255)",
				 show);
			return -EINVAL;
		}
		f |= 1u << i;
		if (p[n] == '\0')
			break;
		p += n + 1;
	}
ok:
	*out = f;
	return 0;
}

/* size: SIZE, MIN-MAX[,inc|,random], imix, SIZE[:WEIGHT],... */
static int
parse_size(const char *s, const char *show, struct pkt_sizes *z, char *err,
	   size_t errlen)
{
	static const char imix[] = "64:7,594:4,1518:1";
	const char *p = strcasecmp(s, "imix") == 0 ? imix : s;
	const char *dash = strchr(p, '-');
	uint32_t total = 0;
	unsigned int i;
	uint64_t a;

	memset(z, 0, sizeof(*z));
	if (dash != NULL) {
		size_t n = strcspn(dash + 1, ",");
		uint64_t b;

		if (!parse_u64(p, (size_t)(dash - p), &a) ||
		    !parse_u64(dash + 1, n, &b) || a < PKT_SIZE_MIN ||
		    b < PKT_SIZE_MIN || a > PKT_SIZE_MAX || b > PKT_SIZE_MAX) {
			pkt_errf(err, errlen,
				 "'%s' is not a size range MIN-MAX of frame sizes (64 to 9216 bytes)",
				 show);
			return -EINVAL;
		}
		if (a > b) {
			pkt_errf(err, errlen, "'%s': MIN is above MAX", show);
			return -EINVAL;
		}
		z->kind = SIZE_RANGE;
		if (strcmp(dash + 1 + n, ",random") == 0)
			z->kind = SIZE_RANDOM;
		else if (dash[1 + n] != '\0' &&
			 strcmp(dash + 1 + n, ",inc") != 0) {
			pkt_errf(err, errlen,
				 "'%s': unknown size range option '%s' (inc or random)",
				 show, dash + 2 + n);
			return -EINVAL;
		}
		z->size[0] = (uint32_t)a;
		z->size[1] = (uint32_t)b;
		if (a == b)
			z->kind = SIZE_FIXED;
		z->n = 1;
		z->weight[0] = 1;
		return 0;
	}
	for (;;) {
		size_t n = strcspn(p, ",");
		const char *colon = memchr(p, ':', n);
		size_t sn = colon ? (size_t)(colon - p) : n;
		uint64_t w = 1;

		if (z->n == PKT_CLASS_MAX) {
			pkt_errf(err, errlen, "'%s': more than %d sizes", show,
				 PKT_CLASS_MAX);
			return -EINVAL;
		}
		if (!parse_u64(p, sn, &a) || a < PKT_SIZE_MIN ||
		    a > PKT_SIZE_MAX) {
			pkt_errf(err, errlen,
				 "'%.*s' is not a frame size (64 to 9216 bytes with the FCS)",
				 (int)sn, p);
			return -EINVAL;
		}
		if (colon != NULL &&
		    (!parse_u64(colon + 1, n - sn - 1, &w) || w == 0 ||
		     w > PKT_SEQ_MAX)) {
			pkt_errf(err, errlen,
				 "'%s': '%.*s' is not a weight (1 to %d)", show,
				 (int)(n - sn - 1), colon + 1, PKT_SEQ_MAX);
			return -EINVAL;
		}
		for (i = 0; i < z->n; i++)
			if (z->size[i] == a) {
				pkt_errf(err, errlen,
					 "'%s': size %" PRIu64 " appears twice",
					 show, a);
				return -EINVAL;
			}
		total += (uint32_t)w;
		if (total > PKT_SEQ_MAX) {
			pkt_errf(err, errlen,
				 "'%s': the weights add up to more than %d",
				 show, PKT_SEQ_MAX);
			return -EINVAL;
		}
		z->size[z->n] = (uint32_t)a;
		z->weight[z->n++] = (uint32_t)w;
		if (p[n] == '\0')
			break;
		p += n + 1;
	}
	z->kind = z->n == 1 && z->weight[0] == 1 ? SIZE_FIXED : SIZE_CLASSES;
	return 0;
}

/* payload: zeros, inc, random, hex:BYTES */
static int
parse_payload(const char *s, const char *show, struct pkt_payload *pay,
	      char *err, size_t errlen)
{
	const char *h;
	size_t i, n;

	pay->n = 0;
	if (strcmp(s, "zeros") == 0) {
		pay->kind = PAY_ZEROS;
		return 0;
	}
	if (strcmp(s, "inc") == 0) {
		pay->kind = PAY_INC;
		return 0;
	}
	if (strcmp(s, "random") == 0) {
		pay->kind = PAY_RANDOM;
		return 0;
	}
	if (strncmp(s, "hex:", 4) != 0) {
		pkt_errf(err, errlen,
			 "'%s' is not a payload (zeros, inc, random or hex:BYTES)",
			 show);
		return -EINVAL;
	}
	h = s + 4;
	n = strlen(h);
	if (n == 0 || n % 2) {
		pkt_errf(err, errlen, n ?
			 "'%s': an odd number of hex digits" :
			 "'%s': no bytes after hex:", show);
		return -EINVAL;
	}
	if (n / 2 > PKT_HEX_MAX) {
		pkt_errf(err, errlen, "'%s': more than %d bytes", show,
			 PKT_HEX_MAX);
		return -EINVAL;
	}
	for (i = 0; i < n; i++)
		if (hexval(h[i]) < 0) {
			pkt_errf(err, errlen, "'%s': '%c' is not a hex digit",
				 show, h[i]);
			return -EINVAL;
		}
	for (i = 0; i < n / 2; i++)
		pay->hex[i] = (uint8_t)(hexval(h[2 * i]) << 4 |
					hexval(h[2 * i + 1]));
	pay->kind = PAY_HEX;
	pay->n = (uint32_t)(n / 2);
	return 0;
}

int
pkt_parse_key(unsigned int kid, const char *s, struct pkt_vals *v,
	      char *err, size_t errlen)
{
	const struct pkt_kdef *d = pkt_kdef(kid);
	struct pkt_val *r = &v->f[kid];
	char show[PKT_SHOW_LEN];

	pkt_show(s, show, sizeof(show));
	memset(r, 0, sizeof(*r));
	r->span = 1;
	r->step = 1;
	switch (d->kind) {
	case KIND_MAC:
	case KIND_IP:
	case KIND_NUM:
		return parse_field(d, s, show, r, err, errlen);
	case KIND_GREKEY:
		if (strcmp(s, "none") == 0) {
			r->first = PKT_GRE_NOKEY;
			return 0;
		}
		return parse_field(d, s, show, r, err, errlen);
	case KIND_MPLS:
		return parse_mpls(d, s, show, v, err, errlen);
	case KIND_FLAGS:
		return parse_flags(s, show, &r->first, err, errlen);
	case KIND_ICMP:
		if (strcmp(s, "echo-request") == 0)
			r->first = PKT_ICMP_ECHO_REQ;
		else if (strcmp(s, "echo-reply") == 0)
			r->first = PKT_ICMP_ECHO_REP;
		else if (!parse_u64(s, strlen(s), &r->first) ||
			 r->first > 255) {
			pkt_errf(err, errlen,
				 "'%s' is not an ICMP type (echo-request, echo-reply or 0 to 255)",
				 show);
			return -EINVAL;
		}
		return 0;
	case KIND_ARP:
		if (strcmp(s, "request") == 0)
			r->first = 1;
		else if (strcmp(s, "reply") == 0)
			r->first = 2;
		else if (!parse_u64(s, strlen(s), &r->first) ||
			 r->first < 1 || r->first > 65535) {
			pkt_errf(err, errlen,
				 "'%s' is not an ARP operation (request, reply or 1 to 65535)",
				 show);
			return -EINVAL;
		}
		return 0;
	case KIND_SIZE:
		return parse_size(s, show, &v->size, err, errlen);
	case KIND_PAYLOAD:
		return parse_payload(s, show, &v->pay, err, errlen);
	case KIND_BOOL:
		if (strcmp(s, "yes") == 0 || strcmp(s, "true") == 0 ||
		    strcmp(s, "on") == 0 || strcmp(s, "1") == 0)
			v->sig = true;
		else if (strcmp(s, "no") == 0 || strcmp(s, "false") == 0 ||
			 strcmp(s, "off") == 0 || strcmp(s, "0") == 0)
			v->sig = false;
		else {
			pkt_errf(err, errlen, "'%s' is not yes or no", show);
			return -EINVAL;
		}
		return 0;
	default:
		return 0;
	}
}

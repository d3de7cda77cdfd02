/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/* Templates: a spec compiled into header bytes, ranged fields, the size
 * plan and its class sequence, the payload with its prefix sums, and the
 * checksum plan of the stamps; whole frames written from it. */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <netinet/in.h>

#include <rte_errno.h>
#include <rte_ip.h>

#include "pkt_private.h"

uint64_t
pkt_seed_state(uint64_t seed)
{
	uint64_t z = seed + UINT64_C(0x9E3779B97F4A7C15);

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	z ^= z >> 31;
	return z != 0 ? z : 1;
}

/* ------------------------------------------------------------------ */
/* Frames from the template                                            */
/* ------------------------------------------------------------------ */

bool
pkt_tmpl_len_ok(const struct pkt_tmpl *t, uint32_t len)
{
	unsigned int i;

	if (t->size_mode >= 2)
		return len >= t->len_min && len <= t->len_max;
	for (i = 0; i < t->nclass; i++)
		if (t->class_len[i] == len)
			return true;
	return false;
}

void
pkt_tmpl_fill(const struct pkt_tmpl *t, uint8_t *buf, uint32_t len)
{
	unsigned int i;

	memcpy(buf, t->bytes, t->hdr_len);
	for (i = 0; i < t->nlenf; i++)
		pkt_put16(buf + t->lenf[i].off, len - t->lenf[i].adj);
	memcpy(buf + t->payload_off, t->payload, len - t->payload_off);
}

void
pkt_tmpl_var_set(const struct pkt_tmpl *t, uint8_t *buf, unsigned int i,
		 uint64_t val)
{
	pkt_val_store(buf + t->var[i].off, val, t->var[i].width);
}

uint64_t
pkt_tmpl_var_get(const struct pkt_tmpl *t, const uint8_t *buf,
		 unsigned int i)
{
	const uint8_t *p = buf + t->var[i].off;
	uint64_t v = 0;
	unsigned int k;

	for (k = 0; k < t->var[i].width; k++)
		v = v << 8 | p[k];
	return v;
}

uint64_t
pkt_tmpl_var_flow(const struct pkt_tmpl *t, unsigned int i, uint64_t flow)
{
	const struct pkt_var *v = &t->var[i];
	uint64_t below = 1, k;
	unsigned int j;

	if (v->mode == PKT_MODE_RANDOM)
		return v->first;
	for (j = 0; j < i; j++) {
		if (t->var[j].mode == PKT_MODE_RANDOM)
			continue;
		if (below > UINT64_MAX / t->var[j].span) {
			below = 0; /* beyond 2^64 flows: this one never steps */
			break;
		}
		below *= t->var[j].span;
	}
	k = below == 0 ? 0 : flow / below % v->span;
	if (v->mode == PKT_MODE_DEC)
		k = v->span - 1 - k;
	return v->first + k * v->step;
}

uint16_t
pkt_cksum_calc(const struct pkt_cksum *c, const uint8_t *buf, uint32_t len)
{
	uint64_t s;
	uint16_t ck;

	switch (c->kind) {
	case CK_IP4:
		s = pkt_sum_be(buf + c->ip_off, c->off - c->ip_off) +
			pkt_sum_be(buf + c->off + 2,
				   sizeof(struct rte_ipv4_hdr) -
				   (c->off + 2u - c->ip_off));
		return (uint16_t)~pkt_fold(s);
	case CK_ZERO:
		return 0;
	case CK_L4_IP4:
		s = pkt_sum_be(buf + c->ip_off + 12, 8);
		break;
	case CK_L4_IP6:
		s = pkt_sum_be(buf + c->ip_off + 8, 32);
		break;
	default:
		s = 0;
		break;
	}
	if (c->kind != CK_ICMP4)
		s += c->proto + (len - c->l4_off);
	s += pkt_sum_be(buf + c->l4_off, c->off - c->l4_off);
	s += pkt_sum_be(buf + c->off + 2, len - c->off - 2u);
	ck = (uint16_t)~pkt_fold(s);
	return c->udp && ck == 0 ? 0xffff : ck;
}

void
pkt_tmpl_cksums(const struct pkt_tmpl *t, uint8_t *buf, uint32_t len)
{
	unsigned int i;

	/* innermost first: an outer UDP checksum covers the inner ones */
	for (i = t->ncks; i-- > 0;)
		pkt_put16(buf + t->cks[i].off,
			  pkt_cksum_calc(&t->cks[i], buf, len));
}

int
pkt_tmpl_write(const struct pkt_tmpl *t, void *buf, uint32_t len,
	       uint64_t flow)
{
	unsigned int i;
	uint32_t seq;

	if (t == NULL || buf == NULL || !pkt_tmpl_len_ok(t, len))
		return -EINVAL;
	pkt_tmpl_fill(t, buf, len);
	for (i = 0; i < t->nvar; i++)
		pkt_tmpl_var_set(t, buf, i, pkt_tmpl_var_flow(t, i, flow));
	if (pkt_tmpl_tcp_seq(t, len, flow, &seq))
		pkt_put32((uint8_t *)buf + t->tcp_off + 4, seq);
	pkt_tmpl_cksums(t, buf, len);
	return 0;
}

bool
pkt_tmpl_tcp_seq(const struct pkt_tmpl *t, uint32_t len, uint64_t n,
		 uint32_t *seq)
{
	uint64_t p, d, below = 1, nk = 1, earlier = 0;
	unsigned int i;

	if (t->tcp_off == 0 || n == UINT64_MAX || t->len_min != t->len_max ||
	    t->flows == UINT64_MAX)
		return false;
	/* frame n is at position p of the odometer's cycle n / flows; the
	 * earlier frames of its TCP flow (same digits of the connection's
	 * fields, radix != 0) are the other digits' tuples of each earlier
	 * cycle, and those of this cycle with a smaller number made of the
	 * other digits alone */
	p = n % t->flows;
	for (i = 0; i < t->nvar; i++) {
		const struct pkt_var *v = &t->var[i];

		if (v->mode == PKT_MODE_RANDOM) {
			if (v->radix != 0)
				return false; /* its flow is drawn */
			continue;
		}
		d = p / below % v->span;
		below *= v->span;
		if (v->radix == 0) {
			earlier += d * nk;
			nk *= v->span;
		}
	}
	earlier += n / t->flows * nk;
	*seq = (uint32_t)(1 + earlier * (len - t->payload_off +
					 t->tcp_synfin));
	return true;
}

/* ------------------------------------------------------------------ */
/* Compilation                                                         */
/* ------------------------------------------------------------------ */

/* The size plan: lengths, classes, the shuffled class sequence. */
static int
plan_sizes(struct pkt_tmpl *t, const struct pkt_vals *v, uint64_t seed)
{
	const struct pkt_sizes *z = &v->size;
	uint64_t rng = pkt_seed_state(seed ^ UINT64_C(0x5EC5));
	uint32_t i, k, n = 0;

	t->sizes = *z;
	switch (z->kind) {
	case SIZE_RANGE:
	case SIZE_RANDOM:
		t->size_mode = z->kind == SIZE_RANGE ? 2 : 3;
		t->len_min = z->size[0] - PKT_FCS_LEN;
		t->len_max = z->size[1] - PKT_FCS_LEN;
		return 0;
	default:
		break;
	}
	t->size_mode = z->kind == SIZE_FIXED ? 0 : 1;
	t->nclass = z->n;
	t->len_min = UINT32_MAX;
	for (i = 0; i < z->n; i++) {
		t->class_len[i] = z->size[i] - PKT_FCS_LEN;
		t->class_w[i] = z->weight[i];
		t->len_min = RTE_MIN(t->len_min, t->class_len[i]);
		t->len_max = RTE_MAX(t->len_max, t->class_len[i]);
		n += z->weight[i];
	}
	t->seq = malloc(n);
	if (t->seq == NULL)
		return -ENOMEM;
	t->seqn = n;
	for (i = 0, n = 0; i < z->n; i++)
		for (k = 0; k < z->weight[i]; k++)
			t->seq[n++] = (uint8_t)i;
	for (i = n; i > 1; i--) { /* Fisher-Yates */
		uint32_t j = (uint32_t)(pkt_rand(&rng) % i);
		uint8_t c = t->seq[i - 1];

		t->seq[i - 1] = t->seq[j];
		t->seq[j] = c;
	}
	return 0;
}

/* The payload pattern of the longest frame and its prefix sums. */
static int
plan_payload(struct pkt_tmpl *t, const struct pkt_vals *v, uint64_t seed)
{
	uint64_t rng = pkt_seed_state(seed);
	uint32_t k, n = t->len_max - t->payload_off;

	t->pay_max = n;
	t->payload = malloc(n + 1u);
	t->paysum = malloc(sizeof(*t->paysum) * (n + 1u));
	if (t->payload == NULL || t->paysum == NULL)
		return -ENOMEM;
	for (k = 0; k < n; k++) {
		switch (v->pay.kind) {
		case PAY_ZEROS:
			t->payload[k] = 0;
			break;
		case PAY_INC:
			t->payload[k] = (uint8_t)k;
			break;
		case PAY_RANDOM:
			t->payload[k] = (uint8_t)(pkt_rand(&rng) >> 56);
			break;
		default:
			t->payload[k] = v->pay.hex[k % v->pay.n];
			break;
		}
	}
	t->paysum[0] = 0;
	for (k = 0; k < n; k++)
		t->paysum[k + 1] = t->paysum[k] +
			(k & 1 ? t->payload[k] : (uint32_t)t->payload[k] << 8);
	return 0;
}

/* Whether a ranged field is in what a checksum covers; odd: it starts at
 * an odd offset of the coverage. */
static bool
var_in_ck(const struct pkt_var *v, const struct pkt_cksum *c, bool *odd)
{
	uint32_t o = v->off;

	*odd = false;
	switch (c->kind) {
	case CK_IP4:
		*odd = (o - c->ip_off) & 1;
		return o >= c->ip_off &&
			o < c->ip_off + sizeof(struct rte_ipv4_hdr);
	case CK_ZERO:
		return false;
	case CK_L4_IP4:
		if (o >= c->ip_off + 12u && o < c->ip_off + 20u) {
			*odd = (o - c->ip_off) & 1;
			return true;
		}
		break;
	case CK_L4_IP6:
		if (o >= c->ip_off + 8u && o < c->ip_off + 40u) {
			*odd = (o - c->ip_off) & 1;
			return true;
		}
		break;
	default:
		break;
	}
	*odd = (o - c->l4_off) & 1;
	return o >= c->l4_off;
}

/* Which checksums change per frame, with their bases. */
static void
plan_cksums(struct pkt_tmpl *t)
{
	bool varsize = t->size_mode != 0;
	uint8_t scratch[PKT_HDR_MAX + PKT_SIZE_MAX];
	unsigned int i, j;

	t->full = -1;
	for (i = 0; i < t->ncks; i++) {
		const struct pkt_cksum *c = &t->cks[i];
		bool changes = varsize || (t->sig && c->kind != CK_IP4) ||
			(t->tcp_off != 0 && c->kind != CK_IP4 &&
			 c->l4_off <= t->tcp_off);
		bool odd;
		struct pkt_ck *pc;
		uint64_t base;

		if (c->kind == CK_ZERO)
			continue;
		for (j = 0; j < t->nvar; j++)
			changes |= var_in_ck(&t->var[j], c, &odd);
		if (!changes)
			continue;
		if (c->full) {
			t->full = (int)i;
			continue;
		}
		/* the header with what changes zero */
		pkt_tmpl_fill(t, scratch, t->len_min);
		for (j = 0; j < t->nvar; j++)
			memset(scratch + t->var[j].off, 0, t->var[j].width);
		if (varsize)
			for (j = 0; j < t->nlenf; j++)
				memset(scratch + t->lenf[j].off, 0, 2);
		if (t->tcp_off != 0)
			memset(scratch + t->tcp_off + 4, 0, 4);
		memset(scratch + c->off, 0, 2);
		pc = &t->ck[t->nck];
		memset(pc, 0, sizeof(*pc));
		pc->off = c->off;
		pc->udp = c->udp;
		pc->l4_off = c->l4_off;
		if (c->kind == CK_IP4) {
			base = pkt_sum_be(scratch + c->ip_off,
					  sizeof(struct rte_ipv4_hdr));
			pc->len_off[0] = (uint16_t)(c->ip_off + 2);
			pc->len_adj[0] = c->ip_off;
			pc->nlen = 1;
		} else {
			pc->l4 = 1;
			base = pkt_sum_be(scratch + c->l4_off,
					  t->payload_off - c->l4_off);
			if (c->kind == CK_L4_IP4)
				base += pkt_sum_be(scratch + c->ip_off + 12, 8);
			if (c->kind == CK_L4_IP6)
				base += pkt_sum_be(scratch + c->ip_off + 8, 32);
			if (c->kind != CK_ICMP4) {
				base += c->proto;
				pc->pseudo_len = 1;
				if (!varsize)
					base += t->len_min - c->l4_off;
			}
			if (c->proto == IPPROTO_UDP) {
				pc->len_off[0] = (uint16_t)(c->l4_off + 4);
				pc->len_adj[0] = c->l4_off;
				pc->nlen = 1;
			}
		}
		pc->base = pkt_fold(base);
		if (t->tcp_off != 0 && c->off == t->tcp_off + 16)
			t->tcp_ck = (uint8_t)t->nck;
		for (j = 0; j < t->nvar; j++)
			if (var_in_ck(&t->var[j], c, &odd)) {
				t->var[j].ck_mask |= (uint8_t)(1u << t->nck);
				if (odd)
					t->var[j].ck_odd |=
						(uint8_t)(1u << t->nck);
			}
		t->nck++;
	}
}

/* Whether a key is a field of the TCP connection: the addresses of the
 * IP header that carries the TCP header, and its ports. */
static bool
tcp_key(const struct pkt_tmpl *t, unsigned int kid)
{
	if (t->st.tun != 0)
		return kid == K_ISRC_IP || kid == K_IDST_IP ||
			kid == K_ISRC_PORT || kid == K_IDST_PORT;
	return kid == K_SRC_IP || kid == K_DST_IP || kid == K_SRC_PORT ||
		kid == K_DST_PORT;
}

/* TCP flows: the mixed-radix number of the connection's ranged fields'
 * indexes (var[].radix; 0 for the other fields), at most
 * PKT_TCP_FLOWS_MAX of them. */
static int
plan_tcp(struct pkt_tmpl *t, char *err, size_t errlen)
{
	char keys[PKT_ERR_LEN / 2] = "";
	uint64_t n = 1;
	unsigned int i;

	if (t->tcp_off == 0)
		return 0;
	for (i = 0; i < t->nvar; i++) {
		struct pkt_var *v = &t->var[i];
		size_t k = strlen(keys);

		if (!tcp_key(t, t->var_kid[i]))
			continue;
		v->radix = (uint32_t)RTE_MIN(n, (uint64_t)UINT32_MAX);
		n = n > UINT64_MAX / v->span ? UINT64_MAX : n * v->span;
		snprintf(keys + k, sizeof(keys) - k, "%s%s", k ? ", " : "",
			 pkt_kdef(t->var_kid[i])->k.name);
	}
	if (n > PKT_TCP_FLOWS_MAX) {
		pkt_errf(err, errlen,
			 "%s: %s with %s%" PRIu64 " TCP flows (the product of "
			 "their spans), more than the %u whose sequence "
			 "numbers a sender keeps", keys, t->stack,
			 n == UINT64_MAX ? "at least " : "", n,
			 PKT_TCP_FLOWS_MAX);
		return -EINVAL;
	}
	t->tcp_flows = (uint32_t)n;
	return 0;
}

/* The outer headers of a tunnel as the first frame holds them. */
static void
plan_outer(struct pkt_tmpl *t)
{
	uint8_t frame[PKT_SIZE_MAX];

	pkt_tmpl_write(t, frame, t->len_min, 0);
	memcpy(t->outer, frame, t->outer_len);
}

/* The smallest frame size the stack needs. */
static uint32_t
size_needed(const struct pkt_tmpl *t)
{
	uint32_t need = t->hdr_len + (t->sig ? PKT_SIG_LEN : 0) +
		PKT_FCS_LEN;

	return RTE_MAX(need, (uint32_t)PKT_SIZE_MIN);
}

struct pkt_tmpl *
pkt_tmpl_create(const struct pkt_spec *spec, uint64_t seed, char *err,
		size_t errlen)
{
	struct pkt_vals *v;
	struct pkt_tmpl *t = NULL;
	char size[128];
	uint32_t need;
	unsigned int i;
	int ret = -EINVAL;

	if (spec == NULL) {
		pkt_errf(err, errlen, "no spec");
		rte_errno = EINVAL;
		return NULL;
	}
	v = malloc(sizeof(*v));
	if (v == NULL)
		goto nomem;
	ret = pkt_vals_resolve(spec, v, err, errlen);
	if (ret < 0)
		goto fail;
	t = calloc(1, sizeof(*t));
	if (t == NULL)
		goto nomem;
	t->sig = v->sig;
	ret = pkt_build(t, v, err, errlen);
	if (ret < 0)
		goto fail;
	ret = plan_sizes(t, v, seed);
	if (ret < 0)
		goto nomem;
	need = size_needed(t);
	if (t->len_min + PKT_FCS_LEN < need) {
		if (pkt_spec_get(spec, "size", size, sizeof(size)) < 0)
			strcpy(size, "...");
		pkt_errf(err, errlen, "size %s: %s%s needs at least %u bytes",
			 size, t->stack, t->sig ? " with a signature" : "",
			 need);
		ret = -EINVAL;
		goto fail;
	}
	ret = plan_payload(t, v, seed);
	if (ret < 0)
		goto nomem;
	t->flows = 1;
	for (i = 0; i < t->nvar; i++) {
		if (t->var[i].mode == PKT_MODE_RANDOM)
			continue;
		if (t->flows > UINT64_MAX / t->var[i].span)
			t->flows = UINT64_MAX;
		else
			t->flows *= t->var[i].span;
	}
	ret = plan_tcp(t, err, errlen);
	if (ret < 0)
		goto fail;
	plan_cksums(t);
	plan_outer(t);
	free(v);
	return t;
nomem:
	pkt_errf(err, errlen, "out of memory");
	ret = -ENOMEM;
fail:
	free(v);
	pkt_tmpl_free(t);
	rte_errno = -ret;
	return NULL;
}

void
pkt_tmpl_free(struct pkt_tmpl *t)
{
	if (t == NULL)
		return;
	free(t->seq);
	free(t->payload);
	free(t->paysum);
	free(t);
}

/* ------------------------------------------------------------------ */
/* What a template holds                                               */
/* ------------------------------------------------------------------ */

const char *
pkt_tmpl_stack(const struct pkt_tmpl *t)
{
	return t->stack;
}

uint32_t
pkt_tmpl_hdr_len(const struct pkt_tmpl *t)
{
	return t->hdr_len;
}

uint32_t
pkt_tmpl_outer_len(const struct pkt_tmpl *t, const char **what)
{
	if (what != NULL)
		*what = t->outer_what;
	return t->outer_len;
}

void
pkt_tmpl_len_range(const struct pkt_tmpl *t, uint32_t *min, uint32_t *max)
{
	if (min != NULL)
		*min = t->len_min;
	if (max != NULL)
		*max = t->len_max;
}

void
pkt_tmpl_mean_size(const struct pkt_tmpl *t, uint64_t *num, uint64_t *den)
{
	uint64_t n = 0, d = 0;
	unsigned int i;

	if (t->size_mode >= 2) {
		uint64_t lo = t->len_min + PKT_FCS_LEN;
		uint64_t hi = t->len_max + PKT_FCS_LEN;

		d = hi - lo + 1;
		n = (lo + hi) * d / 2;
	} else {
		for (i = 0; i < t->nclass; i++) {
			n += (uint64_t)(t->class_len[i] + PKT_FCS_LEN) *
				t->class_w[i];
			d += t->class_w[i];
		}
	}
	if (num != NULL)
		*num = n;
	if (den != NULL)
		*den = d;
}

bool
pkt_tmpl_static(const struct pkt_tmpl *t)
{
	return t->nvar == 0 && !t->sig && t->tcp_off == 0;
}

unsigned int
pkt_tmpl_classes(const struct pkt_tmpl *t, uint32_t *len, uint32_t *weight)
{
	unsigned int i;

	for (i = 0; i < t->nclass; i++) {
		if (len != NULL)
			len[i] = t->class_len[i];
		if (weight != NULL)
			weight[i] = t->class_w[i];
	}
	return t->nclass;
}

const uint8_t *
pkt_tmpl_class_seq(const struct pkt_tmpl *t, uint32_t *n)
{
	if (n != NULL)
		*n = t->seqn;
	return t->seq;
}

uint64_t
pkt_tmpl_flows(const struct pkt_tmpl *t)
{
	return t->flows;
}

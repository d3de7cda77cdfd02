/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/* Stamps: one sender's per-frame state taken from a template (with the
 * next TCP sequence number of each flow), the one checksum recomputed
 * over the whole frame (the outer UDP of a tunnel over IPv6) and the
 * timestamp rewrite of a frame sent again. */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pkt_private.h"

/*
 * The fast paths of pkt_stamp_frame(): a frame of a fixed size with no
 * ranged field, no TCP stream and no outer checksum to recompute changes
 * nothing (PKT_FAST_NONE), or only its signature and the one checksum
 * that covers it (PKT_FAST_SIG: sig_base is that checksum's base with the
 * payload before the signature, the magic and the id; a frame adds its
 * sequence number and timestamp).
 */
static void
fast_plan(struct pkt_stamp *st)
{
	uint32_t plen, soff;
	uint64_t base;

	st->fast = PKT_FAST_NO;
	if (st->size_mode != 0 || st->tcp_next != NULL || st->full_ck)
		return;
	if (st->nvar != 0) {
		unsigned int j;

		if (st->sig || st->nck == 0 || st->nck > 2)
			return;
		/* a field at an odd offset of one checksum is at an odd
		 * offset of all it is in (pkt_tmpl: ck_odd is all or none) */
		for (j = 0; j < st->nvar; j++)
			if (st->var[j].ck_odd != 0 &&
			    st->var[j].ck_odd != st->var[j].ck_mask)
				return;
		/* each checksum less its ranged fields, payload included */
		plen = st->len_fixed - st->payload_off;
		for (j = 0; j < st->nck; j++)
			st->fbase[j] = pkt_fold((uint64_t)st->ck[j].base +
						(st->ck[j].l4 ?
						 st->paysum[plen] : 0));
		st->fast = PKT_FAST_VARS;
		return;
	}
	if (!st->sig) {
		if (st->nck == 0)
			st->fast = PKT_FAST_NONE;
		return;
	}
	if (st->nck != 1 || !st->ck[0].l4)
		return;
	plen = st->len_fixed - st->payload_off;
	soff = plen - PKT_SIG_LEN;
	base = (uint64_t)st->ck[0].base + st->paysum[soff];
	/* magic and id, at the signature's parity */
	base += (soff & 1) ? rte_bswap16((uint16_t)pkt_fold(
			(uint64_t)PKT_SIG_MAGIC + st->sig_id)) :
		(uint64_t)PKT_SIG_MAGIC + st->sig_id;
	st->sig_base = pkt_fold(base);
	st->sig_off = (uint16_t)(st->payload_off + soff);
	st->ck_off = st->ck[0].off;
	st->ck_udp = st->ck[0].udp;
	st->sig_odd = soff & 1;
	st->sig_w0 = rte_cpu_to_be_32((uint32_t)PKT_SIG_MAGIC << 16 |
				      st->sig_id);
	st->fast = PKT_FAST_SIG;
}

int
pkt_stamp_init(struct pkt_stamp *st, const struct pkt_tmpl *t,
	       uint16_t sig_id, uint64_t seed)
{
	uint32_t *next = NULL;
	unsigned int i;

	if (st == NULL || t == NULL)
		return -EINVAL;
	if (t->tcp_off != 0) {
		/* every flow's byte stream starts at the template's seq 1 */
		next = malloc(sizeof(*next) * t->tcp_flows);
		if (next == NULL)
			return -ENOMEM;
		for (i = 0; i < t->tcp_flows; i++)
			next[i] = 1;
	}
	memset(st, 0, sizeof(*st));
	st->tcp_next = next;
	if (next != NULL) {
		st->tcp_seq_off = (uint16_t)(t->tcp_off + 4);
		st->tcp_adj = (uint16_t)(t->payload_off - t->tcp_synfin);
		st->tcp_ck = t->tcp_ck;
	}
	st->t = t;
	st->seq = 0;
	st->rng = pkt_seed_state(seed);
	st->sig_id = sig_id;
	st->sig = t->sig;
	st->nvar = (uint8_t)t->nvar;
	st->nck = (uint8_t)t->nck;
	st->nlenf = (uint8_t)t->nlenf;
	st->size_mode = t->size_mode;
	st->full_ck = t->full >= 0;
	st->payload_off = (uint16_t)t->payload_off;
	st->outer_len = (uint16_t)t->outer_len;
	st->len_fixed = t->len_min;
	st->len_min = t->len_min;
	st->len_span = t->len_max - t->len_min + 1;
	st->class_n = t->seqn;
	st->class_seq = t->seq;
	for (i = 0; i < t->nclass; i++)
		st->class_len[i] = t->class_len[i];
	st->paysum = t->paysum;
	st->payload = t->payload;
	st->outer = t->outer;
	memcpy(st->var, t->var, sizeof(st->var));
	for (i = 0; i < st->nvar; i++)
		st->var[i].idx = 0;
	memcpy(st->ck, t->ck, sizeof(st->ck));
	memcpy(st->lenf, t->lenf, sizeof(st->lenf));
	fast_plan(st);
	return 0;
}

void
pkt_stamp_fini(struct pkt_stamp *st)
{
	if (st == NULL)
		return;
	free(st->tcp_next);
	st->tcp_next = NULL;
}

void
pkt_stamp_full_ck(const struct pkt_stamp *st, uint8_t *frame, uint32_t len)
{
	const struct pkt_tmpl *t = st->t;
	const struct pkt_cksum *c;

	if (t->full < 0)
		return;
	c = &t->cks[t->full];
	pkt_put16(frame + c->off, pkt_cksum_calc(c, frame, len));
}

/* Sum of the words of a 64-bit value, folded, swapped at an odd offset. */
static uint16_t
ts_sum(uint64_t ts, bool odd)
{
	uint16_t s = (uint16_t)pkt_fold((ts >> 48) + ((ts >> 32) & 0xffff) +
					((ts >> 16) & 0xffff) +
					(ts & 0xffff));

	return odd ? rte_bswap16(s) : s;
}

void
pkt_stamp_ts_update(const struct pkt_stamp *st, uint8_t *frame,
		    uint32_t len, uint64_t ts_ns)
{
	uint8_t *p = frame + len - PKT_SIG_LEN + 8;
	bool odd = (len - st->payload_off) & 1;
	uint16_t old_s, new_s;
	uint64_t old = 0;
	unsigned int i, j;

	if (!st->sig)
		return;
	for (i = 0; i < 8; i++)
		old = old << 8 | p[i];
	old_s = ts_sum(old, odd);
	new_s = ts_sum(ts_ns, odd);
	pkt_val_store(p, ts_ns, 8);
	for (j = 0; j < st->nck; j++) {
		const struct pkt_ck *c = &st->ck[j];
		uint16_t ck;

		if (!c->l4)
			continue;
		/* RFC 1624, eqn. 3: HC' = ~(~HC + ~m + m') */
		ck = (uint16_t)~pkt_fold((uint16_t)~pkt_get16(frame + c->off) +
					 (uint32_t)(uint16_t)~old_s + new_s);
		if (c->udp && ck == 0)
			ck = 0xffff;
		pkt_put16(frame + c->off, ck);
	}
	if (st->full_ck)
		pkt_stamp_full_ck(st, frame, len);
}

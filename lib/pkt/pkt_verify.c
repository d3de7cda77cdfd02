/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/* The frame checker: the frame the template promises for this length,
 * these field values and this signature, checksums computed from
 * scratch, compared byte by byte with the one received: the first wrong
 * byte outside the checksum fields is the one that was changed; if there
 * is none, the first wrong checksum (a changed timestamp, a field changed
 * to another value of its range when the frame number is unknown, or a
 * changed TCP sequence number when it cannot be known). */

#include <errno.h>
#include <string.h>

#include "pkt_private.h"

static const char *
ck_name(const struct pkt_tmpl *t, const struct pkt_cksum *c)
{
	unsigned int i;

	if (c->kind == CK_IP4)
		return "IPv4 header";
	for (i = 0; i < t->st.n; i++)
		if (t->hdr[i].off == c->l4_off && t->hdr[i].proto != P_ETH)
			return pkt_proto_name(t->hdr[i].proto);
	return "L4";
}

/* Where an offset lies, for the message. */
static void
describe(const struct pkt_tmpl *t, const uint8_t *got, const uint8_t *want,
	 uint32_t len, uint32_t off, uint32_t bad_vars, struct pkt_verify *res)
{
	unsigned int i;

	for (i = 0; i < t->ncks; i++) {
		const struct pkt_cksum *c = &t->cks[i];

		if (off == c->off || off == c->off + 1u) {
			snprintf(res->why, sizeof(res->why),
				 "%s checksum at byte %u is 0x%04x, 0x%04x expected",
				 ck_name(t, c), c->off, pkt_get16(got + c->off),
				 pkt_get16(want + c->off));
			return;
		}
	}
	for (i = 0; i < t->nvar; i++) {
		const struct pkt_var *v = &t->var[i];

		if (off >= v->off && off < v->off + v->width) {
			snprintf(res->why, sizeof(res->why),
				 "%s (bytes %u to %u) %s",
				 pkt_kdef(t->var_kid[i])->k.name, v->off,
				 v->off + v->width - 1u,
				 bad_vars & (1u << i) ?
				 "is outside its range" :
				 "is not the value of this frame number");
			return;
		}
	}
	if (t->tcp_off != 0 && off >= t->tcp_off + 4 && off < t->tcp_off + 8) {
		const uint8_t *g = got + t->tcp_off + 4;
		const uint8_t *w = want + t->tcp_off + 4;

		snprintf(res->why, sizeof(res->why),
			 "TCP sequence number (bytes %u to %u) is %u, %u expected",
			 t->tcp_off + 4, t->tcp_off + 7,
			 pkt_get16(g) << 16 | pkt_get16(g + 2),
			 pkt_get16(w) << 16 | pkt_get16(w + 2));
		return;
	}
	if (t->sig && off >= len - PKT_SIG_LEN) {
		uint32_t k = off - (len - PKT_SIG_LEN);

		snprintf(res->why, sizeof(res->why),
			 "signature %s: byte %u is 0x%02x, 0x%02x expected",
			 k < 2 ? "magic" : k < 4 ? "id" : "sequence number",
			 off, got[off], want[off]);
		return;
	}
	if (off >= t->payload_off) {
		snprintf(res->why, sizeof(res->why),
			 "payload byte %u (frame byte %u) is 0x%02x, 0x%02x expected",
			 off - t->payload_off, off, got[off], want[off]);
		return;
	}
	for (i = 0; i < t->st.n; i++) {
		const struct pkt_hdr *h = &t->hdr[i];

		if (off >= h->off && off < h->off + h->len) {
			snprintf(res->why, sizeof(res->why),
				 "byte %u of the %s%s header (frame byte %u) is 0x%02x, 0x%02x expected",
				 off - h->off, h->inner ? "inner " : "",
				 pkt_proto_name(h->proto), off, got[off],
				 want[off]);
			return;
		}
	}
}

/* Whether a byte is in a checksum field. */
static bool
is_ck(const struct pkt_tmpl *t, uint32_t off)
{
	unsigned int i;

	for (i = 0; i < t->ncks; i++)
		if (off == t->cks[i].off || off == t->cks[i].off + 1u)
			return true;
	return false;
}

/* Whether a value is one of a ranged field's. */
static bool
in_range(const struct pkt_var *v, uint64_t x)
{
	return x >= v->first && (x - v->first) % v->step == 0 &&
		(x - v->first) / v->step < v->span;
}

int
pkt_tmpl_verify(const struct pkt_tmpl *t, const void *frame, uint32_t len,
		uint64_t n, uint16_t sig_id, struct pkt_verify *res)
{
	uint8_t want[PKT_SIZE_MAX];
	const uint8_t *got = frame;
	uint32_t i, bad_vars = 0;
	unsigned int k;

	memset(res, 0, sizeof(*res));
	if (!pkt_tmpl_len_ok(t, len)) {
		res->bad_off = len + 1;
		snprintf(res->why, sizeof(res->why),
			 "length %u is not in the size plan of %s (%u to %u)",
			 len, t->stack, t->len_min, t->len_max);
		return -EBADMSG;
	}
	pkt_tmpl_fill(t, want, len);
	for (k = 0; k < t->nvar; k++) {
		const struct pkt_var *v = &t->var[k];
		uint64_t x = pkt_tmpl_var_get(t, got, k);

		if (n != UINT64_MAX && v->mode != PKT_MODE_RANDOM) {
			x = pkt_tmpl_var_flow(t, k, n);
		} else if (!in_range(v, x)) {
			x = v->first;
			bad_vars |= 1u << k;
		}
		pkt_tmpl_var_set(t, want, k, x);
	}
	if (t->sig) {
		uint8_t *s = want + len - PKT_SIG_LEN;
		const uint8_t *g = got + len - PKT_SIG_LEN;

		pkt_put16(s, PKT_SIG_MAGIC);
		pkt_put16(s + 2, sig_id);
		if (n != UINT64_MAX)
			pkt_put32(s + 4, (uint32_t)n);
		else
			memcpy(s + 4, g + 4, 4);
		memcpy(s + 8, g + 8, 8);
		res->has_sig = pkt_get16(g) == PKT_SIG_MAGIC;
		res->sig_id = (uint16_t)pkt_get16(g + 2);
		res->seq = (uint32_t)pkt_get16(g + 4) << 16 | pkt_get16(g + 6);
		for (k = 0; k < 8; k++)
			res->ts_ns = res->ts_ns << 8 | g[8 + k];
	}
	if (t->tcp_off != 0) {
		uint32_t seq;

		/* known for a fixed size and a known n, else as received */
		if (pkt_tmpl_tcp_seq(t, len, n, &seq))
			pkt_put32(want + t->tcp_off + 4, seq);
		else
			memcpy(want + t->tcp_off + 4, got + t->tcp_off + 4, 4);
	}
	pkt_tmpl_cksums(t, want, len);
	/* a changed byte changes a checksum too: name the byte first */
	for (i = 0; i < len; i++)
		if (got[i] != want[i] && !is_ck(t, i))
			break;
	for (k = 0; i == len && k < t->ncks; k++) {
		i = t->cks[k].off;
		if (got[i] == want[i])
			i++;
		if (got[i] == want[i])
			i = len;
	}
	if (i == len)
		return 0;
	res->bad_off = i + 1;
	describe(t, got, want, len, i, bad_vars, res);
	return -EBADMSG;
}

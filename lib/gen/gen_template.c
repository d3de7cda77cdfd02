/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* The template engine: every buffer of the share's pools holds a whole
 * frame, written once when the pool was made (one pool per size class;
 * a tunnel's outer headers retreated into the back-fill then); frames go
 * out as they are, nothing written per frame.  A weighted size plan
 * takes each frame from its class's pool in the order of the plan's
 * class sequence, so the proportions on the wire are exact. */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_malloc.h>

#include "gen_private.h"

/* class_cum[p * npools + c]: frames of class c among the first p entries
 * of the class sequence (p from 0 to class_n). */
static int
classes_prefix(struct gen_share *s)
{
	const uint32_t k = s->npools;
	uint32_t p, c;

	s->class_cum = rte_zmalloc("nblgen_classes", sizeof(uint16_t) * k *
				   (s->class_n + 1), 0);
	if (s->class_cum == NULL)
		return -ENOMEM;
	for (p = 0; p < s->class_n; p++)
		for (c = 0; c < k; c++)
			s->class_cum[(size_t)(p + 1) * k + c] = (uint16_t)
				(s->class_cum[(size_t)p * k + c] +
				 (s->class_seq[p] == c));
	return 0;
}

static int
template_begin(struct gen_share *s, char *err, size_t errlen)
{
	uint32_t i;
	int rc;

	if (!pkt_tmpl_static(s->conf.tmpl)) {
		snprintf(err, errlen, "stream.%u: the template engine sends "
			 "prebuilt frames, but this stream changes per frame "
			 "(flow ranges, a signature or TCP sequence numbers): "
			 "use the stamp or ndis engine", s->conf.stream);
		return -EINVAL;
	}
	s->npools = pkt_tmpl_classes(s->conf.tmpl, s->class_len, NULL);
	if (s->npools == 0) {
		snprintf(err, errlen, "stream.%u: the template engine needs "
			 "fixed sizes or size classes, not a range: use the "
			 "stamp or ndis engine", s->conf.stream);
		return -EINVAL;
	}
	s->class_seq = pkt_tmpl_class_seq(s->conf.tmpl, &s->class_n);
	if (s->npools == 1)
		s->fixed_len = s->class_len[0];
	else if (classes_prefix(s) != 0) {
		snprintf(err, errlen, "stream.%u: out of memory for its size "
			 "classes", s->conf.stream);
		return -ENOMEM;
	}
	for (i = 0; i < s->npools; i++) {
		rc = gen_pool_make(s, s->class_len[i], true, &s->pools[i],
				   err, errlen);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* How many frames of each class the next n entries of the class sequence
 * hold: whole cycles by the weights, the rest from the prefix counts. */
static inline void
classes_count(const struct gen_share *s, unsigned int n, unsigned int *count)
{
	const uint32_t k = s->npools, len = s->class_n;
	const uint16_t *cum = s->class_cum;
	uint32_t pos = s->class_pos, r = n % len, c;
	uint32_t cycles = n / len;

	for (c = 0; c < k; c++) {
		const uint16_t *at = cum + (size_t)pos * k + c;
		uint32_t part;

		if (pos + r <= len)
			part = at[(size_t)r * k] - at[0];
		else
			part = cum[(size_t)len * k + c] - at[0] +
				cum[(size_t)(pos + r - len) * k + c];
		count[c] = cycles * cum[(size_t)len * k + c] + part;
	}
}

/* n frames of several classes, in the order of the class sequence;
 * all-or-nothing. */
static int
classes_get(struct gen_share *s, struct rte_mbuf **m, uint8_t *cls,
	    unsigned int n)
{
	struct rte_mbuf *got[PKT_CLASS_MAX][GEN_BURST_MAX];
	unsigned int count[PKT_CLASS_MAX], used[PKT_CLASS_MAX] = {0};
	const uint8_t *seq = s->class_seq;
	uint32_t pos = s->class_pos, c;
	unsigned int i;

	classes_count(s, n, count);
	for (c = 0; c < s->npools; c++) {
		if (count[c] == 0)
			continue;
		if (nbl_list_pool_mbufs_get(s->pools[c], got[c], count[c],
					    (uint16_t)s->class_len[c]) != 0) {
			while (c-- > 0)
				if (count[c] != 0)
					nbl_list_pool_mbufs_put(s->pools[c],
								got[c],
								count[c]);
			return -ENOBUFS;
		}
	}
	for (i = 0; i < n; i++) {
		c = seq[pos];
		if (++pos == s->class_n)
			pos = 0;
		m[i] = got[c][used[c]++];
		cls[i] = (uint8_t)c;
	}
	s->class_pos = pos;
	for (c = 0; c < s->npools; c++) {
		s->pend_count[c] = (uint16_t)(s->pend_count[c] + count[c]);
		s->bytes_offered += (uint64_t)count[c] * s->class_len[c];
	}
	return 0;
}

static unsigned int
template_burst(struct gen_share *s, unsigned int n, uint64_t now)
{
	struct rte_mbuf **m = s->pend + s->npend;

	RTE_SET_USED(now);
	if (n != 0) {
		int rc;

		if (likely(s->npools == 1)) {
			rc = nbl_list_pool_mbufs_get(s->pools[0], m, n,
						     (uint16_t)s->class_len[0]);
			s->bytes_offered += (uint64_t)n * s->class_len[0];
		} else {
			rc = classes_get(s, m, s->pend_cls + s->npend, n);
		}
		if (unlikely(rc != 0)) {
			s->st.pool_empty += n;
			n = 0;
		}
		s->offered += n;
	}
	if (n != 0 || s->npend != 0)
		gen_pend_send(s, n);
	return n;
}

static void
template_end(struct gen_share *s)
{
	rte_free(s->class_cum);
	s->class_cum = NULL;
}

const struct gen_engine gen_engine_template = {
	.name = "template",
	.help = "prebuilt frames, nothing written per frame (fixed sizes or "
		"size classes, no flow ranges, no signature)",
	.begin = template_begin,
	.burst = template_burst,
	.drain = gen_pend_drain,
	.end = template_end,
};

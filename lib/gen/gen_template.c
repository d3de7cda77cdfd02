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

#include "gen_private.h"

static int
template_begin(struct gen_share *s, char *err, size_t errlen)
{
	uint32_t i;
	int rc;

	if (!pkt_tmpl_static(s->conf.tmpl)) {
		snprintf(err, errlen, "stream %u: the template engine sends "
			 "prebuilt frames, but this stream changes per frame "
			 "(flow ranges, a signature or TCP sequence numbers): "
			 "use the stamp or ndis engine", s->conf.stream);
		return -EINVAL;
	}
	s->npools = pkt_tmpl_classes(s->conf.tmpl, s->class_len, NULL);
	if (s->npools == 0) {
		snprintf(err, errlen, "stream %u: the template engine needs "
			 "fixed sizes or size classes, not a range: use the "
			 "stamp or ndis engine", s->conf.stream);
		return -EINVAL;
	}
	s->class_seq = pkt_tmpl_class_seq(s->conf.tmpl, &s->class_n);
	if (s->npools == 1)
		s->fixed_len = s->class_len[0];
	for (i = 0; i < s->npools; i++) {
		rc = gen_pool_make(s, s->class_len[i], true, &s->pools[i],
				   err, errlen);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* n frames of several classes, in the order of the class sequence;
 * all-or-nothing. */
static int
classes_get(struct gen_share *s, struct rte_mbuf **m, uint8_t *cls,
	    unsigned int n)
{
	struct rte_mbuf *got[PKT_CLASS_MAX][GEN_BURST_MAX];
	unsigned int count[PKT_CLASS_MAX] = {0}, used[PKT_CLASS_MAX] = {0};
	uint32_t pos = s->class_pos, c;
	unsigned int i;

	for (i = 0; i < n; i++) {
		count[s->class_seq[pos]]++;
		if (++pos == s->class_n)
			pos = 0;
	}
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
		c = s->class_seq[s->class_pos];
		if (++s->class_pos == s->class_n)
			s->class_pos = 0;
		m[i] = got[c][used[c]++];
		cls[i] = (uint8_t)c;
	}
	return 0;
}

static unsigned int
template_burst(struct gen_share *s, unsigned int n, uint64_t now)
{
	struct rte_mbuf **m = s->pend + s->npend;
	unsigned int i;

	RTE_SET_USED(now);
	if (n != 0) {
		int rc;

		if (likely(s->npools == 1)) {
			rc = nbl_list_pool_mbufs_get(s->pools[0], m, n,
						     (uint16_t)s->class_len[0]);
			s->bytes_offered += (uint64_t)n * s->class_len[0];
		} else {
			rc = classes_get(s, m, s->pend_cls + s->npend, n);
			for (i = 0; rc == 0 && i < n; i++)
				s->bytes_offered += m[i]->pkt_len;
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

const struct gen_engine gen_engine_template = {
	.name = "template",
	.help = "prebuilt frames, nothing written per frame (fixed sizes or "
		"size classes, no flow ranges, no signature)",
	.begin = template_begin,
	.burst = template_burst,
	.drain = gen_pend_drain,
	.end = NULL,
};

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* The stamping engine: the buffers of the share's pool hold the template
 * (its longest frame); per frame the size plan gives the length, a
 * tunnel's outer headers are retreated into the back-fill, and
 * pkt_stamp_frame() writes the flow fields, lengths, signature and
 * checksums.  Fire and forget; refused frames keep their place. */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "gen_private.h"

/* One pool of the template's longest frame, stamped per frame: the stamp
 * and ndis engines. */
int
gen_stamp_pool_begin(struct gen_share *s, char *err, size_t errlen)
{
	uint32_t min, max, nclasses;

	pkt_tmpl_len_range(s->conf.tmpl, &min, &max);
	nclasses = pkt_tmpl_classes(s->conf.tmpl, NULL, NULL);
	s->class_len[0] = max;
	/* the old signature's bytes must go back to the payload when a
	 * buffer holds frames of several lengths */
	s->last_len = s->stamp.sig != 0 && (min != max || nclasses > 1);
	s->npools = 1;
	if (min == max && nclasses <= 1)
		s->fixed_len = max;
	return gen_pool_make(s, max, false, &s->pools[0], err, errlen);
}

/* Stamp n frames of a fixed length with no outer headers: the pool gave
 * them at the right place and length already. */
static inline void
stamp_frames_fixed(struct gen_share *s, struct rte_mbuf **m, unsigned int n,
		   uint64_t ts)
{
	const uint32_t len = s->fixed_len;
	unsigned int i;

	for (i = 0; i < n; i++)
		pkt_stamp_frame(&s->stamp, rte_pktmbuf_mtod(m[i], uint8_t *),
				len, NULL, ts, false);
	s->bytes_offered += (uint64_t)n * len;
}

/* Stamp n frames the pool gave (data at the inner frame). */
static inline void
stamp_frames(struct gen_share *s, struct rte_mbuf **m, unsigned int n,
	     uint64_t ts)
{
	const uint16_t outer = s->outer_len;
	unsigned int i;

	for (i = 0; i < n; i++) {
		uint32_t len = pkt_stamp_next_len(&s->stamp);

		m[i]->data_off = (uint16_t)(m[i]->data_off - outer);
		m[i]->data_len = (uint16_t)len;
		m[i]->pkt_len = len;
		pkt_stamp_frame(&s->stamp, rte_pktmbuf_mtod(m[i], uint8_t *),
				len, NULL, ts, false);
		s->bytes_offered += len;
	}
}

/* The same, giving the old signature's bytes back (variable sizes). */
static inline void
stamp_frames_restore(struct gen_share *s, struct rte_mbuf **m,
		     unsigned int n, uint64_t ts)
{
	const uint16_t outer = s->outer_len;
	unsigned int i;

	for (i = 0; i < n; i++) {
		struct nbl_list *nbl = nbl_list_from_mbuf(m[i]);
		uint32_t len = pkt_stamp_next_len(&s->stamp);
		uint32_t last = (uint32_t)(uintptr_t)nbl->protocol_reserved[0];

		m[i]->data_off = (uint16_t)(m[i]->data_off - outer);
		m[i]->data_len = (uint16_t)len;
		m[i]->pkt_len = len;
		pkt_stamp_frame(&s->stamp, rte_pktmbuf_mtod(m[i], uint8_t *),
				len, &last, ts, false);
		nbl->protocol_reserved[0] = (void *)(uintptr_t)last;
		s->bytes_offered += len;
	}
}

static unsigned int
stamp_burst(struct gen_share *s, unsigned int n, uint64_t now)
{
	struct rte_mbuf **m = s->pend + s->npend;
	uint64_t ts = gen_tsc_ns(now, s->hz);
	unsigned int i;

	if (unlikely(s->npend != 0 && s->stamp.sig != 0))
		/* sent again: the TX timestamp is the new attempt's */
		for (i = 0; i < s->npend; i++)
			pkt_stamp_ts_update(&s->stamp,
					    rte_pktmbuf_mtod(s->pend[i],
							     uint8_t *),
					    s->pend[i]->pkt_len, ts);
	if (n != 0) {
		if (unlikely(nbl_list_pool_mbufs_get(s->pools[0], m, n,
				(uint16_t)(s->class_len[0] -
					   s->outer_len)) != 0)) {
			s->st.pool_empty += n;
			n = 0;
		} else if (s->fixed_len != 0 && s->outer_len == 0) {
			stamp_frames_fixed(s, m, n, ts);
		} else if (s->last_len) {
			stamp_frames_restore(s, m, n, ts);
		} else {
			stamp_frames(s, m, n, ts);
		}
		s->offered += n;
	}
	if (n != 0 || s->npend != 0)
		gen_pend_send(s, n);
	return n;
}

const struct gen_engine gen_engine_stamp = {
	.name = "stamp",
	.help = "per frame: flow fields, sizes, signature and incremental "
		"checksums written into the template",
	.begin = gen_stamp_pool_begin,
	.burst = stamp_burst,
	.drain = gen_pend_drain,
	.end = NULL,
};

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* The NDIS engine: NBLs of the share's pool are stamped, retreated over a
 * tunnel's outer headers into the back-fill, and sent with
 * nbl_bind_send() (NdisSendNetBufferLists); each comes back exactly once
 * through send-complete with a status, is counted (and checked byte by
 * byte with --verify) and is kept to be sent again while the share has
 * frames to send: the pool is the source only when too few are back. */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_pause.h>

#include "gen_private.h"

static int
ndis_begin(struct gen_share *s, char *err, size_t errlen)
{
	uint32_t min, max, nclasses;
	int rc;

	pkt_tmpl_len_range(s->conf.tmpl, &min, &max);
	nclasses = pkt_tmpl_classes(s->conf.tmpl, NULL, NULL);
	s->class_len[0] = max;
	s->last_len = s->stamp.sig != 0 && (min != max || nclasses > 1);
	s->npools = 1;
	rc = gen_pool_make(s, max, false, &s->pools[0], err, errlen);
	if (rc != 0)
		return rc;
	/* each NBL keeps its frame number in the context, above what the
	 * binding's layers need (nbl_list_alloc_bulk() refuses otherwise) */
	if (s->pools[0]->ctx_size < (uint32_t)s->ctx_backfill +
	    GEN_CTX_SIZE) {
		snprintf(err, errlen, "stream %u: the ndis engine keeps %u "
			 "bytes of context per NBL, and the binding's NBLs "
			 "have %u beyond its layers' %u (bind with "
			 "nbl_bind_conf::ctx_size = GEN_CTX_SIZE)",
			 s->conf.stream, GEN_CTX_SIZE,
			 s->pools[0]->ctx_size > s->ctx_backfill ?
			 s->pools[0]->ctx_size - s->ctx_backfill : 0,
			 s->ctx_backfill);
		return -EINVAL;
	}
	return 0;
}

/* Frame number of an NBL (in its context), for --verify. */
static inline uint64_t *
nbl_seq(struct nbl_list *nbl)
{
	return (uint64_t *)nbl_list_ctx_data(nbl);
}

/* Stamp one NBL as frame number `seq` of the share. */
static inline void
ndis_stamp(struct gen_share *s, struct nbl_list *nbl, uint64_t seq,
	   uint64_t ts)
{
	struct nbl_buf *nb = nbl->first_nb;
	uint32_t len = pkt_stamp_next_len(&s->stamp);
	uint32_t last;

	/* a new NBL starts at the inner frame: retreat over the outer
	 * headers into the back-fill (a kept one is retreated already) */
	if (s->outer_len != 0 && nb->data_offset == s->pools[0]->init_offset)
		nbl_buf_retreat(nb, s->outer_len, 0, NULL);
	nb->data_length = len;
	last = (uint32_t)(uintptr_t)nbl->protocol_reserved[0];
	pkt_stamp_frame(&s->stamp, (uint8_t *)nb->cur->va + nb->cur_off, len,
			s->last_len ? &last : NULL, ts, false);
	nbl->protocol_reserved[0] = (void *)(uintptr_t)last;
	*nbl_seq(nbl) = seq;
	if (s->conf.csum_info != NULL)
		*nbl_list_info_ref(nbl, NBL_INFO_TCPIP_CHECKSUM) =
			s->conf.csum_info;
	s->bytes_offered += len;
}

static unsigned int
ndis_burst(struct gen_share *s, unsigned int n, uint64_t now)
{
	struct nbl_list *nbls[GEN_BURST_MAX], *chain = NULL;
	uint64_t ts = gen_tsc_ns(now, s->hz);
	unsigned int k, i;

	if (n == 0)
		return 0;
	k = RTE_MIN(n, s->nready);
	if (k < n &&
	    nbl_list_alloc_bulk(s->pools[0], nbls + k, n - k, GEN_CTX_SIZE,
				s->ctx_backfill) != 0) {
		/* every NBL is in flight: completions bring them back */
		s->st.pool_empty += n;
		return 0;
	}
	s->nready -= k;
	memcpy(nbls, &s->ready[s->nready], k * sizeof(nbls[0]));
	for (i = 0; i < n; i++)
		ndis_stamp(s, nbls[i], s->offered + i, ts);
	/* link from the tail: wire order is frame order */
	for (i = n; i-- > 0;) {
		nbls[i]->next = chain;
		chain = nbls[i];
	}
	nbl_bind_send(s->conf.bind, s->conf.queue, chain, 0);
	s->st.submitted += n;
	s->st.bursts++;
	s->offered += n;
	return n;
}

/* Count one completed NBL; with --verify check its frame. */
static inline void
ndis_count(struct gen_share *s, struct nbl_list *nbl)
{
	const struct nbl_buf *nb = nbl->first_nb;

	s->st.completed++;
	switch (nbl->status) {
	case NBL_STATUS_SUCCESS:
		s->st.tx_packets++;
		s->st.tx_bytes += nb->data_length;
		break;
	case NBL_STATUS_RESOURCES:
		s->st.failed++;
		s->st.failed_resources++;
		break;
	case NBL_STATUS_INVALID_LENGTH:
		s->st.failed++;
		s->st.failed_invalid_length++;
		break;
	case NBL_STATUS_PAUSED:
		s->st.failed++;
		s->st.failed_paused++;
		break;
	case NBL_STATUS_SEND_ABORTED:
		s->st.failed++;
		s->st.failed_aborted++;
		break;
	default:
		s->st.failed++;
		s->st.failed_other++;
		break;
	}
	if (unlikely(s->conf.verify)) {
		struct pkt_verify v;

		/* one NB on the embedded MDL, as sent (the binding never
		 * changes a protocol's NBL) */
		if (nb == NULL || nb->next != NULL ||
		    nb->cur_off + nb->data_length > nb->cur->len ||
		    pkt_tmpl_verify(s->conf.tmpl, (const uint8_t *)
				    nb->cur->va + nb->cur_off,
				    nb->data_length, *nbl_seq(nbl),
				    s->conf.sig_id, &v) != 0)
			s->st.verify_errors++;
	}
}

void
gen_send_complete(void *ctx, struct nbl_list *chain, uint32_t flags)
{
	struct nbl_list *done[GEN_BURST_MAX];
	struct gen_share *fs = NULL;
	unsigned int nd = 0;

	RTE_SET_USED(ctx);
	RTE_SET_USED(flags);
	while (chain != NULL) {
		struct nbl_list *nbl = chain;
		struct gen_share *s = gen_share_of(nbl);

		chain = nbl->next;
		nbl->next = NULL;
		ndis_count(s, nbl);
		/* kept for the next burst while the share sends */
		if (!s->done && s->nready < GEN_READY_MAX) {
			s->ready[s->nready++] = nbl;
			continue;
		}
		if (nd == RTE_DIM(done) || (nd != 0 && s != fs)) {
			nbl_list_free_bulk(fs->pools[0], done, nd);
			nd = 0;
		}
		fs = s;
		done[nd++] = nbl;
	}
	if (nd != 0)
		nbl_list_free_bulk(fs->pools[0], done, nd);
}

/* Give the kept NBLs back to the pool. */
static void
ready_free(struct gen_share *s)
{
	while (s->nready != 0) {
		unsigned int k = RTE_MIN(s->nready, (uint32_t)GEN_BURST_MAX);

		s->nready -= k;
		nbl_list_free_bulk(s->pools[0], &s->ready[s->nready], k);
	}
}

static void
ndis_drain(struct gen_share *s, uint64_t deadline)
{
	s->done = true; /* completions go back to the pool from now on */
	ready_free(s);
	while (s->st.completed < s->st.submitted && rte_rdtsc() < deadline)
		if (nbl_bind_poll(s->conf.bind, s->conf.queue) == 0)
			rte_pause();
}

static void
ndis_end(struct gen_share *s)
{
	/* completions a pause delivered after the drain */
	ready_free(s);
}

const struct gen_engine gen_engine_ndis = {
	.name = "ndis",
	.help = "NBLs sent with nbl_bind_send(), every one completed with a "
		"status and sent again (checked byte by byte with --verify)",
	.begin = ndis_begin,
	.burst = ndis_burst,
	.drain = ndis_drain,
	.end = ndis_end,
};

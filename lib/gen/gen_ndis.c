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
	uint8_t *frame;

	/* a new NBL starts at the inner frame: retreat over the outer
	 * headers into the back-fill (a kept one is retreated already) */
	if (s->outer_len != 0 && nb->data_offset == s->pools[0]->init_offset)
		nbl_buf_retreat(nb, s->outer_len, 0, NULL);
	nb->data_length = len;
	frame = (uint8_t *)nb->cur->va + nb->cur_off;
	if (unlikely(s->last_len)) {
		/* several lengths with a signature: the old one's bytes go
		 * back to the payload */
		uint32_t last = (uint32_t)(uintptr_t)nbl->protocol_reserved[0];

		pkt_stamp_frame(&s->stamp, frame, len, &last, ts, false);
		nbl->protocol_reserved[0] = (void *)(uintptr_t)last;
	} else {
		pkt_stamp_frame(&s->stamp, frame, len, NULL, ts, false);
	}
	if (unlikely(s->conf.verify))
		*nbl_seq(nbl) = seq; /* what --verify expects back */
	if (s->conf.csum_info != NULL)
		*nbl_list_info_ref(nbl, NBL_INFO_TCPIP_CHECKSUM) =
			s->conf.csum_info;
	s->bytes_offered += len;
}

static unsigned int
ndis_burst(struct gen_share *s, unsigned int n, uint64_t now)
{
	struct nbl_list *fresh[GEN_BURST_MAX], *chain, **tail, *nbl;
	uint64_t ts = gen_tsc_ns(now, s->hz);
	unsigned int k, i;

	if (n == 0)
		return 0;
	k = RTE_MIN(n, s->nready);
	if (k < n &&
	    nbl_list_alloc_bulk(s->pools[0], fresh, n - k, GEN_CTX_SIZE,
				s->ctx_backfill) != 0) {
		/* every NBL is in flight: completions bring them back */
		s->st.pool_empty += n;
		return 0;
	}
	/* the kept NBLs are a chain already: cut k off its head */
	chain = s->ready_head;
	tail = &chain;
	for (i = 0; i < k; i++)
		tail = &(*tail)->next;
	s->ready_head = *tail;
	s->nready -= k;
	/* new NBLs after them, in order */
	for (i = 0; i < n - k; i++) {
		*tail = fresh[i];
		tail = &fresh[i]->next;
	}
	*tail = NULL;
	if (s->ndis_static) {
		/* nothing changes per frame: a kept NBL is ready as it came
		 * back, a new one needs its length (and its retreat) */
		for (i = 0; i < n - k; i++)
			ndis_stamp(s, fresh[i], s->offered + k + i, ts);
		s->bytes_offered += (uint64_t)k * s->fixed_len;
	} else {
		for (i = 0, nbl = chain; nbl != NULL; nbl = nbl->next, i++)
			ndis_stamp(s, nbl, s->offered + i, ts);
	}
	nbl_bind_send(s->conf.bind, s->conf.queue, chain, 0);
	s->st.submitted += n;
	s->st.bursts++;
	s->offered += n;
	return n;
}

/* Count an NBL that completed with a failure status. */
static void
ndis_failed(struct gen_share *s, int32_t status)
{
	s->st.failed++;
	switch (status) {
	case NBL_STATUS_RESOURCES:
		s->st.failed_resources++;
		break;
	case NBL_STATUS_INVALID_LENGTH:
		s->st.failed_invalid_length++;
		break;
	case NBL_STATUS_PAUSED:
		s->st.failed_paused++;
		break;
	case NBL_STATUS_SEND_ABORTED:
		s->st.failed_aborted++;
		break;
	default:
		s->st.failed_other++;
		break;
	}
}

/* --verify: the completed NBL still holds its frame, byte for byte (one
 * NB on the embedded MDL, as sent: the binding never changes a protocol's
 * NBL). */
static void
ndis_verify(struct gen_share *s, struct nbl_list *nbl)
{
	const struct nbl_buf *nb = nbl->first_nb;
	struct pkt_verify v;

	if (nb == NULL || nb->next != NULL ||
	    nb->cur_off + nb->data_length > nb->cur->len ||
	    pkt_tmpl_verify(s->conf.tmpl, (const uint8_t *)nb->cur->va +
			    nb->cur_off, nb->data_length, *nbl_seq(nbl),
			    s->conf.sig_id, &v) != 0)
		s->st.verify_errors++;
}

/* NBLs of one share freed in bulk. */
struct ndis_free {
	struct gen_share *s;
	unsigned int n;
	struct nbl_list *nbl[GEN_BURST_MAX];
};

static inline void
free_add(struct ndis_free *f, struct gen_share *s, struct nbl_list *nbl)
{
	if (f->n == RTE_DIM(f->nbl) || (f->n != 0 && s != f->s)) {
		nbl_list_free_bulk(f->s->pools[0], f->nbl, f->n);
		f->n = 0;
	}
	f->s = s;
	f->nbl[f->n++] = nbl;
}

void
gen_send_complete(void *ctx, struct nbl_list *chain, uint32_t flags)
{
	struct ndis_free f;

	RTE_SET_USED(ctx);
	RTE_SET_USED(flags);
	f.n = 0;
	if (chain != NULL) {
		struct gen_share *s = gen_share_of(chain);

		/* the common case: the chain is one share's (alone on its
		 * queue), kept whole for its next bursts: walked once to
		 * count it, spliced onto its kept NBLs */
		if (s->queue_alone && !s->done && s->fixed_len != 0 &&
		    !s->conf.verify) {
			struct nbl_list *last = chain, *nbl;
			uint64_t n = 1, ok = chain->status == NBL_STATUS_SUCCESS;

			while (last->next != NULL) {
				last = last->next;
				n++;
				ok += last->status == NBL_STATUS_SUCCESS;
			}
			if (likely(s->nready + n <= GEN_READY_MAX)) {
				if (unlikely(ok != n))
					for (nbl = chain; nbl != last->next;
					     nbl = nbl->next)
						if (nbl->status !=
						    NBL_STATUS_SUCCESS)
							ndis_failed(s,
								    nbl->status);
				last->next = s->ready_head;
				s->ready_head = chain;
				s->nready += (uint32_t)n;
				s->st.completed += n;
				s->st.tx_packets += ok;
				s->st.tx_bytes += ok * s->fixed_len;
				return;
			}
		}
	}
	while (chain != NULL) {
		/* a run of NBLs of one share, counted once at its end; a
		 * share alone on its queue has the whole chain (a poll
		 * delivers one queue's completions) */
		struct gen_share *s = gen_share_of(chain);
		uint64_t n = 0, ok = 0, bytes = 0;
		const bool keep = !s->done, alone = s->queue_alone;
		const bool verify = s->conf.verify, fixed = s->fixed_len != 0;
		struct nbl_list *head = s->ready_head;
		uint32_t nready = s->nready;

		do {
			struct nbl_list *nbl = chain;

			chain = nbl->next;
			n++;
			if (likely(nbl->status == NBL_STATUS_SUCCESS)) {
				ok++;
				if (!fixed)
					bytes += nbl->first_nb->data_length;
			} else {
				ndis_failed(s, nbl->status);
			}
			if (unlikely(verify))
				ndis_verify(s, nbl);
			/* kept for the next burst while the share sends, on
			 * the head of its chain of kept NBLs */
			if (keep && nready < GEN_READY_MAX) {
				nbl->next = head;
				head = nbl;
				nready++;
			} else {
				nbl->next = NULL;
				free_add(&f, s, nbl);
			}
		} while (chain != NULL && (alone || gen_share_of(chain) == s));
		s->ready_head = head;
		s->nready = nready;
		s->st.completed += n;
		s->st.tx_packets += ok;
		s->st.tx_bytes += fixed ? ok * s->fixed_len : bytes;
	}
	if (f.n != 0)
		nbl_list_free_bulk(f.s->pools[0], f.nbl, f.n);
}

/* Give the kept NBLs back to the pool. */
static void
ready_free(struct gen_share *s)
{
	struct nbl_list *nbls[GEN_BURST_MAX];
	unsigned int k = 0;

	while (s->ready_head != NULL) {
		nbls[k] = s->ready_head;
		s->ready_head = nbls[k]->next;
		nbls[k]->next = NULL;
		if (++k == RTE_DIM(nbls)) {
			nbl_list_free_bulk(s->pools[0], nbls, k);
			k = 0;
		}
	}
	if (k != 0)
		nbl_list_free_bulk(s->pools[0], nbls, k);
	s->nready = 0;
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

static int
ndis_begin(struct gen_share *s, char *err, size_t errlen)
{
	int rc = gen_stamp_pool_begin(s, err, errlen);

	if (rc != 0)
		return rc;
	/* each NBL keeps its frame number in the context, above what the
	 * binding's layers need (nbl_list_alloc_bulk() refuses otherwise) */
	if (s->pools[0]->ctx_size < (uint32_t)s->ctx_backfill +
	    GEN_CTX_SIZE) {
		snprintf(err, errlen, "stream.%u: the ndis engine keeps %u "
			 "bytes of context per NBL, and the binding's NBLs "
			 "have %u beyond its layers' %u (bind with "
			 "nbl_bind_conf::ctx_size = GEN_CTX_SIZE)",
			 s->conf.stream, GEN_CTX_SIZE,
			 s->pools[0]->ctx_size > s->ctx_backfill ?
			 s->pools[0]->ctx_size - s->ctx_backfill : 0,
			 s->ctx_backfill);
		return -EINVAL;
	}
	/* frames of one length that no stamp changes, nothing to check and
	 * no offload to ask for: a kept NBL goes again as it came back */
	s->ndis_static = s->fixed_len != 0 &&
		s->stamp.fast == PKT_FAST_NONE && !s->conf.verify &&
		s->conf.csum_info == NULL;
	return rc;
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

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* The sending lcore and the send-complete handler: bursts of NBLs whose
 * buffers already hold the frame template get their sequence number
 * stamped and go to nbl_bind_send(); every NBL must come back exactly
 * once, with SUCCESS and with its bytes unchanged. */

#include <errno.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_pause.h>

#include <nbl.h>
#include <nbl_bind.h>

#include "app.h"
#include "rate.h"

/* A frame that came back is the template with its sequence number and
 * the matching checksum, nothing else changed. */
static inline bool
frame_intact(const struct gen_sender *s, const uint8_t *f, uint64_t seq)
{
	uint8_t head[GEN_HDR_LEN + GEN_PAYLOAD_HDR];

	memcpy(head, s->tmpl, sizeof(head));
	gen_frame_seq_set(head, s->tmpl_cksum, seq);
	return memcmp(f, head, sizeof(head)) == 0 &&
		memcmp(f + sizeof(head), s->tmpl + sizeof(head),
		       s->spec.size - sizeof(head)) == 0;
}

static inline const uint8_t *
nb_frame(const struct nbl_buf *nb)
{
	return (const uint8_t *)nb->cur->va + nb->cur_off;
}

void
gen_sender_complete(void *ctx, struct nbl_list *chain, uint32_t flags)
{
	struct gen_sender *s = ctx;
	struct nbl_list *done[64];
	unsigned int n = 0;

	RTE_SET_USED(flags);
	while (chain != NULL) {
		struct nbl_list *nbl = chain;
		const struct nbl_buf *nb = nbl->first_nb;
		uint64_t seq;

		chain = nbl->next;
		nbl->next = NULL;
		memcpy(&seq, nbl_list_ctx_data(nbl), sizeof(seq));
		s->completed++;
		if (likely(nbl->status == NBL_STATUS_SUCCESS)) {
			s->completed_ok++;
		} else {
			if (s->failed++ == 0)
				s->first_bad_status = nbl->status;
		}
		if (unlikely(nb == NULL || nb->next != NULL ||
			     nb->data_length != s->spec.size ||
			     nb->cur->len - nb->cur_off < s->spec.size ||
			     !frame_intact(s, nb_frame(nb), seq)))
			s->changed++;
		if (s->seen != NULL && seq < s->count) {
			uint64_t bit = UINT64_C(1) << (seq & 63);

			if (s->seen[seq >> 6] & bit)
				s->duplicates++;
			s->seen[seq >> 6] |= bit;
		}
		done[n++] = nbl;
		if (n == RTE_DIM(done)) {
			nbl_list_free_bulk(s->pool, done, n);
			n = 0;
		}
	}
	if (n != 0)
		nbl_list_free_bulk(s->pool, done, n);
}

/* Stamp and link a burst, then send it as one chain. */
static inline void
send_burst(struct gen_sender *s, struct nbl_list **nbls, unsigned int n,
	   uint64_t seq)
{
	struct nbl_list *next = NULL;
	unsigned int i;

	/* link from the tail so that no NBL needs a test */
	for (i = n; i-- > 0;) {
		struct nbl_list *nbl = nbls[i];
		struct nbl_buf *nb = nbl->first_nb;

		nb->data_length = s->spec.size;
		gen_frame_seq_set((uint8_t *)nb->cur->va + nb->cur_off,
				  s->tmpl_cksum, seq + i);
		memcpy(nbl_list_ctx_data(nbl), &(uint64_t){seq + i},
		       sizeof(uint64_t));
		nbl->next = next;
		next = nbl;
	}
	nbl_bind_send(s->bind, s->queue, next, 0);
	s->submitted += n;
}

/* Stamp a burst and hand it to the port with no completion. */
static inline void
send_burst_ff(struct gen_sender *s, struct nbl_list **nbls, unsigned int n,
	      uint64_t seq)
{
	unsigned int i;
	uint16_t sent;

	for (i = 0; i < n; i++) {
		struct nbl_buf *nb = nbls[i]->first_nb;

		nb->data_length = s->spec.size;
		gen_frame_seq_set((uint8_t *)nb->cur->va + nb->cur_off,
				  s->tmpl_cksum, seq + i);
	}
	sent = nbl_bind_send_ff(s->txq, nbls, (uint16_t)n);
	s->submitted += n;
	s->ff_dropped += n - sent;
}

int
gen_sender_main(void *arg)
{
	struct gen_sender *s = arg;
	struct nbl_list *nbls[GEN_BURST_MAX];
	uint64_t hz = rte_get_tsc_hz();
	uint64_t wait_limit = s->drain_ms * (hz / 1000);
	uint64_t seq = 0, deadline, empty_since = 0;
	struct gen_pacer pacer;

	s->tsc_start = rte_rdtsc();
	gen_pacer_init(&pacer, s->tsc_start, hz, s->rate);
	while (seq < s->count && !gen_stopped()) {
		uint64_t n = RTE_MIN((uint64_t)s->burst, s->count - seq);
		int rc;

		if (s->rate != 0) {
			uint64_t due = gen_pacer_due(&pacer, rte_rdtsc());

			if (due <= seq) {
				nbl_bind_poll(s->bind, s->queue);
				rte_pause();
				continue;
			}
			n = RTE_MIN(n, due - seq);
		}
		rc = nbl_list_alloc_bulk(s->pool, nbls, (unsigned int)n,
					 s->ctx_size, s->ctx_backfill);
		if (unlikely(rc == -ENOBUFS)) {
			/* every buffer is in flight: completions, or the
			 * port freeing what it sent, bring them back */
			uint64_t now = rte_rdtsc();

			if (empty_since == 0) {
				empty_since = now;
				s->pool_waits++;
			} else if (now - empty_since > wait_limit) {
				s->alloc_error = rc;
				break;
			}
			nbl_bind_poll(s->bind, s->queue);
			continue;
		}
		if (unlikely(rc != 0)) {
			s->alloc_error = rc;
			break;
		}
		empty_since = 0;
		if (s->ff) {
			send_burst_ff(s, nbls, (unsigned int)n, seq);
		} else {
			send_burst(s, nbls, (unsigned int)n, seq);
			nbl_bind_poll(s->bind, s->queue);
		}
		seq += n;
	}
	/* wait for the frames in flight, even after a stop */
	deadline = rte_rdtsc() + wait_limit;
	while (s->completed < s->submitted && !s->ff &&
	       rte_rdtsc() < deadline)
		if (nbl_bind_poll(s->bind, s->queue) == 0)
			rte_pause();
	s->drain_timeout = !s->ff && s->completed < s->submitted;
	s->tsc_end = rte_rdtsc();
	return 0;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* The sending lcore and the send-complete handler: bursts of NBLs whose
 * buffers already hold the frame template get their sequence number
 * stamped and go to nbl_bind_send(); every NBL must come back exactly
 * once, with SUCCESS and with its bytes unchanged.  An NBL that came back
 * is the protocol's again: while frames remain to be sent it is kept on a
 * ready list and stamped for a later burst (no pool round trip, no
 * reset); the pool is the source only when the ready list runs short. */

#include <errno.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_pause.h>

#include <nbl.h>
#include <nbl_bind.h>

#include "app.h"
#include "rate.h"

/* Equal bytes, compared a word at a time without a library call. */
static inline bool
bytes_equal(const uint8_t *a, const uint8_t *b, uint32_t n)
{
	uint64_t d = 0, x, y;
	uint32_t i;

	for (i = 0; i + sizeof(x) <= n; i += sizeof(x)) {
		memcpy(&x, a + i, sizeof(x));
		memcpy(&y, b + i, sizeof(y));
		d |= x ^ y;
	}
	for (; i < n; i++)
		d |= (uint64_t)(a[i] ^ b[i]);
	return d == 0;
}

/* A frame that came back is the template with its sequence number (and
 * the matching checksum when nblgen writes it), nothing else changed.
 * Checksums left to the port are its to write (a driver's tx_prepare may
 * put the pseudo-header sum there): they are not compared. */
static inline bool
frame_intact(const struct gen_sender *s, const uint8_t *f, uint64_t seq)
{
	const uint32_t ip_ck = GEN_IP_CKSUM_OFF, udp_ck = GEN_CKSUM_OFF;
	const uint32_t seq_off = GEN_PAYLOAD_OFF + GEN_SEQ_OFF;
	const uint32_t rest = seq_off + sizeof(uint64_t);
	uint64_t be = rte_cpu_to_be_64(seq), got;
	uint16_t ck;

	memcpy(&got, f + seq_off, sizeof(got));
	if (got != be)
		return false;
	if (s->cksum_frame) {
		memcpy(&ck, f + udp_ck, sizeof(ck));
		if (ck != gen_frame_cksum(s->tmpl_cksum, be) ||
		    !bytes_equal(f + ip_ck, s->tmpl + ip_ck, 2))
			return false;
	}
	return bytes_equal(f, s->tmpl, ip_ck) &&
		bytes_equal(f + ip_ck + 2, s->tmpl + ip_ck + 2,
			    udp_ck - (ip_ck + 2)) &&
		bytes_equal(f + udp_ck + 2, s->tmpl + udp_ck + 2,
			    seq_off - (udp_ck + 2)) &&
		bytes_equal(f + rest, s->tmpl + rest, s->spec.size - rest);
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
		if (s->recycle && s->nb_ready < RTE_DIM(s->ready)) {
			s->ready[s->nb_ready++] = nbl;
			continue;
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

		/* the pool gives NBLs of the template's length (frame_len)
		 * and a kept one comes back unchanged: no length to write */
		if (likely(s->cksum_frame)) {
			gen_frame_seq_set((uint8_t *)nb->cur->va + nb->cur_off,
					  s->tmpl_cksum, seq + i);
		} else {
			gen_frame_seq_only((uint8_t *)nb->cur->va +
					   nb->cur_off, seq + i);
			*nbl_list_info_ref(nbl, NBL_INFO_TCPIP_CHECKSUM) =
				s->csum_info;
		}
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

		gen_frame_seq_set((uint8_t *)nb->cur->va + nb->cur_off,
				  s->tmpl_cksum, seq + i);
	}
	sent = nbl_bind_send_ff(s->txq, nbls, (uint16_t)n);
	s->submitted += n;
	s->ff_dropped += n - sent;
}

/* Take up to n kept NBLs, the latest first; returns how many. */
static inline unsigned int
ready_take(struct gen_sender *s, struct nbl_list **nbls, unsigned int n)
{
	unsigned int k = RTE_MIN(n, s->nb_ready);

	s->nb_ready -= k;
	memcpy(nbls, &s->ready[s->nb_ready], k * sizeof(*nbls));
	return k;
}

/* Give every kept NBL back to the pool (the run is over). */
static void
ready_free(struct gen_sender *s)
{
	struct nbl_list *nbls[GEN_BURST_MAX];
	unsigned int k;

	s->recycle = false;
	while ((k = ready_take(s, nbls, RTE_DIM(nbls))) != 0)
		nbl_list_free_bulk(s->pool, nbls, k);
}

/*
 * n NBLs for a burst: kept ones first, the rest from the pool (the
 * context of a kept NBL still holds the sequence area).  Returns 0, or the
 * pool's error with nothing taken.
 */
static inline int
burst_get(struct gen_sender *s, struct nbl_list **nbls, unsigned int n)
{
	unsigned int k = RTE_MIN(n, s->nb_ready);

	if (unlikely(k < n)) {
		int rc = nbl_list_alloc_bulk(s->pool, nbls + k, n - k,
					     s->ctx_size, s->ctx_backfill);

		if (rc != 0)
			return rc;
	}
	ready_take(s, nbls, k);
	return 0;
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

	s->recycle = !s->ff;
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
		rc = burst_get(s, nbls, (unsigned int)n);
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
	/* wait for the frames in flight, even after a stop; from now on
	 * every NBL goes back to the pool */
	ready_free(s);
	deadline = rte_rdtsc() + wait_limit;
	while (s->completed < s->submitted && !s->ff &&
	       rte_rdtsc() < deadline)
		if (nbl_bind_poll(s->bind, s->queue) == 0)
			rte_pause();
	s->drain_timeout = !s->ff && s->completed < s->submitted;
	s->tsc_end = rte_rdtsc();
	return 0;
}

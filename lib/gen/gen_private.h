/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef GEN_PRIVATE_H
#define GEN_PRIVATE_H

/* What the engines share inside libnblgen. */

#include "gen.h"

/* The three engines. */
extern const struct gen_engine gen_engine_template;
extern const struct gen_engine gen_engine_stamp;
extern const struct gen_engine gen_engine_ndis;

/*
 * Make a pool of the share's frames, shaped by the binding: count NBLs
 * (0: the binding's pool count), each holding the whole frame of length
 * len.  `lowered`: the pool's data start is the frame's start (the outer
 * headers of a tunnel already retreated into the back-fill: the template
 * engine); otherwise the data start is the inner frame and a sender
 * retreats outer_len per frame.  Every NBL's ProtocolReserved[1] names
 * the share (the NDIS completion finds it there) and ProtocolReserved[0]
 * holds 0 (the length of the last stamped frame).
 */
int gen_pool_make(struct gen_share *s, uint32_t len, bool lowered,
		  struct nbl_list_pool **pool, char *err, size_t errlen);

/* The begin() of the stamp and ndis engines: one pool holding the
 * template's longest frame, stamped per frame. */
int gen_stamp_pool_begin(struct gen_share *s, char *err, size_t errlen);

/* Free the share's pools (every NBL must be back). */
void gen_pools_free(struct gen_share *s);

/* The share of an NBL of one of its pools. */
static inline struct gen_share *
gen_share_of(const struct nbl_list *nbl)
{
	return (struct gen_share *)nbl->protocol_reserved[1];
}

/* Send the share's pending frames (those refused before) and then the
 * new ones in s->pend[npend .. npend + n): what the port refuses stays
 * pending, in order.  Counts packets, bytes, ring_full and the pools'
 * hand-offs (pend_cls[] names each frame's pool).  Returns the number
 * sent. */
unsigned int gen_pend_send(struct gen_share *s, unsigned int n);

/* Drain for the fire-and-forget engines: send the pending frames until
 * none is left or the deadline passed, then give the rest back to their
 * pools (counted as not sent). */
void gen_pend_drain(struct gen_share *s, uint64_t deadline);

#endif /* GEN_PRIVATE_H */

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/*
 * NDIS_SEND_FLAGS_CHECK_FOR_LOOPBACK: ethdev never loops frames back, so
 * frames addressed to the port's own MAC (or broadcast, which the receive
 * filter also passes) are copied into NBLs of the loopback pool and
 * indicated to the protocol's receive handler by the next poll.
 */

#include <rte_ether.h>

#include "nbl_bind_private.h"

void
bind_loopback(struct nbl_bind *b, struct bind_queue *q, struct nbl_list *nbl)
{
	const struct nbl_buf *nb;

	if (b->lb_pool == NULL)
		return; /* no receive handler registered */
	for (nb = nbl->first_nb; nb != NULL; nb = nb->next) {
		struct rte_ether_addr dst;
		struct nbl_list *c;
		struct nbl_buf *cnb;

		if (nb->data_length < RTE_ETHER_HDR_LEN ||
		    nb->data_length > b->reqs.max_frame ||
		    nbl_buf_copy_out(nb, 0, sizeof(dst), &dst) != 0)
			continue;
		if (!rte_is_same_ether_addr(&dst, &b->mac) &&
		    !rte_is_broadcast_ether_addr(&dst))
			continue;
		c = nbl_list_alloc(b->lb_pool, 0, 0);
		if (c == NULL) {
			q->pub.stats.loopback_drops++;
			continue;
		}
		cnb = c->first_nb;
		cnb->data_length = nb->data_length;
		nbl_buf_copy_out(nb, 0, nb->data_length,
				 (uint8_t *)cnb->chain->va + cnb->data_offset);
		c->source_handle = b;
		c->next = NULL;
		*q->lb_tail = c;
		q->lb_tail = &c->next;
		q->pub.stats.loopback++;
	}
}

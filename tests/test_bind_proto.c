/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/*
 * Check tests of what a protocol with pools of its own needs from the
 * binding (nblgen's generator: one pool per stream and size class):
 * nbl_bind_pool_params() shapes them like the binding's pool, the
 * back-fill holds the encapsulation length the layer above declares
 * (encap_len), their NBLs go by reference, and nbl_bind_send_ff_mbufs()
 * sends frames of several pools in order, leaving the refused ones to the
 * caller.  Part of the 'bind' suite (main() in test_bind.c).
 */

#include <errno.h>
#include <string.h>

#include <rte_ethdev.h>

#include "test_bind.h"

/* A pool of the protocol's own, shaped by the binding. */
static struct nbl_list_pool *
own_pool(struct nbl_bind *b, uint32_t count)
{
	struct nbl_list_pool_params p;
	struct nbl_list_pool *lp;

	ck_assert_int_eq(nbl_bind_pool_params(b, &p), 0);
	p.count = count;
	p.cache_size = 0; /* a mempool's cache is at most count / 1.5 */
	lp = nbl_list_pool_create(&p);
	ck_assert_ptr_nonnull(lp);
	return lp;
}

/* The params follow the requirements; the tunnel's outer headers the
 * layer above declares are in the back-fill: a retreat over them moves
 * the data start only, and the NBL still goes by reference. */
START_TEST(test_proto_pool_params)
{
	struct nbl_list_pool_params p;
	struct nbl_bind_stats st;
	struct nbl_bind_reqs r0, r;
	struct nbl_bind_conf c;
	struct nbl_list_pool *lp;
	struct nbl_list *nbl;
	struct nbl_bind *b;

	conf_default(&c, "proto");
	b = nbl_bind_create(port_null, &c);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(nbl_bind_pool_params(b, &p), -EINVAL); /* Unbound */
	ck_assert_int_eq(nbl_bind_pool_params(NULL, &p), -EINVAL);
	ck_assert_int_eq(nbl_bind_reqs_compute(port_null, &c, &r0), 0);
	ck_assert_int_eq(nbl_bind_free(b), 0);

	conf_default(&c, "proto");
	c.encap_len = 50;
	c.encap_what = "VXLAN over IPv4";
	b = bind_running(port_null, &c);
	ck_assert_int_eq(nbl_bind_reqs_get(b, &r), 0);
	ck_assert_uint_eq(r.data_backfill, r0.data_backfill + 50);
	ck_assert_ptr_nonnull(strstr(r.why_data, "VXLAN over IPv4 50"));
	ck_assert_int_eq(nbl_bind_pool_params(b, &p), 0);
	ck_assert(p.alloc_nb);
	ck_assert_uint_eq(p.data_size, r.data_size);
	ck_assert_uint_eq(p.init_offset, r.data_backfill);
	ck_assert_uint_eq(p.init_length, r.max_frame);
	ck_assert_uint_eq(p.context_size, r.context_size);
	ck_assert_uint_eq(p.count, r.pool_count);
	ck_assert_ptr_null(p.obj_init);

	lp = own_pool(b, 63);
	nbl = nbl_list_alloc(lp, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	nbl->first_nb->data_length = 60;
	build_frame((uint8_t *)nbl->first_nb->cur->va +
		    nbl->first_nb->cur_off, 60, &other_mac, 1);
	ck_assert_int_eq(nbl_buf_retreat(nbl->first_nb, 50, 0, NULL), 0);
	ck_assert_uint_eq(nbl->first_nb->data_offset, r.data_backfill - 50);
	ck_assert_uint_eq(nbl->first_nb->ndis_mdls, 0); /* no allocation */
	coll_reset();
	nbl_bind_send(b, 0, nbl, 0);
	wait_done(b, 0, 1);
	ck_assert_int_eq(C.st[0], NBL_STATUS_SUCCESS);
	ck_assert_int_eq(nbl_bind_stats_get(b, 0, &st), 0);
	ck_assert_uint_eq(st.zero_copy, 1);
	ck_assert_uint_eq(st.copies, 0);
	free_all(0);
	C.n = 0;
	ck_assert_int_eq(nbl_list_pool_free(lp), 0);
	bind_end(b);
}
END_TEST

/* Frames of two pools through a queue that takes 15 at most: the first
 * 15 go, in order, the rest stay the caller's (ff_refused) and go after
 * the reader emptied the ring; the bytes are those of what went. */
START_TEST(test_proto_ff_mbufs)
{
	struct rte_mbuf *m[24], *m2[24];
	struct nbl_list_pool *lp[2];
	struct nbl_bind_txq *q;
	struct nbl_bind_stats st;
	struct nbl_bind_conf c;
	struct rxf rx[24];
	struct nbl_bind *b;
	uint64_t bytes, want = 0;
	unsigned int i, k;
	uint16_t sent;

	conf_default(&c, "proto_ff");
	b = bind_running(port_small, &c);
	q = nbl_bind_txq(b, 0);
	ck_assert_ptr_nonnull(q);
	lp[0] = own_pool(b, 63);
	lp[1] = own_pool(b, 63);
	/* 12 frames of 60 bytes from pool 0, 12 of 100 from pool 1,
	 * interleaved, each numbered */
	ck_assert_int_eq(nbl_list_pool_mbufs_get(lp[0], m2, 12, 60), 0);
	ck_assert_int_eq(nbl_list_pool_mbufs_get(lp[1], m2 + 12, 12, 100), 0);
	for (i = 0; i < 24; i++) {
		m[i] = m2[(i & 1) * 12 + i / 2];
		build_frame(rte_pktmbuf_mtod(m[i], uint8_t *),
			    m[i]->pkt_len, &other_mac, i);
	}
	sent = nbl_bind_send_ff_mbufs(q, m, 24, 0, &bytes);
	ck_assert_uint_eq(sent, 15);
	for (i = 0; i < sent; i++)
		want += m[i]->pkt_len;
	ck_assert_uint_eq(bytes, want);
	for (i = 0, k = 0; i < sent; i++)
		k += m[i]->pool == lp[0]->mp;
	nbl_list_pool_handoff(lp[0], k);
	nbl_list_pool_handoff(lp[1], sent - k);
	ck_assert_int_eq(nbl_bind_stats_get(b, 0, &st), 0);
	ck_assert_uint_eq(st.ff_submitted, 24);
	ck_assert_uint_eq(st.ff_sent, 15);
	ck_assert_uint_eq(st.ff_refused, 9);
	ck_assert_uint_eq(st.bytes, want);
	ck_assert_uint_eq(drain(port_small, rx, 24), 15);
	/* the refused ones, still the caller's, go next, in order */
	sent = nbl_bind_send_ff_mbufs(q, m + 15, 9, 0, &bytes);
	ck_assert_uint_eq(sent, 9);
	for (i = 15, k = 0; i < 24; i++)
		k += m[i]->pool == lp[0]->mp;
	nbl_list_pool_handoff(lp[0], k);
	nbl_list_pool_handoff(lp[1], 9 - k);
	ck_assert_uint_eq(drain(port_small, rx + 15, 9), 9);
	for (i = 0; i < 24; i++) {
		ck_assert_uint_eq(frame_seq(rx[i].b), i);
		ck_assert_uint_eq(rx[i].len, (i & 1) ? 100 : 60);
	}
	/* a fixed length reads no mbuf: the bytes are sent x len */
	ck_assert_int_eq(nbl_list_pool_mbufs_get(lp[0], m, 4, 60), 0);
	sent = nbl_bind_send_ff_mbufs(q, m, 4, 60, &bytes);
	ck_assert_uint_eq(sent, 4);
	ck_assert_uint_eq(bytes, 240);
	nbl_list_pool_handoff(lp[0], 4);
	ck_assert_uint_eq(drain(port_small, NULL, 0), 4);
	/* not Running: nothing goes, everything stays the caller's */
	ck_assert_int_eq(nbl_list_pool_mbufs_get(lp[1], m, 3, 100), 0);
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	ck_assert_uint_eq(nbl_bind_send_ff_mbufs(q, m, 3, 0, &bytes), 0);
	ck_assert_uint_eq(bytes, 0);
	nbl_list_pool_mbufs_put(lp[1], m, 3);
	ck_assert_uint_eq(nbl_bind_send_ff_mbufs(q, m, 0, 0, &bytes), 0);
	/* every frame is back: the pools free */
	ck_assert_int_eq(nbl_list_pool_free(lp[0]), 0);
	ck_assert_int_eq(nbl_list_pool_free(lp[1]), 0);
	bind_end(b);
}
END_TEST

void
bind_proto_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_proto_pool_params);
	tcase_add_test(tc, test_proto_ff_mbufs);
}

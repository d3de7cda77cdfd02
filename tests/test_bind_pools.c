/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * The pools of a binding ('bind' suite, TCase "send"): protocol-pool and
 * copy-pool exhaustion, fire and forget, the template burst, the obj_init
 * template hook and conf.frame_len.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include "test_bind.h"

/* ------------------------------------------------------------------ */
/* Exhaustion, full ring, fire and forget                              */
/* ------------------------------------------------------------------ */

START_TEST(test_pool_exhaustion)
{
	struct nbl_bind_conf c;
	struct nbl_bind *b;
	struct nbl_list *head = NULL, **tail = &head, *nbl;
	unsigned int n = 0;

	conf_default(&c, "exhaust");
	c.pool_count = 63;
	b = bind_running(port_null, &c);
	while ((nbl = nbl_list_alloc(nbl_bind_pool(b), 0, 0)) != NULL) {
		nbl->first_nb->data_length = 60;
		build_frame(tn_data(nbl), 60, &other_mac, n++);
		*tail = nbl;
		tail = &nbl->next;
	}
	ck_assert_int_eq(rte_errno, ENOBUFS);
	ck_assert_uint_eq(n, 63);
	nbl_bind_send(b, 0, head, 0);
	wait_done(b, 0, 63);
	/* every one back: the pool can serve again */
	free_all(0);
	C.n = 0;
	nbl = nbl_list_alloc(nbl_bind_pool(b), 0, 0);
	ck_assert_ptr_nonnull(nbl);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	bind_end(b);
}
END_TEST

/* Copy-pool exhaustion on a full ring: RESOURCES, counters add up. */
START_TEST(test_copy_pool_exhaustion_full_ring)
{
	struct nbl_bind_conf c;
	struct nbl_bind_stats s;
	struct nbl_bind *b;
	struct nbl_list *head = NULL, **tail = &head;
	unsigned int i;

	conf_default(&c, "copyex");
	c.zero_copy = NBL_BIND_ZC_OFF;
	c.copy_count = 7;
	b = bind_running(port_small, &c);
	for (i = 0; i < 20; i++) {
		*tail = tn_frame(b, 60, &other_mac, i);
		tail = &(*tail)->next;
	}
	nbl_bind_send(b, 0, head, 0);
	nbl_bind_poll(b, 0);
	ck_assert_int_eq(nbl_bind_stats_get(b, 0, &s), 0);
	ck_assert_uint_eq(s.sent, 7);
	ck_assert_uint_eq(s.failed[NBL_BIND_FAIL_RESOURCES], 13);
	ck_assert_uint_eq(C.n, 20);
	ck_assert_uint_eq(drain(port_small, NULL, 0), 7);
	bind_end(b);
}
END_TEST

START_TEST(test_fire_and_forget)
{
	struct nbl_bind_conf c;
	struct nbl_pool_stats ps;
	struct nbl_bind *b;
	struct nbl_bind_txq *q;
	struct nbl_list *v[32];
	unsigned int i;

	conf_default(&c, "ff");
	b = bind_running(port_null, &c);
	q = nbl_bind_txq(b, 0);
	ck_assert_ptr_nonnull(q);
	ck_assert_ptr_null(nbl_bind_txq(b, 1));
	for (i = 0; i < 10; i++) {
		ck_assert_int_eq(nbl_list_alloc_bulk(nbl_bind_pool(b), v, 32, 0,
						     0), 0);
		ck_assert_uint_eq(nbl_bind_send_ff(q, v, 32), 32);
	}
	ck_assert_uint_eq(q->stats.ff_sent, 320);
	ck_assert_uint_eq(q->stats.packets, 320);
	nbl_list_pool_stats_get(nbl_bind_pool(b), &ps);
	ck_assert_uint_eq(ps.handoffs, 320);
	ck_assert_uint_eq(ps.outstanding, 0);
	bind_end(b);

	/* a full ring: the rest goes back to the pool, counted */
	conf_default(&c, "ffring");
	b = bind_running(port_small, &c);
	q = nbl_bind_txq(b, 0);
	ck_assert_int_eq(nbl_list_alloc_bulk(nbl_bind_pool(b), v, 32, 0, 0), 0);
	for (i = 0; i < 32; i++) {
		v[i]->first_nb->data_length = 60;
		build_frame(tn_data(v[i]), 60, &other_mac, i);
	}
	ck_assert_uint_eq(nbl_bind_send_ff(q, v, 32), 15);
	ck_assert_uint_eq(q->stats.ff_dropped, 17);
	nbl_list_pool_stats_get(nbl_bind_pool(b), &ps);
	ck_assert_uint_eq(ps.outstanding, 0);
	ck_assert_uint_eq(ps.avail, ps.size - 15);
	/* the ring port loops TX queue 0 into its RX queue 0, which nobody
	 * reads: close drains the binding's RX queue and finds every pool
	 * full (it used to refuse with -EBUSY until the test read them) */
	ck_assert_uint_eq(rte_ring_count(small_rings[0]), 15);
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	ck_assert_int_eq(nbl_bind_close(b), 0);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_UNBOUND);
	ck_assert_uint_eq(rte_ring_count(small_rings[0]), 0);
	live_del(b);
	ck_assert_int_eq(nbl_bind_free(b), 0);
}
END_TEST

/* ------------------------------------------------------------------ */
/* obj_init: the protocol pool's template hook                          */
/* ------------------------------------------------------------------ */

static struct {
	unsigned int calls;
	unsigned int bad_offset;
	const struct nbl_list_pool *pool; /* pool of the last call */
} oi;

static void
oi_write(struct nbl_list *nbl, void *arg)
{
	struct nbl_buf *nb = nbl->first_nb;

	oi.calls++;
	oi.pool = nbl->pool;
	if (nb->data_offset != nbl->pool->init_offset)
		oi.bad_offset++;
	memcpy((uint8_t *)nb->chain->va + nb->data_offset, arg, 60);
}

/* conf.frame_len: the pool's NBLs start with that DataLength (the
 * template's), a restart that re-creates the pool keeps it; above the
 * largest frame, open refuses it and leaves nothing behind. */
START_TEST(test_frame_len)
{
	struct nbl_bind_conf c, c2;
	struct nbl_list *nbls[4];
	struct nbl_bind_stats s;
	struct nbl_bind *b;
	unsigned int i;

	conf_default(&c, "framelen");
	c.frame_len = 60;
	b = bind_running(port_null, &c);
	ck_assert_int_eq(nbl_list_alloc_bulk(nbl_bind_pool(b), nbls, 4, 0, 0),
			 0);
	for (i = 0; i < 4; i++) {
		ck_assert_uint_eq(nbls[i]->first_nb->data_length, 60);
		ck_assert_uint_eq(nbls[i]->first_nb->data_offset,
				  RTE_PKTMBUF_HEADROOM);
	}
	/* as they are: 60-byte frames */
	ck_assert_uint_eq(nbl_bind_send_ff(nbl_bind_txq(b, 0), nbls, 4), 4);
	ck_assert_int_eq(nbl_bind_stats_get(b, 0, &s), 0);
	ck_assert_uint_eq(s.bytes, 240);
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	c2 = c;
	c2.encap_len = 50;
	c2.encap_what = "VXLAN over IPv4";
	c2.frame_len = 0; /* ignored by restart */
	ck_assert_int_eq(nbl_bind_restart(b, &c2), 0);
	ck_assert_int_eq(nbl_list_alloc_bulk(nbl_bind_pool(b), nbls, 1, 0, 0),
			 0);
	ck_assert_uint_eq(nbls[0]->first_nb->data_length, 60);
	ck_assert_uint_eq(nbls[0]->first_nb->data_offset,
			  RTE_PKTMBUF_HEADROOM + 50);
	nbl_list_free_bulk(nbl_bind_pool(b), nbls, 1);
	bind_end(b);

	conf_default(&c, "framelen2");
	c.frame_len = 1515; /* net_null: MTU 1500, largest frame 1514 */
	b = nbl_bind_create(port_null, &c);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(nbl_bind_open(b), -EINVAL);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_UNBOUND);
	ck_assert_ptr_null(nbl_bind_pool(b));
	ck_assert_int_eq(nbl_bind_free(b), 0);
}
END_TEST

START_TEST(test_obj_init_template)
{
	struct nbl_bind_conf c, c2;
	struct nbl_bind_reqs r;
	struct nbl_list_pool *p1;
	struct nbl_bind *b;
	struct nbl_list *nbl;
	uint8_t want[60];

	memset(&oi, 0, sizeof(oi));
	build_frame(want, 60, &other_mac, 42);
	conf_default(&c, "objinit");
	c.obj_init = oi_write;
	c.obj_init_arg = want;
	b = bind_running(port_null, &c);
	p1 = nbl_bind_pool(b);
	/* once per object of the protocol pool, at open */
	ck_assert_ptr_eq(oi.pool, p1);
	ck_assert_uint_eq(oi.calls, p1->count);
	ck_assert_uint_eq(p1->count, 1023);
	ck_assert_uint_eq(oi.bad_offset, 0);
	nbl = nbl_list_alloc(p1, 0, 0);
	ck_assert_ptr_nonnull(nbl);
	ck_assert_uint_eq(nbl->first_nb->data_offset, RTE_PKTMBUF_HEADROOM);
	ck_assert_mem_eq(tn_data(nbl), want, 60);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	/* a restart that keeps the pools does not call it */
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	ck_assert_int_eq(nbl_bind_restart(b, NULL), 0);
	ck_assert_uint_eq(oi.calls, 1023);
	/* a restart that grows the back-fill re-creates the pool: applied
	 * again (a restart conf's obj_init is ignored), bytes at the new
	 * init_offset */
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	c2 = c;
	c2.encap_len = 50;
	c2.encap_what = "VXLAN over IPv4";
	c2.obj_init = NULL;
	c2.obj_init_arg = NULL;
	ck_assert_int_eq(nbl_bind_restart(b, &c2), 0);
	ck_assert_int_eq(nbl_bind_reqs_get(b, &r), 0);
	ck_assert_uint_eq(r.data_backfill, RTE_PKTMBUF_HEADROOM + 50);
	ck_assert_ptr_ne(nbl_bind_pool(b), p1);
	ck_assert_ptr_eq(oi.pool, nbl_bind_pool(b));
	ck_assert_uint_eq(oi.calls, 1023 + nbl_bind_pool(b)->count);
	ck_assert_uint_eq(oi.bad_offset, 0);
	nbl = nbl_list_alloc(nbl_bind_pool(b), 0, 0);
	ck_assert_ptr_nonnull(nbl);
	ck_assert_uint_eq(nbl->first_nb->data_offset,
			  RTE_PKTMBUF_HEADROOM + 50);
	ck_assert_mem_eq(tn_data(nbl), want, 60);
	ck_assert_int_eq(nbl_list_free(nbl), 0);
	/* the template burst sends it as written */
	ck_assert_uint_eq(nbl_bind_send_ff_template(nbl_bind_txq(b, 0),
						    nbl_bind_pool(b), 8, 60), 8);
	bind_end(b);
}
END_TEST

/* Write the template frame into every buffer of the pool, once. */
static void
template_write(struct rte_mempool *mp, void *arg, void *obj, unsigned int idx)
{
	struct nbl_list_pool *pool = arg;
	struct nbl_list *nbl = nbl_list_of_obj(pool, obj);

	(void)mp;
	(void)idx;
	build_frame((uint8_t *)nbl_list_embedded_mdl(nbl)->va + pool->init_offset,
		    60, &other_mac, 7);
}

/* The template burst: no NBL reset, the PMD frees into the pool; a full
 * ring takes what fits, the rest goes back counted; bytes as written. */
START_TEST(test_fire_and_forget_template)
{
	static struct rxf out[16];
	struct nbl_bind_conf c;
	struct nbl_pool_stats ps;
	struct nbl_list_pool *pool;
	struct nbl_bind *b;
	struct nbl_bind_txq *q;
	uint8_t want[60];
	unsigned int i;

	build_frame(want, 60, &other_mac, 7);
	conf_default(&c, "fft");
	b = bind_running(port_null, &c);
	q = nbl_bind_txq(b, 0);
	for (i = 0; i < 10; i++)
		ck_assert_uint_eq(nbl_bind_send_ff_template(q, nbl_bind_pool(b),
							    32, 60), 32);
	ck_assert_uint_eq(q->stats.ff_sent, 320);
	ck_assert_uint_eq(q->stats.bytes, 320 * 60);
	nbl_list_pool_stats_get(nbl_bind_pool(b), &ps);
	ck_assert_uint_eq(ps.allocs, 320);
	ck_assert_uint_eq(ps.handoffs, 320);
	ck_assert_uint_eq(ps.outstanding, 0);
	ck_assert_uint_eq(ps.avail, ps.size);
	bind_end(b);

	conf_default(&c, "fftring");
	b = bind_running(port_small, &c);
	q = nbl_bind_txq(b, 0);
	pool = nbl_bind_pool(b);
	rte_mempool_obj_iter(pool->mp, template_write, pool);
	ck_assert_uint_eq(nbl_bind_send_ff_template(q, pool, 32, 60), 15);
	ck_assert_uint_eq(q->stats.ff_dropped, 17);
	nbl_list_pool_stats_get(pool, &ps);
	ck_assert_uint_eq(ps.outstanding, 0);
	ck_assert_uint_eq(ps.frees, 17);
	ck_assert_uint_eq(drain(port_small, out, RTE_DIM(out)), 15);
	for (i = 0; i < 15; i++) {
		ck_assert_uint_eq(out[i].len, 60);
		ck_assert_mem_eq(out[i].b, want, 60);
	}
	/* not Running: nothing taken, all counted as dropped */
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	ck_assert_uint_eq(nbl_bind_send_ff_template(q, pool, 8, 60), 0);
	ck_assert_uint_eq(q->stats.ff_dropped, 25);
	ck_assert_int_eq(nbl_bind_close(b), 0);
	ck_assert_int_eq(nbl_bind_free(b), 0);
}
END_TEST

void
bind_pools_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_pool_exhaustion);
	tcase_add_test(tc, test_copy_pool_exhaustion_full_ring);
	tcase_add_test(tc, test_fire_and_forget);
	tcase_add_test(tc, test_fire_and_forget_template);
	tcase_add_test(tc, test_obj_init_template);
	tcase_add_test(tc, test_frame_len);
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Binding states and requirements ('bind' suite, TCase "states"): valid
 * and invalid transitions, an open that cannot make its pools, sends while
 * Unbound, the requirements computed from a port and the status mapping.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>

#include "test_bind.h"

/* ------------------------------------------------------------------ */
/* States                                                              */
/* ------------------------------------------------------------------ */

START_TEST(test_states_valid)
{
	struct nbl_bind_conf c;
	struct nbl_bind *b;

	conf_default(&c, "states");
	b = nbl_bind_create(port_null, &c);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_UNBOUND);
	ck_assert_ptr_null(nbl_bind_pool(b));
	ck_assert_int_eq(nbl_bind_open(b), 0);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_PAUSED);
	ck_assert_ptr_nonnull(nbl_bind_pool(b));
	ck_assert_uint_eq(nbl_bind_nb_queues(b), 1);
	ck_assert_int_eq(nbl_bind_restart(b, NULL), 0);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_RUNNING);
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_PAUSED);
	ck_assert_int_eq(nbl_bind_restart(b, NULL), 0);
	ck_assert_int_eq(nbl_bind_pause(b), 0);
	ck_assert_int_eq(nbl_bind_close(b), 0);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_UNBOUND);
	ck_assert_ptr_null(nbl_bind_pool(b));
	/* bind again after unbind */
	ck_assert_int_eq(nbl_bind_open(b), 0);
	ck_assert_int_eq(nbl_bind_close(b), 0);
	ck_assert_int_eq(nbl_bind_free(b), 0);
	ck_assert_str_eq(nbl_bind_state_name(NBL_BIND_PAUSING), "Pausing");
	ck_assert_str_eq(nbl_bind_state_name(NBL_BIND_STATE_MAX), "?");
}
END_TEST

START_TEST(test_states_invalid)
{
	struct nbl_bind_conf c, bad;
	struct nbl_bind *b;
	struct nbl_list *nbl;

	conf_default(&c, "invalid");
	bad = c;
	bad.send_complete = NULL;
	ck_assert_ptr_null(nbl_bind_create(port_null, &bad));
	ck_assert_int_eq(rte_errno, EINVAL);
	bad = c;
	bad.vlan_tags = 3;
	ck_assert_ptr_null(nbl_bind_create(port_null, &bad));
	bad = c;
	bad.nb_tx_queues = 200;
	ck_assert_ptr_null(nbl_bind_create(port_null, &bad));
	bad = c;
	bad.encap_len = NBL_BIND_ENCAP_MAX + 1;
	ck_assert_ptr_null(nbl_bind_create(port_null, &bad));
	ck_assert_ptr_null(nbl_bind_create(RTE_MAX_ETHPORTS, &c));
	ck_assert_ptr_null(nbl_bind_create(port_null, NULL));

	b = nbl_bind_create(port_null, &c);
	ck_assert_ptr_nonnull(b);
	/* Unbound: only open */
	ck_assert_int_eq(nbl_bind_restart(b, NULL), -EINVAL);
	ck_assert_int_eq(nbl_bind_pause(b), -EINVAL);
	ck_assert_int_eq(nbl_bind_close(b), -EINVAL);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_UNBOUND);
	ck_assert_ptr_null(nbl_bind_txq(b, 0));
	/* Paused: restart or close */
	ck_assert_int_eq(nbl_bind_open(b), 0);
	ck_assert_int_eq(nbl_bind_open(b), -EINVAL);
	ck_assert_int_eq(nbl_bind_pause(b), -EINVAL);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_PAUSED);
	/* a bad new configuration changes nothing */
	bad = c;
	bad.vlan_tags = 7;
	ck_assert_int_eq(nbl_bind_restart(b, &bad), -EINVAL);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_PAUSED);
	/* Running: only pause */
	ck_assert_int_eq(nbl_bind_restart(b, NULL), 0);
	ck_assert_int_eq(nbl_bind_open(b), -EINVAL);
	ck_assert_int_eq(nbl_bind_restart(b, NULL), -EINVAL);
	ck_assert_int_eq(nbl_bind_close(b), -EINVAL);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_RUNNING);
	/* a send still works: nothing changed */
	nbl = tn_frame(b, 60, &other_mac, 1);
	nbl_bind_send(b, 0, nbl, 0);
	wait_done(b, 0, 1);
	ck_assert_int_eq(C.st[0], NBL_STATUS_SUCCESS);
	bind_end(b);
}
END_TEST

/* Opening -> Unbound when the pools cannot be made: nothing left. */
START_TEST(test_states_open_fails)
{
	struct nbl_bind_conf c;
	struct nbl_bind *b;

	conf_default(&c, "openfail");
	c.pool_count = 1u << 22; /* 4M NBLs of 1.6 KiB: more than -m 512 */
	b = nbl_bind_create(port_null, &c);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(nbl_bind_open(b), -ENOMEM);
	ck_assert_int_eq(nbl_bind_state_get(b), NBL_BIND_UNBOUND);
	ck_assert_ptr_null(nbl_bind_pool(b));
	ck_assert_uint_eq(nbl_bind_nb_queues(b), 0);
	ck_assert_uint_eq(nbl_leak_check(stderr), 0);
	ck_assert_int_eq(nbl_bind_free(b), 0);
}
END_TEST

/* Sends while Unbound complete with PAUSED, delivered by poll or free. */
START_TEST(test_send_unbound)
{
	struct nbl_bind_conf c;
	struct nbl_bind *b, *b2;
	struct nbl_list *nbl;

	conf_default(&c, "unbound");
	b2 = bind_running(port_ring, &c);
	b = nbl_bind_create(port_null, &c);
	ck_assert_ptr_nonnull(b);
	nbl = tn_frame(b2, 60, &other_mac, 1);
	nbl_bind_send(b, 0, nbl, 0);
	ck_assert_uint_eq(nbl_bind_outstanding(b), 1);
	nbl_bind_poll(b, 0);
	ck_assert_uint_eq(C.n, 1);
	ck_assert_int_eq(C.st[0], NBL_STATUS_PAUSED);
	ck_assert_ptr_eq(C.nbl[0], nbl);
	ck_assert_int_eq(nbl_bind_free(b), 0);
	bind_end(b2);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Requirements                                                        */
/* ------------------------------------------------------------------ */

START_TEST(test_reqs_compute)
{
	struct nbl_bind_conf c;
	struct nbl_bind_reqs r;
	struct nbl_bind *b;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	conf_default(&c, "reqs");
	c.pool_count = 0;
	ck_assert_int_eq(nbl_bind_reqs_compute(port_null, &c, &r), 0);
	ck_assert_str_eq(r.driver, "net_null");
	ck_assert_uint_eq(r.data_backfill, RTE_PKTMBUF_HEADROOM);
	ck_assert_uint_eq(r.context_backfill, 0);
	ck_assert_uint_eq(r.max_frame, 1514);
	ck_assert_uint_eq(r.data_size, RTE_PKTMBUF_HEADROOM + 1514);
	ck_assert(r.zero_copy); /* net_null frees in tx_burst */
	ck_assert_uint_eq((r.pool_count + 1) & r.pool_count, 0); /* 2^k-1 */
	ck_assert_uint_ge(r.pool_count, (uint32_t)r.nb_tx_desc + r.backlog +
			  r.burst);
	ck_assert_ptr_nonnull(strstr(r.why_data, "RTE_PKTMBUF_HEADROOM"));

	/* net_null has no VLAN insert offload: the tags go in back-fill */
	c.vlan_tags = 1;
	ck_assert_int_eq(nbl_bind_reqs_compute(port_null, &c, &r), 0);
	ck_assert_uint_eq(r.data_backfill, RTE_PKTMBUF_HEADROOM + 4);
	ck_assert_uint_eq(r.max_frame, 1518);
	ck_assert_ptr_nonnull(strstr(r.why_data, "no VLAN insert offload"));
	c.vlan_tags = 2;
	/* a layer above that prepends VXLAN over IPv4 (50 bytes) and one
	 * MPLS label (4): the binding takes the length it is told */
	c.encap_len = 54;
	c.encap_what = "VXLAN over IPv4 and an MPLS label";
	c.layers = NBL_BIND_LAYER_MEASURE;
	c.ctx_size = 32;
	c.mtu = 9000;
	c.nb_tx_queues = 2;
	ck_assert_int_eq(nbl_bind_reqs_compute(port_null, &c, &r), 0);
	ck_assert_uint_eq(r.data_backfill, RTE_PKTMBUF_HEADROOM + 8 + 50 + 4);
	ck_assert_uint_eq(r.context_backfill, 16);
	ck_assert_uint_eq(r.context_size, 48);
	ck_assert_uint_eq(r.max_frame, 14 + 8 + 9000);
	ck_assert_uint_eq(r.nb_tx_queues, 2);
	ck_assert_ptr_nonnull(strstr(r.why_data, "VXLAN"));
	ck_assert_ptr_nonnull(strstr(r.why_ctx, "measurement"));
	/* each reason ends in its own field's value */
	ck_assert_ptr_nonnull(strstr(r.why_ctx, "= 16"));
	ck_assert_ptr_nonnull(strstr(r.why_ctx_size, "ContextBackFillSize 16"));
	ck_assert_ptr_nonnull(strstr(r.why_ctx_size, "own 32"));
	ck_assert_ptr_nonnull(strstr(r.why_ctx_size, "= 48"));
	/* a ring port keeps the mbufs: copy unless forced */
	conf_default(&c, "reqs");
	ck_assert_int_eq(nbl_bind_reqs_compute(port_ring, &c, &r), 0);
	ck_assert(!r.zero_copy);
	c.zero_copy = NBL_BIND_ZC_FORCE;
	ck_assert_int_eq(nbl_bind_reqs_compute(port_ring, &c, &r), 0);
	ck_assert(r.zero_copy);
	/* DataSize above the mbuf limit */
	c.mtu = 16000;
	c.encap_len = 146;
	ck_assert_int_eq(nbl_bind_reqs_compute(port_null, &c, &r), 0);
	c.mtu = 65500;
	ck_assert_int_eq(nbl_bind_reqs_compute(port_null, &c, &r), -EINVAL);

	/* verbose open prints them; the API exposes them */
	conf_default(&c, "verbose");
	c.layers = NBL_BIND_LAYER_MEASURE;
	f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	c.verbose = true;
	c.log = f;
	b = nbl_bind_create(port_null, &c);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(nbl_bind_reqs_get(b, &r), -EINVAL);
	ck_assert_int_eq(nbl_bind_open(b), 0);
	ck_assert_int_eq(nbl_bind_reqs_get(b, &r), 0);
	ck_assert_uint_eq(r.context_backfill, 16);
	ck_assert_uint_eq(nbl_bind_pool(b)->data_size, r.data_size);
	ck_assert_uint_eq(nbl_bind_pool(b)->init_offset, r.data_backfill);
	ck_assert_uint_ge(nbl_bind_pool(b)->ctx_size, r.context_size);
	ck_assert_int_eq(nbl_bind_close(b), 0);
	ck_assert_int_eq(nbl_bind_free(b), 0);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(buf, "DataBackFillSize"));
	ck_assert_ptr_nonnull(strstr(buf, "ContextBackFillSize"));
	/* value and reason agree: 16 for the layers, then the pool's
	 * ContextSize with the protocol's own bytes (none here) */
	ck_assert_ptr_nonnull(strstr(buf,
		"  ContextBackFillSize    16  measurement layer: TSC timestamp 8 + sequence 8 = 16\n"));
	ck_assert_ptr_nonnull(strstr(buf,
		"  ContextSize            16  ContextBackFillSize 16 + the protocol's own 0, rounded up to a multiple of 16 = 16\n"));
	ck_assert_ptr_nonnull(strstr(buf, "  RX pool "));
	ck_assert_ptr_nonnull(strstr(buf, "Paused"));
	free(buf);
}
END_TEST

START_TEST(test_status_mapping)
{
	ck_assert_int_eq(nbl_bind_status_from_errno(-EINVAL),
			 NBL_STATUS_INVALID_LENGTH);
	ck_assert_int_eq(nbl_bind_status_from_errno(-ENOTSUP),
			 NBL_STATUS_FAILURE);
	ck_assert_int_eq(nbl_bind_status_from_errno(ENOBUFS),
			 NBL_STATUS_RESOURCES);
	ck_assert_int_eq(nbl_bind_status_from_errno(0), NBL_STATUS_SUCCESS);
	ck_assert_str_eq(nbl_bind_status_name(NBL_STATUS_PAUSED), "PAUSED");
	ck_assert_str_eq(nbl_bind_status_name(12345), "?");
	ck_assert_uint_eq(nbl_8021q_to_tci(nbl_8021q_info(5, 1, 100)),
			  (5u << 13) | (1u << 12) | 100);
}
END_TEST

void
bind_states_add_tests(TCase *tc)
{
	tcase_add_test(tc, test_states_valid);
	tcase_add_test(tc, test_states_invalid);
	tcase_add_test(tc, test_states_open_fails);
	tcase_add_test(tc, test_send_unbound);
	tcase_add_test(tc, test_reqs_compute);
	tcase_add_test(tc, test_status_mapping);
}

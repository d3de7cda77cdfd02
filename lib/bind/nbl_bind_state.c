/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/*
 * Binding objects and the NDIS binding state machine: create/free, open
 * (bind), restart, pause, close (unbind).
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_malloc.h>

#include "nbl_bind_private.h"

/* Keep the name: conf.name points into the binding. */
struct bind_with_name {
	struct nbl_bind b;
	char name[32];
};

static FILE *
vout(const struct nbl_bind *b)
{
	return b->conf.log != NULL ? b->conf.log : stdout;
}

static void
verbose_state(const struct nbl_bind *b, const char *what)
{
	if (b->conf.verbose)
		fprintf(vout(b), "%s: port %u: %s -> %s\n", b->conf.name,
			b->port_id, what,
			nbl_bind_state_name((enum nbl_bind_state)bind_state(b)));
}

static bool
state_move(struct nbl_bind *b, enum nbl_bind_state from,
	   enum nbl_bind_state to)
{
	uint32_t f = (uint32_t)from;

	return __atomic_compare_exchange_n(&b->state, &f, (uint32_t)to, false,
					   __ATOMIC_ACQ_REL,
					   __ATOMIC_ACQUIRE);
}

struct nbl_bind *
nbl_bind_create(uint16_t port_id, const struct nbl_bind_conf *conf)
{
	struct rte_eth_dev_info di;
	struct bind_with_name *bn;
	struct nbl_bind *b;
	struct nbl_bind_conf c;
	uint16_t i;

	if (conf == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	c = *conf;
	bind_conf_defaults(&c);
	if (bind_conf_check(port_id, &c) != 0 ||
	    rte_eth_dev_info_get(port_id, &di) != 0) {
		rte_errno = EINVAL;
		return NULL;
	}
	bn = rte_zmalloc("nbl_bind", sizeof(*bn), RTE_CACHE_LINE_SIZE);
	if (bn == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	b = &bn->b;
	snprintf(bn->name, sizeof(bn->name), "%s", c.name);
	c.name = bn->name;
	b->conf = c;
	b->port_id = port_id;
	b->nb_q_alloc = RTE_MIN(di.max_tx_queues, BIND_MAX_QUEUES);
	if (b->nb_q_alloc == 0)
		b->nb_q_alloc = 1;
	b->q = rte_zmalloc("nbl_bind_q", sizeof(*b->q) * b->nb_q_alloc,
			   RTE_CACHE_LINE_SIZE);
	if (b->q == NULL) {
		rte_free(bn);
		rte_errno = ENOMEM;
		return NULL;
	}
	for (i = 0; i < b->nb_q_alloc; i++) {
		struct bind_queue *q = &b->q[i];

		q->pub.bind = b;
		q->pub.state = &b->state;
		q->pub.port_id = port_id;
		q->pub.queue_id = i;
		q->pub.tx_retries = c.tx_retries;
		q->done_tail = &q->done;
		q->lb_tail = &q->lb;
	}
	bind_state_set(b, NBL_BIND_UNBOUND);
	return b;
}

/* Deliver what the queues hold (completions of refused sends). */
static void
deliver_all(struct nbl_bind *b)
{
	uint16_t i;

	for (i = 0; i < b->nb_q_alloc; i++)
		nbl_bind_poll(b, i);
}

int
nbl_bind_free(struct nbl_bind *b)
{
	int ret;

	if (b == NULL)
		return 0;
	switch (bind_state(b)) {
	case NBL_BIND_RUNNING:
	case NBL_BIND_PAUSING:
		ret = nbl_bind_pause(b);
		if (ret != 0)
			return ret;
		/* fall through */
	case NBL_BIND_PAUSED:
	case NBL_BIND_CLOSING:
		ret = nbl_bind_close(b);
		if (ret != 0)
			return ret;
		break;
	case NBL_BIND_UNBOUND:
		break;
	default: /* Opening/Restarting: another thread is in a control call */
		return -EBUSY;
	}
	deliver_all(b);
	if (nbl_bind_outstanding(b) != 0)
		return -EBUSY;
	rte_free(b->q);
	rte_free(b);
	return 0;
}

/* Zero copy for this port?  Policy, driver table, cleanup probe. */
static void
decide_zc(struct nbl_bind *b, struct nbl_bind_reqs *r)
{
	r->cleanup = b->cleanup;
	if (b->conf.zero_copy == NBL_BIND_ZC_AUTO && !r->zero_copy &&
	    b->cleanup) {
		r->zero_copy = true;
		snprintf(r->why_copy, sizeof(r->why_copy),
			 "zero copy: rte_eth_tx_done_cleanup works on this port; copy pool %u mbufs",
			 r->copy_count);
	}
	b->zc = r->zero_copy;
	/* the return pools complete only frames the PMD frees inside
	 * tx_burst; others (ring, cleanup) keep the reference hold */
	r->zc_return = r->zero_copy && bind_driver_frees_on_tx(r->driver);
	b->zc_ret = r->zc_return;
}

static uint32_t
inflight_slots(const struct nbl_bind_reqs *r)
{
	return (uint32_t)r->nb_tx_desc + r->backlog + r->burst;
}

int
nbl_bind_open(struct nbl_bind *b)
{
	struct nbl_bind_reqs r;
	int ret;

	if (b == NULL || !state_move(b, NBL_BIND_UNBOUND, NBL_BIND_OPENING))
		return -EINVAL;
	verbose_state(b, "open");
	b->port_closed = false;
	ret = nbl_bind_reqs_compute(b->port_id, &b->conf, &r);
	if (ret != 0)
		goto fail;
	ret = bind_pools_create(b, &r, &b->pool, &b->copy_mp, &b->lb_pool);
	if (ret != 0)
		goto fail;
	ret = bind_rx_pool_create(b, &r, &b->rx_mp);
	if (ret != 0)
		goto fail;
	ret = bind_port_setup(b, &r);
	if (ret != 0)
		goto fail;
	decide_zc(b, &r);
	b->reqs = r;
	ret = bind_queues_setup(b, r.nb_tx_queues, r.backlog,
				inflight_slots(&r));
	if (ret != 0)
		goto fail;
	if (b->conf.verbose) {
		fprintf(vout(b), "%s: port %u (%s) ", b->conf.name, b->port_id,
			r.driver);
		nbl_bind_reqs_print(&r, vout(b));
	}
	bind_state_set(b, NBL_BIND_PAUSED);
	verbose_state(b, "opened");
	return 0;
fail:
	bind_port_stop(b);
	bind_queues_release(b);
	bind_pools_free(b);
	if (bind_rx_pools_free(b) != 0) {
		/* an RX queue set up before the failure holds RX buffers */
		b->reqs = r;
		bind_port_release_rx(b);
		if (bind_rx_pools_free(b) != 0)
			bind_pools_report(b);
	}
	memset(&b->reqs, 0, sizeof(b->reqs));
	bind_state_set(b, NBL_BIND_UNBOUND);
	BIND_LOG(ERR, b, "open of port %u failed: %s", b->port_id,
		 rte_strerror(-ret));
	return ret;
}

int
nbl_bind_pause(struct nbl_bind *b)
{
	uint64_t deadline;
	uint16_t i;

	if (b == NULL)
		return -EINVAL;
	if (!state_move(b, NBL_BIND_RUNNING, NBL_BIND_PAUSING) &&
	    bind_state(b) != NBL_BIND_PAUSING)
		return -EINVAL;
	verbose_state(b, "pause");
	deadline = bind_now_ms() + b->conf.pause_timeout_ms;
	for (;;) {
		for (i = 0; i < b->nb_q_alloc; i++)
			nbl_bind_poll(b, i);
		/* Paused once every send has completed; sends that other
		 * threads make meanwhile complete at once with PAUSED and
		 * are delivered by their next poll. */
		if (bind_unfinished(b) == 0)
			break;
		if (bind_now_ms() >= deadline) {
			BIND_LOG(WARNING, b, "pause: %" PRIu64 " NBLs still outstanding after %u ms",
				 bind_unfinished(b),
				 b->conf.pause_timeout_ms);
			return -ETIMEDOUT;
		}
		rte_delay_us_sleep(100);
	}
	bind_state_set(b, NBL_BIND_PAUSED);
	verbose_state(b, "paused");
	return 0;
}

/*
 * While the port is started: let the PMD give back what it was sent
 * (tx_done_cleanup where it works) and drain the binding's RX queues
 * (frames looped into the port's own RX ring, frames received), until the
 * send pools are full, the protocol is found holding NBLs, or
 * pause_timeout_ms passed.
 */
static void
close_wait(struct nbl_bind *b)
{
	uint64_t deadline = bind_now_ms() + b->conf.pause_timeout_ms;

	for (;;) {
		bind_rx_drain(b);
		if (bind_pools_idle(b, 0) || bind_protocol_holds(b) ||
		    bind_now_ms() >= deadline)
			return;
		rte_delay_us_sleep(200);
	}
}

int
nbl_bind_close(struct nbl_bind *b)
{
	struct nbl_pool_stats st;
	int ret;

	if (b == NULL)
		return -EINVAL;
	if (!state_move(b, NBL_BIND_PAUSED, NBL_BIND_CLOSING) &&
	    bind_state(b) != NBL_BIND_CLOSING)
		return -EINVAL;
	verbose_state(b, "close");
	deliver_all(b);
	if (b->port_started) {
		close_wait(b);
		if (bind_protocol_holds(b)) {
			/* only the protocol can help: the port keeps running */
			nbl_list_pool_stats_get(b->pool, &st);
			BIND_LOG(ERR, b, "close: the protocol still holds %" PRIu64 " NBLs of pool %s; port %u left running, still Closing",
				 st.outstanding, b->pool->name, b->port_id);
			return -EBUSY;
		}
	}
	bind_port_stop(b);
	/* PMDs give back the mbufs of their RX rings (and what their TX
	 * rings still hold) when the queues are released: close the port,
	 * or release its RX queues when we keep it, before the check. */
	if (!b->conf.keep_port && !b->port_closed) {
		bind_queues_release(b);
		ret = rte_eth_dev_close(b->port_id);
		if (ret != 0)
			BIND_LOG(WARNING, b, "port %u: close: %s", b->port_id,
				 rte_strerror(-ret));
		b->port_closed = true;
	} else if (b->conf.keep_port && bind_rx_pools_free(b) != 0) {
		bind_port_release_rx(b);
	}
	if (!bind_pools_idle(b, 0) || bind_rx_pools_free(b) != 0) {
		bind_pools_report(b);
		BIND_LOG(ERR, b, "close: pools not full after port %u was %s; pools kept, still Closing",
			 b->port_id, b->port_closed ? "closed" : "stopped");
		return -EBUSY;
	}
	bind_queues_release(b);
	ret = bind_pools_free(b);
	if (ret != 0)
		return ret;
	memset(&b->reqs, 0, sizeof(b->reqs));
	b->zc = false;
	b->zc_ret = false;
	b->cleanup = false;
	bind_state_set(b, NBL_BIND_UNBOUND);
	verbose_state(b, "closed, every pool full");
	return 0;
}

/* Do the new requirements need bigger pools than the current ones? */
static bool
pools_too_small(const struct nbl_bind_reqs *o, const struct nbl_bind_reqs *n,
		bool lb_missing)
{
	return n->data_backfill > o->data_backfill ||
		n->data_size > o->data_size ||
		n->max_frame > o->max_frame ||
		n->context_size > o->context_size ||
		n->pool_count > o->pool_count ||
		n->copy_count > o->copy_count || lb_missing;
}

static bool
port_differs(const struct nbl_bind_reqs *o, const struct nbl_bind_reqs *n)
{
	return n->nb_tx_queues != o->nb_tx_queues ||
		n->nb_tx_desc != o->nb_tx_desc || n->mtu != o->mtu ||
		n->tx_offloads != o->tx_offloads ||
		n->backlog != o->backlog || n->burst != o->burst;
}

int
nbl_bind_restart(struct nbl_bind *b, const struct nbl_bind_conf *conf)
{
	struct nbl_list_pool *np, *nl;
	struct rte_mempool *nc, *nrx;
	struct nbl_bind_conf c, oldc;
	struct nbl_bind_reqs r, old;
	struct nbl_pool_stats st;
	bool grow, reconf;
	int ret;

	if (b == NULL)
		return -EINVAL;
	if (conf != NULL) {
		c = *conf;
		c.name = b->conf.name;
		c.send_complete = b->conf.send_complete;
		c.receive = b->conf.receive;
		c.ctx = b->conf.ctx;
		c.obj_init = b->conf.obj_init;
		c.obj_init_arg = b->conf.obj_init_arg;
		c.frame_len = b->conf.frame_len;
		bind_conf_defaults(&c);
		if (bind_conf_check(b->port_id, &c) != 0)
			return -EINVAL;
	} else {
		c = b->conf;
	}
	if (!state_move(b, NBL_BIND_PAUSED, NBL_BIND_RESTARTING))
		return -EINVAL;
	verbose_state(b, "restart");
	old = b->reqs;
	oldc = b->conf;
	ret = nbl_bind_reqs_compute(b->port_id, &c, &r);
	if (ret != 0)
		goto back_paused;
	grow = pools_too_small(&old, &r, c.receive != NULL &&
			       b->lb_pool == NULL);
	reconf = grow || port_differs(&old, &r);
	if (grow) {
		nbl_list_pool_stats_get(b->pool, &st);
		if (st.outstanding != 0) {
			BIND_LOG(ERR, b, "restart: pools must grow but the protocol holds %" PRIu64 " NBLs",
				 st.outstanding);
			ret = -EBUSY;
			goto back_paused;
		}
		if (!bind_pools_idle(b, c.pause_timeout_ms)) {
			ret = -EBUSY;
			goto back_paused;
		}
	}
	if (reconf) {
		bind_port_stop(b);
		if (grow) {
			b->conf = c;
			ret = bind_pools_create(b, &r, &np, &nc, &nl);
			if (ret != 0)
				goto restore;
			bind_queues_release(b);
			ret = bind_pools_free(b);
			if (ret != 0) {
				nbl_list_pool_free(nl);
				rte_mempool_free(nc);
				nbl_list_pool_free(np);
				goto restore;
			}
			b->pool = np;
			b->copy_mp = nc;
			b->lb_pool = nl;
		}
		/* a bigger RX pool: the old one is freed once the RX queue
		 * set up again on the new one gave its buffers back */
		if ((r.rx_count > old.rx_count || r.rx_room > old.rx_room) &&
		    b->rx_mp_old == NULL) {
			ret = bind_rx_pool_create(b, &r, &nrx);
			if (ret != 0)
				goto restore;
			b->rx_mp_old = b->rx_mp;
			b->rx_mp = nrx;
		}
		ret = bind_port_setup(b, &r);
		if (ret != 0)
			goto restore;
		if (b->rx_mp_old != NULL &&
		    rte_mempool_avail_count(b->rx_mp_old) ==
		    b->rx_mp_old->size) {
			rte_mempool_free(b->rx_mp_old);
			b->rx_mp_old = NULL;
		}
		ret = bind_queues_setup(b, r.nb_tx_queues, r.backlog,
					inflight_slots(&r));
		if (ret != 0)
			goto restore;
	}
	b->conf = c;
	decide_zc(b, &r);
	b->reqs = r;
	if (b->conf.verbose) {
		fprintf(vout(b), "%s: port %u (%s) %s", b->conf.name,
			b->port_id, r.driver, grow ? "pools re-created, " :
			"pools kept, ");
		nbl_bind_reqs_print(&r, vout(b));
	}
	bind_state_set(b, NBL_BIND_RUNNING);
	verbose_state(b, "restarted");
	return 0;

restore:
	/* Back to the old requirements on whatever pools we have. */
	b->conf = oldc;
	if (bind_port_setup(b, &old) != 0 ||
	    bind_queues_setup(b, old.nb_tx_queues, old.backlog,
			      inflight_slots(&old)) != 0)
		BIND_LOG(ERR, b, "restart: port %u could not be restored",
			 b->port_id);
back_paused:
	if (b->pool != NULL && old.data_size != 0)
		b->reqs = old;
	bind_state_set(b, NBL_BIND_PAUSED);
	BIND_LOG(ERR, b, "restart failed: %s", rte_strerror(-ret));
	return ret;
}

enum nbl_bind_state
nbl_bind_state_get(const struct nbl_bind *b)
{
	return b == NULL ? NBL_BIND_UNBOUND : (enum nbl_bind_state)bind_state(b);
}

int
nbl_bind_reqs_get(const struct nbl_bind *b, struct nbl_bind_reqs *reqs)
{
	if (b == NULL || reqs == NULL || b->reqs.data_size == 0)
		return -EINVAL;
	*reqs = b->reqs;
	return 0;
}

struct nbl_list_pool *
nbl_bind_pool(const struct nbl_bind *b)
{
	return b == NULL ? NULL : b->pool;
}

uint16_t
nbl_bind_port(const struct nbl_bind *b)
{
	return b == NULL ? RTE_MAX_ETHPORTS : b->port_id;
}

uint16_t
nbl_bind_nb_queues(const struct nbl_bind *b)
{
	return b == NULL ? 0 : b->nb_q;
}

struct nbl_bind_txq *
nbl_bind_txq(struct nbl_bind *b, uint16_t queue)
{
	if (b == NULL || queue >= b->nb_q) {
		rte_errno = EINVAL;
		return NULL;
	}
	return &b->q[queue].pub;
}

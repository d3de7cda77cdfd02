/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* Shares: the engine table, set-up and tear-down, the pools of a share's
 * frames, and the fire-and-forget send of built frames that keeps the
 * ones the port refused, in order. */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_pause.h>

#include "gen_private.h"

static const struct gen_engine *const engines[] = {
	&gen_engine_template,
	&gen_engine_stamp,
	&gen_engine_ndis,
	NULL,
};

const struct gen_engine *const *
gen_engines(void)
{
	return engines;
}

const struct gen_engine *
gen_engine_find(const char *name)
{
	unsigned int i;

	for (i = 0; engines[i] != NULL; i++)
		if (strcmp(engines[i]->name, name) == 0)
			return engines[i];
	return NULL;
}

/* What the object initialiser writes. */
struct pool_init {
	const struct pkt_tmpl *tmpl;
	struct gen_share *share;
	uint32_t len;    /* frame length */
	uint32_t before; /* bytes of the frame before the data start */
	int rc;          /* first error */
};

static void
pool_obj_init(struct nbl_list *nbl, void *arg)
{
	struct pool_init *pi = arg;
	struct nbl_buf *nb = nbl->first_nb;
	uint8_t *frame = (uint8_t *)nbl_list_embedded_mdl(nbl)->va +
		nb->data_offset - pi->before;
	int rc = pkt_tmpl_write(pi->tmpl, frame, pi->len, 0);

	if (rc != 0 && pi->rc == 0)
		pi->rc = rc;
	nbl->protocol_reserved[0] = NULL;
	nbl->protocol_reserved[1] = pi->share;
}

int
gen_pool_make(struct gen_share *s, uint32_t len, bool lowered,
	      struct nbl_list_pool **pool, char *err, size_t errlen)
{
	struct nbl_list_pool_params p;
	struct pool_init pi = {
		.tmpl = s->conf.tmpl,
		.share = s,
		.len = len,
		.before = lowered ? 0 : s->outer_len,
	};
	int rc;

	rc = nbl_bind_pool_params(s->conf.bind, &p);
	if (rc != 0) {
		snprintf(err, errlen, "stream.%u: the binding is not open",
			 s->conf.stream);
		return rc;
	}
	if (len > p.init_length) {
		snprintf(err, errlen, "stream.%u: %u-byte frames do not fit "
			 "the port's largest frame (%u bytes)", s->conf.stream,
			 len, p.init_length);
		return -EINVAL;
	}
	if (s->outer_len > p.init_offset) {
		snprintf(err, errlen, "stream.%u: the binding's back-fill "
			 "(%u bytes) is smaller than the outer headers (%u)",
			 s->conf.stream, p.init_offset, s->outer_len);
		return -EINVAL;
	}
	if (lowered) {
		p.init_offset -= s->outer_len;
		p.init_length = len;
	} else {
		p.init_length = len - s->outer_len;
	}
	if (s->conf.pool_count != 0)
		p.count = s->conf.pool_count;
	/* the per-lcore cache serves a burst from the lcore's own objects
	 * (as the binding sizes its pool's): 8 bursts, at most count / 4
	 * (a mempool's cache holds at most count / 1.5) */
	p.cache_size = RTE_MIN((uint32_t)RTE_MEMPOOL_CACHE_MAX_SIZE,
			       8 * s->burst);
	if (p.cache_size > p.count / 4)
		p.cache_size = p.count / 4 < 8 ? 0 : p.count / 4;
	p.tag = 0x4e454753; /* "SGEN" */
	p.obj_init = pool_obj_init;
	p.obj_init_arg = &pi;
	*pool = nbl_list_pool_create(&p);
	if (*pool == NULL) {
		snprintf(err, errlen, "stream.%u: cannot make a pool of %u "
			 "NBLs of %u bytes: %s", s->conf.stream, p.count,
			 p.data_size, rte_strerror(rte_errno));
		return -rte_errno;
	}
	if (pi.rc != 0) {
		nbl_list_pool_free(*pool);
		*pool = NULL;
		snprintf(err, errlen, "stream.%u: cannot write %u-byte frames "
			 "of the template", s->conf.stream, len);
		return pi.rc;
	}
	return 0;
}

void
gen_pools_free(struct gen_share *s)
{
	unsigned int i;

	for (i = 0; i < s->npools; i++) {
		if (s->pools[i] != NULL && nbl_list_pool_free(s->pools[i]) != 0)
			continue; /* not full: kept for the leak check */
		s->pools[i] = NULL;
	}
	s->npools = 0;
}

unsigned int
gen_pend_send(struct gen_share *s, unsigned int n)
{
	unsigned int total = s->npend + n, sent, i;
	uint64_t bytes;

	sent = nbl_bind_send_ff_mbufs(s->txq, s->pend, (uint16_t)total,
				      s->fixed_len, &bytes);
	s->st.bursts++;
	s->st.tx_packets += sent;
	s->st.tx_bytes += bytes;
	if (likely(s->npools == 1)) {
		nbl_list_pool_handoff(s->pools[0], sent);
	} else if (likely(sent == total)) {
		/* all of pend[] went: its count per class is known */
		for (i = 0; i < s->npools; i++) {
			if (s->pend_count[i] != 0)
				nbl_list_pool_handoff(s->pools[i],
						      s->pend_count[i]);
			s->pend_count[i] = 0;
		}
	} else {
		uint32_t handed[PKT_CLASS_MAX];

		memset(handed, 0, sizeof(handed[0]) * s->npools);
		for (i = 0; i < sent; i++)
			handed[s->pend_cls[i]]++;
		for (i = 0; i < s->npools; i++) {
			if (handed[i] != 0)
				nbl_list_pool_handoff(s->pools[i], handed[i]);
			s->pend_count[i] = (uint16_t)(s->pend_count[i] -
						      handed[i]);
		}
	}
	if (likely(sent == total)) {
		s->npend = 0;
		return sent;
	}
	total -= sent;
	s->st.ring_full += total;
	memmove(s->pend, s->pend + sent, total * sizeof(s->pend[0]));
	if (s->npools > 1)
		memmove(s->pend_cls, s->pend_cls + sent, total);
	s->npend = (uint16_t)total;
	return sent;
}

void
gen_pend_drain(struct gen_share *s, uint64_t deadline)
{
	unsigned int i;

	while (s->npend != 0 && rte_rdtsc() < deadline)
		if (gen_pend_send(s, 0) == 0)
			rte_pause();
	/* pend_cls[] names the pools of several (template classes) */
	for (i = 0; i < s->npend; i++)
		nbl_list_pool_mbufs_put(s->pools[s->npools > 1 ?
						 s->pend_cls[i] : 0],
					&s->pend[i], 1);
	memset(s->pend_count, 0, sizeof(s->pend_count));
	s->npend = 0;
}

int
gen_share_init(struct gen_share *s, const struct gen_engine *eng,
	       const struct gen_share_conf *conf,
	       const struct pace_pacer *pacer, char *err, size_t errlen)
{
	struct nbl_bind_reqs reqs;
	int rc;

	memset(s, 0, sizeof(*s));
	s->eng = eng;
	s->conf = *conf;
	s->limit = conf->limit;
	s->byte_limit = conf->byte_limit;
	pkt_tmpl_len_range(conf->tmpl, NULL, &s->max_len);
	if (s->max_len == 0)
		s->max_len = 1;
	s->burst = conf->burst == 0 ? 1 :
		RTE_MIN(conf->burst, (uint32_t)GEN_BURST_MAX);
	s->hz = rte_get_tsc_hz();
	s->pacer = *pacer;
	s->paced = pace_pacer_paced(pacer);
	s->outer_len = (uint16_t)pkt_tmpl_outer_len(conf->tmpl, NULL);
	s->txq = nbl_bind_txq(conf->bind, conf->queue);
	if (s->txq == NULL || nbl_bind_reqs_get(conf->bind, &reqs) != 0) {
		snprintf(err, errlen, "stream.%u: no TX queue %u on the "
			 "binding", conf->stream, conf->queue);
		return -EINVAL;
	}
	s->ctx_backfill = reqs.context_backfill;
	rc = pkt_stamp_init(&s->stamp, conf->tmpl, conf->sig_id, conf->seed);
	if (rc != 0) {
		snprintf(err, errlen, "stream.%u: cannot set its stamp up%s",
			 conf->stream, rc == -ENOMEM ? ": out of memory for "
			 "the sequence numbers of its TCP flows" : "");
		return rc;
	}
	rc = eng->begin(s, err, errlen);
	if (rc != 0) {
		/* what begin() made, whatever it made */
		if (eng->end != NULL)
			eng->end(s);
		gen_pools_free(s);
		pkt_stamp_fini(&s->stamp);
	}
	return rc;
}

void
gen_share_fini(struct gen_share *s)
{
	if (s->eng != NULL && s->eng->end != NULL)
		s->eng->end(s);
	gen_pools_free(s);
	pkt_stamp_fini(&s->stamp);
}

void
gen_share_start(struct gen_share *s, uint64_t start)
{
	pace_pacer_restart(&s->pacer, start);
}

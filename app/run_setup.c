/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* Setting a run up: streams into templates, TX lcores onto ports, a
 * binding per port sized for its streams, shares of each stream on the
 * lcores of its port, and the counters' registry. */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <netinet/in.h>

#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_malloc.h>

#include <nbl_bind.h>

#include "run.h"

/* NBLs in a share's pool: the TX ring, the binding's backlog, the frames
 * the share holds and the per-lcore caches, as the binding counts its
 * own pool. */
static uint32_t
share_pool_count(const struct nbl_bind_reqs *reqs)
{
	uint64_t need = (uint64_t)reqs->nb_tx_desc + reqs->backlog +
		4 * GEN_BURST_MAX + GEN_READY_MAX +
		(uint64_t)reqs->cache_size * 3 / 2 * rte_lcore_count();

	return (uint32_t)(rte_align64pow2(need + 1) - 1);
}

/* The TcpIpChecksum info of a stream's frames (tx-cksum offload or
 * software), or NULL when its stack has no IPv4/IPv6 UDP/TCP header to
 * checksum without a tunnel. */
static void *
csum_info(const struct pkt_tmpl *t)
{
	uint32_t l3, l4, f;
	uint8_t proto;
	bool v6;

	if (pkt_tmpl_l4(t, &l3, &l4, &proto, &v6) != 0)
		return NULL;
	f = v6 ? NBL_CSUM_TX_IPV6 : NBL_CSUM_TX_IPV4 | NBL_CSUM_TX_IP;
	f |= proto == IPPROTO_TCP ? NBL_CSUM_TX_TCP : NBL_CSUM_TX_UDP;
	return nbl_csum_info(f, l4);
}

/* Stream settings into templates; engines chosen. */
static int
streams_compile(struct app_run *r)
{
	char err[APP_ERR_LEN], mac[RTE_ETHER_ADDR_FMT_SIZE];
	unsigned int i;

	for (i = 0; i < r->nstreams; i++) {
		struct app_stream *s = &r->streams[i];
		struct app_rstream *rs = &r->rs[i];
		const struct app_port *p;
		uint64_t num, den;

		rs->conf = s;
		if (s->port >= r->nports) {
			fprintf(stderr, "nblgen: %s: port %u: the run has %u "
				"port%s (0 to %u)\n", s->name, s->port,
				r->nports, r->nports > 1 ? "s" : "",
				r->nports - 1);
			return APP_EXIT_USAGE;
		}
		p = &r->ports[s->port];
		if (!pkt_spec_is_set(s->spec, "src-mac") && p->mac_ok) {
			rte_ether_format_addr(mac, sizeof(mac), &p->mac);
			pkt_spec_set(s->spec, "src-mac", mac, err,
				     sizeof(err));
		}
		rs->tmpl = pkt_tmpl_create(s->spec, r->seed + s->index, err,
					   sizeof(err));
		if (rs->tmpl == NULL) {
			fprintf(stderr, "nblgen: %s: %s\n", s->name, err);
			return APP_EXIT_USAGE;
		}
		pkt_tmpl_len_range(rs->tmpl, &rs->min_len, &rs->max_len);
		pkt_tmpl_mean_size(rs->tmpl, &num, &den);
		rs->mean_size = (double)num / (double)den;
		if (strcmp(r->o->engine, "auto") != 0)
			rs->eng = gen_engine_find(r->o->engine);
		else if (s->cksum != APP_CKSUM_FRAME)
			rs->eng = gen_engine_find("ndis");
		else if (pkt_tmpl_static(rs->tmpl) &&
			 pkt_tmpl_classes(rs->tmpl, NULL, NULL) != 0)
			rs->eng = gen_engine_find("template");
		else
			rs->eng = gen_engine_find("stamp");
		if (s->cksum != APP_CKSUM_FRAME && csum_info(rs->tmpl) ==
		    NULL) {
			fprintf(stderr, "nblgen: %s: tx-cksum %s: the binding "
				"checksums IPv4 or IPv6 with UDP or TCP, "
				"without a tunnel; %s is not such a stack (use "
				"tx-cksum frame)\n", s->name,
				s->cksum == APP_CKSUM_OFFLOAD ? "offload" :
				"software", pkt_tmpl_stack(rs->tmpl));
			return APP_EXIT_USAGE;
		}
		if (s->cksum != APP_CKSUM_FRAME &&
		    strcmp(rs->eng->name, "ndis") != 0) {
			fprintf(stderr, "nblgen: %s: tx-cksum %s asks the "
				"binding for checksums, which only the ndis "
				"engine does (the %s engine writes them into "
				"every frame)\n", s->name,
				s->cksum == APP_CKSUM_OFFLOAD ? "offload" :
				"software", rs->eng->name);
			return APP_EXIT_USAGE;
		}
	}
	return APP_EXIT_OK;
}

/* TX lcores onto ports: with at least as many lcores as ports, lcore i
 * serves port i % P with queue i / P; with fewer, lcore i serves ports
 * i, i + L, ... with queue 0 of each. */
static int
lcores_assign(struct app_run *r)
{
	unsigned int workers[RTE_MAX_LCORE], nw = 0, l, p, want;
	unsigned int id;

	RTE_LCORE_FOREACH_WORKER(id)
		workers[nw++] = id;
	want = r->o->tx_lcores != 0 ? r->o->tx_lcores :
		(r->eal->embedded ? 1 : nw);
	if (nw == 0 || want > nw) {
		fprintf(stderr, "nblgen: option --tx-lcores %u: the EAL has "
			"%u worker lcore%s (give more with -l or --lcores)\n",
			want, nw, nw == 1 ? "" : "s");
		return APP_EXIT_USAGE;
	}
	if (want > APP_LCORES_MAX)
		want = APP_LCORES_MAX;
	r->nlcores = want;
	for (l = 0; l < want; l++) {
		r->lc[l] = rte_zmalloc("nblgen_lcore", sizeof(*r->lc[l]),
				       RTE_CACHE_LINE_SIZE);
		if (r->lc[l] == NULL) {
			fprintf(stderr, "nblgen: out of memory\n");
			return APP_EXIT_FAIL;
		}
		r->lc[l]->lcore_id = workers[l];
		r->lc[l]->stop = r->stop;
	}
	for (l = 0; l < want; l++) {
		if (want >= r->nports) {
			p = l % r->nports;
			r->lcore_port[l][p] = l / r->nports + 1;
			r->ports[p].nqueues++;
			continue;
		}
		for (p = l; p < r->nports; p += want) {
			r->lcore_port[l][p] = 1;
			r->ports[p].nqueues = 1;
		}
	}
	return APP_EXIT_OK;
}

/* The binding of a port, sized for its streams. */
static int
port_bind(struct app_run *r, unsigned int pi)
{
	struct app_port *p = &r->ports[pi];
	struct rte_eth_dev_info di;
	struct nbl_bind_reqs reqs;
	struct nbl_bind_conf c;
	const char *what = NULL;
	uint32_t max_len = 0, outer = 0, o;
	bool sw = false;
	unsigned int i;
	int rc;

	for (i = 0; i < r->nstreams; i++) {
		const char *w;

		if (r->streams[i].port != pi)
			continue;
		max_len = RTE_MAX(max_len, r->rs[i].max_len);
		o = pkt_tmpl_outer_len(r->rs[i].tmpl, &w);
		if (o > outer) {
			outer = o;
			what = w;
		}
		sw |= r->streams[i].cksum == APP_CKSUM_SOFTWARE;
	}
	if (rte_eth_dev_info_get(p->port_id, &di) != 0)
		memset(&di, 0, sizeof(di));
	/* the largest frame the port takes, as rte_eth_dev_configure()
	 * checks it (MTU + Ethernet header + FCS) */
	if (di.max_rx_pktlen != 0 &&
	    max_len + RTE_ETHER_CRC_LEN > di.max_rx_pktlen) {
		fprintf(stderr, "nblgen: option --size: port %u (%s) takes "
			"frames of at most %u bytes with the FCS; the streams "
			"need %u\n", pi, p->name, di.max_rx_pktlen,
			max_len + RTE_ETHER_CRC_LEN);
		return APP_EXIT_USAGE;
	}
	if (di.max_tx_queues != 0 && di.max_tx_queues < p->nqueues) {
		fprintf(stderr, "nblgen: option --tx-lcores: port %u (%s) has "
			"%u TX queue%s and %u TX lcores send on it, one queue "
			"each: give fewer TX lcores, or more ports\n", pi,
			p->name, di.max_tx_queues,
			di.max_tx_queues == 1 ? "" : "s", p->nqueues);
		return APP_EXIT_USAGE;
	}
	nbl_bind_conf_init(&c);
	c.name = p->name;
	c.nb_tx_queues = (uint16_t)p->nqueues;
	c.burst = (uint16_t)r->o->burst;
	c.ctx_size = GEN_CTX_SIZE;
	c.pool_count = 63; /* the shares keep pools of their own */
	c.mtu = max_len > RTE_ETHER_MAX_LEN - RTE_ETHER_CRC_LEN ?
		max_len - RTE_ETHER_HDR_LEN : 0;
	c.encap_len = (uint16_t)outer;
	c.encap_what = what;
	c.sw_offload = sw;
	c.verbose = r->o->verbose;
	c.log = stdout;
	c.send_complete = gen_send_complete;
	if (nbl_bind_reqs_compute(p->port_id, &c, &reqs) == 0 &&
	    max_len > reqs.max_frame) {
		fprintf(stderr, "nblgen: option --size: port %u (%s) carries "
			"frames of at most %u bytes (MTU %u), %u bytes with "
			"the FCS; the streams need %u\n", pi, p->name,
			reqs.max_frame, reqs.mtu,
			reqs.max_frame + RTE_ETHER_CRC_LEN,
			max_len + RTE_ETHER_CRC_LEN);
		return APP_EXIT_USAGE;
	}
	p->bind = nbl_bind_create(p->port_id, &c);
	if (p->bind == NULL) {
		fprintf(stderr, "nblgen: cannot bind port %u (%s): %s\n", pi,
			p->name, rte_strerror(rte_errno));
		return APP_EXIT_FAIL;
	}
	rc = nbl_bind_open(p->bind);
	if (rc == 0)
		rc = nbl_bind_restart(p->bind, NULL);
	if (rc != 0) {
		fprintf(stderr, "nblgen: cannot start the binding of port %u "
			"(%s): %s%s\n", pi, p->name, strerror(-rc),
			max_len > RTE_ETHER_MAX_LEN - RTE_ETHER_CRC_LEN ?
			" (the port may not take the MTU jumbo frames need)" :
			"");
		return rc == -EINVAL ? APP_EXIT_USAGE : APP_EXIT_FAIL;
	}
	return APP_EXIT_OK;
}

/* Even split of a limit over k shares (the first ones take the rest). */
static uint64_t
split(uint64_t total, unsigned int k, unsigned int j)
{
	if (total == UINT64_MAX)
		return UINT64_MAX;
	return total / k + (j < total % k ? 1 : 0);
}

static int
share_pacer(const struct app_run *r, const struct app_rstream *rs,
	    unsigned int k, struct pace_pacer *pc)
{
	const struct app_stream *s = rs->conf;
	uint64_t hz = rte_get_tsc_hz(), num, den, link;
	struct pace_frac pps, mean;
	char err[APP_ERR_LEN];
	int rc;

	pkt_tmpl_mean_size(rs->tmpl, &num, &den);
	mean = (struct pace_frac){num, den};
	link = r->ports[s->port].link_bps;
	if (s->sched_set) {
		rc = pace_pacer_init_sched(pc, 0, hz, &s->sched, mean, link, k,
					   err, sizeof(err));
	} else if (s->rate.unit == PACE_UNIT_MAX) {
		rc = pace_pacer_init(pc, 0, hz, (struct pace_frac){0, 1});
	} else {
		rc = pace_rate_pps(&s->rate, mean, link, &pps, err,
				   sizeof(err));
		if (rc == 0)
			rc = pace_frac_div(pps, k, &pps);
		if (rc == 0)
			rc = pace_pacer_init(pc, 0, hz, pps);
	}
	if (rc != 0) {
		fprintf(stderr, "nblgen: %s: rate %s on port %u: %s\n",
			s->name, s->rate_text, s->port, err);
		return APP_EXIT_USAGE;
	}
	return APP_EXIT_OK;
}

/* The shares of one stream, one per lcore of its port. */
static int
stream_shares(struct app_run *r, unsigned int si)
{
	struct app_rstream *rs = &r->rs[si];
	const struct app_stream *s = rs->conf;
	struct app_port *p = &r->ports[s->port];
	struct nbl_bind_reqs reqs;
	struct pace_pacer *pc;
	char err[APP_ERR_LEN];
	unsigned int l, k = 0, j = 0;
	int rc = APP_EXIT_OK;

	for (l = 0; l < r->nlcores; l++)
		k += r->lcore_port[l][s->port] != 0;
	nbl_bind_reqs_get(p->bind, &reqs);
	pc = malloc(sizeof(*pc));
	if (pc == NULL)
		return APP_EXIT_FAIL;
	for (l = 0; l < r->nlcores && rc == APP_EXIT_OK; l++) {
		struct gen_share_conf sc;
		struct gen_share *sh;

		if (r->lcore_port[l][s->port] == 0)
			continue;
		rc = share_pacer(r, rs, k, pc);
		if (rc != APP_EXIT_OK)
			break;
		memset(&sc, 0, sizeof(sc));
		sc.tmpl = rs->tmpl;
		sc.bind = p->bind;
		sc.queue = (uint16_t)(r->lcore_port[l][s->port] - 1);
		sc.sig_id = (uint16_t)((s->index & 0xfff) | j << 12);
		sc.burst = r->o->burst;
		sc.limit = split(s->count, k, j);
		sc.byte_limit = split(s->bytes, k, j);
		sc.seed = r->seed ^ ((uint64_t)s->index << 32 | j);
		sc.pool_count = share_pool_count(&reqs);
		sc.verify = r->o->verify;
		if (s->cksum != APP_CKSUM_FRAME)
			sc.csum_info = csum_info(rs->tmpl);
		sc.stream = s->index;
		sc.lcore = r->lc[l]->lcore_id;
		sh = rte_zmalloc_socket("nblgen_share", sizeof(*sh),
					RTE_CACHE_LINE_SIZE,
					rte_eth_dev_socket_id(p->port_id));
		if (sh == NULL) {
			fprintf(stderr, "nblgen: %s: out of memory\n",
				s->name);
			rc = APP_EXIT_FAIL;
			break;
		}
		rs->shares[rs->nshares++] = sh;
		if (gen_share_init(sh, rs->eng, &sc, pc, err,
				   sizeof(err)) != 0) {
			/* an engine that does not suit the stream was asked
			 * for by name: name the setting */
			if (strcmp(r->o->engine, "auto") != 0)
				fprintf(stderr, "nblgen: engine %s (--engine, "
					"[run] engine): %s\n", r->o->engine,
					err);
			else
				fprintf(stderr, "nblgen: %s\n", err);
			rc = strstr(err, "memory") != NULL ||
				strstr(err, "cannot make") != NULL ?
				APP_EXIT_FAIL : APP_EXIT_USAGE;
			break;
		}
		if (gen_lcore_add(r->lc[l], sh) != 0) {
			fprintf(stderr, "nblgen: lcore %u: too many streams\n",
				r->lc[l]->lcore_id);
			rc = APP_EXIT_USAGE;
		}
		j++;
	}
	free(pc);
	return rc;
}

/* Ports, streams and senders as the results show them. */
/* A stream's requested frame rate for the results: its rate, the mean
 * of its schedule over the run (once it ran), or -1 for max. */
static double
requested_pps(const struct app_rstream *rs)
{
	if (rs->conf->sched_set)
		return rs->sched_pps;
	return rs->pps.num == 0 ? -1 : pace_frac_double(rs->pps);
}

void
app_registry_infos(struct app_run *r)
{
	unsigned int i, j;

	for (i = 0; i < r->nports; i++) {
		struct stats_port_info pi;

		memset(&pi, 0, sizeof(pi));
		snprintf(pi.name, sizeof(pi.name), "%s", r->ports[i].name);
		snprintf(pi.driver, sizeof(pi.driver), "%s",
			 r->ports[i].driver);
		pi.port_id = r->ports[i].port_id;
		pi.link_bps = r->ports[i].link_bps;
		pi.requested_pps = 0;
		for (j = 0; j < r->nstreams; j++) {
			double pps = requested_pps(&r->rs[j]);

			if (r->streams[j].port == i)
				pi.requested_pps = pi.requested_pps < 0 ||
					pps < 0 ? -1 : pi.requested_pps + pps;
		}
		stats_reg_port_set(r->reg, i, &pi);
	}
	for (i = 0; i < r->nstreams; i++) {
		struct app_rstream *rs = &r->rs[i];
		struct stats_stream_info si;

		memset(&si, 0, sizeof(si));
		snprintf(si.name, sizeof(si.name), "%s", rs->conf->name);
		si.port = rs->conf->port;
		snprintf(si.headers, sizeof(si.headers), "%s",
			 pkt_tmpl_stack(rs->tmpl));
		snprintf(si.rate, sizeof(si.rate), "%s",
			 rs->conf->sched_set ? "schedule" :
			 rs->conf->rate_text);
		si.requested_pps = requested_pps(rs);
		si.mean_size = rs->mean_size;
		snprintf(si.engine, sizeof(si.engine), "%s", rs->eng->name);
		stats_reg_stream_set(r->reg, i, &si);
	}
}

/* Ports, streams and senders as the results show them. */
static int
registry_fill(struct app_run *r)
{
	unsigned int i, j;

	r->reg = stats_reg_create(r->nports, r->nstreams);
	if (r->reg == NULL)
		return APP_EXIT_FAIL;
	app_registry_infos(r);
	for (i = 0; i < r->nstreams; i++)
		for (j = 0; j < r->rs[i].nshares; j++)
			stats_reg_block_add(r->reg, i, &r->rs[i].shares[j]->st,
					    r->rs[i].shares[j]->conf.lcore);
	return APP_EXIT_OK;
}

/* The stream's whole rate (for the results), from its first pacer. */
static void
stream_rate(struct app_run *r, struct app_rstream *rs)
{
	const struct app_stream *s = rs->conf;
	uint64_t num, den;
	char err[APP_ERR_LEN];

	rs->pps = (struct pace_frac){0, 1};
	if (s->sched_set || s->rate.unit == PACE_UNIT_MAX)
		return;
	pkt_tmpl_mean_size(rs->tmpl, &num, &den);
	if (pace_rate_pps(&s->rate, (struct pace_frac){num, den},
			  r->ports[s->port].link_bps, &rs->pps, err,
			  sizeof(err)) != 0)
		rs->pps = (struct pace_frac){0, 1};
}

int
app_run_setup(struct app_run *r)
{
	char err[APP_ERR_LEN];
	unsigned int i;
	int rc;

	r->seed = r->o->seed_set ? r->o->seed :
		(uint64_t)time(NULL) * 1000003 ^ rte_rdtsc();
	rc = app_ports_create(r->o, NULL, r->ports, &r->nports, err,
			      sizeof(err));
	if (rc != 0) {
		fprintf(stderr, "nblgen: %s\n", err);
		return APP_EXIT_USAGE;
	}
	if (app_streams_build(r->o, &r->streams, &r->nstreams, err,
			      sizeof(err)) != 0) {
		fprintf(stderr, "nblgen: %s\n", err);
		return APP_EXIT_USAGE;
	}
	r->rs = calloc(r->nstreams, sizeof(*r->rs));
	if (r->rs == NULL)
		return APP_EXIT_FAIL;
	for (i = 0; i < r->nstreams; i++)
		r->rs[i].sched_pps = -1;
	r->duration_ns = r->o->duration_ns;
	if (!r->o->duration_set)
		for (i = 0; i < r->nstreams; i++)
			if (r->streams[i].count != UINT64_MAX ||
			    r->streams[i].bytes != UINT64_MAX)
				r->duration_ns = 0;
	rc = streams_compile(r);
	if (rc == APP_EXIT_OK)
		rc = lcores_assign(r);
	for (i = 0; i < r->nports && rc == APP_EXIT_OK; i++)
		if (r->ports[i].nqueues != 0)
			rc = port_bind(r, i);
	for (i = 0; i < r->nstreams && rc == APP_EXIT_OK; i++) {
		stream_rate(r, &r->rs[i]);
		rc = stream_shares(r, i);
	}
	if (rc == APP_EXIT_OK)
		rc = registry_fill(r);
	return rc;
}

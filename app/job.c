/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* The main job: bind the port with the frame template as the pool's
 * object initialiser (written once into every buffer when the binding
 * creates the pool), show what the port requires, send on a worker lcore,
 * report, and close the binding so that every pool is full again. */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>

#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_malloc.h>

#include <nbl.h>
#include <nbl_bind.h>

#include "app.h"

/** Own context bytes of an NBL: its sequence number (NBL_MAA multiple). */
#define GEN_CTX_SIZE 16
/** Longest wait for the completions of frames in flight. */
#define GEN_DRAIN_MS 5000
/** Largest count for which every sequence number is tracked. */
#define GEN_SEEN_MAX (UINT64_C(1) << 26)

/** Argument of the template writer. */
struct tmpl_arg {
	const uint8_t *frame;
	uint32_t len;
};

/* The binding's obj_init hook (nbl_bind_conf::obj_init), run once per
 * object whenever the binding creates its pool (open, and a restart that
 * re-creates it): the frame is written where every new NBL's data starts
 * (the pool's init_offset), and only its sequence number changes later. */
static void
tmpl_write(struct nbl_list *nbl, void *arg)
{
	const struct tmpl_arg *t = arg;
	struct nbl_buf *nb = nbl->first_nb;

	/* a frame above the port's limit is refused after open: never write
	 * past the NB's data (DataLength is the port's max_frame here) */
	memcpy((uint8_t *)nbl_list_embedded_mdl(nbl)->va + nb->data_offset,
	       t->frame, RTE_MIN(t->len, nb->data_length));
}

static void
print_sending(const struct gen_opts *o, const struct gen_sender *s,
	      unsigned int lcore)
{
	char src[INET_ADDRSTRLEN], dst[INET_ADDRSTRLEN];
	char smac[RTE_ETHER_ADDR_FMT_SIZE], dmac[RTE_ETHER_ADDR_FMT_SIZE];

	inet_ntop(AF_INET, &s->spec.src_ip, src, sizeof(src));
	inet_ntop(AF_INET, &s->spec.dst_ip, dst, sizeof(dst));
	rte_ether_format_addr(smac, sizeof(smac), &s->spec.src_mac);
	rte_ether_format_addr(dmac, sizeof(dmac), &s->spec.dst_mac);
	printf("nblgen: sending %" PRIu64 " UDP frames of %u bytes, "
	       "%s:%u -> %s:%u, %s -> %s, bursts of %u on lcore %u",
	       s->count, s->spec.size, src, s->spec.src_port, dst,
	       s->spec.dst_port, smac, dmac, s->burst, lcore);
	if (o->rate != 0)
		printf(", %" PRIu64 " frames/s", o->rate);
	printf(", %s", s->ff ? "fire and forget" : "send/complete");
	if (o->cksum == GEN_CKSUM_OFFLOAD)
		printf(", checksums by the port's TX offloads (software where "
		       "it has none)");
	else if (o->cksum == GEN_CKSUM_SOFTWARE)
		printf(", checksums by the binding in software");
	printf("\nnblgen: payload: \"" GEN_MAGIC "\", 64-bit big-endian "
	       "sequence number from 0, then byte k = k mod 256\n");
	fflush(stdout);
}

static bool
report(const struct gen_opts *o, const struct gen_sender *s)
{
	double secs = (double)(s->tsc_end - s->tsc_start) /
		(double)rte_get_tsc_hz();
	double mpps = secs > 0 ? (double)s->submitted / secs / 1e6 : 0;
	uint64_t missing = s->submitted - s->completed;
	bool ok = true;

	if (gen_stopped())
		printf("nblgen: interrupted: stopped after %" PRIu64 " of %"
		       PRIu64 " frames\n", s->submitted, s->count);
	if (s->ff) {
		printf("nblgen: sent %" PRIu64 " frames (%" PRIu64 " bytes) "
		       "in %.6f s (%.3f Mpps) by fire and forget: %" PRIu64
		       " accepted by the port, %" PRIu64 " dropped\n",
		       s->submitted, s->submitted * s->spec.size, secs,
		       mpps,
		       s->submitted - s->ff_dropped, s->ff_dropped);
		missing = 0;
		if (s->ff_dropped != 0) {
			printf("nblgen: error: the port refused %" PRIu64
			       " frames (TX ring full after retries)\n",
			       s->ff_dropped);
			ok = false;
		}
	} else {
		printf("nblgen: sent %" PRIu64 " frames (%" PRIu64 " bytes) "
		       "in %.6f s (%.3f Mpps): %" PRIu64 " completed with "
		       "SUCCESS, %" PRIu64 " failed, %" PRIu64 " changed, %"
		       PRIu64 " duplicated, %" PRIu64 " missing\n",
		       s->submitted, s->submitted * s->spec.size, secs, mpps,
		       s->completed_ok,
		       s->failed, s->changed, s->duplicates, missing);
	}
	if (o->verbose)
		printf("nblgen: the pool ran empty %" PRIu64 " times (waited "
		       "for buffers to come back)\n", s->pool_waits);
	if (s->failed != 0) {
		printf("nblgen: error: %" PRIu64 " frames completed with a "
		       "failure status, the first with %s (0x%08x)\n",
		       s->failed, nbl_bind_status_name(s->first_bad_status),
		       (uint32_t)s->first_bad_status);
		ok = false;
	}
	if (s->changed != 0 || s->duplicates != 0) {
		printf("nblgen: error: NBLs came back changed or twice\n");
		ok = false;
	}
	if (s->drain_timeout || missing != 0) {
		printf("nblgen: error: %" PRIu64 " frames never completed "
		       "(waited %u ms)\n", missing, GEN_DRAIN_MS);
		ok = false;
	}
	if (s->alloc_error != 0) {
		printf("nblgen: error: cannot allocate NBLs: %s\n",
		       strerror(-s->alloc_error));
		ok = false;
	}
	if (!gen_stopped() && s->submitted != s->count)
		ok = false;
	return ok;
}

/* Open the binding and check that the frames fit; fills reqs. */
static int
bind_open(const struct gen_opts *o, const struct gen_port *port,
	  struct nbl_bind *bind, struct nbl_bind_reqs *reqs)
{
	int rc = nbl_bind_open(bind);

	if (rc != 0) {
		fprintf(stderr, "nblgen: cannot open the binding to port %u "
			"(%s): %s\n", port->port_id, port->name,
			strerror(-rc));
		return GEN_EXIT_FAIL;
	}
	nbl_bind_reqs_get(bind, reqs);
	if (!o->verbose) { /* the binding printed them in verbose mode */
		printf("nblgen: requirements of port %u (%s), computed by the "
		       "binding from its device info:\n", port->port_id,
		       port->name);
		nbl_bind_reqs_print(reqs, stdout);
	}
	if (o->size > reqs->max_frame) {
		fprintf(stderr, "nblgen: option --size %u: port %s carries "
			"frames of at most %u bytes (MTU %u)\n", o->size,
			port->name, reqs->max_frame, reqs->mtu);
		return GEN_EXIT_USAGE;
	}
	return GEN_EXIT_OK;
}

/* Pause and close: completions still pending are delivered here. */
static bool
bind_close(struct nbl_bind *bind, bool verbose, bool *held)
{
	bool ok = true;
	int rc;

	if (nbl_bind_state_get(bind) == NBL_BIND_RUNNING) {
		rc = nbl_bind_pause(bind);
		if (rc != 0) {
			fprintf(stderr, "nblgen: pausing the binding: %s\n",
				strerror(-rc));
			ok = false;
		}
	}
	if (verbose)
		nbl_bind_stats_print(bind, stdout);
	rc = nbl_bind_free(bind);
	if (rc != 0) {
		fprintf(stderr, "nblgen: error: the binding cannot close: %s "
			"(the port still holds some of its buffers)\n",
			strerror(-rc));
		ok = false;
		*held = true;
	}
	return ok;
}

/* What the frames hold (needs no binding: the template is made before
 * the binding creates its pool). */
static void
spec_setup(const struct gen_opts *o, const struct gen_port *port,
	   struct gen_sender *s)
{
	/* the port's own address, unless given or unusable (net_ring has
	 * none): then the default 02:00:00:00:00:01 */
	s->spec.src_mac = o->src_mac;
	if (!o->src_mac_set &&
	    (rte_eth_macaddr_get(port->port_id, &s->spec.src_mac) != 0 ||
	     !rte_is_valid_assigned_ether_addr(&s->spec.src_mac)))
		s->spec.src_mac = o->src_mac;
	s->spec.dst_mac = o->dst_mac;
	s->spec.src_ip = o->src_ip;
	s->spec.dst_ip = o->dst_ip;
	s->spec.src_port = o->src_port;
	s->spec.dst_port = o->dst_port;
	s->spec.size = o->size;
}

static int
sender_setup(const struct gen_opts *o, const struct nbl_bind_reqs *reqs,
	     struct gen_sender *s)
{
	s->count = o->count;
	s->rate = o->rate;
	s->drain_ms = GEN_DRAIN_MS;
	s->queue = 0;
	s->ctx_size = GEN_CTX_SIZE;
	s->ctx_backfill = reqs->context_backfill;
	/* keep half the pool for the frames in flight */
	s->burst = RTE_MIN(o->burst, reqs->pool_count / 2);
	if (o->ff && s->burst > NBL_BIND_BURST_MAX)
		s->burst = NBL_BIND_BURST_MAX;
	if (s->burst == 0)
		s->burst = 1;
	if (o->count <= GEN_SEEN_MAX) {
		s->seen = calloc((size_t)(o->count + 63) / 64,
				 sizeof(uint64_t));
		if (s->seen == NULL)
			return -ENOMEM;
	}
	return 0;
}

int
gen_job_run(const struct gen_opts *o, const struct gen_port *port,
	    bool *held)
{
	struct nbl_bind_reqs reqs;
	struct nbl_bind_conf conf;
	struct gen_sender *s;
	struct nbl_bind *bind;
	struct tmpl_arg targ;
	unsigned int lcore;
	uint8_t *tmpl = NULL;
	int ret, rc;

	*held = false;
	s = rte_zmalloc("nblgen_sender", sizeof(*s), RTE_CACHE_LINE_SIZE);
	if (s == NULL) {
		fprintf(stderr, "nblgen: out of memory\n");
		return GEN_EXIT_FAIL;
	}
	/* the template first: the pool is made with it at open */
	spec_setup(o, port, s);
	tmpl = rte_malloc("nblgen_tmpl", o->size, 0);
	if (tmpl == NULL) {
		fprintf(stderr, "nblgen: out of memory\n");
		rte_free(s);
		return GEN_EXIT_FAIL;
	}
	s->tmpl_cksum = gen_frame_build(&s->spec, tmpl);
	s->cksum_frame = o->cksum == GEN_CKSUM_FRAME;
	if (!s->cksum_frame) {
		/* the NBLs ask for both checksums; the buffers hold none */
		gen_frame_cksum_clear(tmpl);
		s->csum_info = nbl_csum_info(NBL_CSUM_TX_IPV4 | NBL_CSUM_TX_IP |
					     NBL_CSUM_TX_UDP, 0);
	}
	s->tmpl = tmpl;
	targ.frame = tmpl;
	targ.len = o->size;
	nbl_bind_conf_init(&conf);
	conf.name = "nblgen";
	conf.nb_tx_queues = 1;
	conf.burst = (uint16_t)o->burst;
	conf.ctx_size = GEN_CTX_SIZE;
	conf.mtu = o->size > RTE_ETHER_MAX_LEN - RTE_ETHER_CRC_LEN ?
		o->size - RTE_ETHER_HDR_LEN : 0;
	conf.verbose = o->verbose;
	conf.sw_offload = o->cksum == GEN_CKSUM_SOFTWARE;
	conf.log = stdout;
	conf.send_complete = gen_sender_complete;
	conf.ctx = s;
	conf.obj_init = tmpl_write;
	conf.obj_init_arg = &targ;
	/* new NBLs hold the template's length, when the port carries it (a
	 * frame it cannot carry is refused after open, with the reason) */
	if (nbl_bind_reqs_compute(port->port_id, &conf, &reqs) == 0 &&
	    o->size <= reqs.max_frame)
		conf.frame_len = o->size;
	bind = nbl_bind_create(port->port_id, &conf);
	if (bind == NULL) {
		fprintf(stderr, "nblgen: cannot bind port %u (%s): %s\n",
			port->port_id, port->name, rte_strerror(rte_errno));
		rte_free(tmpl);
		rte_free(s);
		return GEN_EXIT_FAIL;
	}
	ret = bind_open(o, port, bind, &reqs);
	if (ret != GEN_EXIT_OK)
		goto out;
	ret = GEN_EXIT_FAIL;
	s->bind = bind;
	rc = nbl_bind_restart(bind, NULL); /* Paused -> Running */
	if (rc != 0) {
		fprintf(stderr, "nblgen: cannot start the binding: %s\n",
			strerror(-rc));
		goto out;
	}
	/* the pool of the requirements in effect, idle until we send */
	nbl_bind_reqs_get(bind, &reqs);
	s->pool = nbl_bind_pool(bind);
	s->ff = o->ff;
	s->txq = nbl_bind_txq(bind, 0);
	if (s->txq == NULL) {
		fprintf(stderr, "nblgen: no TX queue: %s\n",
			rte_strerror(rte_errno));
		goto out;
	}
	rc = sender_setup(o, &reqs, s);
	if (rc != 0 || s->pool == NULL) {
		fprintf(stderr, "nblgen: out of memory\n");
		goto out;
	}
	/* the sender writes no length: new NBLs must hold the frame's */
	if (s->pool->init_length != o->size) {
		fprintf(stderr, "nblgen: error: the binding's pool gives "
			"%u-byte NBLs, not %u\n", s->pool->init_length,
			o->size);
		goto out;
	}
	lcore = rte_get_next_lcore(-1, 1, 0);
	print_sending(o, s, lcore < RTE_MAX_LCORE ? lcore :
		      rte_get_main_lcore());
	if (lcore < RTE_MAX_LCORE) {
		rc = rte_eal_remote_launch(gen_sender_main, s, lcore);
		if (rc != 0) {
			fprintf(stderr, "nblgen: cannot launch lcore %u: "
				"%s\n", lcore, strerror(-rc));
			goto out;
		}
		/* the main lcore sleeps: on a small machine the sender
		 * should have a core to itself */
		while (rte_eal_get_lcore_state(lcore) == RUNNING)
			usleep(1000);
		rte_eal_wait_lcore(lcore);
	} else {
		gen_sender_main(s);
	}
	ret = GEN_EXIT_OK;
out:
	if (!bind_close(bind, o->verbose, held))
		ret = GEN_EXIT_FAIL;
	if (s->pool != NULL && !report(o, s))
		ret = GEN_EXIT_FAIL;
	if (ret == GEN_EXIT_OK && port->pcap[0] != '\0' &&
	    gen_pcap_check(port->pcap, &s->spec, s->submitted) != 0)
		ret = GEN_EXIT_FAIL;
	free(s->seen);
	rte_free(tmpl);
	rte_free(s);
	return ret;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* --verify of a capture a net_pcap port wrote: every frame must be one of
 * the port's streams' (pkt_tmpl_verify(): headers, lengths, checksums,
 * payload, signature), and each stream's frames must number what it
 * sent. */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include <pcap/pcap.h>

#include "run.h"

/* The stream (index) a frame belongs to, or -1 with why filled. */
static int
frame_stream(const struct app_run *r, unsigned int port, const uint8_t *f,
	     uint32_t len, struct pkt_verify *why)
{
	unsigned int i, j;

	for (i = 0; i < r->nstreams; i++) {
		const struct app_rstream *rs = &r->rs[i];

		if (rs->conf->port != port)
			continue;
		for (j = 0; j < RTE_MAX(rs->nshares, 1u); j++) {
			uint16_t id = (uint16_t)((rs->conf->index & 0xfff) |
						 j << 12);

			if (pkt_tmpl_verify(rs->tmpl, f, len, UINT64_MAX, id,
					    why) == 0)
				return (int)i;
		}
	}
	return -1;
}

bool
app_readback(const struct app_run *r, unsigned int port, const char *path)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	struct pkt_verify why;
	uint64_t *count, n = 0;
	bool ok = true;
	unsigned int i;
	pcap_t *pc;
	int rc;

	count = calloc(r->nstreams, sizeof(*count));
	if (count == NULL)
		return false;
	pc = pcap_open_offline(path, errbuf);
	if (pc == NULL) {
		printf("nblgen: error: --verify: cannot read %s: %s\n", path,
		       errbuf);
		free(count);
		return false;
	}
	while ((rc = pcap_next_ex(pc, &h, &data)) == 1) {
		int s;

		n++;
		if (h->caplen != h->len) {
			printf("nblgen: error: --verify: %s frame %" PRIu64
			       ": truncated to %u of %u bytes\n", path, n,
			       h->caplen, h->len);
			ok = false;
			break;
		}
		s = frame_stream(r, port, data, h->caplen, &why);
		if (s < 0) {
			printf("nblgen: error: --verify: %s frame %" PRIu64
			       " (%u bytes) is no stream's: %s (byte %u)\n",
			       path, n, h->caplen, why.why,
			       why.bad_off ? why.bad_off - 1 : 0);
			ok = false;
			break;
		}
		count[s]++;
	}
	if (rc == PCAP_ERROR) {
		printf("nblgen: error: --verify: %s: %s\n", path,
		       pcap_geterr(pc));
		ok = false;
	}
	pcap_close(pc);
	for (i = 0; ok && i < r->nstreams; i++) {
		const struct stats_tx *t = &r->rs[i].final;

		if (r->rs[i].conf->port != port)
			continue;
		if (count[i] != t->tx_packets) {
			printf("nblgen: error: --verify: %s holds %" PRIu64
			       " frames of %s, it sent %" PRIu64 "\n", path,
			       count[i], r->rs[i].conf->name, t->tx_packets);
			ok = false;
		}
	}
	if (ok)
		printf("nblgen: --verify: %s holds %" PRIu64 " frames, each "
		       "byte as its stream built it, as many as were sent\n",
		       path, n);
	free(count);
	return ok;
}

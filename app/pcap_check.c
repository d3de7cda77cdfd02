/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* Read the pcap file a net_pcap port wrote and check every byte. */

#include <inttypes.h>
#include <stdio.h>

#include <pcap/pcap.h>

#include "app.h"

int
gen_pcap_check(const char *path, const struct gen_frame_spec *spec,
	       uint64_t count)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	uint64_t n = 0;
	pcap_t *pc;
	int rc, ret = 0;

	pc = pcap_open_offline(path, errbuf);
	if (pc == NULL) {
		printf("nblgen: error: pcap check: cannot read %s: %s\n", path,
		       errbuf);
		return -1;
	}
	while ((rc = pcap_next_ex(pc, &h, &data)) == 1) {
		uint32_t bad;

		if (n >= count) {
			n++;
			continue;
		}
		if (h->caplen != h->len) {
			printf("nblgen: error: pcap check: %s frame %" PRIu64
			       " truncated to %u of %u bytes\n", path, n + 1,
			       h->caplen, h->len);
			ret = -1;
			break;
		}
		bad = gen_frame_verify(spec, data, h->caplen, n);
		if (bad != 0) {
			printf("nblgen: error: pcap check: %s frame %" PRIu64
			       " (%u bytes) differs from sequence %" PRIu64
			       " (code 0x%x)\n", path, n + 1, h->caplen, n,
			       bad);
			ret = -1;
			break;
		}
		n++;
	}
	if (rc == PCAP_ERROR) {
		printf("nblgen: error: pcap check: %s: %s\n", path,
		       pcap_geterr(pc));
		ret = -1;
	}
	pcap_close(pc);
	if (ret != 0)
		return ret;
	if (n != count) {
		printf("nblgen: error: pcap check: %s holds %" PRIu64
		       " frames, %" PRIu64 " were sent\n", path, n, count);
		return -1;
	}
	printf("nblgen: pcap check: %s holds %" PRIu64 " frames, sequence 0 "
	       "to %" PRIu64 ", every byte as sent (open it in Wireshark)\n",
	       path, n, n == 0 ? 0 : n - 1);
	return 0;
}

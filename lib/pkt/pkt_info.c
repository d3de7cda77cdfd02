/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* What a template tells about its frames' layout to other layers. */

#include <errno.h>
#include <netinet/in.h>

#include "pkt_private.h"

int
pkt_tmpl_l4(const struct pkt_tmpl *t, uint32_t *l3_off, uint32_t *l4_off,
	    uint8_t *proto, bool *ipv6)
{
	int l3 = -1;
	unsigned int i;

	if (t == NULL || t->st.tun != 0)
		return -ENOTSUP;
	for (i = 0; i < t->st.n; i++) {
		const struct pkt_hdr *h = &t->hdr[i];

		if (h->proto == P_IPV4 || h->proto == P_IPV6) {
			l3 = (int)i;
			continue;
		}
		if (l3 >= 0 && (h->proto == P_UDP || h->proto == P_TCP)) {
			*l3_off = t->hdr[l3].off;
			*l4_off = h->off;
			*proto = h->proto == P_UDP ? IPPROTO_UDP : IPPROTO_TCP;
			*ipv6 = t->hdr[l3].proto == P_IPV6;
			return 0;
		}
	}
	return -ENOTSUP;
}

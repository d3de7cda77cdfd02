/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* The UDP frame template and its checker. */

#include <stdbool.h>
#include <string.h>

#include <rte_byteorder.h>

#include "frame.h"

uint16_t
gen_frame_build(const struct gen_frame_spec *spec, void *buf)
{
	struct rte_ether_hdr *eth = buf;
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(eth + 1);
	struct rte_udp_hdr *udp = (struct rte_udp_hdr *)(ip + 1);
	uint8_t *pl = (uint8_t *)(udp + 1);
	uint32_t pl_len = spec->size - (uint32_t)GEN_HDR_LEN;
	uint32_t k;

	rte_ether_addr_copy(&spec->dst_mac, &eth->dst_addr);
	rte_ether_addr_copy(&spec->src_mac, &eth->src_addr);
	eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);

	memset(ip, 0, sizeof(*ip));
	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->total_length = rte_cpu_to_be_16((uint16_t)(spec->size -
						       RTE_ETHER_HDR_LEN));
	ip->fragment_offset = rte_cpu_to_be_16(RTE_IPV4_HDR_DF_FLAG);
	ip->time_to_live = 64;
	ip->next_proto_id = IPPROTO_UDP;
	ip->src_addr = spec->src_ip;
	ip->dst_addr = spec->dst_ip;
	ip->hdr_checksum = rte_ipv4_cksum(ip);

	udp->src_port = rte_cpu_to_be_16(spec->src_port);
	udp->dst_port = rte_cpu_to_be_16(spec->dst_port);
	udp->dgram_len = rte_cpu_to_be_16((uint16_t)(pl_len +
						     sizeof(*udp)));
	udp->dgram_cksum = 0;

	memcpy(pl, GEN_MAGIC, 4);
	memset(pl + GEN_SEQ_OFF, 0, 8);
	for (k = GEN_PAYLOAD_HDR; k < pl_len; k++)
		pl[k] = (uint8_t)k;
	udp->dgram_cksum = rte_ipv4_udptcp_cksum(ip, udp);
	return udp->dgram_cksum;
}

/* The one's complement sum over pseudo header and datagram, checksum
 * included, is 0xffff when the checksum is right. */
static bool
udp_cksum_ok(const struct rte_ipv4_hdr *ip)
{
	const struct rte_udp_hdr *udp = (const struct rte_udp_hdr *)(ip + 1);
	uint32_t sum;

	if (udp->dgram_cksum == 0)
		return false; /* nblgen always sends a checksum */
	sum = rte_ipv4_phdr_cksum(ip, 0);
	sum += rte_raw_cksum(udp, rte_be_to_cpu_16(udp->dgram_len));
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return sum == 0xffff;
}

uint32_t
gen_frame_verify(const struct gen_frame_spec *spec, const void *frame,
		 uint32_t len, uint64_t seq)
{
	uint8_t want[GEN_FRAME_BUF];
	const uint8_t *got = frame;
	const struct rte_ipv4_hdr *ip;
	uint16_t ck;
	uint32_t i;

	if (len != spec->size || spec->size > sizeof(want))
		return len + 1;
	ip = (const struct rte_ipv4_hdr *)(got + RTE_ETHER_HDR_LEN);
	if (rte_raw_cksum(ip, sizeof(*ip)) != 0xffff)
		return 0xffff0000u | 1;
	if (!udp_cksum_ok(ip))
		return 0xffff0000u | 2;
	ck = gen_frame_build(spec, want);
	gen_frame_seq_set(want, ck, seq);
	for (i = 0; i < len; i++)
		if (got[i] != want[i])
			return i + 1;
	return 0;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef GEN_FRAME_H
#define GEN_FRAME_H

/**
 * @file
 * The UDP frame nblgen sends: Ethernet / IPv4 / UDP with valid checksums
 * and a payload a receiver can check byte by byte:
 *
 *   payload[0..3]   "NBLG"
 *   payload[4..11]  sequence number, 64-bit big endian, from 0
 *   payload[k]      (uint8_t)k for every k >= 12
 *
 * The template is built once per buffer (pool object init); per frame only
 * the sequence number and the UDP checksum change, the checksum by an
 * incremental update (RFC 1624).  Nothing here needs the EAL.
 */

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_udp.h>

/** Bytes of Ethernet + IPv4 + UDP headers. */
#define GEN_HDR_LEN (RTE_ETHER_HDR_LEN + sizeof(struct rte_ipv4_hdr) + \
		     sizeof(struct rte_udp_hdr))
/** Offset of the payload in the frame. */
#define GEN_PAYLOAD_OFF GEN_HDR_LEN
/** Offset of the sequence number in the payload. */
#define GEN_SEQ_OFF 4
/** Bytes of payload before the fill pattern. */
#define GEN_PAYLOAD_HDR 12
/** Largest frame gen_frame_verify() checks. */
#define GEN_FRAME_BUF 9216
/** Payload magic. */
#define GEN_MAGIC "NBLG"

/** What goes into every frame. */
struct gen_frame_spec {
	struct rte_ether_addr src_mac; /**< source MAC */
	struct rte_ether_addr dst_mac; /**< destination MAC */
	uint32_t src_ip;   /**< network order */
	uint32_t dst_ip;   /**< network order */
	uint16_t src_port; /**< host order */
	uint16_t dst_port; /**< host order */
	uint32_t size;     /**< frame bytes without FCS, >= GEN_HDR_LEN + 12 */
};

/**
 * Write the frame with sequence number 0 into buf.
 *
 * @param spec
 *   Addresses and size.
 * @param buf
 *   At least spec->size bytes.
 * @return
 *   The UDP checksum of the template (network order), the base of
 *   gen_frame_seq_set().
 */
uint16_t gen_frame_build(const struct gen_frame_spec *spec, void *buf);

/** Offset of the UDP checksum in a frame of gen_frame_build(). */
#define GEN_CKSUM_OFF (RTE_ETHER_HDR_LEN + sizeof(struct rte_ipv4_hdr) + \
		       offsetof(struct rte_udp_hdr, dgram_cksum))

/**
 * UDP checksum of the template frame with a sequence number in place of
 * its zeros.
 *
 * @param tmpl_cksum
 *   What gen_frame_build() returned.
 * @param be_seq
 *   Sequence number, big-endian (as it sits in the frame).
 * @return
 *   The checksum field (0xffff for a zero sum), as it sits in the frame.
 */
static inline uint16_t
gen_frame_cksum(uint16_t tmpl_cksum, uint64_t be_seq)
{
	uint16_t w[4];
	uint32_t sum;
	uint16_t ck;

	memcpy(w, &be_seq, sizeof(w));
	/* the template holds zeros there: add the new words to its sum */
	sum = (uint16_t)~tmpl_cksum;
	sum += (uint32_t)w[0] + w[1] + w[2] + w[3];
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	ck = (uint16_t)~sum;
	return ck == 0 ? 0xffff : ck;
}

/** Offset of the IPv4 header checksum in a frame of gen_frame_build(). */
#define GEN_IP_CKSUM_OFF (RTE_ETHER_HDR_LEN + \
			  offsetof(struct rte_ipv4_hdr, hdr_checksum))

/**
 * Stamp a sequence number into a frame whose checksums someone else
 * writes (the port's TX offloads or the binding); the checksum fields are
 * left as they are.
 *
 * @param frame
 *   The frame.
 * @param seq
 *   Sequence number.
 */
static inline void
gen_frame_seq_only(void *frame, uint64_t seq)
{
	uint64_t be = rte_cpu_to_be_64(seq);

	memcpy((uint8_t *)frame + GEN_PAYLOAD_OFF + GEN_SEQ_OFF, &be,
	       sizeof(be));
}

/**
 * Clear the IPv4 and UDP checksums of a frame built by gen_frame_build()
 * (they are left to the port or the binding).
 *
 * @param frame
 *   The frame.
 */
static inline void
gen_frame_cksum_clear(void *frame)
{
	memset((uint8_t *)frame + GEN_IP_CKSUM_OFF, 0, sizeof(uint16_t));
	memset((uint8_t *)frame + GEN_CKSUM_OFF, 0, sizeof(uint16_t));
}

/**
 * Stamp a sequence number into a frame built by gen_frame_build() and fix
 * its UDP checksum from the template's (whatever sequence it held before).
 *
 * @param frame
 *   The frame.
 * @param tmpl_cksum
 *   What gen_frame_build() returned.
 * @param seq
 *   Sequence number.
 */
static inline void
gen_frame_seq_set(void *frame, uint16_t tmpl_cksum, uint64_t seq)
{
	uint8_t *f = frame;
	uint64_t be = rte_cpu_to_be_64(seq);
	uint16_t ck = gen_frame_cksum(tmpl_cksum, be);

	memcpy(f + GEN_PAYLOAD_OFF + GEN_SEQ_OFF, &be, sizeof(be));
	memcpy(f + GEN_CKSUM_OFF, &ck, sizeof(ck));
}

/**
 * Check a frame against the spec and a sequence number: headers,
 * checksums and every payload byte.
 *
 * @param spec
 *   What the frame should hold.
 * @param frame
 *   The frame.
 * @param len
 *   Its length.
 * @param seq
 *   Expected sequence number.
 * @return
 *   0, or the offset + 1 of the first wrong byte (or len + 1 for a wrong
 *   length, 0xffff0000 | n for checksum n: 1 IP, 2 UDP).
 */
uint32_t gen_frame_verify(const struct gen_frame_spec *spec,
			  const void *frame, uint32_t len, uint64_t seq);

#endif /* GEN_FRAME_H */

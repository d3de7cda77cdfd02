/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
#ifndef PKT_H
#define PKT_H

/**
 * @file
 * libnblpkt: what a stream's frames hold, from a user's description to
 * the bytes in a buffer, with no EAL (DPDK's header-only rte_ether.h,
 * rte_ip.h, rte_udp.h, ... and rte_errno only).
 *
 * - A *spec* (struct pkt_spec) is a stream's description as keys and
 *   values, the same keys for the command line (--key VALUE) and the INI
 *   file (key = VALUE): the header stack ("eth/vlan/ipv4/udp"), field
 *   values and flow ranges, the size plan, the payload and the signature.
 *   pkt_key_get() lists the keys with their help and default.
 * - A *template* (struct pkt_tmpl) is a spec compiled once: the header
 *   bytes, a table of field offsets, the checksum plan, the size plan and
 *   the payload.  It writes whole frames (pkt_tmpl_write(): a pool's
 *   object initialiser) and checks them (pkt_tmpl_verify(): the one
 *   checker every test, the NDIS engine's --verify and the capture
 *   read-back use).
 * - A *stamp* (struct pkt_stamp) is one sender's per-frame state: the
 *   flow counters, the sequence number, each TCP flow's next sequence
 *   number and the random generator.  Its inline pkt_stamp_frame() writes
 *   what changes per frame into a buffer that already holds the template
 *   (flow fields, lengths, the 16-byte signature, the TCP sequence
 *   number) and fixes every checksum incrementally (RFC 1624), with no
 *   allocation, syscall or library call.
 *
 * Lengths: a frame *size* counts the 4-byte FCS (the size plan, "64" to
 * "1518", as RFC 2544 counts); a frame *length* is the bytes in a buffer,
 * without FCS (size - 4).  Every function below takes lengths, except the
 * size plan key and pkt_tmpl_mean_size().
 *
 * Header stacks (names joined by '/'):
 *
 *     eth [vlan | qinq] [mpls] (ipv4 | ipv6) (udp | tcp | icmp | icmpv6)
 *     eth [vlan | qinq] arp
 *
 * and tunnels, whose inner frame follows the tunnel header:
 *
 *     ... (ipv4 | ipv6) / udp / (vxlan | geneve) / eth [vlan] (ipv4 | ipv6) L4
 *     ... (ipv4 | ipv6) / gre / [eth [vlan]] (ipv4 | ipv6) L4
 *
 * icmp goes with ipv4 and icmpv6 with ipv6; qinq is an 802.1ad S-tag
 * followed by an 802.1Q C-tag; mpls is a label stack (key "mpls").  The
 * headers before the tunnel header are the *outer* ones (keys without a
 * prefix), those after it the *inner* ones (keys with "inner-").  The
 * outer headers of a tunnel (pkt_tmpl_outer_len() bytes) are what a
 * sender prepends through the binding's back-fill; the inner frame is the
 * template a pool holds.
 *
 * Field values (keys src-mac, dst-mac, vlan, svlan, src-ip, dst-ip,
 * src-port, dst-port, vni, gre-key, ttl and their inner- forms):
 *
 *     VALUE                      fixed
 *     FIRST-LAST[,inc|,dec|,random][,step=N]
 *                                a range, stepped once per frame
 *
 * Ranged inc/dec fields form an odometer in key order (the first one
 * changes fastest, the next steps when it wraps), so "src-ip =
 * 10.0.0.1-10.0.0.32" with "dst-port = 5000-5031" gives 1024 flows;
 * random fields draw per frame from the stamp's generator (seeded, so a
 * run repeats).  An IPv6 range may differ only in its low 64 bits.
 *
 * Size plans (key size; sizes with FCS): "64", "64-1518" (every size in
 * turn; ",random" draws them uniformly), "imix" (64:7,594:4,1518:1) or
 * weights "64:7,594:4,1518:1" (a class sequence with exactly these
 * proportions in every cycle of sum(weights) frames, shuffled with the
 * seed).  pkt_tmpl_create() refuses a plan whose smallest size cannot
 * hold the headers (and the signature): "size 64: eth/ipv6/tcp needs at
 * least 78 bytes".
 *
 * Payload (key payload): "zeros", "inc" (byte k of the payload is k mod
 * 256; the default), "random" (a seeded pattern, the same in every frame)
 * or "hex:DEADBEEF" (repeated).  With "signature = yes" the last 16 bytes
 * of the payload are the signature (all fields big-endian):
 *
 *     0  magic 0x4E42 ("NB")     2  id (stream)
 *     4  sequence number (32)    8  TX timestamp in ns (64)
 *
 * Frames: IPv4 with IHL 5, DF, ID 0; IPv6 with hop limit = ttl, traffic
 * class = tos, flow label 0; TCP of 20 bytes, seq of its byte stream
 * (below), ack 1 with flag A (the default flags) else 0, window 65535;
 * ICMP and ICMPv6 echo requests of id 0x4E42, seq 0; ARP for
 * Ethernet/IPv4, a request to ff:ff:ff:ff:ff:ff by default (sender
 * src-mac/src-ip, target dst-ip, a reply's target MAC dst-mac), padded
 * with zeros; MPLS labels of TTL 64 with BoS on the last; VXLAN (flag I,
 * port 4789), GENEVE (6081, protocol 0x6558), GRE (0x0800, 0x86DD, or
 * 0x6558 for Ethernet; K and the key with gre-key).  The outer UDP of
 * VXLAN or GENEVE has checksum 0 over IPv4 (RFC 7348) and a real one over
 * IPv6, the one checksum a stamp computes over the whole frame
 * (full_ck).  tshark 4.0 dissects them all
 * with good checksums and no expert information above a note; the notes:
 * TCP segments without payload are "duplicate ACKs", ARP frames with a
 * signature have "an undecoded trailer" (tshark guesses at payloads by
 * port: tests/pkt_judge.py decodes them as data).
 *
 * TCP byte streams: in each TCP flow, frame k's sequence number (in the
 * TCP header that carries the payload, the inner one of a tunnel) is 1
 * plus the sequence space of the flow's earlier frames: their payload
 * bytes (the signature's too), plus 1 each for SYN and FIN.  A TCP flow
 * is a tuple of values of the connection's ranged fields (src-ip, dst-ip,
 * src-port, dst-port, or their inner- forms after a tunnel): the
 * mixed-radix number of their value indexes (inc/dec: the odometer's;
 * random: the one drawn).  So the product of their spans is the number
 * of flows: pkt_tmpl_create() refuses more than PKT_TCP_FLOWS_MAX (a
 * stamp keeps one next sequence number each).  The other ranged fields
 * (MACs, VLANs, TTL, VNI...) make no flows of their own: a receiver sees
 * one connection whatever they are.  Each stamp keeps its own byte
 * streams: several senders of one stream (shares with their own
 * signature ids but the same flows) repeat each other's sequence
 * numbers, which a receiver sees only where their frames meet on a wire.
 *
 * Error contract: constructors return NULL and set rte_errno (EINVAL: a
 * bad spec, with the reason in err; ENOMEM); control calls return 0 or a
 * negative errno and fill err with a message naming the key, the value
 * and the problem; inline calls cannot fail.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <rte_branch_prediction.h>
#include <rte_byteorder.h>
#include <rte_common.h>
#include <rte_memcpy.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Bytes of the FCS a port appends to every frame. */
#define PKT_FCS_LEN 4
/** Smallest frame size (with FCS). */
#define PKT_SIZE_MIN 64
/** Largest frame size (with FCS): a 9000-byte MTU, QinQ and MPLS. */
#define PKT_SIZE_MAX 9216
/** Bytes of the signature at the tail of the payload. */
#define PKT_SIG_LEN 16
/** Signature magic (big-endian on the wire). */
#define PKT_SIG_MAGIC 0x4E42
/** Most headers in a stack. */
#define PKT_STACK_MAX 16
/** Most fields that change per frame. */
#define PKT_VAR_MAX 16
/** Most checksums a frame carries (outer IPv4, outer UDP, inner IPv4,
 * inner L4). */
#define PKT_CK_MAX 4
/** Most size classes of a weighted plan. */
#define PKT_CLASS_MAX 64
/** Longest class sequence (sum of the weights). */
#define PKT_SEQ_MAX 4096
/** Room for an error message. */
#define PKT_ERR_LEN 256
/** Most TCP flows of a stream (byte streams a stamp keeps). */
#define PKT_TCP_FLOWS_MAX (1u << 20)

/* ------------------------------------------------------------------ */
/* Keys and specs                                                      */
/* ------------------------------------------------------------------ */

/** One key of a stream description. */
struct pkt_key {
	const char *name; /**< key and long option name ("src-ip") */
	const char *arg;  /**< value placeholder for --help ("ADDR[-LAST]") */
	const char *def;  /**< default, as text */
	const char *help; /**< one sentence, with the unit */
};

/**
 * The keys of a stream description, in a stable order.
 *
 * @param i Index from 0.
 * @return The key, or NULL past the last one.
 */
const struct pkt_key *pkt_key_get(unsigned int i);

struct pkt_spec;

/**
 * Create a spec holding every default (eth/ipv4/udp from 127.0.0.1:49152
 * to 127.0.0.1:9, 02:00:00:00:00:01 to 02:00:00:00:00:02, size 64,
 * payload inc, no signature).
 *
 * @return The spec, or NULL with rte_errno ENOMEM.
 */
struct pkt_spec *pkt_spec_create(void);

/**
 * Copy a spec.
 *
 * @param spec The spec.
 * @return A new spec, or NULL with rte_errno ENOMEM.
 */
struct pkt_spec *pkt_spec_copy(const struct pkt_spec *spec);

/**
 * Free a spec.
 * @param spec The spec, or NULL.
 */
void pkt_spec_free(struct pkt_spec *spec);

/**
 * Set one key.  The value is checked alone here (syntax, range); what
 * depends on other keys (a key for a header the stack lacks, a size too
 * small for the headers) is checked by pkt_tmpl_create().
 *
 * @param spec The spec.
 * @param key A key of pkt_key_get().
 * @param value Its value.
 * @param err Filled on error with the problem in a user's terms, without the
 *   key (the caller names the option or the file, section and key): "'x' is not
 *   an IPv4 or IPv6 address".
 * @param errlen Size of err.
 * @return 0, -ENOENT (no such key) or -EINVAL (bad value).
 */
int pkt_spec_set(struct pkt_spec *spec, const char *key, const char *value,
		 char *err, size_t errlen);

/**
 * Whether a key was set (not left at its default).
 *
 * @param spec The spec.
 * @param key A key.
 * @return true if pkt_spec_set() set it.
 */
bool pkt_spec_is_set(const struct pkt_spec *spec, const char *key);

/**
 * The value of a key as text (what was set, or the default), for the
 * run manifest.
 *
 * @param spec The spec.
 * @param key A key.
 * @param buf Output.
 * @param len Size of buf.
 * @return 0, -ENOENT (no such key) or -ENOSPC (buf too small).
 */
int pkt_spec_get(const struct pkt_spec *spec, const char *key, char *buf,
		 size_t len);

/* ------------------------------------------------------------------ */
/* Templates                                                           */
/* ------------------------------------------------------------------ */

struct pkt_tmpl;

/**
 * Compile a spec: check it as a whole and build the header bytes, the
 * field table, the checksum plan, the size plan and the payload.
 *
 * @param spec The spec.
 * @param seed Seed of the random payload and of the class sequence's shuffle.
 * @param err Filled with the reason when the spec is refused, naming the
 *   key(s): "size 64: eth/ipv6/tcp with a signature needs at least 94 bytes".
 * @param errlen Size of err.
 * @return The template, or NULL with rte_errno EINVAL (refused) or ENOMEM.
 */
struct pkt_tmpl *pkt_tmpl_create(const struct pkt_spec *spec, uint64_t seed,
				 char *err, size_t errlen);

/**
 * Free a template.
 * @param t The template, or NULL.
 */
void pkt_tmpl_free(struct pkt_tmpl *t);

/**
 * The header stack as text ("eth/ipv4/udp/vxlan/eth/ipv4/udp").
 * @param t The template.
 * @return A string owned by the template.
 */
const char *pkt_tmpl_stack(const struct pkt_tmpl *t);

/**
 * Bytes of every header of a frame (outer and inner), up to the payload.
 * @param t The template.
 * @return The header length.
 */
uint32_t pkt_tmpl_hdr_len(const struct pkt_tmpl *t);

/**
 * Bytes of the outer headers of a tunnel (Ethernet to the tunnel header
 * included): what a sender prepends through the binding's back-fill to
 * an inner frame.  0 without a tunnel.
 *
 * @param t The template.
 * @param what If not NULL, set to a description ("VXLAN over IPv4: 50 bytes")
 *   owned by the template ("" without a tunnel).
 * @return The outer length.
 */
uint32_t pkt_tmpl_outer_len(const struct pkt_tmpl *t, const char **what);

/**
 * Smallest and largest frame length (without FCS) of the size plan.
 *
 * @param t The template.
 * @param min Filled in (may be NULL).
 * @param max Filled in (may be NULL).
 */
void pkt_tmpl_len_range(const struct pkt_tmpl *t, uint32_t *min,
			uint32_t *max);

/**
 * Mean frame size with FCS of the size plan, as an exact fraction.
 *
 * @param t The template.
 * @param num Numerator (total bytes of one cycle of the plan).
 * @param den Denominator (frames of the cycle).
 */
void pkt_tmpl_mean_size(const struct pkt_tmpl *t, uint64_t *num,
			uint64_t *den);

/**
 * Whether every frame is the same given its length: no ranged field, no
 * signature, no TCP (its sequence numbers advance).  Such a stream can be
 * sent by the template burst (frames written once per buffer, one pool
 * per size class).
 *
 * @param t The template.
 * @return true when nothing changes per frame but the length.
 */
bool pkt_tmpl_static(const struct pkt_tmpl *t);

/**
 * Size classes of the plan: a fixed size is one class, a weighted plan
 * (imix, weights) one per size, a range none (0).
 *
 * @param t The template.
 * @param len If not NULL, filled with the classes' frame lengths (without FCS),
 *   PKT_CLASS_MAX entries at most.
 * @param weight If not NULL, filled with their weights.
 * @return The number of classes.
 */
unsigned int pkt_tmpl_classes(const struct pkt_tmpl *t, uint32_t *len,
			      uint32_t *weight);

/**
 * The class sequence of the plan: the class of frame k is seq[k % n].
 * For a fixed size, {0}; for weights, sum(weights) entries with each
 * class exactly as often as its weight, shuffled with the seed; for a
 * range, none.
 *
 * @param t The template.
 * @param n Filled with the number of entries (0 for a range).
 * @return The sequence (owned by the template), or NULL for a range.
 */
const uint8_t *pkt_tmpl_class_seq(const struct pkt_tmpl *t, uint32_t *n);

/**
 * Number of distinct flows the inc/dec fields walk (the product of their
 * spans; 1 without ranges; random fields are not counted).
 *
 * @param t The template.
 * @return The count (saturates at UINT64_MAX).
 */
uint64_t pkt_tmpl_flows(const struct pkt_tmpl *t);

/**
 * Write a whole frame: every header with the values of flow number
 * `flow` of the odometer (flow n holds what a stamp's frame n holds: 0 is
 * the first value of inc fields and the last of dec fields; random fields
 * take their first value; the TCP sequence number of frame n where
 * pkt_tmpl_verify() knows it, else 1), lengths for len, the payload
 * pattern to the last byte (no signature: a stamp writes it) and every
 * checksum correct.
 *
 * @param t The template.
 * @param buf At least len bytes.
 * @param len Frame length without FCS, within pkt_tmpl_len_range().
 * @param flow Frame number (its flow: modulo pkt_tmpl_flows()).
 * @return 0, or -EINVAL (len outside the plan's range).
 */
int pkt_tmpl_write(const struct pkt_tmpl *t, void *buf, uint32_t len,
		   uint64_t flow);

/**
 * Where the headers a port's TX checksum offload computes are: the IP
 * header and the UDP or TCP header of a frame without a tunnel (for the
 * NBL's TcpIpChecksum info).
 *
 * @param t The template.
 * @param l3_off Filled with the IPv4 or IPv6 header's offset.
 * @param l4_off Filled with the UDP or TCP header's offset.
 * @param proto Filled with IPPROTO_UDP or IPPROTO_TCP.
 * @param ipv6 Filled with true for IPv6.
 * @return 0, or -ENOTSUP (a tunnel, or no IPv4/IPv6 with UDP/TCP).
 */
int pkt_tmpl_l4(const struct pkt_tmpl *t, uint32_t *l3_off,
		uint32_t *l4_off, uint8_t *proto, bool *ipv6);

/** What pkt_tmpl_verify() found in a frame. */
struct pkt_verify {
	uint32_t bad_off;    /**< first wrong byte + 1, 0 if none; len + 1
			      *   when len is not a length of the plan */
	char why[PKT_ERR_LEN]; /**< what is wrong, for a message */
	bool has_sig;        /**< a signature was read */
	uint16_t sig_id;     /**< its id */
	uint32_t seq;        /**< its sequence number */
	uint64_t ts_ns;      /**< its TX timestamp */
};

/**
 * Check a frame against the template: every header byte (fixed fields
 * exactly; ranged fields within their range, and for inc/dec fields
 * exactly the value of frame number n when n != UINT64_MAX), lengths
 * consistent with len and len within the plan, every checksum (IPv4
 * header, UDP/TCP/ICMP/ICMPv6), every payload byte outside the signature,
 * and the signature's magic and id (and its sequence number == n when n
 * != UINT64_MAX).  The TCP sequence number is checked exactly when n is
 * known, the size fixed and no connection field random: 1 + (n /
 * pkt_tmpl_flows()) * (a frame's sequence space) when the connection's
 * are the only inc/dec fields (else the other fields' earlier tuples
 * count too); otherwise only the TCP checksum covers it.
 *
 * @param t The template.
 * @param frame The frame.
 * @param len Its length without FCS.
 * @param n Its number in its stream from 0, or UINT64_MAX if unknown.
 * @param sig_id Expected signature id (ignored without a signature).
 * @param res Filled in.
 * @return 0 (good) or -EBADMSG (res says where and why).
 */
int pkt_tmpl_verify(const struct pkt_tmpl *t, const void *frame,
		    uint32_t len, uint64_t n, uint16_t sig_id,
		    struct pkt_verify *res);

/* ------------------------------------------------------------------ */
/* Stamps (per-frame writes, hot path)                                 */
/* ------------------------------------------------------------------ */

/** Field modes. */
enum pkt_mode {
	PKT_MODE_INC = 0, /**< odometer, upward */
	PKT_MODE_DEC,     /**< odometer, downward */
	PKT_MODE_RANDOM,  /**< uniform draw per frame */
};

/** @internal one field that changes per frame. */
struct pkt_var {
	uint16_t off;     /**< offset in the frame */
	uint8_t width;    /**< bytes written: 1, 2, 3, 4, 6 or 8 */
	uint8_t mode;     /**< enum pkt_mode */
	uint8_t ck_mask;  /**< checksums (bits of pkt_stamp::ck) it is in */
	uint8_t ck_odd;   /**< of those, where it starts at an odd offset */
	uint16_t pad;
	uint32_t radix;   /**< weight of its index in the TCP flow number
			   *   (0: not a field of the TCP connection) */
	uint64_t first;   /**< first value (low 64 bits for IPv6) */
	uint64_t span;    /**< values in the range (>= 2) */
	uint64_t step;    /**< step between values */
	uint64_t idx;     /**< current index (odometer) */
};

/** @internal one checksum the stamp maintains. */
struct pkt_ck {
	uint16_t off;     /**< offset of the checksum field */
	uint8_t l4;       /**< covers the payload (and the signature) */
	uint8_t udp;      /**< UDP: a zero result is sent as 0xffff */
	uint32_t base;    /**< one's complement sum of what is fixed, with
			   *   every varying field and the signature zero,
			   *   the lengths too unless the size is fixed,
			   *   the payload not included */
	uint16_t len_off[2]; /**< length fields it covers (0: none)... */
	uint16_t len_adj[2]; /**< ...each holding frame length - adj */
	uint8_t nlen;     /**< length fields it covers */
	uint8_t pseudo_len; /**< adds the L4 length (pseudo-header) */
	uint16_t l4_off;  /**< L4 start (pseudo-header length = len - l4_off) */
};

/** @internal a length field rewritten per frame for variable sizes. */
struct pkt_lenf {
	uint16_t off;     /**< offset of the 16-bit field */
	uint16_t adj;     /**< it holds frame length - adj */
};

/**
 * One sender's per-frame state.  Set up by pkt_stamp_init(), used by one
 * lcore only.
 */
struct pkt_stamp {
	const struct pkt_tmpl *t;   /**< template */
	uint64_t seq;               /**< next sequence number */
	uint64_t rng;               /**< xorshift64* state (never 0) */
	uint16_t sig_id;            /**< signature id */
	uint8_t sig;                /**< frames carry a signature */
	uint8_t nvar;               /**< ranged fields */
	uint8_t nck;                /**< checksums maintained (those that
				     *   change per frame) */
	uint8_t nlenf;              /**< length fields (variable sizes) */
	uint8_t size_mode;          /**< 0 fixed, 1 classes, 2 range inc,
				     *   3 range random */
	uint8_t full_ck;            /**< recompute the outer UDP checksum
				     *   over the whole frame (IPv6 tunnels) */
	uint16_t payload_off;       /**< offset of the payload */
	uint16_t outer_len;         /**< bytes of outer headers */
	uint32_t len_fixed;         /**< frame length of a fixed plan */
	uint32_t len_min;           /**< range: smallest length */
	uint32_t len_span;          /**< range: lengths in it */
	uint32_t len_idx;           /**< range inc: current index */
	uint32_t class_pos;         /**< position in the class sequence */
	uint32_t class_n;           /**< entries of the class sequence */
	const uint8_t *class_seq;   /**< class sequence */
	uint32_t class_len[PKT_CLASS_MAX]; /**< length of each class */
	const uint32_t *paysum;     /**< paysum[k]: one's complement sum of
				     *   the first k payload bytes */
	const uint8_t *payload;     /**< the payload pattern (for restores) */
	const uint8_t *outer;       /**< outer header bytes (wrap) */
	uint32_t *tcp_next;         /**< TCP: next sequence number of each
				     *   flow (allocated), else NULL */
	uint16_t tcp_seq_off;       /**< offset of the TCP sequence number */
	uint16_t tcp_adj;           /**< a frame takes len - tcp_adj of it */
	uint8_t tcp_ck;             /**< index in ck of the TCP checksum */
	uint8_t fast;               /**< PKT_FAST_*: a frame's whole stamp
				     *   in a few stores (set up by init) */
	uint16_t sig_off;           /**< PKT_FAST_SIG: signature offset */
	uint16_t ck_off;            /**< PKT_FAST_SIG: checksum offset */
	uint8_t ck_udp;             /**< PKT_FAST_SIG: 0 is sent as 0xffff */
	uint8_t sig_odd;            /**< PKT_FAST_SIG: at an odd offset */
	uint32_t sig_base;          /**< PKT_FAST_SIG: the checksum's sum
				     *   of everything but seq and ts */
	uint32_t sig_w0;            /**< PKT_FAST_SIG: magic and id, as in
				     *   the frame */
	uint32_t fbase[2];          /**< PKT_FAST_VARS: each checksum's sum
				     *   of everything but the ranged fields */
	struct pkt_var var[PKT_VAR_MAX];  /**< ranged fields, odometer order */
	struct pkt_ck ck[PKT_CK_MAX];     /**< checksums */
	struct pkt_lenf lenf[2 * PKT_CK_MAX]; /**< length fields */
} __rte_cache_aligned;

/* Fast paths of pkt_stamp_frame() (pkt_stamp::fast). */
#define PKT_FAST_NO 0    /**< the general path */
#define PKT_FAST_NONE 1  /**< nothing changes per frame: no write */
#define PKT_FAST_SIG 2   /**< fixed size, one checksum, a signature only */
#define PKT_FAST_VARS 3  /**< fixed size, at most two checksums, ranged
			  *   fields only (no signature, no TCP stream) */

/**
 * Set up a stamp for one sender of a template's stream.
 *
 * @param st The stamp.
 * @param t The template (must outlive the stamp).
 * @param sig_id Signature id of this sender's frames.
 * @param seed Seed of its random fields and sizes (0 is allowed).
 * @return 0, -EINVAL (NULL argument) or -ENOMEM (the TCP flows' next
 *   sequence numbers, allocated with a TCP header only).
 */
int pkt_stamp_init(struct pkt_stamp *st, const struct pkt_tmpl *t,
		   uint16_t sig_id, uint64_t seed);

/**
 * Free what pkt_stamp_init() allocated (the TCP flows' next sequence
 * numbers): the stamp writes no more frames until set up again.
 * @param st The stamp (set up, zeroed or finished), or NULL.
 */
void pkt_stamp_fini(struct pkt_stamp *st);

/** @internal xorshift64* step. */
static inline uint64_t
pkt_rand(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * UINT64_C(0x2545F4914F6CDD1D);
}

/** @internal fold a 32-bit one's complement sum to 16 bits. */
static inline uint32_t
pkt_fold(uint64_t s)
{
	s = (s & 0xffffffff) + (s >> 32);
	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	return (uint32_t)s;
}

/** @internal sum of the 16-bit big-endian words of a w-byte value. */
static inline uint64_t
pkt_val_sum(uint64_t v, unsigned int w)
{
	/* a value of odd width starts on a word boundary of its own in
	 * every header we build (VNI: 3 bytes after a 4-byte aligned
	 * start), so its words are v's bytes from the top */
	if (w & 1)
		v <<= 8;
	return (v & 0xffff) + ((v >> 16) & 0xffff) + ((v >> 32) & 0xffff) +
		(v >> 48);
}

/** @internal store the w low bytes of v big-endian (copies of constant
 * sizes only: a memcpy() of a variable size is a library call). */
static inline void
pkt_val_store(uint8_t *p, uint64_t v, unsigned int w)
{
	uint64_t be = rte_cpu_to_be_64(v << (8 * (8 - w)));

	if (w == 8)
		memcpy(p, &be, 8);
	else if (w == 6)
		memcpy(p, &be, 6);
	else if (w == 4)
		memcpy(p, &be, 4);
	else if (w == 3)
		memcpy(p, &be, 3);
	else if (w == 2)
		memcpy(p, &be, 2);
	else
		*p = (uint8_t)v;
}

/**
 * The frame length of the next frame (size plan), advancing the plan.
 *
 * @param st The stamp.
 * @return The length without FCS.
 */
static inline uint32_t
pkt_stamp_next_len(struct pkt_stamp *st)
{
	uint32_t len;

	switch (st->size_mode) {
	case 0:
		return st->len_fixed;
	case 1:
		len = st->class_len[st->class_seq[st->class_pos]];
		if (++st->class_pos == st->class_n)
			st->class_pos = 0;
		return len;
	case 2:
		len = st->len_min + st->len_idx;
		if (++st->len_idx == st->len_span)
			st->len_idx = 0;
		return len;
	default:
		return st->len_min + (uint32_t)(pkt_rand(&st->rng) %
						st->len_span);
	}
}

/** @internal recompute a checksum over the whole frame (rare). */
void pkt_stamp_full_ck(const struct pkt_stamp *st, uint8_t *frame,
		       uint32_t len);

/** @internal pkt_stamp_frame() off its fast paths (outer headers done). */
static inline void
pkt_stamp_frame_any(struct pkt_stamp *st, uint8_t *frame, uint32_t len,
		    uint32_t *last_len, uint64_t ts_ns)
{
	uint64_t acc[PKT_CK_MAX];
	unsigned int i, j;
	uint32_t flow = 0;
	bool carry = true;

	for (j = 0; j < st->nck; j++)
		acc[j] = st->ck[j].base;
	/* lengths: for a fixed plan they are part of base and the template */
	if (st->size_mode != 0) {
		for (i = 0; i < st->nlenf; i++) {
			uint16_t v = (uint16_t)(len - st->lenf[i].adj);
			uint16_t be = rte_cpu_to_be_16(v);

			memcpy(frame + st->lenf[i].off, &be, 2);
		}
		for (j = 0; j < st->nck; j++) {
			const struct pkt_ck *c = &st->ck[j];
			unsigned int k;

			for (k = 0; k < c->nlen; k++)
				acc[j] += (uint16_t)(len - c->len_adj[k]);
			if (c->pseudo_len)
				acc[j] += (uint16_t)(len - c->l4_off);
		}
	}
	/* ranged fields: odometer for inc/dec, draws for random */
	for (i = 0; i < st->nvar; i++) {
		struct pkt_var *v = &st->var[i];
		uint64_t val, s;

		if (v->mode == PKT_MODE_RANDOM) {
			uint64_t k = pkt_rand(&st->rng) % v->span;

			val = v->first + k * v->step;
			flow += (uint32_t)k * v->radix;
		} else {
			uint64_t k = v->mode == PKT_MODE_INC ? v->idx :
				v->span - 1 - v->idx;

			val = v->first + k * v->step;
			flow += (uint32_t)v->idx * v->radix;
			if (carry) {
				carry = ++v->idx == v->span;
				if (carry)
					v->idx = 0;
			}
		}
		pkt_val_store(frame + v->off, val, v->width);
		s = pkt_val_sum(val, v->width);
		for (j = 0; j < st->nck; j++)
			if (v->ck_mask & (1u << j))
				acc[j] += (v->ck_odd & (1u << j)) ?
					(uint64_t)rte_bswap16((uint16_t)
						pkt_fold(s)) : s;
	}
	/* TCP: where the flow's byte stream is; the sequence number sits at
	 * an even offset of what the checksum covers */
	if (st->tcp_next != NULL) {
		uint32_t sq = st->tcp_next[flow], be = rte_cpu_to_be_32(sq);

		st->tcp_next[flow] = sq + (len - st->tcp_adj);
		memcpy(frame + st->tcp_seq_off, &be, 4);
		acc[st->tcp_ck] += (sq >> 16) + (sq & 0xffff);
	}
	/* payload (and signature) of the L4 checksums */
	if (st->sig) {
		uint32_t plen = len - st->payload_off;
		uint32_t soff = plen - PKT_SIG_LEN;
		uint8_t *sig = frame + st->payload_off + soff;
		uint32_t w[4];
		uint64_t ssum;

		if (last_len != NULL) {
			uint32_t old = *last_len;

			if (old != 0 && old != len)
				memcpy(frame + old - PKT_SIG_LEN,
				       st->payload + (old - st->payload_off -
						      PKT_SIG_LEN),
				       PKT_SIG_LEN);
			*last_len = len;
		}
		w[0] = rte_cpu_to_be_32((uint32_t)PKT_SIG_MAGIC << 16 |
					st->sig_id);
		w[1] = rte_cpu_to_be_32((uint32_t)st->seq);
		w[2] = rte_cpu_to_be_32((uint32_t)(ts_ns >> 32));
		w[3] = rte_cpu_to_be_32((uint32_t)ts_ns);
		memcpy(sig, w, sizeof(w));
		st->seq++;
		ssum = (uint64_t)PKT_SIG_MAGIC + st->sig_id +
			((st->seq - 1) & 0xffffffff) +
			((ts_ns >> 32) & 0xffffffff) + (ts_ns & 0xffffffff);
		ssum = pkt_fold(ssum);
		if (soff & 1)
			ssum = rte_bswap16((uint16_t)ssum);
		for (j = 0; j < st->nck; j++)
			if (st->ck[j].l4)
				acc[j] += st->paysum[soff] + ssum;
	} else {
		uint32_t plen = len - st->payload_off;

		for (j = 0; j < st->nck; j++)
			if (st->ck[j].l4)
				acc[j] += st->paysum[plen];
	}
	for (j = 0; j < st->nck; j++) {
		uint16_t ck = (uint16_t)~pkt_fold(acc[j]);

		if (st->ck[j].udp && ck == 0)
			ck = 0xffff;
		ck = rte_cpu_to_be_16(ck);
		memcpy(frame + st->ck[j].off, &ck, 2);
	}
	if (unlikely(st->full_ck))
		pkt_stamp_full_ck(st, frame, len);
}

/**
 * Write what changes into one frame whose buffer holds the template
 * (pkt_tmpl_write() of the plan's longest length or of len, or a frame
 * this stamp wrote there before): with wrap, the outer headers first
 * (the buffer then holds the inner frame at frame + outer_len, as a pool
 * of inner templates gives it after a retreat of outer_len); then the
 * length fields of len, the ranged fields of the next flow, the TCP
 * sequence number of its TCP flow (advanced by the frame's sequence
 * space), the signature (sequence number, ts_ns) and every checksum that
 * changes, incrementally (the outer UDP checksum of a tunnel over IPv6:
 * over the whole frame).
 *
 * @param st The stamp.
 * @param frame Start of the frame.
 * @param len Its length (pkt_stamp_next_len()).
 * @param last_len Length of the frame this buffer held before (0: the template
 *   as pkt_tmpl_write() left it), updated to len.  Needed only for a
 *   variable-size plan with a signature, where the old signature's bytes are
 *   given back to the payload; NULL otherwise.
 * @param ts_ns TX timestamp for the signature.
 * @param wrap Write the outer headers too.
 */
static __rte_always_inline void
pkt_stamp_frame(struct pkt_stamp *st, uint8_t *frame, uint32_t len,
		uint32_t *last_len, uint64_t ts_ns, bool wrap)
{
	if (wrap)
		rte_memcpy(frame, st->outer, st->outer_len);
	if (st->fast == PKT_FAST_SIG) {
		/* the sequence number and the timestamp are all that change:
		 * sig_base holds the rest of the one checksum they are in */
		uint32_t w[4], q = (uint32_t)st->seq++;
		uint64_t sum = (uint64_t)q + (ts_ns >> 32) +
			(ts_ns & 0xffffffff); /* below 2^34 */
		uint16_t ck;

		w[0] = st->sig_w0;
		w[1] = rte_cpu_to_be_32(q);
		w[2] = rte_cpu_to_be_32((uint32_t)(ts_ns >> 32));
		w[3] = rte_cpu_to_be_32((uint32_t)ts_ns);
		memcpy(frame + st->sig_off, w, sizeof(w));
		if (st->sig_odd)
			sum = rte_bswap16((uint16_t)pkt_fold(sum));
		sum += st->sig_base; /* below 2^35: three 16-bit folds */
		sum = (sum & 0xffff) + (sum >> 16);
		sum = (sum & 0xffff) + (sum >> 16);
		sum = (sum & 0xffff) + (sum >> 16);
		ck = (uint16_t)~sum;
		if (st->ck_udp && ck == 0)
			ck = 0xffff;
		ck = rte_cpu_to_be_16(ck);
		memcpy(frame + st->ck_off, &ck, 2);
		return;
	}
	if (st->fast == PKT_FAST_VARS) {
		/* the ranged fields are all that change: fbase[] holds the
		 * rest of the (one or two) checksums they are in; sums stay
		 * below 2^40 until the one fold per checksum */
		uint64_t a0 = st->fbase[0], a1 = st->fbase[1];
		unsigned int i;
		bool carry = true;
		uint16_t ck;

		for (i = 0; i < st->nvar; i++) {
			struct pkt_var *v = &st->var[i];
			uint64_t k, val, sm;

			if (v->mode == PKT_MODE_RANDOM) {
				k = pkt_rand(&st->rng) % v->span;
			} else {
				k = v->mode == PKT_MODE_INC ? v->idx :
					v->span - 1 - v->idx;
				if (carry) {
					carry = ++v->idx == v->span;
					if (carry)
						v->idx = 0;
				}
			}
			val = v->first + k * v->step;
			pkt_val_store(frame + v->off, val, v->width);
			/* up to 4 bytes the value is its own word sum (the
			 * fold reduces it); an odd width starts its word */
			sm = v->width <= 4 ? val << (8 * (v->width & 1)) :
				pkt_val_sum(val, v->width);
			if (unlikely(v->ck_odd != 0))
				sm = rte_bswap16((uint16_t)pkt_fold(sm));
			if (v->ck_mask & 1)
				a0 += sm;
			if (v->ck_mask & 2)
				a1 += sm;
		}
		ck = (uint16_t)~pkt_fold(a0);
		if (st->ck[0].udp && ck == 0)
			ck = 0xffff;
		ck = rte_cpu_to_be_16(ck);
		memcpy(frame + st->ck[0].off, &ck, 2);
		if (st->nck == 2) {
			ck = (uint16_t)~pkt_fold(a1);
			if (st->ck[1].udp && ck == 0)
				ck = 0xffff;
			ck = rte_cpu_to_be_16(ck);
			memcpy(frame + st->ck[1].off, &ck, 2);
		}
		return;
	}
	if (st->fast == PKT_FAST_NONE)
		return;
	pkt_stamp_frame_any(st, frame, len, last_len, ts_ns);
}

/**
 * Replace the TX timestamp of a frame this stamp wrote (a frame sent again
 * after the port refused it), fixing the checksums that cover it.
 *
 * @param st The stamp that wrote the frame.
 * @param frame The frame.
 * @param len Its length.
 * @param ts_ns The new timestamp.
 */
void pkt_stamp_ts_update(const struct pkt_stamp *st, uint8_t *frame,
			 uint32_t len, uint64_t ts_ns);

#ifdef __cplusplus
}
#endif

#endif /* PKT_H */

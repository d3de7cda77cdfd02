/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */

/*
 * Check suite 'pkt' (libnblpkt, no EAL): main() and the helpers of
 * test_pkt.h.  The judge is tests/pkt_judge.py (path in $PKT_JUDGE), which
 * runs tshark over a pcap written here with libpcap.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <pcap/pcap.h>
#include <rte_errno.h>
#include <rte_ip.h>

#include "test_pkt.h"

/* ------------------------------------------------------------------ */
/* Specs                                                               */
/* ------------------------------------------------------------------ */

struct pkt_spec *
tp_spec(const char *const *kv)
{
	struct pkt_spec *s = pkt_spec_create();
	char err[PKT_ERR_LEN], key[64];
	unsigned int i;

	ck_assert_ptr_nonnull(s);
	for (i = 0; kv != NULL && kv[i] != NULL; i++) {
		const char *eq = strchr(kv[i], '=');

		ck_assert_ptr_nonnull(eq);
		snprintf(key, sizeof(key), "%.*s", (int)(eq - kv[i]), kv[i]);
		ck_assert_msg(pkt_spec_set(s, key, eq + 1, err,
					   sizeof(err)) == 0,
			      "%s: %s", kv[i], err);
	}
	return s;
}

struct pkt_tmpl *
tp_tmpl(const char *const *kv, uint64_t seed)
{
	struct pkt_spec *s = tp_spec(kv);
	char err[PKT_ERR_LEN] = "";
	struct pkt_tmpl *t = pkt_tmpl_create(s, seed, err, sizeof(err));

	ck_assert_msg(t != NULL, "%s: %s", kv && kv[0] ? kv[0] : "", err);
	pkt_spec_free(s);
	return t;
}

const char *
tp_refusal(const char *const *kv)
{
	static char err[PKT_ERR_LEN];
	struct pkt_spec *s = tp_spec(kv);
	struct pkt_tmpl *t;

	err[0] = '\0';
	t = pkt_tmpl_create(s, 1, err, sizeof(err));
	if (t != NULL) {
		err[0] = '\0';
		pkt_tmpl_free(t);
	} else {
		ck_assert_int_eq(rte_errno, EINVAL);
	}
	pkt_spec_free(s);
	return err;
}

/* ------------------------------------------------------------------ */
/* A dissector of our own                                              */
/* ------------------------------------------------------------------ */

static uint32_t
g16(const uint8_t *p)
{
	return (uint32_t)p[0] << 8 | p[1];
}

unsigned int
tp_walk(const uint8_t *f, uint32_t len, struct tp_hdr *h, unsigned int max)
{
	uint32_t off = 14, type = g16(f + 12), ip = 0;
	unsigned int n = 0;
	int proto;

	while (n + 2 <= max && off < len) {
		switch (type) {
		case 0x8100:
		case 0x88a8:
			type = g16(f + off + 2);
			off += 4;
			continue;
		case 0x8847:
			while (!(f[off + 2] & 1))
				off += 4;
			off += 4;
			type = f[off] >> 4 == 6 ? 0x86dd : 0x0800;
			continue;
		case 0x0800:
			ip = off;
			proto = f[off + 9];
			h[n++] = (struct tp_hdr){ .proto = TP_IP4, .off = off };
			off += (f[off] & 0xfu) * 4;
			break;
		case 0x86dd:
			ip = off;
			proto = f[off + 6];
			h[n++] = (struct tp_hdr){ .proto = TP_IP6, .off = off };
			off += 40;
			break;
		default:
			return n;
		}
		if (proto == 47) { /* GRE */
			type = g16(f + off + 2);
			off += g16(f + off) & 0x2000 ? 8 : 4;
			if (type == 0x6558) {
				type = g16(f + off + 12);
				off += 14;
			}
			continue;
		}
		h[n] = (struct tp_hdr){ .proto = proto, .off = off,
					.ip_off = ip };
		if (proto == 17 && (g16(f + off + 2) == 4789 ||
				    g16(f + off + 2) == 6081)) {
			h[n++].tunnel = true;
			if (g16(f + off + 2) == 6081) /* GENEVE options */
				off += (f[off + 8] & 0x3fu) * 4;
			off += 8 + 8;
			type = g16(f + off + 12);
			off += 14;
			continue;
		}
		return n + 1;
	}
	return n;
}

const char *
tp_cksum_check(const uint8_t *f, uint32_t len)
{
	static char why[128];
	static uint8_t tmp[TP_BUF];
	struct tp_hdr h[8];
	unsigned int i, n = tp_walk(f, len, h, 8);

	memcpy(tmp, f, len);
	for (i = 0; i < n; i++) {
		uint32_t o = h[i].off, ckoff;
		const struct rte_ipv4_hdr *ip4 =
			(const struct rte_ipv4_hdr *)(tmp + h[i].ip_off);
		const struct rte_ipv6_hdr *ip6 =
			(const struct rte_ipv6_hdr *)(tmp + h[i].ip_off);
		uint16_t ck;

		switch (h[i].proto) {
		case TP_IP4:
			ckoff = o + 10;
			break;
		case 17:
			ckoff = o + 6;
			break;
		case 6:
			ckoff = o + 16;
			break;
		case 1:
		case 58:
			ckoff = o + 2;
			break;
		default:
			continue;
		}
		memset(tmp + ckoff, 0, 2);
		if (h[i].proto == TP_IP4) {
			ck = rte_ipv4_cksum((const struct rte_ipv4_hdr *)
					    (tmp + o));
		} else if (h[i].proto == 17 && h[i].tunnel &&
			   (f[h[i].ip_off] >> 4) == 4) {
			ck = 0; /* VXLAN, GENEVE over IPv4 */
		} else if (h[i].proto == 1) {
			ck = (uint16_t)~rte_raw_cksum(tmp + o,
				rte_be_to_cpu_16(ip4->total_length) - 20u);
		} else if ((f[h[i].ip_off] >> 4) == 4) {
			ck = rte_ipv4_udptcp_cksum(ip4, tmp + o);
		} else {
			ck = rte_ipv6_udptcp_cksum(ip6, tmp + o);
		}
		memcpy(tmp + ckoff, f + ckoff, 2);
		if (memcmp(&ck, f + ckoff, 2) != 0) {
			snprintf(why, sizeof(why),
				 "checksum of header %u (protocol %d at %u): 0x%04x in the frame, DPDK computes 0x%04x",
				 i, h[i].proto, o, g16(f + ckoff),
				 rte_be_to_cpu_16(ck));
			return why;
		}
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* The tshark judge                                                    */
/* ------------------------------------------------------------------ */

struct tp_judge {
	char dir[64];
	char pcap[128];
	char expect[128];
	pcap_t *pd;
	pcap_dumper_t *d;
	FILE *ex;
	unsigned int n;
};

struct tp_judge *
tp_judge_open(const char *name)
{
	struct tp_judge *j = calloc(1, sizeof(*j));

	ck_assert_ptr_nonnull(j);
	strcpy(j->dir, "/tmp/pkt_judge_XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(j->dir));
	snprintf(j->pcap, sizeof(j->pcap), "%s/%s.pcap", j->dir, name);
	snprintf(j->expect, sizeof(j->expect), "%s/%s.tsv", j->dir, name);
	j->pd = pcap_open_dead(DLT_EN10MB, 65535);
	ck_assert_ptr_nonnull(j->pd);
	j->d = pcap_dump_open(j->pd, j->pcap);
	ck_assert_msg(j->d != NULL, "%s", pcap_geterr(j->pd));
	j->ex = fopen(j->expect, "w");
	ck_assert_ptr_nonnull(j->ex);
	return j;
}

static void
add_list(char *buf, size_t len, const char *v)
{
	size_t n = strlen(buf);

	snprintf(buf + n, len - n, "%s%s", n ? "," : "", v);
}

/* The ports of the innermost UDP or TCP header ("udp:49152,9") and
 * of the tunnels' outer UDP headers, from our own dissector. */
static void
ports(const uint8_t *f, uint32_t len, FILE *out)
{
	struct tp_hdr h[8];
	unsigned int i, n = tp_walk(f, len, h, 8);
	char tun[64] = "";

	if (n > 0 && (h[n - 1].proto == 17 || h[n - 1].proto == 6))
		fprintf(out, "\t%s:%u,%u", h[n - 1].proto == 17 ? "udp" : "tcp",
			g16(f + h[n - 1].off), g16(f + h[n - 1].off + 2));
	else
		fprintf(out, "\t-");
	for (i = 0; i < n; i++)
		if (h[i].tunnel)
			snprintf(tun + strlen(tun), sizeof(tun) - strlen(tun),
				 "%s%u,%u", tun[0] ? "," : "", g16(f + h[i].off),
				 g16(f + h[i].off + 2));
	fprintf(out, "\t%s\n", tun[0] ? tun : "-");
}

/* What tshark should say of a frame of this stack, from the stack text
 * alone. */
static void
expectations(const char *stack, FILE *out, uint32_t len)
{
	char s[128], protos[256] = "", st[5][32] = { "", "", "", "", "" };
	char *tok, *save = NULL, *next;
	bool v4 = false;
	unsigned int k;

	snprintf(s, sizeof(s), "%s", stack);
	for (tok = strtok_r(s, "/", &save); tok != NULL; tok = next) {
		const char *name = tok;

		next = strtok_r(NULL, "/", &save);
		if (strcmp(tok, "eth") == 0)
			name = "eth:ethertype";
		else if (strcmp(tok, "vlan") == 0)
			name = "vlan:ethertype";
		else if (strcmp(tok, "qinq") == 0)
			name = "ieee8021ad:ethertype:vlan:ethertype";
		else if (strcmp(tok, "ipv4") == 0)
			name = "ip";
		if (strcmp(tok, "ipv4") == 0) {
			v4 = true;
			add_list(st[0], sizeof(st[0]), "1");
		} else if (strcmp(tok, "ipv6") == 0) {
			v4 = false;
		} else if (strcmp(tok, "udp") == 0) {
			bool zero = v4 && next != NULL;

			add_list(st[1], sizeof(st[1]), zero ? "3" : "1");
		} else if (strcmp(tok, "tcp") == 0) {
			add_list(st[2], sizeof(st[2]), "1");
		} else if (strcmp(tok, "icmp") == 0) {
			add_list(st[3], sizeof(st[3]), "1");
		} else if (strcmp(tok, "icmpv6") == 0) {
			add_list(st[4], sizeof(st[4]), "1");
		}
		add_list(protos, sizeof(protos), name);
	}
	for (k = 0; protos[k]; k++)
		if (protos[k] == ',')
			protos[k] = ':';
	fprintf(out, "%u\t%s", len, protos);
	for (k = 0; k < 5; k++)
		fprintf(out, "\t%s", st[k][0] ? st[k] : "-");
}

void
tp_judge_add(struct tp_judge *j, const struct pkt_tmpl *t, const uint8_t *f,
	     uint32_t len)
{
	struct pcap_pkthdr h = {
		/* 1 us apart, as on a wire: tshark takes a TCP segment
		 * that comes back within 3 ms for out of order */
		.ts = { .tv_sec = 1700000000 + j->n / 1000000,
			.tv_usec = j->n % 1000000 },
		.caplen = len,
		.len = len,
	};

	pcap_dump((u_char *)j->d, &h, f);
	expectations(pkt_tmpl_stack(t), j->ex, len);
	ports(f, len, j->ex);
	j->n++;
}

void
tp_judge_run(struct tp_judge *j)
{
	const char *judge = getenv("PKT_JUDGE");
	char cmd[512], out[4096] = "";
	size_t n = 0;
	FILE *p;
	int st;

	pcap_dump_close(j->d);
	pcap_close(j->pd);
	fclose(j->ex);
	if (judge == NULL) {
		unlink(j->pcap);
		unlink(j->expect);
		rmdir(j->dir);
		ck_abort_msg("PKT_JUDGE is not set (meson test sets it)");
	}
	snprintf(cmd, sizeof(cmd), "python3 %s %s %s 2>&1", judge, j->pcap,
		 j->expect);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	while (n + 1 < sizeof(out) &&
	       fgets(out + n, (int)(sizeof(out) - n), p) != NULL)
		n = strlen(out);
	while (fgetc(p) != EOF)
		;
	st = pclose(p);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0,
		      "tshark judged %u frames (kept in %s):\n%s", j->n,
		      j->dir, out);
	unlink(j->pcap);
	unlink(j->expect);
	rmdir(j->dir);
	free(j);
}

/* ------------------------------------------------------------------ */
/* Streams                                                             */
/* ------------------------------------------------------------------ */

void
tp_stream(const struct pkt_tmpl *t, uint64_t seed, unsigned int n,
	  bool wrap, struct tp_judge *j)
{
	static uint8_t buf[TP_BUF];
	static struct pkt_stamp st;
	uint32_t mn, mx, last = 0, outer = pkt_tmpl_outer_len(t, NULL);
	struct pkt_verify r;
	unsigned int i;

	ck_assert_int_eq(pkt_stamp_init(&st, t, 0x1234, seed), 0);
	pkt_tmpl_len_range(t, &mn, &mx);
	ck_assert_int_eq(pkt_tmpl_write(t, buf, mx, 0), 0);
	for (i = 0; i < n; i++) {
		uint32_t len = pkt_stamp_next_len(&st);
		const char *why;

		if (wrap)
			memset(buf, 0xa5, outer);
		pkt_stamp_frame(&st, buf, len, &last, 1000 + i * 1001ull,
				wrap);
		ck_assert_msg(pkt_tmpl_verify(t, buf, len, i, 0x1234, &r) == 0,
			      "%s frame %u (%u bytes): byte %u: %s",
			      pkt_tmpl_stack(t), i, len, r.bad_off, r.why);
		why = tp_cksum_check(buf, len);
		ck_assert_msg(why == NULL, "%s frame %u (%u bytes): %s",
			      pkt_tmpl_stack(t), i, len, why);
		if (j != NULL)
			tp_judge_add(j, t, buf, len);
	}
	pkt_stamp_fini(&st);
}

int
main(void)
{
	Suite *s = suite_create("pkt");
	SRunner *sr;
	int failed;

	pkt_keys_add_tcases(s);
	pkt_build_add_tcases(s);
	pkt_verify_add_tcases(s);
	pkt_cksum_add_tcases(s);
	pkt_tcp_add_tcases(s);
	pkt_tshark_add_tcases(s);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

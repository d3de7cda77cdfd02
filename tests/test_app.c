/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 The nblgen authors
 */
/* nblgen's settings, EAL arguments, frame template and pacing, without
 * EAL: what a user notices when typing options or writing a config. */

#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frame.h"
#include "opts.h"
#include "rate.h"

static char err[GEN_ERR_LEN];
static char tmpdir[] = "/tmp/test_app.XXXXXX";

static int
parse(struct gen_opts *o, int argc, char **argv)
{
	gen_opts_init(o);
	err[0] = '\0';
	return gen_opts_parse(o, argc, argv, err, sizeof(err));
}

#define PARSE(o, ...) ({ \
	char *av_[] = {"nblgen", __VA_ARGS__, NULL}; \
	parse(o, (int)RTE_DIM(av_) - 1, av_); })

static const char *
write_file(const char *name, const char *text)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	return path;
}

START_TEST(defaults)
{
	char *av[] = {"nblgen", NULL};
	struct gen_opts o;
	char bus[16], name[64], args[512];

	ck_assert_int_eq(parse(&o, 1, av), 0);
	ck_assert_uint_eq(o.count, GEN_DEFAULT_COUNT);
	ck_assert_uint_eq(o.size, GEN_DEFAULT_SIZE);
	ck_assert_uint_eq(o.dst_ip, htonl(INADDR_LOOPBACK));
	ck_assert_uint_eq(o.src_ip, htonl(INADDR_LOOPBACK));
	ck_assert(!o.huge && !o.verbose && !o.help);
	ck_assert_int_eq(gen_opts_port(&o, bus, sizeof(bus), name,
				       sizeof(name), args, sizeof(args)), 0);
	ck_assert_str_eq(bus, "vdev");
	ck_assert_str_eq(name, "net_pcap0");
	ck_assert_str_eq(args, "tx_pcap=" GEN_DEFAULT_PCAP);
}
END_TEST

START_TEST(every_option)
{
	struct gen_opts o;
	char ip[32];

	ck_assert_int_eq(PARSE(&o, "--count", "1k", "--size", "1514",
		"--burst", "8", "--rate", "2M", "--src-ip", "198.18.0.1",
		"--dst-ip", "198.18.0.2", "--src-port", "1000",
		"--dst-port", "2000", "--src-mac", "02:11:22:33:44:55",
		"--dst-mac", "02:66:77:88:99:aa", "--verbose", "--huge",
		"--file-prefix", "t1", "--eal", "--log-level=8",
		"--pcap", "/tmp/x.pcap", "--fire-and-forget"), 0);
	ck_assert_uint_eq(o.cksum, GEN_CKSUM_FRAME);
	ck_assert_uint_eq(o.count, 1000);
	ck_assert_uint_eq(o.size, 1514);
	ck_assert_uint_eq(o.burst, 8);
	ck_assert_uint_eq(o.rate, 2000000);
	inet_ntop(AF_INET, &o.src_ip, ip, sizeof(ip));
	ck_assert_str_eq(ip, "198.18.0.1");
	inet_ntop(AF_INET, &o.dst_ip, ip, sizeof(ip));
	ck_assert_str_eq(ip, "198.18.0.2");
	ck_assert_uint_eq(o.src_port, 1000);
	ck_assert_uint_eq(o.dst_port, 2000);
	ck_assert(o.src_mac_set);
	ck_assert_uint_eq(o.src_mac.addr_bytes[5], 0x55);
	ck_assert_uint_eq(o.dst_mac.addr_bytes[5], 0xaa);
	ck_assert(o.verbose && o.huge && o.ff);
	ck_assert_str_eq(o.file_prefix, "t1");
	ck_assert_str_eq(o.eal, "--log-level=8");
	ck_assert_str_eq(o.pcap, "/tmp/x.pcap");
	ck_assert_int_eq(PARSE(&o, "-h"), 0);
	ck_assert(o.help);
	ck_assert_int_eq(PARSE(&o, "--tx-cksum", "offload"), 0);
	ck_assert_uint_eq(o.cksum, GEN_CKSUM_OFFLOAD);
	ck_assert_int_eq(PARSE(&o, "--tx-cksum", "software"), 0);
	ck_assert_uint_eq(o.cksum, GEN_CKSUM_SOFTWARE);
	ck_assert_int_eq(PARSE(&o, "--tx-cksum", "frame"), 0);
	ck_assert_uint_eq(o.cksum, GEN_CKSUM_FRAME);
}
END_TEST

/* each bad value is refused with a message naming the option */
START_TEST(bad_values)
{
	static const char *const cases[][3] = {
		{"--count", "0", "--count"},
		{"--count", "abc", "--count"},
		{"--count", "-5", "--count"},
		{"--count", "99999999999999999999", "--count"},
		{"--size", "59", "--size"},
		{"--size", "9015", "--size"},
		{"--burst", "0", "--burst"},
		{"--rate", "1x", "--rate"},
		{"--src-ip", "1.2.3", "--src-ip"},
		{"--dst-ip", "::1", "--dst-ip"},
		{"--src-port", "0", "--src-port"},
		{"--dst-port", "65536", "--dst-port"},
		{"--src-mac", "01:00:5e:00:00:01", "--src-mac"},
		{"--dst-mac", "zz:00:00:00:00:01", "--dst-mac"},
		{"--pci", "not-a-bdf", "--pci"},
		{"--vdev", ",iface=x", "--vdev"},
		{"--vdev", "net null", "--vdev"},
		{"--file-prefix", "a/b", "--file-prefix"},
		{"--pcap", "a,b.pcap", "--pcap"},
		{"--pcap", "/nonexistent-dir/x.pcap", "--pcap"},
		{"--tx-cksum", "hardware", "--tx-cksum"},
		{"--tx-cksum", "", "--tx-cksum"},
	};
	unsigned int i;

	for (i = 0; i < RTE_DIM(cases); i++) {
		struct gen_opts o;
		char *av[] = {"nblgen", (char *)cases[i][0],
			(char *)cases[i][1], NULL};

		ck_assert_msg(parse(&o, 3, av) == -EINVAL, "%s %s accepted",
			      cases[i][0], cases[i][1]);
		ck_assert_msg(strstr(err, cases[i][2]) != NULL,
			      "'%s' does not name %s", err, cases[i][2]);
	}
}
END_TEST

START_TEST(bad_usage)
{
	struct gen_opts o;

	ck_assert_int_eq(PARSE(&o, "--bogus"), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err, "--bogus"));
	ck_assert_int_eq(PARSE(&o, "--verbose=yes"), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err, "option --verbose takes no value"));
	ck_assert_int_eq(PARSE(&o, "-x"), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err, "-x"));
	ck_assert_int_eq(PARSE(&o, "--count"), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err, "--count needs a value"));
	ck_assert_int_eq(PARSE(&o, "stray"), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err, "stray"));
	ck_assert_int_eq(PARSE(&o, "--vdev", "net_null0", "--pci",
			       "0000:03:00.0"), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err, "--vdev and --pci"));
	ck_assert_int_eq(PARSE(&o, "--vdev", "net_null0", "--pcap",
			       "x.pcap"), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err, "--pcap"));
	/* fire and forget carries no offload request */
	ck_assert_int_eq(PARSE(&o, "--fire-and-forget", "--tx-cksum",
			       "offload"), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err, "--fire-and-forget and "
				     "--tx-cksum"));
	ck_assert_int_eq(PARSE(&o, "--fire-and-forget", "--tx-cksum",
			       "frame"), 0);
}
END_TEST

START_TEST(ports)
{
	struct gen_opts o;
	char bus[16], name[64], args[512];

	ck_assert_int_eq(PARSE(&o, "--vdev",
			       "net_af_packet0,iface=veth0,qpairs=1"), 0);
	ck_assert_int_eq(gen_opts_port(&o, bus, sizeof(bus), name,
				       sizeof(name), args, sizeof(args)), 0);
	ck_assert_str_eq(bus, "vdev");
	ck_assert_str_eq(name, "net_af_packet0");
	ck_assert_str_eq(args, "iface=veth0,qpairs=1");
	ck_assert_int_eq(PARSE(&o, "--pci", "03:00.1"), 0);
	ck_assert_int_eq(gen_opts_port(&o, bus, sizeof(bus), name,
				       sizeof(name), args, sizeof(args)), 0);
	ck_assert_str_eq(bus, "pci");
	ck_assert_str_eq(name, "0000:03:00.1");
	ck_assert_str_eq(args, "");
}
END_TEST

START_TEST(config_good)
{
	const char *p = write_file("good.ini",
		"; nblgen test\n[port]\nvdev = net_null0\n\n[traffic]\n"
		"count = 10k ; ten thousand\nsize=256\ndst-ip = 198.18.0.9\n"
		"dst-port = 7\nfire-and-forget = on\n[eal]\nhuge = no\n"
		"args = --log-level=5\n[run]\nverbose = yes\n");
	struct gen_opts o;

	/* the command line wins, whatever its position */
	ck_assert_int_eq(PARSE(&o, "--size", "512", "--config", (char *)p),
			 0);
	ck_assert_str_eq(o.vdev, "net_null0");
	ck_assert_uint_eq(o.count, 10000);
	ck_assert_uint_eq(o.size, 512);
	ck_assert_uint_eq(o.dst_ip, inet_addr("198.18.0.9"));
	ck_assert_uint_eq(o.dst_port, 7);
	ck_assert(!o.huge && o.verbose && o.ff);
	ck_assert_str_eq(o.eal, "--log-level=5");
	ck_assert_int_eq(PARSE(&o, "--config", (char *)p, "--size", "512"),
			 0);
	ck_assert_uint_eq(o.size, 512);
	p = write_file("cksum.ini", "[traffic]\ntx-cksum = software\n");
	ck_assert_int_eq(PARSE(&o, "--config", (char *)p), 0);
	ck_assert_uint_eq(o.cksum, GEN_CKSUM_SOFTWARE);
}
END_TEST

/* each broken config is refused with the file, and the line or the
 * section and key */
START_TEST(config_bad)
{
	static const char *const cases[][3] = {
		{"b1.ini", "[port\nvdev = net_null0\n", "line 1"},
		{"b2.ini", "[traffic]\ncount\n", "line 2"},
		{"b3.ini", "count = 5\n[traffic]\n", "line 1"},
		{"b4.ini", "[traffic]\ncount =\n", "key 'count' has no value"},
		{"b5.ini", "[bogus]\nx = 1\n", "unknown section [bogus]"},
		{"b6.ini", "[traffic]\ncolor = red\n",
		 "[traffic]: unknown key 'color'"},
		{"b7.ini", "[traffic]\ncount = many\n", "[traffic] count:"},
		{"b8.ini", "[port]\nvdev = net_null0\npci = 03:00.0\n",
		 "--vdev and --pci"},
		{"b9.ini", "[empty]\n", "unknown section [empty]"},
		{"b10.ini", "[run]\nverbose = maybe\n", "[run] verbose:"},
		{"b11.ini", "[port]\nvdev = net_null0\npcap = x.pcap\n",
		 "[port] pcap"},
	};
	unsigned int i;

	for (i = 0; i < RTE_DIM(cases); i++) {
		const char *p = write_file(cases[i][0], cases[i][1]);
		struct gen_opts o;

		ck_assert_msg(PARSE(&o, "--config", (char *)p) == -EINVAL,
			      "%s accepted", cases[i][0]);
		ck_assert_msg(strstr(err, cases[i][2]) != NULL,
			      "'%s' lacks '%s'", err, cases[i][2]);
		if (i != 7 && i != 10)
			ck_assert_msg(strstr(err, cases[i][0]) != NULL,
				      "'%s' does not name the file", err);
	}
}
END_TEST

START_TEST(config_missing)
{
	struct gen_opts o;

	ck_assert_int_eq(PARSE(&o, "--config", "/nonexistent/nblgen.ini"),
			 -ENOENT);
	ck_assert_ptr_nonnull(strstr(err, "/nonexistent/nblgen.ini"));
	ck_assert_ptr_nonnull(strstr(err, "No such file"));
}
END_TEST

static bool
has_word(const struct gen_eal_args *a, const char *w)
{
	int i;

	for (i = 0; i < a->argc; i++)
		if (strcmp(a->argv[i], w) == 0)
			return true;
	return false;
}

START_TEST(eal_args)
{
	struct gen_eal_args a;
	struct gen_opts o;

	ck_assert_int_eq(PARSE(&o, "--count", "1"), 0);
	ck_assert_int_eq(gen_eal_args_build(&o, "nblgen", 4242, &a, err,
					    sizeof(err)), 0);
	ck_assert_str_eq(a.argv[0], "nblgen");
	ck_assert(has_word(&a, "--no-huge") && has_word(&a, "--no-pci"));
	ck_assert(has_word(&a, "-m") && has_word(&a, "512"));
	ck_assert(has_word(&a, "-l"));
	ck_assert(has_word(&a, "nblgen-4242"));
	ck_assert(gen_eal_args_own_prefix(&o));
	ck_assert_ptr_null(a.argv[a.argc]);

	ck_assert_int_eq(PARSE(&o, "--huge", "--pci", "0000:03:00.0",
			       "--file-prefix", "p1", "--eal",
			       "-l 1 --vdev 'net_ring0' --log-level \"a b\""),
			 0);
	ck_assert_int_eq(gen_eal_args_build(&o, "nblgen", 1, &a, err,
					    sizeof(err)), 0);
	ck_assert(!has_word(&a, "--no-huge") && !has_word(&a, "--no-pci"));
	ck_assert(has_word(&a, "-a") && has_word(&a, "0000:03:00.0"));
	ck_assert(!has_word(&a, "-m") && has_word(&a, "p1"));
	ck_assert(!gen_eal_args_own_prefix(&o));
	ck_assert(has_word(&a, "net_ring0") && has_word(&a, "a b"));
	ck_assert_str_eq(a.argv[a.argc - 6], "-l");
	ck_assert_str_eq(a.argv[a.argc - 5], "1");

	ck_assert_int_eq(PARSE(&o, "--eal", "-l 0 --file-prefix x",
			       "--file-prefix", "y"), 0);
	ck_assert_int_eq(gen_eal_args_build(&o, "nblgen", 1, &a, err,
					    sizeof(err)), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err, "--file-prefix"));

	ck_assert_int_eq(PARSE(&o, "--eal", "--vdev 'net_ring0"), 0);
	ck_assert_int_eq(gen_eal_args_build(&o, "nblgen", 1, &a, err,
					    sizeof(err)), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err, "--eal"));
}
END_TEST

static struct gen_frame_spec
spec_of(uint32_t size)
{
	struct gen_frame_spec s = {
		.src_mac = {{0x02, 0, 0, 0, 0, 1}},
		.dst_mac = {{0x02, 0, 0, 0, 0, 2}},
		.src_ip = inet_addr("198.18.0.1"),
		.dst_ip = inet_addr("198.18.0.2"),
		.src_port = 49152, .dst_port = 9, .size = size,
	};
	return s;
}

/* the incremental checksum matches a full computation for every size
 * and for sequence numbers that touch every word */
START_TEST(frame_cksum)
{
	static const uint64_t seqs[] = {0, 1, 0xffff, 0x10000, 0xfffe0001,
		0x123456789abcdefULL, UINT64_MAX, 0xffffffffffff0000ULL};
	static uint8_t buf[GEN_FRAME_BUF];
	uint32_t size = (uint32_t)_i;
	struct gen_frame_spec s = spec_of(size);
	unsigned int j;
	uint16_t ck;

	ck = gen_frame_build(&s, buf);
	ck_assert_uint_eq(gen_frame_verify(&s, buf, size, 0), 0);
	for (j = 0; j < RTE_DIM(seqs); j++) {
		struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)
			(buf + RTE_ETHER_HDR_LEN);
		struct rte_udp_hdr *udp = (struct rte_udp_hdr *)(ip + 1);
		uint16_t inc, full;

		gen_frame_seq_set(buf, ck, seqs[j]);
		inc = udp->dgram_cksum;
		udp->dgram_cksum = 0;
		full = rte_ipv4_udptcp_cksum(ip, udp);
		ck_assert_uint_eq(inc, full);
		udp->dgram_cksum = inc;
		ck_assert_uint_eq(gen_frame_verify(&s, buf, size, seqs[j]), 0);
	}
}
END_TEST

/* with the checksums left to others, stamping writes the sequence only;
 * completing the checksums gives the frame nblgen would have written */
START_TEST(frame_cksum_left)
{
	static uint8_t a[GEN_FRAME_BUF], b[GEN_FRAME_BUF];
	struct gen_frame_spec s = spec_of(128);
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(b + RTE_ETHER_HDR_LEN);
	struct rte_udp_hdr *udp = (struct rte_udp_hdr *)(ip + 1);
	uint16_t ck = gen_frame_build(&s, a);

	gen_frame_build(&s, b);
	gen_frame_cksum_clear(b);
	ck_assert_uint_eq(ip->hdr_checksum, 0);
	ck_assert_uint_eq(udp->dgram_cksum, 0);
	gen_frame_seq_set(a, ck, 0x1234);
	gen_frame_seq_only(b, 0x1234);
	ck_assert_uint_eq(udp->dgram_cksum, 0);
	ip->hdr_checksum = rte_ipv4_cksum(ip);
	udp->dgram_cksum = rte_ipv4_udptcp_cksum(ip, udp);
	ck_assert_mem_eq(a, b, 128);
	ck_assert_uint_eq(gen_frame_verify(&s, b, 128, 0x1234), 0);
}
END_TEST

START_TEST(frame_layout)
{
	static uint8_t buf[GEN_FRAME_BUF];
	struct gen_frame_spec s = spec_of(128);
	uint16_t ck = gen_frame_build(&s, buf);

	gen_frame_seq_set(buf, ck, 0x0102030405060708ULL);
	ck_assert_uint_eq(buf[12], 0x08);
	ck_assert_uint_eq(buf[13], 0x00);
	ck_assert_uint_eq(buf[14], 0x45);
	ck_assert_uint_eq((buf[16] << 8) | buf[17], 128 - 14);
	ck_assert_uint_eq(buf[23], 17);
	ck_assert_uint_eq((buf[38] << 8) | buf[39], 128 - 34);
	ck_assert_mem_eq(buf + GEN_PAYLOAD_OFF, "NBLG", 4);
	ck_assert_uint_eq(buf[GEN_PAYLOAD_OFF + 4], 0x01);
	ck_assert_uint_eq(buf[GEN_PAYLOAD_OFF + 11], 0x08);
	ck_assert_uint_eq(buf[GEN_PAYLOAD_OFF + 12], 12);
	ck_assert_uint_eq(buf[127], (uint8_t)(127 - GEN_PAYLOAD_OFF));
	/* a flipped byte, a wrong sequence, a wrong length are caught */
	ck_assert_uint_eq(gen_frame_verify(&s, buf, 128,
					   0x0102030405060708ULL), 0);
	ck_assert_uint_ne(gen_frame_verify(&s, buf, 128, 1), 0);
	buf[100] ^= 1;
	ck_assert_uint_ne(gen_frame_verify(&s, buf, 128,
					   0x0102030405060708ULL), 0);
	buf[100] ^= 1;
	ck_assert_uint_eq(gen_frame_verify(&s, buf, 127,
					   0x0102030405060708ULL), 128);
}
END_TEST

START_TEST(pacer)
{
	struct gen_pacer p;

	gen_pacer_init(&p, 1000, 2000000000ULL, 1000000);
	ck_assert_uint_eq(gen_pacer_deadline(&p, 0), 1000);
	ck_assert_uint_eq(gen_pacer_deadline(&p, 1), 3000);
	ck_assert_uint_eq(gen_pacer_deadline(&p, 1000000),
			  1000 + 2000000000ULL);
	ck_assert_uint_eq(gen_pacer_due(&p, 999), 0);
	ck_assert_uint_eq(gen_pacer_due(&p, 1000), 1);
	ck_assert_uint_eq(gen_pacer_due(&p, 2999), 1);
	ck_assert_uint_eq(gen_pacer_due(&p, 3000), 2);
	/* 3 frames per second on a 1 GHz clock: no drift from rounding */
	gen_pacer_init(&p, 0, 1000000000ULL, 3);
	ck_assert_uint_eq(gen_pacer_deadline(&p, 3), 1000000000ULL);
	ck_assert_uint_eq(gen_pacer_due(&p, 3000000000ULL - 1), 9);
	ck_assert_uint_eq(gen_pacer_due(&p, 3000000000ULL), 10);
	/* huge values do not overflow */
	gen_pacer_init(&p, 0, 4000000000ULL, 1000000000000ULL);
	ck_assert_uint_eq(gen_pacer_due(&p, UINT64_MAX / 2), UINT64_MAX);
	gen_pacer_init(&p, 0, 4000000000ULL, 1000000000ULL);
	ck_assert_uint_eq(gen_pacer_due(&p, 1000000000000000000ULL),
			  250000000000000000ULL + 1);
	ck_assert_uint_eq(gen_pacer_deadline(&p, 250000000000000000ULL),
			  1000000000000000000ULL);
	gen_pacer_init(&p, 0, 1, 0);
	ck_assert_uint_eq(gen_pacer_due(&p, 0), UINT64_MAX);
}
END_TEST

static Suite *
app_suite(void)
{
	Suite *s = suite_create("app");
	TCase *tc = tcase_create("app");

	tcase_add_test(tc, defaults);
	tcase_add_test(tc, every_option);
	tcase_add_test(tc, bad_values);
	tcase_add_test(tc, bad_usage);
	tcase_add_test(tc, ports);
	tcase_add_test(tc, config_good);
	tcase_add_test(tc, config_bad);
	tcase_add_test(tc, config_missing);
	tcase_add_test(tc, eal_args);
	tcase_add_loop_test(tc, frame_cksum, GEN_FRAME_MIN, GEN_FRAME_MIN + 4);
	tcase_add_loop_test(tc, frame_cksum, 1513, 1515);
	tcase_add_loop_test(tc, frame_cksum, 9013, 9015);
	tcase_add_test(tc, frame_cksum_left);
	tcase_add_test(tc, frame_layout);
	tcase_add_test(tc, pacer);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;
	char cmd[64];

	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	sr = srunner_create(app_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tmpdir);
	return failed == 0 ? 0 : 1;
}

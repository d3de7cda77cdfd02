#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
# The example INI configs in conf/ drive real runs; options on the command
# line win over the file.  tshark judges every frame written.
. "$(dirname "$0")/lib.sh"
set -e
cd "$TMP"

# conf/default.ini is the embedded default written out
p=$(prefix default)
run_nblgen default --config "$CONF_DIR/default.ini" --file-prefix "$p"
expect_clean default
check_pcap "$TMP/nblgen-out.pcap" --count 64 --size 128 \
	--src-ip 127.0.0.1 --dst-ip 127.0.0.1 --src-port 49152 --dst-port 9 \
	--dst-mac 02:00:00:00:00:02
pass "conf/default.ini: same frames as the embedded default"

# conf/pcap-lab.ini, with --count and --size overriding the file
p=$(prefix lab)
run_nblgen lab --config "$CONF_DIR/pcap-lab.ini" --count 300 --size 200 \
	--file-prefix "$p"
expect_clean lab
expect_in "$TMP/out.lab" "sending 300 UDP frames of 200 bytes, 198.18.0.1:5000 -> 198.18.0.2:5001"
expect_in "$TMP/out.lab" "10000 frames/s"
# verbose = yes in the file: EAL arguments, binding states, counters
expect_in "$TMP/out.lab" "EAL arguments: --no-huge -m 512 --no-pci"
expect_in "$TMP/out.lab" "-> Running"
expect_in "$TMP/out.lab" "the pool ran empty"
expect_in "$TMP/out.lab" "pcap check: lab.pcap holds 300 frames"
check_pcap "$TMP/lab.pcap" --count 300 --size 200 \
	--src-ip 198.18.0.1 --dst-ip 198.18.0.2 --src-port 5000 \
	--dst-port 5001 --src-mac 02:00:00:00:01:01 \
	--dst-mac 02:00:00:00:01:02
pass "conf/pcap-lab.ini with command-line overrides: byte-exact"

# conf/null-flood.ini, cut short by --count: net_null swallows the frames,
# every NBL still completes
p=$(prefix null)
run_nblgen null --config "$CONF_DIR/null-flood.ini" --count 100000 \
	--file-prefix "$p"
expect_clean null
expect_in "$TMP/out.null" "100000 completed with SUCCESS"
pass "conf/null-flood.ini: 100000 NBLs sent and completed on net_null"

# --eal passes arguments to EAL: with one lcore the main lcore sends itself
p=$(prefix one)
run_nblgen one --eal "-l 0 --log-level=lib.eal:notice" --file-prefix "$p" \
	--pcap "$TMP/one.pcap" --count 500
expect_clean one
expect_in "$TMP/out.one" "bursts of 32 on lcore 0"
check_pcap "$TMP/one.pcap" --count 500 --size 128 --src-ip 127.0.0.1 \
	--dst-ip 127.0.0.1 --src-port 49152 --dst-port 9 \
	--dst-mac 02:00:00:00:00:02
pass "--eal '-l 0': the main lcore sends, 500 frames byte-exact"

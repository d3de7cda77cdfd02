#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
# Bad input: every mistake gets a message naming the option or the file
# (and section, key or line) and the problem, exit status 2, and leaves
# nothing behind: no pcap written, every pool full when EAL was started.
. "$(dirname "$0")/lib.sh"
set -e
cd "$TMP"

# --help and -h: exit 0, every option explained
for h in --help -h; do
	run_nblgen "help$h" "$h"
	[ "$RC" -eq 0 ] || fail "$h exited $RC"
	for opt in vdev pci pcap count size burst rate src-ip dst-ip src-port \
		dst-port src-mac dst-mac fire-and-forget huge file-prefix eal verbose config help; do
		grep -qF -- "--$opt" "$TMP/out.help$h" || fail "$h lacks --$opt"
	done
done
pass "--help lists every option"

n=0
# refused TAG TEXT ARGS...: nblgen ARGS exits 2 and says TEXT on stderr.
refused() {
	local tag=$1 text=$2
	shift 2
	run_nblgen "$tag" "$@"
	[ "$RC" -eq 2 ] || fail "$tag: exit status $RC, expected 2 ($*)"
	grep -qF -- "$text" "$TMP/err.$tag" ||
		fail "$tag: stderr lacks '$text': $(cat "$TMP/err.$tag")"
	n=$((n + 1))
}

# options, refused before EAL starts
refused opt-unknown "unknown or ambiguous option '--bogus'" --bogus
refused opt-flagval "option --huge takes no value" --huge=yes
refused opt-noval "option --count needs a value" --count
refused opt-count "option --count: 'lots' is not a number" --count lots
refused opt-zero "option --count: '0' is not a number from 1" --count 0
refused opt-size "option --size: '59' is not a number from 60 to 9014" \
	--size 59
refused opt-ip "option --dst-ip: '127.0.0.256' is not an IPv4 address" \
	--dst-ip 127.0.0.256
refused opt-port "option --src-port: '70000'" --src-port 70000
refused opt-mac "option --dst-mac: '02:00:00:00:00' is not a MAC" \
	--dst-mac 02:00:00:00:00
refused opt-srcmac "option --src-mac: 'ff:ff:ff:ff:ff:ff' is not a unicast" \
	--src-mac ff:ff:ff:ff:ff:ff
refused opt-pci "option --pci: 'pci0' is not a PCI address" --pci pci0
refused opt-both "options --vdev and --pci" --vdev net_null0 \
	--pci 0000:00:00.0
refused opt-pcap "applies to the default port only" \
	--vdev net_null0 --pcap x.pcap
refused opt-pcapdir "option --pcap: cannot write '/nonexistent/x.pcap'" \
	--pcap /nonexistent/x.pcap
refused opt-stray "unexpected argument 'now'" now
refused opt-quote "option --eal: unterminated ' quote" --eal "--vdev 'x"

# configuration files
refused cfg-missing "config file '$TMP/none.ini': cannot open: No such file" \
	--config "$TMP/none.ini"
printf '[traffic\ncount = 5\n' >"$TMP/syntax.ini"
refused cfg-syntax "config file '$TMP/syntax.ini' line 1:" \
	--config "$TMP/syntax.ini"
printf '[traffic]\ncount = 5\nspeed\n' >"$TMP/noeq.ini"
refused cfg-noeq "config file '$TMP/noeq.ini' line 3: 'speed' is not 'key = value'" \
	--config "$TMP/noeq.ini"
printf '[traffic]\ncolour = blue\n' >"$TMP/key.ini"
refused cfg-key "config file '$TMP/key.ini' [traffic]: unknown key 'colour'" \
	--config "$TMP/key.ini"
printf '[wire]\ncount = 5\n' >"$TMP/sec.ini"
refused cfg-section "config file '$TMP/sec.ini': unknown section [wire]" \
	--config "$TMP/sec.ini"
printf '[traffic]\nsize = 10\n' >"$TMP/val.ini"
refused cfg-value "config file '$TMP/val.ini' [traffic] size: '10' is not a number" \
	--config "$TMP/val.ini"
printf '[traffic]\ndst-ip = localhost\n' >"$TMP/ip.ini"
refused cfg-ip "config file '$TMP/ip.ini' [traffic] dst-ip:" \
	--config "$TMP/ip.ini"
ls "$TMP"/*.pcap >/dev/null 2>&1 && fail "a refused run wrote a pcap"
pass "$n option and config mistakes refused with a precise message"

# ports that do not exist: refused after EAL started, nothing leaked
n=0
# refused_port TAG TEXT ARGS...: as refused, and the leak check is clean.
refused_port() {
	local tag=$1
	refused "$@"
	expect_in "$TMP/out.$tag" "leak check: every pool is full again"
}
refused_port vdev-driver "option --vdev: cannot create port 'net_nosuch0'" \
	--vdev net_nosuch0 --file-prefix "$(prefix drv)"
refused_port vdev-iface "option --vdev: cannot create port 'net_af_packet0'" \
	--vdev "net_af_packet0,iface=nblgen-none$UID_SHORT" \
	--file-prefix "$(prefix iface)"
refused_port pci-missing "option --pci 0000:7f:1f.7: no such port" \
	--pci 0000:7f:1f.7 --file-prefix "$(prefix pci)"
refused eal-bad "cannot initialise the EAL" \
	--eal "--no-such-eal-option" --file-prefix "$(prefix eal)"
pass "$n unknown ports and bad EAL arguments refused, nothing leaked"

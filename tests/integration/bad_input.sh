#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
# Bad input: every mistake gets a message naming the option, or the file
# (and line, section and key), or the port, and the problem; exit status
# 2; nothing written (the folder it runs in is unchanged: no output, no
# temporary file); when the EAL had started, every pool full again.  Then
# the data-loss regressions: --pcap never touches its file, -w never
# writes through a symbolic link nor creates a dangling link's target,
# -c /dev/stdin from a pipe is read once and used, and a value longer than
# the INI reader keeps is refused instead of cut.
. "$(dirname "$0")/lib.sh"
set -e

W=$TMP/w
mkdir "$W"
cd "$W"

# --help and -h: exit 0, every option explained; --version
for h in --help -h; do
	run_nblgen "help$h" "$h"
	[ "$RC" -eq 0 ] || fail "$h exited $RC"
	for opt in duration engine burst tx-lcores seed json csv write quiet \
		verbose verify vdev pci huge file-prefix eal config pcap help \
		version rate pps mbps schedule count bytes port tx-cksum \
		headers src-mac dst-mac vlan svlan mpls src-ip dst-ip ttl tos \
		src-port dst-port tcp-flags icmp-type arp-op vni gre-key \
		inner-src-ip size payload signature; do
		grep -qF -- "--$opt" "$TMP/out.help$h" || fail "$h lacks --$opt"
	done
done
run_nblgen version --version
[ "$RC" -eq 0 ] || fail "--version exited $RC"
grep -q "^nblgen [0-9].* (DPDK 22.11" "$TMP/out.version" ||
	fail "--version: $(cat "$TMP/out.version")"
pass "--help lists every option, --version the versions"

# fixtures the mistakes name
mkdir dir
printf '[traffic]\ncount = 5\n' >c.ini
echo "keep me" >target.pcap
ln -s target.pcap link.pcap
ln -s nowhere.pcap dangling.pcap
FIXTURES=$(ls -A | sort)
TARGET=$(sha256sum target.pcap c.ini)
n=0

# refused TAG TEXT ARGS...: nblgen ARGS exits 2 saying TEXT on stderr, the
# folder unchanged.
refused() {
	local tag=$1 text=$2
	shift 2
	run_nblgen "$tag" "$@"
	[ "$RC" -eq 2 ] || fail "$tag: exit status $RC, expected 2 ($*)"
	grep -qF -- "$text" "$TMP/err.$tag" ||
		fail "$tag: stderr lacks '$text': $(cat "$TMP/err.$tag")"
	[ "$(ls -A | sort)" = "$FIXTURES" ] ||
		fail "$tag: the folder changed: $(diff <(echo "$FIXTURES") <(ls -A | sort))"
	n=$((n + 1))
}

# refused_eal TAG TEXT ARGS...: as refused, after the EAL started (its
# own file prefix): the leak check is clean too.
refused_eal() {
	local tag=$1 text=$2
	shift 2
	refused "$tag" "$text" "$@" --file-prefix "$(prefix "$tag")"
	[ "$(tail -n 1 "$TMP/out.$tag")" = "$LEAK_OK" ] ||
		fail "$tag: no clean leak check after the refusal"
}

# options, refused before the EAL starts
refused unknown "unknown or ambiguous option '--bogus'" --bogus
refused unknown-short "unknown option '-x'" -x
refused stray "unexpected argument 'now'" now
refused noval "option --count needs a value" --count
refused flagval "option --verify takes no value" --verify=yes
refused flagval2 "option --signature takes no value" --signature=1
refused count0 "option --count: '0' is not a number from 1" --count 0
refused countx "option --count: 'lots' is not a number" --count lots
refused burst "option --burst: '65' is not a number from 1 to 64" --burst 65
refused lcores0 "option --tx-lcores: '0' is not a number from 1 to 64" \
	--tx-lcores 0
refused seed "option --seed: '-1' is not a number" --seed -1
refused dur "option --duration: '1x' is not a duration" -d 1x
refused engine "option --engine: 'turbo' is not an engine" --engine turbo
refused rate-gbs "option --rate: '10Gbs' is not a rate" --rate 10Gbs
refused rate-m "option --rate: '5mpps' is not a rate: 'm' is not a prefix (write M for mega" \
	--rate 5mpps
refused sched "option --schedule: schedule entry 1 ('foo')" --schedule foo
refused size63 "option --size: '63' is not a frame size (64 to 9216" --size 63
refused size-rev "option --size: '64-10' is not a size range" --size 64-10
refused size-imix "option --size: 'imix' is not a frame size" --size imix:x
refused size-big "option --size: '9217' is not a frame size" --size 9217
refused ip "option --src-ip: '1.2.3' is not an IPv4 or IPv6 address" \
	--src-ip 1.2.3
refused ip-range "option --src-ip: '10.0.0.5-10.0.0.1': FIRST is above LAST" \
	--src-ip 10.0.0.5-10.0.0.1
refused range-opt "option --dst-ip: '10.0.0.1-10.0.0.2,bogus': unknown range option 'bogus'" \
	--dst-ip 10.0.0.1-10.0.0.2,bogus
refused port "option --src-port: '70000' is not a port (0 to 65535)" \
	--src-port 70000
refused mac "option --dst-mac: '02:00:00:00:00' is not a MAC address" \
	--dst-mac 02:00:00:00:00
refused vlan "option --vlan: '5000' is not a VLAN ID (0 to 4095)" --vlan 5000
refused headers "option --headers: 'eth/ipv5/udp': unknown header 'ipv5'" \
	--headers eth/ipv5/udp
refused payload "option --payload: 'hex:zz': 'z' is not a hex digit" \
	--payload hex:zz
refused cksum "option --tx-cksum: 'maybe' is not frame, offload or software" \
	--tx-cksum maybe
refused pcap "option --pcap: replaying a capture is not in this version yet" \
	--pcap capture.pcap
refused eal-quote "option --eal: unterminated ' quote" --eal "--vdev 'x"
refused eal-huge "option --huge: EAL options were given before '--'" \
	-l 0-1 -- --huge
refused prefix "option --file-prefix: 'a/b': a file prefix takes letters" \
	--file-prefix a/b
refused w-comma "option --write: 'a,b.pcap': ',' and '=' cannot be used" \
	-w a,b.pcap
refused w-vdev "option -w/--write applies to the embedded default port" \
	--vdev net_null0 -w x.pcap
# outputs: a directory, symbolic links, the config, twice the same
refused w-dir "option --write: 'dir' is a directory, not a file nblgen can write" \
	-w dir
refused w-link "option --write: 'link.pcap' is a symbolic link; nblgen never writes through one" \
	-w link.pcap
refused w-dangling "option --write: 'dangling.pcap' is a symbolic link" \
	-w dangling.pcap
refused w-config "option --write: 'c.ini' is the file given to --config; nblgen never writes over its input" \
	-c c.ini -w c.ini
refused json-csv "option --csv: 'r.out' is already the output of another option" \
	--json r.out --csv r.out
pass "$n option mistakes refused before the EAL, each named, nothing written"

# configuration files
m=$n
refused cfg-missing "config file 'none.ini': cannot open: No such file or directory" \
	-c none.ini
refused cfg-dir "config file 'dir' is a directory, not a file" -c dir
: >empty.ini
FIXTURES=$(ls -A | sort)
refused cfg-empty "config file 'empty.ini' is empty: no section and no key" \
	-c empty.ini
# a FIFO nobody writes to: a bounded wait, not a hang
mkfifo fifo.ini
FIXTURES=$(ls -A | sort)
NBLGEN_TIMEOUT=30 refused cfg-fifo "config file 'fifo.ini' is a FIFO and nothing was written to it in 5 s" \
	-c fifo.ini
# ini NAME TEXT: a config file (printf format)
ini() {
	# shellcheck disable=SC2059 # TEXT is the format
	printf "$2" >"$1"
	FIXTURES=$(ls -A | sort)
}
ini syntax.ini '[traffic\ncount = 5\n'
refused cfg-syntax "config file 'syntax.ini' line 1: '[traffic' is not a [section] header" \
	-c syntax.ini
ini noeq.ini '[traffic]\ncount = 5\nspeed\n'
refused cfg-noeq "config file 'noeq.ini' line 3: 'speed' is not 'key = value'" \
	-c noeq.ini
ini nosec.ini 'count = 5\n[traffic]\n'
refused cfg-nosec "config file 'nosec.ini' line 1: entry before the first [section]" \
	-c nosec.ini
ini dupsec.ini '[traffic]\ncount = 5\n[run]\nseed = 1\n[traffic]\nsize = 64\n'
refused cfg-dupsec "config file 'dupsec.ini' line 5: section [traffic] again (first at line 1); give each section once" \
	-c dupsec.ini
ini dupkey.ini '[traffic]\ncount = 5\ncount = 6\n'
refused cfg-dupkey "config file 'dupkey.ini' line 3: [traffic] count given again (first at line 2); give each key once" \
	-c dupkey.ini
python3 -c "print('[traffic]\nsrc-ip = ' + 'x' * 300)" >long.ini
FIXTURES=$(ls -A | sort)
refused cfg-long "config file 'long.ini' line 2: [traffic] src-ip: the value is 300 bytes long; values must be shorter than 255 bytes" \
	-c long.ini
ini sec.ini '[wire]\ncount = 5\n'
refused cfg-section "config file 'sec.ini' line 1: unknown section [wire]" \
	-c sec.ini
ini key.ini '[traffic]\ncolour = blue\n'
refused cfg-key "config file 'key.ini' [traffic]: unknown key 'colour'" \
	-c key.ini
ini runkey.ini '[traffic]\nduration = 1\n'
refused cfg-runkey "config file 'runkey.ini' [traffic]: key 'duration' belongs in [run]" \
	-c runkey.ini
ini streamkey.ini '[run]\nsize = 64\n'
refused cfg-streamkey "config file 'streamkey.ini' [run]: key 'size' belongs in [traffic] or [stream.N]" \
	-c streamkey.ini
ini val.ini '[traffic]\nsize = 10\n'
refused cfg-value "config file 'val.ini' [traffic] size: '10' is not a frame size" \
	-c val.ini
ini runval.ini '[run]\nburst = 100\n'
refused cfg-runval "config file 'runval.ini' [run] burst: '100' is not a number from 1 to 64" \
	-c runval.ini
ini streamval.ini '[stream.1]\ndst-ip = localhost\n'
refused cfg-streamval "config file 'streamval.ini' [stream.1] dst-ip: 'localhost' is not an IPv4 or IPv6 address" \
	-c streamval.ini
pass "$((n - m)) config file mistakes refused, file, line, section and" \
	"key named, nothing written"

# streams and ports: refused after the EAL started, every pool full again
m=$n
refused_eal family "stream.0: src-ip 2001:db8::1: eth/ipv4/udp needs an IPv4 address" \
	--src-ip 2001:db8::1
refused_eal tooshort "stream.0: size 64: eth/ipv6/tcp needs at least 78 bytes" \
	--headers eth/ipv6/tcp --size 64
refused_eal template "engine template (--engine, [run] engine): stream.0: the template engine sends prebuilt frames, but this stream changes per frame" \
	--engine template --signature
refused_eal cksum-arp "stream.0: tx-cksum offload: the binding checksums IPv4 or IPv6 with UDP or TCP" \
	--headers eth/arp --tx-cksum offload
refused_eal noport "stream.0: port 1: the run has 1 port (0 to 0)" --port 1
refused_eal driver "option --vdev net_nosuch0: cannot create port 'net_nosuch0': no such driver" \
	--vdev net_nosuch0
refused_eal devargs "option --vdev net_null0: cannot create port 'net_null0' with arguments 'bogus=1': the driver refused them" \
	--vdev net_null0,bogus=1
refused_eal iface "option --vdev net_af_packet0: cannot create port 'net_af_packet0' with arguments 'iface=nbl-none$UID_SHORT'" \
	--vdev "net_af_packet0,iface=nbl-none$UID_SHORT"
refused_eal pci "option --pci 0000:7f:1f.7: no such port" --pci 0000:7f:1f.7
refused_eal pcap-queues "option --tx-lcores: port 0 (net_pcap0) has 1 TX queue and 2 TX lcores send on it" \
	--tx-lcores 2 -w x.pcap
# a size over what the port takes: net_af_packet (frames of 1518 bytes at
# most) on the loopback of a namespace made for this
ns="nblgen-bad-$UID_SHORT"
ip netns add "$ns"
on_exit "ip netns del $ns"
ip -n "$ns" link set lo up
NBLGEN_NETNS=$ns refused_eal mtu "option --size: port 0 (net_af_packet0) takes frames of at most 1518 bytes with the FCS; the streams need 9000" \
	--vdev net_af_packet0,iface=lo --size 9000 --count 1
refused eal-bad "cannot initialise the EAL" \
	--eal "--no-such-eal-option" --file-prefix "$(prefix eal)"
expect_in "$TMP/err.eal-bad" "(check the arguments of --eal)"
pass "$((n - m)) streams and ports refused after the EAL started, every" \
	"pool full again"
[ "$n" -ge 40 ] || fail "only $n bad inputs"
pass "$n bad inputs in all: exit 2, a message naming what was wrong"

# data loss regressions
# --pcap names a capture to read: never written (its hash unchanged)
run_nblgen capture -q -w capture.pcap --count 10 --file-prefix "$(prefix capture)"
expect_clean capture
before=$(sha256sum capture.pcap)
FIXTURES=$(ls -A | sort)
refused pcap-keep "option --pcap: replaying a capture is not in this version yet: --pcap 'capture.pcap' will send the frames of that file, as tcpreplay does, and never write to it" \
	--pcap capture.pcap --count 5
[ "$(sha256sum capture.pcap)" = "$before" ] || fail "--pcap changed its file"
# -w: never through a symbolic link, never a dangling link's target
[ "$(sha256sum target.pcap c.ini)" = "$TARGET" ] ||
	fail "a refused run changed target.pcap or c.ini"
[ ! -e nowhere.pcap ] || fail "the dangling link's target was created"
[ "$(readlink link.pcap)" = target.pcap ] || fail "link.pcap was replaced"
pass "--pcap leaves its file alone; -w never writes through a link"

# -c /dev/stdin from a pipe: read once, its keys used (count = 7)
set +e
printf '[traffic]\ncount = 7\nsize = 100\n' |
	"$NBLGEN" -q -c /dev/stdin -w "$TMP/stdin.pcap" \
		--file-prefix "$(prefix stdin)" >"$TMP/out.stdin" 2>"$TMP/err.stdin"
RC=$?
set -e
expect_clean stdin
judge "$TMP/stdin.pcap" --count 7 --sizes 100:1
pass "-c /dev/stdin from a pipe: count = 7 and size = 100 taken, 7 frames"

# values: the longest the reader keeps is used whole (a payload pattern of
# 125 bytes, "hex:" + 250 digits = 254 bytes); one more byte of value is
# refused, never cut
pat=$(python3 -c 'print("".join("%02x" % i for i in range(125)))')
printf '[traffic]\npayload = hex:%s\nsize = 300\n' "$pat" >long254.ini
run_nblgen long254 -q -c long254.ini -w "$TMP/long.pcap" --count 5 \
	--file-prefix "$(prefix long254)"
expect_clean long254
judge "$TMP/long.pcap" --count 5 --payload "hex:$pat"
printf '[traffic]\npayload = hex:%s0\nsize = 300\n' "$pat" >long255.ini
FIXTURES=$(ls -A | sort)
refused long255 "config file 'long255.ini' line 2: [traffic] payload: the value is 255 bytes long; values must be shorter than 255 bytes" \
	-c long255.ini -w "$TMP/cut.pcap"
[ ! -e "$TMP/cut.pcap" ] || fail "a refused value still wrote a capture"
pass "a 254-byte value is used whole, a 255-byte one refused, not cut"

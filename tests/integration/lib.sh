# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
# Shared by the integration scripts (sourced, bash).  Gives each script a
# scratch directory, a list of clean-up commands run on any exit (success,
# failure or signal), unique names, and helpers to run nblgen, read its
# report and judge what it wrote (judge.py: tshark and the pcap itself).

set -u
: "${NBLGEN:?set NBLGEN to the nblgen binary}"
IT_DIR=${IT_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
CONF_DIR=${CONF_DIR:-$IT_DIR/../../conf}
TEST_NAME=$(basename "$0" .sh)
TMP=$(mktemp -d "/tmp/nblgen-$TEST_NAME.XXXXXX")
# short unique id for names (interface names are limited to 15 bytes)
# shellcheck disable=SC2034 # for the scripts that source this
UID_SHORT=$(printf '%x' "$$")
CLEANUP=()
RC=0

at_exit() {
	local rc=$? i
	set +e
	for ((i = ${#CLEANUP[@]} - 1; i >= 0; i--)); do
		eval "${CLEANUP[$i]}" >/dev/null 2>&1
	done
	if [ "$rc" -ne 0 ] && [ -d "$TMP" ]; then
		echo "--- $TEST_NAME failed (rc $rc); last output of nblgen:" >&2
		tail -n 40 "$TMP"/out.* "$TMP"/err.* >&2 2>/dev/null
	fi
	rm -rf "$TMP"
	exit "$rc"
}
trap at_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# on_exit CMD: run CMD (a string) when the script ends, last in first out.
on_exit() {
	CLEANUP+=("$1")
}

fail() {
	echo "FAIL ($TEST_NAME): $*" >&2
	exit 1
}

pass() {
	echo "ok ($TEST_NAME): $*"
}

# prefix NAME: a unique EAL file prefix.  It is used as $(prefix NAME), in
# a subshell, so the removal of every prefix of this run is registered once,
# here, not by the function.
on_exit "rm -rf /var/run/dpdk/nblgen-it-$TEST_NAME-*-$$"
prefix() {
	echo "nblgen-it-$TEST_NAME-$1-$$"
}

# run_nblgen TAG ARGS...: run nblgen (NBLGEN_TIMEOUT seconds at most,
# default 60; then SIGINT) with stdout in $TMP/out.TAG, stderr in
# $TMP/err.TAG; sets RC.  With NBLGEN_NETNS set, nblgen runs inside that
# network namespace.
run_nblgen() {
	local tag=$1
	shift
	set +e
	timeout -s INT -k 10 "${NBLGEN_TIMEOUT:-60}" \
		${NBLGEN_NETNS:+ip netns exec "$NBLGEN_NETNS"} \
		"$NBLGEN" "$@" >"$TMP/out.$tag" 2>"$TMP/err.$tag"
	RC=$?
	set -e
}

# expect_in FILE TEXT: FILE contains TEXT (fixed string).
expect_in() {
	grep -qF -- "$2" "$1" || fail "$(basename "$1") lacks '$2'"
}

# expect_not_in FILE TEXT: FILE does not contain TEXT.
expect_not_in() {
	! grep -qF -- "$2" "$1" || fail "$(basename "$1") has '$2'"
}

LEAK_OK="nblgen: leak check: every pool is full again (0 objects missing)"

# expect_clean TAG: the run of TAG exited 0, printed a report whose last
# line is the clean leak check, no error, and nothing about a refused
# misuse (a pool freed while not full, ...) on stderr.
expect_clean() {
	local out="$TMP/out.$1" err="$TMP/err.$1"
	[ "$RC" -eq 0 ] || fail "$1: nblgen exited $RC: $(tail -n 3 "$err")"
	[ "$(tail -n 1 "$out")" = "$LEAK_OK" ] ||
		fail "$1: the report does not end with the clean leak check"
	expect_not_in "$out" "nblgen: error:"
	expect_not_in "$err" "misuse"
	expect_not_in "$err" "cannot close"
}

# report_count TAG WORDS [STREAM]: N of the report's "WORDS N frames" on
# port 0's line (or stream.N's).
report_count() {
	local tag=$1 what=$2 n
	if [ $# -gt 2 ]; then
		n=$(sed -n "s/^nblgen:   $3 .*[:;] $what \([0-9]*\) frames.*/\1/p" \
			"$TMP/out.$tag")
	else
		n=$(sed -n "s/^nblgen: port 0 .*[:;] $what \([0-9]*\) frames.*/\1/p" \
			"$TMP/out.$tag")
	fi
	[ -n "$n" ] || fail "$tag: no '$what N frames' line${3:+ for $3}"
	echo "$n"
}

# sent TAG [STREAM]: frames the report says port 0 (or stream.N) sent.
sent() {
	report_count "$1" sent "${@:2}"
}

# requested TAG [STREAM]: frames the report says were requested.
requested() {
	report_count "$1" requested "${@:2}"
}

# signal_when_sending TAG SIG PID PREFIX: once nblgen PID (started in the
# background, output in $TMP/out.TAG and err.TAG, telemetry under file
# prefix PREFIX) has sent a frame, send it SIG; it must end within 30 s,
# cleanly and saying it was interrupted.  RC is its exit status.
signal_when_sending() {
	local tag=$1 sig=$2 pid=$3 p=$4
	for _ in $(seq 100); do
		kill -0 "$pid" 2>/dev/null || fail "$tag: nblgen ended early"
		echo /nblgen/stats | dpdk-telemetry.py -f "$p" 2>&1 |
			grep -q '"tx_packets": [1-9]' && break
		sleep 0.1
	done
	kill "-$sig" "$pid"
	for _ in $(seq 300); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$pid" 2>/dev/null && fail "$tag: still running 30 s after SIG$sig"
	set +e
	wait "$pid"
	RC=$?
	set -e
	expect_clean "$tag"
	expect_in "$TMP/out.$tag" "nblgen: interrupted after "
}

# port_mac TAG: port 0's MAC as the report prints it, in lower case (as
# tshark writes it).
port_mac() {
	local mac
	mac=$(sed -n 's/^nblgen: port 0 [^ ]* (MAC \([0-9A-Fa-f:]*\)): sent.*/\1/p' \
		"$TMP/out.$1")
	[ -n "$mac" ] || fail "$1: the report names no MAC of port 0"
	echo "${mac,,}"
}

# judge PCAP ARGS...: tshark and the pcap itself judge every frame
# (judge.py; its output goes to stdout).
judge() {
	python3 "$IT_DIR/judge.py" "$@" || fail "judge.py refused $1"
}

# json FILE EXPR: a value of a JSON document, EXPR a Python expression
# on d (e.g. "d['ports'][0]['tx_packets']").
json() {
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(eval(sys.argv[2]))' "$1" "$2" || fail "cannot read $2 from $1"
}

# The Linux kernel as receiver, in a namespace the script made.  Set first:
# RX_NS (namespace), RX_IF (its interface), RX_ADDR and RX_PORT (where the
# datagrams go), RX_SRC (their source address or FIRST-LAST), RX_SRC_MAC
# and RX_DST_MAC (their MACs).
#
# kernel_receive TAG COUNT SIZE [RECEIVER ARGS...]: start the UDP
# receiver (udp_receiver.py; SIZE is the frame size with the FCS, the
# payload of nblgen's "inc" its UDP payload) and tcpdump in the namespace
# and wait until both listen.
kernel_receive() {
	local tag=$1 count=$2 size=$3
	shift 3
	rm -f "$TMP/ready.$tag" "$TMP/tcpdump.$tag"
	ip netns exec "$RX_NS" tcpdump -n -U -i "$RX_IF" -w "$TMP/$tag.pcap" \
		"udp and dst port $RX_PORT" 2>"$TMP/tcpdump.$tag" &
	TCPDUMP=$!
	on_exit "kill $TCPDUMP"
	ip netns exec "$RX_NS" python3 "$IT_DIR/udp_receiver.py" \
		--addr "$RX_ADDR" --port "$RX_PORT" --count "$count" \
		--size $((size - 46)) --src "$RX_SRC" --ready "$TMP/ready.$tag" \
		--timeout 60 "$@" >"$TMP/rx.$tag" 2>&1 &
	RECEIVER=$!
	on_exit "kill $RECEIVER"
	for _ in $(seq 100); do
		[ -e "$TMP/ready.$tag" ] &&
			grep -q "listening on" "$TMP/tcpdump.$tag" && return 0
		sleep 0.1
	done
	fail "$tag: receiver or tcpdump did not start"
}

# kernel_judge TAG COUNT SIZE [JUDGE ARGS...]: the receiver got exactly
# COUNT intact datagrams, and judge.py finds COUNT frames of SIZE bytes in
# tcpdump's capture with good checksums, from RX_SRC_MAC to RX_DST_MAC,
# to RX_ADDR:RX_PORT, with nblgen's payload "inc".
kernel_judge() {
	local tag=$1 count=$2 size=$3
	shift 3
	wait "$RECEIVER" ||
		{ cat "$TMP/rx.$tag" >&2; fail "$tag: $(tail -1 "$TMP/rx.$tag")"; }
	cat "$TMP/rx.$tag"
	expect_in "$TMP/rx.$tag" "$count of $count datagrams arrived intact"
	# tcpdump writes what it saw (-U) before it is stopped
	for _ in $(seq 50); do
		[ "$(python3 -c 'import os, sys
print(max(0, (os.path.getsize(sys.argv[1]) - 24)) // (16 + int(sys.argv[2]) - 4))' \
			"$TMP/$tag.pcap" "$size")" -ge "$count" ] && break
		sleep 0.1
	done
	kill -INT "$TCPDUMP"
	wait "$TCPDUMP" || true
	judge "$TMP/$tag.pcap" --count "$count" --sizes "$size:1" \
		--protocols eth:ethertype:ip:udp --field "ip.dst=$RX_ADDR" \
		--field "udp.dstport=$RX_PORT" --field "eth.src=$RX_SRC_MAC" \
		--field "eth.dst=$RX_DST_MAC" --payload inc "$@"
}

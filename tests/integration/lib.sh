# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
# Shared by the integration scripts (sourced, bash).  Gives each script a
# scratch directory, a list of clean-up commands run on any exit (success,
# failure or signal), unique names, and helpers to run nblgen and judge it.

set -u
: "${NBLGEN:?set NBLGEN to the nblgen binary}"
IT_DIR=${IT_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
CONF_DIR=${CONF_DIR:-$IT_DIR/../../conf}
TEST_NAME=$(basename "$0" .sh)
TMP=$(mktemp -d "/tmp/nblgen-$TEST_NAME.XXXXXX")
# short unique id for names (interface names are limited to 15 bytes)
UID_SHORT=$(printf '%x' "$$")
CLEANUP=()

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

# run_nblgen TAG ARGS...: run nblgen (60 s at most) with stdout in
# $TMP/out.TAG, stderr in $TMP/err.TAG; sets RC.  With NBLGEN_NETNS set,
# nblgen runs inside that network namespace.
run_nblgen() {
	local tag=$1
	shift
	set +e
	timeout -s INT -k 10 60 ${NBLGEN_NETNS:+ip netns exec "$NBLGEN_NETNS"} \
		"$NBLGEN" "$@" >"$TMP/out.$tag" 2>"$TMP/err.$tag"
	RC=$?
	set -e
}

# expect_in FILE TEXT: FILE contains TEXT (fixed string).
expect_in() {
	grep -qF -- "$2" "$1" || fail "$(basename "$1") lacks '$2'"
}

# expect_clean TAG: the run of TAG exited 0, printed its requirements, every
# frame completed with SUCCESS and every pool came back full.
expect_clean() {
	local out="$TMP/out.$1"
	[ "$RC" -eq 0 ] || fail "$1: nblgen exited $RC"
	expect_in "$out" "DataBackFillSize"
	expect_in "$out" ", 0 failed, 0 changed, 0 duplicated, 0 missing"
	expect_in "$out" "leak check: every pool is full again (0 objects missing)"
}

# check_pcap FILE ARGS...: tshark validates every frame (check_pcap.py).
check_pcap() {
	python3 "$IT_DIR/check_pcap.py" "$@" || fail "tshark check of $1"
}

# The Linux kernel as receiver, in a namespace the script made.  Set first:
# RX_NS (namespace), RX_IF (its interface), RX_ADDR and RX_PORT (where the
# datagrams go), RX_SRC (their source address), RX_SRC_MAC and RX_DST_MAC
# (their MACs).  The source port is 40000.
#
# kernel_receive TAG COUNT SIZE: start the UDP receiver and tcpdump in the
# namespace and wait until both listen.
kernel_receive() {
	local tag=$1 count=$2 size=$3
	rm -f "$TMP/ready.$tag" "$TMP/tcpdump.$tag"
	ip netns exec "$RX_NS" tcpdump -n -U -i "$RX_IF" -w "$TMP/$tag.pcap" \
		"udp and dst port $RX_PORT" 2>"$TMP/tcpdump.$tag" &
	TCPDUMP=$!
	on_exit "kill $TCPDUMP"
	ip netns exec "$RX_NS" python3 "$IT_DIR/udp_receiver.py" \
		--addr "$RX_ADDR" --port "$RX_PORT" --count "$count" \
		--size $((size - 42)) --src "$RX_SRC" --ready "$TMP/ready.$tag" \
		--timeout 60 >"$TMP/rx.$tag" 2>&1 &
	RECEIVER=$!
	on_exit "kill $RECEIVER"
	for _ in $(seq 100); do
		[ -e "$TMP/ready.$tag" ] &&
			grep -q "listening on" "$TMP/tcpdump.$tag" && return 0
		sleep 0.1
	done
	fail "$tag: receiver or tcpdump did not start"
}

# kernel_judge TAG COUNT SIZE: the receiver got exactly COUNT intact
# datagrams and tshark finds them byte-exact in the capture, checksums
# good.
kernel_judge() {
	local tag=$1 count=$2 size=$3
	wait "$RECEIVER" || { cat "$TMP/rx.$tag" >&2; fail "$tag: $(tail -1 "$TMP/rx.$tag")"; }
	cat "$TMP/rx.$tag"
	expect_in "$TMP/rx.$tag" "$count of $count datagrams arrived intact"
	sleep 0.5
	kill -INT "$TCPDUMP"
	wait "$TCPDUMP" || true
	check_pcap "$TMP/$tag.pcap" --count "$count" --size "$size" \
		--src-ip "$RX_SRC" --dst-ip "$RX_ADDR" --src-port 40000 \
		--dst-port "$RX_PORT" --src-mac "$RX_SRC_MAC" \
		--dst-mac "$RX_DST_MAC" --any-order
}

#!/bin/sh
# Install what nblgen needs to build, run and test on Debian 12 (run as root).
# Idempotent: packages already present are left alone.
set -eu
PKGS="build-essential pkg-config meson ninja-build libdpdk-dev dpdk dpdk-dev libpcap-dev check \
libjansson-dev python3 python3-jsonschema iproute2 tshark tcpreplay tcpdump procps"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "setup: installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

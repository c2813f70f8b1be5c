#!/usr/bin/env bash
# netwatch live benchmark (issue 6, "Performance"): does live capture keep up with what
# `tcpreplay --topspeed` pushes through a veth pair? The script creates a network namespace and
# a veth pair (one end moved into the namespace), runs the capture inside the namespace on its
# end, replays a generated capture (bench/gen_bhspcap, small OT polls by default) into the other
# end at top speed with the file preloaded in memory, then reports the rate tcpreplay reached and
# what the capture saw: packets received and libpcap's drop counter (ps_drop, the kernel's
# drops for lack of buffer). Everything it creates is removed on exit (trap).
#
# The capture: `airguard netwatch capture -i IFACE --json --duration S` (DURATION, default 600 s,
# a backstop: it is stopped with SIGINT once tcpreplay is done),
# tcpdump -i IFACE -w /dev/null as the stand-in until then (CAPTURE=tcpdump forces it).
# Needs root (ip netns, raw sockets).
#
#   bench/netwatch_live.sh [FILE]      replay FILE, or a generated --small capture of
#                                      LIVE_PACKETS packets (default 1,000,000)
#   LOOPS=n                            replay the file n times (tcpreplay --loop; default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${AIRGUARD:-build/release/airguard}
gen=build/release/gen_bhspcap
packets=${LIVE_PACKETS:-1000000}
loops=${LOOPS:-1}

if [[ $(id -u) -ne 0 ]]; then
  echo "== netwatch live: needs root (network namespaces); skipped"
  exit 0
fi
for t in ip tcpreplay tcpdump; do
  command -v "$t" >/dev/null || { echo "== netwatch live: $t is missing (scripts/install-bench-deps)"; exit 1; }
done

tag=nwb$$
ns=$tag veth_out=${tag}o veth_in=${tag}i
tmp=$(mktemp -d "${TMPDIR:-/tmp}/netwatch-live.XXXXXX")
cap_pid=
cleanup() {
  [[ -n $cap_pid ]] && kill "$cap_pid" 2>/dev/null && wait "$cap_pid" 2>/dev/null
  ip link del "$veth_out" 2>/dev/null || true
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

file=${1:-}
if [[ -z $file ]]; then
  file=$tmp/live.pcap
  "$gen" -o "$file" --packets "$packets" --small 2>/dev/null
fi
n=$(($(build/release/bench/pcap_loop "$file" | cut -d' ' -f1) * loops))

if ! ip netns add "$ns" 2>"$tmp/err"; then
  echo "== netwatch live: cannot create a network namespace ($(head -1 "$tmp/err")); skipped"
  exit 0
fi
ip link add "$veth_out" type veth peer name "$veth_in"
ip link set "$veth_in" netns "$ns"
ip link set "$veth_out" up
ip netns exec "$ns" ip link set "$veth_in" up
ip netns exec "$ns" ip link set lo up
# no IPv6 autoconfiguration chatter on the pair: only the replayed frames cross it
sysctl -qw "net.ipv6.conf.$veth_out.disable_ipv6=1" 2>/dev/null || true
ip netns exec "$ns" sysctl -qw "net.ipv6.conf.$veth_in.disable_ipv6=1" 2>/dev/null || true

# The capture inside the namespace.
kind=tcpdump
mkdir -p "$tmp/state"
if [[ ${CAPTURE:-} != tcpdump ]] && "$bin" --lang en help netwatch 2>/dev/null | grep -q 'netwatch capture'; then
  kind=airguard
fi
if [[ $kind == airguard ]]; then
  ip netns exec "$ns" "$bin" --lang en netwatch capture -i "$veth_in" --json \
    --duration "${DURATION:-600}" --state "$tmp/state" ${CAPTURE_OPTS:-} >"$tmp/cap.out" 2>"$tmp/cap.err" &
else
  ip netns exec "$ns" tcpdump -i "$veth_in" -n -w /dev/null >"$tmp/cap.out" 2>"$tmp/cap.err" &
fi
cap_pid=$!
for i in $(seq 50); do # until it listens (tcpdump says so; airguard: give it a second)
  grep -q 'listening on' "$tmp/cap.err" 2>/dev/null && break
  [[ $kind == airguard && $i -ge 10 ]] && break
  sleep 0.1
done

echo "== netwatch live: $n packets ($(du -m "$file" | cut -f1) MiB x $loops) replayed by tcpreplay --topspeed into a veth pair; capture: $kind in namespace $ns"
tcpreplay --topspeed --preload-pcap --loop="$loops" -i "$veth_out" "$file" >"$tmp/replay.out" 2>&1 ||
  { echo "tcpreplay failed:"; tail -5 "$tmp/replay.out"; exit 1; }
sleep 1 # let the capture drain its buffer
kill -INT "$cap_pid" 2>/dev/null || true
wait "$cap_pid" 2>/dev/null || true
cap_pid=

sent=$(sed -n 's/^Actual: \([0-9]*\) packets.*/\1/p' "$tmp/replay.out")
secs=$(sed -n 's/^Actual: .* in \([0-9.]*\) seconds.*/\1/p' "$tmp/replay.out")
rated=$(sed -n 's/^Rated: \(.*\)/\1/p' "$tmp/replay.out" | tr -s ' ')
failed=$(sed -n 's/^[[:space:]]*Failed packets: *\([0-9]*\).*/\1/p' "$tmp/replay.out")
echo "tcpreplay: ${sent:-?} packets in ${secs:-?} s — ${rated:-?}; failed to send: ${failed:-?}"
if [[ $kind == tcpdump ]]; then
  rcv=$(sed -n 's/^\([0-9]*\) packets received by filter.*/\1/p' "$tmp/cap.err")
  cap=$(sed -n 's/^\([0-9]*\) packets captured.*/\1/p' "$tmp/cap.err")
  drop=$(sed -n 's/^\([0-9]*\) packets dropped by kernel.*/\1/p' "$tmp/cap.err")
  echo "tcpdump (the stand-in until \`airguard netwatch capture\` exists): received by filter ${rcv:-?}, captured ${cap:-?}, dropped by the kernel (libpcap ps_drop) ${drop:-?}"
else
  # capture writes its statistics to --state when it stops; `netwatch stats --state` reads them
  "$bin" --lang en netwatch stats --state "$tmp/state" --json >"$tmp/stats.json" 2>/dev/null &&
    jq -r '"airguard netwatch capture: packets \(.packets // "?"), kernel drops (libpcap ps_drop) \(.capture.kernel_drops // "?"), interface drops \(.capture.if_drops // "?")"' "$tmp/stats.json" ||
    { echo "airguard netwatch capture: no statistics in --state; its last lines:"; tail -3 "$tmp/cap.err"; }
fi

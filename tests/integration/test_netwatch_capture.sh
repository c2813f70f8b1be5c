#!/usr/bin/env bash
# `airguard netwatch capture` on a live interface: a veth pair in a network namespace of its own
# (unshare -n; needs root, as a mirror-port sensor does), frames sent on one end with an
# AF_PACKET socket, netwatch capturing on the other with privileges dropped to nobody after the
# capture is open. Checks: the frames are seen (a TCP connection attempt to an outside address
# and an IPv6 router advertisement become external_communication and ipv6_unexpected alerts),
# the process really runs as nobody afterwards (it cannot write where only root may), libpcap's
# drop counter is zero, and a missing interface is a clear error.
source "$(dirname "$0")/lib.sh"
if [[ $(id -u) -ne 0 ]]; then
  not_ok "this test needs root (a live capture in a network namespace)"
  finish
  exit 1
fi
command -v python3 >/dev/null || { echo "not ok - python3 is installed"; exit 1; }

cat >"$tmp/send.py" <<'EOF'
import socket, struct, sys, time
ifname = sys.argv[1]
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((ifname, 0))
src_mac = bytes.fromhex("001b1b000005")  # a Siemens OUI
gw_mac = bytes.fromhex("0200000000fe")
def ipv4(src, dst, proto, payload):
    tot = 20 + len(payload)
    return struct.pack("!BBHHHBBH4s4s", 0x45, 0, tot, 1, 0, 64, proto, 0,
                       socket.inet_aton(src), socket.inet_aton(dst)) + payload
def tcp_syn(sport, dport):
    return struct.pack("!HHIIBBHHH", sport, dport, 1, 0, 5 << 4, 0x02, 65535, 0, 0)
for i in range(5):
    frame = gw_mac + src_mac + b"\x08\x00" + ipv4("10.0.0.5", "8.8.8.8", 6, tcp_syn(40000 + i, 443))
    s.send(frame)
# IPv6 router advertisement (ICMPv6 134) from fe80::1 to ff02::1
ra = struct.pack("!BBHBBHII", 134, 0, 0, 64, 0, 1800, 0, 0)
ip6 = struct.pack("!IHBB16s16s", 0x60000000, len(ra), 58, 255,
                  socket.inet_pton(socket.AF_INET6, "fe80::1"),
                  socket.inet_pton(socket.AF_INET6, "ff02::1"))
s.send(bytes.fromhex("333300000001") + src_mac + b"\x86\xdd" + ip6 + ra)
time.sleep(0.2)
EOF

mkdir -p "$tmp/state" && chmod 0777 "$tmp/state" "$tmp"
unshare -n bash -c '
  set -e
  ip link add v0 type veth peer name v1
  # the kernel would send its own IPv6 (MLD, DAD) on the pair: only ours is wanted
  for i in v0 v1; do echo 1 >/proc/sys/net/ipv6/conf/$i/disable_ipv6 2>/dev/null || true; done
  ip link set v0 up
  ip link set v1 up
  "$0" --lang en netwatch capture -i v1 --json --duration 4 --user nobody --state "$1/state" \
    >"$1/cap.out" 2>"$1/cap.err" &
  pid=$!
  sleep 1.5
  python3 "$1/send.py" v0
  wait $pid
  echo "status $?" >"$1/cap.status"
' "$AG_BIN" "$tmp" 2>"$tmp/unshare.err"
equals "capture ends after --duration with status 0" "$(cat "$tmp/cap.status" 2>/dev/null)" "status 0"
contains "capture: says which interface" "$(cat "$tmp/cap.err")" "v1"
out=$(cat "$tmp/cap.out")
ext=$(jq -c 'select(.type == "external_communication")' <<<"$out" | head -1)
contains "external_communication from the live frames" "$ext" '"dst":"8.8.8.8"'
contains "external_communication: the device's MAC" "$ext" "00:1b:1b:00:00:05"
v6=$(jq -c 'select(.type == "ipv6_unexpected" and .src == "fe80::1")' <<<"$out" | head -1)
contains "ipv6_unexpected from the router advertisement" "$v6" "ICMPv6 type 134"
st="$tmp/state/netwatch.json"
if [[ -f $st ]]; then
  ok "statistics written after the privilege drop (as nobody, into a folder nobody may write)"
  [[ $(stat -c %U "$st") == nobody ]] && ok "the statistics file belongs to nobody: privileges dropped" ||
    not_ok "the statistics file belongs to $(stat -c %U "$st")"
  equals "libpcap dropped nothing" "$(jq .capture.kernel_drops "$st")" "0"
  [[ $(jq .packets "$st") -ge 6 ]] && ok "the 6 frames were captured" || not_ok "packets: $(jq .packets "$st")"
else
  not_ok "no statistics file" "$(cat "$tmp/cap.err")"
fi

run "missing interface" 1 "$AG_BIN" --lang en netwatch capture -i nosuchif0 --duration 1
contains "missing interface: named" "$err" "nosuchif0"
finish

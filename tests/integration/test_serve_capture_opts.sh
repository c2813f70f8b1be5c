#!/usr/bin/env bash
# `airguard serve --capture` takes the detectors' options of `netwatch capture` through the same
# table and parser (docs/netwatch.md "Monitor serve"): serve spells them --capture-syn-rate,
# --capture-ipv6, … Bad values are errors naming the option as serve spells it. As root, end to
# end in a network namespace (veth pair, frames sent with an AF_PACKET socket): 60 SYNs in a
# second to one address and one IPv6 packet, captured by serve twice — with the defaults the SYN
# rate is under the flood threshold (200/s) and IPv6 is unexpected; with --capture-syn-rate 20
# --capture-ipv6 the same frames are a flood and IPv6 raises nothing; the same with the
# configuration file's keys capture_syn_rate / capture_ipv6, and the command line over the
# file. The alerts are read from the store serve wrote.
source "$(dirname "$0")/lib.sh"

db="$tmp/a.db"
"$AG_BIN" --db "$db" db init >/dev/null || exit 1
run "serve: a bad --capture-syn-rate" 2 "$AG_BIN" --db "$db" --lang en serve --listen 127.0.0.1:0 \
  --capture lo --capture-syn-rate 12x
contains "… names the option as serve spells it" "$err" "--capture-syn-rate needs a whole number"
run "serve: a bad --capture-timezone" 2 "$AG_BIN" --db "$db" --lang en serve --listen 127.0.0.1:0 \
  --capture lo --capture-timezone 9
contains "… names the option" "$err" "--capture-timezone needs an offset from UTC such as +09:00"
run "serve: a bad --capture-deviation" 2 "$AG_BIN" --db "$db" --lang en serve --listen 127.0.0.1:0 \
  --capture lo --capture-deviation 0.5
contains "… names the option" "$err" "--capture-deviation needs a factor from 1 to 1000"
run "serve: a bad --internal" 2 "$AG_BIN" --db "$db" --lang en serve --listen 127.0.0.1:0 \
  --capture lo --internal 10.0.0.0/33
contains "… names the option" "$err" "--internal: "
printf 'site:\n  timezone: "+0900"\n' >"$tmp/site.yaml"
run "serve: a bad site.timezone in --logwatch-config" 2 "$AG_BIN" --db "$db" --lang en serve \
  --listen 127.0.0.1:0 --capture lo --logwatch-config "$tmp/site.yaml"
contains "… names the file and line" "$err" "site.yaml:2:"
# the same options as keys of serve's configuration file (capture_syn_rate = --capture-syn-rate)
printf '# monitors\ncapture = lo\ncapture_syn_rate = 12x\n' >"$tmp/bad1.conf"
run "serve --config: a bad capture_syn_rate" 2 "$AG_BIN" --db "$db" --lang en serve \
  --listen 127.0.0.1:0 --config "$tmp/bad1.conf"
contains "… the detail" "$err" "needs a whole number"
contains "… then the file, line and key" "$err" "bad1.conf:3: in key \"capture_syn_rate\""
printf 'capture = lo\ncapture_ipv6 = maybe\n' >"$tmp/bad2.conf"
run "serve --config: capture_ipv6 neither yes nor no" 2 "$AG_BIN" --db "$db" --lang en serve \
  --listen 127.0.0.1:0 --config "$tmp/bad2.conf"
contains "… names file, line, key and value" "$err" \
  "bad2.conf:2: key \"capture_ipv6\": \"maybe\" is neither yes nor no"
printf 'capture = lo\ncapture_syn_rates = 20\n' >"$tmp/bad3.conf"
run "serve --config: an unknown capture_ key" 2 "$AG_BIN" --db "$db" --lang en serve \
  --listen 127.0.0.1:0 --config "$tmp/bad3.conf"
contains "… is refused with its line" "$err" "bad3.conf:2: unknown key \"capture_syn_rates\""
run "serve --config: the same refusal in Japanese" 2 "$AG_BIN" --db "$db" --lang ja serve \
  --listen 127.0.0.1:0 --config "$tmp/bad3.conf"
contains "… in Japanese" "$err" "bad3.conf:2: キー「capture_syn_rates」は不明です"
printf 'capture = lo\ncapture_window = 60\ncapture_window = 30\n' >"$tmp/bad4.conf"
run "serve --config: a capture_ key given twice" 2 "$AG_BIN" --db "$db" --lang en serve \
  --listen 127.0.0.1:0 --config "$tmp/bad4.conf"
contains "… names both lines" "$err" "bad4.conf:3: key \"capture_window\" is given twice (first on line 2)"
run "netwatch capture: the same parser, netwatch's spelling" 2 "$AG_BIN" --lang en netwatch \
  capture -i lo --syn-rate 12x
contains "… names --syn-rate" "$err" "--syn-rate needs a whole number"
lacks "… not serve's spelling" "$err" "--capture-syn-rate"
run "netwatch watch: --ipv6-vlans out of range" 2 "$AG_BIN" --lang en netwatch watch -r "$tmp/x" \
  --ipv6-vlans 5000
contains "… names the option" "$err" "--ipv6-vlans needs a whole number up to 4094"

if [[ $(id -u) -ne 0 ]]; then
  echo "# not root: the capture part is skipped"
  finish
  exit
fi
cat >"$tmp/frames.py" <<'PY'
import socket, struct, sys, time
src, dst = bytes.fromhex("02aabbcc0001"), bytes.fromhex("02aabbcc0002")
def ip4(sport):
    tcp = struct.pack("!HHIIBBHHH", sport, 502, 1, 0, 5 << 4, 0x02, 1024, 0, 0)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0, 64, 6, 0,
                     socket.inet_aton("10.0.0.1"), socket.inet_aton("10.0.0.2"))
    return dst + src + b"\x08\x00" + ip + tcp
def ip6():
    icmp = struct.pack("!BBHHH", 128, 0, 0, 1, 1)
    ip = struct.pack("!IHBB16s16s", 6 << 28, len(icmp), 58, 64,
                     socket.inet_pton(socket.AF_INET6, "fd00::1"),
                     socket.inet_pton(socket.AF_INET6, "fd00::2"))
    return dst + src + b"\x86\xdd" + ip + icmp
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((sys.argv[1], 0))
s.send(ip6())
for i in range(60):  # 60 SYNs well inside one second
    s.send(ip4(40000 + i))
PY
capture() { # NAME DB OPTIONS...: serve --capture in a namespace, the frames sent, SIGTERM
  local name=$1 d=$2
  shift 2
  "$AG_BIN" --db "$d" db init >/dev/null || exit 1
  unshare -n bash -c '
    ip link set lo up
    ip link add v0 type veth peer name v1
    for i in v0 v1; do echo 1 >/proc/sys/net/ipv6/conf/$i/disable_ipv6 2>/dev/null || true; done
    ip link set v0 up
    ip link set v1 up
    t=$1 d=$2 bin=$0
    shift 2
    "$bin" --db "$d" --lang en serve --listen 127.0.0.1:0 --capture v1 "$@" >"$t.log" 2>"$t.err" &
    pid=$!
    for _ in $(seq 200); do grep -q listening "$t.log" 2>/dev/null && break; sleep 0.1; done
    sleep 0.5
    python3 "$(dirname "$t")/frames.py" v0
    sleep 1.5
    kill -TERM $pid
    wait $pid
    echo "status $?" >"$t.status"
  ' "$AG_BIN" "$tmp/$name" "$d" "$@" 2>"$tmp/$name.unshare"
  equals "$name: serve ran and stopped with status 0" "$(cat "$tmp/$name.status" 2>/dev/null)" \
    "status 0" || true
  [[ -s $tmp/$name.status ]] || not_ok "$name: serve --capture ran" \
    "$(cat "$tmp/$name.unshare" "$tmp/$name.err")"
}
rules() { sqlite3 "$1" "SELECT rule FROM alerts ORDER BY rule" | sort -u | tr '\n' ' '; }

capture defaults "$tmp/d.db"
got=$(rules "$tmp/d.db")
contains "defaults: IPv6 is unexpected" "$got" "ipv6_unexpected"
lacks "defaults: 60 SYNs/s is under the flood threshold" "$got" "flood"

capture tuned "$tmp/t.db" --capture-syn-rate 20 --capture-ipv6
got=$(rules "$tmp/t.db")
contains "--capture-syn-rate 20: the same SYNs are a flood" "$got" "flood"
lacks "--capture-ipv6: IPv6 expected, no alert" "$got" "ipv6_unexpected"
equals "the flood names its destination" \
  "$(sqlite3 "$tmp/t.db" "SELECT count(*) FROM alerts WHERE rule = 'flood' AND evidence LIKE '%syn%'")" 1

# the same through the configuration file's keys
printf 'capture_syn_rate = 20\ncapture_ipv6 = yes\n' >"$tmp/tuned.conf"
capture file "$tmp/f.db" --config "$tmp/tuned.conf"
got=$(rules "$tmp/f.db")
contains "capture_syn_rate = 20 in the file: a flood" "$got" "flood"
lacks "capture_ipv6 = yes in the file: no alert" "$got" "ipv6_unexpected"
# the command line wins over the file
printf 'capture_syn_rate = 20\n' >"$tmp/low.conf"
capture override "$tmp/o.db" --config "$tmp/low.conf" --capture-syn-rate 200
lacks "--capture-syn-rate 200 over the file's 20: no flood" "$(rules "$tmp/o.db")" "flood"
finish

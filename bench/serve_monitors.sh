#!/usr/bin/env bash
# The monitors inside `airguard serve` (make bench): the release build serves with a syslog UDP
# listener; python3 sends N password-list attacks (12 failed passwords for invalid users from
# each of N addresses, RFC 5424) as fast as the listener takes them; reported: the time from the
# first line until all N alerts are in the store (detection, the pipeline's 5-second hand-over,
# the writer's batched transactions), the server's CPU time, and the time from SIGTERM to the
# exit (web stop, listeners stop, flush). Never run by make test; results to bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/release/airguard
n=${ATTACKS:-1000}
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
"$bin" --db "$tmp/b.db" db init >/dev/null
"$bin" --db "$tmp/b.db" --lang en serve --listen 127.0.0.1:0 --syslog-udp 127.0.0.1:0 \
  --rules rules >"$tmp/serve.log" 2>"$tmp/serve.err" &
pid=$!
for _ in $(seq 200); do
  grep -q listening "$tmp/serve.log" 2>/dev/null && grep -q 'listening on udp' "$tmp/serve.err" && break
  sleep 0.1
done
udp=$(awk '/listening on udp/ {print $NF}' "$tmp/serve.err")
cat >"$tmp/send.py" <<'PY'
import socket, sys
port, n = int(sys.argv[1]), int(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1 << 20)
for ip in range(n):
    for u in range(12):
        m = "<38>1 2026-11-26T12:00:00Z host sshd 1 - - Failed password for invalid user u%d " \
            "from 10.%d.%d.%d port 4242 ssh2" % (u, ip >> 16, (ip >> 8) & 255, ip & 255)
        s.sendto(m.encode(), ("127.0.0.1", port))
PY
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
c0=$(cpu)
t0=$(date +%s.%N)
python3 "$tmp/send.py" "${udp##*:}" "$n"
stored=0
for _ in $(seq 600); do
  stored=$(sqlite3 "$tmp/b.db" "SELECT count(*) FROM alerts")
  ((stored >= n)) && break
  sleep 0.1
done
t1=$(date +%s.%N)
c1=$(cpu)
kill -TERM $pid
t2=$(date +%s.%N)
while kill -0 $pid 2>/dev/null; do sleep 0.02; done
t3=$(date +%s.%N)
sub() { awk -v a="$1" -v b="$2" -v d="${3:-1}" 'BEGIN { printf "%.2f", (a - b) / d }'; }
echo "serve monitors: $((n * 12)) lines, $stored of $n alerts stored in $(sub "$t1" "$t0") s" \
  "(server CPU $(sub "$c1" "$c0" "$(getconf CLK_TCK)") s);" \
  "SIGTERM to exit $(sub "$t3" "$t2") s; load $(cut -d' ' -f1 /proc/loadavg)"
grep -h 'lines,' "$tmp/serve.err" | head -1
tail -1 "$tmp/serve.log"

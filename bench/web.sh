#!/usr/bin/env bash
# Web benchmark (make bench): the release build serves the demo airport on loopback; wrk drives
# the dashboard (logged in as a demo person) and a catalog page for DURATION seconds each with
# 2 threads and 32 connections, and reports requests/s and latency percentiles. Never run by
# make test; results go to bench/RESULTS.md by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/release/airguard
dur=${DURATION:-10}
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
"$bin" --db "$tmp/b.db" db init --demo >/dev/null
printf 'Bench-Password-42!\n' | "$bin" --db "$tmp/b.db" user passwd suzuki >/dev/null
"$bin" --db "$tmp/b.db" serve --listen 127.0.0.1:0 --threads 2 >"$tmp/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q listening "$tmp/serve.log" && break; sleep 0.1; done
port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)/$|\1|p' "$tmp/serve.log")
U="http://127.0.0.1:$port"
curl -s -c "$tmp/jar" "$U/login" >/dev/null
tok=$(awk '/ag_login/{print $7}' "$tmp/jar")
curl -s -b "$tmp/jar" -c "$tmp/jar" --data-urlencode "csrf=$tok" -d login=suzuki \
  --data-urlencode 'password=Bench-Password-42!' "$U/login" >/dev/null
session=$(awk '/ag_session/{print $7}' "$tmp/jar")
[[ -n $session ]] || { echo "bench: login failed" >&2; exit 1; }
# The server's own CPU time per request (utime + stime from /proc, divided by the requests
# served): unlike requests/s it hardly depends on what else the shared machine is doing, and
# 2 cores / (CPU per request) is the ceiling of requests/s on this machine.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
tck=$(getconf CLK_TCK)
sheet=$("$bin" --db "$tmp/b.db" assess sheet list --json |
  jq -r '[.[] | select(.respondent == "suzuki")][0].id // empty')
pages=(/ /catalog/3.1.5.1-2-e)
[[ -n $sheet ]] && pages+=("/assess/sheets/$sheet")
for page in "${pages[@]}"; do
  echo "== GET $page (logged in, ${dur}s, 2 threads, 32 connections)"
  t0=$(cpu_ticks)
  wrk -t2 -c32 -d"${dur}s" --latency -H "Cookie: __Host-ag_session=$session" "$U$page" >"$tmp/wrk"
  t1=$(cpu_ticks)
  grep -E 'Requests/sec|Latency |50%|90%|99%|Non-2xx|requests in' "$tmp/wrk"
  n=$(sed -n 's/ *\([0-9]*\) requests in.*/\1/p' "$tmp/wrk")
  echo "    server CPU per request: $(( (t1 - t0) * 1000000 / tck / (n > 0 ? n : 1) )) us" \
       "(ceiling on 2 cores: $(( n > 0 && t1 > t0 ? 2 * n * tck / (t1 - t0) : 0 )) req/s)"
  echo "== GET $page at low load (1 thread, 2 connections, ${dur}s): latency"
  wrk -t1 -c2 -d"${dur}s" --latency -H "Cookie: __Host-ag_session=$session" "$U$page" |
    grep -E 'Requests/sec|50%|99%'
done

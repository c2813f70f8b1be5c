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
for page in / /catalog/3.1.5.1-2-e; do
  echo "== GET $page (logged in, ${dur}s, 2 threads, 32 connections)"
  wrk -t2 -c32 -d"${dur}s" --latency -H "Cookie: __Host-ag_session=$session" "$U$page" |
    grep -E 'Requests/sec|Latency |50%|90%|99%|Non-2xx|requests in'
done

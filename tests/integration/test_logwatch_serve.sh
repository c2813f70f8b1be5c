#!/usr/bin/env bash
# `airguard logwatch serve` detecting: syslog over TCP (logger) through the rules to alerts on
# standard output as they happen; SIGHUP reloads the rules without losing the counts in the
# windows (six failures before, four after the reload reach a threshold of ten); a rule set
# that no longer loads leaves the running one in place; `logwatch stats --state` shows the
# counters of inputs and engine.
source "$(dirname "$0")/lib.sh"
for tool in logger jq; do
  command -v $tool >/dev/null || { echo "not ok - $tool is installed (scripts/install-deps)"; exit 1; }
done
mkdir -p "$tmp/rules"
cp "$AG_SOURCE_DIR/rules/auth/00_base.yml" "$AG_SOURCE_DIR/rules/auth/brute_force.yml" \
  "$AG_SOURCE_DIR/rules/auth/password_spray.yml" "$tmp/rules/"

"$AG_BIN" --lang en logwatch serve --json --rules "$tmp/rules" --tcp 127.0.0.1:0 \
  --state "$tmp/state" >"$tmp/alerts" 2>"$tmp/serve.err" &
pid=$!
for _ in $(seq 100); do
  grep -q 'listening on tcp' "$tmp/serve.err" 2>/dev/null && break
  sleep 0.05
done
tcp=$(awk '/listening on tcp/ {print $NF}' "$tmp/serve.err")
[[ $tcp == 127.0.0.1:* ]] && ok "serve listens ($tcp)" || not_ok "serve listens" "$(cat "$tmp/serve.err")"

send() { # N USER: N failures for USER from 203.0.113.50 over TCP
  for ((i = 0; i < $1; i++)); do
    logger --server 127.0.0.1 --port "${tcp##*:}" --tcp --octet-count --rfc5424 -t sshd \
      "Failed password for $2 from 203.0.113.50 port $((3000 + i)) ssh2"
  done
}
wait_alerts() { # N: waits (10 s at most) for N alert lines
  for _ in $(seq 200); do
    (($(wc -l <"$tmp/alerts") >= $1)) && return 0
    sleep 0.05
  done
  return 1
}

send 10 root
wait_alerts 1 && ok "ten failures over TCP: an alert as it happens" || not_ok "an alert arrives" "$(cat "$tmp/serve.err")"
equals "the alert is brute_force on root from 203.0.113.50" \
  "$(jq -r '"\(.category) \(.user) \(.src_ip)"' "$tmp/alerts" | head -1)" "brute_force root 203.0.113.50"

# six failures on admin, a reload, four more: the window survives the reload
send 6 admin
sleep 0.5
kill -HUP "$pid"
for _ in $(seq 100); do grep -q 'rules reloaded' "$tmp/serve.err" && break; sleep 0.05; done
contains "SIGHUP reloads the rules" "$(cat "$tmp/serve.err")" "5 rules reloaded"
send 4 admin
wait_alerts 2 && ok "6 before + 4 after the reload: the counts were kept" || not_ok "the window survives a reload" "$(cat "$tmp/alerts")"
equals "the second alert is about admin" "$(jq -r .user "$tmp/alerts" | sed -n 2p)" admin

# a broken rule set on reload: the running rules stay
printf 'title: broken\ndetection:\n  s:\n    nofield: 1\n  condition: s\n' >"$tmp/rules/zz.yml"
kill -HUP "$pid"
for _ in $(seq 100); do grep -q 'running rules stay' "$tmp/serve.err" && break; sleep 0.05; done
contains "a broken reload is reported with its place" "$(cat "$tmp/serve.err")" "zz.yml:4:5: unknown field"
contains "and the running rules stay" "$(cat "$tmp/serve.err")" "the running rules stay"
send 10 oracle
wait_alerts 3 && ok "detection goes on after a failed reload" || not_ok "detection after a failed reload" "$(cat "$tmp/alerts")"

kill -TERM "$pid"
wait "$pid"
equals "SIGTERM stops serve cleanly" "$?" 0
run "logwatch stats --state" 0 "$AG_BIN" --lang en logwatch stats --state "$tmp/state"
contains "stats: lines read" "$out" "lines          30"
contains "stats: alerts" "$out" "alerts         3"
contains "stats: reloads" "$out" "reloads        1"
contains "stats: the TCP input" "$out" "tcp $tcp:"
run "logwatch stats --json" 0 "$AG_BIN" --lang en logwatch stats --json --state "$tmp/state"
equals "stats JSON: engine alerts by category" "$(jq -r '.engine.categories.brute_force' <<<"$out")" 3
equals "stats JSON: the input's lines" "$(jq -r '.inputs.inputs[0].lines' <<<"$out")" 30
run "stats without counters" 1 "$AG_BIN" --lang en logwatch stats --state "$tmp/nothing"
contains "stats without counters says what to do" "$err" "run or serve with --state"
finish

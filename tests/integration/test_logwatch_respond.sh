#!/usr/bin/env bash
# logwatch responses against the real firewall (issue 5 item 6), inside network namespaces this
# test creates: "host" (10.77.0.1, where airguard runs and nft is applied) and "attacker"
# (10.77.0.2), joined by a veth pair. Checks that `airguard logwatch block add` puts the address
# into `inet airguard blocked4` with a timeout, that a packet from it is then dropped (a TCP
# connection that was refused before now times out, and the drop rule's counter moved), that
# durations escalate for a repeat offender, that allowlisted addresses are refused and dry runs
# change nothing, that blocks come back after the kernel's sets were emptied (a reboot), that
# nftables' errors reach the user, and that `airguard logwatch respond` blocks from alerts and locks
# airguard's own accounts with an audit row (never the last administrator).
source "$(dirname "$0")/lib.sh"
ag="$AG_BIN"
# no skipping: the firewall is the point of this test (CI runs as root; nftables and iproute2
# come from scripts/install-deps)
if [[ $(id -u) -ne 0 ]] || ! command -v nft >/dev/null || ! command -v ip >/dev/null; then
  echo "not ok - this test needs root, nft and ip (network namespaces)"
  exit 1
fi
command -v jq >/dev/null || { echo "not ok - jq is installed"; exit 1; }

host="agresp$$h" attacker="agresp$$a"
cleanup() {
  ip netns del "$host" 2>/dev/null
  ip netns del "$attacker" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
ip netns add "$host" && ip netns add "$attacker" || { echo "not ok - ip netns add"; exit 1; }
ip link add "v$$h" type veth peer name "v$$a"
ip link set "v$$h" netns "$host"
ip link set "v$$a" netns "$attacker"
ip -n "$host" addr add 10.77.0.1/24 dev "v$$h"
ip -n "$attacker" addr add 10.77.0.2/24 dev "v$$a"
ip -n "$host" link set "v$$h" up
ip -n "$host" link set lo up
ip -n "$attacker" link set "v$$a" up

H() { ip netns exec "$host" "$@"; }
# probe: a TCP connection from the attacker to the host's port 9 (nothing listens there). "refused"
# = the SYN reached the host and it answered; "dropped" = no answer within 2 s.
probe() {
  local t0=$SECONDS
  ip netns exec "$attacker" timeout 2 bash -c 'exec 3<>/dev/tcp/10.77.0.1/9' 2>/dev/null
  local rc=$?
  if ((rc == 124)); then echo dropped; elif ((rc == 1 && SECONDS - t0 < 2)); then echo refused; else echo "other $rc"; fi
}
lw() { H "$ag" --lang en --db "$tmp/ag.db" logwatch "$@" --state "$tmp/state" --config "$tmp/lw.yaml"; }
set4() { H nft list set inet airguard blocked4 2>&1; }
set6() { H nft list set inet airguard blocked6 2>&1; }

cat >"$tmp/lw.yaml" <<'EOF'
rules: /somewhere/else          # read by the rule engine, not by responses
respond:
  enabled: true
  categories: [brute_force, password_list_attack]
  min_level: medium
  durations: [10m, 1h, 24h, 7d]
  window: 7d
  lock_accounts: [login_after_failures, unused_account_login]
allowlist:
  - 192.0.2.0/24
  - 10.77.0.5
EOF

equals "before any block, the host answers the attacker" "$(probe)" refused

# block add: the element with its timeout, and packets from it dropped
run "block add" 0 lw block add 10.77.0.2 && contains "block add says so" "$out" "blocked 10.77.0.2 for 10m (block 1 in the window"
s=$(set4)
contains "the address is in blocked4" "$s" "10.77.0.2 timeout 10m"
contains "the set has timeouts" "$s" "flags timeout"
equals "a packet from the blocked address is dropped" "$(probe)" dropped
c=$(H nft list chain inet airguard input)
if [[ $c =~ ip\ saddr\ @blocked4\ counter\ packets\ ([0-9]+) ]] && ((BASH_REMATCH[1] > 0)); then
  ok "the drop rule counted the packet (${BASH_REMATCH[1]})"
else
  not_ok "the drop rule counted the packet" "$c"
fi
contains "the chain hooks input" "$c" "hook input"

# escalation: the second block in the window lasts 1h, the third 24h (time moved with AIRGUARD_NOW)
run "block add while blocked" 0 lw block add 10.77.0.2 && contains "still block 1" "$out" "block 1 in the window"
now=$(date -u +%s)
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }
AIRGUARD_NOW=$(iso $((now + 11 * 60))) run "second offence" 0 lw block add 10.77.0.2 &&
  contains "second block lasts 1h" "$out" "for 1h (block 2 in the window"
contains "nft has the new timeout" "$(set4)" "10.77.0.2 timeout 1h"
AIRGUARD_NOW=$(iso $((now + 2 * 3600))) run "third offence" 0 lw block add 10.77.0.2 &&
  contains "third block lasts 24h" "$out" "for 1d (block 3 in the window"
contains "nft has 1d" "$(set4)" "10.77.0.2 timeout 1d"

# --for and IPv6
run "block add --for IPv6" 0 lw block add 2001:db8::9 --for 2h && contains "for 2h" "$out" "for 2h"
contains "the address is in blocked6" "$(set6)" "2001:db8::9 timeout 2h"

# allowlisted: refused (exit 3), never in nft
run "allowlisted refused" 3 lw block add 192.0.2.44 && contains "names the allowlist entry" "$out" "192.0.2.44 is on the allowlist (192.0.2.0/24)"
run "allowlisted single address" 3 lw block add 10.77.0.5
lacks "allowlisted not in nft" "$(set4)" "192.0.2.44"
lacks "allowlisted not in nft (2)" "$(set4)" "10.77.0.5"

# dry run: says what it would do; neither nft nor the state changes
cp "$tmp/state/blocklist.json" "$tmp/before.json"
run "dry run" 0 lw block add 198.51.100.7 --dry-run && contains "dry run says would" "$out" "dry run: would block 198.51.100.7 for 10m"
lacks "dry run: not in nft" "$(set4)" "198.51.100.7"
cmp -s "$tmp/state/blocklist.json" "$tmp/before.json" && ok "dry run: state unchanged" || not_ok "dry run: state unchanged"
run "dry run remove" 0 lw block remove 10.77.0.2 --dry-run
contains "dry run remove: still in nft" "$(set4)" "10.77.0.2"

# bad input
run "not an address" 2 lw block add 10.77.0.300 && contains "names the argument" "$err" '"10.77.0.300" is not an IPv4 or IPv6 address'
run "a block is not an address" 2 lw block add 10.0.0.0/8
run "bad --for" 2 lw block add 10.77.0.2 --for soon && contains "names --for" "$err" '--for: "soon"'
run "usage" 2 lw block frobnicate

# the list, as text and JSON
run "block list" 0 lw block list && contains "list shows the address" "$out" "10.77.0.2" && contains "list shows state" "$out" "blocked"
run "block list --json" 0 lw block list --json
equals "json: the third block recorded" "$(jq -r '.[] | select(.addr == "10.77.0.2") | .blocks' <<<"$out")" 3
equals "json: IPv6 entry" "$(jq -r '.[] | select(.addr == "2001:db8::9") | .blocked' <<<"$out")" true

# a reboot empties the kernel's sets; `respond` puts the live blocks back from the state file
H nft flush set inet airguard blocked4
lacks "after the flush: gone from nft" "$(set4)" "10.77.0.2"
run "respond restores the state" 0 lw respond </dev/null
contains "restored into nft" "$(set4)" "10.77.0.2 timeout"
equals "and dropped again" "$(probe)" dropped

# remove: the host answers again
run "block remove" 0 lw block remove 10.77.0.2 && contains "remove says so" "$out" "unblocked 10.77.0.2"
lacks "removed from nft" "$(set4)" "10.77.0.2"
equals "after remove, the host answers" "$(probe)" refused
run "remove unknown" 2 lw block remove 10.77.0.2 && contains "not in the list" "$err" "not in the block list"

# alerts: blocks and account locks
run "db init" 0 "$ag" --db "$tmp/ag.db" db init --demo
cat >"$tmp/alerts.jsonl" <<'EOF'
{"id":"lw-0000000000000001","time":"2026-11-26T05:12:00Z","category":"brute_force","rule":"SSH brute force on one account","level":"high","src_ip":"10.77.0.2","user":"root","count":12}
{"id":"lw-0000000000000002","category":"password_list_attack","level":"high","src_ip":"10.77.0.2"}
{"id":"lw-0000000000000003","category":"brute_force","level":"high","src_ip":"192.0.2.9"}
{"id":"lw-0000000000000004","category":"brute_force","level":"low","src_ip":"198.51.100.77"}
{"id":"lw-0000000000000005","category":"login_after_failures","rule":"success after failures","level":"high","src_ip":"203.0.113.50","user":"ito"}
{"id":"lw-0000000000000006","category":"unused_account_login","level":"medium","user":"ito"}
{"id":"lw-0000000000000007","category":"login_after_failures","level":"high","user":"mori"}
{"id":"lw-0000000000000008","category":"login_after_failures","level":"high","user":"root"}
not json
EOF
run "respond" 2 lw respond "$tmp/alerts.jsonl"
contains "alert 1 blocks" "$out" "lw-0000000000000001: blocked 10.77.0.2 for 10m"
contains "alert 2: already" "$out" "lw-0000000000000002: 10.77.0.2 is blocked already"
contains "alert 3: allowlisted" "$out" "lw-0000000000000003: 192.0.2.9 is on the allowlist"
lacks "alert 4 (low): nothing" "$out" "198.51.100.77"
contains "alert 5 locks ito" "$out" "lw-0000000000000005: locked the airguard account ito"
contains "alert 6: ito locked already" "$out" "lw-0000000000000006: the airguard account ito is locked already"
contains "alert 7: the last admin is not locked" "$out" "lw-0000000000000007: did not lock the airguard account mori"
lacks "alert 8: root is no airguard account" "$out" "lw-0000000000000008"
contains "bad line named" "$err" "alerts.jsonl:9:"
contains "counts on stderr" "$err" "8 alerts, 1 blocked"
contains "alert block in nft" "$(set4)" "10.77.0.2 timeout 10m"
lacks "low alert not in nft" "$(set4)" "198.51.100.77"
q() { sqlite3 "$tmp/ag.db" "$1"; }
equals "ito is locked in the store" "$(q "SELECT a.locked FROM accounts a JOIN people p ON p.id = a.person_id WHERE p.login = 'ito'")" 1
equals "mori is not" "$(q "SELECT a.locked FROM accounts a JOIN people p ON p.id = a.person_id WHERE p.login = 'mori'")" 0
d=$(q "SELECT actor || ' ' || entity_id || ' ' || detail FROM audit_log WHERE action = 'logwatch.lock'")
contains "audit row: who and which account" "$d" "logwatch ito"
contains "audit row: the alert" "$d" '"alert":"lw-0000000000000005"'
contains "audit row: the category" "$d" '"category":"login_after_failures"'
run "audit trail intact" 0 "$ag" --lang en --db "$tmp/ag.db" audit verify

# respond --json and dry run: nothing locked, nothing blocked
printf '%s\n' '{"id":"lw-9","category":"brute_force","level":"high","src_ip":"10.77.0.9"}' \
  '{"id":"lw-10","category":"login_after_failures","level":"high","user":"kato"}' >"$tmp/a2.jsonl"
run "respond dry run" 0 lw respond --dry-run --json "$tmp/a2.jsonl"
equals "json: would_block" "$(jq -r 'select(.alert == "lw-9") | .response' <<<"$out")" would_block
equals "json: would_lock" "$(jq -r 'select(.alert == "lw-10") | .response' <<<"$out")" would_lock
lacks "dry run: not in nft" "$(set4)" "10.77.0.9"
equals "dry run: kato not locked" "$(q "SELECT a.locked FROM accounts a JOIN people p ON p.id = a.person_id WHERE p.login = 'kato'")" 0

# responses disabled: respond does nothing (and says so)
sed 's/enabled: true/enabled: false/' "$tmp/lw.yaml" >"$tmp/off.yaml"
run "respond disabled" 0 H "$ag" --lang en --db "$tmp/ag.db" logwatch respond --state "$tmp/state" --config "$tmp/off.yaml" "$tmp/a2.jsonl"
contains "disabled: says so" "$err" "responses are not enabled"
lacks "disabled: nothing blocked" "$(set4)" "10.77.0.9"

# flush
run "flush" 0 lw block flush && contains "flush says so" "$out" "emptied the block list"
lacks "flush: blocked4 empty" "$(set4)" "elements"
lacks "flush: blocked6 empty" "$(set6)" "elements"
run "list after flush" 0 lw block list && contains "empty list" "$out" "empty"

# errors: nftables refusing (a process without CAP_NET_ADMIN), a broken configuration
if command -v setpriv >/dev/null; then
  run "nft refusing" 1 H setpriv --bounding-set -net_admin "$ag" --lang en logwatch block add 10.77.0.2 \
    --state "$tmp/state" --config "$tmp/lw.yaml" &&
    contains "nftables' refusal named" "$out" "blocking 10.77.0.2 failed: nftables refused the change" &&
    contains "with its reason" "$out" "Operation not permitted"
  run "the refused block is not listed" 0 lw block list && lacks "not in the list" "$out" "10.77.0.2"
fi
printf 'respond:\n  enabled: true\n  durations: [10m, forever]\n' >"$tmp/bad.yaml"
run "bad config" 2 H "$ag" --lang en logwatch block list --state "$tmp/state" --config "$tmp/bad.yaml" &&
  contains "file, line, column" "$err" "bad.yaml:3:20: durations: \"forever\" is not a duration"
run "bad config (ja)" 2 H "$ag" --lang ja logwatch block list --state "$tmp/state" --config "$tmp/bad.yaml" &&
  contains "in Japanese" "$err" "期間ではありません"
finish

#!/usr/bin/env bash
# `airguard netwatch` end to end on a simulated BHS network (bench/gen_bhspcap: a day of normal
# traffic to learn from, and the same network with ten planted attacks and their ground truth):
#   learn → baseline; watch → every planted event is reported (by its type, or a type the truth
#   says it may fairly cause, naming one of its addresses or MACs); watching the learned traffic
#   itself raises no alert; inventory (JSON, CSV, compared with the asset register); alerts kept
#   in the store; stats; and the errors for bad input.
source "$(dirname "$0")/lib.sh"
: "${AG_GEN_BHSPCAP:?AG_GEN_BHSPCAP must point to gen_bhspcap}"
command -v jq >/dev/null || { echo "not ok - jq is installed"; exit 1; }
nw() { "$AG_BIN" --lang en netwatch "$@"; }

"$AG_GEN_BHSPCAP" -o "$tmp/learn.pcap" --packets 60000 --learn-only --hours 2 2>/dev/null
"$AG_GEN_BHSPCAP" -o "$tmp/attack.pcap" --packets 60000 --attacks --hours 2 --truth "$tmp/truth.json" 2>/dev/null

run "learn" 0 nw learn -r "$tmp/learn.pcap" -o "$tmp/base.json" && ok "learn"
contains "learn: summary on standard error" "$err" "60000 packets"
n_assets=$(jq '.assets | length' "$tmp/base.json")
n_conv=$(jq '.conversations | length' "$tmp/base.json")
[[ $n_assets -ge 100 && $n_conv -ge 100 ]] && ok "baseline: $n_assets assets, $n_conv conversations" ||
  not_ok "baseline: $n_assets assets, $n_conv conversations"

# the learned traffic itself is normal: nothing to report
run "watch the learned capture" 0 nw watch --json -r "$tmp/learn.pcap" --baseline "$tmp/base.json"
equals "watch the learned capture: no alert" "$(printf '%s' "$out" | grep -c .)" "0"

run "watch the attacks" 0 nw watch --json -r "$tmp/attack.pcap" --baseline "$tmp/base.json"
printf '%s\n' "$out" >"$tmp/alerts.jsonl"
jq -e -s 'all(.[]; (.type | type) == "string" and (.time | test("^[0-9]{4}-")) and (.count >= 1) and (.guideline | length) >= 1)' \
  "$tmp/alerts.jsonl" >/dev/null && ok "alerts carry type, time, count, guideline" || not_ok "alert fields" "$(head -3 "$tmp/alerts.jsonl")"
events=$(jq '.events | length' "$tmp/truth.json")
[[ $events -ge 10 ]] && ok "the truth lists $events planted events" || not_ok "truth has $events events"
# Planted events netwatch does not report yet, with the reason; each is checked to be still
# missed, so the list cannot go stale. None today: all ten are found.
declare -A accepted_miss=()
found=0
for i in $(seq 0 $((events - 1))); do
  ev=$(jq -c ".events[$i]" "$tmp/truth.json")
  type=$(jq -r .type <<<"$ev")
  name=$(jq -r .event <<<"$ev")
  # an alert of the event's type (or one it may also cause) naming one of its addresses/MACs
  if jq -e -s --argjson ev "$ev" '
      ([$ev.type] + ($ev.also // [])) as $types | ($ev.match | flatten) as $keys |
      any(.[]; (.type as $t | $types | index($t)) and
               ([.src, .dst, .mac] | map(select(. != null)) | any(. as $v | $keys | index($v))))' \
      "$tmp/alerts.jsonl" >/dev/null; then
    if [[ -n ${accepted_miss[$name]:-} ]]; then
      not_ok "planted $name is found now: remove it from accepted_miss"
    else
      ok "planted $type found ($name)"
      found=$((found + 1))
    fi
  elif [[ -n ${accepted_miss[$name]:-} ]]; then
    ok "planted $name: accepted miss (${accepted_miss[$name]})"
  else
    not_ok "planted $type not found ($name)" "$(jq -r .detail <<<"$ev")"
  fi
done
equals "planted events found" "$found of $events" "$events of $events"
# the PLC's silence (24 minutes inside two clock hours): one alert for the whole silence, from
# the per-device gap detector, soon after its last packet
silent=$(jq -c --slurpfile t "$tmp/truth.json" '
  ($t[0].events[] | select(.event == "plc_silent")) as $ev |
  select(.type == "baseline_deviation" and .reason == "silent" and
         ([.src, .mac] | any(. as $v | $ev.match | flatten | index($v))))' "$tmp/alerts.jsonl")
equals "plc_silent: one aggregated silence alert" "$(grep -c . <<<"$silent")" "1"
contains "plc_silent: says how long and what was learned" "$silent" "learned longest gap"
jq -e -s 'all(.[]; .type != "baseline_deviation" or (.reason | IN("silent", "silent_hour", "volume")))' \
  "$tmp/alerts.jsonl" >/dev/null && ok "baseline_deviation alerts give a reason" || not_ok "reason missing"
run "watch --silence-min 7200" 0 nw watch --json -r "$tmp/attack.pcap" --baseline "$tmp/base.json" --silence-min 7200
equals "--silence-min 7200: no silence alert" "$(jq -c 'select(.reason == "silent")' <<<"$out" | grep -c .)" "0"
run "bad --silence-factor" 2 nw watch -r "$tmp/learn.pcap" --baseline "$tmp/base.json" --silence-factor 0.5
contains "bad --silence-factor: says the range" "$err" "--silence-factor needs a factor from 1 to 1000"
types=$(jq -r .type "$tmp/alerts.jsonl" | sort -u | tr '\n' ' ')
for t in new_device new_conversation external_communication ipv6_unexpected flood port_scan arp_spoof baseline_deviation; do
  contains "alert type $t reported" "$types" "$t"
done

# the text form, in English
run "watch, text" 0 nw watch -r "$tmp/attack.pcap" --baseline "$tmp/base.json"
contains "text: unmanaged device" "$out" "unmanaged device"
contains "text: guideline refs" "$out" "[2.1.2"

# inventory
run "inventory json" 0 nw inventory --json -r "$tmp/attack.pcap"
jq -e 'length >= 100 and all(.[]; .id != null and (.first_seen | test("Z$")))' <<<"$out" >/dev/null &&
  ok "inventory: devices with ids and times" || not_ok "inventory json" "$(head -c 400 <<<"$out")"
jq -e '[.[] | select(.vendor == "Siemens AG")] | length > 0' <<<"$out" >/dev/null &&
  ok "inventory: vendors from the IEEE list" || not_ok "no Siemens device"
run "inventory csv" 0 nw inventory --csv -r "$tmp/attack.pcap"
contains "csv header" "$(head -1 <<<"$out")" '"id","mac","vendor","ips"'
run "inventory table" 0 nw inventory -r "$tmp/attack.pcap"
contains "table: vendor column" "$(head -1 <<<"$out")" "vendor"

# compared with the asset register of the demo airport
db="$tmp/demo.db"
"$AG_BIN" --db "$db" db init --demo >/dev/null 2>&1
run "inventory --compare" 0 nw inventory --db "$db" --json --compare -r "$tmp/attack.pcap"
jq -e '(.observed | length) > 0 and (.registered_not_observed | type) == "array" and
       all(.observed[]; .status == "authorised" or .status == "unmanaged" or .status == "unauthorised" or .status == "archived")' \
  <<<"$out" >/dev/null && ok "compare: every device has a register status" || not_ok "compare" "$(head -c 400 <<<"$out")"

# alerts into the store, listed with logwatch's
run "watch --store" 0 nw watch --db "$db" --store -r "$tmp/attack.pcap" --baseline "$tmp/base.json"
run "alert list" 0 "$AG_BIN" --lang en --db "$db" alert list --category network --json --limit 1000
stored=$(jq 'length' <<<"$out")
[[ $stored -ge 10 ]] && ok "alerts stored: $stored" || not_ok "alerts stored: $stored"
run "watch --store again" 0 nw watch --db "$db" --store -r "$tmp/attack.pcap" --baseline "$tmp/base.json"
run "alert list again" 0 "$AG_BIN" --lang en --db "$db" alert list --category network --json --limit 1000
equals "storing the same capture twice adds nothing" "$(jq 'length' <<<"$out")" "$stored"

# stats, with a state folder
run "stats" 0 nw stats --json -r "$tmp/attack.pcap"
equals "stats: packets" "$(jq .packets <<<"$out")" "60000"
jq -e '.flows.created > 0 and .apps.s7comm > 0 and .apps.modbus > 0' <<<"$out" >/dev/null &&
  ok "stats: flows and protocols" || not_ok "stats" "$out"
mkdir -p "$tmp/state"
run "watch --state" 0 nw watch -r "$tmp/attack.pcap" --state "$tmp/state"
run "stats from the state" 0 nw stats --state "$tmp/state"
equals "stats from the state: packets" "$(jq .packets <<<"$out")" "60000"

# bad input
printf 'not a capture\n' >"$tmp/bad.pcap"
run "not a capture" 1 nw stats -r "$tmp/bad.pcap"
contains "not a capture: names the file" "$err" "bad.pcap"
run "learn without -o" 2 nw learn -r "$tmp/learn.pcap"
contains "learn without -o: says so" "$err" "-o"
run "bad --internal" 2 nw watch -r "$tmp/learn.pcap" --internal 10.0.0.0/33
contains "bad --internal: names the entry" "$err" "10.0.0.0/33"
printf '{"assets": 5}\n' >"$tmp/bad-base.json"
run "bad baseline" 2 nw watch -r "$tmp/learn.pcap" --baseline "$tmp/bad-base.json"
contains "bad baseline: names the file" "$err" "bad-base.json"
run "no file" 2 nw watch
run "unknown subcommand" 2 nw frobnicate
finish

#!/usr/bin/env bash
# `netwatch watch` as evidence (docs/netwatch.md "Run records"): a watch over a capture file with a
# store leaves a monitor_runs row of kind netwatch whose details name the baseline, and the
# automatic status of the measures whose checks are alerts.netwatch and netwatch_baseline
# (3.1.5.2(4)(a)) follows it: evidenced with a baseline, the baseline check contradicted
# without one; a high alert under the section contradicts alerts.netwatch.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "not ok - jq is installed (scripts/install-deps)"; exit 1; }
pcap="$AG_SHARED_DIR/testdata/pcaps/ModbusTCP_ModbusTCP.pcap"
[[ -f $pcap ]] || { echo "not ok - the capture is at $pcap"; exit 1; }
db="$tmp/t.db"
"$AG_BIN" --db "$db" db init >/dev/null || exit 1
item=3.1.5.2-4-a.m2
check() { # CHECK: the status of that check of the measure
  "$AG_BIN" --db "$db" --lang en compliance status --item "$item" --json |
    jq -r --arg c "$1" '.[0].checks[] | select(.check == $c) | .status'
}
equals "before any run: no data" "$(check netwatch_baseline)" no_data

run "learn" 0 "$AG_BIN" --db "$db" --lang en netwatch learn -r "$pcap" -o "$tmp/base.json"
rows() { sqlite3 "$db" "SELECT count(*) FROM monitor_runs WHERE kind = 'netwatch'"; }
equals "learn records no run (it watches nothing)" "$(rows)" 0

run "watch --store with a baseline" 0 "$AG_BIN" --db "$db" --lang en netwatch watch -r "$pcap" \
  --baseline "$tmp/base.json" --store
equals "one run row" "$(rows)" 1
d=$(sqlite3 "$db" "SELECT result || ' ' || details FROM monitor_runs WHERE kind = 'netwatch'")
contains "the run ended ok" "$d" "ok {"
equals "details: the baseline's path" "$(jq -r .baseline <<<"${d#ok }")" "$(realpath "$tmp/base.json")"
equals "details: the packets" "$(jq -r .packets <<<"${d#ok }")" 15387
equals "details: the file" "$(jq -r '.files[0]' <<<"${d#ok }")" "$pcap"
equals "netwatch_baseline: evidenced" "$(check netwatch_baseline)" evidenced
equals "alerts.netwatch: evidenced (no high alerts)" "$(check alerts.netwatch)" evidenced
equals "the measure: evidenced" \
  "$("$AG_BIN" --db "$db" --lang en compliance status --item "$item" --json | jq -r '.[0].status')" evidenced

run "watch without a baseline" 0 "$AG_BIN" --db "$db" --lang en netwatch watch -r "$pcap"
equals "a second run row" "$(rows)" 2
equals "netwatch_baseline: contradicted by the newest run" "$(check netwatch_baseline)" contradicted
contains "the reason says why" \
  "$("$AG_BIN" --db "$db" --lang en compliance status --item "$item" --json | jq -r '.[0].checks[] | select(.check == "netwatch_baseline") | .reason')" \
  "without a baseline"

run "a failing watch (not a capture)" 1 "$AG_BIN" --db "$db" --lang en netwatch watch -r "$db" \
  --baseline "$tmp/base.json"
equals "the failed run is recorded as failed" \
  "$(sqlite3 "$db" "SELECT result FROM monitor_runs WHERE kind = 'netwatch' ORDER BY id DESC LIMIT 1")" failed
equals "alerts.netwatch: not evidenced after a failed run" "$(check alerts.netwatch)" no_data
finish

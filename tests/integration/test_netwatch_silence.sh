#!/usr/bin/env bash
# netwatch's silence detector for a device off from the start of the watch (issue 6,
# docs/netwatch.md "baseline_deviation, silence"): a baseline learned from gen_bhspcap's
# --learn-only capture, then a capture of the next day with --off-plc (one S7 PLC sends nothing
# at all, its masters keep polling). The PLC is reported exactly once, "reason": "silent", its
# silence counted from the capture's first packet; watching the learned capture itself raises
# nothing (devices that begin talking late while learning carry that head in their gap).
source "$(dirname "$0")/lib.sh"
gen=${AG_GEN_BHSPCAP:?AG_GEN_BHSPCAP must point to the gen_bhspcap binary}
command -v jq >/dev/null || { echo "not ok - jq is installed"; exit 1; }

run "generate the learning capture" 0 "$gen" -o "$tmp/learn.pcap" --packets 60000 --seed 7 \
  --hours 2 --learn-only
run "generate a capture with a PLC off from the start" 0 "$gen" -o "$tmp/off.pcap" \
  --packets 30000 --seed 7 --hours 1 --off-plc --truth "$tmp/truth.json"
mac=$(jq -r '.events[] | select(.event == "plc_off") | .match[1][0]' "$tmp/truth.json")
ip=$(jq -r '.events[] | select(.event == "plc_off") | .match[0][0]' "$tmp/truth.json")
[[ $mac == ??:??:??:??:??:?? ]] && ok "the truth names the PLC ($ip, $mac)" || not_ok "no plc_off in the truth"
first=$(jq -r .start "$tmp/truth.json")
run "learn" 0 "$AG_BIN" --lang en netwatch learn -r "$tmp/learn.pcap" -o "$tmp/base.json"
gap=$(jq -r --arg m "$mac" '.assets[] | select(.mac == $m) | .longest_gap_s' "$tmp/base.json")
[[ $gap =~ ^[0-9.]+$ ]] && ok "the PLC has a learned longest gap ($gap s)" || not_ok "the PLC has no longest_gap_s: $gap"

run "watch the learned capture" 0 "$AG_BIN" --lang en netwatch watch -r "$tmp/learn.pcap" \
  --baseline "$tmp/base.json" --json
equals "… raises nothing" "$out" ""

run "watch the capture with the PLC off" 0 "$AG_BIN" --lang en netwatch watch -r "$tmp/off.pcap" \
  --baseline "$tmp/base.json" --json
sil=$(jq -c 'select(.type == "baseline_deviation")' <<<"$out")
equals "one baseline_deviation" "$(grep -c . <<<"$sil")" 1
equals "… for the PLC" "$(jq -r .mac <<<"$sil")" "$mac"
equals "… reason silent" "$(jq -r .reason <<<"$sil")" silent
equals "… its time the capture's first packet (second)" "$(jq -r '.time[0:19]' <<<"$sil")" "${first:0:19}"
contains "… the detail says it sent nothing since watching began" "$(jq -r .detail <<<"$sil")" \
  "since watching began, nothing sent"
lacks "no silent_hour for it as well" "$out" '"silent_hour"'

run "--silence-min longer than the capture" 0 "$AG_BIN" --lang en netwatch watch -r "$tmp/off.pcap" \
  --baseline "$tmp/base.json" --json --silence-min 7200
lacks "… reports no silence" "$out" '"reason":"silent"'
finish

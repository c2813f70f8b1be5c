#!/usr/bin/env bash
# The netwatch benchmark's capture generator (bench/gen_bhspcap.c), checked with tshark (a
# dissector no one here wrote) so the benchmark cannot silently measure nothing: a small capture
# with --attacks is a valid pcap of exactly the frames asked for, in time order, nothing
# malformed; tshark recognises the OT protocols (S7comm, Modbus/TCP, EtherNet/IP + CIP, CIP I/O,
# PROFINET DCP) and the rest of the mix (DNS, ARP, RTP behind RTSP, HTTP, DHCP, NTP, LLDP, VLAN);
# the ground truth names every planted event type and each event is in the capture as the truth
# says (packets, addresses, times; the silent PLC sends nothing in its hour); --learn-only is the
# same network without any of it; the same seed gives the same bytes; --small holds the OT polls
# only; --nsec writes a nanosecond pcap.
source "$(dirname "$0")/lib.sh"
gen=${AG_GEN_BHSPCAP:?AG_GEN_BHSPCAP must point to the gen_bhspcap binary}
for t in tshark jq; do
  command -v "$t" >/dev/null || { echo "not ok - $t is installed"; exit 1; }
done
fields() { # FILE FIELD... -> one tab-separated line per frame
  local f=$1
  shift
  local args=()
  for x in "$@"; do args+=(-e "$x"); done
  tshark -r "$f" -T fields -E separator=/t -E occurrence=f "${args[@]}" 2>/dev/null
}

cap=$tmp/bhs.pcap truth=$tmp/truth.json n=60000
run "generate $n packets with --attacks" 0 "$gen" -o "$cap" --packets $n --seed 7 --hours 2 \
  --attacks --truth "$truth"
contains "the summary names the packets and planted events" "$err" "10 planted events"

# one pass of tshark (it is slow): the fields every check below reads
fields "$cap" frame.time_epoch frame.protocols eth.src ip.src ip.dst tcp.flags arp.src.proto_ipv4 \
  arp.src.hw_mac icmpv6.type dns.qry.name tcp.dstport dhcp.option.hostname modbus.func_code >"$tmp/f.tsv"
equals "tshark reads exactly $n frames" "$(wc -l <"$tmp/f.tsv")" "$n"
equals "… none malformed" "$(cut -f2 "$tmp/f.tsv" | grep -c malformed)" 0
equals "… in time order" "$(awk -F'\t' '$1 < p { bad++ } { p = $1 } END { print bad + 0 }' "$tmp/f.tsv")" 0
cut -f2 "$tmp/f.tsv" | tr ':' '\n' | sort | uniq -c | awk '{ print $2, $1 }' >"$tmp/protos"
for p in s7comm mbtcp enip cip cipio pn_dcp dns arp rtp rtsp http dhcp ntp lldp vlan icmpv6; do
  k=$(awk -v p="$p" '$1 == p { print $2 }' "$tmp/protos")
  ((${k:-0} > 0)) && ok "tshark identifies $p (${k} frames)" || not_ok "tshark identifies $p"
done
small_share=$(awk -F'\t' '$2 ~ /s7comm|mbtcp|enip|cipio/ { n++ } END { printf "%d", 100 * n / NR }' "$tmp/f.tsv")
((small_share >= 40)) && ok "OT polls are the bulk of the frames ($small_share %)" ||
  not_ok "OT polls are only $small_share % of the frames"
rtp=$(awk -F'\t' '$2 ~ /:rtp$/ { n++ } END { printf "%d", 100 * n / NR }' "$tmp/f.tsv")
((rtp >= 15 && rtp <= 35)) && ok "camera RTP about the default share of 25 % ($rtp %)" ||
  not_ok "camera RTP is $rtp % of the frames"

# The ground truth.
equals "the truth is JSON" "$(jq -e .events "$truth" >/dev/null 2>&1 && echo valid)" valid
equals "… counting the capture's frames" "$(jq .packets "$truth")" "$n"
for ty in new_device new_conversation external_communication ipv6_unexpected flood port_scan \
  arp_spoof ip_conflict baseline_deviation; do
  k=$(jq --arg t "$ty" '[.events[] | select(.type == $t)] | length' "$truth")
  ((k >= 1)) && ok "planted: $ty ($k)" || not_ok "planted: $ty"
done
equals "every event has match alternatives, a time span in the capture and packets (but the silence)" \
  "$(jq -r '.start as $s | .end as $e | .events[] | select((.match | length) == 0 or (.match[] | length) == 0 or
      .first > .last or .first < $s or .last > $e or ((.packets == 0) != (.event == "plc_silent"))) | .event' "$truth")" ""

# Each planted event as tshark sees it.
ev() { jq -r --arg e "$1" ".events[] | select(.event == \$e) | $2" "$truth"; }
epoch() { jq -rn --arg t "$1" '$t | sub("\\.[0-9]+Z$"; "Z") | fromdateiso8601'; }
spoof_mac=$(ev gratuitous_arp_takeover '.match[1][0]')
equals "arp_spoof: every ARP from the Raspberry Pi claims the SCADA master's address, as many as the truth" \
  "$(awk -F'\t' -v m="$spoof_mac" '$8 == m { n++; if ($7 != "10.10.0.10") bad++ } END { print n + 0, bad + 0 }' "$tmp/f.tsv")" \
  "$(ev gratuitous_arp_takeover .packets) 0"
plc=$(ev syn_flood '.match[0][0]')
syns=$(awk -F'\t' -v d="$plc" '$5 == d && $6 == "0x0002" { n++ } END { print n + 0 }' "$tmp/f.tsv")
((syns >= 3000)) && ok "flood: $syns SYNs to $plc" || not_ok "flood: only $syns SYNs to $plc"
scanner=$(ev port_scan '.match[0][0]')
ports=$(awk -F'\t' -v s="$scanner" '$4 == s && $6 == "0x0002" { print $11 }' "$tmp/f.tsv" | sort -u | wc -l)
((ports >= 1024)) && ok "port_scan: $scanner probes $ports ports" || not_ok "port_scan: $ports ports"
equals "ipv6_unexpected: 30 router advertisements, and IPv6 nowhere else" \
  "$(awk -F'\t' '$9 == 134 { ra++ } $2 ~ /ipv6/ { v6++ } END { print ra + 0, v6 + 0 }' "$tmp/f.tsv")" \
  "30 $(ev ipv6_router_advertisement .packets)"
equals "external: the display's three queries to 8.8.8.8 and their answers" \
  "$(awk -F'\t' '($5 == "8.8.8.8" || $4 == "8.8.8.8") && $10 != "" { n++ } END { print n + 0 }' "$tmp/f.tsv")" 6
equals "external: the camera's session with 203.0.113.77, as many packets as the truth" \
  "$(awk -F'\t' '$5 == "203.0.113.77" || $4 == "203.0.113.77" { n++ } END { print n + 0 }' "$tmp/f.tsv")" \
  "$(ev external_address .packets)"
quiet=$(ev plc_silent '.match[0][0]')
from=$(epoch "$(ev plc_silent .first)") to=$(epoch "$(ev plc_silent .last)")
equals "baseline_deviation: $quiet sends nothing in its silent hour, but before and after" \
  "$(awk -F'\t' -v ip="$quiet" -v a="$from" -v b="$to" '$4 == ip { if ($1 < a) pre++; else if ($1 < b) in_++; else post++ }
      END { print (pre > 0) " " in_ + 0 " " (post > 0) }' "$tmp/f.tsv")" "1 0 1"
conflict_mac=$(ev ip_conflict '.match[1][0]') conflict_ip=$(ev ip_conflict '.match[0][0]')
equals "ip_conflict: two MACs send from $conflict_ip" \
  "$(awk -F'\t' -v ip="$conflict_ip" '($4 == ip || $7 == ip) && $3 !~ /^00:1e:bd/ { m[$3] = 1 } END { print length(m) }' "$tmp/f.tsv")" 2
newdev=$(ev new_device '.match[0][0]')
contains "new_device: the laptop asks DHCP with its host name" \
  "$(awk -F'\t' -v m="$newdev" '$3 == m { print $12 }' "$tmp/f.tsv")" DESKTOP-7Q2K9LM
hmi=$(ev new_conversation '.match[0][0]') mb=$(ev new_conversation '.match[0][1]')
equals "new_conversation: the HMI writes registers of the Modbus PLC (10 requests, 10 responses)" \
  "$(awk -F'\t' -v a="$hmi" -v b="$mb" '(($4 == a && $5 == b) || ($4 == b && $5 == a)) && $13 == 16 { n++ } END { print n + 0 }' "$tmp/f.tsv")" 20
equals "… and the HMI never talks to it otherwise" \
  "$(awk -F'\t' -v a="$hmi" -v b="$mb" '(($4 == a && $5 == b) || ($4 == b && $5 == a)) && $13 != 16 && $2 ~ /modbus/ { n++ } END { print n + 0 }' "$tmp/f.tsv")" 0

# --learn-only: the same devices, none of the planted ones, a day earlier.
learn=$tmp/learn.pcap
run "--learn-only" 0 "$gen" -o "$learn" --packets 30000 --seed 7 --hours 2 --learn-only
fields "$learn" eth.src ip.src frame.time_epoch frame.protocols >"$tmp/l.tsv"
# (IPv4 frames: the router's MAC aside, each MAC with its address; the rarer layer-2 frames
# need not all fall within a short capture)
awk -F'\t' '$2 != "" && $1 !~ /^00:1e:bd/ { print $1, $2 }' "$tmp/l.tsv" | sort -u >"$tmp/l.pairs"
awk -F'\t' '$4 != "" && $2 !~ /:arp/ && $3 !~ /^00:1e:bd/ { print $3, $4 }' "$tmp/f.tsv" | sort -u >"$tmp/a.pairs"
equals "the learning capture's devices (MAC, IP) are those of the attack capture less the planted" \
  "$(comm -3 "$tmp/l.pairs" "$tmp/a.pairs" | tr -d '\t' | grep -vE "^($newdev|$conflict_mac) " | sort -u | tr '\n' ' ')" ""
k=$(wc -l <"$tmp/l.pairs")
((k >= 130)) && ok "… $k of them (PLCs, masters, HMIs, cameras, recorders, displays …)" || not_ok "only $k devices"
lacks "… no planted MAC in the learning capture" "$(cut -f1 "$tmp/l.tsv" | sort -u)" "$spoof_mac"
first_l=$(head -1 "$tmp/l.tsv" | cut -f3) first_a=$(head -1 "$tmp/f.tsv" | cut -f1)
equals "… one day earlier" "$(awk -v a="$first_a" -v l="$first_l" 'BEGIN { d = a - l; print (d > 86000 && d < 86400) }')" 1

# Determinism, --small, --nsec, bad values.
"$gen" -o "$tmp/again.pcap" --packets $n --seed 7 --hours 2 --attacks --truth "$tmp/truth2" 2>/dev/null
equals "the same seed gives the same capture" "$(cmp -s "$cap" "$tmp/again.pcap" && echo same)" same
equals "… and the same truth" "$(cmp -s "$truth" "$tmp/truth2" && echo same)" same
"$gen" -o "$tmp/again.pcap" --packets $n --seed 8 --hours 2 --attacks --truth "$tmp/truth2" 2>/dev/null
lacks "another seed, another capture" "$(cmp -s "$cap" "$tmp/again.pcap" && echo same)" same
rm -f "$tmp/again.pcap"
run "--small" 0 "$gen" -o "$tmp/small.pcap" --packets 20000 --small --nsec
fields "$tmp/small.pcap" frame.protocols frame.len >"$tmp/s.tsv"
equals "--small: 20000 frames, all S7, Modbus or EtherNet/IP (or their TCP handshakes)" \
  "$(awk -F'\t' '{ n++ } $1 !~ /s7comm|mbtcp|enip|cipio|cotp|:tcp$/ { bad++ } END { print n, bad + 0 }' "$tmp/s.tsv")" "20000 0"
equals "… all small (≤ 150 bytes)" "$(awk -F'\t' '$2 > 150 { n++ } END { print n + 0 }' "$tmp/s.tsv")" 0
equals "--nsec writes the nanosecond magic" "$(od -An -tx1 -N4 "$tmp/small.pcap" | tr -d ' ')" 4d3cb2a1
run "a bad value is refused" 2 "$gen" -o "$tmp/x.pcap" --packets ten
contains "… naming it" "$err" '"ten" for --packets'
run "--attacks with too short a span is refused" 2 "$gen" -o "$tmp/x.pcap" --packets 20000 --attacks --hours 0.5
contains "… saying why" "$err" "at least an hour"
finish

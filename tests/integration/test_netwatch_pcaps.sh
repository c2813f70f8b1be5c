#!/usr/bin/env bash
# netwatch over every real OT capture in ../shared/testdata/pcaps (ITI's ICS-Security-Tools
# collection, CC BY 4.0 — made by no one here), checked against tshark, a dissector no one here
# wrote:
#   - every file reads without error, and its decode errors are the ones explained below;
#   - netwatch's own reader and libpcap give the same statistics (--libpcap);
#   - the inventory's devices are the unicast source MACs tshark sees, and their IPs are the
#     source addresses tshark sees (IPv4, IPv6, ARP senders) — the differences we accept are
#     listed with the reason, and each is checked to still be a difference, so the list cannot
#     go stale;
#   - the OT protocols tshark dissects are identified by netwatch.
source "$(dirname "$0")/lib.sh"
pcaps="$AG_SHARED_DIR/testdata/pcaps"
[[ -d $pcaps ]] || { echo "not ok - the captures are at $pcaps"; exit 1; }
command -v tshark >/dev/null || { echo "not ok - tshark is installed (scripts/install-deps)"; exit 1; }
command -v jq >/dev/null || { echo "not ok - jq is installed"; exit 1; }
nw() { "$AG_BIN" --lang en netwatch "$@"; }

# Decode errors we expect, by file and reason (all others must be zero).
declare -A decode_errors=(
  # a fuzzed Modbus capture (Bro/Zeek's tests): one frame's IPv4 header says its total length is
  # shorter than the header itself; tshark reports "Bogus IP length" for the same frame
  ['bro_modbus_fuzz-1011.pcap bad_ip']=1
)

# Accepted differences with tshark, "file kind value" → reason.
declare -A accepted=(
  ['bro_modbus_modbusSmall.pcap ip-tshark-only 118.189.96.132']="a capture on a loopback interface: the Ethernet header carries the all-zero MAC, which is no device; the address talks only to itself"
  ['dnp3_opendnp3-conformance-6.1.2_dump.pcap ip-tshark-only 127.0.0.1']="DLT_NULL loopback capture: 127.0.0.1 is this host's loopback, not a device on the network"
)

# tshark protocol (io,phs name) → netwatch app names (any of them); each one tshark finds must be
# identified. EtherNet/IP carrying CIP is counted as cip, the more precise of the two.
declare -A proto_map=(
  [modbus]=modbus [s7comm]=s7comm [enip]='enip cip' [cip]=cip [pn_dcp]=profinet-dcp
  [goose]=goose [bvlc]=bacnet [iec60870_104]=iec104 [dnp3]=dnp3 [dns]=dns [mdns]=mdns
  [llmnr]=llmnr [nbns]=nbns [dhcp]=dhcp [dhcpv6]=dhcpv6 [ssdp]=ssdp [lldp]=lldp
)
# tshark protocols netwatch does not identify in a given file, with the reason.
declare -A proto_accepted=(
)

unused=("${!accepted[@]}")
seen_accepted() { # KEY: marks an accepted difference as still happening
  local k=$1 i
  for i in "${!unused[@]}"; do [[ ${unused[$i]} == "$k" ]] && unset 'unused[i]'; done
}

files=0
for f in "$pcaps"/*.pcap "$pcaps"/*.pcapng; do
  [[ -f $f ]] || continue
  b=$(basename "$f")
  files=$((files + 1))
  if ! nw stats --json -r "$f" >"$tmp/stats.json" 2>"$tmp/err"; then
    not_ok "$b: netwatch stats fails" "$(cat "$tmp/err")"
    continue
  fi
  # decode errors: exactly the explained ones
  bad=""
  while IFS=$'\t' read -r reason n; do
    want=${decode_errors["$b $reason"]:-0}
    [[ $n -eq $want ]] || bad+="$reason=$n (expected $want) "
  done < <(jq -r '.decode_errors | to_entries[] | "\(.key)\t\(.value)"' "$tmp/stats.json")
  [[ -z $bad ]] && ok "$b: decode errors explained" || not_ok "$b: decode errors: $bad"

  # the mmap reader and libpcap agree
  nw stats --json --libpcap -r "$f" >"$tmp/stats-pcap.json" 2>/dev/null
  if diff <(jq 'del(.max_rss_kib)' "$tmp/stats.json") <(jq 'del(.max_rss_kib)' "$tmp/stats-pcap.json") >"$tmp/d"; then
    ok "$b: own reader and libpcap agree"
  else
    not_ok "$b: own reader and libpcap differ" "$(cat "$tmp/d")"
  fi

  # one tshark pass per file: source MAC, IPv4, IPv6, ARP sender, the protocol stack
  tshark -r "$f" -T fields -E separator=/t -e eth.src -e ip.src -e ipv6.src -e arp.src.proto_ipv4 \
    -e frame.protocols >"$tmp/ts.tsv" 2>/dev/null
  # devices: unicast, non-zero source MACs
  nw inventory --json -r "$f" >"$tmp/inv.json" 2>/dev/null
  jq -r '.[].mac // empty' "$tmp/inv.json" | sort -u >"$tmp/ours-mac"
  cut -f1 "$tmp/ts.tsv" | tr ',' '\n' | grep -v '^$' |
    grep -v '^.[13579bdf]:' | grep -v '^00:00:00:00:00:00$' | sort -u >"$tmp/ts-mac"
  # IPs: unicast source addresses (IPv4, IPv6, ARP senders)
  jq -r '.[].ips[]?.ip' "$tmp/inv.json" | sort -u >"$tmp/ours-ip"
  cut -f2-4 "$tmp/ts.tsv" | tr '\t,' '\n\n' | grep -v '^$' |
    grep -Ev '^(0\.0\.0\.0|255\.255\.255\.255|22[4-9]\..*|23[0-9]\..*|ff..:.*|::)$' | sort -u >"$tmp/ts-ip"
  diffs=""
  for kind in mac ip; do
    while read -r v; do
      [[ -z $v ]] && continue
      k="$b $kind-ours-only $v"
      if [[ -n ${accepted[$k]:-} ]]; then seen_accepted "$k"; else diffs+="$kind only in netwatch: $v; "; fi
    done < <(comm -23 "$tmp/ours-$kind" "$tmp/ts-$kind")
    while read -r v; do
      [[ -z $v ]] && continue
      k="$b $kind-tshark-only $v"
      if [[ -n ${accepted[$k]:-} ]]; then seen_accepted "$k"; else diffs+="$kind only in tshark: $v; "; fi
    done < <(comm -13 "$tmp/ours-$kind" "$tmp/ts-$kind")
  done
  [[ -z $diffs ]] && ok "$b: inventory agrees with tshark ($(wc -l <"$tmp/ours-mac") MACs, $(wc -l <"$tmp/ours-ip") IPs)" ||
    not_ok "$b: inventory differs from tshark" "$diffs"

  # protocols
  missing=""
  for p in $(cut -f5 "$tmp/ts.tsv" | tr ':' '\n' | sort -u); do
    app=${proto_map[$p]:-}
    [[ -z $app ]] && continue
    found=0
    for a in $app; do
      jq -e --arg a "$a" '(.apps[$a] // 0) > 0' "$tmp/stats.json" >/dev/null && found=1
    done
    ((found)) && continue
    k="$b $p"
    if [[ -n ${proto_accepted[$k]:-} ]]; then continue; fi
    missing+="$p ($app) "
  done
  [[ -z $missing ]] && ok "$b: the protocols tshark dissects are identified" ||
    not_ok "$b: not identified: $missing" "$(jq -c .apps "$tmp/stats.json")"
done
[[ $files -ge 30 ]] && ok "all $files captures were read" || not_ok "only $files captures found"
for k in "${unused[@]}"; do
  not_ok "accepted difference no longer happens (remove it from the list): $k"
done
finish

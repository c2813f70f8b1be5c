#!/usr/bin/env bash
# netwatch benchmark (make bench; issue 6, "Performance"). bench/gen_bhspcap writes simulated
# mirror-port captures of an airport's BHS/FIDS/CCTV networks (docs/netwatch.md, "Benchmark"):
#   mixed   PACKETS (default 4,000,000) packets over 6 hours with the planted events of --attacks
#           and their ground truth: S7/Modbus/EtherNet/IP polls and I/O, 25 % camera RTP, HTTP,
#           DNS, NTP, DHCP, ARP, LLDP, PROFINET DCP, VLAN tags
#   learn   the same network without attacks, the day before (the baseline for `watch`)
#   small   SMALL_PACKETS (default 2,000,000) small OT polls only (the issue's "2M small packets")
# and, on each file in the page cache, in the same run (median of 3 runs; packets/s on CPU time,
# user + sys, since these machines are shared; peak RSS from GNU time):
#   airguard netwatch watch -r FILE --baseline B.json --json   every detector; B learned from
#                                                 `learn` (mixed) or from the file itself (small)
#   airguard netwatch learn -r FILE -o B.json
#   argus -r FILE -w /dev/null                    argus's flow records (argus-server)
#   softflowd -r FILE -n 127.0.0.1:9999           NetFlow v5 export of its flows (to a port
#                                                 nobody listens on)
#   tcpdump -r FILE -w /dev/null                  a plain copy through libpcap
#   bench/pcap_loop FILE                          libpcap's read loop alone: the floor
# then the ratios airguard watch / each peer, the bytes per flow from `airguard netwatch stats
# --json`, and airguard's alerts on the mixed file scored against the ground truth with jq:
# planted events found by type, false alerts (alerts matching no planted event).
# Until `airguard netwatch` exists its rows say "not available" and the peers are measured alone.
#
#   bench/netwatch.sh                 the comparison (PACKETS=…, SMALL_PACKETS=… to resize;
#                                     AIRGUARD=… to measure another build)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${AIRGUARD:-build/release/airguard}
gen=build/release/gen_bhspcap
loop=build/release/bench/pcap_loop
packets=${PACKETS:-4000000}
small_packets=${SMALL_PACKETS:-2000000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/netwatch-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
for t in argus softflowd tcpdump jq /usr/bin/time; do
  command -v "$t" >/dev/null || { echo "== netwatch: $t is missing (scripts/install-bench-deps)"; exit 1; }
done

t0=$(date +%s)
"$gen" -o "$tmp/mixed.pcap" --packets "$packets" --attacks --truth "$tmp/truth.json" 2>"$tmp/gen.err"
"$gen" -o "$tmp/learn.pcap" --packets "$packets" --learn-only 2>>"$tmp/gen.err"
"$gen" -o "$tmp/small.pcap" --packets "$small_packets" --small 2>>"$tmp/gen.err"
"$gen" -o "$tmp/tiny.pcap" --packets 20000 --small 2>/dev/null
echo "== netwatch: generated in $(($(date +%s) - t0)) s"
sed 's/^gen_bhspcap: /   /' "$tmp/gen.err"

# Whether the CLI of issue 6 exists: learn and watch accept a small capture (exit 0).
have_learn=false have_watch=false have_stats=false
if "$bin" --lang en netwatch learn -r "$tmp/tiny.pcap" -o "$tmp/tiny.json" >/dev/null 2>&1 &&
  [[ -s $tmp/tiny.json ]]; then
  have_learn=true
  "$bin" --lang en netwatch watch -r "$tmp/tiny.pcap" --baseline "$tmp/tiny.json" --json \
    >/dev/null 2>&1 && have_watch=true
fi
"$bin" --lang en netwatch stats -r "$tmp/tiny.pcap" --json >"$tmp/tiny.stats" 2>/dev/null &&
  jq -e . "$tmp/tiny.stats" >/dev/null 2>&1 && have_stats=true
$have_learn || echo "   airguard netwatch: not available yet (\`$bin netwatch learn\` failed); the peers are measured alone"

# measure OUT CMD...: 3 runs; keeps the last run's stdout in OUT and stderr in OUT.err; sets
# cpu_s (median user+sys), wall_s (median), rss_mib (peak over the runs), status (last run).
measure() {
  local out=$1 cpus=() walls=() rss=0 w u s m
  shift
  for _ in 1 2 3; do
    status=0
    /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$@" >"$out" 2>"$out.err" || status=$?
    read -r w u s m < <(tail -1 "$tmp/time")
    walls+=("$w")
    cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')")
    ((m > rss)) && rss=$m
  done
  cpu_s=$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n 2p)
  wall_s=$(printf '%s\n' "${walls[@]}" | sort -g | sed -n 2p)
  rss_mib=$((rss / 1024))
}
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", (t > 0 ? n / t : 0) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else printf "-" }'; }
group() { printf "%'d" "$1" 2>/dev/null || printf "%d" "$1"; }

# bench_file NAME FILE N BASELINE: one table of the tools on FILE (N packets).
bench_file() {
  local name=$1 file=$2 n=$3 base=$4 rows=$tmp/$1.rows
  local r_watch=0 r_argus=0 r_soft=0 r_tcpdump=0 r_loop=0
  cat "$file" >/dev/null # into the page cache
  printf 'tool\tpackets/s (CPU)\tCPU s\twall s\tpeak RSS MiB\tnote\n' >"$rows"
  if $have_watch; then
    measure "$tmp/$name.alerts" "$bin" --lang en netwatch watch -r "$file" --baseline "$base" --json
    r_watch=$(rate "$n" "$cpu_s")
    printf 'airguard netwatch watch\t%s\t%s\t%s\t%s\t%s alerts%s\n' "$(group "$r_watch")" "$cpu_s" \
      "$wall_s" "$rss_mib" "$(grep -c '^[[:space:]]*{' "$tmp/$name.alerts" || true)" \
      "$( ((status)) && echo ", exit status $status")" >>"$rows"
  else
    printf 'airguard netwatch watch\tnot available\t\t\t\t(the CLI has not landed)\n' >>"$rows"
  fi
  if $have_learn; then
    measure "$tmp/$name.learn.out" "$bin" --lang en netwatch learn -r "$file" -o "$tmp/$name.B.json"
    printf 'airguard netwatch learn\t%s\t%s\t%s\t%s\t%s\n' "$(group "$(rate "$n" "$cpu_s")")" "$cpu_s" \
      "$wall_s" "$rss_mib" "$( ((status)) && echo "exit status $status")" >>"$rows"
  else
    printf 'airguard netwatch learn\tnot available\n' >>"$rows"
  fi
  measure "$tmp/argus.out" argus -r "$file" -w /dev/null
  r_argus=$(rate "$n" "$cpu_s")
  printf 'argus -r … -w /dev/null\t%s\t%s\t%s\t%s\t\n' "$(group "$r_argus")" "$cpu_s" "$wall_s" "$rss_mib" >>"$rows"
  measure "$tmp/soft.out" softflowd -r "$file" -n 127.0.0.1:9999
  r_soft=$(rate "$n" "$cpu_s")
  printf 'softflowd -r … -n 127.0.0.1:9999\t%s\t%s\t%s\t%s\t%s flows\n' "$(group "$r_soft")" "$cpu_s" \
    "$wall_s" "$rss_mib" "$(sed -n 's/^Flows expired: \([0-9]*\).*/\1/p' "$tmp/soft.out")" >>"$rows"
  measure "$tmp/tcpdump.out" tcpdump -r "$file" -w /dev/null
  r_tcpdump=$(rate "$n" "$cpu_s")
  printf 'tcpdump -r … -w /dev/null\t%s\t%s\t%s\t%s\t\n' "$(group "$r_tcpdump")" "$cpu_s" "$wall_s" \
    "$rss_mib" >>"$rows"
  measure "$tmp/loop.out" "$loop" "$file"
  r_loop=$(rate "$n" "$cpu_s")
  printf 'libpcap read loop (pcap_loop)\t%s\t%s\t%s\t%s\t%s\n' "$(group "$r_loop")" "$cpu_s" "$wall_s" \
    "$rss_mib" "$(cut -d, -f1 "$tmp/loop.out")" >>"$rows"
  echo
  echo "== netwatch, $name: $(group "$n") packets, $(du -m "$file" | cut -f1) MiB, in the page cache"
  column -t -s $'\t' "$rows"
  if $have_watch && ((r_watch > 0)); then
    echo "ratios, airguard watch / argus $(ratio "$r_watch" "$r_argus")x, / softflowd" \
      "$(ratio "$r_watch" "$r_soft")x, / tcpdump $(ratio "$r_watch" "$r_tcpdump")x," \
      "/ libpcap's loop $(ratio "$r_watch" "$r_loop")x (targets: 8,000,000 packets/s; ≈16x argus," \
      "≥3x softflowd, >1x tcpdump)"
  else
    echo "peers against the floor: argus $(ratio "$r_argus" "$r_loop"), softflowd $(ratio "$r_soft" "$r_loop")," \
      "tcpdump $(ratio "$r_tcpdump" "$r_loop") of libpcap's read loop"
  fi
}

B=$tmp/baseline.json
if $have_learn; then
  /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" \
    "$bin" --lang en netwatch learn -r "$tmp/learn.pcap" -o "$B" >/dev/null 2>"$tmp/learn.err" ||
    { echo "airguard netwatch learn failed on the learning capture:"; head -5 "$tmp/learn.err"; have_watch=false; }
fi
bench_file mixed "$tmp/mixed.pcap" "$packets" "$B"
rm -f "$tmp/learn.pcap"
if $have_learn; then
  "$bin" --lang en netwatch learn -r "$tmp/small.pcap" -o "$tmp/small.base.json" >/dev/null 2>&1 || true
fi
bench_file small "$tmp/small.pcap" "$small_packets" "$tmp/small.base.json"

# Bytes per flow (target ≤ 128) and the flow counts, from airguard's own statistics.
echo
if $have_stats && "$bin" --lang en netwatch stats -r "$tmp/mixed.pcap" --json >"$tmp/stats.json" 2>/dev/null; then
  jq -r '[.. | objects | select(has("bytes_per_flow"))][0] as $f |
         "bytes per flow: \($f.bytes_per_flow // "?") (target ≤ 128); flows created \($f.created // "?"), " +
         "evicted \($f.evicted // "?"), capacity \($f.capacity // "?")"' "$tmp/stats.json"
else
  echo "bytes per flow: not available (\`airguard netwatch stats --json\` has not landed)"
fi

# airguard's alerts on the mixed capture against the planted events.
echo
if ! $have_watch; then
  echo "planted events ($(jq '.events | length' "$tmp/truth.json")): scoring needs \`airguard netwatch watch\` (not available yet)"
  jq -r '.events[] | "  \(.type)\t\(.event)\t\(.first)\t\(.packets) packets"' "$tmp/truth.json" | column -t -s $'\t'
  exit 0
fi
# An alert hits a planted event when its type is the event's (or one it may fairly cause too,
# "also"), it names every string of one of the event's match alternatives (addresses, MACs;
# anywhere in the alert) and its time falls between 5 min before the event and 1 h after it.
grep '^[[:space:]]*{' "$tmp/mixed.alerts" >"$tmp/alerts.jsonl" || true # JSON lines only
jq -rn --slurpfile truth "$tmp/truth.json" --slurpfile alerts "$tmp/alerts.jsonl" '
  def ts: if type == "string" then (sub("\\.[0-9]+"; "") | sub("\\+00:00$"; "Z") | try fromdateiso8601 catch null) else null end;
  def hits($a; $e; $types):
    ($types | any(. == $a.type)) and
    ([$a | .. | strings | ascii_downcase] as $s | any($e.match[]; all(.[]; . as $k | any($s[]; . == $k)))) and
    (($a.time | ts) as $t | $t == null or ($t >= ($e.first | ts) - 300 and $t <= ($e.last | ts) + 3600));
  $truth[0].events as $ev |
  ($ev | map(. as $e | .found = any($alerts[]; hits(.; $e; [$e.type])))) as $scored |
  ($alerts | map(. as $a | select(any($ev[]; hits($a; .; [.type] + .also)) | not))) as $false |
  "planted events detected by airguard netwatch watch (\($scored | map(select(.found)) | length)/\($ev | length)):",
  ($scored | group_by(.type)[] | "  \(.[0].type)\t\(map(select(.found)) | length)/\(length)\t\(map(select(.found | not) | .event) | join(", ") | if . != "" then "missed: " + . else "" end)"),
  "false alerts: \($false | length) of \($alerts | length) alerts",
  ($false | group_by(.type)[] | "  \(.[0].type)\t\(length)")' |
  awk -F'\t' 'NF == 1 { print; next } { sub(/^  /, "", $1); printf "  %-24s %-7s %s\n", $1, $2, $3 }'

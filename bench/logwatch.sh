#!/usr/bin/env bash
# logwatch benchmark (make bench): a generated auth log (bench/gen-authlog.awk, LINES lines,
# default 2,000,000) through `airguard logwatch parse --hostile` (syslog header + decoders +
# "sign of attack", printing the signs of attack as sshguard's parser prints its attacks),
# sshguard's parser (/usr/libexec/sshguard/sshg-parser) and fail2ban-regex with its
# sshd filter, in the same run on the same file. Prints lines/s (median of 3 runs; fail2ban on the
# first 200,000 lines, once — it is far slower) and what each found. The peers come from Debian
# (scripts/install-bench-deps). The rules and correlation of `logwatch run` are not in this
# measurement yet (docs/logwatch.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/release/airguard
lines=${LINES:-2000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk -v n="$lines" -f bench/gen-authlog.awk >"$tmp/auth.log"
cat "$tmp/auth.log" >/dev/null # into the page cache
now() { date +%s.%N; }
median3() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", n / t }'; }

run3() { # command...: median seconds of 3 runs
  local ts=()
  for _ in 1 2 3; do
    local t0 t1
    t0=$(now)
    "$@" >/dev/null 2>"$tmp/stderr"
    t1=$(now)
    ts+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
  done
  median3 "${ts[@]}"
}

echo "== logwatch: $lines generated auth.log lines ($(du -m "$tmp/auth.log" | cut -f1) MiB)"
t_ag=$(run3 "$bin" --lang en logwatch parse --hostile "$tmp/auth.log")
ag_hostile=$(sed -n 's/.*decoded, \([0-9]*\) signs of attack.*/\1/p' "$tmp/stderr")
r_ag=$(rate "$lines" "$t_ag")
echo "airguard logwatch parse:   ${r_ag} lines/s (median ${t_ag}s); signs of attack: $ag_hostile"
if [[ -x /usr/libexec/sshguard/sshg-parser ]]; then
  t_sg=$(run3 sh -c "/usr/libexec/sshguard/sshg-parser < '$tmp/auth.log'")
  sg_attacks=$(/usr/libexec/sshguard/sshg-parser <"$tmp/auth.log" | wc -l)
  r_sg=$(rate "$lines" "$t_sg")
  echo "sshguard sshg-parser:      ${r_sg} lines/s (median ${t_sg}s); attacks: $sg_attacks"
  echo "  ratio airguard / sshguard: $(awk -v a="$r_ag" -v b="$r_sg" 'BEGIN { printf "%.1f", a / b }')x"
else
  echo "sshguard: not installed (scripts/install-bench-deps)"
fi
if command -v fail2ban-regex >/dev/null; then
  head -200000 "$tmp/auth.log" >"$tmp/auth200k.log"
  t0=$(now)
  fail2ban-regex "$tmp/auth200k.log" /etc/fail2ban/filter.d/sshd.conf >"$tmp/f2b.out" 2>&1 || true
  t1=$(now)
  t_fb=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
  r_fb=$(rate 200000 "$t_fb")
  fb_matched=$(sed -n 's/^Lines: .* \([0-9]*\) matched.*/\1/p' "$tmp/f2b.out" | head -1)
  echo "fail2ban-regex (sshd):     ${r_fb} lines/s (${t_fb}s for 200,000 lines); matched: ${fb_matched:-?} of 200,000"
  echo "  ratio airguard / fail2ban: $(awk -v a="$r_ag" -v b="$r_fb" 'BEGIN { printf "%.0f", a / b }')x"
else
  echo "fail2ban: not installed (scripts/install-bench-deps)"
fi

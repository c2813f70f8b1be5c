#!/usr/bin/env bash
# logwatch benchmark (make bench). bench/gen_authlog writes a simulated airport log (LINES lines,
# default 2,000,000: ~60 hosts, staff habits, cron/systemd noise, scanners, web traffic, and
# planted attacks of every alert category) and a ground-truth file of the planted attacks. On the
# same file, in the same run:
#   airguard logwatch run --json --rules rules/ --config bench/site.yaml   detection with the default ruleset (when `run`
#                                                 exists; "not available" until then)
#   airguard logwatch parse --hostile             the decode layer alone (signs of attack)
#   sshguard's parser (sshg-parser)               its attacks; an address counts as detected
#                                                 when its dangerousness reaches sshguard's
#                                                 default blocking threshold (30)
#   fail2ban-regex with the sshd filter           its matches; an address counts as detected
#                                                 when the sshd jail's defaults would ban it
#                                                 (maxretry 5 within findtime 10 min)
# and compares what each detects against the truth: per category, planted attacks detected (by
# source address for the address-based tools, by category + address/user/host for airguard's
# alerts), and false alerts (alerted addresses, or airguard alerts, matching nothing planted).
# Timings: median of 3 runs (fail2ban: 3 runs on the first 200,000 lines, then one run on the
# file's sshd lines for what it detects — it is ~100x slower), lines/s on CPU time (user + sys; the machines are
# shared, so wall time is printed too) and peak RSS from /usr/bin/time.
#
#   bench/logwatch.sh            the comparison (LINES=… to change the size)
#   bench/logwatch.sh --long     memory flatness: 100 million generated lines (LONG_LINES=…)
#                                through a pipe into `airguard logwatch run -`, RSS sampled every
#                                5 s (not run by `make bench`: it takes a while)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${AIRGUARD:-build/release/airguard} # AIRGUARD=… to measure another build
gen=build/release/gen_authlog
sg=/usr/libexec/sshguard/sshg-parser
lines=${LINES:-2000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Whether `airguard logwatch run` exists: it accepts an empty file (exit 0).
have_run() {
  [[ -d rules ]] && "$bin" --lang en logwatch run --json --rules rules/ --config bench/site.yaml /dev/null >/dev/null 2>&1
}

if [[ ${1:-} == --long ]]; then
  n=${LONG_LINES:-100000000}
  if ! have_run; then
    echo "== logwatch --long: \`airguard logwatch run\` not available yet; nothing measured"
    exit 0
  fi
  echo "== logwatch --long: $n generated lines through a pipe into airguard logwatch run -"
  mkfifo "$tmp/pipe"
  "$gen" --lines "$n" --days 365 >"$tmp/pipe" 2>/dev/null &
  gen_pid=$!
  "$bin" --lang en logwatch run --json --rules rules/ --config bench/site.yaml - <"$tmp/pipe" >/dev/null 2>"$tmp/run.err" &
  run_pid=$!
  t0=$(date +%s)
  echo "seconds  rss_kib"
  while kill -0 "$run_pid" 2>/dev/null; do
    rss=$(ps -o rss= -p "$run_pid" 2>/dev/null | tr -d ' ')
    [[ -n $rss ]] && printf '%7d  %s\n' $(($(date +%s) - t0)) "$rss"
    sleep 5
  done
  wait "$run_pid" || echo "airguard logwatch run exited with status $?"
  wait "$gen_pid" || true
  echo "elapsed: $(($(date +%s) - t0)) s; $(grep "^logwatch:" "$tmp/run.err" | tail -1)"
  exit 0
fi

"$gen" --lines "$lines" --truth "$tmp/truth.jsonl" >"$tmp/auth.log" 2>"$tmp/gen.err"
cat "$tmp/auth.log" >/dev/null # into the page cache
nl=$(wc -l <"$tmp/auth.log")
head -200000 "$tmp/auth.log" >"$tmp/auth200k.log"
echo "== logwatch: $nl generated lines ($(du -m "$tmp/auth.log" | cut -f1) MiB), $(wc -l <"$tmp/truth.jsonl") planted attacks"

# measure NAME OUT N_LINES CMD...: 3 runs; keeps the last run's stdout in OUT; sets
# cpu_s (median user+sys), wall_s (median), rss_mib (peak over the runs).
measure() {
  local out=$1 cpus=() walls=() rss=0
  shift
  for _ in 1 2 3; do
    /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$@" >"$out" 2>"$tmp/stderr" || true
    read -r w u s m <"$tmp/time"
    walls+=("$w")
    cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')")
    ((m > rss)) && rss=$m
  done
  cpu_s=$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n 2p)
  wall_s=$(printf '%s\n' "${walls[@]}" | sort -g | sed -n 2p)
  rss_mib=$((rss / 1024))
}
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", (t > 0 ? n / t : 0) }'; }

# The truth as keys an alert or a flagged address can match: one line per planted attack,
# "index TAB category TAB also(,) TAB keys(,)" with keys ip:ADDR, user:NAME, host:NAME — by
# address for the address-keyed categories, by user for the account ones, by host for log_gap.
jq -r '[.category, ((.also // []) | join(",")),
        ([ (if .category == "off_hours_login" or .category == "unused_account_login" or
               .category == "account_created" or .category == "privilege_granted" then empty
            elif .category == "log_gap" then empty else ((.src_ip // empty), (.src_ips // [] | .[])) end
            | "ip:" + .),
           (if .category == "off_hours_login" or .category == "unused_account_login" or
               .category == "account_created" or .category == "privilege_granted" then .user
            elif .category == "password_spray" then .users[] else empty end | "user:" + .),
           (if .category == "log_gap" then "host:" + .host else empty end)] | join(","))] | @tsv' \
  "$tmp/truth.jsonl" | awk '{ print NR "\t" $0 }' >"$tmp/truth.tsv"
cats="password_list_attack brute_force password_spray login_after_failures new_source_login off_hours_login account_created privilege_granted unused_account_login log_gap web_attack"

# score TOOL FILE MODE: MODE "addr" (FILE: flagged addresses) or "alerts" (FILE: TSV category,
# src_ip, user, host). Appends "TOOL det_1 … det_11 false" to $tmp/scores.
score() {
  awk -F'\t' -v tool="$1" -v mode="$3" -v cats="$cats" '
    NR == FNR {
      i = $1; cat[i] = $2; nk = split($4, k, ",")
      na = split($3, al, ","); al[na + 1] = $2
      for (j = 1; j <= nk; j++) {
        prim[$2, k[j]] = prim[$2, k[j]] " " i
        for (a = 1; a <= na + 1; a++) if (al[a] != "") anyk[al[a], k[j]] = 1
        if (k[j] ~ /^ip:/) byip[substr(k[j], 4)] = byip[substr(k[j], 4)] " " i
      }
      next
    }
    mode == "addr" {
      if ($1 == "") next
      if (!($1 in byip)) { fp++; next }
      n = split(byip[$1], ids, " "); for (j = 1; j <= n; j++) det[ids[j]] = 1
      next
    }
    mode == "alerts" {
      hit = 0
      ks[1] = ($2 != "" ? "ip:" $2 : ""); ks[2] = ($3 != "" ? "user:" $3 : ""); ks[3] = ($4 != "" ? "host:" $4 : "")
      for (j = 1; j <= 3; j++) {
        if (ks[j] == "") continue
        if (($1, ks[j]) in prim) { n = split(prim[$1, ks[j]], ids, " "); for (m = 1; m <= n; m++) det[ids[m]] = 1 }
        if (($1, ks[j]) in anyk) hit = 1
      }
      if (!hit) fp++
    }
    END {
      for (i in cat) { planted[cat[i]]++; if (i in det) found[cat[i]]++ }
      printf "%s", tool; nc = split(cats, cl, " ")
      for (c = 1; c <= nc; c++) printf "\t%d/%d", found[cl[c]], planted[cl[c]]
      printf "\t%d\n", fp
    }' "$tmp/truth.tsv" "$2" >>"$tmp/scores"
}
: >"$tmp/scores"

# flagged_by_threshold FILE: "addr weight [time]" lines -> addresses whose weights reach 30
# (sshguard), or with ≥ 5 within 600 s (fail2ban, time-sorted input).
sshguard_flagged() { awk '{ w[$2] += $4 } END { for (a in w) if (w[a] >= 30) print a }' "$1"; }
fail2ban_flagged() {
  # rows: ['ADDR',<tab>EPOCH,<tab>{…}] -> ADDR EPOCH, sorted; a ban when 5 fall within 600 s
  sed -nE "s/^\['([^']*)',[[:space:]]*([0-9.]+),.*/\1 \2/p" "$1" | sort -k1,1 -k2,2g |
    awk '{ if ($1 != a) { a = $1; n = 0 } t[++n] = $2; if (n >= 5 && t[n] - t[n - 4] <= 600) ban[a] = 1 }
         END { for (x in ban) print x }'
}

printf 'tool\tlines/s (CPU)\tCPU s\twall s\tpeak RSS MiB\tfound\n' >"$tmp/speed"
r_run=
if have_run; then
  measure "$tmp/run.out" "$bin" --lang en logwatch run --json --rules rules/ --config bench/site.yaml "$tmp/auth.log"
  r_run=$(rate "$nl" "$cpu_s")
  printf 'airguard logwatch run\t%s\t%s\t%s\t%s\t%s alerts\n' "$r_run" "$cpu_s" "$wall_s" "$rss_mib" \
    "$(wc -l <"$tmp/run.out")" >>"$tmp/speed"
  jq -r '[.category, (.src_ip // ""), (.user // ""), (.host // "")] | @tsv' "$tmp/run.out" >"$tmp/run.tsv"
  score "airguard run" "$tmp/run.tsv" alerts
else
  printf 'airguard logwatch run\tnot available\t\t\t\t(the rule engine has not landed)\n' >>"$tmp/speed"
fi

measure "$tmp/parse.out" "$bin" --lang en logwatch parse --hostile "$tmp/auth.log"
r_ag=$(rate "$nl" "$cpu_s")
signs=$(sed -n 's/.*decoded, \([0-9]*\) signs of attack.*/\1/p' "$tmp/stderr")
printf 'airguard logwatch parse --hostile\t%s\t%s\t%s\t%s\t%s signs of attack\n' "$r_ag" "$cpu_s" \
  "$wall_s" "$rss_mib" "$signs" >>"$tmp/speed"
# the decode layer scored like sshguard: ≥ 3 signs (30 points at 10 each) from one address
sed -n 's/.*\tsrc=\([^\t][^\t]*\)\t.*/x \1 x 10/p' "$tmp/parse.out" >"$tmp/parse.w"
sshguard_flagged "$tmp/parse.w" >"$tmp/parse.flag"
score "airguard parse (≥3 signs)" "$tmp/parse.flag" addr

r_sg=
if [[ -x $sg ]]; then
  measure "$tmp/sg.out" sh -c "exec $sg < '$tmp/auth.log'"
  r_sg=$(rate "$nl" "$cpu_s")
  printf 'sshguard sshg-parser\t%s\t%s\t%s\t%s\t%s attacks\n' "$r_sg" "$cpu_s" "$wall_s" "$rss_mib" \
    "$(wc -l <"$tmp/sg.out")" >>"$tmp/speed"
  sshguard_flagged "$tmp/sg.out" >"$tmp/sg.flag"
  score "sshguard (threshold 30)" "$tmp/sg.flag" addr
else
  printf 'sshguard\tnot installed (scripts/install-bench-deps)\n' >>"$tmp/speed"
fi

r_fb=
if command -v fail2ban-regex >/dev/null; then
  measure "$tmp/f2b200k.out" fail2ban-regex -o row "$tmp/auth200k.log" sshd
  r_fb=$(rate 200000 "$cpu_s")
  # what it detects: the sshd lines only (its filter reads nothing else; a jail watches auth.log)
  grep ' sshd\[' "$tmp/auth.log" >"$tmp/sshd.log" || true
  /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" fail2ban-regex -o row "$tmp/sshd.log" sshd \
    >"$tmp/f2b.out" 2>/dev/null || true
  read -r w u s m <"$tmp/time"
  printf 'fail2ban-regex (sshd)\t%s\t%s (200k lines)\t%s (sshd lines: %s)\t%s\t%s matches\n' "$r_fb" \
    "$cpu_s" "$wall_s" "$w" "$((m / 1024))" "$(grep -c "^\['" "$tmp/f2b.out")" >>"$tmp/speed"
  fail2ban_flagged "$tmp/f2b.out" >"$tmp/f2b.flag"
  score "fail2ban (maxretry 5/10 min)" "$tmp/f2b.flag" addr
else
  printf 'fail2ban\tnot installed (scripts/install-bench-deps)\n' >>"$tmp/speed"
fi

column -t -s $'\t' "$tmp/speed"
echo
echo "planted attacks detected per category (detected/planted), and false alerts:"
awk -F'\t' -v cats="$cats" '
  { tool[NR] = $1; for (i = 2; i <= NF; i++) v[NR, i] = $i; nf = NF }
  END {
    nc = split(cats, cl, " "); cl[nc + 1] = "false alerts"
    printf "%-22s", "category"; for (r = 1; r <= NR; r++) printf "  %-28s", tool[r]; printf "\n"
    for (c = 1; c <= nc + 1; c++) { printf "%-22s", cl[c]; for (r = 1; r <= NR; r++) printf "  %-28s", v[r, c + 1]; printf "\n" }
  }' "$tmp/scores"
echo "(false: for the address-based tools, flagged addresses that planted nothing; for airguard run,"
echo " alerts matching no planted attack of their category. Peers cannot see account, time-of-day"
echo " or host-silence categories at all: they read addresses only.)"
for peer in "sshguard:$r_sg" "fail2ban:$r_fb"; do
  name=${peer%%:*} r=${peer#*:}
  [[ -n $r && $r != 0 ]] || continue
  [[ -n $r_run ]] && echo "ratio airguard run / $name: $(awk -v a="$r_run" -v b="$r" 'BEGIN { printf "%.1f", a / b }')x"
  echo "ratio airguard parse / $name: $(awk -v a="$r_ag" -v b="$r" 'BEGIN { printf "%.1f", a / b }')x"
done

#!/usr/bin/env bash
# The logwatch benchmark's generator (bench/gen_authlog.c) against its own ground truth, so the
# benchmark cannot silently measure nothing: a small log with a fixed seed, then for every planted
# attack in the truth file — its evidence lines are in the log verbatim; its source address
# appears in exactly the lines the truth counts and nowhere else; the attempts are what the
# category says (many names from one source, many failures on one account, ≥ 20 sources over at
# most an hour, failures then a success, an unseen address, 02:00–04:00 against a 09–18 habit, an
# account idle ≥ 30 days, a heartbeat host silent > 1 h, attack patterns in web requests) — and
# the background holds the traps it must hold and nothing that would make an unplanted attack.
source "$(dirname "$0")/lib.sh"
gen=${AG_GEN_AUTHLOG:?AG_GEN_AUTHLOG must point to the gen_authlog binary}
command -v jq >/dev/null || { echo "not ok - jq is installed"; exit 1; }

log=$tmp/auth.log truth=$tmp/truth.jsonl
run "generate 800,000 lines" 0 "$gen" --lines 800000 --seed 7 --truth "$truth"
mv "$tmp/out" "$log"
contains "the summary names the lines and attacks" "$err" "planted attacks"
n=$(wc -l <"$log")
((n > 600000 && n < 1000000)) && ok "about the lines asked for ($n)" || not_ok "$n lines for 800,000 asked"
"$gen" --lines 800000 --seed 7 --truth "$tmp/truth2" >"$tmp/log2" 2>/dev/null
equals "the same seed gives the same log" "$(cmp -s "$log" "$tmp/log2" && echo same)" same
equals "… and the same truth" "$(cmp -s "$truth" "$tmp/truth2" && echo same)" same
"$gen" --lines 800000 --seed 8 --truth "$tmp/truth2" >"$tmp/log2" 2>/dev/null
lacks "another seed, another log" "$(cmp -s "$log" "$tmp/log2" && echo same)" same
rm -f "$tmp/log2"
run "a bad value is refused" 2 "$gen" --lines ten
contains "… naming it" "$err" '"ten" for --lines'

equals "the truth is JSON lines" "$(jq -e . "$truth" >/dev/null 2>&1 && echo valid)" valid
for c in password_list_attack brute_force password_spray login_after_failures new_source_login \
  off_hours_login account_created privilege_granted unused_account_login log_gap web_attack; do
  k=$(jq -r --arg c "$c" 'select(.category == $c) | .category' "$truth" | wc -l)
  ((k >= 2)) && ok "$c: $k planted" || not_ok "$c: only $k planted"
done

# Every evidence line is in the log, verbatim.
jq -r '.evidence[]' "$truth" | sort -u >"$tmp/evidence"
found=$(awk 'NR == FNR { want[$0] = 1; next } ($0 in want) { delete want[$0]; n++ } END { print n + 0 }' \
  "$tmp/evidence" "$log")
equals "every evidence line is in the log" "$found" "$(wc -l <"$tmp/evidence")"

# Per planted source address: the lines naming it (as a whole address) and what they say.
# (grep -F picks the lines that may name one; awk then checks whole addresses)
# address -> category, user, count, lines (spray: each source, the entry's count on the first)
jq -r 'if .category == "password_spray" then
         (.src_ips[] as $ip | [$ip, .category, (.users | join(",")), .count, .lines, .first, .last, .src_ips[0]] | @tsv)
       elif .src_ip and (.category != "off_hours_login" and .category != "unused_account_login") then
         [.src_ip, .category, (.user // ""), .count, .lines, .first, .last, .src_ip] | @tsv
       else empty end' "$truth" >"$tmp/addrs"
cut -f1 "$tmp/addrs" | grep -Ff - "$log" >"$tmp/addr_lines"
awk -F'\t' '
  function kind(s) { # what the line says about the address
    if (s ~ /nginx: /) return "web"
    if (s ~ /message repeated [0-9]+ times: \[ Failed password/) return "repeat"
    if (s ~ /Failed password for /) return "fail"
    if (s ~ /Accepted (password|publickey) for /) return "accept"
    return "other"
  }
  NR == FNR { cat[$1] = $2; users[$1] = $3; cnt[$1] = $4; lines[$1] = $5; group[$1] = $8; next }
  {
    s = $0; gsub(/[^0-9a-fA-F.:]+/, " ", s); m = split(s, tok, " "); delete seen
    for (i = 1; i <= m; i++) {
      a = tok[i]
      if (!(a in cat) || (a in seen)) continue
      seen[a] = 1; got[a]++; g = group[a]; k = kind($0)
      if (k == "fail" || k == "repeat") {
        c = 1; if (k == "repeat") { match($0, /repeated [0-9]+/); c = substr($0, RSTART + 9, RLENGTH - 9) + 0 }
        fails[g] += c; persrc[a] += c
        u = $0; sub(/.*Failed password for (invalid user )?/, "", u); sub(/ from .*/, "", u)
        if (!((g SUBSEP u) in names)) { names[g, u] = 1; nnames[g]++ }
        lastuser[g] = u
      }
      if (k == "accept") { acc[g]++; accuser[g] = $0 }
      if (k == "web") {
        web[g]++
        r = tolower($0)
        if (r ~ /union%20select|%27%20or|%27--|drop%20table|sleep\(|\.\.\/|\.\.%2f|\.\.%252f|\.%2e\/|\/etc\/passwd|cmd=|;cat|%60|\|wget|\$\(|<script|%3cscript|onerror=|javascript:|onload=|%0d%0a/)
          webatt[g]++
      }
      if (k == "other" && cat[a] == "web_attack") webother[g]++
    }
  }
  END {
    for (a in cat) {
      if (got[a] != lines[a] && cat[a] != "password_spray")
        printf "lines\t%s %s: %d lines name it, the truth says %d\n", cat[a], a, got[a], lines[a]
      if (cat[a] == "password_spray") { spray_lines[group[a]] += got[a]; spray_truth[group[a]] = lines[a]; if (persrc[a] > 4) printf "spray\t%s tried %d times\n", a, persrc[a] }
      if (group[a] != a) continue
      c = cat[a]
      if (c == "password_list_attack" && (fails[a] != cnt[a] || nnames[a] != cnt[a] || cnt[a] < 20))
        printf "list\t%s: %d failures, %d names, truth %d\n", a, fails[a], nnames[a], cnt[a]
      if (c == "brute_force" && (fails[a] != cnt[a] || nnames[a] != 1 || cnt[a] < 20 || lastuser[a] != users[a]))
        printf "brute\t%s: %d failures on %d accounts (%s), truth %d on %s\n", a, fails[a], nnames[a], lastuser[a], cnt[a], users[a]
      if (c == "password_spray" && (fails[a] != cnt[a] || nnames[a] > 4))
        printf "spray\t%s: %d failures on %d accounts, truth %d\n", a, fails[a], nnames[a], cnt[a]
      if (c == "login_after_failures" && (fails[a] != cnt[a] || nnames[a] != 1 || acc[a] != 1 || index(accuser[a], "Accepted password for " users[a] " from " a " ") == 0))
        printf "after\t%s: %d failures, %d successes\n", a, fails[a], acc[a]
      if (c == "new_source_login" && (acc[a] != 1 || fails[a]))
        printf "new\t%s: %d logins, %d failures\n", a, acc[a], fails[a]
      if (c == "web_attack" && (web[a] != cnt[a] || webatt[a] != cnt[a] || webother[a]))
        printf "web\t%s: %d requests, %d with an attack pattern, truth %d\n", a, web[a], webatt[a], cnt[a]
    }
    for (g in spray_lines) if (spray_lines[g] != spray_truth[g]) printf "spray\t%s: %d lines, truth %d\n", g, spray_lines[g], spray_truth[g]
  }' "$tmp/addrs" "$tmp/addr_lines" >"$tmp/addr_problems"
equals "each planted address: its lines, failures, names and successes are as the truth says" \
  "$(cut -f1 "$tmp/addr_problems" | sort | uniq -c | tr -s ' ')" ""
head -5 "$tmp/addr_problems"
spans=$(jq -r 'select(.category == "password_spray") |
  select((.src_ips | length) < 20 or ((.last | fromdateiso8601) - (.first | fromdateiso8601)) > 3600) | .first' "$truth")
equals "every spray: at least 20 sources within an hour" "$spans" ""

# Time of a line (local, seconds in the year; RFC 3339 or RFC 3164) and its host, for awk.
cat >"$tmp/time.awk" <<'EOF'
BEGIN { split("0 31 59 90 120 151 181 212 243 273 304 334", cum, " "); split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", mn, " "); for (i = 1; i <= 12; i++) mon[mn[i]] = i }
function ltime(   f, mo, d, t) {
  split($0, f, " ")
  if (f[1] ~ /^[0-9][0-9][0-9][0-9]-/) { mo = substr(f[1], 6, 2) + 0; d = substr(f[1], 9, 2) + 0; t = substr(f[1], 12, 8); host = f[2] }
  else { mo = mon[f[1]]; d = f[2] + 0; t = f[3]; host = f[4] }
  hour = substr(t, 1, 2) + 0
  return ((cum[mo] + d) * 24 + hour) * 3600 + substr(t, 4, 2) * 60 + substr(t, 7, 2)
}
EOF

# Logins of the user-keyed attacks: off-hours against a working-hours habit; unused accounts.
jq -r 'select(.category == "off_hours_login" or .category == "unused_account_login" or .category == "new_source_login") |
  [.user, .category, .src_ip, .evidence[0]] | @tsv' "$truth" >"$tmp/users"
cat >"$tmp/users.awk" <<'EOF'
NR == FNR { cat[$1] = $2; ip[$1] = $3; ev[$1] = $4; next }
  / sshd\[[0-9]+\]: Accepted / {
    u = $0; sub(/.* Accepted [a-z]+ for /, "", u); from = u; sub(/ from .*/, "", u)
    if (!(u in cat)) next
    sub(/^[^ ]* from /, "", from); sub(/ .*/, "", from)
    t = ltime(); n[u]++
    if ($0 == ev[u]) { planted[u] = t; ph[u] = hour; next }
    other[u]++; if (from == ip[u] && cat[u] == "new_source_login") seenfrom[u]++
    if (hour < 9 || hour >= 18) offh[u]++
    if (!(u in firstt)) firstt[u] = t
  }
  END {
    for (u in cat) {
      if (!(u in planted)) { printf "%s %s: the planted login is missing\n", cat[u], u; continue }
      if (cat[u] == "off_hours_login" && (ph[u] < 2 || ph[u] >= 4 || offh[u] || other[u] < 1))
        printf "off_hours %s: at %d h, %d other logins, %d of them off hours\n", u, ph[u], other[u], offh[u]
      if (cat[u] == "unused_account_login" && (other[u] != 1 || planted[u] - firstt[u] < 30 * 86400))
        printf "unused %s: %d other logins, idle %d days\n", u, other[u], (planted[u] - firstt[u]) / 86400
      if (cat[u] == "new_source_login" && (other[u] < 1 || seenfrom[u] || firstt[u] > planted[u] || ph[u] < 9 || ph[u] >= 18))
        printf "new_source %s: %d earlier logins, %d from the new address\n", u, other[u], seenfrom[u]
    }
  }
EOF
awk -F'\t' -f "$tmp/time.awk" -f "$tmp/users.awk" "$tmp/users" "$log" >"$tmp/user_problems" 2>&1
equals "off-hours, unused-account and new-source logins are what the truth says" "$(cat "$tmp/user_problems")" ""

# Accounts: every account creation and every grant of an administrators' group is planted.
created=$(grep -c 'useradd\[[0-9]*\]: new user: name=' "$log")
equals "every useradd in the log is a planted account_created" "$created" \
  "$(jq -r 'select(.category == "account_created") | .user' "$truth" | wc -l)"
for u in $(jq -r 'select(.category == "account_created") | .user' "$truth"); do
  grep -q "new user: name=$u, " "$log" || not_ok "the account $u is created in the log"
done
granted=$(grep -Ec "usermod\[[0-9]+\]: add '[^']*' to group '(sudo|wheel|adm)'|gpasswd\[[0-9]+\]: user .* added by .* to group (sudo|wheel)" "$log")
equals "every grant of sudo/wheel is a planted privilege_granted" "$granted" \
  "$(jq -r 'select(.category == "privilege_granted") | .user' "$truth" | wc -l)"
others=$(grep -c "usermod\[[0-9]*\]: add '[^']*' to group '\(www-data\|fids\|dialout\|video\)'" "$log")
((others > 0)) && ok "benign group changes in the background ($others)" || not_ok "no benign group change"

# Heartbeat hosts: a line every minute, except the planted gaps (> 1 h, between the evidence).
jq -r 'select(.category == "log_gap") | [.host, .evidence[0], .evidence[1]] | @tsv' "$truth" >"$tmp/gaps"
cat >"$tmp/gaps.awk" <<'EOF'
NR == FNR { gap[$1] = 1; a[$2] = 1; b[$3] = 1; ngap++; next }
  {
    t = ltime(); if (host !~ /^fids/) next
    if ((host in last) && t - last[host] > 120) {
      if ((prevline[host] in a) && ($0 in b) && t - last[host] > 3600) found++
      else printf "%s silent %d s before: %s\n", host, t - last[host], $0
    }
    if (!(host in last) || t > last[host]) { last[host] = t; prevline[host] = $0 }
  }
  END { if (found != ngap) printf "%d of %d planted gaps found\n", found, ngap }
EOF
awk -F'\t' -f "$tmp/time.awk" -f "$tmp/gaps.awk" "$tmp/gaps" "$log" >"$tmp/gap_problems" 2>&1
equals "heartbeat hosts log every minute except in the planted gaps, each > 1 h" "$(head -5 "$tmp/gap_problems")" ""

# The background: password typos of staff (one failure, then in), scanners with at most two
# probes per address, and no other source with more than a handful of sshd lines.
typos=$(grep -cE 'Failed password for [a-z]+-[a-z][0-9]* from 10\.(20|8)\.' "$log")
((typos > 5)) && ok "staff typos in the background ($typos)" || not_ok "only $typos staff typos"
jq -r '(.src_ip // empty), (.src_ips // [] | .[])' "$truth" | sort -u >"$tmp/truth_ips"
heavy=$(grep -E ' sshd\[[0-9]+\]: ' "$log" | grep -vE ' (from|by) 10\.|rhost=10\.' |
  grep -oE '(from|by|with|rhost=|user [^ ]+) [0-9a-f.:]+[0-9a-f]( port|$)|rhost=[0-9a-f.:]+' |
  sed -E 's/^(from|by|with|user [^ ]+) //; s/^rhost=//; s/ port$//' | grep -v '^10\.' | sort | uniq -c |
  awk '$1 > 4 { print $2 }' | grep -vxFf "$tmp/truth_ips" | head -5)
equals "no unplanted address has more than 4 sshd lines" "$heavy" ""
traps=$(grep -cE '"GET /(search\?q=O%27Hare|shop/select-seat|news/2026/union-station-bus)' "$log")
((traps > 10)) && ok "benign web requests that look like attacks ($traps)" || not_ok "only $traps"
finish

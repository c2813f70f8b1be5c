#!/usr/bin/env bash
# `airguard logwatch run|test|rules` with the default rule set (rules/) on a crafted log
# (tests/data/logwatch/attacks.log: a password-list attack, brute force, spraying, a login after
# failures, a new address, web attacks of five 5.3 classes, an off-hours login, an account
# created and given sudo, two hosts falling silent — and normal traffic that must stay quiet:
# a single typo, public-key logins, a normal web request). Checks each alert's category,
# address, user, level and guideline references; the alert JSON contract; what `test`
# explains; rule errors with file:line:column and --keep-going; the configuration's
# allowlist, working hours and disabled rules.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "not ok - jq is installed"; exit 1; }
log="$AG_SOURCE_DIR/tests/data/logwatch/attacks.log"

run "logwatch rules lists the default rule set" 0 "$AG_BIN" --lang en logwatch rules
equals "21 rules load and every mlit tag resolves" "$(printf '%s\n' "$out" | wc -l)" 21
contains "the password-list rule cites 3.1.5.1(2)(e)" "$out" $'Password-list attack (one source, many user names)\t3.1.5.1(2)(e)'

run "logwatch run --json" 0 "$AG_BIN" --lang en logwatch run --json "$log"
printf '%s\n' "$out" >"$tmp/alerts"
has() { # NAME JQ-FILTER: at least one alert satisfies the filter
  if jq -e -s "map(select($2)) | length > 0" "$tmp/alerts" >/dev/null; then ok "$1"; else not_ok "$1" "$(cat "$tmp/alerts")"; fi
}
count() { jq -s "map(select($1)) | length" "$tmp/alerts"; }
has "password_list_attack from 203.0.113.9 (3.1.5.1(2)(e) → 3.1.5.1-2-e)" \
  '.category == "password_list_attack" and .src_ip == "203.0.113.9" and .level == "high" and (.guideline | index("3.1.5.1(2)(e)")) and (.catalog | index("3.1.5.1-2-e")) and (.values | length) == 5'
has "brute_force: root from 198.51.100.7, ten failures" \
  '.category == "brute_force" and .src_ip == "198.51.100.7" and .user == "root" and .count == 10'
has "password_spray on sato (no single address)" '.category == "password_spray" and .user == "sato" and (has("src_ip") | not)'
has "login_after_failures: suzuki from 192.0.2.99" '.category == "login_after_failures" and .user == "suzuki" and .src_ip == "192.0.2.99"'
has "new_source_login: tanaka from 172.16.5.5" '.category == "new_source_login" and .user == "tanaka" and .src_ip == "172.16.5.5"'
has "off_hours_login: tanaka at 03:00 JST" '.category == "off_hours_login" and .user == "tanaka" and .time == "2026-03-05T18:00:00Z"'
has "account_created: backdoor" '.category == "account_created" and .user == "backdoor"'
has "privilege_granted: backdoor to sudo (high)" '.category == "privilege_granted" and .user == "backdoor" and .level == "high"'
has "log_gap: fids01 silent after 40 lines" '.category == "log_gap" and .host == "fids01" and .count == 40 and .first == "2026-03-05T01:39:00Z"'
for c in "5.3(1) 198.51.100.20" "5.3(3) 198.51.100.21" "5.3(2) 198.51.100.22" "5.3(6) 198.51.100.23" "5.3(10) 198.51.100.24"; do
  set -- $c
  has "web_attack $1 from $2" ".category == \"web_attack\" and .src_ip == \"$2\" and (.guideline | index(\"$1\"))"
done
equals "no alert about the normal web request" "$(count '.src_ip == "10.1.2.3" and .category == "web_attack"')" 0
equals "a single typo then a login is not an attack (ito)" "$(count '.user == "ito"')" 0
equals "public-key logins from the usual address raise nothing" "$(count '.user == "tanaka" and .src_ip == "10.1.2.3" and .category != "off_hours_login"')" 0
equals "one brute_force alert for the whole burst" "$(count '.category == "brute_force"')" 1
# the contract: every alert has these keys with these types
bad=$(jq -c 'select((.id | test("^lw-[0-9a-f]{16}$") | not) or (.time | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$") | not) or (.category | type) != "string" or (.rule | type) != "string" or (.level | IN("informational","low","medium","high","critical") | not) or (.count | type) != "number" or (.guideline | type) != "array" or (.catalog | type) != "array" or (.evidence | type) != "array" or (.evidence | length) < 1)' "$tmp/alerts")
equals "every alert follows the alert contract" "$bad" ""
equals "alert ids are unique" "$(jq -r .id "$tmp/alerts" | sort | uniq -d)" ""
has "evidence: the completing line, then the earlier events by file:line" \
  '.category == "brute_force" and (.evidence[0] | contains("Failed password for root")) and (.evidence[1] | test("attacks.log:[0-9]+$"))'
contains "the summary counts the alerts" "$err" "16 alerts"

run "logwatch run (text)" 0 "$AG_BIN" --lang en logwatch run "$log"
contains "text output: one line per alert" "$out" $'high\tbrute_force\tsrc=198.51.100.7\tuser=root\tcount=10'
run "logwatch run, Japanese summary" 0 "$AG_BIN" --lang ja logwatch run "$log"
contains "the summary in Japanese" "$err" "アラート 16"

# logwatch test: one rule file, explained
run "logwatch test RULE LOG" 0 "$AG_BIN" --lang en logwatch test "$AG_SOURCE_DIR/rules/auth" "$log"
contains "test: the alert" "$out" "brute_force"
contains "test: the guideline it serves" "$out" "guideline 3.1.5.1(2)(e)"
contains "test: the user names tried" "$out" "values: admin oracle test guest ubuntu"
contains "test: the completing line" "$out" "> 2026-03-05T01:40:45+00:00 gw01 sshd[300]: Failed password for root"
lacks "test: only the rules given (no web rules)" "$out" "web_attack"
run "logwatch test without a log" 2 "$AG_BIN" --lang en logwatch test "$AG_SOURCE_DIR/rules"
contains "test without a log: says what is missing" "$err" "needs a rule file or folder and a log file"

# rule errors: file, line, column; nothing loads unless --keep-going
mkdir -p "$tmp/rules"
cp "$AG_SOURCE_DIR/rules/auth/00_base.yml" "$AG_SOURCE_DIR/rules/auth/brute_force.yml" \
  "$AG_SOURCE_DIR/rules/auth/password_spray.yml" "$tmp/rules/"
printf 'title: broken\ndetection:\n  sel:\n    usr: admin\n  condition: sel\n' >"$tmp/rules/zz_broken.yml"
run "a broken rule stops the load" 2 "$AG_BIN" --lang en logwatch run --rules "$tmp/rules" "$log"
contains "the error names file, line and column" "$err" "zz_broken.yml:4:5: unknown field \"usr\""
contains "and how to go on" "$err" "--keep-going"
equals "no alert from a set that did not load" "$out" ""
run "--keep-going loads the good rules" 0 "$AG_BIN" --lang en logwatch run --keep-going --rules "$tmp/rules" "$log"
contains "--keep-going: still reports the broken rule" "$err" "zz_broken.yml:4:5"
contains "--keep-going: the good rules detect" "$out" "brute_force"
run "a broken rule, in Japanese" 2 "$AG_BIN" --lang ja logwatch run --rules "$tmp/rules" "$log"
contains "the error in Japanese" "$err" "zz_broken.yml:4:5: 不明なフィールド「usr」"
printf 'title: t\ntags: [mlit.9.9.9(9)]\ndetection:\n  s:\n    user: a\n  condition: s\n' >"$tmp/rules/zz_broken.yml"
run "a tag naming no guideline item stops the load" 2 "$AG_BIN" --lang en logwatch run --rules "$tmp/rules" "$log"
contains "the unknown reference is named" "$err" "the tag mlit.9.9.9(9) names no item of the guideline"

# configuration: allowlist, working hours, disabled rules
cat >"$tmp/lw.yaml" <<'YAML'
site:
  timezone: "+09:00"
  hours: "00:00-24:00"
  workdays: [mon, tue, wed, thu, fri, sat, sun]
allowlist: [198.51.100.0/24]
rules:
  disable: [new_source_login]
respond:
  dry_run: true
YAML
run "logwatch run --config" 0 "$AG_BIN" --lang en logwatch run --json --config "$tmp/lw.yaml" "$log"
printf '%s\n' "$out" >"$tmp/alerts"
equals "allowlisted addresses raise nothing" "$(count '.src_ip // "" | startswith("198.51.100.")')" 0
has "other addresses still do" '.category == "password_list_attack" and .src_ip == "203.0.113.9"'
equals "working hours all day: no off_hours_login" "$(count '.category == "off_hours_login"')" 0
equals "a disabled rule is off" "$(count '.category == "new_source_login"')" 0
contains "the allowlisted alerts are counted" "$err" "allowlisted"
printf 'site:\n  timezone: JST\n' >"$tmp/bad.yaml"
run "a bad configuration is refused" 2 "$AG_BIN" --lang en logwatch run --config "$tmp/bad.yaml" "$log"
contains "the configuration error names the place" "$err" "bad.yaml:2:13: timezone must be an offset"

# Windows Security events (JSON lines, tests/data/logwatch/windows-security.jsonl): the same
# rules see them as events of the same kinds
run "logwatch run on Windows events (JSON lines)" 0 "$AG_BIN" --lang en logwatch run --json "$AG_SOURCE_DIR/tests/data/logwatch/windows-security.jsonl"
printf '%s\n' "$out" >"$tmp/alerts"
has "log_cleared from event 1102 (Administrator on DC01)" '.category == "log_cleared" and .user == "Administrator" and .host == "DC01.corp.example" and .level == "high"'
has "account_created from event 4720" '.category == "account_created" and .user == "svc-backup2"'
has "privilege_granted from 4728/4732 by group name" '.category == "privilege_granted" and (.user | startswith("CN=Taro Yamada"))'
has "privilege_granted from 4732 by the group's SID (name translated)" '.category == "privilege_granted" and (.user | startswith("S-1-5-21-"))'

# responses from run, configured in the same file (dry run: decided and printed, nothing done)
printf 'respond:\n  enabled: true\n  dry_run: true\n  lock_accounts: []\nallowlist: [198.51.100.7]\n' >"$tmp/respond.yaml"
run "logwatch run --config with responses (dry run)" 0 "$AG_BIN" --lang en logwatch run --json --config "$tmp/respond.yaml" --state "$tmp/rstate" "$log"
contains "the password-list source would be blocked for 10 min (JSON on stderr)" "$err" '"response":"would_block","addr":"203.0.113.9","seconds":600'
contains "web attackers too" "$err" '"response":"would_block","addr":"198.51.100.20"'
lacks "the allowlisted address is never blocked" "$err" '"addr":"198.51.100.7"'
lacks "a spray's single address is not blocked by default" "$err" '"addr":"192.0.2.'
contains "alerts stay on standard output" "$out" '"category":"password_list_attack"'

contains "the responses' summary" "$err" "6 would block (dry run)"
[[ ! -e $tmp/rstate/blocklist.json ]] && ok "dry run writes no block list" || not_ok "dry run writes no block list"

# RFC 3164 stamps have no zone: they are the site's local time (site.timezone, default +09:00)
printf '%s\n' "Mar  5 10:00:00 gw01 sshd[1]: Accepted password for kato from 10.1.2.3 port 1 ssh2" \
  "Mar  5 03:00:00 gw01 sshd[1]: Accepted password for kato from 10.1.2.3 port 2 ssh2" >"$tmp/local.log"
run "RFC 3164 stamps in site time" 0 "$AG_BIN" --lang en logwatch run --json --year 2026 "$tmp/local.log"
equals "03:00 local is off hours, 10:00 local is not (one alert, at 18:00 UTC the day before)" \
  "$(jq -r 'select(.category == "off_hours_login") | .time' <<<"$out")" "2026-03-04T18:00:00Z"

# outputs from run: the store (with incidents for high alerts) and a JSON-lines file
db="$tmp/ag.db"
"$AG_BIN" --db "$db" --lang en db init --demo >/dev/null 2>&1 || not_ok "db init --demo"
sqlite3 "$db" "DELETE FROM alerts WHERE id LIKE 'lw-demo%'" # the demo's own (demo_evidence.c)
cat >"$tmp/out.yaml" <<YAML
outputs:
  json: $tmp/alerts.jsonl
  store: {batch: 4}
  incident:
    min_level: high
    categories: [password_list_attack, brute_force]
    reporter: tanaka
YAML
run "logwatch run with outputs: store, incidents, JSON file" 0 "$AG_BIN" --db "$db" --lang en logwatch run --config "$tmp/out.yaml" "$log"
equals "every alert in the JSON-lines file" "$(wc -l <"$tmp/alerts.jsonl")" 16
run "the alerts are in the store" 0 "$AG_BIN" --db "$db" --lang en alert list --json
equals "16 alerts stored" "$(jq length <<<"$out")" 16
run "alert list --category brute_force" 0 "$AG_BIN" --db "$db" --lang en alert list --category brute_force
contains "the brute force alert is listed" "$out" "198.51.100.7"
equals "incidents opened for the two high categories" "$(sqlite3 "$db" "SELECT count(DISTINCT incident_id) FROM alerts WHERE incident_id IS NOT NULL AND category IN ('password_list_attack','brute_force')")" 2

# --state: a second run over the same, grown file reads only the new lines
cp "$log" "$tmp/grow.log"
run "run --state (first)" 0 "$AG_BIN" --lang en logwatch run --state "$tmp/st" "$tmp/grow.log"
contains "first run: every line" "$err" "92 lines"
run "run --state (again, nothing new)" 0 "$AG_BIN" --lang en logwatch run --state "$tmp/st" "$tmp/grow.log"
contains "second run: no line read twice" "$err" " 0 lines"
echo "2026-03-06T01:00:00+00:00 gw01 useradd[9]: new user: name=late, UID=1002, GID=1002, home=/home/late, shell=/bin/sh" >>"$tmp/grow.log"
run "run --state (one line more)" 0 "$AG_BIN" --lang en logwatch run --json --state "$tmp/st" "$tmp/grow.log"
contains "third run: the new line only" "$err" " 1 lines"
equals "and it is detected" "$(jq -r .user <<<"$out")" late

# stdin, and garbage does not stop it
run "logwatch run reads standard input" 0 bash -c "head -c 20000 /dev/urandom | cat - '$log' | '$AG_BIN' --lang en logwatch run --json - | jq -s length"
equals "binary garbage before the log changes nothing" "$out" 16
finish

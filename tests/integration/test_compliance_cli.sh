#!/usr/bin/env bash
# The automatic status of measures with the real binary (issue 7 item 1; docs/compliance.md
# "Evidence and automatic status"): `logwatch run --db` over tests/data/logwatch/attacks.log stores
# its alerts and records a run; `compliance status` then shows 3.1.5.1(2)(e) contradicted by the
# open password-list attack, with a link to the alerts filtered by the item; closing the alerts
# (CSIRT handled them) makes it evidenced by the run. `db backup` and `audit verify` record runs
# that evidence 3.1.2.4(3) and 3.1.5.2(3)(d); a monitor without a store records nothing and does
# not fail; `compliance flags` flags an answer of 実施 and clears the flag once the evidence agrees.
set -u
source "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
log="$AG_SOURCE_DIR/tests/data/logwatch/attacks.log"
export AIRGUARD_NOW=2026-03-06T09:00:00Z # the day after the log
db="$tmp/ag.db"
"$AG_BIN" --db "$db" db init >/dev/null 2>&1 || not_ok "db init"
q() { sqlite3 "$db" "$1"; }

run "compliance status before any run" 0 "$AG_BIN" --db "$db" --lang en compliance status --item "3.1.5.1(2)(e)" --json
equals "3.1.5.1(2)(e): logwatch check without data" "$(jq -r '.[0].checks[] | select(.check == "alerts.logwatch") | .status' <<<"$out")" no_data
equals "the measure evidenced by airguard's own lockout only" "$(jq -r '.[0].status' <<<"$out")" evidenced
equals "logwatch has no run recorded" "$(jq -r '.[0].checks[] | select(.check == "alerts.logwatch") | .reason' <<<"$out")" "logwatch has no run recorded"

# a monitor without a store: nothing recorded, nothing said, exit status unchanged
(cd "$tmp" && "$AG_BIN" --lang en logwatch run "$log" >/dev/null 2>"$tmp/nostore.err")
equals "logwatch run without a store still succeeds" "$?" 0
lacks "and says nothing about recording" "$(cat "$tmp/nostore.err")" "not recorded"

printf 'outputs:\n  store: {batch: 8}\n' >"$tmp/store.yaml"
run "logwatch run --db stores alerts and records a run" 0 "$AG_BIN" --db "$db" --lang en logwatch run --config "$tmp/store.yaml" "$log"
equals "one run of logwatch recorded, finished ok" "$(q "SELECT kind || ' ' || result || ' ' || started FROM monitor_runs")" "logwatch ok 2026-03-06T09:00:00Z"
equals "its details count the lines read" "$(q "SELECT json_extract(details, '$.lines') FROM monitor_runs")" 92
run "compliance status --item 3.1.5.1(2)(e)" 0 "$AG_BIN" --db "$db" --lang en compliance status --item "3.1.5.1(2)(e)" --json
equals "3.1.5.1(2)(e) is contradicted by the open attacks" "$(jq -r '.[0].status' <<<"$out")" contradicted
lw=$(jq -c '.[0].checks[] | select(.check == "alerts.logwatch")' <<<"$out")
equals "the logwatch check links to the alerts of the item" "$(jq -r .link <<<"$lw")" "/alerts?item=3.1.5.1-2-e&level=high&status=open"
open=$(q "SELECT count(DISTINCT a.seq) FROM alerts a JOIN alert_items x ON x.alert_seq = a.seq WHERE x.item_id LIKE '3.1.5.1-2-e%' AND a.level IN ('high','critical') AND a.status <> 'closed'")
contains "it counts the open high alerts on the item ($open)" "$(jq -r .reason <<<"$lw")" "$open open high alerts on 3.1.5.1(2)(e)"
run "compliance status (text, Japanese)" 0 "$AG_BIN" --db "$db" --lang ja compliance status --item 3.1.5.1-2-e.m1
contains "Japanese: 矛盾あり" "$out" "矛盾あり"

# the alerts on the item are handled (closed; this store has no people, so directly): the run
# evidences the measure
q "UPDATE alerts SET status = 'closed' WHERE seq IN (SELECT alert_seq FROM alert_items WHERE item_id LIKE '3.1.5.1-2-e%')"
run "compliance status after the alerts are closed" 0 "$AG_BIN" --db "$db" --lang en compliance status --item 3.1.5.1-2-e.m1 --json
equals "3.1.5.1(2)(e) is evidenced by the run" "$(jq -r '.[0].checks[] | select(.check == "alerts.logwatch") | .status' <<<"$out")" evidenced

# a run older than its window is stale: no data
AIRGUARD_NOW=2026-03-10T09:00:00Z run "four days later" 0 "$AG_BIN" --db "$db" --lang en compliance status --item 3.1.5.1-2-e.m1 --json
equals "the logwatch check is stale" "$(jq -r '.[0].checks[] | select(.check == "alerts.logwatch") | "\(.status) \(.stale)"' <<<"$out")" "no_data true"

# backups and audit verify record runs
run "db backup" 0 "$AG_BIN" --db "$db" --lang en db backup "$tmp/backup.db"
run "compliance status --item 3.1.2.4(3)" 0 "$AG_BIN" --db "$db" --lang en compliance status --item "3.1.2.4(3)" --json
equals "the backup evidences 3.1.2.4(3)" "$(jq -r '.[0].status' <<<"$out")" evidenced
contains "naming the file" "$(jq -r '.[0].checks[0].reason' <<<"$out")" "$tmp/backup.db"
run "audit verify" 0 "$AG_BIN" --db "$db" --lang en audit verify
equals "audit verify recorded" "$(q "SELECT result FROM monitor_runs WHERE kind = 'audit_verify'")" ok
run "status --status evidenced lists it" 0 "$AG_BIN" --db "$db" --lang en compliance status --status evidenced --json
contains "3.1.5.2-3-d.m1 evidenced by the verify" "$(jq -r '.[].item' <<<"$out")" "3.1.5.2-3-d.m1"
run "a bad --status is refused" 2 "$AG_BIN" --db "$db" --lang en compliance status --status maybe
contains "naming it" "$err" 'unknown status "maybe"'

# the demo: a flagged answer of 実施, cleared when the alert is closed
unset AIRGUARD_NOW
demo="$tmp/demo.db"
"$AG_BIN" --db "$demo" db init --demo >/dev/null 2>&1 || not_ok "db init --demo"
run "compliance flags (demo)" 0 "$AG_BIN" --db "$demo" --lang en compliance flags --json
flagged=$(jq '[.[] | select(.item == "3.1.5.1-2-e.m1")] | length' <<<"$out")
[[ $flagged -ge 1 ]] && ok "the demo's answer of 実施 on 3.1.5.1(2)(e) is flagged ($flagged)" || not_ok "flagged" "$out"
equals "and recorded as open flags" "$(sqlite3 "$demo" "SELECT count(*) FROM compliance_flags WHERE item_id = '3.1.5.1-2-e.m1' AND cleared_at IS NULL")" "$flagged"
"$AG_BIN" --db "$demo" --as tanaka alert close lw-demo00000000000e01 >/dev/null 2>&1 || not_ok "close the demo alert"
run "compliance flags after closing" 0 "$AG_BIN" --db "$demo" --lang en compliance flags
lacks "no longer flagged" "$out" "3.1.5.1-2-e.m1"
contains "the flags cleared" "$err" "cleared"
equals "cleared in the table" "$(sqlite3 "$demo" "SELECT count(*) FROM compliance_flags WHERE item_id = '3.1.5.1-2-e.m1' AND cleared_at IS NULL")" 0
finish

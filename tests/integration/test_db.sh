#!/usr/bin/env bash
# Integration test: the store from the shell — init, demo, migrate, check, the audit trail and
# tampering with sqlite3 behind airguard's back, backup taken while writes run, restore.
. "$(dirname "$0")/lib.sh"
ag="$AG_BIN"
db="$tmp/data/airguard.db"

run "init" 0 "$ag" --lang en db init --db "$db" && contains "init says created" "$out" "created"
run "init twice" 2 "$ag" --lang en db init --db "$db" && contains "second init refused" "$err" "exists already"
run "migrate" 0 "$ag" --lang en db migrate --db "$db" && contains "nothing to migrate" "$out" "0 migration(s)"
run "check" 0 "$ag" --lang en db check --db "$db" && contains "check ok" "$out" "ok"
run "verify empty" 0 "$ag" --lang en audit verify --db "$db" && contains "verify intact" "$out" "intact"

demo="$tmp/demo.db"
run "init demo" 0 "$ag" db init --demo --db "$demo"
run "people" 0 "$ag" org list people --json --db "$demo" &&
  equals "twenty people" "$(grep -c '"login"' <<<"$out")" 20
run "verify demo" 0 "$ag" --lang en audit verify --db "$demo" && contains "demo trail intact" "$out" "intact"
export AIRGUARD_DB="$demo"
run "AIRGUARD_DB is the default store" 0 "$ag" org list systems && contains "systems listed" "$out" "BHS"

# organisation commands: good and bad input
run "add person" 0 "$ag" org person add kondo --name "近藤 明" --dept it
run "duplicate person" 2 "$ag" --lang en org person add kondo --name "x" && contains "duplicate named" "$err" "kondo"
run "bad dept" 2 "$ag" --lang en org person add endo --name "遠藤" --dept nowhere && contains "unknown dept named" "$err" "nowhere"
run "bad role" 2 "$ag" --lang en org role grant kondo janitor && contains "allowed roles listed" "$err" "executive, ciso"
run "grant role" 0 "$ag" org role grant kondo sysadmin --dept it
run "bad category" 2 "$ag" --lang en org asset add X1 --category toaster --name "x" && contains "allowed categories listed" "$err" "plc"
run "bad classification" 2 "$ag" --lang en org info-asset add --name "x" --c 5 --i 1 --a 1 && contains "level range named" "$err" "1 to 3"
run "nothing half-written" 0 "$ag" org list assets --json && lacks "no asset X1" "$out" '"X1"'

# corrective actions: owner completes, someone else verifies
run "action add" 0 "$ag" --lang en action add --origin audit --title "アカウントロック" --owner ito --due 2027-06-30 --items '3.1.5.1(2)(e)' &&
  id=$(grep -oE '[0-9]+' <<<"$out" | tail -1)
run "action bad item" 2 "$ag" --lang en action add --origin audit --title t --owner ito --due 2027-06-30 --items 9.9 && contains "bad item named" "$err" "9.9"
run "action needs --as" 2 "$ag" --lang en action done "$id" --result x && contains "asks for --as" "$err" "--as"
run "owner completes" 0 "$ag" action done "$id" --as ito --result "設定した"
run "owner may not verify" 3 "$ag" --lang en action verify "$id" --as ito && contains "SoD refusal" "$err" "separation of duties (3.1.4.1(2))"
run "other verifies" 0 "$ag" action verify "$id" --as tanaka
run "action listed verified" 0 "$ag" action list --json && contains "verified by tanaka" "$out" '"verified_by": "tanaka"'
run "refusal audited" 0 "$ag" audit log --entity duty --json && contains "refusal in the trail" "$out" '"action": "refused"'
unset AIRGUARD_DB

# tampering behind airguard's back with the sqlite3 tool
cp "$demo" "$tmp/t1.db"
sqlite3 "$tmp/t1.db" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE seq = 7"
run "modified row named" 1 "$ag" --lang en audit verify --db "$tmp/t1.db" && contains "row 7 named" "$out" "row 7 was modified"
cp "$demo" "$tmp/t2.db"
sqlite3 "$tmp/t2.db" "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 12"
run "deleted row named" 1 "$ag" --lang en audit verify --db "$tmp/t2.db" && contains "row 12 named" "$out" "row 12 is missing"
cp "$demo" "$tmp/t3.db"
sqlite3 "$tmp/t3.db" "DROP TRIGGER audit_systems_upd; UPDATE systems SET critical = 0 WHERE code = 'BHS'"
run "record edit named" 1 "$ag" --lang en audit verify --db "$tmp/t3.db" && contains "systems row named" "$out" "systems row 3 was changed outside airguard"
cp "$demo" "$tmp/t4.db"
if sqlite3 "$tmp/t4.db" "UPDATE systems SET critical = 0 WHERE code = 'BHS'" 2>/dev/null; then
  not_ok "a plain sqlite3 edit is stopped by the audit triggers"
else ok "a plain sqlite3 edit is stopped by the audit triggers"; fi

# backup while writes are running; every backup restores to a store that passes db check
cp "$demo" "$tmp/live.db"
(
  for i in $(seq 1 40); do
    "$ag" org person add "w$i" --name "writer $i" --db "$tmp/live.db" >/dev/null 2>&1 || exit 1
  done
) &
writer=$!
n=0
while kill -0 "$writer" 2>/dev/null && ((n < 20)); do
  n=$((n + 1))
  "$ag" db backup "$tmp/b$n.db" --db "$tmp/live.db" >/dev/null 2>"$tmp/berr" || { not_ok "backup $n during writes" "$(cat "$tmp/berr")"; break; }
done
wait "$writer" && ok "writes succeeded while backups ran ($n backups)" || not_ok "writer failed during backups"
((n > 0)) && ok "at least one backup taken during writes" || not_ok "no backup during writes"
allgood=1
for k in $(seq 1 "$n"); do
  "$ag" db restore "$tmp/b$k.db" --db "$tmp/r$k.db" >/dev/null 2>"$tmp/rerr" || { allgood=0; not_ok "restore $k" "$(cat "$tmp/rerr")"; continue; }
  "$ag" db check --db "$tmp/r$k.db" >/dev/null 2>&1 || { allgood=0; not_ok "restored $k passes db check"; }
  "$ag" audit verify --db "$tmp/r$k.db" >/dev/null 2>&1 || { allgood=0; not_ok "restored $k audit trail intact"; }
done
((allgood)) && ok "every backup restores to a store that passes db check and audit verify"

# restore refuses to overwrite a newer store without --force
sleep 1
"$ag" org person add latecomer --name "遅い人" --db "$tmp/live.db" >/dev/null
run "restore over newer refused" 3 "$ag" --lang en db restore "$tmp/b1.db" --db "$tmp/live.db" && contains "asks for --force" "$err" "--force"
run "restore forced" 0 "$ag" db restore "$tmp/b1.db" --db "$tmp/live.db" --force
run "latecomer gone after restore" 0 "$ag" org list people --json --db "$tmp/live.db" && lacks "restored state" "$out" "latecomer"

# a file that is not a store
printf 'garbage' >"$tmp/junk.db"
run "not a store" 1 "$ag" --lang en db check --db "$tmp/junk.db" && contains "junk named" "$err" "junk.db"
run "missing store" 2 "$ag" --lang en org list people --db "$tmp/none/x.db" && contains "hint db init" "$err" "db init"

finish

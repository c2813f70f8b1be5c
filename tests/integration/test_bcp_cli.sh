#!/usr/bin/env bash
# Business continuity end to end (docs/isms.md, "Business continuity"): plans per system with
# RTO/RPO and backups, recovery tests measured against the RTO (a pass beyond it is refused, a
# partial needs a finding that raises a corrective action), overdue tests, the command
# structure with deputies (代行順位), assembly places, exercises with findings, and the check.
source "$(dirname "$0")/lib.sh"
export AIRGUARD_NOW=2027-04-02 AIRGUARD_LANG=en
db="$tmp/b.db"
ag() { "$AG_BIN" --db "$db" "$@"; }

run "init" 0 ag db init
for d in fac it exec; do ag org dept add $d --name "$d" >/dev/null || not_ok "dept $d"; done
for p in admin1:fac mgr1:fac other1:it boss:exec dep1:exec dep2:exec ciso1:exec; do
  ag org person add "${p%%:*}" --name "${p%%:*}" --dept "${p#*:}" >/dev/null || not_ok "person $p"
done
ag org role grant admin1 sysadmin --dept fac >/dev/null || not_ok "role sysadmin"
ag org role grant mgr1 manager --dept fac >/dev/null || not_ok "role manager"
ag org role grant ciso1 ciso >/dev/null || not_ok "role ciso"
ag org system add BHS --kind baggage-handling --name BHS --critical --dept fac >/dev/null || not_ok "system BHS"
ag org system add FIDS --kind flight-information --name FIDS --critical >/dev/null || not_ok "system FIDS"

# ---- plans ----
plan=(--system BHS --priority 1 --rto 60 --rpo 15 --fallback "manual sorting" --owner admin1
      --backup-location "T2 NAS")
run "plan needs --backup-separate" 2 ag bcp plan add "${plan[@]}"
contains "names the option" "$err" "--backup-separate: missing (required)"
run "separate=no needs a note" 2 ag bcp plan add "${plan[@]}" --backup-separate no
contains "note asked (3.2.3.1(3))" "$err" "--backup-note: backups kept where the same failure"
run "bad rto" 2 ag bcp plan add "${plan[@]/60/0}" --backup-separate yes
contains "rto range" "$err" "--rto: \"0\" is not a number from 1 to 525600"
run "plan add" 0 ag bcp plan add "${plan[@]}" --backup-separate yes
run "plan show by system code" 0 ag bcp plan show BHS --json
contains "rto stored" "$out" '"rto_minutes": 60'
run "plan update by system code" 0 ag bcp plan update BHS --test-months 6
run "same as register bcp-plan" 0 ag register bcp-plan list --format csv
contains "csv header" "$out" '"id","system","priority","rto_minutes"'
contains "csv row" "$out" '"BHS","1","60","15"'

# ---- recovery tests ----
run "test needs --as" 2 ag bcp test add --system BHS --scenario s --result pass --minutes 40
run "test of a system without plan" 2 ag bcp test add --system FIDS --scenario s --result pass --minutes 5 --as admin1
contains "no plan named" "$err" "FIDS has no continuity plan"
run "pass beyond the RTO refused" 2 ag bcp test add --system BHS --scenario s --result pass --minutes 75 --as admin1
contains "RTO compared" "$err" "the recovery took 75 minutes, more than the RTO of 60 minutes"
run "pass without minutes" 2 ag bcp test add --system BHS --scenario s --result pass --as admin1
run "pass with data loss beyond RPO" 2 ag bcp test add --system BHS --scenario s --result pass --minutes 30 --data-loss 20 --as admin1
contains "RPO compared" "$err" "more than the RPO of 15 minutes"
run "partial without finding" 2 ag bcp test add --system BHS --scenario s --result partial --minutes 75 --as admin1
contains "finding asked" "$err" "--finding: a test that is not a pass needs what was found"
run "test by someone without role" 3 ag bcp test add --system BHS --scenario s --result pass --minutes 40 --as other1
contains "role refused" "$err" "it needs the role sysadmin"
run "future date" 2 ag bcp test add --system BHS --scenario s --result pass --minutes 40 --date 2027-05-01 --as admin1
run "old pass" 0 ag bcp test add --system BHS --scenario "server failure" --result pass --minutes 40 --date 2026-03-01 --as admin1
contains "recorded" "$out" "recorded recovery test 1"
run "overdue after 6 months" 0 ag bcp overdue
contains "BHS overdue" "$out" "BHS"
contains "state overdue" "$out" "overdue"
run "overdue with --months 24" 0 ag bcp overdue --months 24
lacks "not overdue with 24 months" "$out" "BHS"
run "partial with finding raises action" 0 ag bcp test add --system BHS --scenario "disk failure" --result partial --minutes 75 --finding "restore manual outdated" --owner admin1 --due 2027-05-01 --as mgr1
contains "action raised" "$out" "corrective action 1 raised"
run "action exists with origin exercise" 0 ag action list --json
contains "action title names the test" "$out" "recovery test 2 (BHS): restore manual outdated"
run "no longer overdue" 0 ag bcp overdue
lacks "tested today" "$out" "BHS"
run "status shows last result" 0 ag bcp status --json
contains "last result partial" "$out" '"last_result": "partial"'
contains "FIDS has no plan" "$out" '"test_state": "no-plan"'
run "further finding" 0 ag bcp test finding 2 --finding "no spare disk" --owner mgr1 --due 2027-06-01 --as admin1
contains "finding recorded" "$out" "corrective action 2 raised"
run "finding without due" 2 ag bcp test finding 2 --finding x --owner mgr1 --as admin1
run "findings listed" 0 ag bcp findings test 2 --json
contains "two findings" "$(grep -c '"finding_of"' <<<"$out")" "2"
run "tests listed" 0 ag bcp test list --system BHS --json
contains "rto copied" "$out" '"rto_minutes": 60'

# ---- command structure 3.1.4.1(4) ----
run "holder as own deputy" 2 ag bcp command add --code HQ --title Chief --holder boss --deputy1 boss
contains "deputy rule" "$err" "the holder cannot be their own deputy"
run "deputy2 without deputy1" 2 ag bcp command add --code HQ --title Chief --holder boss --deputy2 dep1
contains "order rule" "$err" "the order of deputies begins with --deputy1"
run "same deputy twice" 2 ag bcp command add --code HQ --title Chief --holder boss --deputy1 dep1 --deputy2 dep1
run "command add" 0 ag bcp command add --code HQ --title Chief --holder boss --deputy1 dep1 --deputy2 dep2
run "child" 0 ag bcp command add --code FAC --title "Facilities" --parent HQ --holder mgr1
run "circular chain" 2 ag bcp command update HQ --parent FAC
contains "circle refused" "$err" "would go round in a circle"
run "structure" 0 ag bcp structure
contains "deputies in order" "$out" "dep1"
contains "places listed" "$out" "assembly places"

# ---- places 3.2.3.1(1) ----
run "place add" 0 ag bcp place add --code P1 --name "HQ room" --kind primary --address "Main 3F"
run "bad kind" 2 ag bcp place add --code P2 --name x --kind backup --address y

# ---- exercises ----
run "exercise add" 0 ag bcp exercise add --title "Manual sorting drill" --kind functional --scenario "SCADA down" --planned 2027-03-20 --owner mgr1
run "exercise planned later" 0 ag bcp exercise add --title "Tabletop" --kind tabletop --scenario quake --planned 2027-09-01 --owner boss
run "finding of a planned exercise" 3 ag bcp exercise finding 1 --finding late --owner mgr1 --due 2027-05-01 --as mgr1
contains "held first" "$err" "findings come from a held exercise"
run "held" 0 ag bcp exercise update 1 --held 2027-03-21
run "status became held" 0 ag bcp exercise show 1 --json
contains "held" "$out" '"status": "held"'
run "participants" 0 ag bcp exercise people 1 --people mgr1,admin1
run "unknown participant" 2 ag bcp exercise people 1 --people nobody
run "finding by outsider" 3 ag bcp exercise finding 1 --finding late --owner mgr1 --due 2027-05-01 --as other1
run "finding" 0 ag bcp exercise finding 1 --finding "staff called in 40 min" --owner mgr1 --due 2027-05-01 --as mgr1
run "year view" 0 ag bcp year --year 2027 --json
contains "planned 2" "$out" '"planned": 2'
contains "held 1" "$out" '"held": 1'

# ---- check ----
run "check finds problems" 1 ag bcp check
contains "FIDS without plan" "$out" "plan FIDS: critical system without a continuity plan"
contains "last test partial" "$out" "last recovery test was partial"
contains "no alternate place" "$out" "no alternate assembly place"
contains "no deputy for FAC" "$out" "command FAC: no deputy"
contains "no phone" "$out" "has no phone"
run "audit trail intact" 0 ag audit verify
run "unknown subcommand" 2 ag bcp frobnicate
finish

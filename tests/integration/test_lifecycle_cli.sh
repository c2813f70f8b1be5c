#!/usr/bin/env bash
# The system lifecycle end to end (docs/isms.md "System lifecycle (3.1.5.2(1))"): a project's
# checklists generated from the catalog (rows naming catalog items, the item text beside each
# row, device-specific rows only for the devices the system has), answers with evidence,
# sign-off refused with open rows, out of order, without a design review or a passing acceptance
# test, by someone who answered rows (separation of duties, exit 3) or without the role; the
# whole project through to completion; bad input named; Japanese texts; the demo's CCTV renewal.
source "$(dirname "$0")/lib.sh"
export AIRGUARD_NOW=2027-04-02 AIRGUARD_LANG=en
db="$tmp/l.db"
ag() { "$AG_BIN" --db "$db" "$@"; }

run "init" 0 ag db init
ag org dept add sec --name Security >/dev/null || not_ok "dept"
for p in admin admin2 mgr staff; do ag org person add $p --name $p --dept sec >/dev/null || not_ok "person $p"; done
ag org role grant admin sysadmin --dept sec >/dev/null && ag org role grant admin2 sysadmin --dept sec >/dev/null &&
  ag org role grant mgr manager --dept sec >/dev/null || not_ok "roles"
ag org system add CCTV --kind surveillance --name CCTV --dept sec --critical >/dev/null || not_ok "system"
ag org asset add REC1 --category server --name Recorder --system CCTV >/dev/null || not_ok "asset"
ag org asset add CAM1 --category camera --name Camera --system CCTV >/dev/null || not_ok "asset"

run "items of a phase" 0 ag lifecycle items acceptance
contains "acceptance inspection item" "$out" "3.1.5.2-1-c2.m2.x3"
run "items: unknown phase" 2 ag lifecycle items testing
contains "phase named" "$err" "--phase: \"testing\" is not one of"
run "start without role" 3 ag lifecycle start R1 --system CCTV --kind new --title "new CCTV" --owner admin --as staff
run "start bad kind" 2 ag lifecycle start R1 --system CCTV --kind rebuild --title x --owner admin --as admin
run "start unknown system" 2 ag lifecycle start R1 --system NOPE --kind new --title x --owner admin --as admin
contains "system named" "$err" "--system: no system \"NOPE\""
run "start" 0 ag lifecycle start R1 --system CCTV --kind new --title "new CCTV" --owner admin --start 2027-01-10 --as admin
contains "generated" "$out" "generated from the catalog"
run "duplicate code" 2 ag lifecycle start R1 --system CCTV --kind new --title x --owner admin --as admin
run "show" 0 ag lifecycle show R1 --json
contains "four phases: planning" "$out" '"phase": "planning"'
contains "four phases: handover" "$out" '"phase": "handover"'
lacks "no renewal phase for a new system" "$out" '"phase": "renewal"'
run "checklist with catalog text" 0 ag lifecycle checklist R1 --phase build
contains "server measures (the system has a recorder)" "$out" "3.1.5.2-2-b.m1"
contains "special-purpose devices (cameras)" "$out" "3.1.5.2-2-c-c2.m1"
lacks "no MFP measures" "$out" "3.1.5.2-2-c-c1.m1"
contains "item text beside the row" "$out" "When constructing an information system"
run "checklist in Japanese" 0 ag --lang ja lifecycle checklist R1 --phase build
contains "Japanese item text" "$out" "情報システムの構築に際しては"

# ---- sign-off refusals
run "sign-off with open rows" 3 ag lifecycle signoff R1 planning --as mgr
contains "open rows named" "$err" "has 32 open row(s)"
run "sign-off out of order" 3 ag lifecycle signoff R1 build --as mgr
contains "order" "$err" "the phase planning is signed off first"
run "answer na without reason" 2 ag lifecycle answer R1 3.1.5.2-1-c1.m4.x6 na --as admin
contains "reason asked" "$err" "needs the reason"
run "answer without role" 3 ag lifecycle answer R1 3.1.5.2-1-c1.m4.x6 done --as staff
run "answer bad value" 2 ag lifecycle answer R1 3.1.5.2-1-c1.m4.x6 maybe --as admin
run "answer unknown item" 2 ag lifecycle answer R1 9.9.9 done --as admin
echo "specification v3, section 4" >"$tmp/spec.txt"
run "a section is not a row" 2 ag lifecycle answer R1 "3.1.5.2(1)①" done --note x --as admin
contains "section refused, named" "$err" "item 3.1.5.2-1-c1 is not on the checklist of this project"
rows=$(ag lifecycle checklist R1 --phase planning --json | grep '"row"' | sed 's/[^0-9]//g')
for r in $rows; do ag lifecycle answer R1 "#$r" done --note "in the specification" --as admin >/dev/null || not_ok "answer #$r"; done
run "answer na" 0 ag lifecycle answer R1 3.1.5.2-1-c1.m4.x6 na --note "no third-party evaluation needed" --evidence "$tmp/spec.txt" --as admin
run "evidence listed" 0 ag lifecycle checklist R1 --phase planning --json
contains "evidence file on the row" "$out" '"evidence": "spec.txt"'
run "no open planning rows" 0 ag lifecycle checklist R1 --phase planning --open --json
equals "open list empty" "$out" "[]"
run "sign-off without design review" 3 ag lifecycle signoff R1 planning --as mgr
contains "design review asked" "$err" "approved design review"
run "review bad result" 2 ag lifecycle review R1 --phase planning --date 2027-02-01 --reviewers admin,mgr --scope "desk review" --findings none --result ok --as admin
run "review unknown reviewer" 2 ag lifecycle review R1 --phase planning --date 2027-02-01 --reviewers admin,nobody --scope "desk review" --findings none --result approved --as admin
run "design review" 0 ag lifecycle review R1 --phase planning --date 2027-02-01 --reviewers admin,mgr --scope "desk review of the requirements" --findings "log retention fixed" --result approved --as admin
run "reviews" 0 ag lifecycle reviews R1 --json
contains "reviewers listed" "$out" '"reviewers": "admin mgr"'
ag org role grant admin manager --dept sec >/dev/null
run "sign-off by who answered" 3 ag lifecycle signoff R1 planning --as admin
contains "separation of duties" "$err" "separation of duties (3.1.4.1(2)): admin may not sign off the phase planning of project R1"
run "sign-off by a sysadmin" 3 ag lifecycle signoff R1 planning --as admin2
contains "role named" "$err" "it needs the role manager"
run "sign-off" 0 ag lifecycle signoff R1 planning --note ok --as mgr
run "frozen after sign-off" 3 ag lifecycle answer R1 3.1.5.2-1-c1.m4.x6 done --as admin
contains "frozen" "$err" "signed off"

# ---- build, acceptance with tests, handover
for ph in build acceptance handover; do
  for r in $(ag lifecycle checklist R1 --phase $ph --json | grep '"row"' | sed 's/[^0-9]//g'); do
    ag lifecycle answer R1 "#$r" done --note done --as admin2 >/dev/null || not_ok "answer $ph #$r"
  done
done
run "build signed" 0 ag lifecycle signoff R1 build --as mgr
run "acceptance without test" 3 ag lifecycle signoff R1 acceptance --as mgr
contains "test asked" "$err" "needs an acceptance test"
run "test without evidence" 2 ag lifecycle test R1 --title "auth test" --date 2027-03-01 --result pass --as admin
contains "evidence asked" "$err" "--evidence: missing"
run "test failed" 0 ag lifecycle test R1 --title "auth test" --date 2027-03-01 --result fail --evidence "$tmp/spec.txt" --as admin
run "sign-off with a failed test" 3 ag lifecycle signoff R1 acceptance --as mgr
contains "failure named" "$err" "failed at their last run"
run "test passed" 0 ag lifecycle test R1 --title "auth test" --date 2027-03-02 --result pass --evidence "$tmp/spec.txt" --as admin
run "tests" 0 ag lifecycle tests R1 --json
contains "evidence hash" "$out" "$(sha256sum "$tmp/spec.txt" | cut -d' ' -f1)"
run "acceptance signed" 0 ag lifecycle signoff R1 acceptance --as mgr
run "handover signed" 0 ag lifecycle signoff R1 handover --as mgr
run "completed" 0 ag lifecycle list --json
contains "project completed" "$out" '"status": "completed"'
run "signoffs audited" 0 ag audit log --json
contains "sign-off in the audit trail" "$out" '"signoff"'
run "audit trail intact" 0 ag audit verify

# ---- usage and the demo
run "usage ja" 2 ag --lang ja lifecycle
contains "usage in Japanese" "$err" "企画・要件定義"
demo="$tmp/demo.db"
run "demo" 0 "$AG_BIN" --db "$demo" db init --demo
run "demo: CCTV renewal" 0 "$AG_BIN" --db "$demo" lifecycle list --json
contains "demo: in acceptance" "$out" '"current_phase": "acceptance"'
run "demo: acceptance open rows" 0 "$AG_BIN" --db "$demo" lifecycle checklist SURV-RENEW-2026 --phase acceptance --open --json
contains "demo: partly answered" "$out" '"answer": "open"'
run "demo: sign-off refused" 3 "$AG_BIN" --db "$demo" lifecycle signoff SURV-RENEW-2026 acceptance --as kato
contains "demo: open rows" "$err" "open row"
finish

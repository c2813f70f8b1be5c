#!/usr/bin/env bash
# Registers end to end (docs/isms/registers.md): add/update/list/show/CSV for every register,
# the 3.1.4.3 checklists, approvals and reviews with separation of duties (3.1.4.1(2)), the
# emergency-contact check, the due list, and every refusal and bad input.
source "$(dirname "$0")/lib.sh"
export AIRGUARD_NOW=2027-04-02 AIRGUARD_LANG=en
db="$tmp/r.db"
ag() { "$AG_BIN" --db "$db" "$@"; }

run "init" 0 ag db init
for d in pax fac it; do ag org dept add $d --name "$d" >/dev/null || not_ok "dept $d"; done
ag org person add sasaki --name Sasaki --dept pax >/dev/null || not_ok "person sasaki"
for s in SURV:surveillance FIDS:flight-information BHS:baggage-handling; do
  ag org system add "${s%%:*}" --kind "${s#*:}" --name "${s%%:*}" --critical >/dev/null || not_ok "system $s"
done
ag org system add OA --kind other --name OA >/dev/null || not_ok "system OA"
# ---- personal-data ledger 3.1.2.6(3) ----
pd=(--code PD-T --name "Lost and found" --dept pax --manager sasaki --items "name, phone"
    --purpose "return of items" --purpose-notice published --location "T1 counter"
    --method "locked cabinet" --access "counter staff" --use-period "3 months" --level medium)
run "pdata add" 0 ag register pdata add "${pd[@]}" --reviewed 2026-05-01 --review-months 12
contains "pdata add says added" "$out" "added pdata 1"
run "pdata show" 0 ag register pdata show PD-T
contains "next review = reviewed + 12 months" "$out" "2027-05-01"
run "pdata duplicate code" 2 ag register pdata add "${pd[@]}"
contains "duplicate is a conflict" "$err" "UNIQUE"
run "pdata missing required" 2 ag register pdata add --code PD-X --name x
contains "names the missing option" "$err" "--dept: missing (required)"
run "pdata bad level" 2 ag register pdata add "${pd[@]/PD-T/PD-Y}" --level huge
contains "bad enum named" "$err" "--level: \"huge\" is not one of: high, medium, low"
run "pdata bad manager" 2 ag register pdata update PD-T --manager nobody
contains "unknown person named" "$err" "--manager: no person with the login \"nobody\""
run "pdata bad date" 2 ag register pdata update PD-T --reviewed 2027-02-30
contains "bad date named" "$err" "--reviewed: \"2027-02-30\" is not a date"
run "pdata key fixed" 2 ag register pdata update PD-T --code PD-Z
run "pdata update" 0 ag register pdata update PD-T --reviewed 2026-03-01
run "pdata show after update" 0 ag register pdata show PD-T --json
contains "next review recomputed" "$out" "\"next_review_on\": \"2027-03-01\""
run "nothing written by failures" 0 ag register pdata list --json
equals "one ledger row" "$(grep -c '"code"' <<<"$out")" "1"
run "pdata csv" 0 ag register pdata list --format csv
contains "csv header" "$out" '"id","code","name","department","manager"'
contains "csv row quoted" "$out" '"PD-T","Lost and found"'
run "csv export audited" 0 ag audit log --json
contains "export row in the audit trail" "$out" '"export"'
run "bad format" 2 ag register pdata list --format xml

# ---- contractor with checklist 3.1.4.3 ----
run "person add (owner)" 0 ag org person add owner1 --name "Owner One" --dept fac
run "person add (mgr)" 0 ag org person add mgr1 --name "Manager" --dept fac
run "role manager" 0 ag org role grant mgr1 manager --dept fac
run "person add (other)" 0 ag org person add other1 --name "Other" --dept it
ct=(--code CT1 --name "BHS maint" --service "maintenance" --kind operation --owner owner1
    --dept fac --start 2027-01-01 --end 2027-12-31 --access-scope "SCADA" --selection "REG-002")
run "contractor end before start" 2 ag register contractor add "${ct[@]/2027-12-31/2026-12-31}"
contains "date order named" "$err" "--end: 2026-12-31 is before --start 2027-01-01"
run "contractor add" 0 ag register contractor add "${ct[@]}"
run "contractor bad kind" 2 ag register contractor update CT1 --kind cleaning
run "checklist" 0 ag register contractor checklist CT1
contains "checklist has 3.1.4.3(3) item" "$out" "outage-procedure"
contains "personal-data items do not apply" "$out" "pd-leak-prevention"
run "approve incomplete" 3 ag register contractor approve CT1 --as mgr1
contains "incomplete checklist refused" "$err" "unanswered"
run "check needs --as" 2 ag register contractor check CT1 no-other-use met
run "check bad key" 2 ag register contractor check CT1 no-such-key met --as owner1
run "check bad answer" 2 ag register contractor check CT1 no-other-use maybe --as owner1
run "check na needs note" 2 ag register contractor check CT1 no-other-use na --as owner1
contains "na reason asked" "$err" "needs the reason"
keys=$(ag register contractor checklist CT1 --json | grep '"item_key"' | sed 's/.*: "\(.*\)",*/\1/')
for k in $keys; do
  case $k in pd-*|end-inspection) continue ;; esac
  ag register contractor check CT1 "$k" met --as owner1 >/dev/null || not_ok "answer $k"
done
run "one item not met" 0 ag register contractor check CT1 outage-response not_met --note "missing" --as owner1
run "approve with not met" 3 ag register contractor approve CT1 --as mgr1
contains "not met refused" "$err" "1 not met"
run "fix item" 0 ag register contractor check CT1 outage-response met --as owner1
run "approve by owner" 3 ag register contractor approve CT1 --as owner1
contains "owner refused (3.1.4.1(2))" "$err" "separation of duties (3.1.4.1(2)): owner1 may not approve"
run "approve without role" 3 ag register contractor approve CT1 --as other1
contains "role refused" "$err" "it needs the role manager"
run "refusal audited" 0 ag audit log --json
contains "refusal in the audit trail" "$out" '"refused"'
run "approve" 0 ag register contractor approve CT1 --as mgr1
run "show approved" 0 ag register contractor show CT1 --json
contains "status active" "$out" '"status": "active"'
contains "approved by mgr1" "$out" '"approved_by": "mgr1"'
run "answers frozen after approval" 3 ag register contractor check CT1 no-other-use not_met --note x --as owner1
run "end without inspection" 3 ag register contractor end CT1 --as owner1
run "end inspection" 0 ag register contractor check CT1 end-inspection met --as owner1
run "end" 0 ag register contractor end CT1 --as owner1
run "show ended" 0 ag register contractor show CT1 --json
contains "ended with date" "$out" '"end_checked_on": "2027-04-02"'

# ---- cloud 3.1.4.3(4) ----
cl=(--code CL1 --name "FIDS cloud" --provider "North" --owner owner1 --class 2
    --data-location Japan --law "Japanese law" --jurisdiction Tokyo --foreign-law-risk low
    --exit-plan "CSV export" --start 2027-01-01 --end 2028-12-31)
run "cloud bad class" 2 ag register cloud add "${cl[@]/--class 2/}" --class 4
contains "class range named" "$err" "--class: \"4\" is not a number from 1 to 3"
run "cloud add" 0 ag register cloud add "${cl[@]}"
run "person ciso" 0 ag org person add ciso1 --name CISO
run "role ciso" 0 ag org role grant ciso1 ciso
run "cloud approve incomplete" 3 ag register cloud approve CL1 --as ciso1
for k in $(ag register cloud checklist CL1 --json | grep '"item_key"' | sed 's/.*: "\(.*\)",*/\1/'); do
  ag register cloud check CL1 "$k" met --as owner1 >/dev/null || not_ok "answer $k"
done
run "cloud checklist has examples" 0 ag register cloud checklist CL1
contains "RPO example" "$out" "rpo"
contains "foreign law item" "$out" "foreign-law"
run "cloud approve by owner" 3 ag register cloud approve CL1 --as owner1
run "cloud approve by manager" 3 ag register cloud approve CL1 --as mgr1
contains "needs ciso or committee" "$err" "it needs the role committee"
run "cloud reject without note" 2 ag register cloud reject CL1 --as ciso1
run "cloud approve" 0 ag register cloud approve CL1 --as ciso1 --note ok
run "cloud decided once" 3 ag register cloud reject CL1 --as ciso1 --note no

# ---- policies 3.1.2.2 / 3.1.2.3(1) ----
run "policy add" 0 ag register policy add --code P1 --title Policy --kind policy --owner owner1 --review-months 12
run "regulation under regulation" 0 ag register policy add --code R1 --title Reg --kind regulation --parent P1 --owner owner1
run "bad parent kind" 2 ag register policy add --code R2 --title Reg2 --kind regulation --parent R1 --owner owner1
contains "parent rule named" "$err" "a regulation conforms to a policy"
run "policy with parent" 2 ag register policy update P1 --parent R1
run "policy approve by owner" 3 ag register policy approve P1 --as owner1
run "policy approve without role" 3 ag register policy approve P1 --as mgr1
run "review a draft" 3 ag register policy review P1 --outcome confirmed --as ciso1
AIRGUARD_NOW=2026-01-10 run "policy approve (past)" 0 ag register policy approve P1 --as ciso1
run "policy approved twice" 3 ag register policy approve P1 --as ciso1
run "due lists the overdue review" 0 ag register due
contains "overdue review" "$out" "P1"
contains "state overdue" "$out" "overdue"
run "review by owner" 3 ag register policy review P1 --outcome confirmed --as owner1
run "review bad outcome" 2 ag register policy review P1 --outcome fine --as ciso1
run "review revise needs note" 2 ag register policy review P1 --outcome revise --as ciso1
run "review" 0 ag register policy review P1 --outcome confirmed --as ciso1
run "show reviewed" 0 ag register policy show P1 --json
contains "next review moved" "$out" '"next_review_on": "2028-04-02"'
run "due no longer lists P1" 0 ag register due --days 0
lacks "P1 reviewed" "$out" "P1 "
run "content change returns to draft" 0 ag register policy update P1 --version 2.0
run "show draft" 0 ag register policy show P1 --json
contains "draft again" "$out" '"status": "draft"'

# ---- training 3.1.4.2 ----
run "training add" 0 ag register training add --title Awareness --kind awareness --date 2027-03-01 --owner ciso1 --topics handling,policy
run "training bad topic" 2 ag register training add --title X --kind awareness --date 2027-03-01 --owner ciso1 --topics gossip
run "training bad item" 2 ag register training add --title X --kind technical --date 2027-03-01 --owner ciso1 --items 9.9.9
run "invite" 0 ag register training invite 1 --people owner1,mgr1 --as ciso1
run "invite unknown" 2 ag register training invite 1 --people owner1,ghost --as ciso1
run "attend" 0 ag register training attend 1 --people owner1 --as ciso1
run "due: not attended" 0 ag register due
contains "mgr1 did not attend" "$out" "Awareness: mgr1"
lacks "owner1 attended" "$out" "Awareness: owner1"
run "training list" 0 ag register training list --json
contains "held" "$out" '"status": "held"'

# ---- contacts 3.1.4.1(3)(a) ----
run "contact check: none" 1 ag register contact check
contains "missing chain" "$out" "SURV: no emergency contact chain"
run "internal needs person" 2 ag register contact add --system SURV --position 1 --party internal --means phone
contains "person asked" "$err" "--party internal needs --person LOGIN"
run "external needs name" 2 ag register contact add --system SURV --position 1 --party ministry --means phone
run "bad party" 2 ag register contact add --system SURV --position 1 --party friend --means phone
for s in SURV FIDS BHS; do
  ag register contact add --system $s --position 1 --party internal --person owner1 --phone 090 --means phone >/dev/null || not_ok "contact $s"
done
run "contact check: no ministry" 1 ag register contact check
contains "ministry missing" "$out" "does not include the ministry"
for s in SURV FIDS BHS; do
  ag register contact add --system $s --position 2 --party ministry --name MLIT --email r@example.jp --means email >/dev/null || not_ok "ministry $s"
done
run "duplicate position" 2 ag register contact add --system SURV --position 2 --party ceptoar --name C --means mail
run "deputy for missing position" 2 ag register contact add --system SURV --position 3 --party internal --person mgr1 --means phone --deputy-for 9
run "contact check: complete" 0 ag register contact check
contains "complete" "$out" "every critical system"

# ---- milestones 3.1.3(1) ----
run "roadmap" 0 ag register milestone add --code RM --level roadmap --title T --goal G --owner ciso1 --target 2027-12-31
run "plan" 0 ag register milestone add --code PL --level plan --parent RM --title T --goal G --owner owner1 --target 2027-03-01
run "plan under plan" 2 ag register milestone add --code PL2 --level plan --parent PL --title T --goal G --owner owner1 --target 2027-03-01
run "due: late milestone" 0 ag register due
contains "late milestone" "$out" "milestone"
run "done" 0 ag register milestone update PL --status done
run "show done" 0 ag register milestone show PL --json
contains "done date set" "$out" '"done_on": "2027-04-02"'

# ---- usage and Japanese ----
run "unknown register" 2 ag register ledger list
run "unknown step" 2 ag register policy frobnicate P1
run "usage ja" 2 "$AG_BIN" --lang ja register
contains "usage in Japanese" "$err" "個人データ取扱台帳"
run "demo" 0 "$AG_BIN" --db "$tmp/demo.db" db init --demo
run "demo due" 0 "$AG_BIN" --db "$tmp/demo.db" register due
contains "demo overdue review" "$out" "REG-001"
run "demo contacts complete" 0 "$AG_BIN" --db "$tmp/demo.db" register contact check
run "demo audit intact" 0 "$AG_BIN" --db "$tmp/demo.db" audit verify
finish

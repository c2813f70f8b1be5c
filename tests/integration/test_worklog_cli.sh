#!/usr/bin/env bash
# The work log and change management end to end (docs/isms.md "Operation and maintenance work
# log (3.2.1.1)"): entries and the unauthorised flag, a change approved before and reviewed after
# it with separation-of-duty refusals (exit 3, recorded in the audit trail), an emergency change
# and its retrospective approval deadline, access-control review plans with an overdue review and
# a finding that becomes a corrective action, disposal refused without proof or with the eraser
# as witness, CSV export, bad input named, Japanese texts, and the demo airport's records.
source "$(dirname "$0")/lib.sh"
export AIRGUARD_NOW=2027-04-02 AIRGUARD_LANG=en
db="$tmp/w.db"
ag() { "$AG_BIN" --db "$db" "$@"; }

run "init" 0 ag db init
ag org dept add fac --name Facilities >/dev/null || not_ok "dept"
ag org dept add it --name IT >/dev/null || not_ok "dept it"
for p in admin:fac admin2:fac mgr:fac staff:fac other:it; do
  ag org person add "${p%%:*}" --name "${p%%:*}" --dept "${p#*:}" >/dev/null || not_ok "person $p"
done
ag org role grant admin sysadmin --dept fac >/dev/null && ag org role grant admin2 sysadmin --dept fac >/dev/null &&
  ag org role grant mgr manager --dept fac >/dev/null && ag org role grant other sysadmin --dept it >/dev/null ||
  not_ok "roles"
ag org system add BHS --kind baggage-handling --name BHS --dept fac --critical >/dev/null || not_ok "system"
ag org asset add SRV1 --category server --name SCADA --system BHS >/dev/null || not_ok "asset SRV1"
ag org asset add FW1 --category network --name Firewall --system BHS >/dev/null || not_ok "asset FW1"

# ---- work log entries
run "entry" 0 ag worklog add --asset SRV1 --kind inspection --work "monthly check" --at "2027-03-01 09:30" --as admin
contains "entry recorded" "$out" "recorded work log entry 1"
run "entry needs --as" 2 ag worklog add --asset SRV1 --kind inspection --work x
run "entry bad kind" 2 ag worklog add --asset SRV1 --kind tuning --work x --as admin
contains "bad kind named" "$err" "--kind: \"tuning\" is not one of"
run "entry bad time" 2 ag worklog add --asset SRV1 --kind inspection --work x --at "2027-03-01 25:00" --as admin
contains "bad time named" "$err" "--at: \"2027-03-01 25:00\" is not a date and time"
run "entry unknown asset" 2 ag worklog add --asset NOPE --kind inspection --work x --as admin
run "entry without role" 3 ag worklog add --asset SRV1 --kind inspection --work x --as staff
contains "role named" "$err" "it needs the role sysadmin"
run "entry by another department's admin" 3 ag worklog add --asset SRV1 --kind inspection --work x --as other
run "unauthorised configuration change" 0 ag worklog add --asset SRV1 --kind configuration --work "vendor changed users" --by staff --as admin
contains "flag told" "$err" "flagged UNAUTHORISED"
run "list unauthorised" 0 ag worklog list --unauthorised --json
contains "flagged entry listed" "$out" '"flag": "UNAUTHORISED"'
lacks "only the flagged one" "$out" "monthly check"
run "list by date" 0 ag worklog list --from 2027-03-01 --to 2027-03-01
contains "dated entry" "$out" "2027-03-01 09:30"
run "csv" 0 ag worklog list --format csv
contains "csv header" "$out" '"id","done_at","asset"'
run "csv export audited" 0 ag audit log --json
contains "export in the audit trail" "$out" '"wl_entries"'
run "show" 0 ag worklog show 2
contains "show: performer" "$out" "staff"

# ---- a change: approval before, review after
req=(--title "open TCP 443" --reason "vendor API" --assets FW1,SRV1 --planned 2027-04-10 --rollback "delete the rule" --risk medium)
run "request" 0 ag change request "${req[@]}" --as admin
contains "requested" "$out" "change 1 requested"
run "request bad risk" 2 ag change request "${req[@]/medium/severe}" --as admin
run "request without rollback" 2 ag change request --title t --reason r --assets FW1 --planned 2027-04-10 --risk low --as admin
contains "rollback named" "$err" "--rollback"
run "implement before approval" 3 ag change implement 1 --as admin
contains "refused before approval" "$err" "change 1 is not approved"
run "requester approves own" 3 ag change approve 1 --as admin
contains "separation of duties" "$err" "separation of duties (3.1.4.1(2)): admin may not approve change 1: it is their own"
run "sysadmin approves" 3 ag change approve 1 --as admin2
contains "approver role" "$err" "it needs the role manager"
run "refusals audited" 0 ag audit log --json
contains "refusal in the audit trail" "$out" '"refused"'
run "approve" 0 ag change approve 1 --note "risk accepted" --as mgr
run "approve twice" 3 ag change approve 1 --as mgr
run "implement" 0 ag change implement 1 --at "2027-04-10 22:00" --work "rule added" --as admin
run "entries of the change" 0 ag worklog list --json
equals "one entry per device" "$(grep -c '"change_id": 1' <<<"$out")" "2"
run "implementer reviews" 3 ag change review 1 --result ok --note fine --as admin
contains "review refused" "$err" "admin may not review change 1: it is their own"
run "review bad result" 2 ag change review 1 --result great --note fine --as admin2
run "review with action" 0 ag change review 1 --result issues --note "rule too wide" --action-owner admin --action-due 2027-05-01 --as admin2
run "change shows reviewed" 0 ag change show 1 --json
contains "state reviewed" "$out" '"state": "reviewed"'
contains "action linked" "$out" '"action": '
run "action opened" 0 ag action list --json
contains "corrective action from the review" "$out" "Change 1 (open TCP 443): review findings"

# ---- an emergency change
run "emergency" 0 ag change request "${req[@]}" --emergency --as admin
contains "emergency told" "$out" "approved afterwards within 3 days"
run "emergency carried out" 0 ag change implement 2 --kind patch --at "2027-04-02 03:00" --as admin
run "flagged" 0 ag change list --flagged --json
contains "emergency pending" "$out" '"state": "emergency-pending"'
contains "due date" "$out" '"approval_due": "2027-04-05"'
run "overdue later" 0 env AIRGUARD_NOW=2027-04-06 "$AG_BIN" --db "$db" change list --json
contains "approval overdue" "$out" '"state": "approval-overdue"'
run "approved afterwards" 0 ag change approve 2 --as mgr
run "no longer flagged" 0 ag change list --flagged --json
lacks "flag gone" "$out" '"id": 2'
run "cancel implemented" 3 ag change cancel 2 --as admin

# ---- access-control reviews
run "plan on a server" 2 ag worklog review-plan SRV1 --scope both --every 3 --owner admin --as admin
contains "network devices only" "$err" "network devices"
run "plan" 0 ag worklog review-plan FW1 --scope access-control --every 3 --owner admin --start 2026-10-01 --as admin
run "reviews overdue" 0 ag worklog reviews --overdue --json
contains "overdue review" "$out" '"state": "overdue"'
contains "due date" "$out" '"next_due": "2027-01-01"'
run "review action without owner" 2 ag worklog review FW1 --findings "stale VPN rule" --result action --as admin
run "review" 0 ag worklog review FW1 --findings "stale VPN rule" --result action --action-owner admin --action-due 2027-04-30 --date 2027-03-30 --as admin
run "no longer overdue" 0 ag worklog reviews --json
contains "next due moved" "$out" '"next_due": "2027-06-30"'
run "history" 0 ag worklog review-history FW1 --json
contains "finding kept" "$out" "stale VPN rule"

# ---- disposal
echo "erasure certificate" >"$tmp/cert.txt"
: >"$tmp/empty.txt"
run "dispose without proof" 3 ag worklog dispose SRV1 --method overwrite --by admin --witness mgr --as admin
contains "proof required" "$err" "needs the proof of erasure"
run "dispose empty proof" 3 ag worklog dispose SRV1 --method overwrite --certificate "$tmp/empty.txt" --by admin --witness mgr --as admin
run "dispose self-witnessed" 3 ag worklog dispose SRV1 --method overwrite --certificate "$tmp/cert.txt" --by admin --witness admin --as admin
contains "witness refused" "$err" "may not witness the erasure of asset SRV1"
run "dispose bad method" 2 ag worklog dispose SRV1 --method shredder --certificate "$tmp/cert.txt" --by admin --witness mgr --as admin
run "dispose missing file" 1 ag worklog dispose SRV1 --method overwrite --certificate "$tmp/nope.txt" --by admin --witness mgr --as admin
run "nothing disposed yet" 0 ag worklog disposals --json
equals "no disposal" "$out" "[]"
run "dispose" 0 ag worklog dispose SRV1 --method degauss --certificate "$tmp/cert.txt" --certificate-no C-1 --by admin --witness mgr --date 2027-03-31 --as admin
run "disposals" 0 ag worklog disposals --json
contains "certificate stored" "$out" '"certificate": "cert.txt"'
sha=$(sha256sum "$tmp/cert.txt" | cut -d' ' -f1)
contains "certificate hash" "$out" "$sha"
[[ -f "$tmp/evidence/${sha:0:2}/$sha" ]] && ok "certificate in the evidence store" || not_ok "certificate in the evidence store"
run "asset disposed" 0 ag org list assets --json
contains "status disposed" "$out" '"status": "disposed"'
run "no work on a disposed device" 3 ag worklog add --asset SRV1 --kind maintenance --work x --as admin
run "dispose twice" 2 ag worklog dispose SRV1 --method degauss --certificate "$tmp/cert.txt" --by admin --witness mgr --as admin

# ---- Japanese, usage, audit
run "usage ja" 2 ag --lang ja worklog
contains "usage in Japanese" "$err" "作業記録"
run "usage en" 2 ag change
contains "usage in English" "$err" "approval before the change"
run "refusal in Japanese" 3 ag --lang ja change approve 1 --as admin
contains "Japanese refusal" "$err" "変更 1 は既に"
run "audit trail intact" 0 ag audit verify

# ---- the demo airport
demo="$tmp/demo.db"
run "demo" 0 "$AG_BIN" --db "$demo" db init --demo
run "demo: changes" 0 "$AG_BIN" --db "$demo" change list --json
contains "demo: FIDS patches" "$out" "FIDS-SRV1 FIDS-SRV2"
contains "demo: emergency pending" "$out" "emergency-pending"
run "demo: reviews" 0 "$AG_BIN" --db "$demo" worklog reviews --overdue --json
contains "demo: BHS firewall overdue" "$out" '"asset": "BHS-FW1"'
run "demo: disposals" 0 "$AG_BIN" --db "$demo" worklog disposals --json
contains "demo: disposed recorder" "$out" "SURV-REC0"
run "demo: unauthorised entry" 0 "$AG_BIN" --db "$demo" worklog list --unauthorised --json
contains "demo: BHS-HMI1 flagged" "$out" "BHS-HMI1"
finish

#!/usr/bin/env bash
# Secure areas end to end (docs/isms.md, "Secure areas"): areas with boundaries and equipment,
# authorisation by the area's manager (never oneself), its periodic review (not of oneself) and
# removal, the entry and exit log (unauthorised people refused, or recorded flagged with
# --override), visitors and badges, equipment movements approved by a system administrator
# other than the requester, and the flags.
source "$(dirname "$0")/lib.sh"
export AIRGUARD_NOW=2027-04-02T09:00:00Z AIRGUARD_LANG=en
db="$tmp/a.db"
ag() { "$AG_BIN" --db "$db" "$@"; }

run "init" 0 ag db init
ag org dept add it --name IT >/dev/null || not_ok "dept"
for p in mgr1 admin1 admin2 staff1 staff2 staff3 guard1 outsider; do
  ag org person add $p --name $p --dept it >/dev/null || not_ok "person $p"
done
ag org role grant mgr1 manager --dept it >/dev/null || not_ok "role manager"
ag org role grant admin1 sysadmin --dept it >/dev/null || not_ok "role sysadmin"
ag org role grant admin2 sysadmin --dept it >/dev/null || not_ok "role sysadmin 2"
ag org system add OA --kind other --name OA >/dev/null || not_ok "system"
ag org asset add CORE1 --system OA --category network --name "core switch" >/dev/null || not_ok "asset"

# ---- areas ----
run "area needs boundary" 2 ag area add --code SRV --name "Server room" --manager mgr1 --entry-control card
contains "boundary named" "$err" "--boundary: missing (required)"
run "area add" 0 ag area add --code SRV --name "Server room" --dept it --manager mgr1 --boundary "2F walls to slab, one door" --entry-control "IC card + PIN" --review-months 6
run "equip" 0 ag area equip SRV CORE1
run "equip twice" 2 ag area equip SRV CORE1
contains "already listed" "$err" "already listed in area SRV"
run "equipment" 0 ag area equipment SRV
contains "core listed" "$out" "CORE1"
run "area show" 0 ag area show SRV --json
contains "equipment in show" "$out" '"equipment": "CORE1"'

# ---- authorisation ----
run "grant needs reason" 2 ag area grant SRV staff1 --as mgr1
run "grant by non-manager" 3 ag area grant SRV staff1 --reason ops --as staff2
contains "role refused" "$err" "it needs the role manager"
run "grant to oneself" 3 ag area grant SRV mgr1 --reason "I manage it" --as mgr1
contains "self refused (3.1.4.1(2))" "$err" "separation of duties (3.1.4.1(2)): mgr1 may not authorise mgr1"
run "grant" 0 ag area grant SRV staff1 --reason "server operations" --as mgr1
run "grant twice" 2 ag area grant SRV staff1 --reason again --as mgr1
run "grant with end date" 0 ag area grant SRV staff2 --reason project --until 2027-04-10 --as mgr1
run "grant admin1" 0 ag area grant SRV admin1 --reason admin --as mgr1
run "grant past end date" 2 ag area grant SRV staff3 --reason x --until 2027-01-01 --as mgr1
run "people" 0 ag area people SRV --json
contains "three authorised" "$(grep -c '"login"' <<<"$out")" "3"

# ---- entries ----
run "authorised entry" 0 ag area enter SRV --person staff1 --badge IC-1 --at 2027-04-02T08:00 --as guard1
contains "entry recorded" "$out" "entry 1 recorded"
run "inside twice" 2 ag area enter SRV --person staff1 --at 2027-04-02T08:10 --as guard1
contains "already inside" "$err" "already inside area SRV"
run "unauthorised refused" 3 ag area enter SRV --person outsider --as guard1
contains "refusal names the rule" "$err" "outsider is not authorised to enter area SRV on 2027-04-02 (3.1.5.1(3))"
run "refusal wrote nothing" 0 ag area now SRV --json
lacks "outsider not inside" "$out" "outsider"
run "override records flagged" 0 ag area enter SRV --person outsider --override "fire brigade inspection" --at 2027-04-02T08:30 --as guard1
contains "flagged" "$out" "flagged: entry without authorisation"
run "future entry" 2 ag area enter SRV --person admin1 --at 2027-04-02T10:00 --as guard1
run "bad time" 2 ag area enter SRV --person admin1 --at 2027-04-02T25:00 --as guard1
contains "time format named" "$err" "is not a time YYYY-MM-DDTHH:MM"
run "now" 0 ag area now --json
contains "staff1 inside" "$out" '"who": "staff1"'
contains "override flagged" "$out" "unauthorised: fire brigade inspection"
run "exit before entry" 2 ag area exit SRV --person staff1 --at 2027-04-02T07:00 --as guard1
run "exit by person" 0 ag area exit SRV --person staff1 --at 2027-04-02T08:45 --as guard1
run "exit by entry id" 0 ag area exit 2 --at 2027-04-02T08:50 --as guard1
run "exit twice" 2 ag area exit 2 --as guard1
run "log" 0 ag area log SRV --date 2027-04-02 --json
contains "out time kept" "$out" '"out_at": "2027-04-02T08:45:00Z"'

# ---- visitors ----
run "visitor host not authorised" 3 ag area visitor add SRV --name "Vendor A" --org Tailspin --purpose "PSU swap" --host outsider --as guard1
contains "host must be authorised" "$err" "outsider is not authorised for area SRV"
run "visitor add" 0 ag area visitor add SRV --name "Vendor A" --org Tailspin --purpose "PSU swap" --host staff1 --id-check "driving licence" --as guard1
contains "visitor 1" "$out" "visitor 1 registered"
run "visitor without badge refused" 3 ag area enter SRV --visitor 1 --at 2027-04-02T08:55 --as guard1
contains "badge asked" "$err" "holds no badge"
run "badge issue" 0 ag area visitor badge 1 --badge V-07 --at 2027-04-02T08:56 --as guard1
run "visitor enters escorted by host" 0 ag area enter SRV --visitor 1 --at 2027-04-02T08:57 --as guard1
run "visitor inside with escort" 0 ag area now SRV --json
contains "escort is the host" "$out" '"escort": "staff1"'
contains "badge on entry" "$out" '"badge": "V-07"'
run "visitor exit" 0 ag area exit SRV --visitor 1 --at 2027-04-02T08:59 --as guard1
run "unreturned badge flagged" 0 ag area flags --json
contains "unreturned" "$out" "unreturned-badge"
run "badge return" 0 ag area visitor return 1 --at 2027-04-02T09:00 --as guard1
run "return twice" 2 ag area visitor return 1 --as guard1
run "visitor list" 0 ag area visitor list SRV --json
contains "host department" "$out" '"host_department": "it"'
lacks "no flag after return" "$out" "unreturned-badge"

# ---- equipment movements ----
run "move request" 0 ag area move request SRV --direction in --item "spare PSU" --asset CORE1 --category system --person admin1 --reason "PSU failed" --as admin1
run "bad direction" 2 ag area move request SRV --direction sideways --item x --category system --person admin1 --reason y --as admin1
run "approve own request" 3 ag area move approve 1 --as admin1
contains "requester refused" "$err" "separation of duties (3.1.4.1(2)): admin1 may not approve the movement 1"
run "approve by non-sysadmin" 3 ag area move approve 1 --as mgr1
contains "needs sysadmin" "$err" "it needs the role sysadmin"
run "approve" 0 ag area move approve 1 --as admin2
run "approve twice" 3 ag area move approve 1 --as admin2
run "done" 0 ag area move done 1 --as guard1
lacks "approved is not flagged" "$out" "flagged"
run "unapproved request" 0 ag area move request SRV --direction out --item "old disk" --category media --person staff1 --reason disposal --as staff1
run "reject needs note" 2 ag area move reject 2 --as admin1
run "moved without approval" 0 ag area move done 2 --as guard1
contains "flagged on record" "$out" "flagged: moved without a system administrator's approval"
run "moves listed" 0 ag area move list SRV --json
contains "unapproved flag" "$out" '"flag": "unapproved"'

# ---- review and removal ----
export AIRGUARD_NOW=2027-10-15T09:00:00Z
run "flags after months" 0 ag area flags --json
contains "end date passed" "$out" '"flag": "expired"'
contains "review due" "$out" '"flag": "review-due"'
contains "override listed" "$out" "unauthorised-entry"
run "expired person refused" 3 ag area enter SRV --person staff2 --as guard1
run "review by outsider" 3 ag area review SRV --as staff1
run "ciso" 0 ag org person add ciso1 --name C --dept it
run "ciso role" 0 ag org role grant ciso1 ciso
run "admin1 grants for the ciso" 0 ag area grant SRV ciso1 --reason "oversight" --as mgr1
run "review by ciso1 (own left open)" 0 ag area review SRV --as ciso1
contains "counts" "$out" "2 confirmed, 1 removed, 1 left for another reviewer"
run "people after review" 0 ag area people SRV --json
lacks "staff2 removed" "$out" '"login": "staff2"'
run "person leaves" 0 ag org person leave staff1
run "left flagged" 0 ag area flags --json
contains "left" "$out" '"flag": "left"'
run "left person refused" 3 ag area enter SRV --person staff1 --as guard1
run "revoke needs reason" 2 ag area revoke SRV staff1 --as mgr1
run "revoke" 0 ag area revoke SRV staff1 --reason "left the company" --as mgr1
run "revoke twice" 2 ag area revoke SRV staff1 --reason again --as mgr1
run "audit trail intact" 0 ag audit verify
finish

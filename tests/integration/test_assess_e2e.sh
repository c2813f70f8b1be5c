#!/usr/bin/env bash
# Self-inspection (3.3.1.1(1)) end to end with the real binary and a real store:
# plan -> sheets -> answers (CLI, CSV and XLSX import) -> 実施率 report -> instruction ->
# follow-up, with every refusal (roles, ownership, submitted sheets, separation of duties) and
# bad input (a bad row rejects the whole file, naming row and column).
source "$(dirname "$0")/lib.sh"

export AIRGUARD_LANG=en AIRGUARD_NOW=2026-05-10
db="$tmp/ag.db"
ag() { "$AG_BIN" --db "$db" "$@"; }
q() { sqlite3 "$db" "$1"; }

run "db init" 0 ag db init
# a small organisation: the CISO, the IT department's manager, a sysadmin, two handlers
ag org dept add exec --name 経営企画部 >/dev/null
ag org dept add it --name 情報システム部 >/dev/null
ag org dept add fac --name 施設部 >/dev/null
for p in "ciso exec" "mgr it" "admin it" "hand it" "hand2 it" "fmgr fac"; do
  set -- $p
  ag org person add "$1" --name "$1" --dept "$2" >/dev/null
done
ag org role grant ciso ciso >/dev/null
ag org role grant mgr manager --dept it >/dev/null
ag org role grant fmgr manager --dept fac >/dev/null
ag org role grant admin sysadmin --dept it >/dev/null
ag org role grant hand handler >/dev/null
ag org role grant hand2 handler >/dev/null

# ---- the yearly plan: the CISO only ----
run "plan by a manager is refused" 3 ag assess plan add --year 2026 --title T --frequency 2 \
  --timing June --depts it --as mgr
contains "refusal names separation of duties" "$err" "3.1.4.1(2)"
equals "nothing stored" "$(q 'SELECT count(*) FROM assess_plans')" 0
contains "refusal is in the audit trail" "$(q "SELECT detail FROM audit_log WHERE action = 'refused'")" "self-inspection plan"
run "plan without --as" 2 ag assess plan add --year 2026 --title T --frequency 2 --timing June --depts it
run "plan with a bad frequency" 2 ag assess plan add --year 2026 --title T --frequency 0 \
  --timing June --depts it --as ciso
contains "names the field" "$err" "--frequency"
run "plan with an unknown item" 2 ag assess plan add --year 2026 --title T --frequency 2 \
  --timing June --depts it --items 9.9 --as ciso
contains "names the item" "$err" "9.9"
run "plan add" 0 ag assess plan add --year 2026 --title "FY2026 self-inspection" --frequency 2 \
  --timing "June, December" --selection "all measures" --method "実施率 by department" \
  --depts it,fac:1 --items all --as ciso
contains "plan created" "$out" "created self-inspection plan 1"
run "plan revise" 0 ag assess plan revise 1 --reason "IT monthly after last year" --add-depts it:12 --as ciso
run "plan show" 0 ag assess plan show 1
contains "plan shows the revision reason" "$out" "IT monthly after last year"
contains "plan shows it:12" "$out" "12"

# ---- sheets ----
run "sheet issue by a handler is refused" 3 ag assess sheet issue 1 --round 1 --due 2026-06-30 --as hand
run "sheet issue by fac's manager for it is refused" 3 ag assess sheet issue 1 --round 1 \
  --dept it --due 2026-06-30 --as fmgr
run "sheet issue with a bad due date" 2 ag assess sheet issue 1 --round 1 --dept it --due 2026-06-31 --as mgr
run "sheet issue for a round outside the plan" 2 ag assess sheet issue 1 --round 13 --dept it --due 2026-06-30 --as mgr
run "sheet issue by the manager" 0 ag assess sheet issue 1 --round 1 --dept it --due 2026-06-30 --as mgr
contains "four sheets for it" "$out" "issued 4 self-inspection sheet(s)"
hs=$(q "SELECT s.id FROM assess_sheets s JOIN people p ON p.id = s.respondent_id WHERE p.login = 'hand'")
h2=$(q "SELECT s.id FROM assess_sheets s JOIN people p ON p.id = s.respondent_id WHERE p.login = 'hand2'")
ms=$(q "SELECT s.id FROM assess_sheets s JOIN people p ON p.id = s.respondent_id WHERE p.login = 'mgr'")
equals "the handler's sheet has the six handler measures" \
  "$(q "SELECT count(*) FROM assess_answers WHERE sheet_id = $hs")" 6
equals "the manager's sheet has no sysadmin measure" \
  "$(q "SELECT count(*) FROM assess_answers WHERE sheet_id = $ms AND role = 'sysadmin'")" 0
run "sheet list" 0 ag assess sheet list --plan 1
contains "list shows the respondent" "$out" "hand2"

# ---- answers from the CLI ----
run "answering someone else's sheet is refused" 3 ag assess answer "$hs" 3.3.1.1-1.m3 --answer 実施 --as hand2
contains "only the respondent" "$err" "only the respondent"
run "an item not on the sheet" 2 ag assess answer "$hs" 3.1.1.m1 --answer 実施 --as hand
run "a bad answer" 2 ag assess answer "$hs" 3.3.1.1-1.m3 --answer はい --as hand
contains "lists the allowed answers" "$err" "一部実施"
printf 'procedure v1\n' >"$tmp/proc.txt"
run "answer with evidence" 0 ag assess answer "$hs" 3.3.1.1-1.m3 --answer 一部実施 \
  --comment "手順書あり" --evidence "$tmp/proc.txt" --as hand
sha=$(sha256sum "$tmp/proc.txt" | cut -d' ' -f1)
equals "evidence stored by its SHA-256" "$(q "SELECT count(*) FROM evidence WHERE sha256 = '$sha'")" 1
[[ -f "$tmp/evidence/${sha:0:2}/$sha" ]] && ok "evidence file content-addressed" || not_ok "evidence file content-addressed"

# ---- export, fill in, import (CSV) ----
run "export by another respondent is refused" 3 ag assess sheet export "$hs" --out "$tmp/x.csv" --as hand2
run "export CSV" 0 ag assess sheet export "$hs" --out "$tmp/h.csv" --as hand
contains "CSV has the sheet number row" "$(cat "$tmp/h.csv")" "点検票番号 / sheet no.\",\"$hs\""
# fill every empty answer with 実施; then a copy with one bad answer on row 9
python3 - "$tmp/h.csv" <<'EOF'
import csv, sys
p = sys.argv[1]
rows = list(csv.reader(open(p, encoding='utf-8-sig', newline='')))
for r in rows[6:]:
    if not r[6]:
        r[6] = '実施'
def write(path, rows):
    with open(path, 'w', encoding='utf-8-sig', newline='') as f:
        csv.writer(f, lineterminator='\r\n', quoting=csv.QUOTE_ALL).writerows(rows)
write(p.replace('.csv', '-filled.csv'), rows)
rows[8][6] = 'たぶん'
write(p.replace('.csv', '-bad.csv'), rows)
EOF
run "import of a file with a bad row is rejected" 2 ag assess import "$hs" "$tmp/h-bad.csv" --as hand
contains "names row and column" "$err" "row 9, column G"
contains "nothing imported" "$err" "nothing was imported"
equals "no answer stored from the bad file" \
  "$(q "SELECT count(*) FROM assess_answers WHERE sheet_id = $hs AND answer IS NOT NULL")" 1
run "import by someone else is refused" 3 ag assess import "$hs" "$tmp/h-filled.csv" --as hand2
run "import of another sheet's file is rejected" 2 ag assess import "$h2" "$tmp/h-filled.csv" --as hand2
contains "names the sheet number cell" "$err" "row 4, column B"
run "import CSV" 0 ag assess import "$hs" "$tmp/h-filled.csv" --as hand
contains "imported six" "$out" "imported 6 answer(s)"
equals "the CLI answer kept its evidence" \
  "$(q "SELECT count(*) FROM assess_answer_evidence ae JOIN assess_answers a ON a.id = ae.answer_id WHERE a.sheet_id = $hs")" 1
run "submit by someone else is refused" 3 ag assess sheet submit "$hs" --as mgr
run "submit" 0 ag assess sheet submit "$hs" --as hand
run "answering after submission is refused" 3 ag assess answer "$hs" 3.3.1.1-1.m3 --answer 未実施 --as hand
contains "answers are final" "$err" "final"
run "import after submission is refused" 3 ag assess import "$hs" "$tmp/h-filled.csv" --as hand

# ---- XLSX: export, fill in (as Excel would), import ----
run "export XLSX" 0 ag assess sheet export "$h2" --out "$tmp/h2.xlsx" --as hand2
contains "the answer column has a drop-down list" \
  "$(unzip -p "$tmp/h2.xlsx" xl/worksheets/sheet1.xml)" 'type="list"'
python3 - "$tmp/h2.xlsx" <<'EOF'
# Answers written the way Excel saves typed text: inline strings in the cells (G column).
import re, sys, zipfile
p = sys.argv[1]
with zipfile.ZipFile(p) as zin:
    members = [(i.filename, zin.read(i.filename)) for i in zin.infolist()]
sheet = dict(members)['xl/worksheets/sheet1.xml'].decode()
answers = ['未実施', '該当なし', '実施', '実施', '一部実施', '実施']
def fill(m, bad=False):
    row = int(m.group(1))
    a = answers[(row - 7) % 6] if not (bad and row == 10) else 'maybe'
    return '<c r="G%d" t="inlineStr"><is><t>%s</t></is></c>' % (row, a)
for name, bad in (('-filled', False), ('-bad', True)):
    s = re.sub(r'<c r="G(\d+)" s="\d+"/>', lambda m: fill(m, bad) if int(m.group(1)) >= 7 else m.group(0), sheet)
    out = zipfile.ZipFile(p.replace('.xlsx', name + '.xlsx'), 'w', zipfile.ZIP_DEFLATED)
    for n, data in members:
        out.writestr(n, s if n == 'xl/worksheets/sheet1.xml' else data)
    out.close()
EOF
run "import of an XLSX with a bad row is rejected" 2 ag assess import "$h2" "$tmp/h2-bad.xlsx" --as hand2
contains "XLSX error names row and column" "$err" "row 10, column G"
equals "nothing stored from the bad XLSX" \
  "$(q "SELECT count(*) FROM assess_answers WHERE sheet_id = $h2 AND answer IS NOT NULL")" 0
run "import XLSX" 0 ag assess import "$h2" "$tmp/h2-filled.xlsx" --as hand2
contains "imported six from XLSX" "$out" "imported 6 answer(s)"
run "submit hand2" 0 ag assess sheet submit "$h2" --as hand2
printf 'not a zip' >"$tmp/junk.xlsx"
run "a file that is no XLSX" 2 ag assess import "$ms" "$tmp/junk.xlsx" --as mgr
run "an unknown extension" 2 ag assess import "$ms" "$tmp/proc.txt" --as mgr

# ---- report: 実施率 ----
# hand: 5 x 実施 + the 一部実施 given in the CLI (exported with the sheet, so imported back);
# hand2: 3 x 実施, 一部実施, 未実施, 該当なし -> 8 / (12 - 1) = 72.7%
run "report" 0 ag assess report 1 --round 1
contains "two of four sheets submitted" "$out" "2 of 4 sheets submitted"
contains "rule is stated" "$out" "partially implemented counts as not implemented"
contains "overall rate 8/11" "$out" "overall: 72.7%"
contains "no previous campaign" "$out" "previous campaign: none"
run "report --json" 0 ag assess report 1 --round 1 --by role --json
equals "JSON rate" "$(printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(round(d["total"]["rate"],1), d["role"][0]["key"], d["total"]["not_applicable"])')" "72.7 handler 1"
run "report by department" 0 ag assess report 1 --round 1 --by department
contains "it row" "$out" "it"
run "report --by bad" 2 ag assess report 1 --by colour
# round 2 compares with round 1
run "round 2 issue" 0 ag assess sheet issue 1 --round 2 --dept it --due 2026-07-31 --as ciso
s2=$(q "SELECT s.id FROM assess_sheets s JOIN people p ON p.id = s.respondent_id WHERE p.login = 'hand2' AND s.round = 2")
for item in $(q "SELECT item_id FROM assess_answers WHERE sheet_id = $s2"); do
  ag assess answer "$s2" "$item" --answer 実施 --as hand2 >/dev/null
done
run "submit round 2" 0 ag assess sheet submit "$s2" --as hand2
run "report round 2" 0 ag assess report 1 --round 2 --by phase
contains "previous is round 1" "$out" "previous campaign: plan 1, round 1"
contains "overall 100% against 72.7%" "$out" "overall: 100.0% (previous 72.7%, change +27.3 points)"

# ---- the manager's evaluation (reported to the CISO) ----
run "evaluation by another manager is refused" 3 ag assess evaluate 1 --round 1 --dept it --text x --as fmgr
run "evaluation" 0 ag assess evaluate 1 --round 1 --dept it --text "ログ確認が一部実施" --as mgr
run "report shows the evaluation" 0 ag assess report 1 --round 1 --by role
contains "evaluation in the report" "$out" "ログ確認が一部実施"

# ---- improvement instruction and follow-up ----
run "instruction by a manager is refused" 3 ag assess instruct add 1 --round 1 --dept it \
  --text "improve" --due 2026-08-31 --as mgr
run "instruction with a bad due date" 2 ag assess instruct add 1 --round 1 --dept it \
  --text "improve" --due tomorrow --as ciso
run "instruction without --dept" 2 ag assess instruct add 1 --round 1 --text x --due 2026-08-31 --as ciso
run "instruction" 0 ag assess instruct add 1 --round 1 --dept it --text "ログの定期確認を実施すること" \
  --due 2026-08-31 --items 3.3.1.1-1.m3 --as ciso
contains "instruction created" "$out" "created improvement instruction 1"
equals "linked corrective action owned by the manager" \
  "$(q "SELECT a.origin || ':' || a.origin_id || ':' || p.login FROM assess_instructions i JOIN actions a ON a.id = i.action_id JOIN people p ON p.id = a.owner_id")" "assessment:1:mgr"
run "report by someone else is refused" 3 ag assess instruct report 1 --result done --as admin
run "accept before a report is refused" 3 ag assess instruct accept 1 --as ciso
run "the manager reports" 0 ag assess instruct report 1 --result "週次でログを確認する手順を制定" --as mgr
run "the manager may not accept" 3 ag assess instruct accept 1 --as mgr
run "the CISO returns it" 0 ag assess instruct return 1 --result "証跡を添付すること" --as ciso
run "the manager reports again" 0 ag assess instruct report 1 --result "証跡を添付" --as mgr
run "the CISO accepts" 0 ag assess instruct accept 1 --as ciso
equals "action verified by the CISO" \
  "$(q "SELECT a.status || ':' || p.login FROM actions a JOIN people p ON p.id = a.verified_by")" "verified:ciso"
run "instruct list" 0 ag assess instruct list --plan 1
contains "list shows the status" "$out" "verified"
# an overdue instruction shows in --overdue
run "second instruction" 0 ag assess instruct add 1 --round 1 --dept it --text "棚卸し" --due 2026-05-01 --as ciso
run "overdue list" 0 ag assess instruct list --overdue
contains "overdue instruction listed" "$out" "棚卸し"
lacks "accepted instruction not overdue" "$out" "ログの定期確認"
run "action list shows assessment actions" 0 ag action list
contains "origin assessment" "$out" "assessment"

# ---- close ----
run "close by a manager is refused" 3 ag assess plan close 1 --as mgr
run "close" 0 ag assess plan close 1 --as ciso
run "no sheets for a closed plan" 3 ag assess sheet issue 1 --round 3 --due 2026-09-30 --as ciso
contains "close in the audit trail" "$(q "SELECT group_concat(action) FROM audit_log WHERE entity = 'assess_plans' AND action = 'close'")" "close"
run "audit trail intact" 0 ag audit verify
run "usage" 2 ag assess
contains "usage lists the commands" "$err" "assess sheet issue"
run "usage in Japanese" 2 env AIRGUARD_LANG=ja "$AG_BIN" --db "$db" assess
contains "Japanese usage" "$err" "自己点検"

# ---- the demo has both campaigns ----
demo="$tmp/demo.db"
run "demo" 0 "$AG_BIN" --db "$demo" db init --demo
run "demo report compares with last year" 0 "$AG_BIN" --db "$demo" assess report 2
contains "demo previous campaign" "$out" "previous campaign: plan 1, round 2"
run "demo overdue instruction" 0 "$AG_BIN" --db "$demo" assess instruct list --overdue
contains "demo overdue" "$out" "FIDS"
finish

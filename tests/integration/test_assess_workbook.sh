#!/usr/bin/env bash
# The self-inspection workbook (assess workbook / assess import FILE.xlsx) checked with a real
# reader: LibreOffice headless converts the summary sheet (集計) to CSV
#   - with a fresh profile, which does not recalculate an .xlsx: the cached results airguard
#     wrote must equal `airguard assess report` (readers without recalculation);
#   - with a profile set to always recalculate: the COUNTIFS formulas must give the same;
# then staff fill the workbook (wb_fill.py edits the sheet XML, leaving the cached results
# stale), LibreOffice recalculates the "all answers" figures, the workbook is imported, the sheets
# are submitted, and the report must equal what LibreOffice computed. A LibreOffice-saved copy
# of the filled workbook imports to the same answers. Bad cells reject the whole file, naming
# sheet, row and column. airguard itself never starts soffice (test_no_shell.sh); this test does.
source "$(dirname "$0")/lib.sh"

export AIRGUARD_LANG=en
db="$tmp/ag.db"
ag() { "$AG_BIN" --db "$db" "$@"; }
q() { sqlite3 "$db" "$1"; }
fill="$AG_SOURCE_DIR/tests/integration/wb_fill.py"
if ! command -v soffice >/dev/null; then
  not_ok "soffice is installed (libreoffice-calc-nogui, scripts/install-deps)"
  finish
  exit 1
fi

# soffice with a private profile (parallel tests do not share one) and HOME
lo() { # PROFILE OUTDIR FILTER FILES...
  local profile=$1 outdir=$2 filter=$3
  shift 3
  HOME="$tmp" timeout 300 soffice "-env:UserInstallation=file://$profile" --headless \
    --convert-to "$filter" --outdir "$outdir" "$@" >"$tmp/lo.log" 2>&1
}
# CSV: UTF-8, comma, values unformatted (full precision), the first sheet (集計)
csv_filter='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1'
mkdir -p "$tmp/lo-recalc/user"
cat >"$tmp/lo-recalc/user/registrymodifications.xcu" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
EOF

# compare SUMMARY_CSV REPORT_JSON BLOCK: BLOCK 0 = submitted sheets, 1 = all answers; prints OK
# or the differences. Departments missing from the report count zero with no rate.
compare() {
  python3 - "$@" <<'EOF'
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
rep = json.load(open(sys.argv[2]))
block = int(sys.argv[3])
want = {d["key"]: d["now"] for d in rep.get("department", [])}
want["overall"] = rep["total"]
keys = ["implemented", "partial", "not_implemented", "not_applicable", "unanswered"]
bad, seen = [], 0
for r in rows[6:]:
    if len(r) < 16 or not r[0]:
        continue
    key = "overall" if r[0] in ("全体", "overall") else r[0]
    w = want.get(key, {k: 0 for k in keys} | {"rate": None})
    got = r[4 + 6 * block: 10 + 6 * block]
    for k, g in zip(keys, got[:5]):
        if float(g) != w[k]:
            bad.append("%s %s: workbook %s, airguard %s" % (key, k, g, w[k]))
    rate = None if got[5] == "-" else float(got[5].rstrip("%"))
    if (rate is None) != (w["rate"] is None) or (rate is not None and abs(rate - w["rate"]) > 1e-9):
        bad.append("%s rate: workbook %s, airguard %s" % (key, got[5], w["rate"]))
    seen += 1
print("OK %d rows" % seen if not bad else "\n".join(bad))
EOF
}

run "db init --demo" 0 ag db init --demo

# ---- writing ----
run "workbook without -o" 2 ag assess workbook --campaign 2
contains "names the option" "$err" "-o: missing"
run "workbook of a plan that does not exist" 2 ag assess workbook --campaign 99 -o "$tmp/x.xlsx"
contains "names the plan" "$err" "plan 99 does not exist"
run "workbook of a department without sheets" 2 ag assess workbook --dept nosuch -o "$tmp/x.xlsx"
contains "names the department" "$err" "\"nosuch\" has no sheets"
run "workbook of the demo campaign" 0 ag assess workbook --campaign 2 -o "$tmp/wb.xlsx"
contains "says what it wrote" "$out" "plan 2, round 1"
contains "six departments, eighteen sheets" "$out" "6 department(s), 18 sheet(s)"
contains "the export is in the audit trail" \
  "$(q "SELECT detail FROM audit_log WHERE action = 'export' AND entity = 'assess_plans'")" '"workbook"'
run "workbook of the latest campaign (no --campaign)" 0 ag assess workbook -o "$tmp/latest.xlsx" --lang ja
contains "latest is plan 2 round 1" "$out" "計画 2 第 1 回"
members=$(python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$tmp/wb.xlsx")
contains "a summary and six department sheets" "$members" "xl/worksheets/sheet7.xml"
sheet2() { python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet2.xml").decode())' "$1"; }
contains "the layout is protected" "$(sheet2 "$tmp/wb.xlsx")" "<sheetProtection"
contains "Japanese: the English column is hidden" "$(sheet2 "$tmp/latest.xlsx")" 'hidden="1"'
lacks "English: the English column shows" "$(sheet2 "$tmp/wb.xlsx")" 'hidden="1"'
ag assess report 2 --by department --json >"$tmp/report.json"

# ---- a real reader: cached results and recalculated formulas ----
mkdir -p "$tmp/cached" "$tmp/recalc"
lo "$tmp/lo-cached" "$tmp/cached" "$csv_filter" "$tmp/wb.xlsx" ||
  not_ok "LibreOffice converts the workbook" "$(cat "$tmp/lo.log")"
equals "cached results (no recalculation) equal assess report" \
  "$(compare "$tmp/cached/wb-集計.csv" "$tmp/report.json" 0)" "OK 7 rows"

# staff fill every answer left blank (and some comments) by editing the sheet XML
python3 "$fill" "$tmp/wb.xlsx" "$tmp/filled.xlsx" >"$tmp/filled.txt"
filled=$(grep -c . "$tmp/filled.txt")
equals "the fill answered every open item" "$filled" \
  "$(q "SELECT count(*) FROM assess_answers a JOIN assess_sheets s ON s.id = a.sheet_id WHERE s.plan_id = 2 AND s.round = 1 AND a.answer IS NULL")"
lo "$tmp/lo-recalc" "$tmp/recalc" "$csv_filter" "$tmp/wb.xlsx" "$tmp/filled.xlsx" ||
  not_ok "LibreOffice converts the workbooks" "$(cat "$tmp/lo.log")"
equals "recalculated formulas equal assess report" \
  "$(compare "$tmp/recalc/wb-集計.csv" "$tmp/report.json" 0)" "OK 7 rows"
equals "filled workbook: the submitted figures did not move" \
  "$(compare "$tmp/recalc/filled-集計.csv" "$tmp/report.json" 0)" "OK 7 rows"

# ---- bad workbooks: nothing is imported ----
answered() { q "SELECT count(*) || '/' || coalesce(sum(length(comment)), 0) FROM assess_answers WHERE answer IS NOT NULL"; }
before=$(answered)
python3 "$fill" "$tmp/wb.xlsx" "$tmp/bad1.xlsx" --set fac K20 たぶん >/dev/null
run "an invalid answer rejects the workbook" 2 ag assess import "$tmp/bad1.xlsx" --as takahashi
contains "names sheet (its English name cut to 31 characters), row and column" "$err" 'sheet "fac Facilities (baggage handlin", row 20, column K (回答 / answer): "たぶん" is not one of'
contains "says nothing was imported" "$err" "nothing was imported"
python3 "$fill" "$tmp/wb.xlsx" "$tmp/bad2.xlsx" --set pax F9 9.9.9-x.m1 >/dev/null
run "an unknown measure id rejects the workbook" 2 ag assess import "$tmp/bad2.xlsx" --as takahashi
contains "names sheet, row and column" "$err" 'sheet "pax Passenger Services", row 9, column F (項目ID / item id): "9.9.9-x.m1" is not an item of sheet'
python3 "$fill" "$tmp/wb.xlsx" "$tmp/bad3.xlsx" --set it L7 "changed afterwards" >/dev/null
run "a changed answer of a submitted sheet rejects the workbook" 2 ag assess import "$tmp/bad3.xlsx" --as takahashi
contains "names the submitted sheet" "$err" "is submitted: its answers are final"
python3 "$fill" "$tmp/wb.xlsx" "$tmp/bad4.xlsx" --set adm B8 39 >/dev/null
run "a row moved to another department's sheet rejects the workbook" 2 ag assess import "$tmp/bad4.xlsx" --as takahashi
contains "names the department" "$err" "sheet 39 belongs to department it, not adm"
run "a CSV is not a workbook" 2 ag assess import "$tmp/recalc/wb-集計.csv" --as takahashi
contains "says so" "$err" "not an .xlsx file"
run "a respondent may not import the workbook" 3 ag assess import "$tmp/filled.xlsx" --as tanaka
run "a manager may not import other departments" 3 ag assess import "$tmp/filled.xlsx" --as yamamoto
contains "refusal names the department" "$err" "department exec"
equals "nothing was stored by the refused imports" "$(answered)" "$before"

# ---- the manager of a department imports their department's workbook ----
run "workbook of one department" 0 ag assess workbook --dept fac -o "$tmp/fac.xlsx"
contains "one department" "$out" "1 department(s), 3 sheet(s)"
python3 "$fill" "$tmp/fac.xlsx" "$tmp/fac-filled.xlsx" >"$tmp/fac-filled.txt"
cp "$db" "$tmp/fac.db"
run "the fac manager imports the fac workbook" 0 "$AG_BIN" --db "$tmp/fac.db" assess import "$tmp/fac-filled.xlsx" --as yamamoto
contains "counts the answers" "$out" "imported $(grep -c . "$tmp/fac-filled.txt") answer(s)"

# ---- the filled workbook: imported, submitted, reported ----
run "the CISO imports the filled workbook" 0 ag assess import "$tmp/filled.xlsx" --as takahashi
contains "every filled answer stored" "$out" "imported $filled answer(s) from the self-inspection workbook of plan 2, round 1 (6 department sheet(s))"
stored=$(python3 - "$tmp/filled.txt" "$db" <<'EOF'
import sqlite3, sys
ids = {"実施": "implemented", "一部実施": "partial", "未実施": "not_implemented", "該当なし": "not_applicable"}
db = sqlite3.connect(sys.argv[2])
bad = 0
for line in open(sys.argv[1], encoding="utf-8"):
    name, cell, sheet, item, answer, comment = line.rstrip("\n").split("\t")
    row = db.execute("SELECT answer, comment FROM assess_answers WHERE sheet_id = ? AND item_id = ?",
                     (int(sheet), item)).fetchone()
    if row != (ids[answer], comment):
        bad += 1
        print("%s %s: stored %r, filled %r" % (name, cell, row, (answer, comment)))
print("OK" if not bad else "%d differ" % bad)
EOF
)
equals "each answer is on its respondent's sheet, with its comment" "$(tail -1 <<<"$stored")" "OK"
equals "the import is in the audit trail, once per sheet it changed" \
  "$(q "SELECT count(*) FROM audit_log WHERE action = 'import' AND entity = 'assess_sheets'")" \
  "$(cut -f3 "$tmp/filled.txt" | sort -u | grep -c .)"
run "importing the same workbook again changes nothing" 0 ag assess import "$tmp/filled.xlsx" --as takahashi
contains "zero answers" "$out" "imported 0 answer(s)"
while read -r id login; do
  ag assess sheet submit "$id" --as "$login" >/dev/null || not_ok "submit sheet $id as $login"
done < <(q "SELECT s.id, p.login FROM assess_sheets s JOIN people p ON p.id = s.respondent_id WHERE s.plan_id = 2 AND s.round = 1 AND s.status = 'issued'" | tr '|' ' ')
ag assess report 2 --by department --json >"$tmp/report2.json"
equals "after submission, assess report equals LibreOffice's recalculation of the filled workbook" \
  "$(compare "$tmp/recalc/filled-集計.csv" "$tmp/report2.json" 1)" "OK 7 rows"

# ---- a workbook saved by LibreOffice (its own XML, shared strings, relationships) ----
mkdir -p "$tmp/resaved"
lo "$tmp/lo-recalc" "$tmp/resaved" 'xlsx:Calc MS Excel 2007 XML' "$tmp/filled.xlsx" ||
  not_ok "LibreOffice saves the workbook" "$(cat "$tmp/lo.log")"
"$AG_BIN" --db "$tmp/lo.db" db init --demo >/dev/null 2>&1
run "the LibreOffice-saved workbook imports" 0 "$AG_BIN" --db "$tmp/lo.db" assess import "$tmp/resaved/filled.xlsx" --as takahashi
contains "the same answers" "$out" "imported $filled answer(s)"
equals "the same answers and comments are stored" \
  "$(sqlite3 "$tmp/lo.db" "SELECT group_concat(sheet_id || item_id || coalesce(answer, '') || comment, '|') FROM (SELECT * FROM assess_answers ORDER BY id)")" \
  "$(q "SELECT group_concat(sheet_id || item_id || coalesce(answer, '') || comment, '|') FROM (SELECT * FROM assess_answers ORDER BY id)")"
finish

#!/usr/bin/env bash
# The self-inspection workbook on the web (issue 7 item 3) over real HTTP: the card on the
# campaign page, GET /campaigns/{id}/workbook.xlsx[?dept=CODE] (a valid XLSX with the summary
# sheet 集計, as an attachment, audited as an export by the person) for the CISO, the auditors
# and a department's manager (their own department only; staff 403), and the upload of a filled
# workbook POST /campaigns/{id}/workbook (CISO any, a manager their own department): the round
# trip stores the answers; a bad cell shows sheet/row/column escaped and stores nothing; another
# department's workbook, another plan's, no CSRF token: refused, nothing stored.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
web_start
save() { eval "S_$1=\$S; C_$1=\$csrf"; }
use() { eval "S=\$S_$1; csrf=\$C_$1"; }
fill="$AG_SOURCE_DIR/tests/integration/wb_fill.py"
# the member names of an .xlsx and the names of its sheets (workbook.xml), or "bad zip"
members() {
  python3 - "$1" <<'EOF'
import re, sys, zipfile
try:
    z = zipfile.ZipFile(sys.argv[1])
    names = z.namelist()
    print("\n".join(names))
    print("\n".join("sheet:" + n for n in re.findall(r'<sheet name="([^"]*)"', z.read("xl/workbook.xml").decode())))
except Exception as e:
    print("bad zip: %s" % e)
EOF
}
answered() { q "SELECT count(*) || '/' || coalesce(sum(length(comment)), 0) FROM assess_answers WHERE answer IS NOT NULL"; }
exports() { q "SELECT count(*) FROM audit_log WHERE action = 'export' AND entity = 'assess_plans'"; }

as takahashi; save ciso
as hayashi; save auditor # auditor (TOTP)
as inoue; save inoue     # manager of adm only
as kimura; save kimura   # handler of adm, no managing role

# --- the card on the campaign page
use ciso
req -b "$S" "$U/campaigns/2"
contains "CISO: the card" "$body" 'id="workbook"'
contains "CISO: all-department link" "$body" 'href="/campaigns/2/workbook.xlsx"'
contains "CISO: a department's link" "$body" 'href="/campaigns/2/workbook.xlsx?dept=adm"'
contains "CISO: the upload form" "$body" 'enctype="multipart/form-data" class="workbook" action="/campaigns/2/workbook"'
use inoue
req -b "$S" "$U/campaigns/2"
contains "manager: own department's link" "$body" 'href="/campaigns/2/workbook.xlsx?dept=adm"'
lacks "manager: no all-department link" "$body" 'href="/campaigns/2/workbook.xlsx"'
lacks "manager: no other department's link" "$body" 'workbook.xlsx?dept=it'
contains "manager: the upload form" "$body" 'action="/campaigns/2/workbook"'
use auditor
req -b "$S" "$U/campaigns/2"
contains "auditor: all-department link" "$body" 'href="/campaigns/2/workbook.xlsx"'
lacks "auditor: no upload form" "$body" 'action="/campaigns/2/workbook"'

# --- download (CISO): a valid XLSX, attachment, audited
use ciso
e0=$(exports)
req -b "$S" "$U/campaigns/2/workbook.xlsx"
equals "CISO download: 200" "$code" 200
contains "content type" "$hdr" "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
contains "attachment" "$hdr" 'Content-Disposition: attachment; filename="self-inspection-workbook-2.xlsx"'
cp "$tmp/body" "$tmp/all.xlsx"
m=$(members "$tmp/all.xlsx")
contains "a zip with xl/workbook.xml" "$m" "xl/workbook.xml"
contains "the summary sheet 集計" "$m" "sheet:集計"
contains "six department sheets" "$m" "xl/worksheets/sheet7.xml"
equals "export audited once" "$(exports)" $((e0 + 1))
equals "export audited as the CISO" "$(q "SELECT actor FROM audit_log WHERE action = 'export' ORDER BY seq DESC LIMIT 1")" takahashi
contains "audit detail: the workbook" "$(q "SELECT detail FROM audit_log WHERE action = 'export' ORDER BY seq DESC LIMIT 1")" '"kind":"workbook"'
lacks "no temporary file left" "$(ls "${TMPDIR:-/tmp}" | grep '^airguard-wb-' || true)" "airguard-wb-"

# auditor: allowed, audited as the auditor
use auditor
req -b "$S" "$U/campaigns/2/workbook.xlsx?dept=it"
equals "auditor download: 200" "$code" 200
contains "auditor: department in the name" "$hdr" 'filename="self-inspection-workbook-2-it.xlsx"'
equals "auditor export audited" "$(q "SELECT actor FROM audit_log WHERE action = 'export' ORDER BY seq DESC LIMIT 1")" hayashi

# manager: own department only
use inoue
req -b "$S" "$U/campaigns/2/workbook.xlsx?dept=adm"
equals "manager: own department 200" "$code" 200
cp "$tmp/body" "$tmp/adm.xlsx"
m=$(members "$tmp/adm.xlsx")
contains "manager's workbook: 集計" "$m" "sheet:集計"
lacks "manager's workbook: one department sheet only" "$m" "xl/worksheets/sheet3.xml"
e1=$(exports)
req -b "$S" "$U/campaigns/2/workbook.xlsx?dept=it"
equals "manager: another department 403" "$code" 403
req -b "$S" "$U/campaigns/2/workbook.xlsx"
equals "manager: all departments 403" "$code" 403
equals "refusals not exported" "$(exports)" "$e1"

# staff: 403 (route roles)
use kimura
req -b "$S" "$U/campaigns/2/workbook.xlsx"
equals "staff download: 403" "$code" 403
lacks "staff: no XLSX" "$hdr" "spreadsheetml"
equals "staff: nothing exported" "$(exports)" "$e1"

# bad input: clear errors
use ciso
req -b "$S" "$U/campaigns/99/workbook.xlsx"
equals "unknown plan: 404" "$code" 404
req -b "$S" "$U/campaigns/2/workbook.xlsx?dept=nosuch"
equals "unknown department: 404" "$code" 404
contains "unknown department: named" "$body" "nosuch"
req -b "$S" "$U/campaigns/2/workbook.xlsx?round=x"
equals "bad round: 400" "$code" 400
req -b "$S" "$U/campaigns/2/workbook.xlsx?dept=%3Cscript%3E"
contains "hostile department code escaped" "$body" "&lt;script&gt;"
lacks "hostile department code not raw" "$body" "<script>"

# --- upload: a bad cell rejects the whole file, escaped error, nothing stored
use inoue
python3 "$fill" "$tmp/adm.xlsx" "$tmp/bad.xlsx" --set adm K20 '<b>たぶん</b>' >/dev/null
before=$(answered)
i0=$(q "SELECT count(*) FROM audit_log WHERE action = 'import'")
req -b "$S" -F "csrf=$csrf" -F "file=@$tmp/bad.xlsx" "$U/campaigns/2/workbook"
equals "bad workbook: 400" "$code" 400
contains "bad workbook: row and column named" "$body" "row 20, column K"
contains "bad workbook: the value escaped" "$body" "&lt;b&gt;たぶん&lt;/b&gt;"
lacks "bad workbook: not raw" "$body" "<b>たぶん"
lacks "bad workbook: no temporary path in the message" "$body" "airguard-wb-"
equals "bad workbook: nothing stored" "$(answered)" "$before"
equals "bad workbook: no import audited" "$(q "SELECT count(*) FROM audit_log WHERE action = 'import'")" "$i0"

# the manager cannot import another department's (here: every department's) workbook
python3 "$fill" "$tmp/all.xlsx" "$tmp/allfilled.xlsx" >/dev/null
req -b "$S" -F "csrf=$csrf" -F "file=@$tmp/allfilled.xlsx" "$U/campaigns/2/workbook"
equals "manager: all departments' workbook 403" "$code" 403
equals "…nothing stored" "$(answered)" "$before"
# no CSRF token
python3 "$fill" "$tmp/adm.xlsx" "$tmp/admfilled.xlsx" >"$tmp/admfilled.txt"
req -b "$S" -F "file=@$tmp/admfilled.xlsx" "$U/campaigns/2/workbook"
equals "no CSRF token: 403" "$code" 403
equals "…nothing stored" "$(answered)" "$before"
# staff may not upload at all
use kimura
req -b "$S" -F "csrf=$csrf" -F "file=@$tmp/admfilled.xlsx" "$U/campaigns/2/workbook"
equals "staff upload: 403" "$code" 403
equals "…nothing stored" "$(answered)" "$before"
# not an xlsx
use inoue
printf 'not a zip' >"$tmp/junk.xlsx"
req -b "$S" -F "csrf=$csrf" -F "file=@$tmp/junk.xlsx" "$U/campaigns/2/workbook"
equals "not an XLSX: 400" "$code" 400
equals "…nothing stored" "$(answered)" "$before"

# a workbook of plan 2 uploaded on the page of plan 1 (CISO): refused, rolled back
use ciso
req -b "$S" -F "csrf=$csrf" -F "file=@$tmp/admfilled.xlsx" "$U/campaigns/1/workbook"
equals "another plan's page: 400" "$code" 400
contains "another plan's page: says which plan" "$body" "自己点検計画 2 のもの"
equals "…nothing stored" "$(answered)" "$before"
equals "…no import audited" "$(q "SELECT count(*) FROM audit_log WHERE action = 'import'")" "$i0"

# --- round trip: the manager imports their department's filled workbook
use inoue
filled=$(grep -c . "$tmp/admfilled.txt")
[[ $filled -gt 0 ]] && ok "the fill answered open items of adm" || not_ok "the fill answered open items of adm"
n0=$(q "SELECT count(*) FROM assess_answers WHERE answer IS NOT NULL")
req -b "$S" -F "csrf=$csrf" -F "file=@$tmp/admfilled.xlsx;filename=記入済み.xlsx" "$U/campaigns/2/workbook"
equals "upload: 303" "$code" 303
contains "upload: back to the plan" "$hdr" "Location: /campaigns/2?ok=workbook"
equals "upload: the filled answers stored" "$(q "SELECT count(*) FROM assess_answers WHERE answer IS NOT NULL")" $((n0 + filled))
equals "upload: import audited as the manager" "$(q "SELECT actor FROM audit_log WHERE action = 'import' AND entity = 'assess_plans' ORDER BY seq DESC LIMIT 1")" inoue
req -b "$S" "$U/campaigns/2?ok=workbook"
contains "plan page: imported message" "$body" "ワークブックの回答を取り込みました。"
# the same workbook again changes nothing (answers equal) and is accepted
n1=$(q "SELECT count(*) FROM assess_answers WHERE answer IS NOT NULL")
req -b "$S" -F "csrf=$csrf" -F "file=@$tmp/admfilled.xlsx" "$U/campaigns/2/workbook"
equals "re-upload: 303" "$code" 303
equals "re-upload: same answers" "$(q "SELECT count(*) FROM assess_answers WHERE answer IS NOT NULL")" "$n1"

# --- English
use ciso
req -b "$S" "$U/campaigns/2?lang=en"
req -b "$S" -F "csrf=$csrf" -F "file=@$tmp/bad.xlsx" "$U/campaigns/2/workbook?lang=en"
contains "English: error page heading" "$body" "Self-inspection workbook (XLSX)"

"$AG_BIN" --db "$db" audit verify >/dev/null && ok "audit trail intact" || not_ok "audit trail intact"
kill "$pid"
wait "$pid" 2>/dev/null
finish

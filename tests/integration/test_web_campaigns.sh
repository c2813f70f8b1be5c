#!/usr/bin/env bash
# Self-inspection for the people who run it (guideline 3.3.1.1(1)) over real HTTP: plans (create,
# revise, close), issuing the sheets of a round, progress per department, the report (実施率 the
# same as `airguard assess report`, SVG trend with a table alternative, CSV), evaluations,
# improvement instructions and their follow-up, the sheet as XLSX. Who sees what: the CISO all
# and alone sets up plans; a department's manager only their own department (403 otherwise);
# staff without these roles nothing. CSRF, hostile text, bad input, English, a close race.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
web_start
save() { eval "S_$1=\$S; C_$1=\$csrf"; }
use() { eval "S=\$S_$1; csrf=\$C_$1"; }
rate_of() { sed -n 's/.*id="rate-now">\([^<]*\)<.*/\1/p' <<<"$body"; }

as takahashi; save ciso
as inoue; save inoue   # manager of adm only (no committee role)
as suzuki; save suzuki # manager of it, committee member
as kimura; save kimura # handler of adm

# --- who may open the pages
use kimura
req -b "$S" "$U/campaigns"
equals "staff without a managing role: 403" "$code" 403
req -b "$S" "$U/campaigns/2/report"
equals "…nor the report" "$code" 403
use ciso
req -b "$S" "$U/campaigns"
equals "plans list (CISO)" "$code" 200
contains "plans list: the demo's plans" "$body" '<a href="/campaigns/2">'
contains "plans list: the new-plan form for the CISO" "$body" 'action="/campaigns"'
req -b "$S" "$U/campaigns?status=closed"
contains "filter closed: plan 1" "$body" '<a href="/campaigns/1">'
lacks "filter closed: not plan 2" "$body" '<a href="/campaigns/2">'
req -b "$S" "$U/campaigns?status=bogus"
equals "unknown filter: 400" "$code" 400
req -b "$S" "$U/campaigns/1/sheets"
equals "sheet list (CISO)" "$code" 200
rows=$(grep -o '<tr><td><a href="/assess/sheets/[0-9]*">' <<<"$body" | wc -l)
equals "sheet list: every sheet of plan 1" "$rows" "$(q "SELECT count(*) FROM assess_sheets WHERE plan_id = 1")"
contains "sheet list: XLSX link for the CISO" "$body" '/xlsx">XLSX</a>'
req -b "$S" "$U/campaigns/1/sheets?page=2"
equals "sheet list page 2: 200" "$code" 200
lacks "sheet list page 2: empty" "$body" '<tr><td><a href="/assess/sheets/'
req -b "$S" "$U/campaigns/1/sheets?page=0"
equals "sheet list page 0: 400" "$code" 400
req -b "$S" "$U/campaigns/1/sheets?page=x"
equals "sheet list bad page: 400" "$code" 400
use inoue
req -b "$S" "$U/campaigns"
equals "plans list (manager)" "$code" 200
lacks "no new-plan form for a manager" "$body" 'name="frequency"'

# --- the report: 実施率 equal to `airguard assess report`
use ciso
req -b "$S" "$U/campaigns/2/report"
equals "report" "$code" 200
line=$("$AG_BIN" --db "$db" assess report 2 | grep '全体の実施率')
cli_now=$(sed -n 's/.*全体の実施率: \([0-9.]*%\).*/\1/p' <<<"$line")
cli_prev=$(sed -n 's/.*前回 \([0-9.]*%\).*/\1/p' <<<"$line")
[[ -n $cli_now ]] || not_ok "the CLI prints the rate" "$line"
equals "report: 実施率 = assess report's" "$(rate_of)" "$cli_now"
contains "report: previous campaign's 実施率" "$body" "id=\"rate-prev\">$cli_prev<"
dept_rate=$("$AG_BIN" --db "$db" assess report 2 | awk '$1 == "it" {print $7}')
it_row=$(grep -o '<tr id="department-it">.*' <<<"$body" | sed 's|</tr>.*||')
contains "report: department it's rate as the CLI" "$it_row" ">$dept_rate<"
sec_rate=$("$AG_BIN" --db "$db" assess report 2 | awk '$1 == "3.1.5" {print $(NF-2)}')
sec_row=$(grep -o '<tr id="section-3.1.5">.*' <<<"$body" | sed 's|</tr>.*||')
contains "report: section 3.1.5's rate as the CLI" "$sec_row" ">$sec_rate<"
contains "report: chapter rows" "$body" 'id="chapter-3.1"'
contains "report: PDCA rows" "$body" 'id="phase-'
contains "report: SVG trend" "$body" '<svg xmlns="http://www.w3.org/2000/svg" role="img"'
contains "report: SVG title" "$body" '<title id="trend-title">実施率の推移</title>'
contains "report: trend table alternative" "$body" 'id="trend-table"'
npts=$(grep -o '<circle class="trend-point"' <<<"$body" | wc -l)
ncamp=$(q "SELECT count(*) FROM (SELECT DISTINCT plan_id, round FROM assess_sheets)")
equals "report: one point per campaign" "$npts" "$ncamp"
contains "report: the current campaign's point" "$body" "第 1 回: ${cli_now}</title>"
lowest=$("$AG_BIN" --db "$db" assess report 2 --by item --json |
  jq -r '[.item[] | select(.now.rate != null)] | sort_by(.now.rate) | .[0].key')
first=$(grep -o '<tr id="item-[^"]*"' <<<"$body" | head -1 | sed 's/<tr id="item-\(.*\)"/\1/')
equals "report: the lowest-rate measure as the CLI's per-item report" "$first" "$lowest"
equals "report: ten lowest measures" "$(grep -o '<tr id="item-' <<<"$body" | wc -l)" 10
req -b "$S" "$U/campaigns/2/report?round=99"
equals "report: bad round 400" "$code" 400
req -b "$S" "$U/campaigns/999/report"
equals "report: unknown plan 404" "$code" 404
req -b "$S" "$U/campaigns/2/report?lang=en"
contains "report in English" "$body" "Trend of 実施率 across campaigns"
contains "report in English: figures" "$body" "By chapter and section"
req -b "$S" "$U/campaigns/2/report?lang=ja"

# --- CSV
req -b "$S" "$U/campaigns/2/report.csv?round=1"
equals "CSV: 200" "$code" 200
contains "CSV: content type" "$hdr" "Content-Type: text/csv; charset=utf-8"
contains "CSV: attachment" "$hdr" 'Content-Disposition: attachment; filename="self-inspection-plan2-round1.csv"'
csv_now=$(grep '^"overall"' "$tmp/body" | cut -d, -f9)
equals "CSV: 実施率 overall = assess report's" "${csv_now}%" "$cli_now"
contains "CSV: department rows" "$body" '"department","fac"'

# --- a department's manager sees their department only
use inoue
req -b "$S" "$U/campaigns/2/report"
equals "manager: report 200" "$code" 200
contains "manager: own department row" "$body" 'id="department-adm"'
lacks "manager: no other department" "$body" 'id="department-it"'
lacks "manager: no organisation-wide sections" "$body" 'id="section-3.1.5"'
lacks "manager: no organisation-wide per-measure rows" "$body" 'id="item-'
adm=$("$AG_BIN" --db "$db" assess report 2 | awk '$1 == "adm" {print $7}')
equals "manager: own department's rate as the CLI" "$(rate_of)" "$adm"
req -b "$S" "$U/campaigns/2/report.csv"
lacks "manager CSV: no other department" "$body" '"department","it"'
contains "manager CSV: own department" "$body" '"department","adm"'
req -b "$S" "$U/campaigns/2"
contains "manager: own progress row" "$body" 'id="progress-1-adm"'
lacks "manager: not another department's progress" "$body" 'id="progress-1-it"'
req -b "$S" "$U/campaigns/2/sheets?round=1&dept=it"
equals "manager: another department's sheets 403" "$code" 403
req -b "$S" "$U/campaigns/2/sheets?round=1"
lacks "manager: sheet list without other departments" "$body" '<td>it</td>'
contains "manager: sheet list with own department" "$body" '<td>adm</td>'
itsheet=$(q "SELECT s.id FROM assess_sheets s JOIN departments d ON d.id = s.department_id WHERE d.code = 'it' AND s.plan_id = 2 LIMIT 1")
admsheet=$(q "SELECT s.id FROM assess_sheets s JOIN departments d ON d.id = s.department_id WHERE d.code = 'adm' AND s.plan_id = 2 LIMIT 1")
req -b "$S" "$U/assess/sheets/$itsheet"
equals "manager: another department's sheet 403" "$code" 403
req -b "$S" "$U/assess/sheets/$itsheet/xlsx"
equals "manager: another department's XLSX 403" "$code" 403
req -b "$S" "$U/assess/sheets/$admsheet/xlsx"
equals "manager: own department's sheet as XLSX" "$code" 200
contains "XLSX: content type" "$hdr" "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
contains "XLSX: attachment" "$hdr" "Content-Disposition: attachment; filename=\"self-inspection-sheet-$admsheet.xlsx\""
[[ $(head -c 2 "$tmp/body") == PK ]] && ok "XLSX: a zip file" || not_ok "XLSX: a zip file"
equals "XLSX: export audited as inoue" "$(q "SELECT actor FROM audit_log ORDER BY seq DESC LIMIT 1")" inoue

# --- create a plan (CISO); hostile text shown as text
use ciso
n0=$(q "SELECT count(*) FROM assess_plans")
post /campaigns year=2027 "title=<script>alert(1)</script>'; DROP TABLE assess_plans; --" \
  frequency=2 "timing=6月・12月" depts=it,adm,fac items=3.1.5 "selection=前年度の低い項目"
equals "create plan: 303" "$code" 303
plan=$(q "SELECT max(id) FROM assess_plans")
contains "create plan: to the plan" "$hdr" "Location: /campaigns/$plan?ok=created"
equals "create plan: stored" "$(q "SELECT count(*) FROM assess_plans")" $((n0 + 1))
equals "create plan: title as given" "$(q "SELECT title FROM assess_plans WHERE id = $plan")" \
  "<script>alert(1)</script>'; DROP TABLE assess_plans; --"
equals "create plan: audit actor" "$(q "SELECT actor FROM audit_log WHERE entity = 'assess_plans' ORDER BY seq DESC LIMIT 1")" takahashi
req -b "$S" "$U/campaigns/$plan?ok=created"
contains "plan page: title escaped" "$body" "&lt;script&gt;alert(1)&lt;/script&gt;"
lacks "plan page: no script" "$body" "<script>alert(1)"
contains "plan page: created message" "$body" "計画を作成しました"
post /campaigns year=abc title=x frequency=2 timing=x depts=it
equals "create plan: bad year 400" "$code" 400
contains "create plan: the message" "$body" "2000 から 2100"
post /campaigns year=2027 title=x frequency=2 timing=x depts=nosuchdept
equals "create plan: unknown department 400" "$code" 400
contains "create plan: names the department" "$body" "nosuchdept"
req -b "$S" --data-urlencode year=2027 --data-urlencode title=x --data-urlencode frequency=2 \
  --data-urlencode timing=x --data-urlencode depts=it "$U/campaigns"
equals "create plan without CSRF: 403" "$code" 403
equals "refused creates store nothing" "$(q "SELECT count(*) FROM assess_plans")" $((n0 + 1))
use inoue
post /campaigns year=2027 title=x frequency=2 timing=x depts=adm
equals "create plan as a manager: 403" "$code" 403
equals "…nothing stored" "$(q "SELECT count(*) FROM assess_plans")" $((n0 + 1))

# --- issue the sheets of round 1: a manager for their department only
use inoue
before=$(q "SELECT count(*) FROM assess_sheets WHERE plan_id = $plan")
post /campaigns/$plan/issue round=1 dept=it due=2027-06-30
equals "manager issues for another department: 403" "$code" 403
equals "…no sheets" "$(q "SELECT count(*) FROM assess_sheets WHERE plan_id = $plan")" "$before"
post /campaigns/$plan/issue round=1 dept=adm due=2027-06-30
equals "manager issues for own department: 303" "$code" 303
adm_sheets=$(q "SELECT count(*) FROM assess_sheets s JOIN departments d ON d.id = s.department_id WHERE s.plan_id = $plan AND d.code = 'adm'")
[[ $adm_sheets -ge 1 ]] && ok "issued: adm sheets stored ($adm_sheets)" || not_ok "issued: adm sheets stored"
contains "issued: count in the redirect" "$hdr" "issued=$adm_sheets"
equals "issue: audit actor" "$(q "SELECT actor FROM audit_log WHERE entity = 'assess_sheets' ORDER BY seq DESC LIMIT 1")" inoue
post /campaigns/$plan/issue round=0 dept=adm due=2027-06-30
equals "issue: bad round 400" "$code" 400
use ciso
post /campaigns/$plan/issue round=1 dept= due=2027-06-30
equals "CISO issues for every department: 303" "$code" 303
all=$(q "SELECT count(DISTINCT department_id) FROM assess_sheets WHERE plan_id = $plan")
equals "issued: three departments have sheets" "$all" 3
req -b "$S" "$U/campaigns/$plan"
contains "progress: it row" "$body" "id=\"progress-1-it\""
contains "progress: 0 submitted" "$body" "0 / $(q "SELECT count(*) FROM assess_sheets s JOIN departments d ON d.id = s.department_id WHERE s.plan_id = $plan AND d.code = 'it'")"

# --- revise (needs a reason) and the English page
post /campaigns/$plan/revise add_items=3.3.1.1 reason=新たな点検事項
equals "revise: 303" "$code" 303
equals "revise: revision 2" "$(q "SELECT revision FROM assess_plans WHERE id = $plan")" 2
post /campaigns/$plan/revise add_items=3.3.1.1
equals "revise without a reason: 400" "$code" 400
req -b "$S" "$U/campaigns/$plan?lang=en"
contains "plan in English" "$body" "Progress by round and department"
req -b "$S" "$U/campaigns/$plan?lang=ja"

# --- evaluation (manager, own department) and instruction + follow-up
use inoue
post "/campaigns/2/evaluate?round=1" dept=it "text=評価"
equals "evaluate another department: 403" "$code" 403
post "/campaigns/2/evaluate?round=1" dept=adm "text=<b>媒体管理は改善</b>"
equals "evaluate own department: 303" "$code" 303
equals "evaluation stored" "$(q "SELECT text FROM assess_evaluations e JOIN departments d ON d.id = e.department_id WHERE e.plan_id = 2 AND e.round = 1 AND d.code = 'adm'")" "<b>媒体管理は改善</b>"
req -b "$S" "$U/campaigns/2/report?round=1"
contains "evaluation shown escaped" "$body" "&lt;b&gt;媒体管理は改善&lt;/b&gt;"
use ciso
ni=$(q "SELECT count(*) FROM assess_instructions")
post "/campaigns/2/instruct?round=1" dept=adm "text=アカウント管理を見直すこと" due=2026-09-30
equals "instruct: 303" "$code" 303
ins=$(q "SELECT max(id) FROM assess_instructions")
equals "instruct: stored" "$(q "SELECT count(*) FROM assess_instructions")" $((ni + 1))
equals "instruct: to inoue" "$(q "SELECT p.login FROM assess_instructions i JOIN people p ON p.id = i.manager_id WHERE i.id = $ins")" inoue
use inoue
post "/campaigns/2/instruct?round=1" dept=adm text=x due=2026-09-30
equals "instruct as a manager: 403" "$code" 403
req -b "$S" "$U/campaigns/2/report?round=1"
contains "manager sees the instruction with a report form" "$body" "name=\"result-$ins\""
post "/campaigns/instructions/$ins/followup?round=1" step=report "result-$ins=手順を改定"
equals "follow-up report by the manager: 303" "$code" 303
equals "action done" "$(q "SELECT x.status FROM assess_instructions i JOIN actions x ON x.id = i.action_id WHERE i.id = $ins")" done
post "/campaigns/instructions/$ins/followup?round=1" step=accept
equals "the manager cannot accept their own result: 403" "$code" 403
use suzuki
post "/campaigns/instructions/$ins/followup?round=1" step=accept
equals "another department's manager: 403" "$code" 403
use ciso
post "/campaigns/instructions/$ins/followup?round=1" step=bogus
equals "follow-up: unknown step 400" "$code" 400
post "/campaigns/instructions/$ins/followup?round=1" step=accept
equals "CISO accepts: 303" "$code" 303
equals "action verified" "$(q "SELECT x.status FROM assess_instructions i JOIN actions x ON x.id = i.action_id WHERE i.id = $ins")" verified
equals "accept: audit actor" "$(q "SELECT actor FROM audit_log WHERE entity = 'actions' ORDER BY seq DESC LIMIT 1")" takahashi

# --- closing: a race of four, exactly one wins
for i in 1 2 3 4; do
  curl -s -o /dev/null -w '%{http_code}\n' -b "$S" --data-urlencode "csrf=$csrf" \
    "$U/campaigns/$plan/close" >"$tmp/race-$i" &
done
for j in $(jobs -p); do [[ $j == "$pid" ]] || wait "$j"; done
codes=$(cat "$tmp"/race-* | sort | tr '\n' ' ')
equals "close race: one 303, the others refused" "$codes" "303 403 403 403 "
equals "closed" "$(q "SELECT status FROM assess_plans WHERE id = $plan")" closed
post /campaigns/$plan/issue round=2 dept= due=2027-12-20
equals "a closed plan gets no sheets" "$code" 403
"$AG_BIN" --db "$db" audit verify >/dev/null && ok "audit trail intact" || not_ok "audit trail intact"
kill "$pid"
wait "$pid" 2>/dev/null
finish

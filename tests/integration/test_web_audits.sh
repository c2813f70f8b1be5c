#!/usr/bin/env bash
# The audit pages (情報セキュリティ監査, guideline 3.3.1.1(2)) over real HTTP against the demo
# airport: who sees which audit and its findings, every step (finding, report, instruction,
# improvement plan, confirmation, closure) end to end with the audit trail's actor, the
# independence rule of 3.1.4.1(2) (an auditor of the audited department is refused with 403),
# auditees refused to record findings, CSRF, bad input, hostile text escaped, and concurrent
# confirmations and closures (5.3(12)) of which exactly one wins.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
web_start
wait_all() { for j in $(jobs -p); do [[ $j == "$pid" ]] || wait "$j"; done; }
# A TOTP code is accepted once per account: keep each person's session instead of signing in
# again (which would wait for the next 30-second step).
declare -A SESS CSRF
as_once() {
  if [[ -n ${SESS[$1]:-} ]]; then S=${SESS[$1]}; csrf=${CSRF[$1]}; return; fi
  as "$1"
  SESS[$1]=$S
  CSRF[$1]=$csrf
}

# An auditor who belongs to the passenger services department (pax), the department of the
# demo's planned audit 2: the independence rule must refuse them.
"$AG_BIN" --db "$db" org person add aoki --name 青木 --dept pax >/dev/null || exit 1
"$AG_BIN" --db "$db" org role grant aoki auditor >/dev/null || exit 1
"$AG_BIN" --db "$db" user add aoki >/dev/null || exit 1
echo "$PW" | "$AG_BIN" --db "$db" user passwd aoki >/dev/null || exit 1
# as_enrol WHO: first sign-in of an account whose role needs TOTP: enrol with the shown secret
as_enrol() {
  login "$1" "$PW"
  equals "sign in as $1" "$code" 303
  contains "$1 must enrol a second factor" "$hdr" "Location: /login/enrol"
  S="__Host-ag_session=$session"
  req -b "$S" "$U/login/enrol"
  local secret c
  secret=$(sed -n 's/.*secret=\([A-Z2-7]*\)&amp;issuer.*/\1/p' <<<"$body" | head -1)
  c=$(csrf_of)
  req -b "$S" --data-urlencode "csrf=$c" --data-urlencode "code=$(oathtool --totp -b "$secret")" \
    "$U/login/enrol"
  # confirmed: the page shows the recovery codes once, with the new full session
  equals "TOTP enrolment for $1" "$code" 200
  contains "TOTP enrolment for $1: recovery codes shown" "$body" "<li><code>"
  S="__Host-ag_session=$(cookie_of __Host-ag_session)"
  req -b "$S" "$U/"
  csrf=$(csrf_of)
}

# --- the auditor sees every audit, the findings with their classification and the report
as_once hayashi
req -b "$S" "$U/audits"
equals "audits: list" "$code" 200
contains "audits: the annual plan" "$body" "年度情報セキュリティ監査計画"
contains "audits: audit 1 listed" "$body" 'href="/audits/1"'
contains "audits: audit 2 listed" "$body" 'href="/audits/2"'
req -b "$S" "$U/audits?status=planned"
lacks "audits: status filter" "$body" 'href="/audits/1"'
contains "audits: status filter keeps the planned one" "$body" 'href="/audits/2"'
req -b "$S" "$U/audits?status=bogus"
equals "audits: unknown filter value: 400" "$code" 400
req -b "$S" "$U/audits?year=2026x"
equals "audits: malformed year: 400" "$code" 400
req -b "$S" "$U/audits/1"
equals "audit 1" "$code" 200
contains "audit 1: status" "$body" 'id="audit-status">改善指示済み<'
contains "audit 1: a major nonconformity" "$body" '<span class="finding-class major">重大な不適合</span>'
contains "audit 1: a minor nonconformity" "$body" '<span class="finding-class minor">軽微な不適合</span>'
contains "audit 1: the finding links to the guideline" "$body" 'href="/catalog/3.1.5.1-2-e"'
contains "audit 1: auditors" "$body" "清水 玲奈 (shimizu)"
contains "audit 1: the close check names what is missing" "$body" "<li>指摘事項 1: 改善結果が監査人により確認されていません</li>"
lacks "audit 1: no close button for an auditor" "$body" 'action="/audits/1/close"'
req -b "$S" "$U/audits/1/report"
equals "audit 1: report document" "$code" 200
contains "audit 1: report counts" "$body" "適合 1 件"
req -b "$S" "$U/audits/1?lang=en"
contains "audit 1 in English" "$body" "major nonconformity"
req -b "$S" "$U/audits/1?lang=ja"
req -b "$S" "$U/audits/999"
equals "unknown audit: 404" "$code" 404
req -b "$S" "$U/audits/1x"
equals "malformed audit id: 404" "$code" 404

# --- someone of another department sees neither
as kimura
req -b "$S" "$U/audits"
equals "kimura: list" "$code" 200
lacks "kimura: no audit of another department" "$body" 'href="/audits/1"'
lacks "kimura: not audit 2 either" "$body" 'href="/audits/2"'
req -b "$S" "$U/audits/1"
equals "kimura: audit 1 refused" "$code" 403
contains "kimura: the refusal says why" "$body" "あなたの部署に関するものではありません"
req -b "$S" "$U/audits/1/report"
equals "kimura: report refused" "$code" 403

# --- the audited department: the plan during fieldwork, the findings after the report
as nakamura
req -b "$S" "$U/audits/1"
equals "nakamura (fac): own department's audit" "$code" 200
contains "nakamura: the findings after the report" "$body" "finding-class major"
as matsumoto
req -b "$S" "$U/audits"
contains "matsumoto (pax): own department's audit listed" "$body" 'href="/audits/2"'
lacks "matsumoto: not the other department's" "$body" 'href="/audits/1"'
req -b "$S" "$U/audits/2"
equals "matsumoto: audit 2 (planned)" "$code" 200
contains "matsumoto: the plan" "$body" "監査要点"
contains "matsumoto: findings withheld during fieldwork" "$body" "監査報告書の発行後に被監査部門へ表示"
lacks "matsumoto: no finding form" "$body" 'action="/audits/2/findings"'
req -b "$S" "$U/audits/2/report"
equals "matsumoto: report document before the report: 403" "$code" 403
before=$(q "SELECT count(*) FROM audit_findings")
post /audits/2/findings item=3.1.5.1 class=minor aspect=operation statement=自己申告
equals "an auditee may not record findings: 403" "$code" 403
contains "auditee refusal: message" "$body" "役割ではこのページを使えません"
equals "auditee refusal: nothing stored" "$(q "SELECT count(*) FROM audit_findings")" "$before"

# --- independence (3.1.4.1(2)): an auditor of the audited department is refused
as_enrol aoki
req -b "$S" "$U/audits/2"
equals "aoki (auditor, pax) sees the audit" "$code" 200
lacks "aoki: not assigned, so no finding form" "$body" 'action="/audits/2/findings"'
logs=$(q "SELECT count(*) FROM audit_log")
post /audits/2/findings item=3.1.5.1 class=minor aspect=operation statement=自部署の監査
equals "auditor of the audited department: 403" "$code" 403
contains "independence refusal: separation of duties" "$body" "役割の分離（3.1.4.1(2)）により aoki"
equals "independence refusal: nothing stored" "$(q "SELECT count(*) FROM audit_findings")" "$before"
equals "independence refusal: recorded in the audit trail" \
  "$(q "SELECT actor || ' ' || action || ' ' || entity FROM audit_log ORDER BY seq DESC LIMIT 1")" \
  "aoki refused audits"
equals "independence refusal: only the refusal row" "$(q "SELECT count(*) FROM audit_log")" $((logs + 1))
as_once hayashi
post /audits/2/findings item=3.1.5.1 class=minor aspect=operation statement=担当外
equals "an auditor not assigned to the audit: 403" "$code" 403
contains "not assigned: message" "$body" "hayashi"

# --- the assigned auditor records findings and issues the report
as_once shimizu
req -b "$S" "$U/audits/2"
contains "shimizu: the finding form" "$body" 'action="/audits/2/findings"'
req -b "$S" --data-urlencode "item=3.1.5.1(2)(e)" --data-urlencode class=minor \
  --data-urlencode aspect=operation --data-urlencode statement=x "$U/audits/2/findings"
equals "finding without CSRF token: 403" "$code" 403
post /audits/2/findings "item=3.1.5.1(2)(e)" class=severe aspect=operation statement=x
equals "bad classification: 400" "$code" 400
contains "bad classification: message names the field" "$body" "class"
post /audits/2/findings "item=9.9.9" class=minor aspect=operation statement=x
equals "unknown guideline item: 400" "$code" 400
equals "bad input: nothing stored" "$(q "SELECT count(*) FROM audit_findings")" "$before"
post /audits/2/findings "item=3.1.5.1(2)(e)" class=minor aspect=operation \
  "statement=<script>alert(1)</script> 共用アカウント'; DROP TABLE audits; --" \
  "evidence=FIDS 端末のログイン記録"
equals "finding: 303" "$code" 303
contains "finding: back to the audit" "$hdr" "Location: /audits/2?ok=finding"
fid=$(q "SELECT max(id) FROM audit_findings WHERE audit_id = 2")
equals "finding stored with its class" "$(q "SELECT classification || ' ' || aspect FROM audit_findings WHERE id = $fid")" "minor operation"
equals "finding: hostile text stored as text" "$(q "SELECT statement FROM audit_findings WHERE id = $fid")" \
  "<script>alert(1)</script> 共用アカウント'; DROP TABLE audits; --"
equals "finding: the audit trail names the auditor" \
  "$(q "SELECT actor FROM audit_log WHERE entity = 'audit_findings' ORDER BY seq DESC LIMIT 1")" shimizu
req -b "$S" "$U/audits/2?ok=finding"
contains "finding: shown escaped" "$body" "&lt;script&gt;alert(1)&lt;/script&gt;"
lacks "finding: no live script" "$body" "<script>alert"
contains "finding: saved notice" "$body" "指摘事項を記録しました"
post /audits/2/report summary=軽微な不適合1件
equals "report: 303" "$code" 303
equals "report: audit reported" "$(q "SELECT status FROM audits WHERE id = 2")" reported
equals "report: the audit trail names the auditor" \
  "$(q "SELECT actor FROM audit_log WHERE action = 'report' AND entity = 'audits' AND entity_id = '2'")" shimizu
post /audits/2/findings "item=3.1.5.1" class=observation aspect=rules statement=遅れて
equals "finding after the report: 409" "$code" 409
post /audits/2/report summary=二度目
equals "second report: 409" "$code" 409
as matsumoto
req -b "$S" "$U/audits/2"
contains "auditee: findings after the report" "$body" "&lt;script&gt;alert(1)&lt;/script&gt;"

# --- the CISO instructs improvement plans
as_once takahashi
post /audits/2/instruct due=someday
equals "instruct with a bad date: 400" "$code" 400
due=$(date -u -d '+30 days' +%F)
post /audits/2/instruct "due=$due"
equals "instruct: 303" "$code" 303
equals "instruct: audit instructed" "$(q "SELECT status || ' ' || improvement_due FROM audits WHERE id = 2")" "instructed $due"
equals "instruct: the audit trail names the CISO" \
  "$(q "SELECT actor FROM audit_log WHERE action = 'instruct' AND entity_id = '2'")" takahashi
post /audits/2/instruct "due=$due"
equals "instruct twice: 409" "$code" 409
as_once shimizu
post /audits/2/instruct "due=$due"
equals "an auditor may not instruct: 403" "$code" 403

# --- the audited department's manager makes the improvement plan
as inoue
post /audits/findings/$fid/improve title=他部署から owner=matsumoto "due=$due"
equals "another department's manager: 403" "$code" 403
equals "no plan by another department" "$(q "SELECT count(*) FROM actions WHERE origin = 'audit' AND origin_id = $fid")" 0
as yamaguchi
post /audits/findings/$fid/improve title=管理者以外 owner=matsumoto "due=$due"
equals "a system administrator (not manager): 403" "$code" 403
as sasaki
req -b "$S" "$U/audits/2"
contains "sasaki: the improvement form" "$body" "action=\"/audits/findings/$fid/improve\""
contains "sasaki: owners from the department" "$body" '<option value="matsumoto">'
lacks "sasaki: no owner from another department" "$body" '<option value="kimura">'
post /audits/findings/$fid/improve title=個人アカウント化 owner=kimura "due=$due"
equals "an owner outside the department: 400" "$code" 400
post /audits/findings/$fid/improve title=個人アカウント化 description=端末ごとに発行 owner=matsumoto "due=$due"
equals "improve: 303" "$code" 303
act=$(q "SELECT id FROM actions WHERE origin = 'audit' AND origin_id = $fid")
[[ $act =~ ^[0-9]+$ ]] && ok "improve: a corrective action (origin audit)" || not_ok "improvement action" "$act"
equals "improve: the audit trail names the manager" \
  "$(q "SELECT actor FROM audit_log WHERE entity = 'actions' AND entity_id = '$act' AND action = 'insert'")" sasaki
"$AG_BIN" --db "$db" action done "$act" --result "12 件発行" --as matsumoto >/dev/null ||
  not_ok "the owner completes the action"

# --- race (5.3(12)): several confirmations at once, one wins
as_once shimizu
req -b "$S" "$U/audits/2"
contains "shimizu: the confirm form" "$body" "action=\"/audits/findings/$fid/confirm\""
for i in 1 2 3 4; do
  curl -s -o /dev/null -w '%{http_code}\n' -b "$S" --data-urlencode "csrf=$csrf" \
    --data-urlencode result=verify --data-urlencode "text=確認 $i" \
    "$U/audits/findings/$fid/confirm" >"$tmp/race-c-$i" &
done
wait_all
equals "concurrent confirmations: one wins, the others 409" \
  "$(cat "$tmp"/race-c-* | sort | tr '\n' ' ')" "303 409 409 409 "
equals "confirmation: the action is verified" "$(q "SELECT status FROM actions WHERE id = $act")" verified
equals "confirmation: verified by the auditor, once" \
  "$(q "SELECT count(*) FROM audit_log WHERE entity = 'actions' AND entity_id = '$act' AND actor = 'shimizu'")" 1

# --- closure: refused while improvements are open, then one of several concurrent closes wins
as_once takahashi
post /audits/1/close
equals "close with an unverified improvement: 403" "$code" 403
contains "close refusal: the reason" "$body" "improvement not yet verified"
equals "audit 1 stays open" "$(q "SELECT status FROM audits WHERE id = 1")" instructed
req -b "$S" "$U/audits/2"
contains "audit 2: nothing stands in the way" "$body" 'id="close-check" class="ok"'
contains "CISO: the close button" "$body" 'action="/audits/2/close"'
for i in 1 2 3 4; do
  curl -s -o /dev/null -w '%{http_code}\n' -b "$S" --data-urlencode "csrf=$csrf" \
    "$U/audits/2/close" >"$tmp/race-x-$i" &
done
wait_all
equals "concurrent closes: one wins, the others 409" \
  "$(cat "$tmp"/race-x-* | sort | tr '\n' ' ')" "303 409 409 409 "
equals "closed by the CISO" "$(q "SELECT status || ' ' || (SELECT login FROM people WHERE id = closed_by) FROM audits WHERE id = 2")" "closed takahashi"
equals "one close in the audit trail" \
  "$(q "SELECT count(*) FROM audit_log WHERE action = 'close' AND entity = 'audits' AND entity_id = '2'")" 1
req -b "$S" "$U/audits/2?ok=close"
contains "closed audit: notice" "$body" "監査を完了しました"
contains "closed audit: status" "$body" 'id="audit-status">終結<'
lacks "closed audit: no close form" "$body" 'action="/audits/2/close"'
req -b "$S" "$U/audits?lang=en"
contains "audit list in English" "$body" "Annual audit plans"

# --- planning by auditors: the annual plan, an audit with its auditors (independence again)
as_once hayashi
req -b "$S" "$U/audits"
contains "auditor: the planning forms" "$body" 'action="/audits/plans"'
prog=(p-year=2027 "p-focus=FIDS、個人データ" p-objectives=漏えい防止 p-from=2027-04-01
  p-to=2028-03-31 p-management=内部監査室長の下2名 p-budget=800000)
post /audits/programmes "${prog[@]}"
equals "annual plan: 303" "$code" 303
contains "annual plan: back to the list" "$hdr" "Location: /audits?ok=programme"
equals "annual plan stored by the auditor" \
  "$(q "SELECT p.budget_yen || ' ' || x.login FROM audit_programmes p JOIN people x ON x.id = p.created_by WHERE p.fiscal_year = 2027")" \
  "800000 hayashi"
post /audits/programmes "${prog[@]}"
equals "a second annual plan for the year: 409" "$code" 409
plan=(year=2027 title=FIDS監査 dept=pax from=2027-05-10 to=2027-05-20 location=T2
  points=アクセス管理 progress=週次 adequacy=yes)
n_audits=$(q "SELECT count(*) FROM audits")
post /audits/plans "${plan[@]}" "auditors=aoki:ログ"
equals "planning an auditor of the audited department: 403" "$code" 403
contains "planning refusal: separation of duties" "$body" "役割の分離（3.1.4.1(2)）"
post /audits/plans "${plan[@]/from=2027-05-10/from=2026-05-10}" "auditors=shimizu"
equals "an audit outside the annual plan's period: 400" "$code" 400
equals "refused plans store nothing" "$(q "SELECT count(*) FROM audits")" "$n_audits"
post /audits/plans "${plan[@]}" "auditors=hayashi:主任 , shimizu:ログ"
equals "audit plan: 303" "$code" 303
new=$(q "SELECT max(id) FROM audits")
contains "audit plan: to the new audit" "$hdr" "Location: /audits/$new?ok=plan"
equals "audit plan: auditors, lead first" \
  "$(q "SELECT group_concat(p.login || ':' || x.assignment || ':' || x.lead, ' ') FROM audit_auditors x JOIN people p ON p.id = x.person_id WHERE x.audit_id = $new")" \
  "hayashi:主任:1 shimizu:ログ:0"
equals "audit plan: adequacy audit" "$(q "SELECT adequacy FROM audits WHERE id = $new")" 1
post /audits/$new/auditors login=aoki
equals "assigning an auditor of the audited department: 403" "$code" 403
post /audits/$new/auditors login=shimizu
equals "assigning an auditor twice: 409" "$code" 409
as matsumoto
post /audits/programmes "${prog[@]/p-year=2027/p-year=2028}"
equals "a non-auditor may not plan: 403" "$code" 403

run "the audit trail verifies" 0 "$AG_BIN" --db "$db" audit verify
grep -q 'airguard serve:' "$tmp/serve.log" && not_ok "no server errors logged" "$(cat "$tmp/serve.log")" || ok "no server errors logged"
kill -TERM "$pid"
wait "$pid"
equals "the server stops cleanly" "$?" 0
finish

#!/usr/bin/env bash
# The exception pages (例外措置, guideline 3.1.2.3(2)②) over real HTTP against the demo airport:
# the list (mine / to review / all I may see; exceptions ending within 30 days highlighted), the
# request form end to end (every item the guideline lists, hostile text shown as text, bad input
# 400, nothing stored), who may see which request (per object 403), the designated reviewer's
# decision, the applicant refused as reviewer (3.1.4.1(2), 403 with the library's message),
# a reviewer not designated for the department refused, withdrawal and end report by the
# applicant only, CSRF, English, and four concurrent approvals (exactly one decision stored and
# audited, `audit verify` intact).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
web_start
row_ids() { grep -o 'href="/exceptions/[0-9]*"' <<<"$body" | grep -o '[0-9]*' | sort -n | tr '\n' ' ' | sed 's/ $//'; }
nexc() { q "SELECT count(*) FROM exceptions"; }
today=$(date -u +%F)
in10=$(date -u -d '+10 days' +%F)
in40=$(date -u -d '+40 days' +%F)
act=$(q "SELECT id FROM exceptions WHERE status IN ('approved', 'active') LIMIT 1") # nakamura's, fac
reqd=$(q "SELECT id FROM exceptions WHERE status = 'requested' LIMIT 1")    # yamaguchi's, pax
ended=$(q "SELECT id FROM exceptions WHERE status = 'ended' LIMIT 1")       # yoshida's, sec
[[ -n $act && -n $reqd && -n $ended ]] || { echo "not ok - demo exceptions"; exit 1; }

# --- the applicant sees their own request only (a 取扱者 / system administrator)
as yamaguchi
req -b "$S" "$U/exceptions"
equals "list" "$code" 200
contains "list: heading" "$body" "<h1>例外措置</h1>"
contains "list: menu entry for everyone" "$body" '<li><a href="/exceptions">例外措置</a></li>'
equals "applicant: only their own request" "$(row_ids)" "$reqd"
lacks "applicant: not a reviewer, no to-review tab" "$body" "scope=review"
req -b "$S" "$U/exceptions/$act"
equals "applicant: another person's exception is 403" "$code" 403
contains "applicant: 403 message" "$body" "この例外措置の申請を閲覧する権限がありません"
req -b "$S" "$U/exceptions/$reqd"
equals "applicant: own request" "$code" 200
contains "request page: status" "$body" '<dd id="exc-status" class="exc-status-requested">審査待ち'
contains "request page: every guideline item (代替手段)" "$body" "措置内容（代替手段）"
contains "request page: the end-report method" "$body" "$(q "SELECT end_report_method FROM exceptions WHERE id = $reqd")"
contains "request page: withdraw form for the applicant" "$body" "action=\"/exceptions/$reqd/withdraw\""
lacks "request page: no decision form for the applicant" "$body" "action=\"/exceptions/$reqd/decide\""
req -b "$S" "$U/exceptions/99999"
equals "unknown exception: 404" "$code" 404
req -b "$S" "$U/exceptions/abc"
equals "malformed id: 404" "$code" 404
req -b "$S" "$U/exceptions?scope=bogus"
equals "bad scope: 400" "$code" 400
req -b "$S" "$U/exceptions?status=bogus"
equals "bad status filter: 400" "$code" 400
req -b "$S" "$U/exceptions?page=-1"
equals "bad page: 400" "$code" 400

# --- who sees all: the executive (and CISO, committee, auditors); expiring ones highlighted
as sato
req -b "$S" "$U/exceptions"
equals "executive: every request" "$(row_ids)" "$(q "SELECT group_concat(id, ' ') FROM (SELECT id FROM exceptions ORDER BY id)")"
days=$(( ($(date -u -d "$(q "SELECT end_date FROM exceptions WHERE id = $act")" +%s) - $(date -u -d "$today" +%s)) / 86400 ))
contains "expiring within 30 days: highlighted row" "$body" "<tr class=\"expiring\"><td><a href=\"/exceptions/$act\">"
contains "expiring: days left as text" "$body" "残り $days 日で終了"
req -b "$S" "$U/exceptions?expiring=1"
equals "expiring filter: only the one ending within 30 days" "$(row_ids)" "$act"
req -b "$S" "$U/exceptions?expiring=yes"
equals "bad expiring flag: 400" "$code" 400
req -b "$S" "$U/exceptions?status=ended"
equals "status filter" "$(row_ids)" "$ended"
req -b "$S" "$U/exceptions/$act"
equals "executive: any exception" "$code" 200
contains "exception page: expiring note" "$body" "残り $days 日で終了"
lacks "executive (not designated): no decision form" "$body" "/decide\""
req -b "$S" "$U/exceptions?lang=en"
contains "list in English" "$body" "<h1>Exception measures</h1>"
contains "list in English: expiring" "$body" "ends in $days days"
req -b "$S" "$U/exceptions?lang=ja"

# --- request (a 取扱者 of adm): hostile text stored and shown as text
as kimura
req -b "$S" "$U/exceptions/new"
equals "request form" "$code" 200
contains "request form: the review procedure" "$body" "審査手続（期間は最長 180 日）"
contains "request form: systems" "$body" '<option value="FIDS">'
for f in regulation clause start end measures impact handling end_report reason; do
  [[ $body == *"name=\"$f\""* ]] || not_ok "request form: field $f"
done
ok "request form: every field of the guideline's list"
n=$(nexc)
req -b "$S" --data-urlencode regulation=x "$U/exceptions"
equals "request without CSRF token: 403" "$code" 403
good=(regulation=情報セキュリティ対策基準 "clause=第9条" "start=$today" "end=$in10" "measures=手動で監視"
      "impact=ログ監視が止まる" "handling=巡回で補う" "end_report=部長へメール" system=FIDS)
post /exceptions "${good[@]}"
equals "request without a reason: 400" "$code" 400
contains "missing reason: the library names the field" "$body" "reason: "
contains "missing reason: the form keeps the typed values" "$body" 'value="第9条"'
post /exceptions "end=$(date -u -d '-1 days' +%F)" reason=更新 "${good[@]}"
equals "request ending before it starts: 400" "$code" 400
post /exceptions "end=$(date -u -d '+400 days' +%F)" reason=更新 "${good[@]}"
equals "request longer than the procedure allows: 400" "$code" 400
contains "too long: message" "$body" "180"
post /exceptions system=NOPE reason=更新 "${good[@]}"
equals "request for an unknown system: 400" "$code" 400
post /exceptions risk=99999 reason=更新 "${good[@]}"
equals "request linked to an unknown risk: 400" "$code" 400
post /exceptions risk=abc reason=更新 "${good[@]}"
equals "request with a malformed risk number: 400" "$code" 400
equals "bad requests store nothing" "$(nexc)" "$n"
post /exceptions "reason=<script>alert(1)</script>" "measures='; DROP TABLE exceptions; --" risk=2 "${good[@]}"
equals "request: 303" "$code" 303
kid=$(q "SELECT max(id) FROM exceptions")
contains "request: to the new request" "$hdr" "Location: /exceptions/$kid?ok=request"
equals "request: stored as text" "$(q "SELECT measures FROM exceptions WHERE id = $kid")" "'; DROP TABLE exceptions; --"
equals "request: applicant, department copied" "$(q "SELECT p.login || ' ' || e.applicant_dept || ' ' || e.status FROM exceptions e JOIN people p ON p.id = e.applicant_id WHERE e.id = $kid")" "kimura 総務部 requested"
equals "request: the audit trail names the person" \
  "$(q "SELECT actor FROM audit_log WHERE entity = 'exceptions' AND entity_id = '$kid' AND action = 'insert'")" kimura
req -b "$S" "$U/exceptions/$kid?ok=request"
contains "request page: notice" "$body" "申請を受け付けました"
contains "request page: reason escaped" "$body" "&lt;script&gt;alert(1)&lt;/script&gt;"
lacks "request page: no live script" "$body" "<script>"
contains "request page: related risk linked" "$body" '<a href="/risks/2">2</a>'
req -b "$S" "$U/exceptions?scope=mine"
equals "my requests" "$(row_ids)" "$kid"
# per object: a 取扱者 may not see or decide another's request
req -b "$S" "$U/exceptions/$reqd"
equals "handler: another's request 403" "$code" 403
before=$(q "SELECT count(*) FROM audit_log")
post "/exceptions/$reqd/decide" decision=approve comment=ok
equals "handler: deciding another's request 403" "$code" 403
post "/exceptions/$reqd/withdraw"
equals "handler: withdrawing another's request 403" "$code" 403
equals "per-object refusals store nothing" "$(q "SELECT count(*) FROM audit_log")" "$before"
equals "the request is untouched" "$(q "SELECT status FROM exceptions WHERE id = $reqd")" requested

# --- a manager (情報セキュリティ責任者, inoue of adm) sees their department's requests only
as inoue
req -b "$S" "$U/exceptions"
equals "manager of adm: the adm request" "$(row_ids)" "$kid"
req -b "$S" "$U/exceptions/$reqd"
equals "manager of adm: a pax request is 403" "$code" 403
req -b "$S" "$U/exceptions/$kid"
equals "manager of adm: the adm request's page" "$code" 200

# --- the applicant refused as reviewer (3.1.4.1(2)): suzuki is designated for every department
as suzuki
post /exceptions regulation=情報セキュリティ対策基準 clause=第20条 "start=$today" "end=$in40" \
  measures=代替 impact=影響 handling=対処 end_report=報告 reason=理由
equals "a reviewer requests an exception: 303" "$code" 303
sid=$(q "SELECT max(id) FROM exceptions")
req -b "$S" "$U/exceptions/$sid"
contains "own request: the reviewer's form is there (the server enforces the rule)" "$body" "action=\"/exceptions/$sid/decide\""
contains "own request: told it will be refused and why" "$body" "自分の申請は審査できません（決定は拒否されます）"
post "/exceptions/$sid/decide" decision=approve comment=自分で許可
equals "the applicant deciding their own request: 403" "$code" 403
contains "applicant refused: the library's message" "$body" "職務の分離"
contains "applicant refused: shown as an alert" "$body" '<p class="alert" role="alert">'
equals "applicant refused: still requested" "$(q "SELECT status || ' ' || coalesce(decided_by, 0) FROM exceptions WHERE id = $sid")" "requested 0"
equals "applicant refused: recorded in the audit trail" \
  "$(q "SELECT actor || ' ' || action FROM audit_log WHERE entity = 'exceptions' AND entity_id = '$sid' ORDER BY seq DESC LIMIT 1")" "suzuki refused"
req -b "$S" "$U/exceptions?scope=review"
contains "to review: kimura's request" "$body" "href=\"/exceptions/$kid\""
lacks "to review: not one's own" "$body" "href=\"/exceptions/$sid\""
contains "to review: tab for a reviewer" "$body" 'aria-current="page" href="/exceptions?scope=review"'

# --- a reviewer designated for another department (kato: sec) is refused on a pax request
as kato
req -b "$S" "$U/exceptions/$reqd"
equals "committee member: reads the pax request" "$code" 200
lacks "not designated for pax: no decision form" "$body" "action=\"/exceptions/$reqd/decide\""
post "/exceptions/$reqd/decide" decision=approve comment=ok
equals "reviewer of another department: 403" "$code" 403
contains "not designated: the library's message" "$body" "3.1.2.3(2)②"
equals "not designated: still requested" "$(q "SELECT status FROM exceptions WHERE id = $reqd")" requested

# --- the designated reviewer decides; bad input first
as suzuki
req -b "$S" "$U/exceptions/$reqd"
contains "reviewer: decision form" "$body" "action=\"/exceptions/$reqd/decide\""
contains "reviewer: approve/reject choice" "$body" '<option value="approve">許可する</option>'
equals "exception page: element ids are unique" "$(grep -o ' id="[^"]*"' <<<"$body" | sort | uniq -d | xargs)" ""
post "/exceptions/$reqd/decide" decision=maybe comment=x
equals "decision neither approve nor reject: 400" "$code" 400
post "/exceptions/$reqd/decide" decision=approve
equals "decision without a review record: 400" "$code" 400
contains "missing record: message" "$body" "record"
req -b "$S" --data-urlencode decision=approve --data-urlencode comment=ok "$U/exceptions/$reqd/decide"
equals "decision without CSRF token: 403" "$code" 403
equals "still requested after bad input" "$(q "SELECT status FROM exceptions WHERE id = $reqd")" requested

# --- race (5.3(12)): four concurrent approvals of one request, exactly one decision
refused0=$(q "SELECT count(*) FROM audit_log WHERE entity = 'exceptions' AND entity_id = '$reqd' AND action = 'refused'")
for i in 1 2 3 4; do
  curl -s -o /dev/null -w '%{http_code}\n' -b "$S" --data-urlencode "csrf=$csrf" \
    --data-urlencode decision=approve --data-urlencode "comment=審査記録 $i" \
    "$U/exceptions/$reqd/decide" >"$tmp/race-$i" &
done
wait_all() { for j in $(jobs -p); do [[ $j == "$pid" ]] || wait "$j"; done; }
wait_all
equals "concurrent approvals: one 303, three 409" "$(cat "$tmp"/race-* | sort | tr '\n' ' ')" "303 409 409 409 "
equals "one decision stored, by the reviewer" \
  "$(q "SELECT status || ' ' || (SELECT login FROM people WHERE id = decided_by) FROM exceptions WHERE id = $reqd")" "approved suzuki"
equals "one approval in the audit trail" \
  "$(q "SELECT count(*) FROM audit_log WHERE entity = 'exceptions' AND entity_id = '$reqd' AND action = 'approve'")" 1
equals "one update of the request in the audit trail" \
  "$(q "SELECT count(*) FROM audit_log WHERE entity = 'exceptions' AND entity_id = '$reqd' AND action = 'update'")" 1
equals "the losers recorded no refusal" \
  "$(q "SELECT count(*) FROM audit_log WHERE entity = 'exceptions' AND entity_id = '$reqd' AND action = 'refused'")" "$refused0"
run "the audit trail verifies after the race" 0 "$AG_BIN" --db "$db" audit verify
req -b "$S" "$U/exceptions/$reqd?ok=approve"
contains "approved notice" "$body" "例外措置を許可しました。"
contains "review record shown" "$body" "審査記録 "
post "/exceptions/$kid/decide" decision=reject "comment=<i>代替手段が不十分</i>" conditions=再申請可
equals "reject: 303" "$code" 303
equals "rejected" "$(q "SELECT status || ' ' || conditions FROM exceptions WHERE id = $kid")" "rejected 再申請可"
req -b "$S" "$U/exceptions/$kid"
contains "rejected: record escaped" "$body" "&lt;i&gt;代替手段が不十分&lt;/i&gt;"
post "/exceptions/$kid/decide" decision=approve comment=again
equals "deciding a decided request: 409" "$code" 409

# --- withdraw and end: by the applicant only
post "/exceptions/$sid/withdraw"
equals "suzuki withdraws his own request: 303" "$code" 303
equals "withdrawn" "$(q "SELECT status FROM exceptions WHERE id = $sid")" withdrawn
post "/exceptions/$sid/withdraw"
equals "withdrawing twice: 409" "$code" 409
post "/exceptions/$act/end" report=代行報告
equals "someone else reporting the end: 403" "$code" 403
contains "end by another: the library's message" "$body" "申請者"
as nakamura
req -b "$S" "$U/exceptions/$act"
contains "applicant: end-report form" "$body" "action=\"/exceptions/$act/end\""
post "/exceptions/$act/end"
equals "end without a report: 400" "$code" 400
post "/exceptions/$act/end" report=工事完了、監視を復旧
equals "end report: 303" "$code" 303
equals "ended with the report" "$(q "SELECT status || ' ' || end_report FROM exceptions WHERE id = $act")" "ended 工事完了、監視を復旧"
equals "end: audit actor" \
  "$(q "SELECT actor FROM audit_log WHERE entity = 'exceptions' AND entity_id = '$act' AND action = 'end'")" nakamura
req -b "$S" "$U/exceptions/$act?lang=en&ok=end"
contains "exception page in English" "$body" "The end is reported."

run "the audit trail verifies" 0 "$AG_BIN" --db "$db" audit verify
grep -qE 'airguard serve:|Sanitizer|runtime error' "$tmp/serve.log" && not_ok "no server errors logged" "$(cat "$tmp/serve.log")" || ok "no server errors logged"
finish

#!/usr/bin/env bash
# The workflow pages over real HTTP (`airguard serve` on a free loopback port, curl), against the
# demo airport: the dashboard's figures (実施率 from the same report as `assess report`), the
# respondent's self-inspection sheet (list, show, answer, submit), per-object authorisation
# (guideline 5.3(5): another person's sheet is 403), CSRF on every POST, the audit trail's actor,
# and concurrent POSTs (5.3(12)) ending in a consistent state.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
web_start
sheet_of() { # LOGIN: the id of that person's open sheet in the demo
  "$AG_BIN" --db "$db" assess sheet list --json |
    jq -r --arg who "$1" '[.[] | select(.respondent == $who and .status == "issued")][0].id'
}
rate_line() { "$AG_BIN" --db "$db" assess report "$1" | grep '全体の実施率'; }

# --- the dashboard: the figures of the ISMS, 実施率 from the same report as the CLI
as kimura
sheet=$(sheet_of kimura)
other=$(sheet_of inoue)
[[ $sheet =~ ^[0-9]+$ && $other =~ ^[0-9]+$ ]] || { echo "not ok - demo sheets of kimura/inoue"; exit 1; }
plan=$(q "SELECT plan_id FROM assess_sheets WHERE id = $sheet")
req -b "$S" "$U/"
equals "dashboard" "$code" 200
contains "dashboard: Cache-Control" "$hdr" "Cache-Control: no-store"
contains "dashboard in Japanese" "$body" '<html lang="ja">'
line=$(rate_line "$plan")
now=$(sed -n 's/.*全体の実施率: \([0-9.]*%\).*/\1/p' <<<"$line")
prev=$(sed -n 's/.*前回 \([0-9.]*%\).*/\1/p' <<<"$line")
change=$(sed -n 's/.*増減 \([-+0-9.]*\) ポイント.*/\1/p' <<<"$line")
[[ -n $now && -n $prev && -n $change ]] || not_ok "assess report prints the rate" "$line"
contains "dashboard: 実施率 as assess report computes it" "$body" "id=\"rate-now\">$now<"
contains "dashboard: the previous campaign's 実施率" "$body" "id=\"rate-prev\">$prev<"
contains "dashboard: the change in points" "$body" "id=\"rate-change\">$change ポイント<"
contains "dashboard: latest campaign named" "$body" "最新: 計画 $plan 第 1 回"
submitted0=$(q "SELECT count(*) FROM assess_sheets WHERE plan_id = $plan AND round = 1 AND status = 'submitted'")
contains "dashboard: sheets submitted" "$body" "点検票 $submitted0 / "
today=$(date -u +%F)
in30=$(date -u -d '+30 days' +%F)
fig() { sed -n "s|.*id=\"$1\"><dt>[^<]*</dt><dd class=\"value\">\(<a[^>]*>\)\{0,1\}\([0-9]*\)<.*|\2|p" <<<"$body"; }
equals "dashboard: risks awaiting a decision" "$(fig fig-risks)" \
  "$(q "SELECT count(*) FROM risks WHERE status = 'needs_decision'")"
equals "dashboard: incidents not closed" "$(fig fig-incidents)" \
  "$(q "SELECT count(*) FROM incidents WHERE closed_at IS NULL")"
equals "dashboard: exceptions ending within 30 days" "$(fig fig-exceptions)" \
  "$(q "SELECT count(*) FROM exceptions WHERE status IN ('approved','active') AND end_date BETWEEN '$today' AND '$in30'")"
equals "dashboard: overdue corrective actions" "$(fig fig-actions)" \
  "$(q "SELECT count(*) FROM actions WHERE status IN ('open','in_progress') AND julianday(due_date) < julianday('$today')")"
equals "dashboard: own open sheets" "$(fig fig-sheets)" 1
contains "dashboard: own sheets link to their list" "$body" '<a href="/assess/sheets">1</a>'
# PDCA status: each figure from the store, each a link
pdca() { sed -n "s|.*<th scope=\"row\">$1</th><td>[^<]* <a href=\"$2\">\([0-9]*\)</a>.*|\1|p" <<<"$body" | head -1; }
contains "dashboard: PDCA card" "$body" 'id="pdca"'
equals "PDCA: exceptions in force" "$(sed -n 's|.*適用中の例外措置 <a href="/exceptions">\([0-9]*\)</a>.*|\1|p' <<<"$body")" \
  "$(q "SELECT count(*) FROM exceptions WHERE status IN ('approved','active')")"
equals "PDCA: audits not closed" "$(sed -n 's|.*完了していない監査 <a href="/audits">\([0-9]*\)</a>.*|\1|p' <<<"$body")" \
  "$(q "SELECT count(*) FROM audits WHERE status <> 'closed'")"
equals "PDCA: corrective actions not finished" \
  "$(sed -n 's|.*完了していない是正処置 <a href="/actions?status=active">\([0-9]*\)</a>.*|\1|p' <<<"$body")" \
  "$(q "SELECT count(*) FROM actions WHERE status IN ('open','in_progress')")"
overdue_cli=$("$AG_BIN" --db "$db" register due --json 2>/dev/null | jq '[.[] | select(.state == "overdue")] | length')
equals "PDCA: overdue register items as \`register due\` counts them" \
  "$(sed -n 's|.*期限を過ぎた台帳の項目（規程の見直し等） <a href="/registers">\([0-9]*\)</a>.*|\1|p' <<<"$body")" "$overdue_cli"
# the trend of 実施率: one row per campaign (at most 6), the last one the rate shown above
ncamp=$(q "SELECT count(*) FROM (SELECT DISTINCT plan_id, round FROM assess_sheets)")
((ncamp > 6)) && ncamp=6
ttable=$(tr -d '\n' <<<"$body" | sed 's|.*id="dash-trend-table">||; s|</table>.*||')
rows=$(grep -o '<tr>' <<<"$ttable" | wc -l)
equals "dashboard trend: one row per campaign" "$rows" "$ncamp"
last=$(grep -o '<td class="num">[^<]*</td>' <<<"$ttable" | tail -1 | sed 's/<[^>]*>//g')
equals "dashboard trend: the latest campaign's 実施率 as above" "$last" "$now"
contains "dashboard trend: an SVG with a title" "$body" '<title id="dash-trend-title">'
# each figure links to its filtered list, and the list opens for this person (a 取扱者)
dash=$body
for link in "/risks?status=needs_decision" "/incidents?status=active" "/exceptions?expiring=1" \
  "/actions?status=overdue"; do
  contains "dashboard links to $link" "$dash" "href=\"$link\""
  req -b "$S" "$U$link"
  equals "the list $link opens" "$code" 200
done
body=$dash
contains "dashboard: the sign-in history stays" "$body" "最近のログイン"
req -b "$S" "$U/?lang=en"
contains "dashboard in English" "$body" "Latest campaign: plan $plan, round 1"
contains "dashboard in English: change" "$body" "id=\"rate-change\">$change points<"
contains "dashboard in English: figures" "$body" "Overdue corrective actions"
req -b "$S" "$U/?lang=ja"

# --- my sheets: only one's own
req -b "$S" "$U/assess/sheets"
equals "sheet list" "$code" 200
contains "sheet list: own sheet" "$body" "href=\"/assess/sheets/$sheet\""
lacks "sheet list: not another person's" "$body" "href=\"/assess/sheets/$other\""
req -b "$S" "$U/assess/sheets/$sheet"
equals "own sheet" "$code" 200
contains "sheet: the items' refs" "$body" '<a href="/catalog/'
contains "sheet: answer choices in Japanese" "$body" '<option value="partial">一部実施</option>'
contains "sheet: a submit form" "$body" "action=\"/assess/sheets/$sheet/submit\""
items=($(q "SELECT item_id FROM assess_answers WHERE sheet_id = $sheet ORDER BY id"))
[[ ${#items[@]} -ge 2 ]] || not_ok "the sheet has items"
contains "sheet: the first item's measure text" "$body" "id=\"${items[0]}\""

# --- per-object authorisation (5.3(5)): another person's sheet is refused
req -b "$S" "$U/assess/sheets/$other"
equals "another person's sheet: 403" "$code" 403
contains "another person's sheet: message" "$body" "あなたのものではありません"
other_item=$(q "SELECT item_id FROM assess_answers WHERE sheet_id = $other ORDER BY id LIMIT 1")
before=$(q "SELECT count(*) FROM audit_log")
req -b "$S" --data-urlencode "csrf=$csrf" --data-urlencode "item=$other_item" \
  --data-urlencode "answer=実施" "$U/assess/sheets/$other/answer"
equals "answering another person's sheet: 403" "$code" 403
req -b "$S" --data-urlencode "csrf=$csrf" "$U/assess/sheets/$other/submit"
equals "submitting another person's sheet: 403" "$code" 403
equals "refusals store nothing" "$(q "SELECT count(*) FROM audit_log")" "$before"
equals "the other sheet is untouched" \
  "$(q "SELECT count(*) FROM assess_answers WHERE sheet_id = $other AND answer IS NOT NULL")" 0
req -b "$S" "$U/assess/sheets/99999"
equals "unknown sheet: 404" "$code" 404
req -b "$S" "$U/assess/sheets/1x"
equals "malformed sheet id: 404" "$code" 404
req "$U/assess/sheets/$sheet"
equals "no session: redirect" "$code" 303

# --- CSRF and bad input
req -b "$S" --data-urlencode "item=${items[0]}" --data-urlencode "answer=実施" \
  "$U/assess/sheets/$sheet/answer"
equals "answer without CSRF token: 403" "$code" 403
req -b "$S" --data-urlencode "csrf=0$csrf" --data-urlencode "item=${items[0]}" \
  --data-urlencode "answer=実施" "$U/assess/sheets/$sheet/answer"
equals "answer with a wrong CSRF token: 403" "$code" 403
req -b "$S" --data-urlencode "csrf=$csrf" --data-urlencode "item=${items[0]}" \
  --data-urlencode "answer=maybe" "$U/assess/sheets/$sheet/answer"
equals "bad answer: 400" "$code" 400
contains "bad answer: message names the field and the choices" "$body" "answer: &quot;maybe&quot;"
req -b "$S" --data-urlencode "csrf=$csrf" --data-urlencode "item=$other_item" \
  --data-urlencode "answer=実施" "$U/assess/sheets/$sheet/answer"
equals "an item not on the sheet: refused" "$code" 400
req -b "$S" --data-urlencode "csrf=$csrf" --data-urlencode "item=' OR 1=1 --" \
  --data-urlencode "answer=実施" "$U/assess/sheets/$sheet/answer"
equals "hostile item id: refused" "$code" 400
equals "nothing answered by the refusals" \
  "$(q "SELECT count(*) FROM assess_answers WHERE sheet_id = $sheet AND answer IS NOT NULL")" 0

# --- answering: 303 back to the sheet; the audit trail records the person
req -b "$S" --data-urlencode "csrf=$csrf" --data-urlencode "item=${items[0]}" \
  --data-urlencode "answer=一部実施" --data-urlencode 'comment=<script>alert(1)</script>' \
  "$U/assess/sheets/$sheet/answer"
equals "answer: 303" "$code" 303
contains "answer: back to the sheet" "$hdr" "Location: /assess/sheets/$sheet?ok=answer"
equals "answer stored" "$(q "SELECT answer FROM assess_answers WHERE sheet_id = $sheet AND item_id = '${items[0]}'")" partial
equals "audit trail: the person is the actor" \
  "$(q "SELECT actor FROM audit_log WHERE entity = 'assess_answers' ORDER BY seq DESC LIMIT 1")" kimura
req -b "$S" "$U/assess/sheets/$sheet?ok=answer"
contains "sheet: saved notice" "$body" "回答を保存しました"
contains "sheet: the answer is selected" "$body" '<option value="partial" selected>'
contains "sheet: comment escaped" "$body" "&lt;script&gt;alert(1)&lt;/script&gt;"
lacks "sheet: no live script" "$body" "<script>"
req -b "$S" --data-urlencode "csrf=$csrf" "$U/assess/sheets/$sheet/submit"
equals "submit with unanswered items: refused" "$code" 400
contains "submit refusal names the open items" "$body" "未回答の項目が $((${#items[@]} - 1)) 件あります"
for it in "${items[@]:1}"; do
  req -b "$S" --data-urlencode "csrf=$csrf" --data-urlencode "item=$it" --data-urlencode "answer=実施" \
    "$U/assess/sheets/$sheet/answer"
  [[ $code == 303 ]] || not_ok "answer $it: $code"
done
equals "every item answered" \
  "$(q "SELECT count(*) FROM assess_answers WHERE sheet_id = $sheet AND answer IS NULL")" 0
req -b "$S" "$U/assess/sheets/$sheet?lang=en"
contains "sheet in English" "$body" '<option value="implemented" selected>implemented</option>'
req -b "$S" "$U/assess/sheets/$sheet?lang=ja"

# --- submit; then the dashboard's 実施率 changes
req -b "$S" --data-urlencode "csrf=$csrf" "$U/assess/sheets/$sheet/submit"
equals "submit: 303" "$code" 303
contains "submit: back to the sheet" "$hdr" "Location: /assess/sheets/$sheet?ok=submit"
equals "sheet submitted" "$(q "SELECT status FROM assess_sheets WHERE id = $sheet")" submitted
equals "audit trail: submit by the person" \
  "$(q "SELECT actor FROM audit_log WHERE action = 'submit' AND entity = 'assess_sheets' AND entity_id = '$sheet'")" kimura
req -b "$S" "$U/assess/sheets/$sheet"
lacks "submitted sheet: no answer forms" "$body" "/answer\""
contains "submitted sheet: status" "$body" "提出済み"
req -b "$S" --data-urlencode "csrf=$csrf" --data-urlencode "item=${items[0]}" \
  --data-urlencode "answer=実施" "$U/assess/sheets/$sheet/answer"
equals "answer after submission: 409" "$code" 409
contains "answer after submission: message" "$body" "回答は確定しています"
equals "answer after submission: unchanged" \
  "$(q "SELECT answer FROM assess_answers WHERE sheet_id = $sheet AND item_id = '${items[0]}'")" partial
req -b "$S" "$U/"
line2=$(rate_line "$plan")
now2=$(sed -n 's/.*全体の実施率: \([0-9.]*%\).*/\1/p' <<<"$line2")
[[ $now2 != "$now" ]] && ok "the report's 実施率 changed ($now → $now2)" || not_ok "the rate changed" "$line2"
contains "dashboard: the new 実施率" "$body" "id=\"rate-now\">$now2<"
lacks "dashboard: not the old one" "$body" "id=\"rate-now\">$now<"
contains "dashboard: one more sheet submitted" "$body" "点検票 $((submitted0 + 1)) / "
equals "dashboard: no open sheet left" "$(fig fig-sheets)" 0

# --- race conditions (5.3(12)): concurrent POSTs end in a consistent state
as matsumoto
msheet=$(sheet_of matsumoto)
mitem=$(q "SELECT item_id FROM assess_answers WHERE sheet_id = $msheet ORDER BY id LIMIT 1")
for a in implemented not_implemented partial not_applicable; do
  curl -s -o /dev/null -w '%{http_code}\n' -b "$S" --data-urlencode "csrf=$csrf" \
    --data-urlencode "item=$mitem" --data-urlencode "answer=$a" \
    "$U/assess/sheets/$msheet/answer" >"$tmp/race-a-$a" &
done
wait_all() { for j in $(jobs -p); do [[ $j == "$pid" ]] || wait "$j"; done; }
wait_all
codes=$(cat "$tmp"/race-a-* | sort | tr '\n' ' ')
equals "concurrent answers to one item: all saved in turn" "$codes" "303 303 303 303 "
stored=$(q "SELECT answer FROM assess_answers WHERE sheet_id = $msheet AND item_id = '$mitem'")
[[ -n $stored ]] && ok "concurrent answers: one answer stored ($stored)" || not_ok "an answer stored"
equals "concurrent answers: 4 audited updates" \
  "$(q "SELECT count(*) FROM audit_log WHERE entity = 'assess_answers' AND actor = 'matsumoto'")" 4
for i in 1 2 3 4; do
  curl -s -o /dev/null -w '%{http_code}\n' -b "$S" --data-urlencode "csrf=$csrf" \
    "$U/assess/sheets/$msheet/submit" >"$tmp/race-s-$i" &
done
wait_all
codes=$(cat "$tmp"/race-s-* | sort | tr '\n' ' ')
equals "concurrent submits: one wins, the others are refused (no 500)" "$codes" "303 409 409 409 "
equals "concurrent submits: one submit in the audit trail" \
  "$(q "SELECT count(*) FROM audit_log WHERE action = 'submit' AND entity_id = '$msheet'")" 1
req -b "$S" --data-urlencode "csrf=$csrf" --data-urlencode "item=$mitem" \
  --data-urlencode "answer=implemented" "$U/assess/sheets/$msheet/answer"
equals "after the race the sheet is final" "$code" 409
run "the audit trail verifies" 0 "$AG_BIN" --db "$db" audit verify
grep -q 'airguard serve:' "$tmp/serve.log" && not_ok "no server errors logged" "$(cat "$tmp/serve.log")" || ok "no server errors logged"

# --- the guideline item page: this airport's records on it, by role
item=3.1.5.1-2-e
as takahashi # CISO: the figures, risks, exceptions, findings and evidence
req -b "$S" "$U/catalog/$item?lang=en"
equals "item page" "$code" 200
contains "item page: the records section" "$body" 'id="records"'
rid=$(q "SELECT min(risk_id) FROM risk_measures WHERE item_id = '$item'")
xid=$(q "SELECT min(id) FROM exceptions WHERE item_id = '$item'")
aid=$(q "SELECT min(audit_id) FROM audit_findings WHERE item_id = '$item'")
[[ -n $rid && -n $xid && -n $aid ]] || not_ok "the demo has a risk, an exception and a finding on $item"
contains "item page: the risk citing it" "$body" "href=\"/risks/$rid\""
contains "item page: the exception to it" "$body" "href=\"/exceptions/$xid\""
contains "item page: the finding on it" "$body" "href=\"/audits/$aid\""
pl=$(q "SELECT s.plan_id FROM assess_sheets s JOIN assess_plans p ON p.id = s.plan_id WHERE s.status = 'submitted' ORDER BY p.fiscal_year DESC, p.id DESC LIMIT 1")
read -r impl counted < <(q "SELECT sum(a.answer = 'implemented'), sum(a.answer IN ('implemented','partial','not_implemented')) FROM assess_answers a JOIN assess_sheets s ON s.id = a.sheet_id WHERE s.plan_id = $pl AND s.status = 'submitted' AND s.round = (SELECT max(round) FROM assess_sheets WHERE plan_id = $pl AND status = 'submitted') AND a.item_id LIKE '$item.%'" | tr '|' ' ')
contains "item page: 実施率 of its measures from the store" "$body" "($impl of $counted answers implemented"
as kimura # a 取扱者: no records section
req -b "$S" "$U/catalog/$item"
equals "item page for a 取扱者" "$code" 200
lacks "item page: no records for a 取扱者" "$body" 'id="records"'
as suzuki # committee and manager: figures, risks, exceptions, but not findings
req -b "$S" "$U/catalog/$item"
contains "item page: records for the committee" "$body" 'id="records"'
lacks "item page: no findings for the committee" "$body" "href=\"/audits/"

kill -TERM "$pid"
wait "$pid"
equals "the server stops cleanly" "$?" 0
finish

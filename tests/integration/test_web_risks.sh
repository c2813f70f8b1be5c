#!/usr/bin/env bash
# The risk register pages (guideline 3.1.2.1) over real HTTP against the demo airport: the list
# with its heat map (counts per cell as in the store, the threshold marked, cells linking to the
# filtered list, a table alternative), filters, the criteria, a risk's page with its history, and
# each step's form end to end (identify, analyse, decide the treatment, CISO acceptance, review)
# with the audit trail's actor; who may see and do what (per object 403, nothing stored); CSRF;
# hostile input shown as text; bad input 400; English; concurrent acceptances (one wins).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
web_start
nrisks() { q "SELECT count(*) FROM risks"; }
row_ids() { grep -o 'href="/risks/[0-9]*"' <<<"$body" | grep -o '[0-9]*' | tr '\n' ' '; }

# --- the list and the heat map, as a committee member / manager (sasaki)
as sasaki
req -b "$S" "$U/risks"
equals "risk list" "$code" 200
contains "list: heading" "$body" "<h1>リスク登録簿</h1>"
contains "heat map: an SVG" "$body" '<svg xmlns="http://www.w3.org/2000/svg" role="group"'
contains "heat map: accessible title" "$body" '<title id="heatmap-title">リスクマップ'
n34=$(q "SELECT count(*) FROM risks WHERE impact = 3 AND likelihood = 4")
[[ $n34 -ge 1 ]] || not_ok "the demo has a risk at impact 3 x likelihood 4"
contains "heat map: the cell 3x4 links to its list and has its count as label" "$body" \
  "<a href=\"/risks?impact=3&amp;likelihood=4\" aria-label=\"影響度 3（中）× 発生可能性 4（起こりやすい）: リスクレベル 高（基準値以上）、$n34 件\""
n11=$(q "SELECT count(*) FROM risks WHERE impact = 1 AND likelihood = 1")
contains "heat map: a low cell below the threshold" "$body" \
  "aria-label=\"影響度 1（極小）× 発生可能性 1（まれ）: リスクレベル 低、$n11 件\""
contains "heat map: cells at or above the threshold are marked" "$body" 'class="heat-t3 heat-above"'
contains "heat map: the threshold outline" "$body" '<path class="heat-threshold" aria-hidden="true" d="M'
contains "heat map: the caption names the threshold level" "$body" "リスクレベル「高」以上はリスク対応の決定が必要"
contains "heat map: a table alternative" "$body" '<table class="heat-table"><caption>'
contains "heat map: the table links the cells too" "$body" "<a href=\"/risks?impact=3&amp;likelihood=4\">$n34 件（高、基準値以上）</a>"
total=$(nrisks)
equals "list: every risk listed for an ISMS role" "$(row_ids | wc -w)" "$total"
first=$(row_ids | cut -d' ' -f1)
equals "list: a risk at or above the threshold comes first" \
  "$(q "SELECT above_threshold FROM risks WHERE id = $first")" 1
equals "list: the highest level first" "$(q "SELECT level FROM risks WHERE id = $first")" \
  "$(q "SELECT max(level) FROM risks")"
contains "list: status of a risk awaiting a decision" "$body" 'class="risk-status-needs_decision">対応決定待ち'
contains "list: next review date" "$body" "$(q "SELECT review_date FROM risks WHERE id = $first")"
contains "list: link to register (managers may identify)" "$body" 'href="/risks/new"'

# filters
req -b "$S" "$U/risks?impact=3&likelihood=4"
equals "heat map cell's list" "$code" 200
equals "cell filter: exactly the risks of the cell" "$(row_ids | wc -w)" "$n34"
contains "cell filter: says which cell" "$body" "影響度 3 × 発生可能性 4 のマスを表示しています"
req -b "$S" "$U/risks?status=needs_decision"
nd=$(q "SELECT group_concat(id, ' ') FROM (SELECT id FROM risks WHERE status = 'needs_decision' ORDER BY id)")
equals "status filter" "$(row_ids | tr ' ' '\n' | sort -n | xargs)" "$nd"
req -b "$S" "$U/risks?owner=kato"
equals "owner filter" "$(row_ids | wc -w)" "$(q "SELECT count(*) FROM risks r JOIN people p ON p.id = r.owner_id WHERE p.login = 'kato'")"
req -b "$S" "$U/risks?review=1"
equals "review-due filter" "$(row_ids | wc -w)" \
  "$(q "SELECT count(*) FROM risks WHERE review_date <= date('now', '+30 days')")"
req -b "$S" "$U/risks?status=bogus"
equals "bad status filter: 400" "$code" 400
contains "bad filter: message" "$body" "絞り込み条件に指定できない値があります"
req -b "$S" --get --data-urlencode "owner='; DROP TABLE risks; --" "$U/risks"
equals "hostile owner filter: 400" "$code" 400
req -b "$S" "$U/risks?impact=10&likelihood=1"
equals "impact off the scale: 400" "$code" 400
req -b "$S" "$U/risks?impact=2"
equals "impact without likelihood: 400" "$code" 400
req -b "$S" "$U/risks?page=0"
equals "page 0: 400" "$code" 400
equals "the store is untouched by the filters" "$(nrisks)" "$total"

# the residual-risk heat map
r51=$(q "SELECT count(*) FROM risks WHERE residual_impact = 5 AND residual_likelihood = 1")
[[ $r51 -ge 1 ]] || not_ok "the demo has a residual risk at 5 x 1"
req -b "$S" "$U/risks?residual=1"
equals "residual heat map" "$code" 200
contains "residual heat map: its title" "$body" "残留リスクのリスクマップ"
contains "residual heat map: the tab is current" "$body" '<a href="/risks?residual=1" aria-current="page">'
contains "residual heat map: residual counts, cells link to the residual filter" "$body" \
  "<a href=\"/risks?impact=5&amp;likelihood=1&amp;residual=1\" aria-label=\"影響度 5（甚大）× 発生可能性 1（まれ）: リスクレベル 中、$r51 件\""
req -b "$S" "$U/risks?impact=5&likelihood=1&residual=1"
equals "residual cell filter" "$(row_ids | tr ' ' '\n' | sort -n | xargs)" \
  "$(q "SELECT group_concat(id, ' ') FROM (SELECT id FROM risks WHERE residual_impact = 5 AND residual_likelihood = 1 ORDER BY id)")"
contains "residual cell filter: says so" "$body" "残留リスクが影響度 5 × 発生可能性 1 のマスを表示しています"
req -b "$S" "$U/risks?impact=5&likelihood=1"
equals "the inherent cell 5x1 differs" "$(row_ids | wc -w)" "$(q "SELECT count(*) FROM risks WHERE impact = 5 AND likelihood = 1")"
req -b "$S" "$U/risks?residual=yes"
equals "bad residual flag: 400" "$code" 400

# criteria
req -b "$S" "$U/risks/criteria"
equals "criteria page" "$code" 200
contains "criteria: threshold" "$body" '<dd id="threshold">3 高</dd>'
contains "criteria: impact scale with its description" "$body" "空港機能の停止、人の安全（HSE）への影響"
contains "criteria: the attitude" "$body" "重要インフラサービス（警戒警備・FIDS・BHS）の停止につながるリスクは受容しない"
contains "criteria: changed in the CLI" "$body" "airguard risk criteria scale|level|cell|set"
contains "criteria: the matrix" "$body" 'class="heat-threshold"'
req -b "$S" "$U/risks/criteria?lang=en"
contains "criteria in English" "$body" "The risk criteria (リスク基準, 3.1.2.1③④) are changed by the CISO"
contains "criteria in English: labels" "$body" '<dd id="threshold">3 high</dd>'
req -b "$S" "$U/risks?lang=en"
contains "list in English" "$body" "<h1>Risk register</h1>"
contains "heat map in English" "$body" "Impact 3 (moderate) x likelihood 4 (likely): level high (at or above the threshold), $n34 risk(s)"
req -b "$S" "$U/risks?lang=ja"

# a risk's page: the demo risk awaiting a decision (owner sasaki)
rd=$(q "SELECT id FROM risks WHERE status = 'needs_decision' ORDER BY id LIMIT 1")
req -b "$S" "$U/risks/$rd"
equals "risk page" "$code" 200
contains "risk page: threat" "$body" "$(q "SELECT threat FROM risks WHERE id = $rd")"
contains "risk page: level" "$body" "<dd id=\"risk-level\">$(q "SELECT impact || 'x' || likelihood FROM risks WHERE id = $rd") 高"
contains "risk page: decision due" "$body" "対応決定期限 $(q "SELECT decision_due FROM risks WHERE id = $rd")"
contains "risk page: history" "$body" "<h2>履歴</h2>"
contains "risk page: the owner sees the analysis form" "$body" "action=\"/risks/$rd/assess\""
contains "risk page: the owner sees the treatment form" "$body" "action=\"/risks/$rd/treat\""
lacks "risk page: no acceptance form for a risk not awaiting it" "$body" "action=\"/risks/$rd/accept\""
equals "risk page: element ids are unique (labels of the several forms)" \
  "$(grep -o ' id="[^"]*"' <<<"$body" | sort | uniq -d | xargs)" ""
contains "risk page: the review form's own label" "$body" '<label for="review-note">'
contains "risk page: the analysis form's own label" "$body" '<label for="assess-impact">'

ra=$(q "SELECT id FROM risks WHERE impact IS NOT NULL AND EXISTS (SELECT 1 FROM risk_assets WHERE risk_id = risks.id) LIMIT 1")
req -b "$S" "$U/risks/$ra"
contains "risk page: its assets" "$body" "$(q "SELECT a.code FROM risk_assets ra JOIN assets a ON a.id = ra.asset_id WHERE ra.risk_id = $ra LIMIT 1")"
req -b "$S" "$U/risks/99999"
equals "unknown risk: 404" "$code" 404
req -b "$S" "$U/risks/x1"
equals "malformed risk id: 404" "$code" 404

# review of a risk that needs a decision is refused (3.1.2.1④), recorded as a refusal
before=$(q "SELECT count(*) FROM risk_history WHERE risk_id = $rd")
post "/risks/$rd/review" note=確認のみ
equals "confirming review of a risk needing a decision: 403" "$code" 403
contains "review refusal: the library's message" "$body" "リスク対応の決定"
equals "review refusal: no history row" "$(q "SELECT count(*) FROM risk_history WHERE risk_id = $rd")" "$before"
equals "review refusal: recorded in the audit trail" \
  "$(q "SELECT actor || ' ' || action FROM audit_log WHERE entity = 'risks' AND entity_id = '$rd' ORDER BY seq DESC LIMIT 1")" "sasaki refused"

# --- who may see what: a 取扱者 (kimura) sees only the risks that are theirs
as kimura
req -b "$S" "$U/risks"
equals "handler: list renders" "$code" 200
equals "handler: no one else's risks" "$(row_ids | wc -w)" 0
contains "handler: empty list" "$body" "該当するリスクはありません。"
lacks "handler: no register link" "$body" 'href="/risks/new"'
lacks "handler: no menu entry" "$body" '<a href="/risks">'
req -b "$S" "$U/risks/$rd"
equals "handler: another person's risk is 403" "$code" 403
contains "handler: message" "$body" "このリスクを閲覧する権限がありません"
req -b "$S" "$U/risks/new"
equals "handler: identify form 403" "$code" 403
req -b "$S" "$U/risks/criteria"
equals "handler: criteria 403" "$code" 403
before=$(q "SELECT count(*) FROM audit_log")
size=$(q "SELECT impact || 'x' || likelihood FROM risks WHERE id = $rd")
post "/risks/$rd/assess" impact=1 likelihood=1 analysis=x
equals "handler: analysing another person's risk 403" "$code" 403
post /risks title=x threat=y owner=kimura
equals "handler: identifying 403" "$code" 403
equals "handler: nothing stored" "$(q "SELECT count(*) FROM audit_log")" "$before"
equals "handler: the risk is unchanged" "$(q "SELECT impact || 'x' || likelihood FROM risks WHERE id = $rd")" "$size"

# --- identify (CSIRT/sysadmin tanaka): hostile text is stored and shown as text
as tanaka
req -b "$S" "$U/risks/new"
equals "identify form" "$code" 200
contains "identify form: owner choices" "$body" '<option value="kato">'
contains "identify form: systems" "$body" '<option value="SURV">'
req -b "$S" --data-urlencode "title=x" --data-urlencode "threat=y" --data-urlencode owner=kato "$U/risks"
equals "identify without CSRF token: 403" "$code" 403
post /risks "title=<script>alert(1)</script>" "threat='; DROP TABLE risks; --" owner=kato
equals "identify: 303" "$code" 303
new=$(q "SELECT max(id) FROM risks")
contains "identify: 303 to the new risk" "$hdr" "Location: /risks/$new?ok=add"
equals "identify: stored as text" "$(q "SELECT threat FROM risks WHERE id = $new")" "'; DROP TABLE risks; --"
equals "identify: the owner" "$(q "SELECT p.login FROM risks r JOIN people p ON p.id = r.owner_id WHERE r.id = $new")" kato
equals "identify: the audit trail names the person" \
  "$(q "SELECT actor FROM audit_log WHERE entity = 'risks' AND entity_id = '$new' AND action = 'insert'")" tanaka
req -b "$S" "$U/risks/$new?ok=add"
contains "new risk: registered notice" "$body" "リスクを登録しました。"
contains "new risk: title escaped" "$body" "&lt;script&gt;alert(1)&lt;/script&gt;"
lacks "new risk: no live script" "$body" "<script>"
contains "new risk: status" "$body" "未分析"
lacks "identifier (not owner, no analysing role): no analysis form" "$body" "action=\"/risks/$new/assess\""
n=$(nrisks)
post /risks title=x owner=kato
equals "identify without a threat: 400" "$code" 400
contains "identify: the library names the field" "$body" "threat: "
contains "identify: the form keeps what was typed" "$body" 'value="x"'
post /risks title=x threat=y owner=nobody
equals "identify with an unknown owner: 400" "$code" 400
post /risks title=x threat=y owner=kato assets=NO-SUCH-ASSET
equals "identify with an unknown asset: 400" "$code" 400
post /risks title=x threat=y owner=kato measures=9.9.9
equals "identify with an unknown guideline item: 400" "$code" 400
equals "bad input stores nothing" "$(nrisks)" "$n"
post /risks "title=USB 媒体" threat=持込み owner=kimura system=SURV "assets=$(q "SELECT code FROM assets WHERE system_id = (SELECT id FROM systems WHERE code = 'SURV') LIMIT 1")" \
  "measures=$(q "SELECT item_id FROM risk_measures LIMIT 1")" hse=1
equals "identify with system, assets, measures, HSE: 303" "$code" 303
kr=$(q "SELECT max(id) FROM risks")
equals "identify: asset linked" "$(q "SELECT count(*) FROM risk_assets WHERE risk_id = $kr")" 1
equals "identify: measure linked" "$(q "SELECT count(*) FROM risk_measures WHERE risk_id = $kr AND kind = 'existing'")" 1
equals "identify: HSE" "$(q "SELECT hse FROM risks WHERE id = $kr")" 1

# a 取扱者 who owns a risk sees that one (per object), and only that one
as kimura
req -b "$S" "$U/risks"
equals "owner-handler: exactly their risk" "$(row_ids | xargs)" "$kr"
req -b "$S" "$U/risks/$kr"
equals "owner-handler: their risk's page" "$code" 200
contains "owner-handler: may analyse their risk" "$body" "action=\"/risks/$kr/assess\""
post "/risks/$kr/assess" impact=3 likelihood=3 analysis=持込み頻度は月数回
equals "owner-handler: analyses their risk" "$code" 303
post "/risks/$kr/treat" option=低減 "plan=USB ポートの無効化" due=2099-03-31 residual_impact=3 residual_likelihood=1
equals "owner-handler: decides a reduction" "$code" 303
equals "reduction: treated, residual level, corrective action for the plan" \
  "$(q "SELECT r.status || ' ' || r.residual_level || ' ' || a.origin || ' ' || p.login || ' ' || a.due_date FROM risks r JOIN actions a ON a.id = r.action_id JOIN people p ON p.id = a.owner_id WHERE r.id = $kr")" \
  "treated 1 risk kimura 2099-03-31"
req -b "$S" "$U/risks/$kr?ok=treat"
contains "reduction: notice" "$body" "リスク対応を決定しました。"
contains "reduction: residual risk shown" "$body" '<dd id="risk-residual">3x1 低</dd>'


# --- analyse (the owner kato)
as kato
req -b "$S" "$U/risks/$new"
contains "owner: analysis form" "$body" "action=\"/risks/$new/assess\""
post "/risks/$new/assess" impact=4 likelihood=4 analysis=他空港で発生
equals "analyse: 303" "$code" 303
contains "analyse: back to the risk" "$hdr" "Location: /risks/$new?ok=assess"
equals "analyse: level and status" "$(q "SELECT level || ' ' || status FROM risks WHERE id = $new")" "3 needs_decision"
equals "analyse: history row by the person" \
  "$(q "SELECT h.step || ' ' || p.login FROM risk_history h JOIN people p ON p.id = h.by_id WHERE h.risk_id = $new ORDER BY h.id DESC LIMIT 1")" "assess kato"
equals "analyse: audit actor" \
  "$(q "SELECT actor FROM audit_log WHERE entity = 'risks' AND entity_id = '$new' ORDER BY seq DESC LIMIT 1")" kato
post "/risks/$new/assess" impact=7 likelihood=4 analysis=x
equals "analyse off the scale: 400" "$code" 400
contains "analyse off the scale: message" "$body" "impact"
post "/risks/$new/assess" impact=2 likelihood=2
equals "analyse without reasoning: 400" "$code" 400
equals "refused analyses change nothing" "$(q "SELECT impact || 'x' || likelihood FROM risks WHERE id = $new")" "4x4"
req -b "$S" "$U/risks/$new"
contains "risk page: the history shows the analysis" "$body" "<td>分析・評価</td><td>4x4 高</td>"

# --- treatment: retained at or above the threshold -> awaiting the CISO's acceptance
post "/risks/$new/treat" option=retain plan=来年度に更新
equals "treat (retain): 303" "$code" 303
equals "treat: awaiting acceptance" "$(q "SELECT status FROM risks WHERE id = $new")" awaiting_acceptance
equals "treat: decided by the owner" "$(q "SELECT p.login FROM risks r JOIN people p ON p.id = r.decided_by WHERE r.id = $new")" kato
post "/risks/$new/treat" option=ignore plan=x
equals "treat with an unknown option: 400" "$code" 400
post "/risks/$new/treat" option=reduce plan=x owner=nobody due=2099-01-01
equals "treat with an unknown treatment owner: 400" "$code" 400
contains "unknown treatment owner: named" "$body" "nobody"
post "/risks/$new/treat" option=reduce plan=x due=2099-01-01 items=9.9.9
equals "treat with an unknown guideline item: 400" "$code" 400
equals "refused treatments store nothing (still retained, no corrective action)" \
  "$(q "SELECT treatment || ' ' || (SELECT count(*) FROM actions WHERE origin = 'risk' AND origin_id = $new) FROM risks WHERE id = $new")" "retain 0"
req -b "$S" --data-urlencode "csrf=$csrf" --data-urlencode note=ok "$U/risks/$new/accept"
equals "the owner (not CISO) accepting: 403" "$code" 403
equals "still awaiting acceptance" "$(q "SELECT status FROM risks WHERE id = $new")" awaiting_acceptance

# another manager (yamaguchi, sysadmin of pax) may read but not analyse kato's risk
as yamaguchi
req -b "$S" "$U/risks/$new"
equals "sysadmin: reads the risk" "$code" 200
lacks "sysadmin: no analysis form" "$body" "action=\"/risks/$new/assess\""
post "/risks/$new/assess" impact=1 likelihood=1 analysis=x
equals "sysadmin: analysing someone else's risk: 403" "$code" 403
contains "sysadmin: message" "$body" "あなたの役割では、このリスクに対してこの手順は行えません"
equals "sysadmin: unchanged" "$(q "SELECT impact || 'x' || likelihood FROM risks WHERE id = $new")" "4x4"

# --- the CISO: decides sasaki's risk himself, so his own acceptance is refused (3.1.4.1(2))
as takahashi
post "/risks/$rd/treat" option=保有 plan=監視強化まで保有
equals "CISO decides the treatment of another's risk: 303" "$code" 303
equals "CISO's decision: awaiting acceptance" "$(q "SELECT status FROM risks WHERE id = $rd")" awaiting_acceptance
req -b "$S" "$U/risks/$rd"
contains "decider: the acceptance form is there (the server enforces the rule)" "$body" "action=\"/risks/$rd/accept\""
contains "decider: told it will be refused and why" "$body" "あなたによる受容の承認は拒否されます"
post "/risks/$rd/accept" note=承認
equals "decider accepting: 403" "$code" 403
contains "decider accepting: the library's separation-of-duties message" "$body" "3.1.4.1(2)"
equals "decider accepting: not accepted" "$(q "SELECT coalesce(accepted_by, 0) FROM risks WHERE id = $rd")" 0
equals "decider accepting: the refusal is in the audit trail" \
  "$(q "SELECT actor || ' ' || action FROM audit_log WHERE entity = 'risks' AND entity_id = '$rd' ORDER BY seq DESC LIMIT 1")" "takahashi refused"
req -b "$S" "$U/risks/$new"
contains "CISO: acceptance form for kato's risk" "$body" "action=\"/risks/$new/accept\""
req -b "$S" --data-urlencode note=x "$U/risks/$new/accept"
equals "accept without CSRF token: 403" "$code" 403

# --- race (5.3(12)): four concurrent acceptances by the CISO, one wins
audit0=$(q "SELECT count(*) FROM audit_log WHERE entity = 'risks' AND entity_id = '$new' AND action = 'approve'")
for i in 1 2 3 4; do
  curl -s -o /dev/null -w '%{http_code}\n' -b "$S" --data-urlencode "csrf=$csrf" \
    --data-urlencode "note=承認 $i" "$U/risks/$new/accept" >"$tmp/race-$i" &
done
wait_all() { for j in $(jobs -p); do [[ $j == "$pid" ]] || wait "$j"; done; }
wait_all
equals "concurrent acceptances: one 303, the others 409" "$(cat "$tmp"/race-* | sort | tr '\n' ' ')" "303 409 409 409 "
equals "accepted once, by the CISO" "$(q "SELECT status || ' ' || (SELECT login FROM people WHERE id = accepted_by) FROM risks WHERE id = $new")" "accepted takahashi"
equals "one acceptance in the audit trail" \
  "$(q "SELECT count(*) FROM audit_log WHERE entity = 'risks' AND entity_id = '$new' AND action = 'approve'")" $((audit0 + 1))
equals "one accept row in the history" "$(q "SELECT count(*) FROM risk_history WHERE risk_id = $new AND step = 'accept'")" 1
equals "no refusal recorded for the losers" \
  "$(q "SELECT count(*) FROM audit_log WHERE entity = 'risks' AND entity_id = '$new' AND action = 'refused'")" 0

# --- the executive accepts what the CISO decided
as sato
req -b "$S" "$U/risks/$rd"
contains "executive: acceptance form" "$body" "action=\"/risks/$rd/accept\""
post "/risks/$rd/accept" "note=<b>予算確保済み</b>"
equals "executive accepts: 303" "$code" 303
equals "accepted by the executive" "$(q "SELECT status || ' ' || (SELECT login FROM people WHERE id = accepted_by) FROM risks WHERE id = $rd")" "accepted sato"
req -b "$S" "$U/risks/$rd?ok=accept"
contains "accepted notice" "$body" "リスクの受容を承認しました。"
contains "acceptance note escaped" "$body" "&lt;b&gt;予算確保済み&lt;/b&gt;"

# --- review (the owner kato): re-analysis drops the acceptance of the old size
as kato
post "/risks/$new/review" impact=4 likelihood=2 "note=対策後に再評価" next=2099-01-01
equals "review: 303" "$code" 303
equals "review: new size, next date" "$(q "SELECT impact || 'x' || likelihood || ' ' || review_date || ' ' || status FROM risks WHERE id = $new")" "4x2 2099-01-01 accepted"
equals "review: history" "$(q "SELECT step FROM risk_history WHERE risk_id = $new ORDER BY id DESC LIMIT 1")" review
post "/risks/$new/review" note=x next=2000-01-01
equals "review with a past next date: 400" "$code" 400
req -b "$S" "$U/risks/$new?lang=en"
contains "risk page in English" "$body" "Analyse and evaluate (3.1.2.1③④)"
contains "risk page in English: status" "$body" "retained (accepted)"

run "the audit trail verifies" 0 "$AG_BIN" --db "$db" audit verify
grep -qE 'airguard serve:|Sanitizer|runtime error' "$tmp/serve.log" && not_ok "no server errors logged" "$(cat "$tmp/serve.log")" || ok "no server errors logged"
finish

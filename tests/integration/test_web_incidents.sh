#!/usr/bin/env bash
# The incident pages over real HTTP against the demo airport (docs/web/incidents.md): the list
# with its filters and who sees what, the report form every staff member can use, the timeline,
# the CSIRT's and officers' steps, the closure checklist, the report to MLIT and its "sent" step;
# per-object 403 (nothing stored), CSRF, hostile input shown as text, bad input 400, English,
# and concurrent closes (guideline 5.3(12)): one wins, the store and the audit trail consistent.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
web_start
wait_all() { for j in $(jobs -p); do [[ $j == "$pid" ]] || wait "$j"; done; }
last_actor() { q "SELECT actor FROM audit_log WHERE entity = '$1' ORDER BY seq DESC LIMIT 1"; }

# --- the list: who sees what
as takahashi
T_S=$S T_csrf=$csrf
req -b "$S" "$U/incidents"
equals "CISO: list" "$code" 200
contains "CISO: the open incident" "$body" 'href="/incidents/2"'
contains "CISO: the closed incident" "$body" 'href="/incidents/1"'
contains "list: times in JST with the UTC value kept" "$body" \
  '<time datetime="2026-' # the demo's detection times
contains "list: a report link for everyone" "$body" 'href="/incidents/new"'
open_pos=$(grep -bo 'href="/incidents/2"' <<<"$body" | head -1 | cut -d: -f1)
closed_pos=$(grep -bo 'href="/incidents/1"' <<<"$body" | head -1 | cut -d: -f1)
((open_pos < closed_pos)) && ok "list: open incidents first" || not_ok "list: open incidents first"
req -b "$S" "$U/incidents?status=closed"
contains "filter closed: the closed one" "$body" 'href="/incidents/1"'
lacks "filter closed: not the open one" "$body" 'href="/incidents/2"'
req -b "$S" "$U/incidents?severity=high"
contains "filter severity high" "$body" 'href="/incidents/1"'
lacks "filter severity high: not the medium one" "$body" 'href="/incidents/2"'
req -b "$S" "$U/incidents?status=%27%3B%20DROP%20TABLE%20incidents%3B%20--"
equals "hostile filter: 400" "$code" 400
req -b "$S" "$U/incidents?page=0"
equals "page 0: 400" "$code" 400
equals "incidents still there" "$(q "SELECT count(*) FROM incidents")" 2

as matsumoto   # the reporter of incident 2 (handler, pax)
req -b "$S" "$U/incidents"
contains "reporter: sees her own report" "$body" 'href="/incidents/2"'
lacks "reporter: not an incident she has no part in" "$body" 'href="/incidents/1"'
req -b "$S" "$U/incidents/1"
equals "reporter: another incident is 403" "$code" 403
contains "403 message" "$body" "閲覧する権限がありません"
req -b "$S" "$U/incidents/1/report"
equals "reporter: its report to MLIT is 403 too" "$code" 403
req -b "$S" "$U/incidents/2"
equals "reporter: own incident" "$code" 200
contains "own incident: the timeline" "$body" 'id="timeline"'
contains "own incident: the reporting chain's recipient" "$body" "(sasaki)"
contains "own incident: the key times" "$body" 'id="t-reported"><time datetime="'
lacks "handler: no cause form" "$body" 'action="/incidents/2/cause"'
lacks "handler: no close form" "$body" 'action="/incidents/2/close"'
contains "handler: may add timeline entries" "$body" 'action="/incidents/2/log"'
req -b "$S" "$U/incidents/99999"
equals "unknown incident: 404" "$code" 404
req -b "$S" "$U/incidents/1x"
equals "malformed id: 404" "$code" 404

# --- the report form: every staff member (kimura: handler in adm)
as kimura
K_S=$S K_csrf=$csrf
req -b "$S" "$U/incidents/new"
equals "report form" "$code" 200
contains "report form: detection time field" "$body" 'type="datetime-local"'
contains "report form: own department preselected" "$body" '<option value="adm" selected>'
e=$(($(date +%s) - 3600))
local_t=$(TZ=Asia/Tokyo date -d "@$e" +%FT%H:%M)
utc_t=$(date -u -d "@$e" +%FT%H:%M:00Z)
post /incidents "title=<script>alert(1)</script> 共有フォルダに不審なファイル" "description='; DROP TABLE incidents; --" \
  severity=high "detected=$local_t" "detection=ウイルス対策ソフトの警告" department=adm
equals "report: 303" "$code" 303
inc=$(q "SELECT max(id) FROM incidents")
contains "report: to the new incident" "$hdr" "Location: /incidents/$inc?ok=open"
equals "report: the reporter" "$(q "SELECT p.login FROM incidents i JOIN people p ON p.id = i.reported_by WHERE i.id = $inc")" kimura
equals "report: the local time stored as UTC" "$(q "SELECT detected_at FROM incidents WHERE id = $inc")" "$utc_t"
equals "report: hostile text stored as text" "$(q "SELECT description FROM incidents WHERE id = $inc")" "'; DROP TABLE incidents; --"
equals "report: the detection in the timeline" \
  "$(q "SELECT kind || ' ' || at FROM incident_events WHERE incident_id = $inc")" "detected $utc_t"
equals "report: audit actor" "$(last_actor incident_events)" kimura
req -b "$S" "$U/incidents/$inc?ok=open"
equals "own new incident" "$code" 200
contains "thanks" "$body" "報告を記録しました"
contains "title escaped" "$body" "&lt;script&gt;alert(1)&lt;/script&gt;"
lacks "no live script" "$body" "<script>"
contains "detection shown in JST" "$body" "<time datetime=\"$utc_t\">${local_t/T/ }</time>"
post /incidents "title=" severity=high
equals "report without a title: 400" "$code" 400
contains "report without a title: message" "$body" 'role="alert"'
post /incidents "title=x" severity=catastrophic
equals "bad severity: 400" "$code" 400
contains "bad severity: the field named" "$body" "severity"
post /incidents "title=x" "detected=2999-01-01T00:00"
equals "detection in the future: 400" "$code" 400
equals "refused reports store nothing" "$(q "SELECT count(*) FROM incidents")" "$inc"

# --- per-object: another handler may not see or add to it
as yamada   # a handler in another department (sec)
I_S=$S I_csrf=$csrf
req -b "$S" "$U/incidents/$inc"
equals "someone else's report: 403" "$code" 403
req -b "$S" "$U/incidents"
lacks "someone else's report: not listed" "$body" "href=\"/incidents/$inc\""
before=$(q "SELECT count(*) FROM audit_log")
post "/incidents/$inc/log" kind=note "text=見ました"
equals "someone else's incident: log 403" "$code" 403
equals "the 403 stored nothing" "$(q "SELECT count(*) FROM audit_log")" "$before"

# --- the reporting chain: kimura reports to yamada (3.1.2.4(2)②), who then takes part
S=$K_S csrf=$K_csrf
post "/incidents/$inc/log" kind=reported "text=部長へ報告"
equals "reported without a recipient: 400" "$code" 400
contains "reported without a recipient: the library's message in Japanese" "$body" "報告先が必要です"
post "/incidents/$inc/log" kind=note "at=2000-01-01T00:00" "text=x"
equals "entry before the detection: 400" "$code" 400
post "/incidents/$inc/log" kind=ministry-reported "text=送付した"
equals "ministry-reported as a plain entry: 403 (the CISO's sent step)" "$code" 403
equals "no ministry report recorded" "$(q "SELECT ministry_reported_at IS NULL FROM incidents WHERE id = $inc")" 1
post "/incidents/$inc/log" kind=reported to=nobody "text=x"
equals "unknown recipient: 400" "$code" 400
post "/incidents/$inc/log" kind=reported to=yamada "text=<b>警備部へ電話で報告</b>"
equals "reported: 303" "$code" 303
contains "reported: back to the incident" "$hdr" "Location: /incidents/$inc?ok=log"
equals "reported: stored with actor and recipient" \
  "$(q "SELECT p.login || '>' || t.login FROM incident_events e JOIN people p ON p.id = e.person_id JOIN people t ON t.id = e.to_person_id WHERE e.incident_id = $inc AND e.kind = 'reported'")" "kimura>yamada"
equals "reported: audit actor" "$(last_actor incident_events)" kimura
req -b "$S" "$U/incidents/$inc"
contains "timeline: text escaped" "$body" "&lt;b&gt;警備部へ電話で報告&lt;/b&gt;"
contains "timeline: the first report time" "$body" 'id="t-reported"><time'
post "/incidents/$inc/cause" class=accidental root_cause=x
equals "handler: cause refused by role (403)" "$code" 403
equals "handler: no cause stored" "$(q "SELECT cause_class IS NULL FROM incidents WHERE id = $inc")" 1
req -b "$S" --data-urlencode kind=note --data-urlencode text=x "$U/incidents/$inc/log"
equals "POST without CSRF token: 403" "$code" 403
S=$I_S csrf=$I_csrf
req -b "$S" "$U/incidents/$inc"
equals "the recipient of the report now sees it" "$code" 200

# --- auditors see every incident, read only
as hayashi
req -b "$S" "$U/incidents/$inc"
equals "auditor: sees it" "$code" 200
contains "auditor: read-only note" "$body" "監査実施者として閲覧しています"
lacks "auditor: no forms" "$body" "action=\"/incidents/$inc/log\""
post "/incidents/$inc/log" kind=note text=x
equals "auditor: log refused 403" "$code" 403

# --- a システム管理者 sees the incidents that affect a system of their department
as yamaguchi  # sysadmin of pax, which owns FIDS
G_S=$S
req -b "$S" "$U/incidents/$inc"
equals "sysadmin of pax: not yet (no pax system affected)" "$code" 403

# --- the CSIRT's steps (tanaka: csirt, sysadmin it)
as tanaka
C_S=$S C_csrf=$csrf
req -b "$S" "$U/incidents/$inc"
contains "csirt: system form" "$body" "action=\"/incidents/$inc/system\""
contains "csirt: cause form" "$body" "action=\"/incidents/$inc/cause\""
contains "csirt: leak form" "$body" "action=\"/incidents/$inc/leak\""
lacks "csirt: no close form (CISO)" "$body" "action=\"/incidents/$inc/close\""
contains "checklist: recovery missing" "$body" '<li class="missing"><span class="mark" aria-hidden="true">✗</span> 未了: 復旧している'
contains "checklist: the report done" "$body" '<li class="done"><span class="mark" aria-hidden="true">✓</span> 済: 時系列に報告'
post "/incidents/$inc/log" kind=emergency-measure "text=端末をネットワークから切り離し"
equals "emergency measure: 303" "$code" 303
post "/incidents/$inc/system" system=FIDS "impact=表示の一部停止" "outage_start=$local_t" delayed=-3
equals "negative count: 400" "$code" 400
post "/incidents/$inc/system" system=NOPE impact=x
equals "unknown system: 400" "$code" 400
post "/incidents/$inc/system" system=FIDS "impact=表示の一部停止" "outage_start=$local_t" delayed=0 cancelled=0 passengers=120
equals "affected system: 303" "$code" 303
equals "affected system stored" "$(q "SELECT passengers_affected || ' ' || outage_start FROM incident_systems WHERE incident_id = $inc")" "120 $utc_t"
req -b "$G_S" "$U/incidents/$inc"
equals "sysadmin of pax: sees it once FIDS is affected" "$code" 200
post "/incidents/$inc/cause" class=intentional detail=マルウェア "root_cause=USB メモリ経由の感染"
equals "cause: 303" "$code" 303
equals "cause stored" "$(q "SELECT cause_class || '/' || root_cause FROM incidents WHERE id = $inc")" "intentional/USB メモリ経由の感染"
equals "cause: audit actor" "$(last_actor incidents)" tanaka
post "/incidents/$inc/leak" "data=職員名簿（氏名、内線番号）" subjects=40
equals "leak: 303" "$code" 303
post "/incidents/$inc/leak/step" step=leak-stopped "date=$(date -u +%F)"
equals "leak step before the source: refused (3.1.2.6(7)① order)" "$code" 403
contains "leak step before the source: the reason" "$body" "source must be identified first"
post "/incidents/$inc/leak/step" step=source-identified "date=$(date -u +%F)"
equals "leak step: 303" "$code" 303
equals "leak step stored" "$(q "SELECT source_identified_on FROM incident_leaks WHERE incident_id = $inc")" "$(date -u +%F)"
req -b "$S" "$U/incidents/$inc"
contains "checklist: leak items appear" "$body" "個人データの漏えい: 本人への通知"
contains "checklist: the MLIT report (critical system FIDS)" "$body" "国土交通省への情報連絡を送付済み"

# --- closing too early is refused with the reasons; the refusal is in the audit trail
as takahashi
T_S=$S T_csrf=$csrf
post "/incidents/$inc/close" note=早すぎる終結
equals "close with items missing: 403" "$code" 403
contains "close refused: the library's reasons" "$body" "まだ終結できません"
equals "close refused: still open" "$(q "SELECT status FROM incidents WHERE id = $inc")" open
equals "close refused: written to the audit trail" \
  "$(q "SELECT actor || ' ' || action FROM audit_log WHERE entity = 'incidents' AND entity_id = '$inc' ORDER BY seq DESC LIMIT 1")" "takahashi refused"

# --- the rest of the response, the report to MLIT
S=$C_S csrf=$C_csrf
for st in leak-stopped spread-stopped subjects-notified ppc-reported; do
  post "/incidents/$inc/leak/step" step=$st "date=$(date -u +%F)"
  [[ $code == 303 ]] || not_ok "leak step $st: $code"
done
post "/incidents/$inc/leak/step" step=no-publication "note=対象者全員に個別通知済みのため"
equals "no publication with a reason: 303" "$code" 303
post "/incidents/$inc/system" system=FIDS "outage_end=$(TZ=Asia/Tokyo date -d "@$((e + 600))" +%FT%H:%M)"
equals "outage end: 303" "$code" 303
post "/incidents/$inc/log" kind=recovered "text=駆除と再設定を完了"
equals "recovered: 303" "$code" 303
equals "recovered: status" "$(q "SELECT status FROM incidents WHERE id = $inc")" recovered
S=$T_S csrf=$T_csrf
post "/incidents/$inc/prevent" "title=USB 媒体の利用制限を全端末に適用" owner=suzuki department=it due=2027-03-31 "items=3.1.5.2(2), 3.1.2.4(2)"
equals "prevent: 303" "$code" 303
act=$(q "SELECT id FROM actions WHERE origin = 'incident' AND origin_id = $inc")
[[ $act =~ ^[0-9]+$ ]] && ok "prevent: a corrective action with origin incident" || not_ok "prevent: action"
equals "prevent: its items" "$(q "SELECT count(*) FROM action_items WHERE action_id = ${act:-0}")" 2
post "/incidents/$inc/prevent" "title=x" owner=suzuki due=2027-03-31 "items=9.9.9"
equals "prevent with an unknown item: 400" "$code" 400
req -b "$S" "$U/incidents/$inc"
contains "the action is listed" "$body" "href=\"/actions/$act\""
contains "checklist: only the MLIT report missing" "$body" '<li class="missing"><span class="mark" aria-hidden="true">✗</span> 未了: 重要システム'
before_export=$(q "SELECT count(*) FROM audit_log WHERE action = 'export' AND entity = 'incidents' AND entity_id = '$inc'")
req -b "$S" "$U/incidents/$inc/report"
equals "report to MLIT: 200" "$code" 200
contains "report: the form's heading" "$body" "国土交通省への情報連絡"
contains "report: a field of the form" "$body" 'id="f-title"'
contains "report: the title escaped" "$body" "&lt;script&gt;alert(1)&lt;/script&gt;"
contains "report: the sent form for the CISO" "$body" "action=\"/incidents/$inc/report/sent\""
equals "report: each rendering is an export row by the person" \
  "$(q "SELECT count(*) || ' ' || max(actor) FROM audit_log WHERE action = 'export' AND entity = 'incidents' AND entity_id = '$inc'")" "$((before_export + 1)) takahashi"
req -b "$S" "$U/incidents/$inc/report?lang=en"
contains "report in English" "$body" "Information liaison to MLIT"
req -b "$S" "$U/incidents/$inc/report?lang=ja"
post "/incidents/$inc/report/sent"
equals "report sent: 303" "$code" 303
contains "report sent: back to the report" "$hdr" "Location: /incidents/$inc/report?ok=sent"
equals "report sent: recorded" "$(q "SELECT ministry_reported_at IS NOT NULL FROM incidents WHERE id = $inc")" 1
equals "report sent: a timeline entry" "$(q "SELECT count(*) FROM incident_events WHERE incident_id = $inc AND kind = 'ministry-reported'")" 1
S=$C_S csrf=$C_csrf
req -b "$S" "$U/incidents/$inc/report"
lacks "csirt: no sent form" "$body" "/report/sent\""
post "/incidents/$inc/report/sent"
equals "csirt: report sent refused by role" "$code" 403

# --- the CISO may not close what the CISO reported (3.1.4.1(2))
S=$T_S csrf=$T_csrf
post /incidents "title=CISO が認知した事象" severity=low
own=$(q "SELECT max(id) FROM incidents")
req -b "$S" "$U/incidents/$own"
contains "own report: the deputy closes it" "$body" "代行者"
post "/incidents/$own/close"
equals "closing one's own report: 403" "$code" 403
contains "closing one's own report: separation of duties" "$body" "役割の分離"

# --- race (5.3(12)): four concurrent closes, one wins
req -b "$S" "$U/incidents/$inc"
contains "checklist complete" "$body" "終結に必要な事項はすべて記録されています"
refused0=$(q "SELECT count(*) FROM audit_log WHERE action = 'refused' AND entity = 'incidents' AND entity_id = '$inc'")
for i in 1 2 3 4; do
  curl -s -o /dev/null -w '%{http_code}\n' -b "$S" --data-urlencode "csrf=$csrf" \
    --data-urlencode "note=終結 $i" "$U/incidents/$inc/close" >"$tmp/race-$i" &
done
wait_all
codes=$(cat "$tmp"/race-* | sort | tr '\n' ' ')
equals "concurrent closes: one 303, three 409" "$codes" "303 409 409 409 "
equals "closed once" "$(q "SELECT count(*) FROM incident_events WHERE incident_id = $inc AND kind = 'closed'")" 1
equals "closed by the CISO" "$(q "SELECT status || ' ' || p.login FROM incidents i JOIN people p ON p.id = i.closed_by WHERE i.id = $inc")" "closed takahashi"
equals "the losers are conflicts, not recorded refusals" \
  "$(q "SELECT count(*) FROM audit_log WHERE action = 'refused' AND entity = 'incidents' AND entity_id = '$inc'")" "$refused0"
equals "one close row in the audit trail" "$(q "SELECT count(*) FROM audit_log WHERE action = 'close' AND entity = 'incidents' AND entity_id = '$inc'")" 1
req -b "$S" "$U/incidents/$inc"
lacks "closed: no more forms" "$body" "action=\"/incidents/$inc/log\""
contains "closed: status" "$body" '<dd id="inc-status">終結</dd>'
post "/incidents/$inc/log" kind=note text=x
equals "entry on a closed incident: 409" "$code" 409
contains "closed: the library's message" "$body" "終結しています"

# --- times shown in JST across day, year and leap-day boundaries (UTC given with a zone)
for pair in "2025-12-31T20:00Z|2026-01-01 05:00" "2024-02-28T16:30Z|2024-02-29 01:30" \
  "2026-03-31T15:00:00Z|2026-04-01 00:00"; do
  post /incidents "title=境界 ${pair%%|*}" "detected=${pair%%|*}"
  equals "opened with detection ${pair%%|*}" "$code" 303
  b=$(q "SELECT max(id) FROM incidents")
  req -b "$S" "$U/incidents/$b"
  contains "JST of ${pair%%|*}" "$body" "id=\"t-detected\"><time datetime=\"$(q "SELECT detected_at FROM incidents WHERE id = $b")\">${pair##*|}</time>"
done

# --- English
req -b "$S" "$U/incidents/$inc?lang=en"
contains "English page" "$body" "Key times (JST)"
contains "English: timeline kinds" "$body" "emergency measure"
req -b "$S" "$U/incidents/new?lang=en"
contains "English report form" "$body" "Report an incident"
req -b "$S" "$U/?lang=ja"

run "the audit trail verifies" 0 "$AG_BIN" --db "$db" audit verify
run "the store is consistent" 0 "$AG_BIN" --db "$db" db check
grep -qE 'airguard serve:|Sanitizer|runtime error' "$tmp/serve.log" && not_ok "no server errors logged" "$(cat "$tmp/serve.log")" || ok "no server errors logged"
kill -TERM "$pid"
wait "$pid"
equals "the server stops cleanly" "$?" 0
finish

#!/usr/bin/env bash
# The corrective action pages over real HTTP against the demo airport (docs/web/actions.md): the
# list (overdue first, filters status / department / mine), who sees which action, an action's
# page with its items and history, the steps (start, done, verify, reopen, cancel) with the
# separation of duties (the owner never verifies, 3.1.4.1(2)), per-object 403 with nothing
# stored, CSRF, hostile input shown as text, bad input 400, English, and concurrent verifies
# (5.3(12)): one wins, the others 409, the audit trail intact.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
web_start
wait_all() { for j in $(jobs -p); do [[ $j == "$pid" ]] || wait "$j"; done; }
status_of() { q "SELECT status FROM actions WHERE id = $1"; }
today=$(date -u +%F)

# --- the list (CISO sees all)
as takahashi
T_S=$S T_csrf=$csrf
req -b "$S" "$U/actions"
equals "list: 200" "$code" 200
equals "list: every action" "$(grep -o '<tr[^>]*><td><a href="/actions/[0-9]*"' <<<"$body" | wc -l)" \
  "$(q "SELECT count(*) FROM actions")"
overdue=$(q "SELECT id FROM actions WHERE due_date < '$today' AND status IN ('open','in_progress') ORDER BY due_date LIMIT 1")
first=$(grep -o '<tr[^>]*><td><a href="/actions/[0-9]*"' <<<"$body" | head -1 | sed 's/.*actions\/\([0-9]*\)"/\1/')
equals "list: overdue first" "$first" "$overdue"
contains "list: overdue marked" "$body" '<tr class="overdue">'
contains "list: origin incident links to it" "$body" '<a href="/incidents/1">1</a>'
req -b "$S" "$U/actions?status=verified"
contains "filter verified" "$body" 'href="/actions/7"'
lacks "filter verified: not an open one" "$body" 'href="/actions/5"'
req -b "$S" "$U/actions?status=overdue"
contains "filter overdue" "$body" "href=\"/actions/$overdue\""
lacks "filter overdue: not a verified one" "$body" 'href="/actions/7"'
req -b "$S" "$U/actions?dept=pax"
contains "filter department pax" "$body" 'href="/actions/2"'
lacks "filter department pax: not fac" "$body" 'href="/actions/5"'
req -b "$S" "$U/actions?dept=%27%20OR%201%3D1%20--"
equals "hostile department: 400" "$code" 400
req -b "$S" "$U/actions?status=bogus"
equals "unknown status: 400" "$code" 400
req -b "$S" "$U/actions?mine=yes"
equals "bad mine: 400" "$code" 400

# --- who sees what: the owner, the department's manager; others 403
as nakamura   # owner of 3, 5, 7, 8 (handler, sysadmin fac)
N_S=$S N_csrf=$csrf
req -b "$S" "$U/actions?mine=1"
mine=$(grep -o '<tr[^>]*><td><a href="/actions/[0-9]*"' <<<"$body" | sed 's/.*actions\/\([0-9]*\)"/\1/' | sort -n | tr '\n' ' ')
equals "mine: the owner's actions" "$mine" "$(q "SELECT id FROM actions WHERE owner_id = (SELECT id FROM people WHERE login = 'nakamura') ORDER BY id" | tr '\n' ' ')"
req -b "$S" "$U/actions/2"
equals "another department's action: 403" "$code" 403
contains "403 message" "$body" "閲覧する権限がありません"
req -b "$S" "$U/actions/99999"
equals "unknown action: 404" "$code" 404
"$AG_BIN" --db "$db" --as mori action add --origin other --title "総務部の文書管理手順の見直し" \
  --owner kimura --dept adm --due 2027-01-31 >/dev/null
adm=$(q "SELECT max(id) FROM actions")
as inoue      # manager of adm (not on the committee)
I_S=$S I_csrf=$csrf
req -b "$S" "$U/actions"
contains "manager: the department's action" "$body" "href=\"/actions/$adm\""
lacks "manager: not another department's" "$body" 'href="/actions/5"'
req -b "$S" "$U/actions/5"
equals "manager of another department: 403" "$code" 403
as tanaka     # CSIRT: the actions that come from incidents
req -b "$S" "$U/actions"
contains "csirt: an incident's action" "$body" 'href="/actions/5"'
lacks "csirt: not a self-inspection action" "$body" 'href="/actions/2"'
as yamamoto   # manager of fac (and committee member), owner of 1 and 6
Y_S=$S Y_csrf=$csrf
req -b "$S" "$U/actions"
contains "committee: sees every action" "$body" 'href="/actions/2"'
as kimura     # handler in adm, owner of the one new action only
K_S=$S K_csrf=$csrf
req -b "$S" "$U/actions"
equals "handler: only his own action listed" \
  "$(grep -o '<tr[^>]*><td><a href="/actions/[0-9]*"' <<<"$body" | sed 's/.*actions\/\([0-9]*\)"/\1/')" "$adm"
before=$(q "SELECT count(*) FROM audit_log")
post /actions/5/step step=start
equals "step on an action one may not see: 403" "$code" 403
equals "nothing stored" "$(q "SELECT count(*) FROM audit_log")" "$before"
equals "still open" "$(status_of 5)" open

# --- the owner: start, done; the page: items and history
S=$N_S csrf=$N_csrf
req -b "$S" "$U/actions/5"
equals "owner: the action" "$code" 200
contains "items linked to the guideline" "$body" 'href="/catalog/3.1.2.4-2"'
contains "history: created" "$body" "登録"
contains "owner: start form" "$body" '<input type="hidden" name="step" value="start">'
lacks "owner: no verify form" "$body" 'value="verify"'
lacks "owner: no cancel form (the manager's)" "$body" 'value="cancel"'
req -b "$S" --data-urlencode step=start "$U/actions/5/step"
equals "POST without CSRF: 403" "$code" 403
post /actions/5/step step=launch
equals "unknown step: 400" "$code" 400
post /actions/5/step step=start
equals "start: 303" "$code" 303
contains "start: back to the action" "$hdr" "Location: /actions/5?ok=start"
equals "start: in progress" "$(status_of 5)" in_progress
equals "start: audit actor" "$(q "SELECT actor FROM audit_log WHERE entity = 'actions' AND entity_id = '5' ORDER BY seq DESC LIMIT 1")" nakamura
post /actions/5/step step=start
equals "start again: 409" "$code" 409
post /actions/5/step step=cancel
equals "owner cancels: 403 (the manager's or CISO's step)" "$code" 403
contains "cancel refused: message" "$body" "権限がありません"
equals "cancel refused: recorded" "$(q "SELECT action FROM audit_log WHERE entity = 'actions' AND entity_id = '5' ORDER BY seq DESC LIMIT 1")" refused
post /actions/5/step step=done text=
equals "done without a result: 400" "$code" 400
post /actions/5/step step=done "text=<script>alert(1)</script> 四半期試験を計画し初回を実施'; DROP TABLE actions; --"
equals "done: 303" "$code" 303
equals "done: stored as text" "$(q "SELECT status || '|' || result FROM actions WHERE id = 5")" \
  "done|<script>alert(1)</script> 四半期試験を計画し初回を実施'; DROP TABLE actions; --"
req -b "$S" "$U/actions/5?ok=done"
contains "done: notice" "$body" "完了を報告しました"
contains "result escaped" "$body" "&lt;script&gt;alert(1)&lt;/script&gt;"
lacks "no live script" "$body" "<script>"
contains "history: the change of status" "$body" "対応中 → 完了"
contains "owner: someone else verifies" "$body" "あなた以外の者が行います"
post /actions/5/step step=verify
equals "owner verifies own action: 403" "$code" 403
equals "not verified" "$(q "SELECT status || coalesce(verified_by, '-') FROM actions WHERE id = 5")" "done-"

# --- the manager of the department verifies (not the owner: 3.1.4.1(2))
as sasaki     # manager of pax and committee member: sees action 5 but does not verify it
req -b "$S" "$U/actions/5"
equals "committee member: sees it" "$code" 200
lacks "another department's manager: no verify form" "$body" 'value="verify"'
post /actions/5/step step=verify
equals "another department's manager verifies: 403" "$code" 403
equals "still done" "$(status_of 5)" done
S=$Y_S csrf=$Y_csrf
req -b "$S" "$U/actions/5"
contains "manager: verify form" "$body" '<input type="hidden" name="step" value="verify">'
contains "manager: send-back form" "$body" '<input type="hidden" name="step" value="reopen">'
post /actions/5/step step=reopen text=
equals "send back without a reason: 400" "$code" 400
post /actions/5/step step=reopen "text=初回試験の記録を添付してください"
equals "send back: 303" "$code" 303
equals "sent back: in progress" "$(status_of 5)" in_progress
S=$N_S csrf=$N_csrf
post /actions/5/step step=done "text=初回試験の記録を添付"
equals "done again: 303" "$code" 303
S=$Y_S csrf=$Y_csrf
post /actions/5/step step=verify
equals "verify: 303" "$code" 303
equals "verified by the manager" "$(q "SELECT a.status || ' ' || p.login FROM actions a JOIN people p ON p.id = a.verified_by WHERE a.id = 5")" "verified yamamoto"
equals "verify: audit actor" "$(q "SELECT actor FROM audit_log WHERE entity = 'actions' AND entity_id = '5' ORDER BY seq DESC LIMIT 1")" yamamoto
req -b "$S" "$U/actions/5"
lacks "verified: no more steps" "$body" 'name="step"'
contains "history: the whole way" "$body" "完了 → 確認済み"

# --- race (5.3(12)): the owner declares done, four concurrent verifies by the CISO: one wins
S=$Y_S csrf=$Y_csrf
post /actions/6/step step=done "text=訓練計画を策定"
equals "action 6 done by its owner: 303" "$code" 303
S=$T_S csrf=$T_csrf
for i in 1 2 3 4; do
  curl -s -o /dev/null -w '%{http_code}\n' -b "$S" --data-urlencode "csrf=$csrf" \
    --data-urlencode step=verify "$U/actions/6/step" >"$tmp/race-$i" &
done
wait_all
codes=$(cat "$tmp"/race-* | sort | tr '\n' ' ')
equals "concurrent verifies: one 303, three 409" "$codes" "303 409 409 409 "
equals "verified once" "$(q "SELECT count(*) FROM audit_log WHERE entity = 'actions' AND entity_id = '6' AND action = 'update' AND json_extract(detail, '\$.new.status') = 'verified'")" 1
equals "the losers are conflicts, not recorded refusals" \
  "$(q "SELECT count(*) FROM audit_log WHERE entity = 'actions' AND entity_id = '6' AND action = 'refused'")" 0
equals "verified by the CISO" "$(q "SELECT a.status || ' ' || p.login FROM actions a JOIN people p ON p.id = a.verified_by WHERE a.id = 6")" "verified takahashi"

# --- the department's manager verifies kimura's action; the owner may not
S=$K_S csrf=$K_csrf
post /actions/$adm/step step=done "text=手順書を改訂"
equals "kimura: done: 303" "$code" 303
post /actions/$adm/step step=verify
equals "kimura verifies own: 403" "$code" 403
contains "own verify: the reason" "$body" "権限がありません"
S=$I_S csrf=$I_csrf
post /actions/$adm/step step=verify
equals "inoue (manager adm) verifies: 303" "$code" 303
equals "verified by inoue" "$(q "SELECT p.login FROM actions a JOIN people p ON p.id = a.verified_by WHERE a.id = $adm")" inoue

# --- cancel by the CISO; English
S=$T_S csrf=$T_csrf
post /actions/4/step step=cancel
equals "CISO cancels: 303" "$code" 303
equals "cancelled" "$(status_of 4)" cancelled
req -b "$S" "$U/actions/4?lang=en"
contains "English: status" "$body" "cancelled"
contains "English: history" "$body" "History"
req -b "$S" "$U/actions?lang=en"
contains "English list" "$body" "Corrective actions"
req -b "$S" "$U/?lang=ja"

run "the audit trail verifies" 0 "$AG_BIN" --db "$db" audit verify
run "the store is consistent" 0 "$AG_BIN" --db "$db" db check
grep -qE 'airguard serve:|Sanitizer|runtime error' "$tmp/serve.log" && not_ok "no server errors logged" "$(cat "$tmp/serve.log")" || ok "no server errors logged"
kill -TERM "$pid"
wait "$pid"
equals "the server stops cleanly" "$?" 0
finish

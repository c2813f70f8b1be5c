#!/usr/bin/env bash
# The register pages (台帳, src/isms/registers.h) over real HTTP against the demo airport: the
# index and due list, list with search, show, add / edit round trips through the generic forms,
# per-object authorisation (who keeps which register: docs/web/registers.md), hostile text
# stored as text and shown escaped, CSV download (headers and the same content as the CLI),
# the steps with rules (checklist answer, contract approval with separation of duties, policy
# review, cloud decision, training attendance, contact chain check), CSRF, bad input, and
# concurrent approvals (5.3(12)) of which exactly one wins.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
web_start
wait_all() { for j in $(jobs -p); do [[ $j == "$pid" ]] || wait "$j"; done; }
HOSTILE="<script>alert(1)</script>'; DROP TABLE reg_personal_data; --"

# --- index, list, search, show
as sasaki
req -b "$S" "$U/registers"
equals "registers: index" "$code" 200
contains "index: the personal data ledger" "$body" '<a href="/registers/pdata">個人データ取扱台帳</a>'
contains "index: what is overdue" "$body" "REG-001"
req -b "$S" "$U/registers/pdata"
equals "pdata list" "$code" 200
contains "pdata list: PD-PAXWEB" "$body" "PD-PAXWEB"
contains "pdata list: PD-LOSTFOUND" "$body" "PD-LOSTFOUND"
contains "pdata list: the manager may add" "$body" 'href="/registers/pdata/add"'
contains "pdata list: CSV download link" "$body" 'href="/registers/pdata/csv"'
req -b "$S" "$U/registers/pdata?q=paxweb"
contains "search (case-insensitive): a match" "$body" "PD-PAXWEB"
lacks "search: no other record" "$body" "PD-LOSTFOUND"
req -b "$S" "$U/registers/pdata?q=%E9%81%BA%E5%A4%B1"
contains "search in Japanese (遺失)" "$body" "PD-LOSTFOUND"
lacks "search in Japanese: only the match" "$body" "PD-PAXWEB"
req -b "$S" "$U/registers/pdata?page=0"
equals "bad page number: 400" "$code" 400
req -b "$S" "$U/registers/nosuch"
equals "unknown register: 404" "$code" 404
pdx=$(q "SELECT id FROM reg_personal_data WHERE code = 'PD-PAXWEB'")
req -b "$S" "$U/registers/pdata/$pdx"
equals "pdata record" "$code" 200
contains "record: its fields" "$body" 'id="f-overseas_rules">EU 在住会員について GDPR を参照<'
contains "record: editable by the department's manager" "$body" "href=\"/registers/pdata/$pdx/edit\""
req -b "$S" "$U/registers/pdata/99999"
equals "unknown record: 404" "$code" 404
req -b "$S" "$U/registers/pdata/$pdx?lang=en"
contains "record in English" "$body" "Personal data ledger"
req -b "$S" "$U/registers/pdata/$pdx?lang=ja"

# --- add: the generic form, hostile text, bad input, CSRF
req -b "$S" "$U/registers/pdata/add"
equals "add form" "$code" 200
contains "add form: an enum as a select" "$body" '<option value="published">published</option>'
contains "add form: departments to choose" "$body" '<option value="pax">pax 旅客サービス部</option>'
fields=(code=PD-TEST "name=$HOSTILE" dept=pax manager=sasaki "items=氏名、メールアドレス"
  purpose=問合せ対応 purpose-notice=stated location=総務サーバ method=暗号化 access=担当2名
  use-period=1年 level=medium)
before=$(q "SELECT count(*) FROM reg_personal_data")
args=()
for f in "${fields[@]}"; do args+=(--data-urlencode "$f"); done
req -b "$S" "${args[@]}" "$U/registers/pdata/add"
equals "add without CSRF token: 403" "$code" 403
post /registers/pdata/add "${fields[@]/purpose-notice=stated/purpose-notice=rumour}"
equals "add with a bad value: 400" "$code" 400
contains "bad value: the message names the field" "$body" "purpose-notice"
contains "bad value: what was typed stays in the form" "$body" 'value="PD-TEST"'
post /registers/pdata/add code=PD-TEST name=x
equals "add without required fields: 400" "$code" 400
equals "refused adds store nothing" "$(q "SELECT count(*) FROM reg_personal_data")" "$before"
post /registers/pdata/add "${fields[@]/dept=pax/dept=fac}"
equals "add for another department: 403" "$code" 403
contains "another department: message" "$body" "権限がありません"
equals "refused add stores nothing" "$(q "SELECT count(*) FROM reg_personal_data")" "$before"
post /registers/pdata/add "${fields[@]}"
equals "add: 303" "$code" 303
nid=$(q "SELECT id FROM reg_personal_data WHERE code = 'PD-TEST'")
contains "add: to the new record" "$hdr" "Location: /registers/pdata/$nid?ok=add"
equals "add: hostile text stored as text" "$(q "SELECT name FROM reg_personal_data WHERE id = $nid")" "$HOSTILE"
equals "add: defaults applied (reviewed today)" "$(q "SELECT reviewed_on FROM reg_personal_data WHERE id = $nid")" "$(date -u +%F)"
equals "add: the audit trail names the person" \
  "$(q "SELECT actor FROM audit_log WHERE entity = 'reg_personal_data' AND entity_id = '$nid' AND action = 'insert'")" sasaki
req -b "$S" "$U/registers/pdata/$nid?ok=add"
contains "record: hostile text escaped" "$body" "&lt;script&gt;alert(1)&lt;/script&gt;&#39;; DROP TABLE"
lacks "record: no live script" "$body" "<script>alert"
req -b "$S" "$U/registers/pdata?q=PD-TEST"
contains "list: hostile text escaped" "$body" "&lt;script&gt;alert(1)&lt;/script&gt;"

# --- edit round trip: the form shows the stored values; only changed fields are written
req -b "$S" "$U/registers/pdata/$nid/edit"
equals "edit form" "$code" 200
contains "edit form: the key is read-only" "$body" 'name="code" type="text" value="PD-TEST" readonly'
contains "edit form: stored text, escaped" "$body" 'value="&lt;script&gt;alert(1)&lt;/script&gt;'
contains "edit form: the stored choice selected" "$body" '<option value="medium" selected>'
post /registers/pdata/$nid/edit code=PD-TEST "name=$HOSTILE" dept=pax manager=sasaki level=high \
  subjects=120 "overseas=GDPR"
equals "edit: 303" "$code" 303
contains "edit: back to the record" "$hdr" "Location: /registers/pdata/$nid?ok=edit"
equals "edit: the changes stored" \
  "$(q "SELECT protection_level || ' ' || subjects || ' ' || overseas_rules || ' ' || code FROM reg_personal_data WHERE id = $nid")" \
  "high 120 GDPR PD-TEST"
equals "edit: untouched fields kept" "$(q "SELECT purpose FROM reg_personal_data WHERE id = $nid")" 問合せ対応
req -b "$S" "$U/registers/pdata/$nid/edit"
contains "edit round trip: the new value in the form" "$body" '<option value="high" selected>'
contains "edit round trip: the number" "$body" 'name="subjects" type="number" value="120"'
post /registers/pdata/$nid/edit "overseas="
equals "edit: an optional field cleared" "$code" 303
equals "edit: cleared" "$(q "SELECT overseas_rules FROM reg_personal_data WHERE id = $nid")" ""
post /registers/pdata/$nid/edit name=
equals "edit: a required field cannot be cleared: 400" "$code" 400
post /registers/pdata/$nid/edit level=high
equals "edit without a change: 400" "$code" 400
post /registers/pdata/$nid/edit dept=fac
equals "moving one's record to another department: 403" "$code" 403
equals "the record stays in its department" \
  "$(q "SELECT d.code FROM reg_personal_data x JOIN departments d ON d.id = x.department_id WHERE x.id = $nid")" pax

# --- per-object refusal: another department's manager, staff without an ISMS role
as kato
req -b "$S" "$U/registers/pdata/$nid"
equals "kato (sec manager) may read the ledger" "$code" 200
lacks "kato: no edit link" "$body" "/registers/pdata/$nid/edit"
req -b "$S" "$U/registers/pdata/$nid/edit"
equals "kato: edit form refused" "$code" 403
post /registers/pdata/$nid/edit level=low
equals "kato: edit refused" "$code" 403
equals "kato: nothing changed" "$(q "SELECT protection_level FROM reg_personal_data WHERE id = $nid")" high
as kimura
req -b "$S" "$U/registers/pdata"
equals "kimura (no ISMS role): the ledger refused" "$code" 403
req -b "$S" "$U/registers/pdata/csv"
equals "kimura: the CSV refused" "$code" 403
req -b "$S" "$U/registers/contact"
equals "kimura: the emergency contact network is for everyone" "$code" 200
lacks "kimura: no add link" "$body" 'href="/registers/contact/add"'
req -b "$S" "$U/registers/contact/check"
equals "contact check" "$code" 200
contains "contact check: the demo chains are complete" "$body" 'id="contact-problems" class="ok"'
req -b "$S" "$U/registers"
lacks "kimura: the index hides the ledger" "$body" 'href="/registers/pdata"'
contains "kimura: the index shows the policies" "$body" 'href="/registers/policy"'

# --- CSV download: safe headers, the same content as the CLI, the export audited
as sasaki
curl -s -D "$tmp/csvhdr" -o "$tmp/web.csv" -b "$S" "$U/registers/pdata/csv"
hdr=$(tr -d '\r' <"$tmp/csvhdr")
contains "csv: 200" "$hdr" "HTTP/1.1 200"
contains "csv: content type" "$hdr" "Content-Type: text/csv; charset=utf-8"
contains "csv: attachment with a fixed file name" "$hdr" \
  "Content-Disposition: attachment; filename=\"airguard-pdata-$(date -u +%F).csv\""
contains "csv: nosniff" "$hdr" "X-Content-Type-Options: nosniff"
contains "csv: not cached" "$hdr" "Cache-Control: no-store"
"$AG_BIN" --db "$db" register pdata list --format csv >"$tmp/cli.csv"
cmp -s "$tmp/web.csv" "$tmp/cli.csv" && ok "csv: the same bytes as airguard register pdata list --format csv" ||
  not_ok "csv equals the CLI's" "$(diff "$tmp/web.csv" "$tmp/cli.csv" | head)"
contains "csv: the header line" "$(head -1 "$tmp/web.csv")" '"id","code","name","department","manager"'
contains "csv: the hostile name as a quoted field" "$(cat "$tmp/web.csv")" "\"$HOSTILE\""
equals "csv: the export is in the audit trail with the person" \
  "$(q "SELECT actor FROM audit_log WHERE action = 'export' AND entity = 'reg_personal_data' ORDER BY seq LIMIT 1")" sasaki

# --- contractor: checklist answer by the owner; approval with separation of duties
ct=$(q "SELECT id FROM reg_contractors WHERE code = 'PAX-WEB'")
as kato
post /registers/contractor/$ct/check key=pd-incident-liability answer=met
equals "checklist answer by another department's manager: 403" "$code" 403
as yamaguchi
req -b "$S" "$U/registers/contractor/$ct"
equals "contractor record (owner)" "$code" 200
contains "checklist: the open item" "$body" 'id="check-pd-incident-liability"'
post /registers/contractor/$ct/check key=pd-incident-liability answer=na
equals "na without a reason: 400" "$code" 400
post /registers/contractor/$ct/check key=pd-incident-liability answer=met note=契約書に追記
equals "checklist answer: 303" "$code" 303
equals "checklist answer stored" \
  "$(q "SELECT a.answer || ' ' || p.login FROM reg_checklist_answers a JOIN reg_checklist_items i ON i.id = a.item_id JOIN people p ON p.id = a.answered_by WHERE a.contractor_id = $ct AND i.item_key = 'pd-incident-liability'")" \
  "met yamaguchi"
post /registers/contractor/$ct/approve
equals "the owner may not approve the own contract: 403" "$code" 403
contains "own contract: separation of duties" "$body" "役割の分離（3.1.4.1(2)）"
equals "own contract: the refusal is audited" \
  "$(q "SELECT actor || ' ' || action FROM audit_log ORDER BY seq DESC LIMIT 1")" "yamaguchi refused"
as sasaki
for i in 1 2 3; do
  curl -s -o /dev/null -w '%{http_code}\n' -b "$S" --data-urlencode "csrf=$csrf" \
    "$U/registers/contractor/$ct/approve" >"$tmp/race-a-$i" &
done
wait_all
equals "concurrent approvals: one wins, the others 409" \
  "$(cat "$tmp"/race-a-* | sort | tr '\n' ' ')" "303 409 409 "
equals "approved by the manager" \
  "$(q "SELECT c.status || ' ' || p.login FROM reg_contractors c JOIN people p ON p.id = c.approved_by WHERE c.id = $ct")" \
  "active sasaki"
equals "one approval in the audit trail" \
  "$(q "SELECT count(*) FROM audit_log WHERE action = 'approve' AND entity = 'reg_contractors' AND entity_id = '$ct'")" 1

# --- policy: review by the CISO; an edit that changes nothing of substance keeps the approval
pol=$(q "SELECT id FROM reg_policies WHERE code = 'REG-001'")
as suzuki
post /registers/policy/$pol/review occasion=periodic outcome=confirmed
equals "the owner may not review the own regulation: 403" "$code" 403
as takahashi
post /registers/policy/$pol/review occasion=periodic outcome=confirmed note=変更なし
equals "policy review: 303" "$code" 303
equals "policy review: next review moved" "$(q "SELECT last_review FROM reg_policies WHERE id = $pol")" "$(date -u +%F)"
title=$(q "SELECT title FROM reg_policies WHERE id = $pol")
post /registers/policy/$pol/edit "title=$title" review-months=24
equals "policy edit (same title, new interval): 303" "$code" 303
equals "an unchanged field does not send the policy back to draft" \
  "$(q "SELECT status || ' ' || review_months FROM reg_policies WHERE id = $pol")" "approved 24"
post /registers/policy/$pol/edit version=2.0
equals "policy content edit: 303" "$code" 303
equals "a content change needs approval again" "$(q "SELECT status FROM reg_policies WHERE id = $pol")" draft
# a browser sends the whole edit form back, textarea lines with CR LF: nothing unchanged may
# count as a change (it would send an approved document back to draft)
reg2=$(q "SELECT id FROM reg_policies WHERE code = 'REG-002'")
policy_form() { # ID [NAME=VALUE overrides…]: every field as the edit form shows it
  local id=$1 col
  shift
  form=()
  declare -A over=()
  for o in "$@"; do over[${o%%=*}]=${o#*=}; done
  for pair in code:code title:title kind:kind "parent:(SELECT code FROM reg_policies p WHERE p.id = x.parent_id)" \
    "owner:(SELECT login FROM people WHERE id = x.owner_id)" "dept:(SELECT code FROM departments WHERE id = x.department_id)" \
    version:version purpose:purpose authority:authority members:members review-triggers:review_triggers \
    review-months:review_months status:status; do
    col=${pair#*:}
    local v
    v=$(q "SELECT coalesce($col, '') FROM reg_policies x WHERE id = $id")
    [[ -n ${over[${pair%%:*}]+x} ]] && v=${over[${pair%%:*}]}
    form+=("${pair%%:*}=${v//$'\n'/$'\r\n'}")
  done
}
policy_form "$reg2" "purpose=規程の目的"$'\n'"第2行"
post /registers/policy/$reg2/edit "${form[@]}"
equals "full form with a changed purpose: 303" "$code" 303
equals "CR LF from the browser stored as LF" "$(q "SELECT purpose FROM reg_policies WHERE id = $reg2")" "規程の目的"$'\n'"第2行"
equals "a content change returns the regulation to draft" "$(q "SELECT status FROM reg_policies WHERE id = $reg2")" draft
post /registers/policy/$reg2/approve
equals "the CISO approves it again" "$code" 303
req -b "$S" "$U/registers/policy/$reg2/edit"
contains "edit form: a status the form cannot set is offered as it is" "$body" \
  '<option value="approved" selected>approved</option>'
policy_form "$reg2" review-months=36
post /registers/policy/$reg2/edit "${form[@]}"
equals "full form, only the interval changed: 303" "$code" 303
equals "the unchanged form keeps the approval" \
  "$(q "SELECT status || ' ' || review_months FROM reg_policies WHERE id = $reg2")" "approved 36"
cl=$(q "SELECT id FROM reg_cloud_services WHERE code = 'FIDS-CLOUD'")
post /registers/cloud/$cl/decide decision=rejected note=再検討
equals "deciding a decided cloud service: 409" "$code" 409

# --- training: the owner records attendance
tr=$(q "SELECT id FROM reg_trainings WHERE status = 'planned' ORDER BY id LIMIT 1")
owner=$(q "SELECT p.login FROM reg_trainings t JOIN people p ON p.id = t.owner_id WHERE t.id = $tr")
as "$owner"
post /registers/training/$tr/people mode=attend people=tanaka,ito
equals "attendance: 303" "$code" 303
equals "attendance stored, training held" \
  "$(q "SELECT count(*) || ' ' || (SELECT status FROM reg_trainings WHERE id = $tr) FROM reg_training_attendees WHERE training_id = $tr AND attended = 1")" \
  "2 held"
post /registers/training/$tr/people mode=attend people=nobody
equals "attendance of an unknown login: 400" "$code" 400
post /registers/training/$tr/approve
equals "a step the register does not have: 404" "$code" 404

run "the audit trail verifies" 0 "$AG_BIN" --db "$db" audit verify
grep -q 'airguard serve:' "$tmp/serve.log" && not_ok "no server errors logged" "$(cat "$tmp/serve.log")" || ok "no server errors logged"
kill -TERM "$pid"
wait "$pid"
equals "the server stops cleanly" "$?" 0
finish

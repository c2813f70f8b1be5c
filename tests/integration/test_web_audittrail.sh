#!/usr/bin/env bash
# The audit trail page over real HTTP (`airguard serve`, curl): entries of a web action appear
# with the acting person; filters (actor, table, record, action, dates) and paging; secrets only
# as digests; verification on demand (POST with CSRF) — intact, then, after audit_log was
# tampered with through sqlite3, the row where the chain breaks, as `airguard audit verify` says;
# only the administrator, the CISO and auditors may see it (a 取扱者 gets 403).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
web_start
today=$(date -u +%F)

# --- a web action by the administrator: lock kimura
as mori
kid=$(q "SELECT a.id FROM accounts a JOIN people p ON p.id = a.person_id WHERE p.login = 'kimura'")
post "/users/$kid/lock"
equals "the administrator locks kimura" "$code" 303
lock_seq=$(q "SELECT max(seq) FROM audit_log WHERE entity = 'accounts' AND entity_id = '$kid' AND action = 'update'")
req -b "$S" "$U/audit"
equals "administrator: /audit 200" "$code" 200

# --- an auditor reads it
as hayashi
contains "menu: the audit trail for an auditor" "$body" 'href="/audit"'
req -b "$S" "$U/audit"
equals "auditor: /audit 200" "$code" 200
contains "heading" "$body" "<h1>監査証跡</h1>"
contains "the guideline's reference" "$body" "ガイドライン 3.1.5.1(2)(a)、3.3.1.1(2)"
row=$(sed -n "s|.*\(<tr id=\"row-$lock_seq\">.*\)|\1|p" <<<"$body" | sed 's|</tr>.*||')
contains "the lock is a row" "$row" "<td>$lock_seq</td>"
contains "the row's actor is the administrator" "$row" "<td>mori</td>"
contains "the row's action" "$row" "<td>update</td>"
contains "the row's table and id" "$row" "<td>accounts</td><td>$kid</td>"
contains "the row's change: locked 0 → 1" "$row" "<dt>locked</dt><dd>0 → 1</dd>"
contains "the row's time" "$row" "<td>${today}T"
first=$(grep -o '<tr id="row-[0-9]*"' <<<"$body" | head -1 | tr -dc 0-9)
equals "newest first" "$first" "$(q "SELECT max(seq) FROM audit_log")"
equals "50 rows a page" "$(grep -o '<tr id="row-' <<<"$body" | wc -l)" 50
contains "a next page" "$body" 'href="/audit?page=2"'
req -b "$S" "$U/audit?page=2"
contains "page 2: back link" "$body" 'href="/audit?page=1"'

# --- filters
req -b "$S" "$U/audit?actor=mori&entity=accounts&id=$kid"
equals "filter: 200" "$code" 200
contains "filter: the lock" "$body" "<tr id=\"row-$lock_seq\">"
equals "filter: only mori's rows on kimura's account" \
  "$(grep -o '<tr id="row-' <<<"$body" | wc -l)" \
  "$(q "SELECT count(*) FROM audit_log WHERE actor = 'mori' AND entity = 'accounts' AND entity_id = '$kid'")"
req -b "$S" "$U/audit?entity=accounts&action=update&from=$today&to=$today"
contains "filter by action and dates: the lock" "$body" "<tr id=\"row-$lock_seq\">"
lacks "filter by action: no inserts" "$body" "<td>insert</td>"
req -b "$S" "$U/audit?to=2000-01-01"
contains "nothing before the store existed" "$body" "該当する行はありません"
demo_day=$(q "SELECT substr(at, 1, 10) FROM audit_log WHERE at < '$today' ORDER BY seq DESC LIMIT 1")
req -b "$S" "$U/audit?from=$today"
contains "from today: the lock" "$body" "<tr id=\"row-$lock_seq\">"
lacks "from today: not the demo's earlier rows" "$body" "<td>${demo_day}T"
req -b "$S" "$U/audit?to=$demo_day"
lacks "to the demo's day: not the lock" "$body" "<tr id=\"row-$lock_seq\">"
req -b "$S" "$U/audit?from=2026-13-01"
equals "bad date: 400" "$code" 400
contains "bad date: the message names the field" "$body" "from:"
req -b "$S" "$U/audit?entity=x%27%3B%20DROP%20TABLE%20audit_log%3B--"
equals "hostile table filter: 400" "$code" 400
req -b "$S" "$U/audit?actor=%3Cscript%3Ealert(1)%3C%2Fscript%3E"
equals "hostile actor filter: 200" "$code" 200
contains "hostile actor filter: escaped" "$body" 'value="&lt;script&gt;alert(1)&lt;/script&gt;"'
lacks "hostile actor filter: no live script" "$body" "<script>"
req -b "$S" "$U/audit?action=drop"
equals "unknown action filter: 400" "$code" 400
equals "audit_log intact after hostile filters" "$(q "SELECT count(*) > 0 FROM audit_log")" 1

# --- secrets only as digests (the demo TOTP secret and argon2id hashes never appear)
req -b "$S" "$U/audit?entity=accounts"
contains "secret columns as digests" "$body" "<dt>totp_secret</dt><dd>sha256:"
contains "password hashes as digests" "$body" "<dt>password_hash</dt><dd>sha256:"
lacks "no TOTP secret" "$body" "JBSWY3DPEHPK3PXP"
lacks "no password hash" "$body" 'argon2id$'
req -b "$S" "$U/audit?lang=en"
contains "English" "$body" "<h1>Audit trail</h1>"
req -b "$S" "$U/audit?lang=ja"

# --- verification on demand: intact
req -b "$S" "$U/audit"
contains "never verified yet" "$body" "まだ検証されていません"
req -b "$S" "$U/audit/verify" -X POST -d x=1
equals "verify without CSRF token: 403" "$code" 403
req -b "$S" --data-urlencode "csrf=0$csrf" "$U/audit/verify"
equals "verify with a wrong CSRF token: 403" "$code" 403
post /audit/verify
equals "verify: 303" "$code" 303
contains "verify: back to the panel" "$hdr" "Location: /audit?ok=verify#verify"
rows=$("$AG_BIN" --db "$db" --lang en audit verify | sed -n 's/.*intact, \([0-9]*\) rows.*/\1/p')
req -b "$S" "$U/audit?ok=verify"
contains "verify: intact" "$body" "id=\"verify-result\">改ざんなし: "
contains "verify: who checked" "$body" "hayashi が"
equals "verify: recorded with the auditor" \
  "$(q "SELECT actor || ' ' || json_extract(detail, '$.result') FROM audit_log WHERE action = 'verify' ORDER BY seq DESC LIMIT 1")" \
  "hayashi intact"
# the row count the page checked equals the CLI's (which also sees the verify row)
equals "verify: the same rows as airguard audit verify" \
  "$(q "SELECT json_extract(detail, '$.rows') + 1 FROM audit_log WHERE action = 'verify' ORDER BY seq DESC LIMIT 1")" "$rows"

# --- tampering behind airguard's back shows where the chain breaks
q "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE seq = 7;"
run "the CLI sees the break" 1 "$AG_BIN" --db "$db" --lang en audit verify
contains "the CLI names row 7" "$out" "row 7 was modified"
post /audit/verify
equals "verify after tampering: 303" "$code" 303
req -b "$S" "$U/audit"
contains "the page shows the break at row 7" "$body" "id=\"verify-result\">行 7 で連鎖が壊れています: row 7 was modified"
req -b "$S" "$U/audit?lang=en"
contains "in English too" "$body" "Broken at row 7: row 7 was modified"
req -b "$S" "$U/audit?lang=ja"

# --- the CISO may, a 取扱者 (kimura is locked; inoue is 取扱者) may not
as takahashi
req -b "$S" "$U/audit"
equals "CISO: /audit 200" "$code" 200
as inoue
lacks "menu: no audit trail for a 取扱者" "$body" 'href="/audit"'
req -b "$S" "$U/audit"
equals "取扱者: /audit 403" "$code" 403
before=$(q "SELECT count(*) FROM audit_log")
post /audit/verify
equals "取扱者: verify 403" "$code" 403
equals "取扱者: nothing recorded" "$(q "SELECT count(*) FROM audit_log")" "$before"
req "$U/audit"
equals "no session: redirect" "$code" 303

grep -q 'airguard serve:' "$tmp/serve.log" && not_ok "no server errors logged" "$(cat "$tmp/serve.log")" || ok "no server errors logged"
kill -TERM "$pid"
wait "$pid"
equals "the server stops cleanly" "$?" 0
finish

#!/usr/bin/env bash
# The JSON API /api/v1 over real HTTP against the demo airport (docs/web/api.md): the token
# life cycle through `airguard token`, every endpoint, JSON errors with the right status
# (401/403/404/405/400/409/413/415/429), scopes and roles, per-object rules (another person's
# sheet → 403 and nothing stored), hostile strings returned as JSON strings, bad JSON named,
# revoked/expired/locked tokens refused, pagination walking whole lists, the audit trail's actor
# and the per-address throttling shared with sign-in (last: it blocks the address).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
web_start
ag() { "$AG_BIN" --db "$db" --lang en "$@"; }
# api TOKEN CURL-ARGS…: a request with the bearer token
api() {
  local t=$1
  shift
  req -H "Authorization: Bearer $t" "$@"
}
# post_json TOKEN PATH JSON
post_json() { api "$1" -H 'Content-Type: application/json' --data-binary "$3" "$U$2"; }
jqr() { jq -r "$1" <<<"$body"; }
errcode() { jq -r '.error.code' <<<"$body" 2>/dev/null; }
sha() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
# audit rows after SEQ other than a token's last-use refresh (api_tokens.last_used_at)
changes_since() { q "SELECT count(*) FROM audit_log WHERE seq > $1 AND entity <> 'api_tokens'"; }

# --- tokens through the CLI
run "token add" 0 ag token add kobayashi --name "FIDS monitor" --scope read,assess,incident
tk=$out
[[ $tk =~ ^agt_[0-9a-f]{64}$ ]] && ok "token has the agt_ prefix and 256 bits of hex" || not_ok "token format" "$tk"
contains "token add: told it is shown once (stderr)" "$err" "shown only now"
equals "token stored as its SHA-256 only" "$(q "SELECT count(*) FROM api_tokens WHERE token_hash = '$(sha "$tk")' AND scopes = 'read,assess,incident'")" 1
equals "the secret itself is nowhere in the store" "$(q "SELECT (SELECT count(*) FROM api_tokens WHERE token_hash = '$tk' OR name LIKE '%${tk:4}%') + (SELECT count(*) FROM audit_log WHERE detail LIKE '%${tk:4}%')")" 0
run "token add read-only" 0 ag token add kobayashi --name reader --scope read && tk_read=$out
run "token add incident-only" 0 ag token add kobayashi --name sensor --scope incident && tk_inc=$out
run "token add for suzuki (committee)" 0 ag token add suzuki --name dashboard --scope read && tk_suz=$out
run "token add for yoshida" 0 ag token add yoshida --name ops --scope read && tk_yos=$out
run "token add for matsumoto" 0 ag token add matsumoto --name mine --scope read && tk_mat=$out
run "token add: unknown scope refused" 2 ag token add kobayashi --name x --scope read,admin &&
  contains "unknown scope named" "$err" '"admin" is not one of: read, assess, incident'
run "token add: no such account" 2 ag token add nobody --name x --scope read &&
  contains "unknown login named" "$err" 'no account with login "nobody"'
run "token add: expiry in the past" 2 ag token add kobayashi --name x --scope read --expires 2020-01-01 &&
  contains "past expiry refused" "$err" "in the past"
run "token add: name required" 2 ag token add kobayashi --scope read
run "token list" 0 ag token list kobayashi
contains "token list: name" "$out" "FIDS monitor"
contains "token list: scopes" "$out" "read,assess,incident"
contains "token list: state" "$out" "active"
lacks "token list: only that person's" "$out" "suzuki"
lacks "token list: never the secret" "$out" "${tk:4:16}"

# --- authentication: 401 with WWW-Authenticate, JSON errors, the usual headers, no cookies
req "$U/api/v1/me"
equals "no token → 401" "$code" 401
equals "no token: error code" "$(errcode)" unauthorized
contains "no token: WWW-Authenticate" "$hdr" 'WWW-Authenticate: Bearer realm="airguard"'
contains "JSON content type" "$hdr" "Content-Type: application/json; charset=utf-8"
contains "security headers: nosniff" "$hdr" "X-Content-Type-Options: nosniff"
contains "security headers: frame" "$hdr" "X-Frame-Options: DENY"
contains "security headers: CSP" "$hdr" "frame-ancestors 'none'"
contains "no caching" "$hdr" "Cache-Control: no-store"
api "agt_$(printf '0%.0s' {1..64})" "$U/api/v1/me"
equals "unknown token → 401" "$code" 401
equals "unknown token: invalid_token" "$(errcode)" invalid_token
contains "unknown token: WWW-Authenticate error" "$hdr" 'error="invalid_token"'
req -H "Authorization: Basic $(printf 'kobayashi:%s' "$PW" | base64)" "$U/api/v1/me"
equals "Basic credentials are not accepted" "$code" 401
as kobayashi
req -b "$S" "$U/api/v1/me"
equals "a session cookie does not authenticate the API" "$code" 401
api "$tk" "$U/api/v1/me?lang=ja"
lacks "the API sets no cookie (not even the language)" "$hdr" "Set-Cookie"

# --- /me
api "$tk" "$U/api/v1/me"
equals "me" "$code" 200
equals "me: login" "$(jqr .login)" kobayashi
equals "me: roles" "$(jqr '.roles | join(",")')" handler
equals "me: token scopes" "$(jqr '.token.scopes | join(",")')" read,assess,incident
equals "me: token name" "$(jqr .token.name)" "FIDS monitor"
api "$tk_inc" "$U/api/v1/me"
equals "me needs no scope" "$code" 200
[[ -n $(q "SELECT last_used_at FROM api_tokens WHERE token_hash = '$(sha "$tk")'") ]] &&
  ok "last_used is recorded" || not_ok "last_used is recorded"

# --- catalog
api "$tk" "$U/api/v1/catalog/3.1.5.1"
equals "catalog item" "$code" 200
equals "catalog item: id" "$(jqr .id)" 3.1.5.1
[[ $(jqr '.children | length') -gt 0 ]] && ok "catalog item: children" || not_ok "catalog item: children"
api "$tk" "$U/api/v1/catalog/3.1.5.1(1)"
equals "catalog item by printed ref" "$(jqr .ref)" "3.1.5.1(1)"
api "$tk" "$U/api/v1/catalog/9.9.9"
equals "unknown item → 404" "$code" 404
equals "unknown item: not_found" "$(errcode)" not_found
equals "unknown item: message" "$(jqr .error.message)" "No such guideline item"
api "$tk" -H 'Accept-Language: ja' "$U/api/v1/catalog/9.9.9"
equals "Accept-Language: ja → Japanese message" "$(jqr .error.message)" "該当するガイドラインの項目はありません"
api "$tk" "$U/api/v1/nothing/here"
equals "unknown API path → JSON 404" "$(errcode)" not_found
api "$tk" -X POST -H 'Content-Type: application/json' -d '{}' "$U/api/v1/me"
equals "wrong method → 405" "$code" 405
equals "wrong method: JSON" "$(errcode)" method_not_allowed
contains "wrong method: Allow" "$hdr" "Allow: GET, HEAD"

# --- my sheets: own only, pagination
me=$(q "SELECT id FROM people WHERE login = 'kobayashi'")
sheet=$(q "SELECT id FROM assess_sheets WHERE respondent_id = $me AND status = 'issued' ORDER BY id DESC LIMIT 1")
done_sheet=$(q "SELECT id FROM assess_sheets WHERE respondent_id = $me AND status = 'submitted' LIMIT 1")
other=$(q "SELECT s.id FROM assess_sheets s JOIN people p ON p.id = s.respondent_id WHERE p.login = 'kimura' AND s.status = 'issued' LIMIT 1")
[[ $sheet =~ ^[0-9]+$ && $other =~ ^[0-9]+$ && $done_sheet =~ ^[0-9]+$ ]] || { echo "not ok - demo sheets"; exit 1; }
api "$tk" "$U/api/v1/assess/sheets"
equals "my sheets" "$code" 200
equals "my sheets: exactly my sheets, newest first" "$(jqr '[.items[].id] | join(" ")')" \
  "$(q "SELECT group_concat(id, ' ') FROM (SELECT id FROM assess_sheets WHERE respondent_id = $me ORDER BY id DESC)")"
equals "my sheets: one page, no next" "$(jqr .next)" null
walk() { # PATH TOKEN LIMIT: every id over all pages, one per line
  local after="" ids=() pages=0
  while :; do
    local sep='?'
    [[ $1 == *\?* ]] && sep='&'
    api "$2" "$U$1${sep}limit=$3${after:+&after=$after}"
    [[ $code == 200 ]] || { echo "HTTP $code"; return; }
    ids+=($(jqr '.items[].id'))
    after=$(jqr .next)
    pages=$((pages + 1))
    [[ $after == null || $pages -gt 100 ]] && break
  done
  printf '%s\n' "${ids[@]}"
}
got=$(walk /api/v1/assess/sheets "$tk" 1)
equals "paging my sheets one by one: every sheet once, in order" "$(tr '\n' ' ' <<<"$got")" \
  "$(q "SELECT group_concat(id, ' ') || ' ' FROM (SELECT id FROM assess_sheets WHERE respondent_id = $me ORDER BY id DESC)")"
api "$tk" "$U/api/v1/assess/sheets?status=submitted"
equals "my sheets: status filter" "$(jqr '[.items[].status] | unique | join(",")')" submitted
for bad in "limit=0" "limit=201" "limit=x" "after=abc" "after=0" "status=nope"; do
  api "$tk" "$U/api/v1/assess/sheets?$bad"
  equals "my sheets ?$bad → 400" "$code" 400
done
contains "bad limit: message names it" "$(api "$tk" "$U/api/v1/assess/sheets?limit=0"; echo "$body")" "limit: give a number from 1 to 200"

api "$tk" "$U/api/v1/assess/sheets/$sheet"
equals "my sheet" "$code" 200
equals "my sheet: answers listed" "$(jqr '.answers | length')" "$(q "SELECT count(*) FROM assess_answers WHERE sheet_id = $sheet")"
item=$(jqr '.answers[0].item')
item2=$(jqr '.answers[1].item')
[[ -n $item && $item != null && -n $item2 && $item2 != null ]] || not_ok "sheet has items"
api "$tk" "$U/api/v1/assess/sheets/$other"
equals "another person's sheet → 403" "$code" 403
equals "another person's sheet: forbidden" "$(errcode)" forbidden
api "$tk" "$U/api/v1/assess/sheets/999999"
equals "unknown sheet → 404" "$code" 404
api "$tk" "$U/api/v1/assess/sheets/abc"
equals "malformed sheet id → 404" "$code" 404

# --- answering through the API
hostile="'; DROP TABLE assess_answers; -- <script>alert(1)</script> \"quoted\" 日本語"
audit0=$(q "SELECT max(seq) FROM audit_log")
post_json "$tk" "/api/v1/assess/sheets/$sheet/answers" \
  "$(jq -n --arg i "$item" --arg i2 "$item2" --arg c "$hostile" '{answers: [{item: $i, answer: "partial", comment: $c}, {item: $i2, answer: "実施"}]}')"
equals "answers saved" "$code" 200
equals "answers: stored" "$(q "SELECT answer FROM assess_answers WHERE sheet_id = $sheet AND item_id = '$item'")" partial
equals "answers: Japanese answer accepted" "$(q "SELECT answer FROM assess_answers WHERE sheet_id = $sheet AND item_id = '$item2'")" implemented
equals "hostile comment stored as it is" "$(q "SELECT comment FROM assess_answers WHERE sheet_id = $sheet AND item_id = '$item'")" "$hostile"
equals "hostile comment returned as a JSON string" "$(jq -r --arg i "$item" '.answers[] | select(.item == $i) | .comment' <<<"$body")" "$hostile"
lacks "no raw markup escapes the JSON encoding" "$body" '"<script>alert(1)</script> "quoted"'
equals "answers: the audit actor is the token's person" \
  "$(q "SELECT group_concat(DISTINCT actor) FROM audit_log WHERE seq > $audit0 AND entity = 'assess_answers'")" kobayashi
tid=$(q "SELECT id FROM api_tokens WHERE token_hash = '$(sha "$tk")'")
equals "answers: an api audit row names the token" \
  "$(q "SELECT count(*) FROM audit_log WHERE seq > $audit0 AND action = 'api' AND entity = 'api_tokens' AND entity_id = '$tid' AND actor = 'kobayashi'")" 1
# another person's sheet: 403 and nothing stored
before=$(q "SELECT max(seq) FROM audit_log")
oitem=$(q "SELECT item_id FROM assess_answers WHERE sheet_id = $other LIMIT 1")
post_json "$tk" "/api/v1/assess/sheets/$other/answers" "{\"answers\": [{\"item\": \"$oitem\", \"answer\": \"implemented\"}]}"
equals "answering another person's sheet → 403" "$code" 403
equals "another person's sheet: nothing stored" "$(changes_since "$before")" 0
# all or nothing: a batch with one bad answer stores none
post_json "$tk" "/api/v1/assess/sheets/$sheet/answers" \
  "{\"answers\": [{\"item\": \"$item\", \"answer\": \"not_applicable\"}, {\"item\": \"$item2\", \"answer\": \"maybe\"}]}"
equals "a bad answer in a batch → 400" "$code" 400
contains "the bad answer is named by position" "$(jqr .error.message)" "answers[1]"
equals "the batch stored nothing" "$(q "SELECT answer FROM assess_answers WHERE sheet_id = $sheet AND item_id = '$item'")" partial
equals "the batch: audit trail unchanged" "$(changes_since "$before")" 0
# bad bodies
post_json "$tk" "/api/v1/assess/sheets/$sheet/answers" '{"answers": [{"item": "x", "answer": "implemented"},]}'
equals "bad JSON → 400" "$code" 400
equals "bad JSON: invalid_request" "$(errcode)" invalid_request
contains "bad JSON: the problem and its place are named" "$(jqr .error.message)" "not valid JSON (line 1, column"
post_json "$tk" "/api/v1/assess/sheets/$sheet/answers" '[1, 2]'
contains "not an object → 400 named" "$(jqr .error.message)" "must be a JSON object"
post_json "$tk" "/api/v1/assess/sheets/$sheet/answers" "{\"answers\": [{\"item\": \"$item\", \"answr\": \"implemented\"}]}"
contains "misspelt field named" "$(jqr .error.message)" "answers[0].answr: unknown field"
post_json "$tk" "/api/v1/assess/sheets/$sheet/answers" "{\"answers\": [{\"item\": \"$item\", \"answer\": 5}]}"
contains "wrong type named" "$(jqr .error.message)" "answers[0].answer: must be a string"
post_json "$tk" "/api/v1/assess/sheets/$sheet/answers" '{"answers": [], "answers": []}'
contains "duplicate keys refused" "$(jqr .error.message)" "duplicate"
post_json "$tk" "/api/v1/assess/sheets/$sheet/answers" "{\"answers\": [{\"item\": \"$item\", \"answer\": \"implemented\", \"comment\": \"a\\u0007b\"}]}"
contains "control characters refused" "$(jqr .error.message)" "control characters"
post_json "$tk" "/api/v1/assess/sheets/$sheet/answers" ''
equals "empty body → 400" "$code" 400
api "$tk" --data-urlencode "answers=x" "$U/api/v1/assess/sheets/$sheet/answers"
equals "a form body → 415" "$code" 415
equals "a form body: unsupported_media_type" "$(errcode)" unsupported_media_type
head -c 70000 /dev/zero | tr '\0' ' ' >"$tmp/big.json"
api "$tk" -H 'Content-Type: application/json' --data-binary "@$tmp/big.json" "$U/api/v1/assess/sheets/$sheet/answers"
equals "a body over 64 KiB → 413" "$code" 413
equals "too large: JSON error" "$(errcode)" too_large
post_json "$tk" "/api/v1/assess/sheets/$done_sheet/answers" "{\"answers\": [{\"item\": \"$(q "SELECT item_id FROM assess_answers WHERE sheet_id = $done_sheet LIMIT 1")\", \"answer\": \"implemented\"}]}"
equals "a submitted sheet → 409" "$code" 409
equals "a submitted sheet: conflict" "$(errcode)" conflict
equals "nothing stored after the refusals" "$(changes_since "$before")" 0

# concurrent answers to one item (5.3(12)): each is its own transaction, all saved in turn
race0=$(q "SELECT max(seq) FROM audit_log")
racers=()
for a in implemented partial not_implemented not_applicable; do
  curl -s -o "$tmp/race-$a" -w '%{http_code}' -H "Authorization: Bearer $tk" -H 'Content-Type: application/json' \
    -d "{\"answers\": [{\"item\": \"$item2\", \"answer\": \"$a\", \"comment\": \"$a\"}]}" \
    "$U/api/v1/assess/sheets/$sheet/answers" >"$tmp/race-code-$a" &
  racers+=($!)
done
wait "${racers[@]}"
equals "concurrent answers: all accepted" "$(for f in "$tmp"/race-code-*; do cat "$f"; echo; done | sort -u | tr -d '\n')" 200
equals "concurrent answers: four audited updates, one per request" \
  "$(q "SELECT count(*) FROM audit_log WHERE seq > $race0 AND entity = 'assess_answers' AND action = 'update'")|$(q "SELECT count(*) FROM audit_log WHERE seq > $race0 AND action = 'api'")" "4|4"
equals "concurrent answers: the stored answer and comment belong together" \
  "$(q "SELECT answer = comment FROM assess_answers WHERE sheet_id = $sheet AND item_id = '$item2'")" 1

# --- scopes
before=$(q "SELECT max(seq) FROM audit_log")
post_json "$tk_read" "/api/v1/assess/sheets/$sheet/answers" "{\"answers\": [{\"item\": \"$item\", \"answer\": \"implemented\"}]}"
equals "read-only token cannot answer → 403" "$code" 403
equals "read-only token: insufficient_scope" "$(errcode)" insufficient_scope
contains "insufficient scope: WWW-Authenticate names the scope" "$hdr" 'error="insufficient_scope", scope="assess"'
equals "read-only token: nothing stored" "$(changes_since "$before")" 0
api "$tk_inc" "$U/api/v1/assess/sheets"
equals "incident-only token cannot read → 403" "$code" 403
equals "incident-only token: insufficient_scope" "$(errcode)" insufficient_scope
post_json "$tk_read" /api/v1/incidents '{"title": "x"}'
equals "read-only token cannot report an incident" "$code" 403

# --- risks: ISMS roles only
api "$tk" "$U/api/v1/risks"
equals "a handler may not list risks → 403" "$code" 403
equals "risks: forbidden" "$(errcode)" forbidden
api "$tk_suz" "$U/api/v1/risks"
equals "risks for a committee member" "$code" 200
equals "risks: every risk" "$(jqr '.items | length')" "$(q "SELECT count(*) FROM risks")"
equals "risks: owner as login" "$(jqr '.items[-1].owner')" "$(q "SELECT p.login FROM risks r JOIN people p ON p.id = r.owner_id ORDER BY r.id LIMIT 1")"
api "$tk_suz" "$U/api/v1/risks?status=needs_decision"
equals "risks: status filter" "$(jqr '[.items[].id] | join(" ")')" "$(q "SELECT group_concat(id, ' ') FROM (SELECT id FROM risks WHERE status = 'needs_decision' ORDER BY id DESC)")"
got=$(walk /api/v1/risks "$tk_suz" 2)
equals "paging risks two by two: every risk once" "$(tr '\n' ' ' <<<"$got")" \
  "$(q "SELECT group_concat(id, ' ') || ' ' FROM (SELECT id FROM risks ORDER BY id DESC)")"

# --- incidents: everyone reports; ISMS roles see all, others their own
api "$tk" "$U/api/v1/incidents"
equals "incidents: a handler sees only their own (none yet)" "$(jqr '.items | length')" 0
api "$tk_mat" "$U/api/v1/incidents"
equals "incidents: the reporter sees their report" "$(jqr '[.items[].reported_by] | unique | join(",")')" matsumoto
api "$tk_suz" "$U/api/v1/incidents"
equals "incidents: ISMS roles see every one" "$(jqr '.items | length')" "$(q "SELECT count(*) FROM incidents")"
audit0=$(q "SELECT max(seq) FROM audit_log")
title="FIDS の表示停止 <img src=x onerror=alert(1)> '; DROP TABLE incidents; --"
post_json "$tk_inc" /api/v1/incidents "$(jq -n --arg t "$title" '{title: $t, severity: "high", description: "監視装置が検知", department: "it", occurred_at: "2026-11-26T09:00+09:00"}')"
equals "a sensor reports an incident → 201" "$code" 201
iid=$(jqr .id)
contains "201 with Location" "$hdr" "Location: /api/v1/incidents/$iid"
equals "incident stored with the token's person as reporter" "$(q "SELECT p.login FROM incidents i JOIN people p ON p.id = i.reported_by WHERE i.id = $iid")" kobayashi
equals "incident: hostile title stored as it is" "$(q "SELECT title FROM incidents WHERE id = $iid")" "$title"
equals "incident: hostile title returned as a JSON string" "$(jqr .title)" "$title"
equals "incident: severity" "$(jqr .severity)" high
equals "incident: offset converted to UTC" "$(jqr .occurred_at)" "2026-11-26T00:00:00Z"
contains "incident: detection names the token" "$(jqr .detection)" "API token"
equals "incident: audit actor" "$(q "SELECT group_concat(DISTINCT actor) FROM audit_log WHERE seq > $audit0 AND entity = 'incidents'")" kobayashi
api "$tk" "$U/api/v1/incidents/$iid"
equals "the reporter reads their incident" "$code" 200
equals "incident detail: description" "$(jqr .description)" "監視装置が検知"
api "$tk" "$U/api/v1/incidents"
equals "incidents: now the handler's own" "$(jqr '[.items[].id] | join(",")')" "$iid"
api "$tk" "$U/api/v1/incidents/$(q "SELECT id FROM incidents WHERE reported_by <> $me LIMIT 1")"
equals "someone else's incident → 403" "$code" 403
api "$tk" "$U/api/v1/incidents/999999"
equals "unknown incident → 404" "$code" 404
n0=$(q "SELECT count(*) FROM incidents")
post_json "$tk_inc" /api/v1/incidents '{"severity": "high"}'
equals "incident without a title → 400" "$code" 400
contains "missing title named" "$(jqr .error.message)" "title: required"
post_json "$tk_inc" /api/v1/incidents '{"title": "x", "severity": "apocalyptic"}'
equals "bad severity → 400" "$code" 400
contains "bad severity named" "$(jqr .error.message)" "apocalyptic"
post_json "$tk_inc" /api/v1/incidents '{"title": "x", "department": "nope"}'
equals "unknown department → 400" "$code" 400
post_json "$tk_inc" /api/v1/incidents '{"title": "x", "reporter": "sato"}'
contains "unknown field refused" "$(jqr .error.message)" "reporter: unknown field"
post_json "$tk_inc" /api/v1/incidents '{"title": ["x"]}'
contains "title must be a string" "$(jqr .error.message)" "title: must be a string"
equals "refused incidents stored nothing" "$(q "SELECT count(*) FROM incidents")" "$n0"

# --- corrective actions
api "$tk_yos" "$U/api/v1/actions"
equals "actions: a sysadmin (an ISMS role) sees every action" "$(jqr '.items | length')" "$(q "SELECT count(*) FROM actions")"
api "$tk" "$U/api/v1/actions"
equals "actions: a handler sees the actions they own" "$(jqr '[.items[].owner] | unique | join(",")')" "$(q "SELECT CASE WHEN count(*) THEN 'kobayashi' ELSE '' END FROM actions WHERE owner_id = $me")"
api "$tk_suz" "$U/api/v1/actions"
equals "actions: ISMS roles see every action" "$(jqr '.items | length')" "$(q "SELECT count(*) FROM actions")"
today=$(date -u +%F)
equals "actions: overdue flag" "$(jqr '[.items[] | select(.overdue) | .id] | length')" \
  "$(q "SELECT count(*) FROM actions WHERE due_date < '$today' AND status IN ('open', 'in_progress')")"
got=$(walk "/api/v1/actions?status=open" "$tk_suz" 1)
equals "paging open actions: every one once" "$(tr '\n' ' ' <<<"$got")" \
  "$(q "SELECT group_concat(id, ' ') || ' ' FROM (SELECT id FROM actions WHERE status = 'open' ORDER BY id DESC)")"

# --- summary: the dashboard's figures
api "$tk_suz" "$U/api/v1/summary"
equals "summary" "$code" 200
equals "summary: risks needing a decision" "$(jqr .risks_needing_decision)" "$(q "SELECT count(*) FROM risks WHERE status = 'needs_decision'")"
equals "summary: incidents open" "$(jqr .incidents_open)" "$(q "SELECT count(*) FROM incidents WHERE status <> 'closed'")"
equals "summary: overdue actions" "$(jqr .actions_overdue)" "$(q "SELECT count(*) FROM actions WHERE due_date < '$today' AND status IN ('open', 'in_progress')")"
equals "summary: my open sheets" "$(jqr .my_sheets_open)" "$(q "SELECT count(*) FROM assess_sheets s JOIN people p ON p.id = s.respondent_id WHERE p.login = 'suzuki' AND s.status = 'issued'")"
plan=$(jqr .assess.plan)
rate=$(ag assess report "$plan" | sed -n 's/^overall: \([0-9.]*\)%.*/\1/p')
equals "summary: 実施率 as assess report computes it" "$(jqr .assess.rate)" "$rate"

# --- revocation, lockout, expiry
tid_read=$(q "SELECT id FROM api_tokens WHERE token_hash = '$(sha "$tk_read")'")
run "token revoke" 0 ag token revoke "$tid_read"
api "$tk_read" "$U/api/v1/me"
equals "revoked token → 401" "$code" 401
equals "revoked token: message" "$(jqr .error.message)" "the token has been revoked"
run "revoking twice is refused" 2 ag token revoke "$tid_read"
run "token list shows the revocation" 0 ag token list kobayashi
contains "token list: revoked" "$out" "revoked"
run "user lock" 0 ag user lock kobayashi
api "$tk" "$U/api/v1/me"
equals "a locked account's token → 401" "$code" 401
run "user unlock" 0 ag user unlock kobayashi
api "$tk" "$U/api/v1/me"
equals "unlocked: the token works again" "$code" 200
tk_old=$(AIRGUARD_NOW=2020-01-01 "$AG_BIN" --db "$db" token add kobayashi --name old --scope read --expires 2020-01-02 2>/dev/null)
api "$tk_old" "$U/api/v1/me"
equals "expired token → 401" "$code" 401
equals "expired token: message" "$(jqr .error.message)" "the token has expired"

run "audit trail intact" 0 "$AG_BIN" --db "$db" audit verify

# --- throttling shared with sign-in (last: it blocks this address for 15 minutes)
bad="agt_$(printf 'f%.0s' {1..64})"
for i in $(seq 30); do
  api "$bad" "$U/api/v1/me"
  [[ $code == 429 ]] && break
done
equals "failed tokens are throttled per address → 429" "$code" 429
contains "429 with Retry-After" "$hdr" "Retry-After: 900"
api "$tk" "$U/api/v1/me"
equals "while throttled even a good token waits" "$code" 429
login kimura "$PW"
equals "sign-in from the address is throttled by the same failures" "$code" 429
finish

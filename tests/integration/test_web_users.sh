#!/usr/bin/env bash
# Account management over real HTTP (`airguard serve`, curl), guideline 3.1.5.1(1)(a)(c): the
# administrator lists accounts, creates one for an existing person, grants a role that the person
# then uses (a page the role opens, after enrolling TOTP where the role needs it), revokes roles,
# locks/unlocks, resets TOTP, sets a password; nobody else reaches any /users route (403); the
# administrator cannot lock or demote themselves and the last administrator stays (also under
# concurrent demotions); CSRF; hostile input; long-unused accounts disabled at sign-in, by
# `airguard user sweep` and when the server starts, re-enabled by unlock.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
web_start
OPW='Tsubasa-Pass-2026'
acct_of() { q "SELECT a.id FROM accounts a JOIN people p ON p.id = a.person_id WHERE p.login = '$1'"; }
last_actor() { q "SELECT actor FROM audit_log WHERE entity = '$1' ORDER BY seq DESC LIMIT 1"; }
# enrol WHO PASSWORD: password step, then TOTP enrolment with the secret the page shows;
# sets S, csrf and secret
enrol() {
  login "$1" "$2"
  contains "$1: password step leads to enrolment" "$hdr" "Location: /login/enrol"
  S="__Host-ag_session=$session"
  req -b "$S" "$U/login/enrol"
  secret=$(sed -n 's/.*secret=\([A-Z2-7]*\)&amp;issuer.*/\1/p' <<<"$body")
  [[ -n $secret ]] || not_ok "$1: the enrolment page shows the secret" "$body"
  local c
  c=$(csrf_of)
  req -b "$S" --data-urlencode "csrf=$c" --data-urlencode "code=$(oathtool --totp -b "$secret")" \
    "$U/login/enrol"
  # confirmed: the page shows the recovery codes once, with the new full session
  equals "$1: enrolment accepted" "$code" 200
  contains "$1: recovery codes shown" "$body" "<li><code>"
  S="__Host-ag_session=$(cookie_of __Host-ag_session)"
  req -b "$S" "$U/"
  csrf=$(csrf_of)
}

run "a new person" 0 "$AG_BIN" --db "$db" org person add ogawa --name '小川 翼' --dept it
run "a person with a hostile name" 0 "$AG_BIN" --db "$db" org person add evil \
  --name '<script>alert(1)</script>'

# --- the list, for the administrator
as mori
MS=$S MC=$csrf
mid=$(acct_of mori)
contains "menu: accounts for the administrator" "$body" 'href="/users"'
req -b "$S" "$U/users"
equals "account list" "$code" 200
contains "list: heading" "$body" "<h1>アカウント管理</h1>"
contains "list: the guideline's rule" "$body" "ガイドライン 3.1.5.1(1)(a)(c)、3.2.2.1(1)④"
contains "list: an account" "$body" ">kimura</a>"
contains "list: roles by the guideline's names" "$body" "取扱者"
contains "list: the administrator flag column" "$body" "airguard 管理者"
contains "list: TOTP enrolled (mori)" "$body" "登録済み"
contains "list: a person without an account is offered" "$body" '<option value="ogawa">'
contains "list: hostile name escaped" "$body" "&lt;script&gt;alert(1)&lt;/script&gt;"
lacks "list: no live script" "$body" "<script>"
req -b "$S" "$U/users?role=auditor"
contains "filter by role: auditors" "$body" ">hayashi</a>"
lacks "filter by role: not others" "$body" ">kimura</a>"
req -b "$S" "$U/users?department=audit&state=admin"
lacks "filter by department and state" "$body" ">mori</a>"
req -b "$S" "$U/users?state=bogus"
equals "unknown state filter: 400" "$code" 400
req -b "$S" "$U/users?lang=en"
contains "list in English" "$body" "<h1>Accounts</h1>"
contains "list in English: columns" "$body" "Last sign-in"
req -b "$S" "$U/users?lang=ja"

# --- create an account for an existing person
post /users person=ogawa password=short
equals "create with a weak password: 400" "$code" 400
contains "create: the policy's message" "$body" "password:"
equals "create refused: nothing stored" "$(acct_of ogawa)" ""
post /users person=nobody "password=$OPW"
equals "create for an unknown person: 404" "$code" 404
post /users person=ogawa "password=$OPW"
equals "create: 303" "$code" 303
oid=$(acct_of ogawa)
contains "create: to the account" "$hdr" "Location: /users/$oid?ok=created"
equals "create: actor in the audit trail" "$(last_actor accounts)" mori
post /users person=ogawa "password=$OPW"
equals "create twice: 409" "$code" 409
req -b "$S" "$U/users/$oid?ok=created"
equals "account page" "$code" 200
contains "account page: created notice" "$body" "アカウントを作成しました"
contains "account page: lock action" "$body" "action=\"/users/$oid/lock\""
contains "account page: no roles yet" "$body" "ガイドライン上の役割はありません"
contains "account page: link to its changes" "$body" "/audit?entity=accounts&amp;id=$oid"
req -b "$S" "$U/users/999999"
equals "unknown account: 404" "$code" 404

# --- the person signs in; without a role the audit trail is closed to them
login ogawa "$OPW"
equals "ogawa signs in" "$code" 303
contains "ogawa: no second factor needed yet" "$hdr" "Location: /"
OS="__Host-ag_session=$session"
req -b "$OS" "$U/audit"
equals "ogawa without a role: /audit 403" "$code" 403

# --- grant 監査人 (auditor): the role needs TOTP, so ogawa's session ends and the next sign-in
# enrols; then the page the role opens is there
S=$MS csrf=$MC
post "/users/$oid/roles/grant" role=auditor department=
equals "grant: 303" "$code" 303
contains "grant: back to the account" "$hdr" "Location: /users/$oid?ok=granted"
equals "grant stored" "$(q "SELECT role || '/' || coalesce(r.department_id, '-') FROM person_roles r JOIN people p ON p.id = r.person_id WHERE p.login = 'ogawa'")" "auditor/-"
equals "grant: actor in the audit trail" "$(last_actor person_roles)" mori
req -b "$OS" "$U/"
equals "grant: the person's session without TOTP ended" "$code" 303
enrol ogawa "$OPW"
req -b "$S" "$U/audit"
equals "ogawa as auditor: /audit 200" "$code" 200
contains "ogawa as auditor: the trail" "$body" "<h1>監査証跡</h1>"
contains "ogawa as auditor: menu entry" "$body" 'href="/audit"'
req -b "$S" "$U/users"
equals "ogawa as auditor: /users still 403" "$code" 403
OS=$S OC=$csrf

# --- roles per department, revoke, bad input
S=$MS csrf=$MC
it=$(q "SELECT id FROM departments WHERE code = 'it'")
post "/users/$oid/roles/grant" role=manager department=it
equals "grant for a department: 303" "$code" 303
equals "grant for a department: stored" "$(q "SELECT count(*) FROM person_roles WHERE role = 'manager' AND department_id = $it AND person_id = (SELECT id FROM people WHERE login = 'ogawa')")" 1
req -b "$S" "$U/users/$oid"
contains "account page: the department role" "$body" "it 情報システム部"
post "/users/$oid/roles/revoke" role=manager department=it
equals "revoke: 303" "$code" 303
equals "revoke: gone" "$(q "SELECT count(*) FROM person_roles WHERE role = 'manager' AND person_id = (SELECT id FROM people WHERE login = 'ogawa')")" 0
post "/users/$oid/roles/revoke" role=manager department=it
equals "revoke a role not held: 404" "$code" 404
before=$(q "SELECT count(*) FROM person_roles")
post "/users/$oid/roles/grant" "role='; DROP TABLE people; --" department=
equals "hostile role: 400" "$code" 400
contains "hostile role: message, escaped" "$body" "role: 「&#39;; DROP TABLE people; --」は指定できません"
post "/users/$oid/roles/grant" role=manager "department=<script>"
equals "unknown department: 404" "$code" 404
contains "unknown department: escaped" "$body" "&lt;script&gt;"
equals "bad input stored nothing" "$(q "SELECT count(*) FROM person_roles")" "$before"
equals "people table intact" "$(q "SELECT count(*) FROM people WHERE login = 'ogawa'")" 1

# --- every /users route is for administrators only
as kimura
kid=$(acct_of kimura)
lacks "menu: no accounts entry for others" "$body" 'href="/users"'
before=$(q "SELECT count(*) FROM audit_log")
for path in /users "/users/$oid"; do
  req -b "$S" "$U$path"
  equals "kimura GET $path: 403" "$code" 403
done
for path in /users "/users/$oid/lock" "/users/$oid/unlock" "/users/$oid/mfa-reset" \
  "/users/$oid/admin" "/users/$oid/password" "/users/$oid/roles/grant" "/users/$oid/roles/revoke"; do
  post "$path" person=kimura admin=1 "password=$OPW" role=ciso department=
  equals "kimura POST $path: 403" "$code" 403
done
equals "refused routes stored nothing" "$(q "SELECT count(*) FROM audit_log")" "$before"
equals "kimura is no administrator" "$(q "SELECT admin FROM accounts WHERE id = $kid")" 0

# --- the administrator's own account: no self-lockout, no self-demotion
S=$MS csrf=$MC
req -b "$S" "$U/users/$mid"
equals "own account page" "$code" 200
contains "own account: the rule" "$body" "自分のアカウントです"
lacks "own account: no lock button" "$body" "action=\"/users/$mid/lock\""
post "/users/$mid/lock"
equals "locking oneself: 403" "$code" 403
contains "locking oneself: message" "$body" "自分のアカウントはここでは変更できません"
post "/users/$mid/admin" admin=0
equals "removing one's own admin flag: 403" "$code" 403
post "/users/$mid/mfa-reset"
equals "resetting one's own TOTP: 403" "$code" 403
post "/users/$mid/roles/grant" role=ciso department=
equals "granting oneself a role: 403" "$code" 403
equals "mori still admin, unlocked, enrolled, no new role" \
  "$(q "SELECT admin || locked || (totp_secret <> '') FROM accounts WHERE id = $mid")/$(q "SELECT count(*) FROM person_roles WHERE role = 'ciso' AND person_id = (SELECT person_id FROM accounts WHERE id = $mid)")" "101/0"
post "/users/$oid/admin" admin=2
equals "admin flag not 0/1: 400" "$code" 400

# --- CSRF
req -b "$S" "$U/users/$oid/lock" -X POST -d x=1
equals "lock without CSRF token: 403" "$code" 403
req -b "$S" --data-urlencode "csrf=0$csrf" "$U/users/$oid/lock"
equals "lock with a wrong CSRF token: 403" "$code" 403
req -b "$S" --data-urlencode "person=evil" --data-urlencode "password=$OPW" "$U/users"
equals "create without CSRF token: 403" "$code" 403
equals "create without CSRF token: nothing stored" "$(acct_of evil)" ""
equals "CSRF refusals: ogawa not locked" "$(q "SELECT locked FROM accounts WHERE id = $oid")" 0

# --- lock, unlock, TOTP reset, password
post "/users/$oid/lock"
equals "lock: 303" "$code" 303
equals "lock: stored" "$(q "SELECT locked FROM accounts WHERE id = $oid")" 1
equals "lock: actor" "$(last_actor accounts)" mori
req -b "$OS" "$U/audit"
equals "lock: the person's session ended" "$code" 303
login ogawa "$OPW"
equals "locked: sign-in refused" "$code" 403
contains "locked: message" "$body" "ロックされています"
post "/users/$oid/unlock"
equals "unlock: 303" "$code" 303
login ogawa "$OPW"
contains "unlocked: the password step passes" "$hdr" "Location: /login/totp"
post "/users/$oid/mfa-reset"
equals "TOTP reset: 303" "$code" 303
equals "TOTP reset: stored" "$(q "SELECT totp_secret FROM accounts WHERE id = $oid")" ""
post "/users/$kid/password" password=Kimura-New-Pass-7
equals "set a password: 303" "$code" 303
login kimura Kimura-New-Pass-7
equals "kimura signs in with the new password" "$code" 303
post "/users/$kid/password" password=weak
equals "a weak password: 400" "$code" 400

# --- long-unused accounts (3.2.2.1(1)④)
future=$(date -u -d '+100 days' +%FT%TZ)
AIRGUARD_NOW=$future run "user sweep" 0 "$AG_BIN" --db "$db" --lang en user sweep
contains "sweep prints what it disabled" "$out" "disabled kimura (last used "
contains "sweep: the count" "$out" "account(s) disabled: not used for more than 90 days"
equals "sweep: kimura disabled" "$(q "SELECT disabled_at IS NOT NULL FROM accounts WHERE id = $kid")" 1
equals "sweep: audit row" "$(q "SELECT count(*) FROM audit_log WHERE action = 'disable' AND entity_id = '$kid'")" 1
req -b "$MS" "$U/users"
equals "sweep: the administrator's session ended too" "$code" 303
login mori "$PW"
equals "disabled: sign-in refused" "$code" 403
contains "disabled: the message says ask the administrator" "$body" "無効化されています。管理者に"
run "user unlock re-enables" 0 "$AG_BIN" --db "$db" user unlock mori
as mori
MS=$S MC=$csrf
req -b "$S" "$U/users?state=disabled"
contains "disabled filter: kimura" "$body" ">kimura</a>"
lacks "disabled filter: not mori" "$body" ">mori</a>"
req -b "$S" "$U/users/$kid"
contains "account page: disabled" "$body" "に無効化（長期間未使用）"
post "/users/$kid/unlock"
equals "unlock and enable: 303" "$code" 303
equals "enabled again" "$(q "SELECT disabled_at IS NULL AND enabled_at IS NOT NULL FROM accounts WHERE id = $kid")" 1
login kimura Kimura-New-Pass-7
equals "kimura signs in again" "$code" 303
# the server's start sweeps too
AIRGUARD_NOW=$(date -u -d '+300 days' +%FT%TZ) "$AG_BIN" --db "$db" --lang en serve \
  --listen 127.0.0.1:0 >"$tmp/serve2.log" 2>&1 &
pid2=$!
for _ in $(seq 100); do grep -q listening "$tmp/serve2.log" && break; sleep 0.1; done
kill -TERM "$pid2"
wait "$pid2"
contains "server start: unused accounts disabled and logged" "$(cat "$tmp/serve2.log")" \
  "airguard serve: disabled"
equals "server start: kimura disabled again" "$(q "SELECT disabled_at IS NOT NULL FROM accounts WHERE id = $kid")" 1
run "unlock mori" 0 "$AG_BIN" --db "$db" user unlock mori
run "unlock ogawa" 0 "$AG_BIN" --db "$db" user unlock ogawa

# --- two administrators demote each other at once: exactly one wins, one administrator stays
as mori
MS=$S MC=$csrf
post "/users/$oid/admin" admin=1
equals "make ogawa administrator: 303" "$code" 303
enrol ogawa "$OPW" # TOTP was reset above: enrols again (admin needs it)
OS=$S OC=$csrf
curl -s -o /dev/null -w '%{http_code}\n' -b "$MS" --data-urlencode "csrf=$MC" -d admin=0 \
  "$U/users/$oid/admin" >"$tmp/race-1" &
curl -s -o /dev/null -w '%{http_code}\n' -b "$OS" --data-urlencode "csrf=$OC" -d admin=0 \
  "$U/users/$mid/admin" >"$tmp/race-2" &
for j in $(jobs -p); do [[ $j == "$pid" ]] || wait "$j"; done
codes=$(cat "$tmp"/race-* | sort | tr '\n' ' ')
equals "concurrent demotions: one wins, one refused" "$codes" "303 403 "
equals "one administrator left" "$(q "SELECT count(*) FROM accounts WHERE admin = 1")" 1

run "the audit trail verifies" 0 "$AG_BIN" --db "$db" audit verify
grep -q 'airguard serve:' "$tmp/serve.log" && not_ok "no server errors logged" "$(cat "$tmp/serve.log")" || ok "no server errors logged"
kill -TERM "$pid"
wait "$pid"
equals "the server stops cleanly" "$?" 0
finish

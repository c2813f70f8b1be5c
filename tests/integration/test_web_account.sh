#!/usr/bin/env bash
# My account and the sign-in additions over real HTTP (docs/web/account.md): the password change
# (current password, policy, history: a reused password is refused; every other session ends),
# the forced change after auth.max_age_days on every route, TOTP enrolment whose QR code decodes
# (rsvg-convert + zbarimg) to the otpauth URI, recovery codes (shown once, hashed, each signs in
# once), notices of sign-ins from new addresses (shown until dismissed; mailed through a real
# SMTP exchange with tests/integration/smtp_sink.py; header injection refused; a stuck mail
# server does not hold up the sign-in), the paged login history, CSRF and per-object checks.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
for t in python3 rsvg-convert zbarimg sha256sum base64; do
  command -v $t >/dev/null || { echo "not ok - $t is installed (scripts/install-deps)"; exit 1; }
done
web_start
NEWPW='Kakunin-Sora-2027!'
# restart: the server reads the auth.* policy when it starts
restart() {
  kill "$pid"; wait "$pid" 2>/dev/null
  "$AG_BIN" --db "$db" serve --listen 127.0.0.1:0 >"$tmp/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do grep -q listening "$tmp/serve.log" && break; sleep 0.1; done
  port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)/$|\1|p' "$tmp/serve.log")
  [[ -n $port ]] || { cat "$tmp/serve.log"; exit 1; }
  U="http://127.0.0.1:$port"
}
meta() { q "INSERT OR REPLACE INTO meta(key, value) VALUES ('$1', '$2')"; }
acct() { q "SELECT a.id FROM accounts a JOIN people p ON p.id = a.person_id WHERE p.login = '$1'"; }
location() { sed -n 's/^Location: //p' <<<"$hdr"; }
# decode_qr: the first <svg>…</svg> of $body, rendered to PNG and read by zbarimg
decode_qr() {
  grep -o '<svg.*</svg>' <<<"$body" | head -1 >"$tmp/qr.svg"
  rsvg-convert -w 480 -b white "$tmp/qr.svg" -o "$tmp/qr.png" 2>/dev/null &&
    zbarimg --quiet --raw "$tmp/qr.png" 2>/dev/null
}
secret_of() { sed -n 's|.*otpauth://totp/airguard:[^?]*?secret=\([A-Z2-7]*\)&amp;issuer=airguard.*|\1|p' <<<"$body" | head -1; }
codes_of() { grep -o '<li><code>[a-z2-7-]*</code></li>' <<<"$body" | sed 's/<[^>]*>//g'; }

# --- My account: the page
as kimura
req -b "$S" "$U/account"
equals "account page" "$code" 200
contains "account: the name" "$body" "木村"
contains "account: the login" "$body" "kimura"
contains "account: the roles" "$body" "<dt>役割</dt>"
contains "account: the e-mail" "$body" "kimura@nwx-airport.example"
contains "account: the password form" "$body" 'action="/account/password"'
contains "account: TOTP not set up, enrolment offered" "$body" 'action="/account/mfa/start"'
contains "account: recent sign-ins" "$body" "最近のログイン"
contains "account: in the menu" "$body" 'href="/account"'
req -b "$S" "$U/account?lang=en"
contains "account in English" "$body" "<h1>My account</h1>"
contains "account in English: policy" "$body" "not one of your last 5 passwords"
req "$U/account"
equals "account without a session: redirect" "$code" 303
contains "account without a session: to /login" "$hdr" "Location: /login"

# --- password change
post_nocsrf() { local p=$1; shift; local a=(); for f in "$@"; do a+=(--data-urlencode "$f"); done; req -b "$S" "${a[@]}" "$U$p"; }
post_nocsrf /account/password "current=$PW" "new=$NEWPW" "confirm=$NEWPW"
equals "password change without CSRF token: 403" "$code" 403
failed0=$(q "SELECT count(*) FROM login_history WHERE account_id = $(acct kimura) AND success = 0")
post /account/password "current=wrong-$PW" "new=$NEWPW" "confirm=$NEWPW"
equals "wrong current password: 403" "$code" 403
contains "wrong current password: message" "$body" "現在のパスワードが違います"
equals "wrong current password: counted as a failed login" \
  "$(q "SELECT count(*) FROM login_history WHERE account_id = $(acct kimura) AND success = 0")" $((failed0 + 1))
post /account/password "current=$PW" "new=$NEWPW" "confirm=${NEWPW}x"
equals "new passwords differ: 400" "$code" 400
contains "new passwords differ: message" "$body" "一致しません"
post /account/password "current=$PW" "new=short1A" "confirm=short1A"
equals "too short: 400" "$code" 400
contains "too short: the policy's message" "$body" "7"
post /account/password "current=$PW" "new=$PW" "confirm=$PW"
equals "the current password again: 400" "$code" 400
hash0=$(q "SELECT password_hash FROM accounts WHERE id = $(acct kimura)")
# a second session of kimura (another browser) that the change must end
login kimura "$PW"
S2="__Host-ag_session=$session"
req -b "$S2" "$U/"
equals "second session works before the change" "$code" 200
post /account/password "current=$PW" "new=$NEWPW" "confirm=$NEWPW"
equals "password change: 303" "$code" 303
equals "password change: back to the account page" "$(location)" "/account?ok=password"
newS="__Host-ag_session=$(cookie_of __Host-ag_session)"
[[ $newS != "$S" && ${#newS} -gt 80 ]] && ok "password change: a new session id" || not_ok "password change: a new session id" "$newS"
[[ $(q "SELECT password_hash FROM accounts WHERE id = $(acct kimura)") != "$hash0" ]] &&
  ok "password change: stored" || not_ok "password change: stored"
req -b "$S2" "$U/"
equals "password change: the other session has ended" "$code" 303
req -b "$S" "$U/"
equals "password change: the old id of this session has ended" "$code" 303
S=$newS
req -b "$S" "$U/account?ok=password"
equals "password change: the new session works" "$code" 200
contains "password change: status line" "$body" "パスワードを変更しました"
csrf=$(csrf_of)
equals "password change: audit actor" \
  "$(q "SELECT actor FROM audit_log WHERE entity = 'accounts' AND action = 'update' ORDER BY seq DESC LIMIT 1")" kimura
lacks "password change: the audit trail keeps no hash" \
  "$(q "SELECT detail FROM audit_log WHERE entity = 'password_history' ORDER BY seq DESC LIMIT 1")" '$argon2id'
equals "password history: two hashes kept" \
  "$(q "SELECT count(*) FROM password_history WHERE account_id = $(acct kimura)")" 2
# reuse refused: back to the demo password (the one before)
post /account/password "current=$NEWPW" "new=$PW" "confirm=$PW"
equals "reuse of an earlier password: 400" "$code" 400
contains "reuse of an earlier password: message" "$body" "以前に使ったもの"
login kimura "$PW"
equals "old password no longer signs in" "$code" 403
login kimura "$NEWPW"
equals "new password signs in" "$code" 303

# --- TOTP enrolment from My account (voluntary), QR decoded
post /account/mfa/start
equals "enrolment start: 303" "$code" 303
equals "enrolment start: to the enrolment page" "$(location)" "/account/mfa"
req -b "$S" "$U/account/mfa"
equals "enrolment page" "$code" 200
secret=$(secret_of)
[[ $secret =~ ^[A-Z2-7]{32}$ ]] && ok "enrolment: a 160-bit base32 key" || not_ok "enrolment: key" "$secret"
contains "enrolment: the key for manual entry, in groups" "$body" "${secret:0:4} ${secret:4:4}"
equals "enrolment: the QR code decodes to the otpauth URI" "$(decode_qr)" \
  "otpauth://totp/airguard:kimura?secret=$secret&issuer=airguard"
post /account/mfa "code=000000"
equals "enrolment: wrong code: 400" "$code" 400
post /account/mfa "code=$(oathtool --totp -b "$secret")"
equals "enrolment: confirmed" "$code" 200
mapfile -t kcodes < <(codes_of)
equals "enrolment: 10 recovery codes shown" "${#kcodes[@]}" 10
equals "enrolment: stored" "$(q "SELECT totp_secret FROM accounts WHERE id = $(acct kimura)")" "$secret"
equals "enrolment: 10 recovery codes stored" \
  "$(q "SELECT count(*) FROM recovery_codes WHERE account_id = $(acct kimura) AND used_at IS NULL")" 10
req -b "$S" "$U/account"
contains "account: TOTP enrolled" "$body" "登録済み"

# --- the enrolment at sign-in (mandatory role) shows a QR code too
"$AG_BIN" --db "$db" user mfa-reset shimizu >/dev/null
login shimizu "$PW"
equals "mandatory enrolment: redirect" "$(location)" "/login/enrol"
SE="__Host-ag_session=$session"
req -b "$SE" "$U/login/enrol"
equals "enrol page" "$code" 200
secret=$(secret_of)
equals "enrol page: the QR code decodes to the otpauth URI" "$(decode_qr)" \
  "otpauth://totp/airguard:shimizu?secret=$secret&issuer=airguard"
c=$(csrf_of)
req -b "$SE" --data-urlencode "csrf=$c" --data-urlencode "code=$(oathtool --totp -b "$secret")" "$U/login/enrol"
equals "enrol: confirmed, recovery codes page" "$code" 200
mapfile -t scodes < <(codes_of)
equals "enrol: 10 recovery codes shown once" "${#scodes[@]}" 10
SE="__Host-ag_session=$(cookie_of __Host-ag_session)"
req -b "$SE" "$U/"
equals "enrol: signed in" "$code" 200

# --- recovery codes: hashed, regenerated with the password, each signs in once
for c in "${scodes[@]}"; do
  n=${c//-/}
  h=$(printf %s "$n" | sha256sum | cut -d' ' -f1)
  [[ $(q "SELECT count(*) FROM recovery_codes WHERE token_hash = '$h' AND used_at IS NULL") == 1 ]] || { not_ok "recovery code $c stored as its SHA-256"; break; }
done
ok "recovery codes stored only as SHA-256"
equals "no recovery code in the clear" "$(q "SELECT count(*) FROM recovery_codes WHERE token_hash LIKE '%${scodes[0]:0:4}-%'")" 0
login shimizu "$PW"
SR="__Host-ag_session=$session"
equals "recovery: password step to the TOTP step" "$(location)" "/login/totp"
req -b "$SR" "$U/login/totp"
contains "TOTP step offers a recovery code" "$body" 'name="recovery"'
c=$(csrf_of)
req -b "$SR" --data-urlencode "csrf=$c" --data-urlencode "recovery=${scodes[0]}" "$U/login/totp"
equals "recovery code signs in" "$code" 303
SR2="__Host-ag_session=$(cookie_of __Host-ag_session)"
req -b "$SR2" "$U/"
equals "recovery code: full session" "$code" 200
equals "recovery code: spent" "$(q "SELECT count(*) FROM recovery_codes WHERE account_id = $(acct shimizu) AND used_at IS NOT NULL")" 1
equals "recovery code: in the login history" \
  "$(q "SELECT factor FROM login_history WHERE account_id = $(acct shimizu) AND success = 1 ORDER BY id DESC LIMIT 1")" recovery
login shimizu "$PW"
SR="__Host-ag_session=$session"
req -b "$SR" "$U/login/totp"
c=$(csrf_of)
req -b "$SR" --data-urlencode "csrf=$c" --data-urlencode "recovery=${scodes[0]}" "$U/login/totp"
equals "the same recovery code again: refused" "$code" 403
contains "the same recovery code again: message" "$body" "使用済み"
# case, spaces and hyphens do not matter
upper=$(tr a-z A-Z <<<"${scodes[1]//-/ }")
req -b "$SR" --data-urlencode "csrf=$c" --data-urlencode "recovery=$upper" "$U/login/totp"
equals "another code, upper case with spaces: signs in" "$code" 303
S=$SR2
req -b "$S" "$U/account"
csrf=$(csrf_of)
contains "account: 8 unused recovery codes" "$body" "<dd>8</dd>"
post /account/recovery "current=wrong"
equals "regenerate with a wrong password: 403" "$code" 403
post /account/recovery "current=$PW"
equals "regenerate: 200 with new codes" "$code" 200
mapfile -t ncodes < <(codes_of)
equals "regenerate: 10 new codes" "${#ncodes[@]}" 10
equals "regenerate: the old codes are gone" "$(q "SELECT count(*) FROM recovery_codes WHERE account_id = $(acct shimizu)")" 10
login shimizu "$PW"
SR="__Host-ag_session=$session"
req -b "$SR" "$U/login/totp"
c=$(csrf_of)
req -b "$SR" --data-urlencode "csrf=$c" --data-urlencode "recovery=${scodes[2]}" "$U/login/totp"
equals "an old code after regeneration: refused" "$code" 403
# race (5.3(12)): one fresh code posted at once on four TOTP-stage sessions: exactly one wins
used0=$(q "SELECT count(*) FROM recovery_codes WHERE account_id = $(acct shimizu) AND used_at IS NOT NULL")
for i in 1 2 3 4; do
  login shimizu "$PW"
  sess[$i]="__Host-ag_session=$session"
  req -b "${sess[$i]}" "$U/login/totp"
  tok[$i]=$(csrf_of)
done
racers=()
for i in 1 2 3 4; do
  curl -s -o /dev/null -w '%{http_code}\n' -b "${sess[$i]}" --data-urlencode "csrf=${tok[$i]}" \
    --data-urlencode "recovery=${ncodes[0]}" "$U/login/totp" >"$tmp/race.$i" &
  racers+=($!)
done
wait "${racers[@]}"
equals "race: one sign-in with the code" "$(cat "$tmp"/race.* | grep -c '^303$')" 1
equals "race: the others refused" "$(cat "$tmp"/race.* | grep -c '^403$')" 3
equals "race: the code spent once" \
  "$(q "SELECT count(*) FROM recovery_codes WHERE account_id = $(acct shimizu) AND used_at IS NOT NULL")" $((used0 + 1))

# --- notices of sign-ins from new addresses, mailed through SMTP
mkdir -p "$tmp/mail"
python3 "$AG_SOURCE_DIR/tests/integration/smtp_sink.py" "$tmp/smtp.port" "$tmp/mail" ok 120 &
sink=$!
trap 'kill $pid $sink 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do [[ -s $tmp/smtp.port ]] && break; sleep 0.1; done
meta smtp.url "smtp://127.0.0.1:$(cat "$tmp/smtp.port")"
meta smtp.from airguard@nwx-airport.example
# ueda: a new person whose name carries an attempted header injection (the CLI accepts the
# name; e-mail addresses it checks itself); first signed in from 127.0.0.2 (another loopback
# address), then from 127.0.0.1: a new address
"$AG_BIN" --db "$db" org person add ueda --name $'上田\r\nBcc: evil@attacker.example' \
  --email ueda@nwx-airport.example >/dev/null
"$AG_BIN" --db "$db" user add ueda >/dev/null
echo "$PW" | "$AG_BIN" --db "$db" user passwd ueda >/dev/null
ueda=$(acct ueda)
login ueda "$PW" --interface 127.0.0.2
equals "first sign-in from 127.0.0.2" "$code" 303
equals "an account's first sign-in: no notice" "$(q "SELECT count(*) FROM login_notices WHERE account_id = $ueda")" 0
as ueda
equals "new address: one notice" "$(q "SELECT count(*) FROM login_notices WHERE account_id = $ueda")" 1
equals "new address: the notice names 127.0.0.1" "$(q "SELECT address FROM login_notices WHERE account_id = $ueda")" 127.0.0.1
req -b "$S" "$U/"
contains "dashboard: the notice is shown" "$body" "新しいアドレスからのログイン"
contains "dashboard: the notice's address" "$body" '<span class="addr">127.0.0.1</span>'
for _ in $(seq 50); do [[ -s $tmp/mail/1.env ]] && break; sleep 0.1; done
env1=$(cat "$tmp/mail/1.env" 2>/dev/null)
equals "mail: one recipient, the person's address" "$(grep -c '^RCPT' <<<"$env1")" 1
contains "mail: RCPT" "$env1" "RCPT <ueda@nwx-airport.example>"
contains "mail: MAIL FROM" "$env1" "MAIL <airguard@nwx-airport.example>"
msg=$(tr -d '\r' <"$tmp/mail/1.eml" 2>/dev/null)
heads=$(sed '/^$/q' <<<"$msg")
contains "mail: headers received" "$heads" "From: airguard@nwx-airport.example"
lacks "mail: the name's CR LF added no Bcc header" "$heads" "Bcc"
contains "mail: subject RFC 2047 encoded" "$heads" "Subject: =?UTF-8?B?"
contains "mail: To is the bare address" "$heads" "To: ueda@nwx-airport.example"
bodytext=$(sed '1,/^$/d' <<<"$msg" | base64 -d 2>/dev/null)
contains "mail: the body names the address" "$bodytext" "127.0.0.1"
contains "mail: the body names the login" "$bodytext" "ueda"
contains "mail: the hostile name is only in the body" "$bodytext" "Bcc: evil@attacker.example"
equals "mail: the notice is marked queued" "$(q "SELECT mail FROM login_notices WHERE account_id = $ueda")" queued
contains "mail: the server logged it" "$(cat "$tmp/serve.log")" "sign-in notice mailed to ueda@nwx-airport.example"
as ueda
equals "the same address again: no new notice" "$(q "SELECT count(*) FROM login_notices WHERE account_id = $ueda")" 1
nid=$(q "SELECT id FROM login_notices WHERE account_id = $ueda")
# dismissing: CSRF, per object, then the owner
req -b "$S" -d back=/ "$U/account/notices/$nid/dismiss"
equals "dismiss without CSRF token: 403" "$code" 403
IS=$S; ICSRF=$csrf
login kimura "$NEWPW"
KS="__Host-ag_session=$session"
req -b "$KS" "$U/login/totp"
c=$(csrf_of)
req -b "$KS" --data-urlencode "csrf=$c" --data-urlencode "recovery=${kcodes[0]}" "$U/login/totp"
equals "kimura signs in with a recovery code" "$code" 303
KS="__Host-ag_session=$(cookie_of __Host-ag_session)"
req -b "$KS" "$U/account"
kc=$(csrf_of)
req -b "$KS" --data-urlencode "csrf=$kc" "$U/account/notices/$nid/dismiss"
equals "another person's notice: 404" "$code" 404
equals "another person's notice: not dismissed" "$(q "SELECT dismissed_at IS NULL FROM login_notices WHERE id = $nid")" 1
req -b "$KS" --data-urlencode "csrf=$kc" "$U/account/notices/abc/dismiss"
equals "a malformed notice id: 404" "$code" 404
S=$IS; csrf=$ICSRF
post "/account/notices/$nid/dismiss" back=/
equals "dismiss: 303" "$code" 303
equals "dismiss: back to the dashboard" "$(location)" "/?ok=dismissed"
equals "dismiss: stored" "$(q "SELECT dismissed_at IS NOT NULL FROM login_notices WHERE id = $nid")" 1
equals "dismiss: audit actor" "$(q "SELECT actor FROM audit_log WHERE entity = 'login_notices' ORDER BY seq DESC LIMIT 1")" ueda
req -b "$S" "$U/"
lacks "dismissed: no longer shown" "$body" "新しいアドレスからのログイン"
post "/account/notices/$nid/dismiss" back=/account
equals "dismiss twice: 404" "$code" 404
kill $sink 2>/dev/null

# a mail server that never answers does not hold up the sign-in (the sender thread waits 5 s)
python3 "$AG_SOURCE_DIR/tests/integration/smtp_sink.py" "$tmp/smtp2.port" "$tmp/mail" silent 30 &
sink=$!
trap 'kill $pid $sink 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do [[ -s $tmp/smtp2.port ]] && break; sleep 0.1; done
meta smtp.url "smtp://127.0.0.1:$(cat "$tmp/smtp2.port")"
login ito "$PW" --interface 127.0.0.3
start=$(date +%s%N)
login ito "$PW"
el=$((($(date +%s%N) - start) / 1000000))
equals "stuck mail server: sign-in answered" "$code" 303
((el < 2500)) && ok "stuck mail server: sign-in took ${el} ms (< 2.5 s)" || not_ok "stuck mail server: sign-in took ${el} ms"
for _ in $(seq 100); do grep -q "not sent" "$tmp/serve.log" && break; sleep 0.1; done
contains "stuck mail server: the failure is logged" "$(cat "$tmp/serve.log")" "sign-in notice to ito@nwx-airport.example not sent"
kill $sink 2>/dev/null

# --- a hostile name is shown as text
"$AG_BIN" --db "$db" org person add xss --name '<script>alert(1)</script>' >/dev/null
"$AG_BIN" --db "$db" user add xss >/dev/null
echo "$PW" | "$AG_BIN" --db "$db" user passwd xss >/dev/null
XS=$S XC=$csrf
as xss
req -b "$S" "$U/account"
contains "hostile name: escaped" "$body" "&lt;script&gt;alert(1)&lt;/script&gt;"
lacks "hostile name: not markup" "$body" "<script>alert(1)"
S=$XS csrf=$XC

# --- the full login history, paged
req -b "$S" "$U/account/history"
equals "history page" "$code" 200
contains "history: a row" "$body" "127.0.0.1"
contains "history: paging text" "$body" "ページ"
# 55 more sign-ins of ueda: more than one page of 50
for i in $(seq 55); do login ueda "$PW" --interface 127.0.0.4; done
req -b "$S" "$U/account/history?page=2"
equals "history page 2" "$code" 200
contains "history page 2: older rows" "$body" "127.0.0.2"
contains "history page 2: link back" "$body" 'href="/account/history?page=1"'
req -b "$S" "$U/account/history?page=%3Cscript%3E"
equals "history: hostile page number: 400" "$code" 400
lacks "history: hostile page number not echoed" "$body" "<script>"

# --- forced change after auth.max_age_days, on every route: the server runs 100 days ahead
meta auth.max_age_days 90
meta auth.disable_after_days 365 # 100 days of no sign-in must not disable the accounts here
later=$(($(date +%s) + 100 * 86400))
export AIRGUARD_NOW=$(date -u -d "@$later" +%FT%TZ)
restart
unset AIRGUARD_NOW
login kobayashi "$PW"
equals "expired password: sign-in goes to the change page" "$(location)" "/login/password"
SX="__Host-ag_session=$session"
for path in / /account /assess/sheets /catalog; do
  req -b "$SX" "$U$path"
  equals "expired password: GET $path is not served" "$code" 303
done
req -b "$SX" "$U/login"
equals "expired password: /login leads to the change page" "$(location)" "/login/password"
req -b "$SX" "$U/login/password"
equals "change page" "$code" 200
c=$(csrf_of)
req -b "$SX" --data-urlencode "csrf=$c" --data-urlencode "current=$PW" --data-urlencode "new=x" --data-urlencode "confirm=x" "$U/account/password"
equals "expired password: POST /account/password refused" "$code" 403
req -b "$SX" --data-urlencode "csrf=$c" --data-urlencode "current=$PW" --data-urlencode "new=$PW" --data-urlencode "confirm=$PW" "$U/login/password"
equals "forced change: the same password refused" "$code" 400
req -b "$SX" --data-urlencode "current=$PW" --data-urlencode "new=$NEWPW" --data-urlencode "confirm=$NEWPW" "$U/login/password"
equals "forced change without CSRF token: 403" "$code" 403
req -b "$SX" --data-urlencode "csrf=$c" --data-urlencode "current=$PW" --data-urlencode "new=$NEWPW" --data-urlencode "confirm=$NEWPW" "$U/login/password"
equals "forced change: 303" "$code" 303
equals "forced change: to the dashboard" "$(location)" "/"
SX="__Host-ag_session=$(cookie_of __Host-ag_session)"
req -b "$SX" "$U/"
equals "forced change: signed in fully" "$code" 200
req -b "$SX" "$U/account"
contains "account: the expiry date" "$body" "変更期限"
# with TOTP: the code first, then the change
login hayashi "$PW"
equals "expired password with TOTP: the code first" "$(location)" "/login/totp"
SH="__Host-ag_session=$session"
req -b "$SH" "$U/login/totp"
c=$(csrf_of)
req -b "$SH" --data-urlencode "csrf=$c" \
  --data-urlencode "code=$(oathtool --totp -b "$TOTP_SECRET" -N "$(date -u -d "@$later" '+%F %T UTC')")" "$U/login/totp"
equals "expired password with TOTP: then the change page" "$(location)" "/login/password"

"$AG_BIN" --db "$db" audit verify >/dev/null && ok "audit trail intact" || not_ok "audit trail intact"
finish

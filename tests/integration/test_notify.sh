#!/usr/bin/env bash
# Notifications (docs/compliance.md "Notifications") against real servers on 127.0.0.1: Debian's
# aiosmtpd requiring STARTTLS with a certificate made here by openssl (notify_smtpd.py), and a
# python3 http.server webhook receiver that checks the HMAC (notify_webhook.py).
# - a corrective action whose title carries "\r\nBcc:" arrives over TLS, to the rule's address
#   only, with the title in the decoded subject and no Bcc header; body in Japanese and English;
# - scanning again queues nothing (the event key);
# - with the server down the message stays queued (attempt 1, the error kept, backoff), is not
#   retried before its time and is delivered by the next send after it;
# - a server without STARTTLS gets nothing: the message is failed with a clear error; retry
#   puts it back;
# - a webhook gets the JSON body with a valid X-Airguard-Signature; a wrong key gives 401 →
#   failed; a redirect is not followed.
source "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3 # Debian's, with python3-aiosmtpd
for t in openssl sqlite3; do
  command -v $t >/dev/null || { echo "not ok - $t is installed (scripts/install-deps)"; exit 1; }
done
$PY -c 'import aiosmtpd' 2>/dev/null || { echo "not ok - python3-aiosmtpd is installed"; exit 1; }
db="$tmp/n.db"
ag() { "$AG_BIN" --lang en --db "$db" "$@"; }
q() { sqlite3 "$db" "$1"; }
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT
# start_smtpd NAME MODE PORT: a server writing to $tmp/NAME; sets $sport and $spid
start_smtpd() {
  mkdir -p "$tmp/$1"
  rm -f "$tmp/$1.port"
  $PY "$AG_SOURCE_DIR/tests/integration/notify_smtpd.py" "$tmp/$1.port" "$tmp/$1" "$2" "$3" \
    "$tmp/cert.pem" "$tmp/key.pem" 120 2>"$tmp/$1.log" &
  spid=$!
  pids+=("$spid")
  for _ in $(seq 100); do [[ -s $tmp/$1.port ]] && break; sleep 0.1; done
  sport=$(cat "$tmp/$1.port" 2>/dev/null)
  [[ -n $sport ]] || { echo "not ok - smtpd $1 started"; cat "$tmp/$1.log"; exit 1; }
}
# hdr FILE NAME: a header of a message, decoded (RFC 2047); body FILE: the text body, decoded
hdr() { $PY -c 'import sys,email,email.policy as p; m=email.message_from_binary_file(open(sys.argv[1],"rb"),policy=p.default); print(m.get(sys.argv[2],""))' "$1" "$2"; }
body() { $PY -c 'import sys,email,email.policy as p; m=email.message_from_binary_file(open(sys.argv[1],"rb"),policy=p.default); print(m.get_content())' "$1"; }
headers() { sed '/^\r\?$/q' "$1"; }

export AIRGUARD_NOW=2026-11-26
run "db init --demo" 0 ag db init --demo || exit 1
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
  -addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout "$tmp/key.pem" -out "$tmp/cert.pem" \
  2>/dev/null || { echo "not ok - openssl made a certificate"; exit 1; }

# --- rules and settings are checked
run "rule: a target with CR/LF is refused" 2 ag notify rule add --channel email \
  --target $'ops@airport.example\r\nBcc: x@evil.example' && contains "rule: the error names --target" "$err" "--target"
run "rule: webhook URL must be http(s)" 2 ag notify rule add --channel webhook --target file:///etc/passwd
run "rule: unknown kind" 2 ag notify rule add --channel email --target a@b.example --kinds alerts
contains "rule: the error names the kind" "$err" '"alerts"'
run "config: smtp.url must be smtp(s)://" 2 ag notify config --smtp-url http://127.0.0.1:25
run "rule add email" 0 ag notify rule add --channel email --target ops@airport.example \
  --kinds action --min-level high --language both
contains "rule add prints the id" "$out" "created rule 1"

# --- delivery over STARTTLS
start_smtpd tls tls 0
tls_port=$sport
run "config" 0 ag notify config --smtp-url "smtp://127.0.0.1:$tls_port" \
  --smtp-from airguard@airport.example --smtp-ca-file "$tmp/cert.pem"
contains "config shows the server" "$out" "smtp://127.0.0.1:$tls_port"
# add_action TITLE DUE: a corrective action (overdue at 2026-11-26 when DUE is before); sets $aid
add_action() {
  run "action add $1" 0 ag --as inoue action add --origin other --title "$1" --owner ito --due "$2"
  aid=$(sed -n 's/^created action \([0-9]*\)$/\1/p' <<<"$out")
}
add_action $'Patch FIDS\r\nBcc: spy@evil.example' 2026-10-01
hostile=$aid
run "scan" 0 ag notify scan
contains "scan queues the three overdue actions" "$out" "3 notification(s) queued"
run "scan again" 0 ag notify scan
contains "scan again queues nothing (event key)" "$out" "0 notification(s) queued"
run "send" 0 ag notify send
contains "send reports three sent" "$out" "3 sent, 0 to retry later, 0 failed"
equals "outbox: all sent" "$(q "SELECT group_concat(status) FROM notify_outbox")" "sent,sent,sent"
f=
for m in "$tmp"/tls/*.eml; do [[ $(hdr "$m" Subject) == *"Patch FIDS"* ]] && f=$m; done
if [[ -n $f ]]; then
  ok "the message with the hostile title arrived"
  env="${f%.eml}.env"
  contains "it came over TLS (STARTTLS)" "$(cat "$env")" "TLS yes"
  contains "envelope recipient is the rule's address" "$(cat "$env")" "RCPT ops@airport.example"
  lacks "no envelope recipient from the title" "$(cat "$env")" "evil"
  lacks "no Bcc header from the title" "$(headers "$f")" "Bcc:"
  lacks "no header line carries the injected address" "$(headers "$f")" "spy@evil.example"
  subj=$(hdr "$f" Subject)
  contains "subject (decoded): Japanese" "$subj" "是正処置が期限を過ぎています: Patch FIDS"
  contains "subject (decoded): English" "$subj" "Corrective action overdue: Patch FIDS"
  contains "subject is RFC 2047 encoded" "$(headers "$f")" "Subject: =?UTF-8?B?"
  b=$(body "$f")
  contains "body in Japanese" "$b" "是正処置 $hostile「Patch FIDS"
  contains "body in English" "$b" "Corrective action $hostile \"Patch FIDS"
  contains "body names the event" "$b" "action:$hostile:overdue:2026-10-01"
  id2=$(q "SELECT id FROM notify_outbox WHERE event_key LIKE 'action:$hostile:%'")
  contains "Message-ID is the outbox row's" "$(hdr "$f" Message-ID)" "<airguard.notify.$id2."
  contains "Date header" "$(headers "$f")" "Date: Thu, 26 Nov 2026 00:00:00 +0000"
else
  not_ok "the message with the hostile title arrived" "$(ls "$tmp/tls")"
fi

# --- to the person concerned: each overdue action to its owner's own address (people.email)
run "rule: a webhook cannot write to a person" 2 ag notify rule add --channel webhook --target person
run "rule add person" 0 ag notify rule add --channel email --target person --kinds action \
  --min-level high --language en
contains "person rule is rule 2" "$out" "created rule 2"
run "scan (person)" 0 ag notify scan
contains "scan (person): the three actions to their owner" "$out" "3 notification(s) queued"
equals "outbox: each row to its action's owner (people.email)" \
  "$(q "SELECT count(*) FROM notify_outbox o JOIN actions a ON o.event_key LIKE 'action:' || a.id || ':%'
        JOIN people p ON p.id = a.owner_id WHERE o.rule_id = 2 AND o.recipient = p.email")" 3
equals "outbox: the hostile title's action to ito" \
  "$(q "SELECT recipient FROM notify_outbox WHERE rule_id = 2 AND event_key LIKE 'action:$hostile:%'")" \
  ito@nwx-airport.example
run "list shows the recipient" 0 ag notify list --status queued
contains "list: destination is the owner" "$out" "ito@nwx-airport.example"
run "send (person)" 0 ag notify send
contains "send (person): three sent" "$out" "3 sent, 0 to retry later, 0 failed"
n=0
while read -r to; do
  grep -lq "RCPT $to" "$tmp"/tls/*.env && n=$((n + 1))
done < <(q "SELECT recipient FROM notify_outbox WHERE rule_id = 2")
equals "each owner's message arrived at their address" "$n" 3
run "rule remove person" 0 ag notify rule remove 2
run "prune: bad number of days" 2 ag notify prune --older-than 0
contains "prune: the error names the option" "$err" "--older-than"
run "prune: nothing old yet" 0 ag notify prune
contains "prune: nothing removed" "$out" "0 old notification(s) removed"
run "config: a window of 0 days is refused" 2 ag notify config --due-soon-days 0
contains "config: the error names the setting" "$err" 'notify.due_soon_days: "0" is not a number of days'
err=$("$AG_BIN" --lang ja --db "$db" notify rule add --channel webhook --target person 2>&1 >/dev/null)
contains "rule: the person/webhook refusal in Japanese" "$err" "関係者本人に送れるのはメールの規則だけです"
run "config: the windows" 0 ag notify config --due-soon-days 10 --keep-days 365
contains "config shows the window" "$out" "notify.due_soon_days"
run "config: back to the default" 0 ag notify config --due-soon-days ""

# --- the server is down: the message stays queued, then goes out
kill "$spid"; wait "$spid" 2>/dev/null
add_action 'Rotate keys' 2026-11-01
run "scan (server down)" 0 ag notify scan
contains "one new message" "$out" "1 notification(s) queued"
run "send with the server down fails" 1 ag notify send
contains "it will be retried" "$out" "0 sent, 1 to retry later, 0 failed"
row=$(q "SELECT status || '|' || attempts || '|' || next_attempt FROM notify_outbox WHERE subject LIKE '%Rotate keys%'")
equals "outbox: queued, attempt 1, next in 60 s" "$row" "queued|1|2026-11-26T00:01:00Z"
contains "the error is kept" "$(q "SELECT last_error FROM notify_outbox WHERE subject LIKE '%Rotate keys%'")" "127.0.0.1:$tls_port"
start_smtpd tls2 tls "$tls_port"
run "send before the backoff ends sends nothing" 0 ag notify send
contains "nothing due yet" "$out" "0 sent, 0 to retry later, 0 failed"
AIRGUARD_NOW=2026-11-26T00:02:00Z run "send after the backoff" 0 ag notify send
contains "delivered on the next send" "$out" "1 sent"
equals "outbox: sent, 2 attempts" "$(q "SELECT status || '|' || attempts FROM notify_outbox WHERE subject LIKE '%Rotate keys%'")" "sent|2"
contains "the restarted server got it" "$(cat "$tmp"/tls2/*.eml 2>/dev/null | tr -d '\r')" "Message-ID: <airguard.notify."

# --- a server without STARTTLS is refused
start_smtpd plain plain 0
run "config: plain server" 0 ag notify config --smtp-url "smtp://127.0.0.1:$sport"
add_action 'Plaintext never' 2026-11-02
run "scan" 0 ag notify scan
run "send to a server without STARTTLS fails" 1 ag notify send
contains "failed at once (not retried)" "$out" "0 sent, 0 to retry later, 1 failed"
equals "outbox: failed" "$(q "SELECT status FROM notify_outbox WHERE subject LIKE '%Plaintext never%'")" "failed"
contains "the error says STARTTLS/TLS was refused" "$(q "SELECT last_error FROM notify_outbox WHERE subject LIKE '%Plaintext never%'")" "STARTTLS"
equals "the plain server received nothing" "$(ls "$tmp/plain" | wc -l)" "0"
run "list --status failed" 0 ag notify list --status failed
contains "list shows the failed message" "$out" "Plaintext never"
run "config: back to the TLS server" 0 ag notify config --smtp-url "smtp://127.0.0.1:$tls_port"
run "retry --failed" 0 ag notify retry --failed
contains "retry puts it back" "$out" "1 notification(s) queued again"
run "send after retry" 0 ag notify send
contains "sent after retry" "$out" "1 sent"

# --- test message
run "notify test email" 0 ag notify test --channel email --target ciso@airport.example --language en
contains "test reported" "$out" "test message sent to ciso@airport.example"
contains "test arrived" "$(grep -l 'RCPT ciso@airport.example' "$tmp"/tls2/*.env)" ".env"

# --- webhooks
printf 'k3y-shared-secret\n' >"$tmp/secret"
printf 'wrong-secret\n' >"$tmp/wrong"
mkdir -p "$tmp/hook"
$PY "$AG_SOURCE_DIR/tests/integration/notify_webhook.py" "$tmp/hook.port" "$tmp/hook" "$tmp/secret" 120 &
pids+=("$!")
for _ in $(seq 100); do [[ -s $tmp/hook.port ]] && break; sleep 0.1; done
hport=$(cat "$tmp/hook.port")
run "rule add webhook" 0 ag notify rule add --channel webhook --target "http://127.0.0.1:$hport/hook" \
  --kinds exception --min-level warning --language en --secret-file "$tmp/secret"
run "rule add webhook, wrong key" 0 ag notify rule add --channel webhook --target "http://127.0.0.1:$hport/hook" \
  --kinds exception --secret-file "$tmp/wrong"
run "rule add webhook, redirect" 0 ag notify rule add --channel webhook --target "http://127.0.0.1:$hport/redirect" \
  --kinds exception
run "scan (exception expiring)" 0 ag notify scan
contains "three webhook messages" "$out" "3 notification(s) queued"
run "send webhooks" 1 ag notify send
contains "one delivered, two refused" "$out" "1 sent, 0 to retry later, 2 failed"
equals "the receiver got two posts (the redirect was not followed)" "$(ls "$tmp"/hook/*.json | wc -l)" "2"
equals "signatures: one good, one bad" "$(cat "$tmp"/hook/*.sig | sort | tr '\n' ' ')" "bad good "
good=$(grep -l good "$tmp"/hook/*.sig); good=${good%.sig}.json
ev=$(jq -r '.event.key + " " + .event.kind + " " + .event.level' "$good")
contains "webhook body: the event" "$ev" "exception:1:expiring:2026-12-03 exception warning"
contains "webhook body: English subject" "$(jq -r .subject "$good")" "Exception expiring"
contains "redirect: a clear error" "$(q "SELECT last_error FROM notify_outbox WHERE rule_id = 4")" "redirects are not followed"
contains "wrong key: HTTP 401" "$(q "SELECT last_error FROM notify_outbox WHERE rule_id = 3")" "HTTP 401"

# --- an https webhook, verified with the CA file of webhook.ca_file
mkdir -p "$tmp/hooks"
$PY "$AG_SOURCE_DIR/tests/integration/notify_webhook.py" "$tmp/hooks.port" "$tmp/hooks" "$tmp/secret" 120 \
  "$tmp/cert.pem" "$tmp/key.pem" &
pids+=("$!")
for _ in $(seq 100); do [[ -s $tmp/hooks.port ]] && break; sleep 0.1; done
hsport=$(cat "$tmp/hooks.port")
run "https webhook without the CA: refused" 3 ag notify test --channel webhook \
  --target "https://127.0.0.1:$hsport/hook" --secret-file "$tmp/secret"
contains "https webhook: certificate error named" "$err" "https://127.0.0.1:$hsport/hook"
run "config: webhook CA" 0 ag notify config --webhook-ca-file "$tmp/cert.pem"
run "https webhook with the CA" 0 ag notify test --channel webhook \
  --target "https://127.0.0.1:$hsport/hook" --secret-file "$tmp/secret" --language ja
equals "https webhook: signed body received" "$(cat "$tmp"/hooks/*.sig 2>/dev/null)" "good"
contains "https webhook: Japanese test text" "$(jq -r .subject "$tmp"/hooks/1.json 2>/dev/null)" "airguard 通知のテスト"

# --- inside `airguard serve --notify-every`: scanned and sent without a command
add_action 'Served by the server' 2026-11-03
"$AG_BIN" --lang en --db "$db" serve --listen 127.0.0.1:0 --notify-every 10 >"$tmp/serve.log" 2>&1 &
serve=$!
pids+=("$serve")
for _ in $(seq 150); do
  [[ $(q "SELECT status FROM notify_outbox WHERE subject LIKE '%Served by the server%'") == sent ]] && break
  sleep 0.1
done
equals "serve: the notifier thread queued and sent it" \
  "$(q "SELECT status FROM notify_outbox WHERE subject LIKE '%Served by the server%'")" "sent"
kill -TERM "$serve"; wait "$serve"
equals "serve: stops cleanly on SIGTERM with the notifier running" "$?" "0"
contains "serve: the round is logged" "$(cat "$tmp/serve.log")" "notifications: 1 queued, 1 sent"
run "serve: --notify-every out of range" 2 ag serve --notify-every 5

# --- removing a rule removes its messages; the audit trail is intact
run "rule remove" 0 ag notify rule remove 4
equals "its messages are gone" "$(q "SELECT count(*) FROM notify_outbox WHERE rule_id = 4")" "0"
run "rule remove unknown" 2 ag notify rule remove 99
run "audit verify" 0 ag audit verify
finish

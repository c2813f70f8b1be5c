#!/usr/bin/env bash
# The /notifications page over real HTTP (`airguard serve`, curl): a manager adds a rule through
# the form and sees it listed; hostile text (a webhook URL, a last error, a rejected address)
# escaped; the audit trail names the person; the outbox filter and the retry of a failed row;
# the SMTP settings shown without the password; remove; a POST without CSRF refused; a
# sysadmin and a 取扱者 get 403, an auditor reads but may not change.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
web_start

as suzuki # information security manager
contains "menu entry for a manager" "$body" 'href="/notifications"'
req -b "$S" "$U/notifications"
equals "/notifications 200" "$code" 200
contains "heading" "$body" "<h1>通知</h1>"
contains "no rules yet" "$body" "通知ルールはありません"
contains "the add form" "$body" 'action="/notifications/rules"'

# add a rule through the form
post /notifications/rules channel=email target=ciso@airport.example kinds=action,exception \
  min_level=high lang=both
equals "rule added: redirect" "$code" 303
equals "stored by notify_rule_add" \
  "$(q "SELECT channel || '|' || target || '|' || kinds || '|' || min_level || '|' || lang FROM notify_rules")" \
  "email|ciso@airport.example|action,exception|high|both"
equals "audit trail: the manager added it" \
  "$(q "SELECT count(*) FROM audit_log WHERE entity = 'notify_rules' AND action = 'insert' AND actor = 'suzuki'")" 1
req -b "$S" "$U/notifications"
contains "rule listed" "$body" "<td>ciso@airport.example</td><td>action,exception</td><td>high</td><td>both</td>"
contains "saved note" "$(curl -s -b "$S" "$U/notifications?ok=1")" "保存しました。"

# hostile text: a webhook URL (no spaces, so accepted) is escaped in the list
HOSTILE='https://x.example/<script>alert(1)</script>"><img'
post /notifications/rules channel=webhook "target=$HOSTILE" kinds=alert min_level=critical lang=en
equals "webhook rule added" "$code" 303
req -b "$S" "$U/notifications"
contains "hostile URL escaped" "$body" "https://x.example/&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img"
lacks "no script tag" "$body" "<script>alert(1)"

# a bad address is refused with the reason, the input escaped
post /notifications/rules channel=email 'target=<b>x</b>@example' kinds=all
equals "bad address: 400" "$code" 400
contains "reason shown, escaped" "$body" "&lt;b&gt;x&lt;/b&gt;@example"
lacks "the address not as HTML" "$body" "<b>x</b>@example"
post /notifications/rules channel=email target=a@example.org kinds=alert,nonsense
equals "unknown kind: 400" "$code" 400
equals "nothing stored for refused rules" "$(q "SELECT count(*) FROM notify_rules")" 2

# the outbox: a webhook that answers 401 (the receiver of test_notify.sh expects a signature)
# makes failed rows through `notify scan` and `notify send`; the URL in the error is hostile
echo 'hook-key' >"$tmp/hook.key"
python3 "$(dirname "$0")/notify_webhook.py" "$tmp/hook.port" "$tmp/hook" "$tmp/hook.key" 60 &
hook=$!
mkdir -p "$tmp/hook"
for _ in $(seq 50); do [[ -s $tmp/hook.port ]] && break; sleep 0.1; done
hp=$(cat "$tmp/hook.port")
run "webhook rule (CLI)" 0 "$AG_BIN" --db "$db" notify rule add --channel webhook \
  --target "http://127.0.0.1:$hp/hook?x=<script>alert(3)</script>" --kinds all --min-level info
run "scan" 0 "$AG_BIN" --db "$db" notify scan
run "send two: both refused" 1 "$AG_BIN" --db "$db" notify send --limit 2
kill "$hook" 2>/dev/null
o1=$(q "SELECT min(id) FROM notify_outbox WHERE status = 'failed'")
oq=$(q "SELECT min(id) FROM notify_outbox WHERE status = 'queued'")
[[ -n $o1 && -n $oq ]] || not_ok "a failed and a queued row exist"
req -b "$S" "$U/notifications"
contains "last error escaped" "$body" "x=&lt;script&gt;alert(3)&lt;/script&gt;"
lacks "no script from the error" "$body" "<script>alert(3)"
contains "the failed row flagged" "$body" "<tr class=\"flagged\"><td>$o1</td>"
contains "retry button for the failed row" "$body" "action=\"/notifications/outbox/$o1/retry\""
lacks "no retry button for a queued row" "$body" "action=\"/notifications/outbox/$oq/retry\""
req -b "$S" "$U/notifications?status=queued"
contains "filter: the queued row" "$body" "<tr><td>$oq</td>"
lacks "filter: no failed row" "$body" '<tr class="flagged">'
req -b "$S" "$U/notifications?status=bogus"
equals "unknown status filter: 400" "$code" 400
post "/notifications/outbox/$o1/retry"
equals "retry: redirect" "$code" 303
equals "queued again by notify_retry" "$(q "SELECT status || ' ' || attempts FROM notify_outbox WHERE id = $o1")" "queued 0"
equals "audit trail: the manager put it back" \
  "$(q "SELECT count(*) FROM audit_log WHERE entity = 'notify_outbox' AND action = 'update' AND actor = 'suzuki' AND entity_id = '$o1'")" 1
post "/notifications/outbox/$o1/retry"
equals "retry of a row not failed: 404" "$code" 404

r1=$(q "SELECT id FROM notify_rules WHERE channel = 'email'")

# the settings: shown, the password never
run "smtp settings" 0 "$AG_BIN" --db "$db" notify config --smtp-url smtp://mail.airport.example:587 \
  --smtp-from airguard@airport.example --smtp-user airguard
echo 'S3cret-Pa55' >"$tmp/pw"
chmod 600 "$tmp/pw"
run "password file" 0 "$AG_BIN" --db "$db" notify config --smtp-password-file "$tmp/pw"
req -b "$S" "$U/notifications"
contains "smtp.url shown" "$body" "smtp://mail.airport.example:587"
contains "smtp.from shown" "$body" "airguard@airport.example"
contains "smtp.user shown" "$body" "<dt>smtp.user</dt><dd>airguard</dd>"
contains "password file: set" "$body" "（設定済み）"
lacks "not the password" "$body" "S3cret-Pa55"
lacks "not the password file's path" "$body" "$tmp/pw"
contains "English page" "$(curl -s -b "$S" -H 'Accept-Language: en' "$U/notifications?lang=en")" "<h1>Notifications</h1>"

# no CSRF token: refused, nothing removed
req -b "$S" -d "x=1" "$U/notifications/rules/$r1/remove"
equals "remove without CSRF: 403" "$code" 403
equals "rule still there" "$(q "SELECT count(*) FROM notify_rules WHERE id = $r1")" 1

# remove
post "/notifications/rules/$r1/remove"
equals "remove: redirect" "$code" 303
equals "rule removed" "$(q "SELECT count(*) FROM notify_rules WHERE id = $r1")" 0
equals "its outbox rows removed" "$(q "SELECT count(*) FROM notify_outbox WHERE rule_id = $r1")" 0
equals "audit trail: the manager removed it" \
  "$(q "SELECT count(*) FROM audit_log WHERE entity = 'notify_rules' AND action = 'delete' AND actor = 'suzuki' AND entity_id = '$r1'")" 1
post "/notifications/rules/$r1/remove"
equals "removing again: 404" "$code" 404

as tanaka # sysadmin
req -b "$S" "$U/notifications"
equals "a sysadmin gets 403" "$code" 403
lacks "no menu entry for a sysadmin" "$(curl -s -b "$S" "$U/")" 'href="/notifications"'
post /notifications/rules channel=email target=t@airport.example
equals "a sysadmin may not add" "$code" 403

as kimura # 取扱者
req -b "$S" "$U/notifications"
equals "a 取扱者 gets 403" "$code" 403

as hayashi # auditor
req -b "$S" "$U/notifications"
equals "an auditor reads it" "$code" 200
contains "the remaining rule listed" "$body" "https://x.example/&lt;script&gt;"
lacks "no add form for an auditor" "$body" 'action="/notifications/rules"'
lacks "no remove button for an auditor" "$body" "/remove"
post /notifications/rules channel=email target=h@airport.example
equals "an auditor may not add" "$code" 403
equals "still two rules" "$(q "SELECT count(*) FROM notify_rules")" 2
finish

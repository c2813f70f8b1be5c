#!/usr/bin/env bash
# The alert pages over real HTTP against the demo airport (docs/web/alerts.md): the list with
# its filters and bad input (400), an alert's page with its evidence escaped and its guideline
# items linked, acknowledge / close / open an incident (CSRF, roles: 403 and nothing stored for
# a handler without the role), concurrent acknowledgements (one wins, the others 409), the
# dashboard card and the guideline item page, English, and GET /api/v1/alerts.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
web_start
q "DELETE FROM alerts WHERE id LIKE 'lw-demo%'" # the demo's own alerts (demo_evidence.c)
wait_all() { for j in $(jobs -p); do [[ $j == "$pid" ]] || wait "$j"; done; }
now=$(date -u +%Y-%m-%dT%H:%M:00Z)
# alert N CATEGORY LEVEL SRC USER EVIDENCE
alert() {
  jq -cn --arg id "$(printf 'lw-%016x' "$1")" --arg t "$now" --arg c "$2" --arg l "$3" --arg s "$4" \
    --arg u "$5" --arg e "$6" \
    '{id:$id, time:$t, category:$c, rule:("rule " + $c), level:$l, user:$u, count:4,
      guideline:["3.1.5.1(2)(e)"], catalog:["3.1.5.1-2-e"], attack:["t1110.001"], evidence:[$e]}
     + (if $s == "" then {} else {src_ip:$s} end)'
}
{
  alert 1 brute_force high 203.0.113.9 root "sshd[1]: Failed password for root from 203.0.113.9"
  alert 2 password_spray medium 198.51.100.7 alice "sshd[2]: Failed password for alice"
  alert 3 web_attack high 192.0.2.44 "'; DROP TABLE alerts; --" 'GET /?q=<script>alert(1)</script> HTTP/1.1'
  alert 4 log_cleared critical "" administrator "Security log cleared"
} >"$tmp/a.jsonl"
run "import" 0 "$AG_BIN" --db "$db" alert import "$tmp/a.jsonl"
id1=lw-0000000000000001 id3=lw-0000000000000003 id4=lw-0000000000000004

# --- the list (CSIRT)
as tanaka
T_S=$S T_csrf=$csrf
req -b "$S" "$U/alerts"
equals "list: 200" "$code" 200
equals "list: every alert" "$(grep -o '<td><a href="/alerts/lw-[0-9a-f]*">20' <<<"$body" | wc -l)" 4
contains "list: level shown" "$body" 'class="level level-critical"'
req -b "$S" "$U/alerts?category=password_spray"
contains "filter category" "$body" 'href="/alerts/lw-0000000000000002"'
lacks "filter category: not the others" "$body" "href=\"/alerts/$id1\""
req -b "$S" "$U/alerts?level=high"
contains "filter level and above: critical" "$body" "href=\"/alerts/$id4\""
lacks "filter level: not medium" "$body" 'href="/alerts/lw-0000000000000002"'
req -b "$S" "$U/alerts?address=203.0.113.9"
contains "filter address" "$body" "href=\"/alerts/$id1\""
lacks "filter address: only it" "$body" "href=\"/alerts/$id3\""
req -b "$S" --get --data-urlencode "user='; DROP TABLE alerts; --" "$U/alerts"
contains "filter user (hostile text is just a value)" "$body" "href=\"/alerts/$id3\""
equals "table intact" "$(q "SELECT count(*) FROM alerts")" 4
req -b "$S" "$U/alerts?level=urgent"
equals "bad level: 400" "$code" 400
contains "bad level: message" "$body" "level"
req -b "$S" "$U/alerts?status=opened" # "open" is a filter (new or acknowledged)
equals "bad status: 400" "$code" 400
req -b "$S" "$U/alerts?after=abc"
equals "bad cursor: 400" "$code" 400

# --- an alert's page: evidence escaped, guideline linked
req -b "$S" "$U/alerts/$id3"
equals "alert page: 200" "$code" 200
contains "evidence escaped" "$body" 'GET /?q=&lt;script&gt;alert(1)&lt;/script&gt; HTTP/1.1'
lacks "no live script from the evidence" "$body" '<script>alert(1)'
contains "user escaped" "$body" '&#39;; DROP TABLE alerts; --'
contains "guideline item linked" "$body" 'href="/catalog/3.1.5.1-2-e"'
contains "ATT&CK shown" "$body" 't1110.001'
contains "acknowledge form" "$body" 'value="acknowledge"'
req -b "$S" "$U/alerts/lw-nope"
equals "unknown alert: 404" "$code" 404

# --- handling
post "/alerts/$id1/step" step=acknowledge note=looking
equals "acknowledge: 303" "$code" 303
contains "acknowledge: back to the alert" "$hdr" "Location: /alerts/$id1?ok=acknowledge"
equals "acknowledged" "$(q "SELECT status FROM alerts WHERE id = '$id1'")" acknowledged
equals "trail names tanaka" "$(q "SELECT count(*) FROM audit_log WHERE entity = 'alert_actions' AND actor = 'tanaka'")" 1
post "/alerts/$id1/step" step=acknowledge
equals "acknowledge twice: 409" "$code" 409
post "/alerts/$id1/step" step=close "note=blocked <b>at</b> the firewall"
equals "close: 303" "$code" 303
req -b "$S" "$U/alerts/$id1"
contains "history: the note escaped" "$body" 'blocked &lt;b&gt;at&lt;/b&gt; the firewall'
lacks "closed: no close form" "$body" 'value="close"'
req -b "$S" --data-urlencode "csrf=wrong" -d step=close "$U/alerts/$id4/step"
equals "wrong CSRF: 403" "$code" 403
equals "wrong CSRF: unchanged" "$(q "SELECT status FROM alerts WHERE id = '$id4'")" new
inc0=$(q "SELECT count(*) FROM incidents")
post "/alerts/$id4/incident" incident=
equals "open an incident: 303" "$code" 303
equals "incident opened" "$(q "SELECT count(*) FROM incidents")" $((inc0 + 1))
inc=$(q "SELECT incident_id FROM alerts WHERE id = '$id4'")
req -b "$S" "$U/alerts/$id4"
contains "incident linked on the page" "$body" "href=\"/incidents/$inc\""
post "/alerts/$id3/incident" "incident=$inc"
equals "link to it: 303" "$code" 303
equals "linked" "$(q "SELECT incident_id FROM alerts WHERE id = '$id3'")" "$inc"
post "/alerts/$id3/incident" incident=
equals "linked already: 409" "$code" 409
post "/alerts/lw-0000000000000002/incident" incident=99999
equals "unknown incident: 400" "$code" 400

# --- who: a handler without the role sees no alerts and changes nothing
as kimura
req -b "$S" "$U/alerts"
equals "handler: list 403" "$code" 403
req -b "$S" "$U/alerts/$id4"
equals "handler: alert 403" "$code" 403
before=$(q "SELECT count(*) FROM audit_log")
post "/alerts/lw-0000000000000002/step" step=acknowledge
equals "handler: step 403" "$code" 403
equals "handler: nothing stored" "$(q "SELECT count(*) FROM audit_log")" "$before"
req -b "$S" "$U/"
lacks "handler: no alert card" "$body" 'id="alerts"'

# --- dashboard card and the guideline item page (CSIRT)
S=$T_S csrf=$T_csrf
req -b "$S" "$U/"
contains "dashboard: alert card" "$body" '<section class="card" id="alerts">'
contains "dashboard: unacknowledged brute force links to the filtered list" "$body" \
  'href="/alerts?category=password_spray&amp;status=new&amp;after=0"'
req -b "$S" "$U/catalog/3.1.5.1-2-e"
contains "item page: its alerts" "$body" "href=\"/alerts/$id1\""
req -b "$S" "$U/alerts?lang=en"
contains "English" "$body" "Source address"
req -b "$S" "$U/alerts?lang=ja"

# --- concurrent acknowledgements: one wins
for _ in 1 2 3 4; do
  curl -s -o /dev/null -w '%{http_code}\n' -b "$S" --data-urlencode "csrf=$csrf" -d step=acknowledge \
    "$U/alerts/lw-0000000000000002/step" >>"$tmp/race" &
done
wait_all
equals "race: one 303" "$(grep -c 303 "$tmp/race")" 1
equals "race: three 409" "$(grep -c 409 "$tmp/race")" 3
equals "race: one action row" "$(q "SELECT count(*) FROM alert_actions WHERE alert_id = 'lw-0000000000000002'")" 1
run "audit verify" 0 "$AG_BIN" --db "$db" audit verify

# --- the API
tk=$("$AG_BIN" --db "$db" token add tanaka --name t --scope read 2>/dev/null)
req -H "Authorization: Bearer $tk" "$U/api/v1/alerts?level=critical"
equals "api: 200" "$code" 200
equals "api: the critical one" "$(jq -r '.items[].id' <<<"$body")" "$id4"
equals "api: its incident" "$(jq -r '.items[0].incident_id' <<<"$body")" "$inc"
req -H "Authorization: Bearer $tk" "$U/api/v1/alerts?limit=2"
equals "api: a page of 2" "$(jq '.items | length' <<<"$body")" 2
next=$(jq .next <<<"$body")
req -H "Authorization: Bearer $tk" "$U/api/v1/alerts?limit=2&after=$next"
equals "api: the rest" "$(jq -r '[.items[].id] | join(" ")' <<<"$body") $(jq .next <<<"$body")" "lw-0000000000000002 $id1 null"
tk2=$("$AG_BIN" --db "$db" token add kimura --name t --scope read 2>/dev/null)
req -H "Authorization: Bearer $tk2" "$U/api/v1/alerts"
equals "api: handler 403" "$code" 403
finish

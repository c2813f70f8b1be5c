#!/usr/bin/env bash
# `airguard alert …` end to end against a real store (docs/logwatch.md "Alerts and outputs"):
# import of JSON lines in batches (duplicates skipped, a bad line named by its number and
# nothing stored even after earlier batches), the list with its filters and cursor pages, show,
# acknowledge and close by a CSIRT member with the audit trail, refusals (exit 3), incidents
# opened by the outputs.incident configuration, and `alert send` to a syslog collector run by
# python3 in this test (RFC 5424 over UDP and octet-counted TCP) and to a JSON-lines file.
. "$(dirname "$0")/lib.sh"
ag="$AG_BIN"
export AIRGUARD_NOW=2026-11-26T12:00:00Z
db="$tmp/a.db"
a() { "$ag" --db "$db" --lang en "$@"; }
q() { sqlite3 "$db" "$1"; }
command -v sqlite3 >/dev/null || { not_ok "sqlite3 is installed"; finish; exit 1; }

# alert N CATEGORY LEVEL SRC USER [TIME]
alert() {
  printf '{"id":"lw-%016x","time":"%s","category":"%s","rule":"rule %s","level":"%s",%s"user":"%s","host":"gw01","count":3,"guideline":["3.1.5.1(2)(e)"],"catalog":["3.1.5.1-2-e"],"attack":["t1110"],"evidence":["Nov 26 05:10:00 gw01 sshd[1]: Failed password for %s from %s port 22 ssh2"]}\n' \
    "$1" "${6:-2026-11-26T05:1$(($1 % 10)):00Z}" "$2" "$2" "$3" "${4:+\"src_ip\":\"$4\",}" "$5" "$5" "$4"
}
{
  alert 1 brute_force high 203.0.113.9 root
  alert 2 brute_force high 203.0.113.9 root
  alert 3 password_spray medium 198.51.100.7 alice
  echo
  alert 4 web_attack low 192.0.2.44 "-"
  alert 5 log_cleared critical "" administrator
} >"$tmp/a.jsonl"

run "init" 0 a db init --demo
q "DELETE FROM alerts WHERE id LIKE 'lw-demo%'" # the demo's own alerts (demo_evidence.c): counts below are of this test's
audit0=$(q "SELECT count(*) FROM audit_log")
run "import 5 alerts in batches of 2" 0 a alert import "$tmp/a.jsonl" --batch 2 &&
  contains "import: counts" "$out" "imported 5 alerts (0 already stored), 0 incidents opened"
equals "stored" "$(q "SELECT count(*) FROM alerts")" 5
equals "one audit row per batch" "$(q "SELECT count(*) FROM audit_log WHERE action = 'import' AND entity = 'alerts' AND seq > $audit0")" 3
equals "guideline item index" "$(q "SELECT count(*) FROM alert_items WHERE item_id = '3.1.5.1-2-e'")" 5
run "import again: all duplicates" 0 a alert import "$tmp/a.jsonl" &&
  contains "import again: counts" "$out" "imported 0 alerts (5 already stored)"
equals "nothing new" "$(q "SELECT count(*) FROM alerts")" 5
run "import from standard input" 0 a alert import - <"$tmp/a.jsonl"

# a bad line late in the file: named, and nothing of the file is stored
{
  alert 11 brute_force high 203.0.113.10 root
  alert 12 brute_force high 203.0.113.11 root
  alert 13 brute_force high 203.0.113.12 root
  echo '{"id":"lw-bad","time":"2026-11-26T05:10:00Z","category":"brute_force","rule":"r","level":"severe"}'
  echo 'not json'
} >"$tmp/bad.jsonl"
run "import with bad lines" 2 a alert import "$tmp/bad.jsonl" --batch 1
contains "bad line 4 named" "$err" "bad.jsonl:4: level: \"severe\" is not one of"
contains "bad line 5 named" "$err" "bad.jsonl:5: not JSON"
contains "nothing imported" "$err" "2 bad lines; nothing was imported"
equals "no row of the bad file (batches before the bad line rolled back)" \
  "$(q "SELECT count(*) FROM alerts WHERE src_ip LIKE '203.0.113.1_'")" 0
run "import: missing file" 2 a alert import "$tmp/none.jsonl"

# list and filters
run "list" 0 a alert list && {
  contains "list: newest first" "$(head -2 <<<"$out" | tail -1)" "lw-0000000000000005"
  equals "list: 5 rows + heading" "$(wc -l <<<"$out")" 6
}
run "list --level high" 0 a alert list --level high --json &&
  equals "level high and above" "$(jq -r '.[].id' <<<"$out" | tr '\n' ' ')" "lw-0000000000000005 lw-0000000000000002 lw-0000000000000001 "
run "list --address" 0 a alert list --address 198.51.100.7 --json &&
  equals "by address" "$(jq -r '.[].user' <<<"$out")" "alice"
run "list --user" 0 a alert list --user root --category brute_force --json &&
  equals "by user and category" "$(jq length <<<"$out")" 2
run "list --item" 0 a alert list --item 3.1.5.1-2-e --limit 2 &&
  contains "pages: more" "$out" "(more: --after"
after=$(sed -n 's/.*--after \([0-9]*\)).*/\1/p' <<<"$out")
run "list page 2" 0 a alert list --limit 2 --after "$after" --json &&
  equals "page 2" "$(jq -r '.[].id' <<<"$out" | tr '\n' ' ')" "lw-0000000000000003 lw-0000000000000002 "
run "list: bad level" 2 a alert list --level urgent && contains "bad level named" "$err" "level: \"urgent\""
run "list: hostile category is only a value" 0 a alert list --category "x' OR 1=1 --" --json &&
  equals "hostile category: nothing matches" "$(jq length <<<"$out")" 0
run "list Japanese" 0 "$ag" --db "$db" --lang ja alert list --status new && contains "ja headings" "$out" "送信元アドレス"

# show, acknowledge, close
run "show" 0 a alert show lw-0000000000000001 && {
  equals "show: evidence" "$(jq -r '.evidence[0]' <<<"$out")" "Nov 26 05:10:00 gw01 sshd[1]: Failed password for root from 203.0.113.9 port 22 ssh2"
  equals "show: status" "$(jq -r .status <<<"$out")" "new"
}
run "show unknown" 2 a alert show lw-nope
run "ack without --as" 2 a alert ack lw-0000000000000001
run "ack by a handler without the role" 3 a --as kimura alert ack lw-0000000000000001 &&
  contains "refusal names the roles" "$err" "csirt, ciso or sysadmin"
equals "refused: unchanged" "$(q "SELECT status FROM alerts WHERE id = 'lw-0000000000000001'")" new
run "ack by CSIRT" 0 a --as tanaka alert ack lw-0000000000000001 --note "looking"
run "ack twice" 3 a --as tanaka alert ack lw-0000000000000001
run "close" 0 a --as tanaka alert close lw-0000000000000001 --note "blocked at the firewall"
run "close twice" 3 a --as tanaka alert close lw-0000000000000001
equals "closed" "$(q "SELECT status FROM alerts WHERE id = 'lw-0000000000000001'")" closed
equals "audit trail: both steps by tanaka" \
  "$(q "SELECT count(*) FROM audit_log WHERE entity = 'alert_actions' AND actor = 'tanaka'")" 2
run "list --status closed" 0 a alert list --status closed --json &&
  equals "closed filter" "$(jq -r '.[].id' <<<"$out")" "lw-0000000000000001"
run "open an incident from an alert" 0 a --as tanaka alert incident lw-0000000000000003 &&
  contains "incident opened" "$out" "alert lw-0000000000000003: incident"
inc=$(q "SELECT incident_id FROM alerts WHERE id = 'lw-0000000000000003'")
run "link another alert to it" 0 a --as tanaka alert incident lw-0000000000000004 --incident "$inc"
run "link again: conflict" 2 a --as tanaka alert incident lw-0000000000000004 --incident "$inc"
run "audit verify" 0 a audit verify

# incidents by configuration
cat >"$tmp/lw.yaml" <<'EOF'
rules: {dir: /nowhere}
outputs:
  incident:
    min_level: high
    categories: [brute_force]
    reporter: tanaka
EOF
{
  alert 21 brute_force high 203.0.113.50 root
  alert 22 brute_force critical 203.0.113.50 admin
  alert 23 brute_force medium 203.0.113.51 root
  alert 24 log_cleared critical "" administrator
} >"$tmp/p.jsonl"
inc0=$(q "SELECT count(*) FROM incidents")
run "import with the incident policy" 0 a alert import "$tmp/p.jsonl" --config "$tmp/lw.yaml" &&
  contains "policy: counts" "$out" "1 incidents opened, 1 alerts linked"
equals "one incident opened" "$(q "SELECT count(*) FROM incidents")" $((inc0 + 1))
equals "reported by tanaka, severity high" \
  "$(q "SELECT r.login || ' ' || i.severity FROM incidents i JOIN people r ON r.id = i.reported_by ORDER BY i.id DESC LIMIT 1")" "tanaka high"
printf 'outputs:\n  incident: {min_level: urgent}\n' >"$tmp/badcfg.yaml"
run "bad configuration" 2 a alert import "$tmp/p.jsonl" --config "$tmp/badcfg.yaml" &&
  contains "config error: file, line, column" "$err" "badcfg.yaml:2:25: outputs.incident.min_level"

# send: to a syslog collector (python3) over UDP and TCP, and to a JSON-lines file
command -v python3 >/dev/null || { not_ok "python3 is installed"; finish; exit 1; }
cat >"$tmp/collector.py" <<'EOF'
# A syslog collector for the test: UDP datagrams or RFC 6587 octet-counted TCP frames; each
# message is checked against RFC 5424's header grammar and printed as one JSON line.
import json, re, socket, sys
proto, n = sys.argv[1], int(sys.argv[2])
hdr = re.compile(rb'^<(\d{1,3})>1 (\S+) (\S+) (\S+) (\d+) (\S+) (-|\[.*\]) \xef\xbb\xbf(.*)$', re.S)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM if proto == 'udp' else socket.SOCK_STREAM)
s.bind(('127.0.0.1', 0))
if proto == 'tcp':
    s.listen(1)
print(s.getsockname()[1], flush=True)
msgs = []
if proto == 'udp':
    for _ in range(n):
        msgs.append(s.recv(70000))
else:
    c, _ = s.accept()
    buf = b''
    while len(msgs) < n:
        d = c.recv(65536)
        if not d:
            break
        buf += d
        while b' ' in buf:
            ln, rest = buf.split(b' ', 1)
            if len(rest) < int(ln):
                break
            msgs.append(rest[:int(ln)])
            buf = rest[int(ln):]
for m in msgs:
    h = hdr.match(m)
    if not h:
        print(json.dumps({"bad": m.decode('utf-8', 'replace')}))
        continue
    sd = h.group(7).decode()
    params = dict(re.findall(r'(\w+)="((?:[^"\\\]]|\\.)*)"', sd))
    print(json.dumps({"pri": int(h.group(1)), "time": h.group(2).decode(), "app": h.group(4).decode(),
                      "msgid": h.group(6).decode(), "sd": params, "msg": h.group(8).decode()}), flush=True)
EOF
for proto in udp tcp; do
  python3 "$tmp/collector.py" $proto 2 >"$tmp/col-$proto.out" &
  cpid=$!
  for _ in $(seq 50); do [[ -s $tmp/col-$proto.out ]] && break; sleep 0.1; done
  port=$(head -1 "$tmp/col-$proto.out")
  printf 'outputs:\n  syslog: {address: "127.0.0.1:%s", protocol: %s, facility: auth}\n  json: %s\n' \
    "$port" $proto "$tmp/sent-$proto.jsonl" >"$tmp/send.yaml"
  head -2 "$tmp/a.jsonl" >"$tmp/two.jsonl"
  run "send over $proto" 0 a alert send - --config "$tmp/send.yaml" <"$tmp/two.jsonl"
  wait $cpid
  got=$(tail -n +2 "$tmp/col-$proto.out")
  equals "$proto: two RFC 5424 messages" "$(jq -r 'select(.pri) | .msgid' <<<"$got" | tr '\n' ' ')" "brute_force brute_force "
  equals "$proto: PRI auth.err (4*8+3)" "$(jq -r '.pri' <<<"$got" | head -1)" 35
  equals "$proto: structured data" "$(jq -r '.sd.id + " " + .sd.src_ip + " " + .sd.count' <<<"$got" | head -1)" "lw-0000000000000001 203.0.113.9 3"
  contains "$proto: message" "$(jq -r .msg <<<"$got" | head -1)" "rule brute_force: Nov 26 05:10:00 gw01 sshd"
  equals "$proto: the JSON-lines file too" "$(wc -l <"$tmp/sent-$proto.jsonl")" 2
done
# the store output of the configuration (the sink `logwatch run` uses), with the incident policy
alert 31 brute_force critical 203.0.113.77 root >"$tmp/s.jsonl"
alert 32 brute_force high 203.0.113.77 root >>"$tmp/s.jsonl"
printf 'outputs:\n  store: {batch: 1}\n  incident: {min_level: high, reporter: tanaka}\n' >"$tmp/store.yaml"
inc0=$(q "SELECT count(*) FROM incidents")
run "send to the store" 0 a alert send "$tmp/s.jsonl" --config "$tmp/store.yaml"
equals "store output: both stored" "$(q "SELECT count(*) FROM alerts WHERE src_ip = '203.0.113.77'")" 2
equals "store output: one incident, both linked" \
  "$(q "SELECT count(*) || ' ' || count(DISTINCT incident_id) FROM alerts WHERE src_ip = '203.0.113.77'") $(q "SELECT count(*) FROM incidents")" "2 1 $((inc0 + 1))"
# a collector that is not there: the alerts are counted as not delivered, exit 1
printf 'outputs:\n  syslog: {address: "127.0.0.1:9", protocol: tcp}\n' >"$tmp/down.yaml"
run "send to a closed port" 1 a alert send "$tmp/two.jsonl" --config "$tmp/down.yaml" &&
  contains "drops reported" "$err" "did not take 2 alerts"
finish

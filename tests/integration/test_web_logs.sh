#!/usr/bin/env bash
# The /logs page over real HTTP (`airguard serve`, curl): the demo airport's retention policy;
# an archive made with `airguard logs archive` shown with its segments and lines; verification
# on demand (POST with CSRF) — intact, then, after one byte of a segment was flipped, the segment
# named as altered; each verification in the audit trail under the person; only system
# administrators, CSIRT, auditors, the CISO and the administrator see the page (a 取扱者 gets 403).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
web_start
log="$AG_SOURCE_DIR/tests/data/logwatch/attacks.log"

as tanaka
contains "menu: /logs for a system administrator" "$body" 'href="/logs"'
req -b "$S" "$U/logs"
equals "/logs 200" "$code" 200
contains "heading" "$body" "<h1>ログの保存</h1>"
contains "the guideline's references" "$body" "3.1.5.1(2)(a)、3.2.2.1③"
contains "the demo's network period (two years)" "$body" "<td>0.0.0.0:514</td><td>730</td>"
contains "the default web period" "$body" "<td>web</td><td>*</td><td>180</td>"
contains "not verified yet" "$body" "まだ検証されていません"
contains "no archive yet" "$body" "保存先はまだありません"

A="$tmp/archive"
run "an archive for the page" 0 "$AG_BIN" --db "$db" --lang en logs archive --archive "$A" "$log"
req -b "$S" "$U/logs"
contains "the archive's folder" "$body" "<td>$(cd "$A" && pwd -P)<br>"
contains "its segments and lines" "$body" "</span></td><td>3</td><td>92</td><td>8245</td>"

req -b "$S" --data-urlencode "csrf=" "$U/logs/verify"
equals "verify without the CSRF token: 403" "$code" 403
post "/logs/verify"
equals "verify: 303" "$code" 303
contains "back to the page" "$hdr" "Location: /logs?ok=verify#verify"
req -b "$S" "$U/logs?ok=verify"
contains "verified: intact" "$body" "改ざん・欠落なし: 3 セグメント、92 行"
web=$(basename "$(ls "$A"/*-web-*.log.zst)")
printf 'X' | dd of="$A/$web" bs=1 seek=100 conv=notrunc 2>/dev/null
post "/logs/verify"
req -b "$S" "$U/logs"
contains "the problem is shown" "$body" 'role="alert" id="verify-result"'
contains "the altered segment is named" "$body" "<tr><td>$web</td><td>altered</td>"
equals "both verifications are audited under tanaka" \
  "$(q "SELECT count(*) FROM audit_log WHERE action = 'verify' AND entity = 'log_archives' AND actor = 'tanaka'")" 2
run "the CLI agrees" 1 "$AG_BIN" --db "$db" --lang en logs verify --archive "$A"
contains "CLI: the same segment" "$out" "$web: altered"

as kimura
req -b "$S" "$U/logs"
equals "a 取扱者 gets 403" "$code" 403
lacks "no menu entry for a 取扱者" "$body" 'href="/logs"'
post "/logs/verify"
equals "a 取扱者 cannot verify" "$code" 403

as hayashi
req -b "$S" "$U/logs"
equals "an auditor reads it" "$code" 200
finish

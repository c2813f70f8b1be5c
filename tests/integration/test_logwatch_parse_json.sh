#!/usr/bin/env bash
# `airguard logwatch parse` on JSON lines: the Windows Security samples
# (tests/data/logwatch/windows-security.jsonl: NXLog, winlogbeat and PowerShell forms) and
# journald's `journalctl -o json` (journald.jsonl) come out as the events the rules will see,
# with event_id; a line that only looks like JSON is warned about and read as a plain line;
# syslog and JSON lines mix in one file.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "not ok - jq is installed"; exit 1; }
data="$AG_TEST_DATA/logwatch"

run "windows samples" 0 "$AG_BIN" --lang en logwatch parse --json "$data/windows-security.jsonl" &&
  ok "windows samples: exit 0"
printf '%s\n' "$out" >"$tmp/win"
equals "every Windows sample is an event" "$(wc -l <"$tmp/win")" "$(wc -l <"$data/windows-security.jsonl")"
equals "all decoded by the windows decoder" "$(jq -r .decoder "$tmp/win" | sort -u)" "windows"
equals "event ids by action" \
  "$(jq -r '"\(.event_id) \(.action) \(.outcome)"' "$tmp/win" | sort -u | tr '\n' ,)" \
  "1102 log_cleared success,4624 login success,4625 login failure,4720 account_create success,4728 group_add success,4732 group_add success,4740 lockout unknown,4756 group_add success,4771 login failure,4776 login failure,"
equals "4625 from NXLog: user, address, port, logon type" \
  "$(jq -r 'select(.line == 2) | "\(.user) \(.src_ip) \(.src_port) \(.method) \(.hostile)"' "$tmp/win")" \
  "administrator 203.0.113.9 50312 network true"
equals "4625 for an unknown user (SubStatus 0xC0000064) from winlogbeat" \
  "$(jq -r 'select(.line == 14) | "\(.user) \(.invalid_user) \(.src_ip)"' "$tmp/win")" \
  "oracle true 2001:db8::6"
equals "4624 folds ::ffff: and names the logon type" \
  "$(jq -r 'select(.line == 1) | "\(.src_ip) \(.method) \(.hostile)"' "$tmp/win")" \
  "192.0.2.44 remote_interactive false"
equals "4728: member into Domain Admins, an admin group" \
  "$(jq -r 'select(.line == 5) | "\(.user)|\(.target)|\(.admin_group)"' "$tmp/win")" \
  "CN=Taro Yamada,OU=Staff,DC=corp,DC=example|Domain Admins|true"
equals "4756 into an ordinary group is no admin group" \
  "$(jq -r 'select(.line == 7) | "\(.target)|\(.admin_group // false)"' "$tmp/win")" "VPN Users|false"
equals "1102 from PowerShell: who cleared the log, when" \
  "$(jq -r 'select(.line == 26) | "\(.user) \(.program) \(.time)"' "$tmp/win")" \
  "Administrator Microsoft-Windows-Eventlog 2024-03-05T07:11:00Z"

run "journald" 0 "$AG_BIN" --lang en logwatch parse --json "$data/journald.jsonl" && ok "journald: exit 0"
printf '%s\n' "$out" >"$tmp/jd"
equals "journald: the six decodable entries (the systemd one is not)" "$(wc -l <"$tmp/jd")" 6
equals "journald: time from __REALTIME_TIMESTAMP, host, program, pid" \
  "$(jq -r 'select(.line == 1) | "\(.time) \(.host) \(.program) \(.pid) \(.user) \(.src_ip)"' "$tmp/jd")" \
  "2024-03-05T07:08:09Z gw01 sshd 812 root 203.0.113.9"
equals "journald: MESSAGE as bytes (not UTF-8) still decoded, shown with U+FFFD" \
  "$(jq -r 'select(.line == 6) | "\(.user) \(.src_ip) \(.invalid_user)"' "$tmp/jd")" \
  "$(printf '\xef\xbf\xbd\xef\xbf\xbdadm') 198.51.100.7 true"
contains "journald: the summary counts" "$err" "7 lines, 6 decoded"

# mixed input: syslog, JSON, a line that looks like JSON and is not, indented JSON
cat >"$tmp/mixed" <<'LOG'
Mar  5 07:08:09 gw01 sshd[812]: Failed password for root from 203.0.113.9 port 50312 ssh2
{"EventID":4625,"TargetUserName":"alice","IpAddress":"198.51.100.2","IpPort":"4000","LogonType":"3"}
{broken sshd[1]: Failed password for bob from 198.51.100.3 port 22 ssh2
   {"program":"sshd","message":"Invalid user carol from 198.51.100.4 port 5"}
LOG
run "mixed" 0 "$AG_BIN" --lang en logwatch parse --json --year 2024 "$tmp/mixed" && ok "mixed: exit 0"
printf '%s\n' "$out" >"$tmp/mx"
# the broken line, read as a plain line, is a bare message no decoder knows
equals "mixed: users in order" "$(jq -r .user "$tmp/mx" | tr '\n' ' ')" "root alice carol "
equals "mixed: event_id only on the Windows event" "$(jq -r '.event_id // 0' "$tmp/mx" | tr '\n' ' ')" "0 4625 0 "
contains "mixed: the broken JSON line is named with file and line" "$err" "mixed:3: not a JSON object (column"
contains "mixed: … and read as a plain line" "$err" "read as a plain line"
contains "mixed: the summary counts it as read, not decoded" "$err" "4 lines, 3 decoded"
run "mixed, Japanese" 0 "$AG_BIN" --lang ja logwatch parse "$tmp/mixed"
contains "mixed: the warning in Japanese" "$err" "JSON オブジェクトではありません"

# bad input never crashes: binary garbage after '{', a huge line, NUL escapes
{ printf '{\x00\xff\xfe garbage\n'; printf '{"message":"%s"}\n' "$(head -c 200000 /dev/zero | tr '\0' a)";
  printf '{"program":"sshd","message":"Invalid user a\\u0000b from 10.0.0.1 port 1"}\n'; } >"$tmp/bad"
run "bad input" 0 "$AG_BIN" --lang en logwatch parse --json "$tmp/bad" && ok "bad input: exit 0"
equals "bad input: the NUL escape becomes U+FFFD in the user" "$(jq -r .user <<<"$out")" "$(printf 'a\xef\xbf\xbdb')"
finish

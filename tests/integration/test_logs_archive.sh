#!/usr/bin/env bash
# Log retention (3.1.5.1(2)(a), 3.2.2.1③; docs/isms.md "Log retention"), the real binary:
# `logwatch run --archive` keeps every raw line in zstd segments; `logs verify` finds them
# intact, then names the segment when one byte of it is flipped or when it is deleted; the
# retention policy expires only what is past its period (dry run first), audited, and verify
# stays clean; `logs search` finds lines by host, text and time; a serve killed with SIGKILL
# leaves an open segment that the next start seals with its lines.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "not ok - jq is installed"; exit 1; }
command -v zstdcat >/dev/null || { echo "not ok - zstd is installed"; exit 1; }
log="$AG_SOURCE_DIR/tests/data/logwatch/attacks.log"
export AIRGUARD_DB="$tmp/ag.db"
A="$tmp/archive"

run "db init" 0 "$AG_BIN" --lang en db init
run "logwatch run --archive" 0 "$AG_BIN" --lang en logwatch run --archive "$A" "$log"
contains "alerts still come out" "$out" "password_list_attack"
contains "every line archived" "$err" "logwatch: 92 lines archived (0 errors)"
n=$(ls "$A"/*.log.zst | wc -l)
equals "one segment per kind (auth, system, web)" "$n" 3
equals "zstdcat reads the segments back to the lines" "$(zstdcat "$A"/*.log.zst | sort | md5sum)" "$(sort "$log" | md5sum)"
web=$(basename "$(ls "$A"/*-web-*.log.zst)")
auth=$(basename "$(ls "$A"/*-auth-*.log.zst)")
system=$(basename "$(ls "$A"/*-system-*.log.zst)")

run "logs verify: intact" 0 "$AG_BIN" --lang en logs verify --archive "$A"
contains "verify counts segments and lines" "$out" "intact, 3 segments, 92 lines, 0 expired by policy, 0 open"
run "logs stats" 0 "$AG_BIN" --lang en logs stats --archive "$A"
equals "stats: the web segment (segments, lines)" "$(awk '$1 == "web" {print $2, $3}' <<<"$out")" "1 6"
equals "stats: the total (segments, lines, raw bytes)" "$(awk '$1 == "*" {print $2, $3, $4}' <<<"$out")" "3 92 8245"
run "logs stats --json" 0 "$AG_BIN" --lang en logs stats --json --archive "$A"
equals "stats --json: raw bytes of all" "$(jq -r '.[] | select(."log kind" == "*") | ."raw bytes"' <<<"$out")" 8245

cp -a "$A" "$tmp/backup"
restore() { rm -rf "$A" && cp -a "$tmp/backup" "$A"; }

# one byte of the web segment changed
printf 'X' | dd of="$A/$web" bs=1 seek=100 conv=notrunc 2>/dev/null
run "verify after a flipped byte: exit 1" 1 "$AG_BIN" --lang en logs verify --archive "$A"
contains "the altered segment is named" "$out" "$web: altered: the data's sha256"
lacks "the other segments are fine" "$out" "$auth"
contains "the count" "$out" "problem(s) in 3 segments"
run "verify --json after a flipped byte" 1 "$AG_BIN" --lang en logs verify --json --archive "$A"
equals "verify --json: ok false" "$(jq -r .ok <<<"$out")" false
equals "verify --json: the segment" "$(jq -r '.details[0].segment' <<<"$out")" "$web"
restore
# one byte deleted from the middle (the file is one byte shorter)
head -c 300 "$tmp/backup/$auth" >"$A/$auth.new"
tail -c +302 "$tmp/backup/$auth" >>"$A/$auth.new"
mv "$A/$auth.new" "$A/$auth"
run "verify after a deleted byte: exit 1" 1 "$AG_BIN" --lang en logs verify --archive "$A"
contains "the cut segment is named" "$out" "$auth: "
restore
rm "$A/$auth"
run "verify after a deleted segment: exit 1" 1 "$AG_BIN" --lang en logs verify --archive "$A"
contains "the missing segment is named" "$out" "$auth: missing"
restore
cp "$A/$web" "$A/00000099-web-20260101T000000Z.log.zst"
run "verify with a foreign segment: exit 1" 1 "$AG_BIN" --lang en logs verify --archive "$A"
contains "the unknown file is named" "$out" "00000099-web-20260101T000000Z.log.zst: unknown file"
restore
run "verify after restoring" 0 "$AG_BIN" --lang en logs verify --archive "$A"
run "the verifications are in the audit trail" 0 "$AG_BIN" --lang en audit log --entity log_archives
contains "verify audited" "$out" "verify"
run "Japanese by default" 0 "$AG_BIN" logs verify --archive "$A"
contains "verify in Japanese" "$out" "改ざん・欠落なし"

# retention
run "policy list: the defaults" 0 "$AG_BIN" --lang en logs policy list
equals "auth one year" "$(awk '$1 == "auth" {print $2, $3}' <<<"$out")" "* 365"
equals "web six months" "$(awk '$1 == "web" {print $2, $3}' <<<"$out")" "* 180"
equals "network one year (3.2.2.1③)" "$(awk '$1 == "network" {print $2, $3}' <<<"$out")" "* 365"
run "policy set system 30d" 0 "$AG_BIN" --lang en logs policy set system 30d --basis "site rule 7"
contains "policy set prints it" "$out" "retention of system logs from *: 30 days"
run "policy set: a bad period" 2 "$AG_BIN" --lang en logs policy set auth 3 months
run "policy set: a bad period (2)" 2 "$AG_BIN" --lang en logs policy set auth 3q
contains "the bad period is named" "$err" 'period "3q"'
run "policy set: a bad kind" 2 "$AG_BIN" --lang en logs policy set printer 1y
run "policy list shows the change" 0 "$AG_BIN" --lang en logs policy list --json
equals "system is 30 days" "$(jq -r '.[] | select(."log kind" == "system") | ."retention days"' <<<"$out")" 30
run "the policy change is audited" 0 "$AG_BIN" --lang en audit log --entity log_retention
contains "policy audited" "$out" "log_retention"

export AIRGUARD_NOW=2026-05-01
run "expire --dry-run" 0 "$AG_BIN" --lang en logs expire --dry-run --archive "$A"
contains "the system segment would go (30 days)" "$out" "would expire $system (system from"
lacks "the web segment stays (180 days)" "$out" "$web"
lacks "the auth segment stays (365 days)" "$out" "$auth"
contains "dry run count" "$out" "1 segment(s) past their retention period (dry run"
[[ -f "$A/$system" ]] && ok "dry run removes nothing" || not_ok "dry run removed the file"
run "expire" 0 "$AG_BIN" --lang en --as admin logs expire --archive "$A"
contains "expire removes it" "$out" "expired $system"
[[ ! -f "$A/$system" ]] && ok "the file is gone" || not_ok "the expired file is still there"
run "verify after expiry: still intact" 0 "$AG_BIN" --lang en logs verify --archive "$A"
contains "verify knows the expiry" "$out" "intact, 2 segments, 52 lines, 1 expired by policy"
run "the expiry is in the audit trail" 0 "$AG_BIN" --lang en audit log --entity log_segments
contains "expire audited with the segment" "$out" "expire"
contains "expire audited: its name" "$out" "$system"
run "audit trail intact" 0 "$AG_BIN" --lang en audit verify
export AIRGUARD_NOW=2027-05-01
run "expire a year later" 0 "$AG_BIN" --lang en logs expire --archive "$A"
contains "web and auth go then" "$out" "2 segment(s) removed"
run "verify: everything expired lawfully" 0 "$AG_BIN" --lang en logs verify --archive "$A"
unset AIRGUARD_NOW
restore
run "verify: expired segments put back are flagged" 1 "$AG_BIN" --lang en logs verify --archive "$A"
contains "expired but present" "$out" "$web: expired but still present"
run "expire removes them again" 0 "$AG_BIN" --lang en logs expire --archive "$A"
run "verify: clean again" 0 "$AG_BIN" --lang en logs verify --archive "$A"
A="$tmp/archive2"
run "a second archive for search" 0 "$AG_BIN" --lang en logwatch run --archive "$A" "$log"
web=$(basename "$(ls "$A"/*-web-*.log.zst)")
auth=$(basename "$(ls "$A"/*-auth-*.log.zst)")

# search
run "search by host and text" 0 "$AG_BIN" --lang en logs search --archive "$A" --host gw01 --text useradd
equals "one line found" "$out" "$(grep 'gw01 useradd' "$log")"
contains "search counts" "$err" "1 line(s) in 3 segment(s) read"
run "search by text, ignoring case" 0 "$AG_BIN" --lang en logs search --archive "$A" --text "ETC/PASSWD" -i
equals "the traversal line" "$out" "$(grep 'etc/passwd' "$log")"
run "search by text, case kept" 0 "$AG_BIN" --lang en logs search --archive "$A" --text "ETC/PASSWD"
equals "nothing with case kept" "$out" ""
run "search by time" 0 "$AG_BIN" --lang en logs search --archive "$A" --since 2026-03-05T01:02:00Z --until 2026-03-05T01:03:59Z --kind system
equals "two system lines in the window" "$out" "$(grep -E '^2026-03-05T01:0[23]:00\+00:00 fids01' "$log")"
contains "only the system segment read" "$err" "in 1 segment(s) read"
run "search a day with nothing" 0 "$AG_BIN" --lang en logs search --archive "$A" --since 2026-03-06
contains "no segment read" "$err" "0 line(s) in 0 segment(s) read"
run "search --json" 0 "$AG_BIN" --lang en logs search --json --archive "$A" --text backdoor --host gw01
equals "json: the segment" "$(jq -r .segment <<<"$(head -1 <<<"$out")")" "$auth"
run "search: a bad time" 2 "$AG_BIN" --lang en logs search --archive "$A" --since yesterday
contains "the bad time is named" "$err" '--since: "yesterday"'

# a crash: serve killed with SIGKILL after it flushed; the next start seals the open segment
feed="$tmp/feed.log"
grep gw01 "$log" | head -20 >"$feed"
"$AG_BIN" --lang en logwatch serve --archive "$A" --state "$tmp/state" "$feed" >"$tmp/serve.out" 2>"$tmp/serve.err" &
pid=$!
for _ in $(seq 1 100); do
  compgen -G "$A/.open-auth-*.part" >/dev/null && [[ $(stat -c %s "$(compgen -G "$A/.open-auth-*.part" | head -1)") -gt 200 ]] && break
  sleep 0.1
done
kill -9 "$pid"
wait "$pid" 2>/dev/null
compgen -G "$A/.open-auth-*.part" >/dev/null && ok "serve left an open segment" || not_ok "no open segment" "$(ls -la "$A"; cat "$tmp/serve.err")"
run "verify with an open segment: no problem" 0 "$AG_BIN" --lang en logs verify --archive "$A"
contains "the open segment is counted" "$out" "1 open"
run "the next start recovers it" 0 "$AG_BIN" --lang en logs archive --archive "$A" /dev/null
run "verify after recovery" 0 "$AG_BIN" --lang en logs verify --archive "$A"
contains "the recovered lines are in the chain" "$out" "intact, 4 segments, 112 lines, 0 expired by policy, 0 open"
rec=$(ls "$A"/00000004-*.log.zst)
equals "the recovered segment holds the served lines" "$(zstdcat "$rec")" "$(cat "$feed")"

# archiving alone (the import command)
run "logs archive from standard input" 0 bash -c "grep fids01 '$log' | '$AG_BIN' --lang en logs archive --archive '$A'"
contains "archive counts lines" "$err" "logs archive: 40 lines"
run "verify after the import" 0 "$AG_BIN" --lang en logs verify --archive "$A"
(sleep 3 | "$AG_BIN" --lang en logs archive --archive "$A") 2>/dev/null &
holder=$!
sleep 1
run "a second writer is refused while one runs" 2 "$AG_BIN" --lang en logs archive --archive "$A" /dev/null
contains "the lock is named" "$err" "another process writes this archive"
wait "$holder"
# the configuration's archive: key
cat >"$tmp/lw.yaml" <<YAML
site:
  timezone: "+09:00"
archive:
  dir: $tmp/archive3
  segment_mb: 1
  max_age: 12h
  level: 3
YAML
run "logwatch run with archive.dir in the configuration" 0 "$AG_BIN" --lang en logwatch run --config "$tmp/lw.yaml" "$log"
contains "archived through the configuration" "$err" "logwatch: 92 lines archived"
run "verify the configured archive" 0 "$AG_BIN" --lang en logs verify --archive "$tmp/archive3"
printf 'archive:\n  dir: %s\n  level: 30\n' "$tmp/archive3" >"$tmp/bad.yaml"
run "a bad archive level" 2 "$AG_BIN" --lang en logwatch run --config "$tmp/bad.yaml" "$log"
contains "the bad key is named with its place" "$err" "bad.yaml:3:10: archive.level: a zstd level from 1 to 19"
run "verify: an unknown folder" 1 "$AG_BIN" --lang en logs verify --archive "$tmp/nowhere"
contains "the missing description is named" "$out" "archive.json: archive description"
finish

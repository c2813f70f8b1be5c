#!/usr/bin/env bash
# logwatch inputs end to end: `airguard logwatch serve` with UDP, TCP and TLS listeners on port 0
# and a file tail. Real senders: util-linux `logger` (UDP and TCP, RFC 3164 and RFC 5424, octet
# counting and newline framing), `openssl s_client` for TLS, bash's /dev/tcp for hand-made frames
# (both framings on one connection, a bad octet count, an oversized line). Checks that every line
# arrives exactly once with the right origin (input kind, sender address, file and line), that a
# restart with --state reads only the new lines of the file, that the rate limit drops and counts,
# and that bad listening addresses and certificates are refused with a message naming them.
source "$(dirname "$0")/lib.sh"
for tool in logger openssl jq; do
  command -v $tool >/dev/null || { echo "not ok - $tool is installed (scripts/install-deps)"; exit 1; }
done

"$AG_BIN" tls init "$tmp/tls" --host localhost >/dev/null || { echo "not ok - tls init"; exit 1; }
log="$tmp/auth.log"
fail_line() { # USER: an sshd failure line naming USER, RFC 3164 as a file has it
  echo "Nov 26 05:12:00 gw01 sshd[812]: Failed password for $1 from 192.0.2.7 port 4242 ssh2"
}
fail_line u-file-1 >"$log"

pid=
start_serve() { # ARGS…: starts serve in the background; udp/tcp/tls = the bound addresses
  "$AG_BIN" --lang en logwatch serve --events "$@" >"$tmp/events" 2>"$tmp/serve.err" &
  pid=$!
  for _ in $(seq 400); do # 20 s at most: a loaded CI machine starts slowly
    grep -q 'listening on udp' "$tmp/serve.err" 2>/dev/null && break
    sleep 0.05
  done
  udp=$(awk '/listening on udp/ {print $NF}' "$tmp/serve.err")
  tcp=$(awk '/listening on tcp/ {print $NF}' "$tmp/serve.err")
  tls=$(awk '/listening on tls/ {print $NF}' "$tmp/serve.err")
}
stop_serve() {
  kill -TERM "$pid"
  wait "$pid"
  serve_status=$?
}
wait_users() { # N: waits (10 s at most) until N events with a u-* user have arrived
  for _ in $(seq 200); do
    (($(jq -r 'select(.user | startswith("u-")) | .user' "$tmp/events" 2>/dev/null | wc -l) >= $1)) && return 0
    sleep 0.05
  done
  return 1
}
origin() { jq -r --arg u "$1" 'select(.user == $u) | "\(.input) \(.peer // .file) \(.line // "")"' "$tmp/events"; }

start_serve --udp 127.0.0.1:0 --tcp 127.0.0.1:0 --tls 127.0.0.1:0 --cert "$tmp/tls/cert.pem" \
  --key "$tmp/tls/key.pem" --state "$tmp/state" "$log"
if [[ $udp == 127.0.0.1:* && $tcp == 127.0.0.1:* && $tls == 127.0.0.1:* ]]; then
  ok "serve prints the bound addresses (port 0 took free ports: $udp $tcp $tls)"
else
  not_ok "serve prints the bound addresses" "$(cat "$tmp/serve.err")"
fi

msg() { echo "Failed password for $1 from 198.51.100.9 port 2222 ssh2"; }
logger --server 127.0.0.1 --port "${udp##*:}" --udp --rfc5424 -t sshd "$(msg u-udp-5424)"
logger --server 127.0.0.1 --port "${udp##*:}" --udp --rfc3164 -t sshd "$(msg u-udp-3164)"
logger --server 127.0.0.1 --port "${tcp##*:}" --tcp --rfc3164 -t sshd "$(msg u-tcp-lf)"
# three messages on one connection, octet-counted
for i in 1 2 3; do msg "u-tcp-octet-$i"; done >"$tmp/three"
logger --server 127.0.0.1 --port "${tcp##*:}" --tcp --octet-count --rfc5424 -t sshd -f "$tmp/three"
# both framings on one connection, a bad count resynchronised at the next newline, a line over
# 64 KiB cut (and the rest of it skipped)
m1="<38>Nov 26 05:12:00 gw01 sshd[9]: $(msg u-tcp-mix-octet)"
m2="<38>Nov 26 05:12:00 gw01 sshd[9]: $(msg u-tcp-mix-lf)"
m3="<38>Nov 26 05:12:00 gw01 sshd[9]: $(msg u-tcp-after-bad)"
long=$(head -c 70000 /dev/zero | tr '\0' x)
m4="<38>Nov 26 05:12:00 gw01 sshd[9]: $(msg u-tcp-after-long)"
exec 3<>"/dev/tcp/127.0.0.1/${tcp##*:}"
printf '%d %s%s\n0 junk\n%s\n%s\n%s\n' "${#m1}" "$m1" "$m2" "$m3" "$long" "$m4" >&3
exec 3>&-
# TLS: one octet-counted and one newline-framed message
t1="<38>Nov 26 05:12:00 gw01 sshd[9]: $(msg u-tls-octet)"
t2="<38>Nov 26 05:12:00 gw01 sshd[9]: $(msg u-tls-lf)"
printf '%d %s%s\n' "${#t1}" "$t1" "$t2" |
  timeout 10 openssl s_client -connect "$tls" -quiet -no_ign_eof >/dev/null 2>"$tmp/s_client.err"
fail_line u-file-2 >>"$log"

expected=(u-file-1 u-file-2 u-udp-5424 u-udp-3164 u-tcp-lf u-tcp-octet-1 u-tcp-octet-2 u-tcp-octet-3
  u-tcp-mix-octet u-tcp-mix-lf u-tcp-after-bad u-tcp-after-long u-tls-octet u-tls-lf)
wait_users ${#expected[@]} || not_ok "all ${#expected[@]} lines arrived in 10 s" "$(cat "$tmp/events")"
sleep 0.3 # anything arriving twice would be here by now
dups=$(jq -r 'select(.user | startswith("u-")) | .user' "$tmp/events" | sort | uniq -d)
equals "no line arrived twice" "$dups" ""
for u in "${expected[@]}"; do
  o=$(origin "$u")
  case $u in
  u-file-1) want="file $log 1" ;;
  u-file-2) want="file $log 2" ;;
  u-udp-*) want="udp 127.0.0.1:" ;;
  u-tcp-*) want="tcp 127.0.0.1:" ;;
  u-tls-*) want="tls 127.0.0.1:" ;;
  esac
  if [[ $o == "$want"* && $(wc -l <<<"$o") -eq 1 ]]; then
    ok "$u arrived once from $o"
  else
    not_ok "$u: origin \"$o\", expected \"$want…\""
  fi
done
equals "an RFC 5424 line keeps its program" "$(jq -r 'select(.user == "u-udp-5424") | .program' "$tmp/events")" sshd
equals "the source address of the attack is decoded" \
  "$(jq -r 'select(.user == "u-tls-lf") | .src_ip' "$tmp/events")" 198.51.100.9

stop_serve
equals "SIGTERM stops serve with status 0" "$serve_status" 0
stats="$tmp/state/inputs.json"
if [[ -f $stats ]]; then
  count() { jq -r --arg k "$1" --arg f "$2" '.inputs[] | select(.kind == $k) | .[$f]' "$stats"; }
  equals "inputs.json: udp lines" "$(count udp lines)" 2
  equals "inputs.json: tcp lines" "$(count tcp lines)" 9
  equals "inputs.json: tcp frame errors (the bad count)" "$(count tcp frame_errors)" 1
  equals "inputs.json: tcp cut lines" "$(count tcp cut)" 1
  equals "inputs.json: tcp connections" "$(count tcp conns)" 3
  equals "inputs.json: tls lines" "$(count tls lines)" 2
  equals "inputs.json: file lines" "$(count file lines)" 2
else
  not_ok "serve wrote $stats"
fi
contains "the summary on stderr names the inputs" "$(cat "$tmp/serve.err")" "logwatch serve: tcp $tcp: 9 lines"

# a restart with the same state: only the file's new line
fail_line u-file-3 >>"$log"
start_serve --udp 127.0.0.1:0 --state "$tmp/state" "$log"
wait_users 1 || true
sleep 0.5
stop_serve
equals "after a restart with --state only the new line is read" \
  "$(jq -r 'select(.user | startswith("u-")) | "\(.user) \(.line)"' "$tmp/events")" "u-file-3 3"

# the rate limit: 5 lines/s, 40 datagrams at once
for i in $(seq 40); do msg "u-rate-$i"; done >"$tmp/forty"
start_serve --udp 127.0.0.1:0 --rate 5
logger --server 127.0.0.1 --port "${udp##*:}" --udp --rfc3164 -t sshd -f "$tmp/forty"
# the first five pass at once; wait for them (under load serve may be scheduled late: a fixed
# 0.5 s let SIGTERM arrive before it had read the datagrams, neither passed nor dropped)
for _ in $(seq 200); do
  (($(jq -r 'select(.user | startswith("u-rate")) | .user' "$tmp/events" 2>/dev/null | wc -l) >= 5)) && break
  sleep 0.05
done
sleep 0.3
stop_serve
got=$(jq -r 'select(.user | startswith("u-rate")) | .user' "$tmp/events" | wc -l)
summary=$(grep "logwatch serve: udp" "$tmp/serve.err")
drops=$(sed -E 's/.* ([0-9]+) dropped.*/\1/' <<<"$summary")
if ((got >= 5 && got <= 8 && got + drops == 40)); then
  ok "--rate 5: $got lines through, $drops dropped and counted"
else
  not_ok "--rate 5: $got lines through, $drops dropped" "$summary"
fi

# bad input: a clear message naming what is wrong, no start
run "a bad listening address is refused" 2 "$AG_BIN" --lang en logwatch serve --udp nonsense
contains "the message names the address" "$err" "nonsense is not a listening address"
run "a missing key file is refused" 2 "$AG_BIN" --lang en logwatch serve --tls 127.0.0.1:0 \
  --cert "$tmp/tls/cert.pem" --key "$tmp/nokey.pem"
contains "the message names the key file" "$err" "$tmp/nokey.pem"
run "serve without an input is refused" 2 "$AG_BIN" --lang en logwatch serve
run "a bad rate is refused" 2 "$AG_BIN" --lang en logwatch serve --rate fast --udp 127.0.0.1:0
run "Japanese messages" 2 "$AG_BIN" --lang ja logwatch serve --udp nonsense
contains "the message is in Japanese" "$err" "待ち受けアドレスではありません"

# parse reads through the same reader: a last line without newline, stdin
printf '%s\n%s' "$(fail_line u-parse-1)" "$(fail_line u-parse-2)" >"$tmp/p.log"
run "parse a file" 0 "$AG_BIN" --lang en logwatch parse --json "$tmp/p.log"
equals "parse: both lines, the last without its newline" "$(jq -r .user <<<"$out" | tr '\n' ' ')" "u-parse-1 u-parse-2 "
run "parse stdin" 0 bash -c "\"$AG_BIN\" --lang en logwatch parse --json - <\"$tmp/p.log\""
equals "parse stdin: origin" "$(jq -r '"\(.input) \(.file) \(.line)"' <<<"$out" | tail -1)" "stdin - 2"
run "parse a missing file" 1 "$AG_BIN" --lang en logwatch parse "$tmp/none.log"
contains "parse names the missing file" "$err" "$tmp/none.log"
finish

#!/usr/bin/env bash
# The monitors inside `airguard serve` (docs/web/running.md "Monitors in serve"): a syslog UDP
# listener with logwatch's detection beside the web. A password-list attack sent with logger
# becomes an alert in the store that the JSON API lists while the server runs (the writer thread
# stores within seconds); the run record is "running" with a heartbeat meanwhile, shown as the
# last run of the alerts.logwatch check on a measure's evidence card in the web; SIGTERM ends
# the server with status 0, the run record "ok" with the listener's counters, and alerts sent
# just before the signal are stored, not lost. Bad monitor settings are clear errors before
# anything starts. As root, the live capture part: `serve --capture` in a network namespace
# (veth pair, frames sent with an AF_PACKET socket) against a baseline that does not know the
# sender, with privileges dropped to nobody once the capture is open: a new_device alert from
# live frames and the observed inventory are in the store.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
command -v logger >/dev/null || { echo "not ok - logger is installed (scripts/install-deps)"; exit 1; }

db="$tmp/web.db"
"$AG_BIN" --db "$db" db init --demo >/dev/null || exit 1
q() { sqlite3 "$db" "$1"; }
"$AG_BIN" --db "$db" --lang en serve --listen 127.0.0.1:0 --syslog-udp 127.0.0.1:0 \
  --rules "$AG_SOURCE_DIR/rules" >"$tmp/serve.log" 2>"$tmp/serve.err" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do
  grep -q listening "$tmp/serve.log" 2>/dev/null && grep -q 'listening on udp' "$tmp/serve.err" && break
  sleep 0.1
done
port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)/$|\1|p' "$tmp/serve.log")
udp=$(awk '/listening on udp/ {print $NF}' "$tmp/serve.err")
[[ -n $port && $udp == 127.0.0.1:* ]] && ok "serve: web on $port and syslog UDP on $udp" ||
  { not_ok "serve starts with a syslog listener" "$(cat "$tmp/serve.log" "$tmp/serve.err")"; finish; exit 1; }
U="http://127.0.0.1:$port"

equals "a logwatch run record is running" \
  "$(q "SELECT result FROM monitor_runs WHERE kind = 'logwatch' ORDER BY id DESC LIMIT 1")" running

spray() { # FROM: failed passwords for 12 different invalid users from the address FROM
  for u in alice bob carol dave eve frank gina hank ivan judy kim leo; do
    logger --server 127.0.0.1 --port "${udp##*:}" --udp --rfc5424 -t sshd \
      "Failed password for invalid user $u from $1 port 4242 ssh2"
  done
}
spray 192.0.2.77
tk=$("$AG_BIN" --db "$db" --lang en token add tanaka --name monitor --scope read 2>/dev/null)
got=
for _ in $(seq 100); do # 20 s at most: the pipeline hands batches over every 5 s
  req -H "Authorization: Bearer $tk" "$U/api/v1/alerts?address=192.0.2.77"
  got=$(jq -r '.items[] | select(.src_ip == "192.0.2.77") | .category' <<<"$body" 2>/dev/null)
  [[ -n $got ]] && break
  sleep 0.2
done
equals "the attack is an alert in the JSON API while serve runs" "$got" password_list_attack
equals "API: its level" "$(jq -r '.items[] | select(.src_ip == "192.0.2.77") | .level' <<<"$body")" high
equals "stored once" "$(q "SELECT count(*) FROM alerts WHERE src_ip = '192.0.2.77'")" 1
# the monitor's status where the web shows runs: the evidence card of a measure logwatch checks
as tanaka
hb=$(q "SELECT finished FROM monitor_runs WHERE kind = 'logwatch' ORDER BY id DESC LIMIT 1")
req -b "$S" "$U/catalog/3.1.5.1-2-a-c2.m1"
contains "the web shows the running monitor's heartbeat as the check's last run" "$body" \
  "data-check=\"alerts.logwatch\"><td><code>alerts.logwatch</code></td><td>$hb</td>"
equals "nothing printed to the server's log but its own lines" \
  "$(grep -c password_list "$tmp/serve.log")" 0

# alerts detected just before the signal are flushed, not lost
spray 192.0.2.99
sleep 0.5
kill -TERM $pid
wait $pid
st=$?
equals "SIGTERM: exit status 0" "$st" 0
contains "the monitors' summary in the log" "$(cat "$tmp/serve.log")" "monitors stopped: "
equals "the alert sent just before SIGTERM is in the store" \
  "$(q "SELECT category FROM alerts WHERE src_ip = '192.0.2.99'")" password_list_attack
run=$(q "SELECT result || ' ' || details FROM monitor_runs WHERE kind = 'logwatch' ORDER BY id DESC LIMIT 1")
contains "the run record ended ok" "$run" "ok {"
equals "run details: the lines the listener took" "$(jq '.inputs[0].lines' <<<"${run#ok }")" 24
equals "run details: the alerts" "$(jq '.alerts' <<<"${run#ok }")" 2
equals "the 3.2.2.1 measures of logwatch: no longer no_data" \
  "$("$AG_BIN" --db "$db" --lang en compliance status --json | jq '[.[] | .checks[] | select(.check == "alerts.logwatch" and .status == "no_data")] | length')" 0

# bad settings: clear errors, nothing left running
run "an address that is not one" 2 "$AG_BIN" --db "$db" --lang en serve --listen 127.0.0.1:0 \
  --syslog-udp nonsense --rules "$AG_SOURCE_DIR/rules"
contains "the address is named" "$err" "nonsense"
equals "a monitor that did not start leaves a failed run, not evidence" \
  "$(q "SELECT result FROM monitor_runs WHERE kind = 'logwatch' ORDER BY id DESC LIMIT 1")" failed
printf 'listen = 127.0.0.1:0\nsyslog_tcp = 127.0.0.1:0\nrules = %s\nwhat = 1\n' \
  "$AG_SOURCE_DIR/rules" >"$tmp/bad.conf"
run "a config with an unknown key" 2 "$AG_BIN" --db "$db" --lang en serve --config "$tmp/bad.conf"
contains "unknown key named with its line" "$err" 'bad.conf:4: unknown key "what"'
contains "the monitor keys are listed as known" "$err" "syslog_udp, syslog_tcp"
run "a missing baseline" 1 "$AG_BIN" --db "$db" --lang en serve --listen 127.0.0.1:0 \
  --capture lo --baseline "$tmp/none.json"
contains "the baseline is named" "$err" "none.json"

# --- the live capture (root: a network namespace)
if [[ $(id -u) -ne 0 ]]; then
  echo "# not root: the capture part is skipped"
  finish
  exit
fi
cat >"$tmp/frames.py" <<'PY'
import socket, struct, sys
def arp(mac, ip):  # a gratuitous ARP reply from mac/ip
    m = bytes.fromhex(mac)
    a = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 2, m, socket.inet_aton(ip),
                    b"\xff" * 6, socket.inet_aton(ip))
    return b"\xff" * 6 + m + b"\x08\x06" + a
if sys.argv[1] == "pcap":  # the baseline's capture: only the known PLC
    with open(sys.argv[2], "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        fr = arp("001b1b000001", "10.0.0.1")
        f.write(struct.pack("<IIII", 1700000000, 0, len(fr), len(fr)) + fr)
else:  # live: the known PLC and a device the baseline does not know
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((sys.argv[2], 0))
    for _ in range(3):
        s.send(arp("001b1b000001", "10.0.0.1"))
        s.send(arp("02aabbccdd07", "10.0.0.7"))
PY
python3 "$tmp/frames.py" pcap "$tmp/known.pcap"
run "learn the baseline" 0 "$AG_BIN" --lang en netwatch learn -r "$tmp/known.pcap" -o "$tmp/base.json"
db2="$tmp/cap.db"
"$AG_BIN" --db "$db2" db init >/dev/null || exit 1
chmod 0777 "$tmp" && chmod 0666 "$db2" # the server runs as nobody once the capture is open
unshare -n bash -c '
  ip link set lo up
  ip link add v0 type veth peer name v1
  for i in v0 v1; do echo 1 >/proc/sys/net/ipv6/conf/$i/disable_ipv6 2>/dev/null || true; done
  ip link set v0 up
  ip link set v1 up
  "$0" --db "$2" --lang en serve --listen 127.0.0.1:0 --capture v1 --baseline "$1/base.json" \
    --user nobody >"$1/cap.log" 2>"$1/cap.err" &
  pid=$!
  for _ in $(seq 100); do grep -q listening "$1/cap.log" 2>/dev/null && break; sleep 0.1; done
  awk "/^Uid:/ {print \$2}" /proc/$pid/status >"$1/cap.uid"
  sqlite3 "$2" "SELECT result FROM monitor_runs WHERE kind = '"'"'netwatch'"'"'" >"$1/cap.running"
  python3 "$1/frames.py" live v0
  sleep 1.5
  kill -TERM $pid
  wait $pid
  echo "status $?" >"$1/cap.status"
' "$AG_BIN" "$tmp" "$db2" 2>"$tmp/unshare.err"
equals "serve --capture: SIGTERM, exit status 0" "$(cat "$tmp/cap.status" 2>/dev/null)" "status 0" ||
  true
[[ -s $tmp/cap.status ]] || not_ok "serve --capture ran" "$(cat "$tmp/unshare.err" "$tmp/cap.err")"
contains "says which interface it captures on" "$(cat "$tmp/cap.err")" "capturing on v1"
equals "privileges dropped to nobody after the capture was opened" "$(cat "$tmp/cap.uid")" "$(id -u nobody)"
equals "a netwatch run record was running" "$(cat "$tmp/cap.running")" running
nd=$(sqlite3 "$db2" "SELECT rule || ' ' || evidence FROM alerts WHERE rule = 'new_device'")
contains "new_device alert from the live frames, in the store" "$nd" "new_device"
contains "new_device: the unknown device's MAC in the evidence" "$nd" "MAC 02:aa:bb:cc:dd:07"
lacks "no new_device for the device the baseline knows" "$nd" "00:1b:1b:00:00:01"
equals "one new_device alert (aggregated, not one per frame)" "$(wc -l <<<"$nd")" 1
equals "the inventory observed live is stored (both devices)" \
  "$(sqlite3 "$db2" "SELECT count(*) FROM netwatch_assets")" 2
equals "the unknown device is stored as unauthorised (not in the register)" \
  "$(sqlite3 "$db2" "SELECT status FROM netwatch_assets WHERE mac = '02:aa:bb:cc:dd:07'")" unauthorised
r=$(sqlite3 "$db2" "SELECT result || ' ' || details FROM monitor_runs WHERE kind = 'netwatch'")
contains "the netwatch run ended ok" "$r" "ok {"
equals "its details name the baseline" "$(jq -r .baseline <<<"${r#ok }")" "$(realpath "$tmp/base.json")"
equals "its details: the interface" "$(jq -r .interface <<<"${r#ok }")" v1
finish

#!/usr/bin/env bash
# The /network page over real HTTP (`airguard serve`, curl): netwatch's inventory of a real
# capture stored with `airguard netwatch inventory --store` (compared with the demo register),
# each device with its status; the registered assets not observed; the network alerts linked to
# the filtered alert list; the dashboard card; hostile text from the wire escaped; a 取扱者
# (no access) gets 403.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
: "${AG_SHARED_DIR:?}"
pcap="$AG_SHARED_DIR/testdata/pcaps/ModbusTCP_mb2.pcap"
[[ -f $pcap ]] || { echo "ok - skipped: $pcap is missing"; exit 0; }
web_start

as tanaka
contains "menu: /network for a system administrator" "$body" 'href="/network"'
contains "dashboard card" "$body" 'id="network-card"'
req -b "$S" "$U/network"
equals "/network 200" "$code" 200
contains "heading" "$body" "<h1>ネットワーク機器</h1>"
contains "nothing stored yet" "$body" "観測台帳はまだ記録されていません"

run "inventory --store" 0 "$AG_BIN" --db "$db" --lang en netwatch inventory -r "$pcap" --store
contains "the CLI says how many were stored" "$err" "netwatch: 52 devices stored"
equals "52 rows" "$(q "SELECT count(*) FROM netwatch_assets")" 52
equals "one audit row for the replacement" \
  "$(q "SELECT count(*) FROM audit_log WHERE action = 'import' AND entity = 'netwatch_assets'")" 1
run "stored again: replaced, not added" 0 "$AG_BIN" --db "$db" netwatch inventory -r "$pcap" --store
equals "still 52 rows" "$(q "SELECT count(*) FROM netwatch_assets")" 52

req -b "$S" "$U/network"
contains "the snapshot line" "$body" "機器 52 台"
contains "a known MAC" "$body" "<code>00:1b:1b:35:84:10</code>"
contains "its status, highlighted" "$body" \
  '<tr class="nw-unauthorised"><td><span class="nw-status nw-status-unauthorised">未登録</span></td><td><code>00:1b:1b:35:84:10</code>'
contains "its vendor" "$body" "Siemens"
contains "a protocol served" "$body" "modbus/502"
contains "registered but not observed" "$body" 'id="not-observed"'
contains "the network alerts" "$body" 'id="network-alerts"'
contains "link to the filtered alert list" "$body" 'href="/alerts?category=network"'

# an alert of netwatch in the store, shown on the page and counted on the dashboard card
run "watch --store" 0 "$AG_BIN" --db "$db" netwatch watch -r "$pcap" --store
n=$(q "SELECT count(*) FROM alerts WHERE category = 'network'")
if ((n > 0)); then
  req -b "$S" "$U/network"
  contains "a network alert listed" "$body" 'href="/alerts/nw-'
fi
req -b "$S" "$U/alerts?category=network"
equals "the filtered alert list" "$code" 200

# hostile text from the wire (a device name, a vendor) is escaped
q "UPDATE netwatch_assets SET names = '[{\"name\":\"<script>alert(1)</script>\"}]', vendor = '\"><img src=x onerror=alert(2)>' WHERE key = '00:1b:1b:35:84:10'"
req -b "$S" "$U/network"
contains "the name escaped" "$body" "&lt;script&gt;alert(1)&lt;/script&gt;"
lacks "no script tag" "$body" "<script>alert(1)"
lacks "no injected attribute" "$body" "<img src=x"

# a registered device: authorised
run "the PLC registered" 0 "$AG_BIN" --db "$db" org asset add BHS-PLC9 --category plc \
  --name "PLC 9" --mac 00-1B-1B-35-84-10
run "stored with the register changed" 0 "$AG_BIN" --db "$db" netwatch inventory -r "$pcap" --store
equals "now authorised" "$(q "SELECT status FROM netwatch_assets WHERE key = '00:1b:1b:35:84:10'")" authorised
req -b "$S" "$U/network"
contains "shown authorised" "$body" 'nw-status-authorised">登録済み</span></td><td><code>00:1b:1b:35:84:10</code>'
req -b "$S" "$U/"
contains "dashboard: unauthorised count" "$body" '<dd id="network-unauthorised" class="bad">51</dd>'

as kimura
req -b "$S" "$U/network"
equals "a 取扱者 gets 403" "$code" 403
lacks "no menu entry for a 取扱者" "$body" 'href="/network"'

as hayashi
req -b "$S" "$U/network"
equals "an auditor reads it" "$code" 200
finish

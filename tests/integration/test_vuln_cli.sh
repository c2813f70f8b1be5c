#!/usr/bin/env bash
# Integration test: vulnerability handling (3.1.5.1(1)(e), 3.2.2.1①) end to end with the real
# binary — an inventory imported from CSV, a CSAF advisory, a CVE JSON 5 record and an NVD feed
# imported and matched (re-import updates, never duplicates), the plan with every field the
# guideline lists before closing, approval by a manager other than the planner, compensating
# measures for a PLC, not-affected with a reason, the refusals' messages (English and Japanese),
# CSV exports, the audit trail and the demo airport.
. "$(dirname "$0")/lib.sh"
ag() { "$AG_BIN" --db "$tmp/v.db" --lang en "$@"; }
D="$AG_TEST_DATA/vuln"
export AIRGUARD_NOW=2027-04-02

run "init" 0 ag db init
for d in "ot 施設部" "it 情報システム部"; do set -- $d; ag org dept add "$1" --name "$2" >/dev/null; done
for p in "kondo ot" "mori ot" "ciso it" "itadm it" "nobody it"; do
  set -- $p
  ag org person add "$1" --name "$1" --dept "$2" >/dev/null
done
ag org role grant kondo sysadmin --dept ot >/dev/null
ag org role grant mori manager --dept ot >/dev/null
ag org role grant ciso ciso >/dev/null
ag org role grant itadm sysadmin --dept it >/dev/null
ag org system add BHS --kind baggage-handling --name BHS --control-system --dept ot >/dev/null
ag org system add SURV --kind surveillance --name SURV --dept ot >/dev/null
ag org system add OA --kind other --name OA --dept it >/dev/null
for a in "PLC-01 plc BHS" "PLC-02 plc BHS" "PLC-03 plc BHS" "CAM-01 camera SURV" "CAM-02 camera SURV" \
  "CAM-03 camera SURV" "SRV-01 server OA"; do
  set -- $a
  ag org asset add "$1" --category "$2" --name "$1" --system "$3" >/dev/null
done

# --- inventory from CSV: who may, errors naming line and column
run "inventory by a sysadmin of another department" 3 ag vuln software import "$D/inventory.csv" --as kondo &&
  contains "refusal names the line and the asset" "$err" "line 8, column 1 (asset): kondo may not change the software"
equals "refused import wrote nothing" "$(sqlite3 "$tmp/v.db" 'SELECT count(*) FROM vuln_software')" 0
printf 'asset,vendor,product,version\nPLC-01,Siemens,S7,1\nPLC-09,Siemens,S7,1\n' >"$tmp/bad.csv"
run "inventory with an unknown asset" 2 ag vuln software import "$tmp/bad.csv" --as ciso &&
  contains "unknown asset: line and column" "$err" "bad.csv: line 3, column 1 (asset)"
run "inventory by the CISO" 0 ag vuln software import "$D/inventory.csv" --as ciso &&
  contains "8 added" "$out" "8 software record(s) added, 0 already listed"
run "inventory again" 0 ag vuln software import "$D/inventory.csv" --as ciso &&
  contains "nothing twice" "$out" "0 software record(s) added, 8 already listed"
run "software by hand" 0 ag vuln software add --asset PLC-03 --vendor Siemens --product "SIMATIC S7-1200" --version "V4.5 SP1" --as kondo
run "software list" 0 ag vuln software list --asset PLC-03 && contains "listed" "$out" "V4.5 SP1"
run "software export" 0 ag vuln software export --out "$tmp/inv.csv" &&
  contains "export CSV" "$(cat "$tmp/inv.csv")" '"CAM-03","Fabrikam","IPC-240 firmware","3.1.2-rc1"'

# --- advisories: CSAF and CVE 5 (and NVD) recognised by content
run "import by a person without a role" 3 ag vuln import "$D/csaf-ssa-s7-1200.json" --as nobody
printf '{"document": {"csaf_version": "2.0", "title": "t", "tracking": {"id": "X"}}, "product_tree": {}, "vulnerabilities": [{"cve": "CVE-2024-1", "product_status": {"fixed": ["P1"]}}]}' >"$tmp/broken.json"
run "a broken file stops the whole import" 2 ag vuln import "$D/cve5-camera-firmware.json" "$tmp/broken.json" --as kondo &&
  contains "file and JSON path named" "$err" 'broken.json: $.vulnerabilities[0].product_status.fixed[0]: product id "P1" is not in the product tree'
equals "nothing imported" "$(sqlite3 "$tmp/v.db" 'SELECT count(*) FROM vulns')" 0
run "import CSAF + CVE 5 + NVD" 0 ag vuln import "$D/csaf-ssa-s7-1200.json" "$D/cve5-camera-firmware.json" "$D/nvd-api-openssl.json" --as kondo &&
  contains "counts" "$out" "3 file(s) imported: 4 vulnerability(ies) added, 0 updated; 7 new match(es)"
run "import CSAF again" 0 ag vuln import "$D/csaf-ssa-s7-1200.json" --as kondo &&
  contains "updated, not duplicated" "$out" "0 vulnerability(ies) added, 2 updated; 0 new match(es)"
equals "four vulnerabilities" "$(sqlite3 "$tmp/v.db" 'SELECT count(*) FROM vulns')" 4
run "advisories" 0 ag vuln advisories && contains "CSAF tracking id" "$out" "SSA-482917"
run "list" 0 ag vuln list
contains "PLC below the fixed version" "$out" "PLC-01"
lacks "PLC at the fixed version" "$out" "PLC-02"
lacks "PLC-03's S7-1500 at the fixed version" "$out" "SIMATIC S7-1500"
contains "camera below 2.9.1" "$out" "CAM-01"
lacks "camera at 3.0.4" "$out" "CAM-02"
contains "camera 3.1.2-rc1 within <=3.1.2" "$out" "CAM-03"
contains "OpenSSL 3.0.13 below 3.0.14" "$out" "SRV-01"
contains "name prefix: to check" "$out" "to check"
m() { sqlite3 "$tmp/v.db" "SELECT m.id FROM vuln_matches m JOIN vulns v ON v.id = m.vuln_id JOIN assets a ON a.id = m.asset_id WHERE v.ident = '$1' AND a.code = '$2' AND m.version = '$3'"; }
plc=$(m CVE-2024-50310 PLC-01 V4.5.2)
plc2=$(m CVE-2024-50311 PLC-01 V4.5.2)
cam=$(m CVE-2024-48902 CAM-01 2.8.7)
cam3=$(m CVE-2024-48902 CAM-03 3.1.2-rc1)
[[ -n $plc && -n $plc2 && -n $cam && -n $cam3 ]] && ok "matches found" || not_ok "matches found"
run "list --asset --severity" 0 ag vuln list --asset PLC-01 --severity high &&
  { contains "filter: high" "$out" "CVE-2024-50310"; lacks "filter: not medium" "$out" "CVE-2024-50311"; }
run "list --status bogus" 2 ag vuln list --status bogus
run "show the vulnerability" 0 ag vuln show CVE-2024-48902 &&
  { contains "range shown" "$out" ">=3.0.0 <3.0.4"; contains "file hash" "$out" "file SHA-256"; contains "found on" "$out" "CAM-01"; }

# --- closing needs the plan
run "close without a plan" 3 ag vuln close "$plc" --as kondo &&
  contains "missing fields named" "$err" "cannot be closed as done: the plan lacks risk, need, method, workaround, impact, due, test (3.2.2.1①)"
run "close without a plan (ja)" 3 ag --lang ja vuln close "$plc" --as kondo &&
  contains "missing fields named in Japanese" "$err" "対策済みにできません"
run "partial plan" 0 ag vuln plan "$plc" --need yes --method "V4.6.1 へ更新" --test yes --as kondo &&
  contains "rest named" "$out" "still missing: risk, workaround, impact, due, test-method, test-due"
run "bad date" 2 ag vuln plan "$plc" --due 2027-02-30 --as kondo && contains "due named" "$err" "due"
run "plan by a sysadmin of another department" 3 ag vuln plan "$plc" --risk x --as itadm
run "complete plan" 0 ag vuln plan "$plc" --risk "BHS 制御 LAN 内のみ" --workaround "Web サーバ無効化" \
  --impact "仕分けライン 30 分停止" --due 2027-05-10 --test-method "予備 PLC で確認" --test-due 2027-05-01 --as kondo &&
  contains "complete" "$out" "plan complete; it needs approval"
run "close before approval" 3 ag vuln close "$plc" --as kondo && contains "not approved" "$err" "not approved"
run "approve by the planner's peer without the role" 3 ag vuln approve "$plc" --as itadm
run "approve by the planner" 3 ag vuln approve "$plc" --as kondo
run "approve by the manager" 0 ag vuln approve "$plc" --as mori && contains "approved" "$out" "approved"
run "close" 0 ag vuln close "$plc" --result "V4.6.1 に更新済み" --as kondo && contains "done" "$out" "closed (done)"
run "close again" 3 ag vuln close "$plc" --as kondo && contains "closed already" "$err" "is closed"

# --- separation of duties: the manager who planned does not approve
run "manager plans (need no)" 0 ag vuln plan "$plc2" --risk "Web 画面は未使用" --need no --as mori
run "manager approves own plan" 3 ag vuln approve "$plc2" --as mori &&
  contains "separation of duties" "$err" "separation of duties (3.1.4.1(2)): mori may not approve"
run "CISO approves" 0 ag vuln approve "$plc2" --as ciso
run "need no is not done" 3 ag vuln close "$plc2" --as kondo && contains "accept instead" "$err" "--accept"
run "accept without reason" 2 ag vuln close "$plc2" --accept "" --as kondo
run "accept" 0 ag vuln close "$plc2" --accept "Web サーバ無効のため" --as kondo

# --- compensating measures where the firmware cannot be updated
run "compensate: bad kind" 2 ag vuln compensate "$cam" --kind firewall --text x --as kondo
run "compensate" 0 ag vuln compensate "$cam" --kind isolation --text "監視 VLAN で ONVIF を録画サーバのみに制限" --as kondo
run "accept before approval" 3 ag vuln close "$cam" --accept "更新不可" --as kondo
run "approve measures" 0 ag vuln approve "$cam" --as mori
run "accept with measures" 0 ag vuln close "$cam" --accept "更新版の提供待ち" --as kondo
run "not affected without reason" 2 ag vuln close "$cam3" --not-affected "" --as kondo
run "not affected" 0 ag vuln close "$cam3" --not-affected "ONVIF 無効" --as kondo
run "show a closed match" 0 ag vuln show "$cam" &&
  { contains "measure shown" "$out" "isolation: 監視 VLAN"; contains "approver shown" "$out" "mori"; }

# --- exports, review, audit trail
run "export --csv" 0 ag vuln export --csv --out "$tmp/vulns.csv"
csv=$(cat "$tmp/vulns.csv")
contains "export: the plan fields" "$csv" '"risk","need","method","workaround","impact","due","test","test_method","test_due"'
contains "export: a closed plan" "$csv" '"done","BHS 制御 LAN 内のみ","yes","V4.6.1 へ更新","Web サーバ無効化","仕分けライン 30 分停止","2027-05-10","yes","予備 PLC で確認","2027-05-01"'
run "export without --csv" 2 ag vuln export
run "review" 0 ag vuln review --note "月次確認" --as kondo
run "reviews" 0 ag vuln reviews && contains "review listed" "$out" "月次確認"
run "audit verify" 0 ag audit verify && contains "intact" "$out" "intact"
equals "approvals in the audit trail" "$(sqlite3 "$tmp/v.db" "SELECT count(*) FROM audit_log WHERE action = 'approve' AND entity = 'vuln_matches'")" 3
[[ $(sqlite3 "$tmp/v.db" "SELECT count(*) FROM audit_log WHERE action = 'refused' AND entity = 'vuln_matches'") -ge 3 ]] &&
  ok "refusals in the audit trail" || not_ok "refusals in the audit trail"
equals "imports in the audit trail" "$(sqlite3 "$tmp/v.db" "SELECT count(*) FROM audit_log WHERE action = 'import' AND entity = 'vulns'")" 4
run "usage" 2 ag vuln && contains "usage text" "$err" "airguard vuln plan"
run "usage (ja)" 2 ag --lang ja vuln && contains "Japanese usage" "$err" "一時的な回避方法"

# --- the demo airport
rm -f "$tmp/d.db"
run "demo" 0 "$AG_BIN" --db "$tmp/d.db" db init --demo
run "demo list" 0 "$AG_BIN" --db "$tmp/d.db" --lang en vuln list
for s in open planned accepted done; do contains "demo: a match $s" "$out" "$s"; done
run "demo overdue" 0 "$AG_BIN" --db "$tmp/d.db" --lang en vuln list --overdue && contains "an overdue plan" "$out" "SURV-CAM-T1-001"
finish

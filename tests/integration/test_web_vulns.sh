#!/usr/bin/env bash
# The vulnerability pages (3.1.5.1(1)(e), 3.2.2.1①; src/web/pages_vulns.c) over real HTTP against
# the demo airport: the list with filters, a vulnerability's page, a match's page with the plan
# form, the software inventory; role checks (a 取扱者 gets 403), CSRF, hostile text stored as text
# and shown escaped, the plan → approve → close steps with the library's rules (approval by a
# manager, not the sysadmin who recorded the measures; closing refused while the plan lacks
# fields) and every step in the audit trail.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
web_start
HOSTILE="<script>alert(1)</script>'; DROP TABLE vulns; --"
mid() { q "SELECT m.id FROM vuln_matches m JOIN vulns v ON v.id = m.vuln_id JOIN assets a ON a.id = m.asset_id WHERE v.ident = '$1' AND a.code = '$2'"; }
plc2=$(mid CVE-2025-31410 BHS-PLC2)
cam2=$(mid CVE-2025-20931 SURV-CAM-T1-002)

as yamada
req -b "$S" "$U/vulns"
equals "a handler may not see the list" "$code" 403

as nakamura
req -b "$S" "$U/vulns"
equals "list" "$code" 200
contains "list: the PLC advisory" "$body" "CVE-2025-31410"
contains "list: the camera" "$body" "SURV-CAM-T1-002"
contains "list: the menu entry" "$body" 'href="/vulns"'
req -b "$S" "$U/vulns?overdue=1"
contains "overdue filter: camera 1" "$body" "SURV-CAM-T1-001"
lacks "overdue filter: not PLC 2" "$body" "BHS-PLC2"
req -b "$S" "$U/vulns?status=accepted"
contains "status filter" "$body" "BHS-PLC1"
lacks "status filter: only accepted" "$body" "SURV-CAM-T1-002"
req -b "$S" "$U/vulns?status=bogus"
equals "bad filter: 400" "$code" 400
req -b "$S" "$U/vulns/v/CVE-2025-20931"
equals "vulnerability page" "$code" 200
contains "range shown" "$body" "&lt;2.9.1"
contains "assets listed" "$body" "SURV-CAM-T1-001"
req -b "$S" "$U/vulns/v/CVE-0000-0000"
equals "unknown vulnerability: 404" "$code" 404
req -b "$S" "$U/vulns/99999"
equals "unknown match: 404" "$code" 404
req -b "$S" "$U/vulns/software"
equals "software inventory" "$code" 200
contains "inventory: PLC firmware" "$body" "NW-PLC 300 firmware"
req -b "$S" "$U/vulns/$cam2"
equals "match page" "$code" 200
lacks "no plan form for another department's asset" "$body" "/vulns/$cam2/plan"
post "/vulns/$cam2/plan" "risk=x"
equals "plan for another department's asset: 403" "$code" 403
contains "refusal message" "$body" "nakamura は資産 SURV-CAM-T1-002"
as yoshida
req -b "$S" "$U/vulns/$cam2"
contains "plan form (the system's sysadmin)" "$body" "/vulns/$cam2/plan"
lacks "no approve button for a sysadmin" "$body" "/vulns/$cam2/approve"

# --- plan: CSRF, hostile text, missing fields
req -b "$S" --data-urlencode "risk=x" "$U/vulns/$cam2/plan"
equals "plan without CSRF token: 403" "$code" 403
post "/vulns/$cam2/plan" "risk=$HOSTILE" need=yes
equals "partial plan: 303" "$code" 303
equals "hostile text stored as text" "$(q "SELECT risk FROM vuln_matches WHERE id = $cam2")" "$HOSTILE"
req -b "$S" "$U/vulns/$cam2"
lacks "hostile text not as markup" "$body" "<script>alert(1)"
contains "hostile text escaped" "$body" "&lt;script&gt;alert(1)&lt;/script&gt;"
contains "missing fields named" "$body" "method, workaround, impact, due, test"
post "/vulns/$cam2/close" how=done
equals "close without the plan: 403" "$code" 403
contains "refusal names the fields" "$body" "対策済みにできません。対策計画に未記入の項目があります: method"
post "/vulns/$cam2/plan" due=2026-02-30
equals "bad date: 400" "$code" 400
post "/vulns/$cam2/plan" "method=ファームウェア 2.9.1 へ更新" "workaround=23/tcp 遮断" "impact=1 台 10 分停止" due=2030-01-31 test=no
equals "complete plan: 303" "$code" 303
equals "planned" "$(q "SELECT status FROM vuln_matches WHERE id = $cam2")" planned

# --- compensating measure on the PLC, approval by the manager, not by the sysadmin
as nakamura
post "/vulns/$plc2/compensate" kind=isolation "text=102/tcp は SCADA からのみ"
equals "measure: 303" "$code" 303
post "/vulns/$plc2/approve"
equals "sysadmin approves: 403" "$code" 403
post "/vulns/$plc2/close" how=accepted "note=冬季停止まで受容"
equals "accept before approval: 403" "$code" 403
as yamamoto
req -b "$S" "$U/vulns/$plc2"
contains "approve button for the manager" "$body" "/vulns/$plc2/approve"
post "/vulns/$plc2/approve"
equals "manager approves: 303" "$code" 303
post "/vulns/$plc2/approve"
equals "approve twice: 409" "$code" 409
as nakamura
post "/vulns/$plc2/close" how=accepted "note=冬季停止まで受容"
equals "accept: 303" "$code" 303
equals "accepted" "$(q "SELECT status FROM vuln_matches WHERE id = $plc2")" accepted
req -b "$S" "$U/vulns/$plc2?lang=en"
contains "English page" "$body" "Compensating measures"
lacks "closed: no plan form" "$body" "/vulns/$plc2/plan"
equals "audit: approval by yamamoto" "$(q "SELECT actor FROM audit_log WHERE action = 'approve' AND entity = 'vuln_matches' AND entity_id = '$plc2'")" yamamoto
[[ $(q "SELECT count(*) FROM audit_log WHERE action = 'refused' AND entity = 'vuln_matches'") -ge 3 ]] &&
  ok "refusals recorded" || not_ok "refusals recorded"
finish

#!/usr/bin/env bash
# The business-continuity and secure-area pages (src/web/pages_bcp.c) over real HTTP against the
# demo airport: /bcp with the status, overdue tests, command structure and the year's
# exercises; recording a recovery test (a pass beyond the RTO refused, a partial raising an
# action); the register pages of the new kinds; /areas with who is inside now and the flags;
# an area's page and its steps: entry refused for someone not authorised, a movement that the
# requester may not approve (3.1.4.1(2)), CSRF, roles, and hostile text shown escaped.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
web_start
HOSTILE="<script>alert(1)</script>"

as nakamura
req -b "$S" "$U/bcp"
equals "bcp page" "$code" 200
contains "status table" "$body" 'id="bcp-status"'
contains "FIDS overdue listed" "$body" 'id="bcp-overdue"'
contains "overdue marked" "$body" '<td class="bad">overdue</td>'
contains "structure with deputies" "$body" "sato"
contains "alternate place" "$body" "T2-DISASTER"
contains "the year's exercises" "$body" "BHS 停止時の手仕分け切替訓練"
contains "a sysadmin may record a test" "$body" 'action="/bcp/tests"'
req -b "$S" --data-urlencode "system=BHS" --data-urlencode "scenario=x" "$U/bcp/tests"
equals "test without CSRF: 403" "$code" 403
post /bcp/tests system=BHS "scenario=PLC swap" result=pass minutes=90
equals "pass beyond the RTO: 400" "$code" 400
contains "RTO named" "$body" "60"
before=$(q "SELECT count(*) FROM actions")
post /bcp/tests system=BHS "scenario=$HOSTILE" result=partial minutes=90 "finding=spare PLC missing" owner=nakamura due=2099-01-01
equals "partial recorded: redirect" "$code" 303
equals "one action raised" "$(q "SELECT count(*) FROM actions")" "$((before + 1))"
req -b "$S" "$U/bcp"
contains "hostile text escaped" "$body" "&lt;script&gt;"
lacks "no raw script" "$body" "<script>alert(1)"
req -b "$S" "$U/registers/bcp-plan"
equals "plans on the register pages" "$code" 200
contains "BHS plan listed" "$body" "BHS"
req -b "$S" "$U/registers/bcp-plan/csv"
contains "csv of plans" "$body" '"rto_minutes"'

# ---- secure areas ----
req -b "$S" "$U/areas"
equals "areas page" "$code" 200
contains "server room listed" "$body" "SRV-ROOM"
contains "inside now" "$body" 'id="areas-now"'
contains "kobayashi inside" "$body" "kobayashi"
contains "flags" "$body" "unreturned-badge"
contains "expired authorisation flagged" "$body" "mori"
bhs=$(q "SELECT id FROM area_areas WHERE code = 'BHS-CTRL'")
req -b "$S" "$U/areas/$bhs"
equals "area page" "$code" 200
contains "authorised people" "$body" 'id="area-people"'
contains "equipment" "$body" "BHS-SCADA1"
post "/areas/$bhs/enter" person=sato
equals "unauthorised entry refused: 403" "$code" 403
contains "refusal shown" "$body" "sato"
equals "refusal audited" "$(q "SELECT count(*) FROM audit_log WHERE action = 'refused' AND entity = 'area_areas'")" "1"
post "/areas/$bhs/enter" person=sato "override=fire inspection"
equals "entry with override: 303" "$code" 303
equals "flagged row" "$(q "SELECT count(*) FROM area_entries WHERE authorised = 0")" "1"
post "/areas/$bhs/move" direction=in "item=USB stick" category=media person=nakamura reason=logs
equals "move request" "$code" 303
mv=$(q "SELECT max(id) FROM area_moves")
post "/areas/$bhs/move-step" move=$mv step=approve
equals "requester may not approve: 403" "$code" 403
contains "separation of duties" "$body" "3.1.4.1(2)"
post "/areas/$bhs/enter" person=nakamura "badge=$HOSTILE"
equals "nakamura enters" "$code" 303
req -b "$S" "$U/areas/$bhs"
contains "badge escaped" "$body" "&lt;script&gt;"
req -b "$S" "$U/areas/99999"
equals "unknown area: 404" "$code" 404

as hayashi
req -b "$S" "$U/bcp"
equals "an auditor reads /bcp" "$code" 200
lacks "but records no test" "$body" 'action="/bcp/tests"'
finish

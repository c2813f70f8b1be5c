#!/usr/bin/env bash
# The work log, change management, access-control review, disposal and lifecycle pages over real
# HTTP against the demo airport: who may see them (a handler gets 403), the lists with their
# flags (unauthorised work, the overdue BHS firewall review, the emergency change awaiting
# approval), the change approval flow with separation of duties (the requester's approval is
# 403 and recorded in the audit trail; the manager's succeeds; the implementer's review is 403),
# the disposal upload refused without a certificate and accepted with one, the certificate's
# download, the lifecycle checklist with the catalog text beside each row, sign-off refused with
# open rows, hostile text escaped, and CSRF.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
web_start
HOSTILE="<script>alert(1)</script>"

# --- who may see
as kobayashi
req -b "$S" "$U/worklog"
equals "a handler may not see the work log" "$code" 403
req -b "$S" "$U/lifecycle"
equals "a handler may not see the lifecycle" "$code" 403

# --- lists and flags
as tanaka
req -b "$S" "$U/worklog"
equals "work log" "$code" 200
contains "work log: FIDS patches" "$body" "FIDS-SRV1"
contains "work log: unauthorised flagged" "$body" 'class="flagged"'
req -b "$S" "$U/worklog?unauthorised=1"
contains "filter: the vendor's change" "$body" "BHS-HMI1"
lacks "filter: only unauthorised" "$body" "待機系→運用系"
req -b "$S" "$U/worklog?kind=nonsense"
equals "bad filter: 400" "$code" 400
req -b "$S" "$U/worklog/reviews?lang=en"
equals "reviews" "$code" 200
contains "reviews: BHS firewall overdue" "$body" "BHS-FW1"
contains "reviews: overdue shown" "$body" "<strong>overdue</strong>"
req -b "$S" "$U/worklog/changes?lang=en"
contains "changes: emergency awaiting approval" "$body" "emergency, approval due"

# --- the change approval flow
before=$(q "SELECT count(*) FROM wl_changes")
req -b "$S" --data-urlencode "title=x" "$U/worklog/changes"
equals "request without CSRF: 403" "$code" 403
post /worklog/changes "title=$HOSTILE" "reason=new airline API" "assets=NET-FW1" planned=2027-01-10 \
  "rollback=delete the rule" risk=low
equals "request" "$code" 303
id=$(q "SELECT max(id) FROM wl_changes")
equals "one change more" "$(q "SELECT count(*) FROM wl_changes")" "$((before + 1))"
req -b "$S" "$U/worklog/changes/$id"
contains "hostile title escaped" "$body" "&lt;script&gt;alert(1)&lt;/script&gt;"
lacks "no raw script" "$body" "$HOSTILE"
post "/worklog/changes/$id/implement" kind=configuration
equals "carried out before approval: 403" "$code" 403
contains "refusal shown (Japanese)" "$body" "は承認されていません"
post "/worklog/changes/$id/decide" decision=approve
equals "requester approving: 403" "$code" 403
contains "separation of duties shown" "$body" "役割の分離（3.1.4.1(2)）"
equals "refusal audited" "$(q "SELECT count(*) FROM audit_log WHERE action = 'refused' AND entity = 'wl_changes' AND entity_id = '$id'")" "2"
as suzuki
post "/worklog/changes/$id/decide" decision=approve "note=ok"
equals "manager approves" "$code" 303
equals "approved" "$(q "SELECT decision FROM wl_changes WHERE id = $id")" "approved"
as tanaka
post "/worklog/changes/$id/implement" kind=configuration "at=2027-01-10 22:00" "work=rule added"
equals "carried out" "$code" 303
post "/worklog/changes/$id/review" result=ok "note=fine"
equals "implementer reviewing: 403" "$code" 403
as ito
post "/worklog/changes/$id/review" result=ok "note=rule limited to TCP 443"
equals "reviewed by another" "$code" 303
equals "state reviewed" "$(q "SELECT status FROM wl_changes WHERE id = $id")" "reviewed"

# --- work log entry, disposal with certificate
post /worklog asset=NET-FW1 kind=inspection "work=$HOSTILE check"
equals "entry" "$code" 303
req -b "$S" "$U/worklog"
contains "entry escaped" "$body" "&lt;script&gt;"
req -b "$S" -F "csrf=$csrf" -F "asset=OA-MFP1" -F "method=builtin-erase" -F "by=ito" -F "witness=suzuki" "$U/worklog/disposals"
equals "disposal without certificate: 403" "$code" 403
contains "proof asked" "$body" "抹消の証明が必要です"
equals "not disposed" "$(q "SELECT status FROM assets WHERE code = 'OA-MFP1'")" "in_service"
printf 'MFP erasure report\n' >"$tmp/mfp.txt"
req -b "$S" -F "csrf=$csrf" -F "asset=OA-MFP1" -F "method=builtin-erase" -F "by=ito" -F "witness=ito" -F "certificate=@$tmp/mfp.txt" "$U/worklog/disposals"
equals "self-witnessed: 403" "$code" 403
req -b "$S" -F "csrf=$csrf" -F "asset=OA-MFP1" -F "method=builtin-erase" -F "by=ito" -F "witness=suzuki" -F "certificate=@$tmp/mfp.txt;filename=../../mfp report.txt" "$U/worklog/disposals"
equals "disposal" "$code" 303
equals "disposed" "$(q "SELECT status FROM assets WHERE code = 'OA-MFP1'")" "disposed"
did=$(q "SELECT d.id FROM wl_disposals d JOIN assets a ON a.id = d.asset_id WHERE a.code = 'OA-MFP1'")
req -b "$S" "$U/worklog/disposals/$did/certificate"
equals "certificate download" "$code" 200
equals "certificate content" "$body" "MFP erasure report"
contains "sanitised name" "$hdr" 'filename="mfp report.txt"'

# --- lifecycle: checklist with the catalog text, sign-off refused with open rows
pid=$(q "SELECT id FROM lc_projects WHERE code = 'SURV-RENEW-2026'")
as kato
req -b "$S" "$U/lifecycle/$pid"
equals "project page" "$code" 200
contains "catalog text beside the row" "$body" "機器等の納入時又は情報システムの受入れ時の確認・検査において"
contains "acceptance evidence link" "$body" "acceptance-inspection-SURV-2026.txt"
post "/lifecycle/$pid/signoff" phase=acceptance
equals "sign-off with open rows: 403" "$code" 403
contains "open rows named" "$body" "未回答の行が 2 件"
equals "refusal audited" "$(q "SELECT count(*) FROM audit_log WHERE action = 'refused' AND entity = 'lc_projects'")" "1"
eid=$(q "SELECT evidence_id FROM lc_tests WHERE project_id = $pid LIMIT 1")
req -b "$S" "$U/lifecycle/$pid/evidence/$eid"
equals "test evidence download" "$code" 200
contains "evidence content" "$body" "受入検査成績書"
req -b "$S" "$U/lifecycle/$pid/evidence/999999"
equals "foreign evidence: 404" "$code" 404
as yoshida
rows=$(q "SELECT r.id FROM lc_rows r JOIN lc_phases p ON p.id = r.phase_id WHERE p.project_id = $pid AND p.phase = 'acceptance' AND r.answer = 'open'")
for r in $rows; do post "/lifecycle/$pid/answer" "row=$r" answer=done "note=checked at acceptance"; done
equals "answers saved" "$(q "SELECT count(*) FROM lc_rows r JOIN lc_phases p ON p.id = r.phase_id WHERE p.project_id = $pid AND r.answer = 'open' AND p.phase = 'acceptance'")" "0"
post "/lifecycle/$pid/answer" "row=1" answer=maybe
equals "bad answer: 400" "$code" 400
as kato
post "/lifecycle/$pid/signoff" phase=acceptance "note=accepted"
equals "sign-off by the manager" "$code" 303
equals "acceptance signed" "$(q "SELECT signed_by IS NOT NULL FROM lc_phases WHERE project_id = $pid AND phase = 'acceptance'")" "1"
req -b "$S" "$U/lifecycle?lang=en"
contains "list: now in handover" "$body" "handover to operations"
finish

#!/usr/bin/env bash
# The report to management over real HTTP (docs/compliance.md, "Management report"): the
# /compliance page offers it to the CISO, the information security managers and the auditors;
# GET /compliance/management-report gives the page or the PDF as an attachment with the
# headings; other roles get 403 and no link, a bad period or format 400, nobody signed in nothing.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
web_start
fy=$(q "SELECT max(fiscal_year) FROM assess_plans")
R="$U/compliance/management-report"

req "$R?period=$fy"
[[ $code != 200 ]] && ok "not signed in: no report ($code)" || not_ok "not signed in: no report"

as suzuki # information security manager
req -b "$S" "$U/compliance"
contains "compliance page offers the report" "$body" "/compliance/management-report?period=$fy&amp;format=pdf"
req -b "$S" "$R?period=$fy&format=html"
equals "manager: html report" "$code" 200
contains "html is an attachment" "$hdr" "Content-Disposition: attachment; filename=\"management-report-FY$fy.html\""
contains "html report heading" "$body" "経営層への報告"
contains "html report period" "$body" "${fy}年度（${fy}-04-01"
lacks "html report has no script" "$body" "<script"
req -b "$S" "$R?period=20x6"
equals "bad period: 400" "$code" 400
req -b "$S" "$R?period=$fy&format=docx"
equals "bad format: 400" "$code" 400
equals "export recorded with the manager as actor" \
  "$(q "SELECT actor FROM audit_log WHERE action = 'export' AND entity = 'management_report' ORDER BY seq DESC LIMIT 1")" suzuki

as tanaka # system administrator: sees /compliance, not the report
req -b "$S" "$U/compliance"
equals "sysadmin: compliance page" "$code" 200
lacks "sysadmin: no link to the report" "$body" "/compliance/management-report"
req -b "$S" "$R?period=$fy"
equals "sysadmin: report refused" "$code" 403

as hayashi # auditor
if command -v chromium >/dev/null && command -v pdftotext >/dev/null; then
  curl -s -b "$S" -o "$tmp/r.pdf" -D "$tmp/h" "$R?period=$fy&format=pdf"
  contains "auditor: pdf content type" "$(tr -d '\r' <"$tmp/h")" "Content-Type: application/pdf"
  contains "auditor: pdf has the Japanese heading" "$(pdftotext "$tmp/r.pdf" - 2>/dev/null)" "経営層への報告"
else
  not_ok "chromium and pdftotext installed (scripts/install-deps)"
fi
finish

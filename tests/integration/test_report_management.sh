#!/usr/bin/env bash
# Integration test of `airguard report management` (docs/compliance.md, "Management report") on
# the demo airport: the HTML page has its headings (Japanese and English), the running header
# with the period and 取扱注意, inline SVG charts and no script or fetch; its 実施率 figures —
# overall, every section and every department — are the ones `airguard assess report` prints for
# the same campaign; a hostile risk title is escaped; the PDF printed by Chromium carries the
# Japanese headings (pdftotext); a bad --period or --format is refused with a message naming it;
# the export is in the audit trail.
. "$(dirname "$0")/lib.sh"
ag() { "$AG_BIN" --db "$tmp/d.db" "$@"; }
q() { sqlite3 "$tmp/d.db" "$1"; }
export AIRGUARD_LANG=ja

run "demo store" 0 ag db init --demo || { finish; exit 1; }
fy=$(q "SELECT max(fiscal_year) FROM assess_plans")
plan=$(q "SELECT id FROM assess_plans WHERE fiscal_year = $fy ORDER BY id DESC LIMIT 1")

# ---- HTML ----
run "management html" 0 ag report management --period "$fy" --format html -o "$tmp/m.html"
h=$(cat "$tmp/m.html")
for t in 経営層への報告 "PDCA サイクルの取組状況" 実施率とその推移 節別 部署別 節別の推移 \
  監視の証跡と矛盾する対策項目 基準値以上のリスクとその対応 インシデントとその状況 \
  "例外措置（期限間近・期限切れ）" 監査の指摘と期限を過ぎた是正処置 監視の概要 \
  種別ごとのアラート 重要システムごとのアラート 経営層によるレビューと指示 取扱注意; do
  contains "html has 「$t」" "$h" "$t"
done
contains "html names the fiscal year" "$h" "${fy}年度（${fy}-04-01 〜 $((fy + 1))-03-31）"
contains "running header in the page margin" "$h" "@top-left"
contains "inline SVG chart" "$h" '<svg xmlns="http://www.w3.org/2000/svg" class="chart"'
contains "bars of the sections" "$h" '<rect class="bar"'
contains "CSP forbids every fetch" "$h" "default-src 'none'"
lacks "no script" "$h" "<script"
lacks "no external reference" "$h" "href="

# 実施率: the same figures as `airguard assess report` (one decimal, as it prints them)
pct() { [[ $1 == null ]] && echo "-" || awk -v r="$1" 'BEGIN { printf "%.1f%%", r }'; }
# the rate cell (5th number) of the first table row whose label starts with $1
row_rate() { grep -m1 -F "<tr><td>$1" "$tmp/m.html" | grep -o '<td class="n">[^<]*</td>' | sed -n 5p | sed 's/<[^>]*>//g'; }
run "assess report (json)" 0 ag assess report "$plan" --json
total=$(jq -r '.total.rate' <<<"$out")
contains "overall rate as assess report" "$h" "$(pct "$total") (${fy}年度 第"
n=0
while read -r key rate; do
  n=$((n + 1))
  equals "section $key rate as assess report" "$(row_rate "$key ")" "$(pct "$rate")"
done < <(jq -r '.section[] | "\(.key) \(.now.rate)"' <<<"$out")
((n >= 8)) && ok "sections compared ($n)" || not_ok "sections compared ($n)"
n=0
while read -r code rate; do
  name=$(q "SELECT name_ja FROM departments WHERE code = '$code'")
  [[ $rate == null ]] && continue
  n=$((n + 1))
  equals "department $code rate as assess report" "$(row_rate "$name<")" "$(pct "$rate")"
done < <(jq -r '.department[] | "\(.key) \(.now.rate)"' <<<"$out")
((n >= 2)) && ok "departments compared ($n)" || not_ok "departments compared ($n)"
equals "the export is in the audit trail" \
  "$(q "SELECT count(*) FROM audit_log WHERE action = 'export' AND entity = 'management_report' AND entity_id = 'FY$fy'")" 1

# ---- English ----
run "management html (en)" 0 ag --lang en report management --period "FY$fy" --format html -o "$tmp/m-en.html"
e=$(cat "$tmp/m-en.html")
for t in "Report to management on information security" "PDCA status" \
  "Implementation rate (実施率) and its trend" "Risks at or above the threshold and their treatment" \
  "Monitoring summary" "Review by management and instructions"; do
  contains "english html has \"$t\"" "$e" "$t"
done
lacks "every label translated" "$e" "mgmt:"

# ---- hostile text ----
run "hostile risk added" 0 ag --lang en risk add --title "<script>alert(1)</script>" --threat t --owner sasaki
rid=$(q "SELECT max(id) FROM risks")
run "hostile risk above the threshold" 0 ag risk assess "$rid" --impact 5 --likelihood 5 --analysis x --as sasaki
run "management html with a hostile risk title" 0 ag report management --period "$fy" --format html -o "$tmp/x.html"
x=$(cat "$tmp/x.html")
lacks "the risk title's script is not markup" "$x" "<script>alert(1)"
contains "the risk title is escaped" "$x" "&lt;script&gt;alert(1)&lt;/script&gt;"

# ---- bad input ----
run "bad --period" 2 ag report management --period 20x6 --format html -o "$tmp/b.html"
contains "bad --period named" "$err" "--period: 「20x6」は年度ではありません"
run "bad --period (en)" 2 ag --lang en report management --period 1999 --format html -o "$tmp/b.html"
contains "bad --period named (en)" "$err" '--period: "1999" is not a fiscal year'
run "bad --format" 2 ag report management --period "$fy" --format docx -o "$tmp/b.html"
contains "bad --format named" "$err" "docx"
run "--format is required" 2 ag report management --period "$fy" -o "$tmp/b.html"
run "pdf needs -o" 2 ag report management --period "$fy" --format pdf
[[ ! -e $tmp/b.html ]] && ok "nothing written on bad input" || not_ok "nothing written on bad input"

# ---- PDF ----
if command -v chromium >/dev/null && command -v pdftotext >/dev/null; then
  run "management pdf" 0 ag report management --period "$fy" --format pdf -o "$tmp/m.pdf"
  t=$(pdftotext "$tmp/m.pdf" - 2>/dev/null)
  for w in 経営層への報告 実施率とその推移 "PDCA サイクルの取組状況" 基準値以上のリスクとその対応 監視の概要 取扱注意; do
    contains "pdf has 「$w」" "$t" "$w"
  done
  contains "pdf has the overall rate" "$t" "$(pct "$total")"
  contains "pdf has the running header's period" "$t" "${fy}年度（${fy}-04-01"
else
  not_ok "chromium and pdftotext installed (scripts/install-deps)"
fi
finish

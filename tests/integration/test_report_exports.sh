#!/usr/bin/env bash
# Integration test of `airguard report` on the demo airport (docs/compliance.md, "Exports: OSCAL,
# STIX and the report to the ministry"): the OSCAL assessment-results and POA&M validate against
# NIST's OSCAL 1.0.6 schemas and the STIX bundle against the OASIS STIX 2.1 schemas (ajv; broken
# copies are rejected, so the validators really check); self-inspection answers, their evidence
# files and the open alerts naming a measure reach the findings; re-exports are byte-identical;
# --strip-personal leaves no name, login, e-mail address or host name of the demo in the bundle;
# the report to MLIT has its Japanese headings in text, HTML and the PDF printed by Chromium.
. "$(dirname "$0")/lib.sh"
ag() { "$AG_BIN" --db "$tmp/d.db" "$@"; }
q() { sqlite3 "$tmp/d.db" "$1"; }
v="$AG_SOURCE_DIR/tools/validate-json.mjs"
vs="$AG_SOURCE_DIR/tools/validate-stix.mjs"
oscal="${AG_SHARED_DIR:?}/schemas/oscal-1.0.6"
stix="$AG_SHARED_DIR/schemas/stix-2.1"
[[ -d $AG_SOURCE_DIR/tools/node_modules/ajv ]] || { not_ok "ajv installed (run scripts/install-deps)"; finish; exit 1; }
export AIRGUARD_LANG=ja

run "demo store" 0 ag db init --demo || { finish; exit 1; }

# Alerts of logwatch linked to the open personal-data incident (2), one with a quote and a
# backslash in its user name, one from an IPv6 address; one more naming 3.1.5.1(2)(e) unlinked.
inc=$(q "SELECT id FROM incidents WHERE status = 'open' ORDER BY id LIMIT 1")
{
  for i in 1 2 3; do
    printf '{"id":"lw-%016x","time":"2026-11-20T05:1%d:00Z","category":"password_list_attack","rule":"Password-list attack","level":"high","src_ip":"203.0.113.%d","user":"tanaka","host":"bhs-scada1","count":12,"guideline":["3.1.5.1(2)(e)"],"catalog":[],"attack":["attack.credential_access","attack.t1110.004"],"evidence":["Failed password for tanaka"]}\n' "$i" "$i" "$((4 + i))"
  done
  printf '%s\n' '{"id":"lw-00000000000000ff","time":"2026-11-20T06:00:00Z","category":"brute_force","rule":"Brute force","level":"high","src_ip":"2001:db8::9","user":"o'"'"'brien\\x","host":"gw01","count":30,"guideline":[],"catalog":[],"attack":["attack.t1110.001"],"evidence":["x"]}'
} >"$tmp/linked.jsonl"
printf '%s\n' '{"id":"lw-00000000000000aa","time":"2026-11-21T05:10:00Z","category":"password_list_attack","rule":"Password-list attack","level":"high","src_ip":"198.51.100.7","count":40,"guideline":["3.1.5.1(2)(e)"],"catalog":[],"attack":["attack.t1110.004"],"evidence":["x"]}' >"$tmp/open.jsonl"
run "alerts imported" 0 ag alert import "$tmp/linked.jsonl"
run "unlinked alert imported" 0 ag alert import "$tmp/open.jsonl"
for id in $(grep -o '"id":"lw-[0-9a-f]*"' "$tmp/linked.jsonl" | cut -d'"' -f4); do
  ag --as watanabe alert incident "$id" --incident "$inc" >/dev/null 2>&1 || not_ok "link $id"
done
equals "four alerts linked to incident $inc" "$(q "SELECT count(*) FROM alerts WHERE incident_id = $inc")" 4

# ---- OSCAL assessment-results ----
run "oscal (latest campaign)" 0 ag report oscal -o "$tmp/ar.json" &&
  run "assessment-results validates" 0 node "$v" "$oscal/oscal_assessment-results_schema.json" "$tmp/ar.json" &&
  ok "OSCAL assessment-results validates against OSCAL 1.0.6"
node -e '
  const d = require(process.argv[1])["assessment-results"], r = d.results[0];
  const f = r.findings.find((x) => x.target["target-id"] === "ag-3.1.5.1-2-e.m1");
  const ok = d["import-ap"].href === "#" + d["back-matter"].resources[0].uuid &&
    f && f.target.type === "objective-id" && f.target.status.state === "not-satisfied" &&
    r.observations.some((o) => o.methods[0] === "TEST" && o.types[0] === "discovery" &&
      f["related-observations"].some((x) => x["observation-uuid"] === o.uuid)) &&
    r.observations.some((o) => o.methods[0] === "EXAMINE") &&
    r.findings.some((x) => x.target.status.state === "satisfied") &&
    /実施率 [0-9.]+%/.test(r.description);
  if (!ok) { console.error(JSON.stringify(f)); process.exit(1); }
' "$tmp/ar.json" 2>"$tmp/e" && ok "a measure with open alerts is not-satisfied, with the alert as a TEST observation" ||
  not_ok "findings from answers and alerts" "$(cat "$tmp/e")"

# a campaign of our own: one measure, an answer of 実施 with an evidence file
run "plan" 0 ag assess plan add --year 2030 --title "FY2030 check" --frequency 1 --timing June \
  --depts it --items "3.1.5.1(2)(e)" --as takahashi
plan=$(q "SELECT max(id) FROM assess_plans")
run "sheets" 0 ag assess sheet issue "$plan" --round 1 --due 2030-06-30 --as takahashi
sheet=$(q "SELECT s.id FROM assess_sheets s JOIN people p ON p.id = s.respondent_id WHERE s.plan_id = $plan AND p.login = 'tanaka'")
printf 'MFA enabled on the booking site\n' >"$tmp/mfa.txt"
sha=$(sha256sum "$tmp/mfa.txt" | cut -d' ' -f1)
run "answer with evidence" 0 ag assess answer "$sheet" 3.1.5.1-2-e.m1 --answer 実施 --comment "MFA あり" \
  --evidence "$tmp/mfa.txt" --as tanaka
run "submit" 0 ag assess sheet submit "$sheet" --as tanaka
run "oscal --campaign" 0 ag report oscal --campaign "$plan" -o "$tmp/ar2.json" &&
  run "campaign results validate" 0 node "$v" "$oscal/oscal_assessment-results_schema.json" "$tmp/ar2.json" &&
  ok "the campaign's assessment-results validate"
contains "the evidence file is relevant-evidence in the store" "$(cat "$tmp/ar2.json")" "\"evidence/${sha:0:2}/$sha\""
contains "the comment is in the observation" "$(cat "$tmp/ar2.json")" "MFA あり"
node -e '
  const r = require(process.argv[1])["assessment-results"].results[0];
  if (r.findings.length !== 1 || r.findings[0].target.status.state !== "not-satisfied") process.exit(1);
' "$tmp/ar2.json" && ok "実施 contradicted by an open alert is not-satisfied" || not_ok "実施 contradicted by an open alert is not-satisfied"
AIRGUARD_NOW=2030-07-01T00:00:00Z ag report oscal --campaign "$plan" -o "$tmp/ar3.json" 2>/dev/null
AIRGUARD_NOW=2030-07-01T00:00:00Z ag report oscal --campaign "$plan" -o "$tmp/ar4.json" 2>/dev/null
cmp -s "$tmp/ar3.json" "$tmp/ar4.json" && ok "re-exporting OSCAL gives the same bytes" || not_ok "re-exporting OSCAL gives the same bytes"
run "unknown campaign" 2 ag report oscal --campaign 999 -o "$tmp/x.json"
contains "names the plan" "$err" "999"
node -e '
  const fs = require("fs"), d = JSON.parse(fs.readFileSync(process.argv[1]));
  delete d["assessment-results"]["import-ap"]; fs.writeFileSync(process.argv[2], JSON.stringify(d));
' "$tmp/ar2.json" "$tmp/ar-broken.json"
run "assessment-results without import-ap is rejected" 1 node "$v" "$oscal/oscal_assessment-results_schema.json" "$tmp/ar-broken.json" &&
  ok "the validator rejects assessment-results without import-ap"

# ---- POA&M ----
run "poam" 0 ag report poam -o "$tmp/poam.json" &&
  run "poam validates" 0 node "$v" "$oscal/oscal_poam_schema.json" "$tmp/poam.json" &&
  ok "OSCAL POA&M validates against OSCAL 1.0.6"
node -e '
  const p = require(process.argv[1])["plan-of-action-and-milestones"];
  const open = Number(process.argv[2]), origins = new Set(p["poam-items"].map((i) =>
    i.props.find((x) => x.name === "origin").value));
  const milestones = p.risks.every((r) => r.remediations[0].tasks[0].type === "milestone" &&
    /^\d{4}-\d\d-\d\dT/.test(r.remediations[0].tasks[0].timing["on-date"].date));
  if (p["poam-items"].length !== open || !origins.has("incident") || !milestones) {
    console.error(p["poam-items"].length, open, [...origins]); process.exit(1); }
' "$tmp/poam.json" "$(q "SELECT count(*) FROM actions WHERE status IN ('open', 'in_progress', 'done')")" 2>"$tmp/e" &&
  ok "one poam-item per open action, every origin, due dates as milestones" || not_ok "poam items" "$(cat "$tmp/e")"
node -e '
  const fs = require("fs"), d = JSON.parse(fs.readFileSync(process.argv[1]));
  d["plan-of-action-and-milestones"]["poam-items"][0].title = 7; fs.writeFileSync(process.argv[2], JSON.stringify(d));
' "$tmp/poam.json" "$tmp/poam-broken.json"
run "broken poam is rejected" 1 node "$v" "$oscal/oscal_poam_schema.json" "$tmp/poam-broken.json" &&
  ok "the validator rejects a broken POA&M"

# ---- STIX ----
printf '{"version":1,"evicted":0,"entries":[{"addr":"203.0.113.5","first":"2026-11-20T05:11:00Z","last":"2026-11-20T05:11:00Z","expires":"2026-11-20T06:11:00Z","count":1}]}\n' >"$tmp/bl.json"
run "stix" 0 ag report stix --incident "$inc" --blocklist "$tmp/bl.json" -o "$tmp/s.json" &&
  run "stix validates" 0 node "$vs" "$tmp/s.json" "$stix" && ok "STIX bundle validates against the STIX 2.1 schemas"
s=$(cat "$tmp/s.json")
contains "indicator pattern" "$s" "\"[ipv4-addr:value = '203.0.113.5']\""
contains "IPv6 indicator" "$s" "\"[ipv6-addr:value = '2001:db8::9']\""
contains "TLP:AMBER by default" "$s" "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
contains "sector transportation" "$s" '"transportation"'
contains "ATT&CK technique" "$s" '"external_id": "T1110.004"'
contains "blocking as a course of action" "$s" "ファイアウォールで遮断"
contains "mitigates" "$s" '"relationship_type": "mitigates"'
contains "indicates" "$s" '"relationship_type": "indicates"'
contains "without stripping the login is there" "$s" '"tanaka"'
node -e '
  const b = require(process.argv[1]), ip = b.objects.find((o) => o.type === "ipv4-addr" && o.value === "203.0.113.5");
  if (ip.id !== "ipv4-addr--" + process.argv[2]) process.exit(1);
' "$tmp/s.json" "$(python3 -c 'import uuid; print(uuid.uuid5(uuid.UUID("00abedb4-aa42-5b4f-8d8a-ba4d4b0f4f76"), "{\"value\":\"203.0.113.5\"}"))')" &&
  ok "SCO ids are STIX's uuid5 (the same id any producer computes)" || not_ok "SCO ids are STIX's uuid5"
run "stix again" 0 ag report stix --incident "$inc" --blocklist "$tmp/bl.json" -o "$tmp/s2.json"
cmp -s "$tmp/s.json" "$tmp/s2.json" && ok "re-exporting STIX gives the same bytes" || not_ok "re-exporting STIX gives the same bytes"
run "stix --tlp red" 0 ag report stix --incident "$inc" --tlp TLP:RED -o "$tmp/red.json" &&
  contains "TLP:RED" "$(cat "$tmp/red.json")" "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"
run "bad --tlp" 2 ag report stix --incident "$inc" --tlp purple -o "$tmp/x.json"
contains "names the level" "$err" "purple"
run "unknown incident" 2 ag report stix --incident 999 -o "$tmp/x.json"
contains "names the incident" "$err" "999"
run "stix without --incident" 2 ag report stix -o "$tmp/x.json"
node -e '
  const fs = require("fs"), d = JSON.parse(fs.readFileSync(process.argv[1]));
  const i = d.objects.find((o) => o.type === "indicator"); delete i.pattern;
  fs.writeFileSync(process.argv[2], JSON.stringify(d));
' "$tmp/s.json" "$tmp/s-broken.json"
run "indicator without pattern is rejected" 1 node "$vs" "$tmp/s-broken.json" "$stix" &&
  ok "the STIX validator rejects an indicator without a pattern"
node -e '
  const fs = require("fs"), d = JSON.parse(fs.readFileSync(process.argv[1]));
  d.objects.find((o) => o.type === "relationship").target_ref = "attack-pattern--00000000-0000-5000-8000-000000000000";
  fs.writeFileSync(process.argv[2], JSON.stringify(d));
' "$tmp/s.json" "$tmp/s-dangling.json"
run "dangling reference is rejected" 1 node "$vs" "$tmp/s-dangling.json" "$stix" &&
  ok "the STIX validator rejects a reference to an object not in the bundle"

run "stix --strip-personal" 0 ag report stix --incident "$inc" --strip-personal -o "$tmp/p.json" &&
  run "stripped stix validates" 0 node "$vs" "$tmp/p.json" "$stix" && ok "the stripped bundle validates"
leaks=""
while IFS='|' read -r login name name_en email phone; do
  grep -qw -- "$login" "$tmp/p.json" && leaks+=" $login"
  for n in "$name" "$name_en" "$email" "$phone" ${name} ${name_en}; do
    [[ -n $n ]] && grep -qF -- "$n" "$tmp/p.json" && leaks+=" $n"
  done
done < <(q "SELECT login, name, name_en, email, phone FROM people")
for n in bhs-scada1 gw01 "o'brien"; do grep -qF -- "$n" "$tmp/p.json" && leaks+=" $n"; done
grep -qE '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]+' "$tmp/p.json" && leaks+=" (an e-mail address)"
equals "no name, login, e-mail, telephone or host name of the demo in the stripped bundle" "$leaks" ""
contains "users become placeholders" "$(cat "$tmp/p.json")" '"user_id": "user-1"'

# ---- the report to MLIT ----
run "ministry text" 0 ag report ministry --incident 1 -o "$tmp/m.txt"
m=$(cat "$tmp/m.txt")
for h in 国土交通省への情報連絡 報告区分 国土交通省への情報連絡の経過 報告日時 事業者名 重要インフラ分野 報告者・連絡先 \
  件名 発生日時 認知日時 事象の概要 影響を受けた重要システム 重要インフラサービスへの影響 定期便への影響 \
  原因の種別 原因 原因究明のための記録 応急措置・対応状況 復旧状況 再発防止策 個人情報の漏えい 利用者への情報提供 \
  事案対処省庁への通報; do
  contains "ministry text has 「$h」" "$m" "$h"
done
contains "a closed incident's report is the final one" "$m" "確報"
contains "the earlier reports are listed" "$m" "first report"
run "ministry text of the open incident" 0 ag report ministry --incident "$inc" -o "$tmp/m2.txt"
contains "linked alerts are the records for the cause" "$(cat "$tmp/m2.txt")" "password_list_attack: アラート 3 件"
run "ministry json" 0 ag report ministry --incident 1 --format json -o "$tmp/m.json"
node -e 'const d = require(process.argv[1]); if (!d.fields.some((f) => f.key === "records")) process.exit(1)' "$tmp/m.json" &&
  ok "ministry json has the records field" || not_ok "ministry json has the records field"
run "ministry english" 0 ag --lang en report ministry --incident 1 -o "$tmp/m-en.txt"
contains "English headings with --lang en" "$(cat "$tmp/m-en.txt")" "Type of report"
run "ministry html" 0 ag report ministry --incident "$inc" --format html -o "$tmp/m.html"
h=$(cat "$tmp/m.html")
contains "html is Japanese" "$h" '<html lang="ja">'
contains "html allows no fetch" "$h" "default-src 'none'"
contains "html has the headings" "$h" "<h2>事象の概要</h2>"
run "pdf needs -o" 2 ag report ministry --incident 1 --format pdf
if command -v chromium >/dev/null && command -v pdftotext >/dev/null; then
  run "ministry pdf" 0 ag report ministry --incident 1 --format pdf -o "$tmp/m.pdf"
  [[ $(head -c 5 "$tmp/m.pdf") == "%PDF-" ]] && ok "a PDF is written" || not_ok "a PDF is written"
  t=$(pdftotext "$tmp/m.pdf" - 2>/dev/null)
  for h in 国土交通省への情報連絡 報告区分 事象の概要 影響を受けた重要システム 再発防止策 個人情報の漏えい; do
    contains "pdf has 「$h」" "$t" "$h"
  done
  AIRGUARD_CHROMIUM=/nonexistent/chromium ag report ministry --incident 1 --format pdf -o "$tmp/n.pdf" >/dev/null 2>"$tmp/e"
  [[ $? -ne 0 && ! -e $tmp/n.pdf ]] && ok "no Chromium: an error and no file" || not_ok "no Chromium: an error and no file"
  contains "the error says what is missing" "$(cat "$tmp/e")" "Chromium"
else
  not_ok "chromium and pdftotext installed (scripts/install-deps)"
fi

run "exports are in the audit trail" 0 ag audit verify
equals "export rows" "$(q "SELECT count(*) > 5 FROM audit_log WHERE action = 'export' AND (entity = 'incidents' OR entity = 'assess_plans' OR entity = 'actions')")" 1
finish

#!/usr/bin/env bash
# Integration test: the ISMS-audit part of `airguard audit …` (guideline 3.3.1.1(2)) end to end
# against a real store: annual and per-audit plans, the independence of auditors (3.1.4.1(2)),
# findings with evidence, the report, the CISO's instruction, improvement plans verified by the
# auditor, closure — every refusal (exit 3) and bad input (exit 2) — and the audit trail's own
# subcommands (verify, log) beside them.
. "$(dirname "$0")/lib.sh"
ag="$AG_BIN"
export AIRGUARD_NOW=2026-06-01T12:00:00Z
db="$tmp/a.db"
a() { "$ag" --db "$db" "$@"; }

run "init demo" 0 a db init --demo
run "demo audits" 0 a --lang en audit list && {
  contains "demo audit of BHS" "$out" "BHS"
  contains "demo audit instructed" "$out" "instructed"
}
run "demo annual plan" 0 a audit annual list && contains "demo FY" "$out" "2026"
run "demo report" 0 a --lang ja audit report 1 && {
  contains "demo findings" "$out" "重大な不適合"
  contains "demo auditors" "$out" "主任監査人"
}

# the annual plan
run "annual by non-auditor refused" 3 a audit annual add --year 2027 --focus F --objectives O --from 2027-04-01 --to 2028-03-31 --management M --as tanaka &&
  contains "needs auditor" "$err" "auditor"
run "annual bad year" 2 a audit annual add --year 27 --focus F --objectives O --from 2027-04-01 --to 2028-03-31 --management M --as hayashi &&
  contains "names the field" "$err" "year"
run "annual to before from" 2 a audit annual add --year 2027 --focus F --objectives O --from 2027-04-01 --to 2027-03-31 --management M --as hayashi
run "annual missing management" 2 a audit annual add --year 2027 --focus F --objectives O --from 2027-04-01 --to 2028-03-31 --as hayashi
run "annual" 0 a audit annual add --year 2027 --focus "FIDS" --objectives "漏えい防止" --from 2027-04-01 --to 2028-03-31 \
  --management "内部監査室" --outsourcing "なし" --budget 800000 --as hayashi
run "annual duplicate" 2 a audit annual add --year 2027 --focus F --objectives O --from 2027-04-01 --to 2028-03-31 --management M --as hayashi

# the per-audit plan: the auditor may not belong to the audited department
plan=(audit plan add --year 2027 --title "FIDS 監査" --from 2027-05-10 --to 2027-05-20 --location "T2" --points "アクセス管理" --progress "週次")
run "grant auditor to a pax member" 0 a org role grant matsumoto auditor
run "auditor of the audited dept refused" 3 a "${plan[@]}" --dept pax --auditors hayashi,matsumoto --as hayashi &&
  contains "not member" "$err" "belong to that department"
run "audit office auditing itself refused" 3 a "${plan[@]}" --dept audit --auditors hayashi --as hayashi
run "auditor without the role refused" 3 a "${plan[@]}" --dept pax --auditors hayashi,tanaka --as hayashi
run "refusals recorded" 0 a audit log --entity duty --limit 5 && contains "refused" "$out" "refused"
run "plan outside the period" 2 a audit plan add --year 2027 --title T --from 2027-03-01 --to 2027-03-10 --location L --points P --progress G --dept pax --auditors hayashi --as hayashi
run "plan no annual plan" 2 a audit plan add --year 2031 --title T --from 2031-05-01 --to 2031-05-10 --location L --points P --progress G --dept pax --auditors hayashi --as hayashi
run "plan unknown dept" 2 a "${plan[@]}" --dept nope --auditors hayashi --as hayashi
run "plan without auditors" 2 a "${plan[@]}" --dept pax --as hayashi
run "plan" 0 a --lang en "${plan[@]}" --dept pax --auditors "hayashi:lead,shimizu:logs" --adequacy --policy "準拠性と妥当性" --sampling "20件" --as hayashi &&
  contains "created" "$out" "created audit 3"
id=3
run "auditor add refused (dept member)" 3 a audit auditor add $id matsumoto --as hayashi
run "auditor add twice" 2 a audit auditor add $id shimizu --as hayashi
run "plan list" 0 a audit plan list --year 2027 && contains "listed" "$out" "FIDS 監査"

# findings
echo "access log extract" >"$tmp/evidence.txt"
run "finding by a non-auditor refused" 3 a audit finding add $id --item '3.1.5.1(2)(e)' --class minor --aspect operation --statement S --as sasaki
run "finding bad item" 2 a audit finding add $id --item '9.9' --class minor --aspect operation --statement S --as hayashi
run "finding bad class" 2 a audit finding add $id --item '3.1.5.1(2)(e)' --class severe --aspect operation --statement S --as hayashi &&
  contains "classes listed" "$err" "conforming, major, minor, observation"
run "finding bad aspect" 2 a audit finding add $id --item '3.1.5.1(2)(e)' --class minor --aspect x --statement S --as hayashi
run "finding missing evidence file" 1 a audit finding add $id --item '3.1.5.1(2)(e)' --class minor --aspect operation --statement S --evidence "$tmp/none" --as hayashi
run "finding minor" 0 a audit finding add $id --item '3.1.5.1(2)(e)' --class minor --aspect operation --statement "共用アカウント" --evidence "$tmp/evidence.txt" --evidence-text "ログ抜粋" --as hayashi
run "finding conforming" 0 a audit finding add $id --item '3.1.2.4(1)' --class conforming --aspect rules --statement "BCP あり" --as shimizu
run "finding list" 0 a audit finding list $id --class minor && contains "finding listed" "$out" "3.1.5.1-2-e"

# report, instruction, improvement, verification, closure
run "instruct before report refused" 3 a audit instruct $id --due 2026-07-01 --as takahashi
run "report by a non-assigned auditor refused" 3 a audit report $id --issue --summary S --as sasaki
run "report issue" 0 a audit report $id --issue --summary "軽微な不適合1件" --as hayashi
run "report text" 0 a --lang en audit report $id && {
  contains "kind of audit" "$out" "compliance and adequacy audit"
  contains "evidence file" "$out" "sha256:"
  contains "counts" "$out" "Conforming 1, major 0, minor 1, observations 0"
}
run "report json" 0 a audit report $id --json && {
  node -e 'const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
    if (r.counts.minor !== 1 || r.findings.length !== 2 || r.auditors.length !== 2 || !r.adequacy) process.exit(1);' <<<"$out" &&
    ok "report json" || not_ok "report json" "$out"
}
run "finding after report refused" 3 a audit finding add $id --item '3.1.2.4(1)' --class minor --aspect rules --statement S --as hayashi
run "instruct by non-CISO refused" 3 a audit instruct $id --due 2026-07-01 --as hayashi
run "instruct bad due" 2 a audit instruct $id --due soon --as takahashi
run "instruct" 0 a audit instruct $id --due 2026-07-01 --as takahashi
run "improve by another dept's manager refused" 3 a audit improve 5 --title T --owner matsumoto --due 2026-07-01 --as yamamoto
run "improve owner outside the dept" 2 a audit improve 5 --title T --owner tanaka --due 2026-07-01 --as sasaki
run "improve conforming" 2 a audit improve 6 --title T --owner matsumoto --due 2026-07-01 --as sasaki
run "improve" 0 a --lang en audit improve 5 --title "個人アカウント化" --owner matsumoto --due 2026-07-01 --as sasaki &&
  contains "is an action" "$out" "improvement plan is action"
action=$(sed -n 's/.*action \([0-9]*\).*/\1/p' <<<"$out")
run "close before verification refused" 3 a audit close $id --as takahashi && contains "not yet verified" "$err" "not yet verified"
run "confirm with nothing done" 3 a audit confirm 5 --as hayashi
run "owner completes" 0 a action done "$action" --result "12 件発行" --as matsumoto
run "confirm by the audited manager refused" 3 a audit confirm 5 --as sasaki
run "confirm" 0 a audit confirm 5 --as shimizu
run "action verified by the auditor" 0 a action list --status verified && contains "verified by shimizu" "$out" "shimizu"
run "close by the auditor refused" 3 a audit close $id --as hayashi
run "close" 0 a audit close $id --as takahashi
run "show closed" 0 a --lang en audit show $id && contains "status closed" "$out" "Status: closed"

# the audit trail, beside the audits
run "usage describes the trail" 2 a --lang en audit && {
  contains "verify" "$err" "airguard audit verify"
  contains "log" "$err" "airguard audit log [--entity TABLE] [--limit N]"
}
run "unknown subcommand" 2 a audit frobnicate
run "show unknown" 2 a audit show 99
run "trail intact" 0 a --lang en audit verify && contains "intact" "$out" "intact"
run "trail has the close" 0 a audit log --entity audits && contains "close recorded" "$out" "close"
finish

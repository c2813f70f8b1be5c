#!/usr/bin/env bash
# Integration test: `airguard incident …` end to end against a real store (guideline 3.1.2.4(2),
# 3.1.4.1(3), 3.2.2.2(2), 3.2.3, 3.1.2.6(7)): every step, every refusal (exit 3) and bad input
# (exit 2), the report to MLIT as text and JSON, and the form kept as data.
. "$(dirname "$0")/lib.sh"
ag="$AG_BIN"
export AIRGUARD_NOW=2026-06-01T12:00:00Z
db="$tmp/i.db"
a() { "$ag" --db "$db" "$@"; }

run "init demo" 0 a db init --demo
run "demo list" 0 a --lang en incident list && {
  contains "demo: the closed BHS outage" "$out" "BHS"
  contains "demo: one closed" "$out" "closed"
  contains "demo: one open" "$out" "open"
}
run "demo report of the closed one" 0 a --lang ja incident report 1 && {
  contains "demo report: final" "$out" "確報"
  contains "demo report: flights" "$out" "遅延 14 便、欠航 2 便"
  lacks "demo report: nothing missing" "$out" "未記入・必須"
}

# open: bad input
run "open without title" 2 a incident open --as nakamura && contains "names the field" "$err" "title"
run "open bad time" 2 a incident open --title x --detected "2026-13-01T08:00" --as nakamura &&
  contains "names the value" "$err" '2026-13-01T08:00'
run "open future" 2 a incident open --title x --detected "2026-06-02T08:00Z" --as nakamura
run "open bad severity" 2 a incident open --title x --severity urgent --as nakamura &&
  contains "lists the allowed" "$err" "low, medium, high, critical"
run "open without --as" 2 a incident open --title x && contains "asks for --as" "$err" "--as"
run "open unknown person" 2 a incident open --title x --as nobody
run "open" 0 a --lang en incident open --title "BHS PLC network down" --description "sorting stopped" \
  --severity high --occurred 2026-05-30T07:58+09:00 --detected 2026-05-30T08:05+09:00 \
  --detection "SCADA alarm" --dept fac --site NWX-T1 --as nakamura &&
  contains "open prints the id" "$out" "opened incident 3"
id=3

# timeline
run "log reported without --to" 2 a incident log $id --kind reported --text x --as nakamura &&
  contains "reporting chain" "$err" "3.1.2.4(2)"
run "log unknown kind" 2 a incident log $id --kind rumour --text x --as nakamura
run "log before detection" 2 a incident log $id --kind note --at 2026-05-30T07:00+09:00 --text x --as nakamura
run "log reported" 0 a incident log $id --kind reported --to yamamoto --at 2026-05-30T08:10+09:00 --text "施設部長へ報告" --as nakamura
run "log escalated" 0 a incident log $id --kind escalated --to takahashi --at 2026-05-30T08:20+09:00 --text "CISO へ" --as yamamoto
run "log measure" 0 a incident log $id --kind emergency-measure --at 2026-05-30T08:15+09:00 --text "手仕分けに切替" --as nakamura

# affected system
run "system unknown" 2 a incident system $id NOPE --as nakamura
run "system bad count" 2 a incident system $id BHS --delayed -3 --as nakamura && contains "count field" "$err" "--delayed"
run "system end before start" 2 a incident system $id BHS --outage-start 2026-05-30T08:00+09:00 --outage-end 2026-05-30T07:00+09:00 --as nakamura
run "system by a handler of another dept refused" 3 a incident system $id BHS --delayed 1 --as kimura
run "system" 0 a incident system $id BHS --impact "仕分け停止" --fallback "手仕分け" \
  --outage-start 2026-05-30T08:00+09:00 --outage-end 2026-05-30T11:30+09:00 --delayed 9 --cancelled 1 --passengers 1500 --as nakamura
run "system update keeps counts" 0 a incident system $id BHS --impact "仕分け停止（全系統）" --as nakamura
run "show systems" 0 a --lang en incident show $id && {
  contains "outage minutes" "$out" "210"
  contains "update kept the count" "$out" "1500"
  contains "closure conditions listed" "$out" "Before it can be closed"
}

# the report: required fields missing, sending refused
run "report text" 0 a --lang ja incident report $id && {
  contains "report heading" "$out" "国土交通省への情報連絡"
  contains "missing marked" "$out" "（未記入・必須）"
  contains "local time" "$out" "2026-05-30 08:05 JST"
}
run "report sent refused (cause class missing)" 3 a incident report $id --sent --as takahashi &&
  contains "names the missing field" "$err" "cause_class"

# cause
run "cause bad class" 2 a incident cause $id --class sabotage --as yamamoto && contains "allowed classes" "$err" "intentional, accidental, environmental"
run "cause by a handler refused" 3 a incident cause $id --class accidental --as kimura
run "cause" 0 a incident cause $id --class accidental --detail "スイッチ故障" --root-cause "冗長設定の不備" --as yamamoto

run "report sent by non-CISO refused" 3 a incident report $id --sent --as yamamoto
run "report sent" 0 a incident report $id --sent --at 2026-05-30T09:30+09:00 --as takahashi
run "report json" 0 a --lang en incident report $id --json && {
  node -e '
    const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const bad = [];
    if (r.form !== "mlit-information-liaison") bad.push("form");
    const f = Object.fromEntries(r.fields.map(x => [x.key, x]));
    for (const k of ["cause_class", "flights", "systems", "measures", "detected_at"]) if (!f[k] || !f[k].value) bad.push(k);
    if (!/9 delayed, 1 cancelled/.test(f.flights.value)) bad.push("flights " + f.flights.value);
    if (r.missing.length) bad.push("missing " + r.missing);
    if (bad.length) { console.error(bad.join("\n")); process.exit(1); }
  ' <<<"$out" 2>"$tmp/e" && ok "report json has the fields" || not_ok "report json" "$(cat "$tmp/e")"
}

# closure: refusals first
run "close not recovered" 3 a incident close $id --as takahashi && contains "says why" "$err" "not recovered"
run "log recovered" 0 a incident log $id --kind recovered --at 2026-05-30T11:30+09:00 --text "復旧" --as nakamura
run "close without prevention" 3 a incident close $id --as takahashi && contains "prevention reason" "$err" "recurrence-prevention"
run "prevent by non-CISO refused" 3 a incident prevent $id --title "切替試験" --owner nakamura --due 2026-08-01 --as yamamoto
run "prevent bad due" 2 a incident prevent $id --title "切替試験" --owner nakamura --due 2026-02-30 --as takahashi
run "prevent" 0 a incident prevent $id --title "切替試験を四半期ごとに" --owner nakamura --due 2026-08-01 --items '3.1.2.4(2)' --as takahashi &&
  contains "prevent is an action" "$out" "是正処置"
run "action list has origin incident" 0 a action list && contains "origin incident" "$out" "incident"
run "close by the manager refused" 3 a incident close $id --as yamamoto && contains "separation of duties" "$err" "3.1.4.1(2)"
run "refusal in the audit trail" 0 a audit log --entity duty && contains "refused recorded" "$out" "refused"
run "close" 0 a incident close $id --note "確認" --as takahashi
run "closed takes no more" 3 a incident log $id --kind note --text x --as nakamura
run "close twice" 3 a incident close $id --as takahashi
run "list closed" 0 a incident list --status closed --json && contains "json list" "$out" "\"status\": \"closed\""

# the CISO reported it: the CISO may not close it
run "open by CISO" 0 a incident open --title "CISO saw it" --detected 2026-05-31T10:00Z --as takahashi
run "close own report refused" 3 a incident close 4 --as takahashi && contains "own" "$err" "their own"

# personal data leak (3.1.2.6(7))
run "leak step without record" 2 a incident leak 4 --step published --date 2026-05-31 --as takahashi
run "leak" 0 a incident leak 4 --data "氏名・電話番号" --subjects 12 --as watanabe
run "leak twice" 2 a incident leak 4 --data x --as watanabe
run "leak by handler refused" 3 a incident leak 4 --step source-identified --date 2026-05-31 --as kimura
run "leak stopped before source refused" 3 a incident leak 4 --step leak-stopped --date 2026-05-31 --as watanabe
run "leak bad step" 2 a incident leak 4 --step shrug --date 2026-05-31 --as watanabe
run "leak bad date" 2 a incident leak 4 --step source-identified --date 2026-05-31x --as watanabe
run "leak no-publication without reason" 2 a incident leak 4 --step no-publication --as watanabe
run "leak source" 0 a incident leak 4 --step source-identified --date 2026-05-31 --note "誤送信" --as watanabe
run "leak stopped" 0 a incident leak 4 --step leak-stopped --date 2026-05-31 --as watanabe
run "leak in report" 0 a --lang en incident report 4 && {
  contains "leak summary" "$out" "12 data subjects"
  contains "leak step dates" "$out" "leak source identified: 2026-05-31"
}

# the form as data
run "form list" 0 a incident form list && contains "form has the cause class" "$out" "cause_class"
run "form sources" 0 a incident form sources && contains "sources" "$out" "impact.flights"
run "form set bad source" 2 a incident form set extra --label-ja 追加 --label-en Extra --source "x;DROP" && contains "source named" "$err" "source"
run "form set new without labels" 2 a incident form set extra --source incident.id
run "form add" 0 a incident form set severity --label-ja 重大度 --label-en Severity --source incident.severity --order 1 --required 1
run "form relabel" 0 a incident form set title --label-en "Subject of the report"
run "form remove" 0 a incident form remove crime_report
run "form remove unknown" 2 a incident form remove crime_report
run "report follows the form" 0 a --lang en incident report 3 && {
  contains "new field" "$out" "Severity: high"
  contains "relabelled" "$out" "Subject of the report: BHS PLC network down"
  lacks "removed field" "$out" "incident-handling ministries"
  equals "new field first" "$(sed -n 3p <<<"$out")" "Severity: high"
}

# usage and unknown
run "usage" 2 a incident && contains "usage text" "$err" "incident open"
run "unknown sub" 2 a incident frobnicate 1
run "show unknown" 2 a incident show 99
run "bad id" 2 a incident show abc
run "audit trail intact" 0 a --lang en audit verify && contains "intact" "$out" "intact"
finish

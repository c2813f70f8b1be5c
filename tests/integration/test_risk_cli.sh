#!/usr/bin/env bash
# Integration test: the risk register (3.1.2.1) end to end with the real binary and store —
# criteria, identification, analysis and evaluation against the threshold, treatment with a
# corrective action, CISO acceptance and its separation of duties, review, lists and matrix.
. "$(dirname "$0")/lib.sh"
ag() { "$AG_BIN" --db "$tmp/r.db" "$@"; }
export AIRGUARD_NOW=2027-04-02

run "init demo" 0 ag db init --demo
run "demo list" 0 ag --lang en risk list && {
  contains "demo: ransomware on BHS" "$out" "BHS 制御ネットワークのランサムウェア感染"
  contains "demo: one awaiting decision" "$out" "needs_decision"
  contains "demo: retained risk accepted" "$out" "accepted"
}
run "criteria show" 0 ag --lang en risk criteria && {
  contains "criteria: threshold marked" "$out" "<- threshold"
  contains "criteria: likelihood labels" "$out" "almost certain"
}
run "criteria show ja" 0 ag --lang ja risk criteria && contains "criteria ja" "$out" "基準値"

# identification, analysis and evaluation (②③④)
run "add" 0 ag risk add --title "FIDS DDoS" --threat "L7 flood on the FIDS web feed" --owner sasaki \
  --system FIDS --assets FIDS-SRV1 --measures '3.1.5.1(2)(b)' --service "flight information" --as yamaguchi &&
  id=$(grep -o '[0-9]\+' <<<"$out" | head -1)
run "add: unknown asset" 2 ag risk add --title t --threat t --owner sasaki --assets NOPE && contains "asset named" "$err" "NOPE"
run "add: unknown item" 2 ag risk add --title t --threat t --owner sasaki --measures 9.9.9 && contains "item named" "$err" "9.9.9"
run "add: missing threat" 2 ag risk add --title t --owner sasaki && contains "threat named" "$err" "threat"
run "assess: bad impact" 2 ag risk assess "$id" --impact 7 --likelihood 2 --analysis x --as sasaki &&
  contains "impact range named" "$err" "1 to 5"
run "assess: needs actor" 2 ag risk assess "$id" --impact 4 --likelihood 4 --analysis x
run "assess" 0 ag --lang en risk assess "$id" --impact 4 --likelihood 4 --analysis "seen at peer airports" --as sasaki && {
  contains "assess: needs decision" "$out" "needs a treatment decision"
  contains "assess: decision due date" "$out" "2027-05-02"
}
run "review refused without decision" 3 ag risk review "$id" --note "checked" --as sasaki &&
  contains "review refusal says why" "$err" "treatment decision"
run "needs-decision list" 0 ag risk list --needs-decision --json &&
  contains "listed as needing a decision" "$out" "\"id\": $id"

# treatment: only the owner or a CISO decides; reduce creates a corrective action
run "treat by outsider" 3 ag risk treat "$id" --option 低減 --plan "CDN" --due 2027-06-30 --as kimura &&
  contains "treat refusal names 3.1.4.1(2)" "$err" "3.1.4.1(2)"
run "treat: bad option" 2 ag risk treat "$id" --option ignore --plan x --due 2027-06-30 --as sasaki &&
  contains "options listed" "$err" "retain"
run "treat: residual half" 2 ag risk treat "$id" --option reduce --plan x --due 2027-06-30 --residual-impact 2 --as sasaki
run "treat reduce" 0 ag --lang en risk treat "$id" --option reduce --plan "CDN and rate limits" --owner yamaguchi \
  --due 2027-06-30 --items '3.1.5.1(2)(b)' --residual-impact 4 --residual-likelihood 1 --as sasaki && {
  contains "action created" "$out" "corrective action"
  contains "treated" "$out" "treatment decided"
}
run "action list has the plan" 0 ag action list --owner yamaguchi --json && contains "action origin risk" "$out" '"origin": "risk"'

# retain above the threshold: CISO acceptance, not the owner, not the decider
run "add 2" 0 ag risk add --title "Legacy PLC firmware" --threat "exploit" --owner yamamoto --system BHS --hse --as nakamura &&
  id2=$(grep -o '[0-9]\+' <<<"$out" | head -1)
run "assess 2" 0 ag risk assess "$id2" --impact 5 --likelihood 3 --analysis "no patch" --as yamamoto
run "treat 2 retain" 0 ag --lang en risk treat "$id2" --option 保有 --plan "keep until 2028 renewal" --as yamamoto &&
  contains "awaiting acceptance" "$out" "awaiting acceptance"
run "accept by owner" 3 ag risk accept "$id2" --note ok --as yamamoto && contains "owner refused" "$err" "3.1.4.1(2)"
run "accept by non-ciso" 3 ag risk accept "$id2" --note ok --as suzuki && contains "non-ciso refused" "$err" "ciso"
run "accept: note required" 2 ag risk accept "$id2" --as takahashi
run "accept by ciso" 0 ag --lang en risk accept "$id2" --note "budgeted renewal" --as takahashi && contains "accepted" "$out" "retained (accepted)"
run "accept twice" 3 ag risk accept "$id2" --note again --as takahashi
run "audit has approve" 0 ag audit log --json && contains "approval in audit trail" "$out" '"action": "approve"'

# review: re-analysis and next date; review-due list
run "review" 0 ag risk review "$id2" --likelihood 2 --note "network isolated" --next 2027-05-01 --as yamamoto
run "review: date in the past" 2 ag risk review "$id2" --note x --next 2027-01-01 --as yamamoto
run "due-review within 30" 0 ag risk list --due-review --within 30 --json && {
  contains "review due listed" "$out" "\"id\": $id2"
  lacks "not-due risk absent" "$out" "\"id\": $id,"
}
run "show" 0 ag --lang en risk show "$id2" && {
  contains "show history" "$out" "History:"
  contains "show accepted by" "$out" "takahashi"
  contains "show HSE" "$out" "HSE"
}
run "show missing" 2 ag risk show 999
run "show bad id" 2 ag risk show abc

# criteria: only the CISO; changes re-evaluate every risk
run "criteria by non-ciso" 3 ag risk criteria set --threshold 2 --as suzuki
run "criteria threshold 2" 0 ag risk criteria set --threshold 2 --as takahashi
run "re-evaluated" 0 ag --lang en risk list --status awaiting_acceptance --json &&
  contains "retained medium FIDS risk now needs the CISO's acceptance" "$out" "FIDS 配信サーバの障害"
run "criteria bad threshold" 2 ag risk criteria set --threshold 9 --as takahashi
run "criteria non-monotone cell" 2 ag risk criteria cell 5 5 1 --as takahashi && contains "monotony explained" "$err" "may not fall"
run "criteria relabel" 0 ag risk criteria level 4 --label-ja 重大 --label-en severe --as takahashi
run "criteria add scale value" 0 ag risk criteria scale likelihood 6 --label-ja 常時 --label-en constant --as takahashi
run "matrix" 0 ag --lang en risk matrix && { contains "matrix header" "$out" "L6"; contains "matrix level" "$out" "severe"; }
run "matrix residual json" 0 ag risk matrix --residual --json && contains "matrix json counts" "$out" '"risk_count"'
run "list bad status" 2 ag risk list --status nope && contains "statuses listed" "$err" "needs_decision"
run "usage" 2 ag risk && contains "usage text" "$err" "airguard risk"
# --json gives stable ids whatever the language (regression: it carried Japanese labels)
run "json list in ja" 0 ag --lang ja risk list --json &&
  node -e 'const a = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const ids = ["identified", "below_threshold", "needs_decision", "awaiting_acceptance", "accepted", "treated", "closed"];
    if (!a.length || a.some((r) => !ids.includes(r.status))) process.exit(1);' <<<"$out" &&
  ok "JSON statuses are ids in --lang ja" || not_ok "JSON statuses are ids in --lang ja" "$out"

finish

#!/usr/bin/env bash
# Integration test: exceptions (例外措置, 3.1.2.3(2)②) end to end with the real binary and
# store — CISO designation, a request with every listed item, decisions by a designated
# reviewer other than the applicant, automatic expiry against AIRGUARD_NOW, the end report.
. "$(dirname "$0")/lib.sh"
ag() { "$AG_BIN" --db "$tmp/e.db" "$@"; }
export AIRGUARD_NOW=2027-04-02

run "init demo" 0 ag db init --demo
run "demo: expiring within 30 days" 0 ag --lang en exception list --expiring 30 && {
  contains "demo exception about to expire" "$out" "サポートが終了したソフトウェア"
  contains "days left shown" "$out" "7"
}
run "demo reviewers" 0 ag exception reviewers && { contains "suzuki designated" "$out" "suzuki"; contains "procedure shown" "$out" "180"; }

# designation: the CISO only
run "designate by non-ciso" 3 ag exception designate ito --as suzuki && contains "designation refusal" "$err" "ciso"
run "designate ito for fac" 0 ag exception designate ito --dept fac --as takahashi
run "designate twice" 2 ag exception designate ito --dept fac --as takahashi
run "procedure by non-ciso" 3 ag exception procedure --max-days 90 --as suzuki

req=(--regulation "情報セキュリティ対策基準" --clause "第9条" --start 2027-04-10 --end 2027-05-10
  --measures "代替: 手動監視" --impact "ログ監視が止まる" --handling "巡回で補う"
  --end-report "施設部長へメール" --reason "更新工事")
# every listed item is required; each missing one is named
for opt in --regulation --clause --measures --impact --handling --end-report --reason --start --end; do
  args=()
  skip=0
  for a in "${req[@]}"; do
    if ((skip)); then skip=0; continue; fi
    if [[ $a == "$opt" ]]; then skip=1; continue; fi
    args+=("$a")
  done
  name=${opt#--}
  run "request without $opt" 2 ag exception request "${args[@]}" --as nakamura && contains "missing $name named" "$err" "$name"
done
run "request: period too long" 2 ag exception request "${req[@]/2027-05-10/2028-05-10}" --as nakamura && contains "max days named" "$err" "180"
run "request: end before start" 2 ag exception request "${req[@]/2027-05-10/2027-04-01}" --as nakamura
run "request: unknown item" 2 ag exception request "${req[@]}" --item 9.9.9 --as nakamura
run "request: needs actor" 2 ag exception request "${req[@]}"
run "request" 0 ag exception request "${req[@]}" --system BHS --item '3.1.5.1(1)(f)' --as nakamura &&
  id=$(grep -o '[0-9]\+' <<<"$out" | head -1)
run "show request" 0 ag --lang en exception show "$id" && {
  contains "applicant name" "$out" "中村 陽介"
  contains "applicant department" "$out" "施設部"
  contains "contact" "$out" "nakamura@nwx-airport.example"
  contains "end report method" "$out" "施設部長へメール"
}

# decision: designated reviewer, never the applicant
run "decide by applicant" 3 ag exception approve "$id" --record ok --as nakamura && contains "applicant refused" "$err" "own"
run "decide by undesignated" 3 ag exception approve "$id" --record ok --as sasaki && contains "undesignated refused" "$err" "designate"
run "decide by reviewer of another dept" 3 ag exception approve "$id" --record ok --as kato
run "decide without record" 2 ag exception approve "$id" --as suzuki && contains "record named" "$err" "record"
run "approve" 0 ag exception approve "$id" --record "代替手段で十分" --conditions "週次報告" --as suzuki
run "approve twice" 3 ag exception reject "$id" --record no --as suzuki
run "status approved before start" 0 ag --lang en exception show "$id" && contains "approved" "$out" "approved"
run "audit: approve recorded" 0 ag audit log --json && contains "approve in audit" "$out" '"action": "approve"'

# automatic expiry: computed on read, stored by expire with an audit row
export AIRGUARD_NOW=2027-04-15
run "active on start" 0 ag --lang en exception show "$id" && contains "active" "$out" "active"
export AIRGUARD_NOW=2027-05-11
run "expired after end (computed)" 0 ag --lang en exception list --status expired --json && contains "expired listed" "$out" "\"id\": $id"
run "expire" 0 ag --lang en exception expire && contains "expire count (the demo one and this one)" "$out" "2 exception(s) changed"
run "audit: expire recorded" 0 ag audit log --json && contains "expire in audit" "$out" '"action": "expire"'
run "end by other" 3 ag exception end "$id" --report done --as suzuki
run "end without report" 2 ag exception end "$id" --as nakamura
run "end" 0 ag exception end "$id" --report "工事完了、監視を復旧" --as nakamura
run "ended" 0 ag --lang en exception show "$id" && contains "ended" "$out" "工事完了"
run "end twice" 3 ag exception end "$id" --report again --as nakamura

# withdraw and reject
run "request 2" 0 ag exception request "${req[@]/2027-04-10/2027-05-12}" --end 2027-06-01 --as yamaguchi && id2=$(grep -o '[0-9]\+' <<<"$out" | head -1)
run "withdraw by other" 3 ag exception withdraw "$id2" --as suzuki
run "reject" 0 ag exception reject "$id2" --record "代替手段が不十分" --as suzuki
run "list bad status" 2 ag exception list --status nope
run "show missing" 2 ag exception show 999
run "usage" 2 ag exception && contains "usage text" "$err" "airguard exception"
finish

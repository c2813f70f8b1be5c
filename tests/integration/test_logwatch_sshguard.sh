#!/usr/bin/env bash
# logwatch against sshguard's own parser test corpus (../shared/testdata/peer/sshguard, written by
# the sshguard project, not by us): every line sshguard must recognise as an attack (marked M) must
# be a hostile event from the same source address in `airguard logwatch parse --json`, and every
# line it must NOT flag ("*") must not be hostile — for every service in the corpus (sshd,
# dropbear, mail, FTP, Cockpit, OpenVPN, web servers, pfSense, Gitea, BIND, SQL Server, MySQL,
# Proxmox). The disagreements we accept are listed in `accepted` below with the reason; each is
# checked to be still a disagreement, so the list cannot go stale.
source "$(dirname "$0")/lib.sh"
corpus="$AG_SHARED_DIR/testdata/peer/sshguard/parser-tests.txt"
[[ -f $corpus ]] || { echo "not ok - the sshguard corpus is at $corpus"; exit 1; }
command -v jq >/dev/null || { echo "not ok - jq is installed"; exit 1; }

# (message, expected, mark) triples, skipping comments and blank lines; section = service family
awk '/^#### /{sec=$2} /^#/ || !NF {next} {print sec "\t" $0}' "$corpus" |
  awk -F'\t' '{k=(NR-1)%3; if(k==0){s=$1; m=$2} else if(k==1){e=$2} else {print s "\t" e "\t" $2 "\t" m}}' \
  >"$tmp/triples"
cut -f4 "$tmp/triples" >"$tmp/messages"
"$AG_BIN" --lang en logwatch parse --json --year 2024 "$tmp/messages" >"$tmp/events" 2>"$tmp/stats"
# line number -> "hostile src_ip"
jq -r '"\(.line)\t\(.hostile)\t\(.src_ip // "")"' "$tmp/events" >"$tmp/got"

# accepted disagreements: a text the line contains, and why
declare -A accepted=(
  ['Attack from "']="sshguard's own attack reports: airguard does not re-read another blocker's output"
  ['Blocking "']="sshguard's own block notices (as above)"
  ['authentication failure XYZ']="a placeholder line of sshguard's tests; the program and real form are not named"
  ['action=greylist']="postgrey greylisting a sender is normal mail flow, not a sign of attack"
  ['port-share-redirect']="an OpenVPN client instance ending after port sharing; not a sign of attack by itself"
)
compared=0 agreed=0 accepted_n=0
n=0
while IFS=$'\t' read -r sec expected mark msg; do
  n=$((n + 1))
  got=$(awk -F'\t' -v n="$n" '$1 == n {print $2 "\t" $3}' "$tmp/got")
  hostile=${got%%$'\t'*}
  addr=${got#*$'\t'}
  [[ -z $got ]] && hostile=false addr=
  if [[ $expected == '*' ]]; then
    want_hostile=false want=
  elif [[ $mark == M ]]; then
    want_hostile=true want=$(awk '{print $2}' <<<"$expected")
  else
    continue # X: sshguard's own known failures
  fi
  compared=$((compared + 1))
  agree=false
  [[ $hostile == "$want_hostile" && ($want_hostile == false || $addr == "$want") ]] && agree=true
  reason=
  for k in "${!accepted[@]}"; do [[ $msg == *"$k"* ]] && reason=${accepted[$k]}; done
  if [[ -n $reason ]]; then
    accepted_n=$((accepted_n + 1))
    if $agree; then not_ok "line $n agrees now: remove it from the accepted list" "$msg"; fi
    echo "# accepted: line $n: $reason"
  elif $agree; then
    agreed=$((agreed + 1))
  else
    not_ok "line $n ($sec): sshguard says ${want:-no attack}, logwatch says hostile=$hostile src=$addr" "$msg"
  fi
done <"$tmp/triples"
echo "# lines compared: $compared, agreed: $agreed, accepted disagreements: $accepted_n"
((compared >= 200)) && ok "at least 200 lines compared ($compared)" || not_ok "compared only $compared"
equals "every line agrees with sshguard or is an accepted disagreement" "$((agreed + accepted_n))" "$compared"
((accepted_n <= 10)) && ok "at most 10 accepted disagreements ($accepted_n)" || not_ok "$accepted_n accepted"
contains "the summary counts the lines" "$(cat "$tmp/stats")" "$n lines"
# --hostile prints the signs of attack only: as many lines as the summary counts, each marked
"$AG_BIN" --lang en logwatch parse --hostile --year 2024 "$tmp/messages" >"$tmp/hostile" 2>"$tmp/stats2"
want=$(sed -n 's/.*decoded, \([0-9]*\) signs of attack.*/\1/p' "$tmp/stats2")
equals "--hostile: one line per sign of attack" "$(wc -l <"$tmp/hostile")" "$want"
equals "--hostile: every line is hostile" "$(grep -vc 'hostile$' "$tmp/hostile")" 0
finish

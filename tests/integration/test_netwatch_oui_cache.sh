#!/usr/bin/env bash
# The IEEE registry cache of netwatch (src/netwatch/oui.c nw_oui_load_cached): `netwatch inventory
# --json` prints the same vendors cold (the CSVs read, oui-<key>.bin stored in
# $XDG_CACHE_HOME/airguard, made private), warm (the file read), off (AIRGUARD_NO_CACHE=1),
# without HOME or XDG_CACHE_HOME, and after the file is damaged (not used, rewritten);
# AIRGUARD_DEBUG=cache says which, in English and Japanese.
source "$(dirname "$0")/lib.sh"
: "${AG_GEN_BHSPCAP:?AG_GEN_BHSPCAP must point to gen_bhspcap}"
export XDG_CACHE_HOME="$tmp/xdg" AIRGUARD_DEBUG=cache
unset AIRGUARD_NO_CACHE
"$AG_GEN_BHSPCAP" -o "$tmp/small.pcap" --small --packets 10000 2>/dev/null || not_ok "gen_bhspcap"
[[ -s $tmp/small.pcap ]] || { not_ok "no capture"; finish; exit 1; }
inv() { "$AG_BIN" --lang en netwatch inventory -r "$tmp/small.pcap" --json; }

run "cold" 0 inv && ok "cold"
cold=$out
contains "cold: the CSV files read, the file stored" "$err" "CSV files read, oui-"
n=$(printf '%s' "$cold" | grep -c '"vendor"')
[[ $n -ge 1 ]] && ok "the inventory names $n vendors" || not_ok "no vendor in the inventory" "$cold"
files=("$XDG_CACHE_HOME"/airguard/oui-*.bin)
equals "one cache file" "${#files[@]}" "1"
[[ ${files[0]} =~ /oui-[0-9a-f]{64}\.bin$ ]] && ok "named oui-<sha256>.bin" || not_ok "name ${files[0]}"
equals "the folder is private" "$(stat -c %a "$XDG_CACHE_HOME/airguard")" "700"
mode=$(stat -c %a "${files[0]}")
[[ $mode == 600 || $mode == 644 || $mode == 640 ]] && ok "the file is not writable by others ($mode)" ||
  not_ok "file mode $mode"

run "warm" 0 inv && ok "warm"
contains "warm: the file read" "$err" ".bin loaded"
equals "warm: the same inventory" "$out" "$cold"

run "AIRGUARD_NO_CACHE=1" 0 env AIRGUARD_NO_CACHE=1 "$AG_BIN" --lang en netwatch inventory -r "$tmp/small.pcap" --json
contains "off: said" "$err" "IEEE registry cache: off"
equals "off: the same inventory" "$out" "$cold"

run "no HOME, no XDG_CACHE_HOME" 0 env -u HOME -u XDG_CACHE_HOME "$AG_BIN" --lang en netwatch inventory -r "$tmp/small.pcap" --json
equals "no folder: the same inventory" "$out" "$cold"

printf 'AGOUI\0\0\1garbage' >"${files[0]}"
run "damaged file" 0 inv && ok "damaged file: no error"
contains "damaged file: not used" "$err" "not used"
contains "damaged file: rewritten" "$err" "stored"
equals "damaged file: the same inventory" "$out" "$cold"
run "after the rewrite" 0 inv
contains "after the rewrite: read" "$err" ".bin loaded"
equals "after the rewrite: the same inventory" "$out" "$cold"

run "Japanese note" 0 "$AG_BIN" --lang ja netwatch inventory -r "$tmp/small.pcap" --json
contains "Japanese note" "$err" "IEEE 登録簿キャッシュ"
finish

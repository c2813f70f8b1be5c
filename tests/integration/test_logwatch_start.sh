#!/usr/bin/env bash
# `airguard logwatch run` start-up (docs/logwatch.md "Start-up and the Vectorscan cache"): the
# default rules on tests/data/logwatch/attacks.log (web attacks of five classes: the Vectorscan
# database decides them) give byte-identical alerts and summary with a cold cache, a warm cache,
# the cache off (--no-cache, AIRGUARD_NO_CACHE), a corrupt cache file and a broken catalog ref
# map (catalog-refs-<sha256>.json, kept beside the database); the cache lives in
# --state DIR or $XDG_CACHE_HOME/airguard (made 0700), and a folder others can write is not used.
source "$(dirname "$0")/lib.sh"
log="$AG_SOURCE_DIR/tests/data/logwatch/attacks.log"
rules="$AG_SOURCE_DIR/rules"
export XDG_CACHE_HOME="$tmp/xdg" AIRGUARD_DEBUG=cache
unset AIRGUARD_NO_CACHE
lw() { "$AG_BIN" --lang en logwatch run --json --rules "$rules" "$@" "$log"; }
summary() { grep -v 'Vectorscan cache' <<<"$1"; } # the summary without the debug note

run "cold cache" 0 lw
cold_out=$out cold_err=$(summary "$err")
contains "cold: compiled and stored" "$err" "Vectorscan cache: 0 loaded, 1 compiled, 1 stored, 0 refused"
contains "the web attacks are found" "$out" '"category":"web_attack"'
equals "the cache folder is private" "$(stat -c %a "$XDG_CACHE_HOME/airguard")" 700
equals "one database file" "$(ls "$XDG_CACHE_HOME/airguard" | grep -c '^hs-[0-9a-f]\{64\}\.db$')" 1

run "warm cache" 0 lw
contains "warm: read from the file" "$err" "Vectorscan cache: 1 loaded, 0 compiled, 0 stored, 0 refused"
equals "warm: the same alerts, byte for byte" "$out" "$cold_out"
equals "warm: the same summary" "$(summary "$err")" "$cold_err"

refs=$(ls "$XDG_CACHE_HOME"/airguard/catalog-refs-*.json)
contains "the catalog's ref map is kept beside it" "$refs" "catalog-refs-"
printf '{"catalog":"%s","refs":{"3.1.5.1(2)(e)":7}}' "$(basename "$refs" .json | cut -c14-)" >"$refs"
run "a broken ref map" 0 lw
equals "broken ref map: the catalog is read instead, the same alerts" "$out" "$cold_out"
run "the ref map, rewritten" 0 lw
equals "rewritten ref map: the same alerts" "$out" "$cold_out"
lacks "rewritten ref map: well-formed again" "$(cat "$refs")" '":7}'

run "--no-cache" 0 lw --no-cache
contains "--no-cache: nothing read or written" "$err" "Vectorscan cache: 0 loaded, 0 compiled, 0 stored, 0 refused"
equals "--no-cache: the same alerts" "$out" "$cold_out"
equals "--no-cache: the same summary" "$(summary "$err")" "$cold_err"
run "AIRGUARD_NO_CACHE=1" 0 env AIRGUARD_NO_CACHE=1 "$AG_BIN" --lang en logwatch run --json --rules "$rules" "$log"
contains "AIRGUARD_NO_CACHE: off" "$err" "0 loaded, 0 compiled, 0 stored"

f=$(ls "$XDG_CACHE_HOME"/airguard/hs-*.db)
head -c 100 "$f" >"$tmp/half" && cat "$tmp/half" >"$f"
run "truncated cache file" 0 lw
contains "truncated: refused, compiled, replaced" "$err" "0 loaded, 1 compiled, 1 stored, 1 refused"
equals "truncated: the same alerts" "$out" "$cold_out"
run "after the replacement" 0 lw
contains "the replaced file is used" "$err" "1 loaded, 0 compiled"

chmod 0777 "$XDG_CACHE_HOME/airguard"
run "a world-writable cache folder" 0 lw
contains "not read, not written" "$err" "0 loaded, 1 compiled, 0 stored"
equals "world-writable folder: the same alerts" "$out" "$cold_out"
chmod 0700 "$XDG_CACHE_HOME/airguard"

mkdir -m 0700 "$tmp/state"
run "--state DIR holds the cache" 0 lw --state "$tmp/state"
contains "state: compiled and stored" "$err" "0 loaded, 1 compiled, 1 stored"
equals "state: one database file there" "$(ls "$tmp/state" | grep -c '^hs-.*\.db$')" 1
mkdir -m 0700 "$tmp/state2" # a new state folder (the first keeps the read offsets) with the file
cp -p "$tmp"/state/hs-*.db "$tmp/state2/"
run "--state DIR, warm" 0 lw --state "$tmp/state2"
contains "state: read from the file" "$err" "1 loaded, 0 compiled"
equals "state: the same alerts" "$out" "$cold_out"

run "no HOME, no XDG_CACHE_HOME: compiled, no error" 0 env -u HOME -u XDG_CACHE_HOME AIRGUARD_DEBUG=cache "$AG_BIN" --lang en logwatch run --json --rules "$rules" "$log"
contains "no cache folder: compiled" "$err" "0 loaded, 0 compiled, 0 stored"
equals "no cache folder: the same alerts" "$out" "$cold_out"

run "logwatch test uses the cache too" 0 "$AG_BIN" --lang en logwatch test "$rules" "$log"
contains "test: read from the file" "$err" "1 loaded, 0 compiled"
finish

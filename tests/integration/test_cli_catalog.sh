#!/usr/bin/env bash
# Integration test: the real airguard binary and its built-in catalog, from the shell.
. "$(dirname "$0")/lib.sh"
ag="$AG_BIN"
data="${AG_TEST_DATA:-$AG_SOURCE_DIR/tests/data}"

# --version names the catalog by the SHA-256 of the file it was built from
run "version" 0 "$ag" --version &&
  contains "version names the catalog hash" "$out" "sha256:$(sha256sum "$AG_SOURCE_DIR/catalog/mlit-airport-2.json" | cut -d' ' -f1)"

# stats --json: every kind the catalog must have, counted
run "stats json" 0 "$ag" catalog stats --json &&
  node -e '
    const s = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const k = s.by_kind, want = {measure: 200, example: 300, section: 100, guidance: 10, purpose: 60,
      definition: 6, role: 6, scheme: 4, system: 3, challenge: 1, term: 20, reference: 50, chapter: 5};
    const bad = Object.entries(want).filter(([n, min]) => !(k[n] >= min)).map(([n, min]) => `${n}=${k[n]} (< ${min})`);
    if (!/^[0-9a-f]{64}$/.test(s.sha256)) bad.push("sha256");
    for (const p of ["plan", "do", "check", "act"]) if (!(s.by_phase[p] > 0)) bad.push("phase " + p);
    for (const r of ["executive", "ciso", "committee", "manager", "sysadmin", "handler"])
      if (!(s.by_role[r] > 0)) bad.push("role " + r);
    const total = Object.values(s.by_phase).reduce((a, b) => a + b, 0);
    if (total !== k.measure) bad.push(`phases cover ${total} of ${k.measure} measures`);
    if (bad.length) { console.error(bad.join("\n")); process.exit(1); }
  ' <<<"$out" 2>"$tmp/e" && ok "stats json has every kind, phase and role" || not_ok "stats json" "$(cat "$tmp/e")"

run "stats text" 0 "$ag" --lang en catalog stats && contains "stats text in English" "$out" "Measures by PDCA phase:"
run "stats text ja" 0 "$ag" --lang ja catalog stats && contains "stats text in Japanese" "$out" "PDCA フェーズ別の対策項目"

# show 3.1.5.1(2)(e): the password-list-attack section, its measures and all four examples
run "show ja" 0 "$ag" --lang ja catalog show '3.1.5.1(2)(e)' && {
  contains "show ja title" "$out" "パスワードリスト攻撃対策"
  equals "show ja four examples" "$(grep -c '\[具体例\]' <<<"$out")" 4
  contains "show ja measures" "$out" "[対策項目]"
}
run "show en" 0 "$ag" catalog show '3.1.5.1(2)(e)' --lang en && {
  contains "show en title" "$(tr 'A-Z' 'a-z' <<<"$out")" "password list attack"
  equals "show en four examples" "$(grep -c '\[example\]' <<<"$out")" 4
  lacks "show en has no Japanese measure text" "$(grep -A1 '\[measure\]' <<<"$out")" "こと。"
}
run "show by id, full-width ref" 0 "$ag" catalog show '3.1.5.1（2）（e）' && contains "full-width ref" "$out" "パスワードリスト攻撃対策"
run "show json" 0 "$ag" catalog show 3.1.5.1-2-e --json &&
  node -e 'const n=JSON.parse(require("fs").readFileSync(0,"utf8")); const c=JSON.stringify(n); if(n.id!=="3.1.5.1-2-e"||!n.children.length||(c.match(/"kind":"example"/g)||[]).length!==4) process.exit(1)' <<<"$out" &&
  ok "show json tree" || not_ok "show json tree"
run "show unknown" 2 "$ag" catalog show 9.9.9 && contains "unknown ref named" "$err" "9.9.9"

# search, both languages
run "search ja" 0 "$ag" catalog search パスワードリスト && contains "search ja finds 3.1.5.1(2)(e)" "$out" "3.1.5.1(2)(e)"
run "search en" 0 "$ag" --lang en catalog search "password list" && contains "search en finds 3.1.5.1(2)(e)" "$out" "3.1.5.1(2)(e)"
run "search none" 1 "$ag" catalog search zzzznotthere && contains "search none says 0" "$out" "0"

# tree
run "tree" 0 "$ag" catalog tree --depth 1 && {
  contains "tree has chapter 3" "$out" "3.1"
  lacks "tree depth 1 stops" "$out" "3.1.2.1"
}
run "tree bad depth" 2 "$ag" catalog tree --depth x && contains "bad depth named" "$err" "--depth"

# export: CSV rows = nodes; output written whole or not at all
nodes=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).nodes.length)' "$AG_SOURCE_DIR/catalog/mlit-airport-2.json")
run "export csv" 0 "$ag" catalog export --format csv -o "$tmp/c.csv" &&
  equals "csv has a row per node" "$(grep -c $'\r$' "$tmp/c.csv")" "$((nodes + 1))"
run "export json" 0 "$ag" catalog export --format json -o "$tmp/c.json" &&
  run "exported json validates" 0 "$ag" catalog validate "$tmp/c.json" && ok "exported json re-validates"
run "export to missing folder" 1 "$ag" catalog export --format csv -o "$tmp/no/such/dir/c.csv" &&
  contains "export error names the path" "$err" "$tmp/no/such/dir/c.csv"
run "export bad format" 2 "$ag" catalog export --format xml && contains "bad format named" "$err" "xml"

# validate and --catalog
run "validate good" 0 "$ag" catalog validate "$data/mini-catalog.json" && contains "validate says valid" "$out" "mini"
sed 's/"parent": "3.1.5.1-2-e", "order": 3/"parent": "3.1.9", "order": 3/' "$data/mini-catalog.json" >"$tmp/bad.json"
run "validate bad parent" 2 "$ag" --lang en catalog validate "$tmp/bad.json" &&
  contains "message names file, path and problem" "$err" "bad.json: \$.nodes[2].parent: unknown id \"3.1.9\""
printf '{"format": "airguard-catalog/1", "nodes": [' >"$tmp/trunc.json"
run "validate truncated" 2 "$ag" catalog validate "$tmp/trunc.json" && contains "truncated names line" "$err" "line 1"
run "validate missing" 1 "$ag" catalog validate "$tmp/none.json" && contains "missing file named" "$err" "none.json"
run "other catalog" 0 "$ag" --catalog "$data/mini-catalog.json" catalog stats --json && contains "--catalog is used" "$out" '"id": "mini"'

# usage errors
run "unknown option" 2 "$ag" catalog stats --bogus && contains "unknown option named" "$err" "--bogus"
run "unknown command" 2 "$ag" frobnicate && contains "unknown command named" "$err" "frobnicate"
run "bad lang" 2 "$ag" --lang fr catalog stats && contains "bad lang named" "$err" "fr"
run "help" 0 "$ag" --lang en help catalog && contains "help catalog" "$out" "catalog export"

finish

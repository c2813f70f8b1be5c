#!/usr/bin/env bash
# Integration test: exports validate against the published JSON Schemas with ajv (a real
# validator), and the catalog against its own schema. A deliberately broken document must
# fail, which shows the validator is really checking.
. "$(dirname "$0")/lib.sh"
ag="$AG_BIN"
v="$AG_SOURCE_DIR/tools/validate-json.mjs"
oscal="${AG_SHARED_DIR:?}/schemas/oscal-1.0.6/oscal_catalog_schema.json"
[[ -d $AG_SOURCE_DIR/tools/node_modules/ajv ]] || { not_ok "ajv installed (run scripts/install-deps)"; finish; exit 1; }

for lang in ja en; do
  run "export oscal $lang" 0 "$ag" --lang "$lang" catalog export --format oscal -o "$tmp/oscal-$lang.json" &&
    run "oscal $lang validates" 0 node "$v" "$oscal" "$tmp/oscal-$lang.json" && ok "OSCAL ($lang) validates against OSCAL 1.0.6"
done
node -e '
  const fs = require("fs"), c = JSON.parse(fs.readFileSync(process.argv[1], "utf8")).catalog;
  let controls = 0;
  const walk = (g) => { controls += (g.controls || []).length; (g.groups || []).forEach(walk); };
  c.groups.forEach(walk);
  const n = JSON.parse(fs.readFileSync(process.argv[2], "utf8")).nodes.filter((x) => x.kind === "measure").length;
  if (controls !== n) { console.error(`controls ${controls} != measures ${n}`); process.exit(1); }
' "$tmp/oscal-en.json" "$AG_SOURCE_DIR/catalog/mlit-airport-2.json" 2>"$tmp/e" &&
  ok "every measure is an OSCAL control" || not_ok "every measure is an OSCAL control" "$(cat "$tmp/e")"

node -e '
  const fs = require("fs"), d = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  delete d.catalog.uuid; d.catalog.metadata["oscal-version"] = 7;
  fs.writeFileSync(process.argv[2], JSON.stringify(d));
' "$tmp/oscal-en.json" "$tmp/broken.json"
run "broken oscal is rejected" 1 node "$v" "$oscal" "$tmp/broken.json" && ok "validator rejects a broken OSCAL document"

run "catalog schema" 0 node "$v" "$AG_SOURCE_DIR/catalog/schema.json" "$AG_SOURCE_DIR/catalog/mlit-airport-2.json" &&
  ok "catalog validates against catalog/schema.json"
finish

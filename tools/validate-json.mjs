// validate-json.mjs SCHEMA DOCUMENT [SCHEMA_DIR]
// Validates DOCUMENT against the JSON Schema SCHEMA (draft-07) with ajv; with SCHEMA_DIR, every
// *.json below it is added first so relative $refs resolve (STIX). Prints the first errors with
// their JSON paths and exits 1 when invalid, 2 on usage or read errors.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const [schemaPath, docPath, schemaDir] = process.argv.slice(2);
if (!schemaPath || !docPath) {
  console.error("usage: validate-json.mjs SCHEMA DOCUMENT [SCHEMA_DIR]");
  process.exit(2);
}
const readJson = (p) => JSON.parse(readFileSync(p, "utf8"));
// OSCAL's patterns use \p{L}; unicode mode makes them work as the schema intends.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: true });
addFormats(ajv);
const walk = (d) => readdirSync(d).flatMap((f) => {
  const p = join(d, f);
  return statSync(p).isDirectory() ? walk(p) : p.endsWith(".json") ? [p] : [];
});
try {
  if (schemaDir) for (const p of walk(schemaDir)) if (p !== schemaPath) ajv.addSchema(readJson(p));
  const validate = ajv.compile(readJson(schemaPath));
  if (validate(readJson(docPath))) {
    console.log(`${docPath}: valid against ${schemaPath}`);
  } else {
    for (const e of validate.errors.slice(0, 20)) console.error(`${docPath}: ${e.instancePath || "/"}: ${e.message}`);
    console.error(`${docPath}: INVALID (${validate.errors.length} errors)`);
    process.exit(1);
  }
} catch (err) {
  console.error(`${docPath}: ${err.message}`);
  process.exit(2);
}

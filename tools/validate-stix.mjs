// validate-stix.mjs BUNDLE SCHEMA_DIR
// Validates a STIX 2.1 bundle with ajv against the OASIS STIX 2.1 JSON Schemas (draft 2020-12):
// every schema under SCHEMA_DIR is added (so their relative $refs resolve through their $id),
// then the bundle is checked against common/bundle.json and each object again against the
// schema of its own type (sdos/, sros/, observables/, common/marking-definition.json) — the
// bundle schema alone lets an unknown type through as a custom object. Last, every *_ref and
// *_refs value must name an object of the bundle (a dangling reference is invalid STIX). Prints
// the first errors with their JSON paths; exits 1 when invalid, 2 on usage or read errors.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [docPath, schemaDir] = process.argv.slice(2);
if (!docPath || !schemaDir) {
  console.error("usage: validate-stix.mjs BUNDLE SCHEMA_DIR");
  process.exit(2);
}
const BASE = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";
const readJson = (p) => JSON.parse(readFileSync(p, "utf8"));
// The OASIS patterns use "\-" outside classes, which unicode-mode regular expressions reject.
const ajv = new Ajv2020({ allErrors: true, strict: false, unicodeRegExp: false, logger: false });
addFormats(ajv);
const walk = (d) => readdirSync(d).flatMap((f) => {
  const p = join(d, f);
  return statSync(p).isDirectory() ? walk(p) : p.endsWith(".json") ? [p] : [];
});
const errors = [], bundleErrors = [];
const check = (schemaId, value, path, into = errors) => {
  const v = ajv.getSchema(BASE + schemaId);
  if (!v) { errors.push(`${path}: no schema ${schemaId}`); return; }
  if (!v(value)) for (const e of v.errors) into.push(`${path}${e.instancePath}: ${e.message} (${schemaId})`);
};
try {
  const have = new Set();
  for (const p of walk(schemaDir)) {
    const s = readJson(p);
    ajv.addSchema(s);
    have.add(s.$id);
  }
  const doc = readJson(docPath);
  check("common/bundle.json", doc, "", bundleErrors);
  const ids = new Set((doc.objects || []).map((o) => o.id));
  (doc.objects || []).forEach((o, i) => {
    const path = `/objects/${i} (${o.type})`;
    const own = ["sdos", "sros", "observables", "common"].map((d) => `${d}/${o.type}.json`)
      .find((s) => have.has(BASE + s));
    if (own) check(own, o, path);
    else errors.push(`${path}: no OASIS schema for type ${o.type}`);
    for (const [k, v] of Object.entries(o)) {
      const refs = k.endsWith("_ref") ? [v] : k.endsWith("_refs") ? v : [];
      for (const r of refs) if (!ids.has(r)) errors.push(`${path}/${k}: ${r} is not in the bundle`);
    }
  });
  // the bundle schema's errors last: its oneOf over every type says little on its own
  errors.push(...bundleErrors);
  if (errors.length) {
    for (const e of errors.slice(0, 20)) console.error(`${docPath}: ${e}`);
    console.error(`${docPath}: INVALID (${errors.length} errors)`);
    process.exit(1);
  }
  console.log(`${docPath}: valid STIX 2.1 bundle (${doc.objects.length} objects)`);
} catch (err) {
  console.error(`${docPath}: ${err.message}`);
  process.exit(2);
}

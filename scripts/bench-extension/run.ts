// The extension benchmark: generates the 10,000-resource / 500-principal account with 102,500
// events (100,000 findings, 50,000 of them on one bucket), times the grouping of its check in Node
// beside a baseline pass, opens it in code-server through the workspace's offline settings, and
// prints the figures.
// Run: npm run build && node scripts/editor/build-suite.mjs && npx tsx scripts/bench-extension/run.ts
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { generate } from './generate';
import { benchGrouping, checkOf } from './grouping';

const root = resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const index = join(root, 'out/test/editor/suite/index.js');
  if (!existsSync(index)) throw new Error('run `node scripts/editor/build-suite.mjs` first (the suite runner is reused)');
  const data = join(root, 'bench-data/extension');
  const t0 = Date.now();
  const files = await generate(data);
  console.log(`bench-extension: data written in ${Date.now() - t0} ms`);
  benchGrouping(await checkOf({ inventory: files.inventory, events: [files.events, files.spread] }));
  const suite = join(root, 'out/bench-extension');
  mkdirSync(suite, { recursive: true });
  await build({ entryPoints: [join(__dirname, 'perf.test.ts')], outfile: join(suite, 'perf.test.js'), bundle: true, platform: 'node', format: 'cjs', external: ['vscode', 'mocha'], logLevel: 'warning' });
  copyFileSync(index, join(suite, 'index.js'));
  const folder = join(data, 'workspace');
  mkdirSync(join(folder, '.vscode'), { recursive: true });
  writeFileSync(join(folder, '.vscode/settings.json'), JSON.stringify({ 'tagtrail.offline.inventory': files.inventory, 'tagtrail.offline.events': [files.events, files.spread] }));
  const out = join(data, 'result.json');
  const loadBefore = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/editor/run-in-code-server.ts'), '--suite', join(suite, 'index.js'), '--folder', folder, '--timeout', '600'], {
    stdio: 'inherit', env: { ...process.env, TAGTRAIL_BENCH_OUT: out, TAGTRAIL_BENCH_BUCKET: files.hotBucket },
  });
  if (r.status !== 0 || !existsSync(out)) throw new Error('the editor run failed');
  const f = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown> & { panel?: { firstRowsMs: number; rows: number } };
  console.log(`bench-extension: in code-server (load average when the editor started: ${loadBefore})`);
  console.log(`  activation -> inventory in the model     ${f.activationToInventoryMs} ms`);
  console.log(`  activation -> Products view drawn        ${f.activationToProductsMs} ms (${f.products} products)`);
  console.log(`  activation -> load and check done        ${f.activationToLoadedMs} ms (${f.events} events)`);
  console.log(`  check result -> Findings view roots     ${f.resultToFindingsMs} ms (${f.findings} findings; computing the roots ${f.findingsRootsMs} ms)`);
  console.log(`  Findings tree down to every group        ${f.findingsWalkMs} ms (${f.findingGroups} groups listed)`);
  console.log(`  Show CloudTrail Events -> first rows     ${f.panelCommandToFirstRowsMs} ms (webview: ${f.panel?.firstRowsMs.toFixed(0)} ms from message to ${f.panel?.rows} rows painted)`);
  console.log(`  (load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} on this machine)`);
}

main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });

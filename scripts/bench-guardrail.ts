/**
 * The guardrail replay's cost: `tagtrail guardrail` against `tagtrail check` on the same
 * 1,000,000-record bench data (scripts/bench/generate.ts, reused under bench-data/), each run in its
 * own process, interleaved, best of --repeat runs. Prints both and the ratio; asserts nothing.
 *
 *   npx tsx scripts/bench-guardrail.ts [--records=N] [--repeat=2]
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { ensureBenchData } from './bench/generate';

const ROOT = resolve(__dirname, '..');
const CORPUS = resolve(ROOT, '../shared/corpus');
const DATA = resolve(ROOT, 'bench-data');
const BUNDLE = resolve(ROOT, '.cache/bench/measure-guardrail.js');

interface M { mode: string; records: number; seconds: number; cpuSeconds: number; replaySeconds: number; peakRssMB: number; note: string }

function arg(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
}

function run(mode: string): M {
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', BUNDLE, mode, resolve(DATA, 'AWSLogs'), resolve(DATA, 'inventory.json')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench-guardrail: ${mode} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as M;
}

async function main(): Promise<void> {
  if (!existsSync(CORPUS)) {
    console.log(`bench-guardrail: skipped — the shared corpus is not at ${CORPUS}; it is the source of the generated records.`);
    return;
  }
  const manifest = await ensureBenchData(DATA, CORPUS, Number(arg('records') ?? 1_000_000));
  console.log(`data: ${manifest.records} records in ${manifest.files} files under bench-data/`);
  await build({ entryPoints: [resolve(ROOT, 'scripts/bench/measureGuardrail.ts')], outfile: BUNDLE, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  const repeat = Math.max(1, Number(arg('repeat') ?? 1));
  const best = new Map<string, M>();
  for (let i = 0; i < repeat; i++) {
    for (const mode of ['check', 'guardrail']) {
      const m = run(mode);
      const b = best.get(mode);
      if (!b || m.seconds < b.seconds) best.set(mode, { ...m, peakRssMB: Math.max(m.peakRssMB, b?.peakRssMB ?? 0) });
    }
  }
  const c = best.get('check') as M;
  const g = best.get('guardrail') as M;
  console.log('mode        records    wall s    CPU s   replay s   peak RSS');
  for (const m of [c, g]) console.log(`${m.mode.padEnd(10)} ${String(m.records).padStart(8)} ${m.seconds.toFixed(2).padStart(9)} ${m.cpuSeconds.toFixed(2).padStart(8)} ${m.replaySeconds.toFixed(2).padStart(10)} ${m.peakRssMB.toFixed(0).padStart(7)} MB   ${m.note}`);
  console.log(`\nguardrail / check: wall ${(g.seconds / c.seconds).toFixed(2)}×, CPU ${(g.cpuSeconds / c.cpuSeconds).toFixed(2)}×, peak RSS ${(g.peakRssMB / c.peakRssMB).toFixed(2)}×` +
    `${repeat > 1 ? ` (best of ${repeat} interleaved runs)` : ''}; the proposal and replay after the check took ${g.replaySeconds.toFixed(2)} s.`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

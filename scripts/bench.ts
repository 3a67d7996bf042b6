/**
 * Throughput benchmark: `npm run bench`. Generates ≥1,000,000 records as gzip trail files in the
 * S3 delivery layout under bench-data/ (reused when present), then measures, each in its own
 * process so peak RSS is per measurement: the floor (bare gunzip + JSON.parse of the same files),
 * readEvents alone (whole-file and streaming paths), the end-to-end check on one core and across
 * worker threads, and `tagtrail resolve --format jsonl` (the CLI bundle) writing into a pipe this
 * process drains. Prints figures and ratios to the floor; asserts nothing.
 *
 *   npm run bench [-- --records=N] [-- --only=floor,check,resolve-pipe] [-- --repeat=3] [-- --thresholds]
 *                 [-- --sample=K]   (only the first K of the 16 account folders: a quick look while working)
 */
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { ensureBenchData } from './bench/generate';
import { thresholds } from './bench/thresholds';
import { listFiles } from '../src/core/ingest/listFiles';
import { newReadStats } from '../src/core/ingest/readStats';
import { buildCli, resolveIntoPipe } from './bench/resolvePipe';
import type { Measurement } from './bench/measure';

const ROOT = resolve(__dirname, '..');
const CORPUS = resolve(ROOT, '../shared/corpus');
const DATA = resolve(ROOT, 'bench-data');
const BUNDLE = resolve(ROOT, '.cache/bench/measure.js');
const CLI_BUNDLE = resolve(ROOT, '.cache/bench/cli.js');

function arg(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
}

/** The event folders measured: all of AWSLogs, or its first K account folders with --sample=K. */
function eventDirs(): string[] {
  const root = resolve(DATA, 'AWSLogs');
  const sample = arg('sample');
  if (sample === undefined) return [root];
  return readdirSync(root).sort().slice(0, Math.max(1, Number(sample))).map((a) => resolve(root, a));
}

function run(mode: string, extra: string[] = []): Measurement | undefined {
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', BUNDLE, mode, eventDirs().join(delimiter), resolve(DATA, 'inventory.json'), ...extra], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`bench: ${mode} failed:\n${r.stderr}`);
    return undefined;
  }
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Measurement;
}

async function main(): Promise<void> {
  if (!existsSync(CORPUS)) {
    console.log(`bench: skipped — the shared corpus is not at ${CORPUS}; it is the source of the generated records.`);
    return;
  }
  const records = Number(arg('records') ?? 1_000_000);
  const manifest = await ensureBenchData(DATA, CORPUS, records);
  console.log(`data: ${manifest.records} records in ${manifest.files} .json.gz files under bench-data/ (generated in ${manifest.generatedInSeconds.toFixed(1)} s)`);
  await build({ entryPoints: [resolve(ROOT, 'scripts/bench/measure.ts')], outfile: BUNDLE, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });

  if (process.argv.includes('--thresholds')) {
    const files: string[] = [];
    for await (const f of listFiles([resolve(DATA, 'AWSLogs')], newReadStats())) if (f.kind === 'file') files.push(f.path);
    await thresholds(resolve(ROOT, '.cache/bench/sizes'), files, BUNDLE);
    return;
  }
  const modes: [string, string[]][] = [['floor', []], ['read', []], ['read-stream', []], ['check', []], ['check-no-history', []], ['check-workers', ['2']], ['resolve-pipe', []]];
  const only = arg('only')?.split(',');
  // The CLI as it ships (the same entry and options as the production build), from the current sources.
  const cli = !only || only.includes('resolve-pipe') ? await buildCli(resolve(ROOT, 'src/cli/main.ts'), CLI_BUNDLE) : undefined;
  // With --repeat=N the modes run interleaved N times and each keeps its best wall and CPU time:
  // on a machine shared with other work, the minimum is the figure least disturbed by it.
  const repeat = Math.max(1, Number(arg('repeat') ?? 1));
  const best = new Map<string, Measurement>();
  for (let i = 0; i < repeat; i++) {
    for (const [mode, extra] of modes) {
      if (only && !only.includes(mode)) continue;
      const m = mode === 'resolve-pipe' && cli ? await resolveIntoPipe(cli, eventDirs()).catch((e: unknown) => void console.error(`bench: resolve-pipe failed: ${String(e)}`)) : run(mode, extra);
      const b = m && best.get(m.mode);
      if (!m) continue;
      if (!b) best.set(m.mode, m);
      else {
        const seconds = Math.min(b.seconds, m.seconds);
        best.set(m.mode, { ...b, seconds, recordsPerSecond: b.records / seconds, cpuSeconds: Math.min(b.cpuSeconds, m.cpuSeconds), peakRssMB: Math.max(b.peakRssMB, m.peakRssMB) });
      }
    }
  }
  const results = [...best.values()];
  if (repeat > 1) console.log(`best of ${repeat} interleaved runs per mode (peak RSS: the highest seen)`);
  const floor = results.find((m) => m.mode === 'floor');
  console.log('');
  // Wall time is what users feel; CPU time (all threads) is steadier when other work shares the cores.
  console.log('mode                 records    wall s   records/s   × floor     CPU s   rec/CPU-s   × floor   peak RSS');
  const ratio = (a: number, b: number | undefined) => (b ? (a / b).toFixed(2) : '-').padStart(9);
  for (const m of results) {
    const perCpu = m.records / m.cpuSeconds;
    console.log(
      `${m.mode.padEnd(20)} ${String(m.records).padStart(8)} ${m.seconds.toFixed(2).padStart(9)} ${Math.round(m.recordsPerSecond).toString().padStart(11)} ${ratio(m.recordsPerSecond, floor?.recordsPerSecond)}` +
        ` ${m.cpuSeconds.toFixed(2).padStart(9)} ${Math.round(perCpu).toString().padStart(11)} ${ratio(perCpu, floor ? floor.records / floor.cpuSeconds : undefined)} ${m.peakRssMB.toFixed(0).padStart(7)} MB${m.note ? `   (${m.note})` : ''}`,
    );
  }
  const withHistory = results.find((m) => m.mode === 'check');
  const without = results.find((m) => m.mode === 'check-no-history');
  if (withHistory && without) {
    console.log(`\ntag history: check ${withHistory.seconds.toFixed(2)} s, check --no-history ${without.seconds.toFixed(2)} s: ${(withHistory.seconds / without.seconds).toFixed(2)}× wall, ${(withHistory.cpuSeconds / without.cpuSeconds).toFixed(2)}× CPU (same run)`);
  }
  console.log('\nAims: check ≥ 0.6× floor on one core; resolve-pipe ≥ 0.5× floor; peak RSS < 600 MB. The floor does no validation, no error handling and keeps nothing.');
  const pipe = results.find((m) => m.mode === 'resolve-pipe');
  if (pipe && floor) console.log(`resolve --format jsonl into a pipe: ${Math.round(pipe.recordsPerSecond)} records/s, ${(pipe.recordsPerSecond / floor.recordsPerSecond).toFixed(2)}× the floor's ${Math.round(floor.recordsPerSecond)} records/s (wall time, same run)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

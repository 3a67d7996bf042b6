/**
 * One benchmark measurement, run in its own process (bundled by scripts/bench.ts) so that its peak
 * RSS is its own. Prints one JSON line: records, seconds, records/s, peak RSS.
 *
 *   node measure.js <mode> <eventsDir>[:<eventsDir>…] <inventory.json> [workers]
 *
 * Modes: floor (gunzip + JSON.parse, nothing else), read (readEvents), read-stream (readEvents
 * forced onto the streaming splitter), check (file source → runner: readEvents → de-duplicate → resolve → runCheck), check-workers
 * (the same split across worker threads by file), read-limit (readEvents with a given whole-file
 * limit, for scripts/bench/thresholds.ts).
 */
import { readFileSync } from 'node:fs';
import { delimiter } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readEvents, newReadStats } from '../../src/core/ingest/readEvents';
import { listFiles } from '../../src/core/ingest/listFiles';
import { DEFAULT_TAG_KEYS } from '../../src/core/attribute/productIndex';
import { checkSource } from '../../src/core/source/runner';
import { fileSource } from '../../src/core/source/fileSource';

export interface Measurement {
  mode: string;
  records: number;
  seconds: number;
  /** CPU time of the whole process (all threads): less disturbed than wall time on a busy machine. */
  cpuSeconds: number;
  recordsPerSecond: number;
  peakRssMB: number;
  note?: string;
}

async function filesUnder(dirs: string[]): Promise<string[]> {
  const out: string[] = [];
  for await (const f of listFiles(dirs, newReadStats())) if (f.kind === 'file') out.push(f.path);
  return out;
}

function floor(files: string[]): { records: number } {
  let records = 0;
  for (const f of files) {
    const v = JSON.parse(gunzipSync(readFileSync(f)).toString('utf8')) as { Records: unknown[] };
    records += v.Records.length;
  }
  return { records };
}

async function read(paths: string[], wholeFileLimit?: number): Promise<{ records: number }> {
  let records = 0;
  const opts = wholeFileLimit === undefined ? {} : { wholeFileLimit };
  for await (const _ of readEvents(paths, opts)) records++;
  return { records };
}

/** The whole pipeline a user runs: the file source and the runner (de-duplication, counts, completeness) around runCheck. */
async function check(paths: string[], inventoryPath: string, history = true): Promise<{ records: number; findings: number; gaps: number }> {
  const run = await checkSource(fileSource({ events: paths, inventory: [inventoryPath] }), { tagKeys: DEFAULT_TAG_KEYS, ...(history ? {} : { history: false }) });
  const result = run.result;
  return { records: result.stats.recordsRead, findings: result.stats.findings, gaps: result.stats.gaps };
}

async function checkWorkers(files: string[], inventoryPath: string, workers: number): Promise<{ records: number; findings: number; gaps: number }> {
  const shares = Array.from({ length: workers }, (_, w) => files.filter((_f, i) => i % workers === w));
  const results = await Promise.all(
    shares.map(
      (share) =>
        new Promise<{ records: number; findings: number; gaps: number }>((resolve, reject) => {
          const worker = new Worker(__filename, { workerData: { files: share, inventoryPath } });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  return results.reduce((a, b) => ({ records: a.records + b.records, findings: a.findings + b.findings, gaps: a.gaps + b.gaps }));
}

async function main(): Promise<void> {
  const [mode = '', dirList = '', inventoryPath = '', workersArg = '2'] = process.argv.slice(2);
  // Several folders (a sample of the data) are joined with the platform's path delimiter.
  const dirs = dirList.split(delimiter);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let r: { records: number; findings?: number; gaps?: number };
  if (mode === 'floor') r = floor(await filesUnder(dirs));
  else if (mode === 'read') r = await read(dirs);
  else if (mode === 'read-stream') r = await read(dirs, 0);
  else if (mode === 'read-limit') r = await read(dirs, Number(workersArg));
  else if (mode === 'check') r = await check(dirs, inventoryPath);
  // The same check judging by today's tags only (`check --no-history`): the cost of the tag history.
  else if (mode === 'check-no-history') r = await check(dirs, inventoryPath, false);
  else if (mode === 'check-workers') r = await checkWorkers(await filesUnder(dirs), inventoryPath, Number(workersArg));
  else throw new Error(`unknown mode ${mode}`);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const m: Measurement = {
    mode: mode === 'check-workers' ? `check-workers×${workersArg}` : mode,
    records: r.records,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    recordsPerSecond: r.records / seconds,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    ...(r.findings !== undefined ? { note: `${r.findings} findings, ${r.gaps} gaps` } : {}),
  };
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

if (isMainThread) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
} else {
  const { files, inventoryPath } = workerData as { files: string[]; inventoryPath: string };
  check(files, inventoryPath).then((r) => parentPort?.postMessage(r));
}

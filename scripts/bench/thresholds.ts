/**
 * Which files should be parsed whole and which streamed? Builds single trail files of growing size
 * from the bench data and reads each both ways, in separate processes, printing CPU time and peak
 * RSS. `npm run bench -- --thresholds` (after the main data exists).
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { createGzip, gunzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import type { Measurement } from './measure';

const SIZES_MB = [1, 8, 32, 128, 512];

async function buildFile(path: string, sourceFiles: string[], targetBytes: number): Promise<void> {
  const gz = createGzip({ level: 1 });
  const out = createWriteStream(path);
  gz.pipe(out);
  let written = 0;
  let first = true;
  gz.write('{"Records":[');
  for (let i = 0; written < targetBytes; i = (i + 1) % sourceFiles.length) {
    const records = (JSON.parse(gunzipSync(readFileSync(sourceFiles[i] as string)).toString('utf8')) as { Records: unknown[] }).Records;
    for (const r of records) {
      const s = (first ? '' : ',') + JSON.stringify(r);
      first = false;
      written += s.length;
      if (!gz.write(s)) await once(gz, 'drain');
      if (written >= targetBytes) break;
    }
  }
  gz.end(']}');
  await once(out, 'finish');
}

/** Runs the sweep; `measure` is the bundled measure.js. */
export async function thresholds(cacheDir: string, sourceFiles: string[], measure: string): Promise<void> {
  mkdirSync(cacheDir, { recursive: true });
  console.log('\nwhole-file vs streamed, one file each (CPU s / records per CPU s / peak RSS):');
  console.log('size MB    whole: cpu s   rec/cpu-s    RSS MB     stream: cpu s   rec/cpu-s    RSS MB');
  for (const mb of SIZES_MB) {
    const file = join(cacheDir, `trail-${mb}MB.json.gz`);
    if (!existsSync(file)) await buildFile(file, sourceFiles, mb * 1024 * 1024);
    const row: string[] = [String(mb).padStart(7)];
    for (const limit of [2 ** 31, 0]) {
      const r = spawnSync(process.execPath, ['--max-old-space-size=8192', measure, 'read-limit', file, '-', String(limit)], { encoding: 'utf8' });
      if (r.status !== 0) {
        row.push(`failed: ${r.stderr.split('\n')[0]}`);
        continue;
      }
      const m = JSON.parse(r.stdout) as Measurement;
      row.push(`${m.cpuSeconds.toFixed(2).padStart(14)} ${Math.round(m.records / m.cpuSeconds).toString().padStart(11)} ${m.peakRssMB.toFixed(0).padStart(9)}`);
    }
    console.log(row.join('    '));
  }
}

/**
 * `tagtrail resolve --format jsonl <folder>` as a user pipes it into another program: the real CLI
 * bundle in a child process, its stdout a pipe that this process drains (counting lines and bytes,
 * as a fast consumer would). The child reports its own CPU time and peak RSS when it exits, through
 * a preloaded module writing to file descriptor 3, so the figures are the CLI's and not the drain's.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { build } from 'esbuild';
import type { Measurement } from './measure';

/** Preloaded into the CLI's process: its CPU time and peak RSS, written to fd 3 at exit. */
const USAGE_REPORTER = `process.on('exit', () => {
  const c = process.cpuUsage();
  require('node:fs').writeSync(3, JSON.stringify({ cpuSeconds: (c.user + c.system) / 1e6, peakRssMB: process.resourceUsage().maxRSS / 1024 }) + '\\n');
});
`;

/** Bundles the CLI from `entry` with the options of the shipped build (scripts/build.mjs, --production). */
export async function buildCli(entry: string, outfile: string): Promise<{ cli: string; reporter: string }> {
  mkdirSync(dirname(outfile), { recursive: true });
  await build({ entryPoints: [entry], outfile, bundle: true, minify: true, legalComments: 'none', platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  const reporter = `${outfile}.usage.cjs`;
  writeFileSync(reporter, USAGE_REPORTER);
  return { cli: outfile, reporter };
}

/** Runs `node <cli> resolve --format jsonl <dirs>` into a pipe and drains it; `records` are the JSONL lines read. */
export function resolveIntoPipe(built: { cli: string; reporter: string }, dirs: string[]): Promise<Measurement> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--require', built.reporter, built.cli, 'resolve', '--format', 'jsonl', ...dirs], { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let lines = 0;
    let bytes = 0;
    let stderr = '';
    let usage = '';
    child.stdout?.on('data', (c: Buffer) => {
      bytes += c.length;
      for (let i = c.indexOf(10); i !== -1; i = c.indexOf(10, i + 1)) lines++;
    });
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (c: Buffer) => (usage += c.toString()));
    child.on('error', fail);
    child.on('close', (status) => {
      const seconds = (performance.now() - t0) / 1000;
      if (status !== 0 || stderr.trim() !== '') {
        fail(new Error(`resolve exited ${status} with stderr:\n${stderr}`));
        return;
      }
      const u = JSON.parse(usage.trim() || '{}') as { cpuSeconds?: number; peakRssMB?: number };
      done({
        mode: 'resolve-pipe', records: lines, seconds, cpuSeconds: u.cpuSeconds ?? NaN, recordsPerSecond: lines / seconds, peakRssMB: u.peakRssMB ?? NaN,
        note: `${(bytes / 1024 / 1024).toFixed(0)} MB of JSONL, CPU of the CLI process`,
      });
    });
  });
}

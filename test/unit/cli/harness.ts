import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { spawn } from 'node:child_process';
import { main } from '../../../src/cli/main';
import type { Io } from '../../../src/cli/io';

export interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured streams (the same `main` the bundle runs). */
export async function runCli(argv: string[], cwd: string, now = Date.parse('2024-05-10T00:00:00Z')): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => {
    stdout += c.toString('utf8');
  });
  const io: Io = { out: (t) => void (stdout += t), err: (l) => void (stderr += `${l}\n`), stdout: stream, cwd, now: () => now };
  const status = await main(argv, io);
  return { status, stdout, stderr };
}

/** A temp folder with the given files (objects are written as JSON, arrays of objects as JSONL). */
export function tempFiles(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tagtrail-cli-'));
  for (const [name, content] of Object.entries(files)) {
    const text = typeof content === 'string' ? content : Array.isArray(content) ? content.map((r) => JSON.stringify(r)).join('\n') + '\n' : JSON.stringify(content);
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export const ACCOUNT = '111122223333';

/** TagTrail inventory snapshot: alpha-app and beta-app roles, alpha-data and beta-data buckets. */
export const SNAPSHOT = {
  format: 'tagtrail-inventory', version: 1,
  principals: [
    { arn: `arn:aws:iam::${ACCOUNT}:role/alpha-app`, tags: { product: 'alpha' } },
    { arn: `arn:aws:iam::${ACCOUNT}:role/beta-app`, tags: { product: 'beta' } },
  ],
  resources: [
    { arn: 'arn:aws:s3:::alpha-data', tags: { product: 'alpha' } },
    { arn: 'arn:aws:s3:::beta-data', tags: { product: 'beta' } },
  ],
};

/** The bundled CLI, as a user runs it (`npm run build` makes it). */
export const BUNDLED_CLI = path.resolve(__dirname, '../../../dist/cli.js');

/**
 * Runs the bundled CLI as a child process, as a user would: real stdout and stderr pipes, the
 * environment given. `onStdout` sees each chunk and may destroy the pipe (a reader that goes away).
 */
export function runBundled(args: string[], env: NodeJS.ProcessEnv, onStdout?: (chunk: Buffer, stdout: NodeJS.ReadableStream & { destroy(): void }) => void): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BUNDLED_CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      onStdout?.(c, child.stdout);
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', fail);
    child.on('close', (status) => done({ status: status ?? -1, stdout, stderr }));
  });
}

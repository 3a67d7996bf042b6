// Inputs break in every way files can: cut short, garbled, gone, unreadable, endless, or many.
// Each must be reported by name, everything else still read, and the counts must add up:
// records read + records rejected = records present, wherever the records present can be known.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, mkdtempSync, openSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readEvents, newReadStats, type ReadOptions } from '../../../src/core/ingest/readEvents';
import type { ReadError, SourcedRecord } from '../../../src/core/model';

const rec = (i: number): string => JSON.stringify({ eventID: `e-${i}`, eventSource: 's3.amazonaws.com', eventName: 'GetObject', userAgent: 'x'.repeat(200) });
const lines = (from: number, n: number): string[] => Array.from({ length: n }, (_, k) => rec(from + k));
const tempDir = (): string => mkdtempSync(join(tmpdir(), 'tagtrail-faults-'));

/** Reads everything, failing the test (rather than hanging it) if reading does not finish in time. */
async function readAll(paths: string[], opts: ReadOptions = {}, timeoutMs = 20_000) {
  const errors: ReadError[] = [];
  const stats = newReadStats();
  const records: SourcedRecord[] = [];
  let timer: NodeJS.Timeout | undefined;
  const reading = (async () => {
    for await (const r of readEvents(paths, { ...opts, stats, onError: (e) => errors.push(e) })) records.push(r);
  })();
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`reading did not finish in ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([reading, timeout]);
  } finally {
    clearTimeout(timer);
  }
  return { records, errors, stats };
}

test('truncated gzip, invalid lines, a FIFO without a writer and a path through a file: each reported, the rest read, counts add up', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a-good.jsonl'), lines(1, 5).join('\n') + '\n');
  // 5 lines: 3 records, one invalid JSON line, one JSON value that is not a record.
  writeFileSync(join(dir, 'b-bad-lines.jsonl'), [rec(10), '{"eventName": "Get', rec(11), '[]', rec(12)].join('\n') + '\n');
  const gz = gzipSync(`{"Records":[${lines(20, 200).join(',')}]}`);
  writeFileSync(join(dir, 'c-truncated.json.gz'), gz.subarray(0, Math.floor(gz.length * 0.6)));
  // Opening a FIFO with no writer blocks forever; nobody will ever write to this one.
  execFileSync('mkfifo', [join(dir, 'd-fifo.jsonl')]);
  writeFileSync(join(dir, 'e-good.json'), `{"Records":[${lines(300, 4).join(',')}]}`);
  // As root, chmod 000 blocks nothing; a path through a regular file fails as a real unreadable path does (ENOTDIR).
  const throughFile = join(dir, 'a-good.jsonl', 'inner.json');

  let read: Awaited<ReturnType<typeof readAll>>;
  try {
    read = await readAll([dir, throughFile]);
  } finally {
    // Should reading have blocked on the FIFO, release the thread that waits, so this process can end.
    try {
      closeSync(openSync(join(dir, 'd-fifo.jsonl'), constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // ENXIO: nobody is waiting on it, as it should be.
    }
  }
  const { records, errors, stats } = read;
  const bySource = (name: string) => errors.filter((e) => e.source.endsWith(name));
  assert.equal(bySource('b-bad-lines.jsonl').length, 2, 'each bad line reported');
  assert.deepEqual(bySource('b-bad-lines.jsonl').map((e) => e.position), [2, 4]);
  assert.match(bySource('c-truncated.json.gz')[0]?.message ?? '', /gzip data is truncated/);
  assert.match(bySource('d-fifo.jsonl')[0]?.message ?? '', /not a regular file/);
  assert.match(bySource('inner.json')[0]?.message ?? '', /ENOTDIR/);
  assert.equal(errors.length, 5, errors.map((e) => `${e.source}: ${e.message}`).join('\n'));

  const fromTruncated = records.filter((r) => r.source.endsWith('c-truncated.json.gz')).length;
  assert.ok(fromTruncated > 0 && fromTruncated < 200, `records before the gzip break are kept (${fromTruncated})`);
  const complete = records.length - fromTruncated;
  assert.equal(complete, 5 + 3 + 4, 'every record of the intact files');
  assert.equal(stats.incompleteSources, 1, 'the truncated file is the one source whose record count is unknowable');
  assert.equal(stats.recordsRead, records.length);
  // Complete sources: 5 + 5 + 4 records present. The truncated one adds what was read plus its cut record.
  assert.equal(stats.recordsRead + stats.recordsRejected, 5 + 5 + 4 + fromTruncated + 1, `read ${stats.recordsRead} + rejected ${stats.recordsRejected}`);
  assert.equal(stats.sourcesFailed, 2, 'FIFO and ENOTDIR');
});

test('a FIFO named on the command line is still read (process substitution), when it has a writer', async () => {
  const dir = tempDir();
  const fifo = join(dir, 'events');
  execFileSync('mkfifo', [fifo]);
  // The writer is a separate process, as `<(zcat …)` would be.
  const writer = (await import('node:child_process')).spawn('sh', ['-c', `printf '%s\\n' '${rec(1)}' '${rec(2)}' > "${fifo}"`]);
  const { records, errors } = await readAll([fifo]);
  writer.kill();
  assert.deepEqual(errors, []);
  assert.deepEqual(records.map((r) => r.record.eventID), ['e-1', 'e-2']);
});

test('a file cut short while it is streamed: the records before the cut are read, the cut line is reported', async () => {
  const dir = tempDir();
  const p = join(dir, 'shrinking.jsonl');
  const all = lines(1, 20_000);
  writeFileSync(p, all.join('\n') + '\n');
  // Cut in the middle of line 10,001, well past the first 1 MiB read chunk.
  const cutAt = all.slice(0, 10_000).reduce((n, l) => n + Buffer.byteLength(l) + 1, 0) + 20;
  const errors: ReadError[] = [];
  const stats = newReadStats();
  let n = 0;
  for await (const _ of readEvents([p], { wholeFileLimit: 64 * 1024, stats, onError: (e) => errors.push(e) })) {
    if (++n === 1) truncateSync(p, cutAt);
  }
  assert.equal(n, 10_000);
  assert.equal(errors.length, 1);
  assert.equal(errors[0]?.position, 10_001);
  assert.equal(stats.recordsRead + stats.recordsRejected, 10_001, 'the lines still present: 10,000 whole and one cut');
});

test('a file deleted while it is read is read to its end (an open file outlives its name on POSIX)', async () => {
  const dir = tempDir();
  const p = join(dir, 'deleted.jsonl');
  writeFileSync(p, lines(1, 20_000).join('\n') + '\n');
  let n = 0;
  const errors: ReadError[] = [];
  for await (const _ of readEvents([p], { wholeFileLimit: 64 * 1024, onError: (e) => errors.push(e) })) {
    if (++n === 1) rmSync(p);
  }
  assert.deepEqual([n, errors.length], [20_000, 0]);
});

test('a folder of 10,000 small files: all read in order, each broken one reported, counts add up', async () => {
  const dir = tempDir();
  const files = 10_000;
  let present = 0;
  for (let i = 0; i < files; i++) {
    const sub = join(dir, String(Math.floor(i / 1000)));
    if (i % 1000 === 0) mkdirSync(sub);
    const broken = i % 1000 === 999;
    const body = broken ? `${rec(i)}\nnot json\n` : `${rec(i)}\n`;
    present += broken ? 2 : 1;
    writeFileSync(join(sub, `f${String(i).padStart(5, '0')}.jsonl`), body);
  }
  const started = process.hrtime.bigint();
  const { records, errors, stats } = await readAll([dir], {}, 120_000);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`# 10,000 files: ${records.length} records in ${ms.toFixed(0)} ms (${(files / (ms / 1000)).toFixed(0)} files/s)`);
  assert.equal(stats.sourcesRead, files);
  assert.equal(errors.length, 10);
  assert.ok(errors.every((e) => e.position === 2 && /invalid JSON/.test(e.message)));
  assert.equal(records.length, files);
  assert.deepEqual(records.slice(0, 3).map((r) => r.record.eventID), ['e-0', 'e-1', 'e-2'], 'sorted folder order');
  assert.equal(stats.recordsRead + stats.recordsRejected, present);
});

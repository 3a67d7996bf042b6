// A 2 GB input must not take 2 GB of memory. The file is sparse (its middle is a hole the kernel
// reads as zero bytes), so it costs no disk, yet every byte of it goes through the reader: a
// thousand records, one 2 GB line of NUL bytes, and a thousand more records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, statfsSync, writeSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hostileSnapshot } from '../../fixtures/hostile/hostileRecords';

const SIZE = 2 * 1024 ** 3;
const RSS_LIMIT_MIB = 400;
const rec = (i: number): string => JSON.stringify({ eventID: `e-${i}`, eventSource: 's3.amazonaws.com', eventName: 'ListBuckets', recipientAccountId: '111122223333' });

test('a 2 GB file: records around a 2 GB line are read, the line is reported, peak memory stays bounded', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tagtrail-2gb-'));
  try {
    const big = join(dir, 'big.jsonl');
    const head = Array.from({ length: 1000 }, (_, i) => rec(i)).join('\n') + '\n';
    const tail = '\n' + Array.from({ length: 1000 }, (_, i) => rec(1000 + i)).join('\n') + '\n';
    const fd = openSync(big, 'w');
    writeSync(fd, head, 0);
    writeSync(fd, tail, SIZE - Buffer.byteLength(tail));
    closeSync(fd);
    const allocatedMiB = (statSync(big).blocks * 512) / 1024 ** 2;
    const freeMiB = (() => {
      const s = statfsSync(dir);
      return (s.bavail * s.bsize) / 1024 ** 2;
    })();
    if (allocatedMiB > 100 && freeMiB < 3 * 1024) {
      t.skip(`the temp file system does not keep sparse files and has only ${freeMiB.toFixed(0)} MiB free`);
      return;
    }
    const inventory = join(dir, 'inventory.json');
    writeFileSync(inventory, JSON.stringify(hostileSnapshot()));
    const out = join(dir, 'report.json');
    const started = Date.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', resolve(__dirname, 'bigFileChild.ts'), 'check', '--events', big, '--inventory', inventory, '--format', 'json', '--out', out], { encoding: 'utf8', timeout: 300_000 });
    const seconds = (Date.now() - started) / 1000;
    assert.equal(child.status, 0, child.stderr);
    const run = JSON.parse(child.stdout) as { status: number; maxRssMiB: number; stderr: string[] };
    const report = JSON.parse(readFileSync(out, 'utf8')) as { stats: { recordsRead: number; recordsInScope: number; recordsRejected: number; recordsUnreadable: number }; readErrors: { position?: number; message: string }[] };
    console.log(`# 2 GiB file: ${seconds.toFixed(1)} s (${(SIZE / 1024 ** 2 / seconds).toFixed(0)} MiB/s), peak RSS ${run.maxRssMiB.toFixed(0)} MiB, ${allocatedMiB.toFixed(1)} MiB on disk`);
    assert.equal(run.status, 4, `the 2 GB line is skipped for a read error: an incomplete check\n${run.stderr.join('\n')}`);
    assert.equal(report.stats.recordsInScope, 2000);
    assert.equal(report.readErrors.length, 1);
    assert.equal(report.readErrors[0]?.position, 1001);
    assert.match(report.readErrors[0]?.message ?? '', /longer than/);
    // The check counts the reader's rejections too: read = in scope + unreadable = records present.
    assert.equal(report.stats.recordsUnreadable, 1);
    assert.equal(report.stats.recordsRead, 2001, 'records read = records present');
    assert.ok(run.maxRssMiB < RSS_LIMIT_MIB, `peak RSS ${run.maxRssMiB.toFixed(0)} MiB for a 2 GiB input`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

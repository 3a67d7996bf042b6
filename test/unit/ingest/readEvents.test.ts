import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readEvents } from '../../../src/core/ingest/readEvents';
import { collect, fakeRecord, ids, lookupJson, put, range, tempDir, trailJson } from './builders';

const recs = (n: number, from = 1) => range(n, from).map(fakeRecord);
const idOf = (i: number) => String(fakeRecord(i)['eventID']);
/** Both read paths: whole-file JSON.parse, and the bounded-memory streaming splitter. */
const MODES = [
  { name: 'whole', opts: {} },
  { name: 'streamed', opts: { wholeFileLimit: 64 } },
];

for (const { name, opts } of MODES) {
  test(`${name}: plain and gzip trail files read the same records with record positions`, async () => {
    const dir = tempDir();
    const plain = put(dir, 'a.json', trailJson(recs(3), true));
    const gz = put(dir, 'b.bin', trailJson(recs(3, 4)), true); // gzip told by magic bytes, not name
    const { records, errors, stats } = await collect([plain, gz], opts);
    assert.deepEqual(errors, []);
    assert.deepEqual(ids(records), range(6).map(idOf));
    assert.deepEqual(records.map((r) => [r.source === plain ? 'a' : 'b', r.position]), [['a', 1], ['a', 2], ['a', 3], ['b', 1], ['b', 2], ['b', 3]]);
    assert.deepEqual(records[0]?.record, fakeRecord(1));
    assert.equal(stats.recordsRead, 6);
    assert.equal(stats.sourcesRead, 2);
  });

  test(`${name}: a truncated gzip trail file yields the records before the break and says where`, async () => {
    const dir = tempDir();
    const whole = gzipSync(Buffer.from(trailJson(recs(400))));
    const cut = put(dir, 'cut.json.gz', whole.subarray(0, Math.floor(whole.length * 0.6)));
    const after = put(dir, 'ok.json.gz', trailJson(recs(1, 999)), true);
    const { records, errors, stats } = await collect([cut, after], opts);
    const fromCut = records.filter((r) => r.source === cut);
    assert.ok(fromCut.length > 100 && fromCut.length < 400, `read ${fromCut.length} before the break`);
    assert.deepEqual(ids(fromCut), range(fromCut.length).map(idOf));
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.source, cut);
    // A one-line trail file: the record is named in the message, the position is its line.
    assert.equal(errors[0]?.position, 1);
    assert.match(errors[0]?.message ?? '', new RegExp(`^record ${fromCut.length + 1}: gzip data is truncated`));
    assert.deepEqual(ids(records.filter((r) => r.source === after)), [idOf(999)]);
    assert.equal(stats.incompleteSources, 1);
  });

  test(`${name}: lookup-events output, several pages, gives records and their Resources`, async () => {
    const dir = tempDir();
    const p = put(dir, 'lookup.json', `${lookupJson(recs(2))}\n${JSON.stringify(JSON.parse(lookupJson(recs(1, 3))), null, 4)}`);
    const { records, errors } = await collect([p], opts);
    assert.deepEqual(errors, []);
    assert.deepEqual(ids(records), range(3).map(idOf));
    assert.deepEqual(records[2]?.lookupResources, [{ ResourceType: 'AWS::S3::Bucket', ResourceName: 'bucket-3' }]);
    assert.deepEqual(records.map((r) => r.position), [1, 2, 3]);
  });
}

test('an S3 delivery-layout folder is walked in sorted order; digests and other files are counted, not read', async () => {
  const dir = tempDir();
  const base = 'AWSLogs/111122223333/CloudTrail/eu-west-1/2024/05/01';
  put(dir, `${base}/111122223333_CloudTrail_eu-west-1_20240501T1205Z_b.json.gz`, trailJson(recs(1, 2)), true);
  put(dir, `${base}/111122223333_CloudTrail_eu-west-1_20240501T1200Z_a.json.gz`, trailJson(recs(1, 1)), true);
  put(dir, 'AWSLogs/o-abc123/444455556666/CloudTrail/us-east-1/2024/05/01/444455556666_CloudTrail_us-east-1_x.json.gz', trailJson(recs(1, 3)), true);
  put(dir, 'AWSLogs/111122223333/CloudTrail-Digest/eu-west-1/2024/05/01/111122223333_CloudTrail-Digest_eu-west-1_x.json.gz', '{"awsAccountId":"1"}', true);
  put(dir, 'AWSLogs/111122223333/CloudTrail/eu-west-1/README.txt', 'not a log');
  const { records, errors, stats } = await collect([dir]);
  assert.deepEqual(errors, []);
  // '1…' sorts before 'o-…', and 1200Z before 1205Z within a day.
  assert.deepEqual(ids(records), [idOf(1), idOf(2), idOf(3)]);
  assert.equal(stats.digestFilesSkipped, 1);
  assert.equal(stats.otherFilesSkipped, 1);
});

test('JSONL: blank lines are fine, a bad line is reported by line number and the rest is read', async () => {
  const dir = tempDir();
  const lines = [JSON.stringify(fakeRecord(1)), '', '{"eventName": oops}', JSON.stringify({ awsAccountId: 'digest?' }), '[1]', JSON.stringify(fakeRecord(2))];
  const p = put(dir, 'events.jsonl', `${lines.join('\r\n')}\n\n`);
  const { records, errors, stats } = await collect([p]);
  assert.deepEqual(ids(records), [idOf(1), idOf(2)]);
  assert.deepEqual(records.map((r) => r.position), [1, 6]);
  assert.deepEqual(errors.map((e) => [e.source, e.position]), [[p, 3], [p, 4], [p, 5]]);
  assert.match(errors[0]?.message ?? '', /^line 3: invalid JSON/);
  assert.match(errors[1]?.message ?? '', /not a CloudTrail record/);
  assert.equal(stats.recordsRead + stats.recordsRejected, 5);
});

test('a plain trail file cut inside a record: records before it are read and the cut record is counted as rejected', async () => {
  const dir = tempDir();
  const text = trailJson(recs(5));
  const p = put(dir, 'cut.json', text.slice(0, text.indexOf(idOf(4))));
  const { records, errors, stats } = await collect([p]);
  assert.deepEqual(ids(records), range(3).map(idOf));
  assert.equal(errors.length, 1);
  assert.equal(errors[0]?.position, 1, 'the line the cut record starts on');
  assert.match(errors[0]?.message ?? '', /truncated inside record 4; the 3 record\(s\) before the break were read/);
  assert.equal(stats.recordsRejected, 1);
});

test('corrupt gzip, a non-JSON file and a missing path are reported by name; other files are still read', async () => {
  const dir = tempDir();
  const bad = put(dir, 'bad.json.gz', Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), Buffer.from('garbage, not deflate')]));
  const text = put(dir, 'notes.json', 'hello world');
  const ok = put(dir, 'ok.json', trailJson(recs(1)));
  const { records, errors, stats } = await collect([bad, text, join(dir, 'missing.json'), ok]);
  assert.deepEqual(ids(records), [idOf(1)]);
  assert.deepEqual(errors.map((e) => e.source), [bad, text, join(dir, 'missing.json')]);
  assert.match(errors[0]?.message ?? '', /gzip data is corrupt/);
  assert.match(errors[1]?.message ?? '', /not a CloudTrail file/);
  assert.match(errors[2]?.message ?? '', /ENOENT/);
  assert.equal(stats.sourcesFailed, 3);
});

test('a file that vanishes, or turns into a folder, after listing is reported and reading goes on', async () => {
  // One file is loaded ahead, so the files changed are the third and fourth in the folder.
  const dir = tempDir();
  for (const i of range(5)) put(dir, `f${i}.json`, trailJson(recs(1, i)));
  const errors: { source: string; message: string }[] = [];
  const seen: string[] = [];
  for await (const r of readEvents([dir], { onError: (e) => errors.push(e) })) {
    seen.push(String(r.record.eventID));
    if (seen.length === 1) {
      rmSync(join(dir, 'f3.json'));
      rmSync(join(dir, 'f4.json'));
      // As root, chmod 000 does not stop reads; a folder where a file was is an unreadable file we can make.
      mkdirSync(join(dir, 'f4.json'));
    }
  }
  assert.deepEqual(seen, [idOf(1), idOf(2), idOf(5)]);
  assert.deepEqual(errors.map((e) => e.source), [join(dir, 'f3.json'), join(dir, 'f4.json')]);
  assert.match(errors[0]?.message ?? '', /vanished/);
  assert.match(errors[1]?.message ?? '', /EISDIR/);
});

test('a file without read permission is reported (skipped when running as root, where chmod cannot block reads)', async (t) => {
  if (process.getuid?.() === 0) {
    t.skip('running as root: chmod 000 does not block reads; the EISDIR case above covers unreadable files');
    return;
  }
  const dir = tempDir();
  const p = put(dir, 'locked.json', trailJson(recs(1)));
  chmodSync(p, 0o000);
  const { errors } = await collect([p]);
  assert.match(errors[0]?.message ?? '', /permission denied/);
});

test('an abort stops reading with an AbortError', async () => {
  const dir = tempDir();
  for (const i of range(3)) put(dir, `f${i}.json`, trailJson(recs(2000, i * 10000)));
  const ac = new AbortController();
  let n = 0;
  await assert.rejects(async () => {
    for await (const _ of readEvents([dir], { signal: ac.signal })) if (++n === 10) ac.abort();
  }, { name: 'AbortError' });
  assert.ok(n < 2000, `stopped after ${n}`);
});

test('records over the size limit are rejected and counted', async () => {
  const dir = tempDir();
  const p = put(dir, 'big.json', trailJson([fakeRecord(1), { eventName: 'X', pad: 'z'.repeat(4000) }, fakeRecord(2)]));
  const { records, errors, stats } = await collect([p], { wholeFileLimit: 10, maxRecordBytes: 2000 });
  assert.deepEqual(ids(records), [idOf(1), idOf(2)]);
  assert.match(errors[0]?.message ?? '', /record 2: \d+ bytes, larger than the 2000-byte limit/);
  assert.equal(stats.recordsRead + stats.recordsRejected, 3);
});

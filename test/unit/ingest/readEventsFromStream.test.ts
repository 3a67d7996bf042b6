import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type { ReadError, SourcedRecord } from '../../../src/core/model';
import { newReadStats, readEventsFromStream } from '../../../src/core/ingest/readEvents';
import { fakeRecord, ids, lookupJson, range, trailJson } from './builders';

function chunked(buf: Buffer, size: number): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) parts.push(buf.subarray(i, i + size));
  return Readable.from(parts);
}

async function read(stream: Readable, source = 's3://bucket/key') {
  const records: SourcedRecord[] = [];
  const errors: ReadError[] = [];
  const stats = newReadStats();
  for await (const r of readEventsFromStream(stream, source, { onError: (e) => errors.push(e), stats })) records.push(r);
  return { records, errors, stats };
}

const idOf = (i: number) => String(fakeRecord(i)['eventID']);

test('a gzip S3 body arriving in tiny chunks gives every record, named by its source', async () => {
  const body = gzipSync(Buffer.from(trailJson(range(50).map(fakeRecord))));
  const { records, errors } = await read(chunked(body, 7));
  assert.deepEqual(errors, []);
  assert.deepEqual(ids(records), range(50).map(idOf));
  assert.equal(records[0]?.source, 's3://bucket/key');
});

test('plain JSONL and lookup-events bodies are detected from content', async () => {
  const jsonl = Buffer.from(range(3).map((i) => JSON.stringify(fakeRecord(i))).join('\n'));
  assert.deepEqual(ids((await read(chunked(jsonl, 5))).records), range(3).map(idOf));
  const lookup = Buffer.from(lookupJson(range(2).map(fakeRecord)));
  const { records } = await read(chunked(lookup, 100));
  assert.deepEqual(records.map((r) => r.lookupResources?.[0]?.ResourceName), ['bucket-1', 'bucket-2']);
});

test('a body that breaks off mid-gzip is reported with the records before it kept', async () => {
  const body = gzipSync(Buffer.from(trailJson(range(300).map(fakeRecord))));
  const { records, errors, stats } = await read(chunked(body.subarray(0, body.length >> 1), 1000), 's3://b/cut.json.gz');
  assert.ok(records.length > 50, `read ${records.length}`);
  assert.deepEqual(errors.map((e) => e.source), ['s3://b/cut.json.gz']);
  assert.match(errors[0]?.message ?? '', /gzip data is truncated/);
  assert.equal(stats.incompleteSources, 1);
});

test('an empty body is a read error, never zero events; an empty Records list is not', async () => {
  const empty = await read(Readable.from([]));
  assert.deepEqual([empty.records.length, empty.errors.length], [0, 1]);
  assert.match(empty.errors[0]?.message ?? '', /holds no CloudTrail record/);
  const none = await read(Readable.from([Buffer.from('{"Records": []}')]));
  assert.deepEqual([none.records.length, none.errors.length], [0, 0]);
});

test('a consumer that stops early releases the stream (plain and gzip)', async () => {
  for (const gz of [false, true]) {
    const text = Buffer.from(trailJson(range(3000).map(fakeRecord)));
    const body = chunked(gz ? gzipSync(text) : text, 4096);
    for await (const _ of readEventsFromStream(body, 's3://b/k')) break;
    assert.equal(body.destroyed, true, gz ? 'gzip' : 'plain');
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { collect, put, tempDir } from './builders';

const CORPUS = resolve(__dirname, '../../..', '../shared/corpus');

test('every real corpus record reads, as JSONL and re-wrapped as gzip trail files', async (t) => {
  if (!existsSync(CORPUS)) {
    t.skip(`corpus not found at ${CORPUS}; this test reads the shared real CloudTrail records when they are present`);
    return;
  }
  const files = readdirSync(CORPUS).filter((f) => f.endsWith('.jsonl')).map((f) => join(CORPUS, f));
  const lines = files.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.trim() !== ''));
  const asJsonl = await collect(files);
  assert.deepEqual(asJsonl.errors, []);
  assert.equal(asJsonl.records.length, lines.length);
  // The same records as S3 would deliver them: the trail path must agree with the JSONL path.
  const dir = tempDir();
  const parsed = lines.map((l) => JSON.parse(l) as unknown);
  for (let i = 0; i < parsed.length; i += 500) put(dir, `AWSLogs/1/CloudTrail/r/${String(i).padStart(6, '0')}.json.gz`, JSON.stringify({ Records: parsed.slice(i, i + 500) }), true);
  for (const opts of [{}, { wholeFileLimit: 1 }]) {
    const asTrail = await collect([dir], opts);
    assert.deepEqual(asTrail.errors, []);
    assert.deepEqual(asTrail.records.map((r) => r.record), parsed);
  }
});

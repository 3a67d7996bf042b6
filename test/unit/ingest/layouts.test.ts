import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { collect, fakeRecord, ids, put, range, tempDir } from './builders';

const idOf = (i: number) => String(fakeRecord(i)['eventID']);

test('other layouts: gzip JSONL, a top-level array, pretty-printed records one after another, a BOM', async () => {
  const dir = tempDir();
  const files = [
    put(dir, '1.jsonl.gz', range(2).map((i) => JSON.stringify(fakeRecord(i))).join('\n'), true),
    put(dir, '2.json', JSON.stringify([fakeRecord(3), fakeRecord(4)], null, 2)),
    put(dir, '3.json', [5, 6].map((i) => JSON.stringify(fakeRecord(i), null, 2)).join('\n')),
    put(dir, '4.json', `\uFEFF${JSON.stringify({ Records: [fakeRecord(7)] })}`),
  ];
  for (const wholeFileLimit of [undefined, 8]) {
    const { records, errors } = await collect(files, wholeFileLimit === undefined ? {} : { wholeFileLimit });
    assert.deepEqual(errors, []);
    assert.deepEqual(ids(records), range(7).map(idOf));
  }
});

test('JSONL with random damage: every non-blank line is either read or rejected, with its line number', async () => {
  const line = fc.oneof(
    fc.nat(99).map((i) => ({ good: true, text: JSON.stringify(fakeRecord(i)) })),
    fc.string().map((s) => ({ good: false, text: `{"eventName": ${JSON.stringify(s)}` })), // cut short
    fc.constant({ good: false, text: 'null' }),
    fc.constant({ good: true, text: '' }),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 30 }), fc.nat(99), async (rest, first) => {
      // Content that never shows a record line is not recognised as JSONL at all (tested elsewhere).
      const lines = [{ good: true, text: JSON.stringify(fakeRecord(first)) }, ...rest];
      const dir = tempDir();
      const p = put(dir, 'x.jsonl', lines.map((l) => l.text).join('\n'));
      const { records, errors, stats } = await collect([p]);
      const present = lines.filter((l) => l.text !== '');
      assert.equal(stats.recordsRead + stats.recordsRejected, present.length);
      assert.equal(records.length, present.filter((l) => l.good).length);
      const bad = lines.flatMap((l, k) => (l.good ? [] : [k + 1]));
      assert.deepEqual(errors.map((e) => e.position), bad);
    }),
    { numRuns: 40 },
  );
});

test('a JSONL file whose first line is damaged is still read from its second line on', async () => {
  const dir = tempDir();
  const p = put(dir, 'x.jsonl', `garbage\n${JSON.stringify(fakeRecord(1))}\n`);
  const { records, errors } = await collect([p]);
  assert.deepEqual(ids(records), [idOf(1)]);
  assert.deepEqual(errors.map((e) => e.position), [1]);
});

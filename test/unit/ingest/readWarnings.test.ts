import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collect, fakeRecord, lookupJson, put, range, tempDir } from './builders';

const MODES = [
  { name: 'whole', opts: {} },
  { name: 'streamed', opts: { wholeFileLimit: 64 } },
];

for (const { name, opts } of MODES) {
  test(`${name}: lookup-events output left with a NextToken is read, and a warning says more events exist`, async () => {
    const dir = tempDir();
    const page = JSON.parse(lookupJson(range(3).map(fakeRecord))) as Record<string, unknown>;
    const cut = put(dir, 'cut.json', JSON.stringify({ ...page, NextToken: 'eyJ0b2tlbiI6MX0=' }, null, 2));
    const done = put(dir, 'done.json', JSON.stringify({ ...page, NextToken: null }));
    const { records, errors, stats } = await collect([cut, done], opts);
    assert.equal(records.length, 6);
    assert.deepEqual(errors, []);
    assert.equal(stats.warnings.length, 1, stats.warnings.join('\n'));
    assert.match(stats.warnings[0]!, /cut\.json: lookup-events output has a NextToken: more events exist than the file holds/);
  });

  test(`${name}: a damaged record of pretty-printed lookup-events output is reported at the line it starts on`, async () => {
    const dir = tempDir();
    const page = JSON.parse(lookupJson(range(5).map(fakeRecord))) as { Events: Record<string, unknown>[] };
    page.Events[3]!['CloudTrailEvent'] = '{broken';
    const text = JSON.stringify(page, null, 4);
    const p = put(dir, 'lookup.json', text);
    const { records, errors } = await collect([p], opts);
    assert.equal(records.length, 4);
    const starts = [...text.matchAll(/^ {8}\{/gm)].map((m) => text.slice(0, m.index).split('\n').length);
    assert.equal(errors.length, 1);
    assert.deepEqual([errors[0]!.position, errors[0]!.message.slice(0, 9)], [starts[3], 'record 4:']);
  });
}

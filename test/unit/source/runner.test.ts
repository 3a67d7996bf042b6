// The runner: one read per check, each event once, counts that add up, and re-checks that report
// what the check did (read errors, scope notes, duplicates) whether they reuse held events or read again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { ResolvedEvent, SourcedRecord } from '../../../src/core/model';
import { checkSource, recheckSource } from '../../../src/core/source/runner';
import { fileSource, demoSource } from '../../../src/core/source/fileSource';
import { EventIds } from '../../../src/core/source/dedup';
import { ArgumentError } from '../../../src/core/source/errors';
import { newReadStats } from '../../../src/core/ingest/readStats';
import type { CheckSource } from '../../../src/core/source/types';
import { getObject } from '../check/records';
import { SNAPSHOT, tempFiles } from '../cli/harness';

const DEMO = path.resolve(__dirname, '../../../demo');
const NOW = Date.parse('2024-05-10T00:00:00Z');

test('EventIds: one event is one eventID in one account and event source; no eventID is never a duplicate', () => {
  const ids = new EventIds();
  const sr = (over: object): SourcedRecord => ({ record: getObject('alpha-app', 'beta-data', over), source: 's', position: 1 });
  assert.equal(ids.fresh(sr({ eventID: 'a' })), true);
  assert.equal(ids.fresh(sr({ eventID: 'a' })), false);
  assert.equal(ids.fresh(sr({ eventID: 'a', recipientAccountId: '444455556666' })), true, 'another account');
  assert.equal(ids.fresh(sr({ eventID: 'a', eventSource: 'sts.amazonaws.com' })), true, 'another event source');
  assert.equal(ids.fresh(sr({ eventID: undefined })), true);
  assert.equal(ids.fresh(sr({ eventID: undefined })), true);
  assert.equal(ids.dropped, 1);
});

test('the demo through its source: the expected findings, and the same counts after a re-check over held or re-read events', async () => {
  const held: ResolvedEvent[] = [];
  const source = await demoSource(DEMO);
  const run = await checkSource(source, { tagKeys: ['product'], onEvent: (ev) => held.push(ev) });
  assert.equal(run.result.stats.findings, 45);
  assert.equal(run.result.stats.recordsRead, 1532);
  // The demo's trail configuration leaves a bucket without data events and a region without a trail.
  assert.deepEqual(run.result.incomplete, [
    '1 of 45 resources in scope invisible to the trail (data events not logged: 1, management events not logged: 0): what they did there is not in the events (see Coverage)',
    'no logging trail in eu-central-1',
  ]);
  for (const again of [await recheckSource(run, { held }), await recheckSource(run, {})]) {
    assert.deepEqual(again.result.stats, run.result.stats);
    assert.deepEqual(again.result.coverage, run.result.coverage, 'a re-check keeps the trail coverage of the check');
    assert.deepEqual(again.result.findings.map((f) => f.eventID), run.result.findings.map((f) => f.eventID));
  }
  const one = await recheckSource(run, { product: 'catalog', held });
  assert.equal(one.result.scope.product, 'catalog');
  assert.ok(one.result.stats.findings > 0 && one.result.stats.findings < run.result.stats.findings);
  await assert.rejects(recheckSource(run, { product: 'Catalog', held }), (e: unknown) => e instanceof ArgumentError && /did you mean catalog/.test(e.message));
});

test('a re-check keeps the read errors, scope notes, unreadable counts and duplicates of the read its events came from', async () => {
  const good = getObject('alpha-app', 'beta-data', { eventID: 'cross' });
  const dir = tempFiles({ 'a.jsonl': `${JSON.stringify(good)}\n{ broken\n${JSON.stringify(good)}\n`, 'inv.json': SNAPSHOT });
  const held: ResolvedEvent[] = [];
  const run = await checkSource(fileSource({ events: [path.join(dir, 'a.jsonl')], inventory: [path.join(dir, 'inv.json')] }), { tagKeys: ['product'], now: NOW, onEvent: (ev) => held.push(ev) });
  const s = run.result.stats;
  assert.deepEqual([s.recordsRead, s.recordsInScope, s.recordsUnreadable, s.duplicatesDropped, run.result.readErrors.length], [2, 1, 1, 1, 1]);
  assert.equal(run.result.incomplete?.length, 1);
  const again = await recheckSource(run, { held, product: 'alpha' });
  assert.deepEqual(again.result.readErrors, run.result.readErrors, 'read errors survive the re-check');
  assert.deepEqual([again.result.stats.recordsUnreadable, again.result.stats.duplicatesDropped], [1, 1]);
  assert.ok(again.result.scope.notes?.some((n) => /1 duplicate event dropped/.test(n)));
  assert.ok(again.result.incomplete?.some((r) => /1 read error/.test(r)));
});

test('a source\'s own and per-read scope notes (e.g. what Athena scanned) reach the result and survive a re-check', async () => {
  const dir = tempFiles({ 'inv.json': SNAPSHOT });
  const files = fileSource({ events: [], inventory: [path.join(dir, 'inv.json')] });
  let reads = 0;
  const source: CheckSource = {
    kind: 'athena', label: 'scan', eventSources: ['athena:wg/db.t'], notes: ['Scanned as a test.'], warnings: ['two inventory files disagree on one ARN'],
    inventory: () => files.inventory(), mapping: async () => undefined,
    read() {
      reads++;
      const notes: string[] = [];
      async function* batches(): AsyncGenerator<readonly SourcedRecord[]> {
        yield [{ record: getObject('alpha-app', 'beta-data', { eventID: 'x' }), source: 's3://b/k', position: 1 }];
        notes.push(`Athena query q${reads} scanned 1 MB.`);
      }
      return { batches: batches(), stats: newReadStats(), notes };
    },
  };
  const warnings: string[] = [];
  const held: ResolvedEvent[] = [];
  const run = await checkSource(source, { tagKeys: ['product'], onWarning: (w) => warnings.push(w), onEvent: (ev) => held.push(ev) });
  assert.deepEqual(warnings, ['two inventory files disagree on one ARN']);
  const notes = run.result.scope.notes ?? [];
  assert.ok(notes.includes('Scanned as a test.') && notes.includes('Athena query q1 scanned 1 MB.') && notes.includes('Warning: two inventory files disagree on one ARN'), notes.join(' | '));
  const kept = await recheckSource(run, { held });
  assert.ok(kept.result.scope.notes?.includes('Athena query q1 scanned 1 MB.'), 'held events keep the scan\'s notes');
  const reread = await recheckSource(run, {});
  assert.ok(reread.result.scope.notes?.includes('Athena query q2 scanned 1 MB.'), 'a new scan brings its own notes');
  assert.equal(reads, 2);
});

test('filter problems are ArgumentErrors before anything is read', async () => {
  const source = await demoSource(DEMO);
  await assert.rejects(checkSource(source, { tagKeys: ['product'], filter: { since: '2026-10-10', until: '2026-10-01' } }), ArgumentError);
  await assert.rejects(checkSource(source, { tagKeys: ['product'], filter: { regions: ['us-east1'] } }), /did you mean us-east-1/);
});

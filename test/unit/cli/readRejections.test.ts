import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { getObject } from '../check/records';
import { runCli, SNAPSHOT, tempFiles } from './harness';

// Records the file reader rejects never reach the check; the report's counts must still add up,
// and they are unreadable (read errors), never "outside the filters".
test('check on a folder with a corrupt file counts the unreadable records as read and unreadable', async () => {
  const good = [getObject('alpha-app', 'beta-data', { eventID: 'cross' }), getObject('alpha-app', 'alpha-data', { eventID: 'own' })];
  const corrupt = `${JSON.stringify(getObject('alpha-app', 'alpha-data', { eventID: 'fine' }))}\n{"eventVersion": "1.08", "broken\n[1, 2]\n`;
  const events = tempFiles({ 'a.jsonl': good, 'b.jsonl': corrupt });
  const inv = tempFiles({ 'inv.json': SNAPSHOT });
  const r = await runCli(['check', '--events', events, '--inventory', path.join(inv, 'inv.json'), '--format', 'json'], inv);
  assert.equal(r.status, 4, r.stderr);
  assert.match(r.stderr, /read error: .*b\.jsonl:2/);
  const s = JSON.parse(r.stdout).stats;
  assert.equal(s.recordsInScope, 3);
  assert.equal(s.recordsUnreadable, 2, 'the broken line and the array line');
  assert.equal(s.recordsRejected, 0, 'nothing is outside the filters: there are none');
  assert.equal(s.recordsRead, 5);
  assert.equal(s.recordsRead, s.recordsInScope + s.recordsRejected + s.recordsUnreadable);
});

test('check exits 2 when the only records are ones the reader rejected', async () => {
  const events = tempFiles({ 'b.jsonl': '{"broken\n[1]\n' });
  const inv = tempFiles({ 'inv.json': SNAPSHOT });
  const r = await runCli(['check', '--events', events, '--inventory', path.join(inv, 'inv.json'), '--format', 'json'], inv);
  assert.equal(r.status, 2, r.stderr);
  assert.equal(JSON.parse(r.stdout).stats.recordsUnreadable, 2);
});

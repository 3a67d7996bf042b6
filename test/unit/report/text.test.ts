import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderText } from '../../../src/core/report/text';
import { groupResult } from '../../../src/core/report/group';
import { finding, gap, result } from './builders';

function many(n: number) {
  return Array.from({ length: n }, (_, i) => finding({
    eventID: `e-${i}`, eventTime: `2024-05-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z`, eventName: `Action${i % 40}`,
    severity: (['write', 'read', 'denied'] as const)[i % 3],
    principal: { arn: `arn:aws:iam::111122223333:role/caller-${i % 7}`, type: 'iam-role', product: 'alpha' },
  }));
}

test('every finding group is listed (no silent cut), most severe first, and lines fit 100 columns', () => {
  const r = result(many(200), [gap()]);
  const text = renderText(r);
  const groups = groupResult(r).findingGroups;
  assert.ok(groups.length > 40);
  for (const g of groups) assert.ok(text.includes(g.events[0]!.eventID), `group of ${g.events[0]!.eventID} listed`);
  assert.doesNotMatch(text, /more findings|not shown/);
  const firstRead = text.indexOf('[read]');
  assert.ok(text.lastIndexOf('[write]') < text.indexOf('[denied]') && text.lastIndexOf('[denied]') < firstRead, 'severity order');
  const wide = text.split('\n').filter((l) => [...l].length > 100);
  assert.deepEqual(wide, []);
});

test('--limit cuts and says how to see the rest, for findings and for gaps', () => {
  const r = result(many(100), Array.from({ length: 30 }, (_, i) => gap({ eventID: `g-${i}`, reason: `reason ${i}` })));
  const text = renderText(r, { limit: 5 });
  assert.match(text, /\.\.\. \d+ more finding groups not shown \(--limit 5\); without --limit all are listed/);
  assert.match(text, /\.\.\. 25 more gap groups not shown \(--limit 5\)/);
});

test('long ARNs are shortened in the middle, keeping the resource name', () => {
  const arn = `arn:aws:s3:::${'b'.repeat(40)}-end-of-name`;
  const r = result([finding({ resource: { arn: `arn:aws:dynamodb:eu-west-1:111122223333:table/${'t'.repeat(120)}-name`, product: 'beta', via: 'template' } }), finding({ eventID: 'x', resource: { arn, product: 'beta', via: 'resources' } })], []);
  const text = renderText(r);
  assert.match(text, /…t+-name \[beta\]/);
  assert.ok(text.split('\n').every((l) => [...l].length <= 100), text);
});

test('long scope notes are wrapped whole and long caller names shortened: every line fits 100 columns', () => {
  const session = 's'.repeat(64);
  const r = result([finding({ principal: { arn: `arn:aws:sts::111122223333:assumed-role/${'r'.repeat(64)}/${session}`, type: 'iam-role', product: 'alpha' } })], []);
  const note = `${'word '.repeat(60)}the end.`;
  r.scope.notes = [note];
  const text = renderText(r);
  assert.ok(text.split('\n').every((l) => [...l].length <= 100), text);
  const noteLines = text.split('\n').filter((l) => l.startsWith('Note: ') || /^ {6}word/.test(l));
  assert.ok(noteLines.length > 1);
  assert.equal(noteLines.map((l) => l.replace(/^(Note: | {6})/, '')).join(' '), note, 'nothing of the note is cut');
});

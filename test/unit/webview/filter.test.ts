import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterRows, sortRows, visibleRows, NO_FILTER } from '../../../webview/model/filter';
import { row, manyRows } from './rowBuilders';

test('text filter matches every word, case-insensitively, across columns', () => {
  const a = row({ eventName: 'PutObject', principal: 'arn:aws:iam::1:role/Deployer' });
  const b = row({ eventName: 'PutObject', principal: 'arn:aws:iam::1:role/reader' });
  const c = row({ eventName: 'GetObject', targets: [{ arn: 'arn:aws:s3:::logs', via: 'template', product: 'beta' }] });
  assert.deepEqual(filterRows([a, b, c], { ...NO_FILTER, text: 'putobject DEPLOYER' }), [a]);
  assert.deepEqual(filterRows([a, b, c], { ...NO_FILTER, text: '  template  ' }), [c]);
  assert.deepEqual(filterRows([a, b, c], { ...NO_FILTER, text: 'nothing-like-this' }), []);
});

test('toggles keep only violations, unresolved (including partial) and writes', () => {
  const v = row({ violation: true });
  const u = row({ status: 'unresolved', targets: [], unresolvedReason: 'no template' });
  const p = row({ status: 'partial', unresolvedReason: 'one of two' });
  const w = row({ write: true });
  const all = [v, u, p, w];
  assert.deepEqual(filterRows(all, { ...NO_FILTER, violationsOnly: true }), [v]);
  assert.deepEqual(filterRows(all, { ...NO_FILTER, unresolvedOnly: true }), [u, p]);
  assert.deepEqual(filterRows(all, { ...NO_FILTER, writesOnly: true }), [w]);
  assert.deepEqual(filterRows(all, { ...NO_FILTER, unresolvedOnly: true, text: 'no template' }), [u]);
});

test('the unresolved reason is searchable', () => {
  const u = row({ status: 'unresolved', targets: [], unresolvedReason: 'requestParameters lack bucketName' });
  assert.deepEqual(filterRows([row(), u], { ...NO_FILTER, text: 'bucketname' }), [u]);
});

test('sorting is by the chosen column, both directions, ties broken by id', () => {
  const r1 = row({ id: 'b', eventName: 'Zeta', time: '2026-01-02T00:00:00Z' });
  const r2 = row({ id: 'a', eventName: 'Alpha', time: '2026-01-03T00:00:00Z' });
  const r3 = row({ id: 'c', eventName: 'Alpha', time: '2026-01-01T00:00:00Z' });
  assert.deepEqual(sortRows([r1, r2, r3], { key: 'eventName', descending: false }).map((r) => r.id), ['a', 'c', 'b']);
  assert.deepEqual(sortRows([r1, r2, r3], { key: 'time', descending: true }).map((r) => r.id), ['a', 'b', 'c']);
  assert.deepEqual(sortRows([r1, r2, r3], { key: 'time', descending: false }).map((r) => r.id), ['c', 'b', 'a']);
});

test('sorting does not change its input and filter+sort agree with doing them apart', () => {
  const rows = manyRows(2000);
  const before = rows.map((r) => r.id);
  const f = { ...NO_FILTER, text: 'role-1', writesOnly: true };
  const spec = { key: 'principal' as const, descending: false };
  const combined = visibleRows(rows, f, spec);
  assert.deepEqual(rows.map((r) => r.id), before);
  assert.deepEqual(combined, sortRows(filterRows(rows, f), spec));
  assert.ok(combined.length > 0 && combined.every((r) => r.write && r.principal.includes('role-1')));
  for (let i = 1; i < combined.length; i++) assert.ok((combined[i - 1]?.principal ?? '') <= (combined[i]?.principal ?? ''));
});

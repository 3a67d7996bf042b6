import { test } from 'node:test';
import assert from 'node:assert/strict';
import { visibleRows, NO_FILTER, type RowFilter } from '../../../webview/model/filter';
import { RowIndex } from '../../../webview/model/rowIndex';
import type { SortSpec } from '../../../src/shared/protocol';
import { manyRows, row } from './rowBuilders';

const ids = (index: RowIndex, f: RowFilter, s: SortSpec): string[] => index.rowsAt(index.visible(f, s)).map((r) => r.id);

test('the indexed view is exactly filter-then-sort, for every sort and filter', () => {
  const rows = manyRows(3_000);
  const index = new RowIndex();
  index.setRows(rows);
  const filters: RowFilter[] = [NO_FILTER, { ...NO_FILTER, text: 'role-42' }, { ...NO_FILTER, text: 'PUTOBJECT role-1' },
    { ...NO_FILTER, unresolvedOnly: true }, { ...NO_FILTER, violationsOnly: true, writesOnly: true, text: 'us-east' }, { ...NO_FILTER, text: 'absent-word' }];
  const sorts: SortSpec[] = [{ key: 'time', descending: true }, { key: 'principal', descending: false }, { key: 'write', descending: true }, { key: 'error', descending: false }];
  for (const s of sorts) for (const f of filters) {
    assert.deepEqual(ids(index, f, s), visibleRows(rows, f, s).map((r) => r.id), `${JSON.stringify(f)} ${JSON.stringify(s)}`);
  }
});

test('typing on narrows the previous result; deleting, a toggle or a new sort widen it again', () => {
  const rows = manyRows(2_000);
  const index = new RowIndex();
  index.setRows(rows);
  const s: SortSpec = { key: 'time', descending: true };
  const steps: RowFilter[] = [{ ...NO_FILTER, text: 'r' }, { ...NO_FILTER, text: 'role-4' }, { ...NO_FILTER, text: 'role-42' },
    { ...NO_FILTER, text: 'role-42 ' }, { ...NO_FILTER, text: 'role-42 put' }, { ...NO_FILTER, text: 'role-4' },
    { ...NO_FILTER, text: 'role-4', writesOnly: true }, { ...NO_FILTER, text: 'role-4' }, { ...NO_FILTER, text: '' }];
  for (const f of steps) assert.deepEqual(ids(index, f, s), visibleRows(rows, f, s).map((r) => r.id), JSON.stringify(f));
  const other: SortSpec = { key: 'eventName', descending: false };
  assert.deepEqual(ids(index, { ...NO_FILTER, text: 'role-42' }, other), visibleRows(rows, { ...NO_FILTER, text: 'role-42' }, other).map((r) => r.id));
});

test('appended rows are searched and sorted with the others', () => {
  const index = new RowIndex();
  const a = row({ eventName: 'GetObject', time: '2026-01-01T00:00:01Z' });
  index.setRows([a]);
  const s: SortSpec = { key: 'time', descending: false };
  assert.deepEqual(ids(index, { ...NO_FILTER, text: 'deletebucket' }, s), []);
  const b = row({ eventName: 'DeleteBucket', time: '2026-01-01T00:00:00Z' });
  index.appendRows([b]);
  assert.deepEqual(ids(index, { ...NO_FILTER, text: 'deletebucket' }, s), [b.id]);
  assert.deepEqual(ids(index, NO_FILTER, s), [b.id, a.id]);
  assert.equal(index.warm(0, 10), 2);
});

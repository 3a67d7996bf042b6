import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventIdTable, parseUuid } from '../../../src/core/source/eventIdTable';

test('every distinct id is kept, every repeat is caught, across growth', () => {
  const t = new EventIdTable(4);
  const ids: string[] = [];
  for (let n = 0; n < 5000; n++) ids.push(`be0c4a11-0000-4000-8000-${n.toString(16).padStart(12, '0')}`);
  for (const id of ids) assert.equal(t.add(id), true, id);
  for (const id of ids) assert.equal(t.add(id), false, id);
});

test('ids that are not canonical lowercase UUIDs are compared as strings, never folded onto a UUID', () => {
  const t = new EventIdTable();
  const lower = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
  assert.equal(t.add(lower), true);
  assert.equal(t.add(lower.toUpperCase()), true);
  assert.equal(t.add(lower.toUpperCase()), false);
  assert.equal(t.add('not-a-uuid'), true);
  assert.equal(t.add('not-a-uuid'), false);
  assert.equal(t.add(lower), false);
});

test('parseUuid reads the 128 bits and refuses other shapes', () => {
  const out = new Uint32Array(4);
  assert.equal(parseUuid('ffffffff-0000-0001-8000-00000000abcd', out), true);
  assert.deepEqual([...out], [0xffffffff, 0x00000001, 0x80000000, 0x0000abcd]);
  for (const bad of ['', 'ffffffff-0000-0001-8000-00000000abc', 'ffffffff00000-0001-8000-00000000abcd', 'gfffffff-0000-0001-8000-00000000abcd', 'FFFFFFFF-0000-0001-8000-00000000ABCD']) {
    assert.equal(parseUuid(bad, out), false, bad);
  }
});

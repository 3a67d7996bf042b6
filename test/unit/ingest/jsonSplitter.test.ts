import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { JsonRecordSplitter, type Piece, type SplitMode } from '../../../src/core/ingest/jsonSplitter';
import { LineSplitter, type Line } from '../../../src/core/ingest/lineSplitter';
import { fakeRecord } from './builders';

/** Feeds `text` cut at the given offsets, so records and escapes straddle chunk boundaries. */
function split(mode: SplitMode, text: string, cuts: number[], max = 1 << 20): { pieces: Piece[]; end: ReturnType<JsonRecordSplitter['end']> } {
  const buf = Buffer.from(text, 'utf8');
  const s = new JsonRecordSplitter(mode, max);
  const pieces: Piece[] = [];
  let at = 0;
  for (const c of [...new Set(cuts.map((x) => x % (buf.length + 1)))].sort((a, b) => a - b)) {
    pieces.push(...s.push(buf.subarray(at, c)));
    at = c;
  }
  pieces.push(...s.push(buf.subarray(at)));
  return { pieces, end: s.end() };
}

const objects = fc.array(
  fc.oneof(
    fc.nat(1000).map((i) => fakeRecord(i)),
    fc.dictionary(fc.string(), fc.jsonValue()),
  ),
  { maxLength: 8 },
);

test('container mode returns every record intact wherever the chunks are cut', () => {
  fc.assert(
    fc.property(objects, fc.array(fc.nat(), { maxLength: 12 }), fc.boolean(), (recs, cuts, pretty) => {
      const text = JSON.stringify({ Other: { Records: 'x' }, Records: recs, NextToken: '"]}' }, null, pretty ? 2 : undefined);
      const { pieces, end } = split('container', text, cuts);
      assert.deepEqual([end.truncated, end.partialIndex, end.failure], [false, undefined, undefined]);
      assert.deepEqual(
        pieces.map((p) => (p.kind === 'element' ? JSON.parse(p.text) : p.kind)),
        // Round-tripped, because generated dictionaries may carry keys such as __proto__.
        JSON.parse(JSON.stringify(recs)),
      );
      assert.deepEqual(pieces.map((p) => p.index), recs.map((_, k) => k + 1));
    }),
  );
});

test('concatenated pages, top-level arrays and concatenated objects are all split', () => {
  const a = [fakeRecord(1), fakeRecord(2)];
  const b = [fakeRecord(3)];
  const pages = `${JSON.stringify({ Events: a, NextToken: 't' })}\n${JSON.stringify({ Events: b }, null, 2)}`;
  const p1 = split('container', pages, [17, 300]).pieces;
  assert.deepEqual(p1.map((p) => (p.kind === 'element' ? [p.container, JSON.parse(p.text)] : p.kind)), [...a, ...b].map((r) => ['Events', r]));
  const p2 = split('array', JSON.stringify([...a, ...b]), [5]).pieces;
  assert.equal(p2.length, 3);
  const p3 = split('concat', [...a, ...b].map((r) => JSON.stringify(r, null, 2)).join('\n'), [40]).pieces;
  assert.deepEqual(p3.map((p) => (p.kind === 'element' ? JSON.parse(p.text) : p.kind)), [...a, ...b]);
});

test('values that are not objects are counted, not parsed', () => {
  const { pieces } = split('container', '{"Records":[1, "a{", {"eventName":"X"}, null, [{}], {"eventName":"Y"}]}', []);
  assert.deepEqual(pieces.map((p) => `${p.kind}:${p.index}`), ['not-object:1', 'not-object:2', 'element:3', 'not-object:4', 'not-object:5', 'element:6']);
});

test('truncation inside a record names it, and records before it survive', () => {
  const text = JSON.stringify({ Records: [fakeRecord(1), fakeRecord(2), fakeRecord(3)] });
  const cut = text.lastIndexOf('eventVersion');
  const { pieces, end } = split('container', text.slice(0, cut), [100]);
  assert.equal(pieces.length, 2);
  assert.deepEqual([end.truncated, end.partialIndex, end.failure, end.partialLine], [true, 3, undefined, 1]);
  const between = split('container', text.slice(0, text.lastIndexOf(',{')), []);
  assert.deepEqual([between.end.truncated, between.end.partialIndex, between.end.failure], [true, undefined, undefined]);
});

test('each record carries the line it starts on, wherever the chunks are cut; a cut record too', () => {
  const recs = [fakeRecord(1), 7, fakeRecord(2), fakeRecord(3)];
  const text = JSON.stringify({ Events: recs }, null, 4);
  const starts = [...text.matchAll(/^ {8}(\{|7)/gm)].map((m) => text.slice(0, m.index).split('\n').length);
  assert.equal(starts.length, 4);
  for (const cuts of [[], [1, 2, 3], [50, 51, 400, 401, 402], [text.indexOf('\n', 300)]]) {
    const { pieces, end } = split('container', text, cuts);
    assert.deepEqual(pieces.map((p) => [p.index, p.line]), starts.map((line, k) => [k + 1, line]));
    assert.equal(end.line, text.split('\n').length);
  }
  const cut = split('container', text.slice(0, text.lastIndexOf('eventVersion')), [77]);
  assert.deepEqual([cut.end.partialIndex, cut.end.partialLine], [4, starts[3]]);
});

test('a lookup-events NextToken left in the output is noticed; an empty or null one, or one inside a record, is not', () => {
  const pages = (token: unknown, pretty?: number) => JSON.stringify({ Events: [{ eventName: 'X', NextToken: 'inner' }], NextToken: token }, null, pretty);
  const more = (text: string, cuts: number[] = []) => {
    const s = new JsonRecordSplitter('container', 1 << 20);
    const buf = Buffer.from(text);
    let at = 0;
    for (const c of cuts) { s.push(buf.subarray(at, c)); at = c; }
    s.push(buf.subarray(at));
    return s.morePages;
  };
  assert.equal(more(pages('abc')), true);
  assert.equal(more(pages('abc', 2), [3, 30, 61]), true);
  assert.equal(more(pages('')), false);
  assert.equal(more(pages(null)), false);
  assert.equal(more(JSON.stringify({ Events: [{ eventName: 'X', NextToken: 'inner' }] })), false);
  assert.equal(more(JSON.stringify({ NextToken: 'first', Events: [] })), true);
  // Concatenated pages: every page but the last has a token; only the last one's counts.
  assert.equal(more(`${pages('p2')}\n${pages('')}`), false);
  assert.equal(more(`${pages('p2')}\n${pages('p3', 2)}`, [40]), true);
});

test('records over the size limit are reported without being kept', () => {
  const big = { eventName: 'X', pad: 'y'.repeat(5000) };
  const text = JSON.stringify({ Records: [fakeRecord(1), big, fakeRecord(2)] });
  const { pieces } = split('container', text, [600, 2000, 4000], 3000);
  assert.deepEqual(pieces.map((p) => p.kind), ['element', 'too-large', 'element']);
});

test('structural garbage stops the split with a reason', () => {
  const { end } = split('container', '{"Records":[{"eventName":"A"}]}]', []);
  assert.match(end.failure ?? '', /unbalanced/);
  assert.match(split('container', 'hello', []).end.failure ?? '', /unexpected content/);
});

test('line splitter keeps line numbers across chunks, skips blank lines, strips CR', () => {
  fc.assert(
    fc.property(fc.array(fc.nat(), { maxLength: 10 }), (cuts) => {
      const text = '{"a":1}\r\n\n  \n{"b":"é"}\n{"c":3}';
      const buf = Buffer.from(text);
      const s = new LineSplitter(1 << 20);
      const out: Line[] = [];
      let at = 0;
      for (const c of [...new Set(cuts.map((x) => x % (buf.length + 1)))].sort((a, b) => a - b)) {
        out.push(...s.push(buf.subarray(at, c)));
        at = c;
      }
      out.push(...s.push(buf.subarray(at)), ...s.end());
      assert.deepEqual(out, [
        { kind: 'line', text: '{"a":1}', line: 1 },
        { kind: 'line', text: '{"b":"é"}', line: 4 },
        { kind: 'line', text: '{"c":3}', line: 5 },
      ]);
    }),
  );
});

test('an endless line is reported by length, not held', () => {
  const s = new LineSplitter(10);
  const out = [...s.push(Buffer.from('x'.repeat(8))), ...s.push(Buffer.from('y'.repeat(8))), ...s.push(Buffer.from('\n{}\n'))];
  assert.deepEqual(out, [{ kind: 'too-long', line: 1, bytes: 16 }, { kind: 'line', text: '{}', line: 2 }]);
});

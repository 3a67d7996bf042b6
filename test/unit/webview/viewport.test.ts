import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { rowTop, viewportFor } from '../../../webview/model/viewport';

test('only rows in view plus overscan are drawn, at any table size', () => {
  const vp = viewportFor(50_000, 28, 28 * 1000, 560, undefined, 10);
  assert.equal(vp.start, 990);
  assert.equal(vp.end, 1000 + 21 + 10);
  assert.equal(vp.offsetTop, 990 * 28);
  assert.equal(vp.totalHeight, 50_000 * 28);
});

test('an empty table draws nothing', () => {
  assert.deepEqual(viewportFor(0, 28, 100, 500), { start: 0, end: 0, offsetTop: 0, totalHeight: 0 });
});

test('scrolling past the end is clamped to the last rows', () => {
  const vp = viewportFor(100, 20, 1e9, 200, undefined, 0);
  assert.equal(vp.end, 100);
  assert.ok(vp.start >= 89 && vp.start <= 90);
});

test('an expanded row shifts the rows below it and is counted in the height', () => {
  const ex = { index: 5, extra: 300 };
  assert.equal(rowTop(5, 28, ex), 140);
  assert.equal(rowTop(6, 28, ex), 6 * 28 + 300);
  const vp = viewportFor(1000, 28, 28 * 6 + 150, 100, ex, 0);
  assert.equal(vp.start, 5, 'the top of the view is inside the expanded row');
  assert.equal(vp.totalHeight, 1000 * 28 + 300);
});

test('the drawn window always covers the visible pixels', () => {
  fc.assert(fc.property(
    fc.integer({ min: 1, max: 60_000 }), fc.integer({ min: 10, max: 40 }), fc.nat(3_000_000), fc.integer({ min: 1, max: 2000 }),
    fc.option(fc.record({ index: fc.nat(60_000), extra: fc.integer({ min: 0, max: 500 }) }), { nil: undefined }),
    (count, h, scroll, view, ex) => {
      const vp = viewportFor(count, h, scroll, view, ex, 0);
      const exUsed = ex && ex.index < count ? ex : undefined;
      const top = Math.max(0, Math.min(scroll, Math.max(0, vp.totalHeight - view)));
      assert.ok(vp.start >= 0 && vp.end <= count && vp.start < vp.end);
      assert.ok(rowTop(vp.start, h, exUsed) <= top);
      const lastBottom = rowTop(vp.end - 1, h, exUsed) + h + (exUsed?.index === vp.end - 1 ? exUsed.extra : 0);
      assert.ok(lastBottom >= Math.min(top + view, vp.totalHeight));
    }));
});

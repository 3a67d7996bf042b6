// Measures the events table's filter and sort at 50,000 rows (the plain functions the webview runs
// on each keystroke and header click). Prints figures; asserts nothing. Run: npx tsx scripts/bench-webview.ts
import { performance } from 'node:perf_hooks';
import { filterRows, sortRows, NO_FILTER } from '../webview/model/filter';
import { viewportFor } from '../webview/model/viewport';
import { RowIndex } from '../webview/model/rowIndex';
import { manyRows } from '../test/unit/webview/rowBuilders';

const COUNT = Number(process.env.ROWS ?? 50_000);
const REPEAT = 7;

function median(f: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? NaN;
}

const rows = manyRows(COUNT);
// Baseline in the same process: one plain pass over the rows, so that figures can be read as ratios.
const baseline = median(() => rows.reduce((n, r) => n + r.id.length, 0));
const t0 = performance.now();
filterRows(rows, { ...NO_FILTER, text: 'x' });
const firstFilter = performance.now() - t0; // builds the per-row search text once

const TIME = { key: 'time', descending: true } as const;
const index = new RowIndex();
index.setRows(rows);
index.warm(0, rows.length);
index.order(TIME);

const cases: [string, () => unknown][] = [
  ['filter text "role-42 putobject"', () => filterRows(rows, { ...NO_FILTER, text: 'role-42 putobject' })],
  ['filter unresolved only', () => filterRows(rows, { ...NO_FILTER, unresolvedOnly: true })],
  ['filter violations+writes', () => filterRows(rows, { ...NO_FILTER, violationsOnly: true, writesOnly: true })],
  ['sort by time desc', () => sortRows(rows, { key: 'time', descending: true })],
  ['sort by principal', () => sortRows(rows, { key: 'principal', descending: false })],
  // What the table runs: positions over the cached sort order and per-row text (warmed above).
  ['table: text "role-42 putobject"', () => { index.visible(NO_FILTER, TIME); return index.visible({ ...NO_FILTER, text: 'role-42 putobject' }, TIME); }],
  ['table: text typed on "role-42 p"', () => { index.visible({ ...NO_FILTER, text: 'role-42' }, TIME); return index.visible({ ...NO_FILTER, text: 'role-42 p' }, TIME); }],
  ['table: filter cleared', () => index.visible(NO_FILTER, TIME)],
  ['viewport at row 25,000', () => viewportFor(rows.length, 28, 28 * 25_000, 800)],
];

console.log(`bench-webview: ${COUNT} rows, median of ${REPEAT}; baseline pass ${baseline.toFixed(2)} ms`);
console.log(`  first filter (builds search text) ${firstFilter.toFixed(1)} ms`);
for (const [name, f] of cases) {
  const ms = median(f);
  console.log(`  ${name.padEnd(34)} ${ms.toFixed(2).padStart(8)} ms  (${(ms / baseline).toFixed(1)}x baseline)`);
}
const mem = process.memoryUsage();
console.log(`  heap used ${(mem.heapUsed / 1e6).toFixed(0)} MB for ${COUNT} rows`);

// The project's promise on the labelled sample: the resolver names every expected target of at
// least 95% of the records that have one, at least 98% of what it reports is expected, and it
// never leaves a record unresolved without saying why. `npx tsx scripts/measure-resolution.ts`
// prints the same figures with the list of misses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CORPUS_DIR, corpusAvailable, loadLabelledRecords, loadLabels } from '../../labelled/labels';
import { loadResolveRecord } from '../../labelled/loadResolver';
import { measure, ratio, type Figures } from '../../labelled/measure';

const noCorpus = corpusAvailable() ? false : `corpus not found at ${CORPUS_DIR}`;

function missList(f: Figures): string {
  return f.misses.slice(0, 15).map((m) => `${m.where} ${m.pair}: missing [${m.missing.join(' ')}] extra [${m.extra.join(' ')}]`).join('\n');
}

test('resolver meets the thresholds on the labelled sample', { skip: noCorpus }, async (t) => {
  const resolve = await loadResolveRecord();
  if (typeof resolve === 'string') {
    t.skip(`resolver missing: ${resolve}`);
    return;
  }
  const { items } = loadLabelledRecords(loadLabels().labels);
  const f = measure(items, (r) => resolve(r));
  assert.equal(f.threw, 0, 'resolveRecord must never throw');
  const found = ratio(f.allFound, f.targetRecords);
  assert.ok(found >= 0.95, `all targets found on ${(100 * found).toFixed(1)}% of ${f.targetRecords} records\n${missList(f)}`);
  const precision = ratio(f.reportedExpected, f.reported);
  assert.ok(precision >= 0.98, `precision ${(100 * precision).toFixed(1)}% of ${f.reported} reported\n${missList(f)}`);
  assert.equal(f.unresolvedWithReason, f.unresolved, 'every unresolved or partial resolution needs a reason');
});

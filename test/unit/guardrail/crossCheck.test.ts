/**
 * TagTrail's own evaluator against the AGPL `@cloud-copilot/iam-simulate` (a dev dependency, never
 * bundled), on every event of the demo and on a deterministic 20,000-record sample of the 1M-record
 * bench: the first 20 files as scripts/bench/generate.ts writes them (all 16 tenants), generated into
 * .cache/ from the shared corpus. Same answer for every event, action and form: denied, allowed or
 * unguardable. Identical request contexts are asked of iam-simulate once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { demoPerEvent, DEMO_FINDINGS } from './demoRun';
import { crossCheck } from './simulate';
import { ensureBenchData } from '../../../scripts/bench/generate';
import { fileSource } from '../../../src/core/source/fileSource';
import { checkSource } from '../../../src/core/source/runner';
import { ReplayCollector } from '../../../src/core/guardrail/collect';
import { proposeGuardrails } from '../../../src/core/guardrail/propose';
import type { GuardrailForm, PolicyDocument } from '../../../src/core/guardrail/policy';
import type { Proposal } from '../../../src/core/guardrail/propose';

const ROOT = path.resolve(__dirname, '../../..');
const CORPUS = path.resolve(ROOT, '../shared/corpus');
const SAMPLE = path.resolve(ROOT, '.cache/guardrail-bench-sample');

function byForm(p: Proposal): Map<GuardrailForm, PolicyDocument[]> {
  const m = new Map<GuardrailForm, PolicyDocument[]>();
  for (const d of p.documents) m.set(d.form, [...(m.get(d.form) ?? []), d.document]);
  return m;
}

test('demo: our evaluator and iam-simulate give the same answer on every event, action and form', async () => {
  const { window, proposal } = await demoPerEvent();
  const r = await crossCheck(window.items, byForm(proposal), 'product');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.mismatches, []);
  assert.equal(window.items.reduce((n, i) => n + i.count, 0), window.items.length, 'one item per event and target');
  assert.ok(r.answers.denied >= DEMO_FINDINGS * 2, `denied answers: ${r.answers.denied}`);
  console.log(`demo cross-check: ${r.compared} answers (${JSON.stringify(r.answers)}), ${r.asked} distinct contexts asked of iam-simulate`);
});

test('bench sample (20,000 records): the same answer on every event, action and form', { timeout: 900_000 }, async (t) => {
  if (!existsSync(CORPUS)) {
    t.skip(`the shared corpus is not at ${CORPUS}; the bench records are generated from it`);
    return;
  }
  const m = await ensureBenchData(SAMPLE, CORPUS, 20_000);
  assert.equal(m.records, 20_000);
  const c = new ReplayCollector(undefined, true);
  const check = await checkSource(fileSource({ events: [path.join(SAMPLE, 'AWSLogs')], inventory: [path.join(SAMPLE, 'inventory.json')] }), { tagKeys: ['product'], onEvent: c.add });
  assert.equal(check.result.stats.recordsRead, 20_000);
  const window = c.finish();
  const proposal = proposeGuardrails({ tagKey: 'product', mapping: undefined, seenActions: window.seenActions, forms: ['scp', 'rcp', 'boundary'], scope: 'seen' });
  const r = await crossCheck(window.items, byForm(proposal), 'product');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.mismatches, []);
  assert.ok(r.answers.denied > 0 && r.answers.allowed > 0 && r.answers.unguardable > 0, JSON.stringify(r.answers));
  console.log(`bench sample cross-check: ${window.items.length} accesses, ${r.compared} answers (${JSON.stringify(r.answers)}), ${r.asked} distinct contexts asked of iam-simulate`);
});

/** The demo account's guardrail run, made once per test file (every form, actions seen). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { demoSource } from '../../../src/core/source/fileSource';
import { checkSource } from '../../../src/core/source/runner';
import { ReplayCollector, type CollectedWindow } from '../../../src/core/guardrail/collect';
import { proposeGuardrails, type Proposal } from '../../../src/core/guardrail/propose';
import { runGuardrail, type GuardrailRun } from '../../../src/core/guardrail/run';
import type { CheckResult, ProductMapping } from '../../../src/core/model';

export const DEMO = path.resolve(__dirname, '../../../demo');
/** How many findings demo/expected.json lists: each is a cross-product access the guardrails must deny. */
export const DEMO_FINDINGS = (JSON.parse(readFileSync(path.join(DEMO, 'expected.json'), 'utf8')) as { findings: unknown[] }).findings.length;

let run: Promise<GuardrailRun> | undefined;
export function demoGuardrail(): Promise<GuardrailRun> {
  run ??= demoSource(DEMO).then((src) => runGuardrail(src, { tagKeys: ['product'], forms: ['scp', 'rcp', 'boundary'], scope: 'seen' }));
  return run;
}

/** One item per event and target (no folding of equal contexts), with the proposal made from it. */
export async function demoPerEvent(): Promise<{ window: CollectedWindow; proposal: Proposal; mapping: ProductMapping | undefined; result: CheckResult }> {
  const src = await demoSource(DEMO);
  const mapping = await src.mapping();
  const c = new ReplayCollector(mapping, true);
  const check = await checkSource(src, { tagKeys: ['product'], onEvent: c.add });
  const window = c.finish();
  const proposal = proposeGuardrails({ tagKey: 'product', mapping, seenActions: window.seenActions, forms: ['scp', 'rcp', 'boundary'], scope: 'seen' });
  return { window, proposal, mapping, result: check.result };
}

/**
 * `guardrail` end to end on a source: the one check through the runner, with the replay collecting
 * each judged event, then the proposal from what was seen and the replay of every collected event.
 */
import type { CheckResult, ProductMapping } from '../model';
import { checkSource, type RunOptions, type SourceCheck } from '../source/runner';
import type { CheckSource } from '../source/types';
import { ReplayCollector } from './collect';
import type { GuardrailForm } from './policy';
import { proposeGuardrails, type ActionScope, type Proposal } from './propose';
import { replay, type ReplayResult } from './replay';

export interface GuardrailOptions extends RunOptions {
  forms: readonly GuardrailForm[];
  scope: ActionScope;
}

export interface GuardrailRun {
  check: SourceCheck;
  result: CheckResult;
  proposal: Proposal;
  replay: ReplayResult;
  /** Milliseconds spent proposing and replaying, after the check. */
  replayMs: number;
}

/** The mapping is read once, before the check, so the collector knows which products come from it. */
function withMapping(source: CheckSource, mapping: ProductMapping | undefined): CheckSource {
  const wrapped = Object.create(source) as CheckSource & { mapping: () => Promise<ProductMapping | undefined> };
  wrapped.mapping = () => Promise.resolve(mapping);
  return wrapped;
}

export async function runGuardrail(source: CheckSource, opts: GuardrailOptions): Promise<GuardrailRun> {
  const mapping = await source.mapping();
  const collector = new ReplayCollector(mapping);
  const onEvent = opts.onEvent;
  const check = await checkSource(withMapping(source, mapping), {
    ...opts,
    onEvent: (e, j) => {
      collector.add(e, j);
      onEvent?.(e, j);
    },
  });
  const t0 = performance.now();
  const window = collector.finish();
  const proposal = proposeGuardrails({ tagKey: check.tagKeys[0] ?? 'product', mapping, seenActions: window.seenActions, forms: opts.forms, scope: opts.scope });
  if (check.tagKeys.length > 1) proposal.notes.push(`The check tries the tag keys ${check.tagKeys.join(', ')}; the policies test only ${check.tagKeys[0]}, as a policy variable names one key.`);
  const result = replay(window, proposal);
  return { check, result: check.result, proposal, replay: result, replayMs: performance.now() - t0 };
}

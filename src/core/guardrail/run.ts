/**
 * `guardrail` end to end on a source: the one check through the runner, with the replay collecting
 * each judged event, then the proposal from what was seen and the replay of every collected event.
 */
import type { CheckResult, ProductMapping } from '../model';
import type { ResolvedEvent } from '../model';
import { checkSource, recheckSource, type RunOptions, type SourceCheck } from '../source/runner';
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

/** Proposal and replay from a finished window (the collector filled by the runner's `onEvent`). */
function conclude(check: SourceCheck, collector: ReplayCollector, mapping: ProductMapping | undefined, forms: readonly GuardrailForm[], scope: ActionScope, t0: number): GuardrailRun {
  const window = collector.finish();
  const proposal = proposeGuardrails({ tagKey: check.tagKeys[0] ?? 'product', mapping, seenActions: window.seenActions, forms, scope });
  if (check.tagKeys.length > 1) proposal.notes.push(`The check tries the tag keys ${check.tagKeys.join(', ')}; the policies test only ${check.tagKeys[0]}, as a policy variable names one key.`);
  const result = replay(window, proposal);
  return { check, result: check.result, proposal, replay: result, replayMs: performance.now() - t0 };
}

/**
 * The same over a check already made (the editor's loaded account): checked again through the
 * runner's re-check, over the held events when given, for all products or one.
 */
export async function guardrailFromCheck(previous: SourceCheck, opts: { forms: readonly GuardrailForm[]; scope: ActionScope; product?: string; held?: readonly ResolvedEvent[]; signal?: AbortSignal }): Promise<GuardrailRun> {
  const collector = new ReplayCollector(previous.mapping);
  const check = await recheckSource(previous, {
    ...(opts.product !== undefined ? { product: opts.product } : {}), ...(opts.held ? { held: opts.held } : {}), ...(opts.signal ? { signal: opts.signal } : {}),
    onEvent: collector.add,
  });
  return conclude(check, collector, previous.mapping, opts.forms, opts.scope, performance.now());
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
  return conclude(check, collector, mapping, opts.forms, opts.scope, performance.now());
}

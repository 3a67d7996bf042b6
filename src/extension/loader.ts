import * as vscode from 'vscode';
import type { CheckResult } from '../core/model';
import type { CheckFilter } from '../core/check/scopeFilter';
import { checkSource, recheckSource } from '../core/source/runner';
import type { Session } from './session';
import type { Inputs } from './sources/inputs';
import { readConfig } from './config';
import { setContext } from './contextKeys';
import { escapeNotice, escapeTerminal } from '../core/report/escape';
import { readErrorLine } from './logText';

/** How a load or check ended, for callers that chain work (and for tests). */
export type Outcome = 'done' | 'cancelled' | 'failed';

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Runs work under a cancellable progress notification, with the session marked as loading. An
 * abort by the user is not an error; anything else is logged and shown.
 */
async function underProgress(session: Session, log: vscode.LogOutputChannel, title: string,
  work: (signal: AbortSignal, progress: vscode.Progress<{ message?: string }>) => Promise<void>): Promise<Outcome> {
  session.setLoading(true);
  setContext('tagtrail.loading', true);
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        await work(abort.signal, progress);
        return 'done';
      } catch (e) {
        if (abort.signal.aborted) {
          log.info(`${title}: cancelled`);
          return 'cancelled';
        }
        log.error(`${title}: ${escapeTerminal(describe(e))}`);
        void vscode.window.showErrorMessage(escapeNotice(`TagTrail: ${describe(e)}`), 'Show Log').then((a) => { if (a) log.show(); });
        return 'failed';
      } finally {
        sub.dispose();
      }
    });
  } finally {
    session.setLoading(false);
    setContext('tagtrail.loading', false);
  }
}

/** The lookback window of a source read from the AWS settings (live or Athena); files are read whole. */
function sourceFilter(inputs: Inputs): CheckFilter {
  return inputs.kind === 'live' || inputs.kind === 'athena' ? { since: `${readConfig().lookbackDays}d` } : {};
}

/** A check that looked at less than it was asked to never looks clean: the log and a warning say why. */
function warnIfIncomplete(result: CheckResult, log: vscode.LogOutputChannel): void {
  const reasons = result.incomplete ?? [];
  if (reasons.length === 0) return;
  for (const r of reasons) log.warn(`incomplete check: ${escapeTerminal(r)}`);
  void vscode.window.showWarningMessage(escapeNotice(`TagTrail: the check is incomplete: ${reasons.join('; ')}`), 'Show Log').then((a) => { if (a) log.show(); });
}

/**
 * Loads a source into the session: the inventory first (the trees fill from it), then every event
 * through the runner (`core/source/runner.ts`), streaming events and findings into the views as
 * they come, each event judged once.
 */
export function loadInputs(session: Session, inputs: Inputs, log: vscode.LogOutputChannel): Promise<Outcome> {
  session.reset(inputs);
  setContext('tagtrail.loaded', false);
  setContext('tagtrail.checked', false);
  // The label names files or a profile; the title is shown as a notification and logged.
  return underProgress(session, log, escapeNotice(`TagTrail: loading ${inputs.label}`), async (signal, progress) => {
    const cfg = readConfig();
    progress.report({ message: 'reading inventory…' });
    const started = Date.now();
    let n = 0;
    const run = await checkSource(inputs, {
      tagKeys: cfg.productTagKeys, filter: sourceFilter(inputs), signal,
      onInventory: (inventory, products) => {
        if (inputs.account !== undefined) session.account = inputs.account;
        session.setInventory(inventory, products);
        setContext('tagtrail.loaded', true);
        log.info(`inventory: ${inventory.principals.size} principals, ${inventory.resources.size} resources from ${inventory.sources.length} source(s) in ${Date.now() - started}ms`);
        progress.report({ message: 'reading events…' });
      },
      onWarning: (w) => log.warn(`warning: ${escapeTerminal(w)}`),
      onError: (e) => log.warn(readErrorLine(e)),
      onNote: (message) => progress.report({ message: escapeNotice(message) }),
      onEvent: (ev, judgement) => {
        session.addEvent(ev, judgement);
        if (++n % 5_000 === 0) progress.report({ message: `${n} events…` });
      },
    });
    session.lastRun = run;
    session.setResult(run.result, undefined);
    setContext('tagtrail.checked', true);
    if (session.store.dropped > 0) log.warn(`${session.store.dropped} events were checked but not kept for the events panels (limit ${session.store.cap})`);
    const result = run.result;
    log.info(`check: ${result.stats.recordsRead} records, ${result.stats.findings} findings, ${result.stats.gaps} gaps in ${Date.now() - started}ms`);
    if (result.stats.duplicatesDropped) log.info(`${result.stats.duplicatesDropped} duplicate events dropped (same eventID, eventSource and account read twice)`);
    warnIfIncomplete(result, log);
  });
}

/**
 * Runs the check again, for all products or one, over the events already loaded (their
 * resolutions are reused), or by reading the source again when not every event was kept. The read
 * errors, counts and scope notes are the load's (`recheckSource`), so an exported report says what
 * the check did.
 */
export function recheck(session: Session, product: string | undefined, log: vscode.LogOutputChannel): Promise<Outcome> {
  const previous = session.lastRun;
  if (!session.products || !session.source || !previous) return Promise.resolve('failed');
  // The title is shown in a progress notification, which renders [label](command:…) links.
  const title = escapeNotice(`TagTrail: checking ${product ?? 'all products'}`);
  return underProgress(session, log, title, async (signal, progress) => {
    const started = Date.now();
    const run = await recheckSource(previous, {
      ...(product !== undefined ? { product } : {}), signal,
      ...(session.store.dropped === 0 ? { held: session.store.all() } : {}),
      onError: (e) => log.warn(readErrorLine(e)),
      onNote: (message) => progress.report({ message: escapeNotice(message) }),
    });
    session.setResult(run.result, product);
    setContext('tagtrail.checked', true);
    const result = run.result;
    log.info(`${title}: ${result.stats.findings} findings, ${result.stats.gaps} gaps in ${Date.now() - started}ms`);
    warnIfIncomplete(result, log);
  });
}

import * as vscode from 'vscode';
import type { ReadError, Resolution, SourcedRecord, CloudTrailRecord } from '../core/model';
import { ProductIndex } from '../core/attribute/productIndex';
import { runCheck, type CheckFilter } from '../core/check/check';
import { resolveRecord } from '../core/resolve/resolver';
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

/**
 * Loads a source into the session: the inventory first (the trees fill from it), then every event
 * through the check, streaming events and findings into the views as they come.
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
    const [inventory, mapping] = await Promise.all([inputs.inventory(signal), inputs.mapping()]);
    const products = new ProductIndex(inventory, mapping, cfg.productTagKeys);
    if (inputs.account !== undefined) session.account = inputs.account;
    session.setInventory(inventory, products);
    setContext('tagtrail.loaded', true);
    log.info(`inventory: ${inventory.principals.size} principals, ${inventory.resources.size} resources from ${inventory.sources.length} source(s) in ${Date.now() - started}ms`);
    progress.report({ message: 'reading events…' });
    const readErrors: ReadError[] = [];
    let n = 0;
    const result = await runCheck(inputs.events(signal, (e) => {
      readErrors.push(e);
      log.warn(readErrorLine(e));
    }, (message) => progress.report({ message: escapeNotice(message) })), {
      products,
      signal,
      readErrors,
      ...(inputs.kind === 'live' ? { filter: { since: `${cfg.lookbackDays}d` } } : {}),
      scope: { eventSources: inputs.eventSources, inventorySources: inventory.sources, ...(inputs.managementEventsOnly ? { managementEventsOnly: true } : {}), ...(inputs.scopeNotes ? { notes: inputs.scopeNotes } : {}) },
      onEvent: (ev) => {
        session.addEvent(ev);
        if (++n % 5_000 === 0) progress.report({ message: `${n} events…` });
      },
    });
    session.setResult(result, undefined);
    setContext('tagtrail.checked', true);
    if (session.store.dropped > 0) log.warn(`${session.store.dropped} events were checked but not kept for the events panels (limit ${session.store.cap})`);
    log.info(`check: ${result.stats.recordsRead} records, ${result.stats.findings} findings, ${result.stats.gaps} gaps in ${Date.now() - started}ms`);
  });
}

/**
 * Runs the check again over the events already loaded (their resolutions are reused), for all
 * products or one. Falls back to reading the source again when not every event was kept.
 */
export function recheck(session: Session, product: string | undefined, log: vscode.LogOutputChannel): Promise<Outcome> {
  const products = session.products;
  const inputs = session.source;
  if (!products || !inputs) return Promise.resolve('failed');
  // The title is shown in a progress notification, which renders [label](command:…) links.
  const title = escapeNotice(`TagTrail: checking ${product ?? 'all products'}`);
  return underProgress(session, log, title, async (signal) => {
    const readErrors: ReadError[] = [];
    const resolutions = new WeakMap<CloudTrailRecord, Resolution>();
    let events: AsyncIterable<SourcedRecord>;
    if (session.store.dropped === 0) {
      const held = session.store.all();
      for (const ev of held) resolutions.set(ev.record, ev.resolution);
      events = (async function* () {
        for (const ev of held) yield { record: ev.record, source: ev.source, position: ev.position };
      })();
    } else {
      events = inputs.events(signal, (e) => readErrors.push(e));
    }
    const filter: CheckFilter = { ...(product !== undefined ? { product } : {}), ...(inputs.kind === 'live' ? { since: `${readConfig().lookbackDays}d` } : {}) };
    const started = Date.now();
    const result = await runCheck(events, {
      products, signal, readErrors, filter,
      scope: { eventSources: inputs.eventSources, inventorySources: products.inventorySources, ...(inputs.managementEventsOnly ? { managementEventsOnly: true } : {}) },
      resolve: (record, lookup) => resolutions.get(record) ?? resolveRecord(record, lookup),
    });
    session.setResult(result, product);
    setContext('tagtrail.checked', true);
    log.info(`${title}: ${result.stats.findings} findings, ${result.stats.gaps} gaps in ${Date.now() - started}ms`);
  });
}

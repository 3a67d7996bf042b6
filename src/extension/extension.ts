import * as vscode from 'vscode';
import type { CheckResult } from '../core/model';
import type { RenderedMessage, RowSelectedMessage } from '../shared/protocol';
import { escapeNotice, escapeTerminal } from '../core/report/escape';
import { showFindingsCounts, type CountsShown } from './findingsCounts';
import { openRecordDocument } from './panels/recordDocument';
import { registerAllCommands } from './commands';
import type { CommandContext } from './commands/context';
import { inputsFromSettings } from './commands/loadCommands';
import { hasOfflineSource, readConfig } from './config';
import { loadInputs, type Outcome } from './loader';
import { EventsPanels } from './panels/eventsPanel';
import { Session } from './session';
import { createStatusBar } from './statusBar';
import { findingsRoots, groupStreamedFindings } from './trees/findingsTree';
import { coverageRoots } from './trees/coverageTree';
import { principalsRoots, resourcesRoots, type ListFilters } from './trees/flatTrees';
import { productsRoots } from './trees/productsTree';
import { NodeTreeProvider, type TreeSnapshot } from './trees/treeNode';

/** Milliseconds from activation to: the inventory in the model, the Products view first drawn non-empty, the load done. */
export interface Timings {
  activationToInventoryMs?: number;
  activationToProductsMs?: number;
  activationToLoadedMs?: number;
  /** From the load's check result in the session to the Findings view's roots handed to the editor. */
  resultToFindingsMs?: number;
  /** Of which computing those roots (grouping included). */
  findingsRootsMs?: number;
}

/** What `activate` returns: for extension-host tests and other extensions; read-only views of state. */
export interface TagTrailApi {
  /** The Products tree down to `depth` levels. */
  getProductsTree(depth?: number): TreeSnapshot[];
  getPrincipalsTree(depth?: number): TreeSnapshot[];
  getResourcesTree(depth?: number): TreeSnapshot[];
  getFindingsTree(depth?: number): TreeSnapshot[];
  getCoverageTree(depth?: number): TreeSnapshot[];
  lastCheckResult(): CheckResult | undefined;
  /** Resolves when no load or check is running. */
  whenIdle(): Promise<void>;
  /** Loads from the settings (offline files or the profile), as Refresh does. */
  reload(): Promise<Outcome>;
  timings(): Timings;
  /** The last `rendered` report of each open events panel. */
  panelRenders(): Record<string, RenderedMessage | undefined>;
  /** The last selection each open events panel acknowledged (`row selected: <id>`). */
  panelSelections(): Record<string, RowSelectedMessage | undefined>;
  /** What the Findings view's title and the counts status bar item show. */
  findingsCounts(): CountsShown;
  eventCount(): number;
}

/** Activates TagTrail: views, commands, status bar; loads the offline source when the settings name one. */
export function activate(context: vscode.ExtensionContext): TagTrailApi {
  const activatedAt = Date.now();
  const timings: Timings = {};
  const log = vscode.window.createOutputChannel('TagTrail', { log: true });
  const session = new Session();
  const filters: ListFilters = { principals: '', resources: '' };
  const products = new NodeTreeProvider(() => productsRoots(session));
  const principals = new NodeTreeProvider(() => principalsRoots(session, filters));
  const resources = new NodeTreeProvider(() => resourcesRoots(session, filters));
  const findings = new NodeTreeProvider(() => findingsRoots(session));
  const coverage = new NodeTreeProvider(() => coverageRoots(session));
  products.onFirstPopulated = () => { timings.activationToProductsMs = Date.now() - activatedAt; };
  let resultAt: number | undefined;
  findings.onRoots = (_roots, ms) => {
    if (resultAt === undefined || timings.resultToFindingsMs !== undefined || !session.lastResult) return;
    timings.resultToFindingsMs = Date.now() - resultAt;
    timings.findingsRootsMs = ms;
  };
  const panels = new EventsPanels(context.extensionUri, session);
  panels.onSelected = (subject, ack) => {
    if (ack.found) log.info(escapeTerminal(`row selected: ${ack.id}${ack.marked > 1 ? ` (${ack.marked} events of its group marked)` : ''}`));
    else if (ack.origin === 'host') {
      log.warn(`row not in the events panel of ${escapeTerminal(subject.arn)}: ${escapeTerminal(ack.id)}`);
      void vscode.window.showWarningMessage(escapeNotice(`TagTrail: event ${ack.id} is not among the events of this panel.`), 'Open Event JSON')
        .then((pick) => { if (pick) void vscode.commands.executeCommand('tagtrail.openEventJson', { eventKey: ack.id }); });
    }
  };
  panels.onOpenRecord = (ev) => { void openRecordDocument(ev); };
  // A tree view, not a bare provider: its title carries the counts (description and badge).
  const findingsView = vscode.window.createTreeView('tagtrail.findings', { treeDataProvider: findings });
  const counts = showFindingsCounts(session, findingsView);
  let idle: Promise<unknown> = Promise.resolve();

  const ctx: CommandContext = {
    extension: context,
    session,
    log,
    panels,
    filters,
    refreshLists: () => { principals.refresh(); resources.refresh(); },
    load: (inputs) => {
      const run = loadInputs(session, inputs, log).then((o) => {
        if (o === 'done' && timings.activationToLoadedMs === undefined) timings.activationToLoadedMs = Date.now() - activatedAt;
        return o;
      });
      idle = run;
      return run;
    },
  };

  context.subscriptions.push(
    log, session, panels, products, principals, resources, findings, coverage,
    vscode.window.registerTreeDataProvider('tagtrail.products', products),
    vscode.window.registerTreeDataProvider('tagtrail.principals', principals),
    vscode.window.registerTreeDataProvider('tagtrail.resources', resources),
    findingsView, counts.disposable,
    vscode.window.registerTreeDataProvider('tagtrail.coverage', coverage),
    session.onDidChange((what) => {
      if (what === 'inventory' && timings.activationToInventoryMs === undefined) timings.activationToInventoryMs = Date.now() - activatedAt;
      if (what === 'inventory' || what === 'state') { products.refresh(); ctx.refreshLists(); }
      // From the moment the result is in the session (its last events are flushed just before 'result').
      if (resultAt === undefined && session.lastResult && (what === 'events' || what === 'result')) resultAt = Date.now();
      if (what === 'events' && session.loading) groupStreamedFindings(session);
      if (what === 'events' || what === 'result' || what === 'state') findings.refresh();
      if (what === 'result' || what === 'state') coverage.refresh();
    }),
    createStatusBar(session),
  );
  registerAllCommands(ctx);

  if (hasOfflineSource(readConfig())) {
    log.info('offline source set in settings: loading from disk');
    void ctx.load(inputsFromSettings(ctx));
  }

  return {
    getProductsTree: (depth) => products.snapshot(depth),
    getPrincipalsTree: (depth) => principals.snapshot(depth),
    getResourcesTree: (depth) => resources.snapshot(depth),
    getFindingsTree: (depth) => findings.snapshot(depth),
    getCoverageTree: (depth) => coverage.snapshot(depth),
    lastCheckResult: () => session.lastResult,
    whenIdle: async () => {
      await idle.catch(() => undefined);
      while (session.loading) await new Promise((r) => setTimeout(r, 50));
    },
    reload: () => ctx.load(inputsFromSettings(ctx)),
    timings: () => ({ ...timings }),
    panelRenders: () => panels.rendered(),
    panelSelections: () => panels.selections(),
    findingsCounts: () => counts.shown(),
    eventCount: () => session.store.size,
  };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}

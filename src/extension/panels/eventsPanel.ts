import * as vscode from 'vscode';
import type { ResolvedEvent } from '../../core/model';
import { assertNever, parseFromWebview, type RenderedMessage, type RowSelectedMessage, type SelectEventMessage, type ToWebviewMessage } from '../../shared/protocol';
import { rowsFor } from '../model/eventRows';
import type { Session } from '../session';
import { eventsHtml, makeNonce } from './eventsHtml';

/** Records larger than this are cut when expanded: a row's JSON is for reading, not for download. */
const MAX_RECORD_CHARS = 512 * 1024;
/** Rows in the first message: small, so that the first rows paint while the rest is still in transit. */
const FIRST_CHUNK = 2_000;
/** Rows per later message. */
const CHUNK = 10_000;

type Subject = { kind: 'resource' | 'principal'; arn: string };

/** A row to select once the rows are in: the event's key, and its group's keys to mark. */
export type Selection = Omit<SelectEventMessage, 'type'>;

/** What a panel tells its owner about besides rows: an acknowledged selection, a record asked for in an editor. */
interface PanelHooks {
  onOpenArn(s: Subject): void;
  onSelected(subject: Subject, ack: RowSelectedMessage): void;
  onOpenRecord(ev: ResolvedEvent): void;
  onDispose(): void;
}

/** One webview panel showing the events of one resource or principal. */
class EventsPanel implements vscode.Disposable {
  private ready = false;
  private byId = new Map<string, ResolvedEvent>();
  private pending: ToWebviewMessage[] = [];
  /** Bumped by every fill, so that the slices of an older fill stop. */
  private generation = 0;
  private readonly subs: vscode.Disposable[] = [];
  lastRendered: RenderedMessage | undefined;
  /** The webview's last acknowledged selection. */
  lastSelected: RowSelectedMessage | undefined;
  /** The selection to restore when the page reloads (it is not retained while hidden). */
  private selection: Selection | undefined;

  constructor(readonly panel: vscode.WebviewPanel, private subject: Subject, extensionUri: vscode.Uri,
    private readonly session: Session, private readonly hooks: PanelHooks, selection?: Selection) {
    const webview = panel.webview;
    const nonce = makeNonce();
    const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString();
    const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'events.css')).toString();
    webview.html = eventsHtml(webview.cspSource, nonce, script, style);
    this.subs.push(
      webview.onDidReceiveMessage((data: unknown) => this.onMessage(data)),
      panel.onDidDispose(() => { hooks.onDispose(); this.dispose(); }),
      // A hidden panel's page is gone (not retained): what is posted meanwhile waits for its `ready`.
      panel.onDidChangeViewState((e) => { if (!e.webviewPanel.visible) this.ready = false; }),
    );
    this.selection = selection;
    this.fill(selection);
  }

  /**
   * Points the panel at another subject, or refreshes it after new events arrived; with a
   * selection, that row is selected once the rows are in and the keyboard stays where it was.
   */
  show(subject: Subject, selection?: Selection): void {
    this.subject = subject;
    this.panel.title = titleOf(subject);
    if (selection) this.selection = selection;
    this.fill(selection);
    this.panel.reveal(undefined, selection !== undefined);
  }

  /** Sends the subject's rows in slices, then `select` (after the last slice, so its row is there). */
  fill(select?: Selection): void {
    const products = this.session.products;
    if (!products) return;
    const events = this.subject.kind === 'resource' ? this.session.store.forResourcePanel(this.subject.arn) : this.session.store.forPrincipal(this.subject.arn);
    const generation = ++this.generation;
    const byId = new Map<string, ResolvedEvent>();
    this.byId = byId;
    const partial = this.session.loading;
    const first = rowsFor(events.slice(0, FIRST_CHUNK), products, this.session.store.rows, byId).rows;
    this.pending = [{ type: 'showEvents', subject: this.subject.arn, subjectKind: this.subject.kind, rows: first, partial: partial || events.length > FIRST_CHUNK }];
    this.flush();
    // The rest is built in slices between other work: the first rows show while 50,000 are judged.
    const slice = (from: number): void => {
      if (generation !== this.generation) return;
      if (from >= events.length) {
        if (select) {
          this.pending.push({ type: 'selectEvent', ...select });
          this.flush();
        }
        return;
      }
      const rows = rowsFor(events.slice(from, from + CHUNK), products, this.session.store.rows, byId).rows;
      this.pending.push({ type: 'appendEvents', rows, partial: partial || from + CHUNK < events.length });
      this.flush();
      setTimeout(() => slice(from + CHUNK), 0);
    };
    setTimeout(() => slice(FIRST_CHUNK), 0);
  }

  // Nothing is posted before `ready`: a message sent before the page listens would be lost.
  private flush(): void {
    if (!this.ready) return;
    for (const m of this.pending.splice(0)) void this.panel.webview.postMessage(m);
  }

  private onMessage(data: unknown): void {
    const msg = parseFromWebview(data);
    if (!msg) return;
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        // A reloaded webview (e.g. after being hidden) says ready again and needs its rows again.
        if (this.pending.length === 0) this.fill(this.selection);
        else this.flush();
        break;
      case 'requestRecord': {
        const ev = this.byId.get(msg.id);
        let json = ev ? JSON.stringify(ev.record, null, 2) : undefined;
        if (json !== undefined && json.length > MAX_RECORD_CHARS) json = `${json.slice(0, MAX_RECORD_CHARS)}\n… (cut at ${MAX_RECORD_CHARS} characters)`;
        void this.panel.webview.postMessage({ type: 'record', id: msg.id, json } satisfies ToWebviewMessage);
        break;
      }
      case 'openArn':
        this.hooks.onOpenArn({ kind: msg.kind, arn: msg.arn });
        break;
      case 'rendered':
        this.lastRendered = msg;
        break;
      case 'rowSelected':
        this.lastSelected = msg;
        if (msg.found && this.selection) this.selection = { ...this.selection, id: msg.id };
        this.hooks.onSelected(this.subject, msg);
        break;
      case 'openRecord': {
        const ev = this.byId.get(msg.id);
        if (ev) this.hooks.onOpenRecord(ev);
        break;
      }
      default:
        assertNever(msg);
    }
  }

  dispose(): void {
    this.generation++; // stops the slices of a fill still running
    for (const s of this.subs.splice(0)) s.dispose();
  }
}

function titleOf(s: Subject): string {
  const tail = s.arn.split(/[:/]/).filter((x) => x).pop() ?? s.arn;
  return `${s.kind === 'resource' ? 'Events' : 'Activity'}: ${tail}`;
}

/**
 * The events panels: one per resource or principal, reused when the same one is asked for again,
 * and refreshed when new events arrive.
 */
export class EventsPanels implements vscode.Disposable {
  private readonly panels = new Map<string, EventsPanel>();
  private readonly sub: vscode.Disposable;
  /** Told of every acknowledged selection (the log line, a notice when the row is not there). */
  onSelected?: (subject: Subject, ack: RowSelectedMessage) => void;
  /** Opens an event's record in an editor (the row's Open Event JSON). */
  onOpenRecord?: (ev: ResolvedEvent) => void;

  constructor(private readonly extensionUri: vscode.Uri, private readonly session: Session) {
    this.sub = session.onDidChange((what) => {
      if (what === 'events' || what === 'result') for (const p of this.panels.values()) p.fill();
    });
  }

  /**
   * Opens (or reveals) the panel of a resource's or principal's events; with `select`, that row is
   * selected and scrolled to, and the focus stays where it was (a user stepping through findings).
   */
  open(subject: Subject, select?: Selection): void {
    const key = `${subject.kind}:${subject.arn}`;
    const existing = this.panels.get(key);
    if (existing) {
      existing.show(subject, select);
      return;
    }
    const panel = vscode.window.createWebviewPanel('tagtrail.events', titleOf(subject), { viewColumn: vscode.ViewColumn.Active, preserveFocus: select !== undefined }, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'tagtrail.svg');
    this.panels.set(key, new EventsPanel(panel, subject, this.extensionUri, this.session, {
      onOpenArn: (s) => this.open(s),
      onSelected: (s, ack) => this.onSelected?.(s, ack),
      onOpenRecord: (ev) => this.onOpenRecord?.(ev),
      onDispose: () => this.panels.delete(key),
    }, select));
  }

  /** The last acknowledged selection of each open panel. */
  selections(): Record<string, RowSelectedMessage | undefined> {
    return Object.fromEntries([...this.panels.entries()].map(([k, p]) => [k, p.lastSelected]));
  }

  /** The last `rendered` report of each open panel (timings for tests and benchmarks). */
  rendered(): Record<string, RenderedMessage | undefined> {
    return Object.fromEntries([...this.panels.entries()].map(([k, p]) => [k, p.lastRendered]));
  }

  dispose(): void {
    this.sub.dispose();
    for (const p of this.panels.values()) p.panel.dispose();
    this.panels.clear();
  }
}

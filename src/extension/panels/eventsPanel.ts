import * as vscode from 'vscode';
import type { ResolvedEvent } from '../../core/model';
import { assertNever, parseFromWebview, type RenderedMessage, type ToWebviewMessage } from '../../shared/protocol';
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

/** One webview panel showing the events of one resource or principal. */
class EventsPanel implements vscode.Disposable {
  private ready = false;
  private byId = new Map<string, ResolvedEvent>();
  private pending: ToWebviewMessage[] = [];
  /** Bumped by every fill, so that the slices of an older fill stop. */
  private generation = 0;
  private readonly subs: vscode.Disposable[] = [];
  lastRendered: RenderedMessage | undefined;

  constructor(readonly panel: vscode.WebviewPanel, private subject: Subject, extensionUri: vscode.Uri,
    private readonly session: Session, private readonly onOpenArn: (s: Subject) => void, onDispose: () => void) {
    const webview = panel.webview;
    const nonce = makeNonce();
    const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString();
    const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'events.css')).toString();
    webview.html = eventsHtml(webview.cspSource, nonce, script, style);
    this.subs.push(
      webview.onDidReceiveMessage((data: unknown) => this.onMessage(data)),
      panel.onDidDispose(() => { onDispose(); this.dispose(); }),
    );
    this.fill();
  }

  /** Points the panel at another subject, or refreshes it after new events arrived. */
  show(subject: Subject): void {
    this.subject = subject;
    this.panel.title = titleOf(subject);
    this.fill();
    this.panel.reveal(undefined, false);
  }

  fill(): void {
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
      if (generation !== this.generation || from >= events.length) return;
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
        if (this.pending.length === 0) this.fill();
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
        this.onOpenArn({ kind: msg.kind, arn: msg.arn });
        break;
      case 'rendered':
        this.lastRendered = msg;
        break;
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

  constructor(private readonly extensionUri: vscode.Uri, private readonly session: Session) {
    this.sub = session.onDidChange((what) => {
      if (what === 'events' || what === 'result') for (const p of this.panels.values()) p.fill();
    });
  }

  /** Opens (or reveals) the panel of a resource's or principal's events. */
  open(subject: Subject): void {
    const key = `${subject.kind}:${subject.arn}`;
    const existing = this.panels.get(key);
    if (existing) {
      existing.show(subject);
      return;
    }
    const panel = vscode.window.createWebviewPanel('tagtrail.events', titleOf(subject), vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'tagtrail.svg');
    this.panels.set(key, new EventsPanel(panel, subject, this.extensionUri, this.session, (s) => this.open(s), () => this.panels.delete(key)));
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

/**
 * The events webview: receives rows from the host, lets the user filter, sort and expand them.
 * The page skeleton comes from the host (src/extension/panels/eventsHtml.ts); this script fills it.
 */
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import { assertNever, type FromWebviewMessage, type SortKey, type ToWebviewMessage } from '../src/shared/protocol';
import { EventsTable } from './table';
import { visibleText } from '../src/shared/visibleText';

interface VsCodeApi {
  postMessage(message: FromWebviewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`webview skeleton is missing #${id}`);
  return el as T;
}

const subject = byId('subject');
const count = byId('count');
const status = byId('status');
let receivedAt = 0;
let currentSubject: string | undefined;

const table = new EventsTable(
  byId('scroller'),
  (id) => vscode.postMessage({ type: 'requestRecord', id }),
  (shown, total) => { count.textContent = shown === total ? `${total} events` : `${shown} of ${total} events`; },
  (arn, kind) => vscode.postMessage({ type: 'openArn', arn, kind }),
);

// The vscode-elements controls expose `value` / `checked` as properties.
const textInput = byId<HTMLElement & { value: string }>('filter');
const toggles = {
  violationsOnly: byId<HTMLElement & { checked: boolean }>('violations-only'),
  unresolvedOnly: byId<HTMLElement & { checked: boolean }>('unresolved-only'),
  writesOnly: byId<HTMLElement & { checked: boolean }>('writes-only'),
};

function applyFilter(): void {
  table.setFilter({
    text: textInput.value ?? '',
    violationsOnly: toggles.violationsOnly.checked,
    unresolvedOnly: toggles.unresolvedOnly.checked,
    writesOnly: toggles.writesOnly.checked,
  });
}

// Debounced: at 50,000 rows a filter pass per keystroke is affordable, but not one per frame.
let filterTimer: ReturnType<typeof setTimeout> | undefined;
textInput.addEventListener('input', () => {
  clearTimeout(filterTimer);
  filterTimer = setTimeout(applyFilter, 80);
});
for (const t of Object.values(toggles)) t.addEventListener('change', applyFilter);

for (const button of document.querySelectorAll<HTMLElement>('#header [data-sort]')) {
  button.addEventListener('click', () => {
    const key = button.dataset.sort as SortKey;
    const cur = table.sortSpec;
    table.setSort({ key, descending: cur.key === key ? !cur.descending : key === 'time' });
    for (const b of document.querySelectorAll<HTMLElement>('#header [data-sort]')) {
      const s = table.sortSpec;
      b.setAttribute('aria-sort', b.dataset.sort === s.key ? (s.descending ? 'descending' : 'ascending') : 'none');
    }
  });
}

function reportRendered(rows: number): void {
  const visible = table.drawNow();
  vscode.postMessage({ type: 'rendered', rows, visibleRows: visible, firstRowsMs: performance.now() - receivedAt });
}

window.addEventListener('message', (event: MessageEvent<ToWebviewMessage>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'showEvents':
      receivedAt = performance.now();
      subject.textContent = visibleText(msg.subject);
      subject.title = visibleText(`${msg.subjectKind}: ${msg.subject}`);
      status.textContent = msg.partial ? 'Still reading…' : '';
      table.setRows(msg.rows, msg.subject === currentSubject);
      currentSubject = msg.subject;
      reportRendered(msg.rows.length);
      break;
    case 'appendEvents':
      status.textContent = msg.partial ? 'Still reading…' : '';
      table.appendRows(msg.rows);
      break;
    case 'record':
      table.setRecord(msg.id, msg.json);
      break;
    default:
      assertNever(msg);
  }
});

vscode.postMessage({ type: 'ready' });

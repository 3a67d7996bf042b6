/**
 * The events webview: receives rows from the host, lets the user filter, sort and expand them.
 * The page skeleton comes from the host (src/extension/panels/eventsHtml.ts); this script fills it.
 */
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import { assertNever, type FromWebviewMessage, type SelectEventMessage, type SortKey, type ToWebviewMessage } from '../src/shared/protocol';
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
  (id) => vscode.postMessage({ type: 'rowSelected', id, found: true, marked: table.markedHeld(), origin: 'user' }),
  (id) => vscode.postMessage({ type: 'openRecord', id }),
);

// The vscode-elements controls expose `value` / `checked` as properties.
const textInput = byId<HTMLElement & { value: string }>('filter');
const toggles = {
  violationsOnly: byId<HTMLElement & { checked: boolean }>('violations-only'),
  unresolvedOnly: byId<HTMLElement & { checked: boolean }>('unresolved-only'),
  writesOnly: byId<HTMLElement & { checked: boolean }>('writes-only'),
};
const groupOnly = byId<HTMLElement & { checked: boolean }>('group-only');
groupOnly.addEventListener('change', () => table.setGroupOnly(groupOnly.checked));

function applyFilter(): void {
  table.setFilter({
    text: textInput.value ?? '',
    violationsOnly: toggles.violationsOnly.checked,
    unresolvedOnly: toggles.unresolvedOnly.checked,
    writesOnly: toggles.writesOnly.checked,
  });
}

// A keystroke filters at once (a pass over 50,000 rows' precomputed text takes milliseconds); a
// burst of input events within one frame (a paste, a held key) is applied once, at the next frame.
let filterFrame = 0;
let filterDirty = false;
textInput.addEventListener('input', () => {
  if (filterFrame !== 0) { filterDirty = true; return; }
  applyFilter();
  filterFrame = requestAnimationFrame(() => {
    filterFrame = 0;
    if (filterDirty) { filterDirty = false; applyFilter(); }
  });
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

/**
 * Selects the row of a finding's or gap's event: a filter that hides it is cleared first (the user
 * asked for that row), the group's other rows are marked and can be shown alone, and the host is
 * told which row is selected once it is drawn.
 */
function selectEvent(msg: SelectEventMessage): void {
  if (table.hides(msg.id)) {
    textInput.value = '';
    for (const t of Object.values(toggles)) t.checked = false;
    applyFilter();
  }
  const group = msg.group ?? [];
  groupOnly.checked = false;
  const { found, marked } = table.select(msg.id, group);
  groupOnly.hidden = marked < 2;
  groupOnly.textContent = `Group only (${marked})`;
  const label = msg.groupLabel !== undefined ? visibleText(msg.groupLabel) : 'group';
  status.textContent = !found ? 'The selected event is not among these events.'
    : marked > 1 ? `${label}: ${marked}${marked < group.length ? ` of its ${group.length}` : ''} events marked` : '';
  vscode.postMessage({ type: 'rowSelected', id: msg.id, found, marked, origin: 'host' });
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
      if (msg.subject !== currentSubject) {
        groupOnly.checked = false;
        groupOnly.hidden = true;
      }
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
    case 'selectEvent':
      selectEvent(msg);
      break;
    default:
      assertNever(msg);
  }
});

vscode.postMessage({ type: 'ready' });

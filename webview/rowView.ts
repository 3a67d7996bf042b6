/**
 * Builds the DOM of one table row. Every string comes from CloudTrail and is set with textContent
 * only. Rows carry `data-event-id`, and unresolved rows `data-unresolved` plus an aria-label that
 * says so, for tests and screen readers alike.
 */
import { isUnresolved, type EventRow } from '../src/shared/eventRow';
import { visibleText as v } from '../src/shared/visibleText';

function cell(className: string, text: string, title?: string): HTMLElement {
  const el = document.createElement('div');
  el.className = `cell ${className}`;
  el.setAttribute('role', 'cell');
  el.textContent = v(text);
  if (title !== undefined) el.title = v(title);
  return el;
}

function targetsCell(row: EventRow): HTMLElement {
  const el = document.createElement('div');
  el.className = 'cell targets';
  el.setAttribute('role', 'cell');
  if (isUnresolved(row)) {
    const reason = document.createElement('span');
    reason.className = 'reason';
    reason.textContent = v(`${row.status === 'partial' ? 'Partly unresolved' : 'Unresolved'}: ${row.unresolvedReason ?? 'no reason given'}`);
    el.appendChild(reason);
  }
  const first = row.targets[0];
  if (first) {
    const arn = document.createElement('span');
    arn.className = 'arn';
    arn.textContent = v(first.arn);
    const via = document.createElement('span');
    via.className = 'via';
    via.textContent = v(`${first.via}${first.product ? ` · ${first.product}` : ''}`);
    el.append(arn, via);
    if (row.targets.length > 1) {
      const more = document.createElement('span');
      more.className = 'more';
      more.textContent = `+${row.targets.length - 1}`;
      el.appendChild(more);
    }
  } else if (row.status === 'no-target') {
    const none = document.createElement('span');
    none.className = 'none';
    none.textContent = v(row.unresolvedReason ?? 'no target');
    el.appendChild(none);
  }
  el.title = v([isUnresolved(row) ? `Unresolved: ${row.unresolvedReason ?? ''}` : '',
    ...row.targets.map((t) => `${t.arn} (${t.via}${t.product ? `, ${t.product}` : ''})`)].filter((s) => s).join('\n'));
  return el;
}

/** The part of an ARN after the account (`role/app`), which is what tells principals apart in a narrow column. */
export function shortArn(arn: string): string {
  const m = /^arn:[^:]*:[^:]*:[^:]*:[^:]*:(.+)$/s.exec(arn);
  return m?.[1] ?? arn;
}

/** The accessible name of a row: what a screen reader says before reading the cells. */
export function rowLabel(row: EventRow): string {
  const parts = [`${row.eventName} by ${row.principal} at ${row.time}`];
  if (row.violation) parts.push('cross-product violation');
  if (isUnresolved(row)) parts.push(`unresolved target: ${row.unresolvedReason ?? 'no reason given'}`);
  if (row.errorCode) parts.push(`error ${row.errorCode}`);
  return parts.join('; ');
}

/** A collapsed row element; `index` is its 1-based position for aria-rowindex. */
export function renderRow(row: EventRow, index: number, expanded: boolean): HTMLElement {
  const el = document.createElement('div');
  el.className = 'row';
  el.setAttribute('role', 'row');
  el.setAttribute('aria-rowindex', String(index + 1));
  el.setAttribute('aria-expanded', String(expanded));
  el.setAttribute('aria-label', rowLabel(row));
  el.tabIndex = -1;
  el.dataset.eventId = row.id;
  el.dataset.index = String(index);
  if (isUnresolved(row)) {
    el.dataset.unresolved = row.status;
    el.classList.add('unresolved');
  }
  if (row.violation) {
    el.dataset.violation = '';
    el.classList.add('violation');
  }
  if (row.errorCode) el.classList.add('errored');
  el.append(
    cell('time', row.time.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')),
    cell('event', row.eventName, `${row.eventSource} · ${row.region}`),
    cell('principal', `${shortArn(row.principal)}${row.principalName ? ` (${row.principalName})` : ''}`, row.principal),
    cell('product', row.principalProduct ?? '—'),
    targetsCell(row),
    cell('rw', row.write ? 'write' : 'read'),
    cell('error', row.errorCode ?? ''),
  );
  return el;
}

/** The pane shown under an expanded row: the record's JSON as text. */
function openButton(label: string, arn: string, kind: 'resource' | 'principal'): HTMLElement {
  const b = document.createElement('button');
  b.className = 'open';
  b.textContent = v(label);
  b.title = v(arn);
  b.dataset.openArn = arn;
  b.dataset.openKind = kind;
  return b;
}

/**
 * The pane shown under an expanded row: buttons that open the principal's activity and each
 * target's events, then the record's JSON as text.
 */
export function renderDetail(row: EventRow, json: string | undefined, height: number): HTMLElement {
  const pane = document.createElement('div');
  pane.className = 'detail';
  pane.style.height = `${height}px`;
  const links = document.createElement('div');
  links.className = 'links';
  const editor = document.createElement('button');
  editor.className = 'open';
  editor.textContent = 'Open Event JSON';
  editor.title = 'Open the whole record in an editor';
  editor.dataset.openRecord = row.id;
  links.append(editor, openButton(`Activity of ${shortArn(row.principal)}`, row.principal, 'principal'),
    ...row.targets.slice(0, 5).map((t) => openButton(`Events of ${shortArn(t.arn)}`, t.arn, 'resource')));
  const pre = document.createElement('pre');
  pre.tabIndex = 0;
  pre.setAttribute('aria-label', 'Record JSON');
  pre.textContent = v(json ?? 'Loading record…');
  pane.append(links, pre);
  return pane;
}

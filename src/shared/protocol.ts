/**
 * The one message protocol between the extension host and the events webview. Both sides import
 * it; neither imports `vscode` from here. The webview posts `ready` first and the host posts
 * nothing before it, because messages posted before the script listens are lost.
 */
import type { EventRow } from './eventRow';

/** Sorting the table: a column and a direction. */
export type SortKey = 'time' | 'eventName' | 'principal' | 'principalProduct' | 'targets' | 'write' | 'error';
export interface SortSpec {
  key: SortKey;
  descending: boolean;
}

// ---- host -> webview ----

/** Replaces the table's contents (a new resource, or a refreshed data set). */
export interface ShowEventsMessage {
  type: 'showEvents';
  /** What the panel is about, for its heading: a resource or principal ARN. */
  subject: string;
  subjectKind: 'resource' | 'principal';
  rows: EventRow[];
  /** True while more rows may still arrive through `appendEvents`. */
  partial: boolean;
}

/** Adds rows streamed in while the host is still reading. */
export interface AppendEventsMessage {
  type: 'appendEvents';
  rows: EventRow[];
  partial: boolean;
}

/** The full record of one row, answering `requestRecord`. */
export interface RecordMessage {
  type: 'record';
  id: string;
  /** Pretty-printed JSON of the record, or undefined when the host no longer holds it. */
  json: string | undefined;
}

/**
 * Selects one row (a finding's or gap's event): the table drops any filter that hides it, scrolls
 * it into the middle of the view and marks it selected; `group` marks the other events of the same
 * finding or gap group. Posted after the last rows of the fill it belongs to.
 */
export interface SelectEventMessage {
  type: 'selectEvent';
  /** The row id: the event's eventID, else `source#position` (eventRows.ts `eventKey`). */
  id: string;
  /** Row ids of the whole group, the selected one included; absent for a single event. */
  group?: string[];
  /** What the group is, for the panel's status line (e.g. `GetObject ×25`). */
  groupLabel?: string;
}

export type ToWebviewMessage = ShowEventsMessage | AppendEventsMessage | RecordMessage | SelectEventMessage;

// ---- webview -> host ----

export interface ReadyMessage {
  type: 'ready';
}

/** A row was expanded: the webview needs its full record. */
export interface RequestRecordMessage {
  type: 'requestRecord';
  id: string;
}

/** The user asked to see a target or principal elsewhere (e.g. its events). */
export interface OpenArnMessage {
  type: 'openArn';
  arn: string;
  kind: 'resource' | 'principal';
}

/** The webview reports timings so that benchmarks and tests can read them from the host. */
export interface RenderedMessage {
  type: 'rendered';
  rows: number;
  visibleRows: number;
  /** Milliseconds from receiving `showEvents` to the first rows painted. */
  firstRowsMs: number;
}

/**
 * The acknowledgement of a selection: the row is selected and drawn in view (`found`), or the panel
 * does not hold it. `marked` counts the group's rows the panel holds. `origin` says whether the host
 * asked (`selectEvent`) or the user clicked a row.
 */
export interface RowSelectedMessage {
  type: 'rowSelected';
  id: string;
  found: boolean;
  marked: number;
  origin: 'host' | 'user';
}

/** The user asked for a row's record as a JSON document in an editor. */
export interface OpenRecordMessage {
  type: 'openRecord';
  id: string;
}

export type FromWebviewMessage = ReadyMessage | RequestRecordMessage | OpenArnMessage | RenderedMessage | RowSelectedMessage | OpenRecordMessage;

/** Narrows untrusted input (anything posted to the host) to a known message, or undefined. */
export function parseFromWebview(data: unknown): FromWebviewMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'requestRecord':
      return typeof m.id === 'string' ? { type: 'requestRecord', id: m.id } : undefined;
    case 'openArn':
      return typeof m.arn === 'string' && (m.kind === 'resource' || m.kind === 'principal')
        ? { type: 'openArn', arn: m.arn, kind: m.kind }
        : undefined;
    case 'rendered':
      return typeof m.rows === 'number' && typeof m.visibleRows === 'number' && typeof m.firstRowsMs === 'number'
        ? { type: 'rendered', rows: m.rows, visibleRows: m.visibleRows, firstRowsMs: m.firstRowsMs }
        : undefined;
    case 'rowSelected':
      return typeof m.id === 'string' && typeof m.found === 'boolean' && typeof m.marked === 'number' && (m.origin === 'host' || m.origin === 'user')
        ? { type: 'rowSelected', id: m.id, found: m.found, marked: m.marked, origin: m.origin }
        : undefined;
    case 'openRecord':
      return typeof m.id === 'string' ? { type: 'openRecord', id: m.id } : undefined;
    default:
      return undefined;
  }
}

/** Compile-time exhaustiveness: a `switch` over a union calls this in its default branch. */
export function assertNever(x: never): never {
  throw new Error(`unexpected message: ${JSON.stringify(x)}`);
}

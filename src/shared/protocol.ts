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

export type ToWebviewMessage = ShowEventsMessage | AppendEventsMessage | RecordMessage;

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

export type FromWebviewMessage = ReadyMessage | RequestRecordMessage | OpenArnMessage | RenderedMessage;

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
    default:
      return undefined;
  }
}

/** Compile-time exhaustiveness: a `switch` over a union calls this in its default branch. */
export function assertNever(x: never): never {
  throw new Error(`unexpected message: ${JSON.stringify(x)}`);
}

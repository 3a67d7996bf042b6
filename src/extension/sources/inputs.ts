import type { Inventory, ProductMapping, ReadError, SourcedRecord } from '../../core/model';

/**
 * Where a session's data comes from: files on disk, the bundled demo, or a live AWS account. The
 * loader asks for the inventory first (the trees fill from it) and then streams the events.
 */
export interface Inputs {
  kind: 'offline' | 'demo' | 'live';
  /** Shown in the status bar and the log, e.g. the profile name or `demo account`. */
  label: string;
  account?: string;
  regions?: string[];
  /** True for LookupEvents, which has no data events: the report must say so. */
  managementEventsOnly?: boolean;
  inventory(signal: AbortSignal): Promise<Inventory>;
  mapping(): Promise<ProductMapping | undefined>;
  /** Streams events; read errors go to `onError` and reading goes on; `onNote` gets short progress lines (e.g. Athena's state). */
  events(signal: AbortSignal, onError: (e: ReadError) => void, onNote?: (message: string) => void): AsyncIterable<SourcedRecord>;
  /** Sentences for the report's scope, filled while the events are read (e.g. what Athena scanned). */
  scopeNotes?: string[];
  /** Paths or URIs the events come from, for the report's scope. */
  eventSources: string[];
}

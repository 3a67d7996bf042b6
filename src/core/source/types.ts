import type { Inventory, ProductMapping, ReadError, SourcedRecord } from '../model';
import type { CheckFilter } from '../check/scopeFilter';
import type { ReadStats } from '../ingest/readStats';
import type { TrailConfig } from '../coverage/trailConfig';

/** Where a check's events and tags come from. */
export type SourceKind = 'files' | 'demo' | 'live' | 'athena';

/** What one read of a source's events needs: the check's filter and products, and where errors go. */
export interface ReadRequest {
  /** Unreadable files, records or rows, as they are met; reading goes on. */
  onError: (e: ReadError) => void;
  /** Short progress lines (an estimate, Athena's state); not for the report. */
  onNote?: (line: string) => void;
  filter: CheckFilter;
  now: number;
  inventory: Inventory;
  mapping: ProductMapping | undefined;
  tagKeys: readonly string[];
  signal?: AbortSignal;
}

/** One read of a source's events. */
export interface SourceRead {
  /** The records, in arrays (one promise per array, not per record); iterated once. */
  batches: AsyncIterable<readonly SourcedRecord[]>;
  /** The reader's counts, filled while `batches` is read (unreadable records, files skipped…). */
  stats: ReadStats;
  /** Scope sentences this read adds (what Athena scanned), filled while `batches` is read. */
  notes: string[];
}

/**
 * One origin of a check's inputs: files, the demo account, a live AWS account or an Athena scan.
 * Implemented once per origin in `src/core/source/`; the CLI and the extension only build one from
 * their arguments or settings and hand it to the runner (`runner.ts`), which owns everything the
 * origins share (de-duplication, counts, read errors, scope notes, re-checks, completeness).
 */
export interface CheckSource {
  readonly kind: SourceKind;
  /** For the status bar, the log and messages: a profile name, `demo account`, `3 event source(s)`. */
  readonly label: string;
  /** Paths or URIs the events come from, for the report's scope. */
  readonly eventSources: string[];
  /** Scope sentences about the source itself (who was checked as, which trails); filled by `inventory()`. */
  readonly notes: string[];
  /**
   * Problems with the inputs that do not stop the check but must be reported (inventory conflicts,
   * truncated exports); filled by `inventory()`. Each is shown in the report's scope and on stderr.
   */
  readonly warnings: string[];
  /** True when the events can only be management events (LookupEvents without trail files). */
  readonly managementEventsOnly?: boolean;
  /** The account checked, once known (live). */
  readonly account?: string;
  /** The regions read, once known (live). */
  readonly regions?: string[];
  inventory(signal?: AbortSignal): Promise<Inventory>;
  mapping(): Promise<ProductMapping | undefined>;
  /**
   * The trails covering the account and regions (DescribeTrails, GetTrailStatus, GetEventSelectors),
   * read after `inventory()`; undefined when the source has none (files without `--trail-config`).
   * Parts that could not be read are problems inside it, never an error: coverage is then `unknown`.
   */
  trailConfig?(signal?: AbortSignal): Promise<TrailConfig | undefined>;
  /** Starts one read of the events; a re-check that needs the events again starts another. */
  read(req: ReadRequest): SourceRead;
  /** Releases connections; the runner calls it when a check ends. */
  close?(): void;
}

import type { PrincipalType, ResolutionStatus, Target } from './resolution';

/** Denied attempts matter: they are how someone finds out what they can reach. */
export type Severity = 'write' | 'read' | 'denied';

export interface Finding {
  eventID: string;
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  severity: Severity;
  principal: { arn: string; type: PrincipalType; product: string; displayName?: string };
  /**
   * The first target of that product; `moreArns` lists (up to 20) other targets of the same product
   * in the same event, so that one event makes one finding per resource product.
   */
  resource: { arn: string; product: string; via: Target['via']; moreArns?: string[] };
  errorCode?: string;
  source: string;
  /** Where the event happened and came from (record fields, untrusted); JSON, CSV and SARIF carry them. */
  recipientAccountId?: string;
  sourceIPAddress?: string;
  userAgent?: string;
  /** 1-based line (JSONL) or record index (trail file) in `source`. */
  position?: number;
  /**
   * `history` when the product of the caller or the resource at the event's time came from the tag
   * history (the trail's tag events, AWS Config) and differs from today's: today's tags would have
   * judged this event otherwise.
   */
  productSource?: 'history';
  /** With `productSource`: today's product of each side that differs ('' when it has none today: untagged or deleted). */
  productToday?: { principal?: string; resource?: string };
  /** With `productSource`: what the history is, e.g. `trail event e-1 at 2026-03-02T10:00:00Z`. */
  historyRef?: string;
}

export type GapKind =
  | 'unresolved-target' // the resolver could not name what the event acted on
  | 'partial-target' // some targets found, some not
  | 'unowned-principal' // the caller has no product
  | 'unowned-resource'; // a target has no product

export interface Gap {
  eventID: string;
  eventTime: string;
  eventSource: string;
  eventName: string;
  kind: GapKind;
  reason: string;
  principalArn?: string;
  resourceArn?: string;
  source: string;
  awsRegion?: string;
  recipientAccountId?: string;
  sourceIPAddress?: string;
  userAgent?: string;
  position?: number;
}

export interface CheckScope {
  product?: string;
  since?: string;
  until?: string;
  regions?: string[];
  accounts?: string[];
  /** True when events came only from LookupEvents: data events are then missing. */
  managementEventsOnly?: boolean;
  eventSources: string[];
  inventorySources: string[];
  productTagKeys: string[];
  /** Sentences about what was and was not looked at (e.g. from live AWS input), shown in the report's scope. */
  notes?: string[];
}

/**
 * Counts of a check. `recordsRead` = `recordsInScope` + `recordsRejected` (outside the filters) +
 * `recordsUnreadable` (positions that could not be made a record: read errors). Duplicates of an
 * event already read (same eventID, eventSource and recipient account) are dropped before any of
 * these and counted in `duplicatesDropped`.
 */
export interface CheckStats {
  recordsRead: number;
  /** Records outside the filters (time window, regions, accounts); `rejectedBy` says which. */
  recordsRejected: number;
  recordsInScope: number;
  /** Record positions the reader could not turn into a record (each is a read error). */
  recordsUnreadable?: number;
  /** Events dropped because an event with the same eventID, eventSource and recipient account was already read. */
  duplicatesDropped?: number;
  /** Records outside the filters, by the first filter that left them out. */
  rejectedBy?: { time: number; region: number; account: number };
  /** With a product filter: in-scope events whose caller or a target belongs to that product. */
  productEvents?: number;
  /** Recipient accounts, regions and time range of the records read, in scope or not (what the input held). */
  inputCoverage?: { accounts: string[]; regions: string[]; firstEventTime?: string; lastEventTime?: string };
  byStatus: Record<ResolutionStatus, number>;
  findings: number;
  findingsBySeverity: Record<Severity, number>;
  gaps: number;
  gapsByKind: Record<GapKind, number>;
  awsServiceEvents: number;
  exemptedEvents: number;
  /** AWS services that called (invokedBy), with event counts: listed, not judged. */
  awsServices?: Record<string, number>;
  /** In-scope records that are data events (S3 objects, Lambda invokes…); 0 means only management events were seen. */
  dataEvents?: number;
  /** In-scope records that came from LookupEvents (management events only, 90 days). */
  lookupEvents?: number;
  /** Findings counted but not listed because the list reached its limit (memory stays bounded). */
  findingsNotListed?: number;
  /** Gaps counted but not listed because the list reached its limit. */
  gapsNotListed?: number;
  /** Recipient accounts and regions of in-scope events (at most 100 each), sorted: what the input covered. */
  accountsSeen?: string[];
  regionsSeen?: string[];
  /** Earliest and latest event time of in-scope events (ISO 8601). */
  firstEventTime?: string;
  lastEventTime?: string;
}

export interface ReadError {
  source: string;
  /** Line or record index, when known. */
  position?: number;
  message: string;
}

export interface CheckResult {
  scope: CheckScope;
  findings: Finding[];
  gaps: Gap[];
  stats: CheckStats;
  readErrors: ReadError[];
  /**
   * Why this check looked at less than it was asked to (no record in scope, no event of the
   * requested product, inputs skipped for read errors), one sentence each; absent or empty when it
   * looked at everything. A result with reasons here must never be shown as clean.
   */
  incomplete?: string[];
  /** Product pair summary: `principalProduct -> resourceProduct`, counted by severity. */
  pairs: { principalProduct: string; resourceProduct: string; counts: Record<Severity, number> }[];
  /** What the trails log for each inventoried resource in scope (see `core/coverage`); set by the runner. */
  coverage?: import('./coverage').TrailCoverage;
  /** Per event source, how many events the resolver resolved, partly resolved or not: worst first. */
  resolutionByService?: import('./coverage').SourceResolution[];
}

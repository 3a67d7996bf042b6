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

/** Counts of a check. `recordsRead` = `recordsInScope` + `recordsRejected` (outside the filters or not a record object). */
export interface CheckStats {
  recordsRead: number;
  recordsRejected: number;
  recordsInScope: number;
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
  /** Product pair summary: `principalProduct -> resourceProduct`, counted by severity. */
  pairs: { principalProduct: string; resourceProduct: string; counts: Record<Severity, number> }[];
}

/**
 * A trail configuration as CloudTrail describes it: `DescribeTrails`, `GetTrailStatus` and
 * `GetEventSelectors`, in the shapes of the AWS API (and so of the AWS CLI's JSON output), whether
 * read live or from files. Every value here comes from AWS or a file: untrusted text.
 */

/** A field selector of an advanced event selector (`eventCategory`, `readOnly`, `resources.type`, `resources.ARN`…). */
export interface FieldSelector {
  Field: string;
  Equals?: string[];
  StartsWith?: string[];
  EndsWith?: string[];
  NotEquals?: string[];
  NotStartsWith?: string[];
  NotEndsWith?: string[];
}

export interface AdvancedEventSelector {
  Name?: string;
  FieldSelectors: FieldSelector[];
}

/** A basic event selector: management events by read/write, data events of S3 objects, Lambda functions, DynamoDB tables. */
export interface BasicEventSelector {
  ReadWriteType?: 'ReadOnly' | 'WriteOnly' | 'All' | string;
  IncludeManagementEvents?: boolean;
  DataResources?: { Type?: string; Values?: string[] }[];
  ExcludeManagementEventSources?: string[];
}

/** One trail as DescribeTrails lists it. */
export interface TrailDescription {
  Name?: string;
  TrailARN?: string;
  HomeRegion?: string;
  IsMultiRegionTrail?: boolean;
  IsOrganizationTrail?: boolean;
  IncludeGlobalServiceEvents?: boolean;
  S3BucketName?: string;
}

/** GetTrailStatus's answer, reduced to what coverage needs. */
export interface TrailStatus {
  IsLogging?: boolean;
  StartLoggingTime?: string;
  StopLoggingTime?: string;
  LatestDeliveryError?: string;
}

/** One trail with what could be read of it; a `…Problem` says why a part is missing (coverage it decides is `unknown`). */
export interface TrailEntry {
  description: TrailDescription;
  status?: TrailStatus;
  statusProblem?: string;
  /** Basic or advanced selectors (a trail has one kind). */
  eventSelectors?: BasicEventSelector[];
  advancedEventSelectors?: AdvancedEventSelector[];
  selectorsProblem?: string;
}

/** What was read of the trails covering an account and regions. */
export interface TrailConfig {
  /** Files read, or `live AWS`. */
  sources: string[];
  trails: TrailEntry[];
  /** Regions whose trails were listed (a DescribeTrails per region); each trail covering one is in `trails`. */
  regionsListed: string[];
  /** Why the trail list itself is incomplete (DescribeTrails denied): every verdict is then `unknown`. */
  listProblem?: string;
  /** Sentences for the report (a status file that names no trail, a region not listed). */
  notes: string[];
}

/** The trail's name, for messages: Name, else the last part of its ARN. */
export function trailName(t: TrailDescription): string {
  return t.Name ?? t.TrailARN?.split('/').pop() ?? '(unnamed trail)';
}

/** The account of a trail, from its ARN. */
export function trailAccount(t: TrailDescription): string | undefined {
  const a = t.TrailARN?.split(':')[4];
  return a ? a : undefined;
}

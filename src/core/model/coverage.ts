import type { ResolutionStatus } from './resolution';

/** Whether a kind of event is logged for a resource: `unknown` when the trail configuration could not be read. */
export type Logged = 'logged' | 'not-logged' | 'unknown';

/** What the trails log for one inventoried resource of the check's scope. */
export interface ResourceCoverage {
  arn: string;
  /** The resource's product (tags, then the mapping); null when it has none. */
  product: string | null;
  /** `service type` of the ARN (`s3 bucket`, `lambda function`), for grouping. */
  resourceType: string;
  /** Data events on it (S3 object reads, item reads, invokes), both reads and writes. */
  dataEvents: Logged | 'not-applicable';
  /** Management events on it, both reads and writes. */
  managementEvents: Logged;
  managementRead: Logged;
  managementWrite: Logged;
  dataRead: Logged | 'not-applicable';
  dataWrite: Logged | 'not-applicable';
  /** CloudTrail's `resources.type` of its data events, when it has any. */
  dataEventType?: string;
  /** Trails (names) that log some of its events. */
  trails: string[];
  /** One or more sentences: by which trail, or why not. */
  why: string;
}

/** A trail as the check saw it. */
export interface TrailCoverageSummary {
  name: string;
  arn?: string;
  homeRegion?: string;
  multiRegion: boolean;
  organization: boolean;
  /** From GetTrailStatus; undefined when it could not be read. */
  isLogging?: boolean;
  /** How its selectors read: `basic`, `advanced`, or why they are unknown. */
  selectors: string;
  /** Sentences: stopped since, selector problems, status problems. */
  notes: string[];
}

/** One region of the check's scope and the logging trails that cover it. */
export interface RegionCoverage {
  region: string;
  /** Names of logging trails covering it. */
  trails: string[];
  /** Names of trails covering it that are stopped. */
  stopped: string[];
  verdict: 'covered' | 'no-trail' | 'stopped' | 'unknown';
}

/** The trail coverage of a check: which resources of its scope the trails can show, and which they cannot. */
export interface TrailCoverage {
  /** False when no trail configuration was read: every verdict is `unknown`. */
  known: boolean;
  /** Where the configuration came from: files, or `live AWS`. */
  sources: string[];
  /** Problems reading the configuration (a denied call, names the IAM action); coverage they touch is `unknown`. */
  problems: string[];
  trails: TrailCoverageSummary[];
  regions: RegionCoverage[];
  resources: ResourceCoverage[];
  /** Resources with management or data events not logged. */
  invisible: number;
  /** Resources whose coverage could not be told. */
  unknown: number;
}

/** How the resolver fared on one event source: where the check cannot read the records. */
export interface SourceResolution {
  eventSource: string;
  events: number;
  resolved: number;
  partial: number;
  unresolved: number;
  noTarget: number;
}

export type { ResolutionStatus };

/**
 * The shape of a CloudTrail record as AWS documents it. Every field is optional and untrusted:
 * records come from files anyone may have edited, and most strings in them were chosen by the
 * caller (user agents, bucket names, request parameters).
 */
export interface CloudTrailRecord {
  eventVersion?: string;
  eventID?: string;
  eventTime?: string;
  eventSource?: string;
  eventName?: string;
  eventType?: string;
  eventCategory?: string;
  awsRegion?: string;
  sourceIPAddress?: string;
  userAgent?: string;
  userIdentity?: UserIdentity;
  requestParameters?: unknown;
  responseElements?: unknown;
  additionalEventData?: unknown;
  resources?: unknown;
  errorCode?: string;
  errorMessage?: string;
  readOnly?: boolean | string;
  managementEvent?: boolean | string;
  recipientAccountId?: string;
  sharedEventID?: string;
  requestID?: string;
  [key: string]: unknown;
}

export interface UserIdentity {
  type?: string;
  principalId?: string;
  arn?: string;
  accountId?: string;
  accessKeyId?: string;
  userName?: string;
  invokedBy?: string;
  identityProvider?: string;
  sessionContext?: {
    sessionIssuer?: { type?: string; principalId?: string; arn?: string; accountId?: string; userName?: string };
    webIdFederationData?: { federatedProvider?: string; attributes?: Record<string, unknown> };
    attributes?: Record<string, unknown>;
    sourceIdentity?: string;
  };
  [key: string]: unknown;
}

/** A `Resources` entry of LookupEvents output: a type such as `AWS::S3::Bucket` and a name (often not an ARN). */
export interface LookupResource {
  ResourceType?: string;
  ResourceName?: string;
}

/**
 * One record as read from a source, with where it came from. `lookupResources` is present only for
 * records that came from LookupEvents, whose envelope carries a Resources list beside the record.
 */
export interface SourcedRecord {
  record: CloudTrailRecord;
  /** File (or `lookup-events:<region>` etc.) the record came from, for reports and errors. */
  source: string;
  /** 1-based line (JSONL) or record index (trail file) in the source, for error messages. */
  position: number;
  lookupResources?: LookupResource[];
}

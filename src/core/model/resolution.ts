import type { CloudTrailRecord } from './cloudTrail';

/** How a target ARN was found. Ordered by the resolver's tiers; reports show it so users can judge trust. */
export type Via =
  | 'resources' // tier 1: the record's resources[] field
  | 'arn-in-request' // tier 2: a value in requestParameters that already is an ARN
  | 'arn-in-response' // tier 2: a value in responseElements that already is an ARN
  | 'template' // tier 3: an IAM Service Authorization Reference ARN template filled from the record
  | 'curated' // tier 4: the curated exceptions table
  | 'lookup-resources' // tier 5: LookupEvents' Resources list
  | 'error-message'; // tier 6: an AccessDenied message naming the resource

export type ResolutionStatus = 'resolved' | 'partial' | 'unresolved' | 'no-target';

export interface Target {
  arn: string;
  via: Via;
  /** IAM resource type (e.g. `instance`, `bucket`) when known. */
  resourceType?: string;
  /** Set when part of the ARN had to be assumed (e.g. an IAM path of `/`). Says what was assumed. */
  assumption?: string;
}

export interface Resolution {
  status: ResolutionStatus;
  /** What the action acted on. Never mixed with `related`. */
  targets: Target[];
  /** Other ARNs seen in the record (roles passed, KMS keys used, …): context, not targets. */
  related: Target[];
  /** Present for `unresolved` and `partial`, and for `no-target`: a sentence a person can act on. */
  reason?: string;
  /** The IAM action(s) the event was mapped to, e.g. `ec2:StartInstances`. */
  actions: string[];
}

/** The principal that made a call, as the check judges it. */
export type PrincipalType =
  | 'iam-user'
  | 'iam-role' // assumed-role sessions are judged as their role
  | 'sso-role' // IAM Identity Center permission-set role (AWSReservedSSO_…)
  | 'root'
  | 'federated-user' // sts:GetFederationToken
  | 'web-identity'
  | 'saml'
  | 'aws-service'
  | 'aws-account' // another account, known only by id
  | 'identity-center-user'
  | 'unknown';

export interface Principal {
  /** The ARN the check judges (a role, not its session); may be synthesised (`arn:aws:iam::123:root`). */
  arn: string;
  type: PrincipalType;
  accountId?: string;
  /** The session or user name as shown to people (e.g. `alice@example.com` for an SSO session). */
  displayName?: string;
  /** Session ARN when the call came from an assumed-role session. */
  sessionArn?: string;
  /** True for callers in another account than the record's recipient account. */
  crossAccount?: boolean;
  /**
   * The IAM user that issued a federated-user session (GetFederationToken): the tags that say
   * which product the caller belongs to live on that user, not on the synthesised session ARN.
   */
  issuerArn?: string;
}

/** A record with everything the core derived from it. */
export interface ResolvedEvent {
  record: CloudTrailRecord;
  source: string;
  position: number;
  resolution: Resolution;
  principal: Principal;
}

/**
 * The parts of a CloudTrail record every event shares, written in the order and form AWS uses, and
 * the ground truth the generator keeps beside each record to derive the expected check result.
 */
import type { CloudTrailRecord, LookupResource } from '../../src/core/model/cloudTrail';
import { ACCOUNT } from './account';
import { type Actor, addressOf, isCrossAccount, isService, userAgentOf, userIdentityOf } from './identity';
import type { Rng } from './rng';

/** What the generator knows about a record that a checker has to work out. */
export interface Truth {
  /** ARNs the call acted on; empty for calls with no target (ConsoleLogin, List*, Describe* without ids). */
  targets: string[];
  /** Set when the record does not carry enough to name the target: why a correct resolver must give up. */
  unresolvable?: string;
  /** LookupEvents' Resources list for this event, as AWS gives it (names, not ARNs). */
  lookupResources?: LookupResource[];
  /** Why the event is in the demo, for EXPECTED.md (planted incidents only). */
  note?: string;
}

/** A generated record with its ground truth and the caller that made it. */
export interface DemoEvent {
  record: CloudTrailRecord;
  truth: Truth;
  actor: Actor;
}

/** What a call builder says about its call; the envelope adds identity, time, ids and TLS. */
export interface CallSpec {
  source: string;
  name: string;
  readOnly: boolean;
  data?: boolean;
  requestParameters: unknown;
  responseElements?: unknown;
  additionalEventData?: unknown;
  resources?: { accountId?: string; type?: string; ARN?: string; ARNPrefix?: string }[];
  error?: { code: string; message: string };
  apiVersion?: string;
  /** CLI sub-command for the user agent, e.g. `s3.cp`. */
  command?: string;
  eventType?: string;
  vpcEndpointId?: string;
}

/** Where and when a call happens, who makes it, and the generator it draws ids from. */
export interface CallContext {
  rng: Rng;
  at: Date;
  region: string;
  actor: Actor;
}

const VPC_ENDPOINTS: Record<string, string> = {
  's3.amazonaws.com': 'vpce-0a7c31e52d94b6f08',
  'dynamodb.amazonaws.com': 'vpce-05d2e8a1c7f3b9e46',
  'sqs.amazonaws.com': 'vpce-0e41b7d29a6c3f815',
};

const TLS = { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256' };

function hostFor(source: string, region: string): string {
  const service = source.replace('.amazonaws.com', '');
  if (service === 'sts' || service === 'iam') return `${service}.amazonaws.com`;
  if (service === 'signin') return `${region}.signin.aws.amazon.com`;
  return `${service}.${region}.amazonaws.com`;
}

/** Builds a record with AWS's field order; `hostHeader` overrides the TLS host (S3 virtual-host style). */
export function envelope(ctx: CallContext, spec: CallSpec, truth: Truth, hostHeader?: string): DemoEvent {
  const { rng, at, region, actor } = ctx;
  const service = isService(actor);
  const agent = userAgentOf(actor, spec.command ?? spec.name.toLowerCase());
  const record: CloudTrailRecord = {
    eventVersion: spec.data ? '1.10' : service ? '1.08' : '1.09',
    userIdentity: userIdentityOf(actor, at),
    eventTime: at.toISOString().replace('.000Z', 'Z'),
    eventSource: spec.source,
    eventName: spec.name,
    awsRegion: region,
    sourceIPAddress: addressOf(actor, at.toISOString().slice(0, 10)),
    userAgent: spec.source === 's3.amazonaws.com' && !service ? `[${agent}]` : agent,
  };
  if (spec.error) {
    record.errorCode = spec.error.code;
    record.errorMessage = spec.error.message;
  }
  record.requestParameters = spec.requestParameters;
  record.responseElements = spec.error ? null : spec.responseElements ?? null;
  if (spec.additionalEventData !== undefined) record.additionalEventData = spec.additionalEventData;
  record.requestID = spec.source === 's3.amazonaws.com' ? rng.chars(16, '0123456789ABCDEF') : rng.uuid();
  record.eventID = rng.uuid();
  record.readOnly = spec.readOnly;
  if (spec.resources) record.resources = spec.resources;
  record.eventType = spec.eventType ?? 'AwsApiCall';
  if (spec.apiVersion) record.apiVersion = spec.apiVersion;
  record.managementEvent = !spec.data;
  record.recipientAccountId = ACCOUNT;
  if (service || isCrossAccount(actor)) record.sharedEventID = rng.uuid();
  // The checkout service runs in private subnets and reaches AWS through VPC endpoints.
  const vpcEndpointId = spec.vpcEndpointId ?? (!service && actor.channel === 'ecs' ? VPC_ENDPOINTS[spec.source] : undefined);
  if (vpcEndpointId) {
    record.vpcEndpointId = vpcEndpointId;
    record.vpcEndpointAccountId = ACCOUNT;
  }
  record.eventCategory = spec.data ? 'Data' : 'Management';
  if (!service) record.tlsDetails = { ...TLS, clientProvidedHostHeader: hostHeader ?? hostFor(spec.source, region) };
  if (!service && 'channel' in actor && actor.channel === 'console') record.sessionCredentialFromConsole = 'true';
  return { record, truth, actor };
}

/** The wording IAM uses for an implicit deny, which AWS now writes into errorMessage for most services. */
export function deniedMessage(callerArn: string, action: string, resourceArn: string, quoted = false): string {
  const res = quoted ? `"${resourceArn}"` : resourceArn;
  return `User: ${callerArn} is not authorized to perform: ${action} on resource: ${res} because no identity-based policy allows the ${action} action`;
}

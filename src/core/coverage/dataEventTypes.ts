import { parseArn, typeAndName } from '../arn/arn';

/**
 * Which inventoried resources have data events, and as what. Data events are the calls on a
 * resource's contents (S3 object reads and writes, DynamoDB item calls, Lambda invocations…) that a
 * trail logs only when its selectors ask for them; LookupEvents never returns them.
 *
 * Source: the AWS CloudTrail User Guide, "Logging data events", table of data event resource types
 * (the `resources.type` values of advanced event selectors; basic selectors know only the first
 * three). Only types whose resource the tagging API or AWS Config can list are here; the rest of
 * CloudTrail's list (Outposts objects, managed blockchain nodes…) is never inventoried by TagTrail.
 *
 * `arn` says what ARN a data event of the type names in `resources.ARN`: the resource's own
 * (`exact`), or anything under a prefix (`objects`: an S3 bucket's objects).
 */
interface DataEventKind {
  service: string;
  /** `typeAndName` type of the inventoried ARN. */
  arnType: string;
  type: string;
  arn: 'exact' | 'objects';
}

const KINDS: DataEventKind[] = [
  { service: 's3', arnType: 'bucket', type: 'AWS::S3::Object', arn: 'objects' },
  { service: 'lambda', arnType: 'function', type: 'AWS::Lambda::Function', arn: 'exact' },
  { service: 'dynamodb', arnType: 'table', type: 'AWS::DynamoDB::Table', arn: 'exact' },
  { service: 's3express', arnType: 'bucket', type: 'AWS::S3Express::Object', arn: 'objects' },
  { service: 's3', arnType: 'accesspoint', type: 'AWS::S3::AccessPoint', arn: 'exact' },
  { service: 'sqs', arnType: '', type: 'AWS::SQS::Queue', arn: 'exact' },
  { service: 'sns', arnType: '', type: 'AWS::SNS::Topic', arn: 'exact' },
  { service: 'kinesis', arnType: 'stream', type: 'AWS::Kinesis::Stream', arn: 'exact' },
  { service: 'kinesisvideo', arnType: 'stream', type: 'AWS::KinesisVideo::Stream', arn: 'exact' },
  { service: 'glue', arnType: 'table', type: 'AWS::Glue::Table', arn: 'exact' },
  { service: 'ec2', arnType: 'snapshot', type: 'AWS::EC2::Snapshot', arn: 'exact' },
  { service: 'states', arnType: 'stateMachine', type: 'AWS::StepFunctions::StateMachine', arn: 'exact' },
  { service: 'sagemaker', arnType: 'endpoint', type: 'AWS::SageMaker::Endpoint', arn: 'exact' },
  { service: 'sagemaker', arnType: 'feature-group', type: 'AWS::SageMaker::FeatureGroup', arn: 'exact' },
  { service: 'cognito-identity', arnType: 'identitypool', type: 'AWS::Cognito::IdentityPool', arn: 'exact' },
  { service: 'bedrock', arnType: 'agent-alias', type: 'AWS::Bedrock::AgentAlias', arn: 'exact' },
  { service: 'bedrock', arnType: 'knowledge-base', type: 'AWS::Bedrock::KnowledgeBase', arn: 'exact' },
  { service: 'dynamodb', arnType: 'stream', type: 'AWS::DynamoDB::Stream', arn: 'exact' },
];

/** Every `resources.type` of the table: what a trail logging "all data events" selects, one advanced selector each. */
export const DATA_EVENT_TYPES: readonly string[] = [...new Set(KINDS.map((k) => k.type))];

/** What the data events of a resource name: its type, and the ARNs (`arn`, or under `prefix`). */
export interface DataEventTarget {
  type: string;
  /** The ARN a data event names, or the prefix all of them start with (an S3 bucket's `arn:aws:s3:::b/`). */
  arn: string;
  prefix: boolean;
}

/** The `service type` words of an ARN, for grouping resources (`s3 bucket`, `sqs queue`). */
export function resourceTypeOf(arn: string): string {
  const a = parseArn(arn);
  if (!a) return 'unknown';
  if (a.service === 'sqs') return 'sqs queue';
  if (a.service === 'sns') return 'sns topic';
  const t = typeAndName(a.service, a.resource).type;
  return `${a.service} ${t}`;
}

/** The data events a resource can have, or undefined when it has none (KMS keys, EC2 instances…). */
export function dataEventTarget(arn: string): DataEventTarget | undefined {
  const a = parseArn(arn);
  if (!a) return undefined;
  const t = a.service === 'sqs' || a.service === 'sns' ? '' : typeAndName(a.service, a.resource).type;
  // A DynamoDB stream is `table/t/stream/…`: its own kind, not the table's.
  const type = a.service === 'dynamodb' && /^table\/[^/]+\/stream\//.test(a.resource) ? 'stream' : t;
  if (a.service === 'dynamodb' && type === 'table' && a.resource.includes('/', 'table/'.length)) return undefined;
  const kind = KINDS.find((k) => k.service === a.service && k.arnType === type);
  if (!kind) return undefined;
  return kind.arn === 'objects' ? { type: kind.type, arn: `${arn}/`, prefix: true } : { type: kind.type, arn, prefix: false };
}

/** The event source of a service's management events (`kms` -> `kms.amazonaws.com`). */
export function eventSourceOf(arn: string): string {
  const service = parseArn(arn)?.service ?? '';
  return `${EVENT_SOURCE_EXCEPTIONS.get(service) ?? service}.amazonaws.com`;
}

const EVENT_SOURCE_EXCEPTIONS = new Map<string, string>([['states', 'states'], ['execute-api', 'execute-api'], ['cognito-identity', 'cognito-identity']]);

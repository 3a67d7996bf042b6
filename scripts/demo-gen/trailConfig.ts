/**
 * The demo account's trail configuration, as the AWS CLI prints it (`aws cloudtrail
 * describe-trails --region R`, `get-trail-status --name T`, `get-event-selectors --trail-name T`),
 * so that a check of the demo can say what the trails see. Chosen to agree with the demo's events:
 * - demo-trail (eu-west-1 only) logs management events and the data events of S3 objects (all
 *   buckets but the Config delivery bucket, which has no data event in the demo), Lambda,
 *   DynamoDB, SQS and SNS: the demo's data events are all in eu-west-1 except catalog-images';
 * - demo-trail-us-east-1 (us-east-1, with global service events) logs management events and
 *   catalog-images' objects (the bucket of the us-east-1 data events);
 * - catalog-audit (eu-west-1) would log catalog buckets' objects but was stopped before the week;
 * - eu-central-1 lists no trail at all.
 */
import { ACCOUNT, MAIN_REGION, SECOND_REGION } from './account';
import { R } from './account';
import type { OutputFile } from './trailFiles';

const THIRD_REGION = 'eu-central-1';
const LOG_BUCKET = R.trailBucket.arn.split(':::')[1]!;
const objects = (arn: string): string => `${arn}/`;

function trail(name: string, region: string, globalEvents: boolean, prefix?: string): Record<string, unknown> {
  return {
    Name: name, S3BucketName: LOG_BUCKET, ...(prefix ? { S3KeyPrefix: prefix } : {}), IncludeGlobalServiceEvents: globalEvents, IsMultiRegionTrail: false,
    HomeRegion: region, TrailARN: `arn:aws:cloudtrail:${region}:${ACCOUNT}:trail/${name}`, LogFileValidationEnabled: true,
    HasCustomEventSelectors: true, HasInsightSelectors: false, IsOrganizationTrail: false,
  };
}

function status(logging: boolean, started: string, lastDelivery: string, stopped?: string): Record<string, unknown> {
  return {
    IsLogging: logging, LatestDeliveryTime: lastDelivery, StartLoggingTime: started, ...(stopped ? { StopLoggingTime: stopped } : {}),
    LatestDeliveryAttemptTime: lastDelivery, LatestDeliveryAttemptSucceeded: lastDelivery, TimeLoggingStarted: started, ...(stopped ? { TimeLoggingStopped: stopped } : {}),
  };
}

const data = (name: string, type: string, ...more: Record<string, unknown>[]): Record<string, unknown> => ({
  Name: name, FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: [type] }, ...more],
});

const json = (path: string, v: unknown): OutputFile => ({ path: `trail-config/${path}`, content: `${JSON.stringify(v, null, 2)}\n` });

/** The files of demo/trail-config/. */
export function trailConfigFiles(): OutputFile[] {
  const main = trail('demo-trail', MAIN_REGION, false);
  const second = trail('demo-trail-us-east-1', SECOND_REGION, true);
  const audit = trail('catalog-audit', MAIN_REGION, false, 'catalog-audit');
  return [
    json(`describe-trails.${MAIN_REGION}.json`, { trailList: [main, audit] }),
    json(`describe-trails.${SECOND_REGION}.json`, { trailList: [second] }),
    json(`describe-trails.${THIRD_REGION}.json`, { trailList: [] }),
    json('get-trail-status.demo-trail.json', status(true, '2026-01-15T09:30:00+00:00', '2026-10-12T00:04:11+00:00')),
    json('get-trail-status.demo-trail-us-east-1.json', status(true, '2026-01-15T09:31:00+00:00', '2026-10-12T00:03:52+00:00')),
    json('get-trail-status.catalog-audit.json', status(false, '2026-03-02T08:00:00+00:00', '2026-08-31T17:58:40+00:00', '2026-08-31T18:00:00+00:00')),
    json('get-event-selectors.demo-trail.json', {
      TrailARN: main.TrailARN,
      AdvancedEventSelectors: [
        { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
        data('S3 objects, except the Config delivery bucket', 'AWS::S3::Object', { Field: 'resources.ARN', NotStartsWith: [objects(R.configBucket.arn)] }),
        data('Lambda invocations', 'AWS::Lambda::Function'),
        data('DynamoDB items', 'AWS::DynamoDB::Table'),
        data('SQS messages', 'AWS::SQS::Queue'),
        data('SNS publishes', 'AWS::SNS::Topic'),
      ],
    }),
    json('get-event-selectors.demo-trail-us-east-1.json', {
      TrailARN: second.TrailARN,
      EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: [objects(R.catalogImages.arn)] }], ExcludeManagementEventSources: [] }],
    }),
    json('get-event-selectors.catalog-audit.json', {
      TrailARN: audit.TrailARN,
      EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: [R.catalogFeeds.arn, R.catalogImages.arn, R.configBucket.arn].map(objects) }], ExcludeManagementEventSources: [] }],
    }),
  ];
}

/**
 * A week of ordinary, clean traffic: each product's workloads and people using their own resources
 * and the shared platform, AWS services delivering logs, and calls with no target. Nothing here
 * should appear in a finding or a gap.
 */
import { R, SECOND_REGION, P } from './account';
import { A } from './actors';
import { DAYS, type Timeline } from './clock';
import * as d from './dataCalls';
import * as c from './computeCalls';
import * as i from './identityCalls';

function workloads(t: Timeline, day: number): void {
  const task = t.rng.hex(32);
  for (let h = 0; h < 24; h += 2) {
    t.add(t.between(day, h, h + 2), A.checkoutWorker, (x) => d.sqsMessage(x, 'ReceiveMessage', R.paymentsQueue));
    t.add(t.between(day, h, h + 2), A.checkoutWorker, (x) => d.dynamoItem(x, 'PutItem', R.ordersTable));
    t.add(t.between(day, h, h + 2), A.checkoutWorker, (x) => d.sqsMessage(x, 'DeleteMessage', R.paymentsQueue));
    t.add(t.between(day, h, h + 2), A.checkoutWorker, (x) => d.kmsGenerateDataKey(x, R.checkoutKey, { 'aws:dynamodb:tableName': 'checkout-orders' }));
    t.add(t.between(day, h, h + 2), A.checkoutApi(task), (x) => d.s3Object(x, 'GetObject', R.checkoutReceipts, `receipts/2026/10/${x.rng.hex(12)}.pdf`));
    t.add(t.between(day, h, h + 2), A.checkoutApi(task), (x) => d.dynamoItem(x, 'GetItem', R.ordersTable));
    t.add(t.between(day, h, h + 2), A.checkoutApi(task), (x) => d.sqsMessage(x, 'SendMessage', R.paymentsQueue));
    t.add(t.between(day, h, h + 2), A.catalogIndexer, (x) => d.sqsMessage(x, 'ReceiveMessage', R.indexQueue));
    t.add(t.between(day, h, h + 2), A.catalogIndexer, (x) => d.dynamoItem(x, 'Query', R.productsTable));
    if (h % 4 === 0) {
      t.add(t.between(day, h, h + 2), A.checkoutWorker, (x) => d.getSecretValue(x, R.stripeSecret, 'arn'));
      t.add(t.between(day, h, h + 2), A.checkoutApi(task), (x) => d.ssmParameter(x, 'GetParameter', R.checkoutDbUrl));
      t.add(t.between(day, h, h + 2), A.checkoutApi(task), (x) => d.ssmParameter(x, 'GetParameter', R.sharedVpcId));
      t.add(t.between(day, h, h + 2), A.catalogIndexer, (x) => d.s3Object(x, 'PutObject', R.catalogFeeds, `feeds/google-shopping-${x.rng.hex(6)}.xml`));
      t.add(t.between(day, h, h + 2), A.catalogIndexer, (x) => d.snsPublish(x, R.priceTopic));
      t.add(t.between(day, h, h + 2), A.catalogHost(R.catalogHost.ref), (x) => d.s3Object({ ...x, region: SECOND_REGION }, 'GetObject', R.catalogImages, `products/${x.rng.int(1000, 9999)}/main.webp`), SECOND_REGION);
      t.add(t.between(day, h, h + 2), A.catalogHost(R.catalogHost.ref), (x) => d.getSecretValue(x, R.searchSecret, 'arn'));
      t.add(t.between(day, h, h + 2), A.catalogHost(R.catalogHost.ref), (x) => d.ssmParameter(x, 'GetParameter', R.catalogEndpoint));
      t.add(t.between(day, h, h + 2), A.platformObs, (x) => d.snsPublish(x, R.alertsTopic));
    }
  }
  t.add(t.between(day, 0, 1), A.checkoutWorker, (x) => c.logsCreateStream(x, R.checkoutLogs));
  t.add(t.between(day, 1, 2), A.analyticsEtl, (x) => c.logsCreateStream(x, R.analyticsLogs));
  // The nightly export that the mapping file's exemption allows.
  for (let k = 0; k < 3; k++) t.add(t.between(day, 2, 3), A.analyticsEtl, (x) => d.s3Object(x, 'GetObject', R.checkoutExports, `exports/${day + 5}/orders-part-${k}.parquet`));
  for (let k = 0; k < 3; k++) t.add(t.between(day, 3, 4), A.analyticsEtl, (x) => d.s3Object(x, 'PutObject', R.analyticsLake, `raw/orders/dt=2026-10-${String(day + 5).padStart(2, '0')}/part-${k}.parquet`));
  t.add(t.between(day, 3, 4), A.analyticsEtl, (x) => d.dynamoItem(x, 'Query', R.sessionsTable));
  t.add(t.between(day, 3, 4), A.analyticsEtl, (x) => d.kmsDecrypt(x, R.analyticsKey, { 'aws:s3:arn': `${R.analyticsLake.arn}/raw/` }));
  t.add(t.between(day, 4, 5), A.analyticsEtl, (x) => c.lambdaInvoke(x, R.analyticsFn));
  t.add(t.between(day, 4, 5), A.platformObs, (x) => c.logsPutRetention(x, R.auditLogs, 365));
  // The partner account's nightly sync: assume the partner role, read the lake.
  const sync = t.between(day, 1, 2);
  t.add(sync, A.partnerEtl, (x) => i.assumeRole(x, P.partnerAccess, 'partner-nightly-sync'));
  for (let k = 0; k < 2; k++) t.add(new Date(sync.getTime() + (k + 1) * 40_000), A.partnerSession, (x) => d.s3Object(x, 'GetObject', R.analyticsLake, `curated/daily/part-${k}.parquet`));
}

function people(t: Timeline, day: number): void {
  const weekday = day < 5;
  if (weekday) {
    t.add(t.between(day, 7, 8), A.aliceConsole, (x) => i.consoleLogin(x));
    t.add(t.between(day, 8, 9), A.bob, (x) => i.consoleLogin(x));
    t.add(t.between(day, 8, 10), A.alice, (x) => i.getCallerIdentity(x), SECOND_REGION);
    t.add(t.between(day, 8, 10), A.alice, (x) => d.s3ListBuckets(x));
    t.add(t.between(day, 9, 10), A.alice, (x) => c.ec2StartStop(x, 'StartInstances', R.checkoutHost));
    t.add(t.between(day, 17, 18), A.alice, (x) => c.ec2StartStop(x, 'StopInstances', R.checkoutHost));
    t.add(t.between(day, 9, 12), A.bob, (x) => c.ec2DescribeInstances(x));
    t.add(t.between(day, 9, 12), A.bob, (x) => c.rdsDescribe(x));
    t.add(t.between(day, 10, 16), A.carol, (x) => d.s3Object(x, 'GetObject', R.analyticsLake, `curated/daily/part-${x.rng.int(0, 1)}.parquet`));
    t.add(t.between(day, 10, 16), A.erin, (x) => d.s3Object(x, 'GetObject', R.checkoutReceipts, `receipts/2026/10/${x.rng.hex(12)}.pdf`));
    t.add(t.between(day, 10, 16), A.grace, (x) => d.s3Object(x, 'GetObject', R.analyticsLake, 'curated/weekly/summary.parquet'));
    t.add(t.between(day, 9, 17), A.dave, (x) => d.ssmParameter(x, 'GetParameter', R.checkoutDbUrl));
    t.add(t.between(day, 9, 17), A.heidi, (x) => c.ec2DescribeInstances(x));
    for (const who of [A.alice, A.bobCli, A.carol]) t.add(t.between(day, 9, 17), who, (x) => d.s3Object(x, 'GetObject', R.sharedArtifacts, `tools/bootstrap-${x.rng.int(1, 4)}.sh`));
  }
  if (day === 1 || day === 3) {
    const run = 4100 + day;
    t.add(t.between(day, 14, 15), A.ci(run), (x) => d.s3Object(x, 'PutObject', R.sharedArtifacts, `builds/catalog-indexer-${run}.zip`));
    t.add(t.between(day, 15, 16), A.ci(run), (x) => c.lambdaUpdateConfig(x, R.catalogFn, 1024));
    t.add(t.between(day, 15, 16), A.ci(run), (x) => c.ecsUpdateService(x, R.platformCluster, R.catalogService, 4));
    t.add(t.between(day, 11, 12), A.erin, (x) => c.ecsUpdateService(x, R.checkoutCluster, R.checkoutService, 6));
    t.add(t.between(day, 11, 12), A.frank, (x) => c.rdsInstanceCall(x, 'ModifyDBInstance', R.catalogDb));
    t.add(t.between(day, 12, 13), A.alice, (x) => c.lambdaUpdateConfig(x, R.checkoutFn, 512));
  }
}

function services(t: Timeline, day: number): void {
  for (let h = 0; h < 24; h += 3) {
    t.add(t.between(day, h, h + 3), A.cloudtrail, (x) => d.s3Bucket(x, 'GetBucketAcl', R.trailBucket, { acl: '' }, true));
    t.add(t.between(day, h, h + 3), A.cloudtrail, (x) => d.s3Object(x, 'PutObject', R.trailBucket, `AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/${String(day + 5).padStart(2, '0')}/digest-${x.rng.hex(8)}.json.gz`));
  }
  t.add(t.between(day, 5, 6), A.config, (x) => d.s3Bucket(x, 'GetBucketAcl', R.configBucket, { acl: '' }, true));
  t.add(t.between(day, 5, 6), A.configSlr, (x) => c.ec2DescribeInstances(x));
}

/** Adds the clean week to the timeline. */
export function addRoutine(t: Timeline): void {
  for (let day = 0; day < DAYS; day++) {
    workloads(t, day);
    people(t, day);
    services(t, day);
  }
}

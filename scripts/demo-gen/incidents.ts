/**
 * The planted story: cross-product writes, reads and denied attempts by users, roles, Identity
 * Center sessions and a partner account; touches of untagged resources; a caller with no product;
 * and calls whose target no resolver can name. Each line is an event a correct check must report.
 */
import { P, R } from './account';
import { A } from './actors';
import { at, type Timeline } from './clock';
import * as d from './dataCalls';
import * as c from './computeCalls';
import * as i from './identityCalls';

function crossProductWrites(t: Timeline): void {
  t.note = "A checkout developer hot-fixes the catalog's product feed.";
  t.add(at(0, 10, 12, 7), A.alice, (x) => d.s3Object(x, 'PutObject', R.catalogFeeds, 'feeds/manual-fix.xml'));
  t.note = "A catalog developer (Identity Center) stops checkout's batch host from the console.";
  t.add(at(0, 14, 3, 51), A.frank, (x) => c.ec2StartStop(x, 'StopInstances', R.checkoutHost));
  t.note = "The catalog CI role reconfigures checkout's payment function (wrong stack in the pipeline).";
  t.add(at(1, 15, 41, 2), A.ci(4101), (x) => c.lambdaUpdateConfig(x, R.checkoutFn, 2048));
  t.note = "A checkout release writes into the catalog's table until it is rolled back.";
  for (let k = 0; k < 6; k++) t.add(at(3, 13, 5 + k * 7, 11 * k), A.checkoutWorker, (x) => d.dynamoItem(x, 'PutItem', R.productsTable));
  t.note = "An analytics reader opens checkout's database port to an office range.";
  t.add(at(2, 16, 20, 40), A.grace, (x) => c.ec2AuthorizeIngress(x, R.checkoutSg, '203.0.113.0/24', 5432));
  t.note = "A catalog developer cuts analytics' log retention to one day.";
  t.add(at(2, 9, 48, 13), A.bob, (x) => c.logsPutRetention(x, R.analyticsLogs, 1));
  t.note = "The catalog indexer posts into checkout's payment queue (wrong queue URL).";
  for (let k = 0; k < 3; k++) t.add(at(4, 8, 15 + k, 3 * k), A.catalogIndexer, (x) => d.sqsMessage(x, 'SendMessage', R.paymentsQueue));
  t.note = "One call, two targets: the instance is the caller's own, the volume belongs to checkout.";
  t.add(at(1, 11, 2, 9), A.carol, (x) => c.ec2CreateTags(x, [R.analyticsHost, R.checkoutVolume], 'cost-center', 'cc-4410'));
  t.note = 'Clean: checkout updates its own parameter...';
  t.add(at(3, 10, 30, 0), A.dave, (x) => d.ssmParameter(x, 'PutParameter', R.checkoutDbUrl));
  t.note = "...and then, by mistake, the catalog's.";
  t.add(at(3, 10, 31, 25), A.dave, (x) => d.ssmParameter(x, 'PutParameter', R.catalogEndpoint));
  t.note = "A catalog developer changes checkout's database backup retention.";
  t.add(at(4, 19, 2, 44), A.frank, (x) => c.rdsInstanceCall(x, 'ModifyDBInstance', R.checkoutDb));
  t.note = "The checkout API publishes to the catalog's price-change topic.";
  t.add(at(5, 12, 0, 1), A.checkoutApi('7c1f0e2a9b3d4c5e8f6a7b8c9d0e1f2a'), (x) => d.snsPublish(x, R.priceTopic));
  t.note = "A checkout developer rewrites the catalog image bucket's policy.";
  t.add(at(2, 11, 17, 36), A.erinCli, (x) => d.s3Bucket(x, 'PutBucketPolicy', R.catalogImages, {
    bucketPolicy: { Version: '2012-10-17', Statement: [{ Sid: 'CheckoutReadImages', Effect: 'Allow', Principal: { AWS: P.checkoutApi.arn }, Action: 's3:GetObject', Resource: `${R.catalogImages.arn}/*` }] },
    policy: '',
  }, false));
}

function crossProductReads(t: Timeline): void {
  t.note = 'An analytics user downloads checkout receipts.';
  for (let k = 0; k < 4; k++) t.add(at(1, 13, 10 + k * 3, 5), A.carol, (x) => d.s3Object(x, 'GetObject', R.checkoutReceipts, `receipts/2026/10/${x.rng.hex(12)}.pdf`));
  t.note = 'The partner account (mapped to analytics) reads checkout data directly; the bucket policy lets it.';
  t.add(at(5, 2, 14, 9), A.partnerEtl, (x) => d.s3Object(x, 'GetObject', R.checkoutReceipts, 'receipts/2026/10/summary.csv'));
  t.note = "The partner's session in the analytics role reads the catalog's feed.";
  t.add(at(5, 1, 50, 0), A.partnerSession, (x) => d.s3Object(x, 'GetObject', R.catalogFeeds, 'feeds/google-shopping-full.xml'));
  t.note = "A catalog developer reads checkout's payment provider key.";
  t.add(at(2, 10, 5, 55), A.bobCli, (x) => d.getSecretValue(x, R.stripeSecret, 'arn'));
  t.note = 'The analytics ETL reads checkout orders item by item...';
  for (let k = 0; k < 3; k++) t.add(at(6, 3, 20 + k, 0), A.analyticsEtl, (x) => d.dynamoItem(x, 'GetItem', R.ordersTable));
  t.note = "...and decrypts with checkout's key.";
  t.add(at(6, 3, 25, 30), A.analyticsEtl, (x) => d.kmsDecrypt(x, R.checkoutKey, { 'aws:dynamodb:tableName': 'checkout-orders' }));
  t.note = 'Not exempt: the exemption covers the export bucket, not the receipts.';
  t.add(at(4, 2, 40, 12), A.analyticsEtl, (x) => d.s3Object(x, 'GetObject', R.checkoutReceipts, 'receipts/2026/10/batch.csv'));
  t.note = "A checkout developer reads the catalog's search endpoint.";
  t.add(at(3, 15, 0, 0), A.erinCli, (x) => d.ssmParameter(x, 'GetParameter', R.catalogEndpoint));
  t.note = "An analytics reader queries checkout's orders table.";
  t.add(at(4, 10, 44, 20), A.grace, (x) => d.dynamoItem(x, 'Query', R.ordersTable));
}

function deniedAttempts(t: Timeline): void {
  t.note = 'Denied: S3 names the object in its message.';
  t.add(at(2, 14, 0, 7), A.carol, (x) => d.s3Object(x, 'GetObject', R.catalogImages, 'products/1234/main.webp', true));
  t.note = "Denied: EC2's UnauthorizedOperation names the instance.";
  t.add(at(0, 16, 33, 0), A.bobCli, (x) => c.ec2StartStop(x, 'StopInstances', R.checkoutHost, true));
  t.note = 'Denied: STS logs the refusal without requestParameters; only the message names the role.';
  t.add(at(1, 9, 12, 45), A.dave, (x) => i.assumeRole(x, P.analyticsEtl, 'dave-debug', true));
  t.note = 'Denied without requestParameters; the message names the instance.';
  t.add(at(3, 17, 55, 2), A.frank, (x) => c.sendSshPublicKeyDenied(x, R.checkoutHost));
  t.note = 'Denied without requestParameters; the message names the function.';
  t.add(at(4, 11, 21, 30), A.grace, (x) => c.lambdaGetFunctionDenied(x, R.checkoutFn));
  t.note = "Denied: the ETL tries to write checkout's orders.";
  t.add(at(6, 3, 22, 10), A.analyticsEtl, (x) => d.dynamoItem(x, 'PutItem', R.ordersTable, true));
  t.note = "Denied: RDS's message names no resource; the request's identifier does.";
  t.add(at(5, 10, 2, 0), A.erinCli, (x) => c.rdsInstanceCall(x, 'StopDBInstance', R.catalogDb, true));
  t.note = "Denied: the catalog host tries checkout's secret.";
  t.add(at(2, 22, 13, 0), A.catalogHost(R.catalogHost.ref), (x) => d.getSecretValue(x, R.stripeSecret, 'arn', true));
}

function coverageGaps(t: Timeline): void {
  t.note = 'Untagged bucket.';
  t.add(at(0, 11, 0, 0), A.alice, (x) => d.s3Object(x, 'PutObject', R.scratch, 'tmp/orders-dump.csv'));
  t.note = 'Untagged bucket.';
  t.add(at(2, 15, 30, 0), A.bobCli, (x) => d.s3Object(x, 'GetObject', R.scratch, 'tmp/orders-dump.csv'));
  t.note = 'Untagged instance (it has a Name tag only).';
  t.add(at(1, 8, 5, 0), A.dave, (x) => c.ec2StartStop(x, 'StartInstances', R.bastion));
  t.note = 'A function get-resources does not list at all.';
  t.add(at(3, 4, 0, 0), A.catalogIndexer, (x) => c.lambdaInvoke(x, R.oldReportFn));
  t.note = 'A queue get-resources does not list at all.';
  t.add(at(4, 6, 30, 0), A.checkoutWorker, (x) => d.sqsMessage(x, 'SendMessage', R.deadLetters));
  t.note = 'A log group get-resources does not list at all.';
  t.add(at(5, 9, 15, 0), A.carol, (x) => c.logsPutRetention(x, R.oldReportLogs, 7));
  t.note = 'legacy-batch has no product tag and no mapping pattern matches it.';
  for (let day = 0; day < 5; day++) t.add(at(day, 1, 0, 30), A.legacy, (x) => d.s3Object(x, 'GetObject', R.catalogFeeds, 'feeds/google-shopping-full.xml'));
  t.note = 'legacy-batch has no product tag and no mapping pattern matches it.';
  t.add(at(2, 1, 5, 0), A.legacy, (x) => d.sqsMessage(x, 'SendMessage', R.paymentsQueue));
  t.note = 'legacy-batch has no product tag and no mapping pattern matches it.';
  t.add(at(3, 1, 6, 0), A.legacy, (x) => d.dynamoItem(x, 'Query', R.ordersTable));
  t.note = 'The AdministratorAccess permission set maps to no product.';
  t.add(at(4, 20, 0, 0), A.heidi, (x) => c.ecsUpdateService(x, R.checkoutCluster, R.checkoutService, 0));
  t.note = 'No target: a list call, neither finding nor gap.';
  t.add(at(4, 20, 1, 0), A.heidi, (x) => d.s3ListBuckets(x));
  t.note = 'Unresolvable: a KMS Decrypt that failed before naming a key.';
  t.add(at(1, 12, 0, 0), A.checkoutApi('0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a'), (x) => d.kmsDecrypt(x, undefined, { PARTNER: 'acme-payments', purpose: 'webhook' }));
  t.note = 'Unresolvable: a secret by name; its ARN suffix is not in the record.';
  t.add(at(2, 9, 30, 0), A.frank, (x) => d.getSecretValue(x, R.searchSecret, 'name'));
  t.note = 'Unresolvable: a secret by name; its ARN suffix is not in the record.';
  t.add(at(4, 9, 31, 0), A.frank, (x) => d.getSecretValue(x, R.searchSecret, 'name'));
  t.note = 'Unresolvable: a secret by name; its ARN suffix is not in the record.';
  t.add(at(5, 8, 0, 0), A.checkoutApi('5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d'), (x) => d.getSecretValue(x, R.stripeSecret, 'name'));
  t.note = 'Unresolvable: an event source unknown to the IAM data, the application given by name.';
  t.add(at(1, 16, 0, 0), A.erin, (x) => i.appRegistryGetApplication(x, 'checkout-storefront'));
  t.note = 'Unresolvable: an event source unknown to the IAM data, the application given by name.';
  t.add(at(3, 16, 2, 0), A.erin, (x) => i.appRegistryGetApplication(x, 'checkout-storefront'));
}

/** Adds the planted incidents to the timeline. */
export function addIncidents(t: Timeline): void {
  crossProductWrites(t);
  crossProductReads(t);
  deniedAttempts(t);
  coverageGaps(t);
  t.note = undefined;
}

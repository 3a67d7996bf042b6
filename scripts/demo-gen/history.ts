/**
 * Tag history in the demo week: a bucket created by catalog, used, then handed over to checkout by
 * a retag; a queue of checkout created with tags, written to by catalog, then deleted (absent from
 * today's inventory). Today's tags judge the events before the retag and on the deleted queue
 * wrongly or not at all; the tags in force at each event's time (the trail's own tag calls,
 * creations and deletions) judge them rightly. `productAt` is the generator's ground truth of that.
 */
import { ACCOUNT, MAIN_REGION, R, TAG_KEY, type DemoResource } from './account';
import { A } from './actors';
import { at, type Timeline } from './clock';
import * as d from './dataCalls';
import { envelope, type CallContext, type DemoEvent } from './envelope';

/** Deleted inside the week: not in any inventory file. */
export const LEGACY_QUEUE: DemoResource = {
  arn: `arn:aws:sqs:${MAIN_REGION}:${ACCOUNT}:checkout-refunds-legacy`,
  ref: `https://sqs.${MAIN_REGION}.amazonaws.com/${ACCOUNT}/checkout-refunds-legacy`,
  region: MAIN_REGION, tags: { [TAG_KEY]: 'checkout' }, product: 'checkout', listedInTagging: false,
};

const RETAG = at(3, 9, 0, 0);

/** Product of an ARN at a time where the history decides; undefined where today's tags do. `today` is today's product ('' for none). */
export function productAt(arn: string, time: string): { product: string | undefined; today: string } | undefined {
  const owner = arn.startsWith('arn:aws:s3:::') ? (arn.split('/')[0] as string) : arn;
  const ms = Date.parse(time);
  // A tag call takes effect after its own event; the creation (with the tags it is first given) from its own.
  if (owner === R.handoff.arn) return { product: ms <= RETAG.getTime() ? 'catalog' : 'checkout', today: 'checkout' };
  if (owner === LEGACY_QUEUE.arn) return { product: ms <= Date.parse(DELETED.toISOString()) ? 'checkout' : undefined, today: '' };
  return undefined;
}

const DELETED = at(2, 17, 0, 0);

function putBucketTagging(ctx: CallContext, bucket: DemoResource, product: string): DemoEvent {
  return d.s3Bucket(ctx, 'PutBucketTagging', bucket, {
    tagging: '', Tagging: { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/', TagSet: { Tag: [{ Key: TAG_KEY, Value: product }, { Key: 'owner-team', Value: `${product}-platform` }] } },
  }, false);
}

function createQueue(ctx: CallContext, queue: DemoResource): DemoEvent {
  const name = queue.arn.split(':').pop() as string;
  return envelope(ctx, {
    source: 'sqs.amazonaws.com', name: 'CreateQueue', readOnly: false,
    requestParameters: { queueName: name, attributes: { MessageRetentionPeriod: '1209600' }, tags: { ...queue.tags } },
    responseElements: { queueUrl: queue.ref },
  }, { targets: [queue.arn] });
}

function deleteQueue(ctx: CallContext, queue: DemoResource): DemoEvent {
  return envelope(ctx, { source: 'sqs.amazonaws.com', name: 'DeleteQueue', readOnly: false, requestParameters: { queueUrl: queue.ref }, responseElements: null }, { targets: [queue.arn] });
}

export function addHistory(t: Timeline): void {
  t.note = 'A catalog developer creates a hand-off bucket and tags it catalog.';
  t.add(at(0, 9, 10, 4), A.bob, (x) => d.s3Bucket(x, 'CreateBucket', R.handoff, { CreateBucketConfiguration: { LocationConstraint: MAIN_REGION } }, false));
  t.add(at(0, 9, 11, 30), A.bob, (x) => putBucketTagging(x, R.handoff, 'catalog'));
  t.note = 'History: the catalog indexer writes into its own bucket (today it is checkout\'s, so today\'s tags would call this a finding).';
  for (let k = 0; k < 2; k++) t.add(at(1, 10, 2 + k, 17), A.catalogIndexer, (x) => d.s3Object(x, 'PutObject', R.handoff, `handoff/batch-${k + 1}.json`));
  t.note = 'History: a checkout developer reads the bucket while it is still catalog\'s (today\'s tags would miss it).';
  t.add(at(1, 15, 30, 8), A.erinCli, (x) => d.s3Object(x, 'GetObject', R.handoff, 'handoff/batch-1.json'));
  t.note = 'The bucket is handed over: retagged checkout.';
  t.add(RETAG, A.bob, (x) => putBucketTagging(x, R.handoff, 'checkout'));
  t.note = 'After the hand-over the catalog indexer still writes into the bucket, now checkout\'s.';
  t.add(at(3, 11, 0, 40), A.catalogIndexer, (x) => d.s3Object(x, 'PutObject', R.handoff, 'handoff/batch-3.json'));
  t.note = 'Clean: checkout reads its bucket after the hand-over.';
  t.add(at(3, 14, 0, 12), A.erinCli, (x) => d.s3Object(x, 'GetObject', R.handoff, 'handoff/batch-3.json'));

  t.note = 'A checkout developer creates a refunds queue with its product tag.';
  t.add(at(0, 11, 0, 0), A.dave, (x) => createQueue(x, LEGACY_QUEUE));
  t.note = 'History: the catalog indexer posts into checkout\'s refunds queue, deleted since (today\'s tags know no such queue).';
  for (let k = 0; k < 2; k++) t.add(at(1, 8, 20 + k, 5), A.catalogIndexer, (x) => d.sqsMessage(x, 'SendMessage', LEGACY_QUEUE));
  t.note = 'The refunds queue is deleted.';
  t.add(DELETED, A.dave, (x) => deleteQueue(x, LEGACY_QUEUE));
  t.note = undefined;
}

/** Sentences for what only AWS Config can go wrong with: an aggregator that is missing or not ours to read. */
import { TagTrailAwsError } from '../errors';

function causeName(e: unknown): string {
  const cause = e instanceof TagTrailAwsError ? e.cause : e;
  return String((cause as { name?: unknown } | undefined)?.name ?? '');
}

/** Rewords a SelectAggregateResourceConfig failure so that it names the aggregator, the region and the IAM action. */
export function explainAggregatorError(e: unknown, aggregator: string, region: string): unknown {
  const name = causeName(e);
  const shown = JSON.stringify(aggregator.slice(0, 256));
  if (name === 'NoSuchConfigurationAggregatorException') {
    return new TagTrailAwsError('other', `AWS Config aggregator ${shown} does not exist in ${region} for this account: name an aggregator of this account and region (\`aws configservice describe-configuration-aggregators --region ${region}\`) with --config-aggregator / tagtrail.configAggregator.`, false, { cause: e });
  }
  if (e instanceof TagTrailAwsError && e.kind === 'access-denied') {
    return new TagTrailAwsError('access-denied', `Not authorised to query AWS Config aggregator ${shown} in ${region}: TagTrail needs the IAM action config:SelectAggregateResourceConfig on it (see docs/iam-policy.json). ${e.message}`, false, { cause: e });
  }
  return e;
}

/** True for an error that stops a check whatever else could be read: credentials, permissions, cancellation. */
export function isFatal(e: unknown): boolean {
  return e instanceof TagTrailAwsError && ['access-denied', 'sso-expired', 'no-credentials', 'aborted', 'refused'].includes(e.kind);
}

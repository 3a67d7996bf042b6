/**
 * Resources deleted within the window, from AWS Config's list of discovered resources
 * (ListDiscoveredResources with deleted ones included, one listing per resource type). Advanced
 * queries return current resources only, so a queue deleted yesterday is in no query result; its
 * history (and so its product before deletion) is found from here.
 */
import { ListDiscoveredResourcesCommand, type ConfigServiceClient } from '@aws-sdk/client-config-service';
import { persist } from '../concurrency';
import type { ConfigResource, HistoryBudget } from './history';

/**
 * The types whose deletions are listed: those products commonly share and events name by ARN. One
 * listing each per region keeps the cost fixed; deletions of other types are not looked for.
 */
export const COMMON_TYPES = ['AWS::S3::Bucket', 'AWS::SQS::Queue', 'AWS::SNS::Topic', 'AWS::DynamoDB::Table', 'AWS::Lambda::Function', 'AWS::KMS::Key', 'AWS::SecretsManager::Secret'];

/**
 * Resources of `types` in the client's region deleted at or after `since`, within `budget`. Their
 * ARN is not listed: it is left empty, and taken from the history items. Returns whether every
 * listing was read to its end.
 */
export async function deletedSince(opts: { client: ConfigServiceClient; region: string; types: readonly string[]; since: Date; budget: HistoryBudget; signal?: AbortSignal }): Promise<{ resources: ConfigResource[]; complete: boolean }> {
  const { budget, signal } = opts;
  const out: ConfigResource[] = [];
  for (const resourceType of opts.types) {
    let token: string | undefined;
    do {
      if (budget.calls >= budget.max) return { resources: out, complete: false };
      budget.calls++;
      const page = await persist(() => opts.client.send(new ListDiscoveredResourcesCommand({
        resourceType: resourceType as never, includeDeletedResources: true, limit: 100, ...(token ? { nextToken: token } : {}),
      }), { abortSignal: signal }), signal ? { signal } : {});
      for (const r of page.resourceIdentifiers ?? []) {
        const gone = r.resourceDeletionTime?.getTime();
        if (gone !== undefined && gone >= opts.since.getTime() && r.resourceId) out.push({ arn: '', resourceType, resourceId: r.resourceId, region: opts.region });
      }
      token = page.nextToken || undefined;
    } while (token);
  }
  return { resources: out, complete: true };
}

/**
 * The live inventory: every tagged resource of the chosen regions (Resource Groups Tagging API) and
 * every IAM user and role with its tags. IAM's list calls return no tags, so tags are fetched per
 * principal, a few at a time (IAM's own rate limits are low and account-wide).
 */
import { ListRoleTagsCommand, ListRolesCommand, ListUserTagsCommand, ListUsersCommand, type IAMClient } from '@aws-sdk/client-iam';
import { GetResourcesCommand, type ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { Inventory, Tag } from '../model';
import { mapLimit, persist } from './concurrency';

function tagsOf(list: { Key?: string | undefined; Value?: string | undefined }[] | undefined): Tag[] {
  return (list ?? []).filter((t) => typeof t.Key === 'string').map((t) => ({ key: t.Key!, value: t.Value ?? '' }));
}

/** Every resource the Tagging API knows in one region, with its tags (all pages). */
export async function taggedResources(client: ResourceGroupsTaggingAPIClient, signal?: AbortSignal): Promise<Map<string, Tag[]>> {
  const out = new Map<string, Tag[]>();
  let token: string | undefined;
  do {
    const input = { ResourcesPerPage: 100, ...(token ? { PaginationToken: token } : {}) };
    const page = await persist(() => client.send(new GetResourcesCommand(input), { abortSignal: signal }), signal ? { signal } : {});
    for (const m of page.ResourceTagMappingList ?? []) if (m.ResourceARN) out.set(m.ResourceARN, tagsOf(m.Tags));
    // The Tagging API ends with an empty string, not an absent token.
    token = page.PaginationToken || undefined;
  } while (token);
  return out;
}

type Lister<T> = (marker: string | undefined) => Promise<{ items: T[]; marker: string | undefined }>;

/** Follows IAM's Marker/IsTruncated pagination. */
async function listAll<T>(list: Lister<T>): Promise<T[]> {
  const out: T[] = [];
  let marker: string | undefined;
  do {
    const page = await list(marker);
    out.push(...page.items);
    marker = page.marker;
  } while (marker);
  return out;
}

/** Every IAM user and role with its tags; `concurrency` tag calls at a time (default 4). */
export async function iamPrincipals(client: IAMClient, opts: { signal?: AbortSignal; concurrency?: number } = {}): Promise<Map<string, Tag[]>> {
  const { signal } = opts;
  const p = signal ? { signal } : {};
  const send = <T>(fn: () => Promise<T>): Promise<T> => persist(fn, p);
  const users = await listAll(async (Marker) => {
    const r = await send(() => client.send(new ListUsersCommand({ ...(Marker ? { Marker } : {}) }), { abortSignal: signal }));
    return { items: (r.Users ?? []).flatMap((u) => (u.Arn && u.UserName ? [{ arn: u.Arn, name: u.UserName }] : [])), marker: r.IsTruncated ? r.Marker : undefined };
  });
  const roles = await listAll(async (Marker) => {
    const r = await send(() => client.send(new ListRolesCommand({ ...(Marker ? { Marker } : {}) }), { abortSignal: signal }));
    return { items: (r.Roles ?? []).flatMap((x) => (x.Arn && x.RoleName ? [{ arn: x.Arn, name: x.RoleName }] : [])), marker: r.IsTruncated ? r.Marker : undefined };
  });
  const userTags = (UserName: string): Promise<Tag[]> => listAll(async (Marker) => {
    const r = await send(() => client.send(new ListUserTagsCommand({ UserName, ...(Marker ? { Marker } : {}) }), { abortSignal: signal }));
    return { items: tagsOf(r.Tags), marker: r.IsTruncated ? r.Marker : undefined };
  });
  const roleTags = (RoleName: string): Promise<Tag[]> => listAll(async (Marker) => {
    const r = await send(() => client.send(new ListRoleTagsCommand({ RoleName, ...(Marker ? { Marker } : {}) }), { abortSignal: signal }));
    return { items: tagsOf(r.Tags), marker: r.IsTruncated ? r.Marker : undefined };
  });
  const jobs = [...users.map((u) => ({ arn: u.arn, tags: () => userTags(u.name) })), ...roles.map((r) => ({ arn: r.arn, tags: () => roleTags(r.name) }))];
  const tags = await mapLimit(jobs, opts.concurrency ?? 4, (j) => j.tags(), signal);
  return new Map(jobs.map((j, i) => [j.arn, tags[i]!]));
}

/** IAM users and roles are principals even when the Tagging API lists them. */
function isPrincipalArn(arn: string): boolean {
  return /^arn:[^:]+:iam::\d+:(user|role)\//.test(arn);
}

/** The core `Inventory` of an account: IAM principals plus tagged resources of every region. */
export async function liveInventory(opts: {
  iam: IAMClient;
  tagging: (region: string) => ResourceGroupsTaggingAPIClient;
  regions: string[];
  signal?: AbortSignal;
}): Promise<Inventory> {
  const { signal } = opts;
  const principals = await iamPrincipals(opts.iam, signal ? { signal } : {});
  const resources = new Map<string, Tag[]>();
  const perRegion = await mapLimit(opts.regions, 3, (r) => taggedResources(opts.tagging(r), signal), signal);
  for (const found of perRegion) {
    for (const [arn, tags] of found) {
      if (isPrincipalArn(arn)) { if (!principals.has(arn) || principals.get(arn)!.length === 0) principals.set(arn, tags); }
      else resources.set(arn, tags);
    }
  }
  return {
    principals,
    resources,
    sources: ['aws:iam:ListUsers+ListRoles', ...opts.regions.map((r) => `aws:tag:GetResources:${r}`)],
  };
}

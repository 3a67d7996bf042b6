/**
 * Endpoint state from the demo account (demo/): IAM from `get-account-authorization-details`
 * output, tagged resources from `get-resources` output, LookupEvents from `lookup-events` output per
 * region, and trail files from `AWSLogs/**` served as objects of a trail bucket. A fixed access key
 * (DEMO_KEY) is accepted so that the CLI and the editor tests can sign in with a config file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { emptyState, putObject, type EndpointState, type Principal, type StoredEvent } from './state';
import { demoTrails } from './demoTrails';

export const DEMO_KEY = { accessKeyId: 'AKIATAGTRAILDEMO0001', secretAccessKey: 'tagtrail-demo-secret-not-a-real-key' };
export const DEMO_BUCKET = 'tagtrail-demo-trail';

interface IamDetail { UserName?: string; RoleName?: string; Arn?: string; Path?: string; Tags?: { Key: string; Value: string }[] }

function json(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function files(dir: string): string[] {
  try {
    return readdirSync(dir).flatMap((n) => { const p = join(dir, n); return statSync(p).isDirectory() ? files(p) : [p]; });
  } catch {
    return [];
  }
}

function principal(d: IamDetail, name: string | undefined): Principal[] {
  return d.Arn && name ? [{ name, arn: d.Arn, tags: d.Tags ?? [], path: d.Path ?? '/' }] : [];
}

/** Loads what exists of the demo folder; missing parts are simply empty. */
export function demoState(demoDir: string): { state: EndpointState; account: string; regions: string[] } {
  const state = emptyState();
  let account = '111122223333';
  const regions = new Set<string>();
  for (const f of files(join(demoDir, 'inventory')).filter((p) => p.endsWith('.json'))) {
    const doc = json(f) as { UserDetailList?: IamDetail[]; RoleDetailList?: IamDetail[]; ResourceTagMappingList?: { ResourceARN: string; Tags?: { Key: string; Value: string }[] }[] };
    for (const u of doc.UserDetailList ?? []) for (const p of principal(u, u.UserName)) { account = p.arn.split(':')[4] ?? account; state.users.set(account, [...(state.users.get(account) ?? []), p]); }
    for (const r of doc.RoleDetailList ?? []) for (const p of principal(r, r.RoleName)) state.roles.set(account, [...(state.roles.get(account) ?? []), p]);
    for (const m of doc.ResourceTagMappingList ?? []) {
      const [, , service, arnRegion] = m.ResourceARN.split(':');
      // Regionless ARNs: S3 buckets are listed in the demo's main region, global services in us-east-1.
      const region = arnRegion || (service === 's3' ? 'eu-west-1' : 'us-east-1');
      const key = `${m.ResourceARN.split(':')[4] || account}:${region}`;
      state.resources.set(key, [...(state.resources.get(key) ?? []), { ResourceARN: m.ResourceARN, Tags: m.Tags ?? [] }]);
    }
  }
  for (const f of files(join(demoDir, 'lookup-events')).filter((p) => p.endsWith('.json'))) {
    const region = f.slice(f.lastIndexOf(sep) + 1, -'.json'.length);
    regions.add(region);
    const events = ((json(f) as { Events?: StoredEvent[] }).Events ?? []).map((e) => ({ ...e, EventTime: new Date(e.EventTime).toISOString() }));
    state.events.set(`${account}:${region}`, [...(state.events.get(`${account}:${region}`) ?? []), ...events]);
  }
  const logs = files(join(demoDir, 'AWSLogs'));
  for (const f of logs) putObject(state, DEMO_BUCKET, relative(demoDir, f).split(sep).join('/'), readFileSync(f));
  // The trails the demo's trail-config/ describes; without it, one multi-region trail delivering the demo's log files.
  const trails = demoTrails(demoDir);
  if (trails) state.trails.set(account, trails);
  else if (logs.length) state.trails.set(account, [{ Name: 'demo-trail', S3BucketName: DEMO_BUCKET, HomeRegion: 'eu-west-1', IsMultiRegionTrail: true, IsOrganizationTrail: false }]);
  state.keys.set(DEMO_KEY.accessKeyId, { secretAccessKey: DEMO_KEY.secretAccessKey, account, arn: `arn:aws:iam::${account}:user/tagtrail-auditor`, userId: 'AIDATAGTRAILAUDITOR1' });
  return { state, account, regions: [...regions].sort() };
}

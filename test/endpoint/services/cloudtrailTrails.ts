/** CloudTrail's trail configuration over awsJson1_1: DescribeTrails, GetTrailStatus, GetEventSelectors, from the account's stored trails. */
import type { EndpointState, StoredTrail } from '../state';
import { ServiceError } from '../wire';

function arnOf(t: StoredTrail, account: string): string {
  return `arn:aws:cloudtrail:${t.HomeRegion}:${account}:trail/${t.Name}`;
}

/** Trails visible from a region: its own, and (shadow trails, unless asked not to) every multi-region trail. */
export function describeTrails(state: EndpointState, account: string, region: string, input: Record<string, unknown> = {}): unknown {
  const shadows = input.includeShadowTrails !== false;
  const names = Array.isArray(input.trailNameList) ? (input.trailNameList as string[]) : [];
  return {
    trailList: (state.trails.get(account) ?? [])
      .filter((t) => t.HomeRegion === region || (shadows && t.IsMultiRegionTrail))
      .filter((t) => names.length === 0 || names.includes(t.Name) || names.includes(arnOf(t, account)))
      .map((t) => ({
        Name: t.Name, S3BucketName: t.S3BucketName, ...(t.S3KeyPrefix !== undefined ? { S3KeyPrefix: t.S3KeyPrefix } : {}),
        HomeRegion: t.HomeRegion, IsMultiRegionTrail: t.IsMultiRegionTrail, IsOrganizationTrail: t.IsOrganizationTrail,
        TrailARN: arnOf(t, account),
        IncludeGlobalServiceEvents: t.IncludeGlobalServiceEvents ?? true,
        LogFileValidationEnabled: true,
        HasCustomEventSelectors: Boolean(t.EventSelectors ?? t.AdvancedEventSelectors),
        HasInsightSelectors: false,
      })),
  };
}

/** The trail a Name/TrailName parameter names (a name in the caller's region, or an ARN in any), as CloudTrail looks it up. */
function find(state: EndpointState, account: string, region: string, ref: unknown): StoredTrail {
  if (typeof ref !== 'string' || ref === '') throw new ServiceError(400, 'InvalidTrailNameException', 'Trail name or ARN is required.');
  const trail = (state.trails.get(account) ?? []).find((t) => arnOf(t, account) === ref || (t.Name === ref && (t.HomeRegion === region || t.IsMultiRegionTrail)));
  if (!trail) throw new ServiceError(400, 'TrailNotFoundException', `Unknown trail: ${ref.slice(0, 200)} for the user: ${account}`);
  return trail;
}

export function getTrailStatus(state: EndpointState, account: string, region: string, input: Record<string, unknown>): unknown {
  const t = find(state, account, region, input.Name);
  const logging = t.IsLogging !== false;
  const stop = t.StopLoggingTime ? Date.parse(t.StopLoggingTime) / 1000 : undefined;
  return { IsLogging: logging, StartLoggingTime: 1_760_000_000, ...(!logging && stop !== undefined ? { StopLoggingTime: stop } : {}), LatestDeliveryTime: 1_760_000_000 };
}

export function getEventSelectors(state: EndpointState, account: string, region: string, input: Record<string, unknown>): unknown {
  const t = find(state, account, region, input.TrailName);
  if (t.AdvancedEventSelectors) return { TrailARN: arnOf(t, account), AdvancedEventSelectors: t.AdvancedEventSelectors };
  return { TrailARN: arnOf(t, account), EventSelectors: t.EventSelectors ?? [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }] };
}

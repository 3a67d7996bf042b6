/**
 * Which events the pushed-down scan may leave in S3: those for which the resolver provably names no
 * target. The list is derived from the resolver's own plan (`planFor`) at run time, so a change to
 * the resolver changes the scan with it, and it is narrowed by the conditions under which the
 * resolver could still find a target for such an event:
 * - `resources[]` is not empty (tier 1 takes its ARNs when IAM knows no resource type),
 * - an error message may name a resource (tier 6),
 * - an AWS service event carries its resources in additionalEventData,
 * - a create call's response names what it made,
 * - a curated rule of the service reads ids from the request (the resolver's own SERVICE_RULES table).
 * The first three are checked per record in SQL; the last two keep the event out of the list.
 */
import { iamService } from '../resolve/iamTable';
import { planFor, prefixOfEventSource } from '../resolve/plan';
import { NO_ACTION_EVENTS } from '../resolve/curated/eventNames';
import { RULE_PREFIXES } from '../resolve/curated/specialRules';

/** Services whose curated resolver rules can find targets even when IAM lists no resource type. */
const CURATED_PREFIXES = RULE_PREFIXES;

/**
 * Event sources the scan narrows by default: the ones that fill organisation trails (security
 * tooling, monitoring, sign-in). Other sources are brought back whole, which is only slower.
 */
export const DEFAULT_NARROWED_SOURCES: readonly string[] = [
  'sts', 'kms', 'logs', 'monitoring', 'dynamodb', 'lambda', 'sqs', 'secretsmanager', 'api.ecr', 'ecs',
  'eks', 'cloudtrail', 'config', 'organizations', 'sso', 'signin', 'elasticloadbalancing', 'autoscaling',
  'rds', 'cloudformation', 'tagging', 'health', 'trustedadvisor', 'support', 'servicequotas',
  'access-analyzer', 'securityhub', 'guardduty', 'ce', 'athena', 'glue', 'states', 'events', 'ssm-guiconnect',
].map((h) => `${h}.amazonaws.com`);

function hostLabel(eventSource: string): string {
  return eventSource.endsWith('.amazonaws.com') ? eventSource.slice(0, -'.amazonaws.com'.length) : eventSource;
}

/** Names the events of a source might carry: its IAM actions and its curated no-action events. */
function candidateNames(eventSource: string): string[] {
  const host = hostLabel(eventSource);
  const names = new Set<string>();
  const service = iamService(prefixOfEventSource(eventSource));
  for (const a of service?.actions.values() ?? []) names.add(a.action.slice(a.action.indexOf(':') + 1));
  for (const key of Object.keys(NO_ACTION_EVENTS)) {
    const [h, name] = key.split(':');
    if (h === host && name && name !== '*') names.add(name);
  }
  return [...names];
}

/**
 * For each event source, the event names the scan may drop (sorted, for stable SQL). Sources whose
 * every event is no-target (`billingconsole:*`) map to `'*'`.
 */
export function noTargetEvents(eventSources: readonly string[] = DEFAULT_NARROWED_SOURCES): Map<string, string[] | '*'> {
  const out = new Map<string, string[] | '*'>();
  for (const eventSource of [...new Set(eventSources)].sort()) {
    const host = hostLabel(eventSource);
    if (CURATED_PREFIXES.has(prefixOfEventSource(eventSource))) continue;
    if (NO_ACTION_EVENTS[`${host}:*`] !== undefined) {
      out.set(eventSource, '*');
      continue;
    }
    const names = candidateNames(eventSource).filter((n) => !n.startsWith('Create') && isNoTarget(eventSource, n)).sort();
    if (names.length > 0) out.set(eventSource, names);
  }
  return out;
}

/** True when the resolver's plan for the event says it has no target (see the module comment for the caveats). */
export function isNoTarget(eventSource: string, eventName: string): boolean {
  if (eventName.startsWith('Create') || CURATED_PREFIXES.has(prefixOfEventSource(eventSource))) return false;
  return planFor(eventSource, eventName).noTargetReason !== undefined;
}

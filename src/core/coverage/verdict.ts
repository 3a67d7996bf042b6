import { parseArn } from '../arn/arn';
import type { Logged, ResourceCoverage } from '../model';
import { dataEventTarget, eventSourceOf, resourceTypeOf } from './dataEventTypes';
import { trailLevel, type EventClass, type Level } from './selectors';
import { trailAccount, trailName, type TrailConfig, type TrailEntry } from './trailConfig';

/** Services whose management events CloudTrail delivers as global service events (in us-east-1). */
const GLOBAL_SERVICES = new Set(['iam', 'sts', 'cloudfront', 'route53', 'organizations', 'waf', 'globalaccelerator']);

/** Why a trail does not count for a resource, or undefined when it covers the resource's account and region. */
function outOfReach(t: TrailEntry, account: string, region: string, global: boolean): string | undefined {
  const d = t.description;
  const owner = trailAccount(d);
  if (account && owner && owner !== account && d.IsOrganizationTrail !== true) return `${trailName(d)} is a trail of account ${owner}`;
  if (global) {
    if (d.IncludeGlobalServiceEvents === false) return `${trailName(d)} leaves out global service events`;
    if (d.IsMultiRegionTrail !== true && d.HomeRegion !== undefined && d.HomeRegion !== 'us-east-1') return `${trailName(d)} logs only ${d.HomeRegion} (global service events are logged in us-east-1)`;
    return undefined;
  }
  // A bucket's ARN names no region: any trail of the account is taken to reach it.
  if (!region || d.IsMultiRegionTrail === true || d.HomeRegion === undefined || d.HomeRegion === region) return undefined;
  return `${trailName(d)} logs only ${d.HomeRegion}`;
}

interface ClassVerdict { logged: Logged; trails: string[]; text: string }

/** Whether the trails log every event of a class; `text` says by which trail, or why not. */
function classVerdict(config: TrailConfig, reach: { trail: TrailEntry; far?: string }[], c: EventClass): ClassVerdict {
  if (config.listProblem) return { logged: 'unknown', trails: [], text: `unknown (${config.listProblem})` };
  const logging: string[] = [];
  const some: string[] = [];
  const unselected: string[] = [];
  const unknown: string[] = [];
  const stopped: string[] = [];
  const far: string[] = [];
  for (const { trail, far: away } of reach) {
    const name = trailName(trail.description);
    if (away) { far.push(away); continue; }
    if (!trail.eventSelectors && !trail.advancedEventSelectors) { unknown.push(`${name}: ${trail.selectorsProblem ?? 'event selectors not read'}`); continue; }
    const { level } = trailLevel({ ...(trail.eventSelectors ? { basic: trail.eventSelectors } : {}), ...(trail.advancedEventSelectors ? { advanced: trail.advancedEventSelectors } : {}) }, c);
    if (level === 'none') { unselected.push(name); continue; }
    if (trail.status?.IsLogging === false) { stopped.push(`${name} would log them but is stopped${trail.status.StopLoggingTime ? ` (since ${trail.status.StopLoggingTime})` : ''}`); continue; }
    if (trail.status?.IsLogging === undefined) { unknown.push(`${name}: logging state unknown (${trail.statusProblem ?? 'no trail status read'})`); continue; }
    (level === 'all' ? logging : some).push(name);
  }
  if (logging.length > 0) return { logged: 'logged', trails: logging, text: `logged by ${logging.join(', ')}` };
  const reasons = [
    ...some.map((n) => `${n} logs only some of them (its selectors filter on event names, callers or key prefixes)`),
    ...(unselected.length ? [`${unselected.join(', ')} ${unselected.length === 1 ? 'does' : 'do'} not select them`] : []),
    ...stopped, ...far,
  ];
  if (unknown.length > 0) return { logged: 'unknown', trails: [], text: `unknown (${[...unknown, ...reasons].join('; ')})` };
  if (reach.length === 0) return { logged: 'not-logged', trails: [], text: 'not logged (no trail in the configuration read)' };
  return { logged: 'not-logged', trails: some, text: `not logged (${reasons.join('; ')})` };
}

function both(a: Logged, b: Logged): Logged {
  if (a === 'not-logged' || b === 'not-logged') return 'not-logged';
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return 'logged';
}

/** One sentence for reads and writes together when they agree, else one each. */
function sentence(r: ClassVerdict, w: ClassVerdict, what: string): string {
  return r.text === w.text ? `${what}: ${r.text}` : `${what}, reads: ${r.text}; writes: ${w.text}`;
}

/** What the trails of `config` log of one resource. Without a configuration, everything is `unknown`. */
export function resourceCoverage(arn: string, product: string | null, config: TrailConfig | undefined): ResourceCoverage {
  const a = parseArn(arn);
  const target = dataEventTarget(arn);
  const base = { arn, product, resourceType: resourceTypeOf(arn), ...(target ? { dataEventType: target.type } : {}) };
  if (!config) {
    const d = target ? 'unknown' as const : 'not-applicable' as const;
    return { ...base, dataEvents: d, managementEvents: 'unknown', managementRead: 'unknown', managementWrite: 'unknown', dataRead: d, dataWrite: d, trails: [], why: 'no trail configuration was read (give --trail-config, or check live)' };
  }
  const account = a?.account ?? '';
  const region = a?.region ?? '';
  const global = !region && GLOBAL_SERVICES.has(a?.service ?? '');
  const reach = config.trails.map((trail) => {
    const far = outOfReach(trail, account, region, global);
    return far ? { trail, far } : { trail };
  });
  const source = eventSourceOf(arn);
  const mr = classVerdict(config, reach, { category: 'Management', readOnly: true, eventSource: source });
  const mw = classVerdict(config, reach, { category: 'Management', readOnly: false, eventSource: source });
  const parts = [sentence(mr, mw, 'Management events')];
  let dr: ClassVerdict | undefined;
  let dw: ClassVerdict | undefined;
  if (target) {
    const cls = (readOnly: boolean): EventClass => ({ category: 'Data', readOnly, eventSource: source, type: target.type, arn: { value: target.arn, prefix: target.prefix } });
    dr = classVerdict(config, reach, cls(true));
    dw = classVerdict(config, reach, cls(false));
    parts.push(sentence(dr, dw, `Data events (${target.type})`));
  } else {
    parts.push('No data events exist for this resource type');
  }
  if (!region && a?.service === 's3') parts.push('A bucket ARN names no region: trails of any region of the account are counted');
  const trails = [...new Set([...mr.trails, ...mw.trails, ...(dr?.trails ?? []), ...(dw?.trails ?? [])])];
  return {
    ...base,
    managementEvents: both(mr.logged, mw.logged), managementRead: mr.logged, managementWrite: mw.logged,
    dataEvents: dr && dw ? both(dr.logged, dw.logged) : 'not-applicable',
    dataRead: dr?.logged ?? 'not-applicable', dataWrite: dw?.logged ?? 'not-applicable',
    trails, why: `${parts.join('. ')}.`,
  };
}

export type { Level };

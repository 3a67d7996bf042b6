import { createHash } from 'node:crypto';
import type { CheckResult, Finding, Gap, GapKind, Severity } from '../model';
import { principalDisplayName } from '../attribute/displayName';
import { textOf as t } from './escape';

// One place turns a check's flat findings and gaps into what a reviewer reads: one row per caller,
// resource and action. The CLI text, the Markdown, the JSON, SARIF and the Findings tree all use it,
// so the same check never reads as different numbers in different places.

/** Most severe first: a write is a change made, a denial an attempt, a read a disclosure. */
export const SEVERITY_ORDER: readonly Severity[] = ['write', 'denied', 'read'];
export const GAP_KIND_ORDER: readonly GapKind[] = ['unowned-principal', 'unresolved-target', 'partial-target', 'unowned-resource'];

/** One event behind a group, with where it happened and came from (all values from the record, untrusted). */
export interface EventEntry {
  eventID: string;
  eventTime: string;
  account: string;
  region: string;
  sourceIPAddress: string;
  userAgent: string;
  /** File (or `lookup-events:<region>`…) and 1-based line or record index in it. */
  source: string;
  position?: number;
  /** Session or user name of this call, when the record has one. */
  session?: string;
  /** The ARN this event acted on (an S3 object, where the group names its bucket). */
  resourceArn?: string;
  /** Other targets of the same product in the same event (findings). */
  moreArns?: string[];
  severity?: Severity;
  errorCode?: string;
  /** Why the event could not be judged (gaps). */
  reason?: string;
  /** `history` when a side's product at the event's time came from the tag history and differs from today's (findings). */
  productSource?: 'history';
  /** With `productSource`: today's product of each side that differs ('' for none). */
  productToday?: { principal?: string; resource?: string };
  /** With `productSource`: the tag event or Config capture the product came from. */
  historyRef?: string;
}

/** One caller, one resource, one action: every event behind it, and how it reads. */
export interface FindingGroup {
  /** Stable across runs for the same caller, resource and action (SARIF fingerprints, tree ids). */
  key: string;
  severity: Severity;
  severities: Record<Severity, number>;
  count: number;
  firstSeen: string;
  lastSeen: string;
  principal: { arn: string; type: string; product: string; display: string; sessions: string[] };
  eventSource: string;
  eventName: string;
  /** The resource the group is about: an S3 object's bucket, else the target itself. */
  resource: { arn: string; product: string; via: string[]; arns: string[]; arnCount: number };
  accounts: string[];
  regions: string[];
  /** Indices into `CheckResult.findings`, in time order. */
  findings: number[];
  events: EventEntry[];
  /**
   * Events of the group judged by a product from the tag history that differs from today's:
   * today's tags would have missed them or judged them otherwise. Absent when none.
   */
  fromHistory?: number;
}

export interface PrincipalSummary {
  arn: string;
  type: string;
  product: string;
  display: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  severities: Record<Severity, number>;
  /** Resource products touched, most events first. */
  products: { product: string; count: number }[];
  groups: number;
}

export interface ResourceSummary {
  arn: string;
  product: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  severities: Record<Severity, number>;
  /** Caller products, most events first. */
  callerProducts: { product: string; count: number }[];
  callers: number;
}

/** Gaps grouped by what a person fixes: a caller to tag, a resource to tag, or a reason per action. */
export interface GapGroup {
  key: string;
  kind: GapKind;
  by: 'caller' | 'resource' | 'action';
  /** The caller's or resource's ARN, or `eventSource eventName`. */
  subject: string;
  /** How a person reads the subject (a caller's display name). */
  display: string;
  reason: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  /** Event names, most events first. */
  actions: { name: string; count: number }[];
  callers: string[];
  events: EventEntry[];
}

export interface Grouped {
  findingGroups: FindingGroup[];
  principals: PrincipalSummary[];
  resources: ResourceSummary[];
  gapGroups: GapGroup[];
}

const MAX_LISTED = 100;

function zero(): Record<Severity, number> {
  return { write: 0, denied: 0, read: 0 };
}

export function stableKey(parts: string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

/** An S3 object's bucket (25 reads of one bucket are one access to judge); other ARNs as they are. */
export function groupResourceOf(arn: string): string {
  // `arn:<partition>:s3:::<bucket>/<key>`, tested without a regular expression (this runs per finding).
  if (!arn.startsWith('arn:')) return arn;
  const s3 = arn.indexOf(':s3:::');
  if (s3 < 4 || arn.indexOf(':', 4) !== s3) return arn;
  const slash = arn.indexOf('/', s3 + 6);
  return slash > s3 + 6 ? arn.slice(0, slash) : arn;
}

function minMax(a: { firstSeen: string; lastSeen: string }, time: string): void {
  if (time === '') return;
  if (a.firstSeen === '' || time < a.firstSeen) a.firstSeen = time;
  if (a.lastSeen === '' || time > a.lastSeen) a.lastSeen = time;
}

function countInto(map: Map<string, number>, k: string, n = 1): void {
  map.set(k, (map.get(k) ?? 0) + n);
}

function ranked(map: Map<string, number>): { key: string; count: number }[] {
  return [...map.entries()].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function addDistinct(list: string[], v: string, max = MAX_LISTED): void {
  if (v !== '' && list.length < max && !list.includes(v)) list.push(v);
}

function byTime(a: EventEntry, b: EventEntry): number {
  return a.eventTime < b.eventTime ? -1 : a.eventTime > b.eventTime ? 1 : a.eventID < b.eventID ? -1 : a.eventID > b.eventID ? 1 : 0;
}

function findingEntry(f: Finding): EventEntry {
  const e: EventEntry = {
    eventID: t(f.eventID), eventTime: t(f.eventTime), account: t(f.recipientAccountId), region: t(f.awsRegion),
    sourceIPAddress: t(f.sourceIPAddress), userAgent: t(f.userAgent), source: t(f.source),
    resourceArn: t(f.resource.arn), severity: f.severity,
  };
  if (typeof f.position === 'number') e.position = f.position;
  if (f.principal.displayName !== undefined) e.session = t(f.principal.displayName);
  if (Array.isArray(f.resource.moreArns) && f.resource.moreArns.length > 0) e.moreArns = f.resource.moreArns.map(t);
  if (f.errorCode !== undefined) e.errorCode = t(f.errorCode);
  if (f.productSource === 'history') {
    e.productSource = 'history';
    const today: NonNullable<EventEntry['productToday']> = {};
    if (typeof f.productToday?.principal === 'string') today.principal = t(f.productToday.principal);
    if (typeof f.productToday?.resource === 'string') today.resource = t(f.productToday.resource);
    e.productToday = today;
    if (f.historyRef !== undefined) e.historyRef = t(f.historyRef);
  }
  return e;
}

function gapEntry(g: Gap): EventEntry {
  const e: EventEntry = {
    eventID: t(g.eventID), eventTime: t(g.eventTime), account: t(g.recipientAccountId), region: t(g.awsRegion),
    sourceIPAddress: t(g.sourceIPAddress), userAgent: t(g.userAgent), source: t(g.source), reason: t(g.reason),
  };
  if (typeof g.position === 'number') e.position = g.position;
  if (g.resourceArn !== undefined) e.resourceArn = t(g.resourceArn);
  return e;
}

function severityRank(s: Severity): number {
  const i = SEVERITY_ORDER.indexOf(s);
  return i < 0 ? SEVERITY_ORDER.length : i;
}

/** Severity (most severe first), then first seen (oldest first), then key: the order every output lists groups in. */
export function compareGroups(a: FindingGroup, b: FindingGroup): number {
  return severityRank(a.severity) - severityRank(b.severity) || (a.firstSeen < b.firstSeen ? -1 : a.firstSeen > b.firstSeen ? 1 : 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** The caller's name for a group: one session shown, several counted. */
function groupDisplay(arn: string, type: string, sessions: string[], home: string | undefined): string {
  const base = principalDisplayName({ arn, type, ...(sessions.length === 1 ? { displayName: sessions[0] as string } : {}) }, home);
  return sessions.length > 1 ? `${base} (${sessions.length >= MAX_LISTED ? `${MAX_LISTED}+` : sessions.length} sessions)` : base;
}

/** Distinct values seen in a group (sets while grouping; arrays, capped, once done). */
interface Seen {
  sessions: Set<string>;
  arns: Set<string>;
  via: Set<string>;
  accounts: Set<string>;
  regions: Set<string>;
}

function capped(set: Set<string>): string[] {
  const out: string[] = [];
  for (const v of set) {
    if (out.length >= MAX_LISTED) break;
    if (v !== '') out.push(v);
  }
  return out;
}

/** True when `events` are already in `byTime` order (findings usually arrive in time order). */
function inTimeOrder(events: EventEntry[]): boolean {
  for (let i = 1; i < events.length; i++) if (byTime(events[i - 1] as EventEntry, events[i] as EventEntry) > 0) return false;
  return true;
}

/** A group while grouping: the group and the distinct values seen in it. */
interface Building {
  g: FindingGroup;
  s: Seen;
}

/**
 * Groups findings by caller, resource and action, fed in order, in one pass or as they stream in
 * (the editor feeds a check's findings while it runs, so that the Findings tree is ready when the
 * check ends). Groups are found through nested maps keyed by the strings the findings already hold
 * (no key string is built per finding). `groups()` gives exactly `groupFindings` of everything fed.
 */
export class FindingGrouper {
  private readonly index = new Map<string, Map<string, Map<string, Map<string, Building>>>>();
  private readonly building: Building[] = [];
  /** Groups fed since the last `groups()`: only they are finished again. */
  private readonly dirty = new Set<Building>();
  private fed = 0;

  /** How many findings were fed; the next one fed has this index. */
  get count(): number {
    return this.fed;
  }

  add(findings: readonly Finding[]): void {
    for (const f of findings) this.addOne(f, this.fed++);
  }

  private addOne(f: Finding, i: number): void {
    const principalArn = t(f.principal.arn);
    const resourceArn = groupResourceOf(t(f.resource.arn));
    const eventSource = t(f.eventSource);
    const eventName = t(f.eventName);
    // Products judged from history may differ within one caller, resource and action (before and
    // after a retag): such events group by their products too; other groups keep their keys.
    const fromHistory = f.productSource === 'history' ? [t(f.principal.product), t(f.resource.product)] : [];
    const nameKey = fromHistory.length ? `${eventName}\u0000history\u0000${fromHistory.join('\u0000')}` : eventName;
    let byResource = this.index.get(principalArn);
    if (!byResource) this.index.set(principalArn, (byResource = new Map()));
    let bySource = byResource.get(resourceArn);
    if (!bySource) byResource.set(resourceArn, (bySource = new Map()));
    let byName = bySource.get(eventSource);
    if (!byName) bySource.set(eventSource, (byName = new Map()));
    let b = byName.get(nameKey);
    if (!b) {
      const g: FindingGroup = {
        key: stableKey([principalArn, resourceArn, eventSource, eventName, ...(fromHistory.length ? ['history', ...fromHistory] : [])]),
        severity: f.severity, severities: zero(), count: 0, firstSeen: '', lastSeen: '',
        principal: { arn: principalArn, type: t(f.principal.type), product: t(f.principal.product), display: '', sessions: [] },
        eventSource, eventName,
        resource: { arn: resourceArn, product: t(f.resource.product), via: [], arns: [], arnCount: 0 },
        accounts: [], regions: [], findings: [], events: [],
      };
      b = { g, s: { sessions: new Set(), arns: new Set(), via: new Set(), accounts: new Set(), regions: new Set() } };
      byName.set(nameKey, b);
      this.building.push(b);
    }
    this.dirty.add(b);
    const { g, s } = b;
    const e = findingEntry(f);
    g.count++;
    if (g.severities[f.severity] !== undefined) g.severities[f.severity]++;
    if (severityRank(f.severity) < severityRank(g.severity)) g.severity = f.severity;
    minMax(g, e.eventTime);
    if (e.session !== undefined) s.sessions.add(e.session);
    s.via.add(t(f.resource.via));
    if (e.resourceArn) s.arns.add(e.resourceArn);
    s.accounts.add(e.account);
    s.regions.add(e.region);
    g.findings.push(i);
    g.events.push(e);
    if (e.productSource === 'history') g.fromHistory = (g.fromHistory ?? 0) + 1;
  }

  /**
   * The groups of everything fed so far, in severity-then-time order. A group's events are sorted
   * only when they did not arrive in time order. Feeding more afterwards updates the same group
   * objects; call again to read them.
   */
  groups(): FindingGroup[] {
    for (const { g, s } of this.dirty) {
      g.principal.sessions = capped(s.sessions);
      g.resource.via = capped(s.via);
      g.resource.arns = capped(s.arns);
      g.resource.arnCount = s.arns.size;
      g.accounts = capped(s.accounts);
      g.regions = capped(s.regions);
      if (g.events.length > 1 && !inTimeOrder(g.events)) {
        const order = g.events.map((_, i) => i).sort((a, b) => byTime(g.events[a] as EventEntry, g.events[b] as EventEntry));
        g.events = order.map((i) => g.events[i] as EventEntry);
        g.findings = order.map((i) => g.findings[i] as number);
      }
      g.principal.display = groupDisplay(g.principal.arn, g.principal.type, g.principal.sessions, g.accounts.length === 1 ? g.accounts[0] : undefined);
    }
    this.dirty.clear();
    return this.building.map((b) => b.g).sort(compareGroups);
  }
}

/** Groups findings by caller, resource and action, in severity-then-time order. */
export function groupFindings(findings: Finding[]): FindingGroup[] {
  const grouper = new FindingGrouper();
  grouper.add(findings);
  return grouper.groups();
}

function summarisePrincipals(groups: FindingGroup[]): PrincipalSummary[] {
  const map = new Map<string, PrincipalSummary & { touched: Map<string, number>; sessions: Set<string>; accounts: Set<string> }>();
  for (const g of groups) {
    let p = map.get(g.principal.arn);
    if (!p) {
      p = { arn: g.principal.arn, type: g.principal.type, product: g.principal.product, display: '', count: 0, firstSeen: '', lastSeen: '', severities: zero(), products: [], groups: 0, touched: new Map(), sessions: new Set(), accounts: new Set() };
      map.set(g.principal.arn, p);
    }
    p.count += g.count;
    p.groups++;
    minMax(p, g.firstSeen);
    minMax(p, g.lastSeen);
    for (const s of SEVERITY_ORDER) p.severities[s] += g.severities[s];
    countInto(p.touched, g.resource.product, g.count);
    for (const s of g.principal.sessions) if (p.sessions.size < MAX_LISTED) p.sessions.add(s);
    for (const a of g.accounts) p.accounts.add(a);
  }
  return [...map.values()].map(({ touched, sessions, accounts, ...p }) => ({
    ...p,
    display: groupDisplay(p.arn, p.type, [...sessions], accounts.size === 1 ? [...accounts][0] : undefined),
    products: ranked(touched).map(({ key, count }) => ({ product: key, count })),
  })).sort((a, b) => b.count - a.count || (a.arn < b.arn ? -1 : 1));
}

function summariseResources(groups: FindingGroup[]): ResourceSummary[] {
  const map = new Map<string, ResourceSummary & { byProduct: Map<string, number>; callerSet: Set<string> }>();
  for (const g of groups) {
    let r = map.get(g.resource.arn);
    if (!r) {
      r = { arn: g.resource.arn, product: g.resource.product, count: 0, firstSeen: '', lastSeen: '', severities: zero(), callerProducts: [], callers: 0, byProduct: new Map(), callerSet: new Set() };
      map.set(g.resource.arn, r);
    }
    r.count += g.count;
    minMax(r, g.firstSeen);
    minMax(r, g.lastSeen);
    for (const s of SEVERITY_ORDER) r.severities[s] += g.severities[s];
    countInto(r.byProduct, g.principal.product, g.count);
    r.callerSet.add(g.principal.arn);
  }
  return [...map.values()].map(({ byProduct, callerSet, ...r }) => ({
    ...r,
    callers: callerSet.size,
    callerProducts: ranked(byProduct).map(({ key, count }) => ({ product: key, count })),
  })).sort((a, b) => b.count - a.count || (a.arn < b.arn ? -1 : 1));
}

const GAP_REASON: Record<GapKind, string> = {
  'unowned-principal': 'the caller has no product tag or mapping',
  'unowned-resource': 'the resource (or its parent) has no product tag or mapping',
  'unresolved-target': '',
  'partial-target': '',
};

/** Groups gaps: an unowned caller or resource once with all its events; unresolved targets by action and reason. */
export function groupGaps(gaps: Gap[]): GapGroup[] {
  const groups = new Map<string, GapGroup & { names: Map<string, number> }>();
  for (const gap of gaps) {
    const kind = gap.kind;
    const action = `${t(gap.eventSource)} ${t(gap.eventName)}`;
    const [by, subject, reason]: [GapGroup['by'], string, string] =
      kind === 'unowned-principal' ? ['caller', t(gap.principalArn), GAP_REASON[kind]]
        : kind === 'unowned-resource' ? ['resource', t(gap.resourceArn), GAP_REASON[kind]]
          : ['action', action, t(gap.reason)];
    const id = JSON.stringify([kind, subject, reason]);
    let g = groups.get(id);
    if (!g) {
      g = { key: stableKey([kind, subject, reason]), kind, by, subject, display: subject, reason, count: 0, firstSeen: '', lastSeen: '', actions: [], callers: [], events: [], names: new Map() };
      groups.set(id, g);
    }
    const e = gapEntry(gap);
    g.count++;
    minMax(g, e.eventTime);
    countInto(g.names, t(gap.eventName));
    addDistinct(g.callers, t(gap.principalArn));
    g.events.push(e);
  }
  return [...groups.values()].map(({ names, ...g }) => {
    g.events.sort(byTime);
    g.actions = ranked(names).map(({ key, count }) => ({ name: key, count }));
    if (g.by === 'caller') g.display = principalDisplayName({ arn: g.subject });
    return g;
  }).sort((a, b) => GAP_KIND_ORDER.indexOf(a.kind) - GAP_KIND_ORDER.indexOf(b.kind) || b.count - a.count || (a.key < b.key ? -1 : 1));
}

/** Everything the reports list, grouped once. */
export function groupResult(result: CheckResult): Grouped {
  const findingGroups = groupFindings(result.findings);
  return { findingGroups, principals: summarisePrincipals(findingGroups), resources: summariseResources(findingGroups), gapGroups: groupGaps(result.gaps) };
}

/**
 * A group's history label, for every output: `product from the tag history at the time (today:
 * resource checkout; trail event … at …)`; undefined when today's tags judge the group the same.
 * Values are the entries' (already text-escaped); outputs escape them again for their medium.
 */
export function historyNote(g: FindingGroup): string | undefined {
  if (!g.fromHistory) return undefined;
  const e = g.events.find((x) => x.productSource === 'history');
  if (e === undefined) return undefined;
  const today: string[] = [];
  const name = (v: string): string => (v === '' ? 'none (untagged or deleted)' : v);
  if (e.productToday?.principal !== undefined) today.push(`caller ${name(e.productToday.principal)}`);
  if (e.productToday?.resource !== undefined) today.push(`resource ${name(e.productToday.resource)}`);
  const count = g.fromHistory < g.count ? ` (${g.fromHistory} of ${g.count} events)` : '';
  return `product from the tag history at the time${count}; today: ${today.join(', ')}${e.historyRef ? `; ${e.historyRef}` : ''}`;
}

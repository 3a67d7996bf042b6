import type { CheckResult, GapKind, Severity } from '../model';
import { INVISIBLE, textOf } from './escape';
import { escapeInvisible } from './json';
import { coverageNotifications } from './coverageSarif';
import { groupResult, historyNote, type EventEntry, type FindingGroup, type GapGroup, type Grouped } from './group';
import { serviceOf } from './shorten';

// SARIF 2.1.0 as GitHub code scanning reads it: one rule per severity and per gap kind, one result
// per grouped finding or gap, a stable fingerprint per group (so a re-run updates an alert instead
// of opening a duplicate) and a stable location per resource (code scanning folds the path into an
// alert's identity, and trail file names change every run).

/** GitHub code scanning keeps at most this many results per run. */
export const MAX_SARIF_RESULTS = 25_000;

interface Rule {
  id: string;
  name: string;
  short: string;
  full: string;
  help: string;
  level: 'error' | 'warning' | 'note';
  securitySeverity?: string;
  tags: string[];
}

const FINDING_RULES: Record<Severity, Rule> = {
  write: {
    id: 'tagtrail/cross-product-write', name: 'CrossProductWrite', level: 'error', securitySeverity: '8.0', tags: ['security', 'cross-product-access'],
    short: 'A caller of one product changed a resource of another product',
    full: 'A principal tagged (or mapped) to one product made a write call on a resource of another product that is not shared and not exempted.',
    help: 'Check whether the caller should have this access. If it should, exempt it in the mapping file (exemptions) or mark the resource product as shared; if not, remove the permission from the caller.',
  },
  denied: {
    id: 'tagtrail/cross-product-denied', name: 'CrossProductDenied', level: 'warning', securitySeverity: '5.0', tags: ['security', 'cross-product-access'],
    short: 'A caller of one product was denied on a resource of another product',
    full: 'The call failed authorization. A denied attempt on another product\'s resource shows intent, probing or a misconfigured workload.',
    help: 'Find out why the caller tried: a workload pointing at the wrong resource, or someone probing what they can reach.',
  },
  read: {
    id: 'tagtrail/cross-product-read', name: 'CrossProductRead', level: 'warning', securitySeverity: '6.0', tags: ['security', 'cross-product-access'],
    short: 'A caller of one product read a resource of another product',
    full: 'A principal of one product made a read-only call on a resource of another product that is not shared and not exempted.',
    help: 'Check whether the caller should read this data. Exempt it in the mapping file if it should; otherwise remove the permission.',
  },
};

const GAP_RULES: Record<GapKind, Rule> = {
  'unowned-principal': {
    id: 'tagtrail/gap-unowned-caller', name: 'UnownedCaller', level: 'note', tags: ['coverage'],
    short: 'A caller has no product, so its access was not judged',
    full: 'The caller carries no product tag and matches no mapping pattern: cross-product access by it cannot be seen.',
    help: 'Tag the role or user with the product tag key, or map it in the mapping file (principals).',
  },
  'unresolved-target': {
    id: 'tagtrail/gap-unresolved-target', name: 'UnresolvedTarget', level: 'note', tags: ['coverage'],
    short: 'The resource an event acted on could not be named',
    full: 'The resolver could not name the ARN the event acted on; an access may hide behind it. The result message gives the reason.',
    help: 'Read the reason; enable data events or add the missing field to the trail where possible.',
  },
  'partial-target': {
    id: 'tagtrail/gap-partial-target', name: 'PartialTarget', level: 'note', tags: ['coverage'],
    short: 'Some resources an event acted on could not be named',
    full: 'Some targets of the event were named, others not; an access may hide behind the missing ones.',
    help: 'Read the reason given in the result message.',
  },
  'unowned-resource': {
    id: 'tagtrail/gap-unowned-resource', name: 'UnownedResource', level: 'note', tags: ['coverage'],
    short: 'A resource has no product, so access to it was not judged',
    full: 'The resource (and its parent) carries no product tag and matches no mapping pattern.',
    help: 'Tag the resource with the product tag key, or map it in the mapping file (resources).',
  },
};

const RULES: Rule[] = [...Object.values(FINDING_RULES), ...Object.values(GAP_RULES)];

const UNSAFE_TEXT = new RegExp(`[\\u0000-\\u001F\\u007F-\\u009F]|${INVISIBLE.source}`, 'g');

/** Lone surrogates (invalid UTF-16, which URI encoding and many readers reject) as U+FFFD. */
function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/**
 * A SARIF plain-text message part: control, bidi and invisible characters shown as `[U+XXXX]`, and
 * `[`, `]` and `\` escaped, since `[text](target)` in a SARIF message is a link.
 */
export function sarifText(v: unknown): string {
  return wellFormed(textOf(v))
    .replace(/[[\]\\]/g, (c) => `\\${c}`)
    .replace(UNSAFE_TEXT, (c) => `[U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`);
}

/**
 * A stable relative path for a resource: `arn:aws:dynamodb:eu-west-1:1111:table/t` →
 * `aws/dynamodb/eu-west-1/1111/table/t`. Each segment is percent-encoded; `.` and `..` segments are
 * encoded too, so no path leaves the folder whatever the ARN holds.
 */
export function resourcePath(arn: string): string {
  const parts = arn.split(':');
  const segments = parts[0] === 'arn' && parts.length >= 6
    ? [parts[1] || 'aws', parts[2] || 'unknown', parts[3] || 'global', parts[4] || 'global', ...parts.slice(5).join(':').split('/')]
    : ['other', ...arn.split('/')];
  return segments.map(segment).join('/');
}

/** One path segment, percent-encoded; never empty, `.` or `..`. */
function segment(s: string): string {
  return s === '' ? '_' : s === '.' ? '%2E' : s === '..' ? '%2E%2E' : encodeURIComponent(wellFormed(s));
}

function location(path: string, name: string, kind: string): unknown {
  return {
    physicalLocation: { artifactLocation: { uri: path }, region: { startLine: 1 } },
    logicalLocations: [{ fullyQualifiedName: name, kind }],
  };
}

/** Event details kept per result: every id and time is in the result, full details of this many (the JSON has all). */
const EVENT_DETAILS = 100;

function events(list: EventEntry[]): unknown[] {
  return list.slice(0, EVENT_DETAILS).map((e) => ({ ...e }));
}

function findingResult(g: FindingGroup): unknown {
  const rule = FINDING_RULES[g.severity];
  const when = g.firstSeen === g.lastSeen ? `at ${sarifText(g.firstSeen)}` : `from ${sarifText(g.firstSeen)} to ${sarifText(g.lastSeen)}`;
  const calls = g.count === 1 ? 'call' : 'calls';
  const history = historyNote(g);
  const text = `${sarifText(g.principal.display)} (product ${sarifText(g.principal.product)}) made ${g.count} ${g.severity === 'denied' ? 'denied' : g.severity} ${calls} ${sarifText(serviceOf(g.eventSource))} ${sarifText(g.eventName)} on ${sarifText(g.resource.arn)} (product ${sarifText(g.resource.product)}) ${when}.${history !== undefined ? ` Judged by the ${sarifText(history)}.` : ''}`;
  return {
    ruleId: rule.id,
    ruleIndex: RULES.indexOf(rule),
    level: rule.level,
    message: { text },
    locations: [location(resourcePath(g.resource.arn), g.resource.arn, 'resource')],
    partialFingerprints: { 'tagtrailGroup/v1': g.key },
    properties: {
      count: g.count, severities: g.severities, firstSeen: g.firstSeen, lastSeen: g.lastSeen,
      principalArn: g.principal.arn, principalType: g.principal.type, principalProduct: g.principal.product, sessions: g.principal.sessions,
      eventSource: g.eventSource, eventName: g.eventName,
      resourceArn: g.resource.arn, resourceProduct: g.resource.product, resourceArns: g.resource.arns, resourceArnCount: g.resource.arnCount, foundVia: g.resource.via,
      accounts: g.accounts, regions: g.regions,
      eventIds: g.events.map((e) => e.eventID), eventTimes: g.events.map((e) => e.eventTime), events: events(g.events),
      ...(g.fromHistory ? { productSource: 'history', fromHistory: g.fromHistory } : {}),
    },
  };
}

function gapResult(g: GapGroup): unknown {
  const rule = GAP_RULES[g.kind];
  const what = g.by === 'caller' ? `Caller ${sarifText(g.display)}` : g.by === 'resource' ? `Resource ${sarifText(g.subject)}` : sarifText(g.subject);
  const reason = g.reason ? `: ${sarifText(g.reason)}` : '';
  return {
    ruleId: rule.id,
    ruleIndex: RULES.indexOf(rule),
    level: rule.level,
    message: { text: `${what}, ${g.count} ${g.count === 1 ? 'event' : 'events'} not judged${reason}.` },
    locations: [g.by === 'action'
      ? location(`actions/${segment(serviceOf(g.subject.split(' ')[0] ?? ''))}/${segment(g.subject.split(' ').slice(1).join(' '))}`, g.subject, 'action')
      : location(resourcePath(g.subject), g.subject, g.by === 'caller' ? 'principal' : 'resource')],
    partialFingerprints: { 'tagtrailGroup/v1': g.key },
    properties: {
      kind: g.kind, by: g.by, subject: g.subject, reason: g.reason, count: g.count, firstSeen: g.firstSeen, lastSeen: g.lastSeen,
      actions: g.actions, callers: g.callers, eventIds: g.events.map((e) => e.eventID), eventTimes: g.events.map((e) => e.eventTime), events: events(g.events),
    },
  };
}

/**
 * The check as a SARIF 2.1.0 log for code scanning dashboards: rules per severity and gap kind,
 * one result per finding group and gap group (findings first, most severe first), event ids and
 * times in each result's properties, `partialFingerprints` stable across runs for the same caller,
 * resource and action. Results past GitHub's 25,000 are left out with a notification saying so.
 */
export function renderSarif(result: CheckResult, opts: { grouped?: Grouped; toolVersion?: string } = {}): string {
  const grouped = opts.grouped ?? groupResult(result);
  const all = [...grouped.findingGroups.map(findingResult), ...grouped.gapGroups.map(gapResult)];
  const results = all.slice(0, MAX_SARIF_RESULTS);
  const notifications = all.length > results.length
    ? [{ level: 'warning', message: { text: `${all.length - results.length} of ${all.length} results were left out (code scanning keeps ${MAX_SARIF_RESULTS} per run); the JSON output (--format json) has them all.` } }]
    : [];
  const s = result.stats;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'TagTrail',
          ...(opts.toolVersion ? { version: opts.toolVersion } : {}),
          rules: RULES.map((r) => ({
            id: r.id, name: r.name,
            shortDescription: { text: r.short }, fullDescription: { text: r.full }, help: { text: r.help },
            defaultConfiguration: { level: r.level },
            properties: { tags: r.tags, precision: 'high', ...(r.securitySeverity ? { 'security-severity': r.securitySeverity } : {}) },
          })),
        },
      },
      automationDetails: { id: `tagtrail/check/${result.scope.product !== undefined ? `${encodeURIComponent(result.scope.product)}/` : ''}` },
      invocations: [{ executionSuccessful: true, toolExecutionNotifications: [
        ...notifications,
        ...result.readErrors.slice(0, 100).map((e) => ({ level: 'error', message: { text: `read error in ${sarifText(e.source)}${e.position !== undefined ? ` at ${e.position}` : ''}: ${sarifText(e.message)}` } })),
        ...coverageNotifications(result),
      ] }],
      results,
      properties: {
        findings: s.findings, findingsBySeverity: s.findingsBySeverity, gaps: s.gaps, gapsByKind: s.gapsByKind,
        recordsRead: s.recordsRead, recordsInScope: s.recordsInScope, readErrors: result.readErrors.length,
        managementEventsOnly: result.scope.managementEventsOnly ?? false, scope: result.scope,
        ...(result.coverage ? { coverage: { known: result.coverage.known, resources: result.coverage.resources.length, invisible: result.coverage.invisible, unknown: result.coverage.unknown } } : {}),
        ...(result.resolutionByService ? { resolutionByService: result.resolutionByService.map((r) => ({ ...r, eventSource: sarifText(r.eventSource) })) } : {}),
      },
    }],
  };
  return `${escapeInvisible(JSON.stringify(log, null, 2))}\n`;
}

import type { CheckResult, GapKind } from '../model';
import { renderScope } from './markdownScope';
import { md, mdTable, type RawMd } from './mdTable';
import { escapeMarkdownCell } from './escape';
import { eventConsoleUrl } from './eventLink';
import { groupResult, historyNote, type EventEntry, type Grouped } from './group';
import { dateRange, serviceOf, timeRange } from './shorten';
import { coverageMarkdown, resolutionMarkdown } from './coverageMarkdown';
import { coverageHeadline } from './coverageSummary';

/** What the Markdown report lists; by default everything, grouped. */
export interface MarkdownOptions {
  /** At most this many finding groups and gap groups (each); default all. */
  limit?: number;
  maxReadErrors?: number;
  /** Event ids linked per group (the rest are counted; the JSON has all). Default 3. */
  idsPerGroup?: number;
  /** The grouping, when the caller already made it. */
  grouped?: Grouped;
}

const GAP_MEANING: Record<GapKind, string> = {
  'unresolved-target': 'the resolver could not name what the event acted on',
  'partial-target': 'some of what the event acted on could not be named',
  'unowned-principal': 'the caller has no product tag or mapping, so its access cannot be judged',
  'unowned-resource': 'a resource (and its parent) has no product tag or mapping',
};

/** Numbers event links as reference links (`[6cbcb588][e1]`), so that table rows stay short in the raw text. */
class EventLinks {
  private readonly defs: string[] = [];

  /** `prefix` keeps labels unique across sections (reference labels are document-wide). */
  constructor(private readonly prefix: string) {}

  /** Up to `n` ids of `events` as links (or escaped text when no safe link exists), then `+N`. */
  cell(events: EventEntry[], n: number): RawMd {
    const parts = events.slice(0, n).map((e) => {
      const url = eventConsoleUrl(e.eventID, e.region);
      if (url === undefined) return escapeMarkdownCell(e.eventID, 80) || '–';
      this.defs.push(`[${this.prefix}${this.defs.length + 1}]: ${url}`);
      return `[${e.eventID.slice(0, 8)}][${this.prefix}${this.defs.length}]`;
    });
    if (events.length > n) parts.push(`+${events.length - n}`);
    return { raw: parts.join(' ') };
  }

  /** The link definitions, to end the section with (not rendered, not in the way of the table). */
  definitions(): string {
    return this.defs.length ? `\n\n${this.defs.join('\n')}` : '';
  }
}

function cut(shown: number, total: number, what: string, limit: number | undefined): string {
  return total > shown ? `\n\n_${total - shown} more ${what} not shown here (\`--limit ${limit}\`); without \`--limit\` all are listed, and the JSON output (\`--format json\`) has every event._` : '';
}

function summary(r: CheckResult): string {
  const s = r.stats;
  const head = `**${s.findings} cross-product accesses** (${s.findingsBySeverity.write} write, ${s.findingsBySeverity.denied} denied, ${s.findingsBySeverity.read} read) and **${s.gaps} coverage gaps** in ${s.recordsInScope} events; ${s.exemptedEvents} events exempted by the mapping, ${s.awsServiceEvents} events by AWS services (not judged).`;
  const cov = r.coverage ? ` **Trail coverage:** ${md(coverageHeadline(r.coverage))}.` : '';
  if (r.pairs.length === 0) return `## Summary\n\n${head}${cov}\n\nNo product acted on another product's resources.`;
  const rows = r.pairs.map((p) => [p.principalProduct, p.resourceProduct, p.counts.write, p.counts.read, p.counts.denied, p.counts.write + p.counts.read + p.counts.denied]);
  return `## Summary\n\n${head}${cov}\n\n${mdTable(['Caller product', 'Resource product', 'Write', 'Read', 'Denied', 'Total'], rows)}`;
}

function severityCell(g: Grouped['findingGroups'][number]): string {
  const present = (['write', 'denied', 'read'] as const).filter((s) => g.severities[s] > 0);
  const errors = [...new Set(g.events.map((e) => e.errorCode).filter((c): c is string => c !== undefined && c !== ''))];
  return (present.length > 1 ? present.map((s) => `${s} ${g.severities[s]}`).join(', ') : g.severity) + (errors.length ? ` (${errors.slice(0, 2).join(', ')})` : '');
}

/** ` — from history: …` for a group judged by the tags in force at the time, not today's. */
function historyCell(g: Grouped['findingGroups'][number]): string {
  const note = historyNote(g);
  return note === undefined ? '' : ` (from history: ${note})`;
}

function findings(r: CheckResult, grouped: Grouped, opts: MarkdownOptions): string {
  if (grouped.findingGroups.length === 0) return `## Findings\n\nNone.`;
  const links = new EventLinks('f');
  const shown = grouped.findingGroups.slice(0, opts.limit);
  const rows = shown.map((g) => [
    severityCell(g),
    `${g.principal.product} · ${g.principal.display}`,
    `${serviceOf(g.eventSource)} ${g.eventName}`,
    `${g.resource.product} · ${g.resource.arn}${g.resource.arnCount > 1 ? ` (${g.resource.arnCount} objects)` : ''}${historyCell(g)}`,
    g.count,
    timeRange(g.firstSeen, g.lastSeen),
    links.cell(g.events, opts.idsPerGroup ?? 3),
  ]);
  const intro = `${r.stats.findings} events in ${grouped.findingGroups.length} groups: one row per caller, resource and action, most severe first, then oldest. Times are UTC; event ids link to the CloudTrail console.`;
  const table = mdTable(['Severity', 'Caller', 'Action', 'Resource', 'Events', 'Seen', 'Event'], rows);
  const notKept = (r.stats.findingsNotListed ?? 0) > 0 ? `\n\n_${r.stats.findingsNotListed} more findings were counted but not kept by the check (its list limit)._` : '';
  return `## Findings (${r.stats.findings})\n\n${intro}\n\n${table}${cut(shown.length, grouped.findingGroups.length, 'finding groups', opts.limit)}${notKept}${links.definitions()}`;
}

function callers(grouped: Grouped): string {
  if (grouped.principals.length === 0) return '';
  const rows = grouped.principals.map((p) => [p.display, p.product, p.products.map((x) => `${x.product} ${x.count}`).join(', '), p.count, dateRange(p.firstSeen, p.lastSeen), p.arn]);
  const resources = grouped.resources.map((x) => [x.arn, x.product, x.callerProducts.map((c) => `${c.product} ${c.count}`).join(', '), x.callers, x.count, dateRange(x.firstSeen, x.lastSeen)]);
  return `\n\n### By caller\n\n${mdTable(['Caller', 'Product', 'Products touched', 'Events', 'Seen', 'ARN'], rows)}\n\n### By resource\n\n${mdTable(['Resource', 'Product', 'Caller products', 'Callers', 'Events', 'Seen'], resources)}`;
}

function gaps(r: CheckResult, grouped: Grouped, opts: MarkdownOptions): string {
  const counts = (Object.keys(GAP_MEANING) as GapKind[]).map((k) => [k, r.stats.gapsByKind[k], GAP_MEANING[k]]);
  const head = `## Coverage gaps (${r.stats.gaps})\n\nEvents the check could not fully judge. A gap is not a finding, but a finding may hide behind it.\n\n${mdTable(['Kind', 'Count', 'Meaning'], counts)}`;
  if (grouped.gapGroups.length === 0) return head;
  const links = new EventLinks('g');
  const shown = grouped.gapGroups.slice(0, opts.limit);
  const rows = shown.map((g) => [
    g.kind,
    g.by === 'action' ? `${serviceOf(g.subject.split(' ')[0] ?? '')} ${g.subject.split(' ').slice(1).join(' ')}` : g.display,
    g.reason,
    g.count,
    timeRange(g.firstSeen, g.lastSeen),
    g.actions.slice(0, 5).map((a) => `${a.name} ${a.count}`).join(', ') + (g.actions.length > 5 ? `, +${g.actions.length - 5} more` : ''),
    links.cell(g.events, Math.min(2, opts.idsPerGroup ?? 3)),
  ]);
  const table = mdTable(['Kind', 'Caller, resource or action', 'Reason', 'Events', 'Seen', 'Actions', 'Event'], rows);
  const notKept = (r.stats.gapsNotListed ?? 0) > 0 ? `\n\n_${r.stats.gapsNotListed} more gaps were counted but not kept by the check (its list limit)._` : '';
  return `${head}\n\nGrouped by the caller or resource to tag, or by action and reason (${grouped.gapGroups.length} groups):\n\n${table}${cut(shown.length, grouped.gapGroups.length, 'gap groups', opts.limit)}${notKept}${links.definitions()}`;
}

function services(r: CheckResult): string {
  const entries = Object.entries(r.stats.awsServices ?? {});
  if (entries.length === 0) return '';
  return `\n\n## AWS service callers (listed, not judged)\n\n${mdTable(['Service', 'Events'], entries.map(([k, v]) => [k, v]))}`;
}

function readErrors(r: CheckResult, max: number): string {
  if (r.readErrors.length === 0) return '## Read errors\n\nNone.';
  const rows = r.readErrors.slice(0, max).map((e) => [e.source, e.position, e.message]);
  const more = r.readErrors.length > max ? `\n\n_${r.readErrors.length - max} more read errors not shown here; the JSON output (\`--format json\`) lists them._` : '';
  return `## Read errors (${r.readErrors.length})\n\nThese inputs were skipped; their events are not in any count above.\n\n${mdTable(['Source', 'Line or record', 'Error'], rows)}${more}`;
}

const METHOD = `## Method and limits

- **Who:** each event's caller comes from \`userIdentity\`. Assumed-role sessions are judged as their role (IAM Identity Center sessions as their permission-set role, shown as \`SSO <permission set>\` with the session name); federated users through their issuing IAM user. AWS services acting on their own are listed, not judged.
- **What:** the resolver names the ARNs an event acted on, in tiers: the record's \`resources\`, ARNs in the request or response, IAM Service Authorization Reference ARN templates filled from the request, a curated exceptions table, LookupEvents resources, and ARNs named in access-denied messages. The JSON output says for each which (\`via\`); templates may assume parts of an ARN (such as an IAM path of \`/\`).
- **Which product:** tags on the caller (the role, for sessions) and on the resource, by the configured tag keys in order, then the mapping file's patterns. A resource without tags inherits its parent's product (an S3 object its bucket's).
- **Finding:** a caller of product A acted on a resource of product B ≠ A, B is not a shared product and no exemption matches; one finding per event and resource product, grouped here by caller, resource (an S3 object under its bucket) and action. Severity: *denied* when the call failed authorization (it shows intent or probing), else *write* or *read* from the event's read-only flag.
- **Trail coverage:** from the trails' configuration (DescribeTrails, GetTrailStatus, GetEventSelectors, live or as files): a resource is invisible when its management events, or the data events of its type, are not logged by a logging trail that reaches its account and region; a check over invisible resources is incomplete.
- **Limits:** only events in the input are seen (trail settings decide whether data events exist); tags are those of the inventory snapshot, not of the event's time; a resource the resolver could not name, or an owner the tags do not say, is a coverage gap, not a clean result.`;

/**
 * The report a security reviewer pastes into a ticket: scope (with a warning when only management
 * events were seen), per product-pair summary, findings grouped by caller, resource and action (with
 * the callers and resources behind them), coverage gaps by kind and grouped, AWS service callers,
 * read errors, method and limits. Every value from a record is escaped for Markdown; the only links
 * are TagTrail's own, to the CloudTrail console, for event ids and regions of the shape AWS writes.
 */
export function renderMarkdown(result: CheckResult, opts: MarkdownOptions = {}): string {
  const grouped = opts.grouped ?? groupResult(result);
  const title = result.scope.product !== undefined ? `# TagTrail cross-product access report: ${md(result.scope.product)}` : '# TagTrail cross-product access report';
  return [
    title,
    renderScope(result),
    summary(result),
    findings(result, grouped, opts) + callers(grouped),
    gaps(result, grouped, opts) + services(result),
    ...[coverageMarkdown(result), resolutionMarkdown(result)].filter((x) => x !== ''),
    readErrors(result, opts.maxReadErrors ?? 100),
    METHOD,
  ].join('\n\n') + '\n';
}

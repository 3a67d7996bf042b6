import type { CheckResult, GapKind } from '../model';
import { renderScope } from './markdownScope';
import { md, mdTable } from './mdTable';
import { textOf as t } from './escape';

/** Row limits: a ticket needs the evidence, not a million lines; the JSON output has every listed row. */
export interface MarkdownOptions {
  maxFindings?: number;
  maxGaps?: number;
  maxReadErrors?: number;
}

const GAP_MEANING: Record<GapKind, string> = {
  'unresolved-target': 'the resolver could not name what the event acted on',
  'partial-target': 'some of what the event acted on could not be named',
  'unowned-principal': 'the caller has no product tag or mapping, so its access cannot be judged',
  'unowned-resource': 'a resource (and its parent) has no product tag or mapping',
};

/** The file name only: trail file names carry account, region and time; the JSON has the full path. */
function fileName(source: unknown): string {
  const text = t(source);
  return text.slice(Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\')) + 1);
}

function more(shown: number, total: number, what: string): string {
  return total > shown ? `\n\n_${total - shown} more ${what} not shown here; the JSON output (\`--format json\`) lists them._` : '';
}

function summary(r: CheckResult): string {
  const s = r.stats;
  const head = `**${s.findings} cross-product accesses** (${s.findingsBySeverity.write} write, ${s.findingsBySeverity.read} read, ${s.findingsBySeverity.denied} denied) and **${s.gaps} coverage gaps** in ${s.recordsInScope} events; ${s.exemptedEvents} events exempted by the mapping, ${s.awsServiceEvents} events by AWS services (not judged).`;
  if (r.pairs.length === 0) return `## Summary\n\n${head}\n\nNo product acted on another product's resources.`;
  const rows = r.pairs.map((p) => [p.principalProduct, p.resourceProduct, p.counts.write, p.counts.read, p.counts.denied, p.counts.write + p.counts.read + p.counts.denied]);
  return `## Summary\n\n${head}\n\n${mdTable(['Caller product', 'Resource product', 'Write', 'Read', 'Denied', 'Total'], rows)}`;
}

function findings(r: CheckResult, max: number): string {
  if (r.findings.length === 0) return `## Findings\n\nNone.`;
  // Values are joined through `textOf`: a field typed string may hold any JSON, and must not throw.
  const rows = r.findings.slice(0, max).map((f) => [
    f.eventTime, t(f.severity) + (f.errorCode ? ` (${t(f.errorCode)})` : ''), f.principal.product, f.principal.arn, f.principal.displayName,
    `${t(f.eventSource)} ${t(f.eventName)}`, f.awsRegion, f.resource.product,
    t(f.resource.arn) + (Array.isArray(f.resource.moreArns) && f.resource.moreArns.length ? ` (+${f.resource.moreArns.length} more)` : ''), f.resource.via, f.eventID,
  ]);
  const table = mdTable(['Time', 'Severity', 'Caller product', 'Caller', 'Session', 'Action', 'Region', 'Resource product', 'Resource', 'Found via', 'Event ID'], rows);
  return `## Findings (${r.stats.findings})\n\n${table}${more(Math.min(max, r.findings.length), r.stats.findings, 'findings')}`;
}

function gaps(r: CheckResult, max: number): string {
  const counts = (Object.keys(GAP_MEANING) as GapKind[]).map((k) => [k, r.stats.gapsByKind[k], GAP_MEANING[k]]);
  const head = `## Coverage gaps (${r.stats.gaps})\n\nEvents the check could not fully judge. A gap is not a finding, but a finding may hide behind it.\n\n${mdTable(['Kind', 'Count', 'Meaning'], counts)}`;
  if (r.gaps.length === 0) return head;
  const rows = r.gaps.slice(0, max).map((g) => [g.kind, g.eventTime, `${t(g.eventSource)} ${t(g.eventName)}`, g.principalArn, g.resourceArn, g.reason, g.eventID, fileName(g.source)]);
  const table = mdTable(['Kind', 'Time', 'Action', 'Caller', 'Resource', 'Reason', 'Event ID', 'Source'], rows);
  return `${head}\n\n${table}${more(Math.min(max, r.gaps.length), r.stats.gaps, 'gaps')}`;
}

function services(r: CheckResult): string {
  const entries = Object.entries(r.stats.awsServices ?? {});
  if (entries.length === 0) return '';
  return `\n\n## AWS service callers (listed, not judged)\n\n${mdTable(['Service', 'Events'], entries.map(([k, v]) => [k, v]))}`;
}

function readErrors(r: CheckResult, max: number): string {
  if (r.readErrors.length === 0) return '## Read errors\n\nNone.';
  const rows = r.readErrors.slice(0, max).map((e) => [e.source, e.position, e.message]);
  return `## Read errors (${r.readErrors.length})\n\nThese inputs were skipped; their events are not in any count above.\n\n${mdTable(['Source', 'Line or record', 'Error'], rows)}${more(Math.min(max, rows.length), r.readErrors.length, 'read errors')}`;
}

const METHOD = `## Method and limits

- **Who:** each event's caller comes from \`userIdentity\`. Assumed-role sessions are judged as their role (IAM Identity Center sessions as their permission-set role, shown with the session name); federated users through their issuing IAM user. AWS services acting on their own are listed, not judged.
- **What:** the resolver names the ARNs an event acted on, in tiers: the record's \`resources\`, ARNs in the request or response, IAM Service Authorization Reference ARN templates filled from the request, a curated exceptions table, LookupEvents resources, and ARNs named in access-denied messages. The *Found via* column says which; templates may assume parts of an ARN (such as an IAM path of \`/\`).
- **Which product:** tags on the caller (the role, for sessions) and on the resource, by the configured tag keys in order, then the mapping file's patterns. A resource without tags inherits its parent's product (an S3 object its bucket's).
- **Finding:** a caller of product A acted on a resource of product B ≠ A, B is not a shared product and no exemption matches; one finding per event and resource product. Severity: *denied* when the call failed authorization (it shows intent or probing), else *write* or *read* from the event's read-only flag.
- **Limits:** only events in the input are seen (trail settings decide whether data events exist); tags are those of the inventory snapshot, not of the event's time; a resource the resolver could not name, or an owner the tags do not say, is a coverage gap, not a clean result.`;

/**
 * The report a security reviewer pastes into a ticket: scope (with a warning when only management
 * events were seen), per product-pair summary, findings, coverage gaps by kind and row, AWS service
 * callers, read errors, method and limits. Every value from a record is escaped for Markdown.
 */
export function renderMarkdown(result: CheckResult, opts: MarkdownOptions = {}): string {
  const title = result.scope.product !== undefined ? `# TagTrail cross-product access report: ${md(result.scope.product)}` : '# TagTrail cross-product access report';
  return [
    title,
    renderScope(result),
    summary(result),
    findings(result, opts.maxFindings ?? 1000),
    gaps(result, opts.maxGaps ?? 500) + services(result),
    readErrors(result, opts.maxReadErrors ?? 100),
    METHOD,
  ].join('\n\n') + '\n';
}

import type { CheckResult } from '../model';
import { escapeTerminal as t } from './escape';

/**
 * A short terminal summary: totals, product pairs, the first findings, gap counts and warnings.
 * Every value goes through `escapeTerminal`, so a record cannot move the cursor or recolour output.
 */
export function renderText(result: CheckResult, maxFindings = 20): string {
  const s = result.stats;
  const lines: string[] = [];
  if (result.scope.managementEventsOnly) lines.push('WARNING: management events only - data access (S3 objects, Lambda invokes, ...) is not visible.');
  lines.push(
    `Events: ${s.recordsRead} read, ${s.recordsInScope} in scope, ${s.recordsRejected} outside the filters; resolved ${s.byStatus.resolved}, partial ${s.byStatus.partial}, unresolved ${s.byStatus.unresolved}, no target ${s.byStatus['no-target']}`,
    `Findings: ${s.findings} (write ${s.findingsBySeverity.write}, read ${s.findingsBySeverity.read}, denied ${s.findingsBySeverity.denied}); exempted events ${s.exemptedEvents}; AWS service events ${s.awsServiceEvents} (not judged)`,
  );
  for (const p of result.pairs) {
    lines.push(`  ${t(p.principalProduct)} -> ${t(p.resourceProduct)}: write ${p.counts.write}, read ${p.counts.read}, denied ${p.counts.denied}`);
  }
  for (const f of result.findings.slice(0, maxFindings)) {
    const who = f.principal.displayName ? `${t(f.principal.arn)} (${t(f.principal.displayName)})` : t(f.principal.arn);
    lines.push(`  [${f.severity}] ${t(f.eventTime)} ${t(f.eventName)}: ${who} [${t(f.principal.product)}] -> ${t(f.resource.arn)} [${t(f.resource.product)}] via ${f.resource.via}`);
  }
  if (s.findings > maxFindings) lines.push(`  ... ${s.findings - maxFindings} more findings (see the report)`);
  const g = s.gapsByKind;
  lines.push(`Coverage gaps: ${s.gaps} (unresolved target ${g['unresolved-target']}, partial target ${g['partial-target']}, unowned caller ${g['unowned-principal']}, unowned resource ${g['unowned-resource']})`);
  if (result.readErrors.length > 0) lines.push(`Read errors: ${result.readErrors.length} (inputs skipped; see stderr or the report)`);
  return `${lines.join('\n')}\n`;
}

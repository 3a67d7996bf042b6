import type { CheckResult, Finding, Gap } from '../../../src/core/model';
import { emptyStats } from '../../../src/core/check/tally';

/** A finding with plausible defaults; override any field. */
export function finding(over: Partial<Finding> = {}): Finding {
  return {
    eventID: 'e-1', eventTime: '2024-05-01T10:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject', awsRegion: 'eu-west-1',
    severity: 'read', principal: { arn: 'arn:aws:iam::111122223333:role/alpha-app', type: 'iam-role', product: 'alpha' },
    resource: { arn: 'arn:aws:s3:::beta-data/k', product: 'beta', via: 'resources' }, source: 'events.jsonl', ...over,
  };
}

export function gap(over: Partial<Gap> = {}): Gap {
  return { eventID: 'e-2', eventTime: '2024-05-01T11:00:00Z', eventSource: 'ec2.amazonaws.com', eventName: 'RunInstances', kind: 'unresolved-target', reason: 'no template', source: 'events.jsonl', ...over };
}

/** A CheckResult whose counts agree with its lists. */
export function result(findings: Finding[] = [finding()], gaps: Gap[] = [gap()], over: Partial<CheckResult> = {}): CheckResult {
  const stats = emptyStats();
  stats.recordsRead = findings.length + gaps.length;
  stats.recordsInScope = stats.recordsRead;
  stats.findings = findings.length;
  for (const f of findings) stats.findingsBySeverity[f.severity]++;
  stats.gaps = gaps.length;
  for (const g of gaps) stats.gapsByKind[g.kind]++;
  return {
    scope: { eventSources: ['events.jsonl'], inventorySources: ['inventory.json'], productTagKeys: ['product'] },
    findings, gaps, stats, readErrors: [],
    pairs: [{ principalProduct: 'alpha', resourceProduct: 'beta', counts: { read: findings.length, write: 0, denied: 0 } }],
    ...over,
  };
}

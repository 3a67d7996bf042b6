import type { CheckResult } from '../model';
import { coverageHeadline, visibilityOf } from './coverageSummary';
import { sarifText } from './sarif';

/** At most this many per-resource notes; the headline says how many there are, the JSON has them all. */
const MAX_NOTES = 200;

/**
 * Trail coverage as run-level notifications of level `note`: the headline, each region without a
 * logging trail, and each resource in scope the trail cannot fully see, with why (the ARN in the
 * notification's properties). Notifications, not results: they say what the run could not see,
 * not what someone did, so code scanning does not raise them as alerts.
 */
export function coverageNotifications(result: CheckResult): unknown[] {
  const c = result.coverage;
  if (!c) return [];
  const out: unknown[] = [{ level: 'note', descriptor: { id: 'tagtrail/coverage' }, message: { text: `Trail coverage: ${sarifText(coverageHeadline(c))}.` } }];
  for (const r of c.regions) {
    if (r.verdict === 'no-trail' || r.verdict === 'stopped') out.push({ level: 'note', descriptor: { id: 'tagtrail/coverage-region' }, message: { text: `No logging trail in ${sarifText(r.region)}${r.stopped.length ? ` (stopped: ${sarifText(r.stopped.join(', '))})` : ''}.` } });
  }
  const hidden = c.resources.filter((r) => visibilityOf(r) !== 'visible');
  for (const r of hidden.slice(0, MAX_NOTES)) {
    out.push({
      level: 'note', descriptor: { id: `tagtrail/coverage-${visibilityOf(r)}` },
      message: { text: `${sarifText(r.arn)} (${sarifText(r.product ?? 'no product')}): data events ${r.dataEvents}, management events ${r.managementEvents}. ${sarifText(r.why)}` },
      properties: { arn: sarifText(r.arn), product: r.product === null ? null : sarifText(r.product), dataEvents: r.dataEvents, managementEvents: r.managementEvents },
    });
  }
  if (hidden.length > MAX_NOTES) out.push({ level: 'note', message: { text: `${hidden.length - MAX_NOTES} more resources not fully visible are left out here; the JSON output (coverage.resources) lists them all.` } });
  return out;
}

/**
 * Writes the bundled demo account into demo/ (or the folder given as first argument): inventory
 * exports, the mapping file, a week of CloudTrail trail files, LookupEvents output, and the result
 * a correct check must give. Deterministic: the same bytes on every run.
 *
 *   npx tsx scripts/make-demo.ts [outDir]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ACCOUNT, MAIN_REGION, PARTNER_ACCOUNT, P, R, SECOND_REGION, TAG_KEY } from './demo-gen/account';
import { Timeline, at } from './demo-gen/clock';
import { expectedMarkdown } from './demo-gen/expectedDoc';
import { expectedResult, pairCounts } from './demo-gen/expected';
import { addIncidents } from './demo-gen/incidents';
import { iamAuthorizationDetails, productMapping, taggingGetResources } from './demo-gen/inventoryFiles';
import { Rng } from './demo-gen/rng';
import { addRoutine } from './demo-gen/routine';
import { addHistory, LEGACY_QUEUE } from './demo-gen/history';
import { lookupEventFiles, trailFiles, type OutputFile } from './demo-gen/trailFiles';
import { trailConfigFiles } from './demo-gen/trailConfig';

const outDir = resolve(process.argv[2] ?? join(__dirname, '..', 'demo'));

const timeline = new Timeline(new Rng(20261005));
addRoutine(timeline);
addIncidents(timeline);
addHistory(timeline);
const events = timeline.sorted();

const mapping = productMapping();
const expected = expectedResult(events, mapping);
// What today's tags alone would say, to list what the tag history changes.
const byToday = expectedResult(events, mapping, { history: false });
const lookupSince = at(4, 0, 0).toISOString();
const lookupFiles = lookupEventFiles(events, lookupSince);
const lookupIds = events.filter((e) => e.record.managementEvent === true && String(e.record.eventTime) >= lookupSince).map((e) => String(e.record.eventID));
const trail = trailFiles(events, new Rng(0x7a11));

const summary = {
  format: 'tagtrail-demo-expected',
  version: 1,
  account: ACCOUNT,
  partnerAccount: PARTNER_ACCOUNT,
  regions: [MAIN_REGION, SECOND_REGION],
  productTagKey: TAG_KEY,
  period: { since: at(0, 0, 0).toISOString(), until: at(7, 0, 0).toISOString() },
  records: events.length,
  managementRecords: events.filter((e) => e.record.managementEvent === true).length,
  dataRecords: events.filter((e) => e.record.managementEvent === false).length,
  trailFiles: trail.length,
  awsServiceEvents: expected.awsServiceEvents,
  noTargetEvents: expected.noTargetEvents,
  exemptedEvents: expected.exemptedEvents,
  pairs: pairCounts(expected.findings),
  findings: expected.findings,
  gaps: expected.gaps,
  /** Resources the demo's records touch that carry no product tag (some are absent from get-resources, as AWS lists only resources that have or had tags). */
  untaggedResources: Object.values(R).filter((r) => !r.product).map((r) => ({ arn: r.arn, listedInTagging: r.listedInTagging })),
  /** Resources deleted inside the week: absent from today's inventory on purpose; their product comes from the trail's history. */
  deletedResources: [{ arn: LEGACY_QUEUE.arn, product: LEGACY_QUEUE.product }],
  /** Principals outside the demo account: absent from the IAM export on purpose. */
  externalPrincipals: Object.values(P).filter((p) => p.accountId !== ACCOUNT).map((p) => p.arn),
  lookupEvents: { since: lookupSince, eventIDs: lookupIds },
  /**
   * Events that today's tags judge otherwise than the tags in force at their time: each with what
   * the check finds (from history) and what today's tags alone would give (`check --no-history`).
   */
  history: historyCases(),
};

function historyCases(): { eventID: string; eventName: string; eventTime: string; withHistory: string; todayTags: string; note?: string }[] {
  const say = (e: typeof expected, id: string): string => {
    const f = e.findings.filter((x) => x.eventID === id).map((x) => `finding ${x.principalProduct} -> ${x.resourceProduct}`);
    const g = e.gaps.filter((x) => x.eventID === id).map((x) => `gap ${x.kind}`);
    return [...f, ...g].join('; ') || 'nothing (same product)';
  };
  const ids = new Set([...expected.findings, ...expected.gaps, ...byToday.findings, ...byToday.gaps].map((x) => x.eventID));
  const out: ReturnType<typeof historyCases> = [];
  for (const e of events) {
    const id = String(e.record.eventID);
    if (!ids.has(id)) continue;
    const withHistory = say(expected, id);
    const todayTags = say(byToday, id);
    if (withHistory !== todayTags) out.push({ eventID: id, eventName: String(e.record.eventName), eventTime: String(e.record.eventTime), withHistory, todayTags, ...(e.truth.note ? { note: e.truth.note } : {}) });
  }
  return out;
}

const files: OutputFile[] = [
  { path: 'inventory/tagging-get-resources.json', content: `${JSON.stringify(taggingGetResources(), null, 2)}\n` },
  { path: 'inventory/iam-authorization-details.json', content: `${JSON.stringify(iamAuthorizationDetails(), null, 2)}\n` },
  { path: 'mapping.json', content: `${JSON.stringify(mapping, null, 2)}\n` },
  { path: 'expected.json', content: `${JSON.stringify(summary, null, 2)}\n` },
  { path: 'EXPECTED.md', content: expectedMarkdown(summary, events) },
  ...trail.map((f) => ({ ...f })),
  ...lookupFiles,
  ...trailConfigFiles(),
];

// Generated folders are replaced whole so that no stale trail file survives a change of layout.
for (const sub of ['AWSLogs', 'lookup-events', 'inventory', 'trail-config']) rmSync(join(outDir, sub), { recursive: true, force: true });
let bytes = 0;
for (const f of files) {
  const path = join(outDir, f.path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, f.content);
  bytes += Buffer.byteLength(f.content);
}
console.log(`make-demo: ${events.length} records (${summary.managementRecords} management, ${summary.dataRecords} data) in ${trail.length} trail files; ` +
  `${expected.findings.length} findings, ${expected.gaps.length} gaps; ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB -> ${outDir}`);

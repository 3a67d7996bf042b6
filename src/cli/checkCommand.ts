import { ProductIndex, DEFAULT_TAG_KEYS } from '../core/attribute/productIndex';
import { runCheck } from '../core/check/check';
import { parseTimeBound } from '../core/check/window';
import type { CheckFilter } from '../core/check/scopeFilter';
import type { CheckResult, Inventory, ProductMapping, ReadError, SourcedRecord } from '../core/model';
import type { ReadStats } from '../core/ingest/readEvents';
import { escapeTerminal } from '../core/report/escape';
import { parseArgs, UsageError, type OptionSpec } from './args';
import { assertReadable, countReaderRejections, eventsFrom, loadInventoryFiles, loadMappingFile } from './inputs';
import { liveProvider } from './liveHook';
import { ATHENA_CHECK_HELP, ATHENA_CHECK_OPTIONS, athenaInputs } from './athenaCheck';
import { exitStatus, noteTagKeyCase, OUTPUT_HELP, OUTPUT_OPTIONS, outputChoice, writeReport } from './output';
import { wantsLive } from './currentProfile';
import type { Io } from './io';

const SPEC: OptionSpec = {
  events: 'list', inventory: 'list', mapping: 'string', 'tag-key': 'list', product: 'string', since: 'string', until: 'string',
  region: 'list', account: 'list', ...OUTPUT_OPTIONS, help: 'flag',
  profile: 'string', 'trail-bucket': 'string', ...ATHENA_CHECK_OPTIONS,
};

/** `tagtrail check --help`. */
export const CHECK_HELP = `tagtrail check: did a principal of one product act on a resource of another?

  tagtrail check --events <file-or-folder>... --inventory <file>... [options]

  --events <path>...     CloudTrail input: trail files (.json/.json.gz), S3 layout folders, JSONL,
                         lookup-events output (format detected from content)
  --inventory <path>...  tags: TagTrail snapshot, tagging get-resources, IAM authorization details
  --mapping <file>       principal/resource patterns, shared products, exemptions (JSON)
  --tag-key <key>...     product tag keys in priority order (default: product; case-sensitive)
  --product <name>       only findings and gaps where either side is this product
  --since <t> --until <t>  time window: 7d, 12h, 30m, 2w back from now, or ISO dates
  --region <r>...        only these regions     --account <id>...  only these recipient accounts
${OUTPUT_HELP}
  --profile <name>, --trail-bucket s3://bucket/prefix   live AWS input (when this build has it);
                         with no --events, the current profile is checked (AWS_PROFILE, then
                         environment keys, then the default profile)
${ATHENA_CHECK_HELP}

Exit status: 0 done, 1 a --fail-on condition met (or --fail-on-findings and a finding),
2 bad arguments or unreadable input.`;

interface Inputs {
  events: AsyncIterable<SourcedRecord>;
  readErrors: ReadError[];
  /** The file reader's counts, for records it rejected before the check could see them. */
  readStats?: ReadStats;
  inventory: Inventory;
  eventSources: string[];
  notes: string[];
  managementEventsOnly?: boolean;
}

async function fileInputs(args: ReturnType<typeof parseArgs>, io: Io): Promise<Inputs> {
  const eventPaths = args.lists.get('events') ?? [];
  const inventoryPaths = args.lists.get('inventory') ?? [];
  if (eventPaths.length === 0) throw new UsageError('--events is required (or --profile for live AWS); see tagtrail check --help');
  if (inventoryPaths.length === 0) throw new UsageError('--inventory is required: without tags no product can be told; see tagtrail check --help');
  await assertReadable(eventPaths, 'events');
  const inventory = await loadInventoryFiles(inventoryPaths);
  const { events, readErrors, readStats } = eventsFrom(eventPaths, io.err, io.signal);
  for (const w of inventory.warnings ?? []) io.err(`tagtrail: warning: ${escapeTerminal(w)}`);
  return { events, readErrors, readStats, inventory, eventSources: eventPaths, notes: [...(inventory.warnings ?? [])] };
}

async function liveInputs(args: ReturnType<typeof parseArgs>, io: Io, filter: CheckFilter): Promise<Inputs> {
  const live = liveProvider();
  if (!live) throw new UsageError('live AWS input (--profile, --trail-bucket) is not available in this build; pass --events and --inventory files');
  if (args.lists.has('events') || args.lists.has('inventory')) throw new UsageError('use either --profile/--trail-bucket (live) or --events/--inventory (files), not both');
  const now = io.now();
  const since = new Date(parseTimeBound(filter.since ?? '7d', now));
  const result = await live({
    ...(args.strings.has('profile') ? { profile: args.strings.get('profile') } : {}),
    ...(args.strings.has('trail-bucket') ? { trailBucket: args.strings.get('trail-bucket') } : {}),
    regions: filter.regions ?? [], since, ...(filter.until ? { until: new Date(parseTimeBound(filter.until, now)) } : {}),
    ...(io.signal ? { signal: io.signal } : {}), log: io.err,
  });
  const readErrors: ReadError[] = result.readErrors ?? [];
  return { events: result.events, readErrors, inventory: result.inventory, eventSources: ['live AWS'], notes: result.scopeNotes, ...(result.managementEventsOnly !== undefined ? { managementEventsOnly: result.managementEventsOnly } : {}) };
}

/** Runs a check from parsed options; shared by `check` and `demo`. */
export async function checkWith(opts: { inputs: Inputs; mapping?: ProductMapping; tagKeys: string[]; filter: CheckFilter; io: Io }): Promise<CheckResult> {
  const products = new ProductIndex(opts.inputs.inventory, opts.mapping, opts.tagKeys);
  const result = await runCheck(opts.inputs.events, {
    products, filter: opts.filter, readErrors: opts.inputs.readErrors, now: opts.io.now(),
    scope: { eventSources: opts.inputs.eventSources, inventorySources: opts.inputs.inventory.sources, notes: opts.inputs.notes, ...(opts.inputs.managementEventsOnly !== undefined ? { managementEventsOnly: opts.inputs.managementEventsOnly } : {}) },
    ...(opts.io.signal ? { signal: opts.io.signal } : {}),
  });
  countReaderRejections(result.stats, opts.inputs.readStats);
  // Inputs read but known to be incomplete (a lookup-events output with a NextToken) go in the scope.
  const readWarnings = opts.inputs.readStats?.warnings ?? [];
  for (const w of readWarnings) opts.io.err(`tagtrail: warning: ${escapeTerminal(w)}`);
  if (readWarnings.length > 0) result.scope.notes = [...(result.scope.notes ?? []), ...readWarnings];
  return result;
}

/** The check filter from `--product/--since/--until/--region/--account`, validated (bad values are UsageErrors). */
export function filterFrom(args: ReturnType<typeof parseArgs>, now: number): CheckFilter {
  const filter: CheckFilter = {};
  const product = args.strings.get('product');
  if (product !== undefined) filter.product = product;
  for (const k of ['since', 'until'] as const) {
    const v = args.strings.get(k);
    if (v === undefined) continue;
    try {
      parseTimeBound(v, now);
    } catch (e) {
      throw new UsageError(`--${k}: ${e instanceof Error ? e.message : String(e)}`);
    }
    filter[k] = v;
  }
  const regions = args.lists.get('region');
  if (regions) filter.regions = regions;
  const accounts = args.lists.get('account');
  if (accounts) {
    const bad = accounts.find((a) => !/^\d{12}$/.test(a));
    if (bad !== undefined) throw new UsageError(`--account takes 12-digit account ids (got "${bad}")`);
    filter.accounts = accounts;
  }
  return filter;
}

/** `tagtrail check`: returns the exit status. */
export async function checkCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, SPEC);
  if (args.flags.has('help')) {
    io.out(`${CHECK_HELP}\n`);
    return 0;
  }
  if (args.positional.length > 0) throw new UsageError(`unexpected argument "${args.positional[0]}" (event files go after --events)`);
  const output = outputChoice(args);
  const filter = filterFrom(args, io.now());
  const mappingPath = args.strings.get('mapping');
  const mapping = mappingPath !== undefined ? await loadMappingFile(mappingPath) : undefined;
  const live = await wantsLive(args, io);
  const tagKeys = args.lists.get('tag-key') ?? DEFAULT_TAG_KEYS;
  const athena = args.strings.has('athena') ? await athenaInputs(args, io, filter, mapping, tagKeys) : undefined;
  const inputs = athena ?? (live ? await liveInputs(args, io, filter) : await fileInputs(args, io));
  const result = await checkWith({ inputs, ...(mapping ? { mapping } : {}), tagKeys, filter, io }).finally(() => athena?.dispose());
  noteTagKeyCase(result, inputs.inventory, tagKeys, io.err);
  await writeReport(result, output, io.stdout);
  if (result.readErrors.length > 0) io.err(`tagtrail: ${result.readErrors.length} read errors (inputs skipped, listed above and in the report)`);
  const unreadable = result.stats.recordsRead === ('readStats' in inputs ? inputs.readStats?.recordsRejected ?? 0 : 0);
  if (unreadable && result.readErrors.length > 0) {
    // Nothing readable at all: a report of "no findings" would be misleading, so fail like bad input.
    io.err('tagtrail check: no CloudTrail record could be read from the inputs');
    return 2;
  }
  return exitStatus(result, output, io.err);
}

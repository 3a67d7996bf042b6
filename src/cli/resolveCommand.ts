import { principalOf } from '../core/attribute/principal';
import { resolveRecord } from '../core/resolve/resolver';
import { escapeInvisible } from '../core/report/json';
import type { SourcedRecord } from '../core/model';
import { choice, parseArgs, UsageError, type ParsedArgs } from './args';
import { assertReadable, eventsFrom } from './inputs';
import { openSink } from './output';
import { LineBatch } from './lineBatch';
import type { Io } from './io';
import { speaking, VERBOSITY_HELP, VERBOSITY_OPTIONS, verbosityOf, type Speaking } from './verbosity';
import { countInputsFor } from './watchRead';

/** `tagtrail resolve --help`, which also states the JSONL contract. */
export const RESOLVE_HELP = `tagtrail resolve: which ARNs did each CloudTrail record act on?

  tagtrail resolve <file-or-folder>... [--format jsonl] [--out <file>] [--verbose | --quiet]

Writes one JSON object per input record, in input order:
  {"eventID","eventSource","eventName","status":"resolved"|"partial"|"unresolved"|"no-target",
   "targets":[{"arn","via"}],"reason","principal":{"arn","type"},"actions","related","source","position"}
Missing fields are null. Unreadable records are reported on stderr by file and the line where the
record starts. Exit status 2 when no record at all could be read (a CSV or text file, say).
${VERBOSITY_HELP}
  (with the output going to the terminal, there is no progress line)`;

function strOrNull(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** The JSONL line for one record: the contract above, nothing derived from the record unescaped. */
export function resolutionLine(sr: SourcedRecord): string {
  const r = sr.record;
  const res = resolveRecord(r, sr.lookupResources);
  const p = principalOf(r);
  const target = (t: { arn: string; via: string; resourceType?: string; assumption?: string }) => ({ arn: t.arn, via: t.via, ...(t.resourceType ? { resourceType: t.resourceType } : {}), ...(t.assumption ? { assumption: t.assumption } : {}) });
  const line = {
    eventID: strOrNull(r?.eventID), eventSource: strOrNull(r?.eventSource), eventName: strOrNull(r?.eventName),
    status: res.status, targets: res.targets.map(target), reason: res.reason ?? null,
    principal: { arn: p.arn, type: p.type, ...(p.displayName !== undefined ? { displayName: p.displayName } : {}) },
    actions: res.actions, related: res.related.map(target), source: sr.source, position: sr.position,
  };
  return `${escapeInvisible(JSON.stringify(line))}\n`;
}

/** `tagtrail resolve`: streams, so memory stays flat however large the input. */
export async function resolveCommand(argv: string[], rawIo: Io): Promise<number> {
  const args = parseArgs(argv, { format: 'string', out: 'string', help: 'flag', ...VERBOSITY_OPTIONS });
  if (args.flags.has('help')) {
    rawIo.out(`${RESOLVE_HELP}\n`);
    return 0;
  }
  const talk = speaking(rawIo, verbosityOf(args), { streamsToTerminal: !args.strings.has('out') && rawIo.stdoutIsTTY === true });
  try {
    return await resolveTalking(args, talk);
  } finally {
    talk.progress.stop();
  }
}

async function resolveTalking(args: ParsedArgs, talk: Speaking): Promise<number> {
  const { io, progress } = talk;
  choice(args, 'format', ['jsonl'] as const, 'jsonl');
  if (args.positional.length === 0) throw new UsageError('name at least one file or folder of CloudTrail records; see tagtrail resolve --help');
  await assertReadable(args.positional, 'events');
  const { events, readErrors, readStats } = eventsFrom(args.positional, io.err, io.signal);
  progress.reading(readStats);
  countInputsFor(args.positional, progress, io.signal);
  const sink = openSink(args.strings.get('out'), io.stdout);
  const batch = new LineBatch();
  let records = 0;
  for await (const sr of events) {
    records++;
    const full = batch.add(resolutionLine(sr));
    // Batching writes keeps the syscall count low; the sink applies backpressure per batch.
    if (full) await sink.write(full);
  }
  const rest = batch.take();
  if (rest) await sink.write(rest);
  await sink.close();
  progress.stop();
  const summary = talk.verbosity === 'verbose' ? progress.summary() : undefined;
  if (summary) io.err(`tagtrail: ${summary}`);
  if (readErrors.length > 0) io.err(`tagtrail: ${readErrors.length} read errors (listed above)`);
  if (records === 0 && readErrors.length > 0) {
    // As `check` does: empty output that looks like "no records" would hide that nothing was read.
    io.err('tagtrail resolve: no CloudTrail record could be read from the inputs');
    return 2;
  }
  return 0;
}

import { createWriteStream } from 'node:fs';
import { InputError } from './inputs';
import { choice, UsageError, type OptionSpec, type ParsedArgs } from './args';
import type { CheckResult, Inventory } from '../core/model';
import { groupResult } from '../core/report/group';
import { renderJson } from '../core/report/json';
import { renderMarkdown } from '../core/report/markdown';
import { renderText } from '../core/report/text';
import { renderSarif } from '../core/report/sarif';
import { renderCsv } from '../core/report/csv';
import { escapeTerminal } from '../core/report/escape';
import { FAIL_ON_FINDINGS, failReasons, parseFailOn, type FailOn } from '../core/report/exitPolicy';
import { tagKeyCaseNotes } from '../core/report/tagKeyHint';

function cannotWrite(outPath: string | undefined, e: Error): Error {
  return outPath ? new InputError(`cannot write ${outPath}: ${e.message}`) : e;
}

/** Where a command writes: stdout or a file, with backpressure so that huge outputs stream. */
export interface Sink {
  write(text: string | Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/**
 * Resolves once the stream can take more (or failed, or closed), leaving no listener behind: a
 * listener per blocked write would pile up over a long output (Node warns after ten).
 */
function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('error', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('error', done);
    stream.on('close', done);
  });
}

/** Opens `outPath` for writing, or wraps stdout when it is undefined. Write failures on a file become InputErrors. */
export function openSink(outPath: string | undefined, stdout: NodeJS.WritableStream = process.stdout): Sink {
  const stream: NodeJS.WritableStream = outPath ? createWriteStream(outPath) : stdout;
  let failed: Error | undefined;
  stream.on('error', (e: Error) => {
    failed = e;
  });
  return {
    async write(text) {
      if (failed) throw cannotWrite(outPath, failed);
      if (!stream.write(text)) await drained(stream);
      if (failed) throw cannotWrite(outPath, failed);
    },
    async close() {
      if (!outPath) return;
      // `end`'s callback receives the stream's error (a missing folder surfaces only here for small outputs).
      await new Promise<void>((resolve, reject) => {
        (stream as unknown as { end(cb: (err?: Error | null) => void): void }).end((err) => {
          const e = err ?? failed;
          if (e) reject(cannotWrite(outPath, e));
          else resolve();
        });
      });
    },
  };
}

/** The report formats of `check`. */
export const FORMATS = ['md', 'json', 'text', 'sarif', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

/** Options every report-writing command shares: what to write, how much, and when to fail. */
export const OUTPUT_OPTIONS: OptionSpec = { format: 'string', out: 'string', limit: 'string', 'fail-on': 'list', 'fail-on-findings': 'flag' };

export const OUTPUT_HELP = `  --format md|text|json|sarif|csv   output format (default md); --out <file>  write there, not stdout
  --limit <n>            list at most n finding groups and n gap groups in md and text (default all)
  --fail-on <what>       exit 1 when any of: write, denied, read, gaps, read-errors (comma-separated)
  --fail-on-findings     the same as --fail-on write,denied,read`;

/** What to write and when to fail, validated before the check runs (bad values are UsageErrors). */
export interface OutputChoice {
  format: Format;
  limit?: number;
  failOn: Set<FailOn>;
  out?: string;
}

export function outputChoice(args: ParsedArgs): OutputChoice {
  const format = choice(args, 'format', FORMATS, 'md');
  const limitText = args.strings.get('limit');
  let limit: number | undefined;
  if (limitText !== undefined) {
    if (!/^\d+$/.test(limitText) || Number(limitText) < 1) throw new UsageError(`--limit takes a whole number of at least 1 (got "${limitText}")`);
    limit = Number(limitText);
  }
  let failOn: Set<FailOn>;
  try {
    failOn = parseFailOn(args.lists.get('fail-on') ?? []);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  if (args.flags.has('fail-on-findings')) for (const f of FAIL_ON_FINDINGS) failOn.add(f);
  const out = args.strings.get('out');
  return { format, failOn, ...(limit !== undefined ? { limit } : {}), ...(out !== undefined ? { out } : {}) };
}

/** The report in the chosen format; the grouping is made once for all of it. */
export function renderReport(result: CheckResult, c: Pick<OutputChoice, 'format' | 'limit'>): string {
  const grouped = groupResult(result);
  const limit = c.limit !== undefined ? { limit: c.limit } : {};
  switch (c.format) {
    case 'json': return renderJson(result, { grouped });
    case 'text': return renderText(result, { grouped, ...limit });
    case 'sarif': return renderSarif(result, { grouped });
    case 'csv': return renderCsv(result, { grouped });
    case 'md': return renderMarkdown(result, { grouped, ...limit });
    default: {
      const never: never = c.format;
      throw new Error(`unknown format ${String(never)}`);
    }
  }
}

/** Writes the report to `--out` or stdout. */
export async function writeReport(result: CheckResult, c: OutputChoice, stdout: NodeJS.WritableStream): Promise<void> {
  const sink = openSink(c.out, stdout);
  await sink.write(renderReport(result, c));
  await sink.close();
}

/**
 * Tag keys differing from a product tag key only by case: a scope note in the report and a line on
 * stderr, before the report is written.
 */
export function noteTagKeyCase(result: CheckResult, inventory: Pick<Inventory, 'principals' | 'resources'>, tagKeys: readonly string[], err: (line: string) => void): void {
  const notes = tagKeyCaseNotes(inventory, tagKeys);
  if (notes.length === 0) return;
  result.scope.notes = [...(result.scope.notes ?? []), ...notes];
  for (const n of notes) err(`tagtrail: ${escapeTerminal(n)}`);
}

/** 1 when a `--fail-on` condition is met (saying which on stderr), else 0. */
export function exitStatus(result: CheckResult, c: OutputChoice, err: (line: string) => void): number {
  const reasons = failReasons(result, c.failOn);
  if (reasons.length === 0) return 0;
  err(`tagtrail check: failing (--fail-on ${[...c.failOn].join(',')}): ${reasons.join(', ')}`);
  return 1;
}

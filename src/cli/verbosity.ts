import { escapeTerminal } from '../core/report/escape';
import { UsageError, type OptionSpec, type ParsedArgs } from './args';
import type { Io } from './io';
import { ProgressLine } from './progress';

/**
 * How much a command says on stderr. `normal`: a progress line when stderr is a terminal, else
 * nothing but problems; `verbose`: every AWS call and what the command is doing, no progress line;
 * `quiet`: errors only.
 */
export type Verbosity = 'quiet' | 'normal' | 'verbose';

/** The options of every command that reads events. */
export const VERBOSITY_OPTIONS: OptionSpec = { verbose: 'flag', quiet: 'flag' };

export const VERBOSITY_HELP = `  --verbose              log every AWS call and step on stderr (no progress line)
  --quiet                print errors only on stderr (no progress line, no warnings)
                         default: one progress line when stderr is a terminal, redrawn in place and
                         erased at the end; otherwise (CI, a pipe, a file) only warnings and errors`;

export function verbosityOf(args: ParsedArgs): Verbosity {
  const verbose = args.flags.has('verbose');
  const quiet = args.flags.has('quiet');
  if (verbose && quiet) throw new UsageError('--verbose and --quiet cannot be used together');
  return verbose ? 'verbose' : quiet ? 'quiet' : 'normal';
}

/** A command's stderr at the chosen verbosity, and its progress line (drawn only when stderr is a terminal and verbosity is normal). */
export interface Speaking {
  io: Io;
  progress: ProgressLine;
  verbosity: Verbosity;
}

/**
 * What the AWS layer and the commands log, by kind: each call (`s3:GetObject eu-west-1 31ms ok`),
 * notices the user should see unless --quiet (what an Athena scan is estimated to cost and what it
 * did cost: money), and steps (who the check runs as, Athena's state, the profile asked for).
 */
export function awsLogKind(line: string): 'call' | 'step' | 'notice' {
  if (/^[a-z0-9-]+:[A-Za-z0-9]+ \S+ \d+ms \S+$/.test(line)) return 'call';
  if (/^Athena scan of /.test(line) || /^Athena query \S+ scanned /.test(line)) return 'notice';
  return 'step';
}

/**
 * Wraps `io` for a command: `err` for errors (always shown), `warn` for problems that do not stop
 * it (hidden by --quiet), `info` for the AWS log and steps (printed with --verbose, else counted by
 * the progress line). Every line first erases the progress line, so the two never mix.
 * `streamsToTerminal`: the command writes its output to stdout as it reads, and stdout is a
 * terminal too: a progress line would be drawn in the middle of it, so there is none.
 */
export function speaking(io: Io, verbosity: Verbosity, opts: { streamsToTerminal?: boolean } = {}): Speaking {
  const term = verbosity === 'normal' && !opts.streamsToTerminal ? io.terminal : undefined;
  const progress = new ProgressLine(term, io.now);
  const line = (l: string): void => {
    progress.clear();
    io.err(l);
  };
  const info = (l: string): void => {
    if (verbosity === 'verbose') line(escapeTerminal(l));
    else progress.aws(l);
  };
  const wrapped: Io = {
    ...io,
    err: line,
    warn: verbosity === 'quiet' ? () => undefined : line,
    info: (l) => {
      if (awsLogKind(l) === 'notice') {
        if (verbosity !== 'quiet') line(escapeTerminal(l));
        progress.aws(l);
      } else info(l);
    },
  };
  return { io: wrapped, progress, verbosity };
}

/** `io.warn` when the command set one up, else `io.err`. */
export function warn(io: Io, line: string): void {
  (io.warn ?? io.err)(line);
}

/** `io.info` when the command set one up; dropped otherwise. */
export function info(io: Io, line: string): void {
  io.info?.(line);
}

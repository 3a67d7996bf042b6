import { escapeTerminal } from '../core/report/escape';
import type { Terminal } from './progress';

/** What commands need from the process, passed in so tests can run `main` in-process. */
export interface Io {
  /** Writes to stdout (text already escaped by the renderers). */
  out(text: string): void;
  /** Writes one line to stderr. */
  err(line: string): void;
  stdout: NodeJS.WritableStream;
  cwd: string;
  now(): number;
  signal?: AbortSignal;
  /** True once the reader of stdout has gone away (`tagtrail resolve … | head -1`). */
  stdoutClosed?(): boolean;
  /** A problem that does not stop the command (a warning): hidden by --quiet. Set up by `speaking`; `err` when absent. */
  warn?(line: string): void;
  /** A line of the AWS layer's log or a step (who a check runs as): printed with --verbose, else counted by the progress line. */
  info?(line: string): void;
  /** stderr, when it is a terminal that can redraw a line (the progress line goes there). */
  terminal?: Terminal;
  /** True when stdout is a terminal. */
  stdoutIsTTY?: boolean;
}

/** stderr as a terminal for the progress line, unless it is not one or says it cannot move the cursor (TERM=dumb). */
function stderrTerminal(env: NodeJS.ProcessEnv = process.env): Terminal | undefined {
  if (!process.stderr.isTTY || env.TERM === 'dumb') return undefined;
  return { columns: () => process.stderr.columns || 80, write: (raw) => void process.stderr.write(raw) };
}

/** The real process: stdout, stderr, cwd and clock. */
export function processIo(signal?: AbortSignal): Io {
  let closed = false;
  // A reader that stops early (`| head`) closes the pipe: that is the reader's choice, not a failure.
  // The flag lets `main` end quietly with 0 when the write that found the pipe closed throws.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') closed = true;
  });
  const terminal = stderrTerminal();
  return {
    out: (text) => void process.stdout.write(text),
    err: (line) => void process.stderr.write(`${line}\n`),
    stdout: process.stdout,
    cwd: process.cwd(),
    now: () => Date.now(),
    stdoutClosed: () => closed,
    ...(signal ? { signal } : {}),
    ...(terminal ? { terminal } : {}),
    stdoutIsTTY: process.stdout.isTTY === true,
  };
}

/** True for the error a write to a stdout whose reader went away throws. */
export function isClosedStdout(e: unknown, io: Io): boolean {
  return (e as NodeJS.ErrnoException | undefined)?.code === 'EPIPE' && io.stdoutClosed?.() === true;
}

/**
 * Keeps stderr to one line per problem. The AWS SDK warns, in eight lines on every run, that a
 * release due later will need a newer Node: nothing the user of a check can act on, so it is turned
 * off through the SDK's own switch (unless the user set that switch). Any other process warning is
 * printed as one escaped line instead of Node's multi-line form.
 */
export function oneLineWarnings(io: Pick<Io, 'err'>, env: NodeJS.ProcessEnv = process.env): void {
  if (env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  process.removeAllListeners('warning');
  process.on('warning', (w: Error) => {
    const first = `${w.name}: ${w.message}`.split('\n').find((l) => l.trim() !== '') ?? w.name;
    io.err(`tagtrail: warning: ${escapeTerminal(first)}`);
  });
}

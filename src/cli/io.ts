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
}

/** The real process: stdout, stderr, cwd and clock. */
export function processIo(signal?: AbortSignal): Io {
  return {
    out: (text) => void process.stdout.write(text),
    err: (line) => void process.stderr.write(`${line}\n`),
    stdout: process.stdout,
    cwd: process.cwd(),
    now: () => Date.now(),
    ...(signal ? { signal } : {}),
  };
}

import type { ReadStats } from '../core/ingest/readStats';
import { escapeTerminal } from '../core/report/escape';

/** stderr when it is a terminal that can redraw a line in place. */
export interface Terminal {
  /** Its width now (it may be resized while a command runs). */
  columns(): number;
  /** Writes as is: cursor controls included. */
  write(raw: string): void;
}

/** Files and compressed bytes a read will go through, once a walk of the inputs has counted them. */
export interface InputTotal {
  files: number;
  bytes: number;
}

/** One line of the AWS layer's per-call log: `cloudtrail:LookupEvents eu-west-1 120ms ok`. */
const CALL = /^([a-z0-9-]+):([A-Za-z0-9]+) \S+ \d+ms (\S+)$/;

/** How often the line is redrawn at most, and how often the clock is looked at. */
const INTERVAL_MS = 150;

/**
 * The one progress line on a terminal's stderr: files read of all, records, rate and time left
 * (when the input's size is known), AWS calls and pages of a live check, Athena's state. It is
 * drawn only once something happened (so an MFA prompt before the first call is not overwritten),
 * redrawn in place at most every 150 ms, erased before any other stderr line and at the end.
 * Without a terminal it keeps counting and draws nothing.
 */
export class ProgressLine {
  private calls = 0;
  private failed = 0;
  private pages = 0;
  private state = '';
  private stats: ReadStats | undefined;
  private total: InputTotal | undefined;
  private oldest: string | undefined;
  private readingSince: number | undefined;
  private shown = '';
  private lastDraw = 0;
  private started = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly term: Terminal | undefined, private readonly clock: () => number = Date.now) {}

  /** True when a line is drawn at all (stderr is a terminal and the user asked for neither --verbose nor --quiet). */
  get drawing(): boolean {
    return this.term !== undefined;
  }

  /** A line of the AWS layer's log: calls are counted; Athena's state is shown. */
  aws(line: string): void {
    const call = CALL.exec(line);
    if (call) {
      this.calls++;
      if (call[2] === 'LookupEvents') this.pages++;
      if (call[3] !== 'ok') this.failed++;
    } else if (/^Athena query /.test(line)) this.state = line;
    this.changed();
  }

  /** The counts of the read under way (filled by the reader as it goes). */
  reading(stats: ReadStats): void {
    this.stats = stats;
    this.readingSince = this.clock();
    this.changed();
  }

  /** How much the read will go through in all, once known. */
  totals(total: InputTotal): void {
    this.total = total;
    this.changed();
  }

  /** The time of an event read from LookupEvents, which pages from the newest back. */
  eventTime(time: string): void {
    if (this.oldest === undefined || time < this.oldest) this.oldest = time;
  }

  /** Erases the line (before another stderr line); it comes back at the next change. */
  clear(): void {
    if (this.shown === '' || !this.term) return;
    this.term.write('\r\x1b[K');
    this.shown = '';
  }

  /** Erases the line and draws no more (the report may follow on the same terminal). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clear();
  }

  /** One sentence of what was read and how fast (for --verbose, at the end). */
  summary(): string | undefined {
    const s = this.stats;
    if (!s || this.readingSince === undefined) return undefined;
    const seconds = Math.max(0.001, (this.clock() - this.readingSince) / 1000);
    const records = s.recordsRead + s.recordsRejected;
    const files = s.sourcesRead > 0 ? `${count(s.sourcesRead)} files, ` : '';
    return `read ${files}${count(records)} records in ${seconds.toFixed(1)} s (${count(Math.round(records / seconds))} records/s)`;
  }

  /**
   * The line as it would be drawn now, escaped, without the terminal's width applied; empty before
   * anything happened. Files: `tagtrail: 13/126 files, 13,000 records, 4,069/s, 0:28 left`;
   * live: `tagtrail: 27 AWS calls, 3 pages, 103 records back to 2026-10-09 14:00, 100/s`.
   */
  text(): string {
    const parts: string[] = [];
    const s = this.stats;
    if (this.calls > 0) {
      parts.push(`${s ? '' : 'reading tags: '}${count(this.calls)} AWS calls`);
      if (this.pages) parts.push(`${count(this.pages)} pages`);
      if (this.failed) parts.push(`${count(this.failed)} failed or retried`);
    }
    if (this.state) parts.push(this.state);
    if (s) {
      const files = this.total ? `${count(s.sourcesRead)}/${count(this.total.files)} files` : s.sourcesRead > 0 ? `${count(s.sourcesRead)} files` : '';
      if (files) parts.push(files);
      const records = s.recordsRead + s.recordsRejected;
      // LookupEvents pages from the newest event back: how far back it has come says how far along it is.
      const back = this.oldest !== undefined && s.sourcesRead === 0 ? ` back to ${this.oldest.slice(0, 16).replace('T', ' ')}` : '';
      parts.push(`${count(records)} records${back}`);
      const seconds = (this.clock() - (this.readingSince ?? this.clock())) / 1000;
      if (seconds >= 1 && records > 0) parts.push(`${count(Math.round(records / seconds))}/s`);
      const left = this.timeLeft(seconds);
      if (left) parts.push(left);
    }
    return parts.length === 0 ? '' : escapeTerminal(`tagtrail: ${parts.join(', ')}`, 1000);
  }

  /** Time left from the bytes read and the bytes in all (files only: a live read's size is not known ahead). */
  private timeLeft(seconds: number): string | undefined {
    const done = this.stats?.bytesRead ?? 0;
    if (!this.total || this.total.bytes === 0 || done === 0 || seconds < 1) return undefined;
    const left = Math.max(0, (this.total.bytes - done) / (done / seconds));
    return `${clock(left)} left`;
  }

  private changed(): void {
    if (!this.term || this.stopped) return;
    if (!this.started) {
      this.started = true;
      this.timer = setInterval(() => this.draw(), INTERVAL_MS);
      this.timer.unref();
    }
    if (this.clock() - this.lastDraw >= INTERVAL_MS) this.draw();
  }

  private draw(): void {
    if (!this.term || this.stopped) return;
    const text = this.text();
    if (text === '') return;
    const width = Math.max(20, this.term.columns() - 1);
    const cps = Array.from(text);
    const line = cps.length > width ? `${cps.slice(0, width - 1).join('')}…` : cps.join('');
    this.lastDraw = this.clock();
    if (line === this.shown) return;
    // Back to the start of the line, the new text, then erase what a longer old text left.
    this.term.write(`\r${line}\x1b[K`);
    this.shown = line;
  }
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** `75` → `1:15`, `3700` → `1:01:40`. */
export function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * A byte-level splitter that finds the records inside JSON that arrives in chunks, so a trail file of
 * any size is read with memory bounded by its largest record. It does not validate JSON: it only
 * tracks strings and nesting well enough to cut out each element, which `JSON.parse` then checks.
 * Structural characters are ASCII, so scanning UTF-8 bytes is safe.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COMMA = 0x2c;
const NEWLINE = 0x0a;

/** The keys whose array holds records: trail files use `Records`, `lookup-events` output `Events`. */
export type ContainerKey = 'Records' | 'Events';

/**
 * Where records sit: `container` = elements of `Records`/`Events` arrays inside top-level objects
 * (several objects may follow each other, as concatenated pages do); `array` = elements of one
 * top-level array; `concat` = top-level objects themselves (pretty-printed records one after another).
 */
export type SplitMode = 'container' | 'array' | 'concat';

/** `index` counts records from 1; `line` is the 1-based line on which the record starts. */
export type Piece =
  | { kind: 'element'; text: string; container: ContainerKey | undefined; index: number; line: number }
  | { kind: 'not-object'; index: number; line: number }
  | { kind: 'too-large'; index: number; line: number; bytes: number };

export interface SplitEnd {
  /** The input stopped inside a value: something after the last complete record is missing. */
  truncated: boolean;
  /** Index of a record cut off by the end of input, if any. */
  partialIndex: number | undefined;
  /** A structural error that stopped splitting (the rest of the input was ignored). */
  failure: string | undefined;
  /** Line on which the cut-off record starts, if any. */
  partialLine: number | undefined;
  /** Line reached: where the input ended, or where splitting failed. */
  line: number;
}

const KEY_LIMIT = 64;

export class JsonRecordSplitter {
  private depth = 0;
  private inString = false;
  private escape = false;
  private inTarget: boolean;
  private readonly elemDepth: number;
  private container: ContainerKey | undefined;
  private capturing = false;
  private parts: Buffer[] = [];
  private partBytes = 0;
  private oversize = false;
  private inPrimitive = false;
  private capturingKey = false;
  private key = '';
  private lastKey = '';
  private index = 0;
  private failure: string | undefined;
  /** Newlines met outside strings, plus one: JSON strings cannot hold a raw newline. */
  private line = 1;
  private startLine = 1;
  /** A top-level key's value is being read (container mode), and the key it belongs to. */
  private afterColon = false;
  private valueOf = '';
  private pagingToken = false;

  /** @param maxRecordBytes records larger than this are skipped and reported, never held in memory. */
  constructor(
    private readonly mode: SplitMode,
    private readonly maxRecordBytes: number,
  ) {
    this.elemDepth = mode === 'container' ? 2 : mode === 'array' ? 1 : 0;
    this.inTarget = mode === 'concat';
  }

  /** Number of record positions seen so far (complete, rejected or cut off). */
  get seen(): number {
    return this.index;
  }

  /** Feeds the next chunk; returns the records completed in it. */
  push(buf: Buffer): Piece[] {
    const out: Piece[] = [];
    if (this.failure !== undefined) return out;
    const n = buf.length;
    let start = this.capturing ? 0 : -1;
    let i = 0;
    while (i < n) {
      if (this.inString) {
        if (this.escape) {
          this.escape = false;
          i++;
          continue;
        }
        let j = buf.indexOf(QUOTE, i);
        while (j !== -1 && oddBackslashesBefore(buf, j, i)) j = buf.indexOf(QUOTE, j + 1);
        if (j === -1) {
          this.escape = oddBackslashesBefore(buf, n, i);
          if (this.capturingKey) this.appendKey(buf, i, n);
          i = n;
          break;
        }
        if (this.capturingKey) {
          this.appendKey(buf, i, j);
          if (this.valueOf !== '') {
            // A string value of a top-level key: a non-empty NextToken means more pages exist.
            if (this.valueOf === 'NextToken' && this.key !== '') this.pagingToken = true;
            this.valueOf = '';
          } else this.lastKey = this.key;
          this.capturingKey = false;
        }
        this.inString = false;
        i = j + 1;
        continue;
      }
      const c = buf[i] as number;
      const atElement = this.inTarget && this.depth === this.elemDepth && !this.capturing;
      if (c === QUOTE) {
        this.inString = true;
        if (atElement) this.primitive(out);
        else if (this.mode === 'container' && this.depth === 1 && !this.inTarget) {
          this.capturingKey = true;
          this.key = '';
          if (this.afterColon) this.valueOf = this.lastKey;
        }
        this.afterColon = false;
      } else if (c === NEWLINE) {
        this.line++;
      } else if (c === 0x3a /* : */) {
        this.afterColon = this.mode === 'container' && this.depth === 1 && !this.inTarget;
      } else if (c === LBRACE) {
        this.afterColon = false;
        if (atElement) {
          this.capturing = true;
          this.index++;
          this.startLine = this.line;
          start = i;
        } else if (this.depth === 0 && this.mode === 'array') {
          return this.fail(out, 'expected a JSON array');
        } else if (this.depth === 0) {
          // A new page: only the last page's NextToken says whether more exist.
          this.pagingToken = false;
        }
        this.depth++;
      } else if (c === LBRACKET) {
        this.afterColon = false;
        if (atElement) this.primitive(out);
        else if (this.depth === 0) {
          if (this.mode !== 'array') return this.fail(out, 'unexpected "[" at top level');
          this.inTarget = true;
        } else if (this.mode === 'container' && this.depth === 1 && !this.inTarget && isContainerKey(this.lastKey)) {
          this.inTarget = true;
          this.container = this.lastKey;
        }
        this.depth++;
      } else if (c === RBRACE || c === RBRACKET) {
        this.depth--;
        if (this.depth < 0) return this.fail(out, `unbalanced "${String.fromCharCode(c)}"`);
        if (this.capturing && this.depth === this.elemDepth) {
          this.finishElement(out, buf, start, i + 1);
          start = -1;
        } else if (c === RBRACKET && this.mode !== 'concat' && this.inTarget && this.depth === this.elemDepth - 1) {
          this.inTarget = false;
          this.inPrimitive = false;
        }
      } else if (c === COMMA) {
        if (this.inTarget && this.depth === this.elemDepth) this.inPrimitive = false;
      } else if (!isSpace(c)) {
        this.afterColon = false;
        if (atElement) this.primitive(out);
        else if (this.depth === 0) return this.fail(out, `unexpected content at top level (byte 0x${c.toString(16)})`);
      }
      i++;
    }
    if (this.capturing && start !== -1) this.keepPart(buf.subarray(start));
    return out;
  }

  /** Call once the input has ended. */
  end(): SplitEnd {
    return {
      truncated: this.failure === undefined && (this.depth !== 0 || this.inString),
      partialIndex: this.capturing ? this.index : undefined,
      failure: this.failure,
      partialLine: this.capturing ? this.startLine : undefined,
      line: this.line,
    };
  }

  /**
   * True when the last top-level object has a `NextToken` with a value: `aws cloudtrail lookup-events` output
   * saved with `--max-items` (or one page of the API) has more events than the file holds.
   */
  get morePages(): boolean {
    return this.pagingToken;
  }

  private finishElement(out: Piece[], buf: Buffer, start: number, endExclusive: number): void {
    const bytes = this.partBytes + (endExclusive - start);
    if (this.oversize || bytes > this.maxRecordBytes) {
      out.push({ kind: 'too-large', index: this.index, line: this.startLine, bytes });
    } else {
      const text =
        this.parts.length === 0
          ? buf.toString('utf8', start, endExclusive)
          : Buffer.concat([...this.parts, buf.subarray(start, endExclusive)]).toString('utf8');
      out.push({ kind: 'element', text, container: this.container, index: this.index, line: this.startLine });
    }
    this.capturing = false;
    this.parts = [];
    this.partBytes = 0;
    this.oversize = false;
  }

  private keepPart(part: Buffer): void {
    this.partBytes += part.length;
    if (this.oversize) return;
    if (this.partBytes > this.maxRecordBytes) {
      // Past the limit the record is only counted, so a hostile file cannot make us hold it.
      this.oversize = true;
      this.parts = [];
      return;
    }
    this.parts.push(part);
  }

  private primitive(out: Piece[]): void {
    if (this.inPrimitive) return;
    this.inPrimitive = true;
    this.index++;
    out.push({ kind: 'not-object', index: this.index, line: this.line });
  }

  private appendKey(buf: Buffer, from: number, to: number): void {
    if (this.key.length < KEY_LIMIT) this.key += buf.toString('latin1', from, Math.min(to, from + KEY_LIMIT));
  }

  private fail(out: Piece[], message: string): Piece[] {
    this.failure = `${message} after record ${this.index}`;
    return out;
  }
}

function isContainerKey(k: string): k is ContainerKey {
  return k === 'Records' || k === 'Events';
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** True when the quote at `pos` is escaped: an odd run of backslashes precedes it (not looking before `floor`). */
function oddBackslashesBefore(buf: Buffer, pos: number, floor: number): boolean {
  let k = pos - 1;
  while (k >= floor && buf[k] === BACKSLASH) k--;
  return (pos - 1 - k) % 2 === 1;
}

/**
 * The line on which each record of a whole `{"Records":[…]}` / `{"Events":[…]}` document starts
 * (index 0 for record 1). For read errors found after a fast whole-file parse, which knows record
 * numbers but not lines; computed once per damaged file.
 */
export function recordStartLines(buf: Buffer, maxRecordBytes: number): number[] {
  const splitter = new JsonRecordSplitter('container', maxRecordBytes);
  const bom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  return splitter.push(buf.subarray(bom)).map((p) => p.line);
}

/**
 * Splits JSONL arriving in chunks into lines, keeping only the current partial line in memory.
 * Blank lines are skipped but still counted, so positions match what an editor shows.
 */

const NEWLINE = 0x0a;

export type Line = { kind: 'line'; text: string; line: number } | { kind: 'too-long'; line: number; bytes: number };

export class LineSplitter {
  private rest: Buffer[] = [];
  private restBytes = 0;
  private line = 0;

  /** @param maxLineBytes longer lines are reported, never held in memory. */
  constructor(private readonly maxLineBytes: number) {}

  /** Number of lines seen so far. */
  get seen(): number {
    return this.line;
  }

  push(buf: Buffer): Line[] {
    const out: Line[] = [];
    let s = 0;
    for (;;) {
      const j = buf.indexOf(NEWLINE, s);
      if (j === -1) {
        if (s < buf.length) this.keep(buf.subarray(s));
        return out;
      }
      this.emit(out, buf, s, j);
      s = j + 1;
    }
  }

  /** Call once the input has ended: the last line may lack a newline. */
  end(): Line[] {
    const out: Line[] = [];
    if (this.restBytes > 0) this.emit(out, Buffer.alloc(0), 0, 0);
    return out;
  }

  private emit(out: Line[], buf: Buffer, from: number, to: number): void {
    this.line++;
    const bytes = this.restBytes + (to - from);
    if (bytes > this.maxLineBytes) {
      out.push({ kind: 'too-long', line: this.line, bytes });
    } else {
      let text =
        this.rest.length === 0 ? buf.toString('utf8', from, to) : Buffer.concat([...this.rest, buf.subarray(from, to)]).toString('utf8');
      if (text.charCodeAt(text.length - 1) === 0x0d) text = text.slice(0, -1);
      if (!isBlank(text)) out.push({ kind: 'line', text, line: this.line });
    }
    this.rest = [];
    this.restBytes = 0;
  }

  private keep(part: Buffer): void {
    this.restBytes += part.length;
    // Past the limit the line is only measured, so one endless line cannot exhaust memory.
    if (this.restBytes <= this.maxLineBytes) this.rest.push(part);
    else this.rest = [];
  }
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0xfeff) return false;
  }
  return true;
}

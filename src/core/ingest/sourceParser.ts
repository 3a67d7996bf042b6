import type { SourcedRecord } from '../model';
import { bomLength, detectLayout, type Layout } from './detectFormat';
import { JsonRecordSplitter, type Piece } from './jsonSplitter';
import { LineSplitter, type Line } from './lineSplitter';
import { describeIoError, type ReadContext } from './readStats';
import { parseElement } from './toRecord';

/**
 * Turns the decompressed content of one source into records, chunk by chunk, whatever its layout.
 * Every position that cannot become a record is reported and counted as rejected.
 */
export class SourceParser {
  private readonly layout: Layout;
  private readonly json: JsonRecordSplitter | undefined;
  private readonly lines: LineSplitter | undefined;
  private first = true;

  /** @param head the first bytes of the content (at least `SNIFF_BYTES` unless the content is shorter). */
  constructor(
    head: Buffer,
    private readonly source: string,
    private readonly ctx: ReadContext,
  ) {
    this.layout = detectLayout(head);
    if (this.layout === 'jsonl') this.lines = new LineSplitter(ctx.maxRecordBytes);
    else if (this.layout === 'container' || this.layout === 'array' || this.layout === 'concat') {
      this.json = new JsonRecordSplitter(this.layout, ctx.maxRecordBytes);
    }
  }

  /** False when the content is not a format we read; `finish()` then reports it. */
  get recognised(): boolean {
    return this.layout !== 'unknown';
  }

  get detectedLayout(): Layout {
    return this.layout;
  }

  feed(chunk: Buffer): SourcedRecord[] {
    if (this.first) {
      this.first = false;
      const bom = bomLength(chunk);
      if (bom > 0) chunk = chunk.subarray(bom);
    }
    if (this.json) return this.fromPieces(this.json.push(chunk));
    if (this.lines) return this.fromLines(this.lines.push(chunk));
    return [];
  }

  /**
   * Ends the source. `streamError` is what stopped reading early (bad gzip, I/O error); records
   * before it were already returned by `feed`.
   */
  finish(streamError?: unknown): SourcedRecord[] {
    const { stats } = this.ctx;
    if (this.layout === 'unknown' || (this.layout === 'empty' && streamError !== undefined)) {
      stats.sourcesFailed++;
      this.error(undefined, streamError ? describeIoError(streamError) : 'not a CloudTrail file: content is neither JSON nor JSONL');
      return [];
    }
    stats.sourcesRead++;
    if (this.lines) {
      if (streamError) {
        // The partial last line was cut by the error: it was present, so it counts as rejected.
        const cut = this.lines.seen + 1;
        stats.recordsRejected++;
        stats.incompleteSources++;
        this.error(cut, `${describeIoError(streamError)}; lines before ${cut} were read`);
        return [];
      }
      return this.fromLines(this.lines.end());
    }
    if (!this.json) {
      if (streamError) this.brokenAt(0, describeIoError(streamError));
      return [];
    }
    const end = this.json.end();
    if (end.partialIndex !== undefined) stats.recordsRejected++;
    const seen = this.json.seen;
    // Positions of JSON errors are lines (where the cut record starts, else where reading stopped);
    // the message names the record.
    const line = end.partialLine ?? end.line;
    if (streamError) {
      const where = end.partialIndex !== undefined ? `record ${end.partialIndex}: ` : '';
      this.brokenAt(line, `${where}${describeIoError(streamError)}; ${this.readBefore(end.partialIndex, seen)}`);
    } else if (end.failure !== undefined) {
      this.brokenAt(line, `malformed JSON: ${end.failure}; the rest of the file was not read`);
    } else if (end.truncated) {
      const where = end.partialIndex !== undefined ? `inside record ${end.partialIndex}` : `after record ${seen}`;
      this.brokenAt(line, `file is truncated ${where}; ${this.readBefore(end.partialIndex, seen)}`);
    }
    if (this.json.morePages) warnIncomplete(this.ctx, this.source);
    return [];
  }

  private readBefore(partial: number | undefined, seen: number): string {
    const n = partial !== undefined ? partial - 1 : seen;
    return `the ${n} record(s) before the break were read`;
  }

  private brokenAt(position: number, message: string): void {
    this.ctx.stats.incompleteSources++;
    this.error(position, message);
  }

  private fromPieces(pieces: Piece[]): SourcedRecord[] {
    const out: SourcedRecord[] = [];
    for (const p of pieces) {
      if (p.kind === 'element') {
        const r = parseElement(p.text, this.source, p.index);
        if (typeof r !== 'string') out.push(r);
        else this.reject(p.line, `record ${p.index}: ${r}`);
      } else if (p.kind === 'not-object') {
        this.reject(p.line, `record ${p.index}: not a JSON object`);
      } else {
        this.reject(p.line, `record ${p.index}: ${p.bytes} bytes, larger than the ${this.ctx.maxRecordBytes}-byte limit`);
      }
    }
    this.ctx.stats.recordsRead += out.length;
    return out;
  }

  private fromLines(lines: Line[]): SourcedRecord[] {
    const out: SourcedRecord[] = [];
    for (const l of lines) {
      if (l.kind === 'too-long') {
        this.reject(l.line, `line ${l.line}: ${l.bytes} bytes, longer than the ${this.ctx.maxRecordBytes}-byte limit`);
        continue;
      }
      const r = parseElement(l.text, this.source, l.line);
      if (typeof r !== 'string') out.push(r);
      else this.reject(l.line, `line ${l.line}: ${r}`);
    }
    this.ctx.stats.recordsRead += out.length;
    return out;
  }

  private reject(position: number, message: string): void {
    this.ctx.stats.recordsRejected++;
    this.error(position, message);
  }

  private error(position: number | undefined, message: string): void {
    this.ctx.onError(position === undefined ? { source: this.source, message } : { source: this.source, position, message });
  }
}

/**
 * Records that a source holds only part of what it came from: `aws cloudtrail lookup-events`
 * output that still has a `NextToken` stopped at a page (or `--max-items`) boundary.
 */
export function warnIncomplete(ctx: ReadContext, source: string): void {
  ctx.stats.warnings.push(`${source}: lookup-events output has a NextToken: more events exist than the file holds (saved with --max-items or a single page); run lookup-events again without a limit`);
}

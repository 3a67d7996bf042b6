import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { SourcedRecord } from '../model';
import { SNIFF_BYTES, detectLayout, isGzip } from './detectFormat';
import type { ReadContext } from './readStats';
import { recordStartLines } from './jsonSplitter';
import { SourceParser, warnIncomplete } from './sourceParser';
import { toSourced } from './toRecord';

const GUNZIP_CHUNK = 256 * 1024;

/**
 * Records from content that arrives in chunks (decompressed already), with memory bounded by the
 * largest record, in batches (one per chunk: a promise per batch rather than per record). An error
 * thrown by `chunks` (bad gzip, I/O) ends the source after reporting it.
 */
export async function* recordsFromChunks(chunks: AsyncIterable<Buffer>, source: string, ctx: ReadContext): AsyncGenerator<SourcedRecord[]> {
  let parser: SourceParser | undefined;
  const head: Buffer[] = [];
  let headBytes = 0;
  let streamError: unknown;
  try {
    for await (const chunk of chunks) {
      ctx.signal?.throwIfAborted();
      if (parser) {
        yield parser.feed(chunk);
        continue;
      }
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes < SNIFF_BYTES) continue;
      const all = Buffer.concat(head);
      parser = new SourceParser(all, source, ctx);
      yield parser.feed(all);
    }
  } catch (e) {
    if (ctx.signal?.aborted) throw e;
    streamError = e;
  }
  if (!parser) {
    const all = Buffer.concat(head);
    parser = new SourceParser(all, source, ctx);
    yield parser.feed(all);
  }
  yield parser.finish(streamError);
}

/**
 * Records from a whole decompressed file held in memory, synchronously (no promise per record),
 * in arrays of at most 64 (small arrays let judged records die young); a damaged record is reported when its array is made.
 * Trail files are parsed with one `JSON.parse`, the fastest way V8 offers; anything else, or a file
 * that fails that parse (truncated, concatenated pages), goes through the splitting parser, which
 * recovers what it can. `streamError` is what cut the content short (a damaged gzip).
 */
export function* recordsFromWhole(buf: Buffer, source: string, ctx: ReadContext, streamError?: unknown): Generator<SourcedRecord[]> {
  if (streamError === undefined && detectLayout(buf) === 'container') {
    const parsed = parseTrailFile(buf);
    if (parsed) {
      const { records } = parsed;
      ctx.stats.sourcesRead++;
      if (parsed.morePages) warnIncomplete(ctx, source);
      // Lines are found only for a file with a damaged record, once (JSON.parse does not know them).
      let lines: number[] | undefined;
      // In arrays of WHOLE_BATCH, not one yield per record: a generator step per record was a
      // resumption and an iterator result object each, for millions of records.
      let batch: SourcedRecord[] = [];
      let position = 0;
      for (let i = 0; i < records.length; i++) {
        const value = records[i];
        // The parsed file's array is this loop's own: letting go of each record as it is handed
        // on means a record can die young once judged, instead of the whole file's records
        // living (and being promoted to old space) until its last record is judged.
        records[i] = undefined;
        position++;
        const r = toSourced(value, source, position);
        if (typeof r !== 'string') {
          ctx.stats.recordsRead++;
          batch.push(r);
        } else {
          ctx.stats.recordsRejected++;
          ctx.onError({ source, position: (lines ??= recordStartLines(buf, ctx.maxRecordBytes))[position - 1] ?? position, message: `record ${position}: ${r}` });
        }
        if ((position & (WHOLE_BATCH - 1)) === 0) {
          ctx.signal?.throwIfAborted();
          if (batch.length > 0) yield batch;
          // The consumer may have aborted while taking that array: stop before making the next.
          ctx.signal?.throwIfAborted();
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      return;
    }
  }
  const parser = new SourceParser(buf, source, ctx);
  yield parser.feed(buf);
  yield parser.finish(streamError);
}

/** Records of a whole file per array (a power of two: positions are masked with it). */
const WHOLE_BATCH = 64;

/** The records of a `{"Records":[…]}` or `{"Events":[…]}` file, or undefined if it is not exactly one such object. */
function parseTrailFile(buf: Buffer): { records: unknown[]; morePages: boolean } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(buf.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const list = Array.isArray(v['Records']) ? v['Records'] : Array.isArray(v['Events']) ? v['Events'] : undefined;
  // Both keys in one object is odd enough that the splitter, which reads both, should handle it.
  if (Array.isArray(v['Records']) && Array.isArray(v['Events'])) return undefined;
  return list && { records: list, morePages: typeof v['NextToken'] === 'string' && v['NextToken'] !== '' };
}

/**
 * The decompressed bytes of a stream: gzip is recognised by its magic number, not by a name.
 * Destroying happens in `finally`, so a consumer that stops early does not leak the source.
 */
export async function* decompressed(input: NodeJS.ReadableStream): AsyncGenerator<Buffer> {
  const it = (input as NodeJS.ReadableStream & AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  try {
    const head: Buffer[] = [];
    let headBytes = 0;
    let done = false;
    while (headBytes < 2 && !done) {
      const n = await it.next();
      if (n.done) done = true;
      else {
        head.push(toBuffer(n.value));
        headBytes += head[head.length - 1]?.length ?? 0;
      }
    }
    const first = Buffer.concat(head);
    if (!isGzip(first)) {
      yield* replay(first, done ? undefined : it);
      return;
    }
    const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK });
    const rest = Readable.from(replay(first, done ? undefined : it), { objectMode: false });
    pipeline(rest, gunzip, () => undefined);
    try {
      for await (const chunk of gunzip) yield chunk as Buffer;
    } finally {
      rest.destroy();
      gunzip.destroy();
    }
  } finally {
    // Also when the consumer stops early: the file handle or socket behind the stream is released.
    const d = (input as { destroy?: unknown }).destroy;
    if (typeof d === 'function') d.call(input);
  }
}

async function* replay(first: Buffer, it: AsyncIterator<Buffer | string> | undefined): AsyncGenerator<Buffer> {
  if (first.length > 0) yield first;
  if (!it) return;
  for (;;) {
    const n = await it.next();
    if (n.done) return;
    yield toBuffer(n.value);
  }
}

function toBuffer(v: Buffer | string): Buffer {
  return typeof v === 'string' ? Buffer.from(v, 'utf8') : v;
}

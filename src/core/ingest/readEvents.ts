import { createReadStream } from 'node:fs';
import type { ReadError, SourcedRecord } from '../model';
import { listFiles, type Listed } from './listFiles';
import { loadFile, type Loaded } from './loadFile';
import { describeIoError, newReadStats, type ReadContext, type ReadStats } from './readStats';
import { decompressed, recordsFromChunks, recordsFromWhole } from './readSource';
import { oneByOne } from './batches';

export type { ReadStats } from './readStats';
export { newReadStats } from './readStats';

/** Options shared by `readEvents` and `readEventsFromStream`. */
export interface ReadOptions {
  /** Called for every file, record or line that could not be read; reading goes on. */
  onError?: (e: ReadError) => void;
  /** Stops reading: the generator then throws the signal's reason (an `AbortError`). */
  signal?: AbortSignal;
  /** Filled in as reading goes; pass one in to see counts (read, rejected, skipped files…). */
  stats?: ReadStats;
  /**
   * Files whose decompressed size is at most this are read whole and parsed with one `JSON.parse`;
   * larger ones are streamed with bounded memory. Default `WHOLE_FILE_LIMIT`.
   */
  wholeFileLimit?: number;
  /** Records (or JSONL lines) larger than this are rejected unread. Default 16 MiB. */
  maxRecordBytes?: number;
}

/**
 * Decompressed size up to which a file is parsed whole. Measured with `npm run bench -- --thresholds`
 * (one file, records per CPU-second, peak RSS; whole vs streamed): 8 MB 40k vs 26k/s, 90 vs 68 MB;
 * 32 MB 51k vs 38k/s, 187 vs 75 MB; 128 MB 46k vs 51k/s, 495 vs 93 MB; 512 MB 39k vs 57k/s,
 * 1.8 GB vs 103 MB. Whole parsing pays up to ~64 MB; memory (a 600 MB budget for a whole check)
 * sets the limit lower.
 */
export const WHOLE_FILE_LIMIT = 32 * 1024 * 1024;
const MAX_RECORD_BYTES = 16 * 1024 * 1024;
const READ_CHUNK = 1024 * 1024;

/**
 * Streams CloudTrail records from files and folders: trail files as S3 delivers them
 * (`{"Records":[…]}`, plain or gzip), S3 delivery-layout folders (walked recursively in sorted
 * order, digest and non-log files skipped and counted), JSONL, and `aws cloudtrail lookup-events`
 * output (several pages may follow each other). Formats are detected from content. A damaged source
 * is reported through `onError` with its position, and everything readable around it is still read.
 */
export function readEvents(paths: string[], opts: ReadOptions = {}): AsyncGenerator<SourcedRecord> {
  return oneByOne(readEventBatches(paths, opts));
}

/** `readEvents` as arrays of records (the shape `runCheck` reads best; see `batches.ts`). */
export function readEventBatches(paths: string[], opts: ReadOptions = {}): AsyncGenerator<readonly SourcedRecord[]> {
  return inBatches(readUnits(paths, opts));
}

/** Records of a whole file are handed over this many at a time: bounded arrays, few promises. */
const BATCH = 1024;

async function* inBatches(units: AsyncIterable<Iterable<SourcedRecord>>): AsyncGenerator<readonly SourcedRecord[]> {
  for await (const unit of units) {
    if (Array.isArray(unit)) {
      if (unit.length > 0) yield unit as SourcedRecord[];
      continue;
    }
    let batch: SourcedRecord[] = [];
    for (const r of unit) {
      batch.push(r);
      if (batch.length === BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
}

/**
 * The records of every source in order, as units a consumer iterates fully before asking for the
 * next: arrays of up to 64 of a whole file's records (its errors are reported as each array is
 * made) or a streamed file's batch per chunk.
 */
async function* readUnits(paths: string[], opts: ReadOptions): AsyncGenerator<Iterable<SourcedRecord>> {
  const ctx = contextOf(opts);
  const wholeLimit = opts.wholeFileLimit ?? WHOLE_FILE_LIMIT;
  const files = listFiles(paths, ctx.stats);
  // One file is loaded ahead: its read and gunzip run on the thread pool while this one is parsed.
  // Listing errors travel in the same queue, so errors arrive in path order.
  let next = await nextItem(files, wholeLimit);
  while (next) {
    ctx.signal?.throwIfAborted();
    const current = next;
    const loaded = current.kind === 'file' ? await current.loaded : undefined;
    next = await nextItem(files, wholeLimit);
    if (current.kind === 'error') ctx.onError(current.error);
    else if (loaded?.kind === 'failed') failed(current.path, loaded.error, ctx);
    else if (loaded?.kind === 'whole') {
      ctx.stats.bytesRead += loaded.bytes;
      const mark = markOf(ctx);
      for (const batch of recordsFromWhole(loaded.buf, current.path, ctx, loaded.gzipError)) yield batch;
      if (!EMPTY_LIST.test(loaded.buf.toString('latin1', 0, 256))) noRecordCheck(mark, current.path, ctx);
    } else if (loaded) {
      ctx.stats.bytesRead += loaded.bytes;
      const mark = markOf(ctx);
      const chunks = decompressed(createReadStream(current.path, { highWaterMark: READ_CHUNK }));
      for await (const batch of recordsFromChunks(chunks, current.path, ctx)) yield batch;
      noRecordCheck(mark, current.path, ctx);
    }
  }
}

/** A trail file or lookup-events page that says, in so many words, that it holds no events. */
const EMPTY_LIST = /^(\uFEFF|\xEF\xBB\xBF)?\s*\{\s*"(Records|Events)"\s*:\s*\[\s*\]/;

interface Mark { positions: number; errors: number }

function markOf(ctx: CountingContext): Mark {
  return { positions: ctx.stats.recordsRead + ctx.stats.recordsRejected, errors: ctx.errors.count };
}

/**
 * A source that gave no record and no error was not read as CloudTrail at all (an empty file,
 * `{"Records":{…}}`, some other JSON): that is a read error, never zero events.
 */
function noRecordCheck(mark: Mark, source: string, ctx: CountingContext): void {
  const now = markOf(ctx);
  if (now.positions !== mark.positions || now.errors !== mark.errors) return;
  ctx.stats.sourcesRead = Math.max(0, ctx.stats.sourcesRead - 1);
  ctx.stats.sourcesFailed++;
  ctx.onError({ source, message: 'holds no CloudTrail record (empty, or not a trail file, JSONL or lookup-events output)' });
}

/**
 * Streams records from one stream, such as an S3 object body: gzip or plain, any layout
 * `readEvents` reads. `source` names the stream in records and errors (e.g. `s3://bucket/key`).
 */
export async function* readEventsFromStream(stream: NodeJS.ReadableStream, source: string, opts: ReadOptions = {}): AsyncGenerator<SourcedRecord> {
  const ctx = contextOf(opts);
  const mark = markOf(ctx);
  let head: string | undefined;
  // Plain loops: `yield*` over an array would await once more per record.
  for await (const batch of recordsFromChunks(tap(decompressed(stream), (b) => { head ??= b.toString('latin1', 0, 256); }), source, ctx)) for (const r of batch) yield r;
  if (!EMPTY_LIST.test(head ?? '')) noRecordCheck(mark, source, ctx);
}

async function* tap(chunks: AsyncIterable<Buffer>, see: (b: Buffer) => void): AsyncGenerator<Buffer> {
  for await (const c of chunks) {
    see(c);
    yield c;
  }
}

/** The readers' context, counting the errors it reports (see `noRecordCheck`). */
type CountingContext = ReadContext & { errors: { count: number } };

function contextOf(opts: ReadOptions): CountingContext {
  const report = opts.onError ?? (() => undefined);
  const errors = { count: 0 };
  return {
    onError: (e) => {
      errors.count++;
      report(e);
    },
    errors,
    stats: opts.stats ?? newReadStats(),
    signal: opts.signal,
    maxRecordBytes: opts.maxRecordBytes ?? MAX_RECORD_BYTES,
  };
}

type Item = { kind: 'file'; path: string; loaded: Promise<Loaded> } | { kind: 'error'; error: ReadError };

async function nextItem(files: AsyncGenerator<Listed>, wholeLimit: number): Promise<Item | undefined> {
  const n = await files.next();
  if (n.done) return undefined;
  if (n.value.kind === 'error') return n.value;
  return { kind: 'file', path: n.value.path, loaded: loadFile(n.value.path, wholeLimit) };
}

function failed(path: string, error: unknown, ctx: ReadContext): void {
  ctx.stats.sourcesFailed++;
  ctx.onError({ source: path, message: describeIoError(error) });
}

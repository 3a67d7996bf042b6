import { stat } from 'node:fs/promises';
import { listFiles } from '../core/ingest/listFiles';
import { newReadStats } from '../core/ingest/readStats';
import type { SourcedRecord } from '../core/model';
import type { CheckSource, ReadRequest, SourceRead } from '../core/source/types';
import type { InputTotal, ProgressLine } from './progress';

/**
 * Counts the files a read of `paths` will open and their size on disk, walking folders as the
 * reader does (digests and other names skipped). Runs beside the read, for the progress line's
 * "files read of all" and time left; unreadable entries are left to the reader to report.
 */
export async function countInputs(paths: string[], signal?: AbortSignal): Promise<InputTotal> {
  const total: InputTotal = { files: 0, bytes: 0 };
  for await (const f of listFiles(paths, newReadStats())) {
    if (signal?.aborted) break;
    if (f.kind !== 'file') continue;
    total.files++;
    total.bytes += await stat(f.path).then((s) => s.size, () => 0);
  }
  return total;
}

/** Tells the progress line the totals of file inputs once counted (never fails the command). */
export function countInputsFor(paths: string[], progress: ProgressLine, signal?: AbortSignal): void {
  if (!progress.drawing || paths.length === 0) return;
  void countInputs(paths, signal).then((t) => progress.totals(t), () => undefined);
}

async function* withTimes(batches: AsyncIterable<readonly SourcedRecord[]>, progress: ProgressLine): AsyncGenerator<readonly SourcedRecord[]> {
  for await (const batch of batches) {
    for (const r of batch) {
      const t = r.record?.eventTime;
      if (typeof t === 'string') progress.eventTime(t);
    }
    yield batch;
  }
}

/**
 * The same source, with each read's counts shown on the progress line: files and their totals for
 * file inputs, how far back in time LookupEvents has paged for a live account. Everything else
 * (inventory, notes, what a live source learns once connected) is the source's own.
 */
export function watchedSource(source: CheckSource, progress: ProgressLine, signal?: AbortSignal): CheckSource {
  const read = (req: ReadRequest): SourceRead => {
    const r = source.read(req);
    progress.reading(r.stats);
    if (source.kind === 'files' || source.kind === 'demo') countInputsFor(source.eventSources, progress, signal);
    return source.kind === 'live' && progress.drawing ? { ...r, batches: withTimes(r.batches, progress) } : r;
  };
  return new Proxy(source, { get: (target, key) => (key === 'read' ? read : Reflect.get(target, key)) });
}

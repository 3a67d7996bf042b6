import type { ReadError } from '../model';

/**
 * Counts kept while reading, so a report can say how much was read and how much was not.
 * Where every record position could be seen, `recordsRead + recordsRejected` is the number of
 * records present; `incompleteSources` counts sources for which that is not knowable (truncated,
 * unreadable mid-way, structurally broken).
 */
export interface ReadStats {
  /** Files or streams opened and read, fully or partly. */
  sourcesRead: number;
  /** Files that could not be read at all (missing, unreadable, not a recognised format). */
  sourcesFailed: number;
  /** Sources read only partly: records after the break are unknown. */
  incompleteSources: number;
  /** CloudTrail digest files met while walking folders (they hold hashes, not events). */
  digestFilesSkipped: number;
  /** Other files met while walking folders whose names are not CloudTrail logs. */
  otherFilesSkipped: number;
  /** The files a folder walk did not read, with why (the first 100; `otherFilesSkipped` counts them all). */
  skippedFiles: { path: string; why: string }[];
  recordsRead: number;
  recordsRejected: number;
  /** Compressed bytes as stored, for throughput figures. */
  bytesRead: number;
  /**
   * Sentences about inputs that were read but are known to be incomplete (a lookup-events output
   * saved with a `NextToken`, so more pages exist): not read errors, but the report must say them.
   */
  warnings: string[];
}

export function newReadStats(): ReadStats {
  return {
    sourcesRead: 0,
    sourcesFailed: 0,
    incompleteSources: 0,
    digestFilesSkipped: 0,
    otherFilesSkipped: 0,
    skippedFiles: [],
    recordsRead: 0,
    recordsRejected: 0,
    bytesRead: 0,
    warnings: [],
  };
}

/** Notes a skipped file, keeping at most 100 names (the count stays exact). */
export function noteSkipped(stats: ReadStats, path: string, why: string): void {
  stats.otherFilesSkipped++;
  if (stats.skippedFiles.length < 100) stats.skippedFiles.push({ path, why });
}

/** What the readers need from their caller: where errors go, what to count, when to stop. */
export interface ReadContext {
  onError: (e: ReadError) => void;
  stats: ReadStats;
  signal: AbortSignal | undefined;
  /** Larger records (or JSONL lines) are rejected without being held in memory. */
  maxRecordBytes: number;
}

/** Turns a Node I/O or zlib error into a sentence naming what went wrong. */
export function describeIoError(e: unknown): string {
  const err = e as { code?: unknown; message?: unknown };
  const code = typeof err?.code === 'string' ? err.code : undefined;
  switch (code) {
    case 'ENOENT':
      return 'file vanished or does not exist (ENOENT)';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${code})`;
    case 'EISDIR':
      return 'is a directory, not a file (EISDIR)';
    case 'Z_BUF_ERROR':
      return 'gzip data is truncated (unexpected end of file)';
    case 'Z_DATA_ERROR':
      return `gzip data is corrupt (${String(err.message)})`;
    default: {
      const msg = typeof err?.message === 'string' ? err.message : String(e);
      return code ? `${msg} (${code})` : msg;
    }
  }
}

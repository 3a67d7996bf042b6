import type { ReadError, SourcedRecord } from '../core/model';
import { newReadStats, readEvents, type ReadStats } from '../core/ingest/readEvents';
import { SourceError } from '../core/source/errors';
import { escapeTerminal } from '../core/report/escape';

export { assertReadable, loadInventoryFiles, loadMappingFile } from '../core/source/files';

/** An input the user named cannot be used; main exits with status 2. The core's `SourceError`, by its CLI name. */
export const InputError = SourceError;
export type InputError = SourceError;

/** One line per read error, `file:line: message`, escaped: file names and messages may quote record text. */
export function formatReadError(e: ReadError): string {
  return `${escapeTerminal(e.source)}${e.position !== undefined ? `:${e.position}` : ''}: ${escapeTerminal(e.message)}`;
}

/**
 * Streams events from files and folders for `resolve`, which reads records without checking them;
 * every read error goes to `report` as it happens and is collected. (`check` reads through a
 * `CheckSource` and the runner instead.)
 */
export function eventsFrom(paths: string[], report: (line: string) => void, signal?: AbortSignal): { events: AsyncIterable<SourcedRecord>; readErrors: ReadError[]; readStats: ReadStats } {
  const readErrors: ReadError[] = [];
  const readStats = newReadStats();
  const onError = (e: ReadError): void => {
    readErrors.push(e);
    report(`tagtrail: read error: ${formatReadError(e)}`);
  };
  return { events: readEvents(paths, { onError, stats: readStats, ...(signal ? { signal } : {}) }), readErrors, readStats };
}

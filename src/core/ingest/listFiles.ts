import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReadError } from '../model';
import { describeIoError, noteSkipped, type ReadStats } from './readStats';

/** What a walk met besides log files: digests and other files are counted, never read. */
export type Listed = { kind: 'file'; path: string } | { kind: 'error'; error: ReadError };

/**
 * CloudTrail log names in the S3 delivery layout end in `.json.gz`; people also keep `.json`,
 * `.jsonl` and `.ndjson` exports. Digest files sit under `CloudTrail-Digest/` and hold hashes.
 */
const LOG_NAME = /\.(json|jsonl|ndjson)(\.gz)?$/i;
const DIGEST = /CloudTrail-Digest/;

/** True for names a folder walk reads. */
export function isLogName(name: string): boolean {
  return LOG_NAME.test(name);
}

/** True for CloudTrail digest files, by folder or by name. */
export function isDigestPath(path: string): boolean {
  return DIGEST.test(path);
}

/**
 * Files to read for the given paths, lazily and in a stable order: a file is itself (whatever its
 * name, since content decides its format); a folder is walked recursively in sorted order, so a
 * year of S3 deliveries (`AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/…`, or under `o-…/` for
 * organisation trails) is listed one folder at a time rather than all at once.
 */
export async function* listFiles(paths: string[], stats: ReadStats): AsyncGenerator<Listed> {
  const seenDirs = new Set<string>();
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = (await stat(p)).isDirectory();
    } catch (e) {
      stats.sourcesFailed++;
      yield { kind: 'error', error: { source: p, message: describeIoError(e) } };
      continue;
    }
    if (!isDir) {
      if (isDigestPath(p)) stats.digestFilesSkipped++;
      else yield { kind: 'file', path: p };
      continue;
    }
    yield* walk(p, stats, seenDirs);
  }
}

async function* walk(dir: string, stats: ReadStats, seenDirs: Set<string>): AsyncGenerator<Listed> {
  let names: { name: string; dir: boolean; file: boolean; link: boolean }[];
  try {
    // Symlinked folders are followed once each, so a link cycle cannot loop the walk.
    const real = await realpath(dir);
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    const entries = await readdir(dir, { withFileTypes: true });
    names = entries.map((e) => ({ name: e.name, dir: e.isDirectory(), file: e.isFile(), link: e.isSymbolicLink() }));
  } catch (e) {
    stats.sourcesFailed++;
    yield { kind: 'error', error: { source: dir, message: `cannot list folder: ${describeIoError(e)}` } };
    return;
  }
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of names) {
    const p = join(dir, e.name);
    let isDir = e.dir;
    let isFile = e.file;
    if (e.link) {
      try {
        const st = await stat(p);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        isDir = false; // a dangling link is then reported when it is read
        isFile = true;
      }
    }
    if (isDir) {
      yield* walk(p, stats, seenDirs);
    } else if (isDigestPath(p)) {
      stats.digestFilesSkipped++;
    } else if (!isLogName(e.name)) {
      noteSkipped(stats, p, 'not a CloudTrail log name (.json, .json.gz, .jsonl, .ndjson)');
    } else if (!isFile) {
      // Opening a FIFO without a writer blocks a thread-pool thread for good, and the whole read
      // with it; a folder walk reads only regular files (a pipe named on purpose is still read).
      stats.sourcesFailed++;
      yield { kind: 'error', error: { source: p, message: 'not a regular file (a FIFO, socket or device): skipped' } };
    } else {
      yield { kind: 'file', path: p };
    }
  }
}

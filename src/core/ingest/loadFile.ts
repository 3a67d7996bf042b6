import { open } from 'node:fs/promises';
import { gunzip, gunzipSync, constants as zc } from 'node:zlib';
import { promisify } from 'node:util';
import { isGzip } from './detectFormat';

const gunzipAsync = promisify(gunzip);

/**
 * How a file will be read: whole (small enough to hold, decompressed, in memory and parse in one
 * go), streamed (too big for that), or not at all.
 */
export type Loaded =
  | { kind: 'whole'; buf: Buffer; bytes: number; gzipError?: unknown }
  | { kind: 'stream'; bytes: number }
  | { kind: 'failed'; error: unknown };

/**
 * Opens a file and, when its decompressed size is at most `wholeLimit`, reads and decompresses it
 * entirely. Decompression runs on libuv's thread pool, so a caller that starts loading the next
 * file while parsing this one uses a second core. Never rejects.
 */
export async function loadFile(path: string, wholeLimit: number): Promise<Loaded> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (error) {
    return { kind: 'failed', error };
  }
  try {
    const st = await fh.stat();
    if (st.isDirectory()) return { kind: 'failed', error: Object.assign(new Error('is a directory'), { code: 'EISDIR' }) };
    const size = st.size;
    if (size > wholeLimit) return { kind: 'stream', bytes: size };
    const buf = await fh.readFile();
    if (!isGzip(buf)) return { kind: 'whole', buf, bytes: buf.length };
    // The gzip trailer holds the uncompressed size (mod 2^32) of the last member; it is only a hint,
    // so maxOutputLength enforces the limit whatever the trailer claims.
    const hint = buf.length >= 18 ? buf.readUInt32LE(buf.length - 4) : 0;
    if (hint > wholeLimit) return { kind: 'stream', bytes: size };
    // One output chunk of the announced size saves zlib's many small chunks and their concatenation.
    const chunkSize = Math.max(64 * 1024, hint + 1);
    try {
      return { kind: 'whole', buf: await gunzipAsync(buf, { maxOutputLength: wholeLimit, chunkSize }), bytes: size };
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return { kind: 'stream', bytes: size };
      return { kind: 'whole', buf: partialGunzip(buf, wholeLimit), bytes: size, gzipError: error };
    }
  } catch (error) {
    return { kind: 'failed', error };
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/** What a damaged gzip still yields: a truncated file's records before the break are worth reading. */
function partialGunzip(buf: Buffer, limit: number): Buffer {
  try {
    return gunzipSync(buf, { finishFlush: zc.Z_SYNC_FLUSH, maxOutputLength: limit });
  } catch {
    return Buffer.alloc(0);
  }
}

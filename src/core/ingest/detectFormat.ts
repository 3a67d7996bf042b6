/**
 * Decides how a source holds its records from its first bytes, never from its name: S3 keys,
 * downloads and `aws` CLI redirections all lose or change extensions.
 */

/** How records are laid out; see `SplitMode` for the JSON layouts. */
export type Layout = 'container' | 'array' | 'concat' | 'jsonl' | 'empty' | 'unknown';

/** Bytes of decompressed content worth looking at before deciding. */
export const SNIFF_BYTES = 64 * 1024;

const CONTAINER_KEYS = new Set(['Records', 'Events', 'NextToken']);

/** True when the bytes start with the gzip magic number. */
export function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Number of bytes of a UTF-8 byte-order mark at the start, which some editors write. */
export function bomLength(head: Buffer): number {
  return head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
}

/**
 * Classifies decompressed content from its start.
 * `{"Records":…` / `{"Events":…` (possibly pretty-printed, possibly several pages) → container;
 * `[` → array of records; a line holding a whole object, or a damaged first line followed by a
 * line starting with `{` → JSONL; a lone `{` line → concatenated pretty-printed objects.
 */
export function detectLayout(head: Buffer): Layout {
  const text = head.toString('latin1', bomLength(head), Math.min(head.length, SNIFF_BYTES));
  const first = text.search(/\S/);
  if (first === -1) return 'empty';
  const c = text[first];
  if (c === '[') return 'array';
  // JSONL whose first line is damaged is still JSONL: its good lines are worth reading.
  if (c !== '{') return /\n[ \t]*\{/.test(text) ? 'jsonl' : 'unknown';
  const key = /^\{\s*"([^"\\]{0,64})"/.exec(text.slice(first))?.[1];
  if (key !== undefined && CONTAINER_KEYS.has(key)) return 'container';
  const nl = text.indexOf('\n', first);
  const firstLine = (nl === -1 ? text.slice(first) : text.slice(first, nl)).trim();
  return firstLine === '{' ? 'concat' : 'jsonl';
}

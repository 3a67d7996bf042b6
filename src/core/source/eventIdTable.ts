/**
 * A set of event ids of one account and event source, compact for the ids CloudTrail writes:
 * a canonical lowercase UUID (`8-4-4-4-12` hex digits) is exactly 128 bits, so it is stored as four
 * 32-bit words in an open-addressing table (16 bytes a slot) rather than as a string in a Set
 * (~90 bytes an id). The mapping is one-to-one, so two distinct ids never compare equal. Any other
 * id (uppercase, other shapes) is kept as its string.
 */
export class EventIdTable {
  private words: Uint32Array;
  private used: Uint8Array;
  private size = 0;
  private others: Set<string> | undefined;
  // Scratch for the id being looked up: no allocation per id.
  private readonly key = new Uint32Array(4);

  constructor(capacity = 64) {
    this.words = new Uint32Array(capacity * 4);
    this.used = new Uint8Array(capacity);
  }

  /** Adds `id`; true when it was not there yet. */
  add(id: string): boolean {
    if (!parseUuid(id, this.key)) {
      const others = (this.others ??= new Set());
      if (others.has(id)) return false;
      others.add(id);
      return true;
    }
    if ((this.size + 1) * 4 > this.used.length * 3) this.grow();
    const k = this.key;
    return this.insert(k[0] as number, k[1] as number, k[2] as number, k[3] as number);
  }

  private insert(a: number, b: number, c: number, d: number): boolean {
    const mask = this.used.length - 1;
    const w = this.words;
    let i = slotOf(a, b, c, d) & mask;
    for (;;) {
      if (this.used[i] === 0) {
        this.used[i] = 1;
        const o = i * 4;
        w[o] = a;
        w[o + 1] = b;
        w[o + 2] = c;
        w[o + 3] = d;
        this.size++;
        return true;
      }
      const o = i * 4;
      if (w[o] === a && w[o + 1] === b && w[o + 2] === c && w[o + 3] === d) return false;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const oldWords = this.words;
    const oldUsed = this.used;
    this.words = new Uint32Array(oldWords.length * 2);
    this.used = new Uint8Array(oldUsed.length * 2);
    this.size = 0;
    for (let i = 0; i < oldUsed.length; i++) {
      if (oldUsed[i] === 0) continue;
      const o = i * 4;
      this.insert(oldWords[o] as number, oldWords[o + 1] as number, oldWords[o + 2] as number, oldWords[o + 3] as number);
    }
  }
}

/** 0–15 for `0-9a-f`, -1 for anything else (uppercase too: that keeps the 128-bit form one-to-one). */
const HEX = new Int8Array(128).fill(-1);
for (let c = 0; c < 10; c++) HEX[48 + c] = c;
for (let c = 0; c < 6; c++) HEX[97 + c] = 10 + c;

function hex(c: number): number {
  return c < 128 ? (HEX[c] as number) : -1;
}

/** Fills `out` with the 128 bits of a canonical lowercase UUID; false for any other string. */
export function parseUuid(s: string, out: Uint32Array): boolean {
  if (s.length !== 36) return false;
  if (s.charCodeAt(8) !== 45 || s.charCodeAt(13) !== 45 || s.charCodeAt(18) !== 45 || s.charCodeAt(23) !== 45) return false;
  // Each word is two runs of four digits: 0-3 + 4-7, 9-12 + 14-17, 19-22 + 24-27, 28-31 + 32-35.
  const a = hex4(s, 0), b = hex4(s, 4), c = hex4(s, 9), d = hex4(s, 14);
  const e = hex4(s, 19), f = hex4(s, 24), g = hex4(s, 28), h = hex4(s, 32);
  if ((a | b | c | d | e | f | g | h) < 0) return false;
  out[0] = ((a << 16) | b) >>> 0;
  out[1] = ((c << 16) | d) >>> 0;
  out[2] = ((e << 16) | f) >>> 0;
  out[3] = ((g << 16) | h) >>> 0;
  return true;
}

/** Four hex digits from `at` as 0-65535, or -1 when one is not a lowercase hex digit. */
function hex4(s: string, at: number): number {
  const w = hex(s.charCodeAt(at)), x = hex(s.charCodeAt(at + 1)), y = hex(s.charCodeAt(at + 2)), z = hex(s.charCodeAt(at + 3));
  if ((w | x | y | z) < 0) return -1;
  return (w << 12) | (x << 8) | (y << 4) | z;
}

/** Mixes all four words: generated ids may differ only in their last digits. */
function slotOf(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ c, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ d, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Checks AWS Signature Version 4 the way AWS does, so that a wrong secret key, a lost session token
 * or a mangled request fails here as it would against AWS (a test passing with any secret proves
 * nothing about credentials).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const hash = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding, as SigV4 requires (encodeURIComponent leaves !'()* alone). */
function encode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalQuery(rawQuery: string): string {
  if (!rawQuery) return '';
  return rawQuery.split('&').filter(Boolean).map((pair) => {
    const i = pair.indexOf('=');
    const k = decodeURIComponent((i < 0 ? pair : pair.slice(0, i)).replace(/\+/g, '%20'));
    const v = i < 0 ? '' : decodeURIComponent(pair.slice(i + 1).replace(/\+/g, '%20'));
    return [encode(k), encode(v)] as const;
  }).sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join('&');
}

/** True when the Authorization header's signature matches the request signed with `secret`. */
export function signatureMatches(req: IncomingMessage, body: Buffer, secret: string): boolean {
  const auth = String(req.headers.authorization ?? '');
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  if (!m || !amzDate.startsWith(m[2]!)) return false;
  const [, , date, region, service, signedHeaders, signature] = m as unknown as string[];
  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
  // S3 signs the path as sent; every other service signs it encoded once more.
  const path = service === 's3' ? rawPath : rawPath.split('/').map((seg) => encode(seg)).join('/');
  const headers = signedHeaders!.split(';').map((h) => `${h}:${String(req.headers[h] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const payload = String(req.headers['x-amz-content-sha256'] ?? '') || hash(body);
  const canonical = [req.method, path || '/', canonicalQuery(q < 0 ? '' : rawUrl.slice(q + 1)), headers, signedHeaders, payload].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, hash(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date!), region!), service!), 'aws4_request');
  const expected = Buffer.from(hmac(key, toSign).toString('hex'));
  const got = Buffer.from(signature!);
  return expected.length === got.length && timingSafeEqual(expected, got);
}

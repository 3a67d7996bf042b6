/**
 * The shapes every AWS protocol shares on the wire: the SigV4 Authorization header (who is calling,
 * in which region, for which service), request ids, XML escaping, and the error bodies of awsJson,
 * awsQuery and REST-XML.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export interface Scope { accessKeyId: string; region: string; service: string }

/** Reads `Credential=AKID/date/region/service/aws4_request` from a SigV4 Authorization header. */
export function parseAuthorization(header: string | undefined): Scope | undefined {
  const m = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(header ?? '');
  return m ? { accessKeyId: m[1]!, region: m[2]!, service: m[3]! } : undefined;
}

export function xml(s: unknown): string {
  return String(s).replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** Deterministic randomness, so that a failing fault-injection run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Protocol = 'json' | 'query' | 'rest-xml';

/** An error as a service raises it; `send` writes it in the protocol's own shape. */
export class ServiceError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender') {
    super(message);
  }
}

const QUERY_NS: Record<string, string> = { iam: 'https://iam.amazonaws.com/doc/2010-05-08/', sts: 'https://sts.amazonaws.com/doc/2011-06-15/' };

export function sendError(res: ServerResponse, protocol: Protocol, service: string, e: ServiceError): void {
  const requestId = randomUUID();
  if (protocol === 'json') {
    res.writeHead(e.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId, 'x-amzn-errortype': e.code });
    res.end(JSON.stringify({ __type: e.code, message: e.message }));
  } else if (protocol === 'query') {
    res.writeHead(e.status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
    res.end(`<ErrorResponse xmlns="${QUERY_NS[service] ?? ''}"><Error><Type>${e.type}</Type><Code>${xml(e.code)}</Code><Message>${xml(e.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`);
  } else {
    res.writeHead(e.status, { 'content-type': 'application/xml', 'x-amz-request-id': requestId });
    res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${xml(e.code)}</Code><Message>${xml(e.message)}</Message><RequestId>${requestId}</RequestId></Error>`);
  }
}

export function sendJson(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() });
  res.end(JSON.stringify(body));
}

/** An awsQuery success: `<OpResponse><OpResult>…</OpResult><ResponseMetadata>…` in the service's namespace. */
export function sendQuery(res: ServerResponse, service: string, operation: string, resultXml: string): void {
  const requestId = randomUUID();
  res.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
  res.end(`<${operation}Response xmlns="${QUERY_NS[service] ?? ''}"><${operation}Result>${resultXml}</${operation}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`);
}

/** Opaque pagination tokens that remember the query they belong to, as AWS's do. */
export function makeToken(offset: number, query: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: query })).toString('base64');
}

export function readToken(token: string | undefined, query: string, code: string): number {
  if (!token) return 0;
  try {
    const t = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { o?: unknown; q?: unknown };
    if (typeof t.o === 'number' && t.q === query) return t.o;
  } catch { /* fall through to the error AWS would give */ }
  throw new ServiceError(400, code, 'The pagination token is not valid for this request.');
}

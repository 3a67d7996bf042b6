// Reads the committed demo/ folder for the demo tests: trail files as delivered, inventory, expectations.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const REPO = resolve(__dirname, '..', '..', '..');
export const DEMO = join(REPO, 'demo');

export type Json = Record<string, unknown>;

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

/** Demo-relative path with forward slashes, as the S3 layout is written. */
export const rel = (p: string): string => relative(DEMO, p).split(sep).join('/');

export const readJson = (p: string): Json => JSON.parse(readFileSync(join(DEMO, p), 'utf8')) as Json;

export interface TrailFile {
  path: string;
  records: Json[];
}

/** Every trail file, gunzipped and parsed; throws with the path when one is damaged. */
export function readTrailFiles(): TrailFile[] {
  return listFiles(join(DEMO, 'AWSLogs')).map((p) => {
    try {
      const doc = JSON.parse(gunzipSync(readFileSync(p)).toString('utf8')) as { Records?: unknown };
      if (!Array.isArray(doc.Records)) throw new Error('no Records array');
      return { path: rel(p), records: doc.Records as Json[] };
    } catch (e) {
      throw new Error(`${rel(p)}: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
}

/** The ARN a check judges for a caller: the role behind a session, else the identity's own ARN. */
export function judgedPrincipal(record: Json): string | undefined {
  const id = record.userIdentity as Json | undefined;
  const issuer = (id?.sessionContext as Json | undefined)?.sessionIssuer as Json | undefined;
  if (typeof issuer?.arn === 'string') return issuer.arn;
  return typeof id?.arn === 'string' ? id.arn : undefined;
}

/** `*` is any run of characters: the mapping file's rule. */
export function matches(pattern: string, value: string): boolean {
  return new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(value);
}

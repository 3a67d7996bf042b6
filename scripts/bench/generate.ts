/**
 * Generates the benchmark's trail files from the shared corpus: each real record becomes a template
 * whose event id, time, recipient account, bucket names and instance ids vary, written as gzip
 * trail files in the S3 delivery layout. Each of 16 tenants stands for a product (5 products) with
 * its own callers, buckets, instances and account. The inventory is built by resolving every template once
 * per tenant, so the check finds owners for most targets (and, on purpose, not for all).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { CloudTrailRecord, Inventory } from '../../src/core/model';
import { resolveRecord } from '../../src/core/resolve/resolver';
import { principalOf } from '../../src/core/attribute/principal';
import { toSnapshot } from '../../src/core/inventory/loadInventory';

const gzipAsync = promisify(gzip);

/** Bump when the generated data changes shape, so stale bench-data is regenerated. */
const GENERATOR_VERSION = 5;
const RECORDS_PER_FILE = 1000;
const TENANTS = 16;
/**
 * One account per tenant: most ARNs carry the account, so this is what keeps one tenant's IAM roles,
 * keys and queues apart from another's (with shared accounts, the first tenant would own them all
 * and every other tenant's use would be a finding).
 */
const ACCOUNTS = Array.from({ length: 16 }, (_, k) => String(100000000000 + k * 1010101));
const REGIONS = ['eu-west-1', 'us-east-1', 'ap-southeast-2'];
const PRODUCTS = ['checkout', 'billing', 'search', 'shared', 'analytics'];
const START_MS = Date.UTC(2024, 4, 1);
const IAM_PRINCIPAL = /^arn:[^:]+:iam::\d*:(user|role)\//;

export interface Manifest {
  version: number;
  records: number;
  files: number;
  generatedInSeconds: number;
}

interface Template {
  parts: string[]; // literal, token, literal, token, …, literal
}

/** Reads the corpus and turns each record into a template with `@@X@@` tokens. */
function templatesFrom(corpus: string): Template[] {
  const out: Template[] = [];
  for (const f of readdirSync(corpus).filter((n) => n.endsWith('.jsonl')).sort()) {
    for (const line of readFileSync(join(corpus, f), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const rec = JSON.parse(line) as CloudTrailRecord;
      rec.eventID = '@@E@@';
      rec.eventTime = '@@T@@';
      let text = JSON.stringify(rec);
      const account = typeof rec.recipientAccountId === 'string' ? rec.recipientAccountId : rec.userIdentity?.accountId;
      if (typeof account === 'string' && /^\d{6,12}$/.test(account)) text = text.replace(new RegExp(`(?<!\\d)${account}(?!\\d)`, 'g'), '@@A@@');
      const bucket = (rec.requestParameters as { bucketName?: unknown } | undefined)?.bucketName;
      if (typeof bucket === 'string' && /^[a-z0-9.-]{3,63}$/.test(bucket)) {
        text = text.replace(new RegExp(`(?<=[":/])${bucket.replace(/\./g, '\\.')}(?=["/])`, 'g'), `${bucket}-t@@K@@`);
      }
      // Callers vary by tenant too, so each tenant is a product's own set of principals.
      const ui = rec.userIdentity;
      for (const name of [ui?.userName, ui?.sessionContext?.sessionIssuer?.userName]) {
        if (typeof name === 'string' && /^[\w+=,.@-]{3,64}$/.test(name)) {
          text = text.replace(new RegExp(`(?<=[":/])${name.replace(/[.+]/g, '\\$&')}(?=["/])`, 'g'), `${name}-t@@K@@`);
        }
      }
      text = text.replace(/\bi-[0-9a-f]{2}([0-9a-f]{6,15})\b/g, 'i-@@H@@$1');
      out.push({ parts: text.split(/@@([ETAKH])@@/) });
    }
  }
  return out;
}

function fill(t: Template, id: string, time: string, tenant: number): string {
  const p = t.parts;
  let s = p[0] ?? '';
  for (let i = 1; i < p.length; i += 2) {
    const tok = p[i];
    s += tok === 'E' ? id : tok === 'T' ? time : tok === 'A' ? ACCOUNTS[tenant % ACCOUNTS.length] : tok === 'K' ? String(tenant) : tenant.toString(16).padStart(2, '0');
    s += p[i + 1] ?? '';
  }
  return s;
}

function uuidOf(n: number): string {
  const h = n.toString(16).padStart(12, '0');
  return `be0c4a11-0000-4000-8000-${h}`;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * A tenant is a product: its callers and most of the resources they touch carry its tag. About 1 in
 * 30 targets belongs to another product (the findings) and 1 in 20 is untagged (owner gaps).
 */
function productFor(arn: string, tenant: number): string | undefined {
  const h = hash(arn);
  if (h % 20 === 0) return undefined;
  return PRODUCTS[(h % 30 === 1 ? tenant + 1 + (h % 3) : tenant) % PRODUCTS.length];
}

function buildInventory(templates: Template[]): Inventory {
  const inv: Inventory = { principals: new Map(), resources: new Map(), sources: ['bench-data (generated)'] };
  for (let k = 0; k < TENANTS; k++) {
    for (const t of templates) {
      const rec = JSON.parse(fill(t, 'x', '2024-05-01T00:00:00Z', k)) as CloudTrailRecord;
      for (const target of resolveRecord(rec).targets) {
        // IAM users and roles are principals too: one product each, whichever way they are met.
        if (IAM_PRINCIPAL.test(target.arn)) {
          if (!inv.principals.has(target.arn)) inv.principals.set(target.arn, [{ key: 'product', value: PRODUCTS[k % PRODUCTS.length] as string }]);
          continue;
        }
        const p = productFor(target.arn, k);
        if (p !== undefined && !inv.resources.has(target.arn)) inv.resources.set(target.arn, [{ key: 'product', value: p }]);
      }
      const principal = principalOf(rec).arn;
      if (!inv.principals.has(principal)) inv.principals.set(principal, [{ key: 'product', value: PRODUCTS[k % PRODUCTS.length] as string }]);
    }
  }
  return inv;
}

/** Generates (or reuses) at least `records` records under `root`; returns the manifest. */
export async function ensureBenchData(root: string, corpus: string, records: number): Promise<Manifest> {
  const manifestPath = join(root, 'manifest.json');
  if (existsSync(manifestPath)) {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    if (m.version === GENERATOR_VERSION && m.records >= records) return m;
  }
  const t0 = performance.now();
  rmSync(root, { recursive: true, force: true });
  const templates = templatesFrom(corpus);
  const files = Math.ceil(records / RECORDS_PER_FILE);
  let seq = 0;
  const pending: Promise<void>[] = [];
  for (let f = 0; f < files; f++) {
    const tenant = f % TENANTS;
    const account = ACCOUNTS[tenant % ACCOUNTS.length] ?? '';
    const region = REGIONS[(f >> 4) % REGIONS.length] ?? '';
    const fileMs = START_MS + f * 5 * 60_000;
    const lines: string[] = [];
    for (let r = 0; r < RECORDS_PER_FILE; r++, seq++) {
      const t = templates[seq % templates.length] as Template;
      lines.push(fill(t, uuidOf(seq), new Date(fileMs + r * 300).toISOString().replace(/\.\d{3}Z$/, 'Z'), tenant));
    }
    const d = new Date(fileMs).toISOString();
    const stamp = `${d.slice(0, 4)}${d.slice(5, 7)}${d.slice(8, 10)}T${d.slice(11, 13)}${d.slice(14, 16)}Z`;
    const path = join(root, 'AWSLogs', account, 'CloudTrail', region, d.slice(0, 4), d.slice(5, 7), d.slice(8, 10), `${account}_CloudTrail_${region}_${stamp}_${String(f).padStart(6, '0')}.json.gz`);
    mkdirSync(dirname(path), { recursive: true });
    const body = Buffer.from(`{"Records":[${lines.join(',')}]}`);
    pending.push(gzipAsync(body, { level: 6 }).then((gz) => writeFileSync(path, gz)));
    // Keep a few files compressing on the thread pool, not all of them in memory.
    if (pending.length >= 4) await pending.shift();
  }
  await Promise.all(pending);
  const inv = buildInventory(templates);
  writeFileSync(join(root, 'inventory.json'), JSON.stringify(toSnapshot(inv)));
  const m: Manifest = { version: GENERATOR_VERSION, records: files * RECORDS_PER_FILE, files, generatedInSeconds: (performance.now() - t0) / 1000 };
  writeFileSync(manifestPath, JSON.stringify(m));
  return m;
}

// Loads resolveRecord at run time so the measurement and its test can say "resolver missing" and
// carry on with the baseline, instead of failing to compile while the resolver is being written.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CloudTrailRecord, LookupResource, Resolution } from '../../src/core/model';
import { REPO_ROOT } from './labels';

/** The contract in docs/ARCHITECTURE.md. */
export type ResolveRecord = (record: CloudTrailRecord, lookupResources?: LookupResource[]) => Resolution;

/** Where the contract says the resolver lives. */
export const RESOLVER_PATH = path.join(REPO_ROOT, 'src/core/resolve/resolver.ts');

/** resolveRecord from `file` (the contract's place by default), or a sentence saying why it could not be loaded. */
export async function loadResolveRecord(file: string = RESOLVER_PATH): Promise<ResolveRecord | string> {
  if (!existsSync(file)) return `${path.relative(REPO_ROOT, file)} does not exist yet`;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    return `loading the resolver failed: ${e instanceof Error ? e.message : String(e)}`;
  }
  // A CommonJS module imported from ESM may expose its exports only under `default`.
  const fallback = mod.default as Record<string, unknown> | undefined;
  const fn = mod.resolveRecord ?? fallback?.resolveRecord;
  return typeof fn === 'function' ? (fn as ResolveRecord) : 'the resolver module exports no resolveRecord function';
}

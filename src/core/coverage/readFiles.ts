import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { SourceError } from '../source/errors';
import { trailName, type AdvancedEventSelector, type BasicEventSelector, type TrailConfig, type TrailDescription, type TrailEntry, type TrailStatus } from './trailConfig';

/**
 * The trail configuration from the AWS CLI's JSON outputs, each file detected by its shape:
 * `aws cloudtrail describe-trails` (`trailList`), `get-trail-status` (`IsLogging`) and
 * `get-event-selectors` (`TrailARN` with `EventSelectors` or `AdvancedEventSelectors`).
 * GetTrailStatus's answer names no trail: a status file is matched to the trail whose name its file
 * name holds (`get-trail-status.<name>.json`), or to the only trail, or by a `Name`/`TrailARN` field
 * added to it. A region code in a describe-trails file's name says which region it listed
 * (`describe-trails.eu-west-1.json`): that region is then in the coverage, with or without trails.
 */
export type TrailFileKind = 'describe-trails' | 'get-trail-status' | 'get-event-selectors';

/** The kind of a parsed JSON document, or undefined when it is none of the three outputs. */
export function trailFileKind(json: unknown): TrailFileKind | undefined {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const o = json as Record<string, unknown>;
  if (Array.isArray(o.trailList)) return 'describe-trails';
  if (typeof o.IsLogging === 'boolean') return 'get-trail-status';
  if (typeof o.TrailARN === 'string' && (Array.isArray(o.EventSelectors) || Array.isArray(o.AdvancedEventSelectors))) return 'get-event-selectors';
  return undefined;
}

const REGION_IN_NAME = /(?:^|[^a-z0-9])([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d)(?![0-9])/;

async function jsonFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let s;
    try {
      s = await stat(p);
    } catch {
      throw new SourceError(`cannot read trail configuration "${p}" (no such file or folder, or no permission)`);
    }
    if (s.isDirectory()) {
      const names = (await readdir(p)).sort();
      out.push(...(await jsonFiles(names.filter((n) => !n.startsWith('.')).map((n) => join(p, n)))).filter((f) => f.endsWith('.json')));
    } else {
      out.push(p);
    }
  }
  return out;
}

function time(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v * 1000).toISOString();
  if (v instanceof Date && !isNaN(v.getTime())) return v.toISOString();
  return undefined;
}

/** A GetTrailStatus answer (from the CLI or the SDK) reduced to what coverage uses. */
export function statusFrom(o: Record<string, unknown>): TrailStatus {
  const start = time(o.StartLoggingTime);
  const stop = time(o.StopLoggingTime);
  return {
    ...(typeof o.IsLogging === 'boolean' ? { IsLogging: o.IsLogging } : {}),
    ...(start ? { StartLoggingTime: start } : {}), ...(stop ? { StopLoggingTime: stop } : {}),
    ...(typeof o.LatestDeliveryError === 'string' && o.LatestDeliveryError ? { LatestDeliveryError: o.LatestDeliveryError } : {}),
  };
}

/** Adds a trail (listed by several regions' DescribeTrails as a shadow trail: once, by ARN). */
export function addTrail(trails: Map<string, TrailEntry>, d: TrailDescription): TrailEntry {
  const key = d.TrailARN ?? trailName(d);
  let entry = trails.get(key);
  if (!entry) { entry = { description: d }; trails.set(key, entry); }
  return entry;
}

function findTrail(trails: Map<string, TrailEntry>, ref: string): TrailEntry | undefined {
  return trails.get(ref) ?? [...trails.values()].find((t) => t.description.Name === ref || t.description.TrailARN === ref);
}

/** Reads trail configuration files and folders; a file of another shape, or not JSON, is a SourceError naming it. */
export async function readTrailConfigFiles(paths: readonly string[]): Promise<TrailConfig> {
  const files = await jsonFiles(paths);
  const trails = new Map<string, TrailEntry>();
  const regionsListed = new Set<string>();
  const notes: string[] = [];
  let listed = false;
  const statuses: { file: string; o: Record<string, unknown> }[] = [];
  const selectors: { file: string; o: Record<string, unknown> }[] = [];
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (e) {
      throw new SourceError(`trail configuration ${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
    const kind = trailFileKind(json);
    const o = json as Record<string, unknown>;
    if (kind === undefined) throw new SourceError(`trail configuration ${file} is not the output of aws cloudtrail describe-trails, get-trail-status or get-event-selectors`);
    if (kind === 'describe-trails') {
      listed = true;
      for (const t of o.trailList as unknown[]) if (t && typeof t === 'object') addTrail(trails, t as TrailDescription);
      const region = REGION_IN_NAME.exec(basename(file))?.[1];
      if (region) regionsListed.add(region);
    } else if (kind === 'get-trail-status') statuses.push({ file, o });
    else selectors.push({ file, o });
  }
  for (const { file, o } of selectors) {
    const arn = o.TrailARN as string;
    const entry = findTrail(trails, arn) ?? addTrail(trails, { TrailARN: arn, Name: arn.split('/').pop() ?? arn });
    if (Array.isArray(o.AdvancedEventSelectors) && o.AdvancedEventSelectors.length > 0) entry.advancedEventSelectors = o.AdvancedEventSelectors as AdvancedEventSelector[];
    else entry.eventSelectors = (o.EventSelectors ?? []) as BasicEventSelector[];
    void file;
  }
  for (const { file, o } of statuses) {
    const named = [o.TrailARN, o.Name, o.TrailName].find((v): v is string => typeof v === 'string');
    const base = basename(file);
    const byFileName = [...trails.values()].filter((t) => base.includes(trailName(t.description))).sort((a, b) => trailName(b.description).length - trailName(a.description).length)[0];
    const entry = named !== undefined ? findTrail(trails, named) : byFileName ?? (trails.size === 1 ? [...trails.values()][0] : undefined);
    if (!entry) { notes.push(`${file}: a trail status that names no trail of the configuration (name the file get-trail-status.<trail name>.json)`); continue; }
    entry.status = statusFrom(o);
  }
  if (!listed) notes.push('no describe-trails output among the trail configuration files: the trails are known only from their event selectors, and their regions are not known');
  for (const t of trails.values()) {
    if (!t.status) t.statusProblem = 'no get-trail-status output for this trail among the files';
    if (!t.eventSelectors && !t.advancedEventSelectors) t.selectorsProblem = 'no get-event-selectors output for this trail among the files';
  }
  return { sources: files, trails: [...trails.values()], regionsListed: [...regionsListed].sort(), notes };
}

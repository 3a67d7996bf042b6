// Reads the labelled resolution sample (test/labelled/labels-*.jsonl) and the corpus records the
// labels point at. Labels reference records by file and line instead of copying them, so a corpus
// that shifted under the labels must be caught here, not scored as resolver misses.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CloudTrailRecord } from '../../src/core/model';

/** Repository root, from this file's place in it. */
export const REPO_ROOT = path.resolve(__dirname, '../..');
/** The shared corpus lives beside the repository and is never copied into it. */
export const CORPUS_DIR = path.resolve(REPO_ROOT, '../shared/corpus');
/** Where the label files live. */
export const LABELS_DIR = path.resolve(REPO_ROOT, 'test/labelled');

export type ExpectedStatus = 'targets' | 'no-target' | 'unknowable';

/** One line of a labels-*.jsonl file. */
export interface Label {
  file: string;
  line: number;
  eventID?: string;
  eventSource: string;
  eventName: string;
  expected: { status: ExpectedStatus; targets: string[] };
  note?: string;
  /** `labels-a.jsonl:12`, for messages. */
  origin: string;
}

/** A label with the record it points at. */
export interface LabelledRecord {
  label: Label;
  record: CloudTrailRecord;
}

const STATUSES: readonly string[] = ['targets', 'no-target', 'unknowable'];
// Corpus file names only: a label must not be able to point outside the corpus folder.
const CORPUS_FILE = /^[A-Za-z0-9_.-]+\.jsonl$/;
// partition:service:region:account:resource; region and account may be empty, and anonymised
// corpora carry account ids that are not 12 digits, so the account is only checked for shape.
const ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:[^:\s]*:\S+$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks one parsed label line; returns the problems found (empty when well-formed). */
export function labelProblems(v: unknown): string[] {
  if (!isRecord(v)) return ['not a JSON object'];
  const problems: string[] = [];
  if (typeof v.file !== 'string' || !CORPUS_FILE.test(v.file)) problems.push('file must be a bare corpus .jsonl name');
  if (typeof v.line !== 'number' || !Number.isInteger(v.line) || v.line < 1) problems.push('line must be a 1-based integer');
  if (v.eventID !== undefined && typeof v.eventID !== 'string') problems.push('eventID must be a string');
  if (typeof v.eventSource !== 'string' || v.eventSource === '') problems.push('eventSource missing');
  if (typeof v.eventName !== 'string' || v.eventName === '') problems.push('eventName missing');
  if (v.note !== undefined && typeof v.note !== 'string') problems.push('note must be a string');
  const exp = v.expected;
  if (!isRecord(exp)) return [...problems, 'expected missing'];
  if (typeof exp.status !== 'string' || !STATUSES.includes(exp.status)) problems.push(`unknown status ${String(exp.status)}`);
  if (!Array.isArray(exp.targets)) return [...problems, 'expected.targets must be an array'];
  for (const t of exp.targets) {
    if (typeof t !== 'string' || !ARN.test(t)) problems.push(`not an ARN: ${String(t)}`);
  }
  if (new Set(exp.targets).size !== exp.targets.length) problems.push('duplicate target');
  if (exp.status === 'targets' && exp.targets.length === 0) problems.push('status targets needs at least one target');
  if (exp.status !== 'targets' && exp.targets.length > 0) problems.push(`status ${String(exp.status)} must list no targets`);
  return problems;
}

/** The tuning labels the threshold test scores; the held-out file is `holdout.jsonl`. */
export const TUNING_LABELS = /^labels-.+\.jsonl$/;

/**
 * Reads every label file in `dir` whose name matches `files` (default: the tuning labels).
 * Malformed lines and duplicate references land in `problems`.
 */
export function loadLabels(dir: string = LABELS_DIR, files: RegExp = TUNING_LABELS): { labels: Label[]; problems: string[] } {
  const labels: Label[] = [];
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const names = readdirSync(dir).filter((n) => files.test(n)).sort();
  for (const name of names) {
    const lines = readFileSync(path.join(dir, name), 'utf8').split('\n');
    lines.forEach((text, i) => {
      if (text.trim() === '') return;
      const origin = `${name}:${i + 1}`;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        problems.push(`${origin}: not JSON`);
        return;
      }
      const p = labelProblems(parsed);
      if (p.length > 0) {
        problems.push(...p.map((m) => `${origin}: ${m}`));
        return;
      }
      const label = { ...(parsed as Omit<Label, 'origin'>), origin };
      const key = `${label.file}:${label.line}`;
      const earlier = seen.get(key);
      if (earlier) problems.push(`${origin}: ${key} is already labelled at ${earlier}`);
      else seen.set(key, origin);
      labels.push(label);
    });
  }
  return { labels, problems };
}

/**
 * Loads the record each label points at and checks it is the record the label was written for
 * (eventID, eventSource, eventName). Labels whose record is missing or different are left out and
 * reported in `problems`.
 */
export function loadLabelledRecords(labels: Label[], corpusDir: string = CORPUS_DIR): { items: LabelledRecord[]; problems: string[] } {
  const files = new Map<string, string[] | undefined>();
  const linesOf = (file: string): string[] | undefined => {
    if (!files.has(file)) {
      const p = path.join(corpusDir, file);
      files.set(file, existsSync(p) ? readFileSync(p, 'utf8').split('\n') : undefined);
    }
    return files.get(file);
  };
  const items: LabelledRecord[] = [];
  const problems: string[] = [];
  for (const label of labels) {
    const where = `${label.origin} (${label.file}:${label.line})`;
    const text = linesOf(label.file)?.[label.line - 1];
    if (text === undefined || text.trim() === '') {
      problems.push(`${where}: no such corpus record`);
      continue;
    }
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      problems.push(`${where}: corpus line is not JSON`);
      continue;
    }
    if (!isRecord(record)) {
      problems.push(`${where}: corpus line is not an object`);
      continue;
    }
    const rec = record as CloudTrailRecord;
    if ((label.eventID !== undefined || rec.eventID !== undefined) && label.eventID !== rec.eventID) {
      problems.push(`${where}: eventID ${String(label.eventID)} does not match the record's ${String(rec.eventID)} (corpus shifted?)`);
      continue;
    }
    if (label.eventSource !== rec.eventSource || label.eventName !== rec.eventName) {
      problems.push(`${where}: record is ${String(rec.eventSource)}:${String(rec.eventName)}, label says ${label.eventSource}:${label.eventName}`);
      continue;
    }
    items.push({ label, record: rec });
  }
  return { items, problems };
}

/** True when the shared corpus folder is present beside the repository. */
export function corpusAvailable(corpusDir: string = CORPUS_DIR): boolean {
  return existsSync(corpusDir);
}

/** The second held-out sample's labels; its records are rebuilt outside the repository (holdout-2/README.md). */
export const HOLDOUT2_LABELS_DIR = path.join(LABELS_DIR, 'holdout-2');

/** The holdout-2 labels with the records they point at, read from `recordsDir` (TAGTRAIL_HOLDOUT2_DIR). */
export function loadHoldout2(recordsDir: string): { labels: Label[]; items: LabelledRecord[]; problems: string[] } {
  const { labels, problems } = loadLabels(HOLDOUT2_LABELS_DIR, /^labels\.jsonl$/);
  const loaded = loadLabelledRecords(labels, recordsDir);
  return { labels, items: loaded.items, problems: [...problems, ...loaded.problems] };
}

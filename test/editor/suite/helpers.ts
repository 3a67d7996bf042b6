// What the extension-host tests share: the running extension and its API, the demo account's
// expectations, settings changes that undo themselves, and polling for state the UI reaches later.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { scaled } from '../../../scripts/editor/timeouts';
import type { TagTrailApi } from '../../../src/extension/extension';

export const EXTENSION_ID = 'tagtrail.tagtrail';

/** The installed (development) TagTrail extension. */
export function extension(): vscode.Extension<TagTrailApi> {
  const ext = vscode.extensions.getExtension<TagTrailApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded in this editor`);
  return ext;
}

/** Activates TagTrail (idempotent) and returns what `activate` returned. */
export async function api(): Promise<TagTrailApi> {
  const ext = extension();
  const a = ext.isActive ? ext.exports : await ext.activate();
  assert.ok(a && typeof a.getProductsTree === 'function', 'activate() must return the TagTrail API');
  return a;
}

/** The demo account folder shipped with the extension. */
export function demoDir(): string {
  return join(extension().extensionPath, 'demo');
}

/** The parts of demo/expected.json the tests compare with. */
export interface DemoExpected {
  account: string;
  records: number;
  pairs: { principalProduct: string; resourceProduct: string; counts: Record<'write' | 'read' | 'denied', number> }[];
  findings: { eventID: string; severity: string; principalProduct: string; resourceProduct: string; resourceArns: string[] }[];
  gaps: { eventID: string; kind: string; principalArn?: string }[];
  untaggedResources: { arn: string }[];
}

export function demoExpected(): DemoExpected {
  return JSON.parse(readFileSync(join(demoDir(), 'expected.json'), 'utf8')) as DemoExpected;
}

/**
 * Polls until `check` returns a value other than undefined/false (a state: a panel's paint report, a
 * tree's label, a file), or fails saying what never happened. The bound is scaled by
 * TAGTRAIL_TEST_TIMEOUT_SCALE (scripts/editor/timeouts.ts): slow is not failed.
 */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, ms = scaled(60_000)): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Loads the demo account through the command a user would click, and waits for its check. */
export async function openDemo(): Promise<TagTrailApi> {
  const a = await api();
  const outcome = await vscode.commands.executeCommand('tagtrail.openDemo');
  assert.equal(outcome, 'done', 'Open Demo Account should load and check the demo');
  await a.whenIdle();
  return a;
}

type Setting = [section: string, value: unknown];

/**
 * Sets `tagtrail.*` user settings for the duration of `body`, then puts the previous values back,
 * so that one test's settings never leak into the next.
 */
export async function withSettings<T>(settings: Setting[], body: () => Promise<T>): Promise<T> {
  const cfg = vscode.workspace.getConfiguration('tagtrail');
  const saved = settings.map(([k]) => [k, cfg.inspect(k)?.globalValue] as const);
  for (const [k, v] of settings) await cfg.update(k, v, vscode.ConfigurationTarget.Global);
  try {
    return await body();
  } finally {
    for (const [k, v] of saved) await vscode.workspace.getConfiguration('tagtrail').update(k, v, vscode.ConfigurationTarget.Global);
  }
}

/** Multiset of `key(x)` over a list, as sorted `key ×n` lines: readable in a failed deepEqual. */
export function tally<T>(items: T[], key: (x: T) => string): string[] {
  const m = new Map<string, number>();
  for (const x of items) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return [...m.entries()].map(([k, n]) => `${k} ×${n}`).sort();
}

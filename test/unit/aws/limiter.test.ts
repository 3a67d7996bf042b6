import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimiter, sleep } from '../../../src/core/aws/limiter';
import { mapLimit } from '../../../src/core/aws/concurrency';
import { mergeAsync } from '../../../src/core/aws/merge';

test('the limiter never lets a key start more than N calls in any window, keys independent', async () => {
  // How late this process's timers run right now (machines here are shared): the pacing bound below
  // is relative to three back-to-back 110 ms sleeps, the least the limiter can take for calls 3..7.
  const tb = Date.now();
  for (let i = 0; i < 3; i++) await sleep(110);
  const timerFloor = Date.now() - tb;
  const limiter = new RateLimiter({ perWindow: 2, windowMs: 100, marginMs: 10 });
  const starts: Record<string, number[]> = { a: [], b: [] };
  const t0 = Date.now();
  // The start of a call is the time the limiter granted it, not the time this continuation ran:
  // on a busy machine the continuation can run late, which made two grants 110 ms apart look 105 ms
  // apart. Grants of one key are serialised, and the caller's continuation runs before the next take
  // of its key, so the last grant recorded for the key is this caller's.
  const granted = (k: string): number => (limiter as unknown as { starts: Map<string, number[]> }).starts.get(k)!.at(-1)!;
  await Promise.all(['a', 'b'].flatMap((k) => Array.from({ length: 7 }, async () => { await limiter.acquire(k); starts[k]!.push(granted(k) - t0); })));
  for (const k of ['a', 'b']) {
    const s = starts[k]!.sort((x, y) => x - y);
    for (let i = 2; i < s.length; i++) assert.ok(s[i]! - s[i - 2]! >= 109, `${k}: starts ${s.join(',')}`);
    assert.ok(s[6]! < timerFloor + 120, `${k} kept pace: ${s.join(',')} (three timer windows took ${timerFloor} ms)`);
  }
});

test('an aborted wait rejects and does not block the queue', async () => {
  const tb = Date.now();
  await sleep(200);
  const oneWindow = Date.now() - tb;
  const limiter = new RateLimiter({ perWindow: 1, windowMs: 200, marginMs: 0 });
  await limiter.acquire('k');
  const ac = new AbortController();
  const waiting = limiter.acquire('k', ac.signal);
  ac.abort();
  await assert.rejects(waiting);
  const t = Date.now();
  await limiter.acquire('k');
  // Had the aborted caller kept its slot, this wait would be two windows, not one.
  assert.ok(Date.now() - t < oneWindow + 150, `waited ${Date.now() - t} ms; one window takes ${oneWindow} ms here`);
});

test('mapLimit keeps order and bounds parallelism; mergeAsync yields everything from every source', async () => {
  let inFlight = 0;
  let peak = 0;
  const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => { inFlight++; peak = Math.max(peak, inFlight); await new Promise((r) => setTimeout(r, n * 3)); inFlight--; return n * 10; });
  assert.deepEqual(out, [50, 10, 40, 20, 30]);
  assert.equal(peak, 2);
  async function* gen(prefix: string, n: number) { for (let i = 0; i < n; i++) { await new Promise((r) => setTimeout(r, 1)); yield `${prefix}${i}`; } }
  const merged: string[] = [];
  for await (const x of mergeAsync([gen('a', 3), gen('b', 5), gen('c', 0)])) merged.push(x);
  assert.deepEqual(merged.sort(), ['a0', 'a1', 'a2', 'b0', 'b1', 'b2', 'b3', 'b4']);
});

// Smoke test over the shared corpus of real CloudTrail records (../shared/corpus, never copied here).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveRecord } from '../../../src/core/resolve/resolver';
import type { CloudTrailRecord } from '../../../src/core/model';

const corpus = resolve(__dirname, '../../../../shared/corpus');
const skip = existsSync(corpus) ? false : `corpus not found at ${corpus}: real-record smoke test skipped`;

test('every corpus record resolves without throwing, with a reason wherever a target is missing', { skip }, () => {
  const counts: Record<string, number> = { resolved: 0, partial: 0, unresolved: 0, 'no-target': 0 };
  let total = 0;
  for (const f of readdirSync(corpus).filter((n) => n.endsWith('.jsonl'))) {
    for (const line of readFileSync(join(corpus, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = resolveRecord(JSON.parse(line) as CloudTrailRecord);
      total++;
      counts[r.status] = (counts[r.status] ?? 0) + 1;
      if (r.status !== 'resolved') assert.ok(r.reason, `${f}: ${r.status} without a reason`);
      for (const t of r.targets) assert.ok(t.arn.startsWith('arn:'), t.arn);
      const seen = new Set(r.targets.map((t) => t.arn));
      for (const t of r.related) assert.ok(!seen.has(t.arn), `${t.arn} is both target and related`);
    }
  }
  assert.ok(total > 1000, `expected the corpus to hold thousands of records, read ${total}`);
  // Loose floors, far below today's figures (≈60% resolved, ≈3% unresolved): a collapse fails, drift does not.
  assert.ok((counts.unresolved ?? 0) / total < 0.15, JSON.stringify(counts));
  assert.ok(((counts.resolved ?? 0) + (counts['no-target'] ?? 0)) / total > 0.8, JSON.stringify(counts));
});

// Real records: every successful tag-changing call in the shared corpus gives its tags in a shape
// the history reads (records are read from ../shared/corpus, never copied into the repository).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveRecord } from '../../../src/core/resolve/resolver';
import { observationsOf } from '../../../src/core/history/fromTrail';
import { isTagChange } from '../../../src/core/history/tagActions';
import type { CloudTrailRecord } from '../../../src/core/model';

const CORPUS = resolve(__dirname, '../../../../shared/corpus');

test('corpus: the tag shapes of real tag-changing calls are read', (t) => {
  if (!existsSync(CORPUS)) {
    t.skip(`no corpus at ${CORPUS}: the shared corpus sits beside the repository on the team's machines`);
    return;
  }
  const unread: string[] = [];
  let seen = 0;
  for (const file of readdirSync(CORPUS).filter((f) => f.endsWith('.jsonl'))) {
    for (const line of readFileSync(join(CORPUS, file), 'utf8').split('\n')) {
      if (!line.includes('Tag')) continue;
      let r: CloudTrailRecord;
      try {
        r = JSON.parse(line) as CloudTrailRecord;
      } catch {
        continue;
      }
      if (typeof r?.eventName !== 'string' || !isTagChange(r.eventName) || r.errorCode) continue;
      seen++;
      const o = observationsOf(r, resolveRecord(r));
      for (const p of o.problems) if (/shape/.test(p.reason)) unread.push(`${file}: ${String(r.eventSource)} ${r.eventName} ${JSON.stringify(r.requestParameters).slice(0, 200)}`);
    }
  }
  assert.ok(seen > 0, 'the corpus has tag-changing calls');
  assert.deepEqual(unread, []);
});

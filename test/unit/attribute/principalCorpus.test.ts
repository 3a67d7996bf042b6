import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { principalOf } from '../../../src/core/attribute/principal';

const corpus = path.resolve(__dirname, '../../../..', 'shared/corpus');

test('every corpus record yields a principal; sessions are judged as roles', { skip: existsSync(corpus) ? false : `corpus not found at ${corpus}` }, () => {
  const byType = new Map<string, number>();
  let sessions = 0;
  for (const f of readdirSync(corpus).filter((n) => n.endsWith('.jsonl'))) {
    for (const line of readFileSync(path.join(corpus, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line);
      const p = principalOf(r);
      byType.set(p.type, (byType.get(p.type) ?? 0) + 1);
      if (r.userIdentity?.type === 'AssumedRole' && /^arn:[^:]+:sts::\d*:assumed-role\//.test(String(r.userIdentity.arn))) {
        sessions++;
        assert.match(p.arn, /^arn:aws[\w-]*:iam::\d*:role\//, `session ${r.userIdentity.arn} judged as ${p.arn}`);
        assert.ok(p.type === 'iam-role' || p.type === 'sso-role');
      }
    }
  }
  assert.ok(sessions > 100, `expected many assumed-role sessions in the corpus, saw ${sessions}`);
  assert.ok((byType.get('aws-service') ?? 0) > 0);
});

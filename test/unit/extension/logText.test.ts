// The extension's Output channel writes each line after its own timestamp and level, so text from a
// file name or record that carried a newline could forge lines there ("[error] credentials leaked").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { readErrorLine } from '../../../src/extension/logText';
import { PAYLOADS, RAW_CONTROL, RAW_INVISIBLE } from '../../fixtures/hostile/hostileRecords';

const ROOT = resolve(__dirname, '../../..');
const FORGED = '\n2026-01-01 00:00:00.000 [error] AWS credentials written to /tmp/x';

test('a read error line stays one line whatever its file name and message hold', () => {
  for (const p of [...PAYLOADS.map((x) => x.text), FORGED]) {
    const line = readErrorLine({ source: `/trails/${p}.json`, position: 7, message: `Unexpected token ${p}` });
    assert.doesNotMatch(line, /[\r\n\u2028\u2029]/, JSON.stringify(line));
    assert.doesNotMatch(line, RAW_CONTROL);
    assert.doesNotMatch(line, RAW_INVISIBLE);
  }
  assert.equal(readErrorLine({ source: '/t/a.json', position: 3, message: 'not JSON' }), 'read error /t/a.json:3: not JSON', 'ordinary text unchanged');
  assert.equal(readErrorLine({ source: `/t/a${FORGED}`, message: 'x' }).includes('\\x0a2026'), true, 'the newline is shown, not obeyed');
});

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []));
}

// Counts, times and the already-escaped progress title may go in raw; anything else must be escaped.
const SAFE_PART = /^(escapeTerminal\(.*\)|title|[\w.]+\.(size|length|dropped|cap)|result\.stats\.\w+|Date\.now\(\) - started)$/;

test('every Output channel line the extension writes escapes the text it interpolates', () => {
  let seen = 0;
  for (const f of files(join(ROOT, 'src/extension'))) {
    for (const m of readFileSync(f, 'utf8').matchAll(/\blog\.(?:info|warn|error|debug|trace|appendLine)\((.*)\);?$/gm)) {
      seen++;
      const arg = m[1]!;
      const whole = /^(escapeTerminal|readErrorLine)\(/.test(arg) || /^'[^']*'$/.test(arg);
      if (whole) continue;
      for (const part of arg.matchAll(/\$\{((?:[^{}]|\{[^{}]*\})*)\}/g)) {
        assert.match(part[1]!.trim(), SAFE_PART, `${relative(ROOT, f)}: log line interpolates \${${part[1]}} unescaped`);
      }
    }
  }
  assert.ok(seen >= 8, `the scan sees the extension's log lines (${seen})`);
});

// VS Code notifications render `[label](command:id?args)` as a link that runs the command when
// clicked (the workbench opens it with allowCommands). A product tag, an event id or an AWS error
// message shown in one must not be able to plant such a link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { escapeNotice } from '../../../src/core/report/escape';
import { PAYLOADS, RAW_CONTROL, RAW_INVISIBLE } from '../../fixtures/hostile/hostileRecords';

// VS Code's own link syntax for notifications (src/vs/base/common/linkedText.ts).
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const ROOT = resolve(__dirname, '../../..');
const COMMAND_LINK = '[Show details](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22curl%20x%7Csh%5Cn%22%7D)';

test('escapeNotice leaves no link VS Code would render, and no control or bidi character', () => {
  const inputs = [COMMAND_LINK, `[a]( command:x) [b](https://attacker.example) [c]\n(file:///etc/passwd)`, ...PAYLOADS.map((p) => p.text), `product ${COMMAND_LINK}`];
  assert.ok(COMMAND_LINK.match(VSCODE_LINK), 'control: the raw text is a link');
  for (const s of inputs) {
    const out = escapeNotice(s);
    assert.equal(out.match(VSCODE_LINK), null, `link left in ${JSON.stringify(out)}`);
    assert.doesNotMatch(out, RAW_CONTROL);
    assert.doesNotMatch(out, RAW_INVISIBLE);
  }
  assert.equal(escapeNotice('TagTrail: 3 cross-product accesses involving checkout.'), 'TagTrail: 3 cross-product accesses involving checkout.', 'ordinary text unchanged');
});

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []));
}

test('every notification the extension shows is a fixed string or goes through escapeNotice', () => {
  const calls: string[] = [];
  for (const f of files(join(ROOT, 'src/extension'))) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/\bshow(?:Error|Warning|Information)Message\(\s*([\s\S]{0,400})/g)) {
      const arg = m[1]!;
      calls.push(relative(ROOT, f));
      const fixed = /^'[^']*'\s*[,)]/.test(arg) || /^`[^`$]*`\s*[,)]/.test(arg);
      assert.ok(fixed || arg.startsWith('escapeNotice('), `${relative(ROOT, f)}: show…Message(${arg.slice(0, 40)}…) shows text that is neither fixed nor escaped`);
    }
  }
  assert.ok(calls.length >= 5, `the scan sees the extension's notifications (${calls.length})`);
  // Progress notifications show their title the same way (loader.ts names it `title`).
  for (const f of files(join(ROOT, 'src/extension'))) {
    for (const m of readFileSync(f, 'utf8').matchAll(/\bconst\s+title\s*=\s*(`[^`]*\$\{[^`]*`)/g)) {
      const before = m[0].slice(0, m[0].indexOf('`'));
      assert.fail(`${relative(ROOT, f)}: ${before}${m[1]!.slice(0, 60)} interpolates into a title without escapeNotice`);
    }
  }
});

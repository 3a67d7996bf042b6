// The editor's side of "the current AWS profile is used by default", as far as plain Node can see
// it: the welcome view offers checking the current profile exactly when the context key says one is
// in force, the status bar sets that key, Check Violations with nothing loaded goes to the profile,
// and the inventory setting takes a list (a single string from older settings still reads).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: {
    viewsWelcome: { view: string; contents: string; when?: string }[];
    configuration: { properties: Record<string, { type: string | string[]; items?: { type: string }; default: unknown }> };
  };
};
const source = (p: string): string => readFileSync(join(root, p), 'utf8');

test('the welcome view offers the current profile only when one is in force', () => {
  const empty = pkg.contributes.viewsWelcome.filter((w) => w.view === 'tagtrail.products' && /!tagtrail\.loaded && !tagtrail\.loading/.test(w.when ?? ''));
  const withProfile = empty.filter((w) => /(^|&& )tagtrail\.currentProfile$/.test(w.when ?? ''));
  const without = empty.filter((w) => /!tagtrail\.currentProfile/.test(w.when ?? ''));
  assert.deepEqual([withProfile.length, without.length, empty.length], [1, 1, 2]);
  assert.match(withProfile[0]!.contents, /^No account loaded yet\. An AWS profile is in force: its name is in the status bar\.\n\[Check the Current AWS Profile\]\(command:tagtrail\.checkViolations\)/);
  assert.doesNotMatch(without[0]!.contents, /Current AWS Profile/);
  assert.match(source('src/extension/statusBar.ts'), /setContext\('tagtrail\.currentProfile'/);
  assert.match(source('src/extension/commands/checkViolations.ts'), /if \(!ctx\.session\.products\) \{[\s\S]*?await checkCurrentProfile\(ctx\)/);
});

test('tagtrail.offline.inventory takes a list, as check --inventory does, and still a single string', () => {
  const inv = pkg.contributes.configuration.properties['tagtrail.offline.inventory']!;
  assert.deepEqual([inv.type, inv.items?.type, inv.default], [['array', 'string'], 'string', []]);
  assert.match(source('src/extension/config.ts'), /offlineInventory: stringOrStrings\(c\.get\('offline\.inventory'\)\)/);
  const readme = source('README.md');
  assert.match(readme, /\| `tagtrail\.offline\.inventory` \| `\[\]` \| inventory files or folders/);
});

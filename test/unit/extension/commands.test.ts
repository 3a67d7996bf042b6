// Every command package.json contributes is registered in the one registry, and vice versa; menus,
// welcome links and executeCommand calls name only commands that exist. Reads the sources as text
// because the registry imports `vscode`, which plain Node cannot load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    views: Record<string, { id: string }[]>;
    viewsWelcome: { view: string; contents: string }[];
  };
};
const registrySource = readFileSync(join(root, 'src/extension/commands/index.ts'), 'utf8');

function registryIds(): string[] {
  const body = /export const COMMANDS[^{]*\{([\s\S]*?)\n\};/.exec(registrySource)?.[1];
  assert.ok(body, 'COMMANDS object not found in src/extension/commands/index.ts');
  return [...body.matchAll(/^\s*'([^']+)':/gm)].map((m) => m[1] ?? '');
}

function unionIds(): string[] {
  const body = /export type CommandId =([\s\S]*?);/.exec(registrySource)?.[1] ?? '';
  return [...body.matchAll(/'([^']+)'/g)].map((m) => m[1] ?? '');
}

const contributed = pkg.contributes.commands.map((c) => c.command);

test('package.json commands and the registry list the same ids', () => {
  assert.deepEqual([...registryIds()].sort(), [...contributed].sort());
  assert.deepEqual([...unionIds()].sort(), [...contributed].sort());
  assert.equal(new Set(contributed).size, contributed.length, 'duplicate command ids in package.json');
});

test('every command is in the TagTrail category', () => {
  for (const c of pkg.contributes.commands) assert.equal(c.category, 'TagTrail', c.command);
});

test('menus name only contributed commands, and tree-only commands are hidden from the palette', () => {
  for (const [menu, items] of Object.entries(pkg.contributes.menus)) {
    for (const item of items) assert.ok(contributed.includes(item.command), `${menu} names unknown ${item.command}`);
  }
  const hidden = new Set(pkg.contributes.menus.commandPalette?.filter((i) => i.when === 'false').map((i) => i.command));
  for (const treeOnly of ['tagtrail.openFinding', 'tagtrail.copyArn', 'tagtrail.clearFilter']) assert.ok(hidden.has(treeOnly), treeOnly);
});

test('welcome links and executeCommand calls name existing commands or views', () => {
  const viewIds = Object.values(pkg.contributes.views).flat().map((v) => v.id);
  const known = new Set([...contributed, ...viewIds.map((v) => `${v}.focus`), 'setContext', 'markdown.showPreviewToSide']);
  for (const w of pkg.contributes.viewsWelcome) {
    for (const m of w.contents.matchAll(/\(command:([^)?]+)/g)) assert.ok(known.has(m[1] ?? ''), `welcome links ${m[1]}`);
  }
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
  let calls = 0;
  for (const file of walk(join(root, 'src/extension'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:executeCommand\(|command: )'([^']+)'/g)) {
      calls++;
      assert.ok(known.has(m[1] ?? ''), `${file} calls unknown command ${m[1]}`);
    }
  }
  assert.ok(calls > 3, 'expected to find executeCommand calls to check');
});

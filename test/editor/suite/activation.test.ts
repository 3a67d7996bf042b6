// Activation and contributions as the running editor sees them: what package.json promises and what
// the code registers must be the same set, or a menu item does nothing / a command is unreachable.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, extension } from './helpers';

interface Contributes {
  commands: { command: string }[];
  views: Record<string, { id: string }[]>;
  viewsWelcome?: { view: string; contents: string }[];
  menus: Record<string, { command: string }[]>;
}

function contributes(): Contributes {
  return (extension().packageJSON as { contributes: Contributes }).contributes;
}

function viewIds(): string[] {
  return Object.values(contributes().views).flat().map((v) => v.id);
}

suite('activation', () => {
  test('activates and returns the test API', async () => {
    const a = await api();
    assert.ok(extension().isActive);
    for (const f of ['getProductsTree', 'getFindingsTree', 'lastCheckResult', 'whenIdle', 'reload', 'panelRenders'] as const) {
      assert.equal(typeof a[f], 'function', `API lacks ${f}`);
    }
  });

  test('every contributed command is registered', async () => {
    await api();
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributes().commands.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], 'contributed in package.json but not registered');
  });

  test('every registered TagTrail command is contributed', async () => {
    await api();
    const contributed = new Set(contributes().commands.map((c) => c.command));
    // VS Code itself registers `<viewId>.focus`, `<viewId>.resetViewLocation`… for each contributed view.
    const views = viewIds();
    const ours = (await vscode.commands.getCommands(true))
      .filter((id) => id.startsWith('tagtrail.') && !views.some((v) => id.startsWith(`${v}.`)));
    assert.deepEqual(ours.filter((id) => !contributed.has(id)).sort(), [], 'registered but not contributed');
    assert.ok(ours.length >= contributed.size, `only ${ours.length} tagtrail.* commands registered`);
  });

  test('menus and welcome links name only contributed commands', () => {
    const c = contributes();
    const known = new Set(c.commands.map((x) => x.command));
    const inMenus = Object.values(c.menus).flat().map((m) => m.command);
    const inWelcome = (c.viewsWelcome ?? []).flatMap((w) => [...w.contents.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]!));
    assert.deepEqual([...inMenus, ...inWelcome].filter((id) => !known.has(id)), []);
  });

  test('the TagTrail container and its views open', async () => {
    await api();
    await vscode.commands.executeCommand('workbench.view.extension.tagtrail');
    for (const id of viewIds()) await vscode.commands.executeCommand(`${id}.focus`);
  });
});

// The end-to-end scenario, as a user does it: open TagTrail, open the demo, check a product from its
// context menu, read the findings, open the events panels, switch theme, export. Each step starts
// from a known state (`startState`: no quick input or menu, no editor open, the light theme, the
// TagTrail container open with its Products tree collapsed) and loads the demo itself when it needs
// it, so a failed step does not decide the next one's result. Screenshots are taken where the
// README wants pictures.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import type { CodeServer } from '../../../scripts/editor/codeServer';
import { scaled } from '../../../scripts/editor/timeouts';
import { demoSource } from '../../../src/core/source/fileSource';
import { checkSource } from '../../../src/core/source/runner';
import { groupResult, type FindingGroup } from '../../../src/core/report/group';
import type { Steps } from './steps';
import { findingSteps } from './findingSteps';
import { acceptQuickInput, collapseAll, contextMenu, openContainer, row, rowLabels, view, waitForWorkbench, webviewFrame } from './workbench';

interface Expected {
  pairs: { principalProduct: string; resourceProduct: string }[];
  findings: { eventID: string; principalProduct: string; resourceProduct: string; resourceArns: string[] }[];
  gaps: { eventID: string; kind: string; reason: string; principalArn?: string }[];
}

export interface ScenarioContext {
  page: Page;
  server: CodeServer;
  /** Where screenshots go (test-results/editor). */
  shots: string;
  expected: Expected;
}

const PRODUCT = 'catalog';
const RESOURCE = 'catalog-products';
const PRINCIPAL = 'checkout-api';
// checkout's payment key: the demo has GetSecretValue calls naming it only by name (see demo/EXPECTED.md).
const SECRET_NAME = 'checkout/stripe-api-key';
const SECRET_TAIL = 'stripe-api-key-6QiIXk';

/** A quick-input entry whose label is exactly `label`. */
function quickItem(page: Page, label: string): Locator {
  return page.locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
}

/**
 * Runs a command from the palette (F1), clicking its exact entry: Enter could pick a near match
 * ranked first. F1 is pressed again if the palette did not open: a key pressed while a webview
 * (its own frame) has the focus, or while another quick input closes, can be lost.
 */
async function runCommand(page: Page, title: string): Promise<void> {
  const palette = page.locator('.quick-input-widget input.input').filter({ visible: true }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    try {
      await palette.waitFor({ timeout: scaled(10_000) });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      // Give the workbench (not a webview frame) the keyboard before trying again.
      await page.locator('.part.statusbar').click({ position: { x: 2, y: 2 } });
    }
  }
  await palette.fill(`>${title}`);
  await quickItem(page, title).click();
}

/** Runs a palette command and picks the one entry matching `pick` in the quick pick it opens. */
async function paletteThenPick(page: Page, command: string, pick: string): Promise<void> {
  await runCommand(page, command);
  const input = page.locator('.quick-input-widget input.input').first();
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'TagTrail' }).waitFor();
  await input.fill(pick);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: pick }).first().waitFor();
  await input.press('Enter');
}

/** Switches the colour theme the way a user does: Preferences: Color Theme, type its name, Enter. */
/**
 * Sets one of the events table's toggles (`violations-only`, `unresolved-only`…) the way a user
 * does: a click on the middle of the control (its label), or Space with the focus on it.
 */
async function setToggle(frame: FrameLocator, id: string, on: boolean, how: 'click' | 'key' = 'click'): Promise<void> {
  const toggle = frame.locator(`#${id}`);
  const isChecked = (): Promise<boolean> => toggle.evaluate((el) => Boolean((el as unknown as { checked?: boolean }).checked));
  if ((await isChecked()) !== on) {
    if (how === 'click') {
      await toggle.click();
    } else {
      await toggle.focus();
      await toggle.press('Space');
    }
  }
  assert.equal(await isChecked(), on, `${id} is ${on ? 'on' : 'off'} after a ${how === 'click' ? 'click on its middle' : 'Space'}`);
  // One label: the control draws its text once, from its slot or from a `label` attribute, never
  // both (both at once showed "Violations only Violations only").
  const fromAttribute = await toggle.evaluate((el) => el.shadowRoot?.querySelector('.label-attr')?.textContent?.trim() ?? '');
  const fromSlot = (await toggle.textContent() ?? '').trim();
  assert.ok((fromAttribute === '') !== (fromSlot === ''), `${id} shows its label once (attribute "${fromAttribute}", slot "${fromSlot}")`);
}

async function setTheme(page: Page, theme: string, workbenchClass: string): Promise<void> {
  await runCommand(page, 'Preferences: Color Theme');
  await page.locator('.quick-input-widget input.input').first().fill(theme);
  await quickItem(page, theme).click();
  await page.locator(`.monaco-workbench.${workbenchClass}`).waitFor();
}

/** Clears toasts (they cover the pictures the README uses, and buttons) and waits until none shows. */
async function clearNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.locator('.notification-toast').first().waitFor({ state: 'detached' });
}

/**
 * The state every step after the first starts from: the workbench up (reloaded if the page lost it),
 * no quick input or menu open, no editor open, the light theme, no toasts, the TagTrail container
 * open with the Products tree collapsed.
 */
async function startState(ctx: ScenarioContext): Promise<void> {
  const { page } = ctx;
  if (!(await page.locator('.monaco-workbench').isVisible().catch(() => false))) {
    await page.goto(ctx.server.workbenchUrl());
    await waitForWorkbench(page);
  }
  // Quick inputs and menus, one Escape each, waiting for each to go (this script has no DOM types: a string).
  const shown = `[...document.querySelectorAll('.quick-input-widget, .context-view .monaco-menu')].filter((e) => e.offsetParent !== null).length`;
  for (let n = await page.evaluate<number>(shown); n > 0; n = await page.evaluate<number>(shown)) {
    await page.keyboard.press('Escape');
    await page.waitForFunction(`${shown} < ${n}`);
  }
  if ((await page.locator('.tabs-container .tab').count()) > 0) {
    await runCommand(page, 'View: Close All Editors');
    await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached' });
  }
  if ((await page.locator('.monaco-workbench.vs').count()) === 0) await setTheme(page, 'Light Modern', 'vs');
  await clearNotifications(page);
  await openContainer(page);
  await collapseAll(page, 'Products');
  // An expanded pair can push the Coverage gaps row out of view, where ensureDemo waits for it.
  await collapseAll(page, 'Findings');
  await findingsRoomy(page);
}

/**
 * Collapses the Coverage view, which no step here reads: open, it leaves the Findings view too short
 * to draw all of the demo's roots (six product pairs, then Coverage gaps), and a tree draws only the
 * rows in view. The editor suite checks the Coverage view's contents.
 */
async function findingsRoomy(page: Page): Promise<void> {
  const header = view(page, 'Coverage').locator('.pane-header');
  if ((await header.count()) === 0 || (await header.getAttribute('aria-expanded')) !== 'true') return;
  await header.click();
  await view(page, 'Coverage').locator('.pane-header[aria-expanded="false"]').waitFor();
}

/** The demo account loaded and checked (loads it through the palette if it is not). */
async function ensureDemo(page: Page, products: string[]): Promise<void> {
  if ((await row(page, 'Products', products[0]!, 1).count()) === 0) {
    await runCommand(page, 'TagTrail: Open Demo Account');
    await clearNotifications(page);
  }
  for (const p of products) await row(page, 'Products', p, 1).waitFor();
  await findingsRoomy(page);
  await row(page, 'Findings', 'Coverage gaps').waitFor();
  await row(page, 'Findings', 'Check running…').waitFor({ state: 'detached' });
}

export async function scenario(steps: Steps, ctx: ScenarioContext): Promise<void> {
  const { page, expected } = ctx;
  const shot = async (name: string, part?: Locator): Promise<void> => {
    await clearNotifications(page);
    await page.mouse.move(1279, 799);
    await (part ?? page).screenshot({ path: join(ctx.shots, name) });
  };
  const products = [...new Set(expected.pairs.flatMap((p) => [p.principalProduct, p.resourceProduct]))].sort();
  const demo = (): Promise<void> => ensureDemo(page, products);

  // The one step that needs a fresh workbench: it runs first, before any start state is set.
  await steps.run('the TagTrail container opens on its welcome view', async () => {
    await page.goto(ctx.server.workbenchUrl());
    await waitForWorkbench(page);
    await openContainer(page);
    await view(page, 'Products').getByRole('button', { name: 'Open Demo Account' }).waitFor();
  });
  steps.reset = () => startState(ctx);

  await steps.run('Open Demo Account lists the demo products', async () => {
    await view(page, 'Products').getByRole('button', { name: 'Open Demo Account' }).click();
    for (const p of products) await row(page, 'Products', p, 1).waitFor();
    const labels = await rowLabels(page, 'Products');
    assert.deepEqual(labels.filter((l) => products.includes(l)), products, `products in order, saw ${labels.join(', ')}`);
    assert.ok(labels.includes('Untagged'), 'Untagged group');
    // Loading ends with the check of all products: the Findings view then lists the gaps, not progress.
    await findingsRoomy(page);
    await row(page, 'Findings', 'Coverage gaps').waitFor();
    await row(page, 'Findings', 'Check running…').waitFor({ state: 'detached' });
  });

  await steps.run(`right-click ${PRODUCT} → Check Violations shows its findings`, async () => {
    await demo();
    await contextMenu(page, 'Products', PRODUCT, 'Check Violations');
    await row(page, 'Findings', `Scope: ${PRODUCT}`).waitFor();
    const pairs = expected.pairs.filter((p) => p.principalProduct === PRODUCT || p.resourceProduct === PRODUCT)
      .map((p) => `${p.principalProduct} → ${p.resourceProduct}`).sort();
    for (const p of pairs) await row(page, 'Findings', p).waitFor();
    const shown = (await rowLabels(page, 'Findings')).filter((l) => l.includes(' → '));
    assert.deepEqual(shown, pairs);
    await shot('workbench-light.png');
    await shot('sidebar-light.png', page.locator('.part.sidebar'));
  });

  // A product's Principals / Resources group is not the product: its context menu offers no
  // product command (which would run on whatever argument the group carries).
  await steps.run(`the ${PRODUCT} row's Resources group offers no product commands`, async () => {
    await demo();
    const product = row(page, 'Products', PRODUCT, 1);
    await product.locator('.monaco-tl-twistie').click();
    await row(page, 'Products', 'Resources', 2).first().waitFor();
    const group = row(page, 'Products', 'Resources', 2).first();
    await group.click({ button: 'right' });
    // The tree focuses the row it opened (or would open) a menu for, in the same event: once the
    // group is focused, the menu is there or there is none. VS Code shows no menu at all when a row
    // contributes no entry; when it shows one, it must not offer the product commands.
    await view(page, 'Products').locator('.monaco-list-row.focused[aria-level="2"]').filter({ has: page.locator('.label-name', { hasText: /^Resources$/ }) }).waitFor();
    const menu = page.locator('.context-view .monaco-menu').filter({ visible: true });
    const labels = (await menu.count()) > 0 ? (await menu.first().locator('.action-label').allTextContents()).map((t) => t.trim()) : [];
    await page.keyboard.press('Escape');
    for (const bad of ['Check Violations', 'Export Findings to Markdown']) assert.ok(!labels.includes(bad), `"${bad}" offered on a Resources group: ${JSON.stringify(labels)}`);
  });

  await steps.run(`the events panel of ${RESOURCE} lists its events`, async () => {
    await demo();
    await paletteThenPick(page, 'TagTrail: Show CloudTrail Events', `table/${RESOURCE}`);
    const frame = await webviewFrame(page, `Events: ${RESOURCE}`);
    await frame.locator('[data-event-id]').first().waitFor();
    assert.match(await frame.locator('#subject').textContent() ?? '', new RegExp(`:table/${RESOURCE}$`));
    // The table renders only the rows in view: Violations only brings the cross-product ones up.
    const violating = new Set(expected.findings.filter((f) => f.resourceArns.some((a) => a.endsWith(`:table/${RESOURCE}`))).map((f) => f.eventID));
    assert.ok(violating.size > 0, `demo/expected.json has findings on ${RESOURCE}`);
    await setToggle(frame, 'violations-only', true);
    await frame.locator('.row.violation').first().waitFor();
    assert.equal(await frame.locator('.row[data-event-id]').count(), violating.size, 'one violation row per finding event');
    assert.equal(await frame.locator('.row[data-event-id]:not(.violation)').count(), 0);
    for (const id of violating) assert.equal(await frame.locator(`.row[data-event-id="${id}"]`).count(), 1, `row of ${id}`);
    await shot('events-resource-light.png');
    await setToggle(frame, 'violations-only', false);
  });

  const unresolvedOfPrincipal = expected.gaps.filter((g) => g.kind === 'unresolved-target' && g.principalArn?.endsWith(`/${PRINCIPAL}`)).length;
  // `mustShow`: event ids that have to be among the highlighted rows.
  const checkHighlighted = async (title: string, mustShow: string[] = []): Promise<void> => {
    const frame = await webviewFrame(page, title);
    await frame.locator('[data-event-id]').first().waitFor();
    // Highlighted means drawn differently from a resolved row, whatever the theme's colours are.
    const style = (sel: string): Promise<string> => frame.locator(sel).first().evaluate((el) => {
      const s = el.ownerDocument.defaultView?.getComputedStyle(el);
      if (!s) return '';
      return `${s.backgroundColor}|${s.borderLeftWidth}|${s.boxShadow}`;
    });
    // The table renders only the rows in view: the toggle brings the unresolved ones up, as a user would.
    await setToggle(frame, 'unresolved-only', false);
    await frame.locator('.row[data-event-id]:not([data-unresolved])').first().waitFor();
    const resolvedStyle = await style('.row[data-event-id]:not([data-unresolved])');
    await setToggle(frame, 'unresolved-only', true, 'key');
    const unresolved = frame.locator('[data-unresolved]');
    await unresolved.first().waitFor();
    assert.ok(await unresolved.count() >= 1, 'at least one unresolved row');
    for (const id of mustShow) assert.equal(await frame.locator(`.row[data-unresolved][data-event-id="${id}"]`).count(), 1, `highlighted row of ${id}`);
    assert.equal(await frame.locator('.row[data-event-id]:not([data-unresolved])').count(), 0, 'the toggle leaves only unresolved rows');
    assert.match(await unresolved.first().getAttribute('aria-label') ?? '', /unresolved target: \S/);
    assert.match(await unresolved.first().locator('.reason').first().textContent() ?? '', /^(Partly u|U)nresolved: \S/);
    const unresolvedStyle = await style('[data-unresolved]');
    const [bg, edge, shadow] = unresolvedStyle.split('|');
    assert.notEqual(bg, resolvedStyle.split('|')[0], 'unresolved rows have their own background');
    // Not by colour alone: an edge marker (a border or an inset shadow) sets them apart too.
    assert.ok(edge !== '0px' || (shadow !== undefined && shadow !== 'none'), `unresolved rows carry an edge marker (${unresolvedStyle})`);
  };

  // A resource's panel also lists the unresolved events that name it (here a secret asked for by
  // name, whose ARN suffix the record lacks), highlighted with the resolver's reason.
  const secretGaps = expected.gaps.filter((g) => g.kind === 'unresolved-target' && g.reason.includes(`"${SECRET_NAME}"`)).map((g) => g.eventID);
  await steps.run(`the events panel of secret ${SECRET_NAME} highlights the unresolved calls that name it`, async () => {
    assert.ok(secretGaps.length > 0, `demo/expected.json has unresolved calls naming ${SECRET_NAME}`);
    await demo();
    await paletteThenPick(page, 'TagTrail: Show CloudTrail Events', `secret:${SECRET_NAME}-`);
    await checkHighlighted(`Events: ${SECRET_TAIL}`, secretGaps);
    const frame = await webviewFrame(page, `Events: ${SECRET_TAIL}`);
    assert.match(await frame.locator('#subject').textContent() ?? '', new RegExp(`:secret:${SECRET_NAME}-`));
    await shot('events-resource-unresolved-light.png');
  });

  await steps.run(`the activity panel of ${PRINCIPAL} highlights its unresolved calls (light theme)`, async () => {
    // demo/expected.json names this principal's unresolved calls; the resolver may since name some targets.
    assert.ok(unresolvedOfPrincipal > 0, 'the demo expects unresolved calls of this principal');
    await demo();
    await paletteThenPick(page, 'TagTrail: Show Activity', `role/service/${PRINCIPAL}`);
    await checkHighlighted(`Activity: ${PRINCIPAL}`);
    await shot('events-unresolved-light.png');
  });

  await steps.run(`the activity panel of ${PRINCIPAL} in the dark theme`, async () => {
    await demo();
    await paletteThenPick(page, 'TagTrail: Show Activity', `role/service/${PRINCIPAL}`);
    // The panel painted in the light theme first: the switch must reach a panel already open.
    await (await webviewFrame(page, `Activity: ${PRINCIPAL}`)).locator('[data-event-id]').first().waitFor();
    await setTheme(page, 'Dark Modern', 'vs-dark');
    const frame = await webviewFrame(page, `Activity: ${PRINCIPAL}`);
    await frame.locator('body.vscode-dark').waitFor();
    await checkHighlighted(`Activity: ${PRINCIPAL}`);
    await shot('events-unresolved-dark.png');
  });

  await findingSteps(steps, {
    page, expected, shot, demo,
    setTheme: (theme, cls) => setTheme(page, theme, cls),
    // A step before may have checked one product: these pictures and counts are of all products.
    allProducts: async () => {
      if ((await view(page, 'Findings').locator('.label-name', { hasText: /^Scope: / }).count()) === 0) return;
      await runCommand(page, 'TagTrail: Check Violations');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'All products' }).first().click();
      await view(page, 'Findings').locator('.label-name', { hasText: /^Scope: / }).first().waitFor({ state: 'detached' });
      await row(page, 'Findings', 'Check running…').waitFor({ state: 'detached' });
      await clearNotifications(page);
    },
  });

  await steps.run(`right-click ${PRODUCT} → Export Findings to Markdown writes the file and previews it`, async () => {
    await demo();
    // From a check of all products, so that only the product row's own argument can name the file
    // (with no argument the export is named after the last check's scope).
    await runCommand(page, 'TagTrail: Check Violations');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'All products' }).first().click();
    await row(page, 'Findings', `Scope: ${PRODUCT}`).waitFor({ state: 'detached' });
    await row(page, 'Findings', 'Check running…').waitFor({ state: 'detached' });
    const file = join(ctx.server.folder, `tagtrail-findings-${PRODUCT}.md`);
    rmSync(file, { force: true });
    await contextMenu(page, 'Products', PRODUCT, 'Export Findings to Markdown');
    await acceptQuickInput(page, new RegExp(`/tagtrail-findings-${PRODUCT}\\.md$`));
    // The file on disk is the state waited on; the preview tab after it.
    const deadline = Date.now() + scaled(60_000);
    while (!existsSync(file)) {
      if (Date.now() > deadline) throw new Error(`${file} was not written`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const text = readFileSync(file, 'utf8');
    // The report groups findings by caller, resource and action and names a few event ids per
    // group: each expected finding must sit in a group whose row (its first event id) is written.
    // The groups come from the core's own check of the same demo files.
    const groups = await demoFindingGroups(PRODUCT);
    const mine = expected.findings.filter((f) => f.principalProduct === PRODUCT || f.resourceProduct === PRODUCT);
    for (const f of mine) {
      const group = groups.find((g) => g.events.some((e) => e.eventID === f.eventID));
      assert.ok(group, `finding ${f.eventID} in a finding group`);
      assert.ok(text.includes(group.events[0]!.eventID), `the group of finding ${f.eventID} in the export`);
    }
    await page.locator('.tabs-container .tab', { hasText: `Preview tagtrail-findings-${PRODUCT}.md` }).waitFor();
    const preview = await webviewFrame(page, `Preview tagtrail-findings-${PRODUCT}.md`);
    await preview.locator('table').first().waitFor();
    await shot('export-preview-light.png');
  });
}

/** The finding groups of the core's check of the bundled demo account for one product. */
async function demoFindingGroups(product: string): Promise<FindingGroup[]> {
  const run = await checkSource(await demoSource(join(__dirname, '../../../demo')), { tagKeys: ['product'], filter: { product } });
  return groupResult(run.result).findingGroups;
}

// The end-to-end scenario, as a user does it: open TagTrail, open the demo, check a product from its
// context menu, read the findings, open the events panels, switch theme, export. Each step leaves
// the UI where the next one starts; screenshots are taken where the README wants pictures.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import type { CodeServer } from '../../../scripts/editor/codeServer';
import type { Steps } from './steps';
import { acceptQuickInput, contextMenu, openContainer, row, rowLabels, view, waitForWorkbench, webviewFrame } from './workbench';

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

/** Runs a command from the palette (F1), clicking its exact entry: Enter could pick a near match ranked first. */
async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input.input').first().fill(`>${title}`);
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
  await page.locator(`.monaco-workbench.${workbenchClass}`).waitFor({ timeout: 20_000 });
}

export async function scenario(steps: Steps, ctx: ScenarioContext): Promise<void> {
  const { page, expected } = ctx;
  const shot = async (name: string, part?: Locator): Promise<void> => {
    // Toasts ("25 cross-product accesses…") would cover the pictures the README uses.
    await runCommand(page, 'Notifications: Clear All Notifications');
    await page.locator('.notification-toast').first().waitFor({ state: 'detached' });
    await page.mouse.move(1279, 799);
    await (part ?? page).screenshot({ path: join(ctx.shots, name) });
  };
  const products = [...new Set(expected.pairs.flatMap((p) => [p.principalProduct, p.resourceProduct]))].sort();

  await steps.run('the TagTrail container opens on its welcome view', async () => {
    await page.goto(ctx.server.workbenchUrl());
    await waitForWorkbench(page);
    await openContainer(page);
    await view(page, 'Products').getByRole('button', { name: 'Open Demo Account' }).waitFor();
  });

  await steps.run('Open Demo Account lists the demo products', async () => {
    await view(page, 'Products').getByRole('button', { name: 'Open Demo Account' }).click();
    for (const p of products) await row(page, 'Products', p).waitFor({ timeout: 60_000 });
    const labels = await rowLabels(page, 'Products');
    assert.deepEqual(labels.filter((l) => products.includes(l)), products, `products in order, saw ${labels.join(', ')}`);
    assert.ok(labels.includes('Untagged'), 'Untagged group');
    // Loading ends with the check of all products: the Findings view then lists the gaps, not progress.
    await row(page, 'Findings', 'Coverage gaps').waitFor({ timeout: 60_000 });
    await row(page, 'Findings', 'Check running…').waitFor({ state: 'detached' });
  });

  await steps.run(`right-click ${PRODUCT} → Check Violations shows its findings`, async () => {
    await contextMenu(page, row(page, 'Products', PRODUCT), 'Check Violations');
    await row(page, 'Findings', `Scope: ${PRODUCT}`).waitFor({ timeout: 60_000 });
    const pairs = expected.pairs.filter((p) => p.principalProduct === PRODUCT || p.resourceProduct === PRODUCT)
      .map((p) => `${p.principalProduct} → ${p.resourceProduct}`).sort();
    for (const p of pairs) await row(page, 'Findings', p).waitFor();
    const shown = (await rowLabels(page, 'Findings')).filter((l) => l.includes(' → '));
    assert.deepEqual(shown, pairs);
    await shot('workbench-light.png');
    await shot('sidebar-light.png', page.locator('.part.sidebar'));
  });

  await steps.run(`the events panel of ${RESOURCE} lists its events`, async () => {
    await paletteThenPick(page, 'TagTrail: Show CloudTrail Events', `table/${RESOURCE}`);
    const frame = await webviewFrame(page, `Events: ${RESOURCE}`);
    await frame.locator('[data-event-id]').first().waitFor({ timeout: 30_000 });
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
    await frame.locator('[data-event-id]').first().waitFor({ timeout: 30_000 });
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
    await unresolved.first().waitFor({ timeout: 10_000 });
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
    await paletteThenPick(page, 'TagTrail: Show CloudTrail Events', `secret:${SECRET_NAME}-`);
    await checkHighlighted(`Events: ${SECRET_TAIL}`, secretGaps);
    const frame = await webviewFrame(page, `Events: ${SECRET_TAIL}`);
    assert.match(await frame.locator('#subject').textContent() ?? '', new RegExp(`:secret:${SECRET_NAME}-`));
    await shot('events-resource-unresolved-light.png');
  });

  await steps.run(`the activity panel of ${PRINCIPAL} highlights its unresolved calls (light theme)`, async () => {
    await paletteThenPick(page, 'TagTrail: Show Activity', `role/service/${PRINCIPAL}`);
    // demo/expected.json names this principal's unresolved calls; the resolver may since name some targets.
    assert.ok(unresolvedOfPrincipal > 0, 'the demo expects unresolved calls of this principal');
    await checkHighlighted(`Activity: ${PRINCIPAL}`);
    await shot('events-unresolved-light.png');
  });

  await steps.run('the same panel in the dark theme', async () => {
    await setTheme(page, 'Dark Modern', 'vs-dark');
    const frame = await webviewFrame(page, `Activity: ${PRINCIPAL}`);
    await frame.locator('body.vscode-dark').waitFor({ timeout: 20_000 });
    await checkHighlighted(`Activity: ${PRINCIPAL}`);
    await shot('events-unresolved-dark.png');
    await setTheme(page, 'Light Modern', 'vs');
  });

  await steps.run(`right-click ${PRODUCT} → Export Findings to Markdown writes the file and previews it`, async () => {
    await openContainer(page);
    await contextMenu(page, row(page, 'Products', PRODUCT), 'Export Findings to Markdown');
    await acceptQuickInput(page, new RegExp(`tagtrail-findings-${PRODUCT}\\.md$`));
    const file = join(ctx.server.folder, `tagtrail-findings-${PRODUCT}.md`);
    const deadline = Date.now() + 30_000;
    while (!existsSync(file) && Date.now() < deadline) await page.waitForTimeout(200);
    const text = readFileSync(file, 'utf8');
    const mine = expected.findings.filter((f) => f.principalProduct === PRODUCT || f.resourceProduct === PRODUCT);
    for (const f of mine) assert.ok(text.includes(f.eventID), `finding ${f.eventID} in the export`);
    await page.locator('.tabs-container .tab', { hasText: `Preview tagtrail-findings-${PRODUCT}.md` }).waitFor({ timeout: 30_000 });
    const preview = await webviewFrame(page, `Preview tagtrail-findings-${PRODUCT}.md`);
    await preview.locator('table').first().waitFor({ timeout: 30_000 });
    await shot('export-preview-light.png');
  });
}

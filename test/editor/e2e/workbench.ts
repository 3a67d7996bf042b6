// Playwright handles on the VS Code workbench as a user sees it: views by their title, tree rows by
// their exact label and depth, context menus, the quick input, and the nested iframes of a webview.
// Every wait here is on a state of the page; the bounds are Playwright's default time-out, which the
// runners set from TAGTRAIL_TEST_TIMEOUT_SCALE (scripts/editor/timeouts.ts).
import type { FrameLocator, Locator, Page } from 'playwright-core';

/** Waits until the workbench has drawn and knows TagTrail's contributions (its activity bar entry). */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor();
  await activityItem(page).waitFor();
}

function activityItem(page: Page): Locator {
  return page.locator('.activitybar .action-item a[aria-label^="TagTrail"], .activitybar .action-label[aria-label^="TagTrail"]').first();
}

/** Opens the TagTrail container from the activity bar. */
export async function openContainer(page: Page): Promise<void> {
  // A click on the active container's icon would close the side bar: only open it when closed.
  if (!(await view(page, 'Products').isVisible())) await activityItem(page).click();
  await view(page, 'Products').waitFor();
}

/** A view pane (Products, Principals…) by its title. */
export function view(page: Page, title: string): Locator {
  return page.locator('.sidebar .pane').filter({ has: page.locator('.pane-header', { hasText: new RegExp(`^\\s*${title}`, 'i') }) });
}

/**
 * A tree row of a view whose label is `label` (exactly), at tree depth `level` when given (1 = a
 * root: a product is never confused with a Principals/Resources group or a leaf of the same name).
 */
export function row(page: Page, viewTitle: string, label: string, level?: number): Locator {
  const rows = view(page, viewTitle).locator(level === undefined ? '.monaco-list-row' : `.monaco-list-row[aria-level="${level}"]`);
  return rows.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(label)}$`) }) });
}

/** Every visible row label of a view, top to bottom. */
export async function rowLabels(page: Page, viewTitle: string): Promise<string[]> {
  return view(page, viewTitle).locator('.monaco-list-row .label-name').allTextContents();
}

/** The label of a view's focused row ('' when none). */
async function focusedLabel(page: Page, viewTitle: string): Promise<string> {
  const focused = view(page, viewTitle).locator('.monaco-list-row.focused .label-name');
  return (await focused.count()) > 0 ? (await focused.first().textContent() ?? '') : '';
}

/**
 * Right-clicks the root row `label` of `viewTitle` and runs `item` from its context menu, once.
 * The menu must belong to that row: the tree focuses the row it opens a menu for, and that row is
 * checked before anything is chosen. The entry is chosen with the keyboard (arrow keys until it is
 * the focused entry, then one Enter), so there is no click the menu might take for the release of
 * the right-click, and no second activation; then the menu must be gone.
 */
export async function contextMenu(page: Page, viewTitle: string, label: string, item: string, level = 1): Promise<void> {
  // A tree refreshed while the menu is open (a check ending, counts updating) closes the menu before
  // anything was chosen: then the whole gesture starts again from the row, up to three times. Once
  // Enter is pressed nothing is retried, so an item is never run twice.
  for (let attempt = 1; ; attempt++) {
    const outcome = await openAndChoose(page, viewTitle, label, item, level);
    if (outcome === 'chosen') return;
    if (attempt >= 3) throw new Error(`the context menu of "${label}" closed by itself ${attempt} times before "${item}" could be chosen`);
  }
}

async function openAndChoose(page: Page, viewTitle: string, label: string, item: string, level: number): Promise<'chosen' | 'closed'> {
  const target = row(page, viewTitle, label, level);
  await target.waitFor();
  await target.scrollIntoViewIfNeeded();
  const menu = page.locator('.context-view .monaco-menu').filter({ visible: true });
  await target.click({ button: 'right' });
  await menu.first().waitFor();
  const on = await focusedLabel(page, viewTitle);
  if (on !== label) {
    await page.keyboard.press('Escape');
    throw new Error(`the context menu opened on "${on}", not on "${label}"`);
  }
  const entries = menu.first().locator('.action-item:not(.disabled) .action-label:not(.separator)');
  await entries.first().waitFor();
  const labels = (await entries.allTextContents()).map((t) => t.trim());
  if (!labels.includes(item)) {
    await page.keyboard.press('Escape');
    throw new Error(`the context menu of "${label}" offers ${JSON.stringify(labels)}, not "${item}"`);
  }
  const focusedEntry = menu.first().locator('.action-item.focused .action-label');
  const menuGone = async (): Promise<boolean> => (await menu.count()) === 0;
  for (let i = 0; i <= labels.length; i++) {
    await page.keyboard.press('ArrowDown');
    // Either an entry takes the focus or the menu has closed under us (see contextMenu).
    // (Both waits settle quietly: the one that loses the race must not reject unobserved.)
    const seen = await Promise.race([
      focusedEntry.first().waitFor().then(() => 'entry', () => 'timeout'),
      menu.first().waitFor({ state: 'detached' }).then(() => 'gone', () => 'timeout'),
    ]);
    if (seen === 'gone' || await menuGone()) return 'closed';
    if (seen === 'timeout') throw new Error(`no entry of the context menu of "${label}" took the focus`);
    if ((await focusedEntry.first().textContent())?.trim() === item) break;
  }
  if (await menuGone()) return 'closed';
  const chosen = (await focusedEntry.first().textContent())?.trim();
  if (chosen !== item) throw new Error(`could not move the menu's focus to "${item}" (stopped on "${chosen}")`);
  await page.keyboard.press('Enter');
  await menu.first().waitFor({ state: 'detached' });
  return 'chosen';
}

/** Collapses every expanded row of a view (a click toggles it), deepest first. */
export async function collapseAll(page: Page, viewTitle: string): Promise<void> {
  const expanded = view(page, viewTitle).locator('.monaco-list-row[aria-expanded="true"]');
  while ((await expanded.count()) > 0) {
    await expanded.last().locator('.monaco-tl-twistie').click();
  }
}

/** The content frame of the webview panel whose editor tab is `tabTitle` (nested: host iframe, then #active-frame). */
export async function webviewFrame(page: Page, tabTitle: string): Promise<FrameLocator> {
  await page.locator('.tabs-container .tab', { hasText: tabTitle }).first().click();
  // Each webview lives in its own iframe over the editor area; only the active one is visible.
  const host = page.locator('iframe.webview.ready').filter({ visible: true });
  await host.first().waitFor();
  return host.first().contentFrame().frameLocator('#active-frame');
}

/**
 * Waits for the quick input (e.g. the simple save dialog) to offer a value matching `expected`, then
 * accepts it as Enter would. Waiting on the value, not the widget, keeps a closing palette from
 * being mistaken for the dialog.
 */
export async function acceptQuickInput(page: Page, expected: RegExp): Promise<string> {
  const input = page.locator('.quick-input-widget input.input').filter({ visible: true }).first();
  try {
    // A string: this script has no DOM types.
    await page.waitForFunction(`[...document.querySelectorAll('.quick-input-widget input.input')]
      .some((i) => i.offsetParent !== null && new RegExp(${JSON.stringify(expected.source)}).test(i.value))`);
  } catch {
    const value = (await input.count()) > 0 ? await input.inputValue().catch(() => '') : '';
    throw new Error(`the quick input offered "${value}", not ${expected}`);
  }
  const value = await input.inputValue();
  await input.press('Enter');
  return value;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

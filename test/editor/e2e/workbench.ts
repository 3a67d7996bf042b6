// Playwright handles on the VS Code workbench as a user sees it: views by their title, tree rows by
// their text, context menus, the quick input, and the nested iframes of a webview.
import type { FrameLocator, Locator, Page } from 'playwright-core';

/** Waits until the workbench has drawn and knows TagTrail's contributions (its activity bar entry). */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  await activityItem(page).waitFor({ timeout: 90_000 });
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

/** A tree row of a view whose label is `label` (exactly), optionally also matching a description. */
export function row(page: Page, viewTitle: string, label: string): Locator {
  return view(page, viewTitle).locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(label)}$`) }) });
}

/** Every visible row label of a view, top to bottom. */
export async function rowLabels(page: Page, viewTitle: string): Promise<string[]> {
  return view(page, viewTitle).locator('.monaco-list-row .label-name').allTextContents();
}

/** Right-clicks `target` and picks `item` from the context menu. */
export async function contextMenu(page: Page, target: Locator, item: string): Promise<void> {
  await target.click({ button: 'right' });
  const menu = page.locator('.monaco-menu').filter({ visible: true });
  const entry = menu.locator('.action-item', { has: page.locator('.action-label', { hasText: new RegExp(`^${escapeRe(item)}$`) }) }).first();
  await entry.waitFor();
  // The menu ignores a release that comes right after it opened (a guard against the right-click's own
  // mouse-up choosing an entry): hover first, pause like a hand would, then click.
  await entry.hover();
  await page.waitForTimeout(300);
  await entry.click();
  if (await menu.count() > 0) await page.keyboard.press('Enter');
  await menu.first().waitFor({ state: 'detached', timeout: 5_000 });
}

/** Expands a collapsed tree row (a click toggles it; an expanded row is left alone). */
export async function expand(target: Locator): Promise<void> {
  if ((await target.getAttribute('aria-expanded')) !== 'true') await target.click();
}

/** The content frame of the webview panel whose editor tab is `tabTitle` (nested: host iframe, then #active-frame). */
export async function webviewFrame(page: Page, tabTitle: string): Promise<FrameLocator> {
  await page.locator('.tabs-container .tab', { hasText: tabTitle }).first().click();
  // Each webview lives in its own iframe over the editor area; only the active one is visible.
  const host = page.locator('iframe.webview.ready').filter({ visible: true });
  await host.first().waitFor({ timeout: 30_000 });
  return host.first().contentFrame().frameLocator('#active-frame');
}

/**
 * Waits for the quick input (e.g. the simple save dialog) to offer a value matching `expected`, then
 * accepts it as Enter would. Waiting on the value, not the widget, keeps a closing palette from
 * being mistaken for the dialog.
 */
export async function acceptQuickInput(page: Page, expected: RegExp): Promise<string> {
  const input = page.locator('.quick-input-widget input.input').filter({ visible: true }).first();
  const deadline = Date.now() + 20_000;
  let value = '';
  while (Date.now() < deadline) {
    value = (await input.count()) > 0 ? await input.inputValue().catch(() => '') : '';
    if (expected.test(value)) break;
    await page.waitForTimeout(100);
  }
  if (!expected.test(value)) throw new Error(`the quick input offered "${value}", not ${expected}`);
  await input.press('Enter');
  return value;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// The Findings tree as a user reads it: its title counts findings and gaps, its groups are listed
// under each product pair, and a click on a finding opens the events panel on that event's row
// (selected, in view, the group's other rows marked). Light and dark pictures for the README.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { demoSource } from '../../../src/core/source/fileSource';
import { checkSource } from '../../../src/core/source/runner';
import { groupResult, type FindingGroup } from '../../../src/core/report/group';
import type { Steps } from './steps';
import { collapseAll, row, view, webviewFrame } from './workbench';

export interface FindingStepsContext {
  page: Page;
  expected: { findings: unknown[]; gaps: unknown[] };
  /** Screenshot of the page (or a part) into the screenshots folder. */
  shot(name: string, part?: Locator): Promise<void>;
  /** The demo loaded and checked (all products). */
  demo(): Promise<void>;
  setTheme(theme: string, workbenchClass: string): Promise<void>;
  /** Checks all products when the last check was of one. */
  allProducts(): Promise<void>;
}

/** The demo loaded and checked for all products, the Findings tree collapsed. */
async function allFindings(ctx: FindingStepsContext): Promise<void> {
  await ctx.demo();
  await ctx.allProducts();
  await collapseAll(ctx.page, 'Findings');
}

/**
 * Runs `body` with the Principals and Resources panes collapsed, so that the Findings view has the
 * height of the side bar; they are opened again after, whatever happened.
 */
async function findingsTall(page: Page, body: () => Promise<void>): Promise<void> {
  const header = (title: string): Locator => view(page, title).locator('.pane-header');
  const collapsed: string[] = [];
  try {
    for (const title of ['Principals', 'Resources']) {
      if ((await header(title).getAttribute('aria-expanded')) === 'true') {
        await header(title).click();
        await view(page, title).locator('.pane-header[aria-expanded="false"]').waitFor();
        collapsed.push(title);
      }
    }
    await body();
  } finally {
    for (const title of collapsed) {
      await header(title).click();
      await view(page, title).locator('.pane-header[aria-expanded="true"]').waitFor();
    }
  }
}

/** The finding groups of the core's check of the bundled demo account, all products. */
async function demoGroups(): Promise<FindingGroup[]> {
  const run = await checkSource(await demoSource(join(__dirname, '../../../demo')), { tagKeys: ['product'] });
  return groupResult(run.result).findingGroups;
}

const pairOf = (g: FindingGroup): string => `${g.principal.product} → ${g.resource.product}`;
const labelOf = (g: FindingGroup): string => `${g.eventName}${g.count > 1 ? ` ×${g.count}` : ''}`;
/** The panel's tab title: the last part of the resource's ARN (eventsPanel.ts titleOf). */
const tabOf = (arn: string): string => `Events: ${arn.split(/[:/]/).filter((x) => x).pop() ?? arn}`;

/** A group whose label no other group of its pair has: its tree row is unambiguous. */
function uniqueGroup(groups: FindingGroup[], several: boolean): FindingGroup {
  const g = groups.find((x) => (x.count > 1) === several && groups.filter((y) => pairOf(y) === pairOf(x) && labelOf(y) === labelOf(x)).length === 1);
  assert.ok(g, `the demo has a ${several ? 'multi-event' : 'single-event'} finding group with a label of its own`);
  return g;
}

/** The Findings tree with only `pair` expanded, and the group row `label` under it. */
async function groupRow(page: Page, pair: string, label: string): Promise<Locator> {
  await collapseAll(page, 'Findings');
  await row(page, 'Findings', pair, 1).locator('.monaco-tl-twistie').click();
  const r = row(page, 'Findings', label, 2);
  await r.waitFor();
  return r;
}

/** Waits for row `id` to be the one selected row, drawn inside the visible part of the table. */
async function selectedRow(frame: FrameLocator, id: string): Promise<void> {
  await frame.locator(`.row.selected[aria-selected="true"][data-event-id="${id}"]`).waitFor();
  assert.equal(await frame.locator('.row.selected').count(), 1, 'exactly one row selected');
  const inView = await frame.locator(`.row.selected[data-event-id="${id}"]`).evaluate((el) => {
    const box = el.getBoundingClientRect();
    const scroller = el.ownerDocument.getElementById('scroller')?.getBoundingClientRect();
    return scroller !== undefined && box.top >= scroller.top && box.bottom <= scroller.bottom;
  });
  assert.ok(inView, `the row of ${id} is scrolled into view`);
}

export async function findingSteps(steps: Steps, ctx: FindingStepsContext): Promise<void> {
  const { page } = ctx;
  const groups = await demoGroups();
  const findings = ctx.expected.findings.length;
  const gaps = ctx.expected.gaps.length;

  await steps.run('the Findings view title and the status bar count findings and gaps; the grouped tree (light, dark)', async () => {
    await allFindings(ctx);
    const description = view(page, 'Findings').locator('.pane-header .description');
    await description.filter({ hasText: new RegExp(`^${findings} findings · ${gaps} gaps$`) }).waitFor();
    await page.locator('.part.statusbar .statusbar-item', { hasText: new RegExp(`${findings} findings · ${gaps} gaps`) }).first().waitFor();
    // The pair of a group of several events, so that the picture shows grouping at work.
    const several = uniqueGroup(groups, true);
    await findingsTall(page, async () => {
      await groupRow(page, pairOf(several), labelOf(several));
      await ctx.shot('findings-tree-light.png', page.locator('.part.sidebar'));
      await ctx.setTheme('Dark Modern', 'vs-dark');
      await ctx.shot('findings-tree-dark.png', page.locator('.part.sidebar'));
    });
  });

  await steps.run('a click on a finding in the Findings tree opens its resource\'s events panel with exactly its row selected', async () => {
    await allFindings(ctx);
    await findingsTall(page, async () => {
      const g = uniqueGroup(groups, false);
      const id = g.events[0]!.eventID;
      await (await groupRow(page, pairOf(g), labelOf(g))).locator('.label-name').click();
      const frame = await webviewFrame(page, tabOf(g.resource.arn));
      await selectedRow(frame, id);
      assert.equal(await frame.locator('[data-in-group]').count(), 0, 'a single finding marks no group');
      // Another finding of another resource, then this one again: the selection follows each click.
      const other = groups.find((x) => x.count === 1 && x.resource.arn !== g.resource.arn && pairOf(x) === pairOf(g)
        && groups.filter((y) => pairOf(y) === pairOf(x) && labelOf(y) === labelOf(x)).length === 1);
      if (other) {
        await row(page, 'Findings', labelOf(other), 2).locator('.label-name').click();
        await selectedRow(await webviewFrame(page, tabOf(other.resource.arn)), other.events[0]!.eventID);
        await row(page, 'Findings', labelOf(g), 2).locator('.label-name').click();
        await selectedRow(await webviewFrame(page, tabOf(g.resource.arn)), id);
      }
    });
  });

  await steps.run('a click on a finding group selects its latest event and marks the others (light, dark)', async () => {
    await allFindings(ctx);
    // The side bar's height for the Findings view: the picture shows the clicked group.
    await findingsTall(page, async () => {
      const g = uniqueGroup(groups, true);
      const latest = g.events.at(-1)!.eventID;
      await (await groupRow(page, pairOf(g), labelOf(g))).locator('.label-name').click();
      const frame = await webviewFrame(page, tabOf(g.resource.arn));
      await selectedRow(frame, latest);
      await frame.locator('#status', { hasText: `${labelOf(g)}: ${new Set(g.events.map((e) => e.eventID)).size} events marked` }).waitFor();
      // Group only: the table then holds the group's rows and nothing else.
      await frame.locator('#group-only').click();
      await frame.locator('.row[data-event-id]:not([data-in-group])').first().waitFor({ state: 'detached' });
      assert.equal(await frame.locator('.row[data-in-group]').count(), new Set(g.events.map((e) => e.eventID)).size);
      await frame.locator('#group-only').click();
      await frame.locator('.row[data-event-id]:not([data-in-group])').first().waitFor();
      await selectedRow(frame, latest);
      await ctx.shot('finding-row-light.png');
      await ctx.setTheme('Dark Modern', 'vs-dark');
      await (await webviewFrame(page, tabOf(g.resource.arn))).locator('body.vscode-dark').waitFor();
      await selectedRow(await webviewFrame(page, tabOf(g.resource.arn)), latest);
      await ctx.shot('finding-row-dark.png');
    });
  });
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult } from '../../../src/core/model';
import { runCheck } from '../../../src/core/check/check';
import { readEvents } from '../../../src/core/ingest/readEvents';
import { loadInventory } from '../../../src/core/inventory/loadInventory';
import { ProductIndex } from '../../../src/core/attribute/productIndex';

const DEMO = join(__dirname, '../../../demo');

/** The real check over the bundled demo account, as `tagtrail demo` runs it. */
export async function demoResult(): Promise<CheckResult> {
  const inventory = await loadInventory([join(DEMO, 'inventory')]);
  const mapping = JSON.parse(readFileSync(join(DEMO, 'mapping.json'), 'utf8')) as ConstructorParameters<typeof ProductIndex>[1];
  return runCheck(readEvents([join(DEMO, 'AWSLogs')]), { products: new ProductIndex(inventory, mapping, ['product']) });
}

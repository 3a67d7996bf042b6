import { demoSource } from '../../core/source/fileSource';
import type { Inputs } from './inputs';

/** The demo account in the extension's demo/ folder (see demo/EXPECTED.md and `core/source/fileSource.ts`). */
export function demoInputs(demoDir: string): Promise<Inputs> {
  return demoSource(demoDir);
}

// UI steps that do not depend on one another: each starts from a known state (`reset`, then the
// step's own preconditions), so one failure never hides the state of the rest. Every step's result
// is reported; a failure leaves a screenshot of what the page showed.
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { scaled } from '../../../scripts/editor/timeouts';

export interface StepOutcome {
  name: string;
  state: 'passed' | 'failed' | 'not run';
  ms: number;
  error?: string;
}

/** The one bound of a whole step (start state included), times TAGTRAIL_TEST_TIMEOUT_SCALE. */
export const STEP_BUDGET_MS = 180_000;

/** Runs steps in order, each after `reset`; a failed step or reset does not stop the next one. */
export class Steps {
  readonly outcomes: StepOutcome[] = [];

  /** Brings the UI to the state every step starts from (unset: steps run as they are). */
  reset?: () => Promise<void>;

  constructor(private readonly page: () => Page | undefined, private readonly shotsDir: string) {}

  async run(name: string, body: () => Promise<void>): Promise<void> {
    const started = Date.now();
    const budget = scaled(STEP_BUDGET_MS);
    let timer: NodeJS.Timeout | undefined;
    try {
      const work = (async () => {
        if (this.reset) {
          try {
            await this.reset();
          } catch (e) {
            throw new Error(`could not bring the UI to the start state: ${e instanceof Error ? e.message : String(e)}`);
          }
        }
        await body();
      })();
      const overrun = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`step did not finish within ${budget / 1000}s`)), budget);
      });
      await Promise.race([work, overrun]);
      const ms = Date.now() - started;
      this.outcomes.push({ name, state: 'passed', ms });
      console.log(`ok   ${name} (${ms} ms)`);
    } catch (e) {
      const ms = Date.now() - started;
      const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      this.outcomes.push({ name, state: 'failed', ms, error });
      console.log(`FAIL ${name} (${ms} ms)\n${error}`);
      const shot = join(this.shotsDir, `failure-${this.outcomes.length}.png`);
      await this.page()?.screenshot({ path: shot }).then(() => console.log(`     screenshot: ${shot}`), () => undefined);
    } finally {
      clearTimeout(timer);
    }
  }

  count(state: StepOutcome['state']): number {
    return this.outcomes.filter((o) => o.state === state).length;
  }
}

// A scenario of dependent steps (each one builds on the UI state the previous left): run them in
// order, stop at the first failure with a screenshot of what the page showed, report per step.
import type { Page } from 'playwright-core';
import { join } from 'node:path';

export interface StepOutcome {
  name: string;
  state: 'passed' | 'failed' | 'not run';
  ms: number;
  error?: string;
}

/** Runs steps in order; after a failure the rest are recorded as not run. */
export class Steps {
  readonly outcomes: StepOutcome[] = [];
  private failed = false;

  constructor(private readonly page: () => Page | undefined, private readonly shotsDir: string) {}

  async run(name: string, body: () => Promise<void>): Promise<void> {
    if (this.failed) {
      this.outcomes.push({ name, state: 'not run', ms: 0 });
      console.log(`skip ${name}`);
      return;
    }
    const started = Date.now();
    try {
      await body();
      const ms = Date.now() - started;
      this.outcomes.push({ name, state: 'passed', ms });
      console.log(`ok   ${name} (${ms} ms)`);
    } catch (e) {
      this.failed = true;
      const ms = Date.now() - started;
      const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      this.outcomes.push({ name, state: 'failed', ms, error });
      console.log(`FAIL ${name} (${ms} ms)\n${error}`);
      const shot = join(this.shotsDir, `failure-${this.outcomes.length}.png`);
      await this.page()?.screenshot({ path: shot }).then(() => console.log(`     screenshot: ${shot}`), () => undefined);
    }
  }

  count(state: StepOutcome['state']): number {
    return this.outcomes.filter((o) => o.state === state).length;
  }
}

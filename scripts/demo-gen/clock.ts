/** The demo's week and the helpers that place calls in it. */
import { MAIN_REGION } from './account';
import type { CallContext, DemoEvent } from './envelope';
import type { Actor } from './identity';
import type { Rng } from './rng';

/** Monday 5 October 2026, 00:00 UTC: the first of the demo's seven days. */
export const START = Date.UTC(2026, 9, 5);
export const DAYS = 7;

/** A fixed instant: day 0–6, hour, minute, second. */
export const at = (day: number, h: number, m: number, s = 0): Date => new Date(START + (((day * 24 + h) * 60 + m) * 60 + s) * 1000);

/** Collects calls; every builder draws from the one seeded generator, in call order. */
export class Timeline {
  readonly events: DemoEvent[] = [];
  /** Attached to the events added while set: the story EXPECTED.md tells about them. */
  note: string | undefined;

  constructor(readonly rng: Rng) {}

  /** A random instant on `day` between the two hours (working hours for people, all day for workloads). */
  between(day: number, fromH: number, toH: number): Date {
    return at(day, 0, 0, this.rng.int(fromH * 3600, toH * 3600 - 1));
  }

  add(when: Date, actor: Actor, make: (ctx: CallContext) => DemoEvent, region = MAIN_REGION): DemoEvent {
    const event = make({ rng: this.rng, at: when, region, actor });
    if (this.note !== undefined) event.truth.note = this.note;
    this.events.push(event);
    return event;
  }

  /** Events in time order; ties keep insertion order so the output is stable. */
  sorted(): DemoEvent[] {
    return this.events
      .map((e, i) => ({ e, i }))
      .sort((a, b) => String(a.e.record.eventTime).localeCompare(String(b.e.record.eventTime)) || a.i - b.i)
      .map(({ e }) => e);
  }
}

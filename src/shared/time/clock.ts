/** Where "now" comes from. Injected everywhere time matters, so a test can drive a month. */
export interface Clock {
  now(): Date;
}

/** Nest injection token; a symbol, not the interface, because interfaces vanish at runtime. */
export const CLOCK = Symbol('CLOCK');

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that moves only when told to, for tests that walk through a billing period. */
export class ControllableClock implements Clock {
  private epochMs: number;

  constructor(start: Date) {
    this.epochMs = validEpochMs(start);
  }

  /** A fresh Date each call: a caller mutating it must not move the clock. */
  now(): Date {
    return new Date(this.epochMs);
  }

  set(date: Date): void {
    this.epochMs = validEpochMs(date);
  }

  /** Forward only: going back in time is a deliberate `set`, not an accident of a sign. */
  advance(ms: number): void {
    if (!Number.isInteger(ms) || ms < 0) {
      throw new Error(`ControllableClock.advance expects a non-negative integer of ms, got ${ms}`);
    }
    this.epochMs = validEpochMs(new Date(this.epochMs + ms));
  }
}

function validEpochMs(date: Date): number {
  const epochMs = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(epochMs)) {
    throw new Error('ControllableClock needs a valid Date');
  }
  return epochMs;
}

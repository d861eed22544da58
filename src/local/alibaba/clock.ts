/**
 * Simulated time for the stand-in: copies progress against this clock, so tests can jump ahead
 * (`advance`) and the demo can run faster than real time (`setSpeed`) without touching the wall clock.
 * Signature timestamps are still checked against real time, because the SDK signs with `Date.now()`.
 */
export class SimulatedClock {
  private anchorSimulated: number;
  private anchorReal: number;
  private factor: number;

  constructor(
    options: { start?: number; speed?: number } = {},
    private readonly realNow: () => number = Date.now,
  ) {
    this.anchorReal = this.realNow();
    this.anchorSimulated = options.start ?? this.anchorReal;
    this.factor = checkedSpeed(options.speed ?? 1);
  }

  /** Simulated epoch milliseconds. */
  now(): number {
    return this.anchorSimulated + (this.realNow() - this.anchorReal) * this.factor;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance() takes a non-negative number of ms');
    this.anchorSimulated += ms;
  }

  /** 0 freezes simulated time (manual advances still apply); 10 runs it ten times faster than real time. */
  setSpeed(factor: number): void {
    const checked = checkedSpeed(factor);
    // Re-anchor so time already elapsed keeps the old speed.
    this.anchorSimulated = this.now();
    this.anchorReal = this.realNow();
    this.factor = checked;
  }

  get speed(): number {
    return this.factor;
  }
}

function checkedSpeed(factor: number): number {
  if (!Number.isFinite(factor) || factor < 0) throw new RangeError('clock speed must be a number ≥ 0');
  return factor;
}

/** Alibaba's timestamp format: UTC ISO-8601 without milliseconds. */
export function formatTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

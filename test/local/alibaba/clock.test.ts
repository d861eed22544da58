import { describe, expect, it } from 'vitest';
import { formatTimestamp, SimulatedClock } from '../../../src/local/alibaba/clock.ts';

/** A hand-driven real clock, so the simulated one can be checked without waiting. */
function realTime(start = 1_000_000) {
  let now = start;
  return { now: () => now, pass: (ms: number) => (now += ms) };
}

describe('SimulatedClock', () => {
  it('runs at real speed by default, from the given start', () => {
    const real = realTime();
    const clock = new SimulatedClock({ start: 0 }, real.now);
    real.pass(1500);
    expect(clock.now()).toBe(1500);
  });

  it('scales real elapsed time by its speed and adds manual advances', () => {
    const real = realTime();
    const clock = new SimulatedClock({ start: 0, speed: 10 }, real.now);
    real.pass(1000);
    clock.advance(500);
    expect(clock.now()).toBe(10_500);
  });

  it('keeps time already elapsed when the speed changes', () => {
    const real = realTime();
    const clock = new SimulatedClock({ start: 0, speed: 2 }, real.now);
    real.pass(1000);
    clock.setSpeed(0);
    real.pass(60_000);
    expect(clock.now()).toBe(2000);
    clock.setSpeed(1);
    real.pass(1000);
    expect(clock.now()).toBe(3000);
    expect(clock.speed).toBe(1);
  });

  it('refuses negative or non-numeric speeds and advances', () => {
    const clock = new SimulatedClock();
    expect(() => clock.setSpeed(-1)).toThrow(RangeError);
    expect(() => clock.setSpeed(Number.NaN)).toThrow(RangeError);
    expect(() => clock.advance(-5)).toThrow(RangeError);
  });

  it('formats timestamps as Alibaba does, in UTC without milliseconds', () => {
    expect(formatTimestamp(Date.UTC(2026, 10, 25, 12, 57, 10, 999))).toBe('2026-11-25T12:57:10Z');
  });
});

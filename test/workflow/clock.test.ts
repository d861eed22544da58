import { describe, expect, it } from 'vitest';
import { atTime, MAX_TIMER_DELAY_MS } from '../../src/workflow/clock.ts';
import { createManualClock } from './manual-clock.ts';

describe('atTime', () => {
  it('fires at the absolute time even when it lies beyond what one Node timer can wait', async () => {
    const clock = createManualClock(0);
    const until = MAX_TIMER_DELAY_MS * 2 + 5;
    const fired: number[] = [];
    atTime(clock, until, () => fired.push(clock.now()));
    await clock.advance(MAX_TIMER_DELAY_MS);
    await clock.advance(MAX_TIMER_DELAY_MS);
    expect(fired).toEqual([]);
    await clock.advance(5);
    expect(fired).toEqual([until]);
  });

  it('fires at once for a time already past, and not after being cancelled', async () => {
    const clock = createManualClock(1000);
    const fired: string[] = [];
    atTime(clock, 500, () => fired.push('past'));
    const cancel = atTime(clock, 2000, () => fired.push('cancelled'));
    cancel();
    await clock.advance(5000);
    expect(fired).toEqual(['past']);
  });
});

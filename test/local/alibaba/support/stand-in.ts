/** Starts a stand-in for a test file (once, or fresh for every test) and always closes it. */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import {
  type AlibabaStandIn,
  type AlibabaStandInOptions,
  startAlibabaStandIn,
} from '../../../../src/local/alibaba/index.ts';

export function useStandIn(
  options: AlibabaStandInOptions & { fresh?: 'each' | 'all' } = {},
): () => AlibabaStandIn {
  const { fresh = 'all', ...startOptions } = options;
  let standIn: AlibabaStandIn | undefined;
  const [before, after] = fresh === 'each' ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    // A frozen clock unless a test asks otherwise: progress then moves only by clock.advance().
    standIn = await startAlibabaStandIn({ clockSpeed: 0, ...startOptions });
  });
  after(async () => {
    await standIn?.close();
    standIn = undefined;
  });
  return () => {
    if (!standIn) throw new Error('the stand-in is only available inside a test');
    return standIn;
  };
}

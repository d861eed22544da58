import { describe, expect, it } from 'vitest';
import { findUnfinishedCopy } from '../../src/domain/copy-history.ts';
import { buildCopy } from './request-builders.ts';

describe('findUnfinishedCopy', () => {
  it('finds the running copy and the request that holds it', () => {
    const running = buildCopy({
      snapshotId: 's-t4nrunning',
      status: 'progressing',
      progress: 45,
      tags: [{ key: 'snapcopy:request-id', value: 'req-9' }],
    });
    expect(findUnfinishedCopy([buildCopy(), running])).toEqual({
      snapshotId: 's-t4nrunning',
      requestId: 'req-9',
      progress: 45,
    });
  });

  it('ignores finished and failed copies', () => {
    expect(findUnfinishedCopy([buildCopy(), buildCopy({ status: 'failed' })])).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { clientTokenFor, provenanceTags, requestIdOf } from '../../src/domain/provenance.ts';

describe('provenanceTags', () => {
  it('traces a copy back to its request, snapshot, region and disk', () => {
    expect(
      provenanceTags({
        requestId: 'req-42',
        sourceSnapshotId: 's-bp1webdata0001',
        sourceRegionId: 'cn-hangzhou',
        sourceDiskId: 'd-bp1webdata',
      }),
    ).toEqual([
      { key: 'snapcopy:request-id', value: 'req-42' },
      { key: 'snapcopy:source-snapshot-id', value: 's-bp1webdata0001' },
      { key: 'snapcopy:source-region-id', value: 'cn-hangzhou' },
      { key: 'snapcopy:source-disk-id', value: 'd-bp1webdata' },
    ]);
  });

  it('leaves out the disk when the snapshot does not name one', () => {
    const tags = provenanceTags({
      requestId: 'req-42',
      sourceSnapshotId: 's-1',
      sourceRegionId: 'cn-hangzhou',
    });
    expect(tags.map((tag) => tag.key)).not.toContain('snapcopy:source-disk-id');
  });

  it('reads the request ID back from a copy', () => {
    const tags = provenanceTags({
      requestId: 'req-7',
      sourceSnapshotId: 's-1',
      sourceRegionId: 'cn-hangzhou',
    });
    expect(requestIdOf({ tags })).toBe('req-7');
    expect(requestIdOf({ tags: [] })).toBeUndefined();
  });
});

describe('clientTokenFor', () => {
  it('derives the token from the request ID', () => {
    expect(clientTokenFor('01JD8Z3W5K')).toBe('snapcopy-01JD8Z3W5K');
  });

  it('hashes a request ID that would make the token too long or not ASCII, stably', () => {
    for (const requestId of ['r'.repeat(60), '请求-1']) {
      const token = clientTokenFor(requestId);
      expect(token).toMatch(/^snapcopy-[0-9a-f]{55}$/);
      expect(clientTokenFor(requestId)).toBe(token);
    }
    expect(clientTokenFor('r'.repeat(60))).not.toBe(clientTokenFor('r'.repeat(61)));
  });
});

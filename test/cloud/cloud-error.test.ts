import { describe, expect, it } from 'vitest';
import { CloudError, isCloudError } from '../../src/cloud/cloud-error.ts';

describe('CloudError', () => {
  it('names the action, code and request ID, and nothing else', () => {
    const error = new CloudError({
      action: 'CopySnapshot',
      code: 'InvalidSnapshotId.NotFound',
      httpStatus: 403,
      requestId: 'ABC-123',
      retryable: false,
      hint: 'The source snapshot does not exist in the source region.',
    });
    expect(error.message).toBe('CopySnapshot failed: InvalidSnapshotId.NotFound (request ABC-123)');
    expect(isCloudError(error)).toBe(true);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      code: 'InvalidSnapshotId.NotFound',
      retryable: false,
    });
  });
});

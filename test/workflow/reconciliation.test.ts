import { describe, expect, it } from 'vitest';
import {
  isDeletable,
  type RecordedCopy,
  reconcile,
  type TaggedCopy,
} from '../../src/workflow/reconciliation.ts';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const DAY_MS = 86_400_000;

function copy(overrides: Partial<TaggedCopy> & Pick<TaggedCopy, 'snapshotId' | 'requestId'>): TaggedCopy {
  return {
    regionId: 'cn-shanghai',
    status: 'accomplished',
    progress: 100,
    creationTime: new Date(NOW - DAY_MS).toISOString(),
    ...overrides,
  };
}

function record(overrides: Partial<RecordedCopy> & Pick<RecordedCopy, 'requestId' | 'status'>): RecordedCopy {
  return { destinationRegionId: 'cn-shanghai', ...overrides };
}

function run(records: RecordedCopy[], copies: TaggedCopy[], regionIds = ['cn-shanghai']) {
  return reconcile({ records, copies, regionIds, archiveRetentionMs: 90 * DAY_MS, now: NOW });
}

describe('reconcile', () => {
  it('finds nothing when every copy is its record’s copy', () => {
    const findings = run(
      [record({ requestId: 'sc-1', status: 'done', copySnapshotId: 's-1' })],
      [copy({ snapshotId: 's-1', requestId: 'sc-1' })],
    );
    expect(findings).toEqual([]);
  });

  it('reports a tagged copy whose request has no record', () => {
    const findings = run([], [copy({ snapshotId: 's-lost', requestId: 'sc-lost', status: 'progressing' })]);
    expect(findings).toEqual([
      {
        kind: 'unrecordedCopy',
        regionId: 'cn-shanghai',
        snapshotId: 's-lost',
        requestId: 'sc-lost',
        copyStatus: 'progressing',
      },
    ]);
    expect(isDeletable(findings[0]!)).toBe(true);
  });

  it('reports a second copy of a request whose record names another', () => {
    const findings = run(
      [record({ requestId: 'sc-1', status: 'done', copySnapshotId: 's-1' })],
      [copy({ snapshotId: 's-1', requestId: 'sc-1' }), copy({ snapshotId: 's-2', requestId: 'sc-1' })],
    );
    expect(findings).toEqual([
      expect.objectContaining({ kind: 'unrecordedCopy', snapshotId: 's-2', requestStatus: 'done' }),
    ]);
  });

  it('leaves alone the copy of a running request that has not stored its snapshot ID yet', () => {
    const findings = run(
      [record({ requestId: 'sc-1', status: 'copying' })],
      [copy({ snapshotId: 's-1', requestId: 'sc-1', status: 'progressing', progress: 0 })],
    );
    expect(findings).toEqual([]);
  });

  it('does not report a finished copy whose record aged out of the archive', () => {
    const old = new Date(NOW - 91 * DAY_MS).toISOString();
    expect(run([], [copy({ snapshotId: 's-old', requestId: 'sc-old', creationTime: old })])).toEqual([]);
    const stillRunning = copy({
      snapshotId: 's-old',
      requestId: 'sc-old',
      creationTime: old,
      status: 'progressing',
    });
    expect(run([], [stillRunning])).toHaveLength(1);
  });

  it('reports a record whose copy is gone, only where a copy should exist and its region was listed', () => {
    const records = [
      record({ requestId: 'sc-done', status: 'done', copySnapshotId: 's-done' }),
      record({ requestId: 'sc-copying', status: 'inProgress', copySnapshotId: 's-copying' }),
      record({ requestId: 'sc-cancelled', status: 'cancelled', copySnapshotId: 's-deleted-on-cancel' }),
      record({
        requestId: 'sc-elsewhere',
        status: 'done',
        copySnapshotId: 's-x',
        destinationRegionId: 'cn-beijing',
      }),
    ];
    const findings = run(records, []);
    expect(findings).toEqual([
      {
        kind: 'missingCopy',
        regionId: 'cn-shanghai',
        snapshotId: 's-done',
        requestId: 'sc-done',
        requestStatus: 'done',
      },
      {
        kind: 'missingCopy',
        regionId: 'cn-shanghai',
        snapshotId: 's-copying',
        requestId: 'sc-copying',
        requestStatus: 'inProgress',
      },
    ]);
    expect(findings.some(isDeletable)).toBe(false);
  });

  it('reports a copy still being made for a request that ended, whether or not the record names it', () => {
    const findings = run(
      [
        record({ requestId: 'sc-cancelled', status: 'cancelled', copySnapshotId: 's-1' }),
        record({ requestId: 'sc-rejected', status: 'rejected' }),
      ],
      [
        copy({ snapshotId: 's-1', requestId: 'sc-cancelled', status: 'progressing', progress: 40 }),
        copy({ snapshotId: 's-2', requestId: 'sc-rejected', status: 'progressing', progress: 5 }),
      ],
    );
    expect(findings).toEqual([
      expect.objectContaining({
        kind: 'copyOfEndedRequest',
        snapshotId: 's-1',
        requestStatus: 'cancelled',
        progress: 40,
      }),
      expect.objectContaining({
        kind: 'copyOfEndedRequest',
        snapshotId: 's-2',
        requestStatus: 'rejected',
        progress: 5,
      }),
    ]);
    expect(findings.every(isDeletable)).toBe(true);
  });
});

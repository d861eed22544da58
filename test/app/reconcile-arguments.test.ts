import { describe, expect, it } from 'vitest';
import { parseReconcileArguments } from '../../src/app/reconcile-command.ts';

describe('snapcopy reconcile arguments', () => {
  it('reads only by default, and deletes only with both flags', () => {
    expect(parseReconcileArguments([])).toEqual({ regionIds: [], deleteOrphans: false, confirmed: false });
    expect(parseReconcileArguments(['--delete-orphans', '--yes'])).toMatchObject({
      deleteOrphans: true,
      confirmed: true,
    });
  });

  it('takes several regions', () => {
    expect(parseReconcileArguments(['--region', 'cn-hangzhou', '--region', 'cn-shanghai']).regionIds).toEqual(
      ['cn-hangzhou', 'cn-shanghai'],
    );
  });

  it('refuses a confirmation of nothing, a region without a value and unknown flags', () => {
    expect(() => parseReconcileArguments(['--yes'])).toThrow(
      '--yes confirms --delete-orphans, which is missing',
    );
    expect(() => parseReconcileArguments(['--region'])).toThrow('--region needs a region ID');
    expect(() => parseReconcileArguments(['--region', '--yes'])).toThrow('--region needs a region ID');
    expect(() => parseReconcileArguments(['--force'])).toThrow('unknown argument --force');
  });
});

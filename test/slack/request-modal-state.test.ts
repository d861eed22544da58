import { describe, expect, it } from 'vitest';
import type { RequestModalValues } from '../../src/slack/request-modal-model.ts';
import {
  readRequestModalMetadata,
  readRequestModalValues,
  toCopyParameters,
} from '../../src/slack/request-modal-state.ts';

function viewWithState(
  values: Record<string, Record<string, unknown>>,
  privateMetadata = '{"channelId":"C0OPS"}',
) {
  return { id: 'V1', private_metadata: privateMetadata, state: { values } };
}

const complete: RequestModalValues = {
  sourceRegionId: 'cn-hangzhou',
  sourceSnapshotId: 's-abc',
  destinationRegionId: 'ap-southeast-1',
  copyType: 'copyAndEncrypt',
  keyOption: 'cmk:key-1',
  name: 'dr-copy',
  tags: 'env=prod\n\n team = platform \nempty=',
  retentionDays: '30',
  reason: 'DR drill',
};

describe('readRequestModalValues', () => {
  it('reads every element type Slack reports, by action ID', () => {
    const values = readRequestModalValues(
      viewWithState({
        source_region: {
          source_region_select: { type: 'static_select', selected_option: { value: 'cn-hangzhou' } },
        },
        source_snapshot: {
          source_snapshot_select: { type: 'external_select', selected_option: { value: 's-abc' } },
        },
        copy_type: { copy_type_radio: { type: 'radio_buttons', selected_option: { value: 'copy' } } },
        name: { name_input: { type: 'plain_text_input', value: '  dr-copy  ' } },
        description: { description_input: { type: 'plain_text_input', value: null } },
        retention_days: { retention_days_input: { type: 'number_input', value: '7' } },
      }),
    );
    expect(values).toMatchObject({
      sourceRegionId: 'cn-hangzhou',
      sourceSnapshotId: 's-abc',
      copyType: 'copy',
      name: 'dr-copy',
      retentionDays: '7',
    });
    expect(values.description).toBeUndefined();
    expect(values.destinationRegionId).toBeUndefined();
  });

  it('survives malformed state without throwing', () => {
    expect(readRequestModalValues(null)).toEqual(expect.objectContaining({ name: undefined }));
    expect(readRequestModalValues({ state: { values: { a: 'x', b: { c: 3 } } } }).name).toBeUndefined();
    expect(
      readRequestModalValues(
        viewWithState({ copy_type: { copy_type_radio: { selected_option: { value: 'evil' } } } }),
      ).copyType,
    ).toBeUndefined();
  });
});

describe('readRequestModalMetadata', () => {
  it('reads the channel and ignores what is not JSON', () => {
    expect(readRequestModalMetadata(viewWithState({}))).toEqual({ channelId: 'C0OPS' });
    expect(readRequestModalMetadata(viewWithState({}, 'not json'))).toBeUndefined();
    expect(readRequestModalMetadata(viewWithState({}, '{"snapshot":1}'))).toBeUndefined();
  });
});

describe('toCopyParameters', () => {
  it('turns complete values into CopyParameters', () => {
    const parsed = toCopyParameters(complete);
    expect(parsed).toEqual({
      ok: true,
      parameters: {
        sourceRegionId: 'cn-hangzhou',
        sourceSnapshotId: 's-abc',
        destinationRegionId: 'ap-southeast-1',
        copyType: 'copyAndEncrypt',
        key: { kind: 'customerMasterKey', keyId: 'key-1' },
        name: 'dr-copy',
        description: 'Copy of s-abc from cn-hangzhou, made by snapcopy',
        tags: [
          { key: 'env', value: 'prod' },
          { key: 'team', value: 'platform' },
          { key: 'empty', value: '' },
        ],
        retentionDays: 30,
        reason: 'DR drill',
      },
    });
  });

  it('uses the default service key unless a CMK is chosen, and no key for a plain copy', () => {
    const defaultKey = toCopyParameters({ ...complete, keyOption: 'default' });
    expect(defaultKey.ok && defaultKey.parameters.key).toEqual({ kind: 'defaultServiceKey' });
    const plain = toCopyParameters({ ...complete, copyType: 'copy' });
    expect(plain.ok && plain.parameters.key).toBeUndefined();
  });

  it('names every missing or malformed field', () => {
    const parsed = toCopyParameters({ tags: 'env=prod\nno equals sign', retentionDays: '1.5' });
    expect(parsed.ok).toBe(false);
    const fields = !parsed.ok ? parsed.errors.map((e) => e.field) : [];
    expect(fields).toEqual(
      expect.arrayContaining([
        'sourceRegionId',
        'sourceSnapshotId',
        'destinationRegionId',
        'copyType',
        'name',
        'tags',
        'retentionDays',
      ]),
    );
    const tagError = !parsed.ok ? parsed.errors.find((e) => e.field === 'tags') : undefined;
    expect(tagError?.message).toContain('Line 2');
  });
});

import { describe, expect, it } from 'vitest';
import type { KmsKey } from '../../../src/cloud/cloud-gateway.ts';
import { buildRequestModal, COPY_NOTES } from '../../../src/slack/blocks/request-modal.ts';
import type { RequestModalModel, SnapshotFacts } from '../../../src/slack/request-modal-model.ts';
import { REQUEST_FIELD_INPUTS as INPUT, REQUEST_MODAL_CALLBACK_ID } from '../../../src/slack/slack-ids.ts';
import { allText, expectWithinBlockKitLimits } from '../support/block-kit-checks.ts';

const regions = [
  { regionId: 'cn-hangzhou', localName: 'China (Hangzhou)' },
  { regionId: 'ap-southeast-1', localName: 'Singapore' },
];

const plainSnapshot: SnapshotFacts = {
  snapshotId: 's-plain',
  regionId: 'cn-hangzhou',
  name: 'nightly',
  status: 'accomplished',
  category: 'standard',
  encrypted: false,
  sizeGiB: 40,
  diskId: 'd-1',
  diskType: 'cloud_essd',
  createdAt: '2026-11-20T08:00:00Z',
};

function cmk(keyId: string, alias?: string): KmsKey {
  return {
    keyId,
    arn: `acs:kms:ap-southeast-1:1:key/${keyId}`,
    regionId: 'ap-southeast-1',
    keyState: 'Enabled',
    keySpec: 'Aliyun_AES_256',
    keyUsage: 'ENCRYPT/DECRYPT',
    aliases: alias ? [alias] : [],
    description: '',
    serviceManaged: false,
  };
}

function model(overrides: Partial<RequestModalModel> = {}): RequestModalModel {
  return { regions, values: {}, metadata: { channelId: 'C0OPS' }, ...overrides };
}

// biome-ignore lint/suspicious/noExplicitAny: the test reads arbitrary Block Kit JSON
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function block(view: { blocks: unknown[] }, blockId: string): Json | undefined {
  return (view.blocks as Json[]).find((b) => b.block_id === blockId);
}

describe('buildRequestModal', () => {
  it('opens as a loading view with no inputs, keeping the channel in private_metadata', () => {
    const view = buildRequestModal({ values: {}, metadata: { channelId: 'C0OPS' } });
    expect(view.callback_id).toBe(REQUEST_MODAL_CALLBACK_ID);
    expect(view.submit).toBeUndefined();
    expect(JSON.parse(view.private_metadata!)).toEqual({ channelId: 'C0OPS' });
    expect((view.blocks as Json[]).some((b) => b.type === 'input')).toBe(false);
  });

  it('gathers every field of the request and states the notes of what a copy keeps', () => {
    const view = buildRequestModal(model());
    for (const field of [
      'sourceRegionId',
      'sourceSnapshotId',
      'destinationRegionId',
      'copyType',
      'name',
      'description',
      'tags',
      'retentionDays',
      'reason',
    ] as const) {
      expect(block(view, INPUT[field].blockId)?.type).toBe('input');
    }
    const snapshot = block(view, INPUT.sourceSnapshotId.blockId)!;
    expect(snapshot.element.type).toBe('external_select');
    expect(snapshot.element.min_query_length).toBe(0);
    expect(snapshot.dispatch_action).toBe(true);
    const retention = block(view, INPUT.retentionDays.blockId)!;
    expect(retention.element).toMatchObject({
      type: 'number_input',
      is_decimal_allowed: false,
      min_value: '1',
      max_value: '65536',
    });
    for (const note of COPY_NOTES) expect(allText(view.blocks)).toContain(note);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expectWithinBlockKitLimits(view.blocks, 100);
  });

  it('offers the key only for Copy and Encrypt: the default service key and the destination CMKs', () => {
    expect(
      block(buildRequestModal(model({ values: { copyType: 'copy' } })), INPUT.key.blockId),
    ).toBeUndefined();
    const view = buildRequestModal(
      model({
        values: { copyType: 'copyAndEncrypt', destinationRegionId: 'ap-southeast-1' },
        destinationKeys: { keys: [cmk('key-1', 'alias/dr'), cmk('key-2')] },
      }),
    );
    const key = block(view, INPUT.key.blockId)!;
    expect(key.element.options.map((o: Json) => o.value as string)).toEqual([
      'default',
      'cmk:key-1',
      'cmk:key-2',
    ]);
    expect(key.element.options[1].text.text).toBe('alias/dr');
    expect(key.element.options[1].description.text).toContain('Enabled');
    expect(key.element.initial_option.value).toBe('default');
  });

  it('offers only Copy and Encrypt for an encrypted source, and shows the source facts', () => {
    const encrypted = { ...plainSnapshot, encrypted: true };
    const view = buildRequestModal(
      model({
        values: { sourceRegionId: 'cn-hangzhou', sourceSnapshotId: 's-plain' },
        metadata: { channelId: 'C0OPS', snapshot: encrypted },
      }),
    );
    const copyType = block(view, INPUT.copyType.blockId)!;
    expect(copyType.element.options.map((o: Json) => o.value as string)).toEqual(['copyAndEncrypt']);
    expect(copyType.element.initial_option.value).toBe('copyAndEncrypt');
    expect(block(view, INPUT.key.blockId)).toBeDefined();
    const text = allText(view.blocks);
    expect(text).toContain('40 GiB');
    expect(text).toContain('d-1');
    expect(text).toContain('encrypted');
    expect(text).toContain('2026-11-20');
    expect(JSON.parse(view.private_metadata!).snapshot.snapshotId).toBe('s-plain');
  });

  it('offers both copy types for a plain source and keeps the chosen values', () => {
    const view = buildRequestModal(
      model({
        values: {
          sourceRegionId: 'cn-hangzhou',
          sourceSnapshotId: 's-plain',
          destinationRegionId: 'ap-southeast-1',
          copyType: 'copy',
          name: 'my-copy',
          retentionDays: '7',
        },
        metadata: { channelId: 'C0OPS', snapshot: plainSnapshot },
      }),
    );
    expect(block(view, INPUT.copyType.blockId)!.element.options).toHaveLength(2);
    expect(block(view, INPUT.sourceRegionId.blockId)!.element.initial_option.value).toBe('cn-hangzhou');
    expect(block(view, INPUT.sourceSnapshotId.blockId)!.element.initial_option.value).toBe('s-plain');
    expect(block(view, INPUT.name.blockId)!.element.initial_value).toBe('my-copy');
    expect(block(view, INPUT.retentionDays.blockId)!.element.initial_value).toBe('7');
  });

  it('warns about a snapshot that cannot be copied', () => {
    const view = buildRequestModal(
      model({
        values: { sourceRegionId: 'cn-hangzhou', sourceSnapshotId: 's-plain' },
        metadata: {
          channelId: 'C0OPS',
          snapshot: { ...plainSnapshot, status: 'progressing', category: 'archive' },
        },
      }),
    );
    expect(allText(view.blocks)).toContain('only finished snapshots can be copied');
    expect(allText(view.blocks)).toContain('archive snapshots cannot be copied');
  });

  it('forgets facts of a snapshot that is no longer selected', () => {
    const view = buildRequestModal(
      model({
        values: { sourceRegionId: 'ap-southeast-1', sourceSnapshotId: 's-plain' },
        metadata: { channelId: 'C0OPS', snapshot: plainSnapshot },
      }),
    );
    expect(JSON.parse(view.private_metadata!)).toEqual({ channelId: 'C0OPS' });
  });

  it('keeps at most 100 region options and private_metadata within 3000 characters', () => {
    const many = Array.from({ length: 150 }, (_, i) => ({
      regionId: `xx-region-${i}`,
      localName: 'R'.repeat(100),
    }));
    const view = buildRequestModal(
      model({
        regions: many,
        metadata: { channelId: 'C0OPS', snapshot: { ...plainSnapshot, name: 'n'.repeat(5000) } },
      }),
    );
    expectWithinBlockKitLimits(view.blocks, 100);
    expect(view.private_metadata!.length).toBeLessThanOrEqual(3000);
  });

  it('shows a load problem instead of a form', () => {
    const view = buildRequestModal(model({ loadProblem: 'Could not load the regions' }));
    expect(view.submit).toBeUndefined();
    expect(allText(view.blocks)).toContain('Could not load the regions');
  });
});

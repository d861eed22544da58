import { describe, expect, it } from 'vitest';
import type { BatchParameters } from '../../src/domain/copy-batch.ts';
import type { Tag } from '../../src/domain/copy-request.ts';
import { validateBatchParameters } from '../../src/domain/validate-batch.ts';
import { buildBatchParameters as batch } from './request-builders.ts';

const codes = (parameters: BatchParameters) =>
  validateBatchParameters(parameters).map((refusal) => refusal.code);
const tags = (count: number): Tag[] =>
  Array.from({ length: count }, (_, i) => ({ key: `k${i}`, value: 'v' }));

describe('validateBatchParameters', () => {
  it('accepts an instance ID and 1 to 20 complete tags, though no snapshot ID is known yet', () => {
    expect(codes(batch({ kind: 'instance', instanceId: 'i-bp1erp0100000000001' }))).toEqual([]);
    expect(codes(batch({ kind: 'tags', tags: tags(20) }))).toEqual([]);
  });

  it('refuses what is not an instance ID', () => {
    for (const instanceId of ['', 'erp-01', 'I-BP1ERP01', 'i-', 'd-bp1erp01orders0001']) {
      expect(codes(batch({ kind: 'instance', instanceId }))).toEqual(['selector.malformedInstanceId']);
    }
  });

  it('refuses no tags, more than 20, and a tag missing its key or value', () => {
    expect(codes(batch({ kind: 'tags', tags: [] }))).toEqual(['selector.noTags']);
    expect(validateBatchParameters(batch({ kind: 'tags', tags: tags(21) }))).toEqual([
      {
        code: 'selector.tooManyTags',
        field: 'selector',
        message: expect.stringMatching(/at most 20\. Remove 1 of them/),
      },
    ]);
    const incomplete = [
      { key: 'app', value: ' ' },
      { key: '', value: 'db' },
    ];
    expect(codes(batch({ kind: 'tags', tags: incomplete }))).toEqual([
      'selector.incompleteTag',
      'selector.incompleteTag',
    ]);
  });

  it('refuses the copies’ own parameters as a single request would', () => {
    expect(
      codes(
        batch(
          { kind: 'instance', instanceId: 'i-bp1erp0100000000001' },
          { name: '-bad', destinationRegionId: '' },
        ),
      ),
    ).toEqual(expect.arrayContaining(['name.firstCharacter', 'destinationRegionId.missing']));
  });
});

import { describe, expect, it } from 'vitest';
import { inlineErrors, inputBlockIds } from '../../src/slack/inline-errors.ts';

const view = {
  blocks: [
    { type: 'context', block_id: 'intro' },
    { type: 'input', block_id: 'source_snapshot' },
    { type: 'input', block_id: 'destination_region' },
    { type: 'input', block_id: 'copy_type' },
    { type: 'input', block_id: 'name' },
  ],
};

describe('inlineErrors', () => {
  it('puts each refusal on the input block of its field, joining several', () => {
    const errors = inlineErrors(
      [
        { field: 'name', message: 'Too short.' },
        { field: 'name', message: 'Must start with a letter.' },
        { field: 'destinationRegionId', message: 'Choose another region.' },
      ],
      inputBlockIds(view),
    );
    expect(errors).toEqual({
      name: 'Too short. Must start with a letter.',
      destination_region: 'Choose another region.',
    });
  });

  it('moves a field without a block to the nearest shown one', () => {
    expect(inlineErrors([{ field: 'key', message: 'Key disabled.' }], inputBlockIds(view))).toEqual({
      copy_type: 'Key disabled.',
    });
    expect(inlineErrors([{ field: 'reason', message: 'Say why.' }], inputBlockIds(view))).toEqual({
      source_snapshot: 'Say why.',
    });
  });

  it('only keys errors by input blocks', () => {
    expect([...inputBlockIds(view)]).not.toContain('intro');
    expect(inputBlockIds({ blocks: 'nope' }).size).toBe(0);
  });
});

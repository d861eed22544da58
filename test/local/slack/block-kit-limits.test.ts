import { describe, expect, it } from 'vitest';
import { blockProblems, viewProblems } from '../../../src/local/slack/block-kit-limits.ts';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const option = (value: string) => ({ text: plain(value), value });

describe('message blocks', () => {
  it('accepts a card like the ones snapcopy sends', () => {
    const card = [
      { type: 'header', text: plain('Snapshot copy requested') },
      { type: 'section', fields: [mrkdwn('*Source*\ns-123'), mrkdwn('*Destination*\nap-southeast-1')] },
      { type: 'context', elements: [mrkdwn('Example prices as of 2026-01-01')] },
      { type: 'divider' },
      {
        type: 'actions',
        block_id: 'approval',
        elements: [
          { type: 'button', action_id: 'approve', style: 'primary', text: plain('Approve'), value: 'r1' },
          {
            type: 'button',
            action_id: 'reject',
            style: 'danger',
            text: plain('Reject'),
            value: 'r1',
            confirm: {
              title: plain('Reject?'),
              text: mrkdwn('Sure?'),
              confirm: plain('Yes'),
              deny: plain('No'),
            },
          },
        ],
      },
    ];
    expect(blockProblems(card, 'message')).toEqual([]);
  });

  it('names each broken limit with its JSON pointer', () => {
    const blocks = [
      { type: 'section', block_id: 'same', fields: Array.from({ length: 11 }, () => mrkdwn('f')) },
      { type: 'section', block_id: 'same' },
      { type: 'carousel' },
      {
        type: 'actions',
        elements: [
          {
            type: 'static_select',
            action_id: 's',
            options: Array.from({ length: 101 }, (_, i) => option(`o${i}`)),
          },
        ],
      },
      { type: 'input', label: plain('Retention'), element: { type: 'number_input', action_id: 'n' } },
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: 'b', style: 'green', text: mrkdwn('*x*') }],
      },
    ];
    expect(blockProblems(blocks, 'message')).toEqual([
      '[ERROR] must have at most 10 items [json-pointer:/blocks/0/fields]',
      '[ERROR] block_id "same" is not unique [json-pointer:/blocks/1/block_id]',
      '[ERROR] must provide text or fields [json-pointer:/blocks/1]',
      '[ERROR] unknown block type [json-pointer:/blocks/2/type]',
      '[ERROR] must have between 0 and 100 items [json-pointer:/blocks/3/elements/0/options]',
      '[ERROR] is required [json-pointer:/blocks/4/element/is_decimal_allowed]',
      '[ERROR] must be a plain_text object [json-pointer:/blocks/5/elements/0/text/type]',
      '[ERROR] must be primary or danger [json-pointer:/blocks/5/elements/0/style]',
    ]);
  });

  it('allows 100 blocks in a modal but 50 in a message', () => {
    const dividers = Array.from({ length: 60 }, () => ({ type: 'divider' }));
    expect(blockProblems(dividers, 'modal')).toEqual([]);
    expect(blockProblems(dividers, 'message')).toEqual([
      '[ERROR] no more than 50 items allowed [json-pointer:/blocks]',
    ]);
  });
});

describe('views', () => {
  it('requires a short title and a submit button when the modal has inputs', () => {
    const view = {
      type: 'modal',
      title: plain('Snapcopy'),
      private_metadata: 'x'.repeat(3001),
      blocks: [
        { type: 'input', label: plain('Reason'), element: { type: 'plain_text_input', action_id: 'r' } },
      ],
    };
    expect(viewProblems(view)).toEqual([
      '[ERROR] is required when the view has input blocks [json-pointer:/submit]',
      '[ERROR] must be a string of at most 3000 characters [json-pointer:/private_metadata]',
    ]);
    expect(viewProblems({ ...view, private_metadata: '', submit: plain('Request') })).toEqual([]);
  });
});

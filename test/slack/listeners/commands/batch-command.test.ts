import { describe, expect, it } from 'vitest';
import { batchSelection } from '../../../../src/slack/listeners/commands/batch-command.ts';

describe('batch selection from a command', () => {
  it('reads an instance ID and one or more tags', () => {
    expect(batchSelection('instance', ['i-bp1abc123'])).toEqual({
      mode: 'instance',
      instanceId: 'i-bp1abc123',
    });
    expect(batchSelection('tag', ['app=db', 'env=prod'])).toEqual({
      mode: 'tags',
      selectorTags: 'app=db env=prod',
    });
  });

  it('refuses a malformed tag or a second instance with the usage', () => {
    expect(batchSelection('tag', ['app=db', 'oops'])).toMatch(/^Usage/);
    expect(batchSelection('instance', ['i-1', 'i-2'])).toMatch(/^Usage/);
  });
});

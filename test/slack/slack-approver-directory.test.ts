import { afterEach, describe, expect, it } from 'vitest';
import type { SlackStandIn } from '../../src/local/slack/index.ts';
import { createSlackApproverDirectory } from '../../src/slack/slack-approver-directory.ts';
import { ids, quietLogger, startStandInWithClient } from './support/slack-stand-in.ts';

let standIn: SlackStandIn | undefined;
afterEach(async () => {
  await standIn?.close();
});

describe('Slack approver directory', () => {
  it('counts the static list and the members of the user group, asking Slack once per cache period', async () => {
    const started = await startStandInWithClient();
    standIn = started.standIn;
    const directory = createSlackApproverDirectory({
      client: started.client,
      userIds: [ids.bystander],
      groupId: ids.approverGroup,
      logger: quietLogger,
    });
    expect(await directory.isApprover(ids.bystander)).toBe(true);
    expect(await directory.isApprover(ids.approver)).toBe(true);
    expect(await directory.isApprover(ids.secondApprover)).toBe(true);
    expect(await directory.isApprover(ids.requester)).toBe(false);
    expect(standIn.calls.to('usergroups.users.list')).toHaveLength(1);
  });

  it('falls back to the static list when the group cannot be read', async () => {
    const started = await startStandInWithClient({ world: { plan: 'free' } });
    standIn = started.standIn;
    const directory = createSlackApproverDirectory({
      client: started.client,
      userIds: [ids.approver],
      groupId: ids.approverGroup,
      logger: quietLogger,
    });
    expect(await directory.isApprover(ids.approver)).toBe(true);
    expect(await directory.isApprover(ids.secondApprover)).toBe(false);
  });
});

/** Who and what exists in the local workspace: the seed the stand-in starts from. */
export interface SlackWorldUser {
  id: string;
  name: string;
  realName: string;
  isBot?: boolean;
  tz?: string;
}

export interface SlackWorldChannel {
  id: string;
  name: string;
  /** User IDs, the bot's user ID included when the bot has joined. */
  members: string[];
  isPrivate?: boolean;
  isArchived?: boolean;
}

export interface SlackWorldUserGroup {
  id: string;
  handle: string;
  name: string;
  users: string[];
}

export interface SlackWorld {
  team: { id: string; name: string; domain: string };
  appId: string;
  bot: { userId: string; botId: string; name: string };
  users: SlackWorldUser[];
  channels: SlackWorldChannel[];
  userGroups: SlackWorldUserGroup[];
  homeTabEnabled: boolean;
  /** User groups need a paid plan: on `free` the usergroups methods answer `plan_upgrade_required`. */
  plan: 'free' | 'standard';
}

export const DEFAULT_IDS = {
  team: 'T0SNAPCOPY',
  app: 'A0SNAPCOPY',
  botUser: 'U0SNAPBOT',
  bot: 'B0SNAPBOT',
  requester: 'U0REQUESTER',
  approver: 'U0APPROVER1',
  secondApprover: 'U0APPROVER2',
  bystander: 'U0BYSTANDER',
  opsChannel: 'C0OPS',
  approvalsChannel: 'C0APPROVALS',
  randomChannel: 'C0RANDOM',
  approverGroup: 'S0APPROVERS',
} as const;

export function defaultSlackWorld(): SlackWorld {
  const ids = DEFAULT_IDS;
  const people = [ids.requester, ids.approver, ids.secondApprover, ids.bystander];
  return {
    team: { id: ids.team, name: 'Snapcopy Local', domain: 'snapcopy-local' },
    appId: ids.app,
    bot: { userId: ids.botUser, botId: ids.bot, name: 'snapcopy' },
    users: [
      { id: ids.botUser, name: 'snapcopy', realName: 'snapcopy', isBot: true },
      { id: ids.requester, name: 'riley', realName: 'Riley Requester' },
      { id: ids.approver, name: 'alex', realName: 'Alex Approver' },
      { id: ids.secondApprover, name: 'sam', realName: 'Sam Approver' },
      { id: ids.bystander, name: 'blake', realName: 'Blake Bystander' },
    ],
    channels: [
      { id: ids.opsChannel, name: 'ops', members: [...people, ids.botUser] },
      { id: ids.approvalsChannel, name: 'snapcopy-approvals', members: [...people, ids.botUser] },
      { id: ids.randomChannel, name: 'random', members: [...people] },
    ],
    userGroups: [
      {
        id: ids.approverGroup,
        handle: 'snapcopy-approvers',
        name: 'Snapcopy approvers',
        users: [ids.approver, ids.secondApprover],
      },
    ],
    homeTabEnabled: true,
    plan: 'standard',
  };
}

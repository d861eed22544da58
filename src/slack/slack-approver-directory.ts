/**
 * Approvers are a static list of Slack user IDs and/or the members of a user group. The group is
 * read with usergroups.users.list and cached briefly; if Slack cannot be asked, the last known
 * members still count, and with none known only the static list does (never everyone).
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '../observability/logger.ts';
import type { ApproverDirectory } from '../workflow/approver-directory.ts';

export interface SlackApproverDirectoryOptions {
  client: Pick<webApi.WebClient, 'usergroups'>;
  userIds: string[];
  groupId?: string;
  cacheMs?: number;
  logger: Logger;
  now?: () => number;
}

export function createSlackApproverDirectory(options: SlackApproverDirectoryOptions): ApproverDirectory {
  const { client, groupId, logger } = options;
  const staticIds = new Set(options.userIds);
  const cacheMs = options.cacheMs ?? 60_000;
  const now = options.now ?? Date.now;
  let members: Set<string> | undefined;
  let fetchedAt = Number.NEGATIVE_INFINITY;
  let pending: Promise<Set<string>> | undefined;

  async function fetchMembers(usergroup: string): Promise<Set<string>> {
    try {
      const result = await client.usergroups.users.list({ usergroup });
      members = new Set(result.users ?? []);
      fetchedAt = now();
    } catch (error) {
      logger.warn('approver group could not be read; using the last known members', {
        groupId: usergroup,
        error,
      });
    }
    return members ?? new Set();
  }

  async function groupMembers(usergroup: string): Promise<Set<string>> {
    if (members && now() - fetchedAt < cacheMs) return members;
    pending ??= fetchMembers(usergroup).finally(() => {
      pending = undefined;
    });
    return pending;
  }

  return {
    async isApprover(userId) {
      if (staticIds.has(userId)) return true;
      if (!groupId) return false;
      return (await groupMembers(groupId)).has(userId);
    },
  };
}

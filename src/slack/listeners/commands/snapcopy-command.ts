/** `/snapcopy [snapshot-id | instance <i-…> | tag <k=v> | status <id> | list | cancel <id> | help]`. */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { isBatchId } from '../../../workflow/batch/batch-id.ts';
import { buildHelpMessage } from '../../blocks/help-message.ts';
import { buildRequestCard } from '../../blocks/request-card.ts';
import { buildRequestListMessage } from '../../blocks/request-list-message.ts';
import { cancelRefusal } from '../../decision-replies.ts';
import { loadUserLists } from '../../user-lists.ts';
import { replyPrivately } from '../../user-replies.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { batchCommand, batchSelection } from './batch-command.ts';
import { openRequestModal } from './open-request-modal.ts';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

const SNAPSHOT_ID = /^s-[0-9a-z]+$/i;

export function snapcopyCommand(deps: ListenerDeps) {
  return async ({ command, ack, client, respond }: CommandArgs): Promise<void> => {
    const [word = '', argument, ...rest] = (command.text ?? '').trim().split(/\s+/).filter(Boolean);
    const name = word.toLowerCase();
    const target = { client, userId: command.user_id, channelId: command.channel_id, respond };
    const modalFor = {
      client,
      triggerId: command.trigger_id,
      userId: command.user_id,
      channelId: command.channel_id,
    };
    if (name === '' || SNAPSHOT_ID.test(word)) {
      await ack();
      await openRequestModal(deps, { ...modalFor, ...(name ? { snapshotId: word } : {}) });
      return;
    }
    if (name === 'instance' || name === 'tag') {
      const batch = batchSelection(name, [argument, ...rest]);
      if (typeof batch === 'string') return ack(buildHelpMessage(batch));
      await ack();
      await openRequestModal(deps, { ...modalFor, batch });
      return;
    }
    if (name === 'help') return ack(buildHelpMessage());
    if (name === 'list' && !argument) {
      await ack();
      return replyPrivately(target, buildRequestListMessage(await loadUserLists(deps, command.user_id)));
    }
    if ((name === 'status' || name === 'cancel') && argument && rest.length === 0) {
      await ack();
      if (isBatchId(argument))
        return replyPrivately(target, await batchCommand(deps, name, argument, command.user_id));
      if (name === 'status') {
        const view = await deps.service.get(argument);
        return replyPrivately(
          target,
          view ? buildRequestCard(view, { withActions: false }) : `I cannot find request ${argument}.`,
        );
      }
      const result = await deps.service.cancel(argument, command.user_id);
      return replyPrivately(
        target,
        result.ok
          ? `Cancelling request ${argument}; its card shows the outcome.`
          : cancelRefusal(argument, result),
      );
    }
    const problem =
      name === 'status' || name === 'cancel'
        ? `Usage: \`/snapcopy ${name} <request-id>\``
        : `I do not know \`${word.replace(/[`<>&]/g, '')}\`.`;
    await ack(buildHelpMessage(problem));
  };
}

/** Posts the periodic reconciliation's findings in the approvals channel, at status priority. */
import type { webApi } from '@slack/bolt';
import type { Reconciliation } from '../workflow/reconciliation-run.ts';
import type { ReconciliationReporter } from '../workflow/reconciliation-schedule.ts';
import { reconciliationMessage } from './blocks/reconciliation-message.ts';

export function createSlackReconciliationReporter(
  client: Pick<webApi.WebClient, 'chat'>,
  channelId: string,
): ReconciliationReporter {
  return {
    async report(reconciliation: Reconciliation) {
      const { text, blocks } = reconciliationMessage(reconciliation);
      await client.chat.postMessage({ channel: channelId, text, blocks });
    },
  };
}

/** The local Slack stand-in and the bot's own WebClient pointed at it, for the Slack unit tests. */
import {
  DEFAULT_IDS,
  LOCAL_BOT_TOKEN,
  type SlackStandIn,
  startSlackStandIn,
} from '../../../src/local/slack/index.ts';
import { createLogger } from '../../../src/observability/logger.ts';
import { createSlackBudget } from '../../../src/slack/budget/slack-budget.ts';
import { createSlackClients } from '../../../src/slack/slack-client.ts';

export { DEFAULT_IDS as ids };

export const quietLogger = createLogger('test', { level: 'error' });

export async function startStandInWithClient(options: Parameters<typeof startSlackStandIn>[0] = {}) {
  const standIn: SlackStandIn = await startSlackStandIn({ logger: quietLogger, ...options });
  const budget = { budget: createSlackBudget() };
  const clients = createSlackClients(
    { botToken: LOCAL_BOT_TOKEN, apiUrl: standIn.apiUrl },
    quietLogger,
    budget,
  );
  return { standIn, client: clients.person, clients, budget };
}

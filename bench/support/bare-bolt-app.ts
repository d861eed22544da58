/**
 * The yardstick for acknowledgement latency: a Bolt app with Bolt's defaults that answers
 * `/snapcopy` and the Approve button with an immediate ack() and does nothing else.
 */
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { LOCAL_BOT_TOKEN, LOCAL_SIGNING_SECRET } from '../../src/local/slack/index.ts';
import { APPROVE_ACTION_ID, SNAPCOPY_COMMAND } from '../../src/slack/slack-ids.ts';

export interface BareBoltApp {
  eventsUrl: string;
  stop(): Promise<void>;
}

export async function startBareBoltApp(): Promise<BareBoltApp> {
  const app = new App({
    signingSecret: LOCAL_SIGNING_SECRET,
    authorize: async () => ({ botToken: LOCAL_BOT_TOKEN }),
    logLevel: LogLevel.ERROR,
  });
  app.command(SNAPCOPY_COMMAND, async ({ ack }) => {
    await ack();
  });
  app.action(APPROVE_ACTION_ID, async ({ ack }) => {
    await ack();
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as {
    address(): AddressInfo | string | null;
  };
  const { port } = server.address() as AddressInfo;
  return {
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    async stop() {
      await app.stop();
    },
  };
}

/**
 * The yardstick for acknowledgement latency, run as its own process (`node --import tsx
 * bench/support/bare-bolt-app.ts`): a Bolt app with Bolt's defaults that answers `/snapcopy` and
 * the Approve button with an immediate ack() and does nothing else. It logs its events URL on
 * stderr, as the bot does, and stops on SIGTERM.
 */
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { LOCAL_BOT_TOKEN, LOCAL_SIGNING_SECRET } from '../../src/local/slack/index.ts';
import { APPROVE_ACTION_ID, SNAPCOPY_COMMAND } from '../../src/slack/slack-ids.ts';

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
process.stderr.write(
  `${JSON.stringify({ message: 'bare bolt is listening', eventsUrl: `http://127.0.0.1:${port}/slack/events` })}\n`,
);
process.once('SIGTERM', () => void app.stop());

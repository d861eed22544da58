/**
 * Socket Mode on the wire, with a bare `ws` client in place of Bolt: apps.connections.open and its
 * tokens, the hello, envelopes and their acks, Slack's three seconds, disconnect messages, the
 * connection limit, single-use tickets and redelivery when a connection dies.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  LOCAL_APP_TOKEN,
  LOCAL_BOT_TOKEN,
  MAX_CONNECTIONS_PER_APP,
  type SlackStandIn,
  type SlackStandInOptions,
  startSlackStandIn,
} from '../../../src/local/slack/index.ts';
import { createLogger } from '../../../src/observability/logger.ts';
import { expectSlackError, ids, webClient } from './harness.ts';
import { connect, connectionUrl, RawSocket } from './raw-socket.ts';

let standIn: SlackStandIn | undefined;
const sockets: RawSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.ws.terminate();
  await standIn?.close();
  standIn = undefined;
});

async function start(options: SlackStandInOptions = {}): Promise<SlackStandIn> {
  standIn = await startSlackStandIn({
    socketMode: true,
    // Some tests open more connections than Slack's Tier 2 burst for apps.connections.open.
    rateLimits: false,
    logger: createLogger('slack-stand-in', { level: 'error' }),
    ...options,
  });
  return standIn;
}

async function open(slack: SlackStandIn): Promise<RawSocket> {
  const socket = await connect(slack);
  sockets.push(socket);
  return socket;
}

const envelope = (message: { envelope_id?: unknown }) => typeof message.envelope_id === 'string';
const command = (slack: SlackStandIn, text = '') =>
  slack.driver.slashCommand({ userId: ids.requester, channelId: ids.opsChannel, text });

describe('apps.connections.open', () => {
  it('answers a WebSocket URL on the stand-in for the app token', async () => {
    const slack = await start();
    const url = new URL(await connectionUrl(slack));
    expect(url.protocol).toBe('ws:');
    expect(url.host).toBe(new URL(slack.url).host);
    expect(url.pathname).toBe('/link/');
    expect(url.searchParams.get('ticket')).toMatch(/^\w{16,}$/);
    expect(url.searchParams.get('app_id')).toBe(ids.app);
  });

  it('refuses the bot token, an unknown token and no token, as Slack does', async () => {
    const slack = await start();
    await expectSlackError(webClient(slack).apps.connections.open(), 'not_allowed_token_type');
    await expectSlackError(
      webClient(slack, {}, 'xapp-1-not-this-app').apps.connections.open(),
      'invalid_auth',
    );
    await expectSlackError(webClient(slack, {}, '').apps.connections.open(), 'not_authed');
    expect(slack.calls.to('apps.connections.open').map((call) => call.error)).toEqual([
      'not_allowed_token_type',
      'invalid_auth',
      'not_authed',
    ]);
    expect(JSON.stringify(slack.calls.to('apps.connections.open'))).not.toContain('xapp-');
  });

  it('keeps the app token to app-level methods', async () => {
    const slack = await start();
    await expectSlackError(
      webClient(slack, {}, LOCAL_APP_TOKEN).chat.postMessage({ channel: ids.opsChannel, text: 'hi' }),
      'not_allowed_token_type',
    );
  });

  it('has no Socket Mode when started in HTTP mode', async () => {
    const slack = await start({ socketMode: false });
    expect(slack.socketMode).toBeUndefined();
    for (const token of [LOCAL_APP_TOKEN, LOCAL_BOT_TOKEN])
      await expectSlackError(webClient(slack, {}, token).apps.connections.open(), 'unknown_method');
  });
});

describe('the link', () => {
  it('says hello with the number of connections, debug info and the app ID', async () => {
    const slack = await start();
    await open(slack);
    const second = await RawSocket.open(await connectionUrl(slack));
    sockets.push(second);
    expect(await second.next()).toEqual({
      type: 'hello',
      num_connections: 2,
      debug_info: expect.objectContaining({ host: expect.any(String) }) as unknown,
      connection_info: { app_id: ids.app },
    });
    expect(slack.socketMode?.connectionCount()).toBe(2);
  });

  it('takes each ticket once', async () => {
    const slack = await start();
    const url = await connectionUrl(slack);
    sockets.push(await RawSocket.open(url));
    await expect(RawSocket.open(url)).rejects.toThrow(/401/);
    const forged = new URL(url);
    forged.searchParams.set('ticket', 'made-up');
    await expect(RawSocket.open(forged.toString())).rejects.toThrow(/401/);
  });

  it(`holds an app to ${MAX_CONNECTIONS_PER_APP} connections with too_many_websockets`, async () => {
    const slack = await start();
    for (let count = 0; count < MAX_CONNECTIONS_PER_APP; count += 1) await open(slack);
    const extra = await RawSocket.open(await connectionUrl(slack));
    sockets.push(extra);
    expect(await extra.next()).toMatchObject({ type: 'disconnect', reason: 'too_many_websockets' });
    await extra.closed;
    expect(slack.socketMode?.connectionCount()).toBe(MAX_CONNECTIONS_PER_APP);
  });
});

describe('envelopes', () => {
  it('delivers a slash command and applies the ack payload as the command reply', async () => {
    const slack = await start();
    const socket = await open(slack);
    const reply = command(slack, 'help');
    const sent = await socket.next(envelope);
    expect(sent).toMatchObject({
      type: 'slash_commands',
      accepts_response_payload: true,
      retry_attempt: 0,
      retry_reason: '',
      payload: { command: '/snapcopy', text: 'help', user_id: ids.requester, channel_id: ids.opsChannel },
    });
    socket.ack(sent.envelope_id, { text: 'Usage: /snapcopy' });
    expect(await reply).toMatchObject({ status: 200, body: { text: 'Usage: /snapcopy' } });
    const ephemeral = slack.state.ephemerals(ids.requester).at(-1);
    expect(ephemeral?.text).toBe('Usage: /snapcopy');
  });

  it('delivers clicks as interactive and events as events_api; an empty ack is an empty answer', async () => {
    const slack = await start();
    const socket = await open(slack);
    const home = slack.driver.openHome(ids.requester);
    const event = await socket.next(envelope);
    expect(event).toMatchObject({
      type: 'events_api',
      accepts_response_payload: false,
      payload: { type: 'event_callback', event: { type: 'app_home_opened', user: ids.requester } },
    });
    socket.ack(event.envelope_id);
    expect(await home).toEqual({ status: 200, body: undefined });
  });

  it('reports operation_timeout when no ack comes in time, and unreachable with no connection', async () => {
    const slack = await start({ ackTimeoutMs: 300 });
    expect(await command(slack)).toMatchObject({ status: 0, failure: 'unreachable' });
    const socket = await open(slack);
    const reply = await command(slack);
    expect(reply).toMatchObject({ status: 0, failure: 'operation_timeout' });
    const late = await socket.next(envelope);
    socket.ack(late.envelope_id, { text: 'too late' });
    expect(slack.state.ephemerals(ids.requester)).toEqual([]);
  });

  it('sends each envelope to one connection, in turn', async () => {
    const slack = await start();
    const first = await open(slack);
    const second = await open(slack);
    const replies = [command(slack, 'a'), command(slack, 'b')];
    const got = [await first.next(envelope), await second.next(envelope)];
    for (const [socket, message] of [
      [first, got[0]],
      [second, got[1]],
    ] as const)
      socket.ack(message?.envelope_id);
    await Promise.all(replies);
    expect(first.unread().filter(envelope)).toEqual([]);
    expect(second.unread().filter(envelope)).toEqual([]);
    expect(new Set(slack.socketMode?.envelopes().map((send) => send.connectionId)).size).toBe(2);
  });

  it('sends an envelope again on another connection when its connection dies before the ack', async () => {
    const slack = await start();
    const first = await open(slack);
    const second = await open(slack);
    const reply = command(slack, 'retry me');
    const firstSend = await slack.waitFor(() => slack.socketMode?.envelopes()[0]);
    const [holder, other] = firstSend.connectionId === 1 ? [first, second] : [second, first];
    const original = await holder.next(envelope);
    holder.ws.terminate();
    const again = await other.next(envelope);
    expect(again).toMatchObject({
      envelope_id: original.envelope_id,
      retry_attempt: 1,
      retry_reason: 'timeout',
      payload: { text: 'retry me' },
    });
    other.ack(again.envelope_id, { text: 'got it' });
    expect(await reply).toMatchObject({ status: 200, body: { text: 'got it' } });
  });
});

describe('disconnect messages', () => {
  it('asks every connection to refresh, and sends nothing new to a connection asked to go', async () => {
    const slack = await start();
    const leaving = await open(slack);
    slack.socketMode?.askToReconnect();
    expect(await leaving.next()).toMatchObject({ type: 'disconnect', reason: 'refresh_requested' });
    const fresh = await open(slack);
    const reply = command(slack, 'after refresh');
    fresh.ack((await fresh.next(envelope)).envelope_id);
    await reply;
    expect(leaving.unread()).toEqual([]);
  });

  it('sends the warning Slack gives before it refreshes', async () => {
    const slack = await start();
    const socket = await open(slack);
    slack.socketMode?.askToReconnect('warning');
    expect(await socket.next()).toMatchObject({ type: 'disconnect', reason: 'warning' });
  });

  it('drops connections without a word', async () => {
    const slack = await start();
    const socket = await open(slack);
    slack.socketMode?.dropConnections();
    await socket.closed;
    await slack.waitFor(() => slack.socketMode?.connectionCount() === 0);
  });
});

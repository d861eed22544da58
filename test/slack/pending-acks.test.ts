import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPendingAcks, type PendingAcks } from '../../src/slack/pending-acks.ts';

/** A server whose responses stay open until the test ends them, each tracked as a Slack request. */
async function holdingServer(pending: PendingAcks) {
  const open: ServerResponse[] = [];
  const server: Server = createServer((_request, response) => {
    pending.track(response);
    open.push(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  return {
    open,
    send: () => fetch(url, { method: 'POST', body: 'x' }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

const settled = async (promise: Promise<void>) => {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  await new Promise((resolve) => setTimeout(resolve, 30));
  return done;
};

describe('pending acks', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('lets background work through at once when no Slack request waits', async () => {
    const pending = createPendingAcks({ quietMs: 0, maxWaitMs: 60_000 });
    expect(pending.waiting).toBe(0);
    expect(await settled(pending.idle())).toBe(true);
  });

  it('holds background work until every waiting request has been answered', async () => {
    const pending = createPendingAcks({ quietMs: 0, maxWaitMs: 60_000 });
    const server = await holdingServer(pending);
    cleanups.push(server.close);
    const replies = [server.send(), server.send()];
    await until(() => server.open.length === 2);
    expect(pending.waiting).toBe(2);

    const idle = pending.idle();
    server.open[0]!.end();
    expect(await settled(idle)).toBe(false);
    server.open[1]!.end();
    await Promise.all(replies);
    expect(await settled(idle)).toBe(true);
    expect(pending.waiting).toBe(0);
  });

  it('lets the rest of a burst in before background work goes on', async () => {
    const pending = createPendingAcks({ quietMs: 80, maxWaitMs: 60_000 });
    const server = await holdingServer(pending);
    cleanups.push(server.close);
    const first = server.send();
    await until(() => server.open.length === 1);
    const idle = pending.idle();
    server.open[0]!.end();
    await first;
    expect(await settled(idle)).toBe(false);
    // The next request of the burst arrives within the quiet period: the wait starts over after it.
    const second = server.send();
    await until(() => server.open.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await settled(idle)).toBe(false);
    server.open[1]!.end();
    await second;
    const answeredAt = performance.now();
    await idle;
    expect(performance.now() - answeredAt).toBeGreaterThanOrEqual(70);
  });

  it('counts a request whose client went away as answered', async () => {
    const pending = createPendingAcks({ quietMs: 0, maxWaitMs: 60_000 });
    const server = await holdingServer(pending);
    cleanups.push(server.close);
    const gone = server.send().catch(() => undefined);
    await until(() => server.open.length === 1);
    const idle = pending.idle();
    server.open[0]!.socket?.destroy();
    await gone;
    expect(await settled(idle)).toBe(true);
  });

  it('never holds background work longer than its bound', async () => {
    const pending = createPendingAcks({ quietMs: 0, maxWaitMs: 50 });
    const server = await holdingServer(pending);
    cleanups.push(async () => {
      for (const response of server.open) response.end();
      await server.close();
    });
    void server.send().catch(() => undefined);
    await until(() => server.open.length === 1);
    const started = performance.now();
    await pending.idle();
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    expect(pending.waiting).toBe(1);
  });
});

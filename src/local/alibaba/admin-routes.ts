/**
 * A small JSON admin API for the demo playground's cloud panel. These are not Alibaba routes and
 * take no signature; the stand-in listens on 127.0.0.1 by default so only the local machine reaches them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatTimestamp, type SimulatedClock } from './clock.ts';
import { sendJson } from './wire.ts';
import type { World } from './world.ts';
import type { KeyState, KmsAccountStatus } from './world-file.ts';

export const ADMIN_PREFIX = '/_standin/';

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
};
const KEY_STATES: readonly KeyState[] = ['Enabled', 'Disabled', 'PendingDeletion', 'PendingImport'];
const KMS_STATUSES: readonly KmsAccountStatus[] = ['Enabled', 'NotEnabled', 'InDebt', 'Suspended'];

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function handleAdminRoute(
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  body: Buffer,
  { world, clock }: { world: World; clock: SimulatedClock },
): void {
  const send = (status: number, payload: unknown) => sendJson(response, status, payload, CORS);
  try {
    const route = `${request.method ?? ''} ${path.slice(ADMIN_PREFIX.length)}`;
    if (request.method === 'OPTIONS') {
      response.writeHead(204, CORS).end();
    } else if (route === 'GET state') {
      send(200, worldState(world, clock));
    } else if (route === 'POST clock') {
      const input = jsonObject(body);
      if (input.speed !== undefined) clock.setSpeed(numberField(input, 'speed'));
      if (input.advanceMs !== undefined) clock.advance(numberField(input, 'advanceMs'));
      send(200, clockState(clock));
    } else if (route === 'POST kms') {
      world.setKmsStatus(choiceField(jsonObject(body), 'status', KMS_STATUSES));
      send(200, { kmsStatus: world.kmsStatus() });
    } else if (route.startsWith('POST keys/')) {
      const keyId = decodeURIComponent(route.slice('POST keys/'.length));
      if (!world.key(keyId)) throw new AdminError(404, `no key ${keyId}`);
      world.setKeyState(keyId, choiceField(jsonObject(body), 'state', KEY_STATES));
      send(200, world.key(keyId));
    } else {
      throw new AdminError(404, `no admin route ${route}`);
    }
  } catch (error) {
    const status = error instanceof AdminError ? error.status : 400;
    send(status, { error: (error as Error).message });
  }
}

function worldState(world: World, clock: SimulatedClock): Record<string, unknown> {
  return {
    ...clockState(clock),
    kmsStatus: world.kmsStatus(),
    regions: world.regions().map((region) => ({
      ...region,
      snapshots: world.snapshotsIn(region.regionId),
      disks: world.disksIn(region.regionId),
      keys: world.keysIn(region.regionId),
    })),
  };
}

function clockState(clock: SimulatedClock): Record<string, unknown> {
  return { now: formatTimestamp(clock.now()), speed: clock.speed };
}

function jsonObject(body: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8') || '{}');
  } catch {
    throw new AdminError(400, 'the body must be JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AdminError(400, 'the body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

function numberField(input: Record<string, unknown>, name: string): number {
  const value = input[name];
  if (typeof value !== 'number') throw new AdminError(400, `${name} must be a number`);
  return value;
}

function choiceField<T extends string>(
  input: Record<string, unknown>,
  name: string,
  allowed: readonly T[],
): T {
  const value = input[name];
  if (!allowed.includes(value as T))
    throw new AdminError(400, `${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

/**
 * The HTTP front of the stand-in: one listener for ECS and KMS. Admin routes aside, every request
 * is read, routed, authenticated, logged, possibly faulted, then answered by its action. Nothing a
 * client sends can crash it or leave it hanging.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '../../observability/logger.ts';
import { ADMIN_PREFIX, handleAdminRoute } from './admin-routes.ts';
import { ApiError, invalidParameter } from './api-error.ts';
import type { Authenticator } from './authenticate.ts';
import type { CallLog } from './call-log.ts';
import type { SimulatedClock } from './clock.ts';
import { type FaultInjector, faultDelayMs, faultError } from './faults.ts';
import type { ClientTokens } from './idempotency.ts';
import { readIncoming } from './incoming-request.ts';
import { RequestParams } from './request-params.ts';
import { productOf, route } from './routing.ts';
import { errorBody, newRequestId, type Product, sendJson } from './wire.ts';
import type { World } from './world.ts';

export interface StandInServices {
  world: World;
  clock: SimulatedClock;
  faults: FaultInjector;
  calls: CallLog;
  clientTokens: ClientTokens;
  authenticator: Authenticator;
}

const log = createLogger('local.alibaba');

export function createStandInServer(services: StandInServices): {
  server: Server;
  close: () => Promise<void>;
} {
  const shutdown = new AbortController();
  const server = createServer((request, response) => {
    handle(request, response, services, shutdown.signal).catch((error: unknown) => {
      log.error('stand-in request failed', { error });
      if (response.headersSent) {
        response.destroy();
      } else {
        sendError(
          response,
          'ecs',
          new ApiError(500, 'InternalError', 'The request processing has failed.'),
          undefined,
        );
      }
    });
  });
  const close = () =>
    new Promise<void>((resolve, reject) => {
      shutdown.abort();
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  return { server, close };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  services: StandInServices,
  shutdown: AbortSignal,
): Promise<void> {
  const call = await readIncoming(request);
  if (call.pathname.startsWith(ADMIN_PREFIX)) {
    handleAdminRoute(request, response, call.pathname, call.body ?? Buffer.alloc(0), services);
    return;
  }
  // Error bodies name the regional host, as the real endpoints do; KMS learns its region below.
  let hostRegionId = call.params.get('RegionId');
  try {
    const { product, action, handler } = route(call);
    services.authenticator.verify({ ...call, body: call.body ?? Buffer.alloc(0) });
    const kmsRegionId = product === 'kms' ? kmsRegion(call.headers['user-agent'], services.world) : '';
    if (product === 'kms') hostRegionId = kmsRegionId;
    const record = services.calls.record(product, action, call.params, services.clock.now());
    response.once('finish', () => {
      record.status = response.statusCode;
    });
    const fault = services.faults.take(product, action);
    if (fault?.kind === 'throttle' || fault?.kind === 'serverError') throw faultError(fault, product);
    // A dropped connection, or a held-back reply cut short because the stand-in is closing.
    const lost =
      fault?.kind === 'drop' ||
      (fault?.kind === 'delay' &&
        (await sleep(faultDelayMs(fault), false, { signal: shutdown }).catch(() => true)));
    if (lost) {
      request.socket.destroy();
      return;
    }
    const result = handler({ ...services, params: new RequestParams(call.params), kmsRegionId });
    const requestId = newRequestId(product);
    sendJson(response, 200, { RequestId: requestId, ...result }, { 'x-acs-request-id': requestId });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    sendError(response, productOf(call) ?? 'ecs', error, hostRegionId);
  }
}

function sendError(
  response: ServerResponse,
  product: Product,
  error: ApiError,
  regionId: string | undefined,
): void {
  const requestId = newRequestId(product);
  sendJson(response, error.status, errorBody(product, requestId, error, regionId), {
    'x-acs-request-id': requestId,
    ...error.headers,
  });
}

/** The gateway sets `userAgent: 'snapcopy region/<regionId>'`; without it, the world's first region. */
function kmsRegion(userAgent: string | undefined, world: World): string {
  const named = /(?:^|\s)region\/([A-Za-z0-9-]+)/.exec(userAgent ?? '')?.[1];
  if (named === undefined) return world.regions()[0]!.regionId;
  if (!world.region(named))
    throw invalidParameter('region', `${named} in the user-agent is not a region of this stand-in`);
  return named;
}

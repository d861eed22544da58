/**
 * The HTTP front of the stand-in: one listener for ECS and KMS, routed like Alibaba's gateway
 * (reference §2.5): admin routes aside, every request is parsed, authenticated, logged, possibly
 * faulted, then answered by its action. Nothing a client sends can crash it or leave it hanging.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '../../observability/logger.ts';
import type { ActionHandler } from './action.ts';
import { ADMIN_PREFIX, handleAdminRoute } from './admin-routes.ts';
import { ApiError, invalidParameter, missingParameter } from './api-error.ts';
import type { Authenticator } from './authenticate.ts';
import type { CallLog } from './call-log.ts';
import type { SimulatedClock } from './clock.ts';
import { ecsActions } from './ecs-actions/index.ts';
import { type FaultInjector, faultDelayMs, faultError } from './faults.ts';
import type { ClientTokens } from './idempotency.ts';
import { kmsActions } from './kms-actions.ts';
import { RequestParams } from './request-params.ts';
import { errorBody, newRequestId, PRODUCT_BY_VERSION, type Product, sendJson } from './wire.ts';
import type { World } from './world.ts';

export interface StandInServices {
  world: World;
  clock: SimulatedClock;
  faults: FaultInjector;
  calls: CallLog;
  clientTokens: ClientTokens;
  authenticator: Authenticator;
}

/** The SDKs send empty bodies; anything this large is not a real API call. */
const MAX_BODY_BYTES = 1024 * 1024;
const ACTIONS: Record<Product, Readonly<Record<string, ActionHandler>>> = {
  ecs: ecsActions,
  kms: kmsActions,
};
const log = createLogger('local.alibaba');

export function createStandInServer(services: StandInServices): {
  server: Server;
  close: () => Promise<void>;
} {
  const shutdown = new AbortController();
  const server = createServer((request, response) => {
    handle(request, response, services, shutdown.signal).catch((error: unknown) => {
      log.error('stand-in request failed', { error });
      if (!response.headersSent) {
        sendError(
          response,
          'ecs',
          new ApiError(500, 'InternalError', 'The request processing has failed.'),
          undefined,
        );
      } else {
        response.destroy();
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
  // Split by hand: WHATWG URL parsing throws on request targets such as "//", URLSearchParams never does.
  const [pathname = '/', search = ''] = (request.url ?? '/').split(/\?(.*)/s);
  const body = await readBody(request);
  if (pathname.startsWith(ADMIN_PREFIX)) {
    handleAdminRoute(request, response, pathname, body ?? Buffer.alloc(0), services);
    return;
  }
  const headers = headerMap(request);
  const query = new Map(new URLSearchParams(search));
  const params = new Map([...formParams(headers, body), ...query]);
  const version = headers['x-acs-version'] ?? params.get('Version');
  const product =
    version !== undefined && Object.hasOwn(PRODUCT_BY_VERSION, version)
      ? PRODUCT_BY_VERSION[version]
      : undefined;
  // Error bodies name the regional host, as the real endpoints do; KMS learns its region below.
  let hostRegionId = params.get('RegionId');
  const fail = (error: ApiError) => sendError(response, product ?? 'ecs', error, hostRegionId);
  try {
    if (body === undefined) {
      throw new ApiError(413, 'RequestEntityTooLarge', `The request body exceeds ${MAX_BODY_BYTES} bytes.`, {
        connection: 'close',
      });
    }
    if (request.method !== 'POST' && request.method !== 'GET') {
      throw new ApiError(
        403,
        'UnsupportedHTTPMethod',
        `The HTTP method ${request.method ?? ''} is not supported.`,
      );
    }
    if (version === undefined) throw missingParameter('Version');
    if (product === undefined)
      throw new ApiError(400, 'InvalidVersion', 'Specified parameter Version is not valid.');
    const action = headers['x-acs-action'] ?? params.get('Action');
    if (action === undefined) throw missingParameter('Action');
    const actions = ACTIONS[product];
    const handler = pathname === '/' && Object.hasOwn(actions, action) ? actions[action] : undefined;
    if (!handler) {
      throw new ApiError(
        404,
        'InvalidAction.NotFound',
        'Specified api is not found, please check your url and method.',
      );
    }
    services.authenticator.verify({
      method: request.method,
      path: pathname,
      headers,
      query,
      params,
      body,
    });
    const kmsRegionId = product === 'kms' ? kmsRegion(headers['user-agent'], services.world) : '';
    if (product === 'kms') hostRegionId = kmsRegionId;
    const call = services.calls.record(product, action, params, services.clock.now());
    response.once('finish', () => {
      call.status = response.statusCode;
    });
    const fault = services.faults.take(product, action);
    if (fault?.kind === 'drop') {
      request.socket.destroy();
      return;
    }
    if (fault?.kind === 'delay') {
      const closed = await sleep(faultDelayMs(fault), false, { signal: shutdown }).catch(() => true);
      // The stand-in is closing: drop the held-back reply instead of answering into a closing server.
      if (closed) {
        request.socket.destroy();
        return;
      }
    }
    if (fault?.kind === 'throttle' || fault?.kind === 'serverError') throw faultError(fault, product);
    const result = handler({ ...services, params: new RequestParams(params), kmsRegionId });
    const requestId = newRequestId(product);
    sendJson(response, 200, { RequestId: requestId, ...result }, { 'x-acs-request-id': requestId });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    fail(error);
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

/** The body, or undefined once it grows past the limit (the rest is not read). */
function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.pause();
        resolve(undefined);
      } else {
        chunks.push(chunk);
      }
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function headerMap(request: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

/** RPC-style requests may carry parameters in a form body too (reference §2.2 step 1). */
function formParams(
  headers: Record<string, string | undefined>,
  body: Buffer | undefined,
): [string, string][] {
  if (!body?.length || !headers['content-type']?.startsWith('application/x-www-form-urlencoded')) return [];
  return [...new URLSearchParams(body.toString('utf8'))];
}

/** The gateway sets `userAgent: 'snapcopy region/<regionId>'`; without it, the world's first region. */
function kmsRegion(userAgent: string | undefined, world: World): string {
  const named = /(?:^|\s)region\/([A-Za-z0-9-]+)/.exec(userAgent ?? '')?.[1];
  if (named === undefined) return world.regions()[0]!.regionId;
  if (!world.region(named))
    throw invalidParameter('region', `${named} in the user-agent is not a region of this stand-in`);
  return named;
}

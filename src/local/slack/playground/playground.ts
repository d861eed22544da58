/**
 * The browser playground, mounted on the Slack stand-in's own HTTP server under `/playground/`:
 * the page and its assets, the JSON routes the page calls (which use the stand-in's driver to sign
 * and send payloads, so the signing secret never leaves the server), and the event stream that
 * keeps the page live.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLogger, type Logger } from '../../../observability/logger.ts';
import type { SlackStandIn } from '../index.ts';
import type { CloudPanelSource } from './cloud-state.ts';
import { createEventStream } from './event-stream.ts';
import { PlaygroundRequestError, readJsonBody, requiredString, sendJson } from './json-body.ts';
import { createPlaygroundActions } from './playground-actions.ts';
import { loadStaticFiles } from './static-files.ts';
import { describeStateFor, describeWorkspace, type Roles } from './workspace-view.ts';

export const PLAYGROUND_PREFIX = '/playground';

export interface PlaygroundOptions {
  /** The cloud panel's source; without one the panel stays empty. */
  cloud?: CloudPanelSource;
  /** Labels for the user switcher (`requester`, `approver`, …), in the order to list people. */
  roles?: Roles;
  /** How often the cloud panel refreshes while a page is open. Default 1000 ms. */
  cloudRefreshMs?: number;
  logger?: Logger;
}

export interface Playground {
  /** The page: `http://<host>:<port>/playground/` */
  url: string;
  close(): void;
}

/** Changes come in bursts (a post, then its thread parent's reply count); the page needs one nudge. */
const SLACK_EVENT_COALESCE_MS = 50;

export async function mountPlayground(
  standIn: SlackStandIn,
  options: PlaygroundOptions = {},
): Promise<Playground> {
  const logger = options.logger ?? createLogger('playground');
  const files = await loadStaticFiles();
  const actions = createPlaygroundActions(standIn.driver);
  const roles = options.roles ?? {};
  const cloudRefreshMs = options.cloudRefreshMs ?? 1000;

  let lastCloud = '';
  let cloudTimer: NodeJS.Timeout | undefined;
  const refreshCloud = async () => {
    cloudTimer = undefined;
    if (!options.cloud || stream.listeners === 0) return;
    try {
      const state = await options.cloud.read();
      const json = JSON.stringify(state);
      if (json !== lastCloud) stream.send('cloud', state);
      lastCloud = json;
    } catch (error) {
      logger.warn('could not read the cloud stand-in', { error });
    }
    cloudTimer ??= setTimeout(() => void refreshCloud(), cloudRefreshMs);
  };
  const stream = createEventStream();

  let slackNudge: NodeJS.Timeout | undefined;
  const unsubscribe = standIn.onChange((change) => {
    slackNudge ??= setTimeout(() => {
      slackNudge = undefined;
      stream.send('slack', { type: change.type });
    }, SLACK_EVENT_COALESCE_MS);
  });

  const postRoutes: Record<string, (body: Record<string, unknown>) => unknown> = {
    command: actions.command,
    message: actions.message,
    action: actions.action,
    submit: actions.submit,
    close: actions.close,
    suggest: actions.suggest,
    home: actions.home,
    clock: async (body) => {
      if (!options.cloud) throw new PlaygroundRequestError(404, 'no cloud stand-in is connected');
      const speed = body.speed;
      if (typeof speed !== 'number' || !Number.isFinite(speed) || speed < 0) {
        throw new PlaygroundRequestError(400, 'speed must be a number ≥ 0');
      }
      await options.cloud.setSpeed(speed);
      lastCloud = '';
      return options.cloud.read();
    },
  };

  const getRoute = async (path: string, url: URL): Promise<unknown> => {
    switch (path) {
      case 'workspace':
        return describeWorkspace(standIn.state, roles);
      case 'state':
        return describeStateFor(standIn.state, requiredString(Object.fromEntries(url.searchParams), 'user'));
      case 'cloud':
        if (!options.cloud) throw new PlaygroundRequestError(404, 'no cloud stand-in is connected');
        return options.cloud.read();
      default:
        throw new PlaygroundRequestError(404, `no route GET /playground/api/${path}`);
    }
  };

  const api = async (request: IncomingMessage, path: string, url: URL): Promise<unknown> => {
    if (request.method === 'GET') return getRoute(path, url);
    const route = postRoutes[path];
    if (request.method !== 'POST' || !route)
      throw new PlaygroundRequestError(404, `no route ${request.method} ${url.pathname}`);
    // A JSON content type cannot be sent cross-origin without a preflight this server never grants,
    // so another web page open in the same browser cannot drive the playground.
    if (!request.headers['content-type']?.startsWith('application/json')) {
      throw new PlaygroundRequestError(415, 'send JSON (content-type: application/json)');
    }
    return route(await readJsonBody(request));
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://playground');
    const path = url.pathname.slice(PLAYGROUND_PREFIX.length);
    if (path === '') {
      response.writeHead(302, { location: `${PLAYGROUND_PREFIX}/` });
      response.end();
      return;
    }
    if (path === '/' && (await files.serve('index.html', response))) return;
    if (path.startsWith('/static/') && (await files.serve(path.slice('/static/'.length), response))) return;
    if (path === '/events') {
      stream.attach(request, response);
      lastCloud = '';
      cloudTimer ??= setTimeout(() => void refreshCloud(), 0);
      return;
    }
    if (!path.startsWith('/api/')) return sendJson(response, 404, { error: 'not found' });
    try {
      sendJson(response, 200, await api(request, path.slice('/api/'.length), url));
    } catch (error) {
      if (error instanceof PlaygroundRequestError)
        return sendJson(response, error.status, { error: error.message });
      // The driver refuses impossible interactions (a message that is gone, a view not on top) with an Error.
      logger.warn('playground request refused', { path: url.pathname, error });
      sendJson(response, 400, { error: error instanceof Error ? error.message : String(error) });
    }
  };

  standIn.mount(PLAYGROUND_PREFIX, handle);
  return {
    url: `${standIn.url}${PLAYGROUND_PREFIX}/`,
    close() {
      unsubscribe();
      clearTimeout(slackNudge);
      clearTimeout(cloudTimer);
      stream.close();
    },
  };
}

/**
 * Answers `POST /api/<method>` like Slack: token check, injected faults, then the method. Always
 * HTTP 200 with `{ ok }` JSON, except a rate limit (429 + Retry-After). Bot methods take the bot
 * token, app-level methods (Socket Mode's apps.connections.open) the app token; the other kind of
 * token is `not_allowed_token_type`, as in Slack.
 */
import type { ApiCallLog } from '../call-log.ts';
import type { FaultPlan } from '../faults.ts';
import type { JsonObject } from '../json-values.ts';
import type { RateLimits } from '../rate-limits/rate-limits.ts';
import type { SlackState } from '../slack-state.ts';
import { authMethods } from './auth.ts';
import { chatMethods } from './chat.ts';
import { conversationMethods } from './conversations.ts';
import { MethodArgs } from './method-args.ts';
import { SlackApiError } from './slack-api-error.ts';
import { userMethods } from './users.ts';
import { viewMethods } from './views.ts';
import type { MethodTable } from './web-api-method.ts';

const METHODS: MethodTable = {
  ...authMethods,
  ...chatMethods,
  ...conversationMethods,
  ...viewMethods,
  ...userMethods,
};

export interface WebApiAnswer {
  status: number;
  headers: Record<string, string>;
  body: JsonObject;
}

export interface WebApiDeps {
  state: SlackState;
  botToken: string;
  /** Socket Mode: the app-level token and the methods it may call. */
  appLevel?: { token: string; methods: MethodTable };
  faults: FaultPlan;
  rateLimits: RateLimits;
  calls: ApiCallLog;
  /** Told about a method that threw something other than a Slack refusal (a stand-in bug). */
  onUnexpected: (method: string, error: unknown) => void;
}

function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}

export function createWebApi(deps: WebApiDeps) {
  const appMethods = deps.appLevel?.methods ?? {};
  const methodsFor = (token: string): MethodTable | undefined => {
    if (token === deps.botToken) return METHODS;
    return token === deps.appLevel?.token ? appMethods : undefined;
  };
  const run = (method: string, args: MethodArgs, token: string | undefined): WebApiAnswer => {
    if (!METHODS[method] && !appMethods[method]) return refusal('unknown_method');
    if (token === undefined) return refusal('not_authed');
    const methods = methodsFor(token);
    if (!methods) return refusal('invalid_auth');
    const handler = methods[method];
    if (!handler) return refusal('not_allowed_token_type');
    const limited = deps.rateLimits.refusal(method, args.string('channel'));
    if (limited) return rateLimited(limited.retryAfterSeconds);
    const fault = deps.faults.take(method);
    if (fault?.kind === 'ratelimited') return rateLimited(fault.retryAfterSeconds ?? 1);
    if (fault) return refusal(fault.error ?? 'internal_error');
    try {
      return { status: 200, headers: {}, body: { ok: true, ...handler(args, deps.state) } };
    } catch (error) {
      if (error instanceof SlackApiError) return refusal(error.error, error.details);
      deps.onUnexpected(method, error);
      return { status: 500, headers: {}, body: { ok: false, error: 'internal_error' } };
    }
  };

  return {
    /** `authorization` is the request's header; a `token` argument also authenticates, as in Slack. */
    call(method: string, rawArgs: Record<string, unknown>, authorization: string | undefined): WebApiAnswer {
      const { token: tokenArg, ...args } = rawArgs;
      const token = bearerToken(authorization) ?? (typeof tokenArg === 'string' ? tokenArg : undefined);
      const answer = run(method, new MethodArgs(args), token);
      const error = answer.body.error;
      deps.calls.record({
        method,
        args,
        at: deps.state.clock(),
        status: answer.status,
        ok: answer.body.ok === true,
        ...(typeof error === 'string' ? { error } : {}),
      });
      return answer;
    },
  };
}

export type WebApi = ReturnType<typeof createWebApi>;

function rateLimited(retryAfterSeconds: number): WebApiAnswer {
  return {
    status: 429,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: { ok: false, error: 'ratelimited' },
  };
}

function refusal(error: string, details: JsonObject = {}): WebApiAnswer {
  return { status: 200, headers: {}, body: { ok: false, error, ...details } };
}

import type { JsonObject } from '../json-values.ts';
import type { SlackState } from '../slack-state.ts';
import type { MethodArgs } from './method-args.ts';

/** One Web API method: the `ok: true` answer's fields, or a thrown SlackApiError. */
export type WebApiMethod = (args: MethodArgs, state: SlackState) => JsonObject;

export type MethodTable = Record<string, WebApiMethod>;

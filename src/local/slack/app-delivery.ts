/**
 * How Slack hands the app what people do: signed HTTP requests to its Request URL, or envelopes
 * over a Socket Mode connection the app opened. The driver only knows this interface, so every
 * interaction it plays runs the same over both.
 */
import type { JsonObject } from './json-values.ts';
import type { SigningMode } from './request-signing.ts';

export interface AppReply {
  /** HTTP status (200 for a Socket Mode ack); 0 when there was no answer. */
  status: number;
  /** The parsed JSON body, the text body, or undefined when empty. */
  body: unknown;
  /** Why there was no answer: Slack shows the user an error in both cases. */
  failure?: 'operation_timeout' | 'unreachable';
}

/** Slack gives up on an app after three seconds. */
export const SLACK_ACK_TIMEOUT_MS = 3000;

export interface AppDelivery {
  /** A slash command: Slack's flat fields. */
  command(fields: Record<string, string>, signing: SigningMode): Promise<AppReply>;
  /** Interactivity: block_actions, view_submission, view_closed, block_suggestion. */
  interaction(payload: JsonObject, signing: SigningMode): Promise<AppReply>;
  /** An Events API `event_callback` envelope. */
  event(envelope: JsonObject, signing: SigningMode): Promise<AppReply>;
}

/**
 * The driver's payloads as Socket Mode envelopes. There is nothing to sign: the app proved who it
 * is with its app token when it opened the connection, so the signing mode does not apply.
 */
import type { AppDelivery } from '../app-delivery.ts';
import type { EnvelopeDispatch } from './envelope-dispatch.ts';

export function socketModeDelivery(dispatch: EnvelopeDispatch): AppDelivery {
  return {
    command: (fields) => dispatch.deliver('slash_commands', fields, true),
    // A click's ack carries nothing back to Slack; submissions and suggestions answer with it.
    interaction: (payload) => dispatch.deliver('interactive', payload, payload.type !== 'block_actions'),
    event: (envelope) => dispatch.deliver('events_api', envelope, false),
  };
}

/**
 * Bolt leaves a payload unanswered when no listener acknowledges it (an unknown action, a body
 * whose type it cannot tell), and Slack then shows the user an error after three seconds.
 * This App answers every such payload with an empty 200, and a payload malformed enough to make
 * Bolt itself throw is logged and answered too, so nothing a client sends can crash the process.
 */
import { App, type ReceiverEvent } from '@slack/bolt';

export class AlwaysAnsweringApp extends App {
  override async processEvent(event: ReceiverEvent): Promise<void> {
    let answered = false;
    const ack: ReceiverEvent['ack'] = async (response) => {
      answered = true;
      await event.ack(response);
    };
    try {
      await super.processEvent({ ...event, ack });
    } catch (error) {
      this.logger.warn('payload could not be processed', error);
    } finally {
      if (!answered) {
        await event.ack(undefined).catch((error: unknown) => this.logger.debug('late answer failed', error));
      }
    }
  }
}

/**
 * People waiting for an answer come first. Slack gives every command and click three seconds, and
 * its acknowledgement shares one event loop with the background work of the running requests
 * (cloud calls, progress polls, card updates); a burst of approvals would otherwise queue each
 * ack behind the copies the earlier ones set off. Background work therefore waits, before each
 * call, until no interaction is waiting for its ack — never longer than the activity's own bound,
 * so a steady stream of clicks cannot stall a copy.
 */
import type { CloudGateway } from '../cloud/cloud-gateway.ts';
import type { Notifier } from './notifier.ts';

export interface ForegroundActivity {
  /** Resolves once nobody is waiting for an answer, or when the bound on waiting is reached. */
  idle(): Promise<void>;
}

/** No interactive front end (tests, tools): background work never waits. */
export const NO_FOREGROUND: ForegroundActivity = { idle: () => Promise.resolve() };

/** The gateway as background work uses it: every call first lets waiting interactions through. */
export function backgroundGateway(gateway: CloudGateway, foreground: ForegroundActivity): CloudGateway {
  return new Proxy(gateway, {
    get(target, property, receiver) {
      const member: unknown = Reflect.get(target, property, receiver);
      if (typeof member !== 'function') return member;
      return async (...args: unknown[]): Promise<unknown> => {
        await foreground.idle();
        return Reflect.apply(member, target, args) as Promise<unknown>;
      };
    },
  });
}

export function backgroundNotifier(notifier: Notifier, foreground: ForegroundActivity): Notifier {
  return {
    async deliver(notification, previous) {
      await foreground.idle();
      return notifier.deliver(notification, previous);
    },
  };
}

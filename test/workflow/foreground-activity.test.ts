import { describe, expect, it } from 'vitest';
import type { CloudGateway } from '../../src/cloud/cloud-gateway.ts';
import {
  backgroundGateway,
  backgroundNotifier,
  type ForegroundActivity,
} from '../../src/workflow/foreground-activity.ts';
import type { Notification, Notifier } from '../../src/workflow/notifier.ts';

/** Foreground activity the test opens and closes by hand. */
function gate() {
  let open: () => void = () => {};
  let opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const activity: ForegroundActivity = { idle: () => opened };
  return {
    activity,
    open: () => open(),
    close: () => {
      opened = new Promise<void>((resolve) => {
        open = resolve;
      });
    },
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('background work yields to waiting interactions', () => {
  it('sends no cloud call while someone waits, and sends it with its arguments afterwards', async () => {
    const calls: unknown[][] = [];
    const gateway = {
      describeSnapshots: (regionId: string, ids: string[]) => {
        calls.push([regionId, ids]);
        return Promise.resolve([]);
      },
    } as unknown as CloudGateway;
    const foreground = gate();
    const background = backgroundGateway(gateway, foreground.activity);

    const result = background.describeSnapshots('cn-hangzhou', ['s-1']);
    await tick();
    expect(calls).toEqual([]);
    foreground.open();
    expect(await result).toEqual([]);
    expect(calls).toEqual([['cn-hangzhou', ['s-1']]]);
  });

  it('passes a cloud failure through unchanged', async () => {
    const failure = new Error('Throttling');
    const gateway = { listRegions: () => Promise.reject(failure) } as unknown as CloudGateway;
    const foreground = gate();
    foreground.open();
    await expect(backgroundGateway(gateway, foreground.activity).listRegions()).rejects.toBe(failure);
  });

  it('holds a notification until nobody waits', async () => {
    const delivered: string[] = [];
    const notifier: Notifier = {
      deliver: (notification) => {
        delivered.push(notification.id);
        return Promise.resolve({ channelId: 'C1', ts: '1.1' });
      },
    };
    const foreground = gate();
    const receipt = backgroundNotifier(notifier, foreground.activity).deliver(
      { id: 'r-1' } as Notification,
      undefined,
    );
    await tick();
    expect(delivered).toEqual([]);
    foreground.open();
    await expect(receipt).resolves.toEqual({ channelId: 'C1', ts: '1.1' });
    expect(delivered).toEqual(['r-1']);
  });
});

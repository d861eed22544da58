import { describe, expect, it } from 'vitest';
import { CopySlotAborted, type CopySlots, createCopySlots } from '../../src/workflow/copy-slots.ts';

const REGION = 'cn-shanghai';

function openSlots(maxPerRegion: number, onQueueChange?: (requestId: string) => void): CopySlots {
  const slots = createCopySlots({ maxPerRegion, ...(onQueueChange ? { onQueueChange } : {}) });
  slots.open();
  return slots;
}

/** Asks for a slot and records when (and whether) it is granted. */
function ask(slots: CopySlots, granted: string[], requestId: string, askedAt = 0, regionId = REGION) {
  const controller = new AbortController();
  const taken = slots.take({ requestId, regionId, askedAt }, controller.signal).then(
    () => {
      granted.push(requestId);
    },
    (error: unknown) => error,
  );
  return { taken, abort: () => controller.abort() };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('copy slots', () => {
  it('lets at most the cap through per region, and regions do not share slots', async () => {
    const slots = openSlots(2);
    const granted: string[] = [];
    for (const id of ['a', 'b', 'c']) ask(slots, granted, id);
    ask(slots, granted, 'elsewhere', 0, 'cn-beijing');
    await flush();
    expect(granted.sort()).toEqual(['a', 'b', 'elsewhere']);
    expect(slots.queued('c')).toEqual({ regionId: REGION, ahead: 0 });
    expect(slots.queued('a')).toBeUndefined();
  });

  it('hands slots out first come, first served, by when each request asked', async () => {
    const slots = openSlots(1);
    const granted: string[] = [];
    ask(slots, granted, 'holder', 0);
    ask(slots, granted, 'late', 30);
    ask(slots, granted, 'early', 10);
    ask(slots, granted, 'tie', 10);
    await flush();
    expect(slots.queued('late')).toEqual({ regionId: REGION, ahead: 2 });
    for (const id of ['holder', 'early', 'tie']) {
      slots.release(id);
      await flush();
    }
    expect(granted).toEqual(['holder', 'early', 'tie', 'late']);
  });

  it('gives the slot of a copy that ended to the next in line, and only once', async () => {
    const slots = openSlots(1);
    const granted: string[] = [];
    ask(slots, granted, 'a');
    ask(slots, granted, 'b');
    ask(slots, granted, 'c');
    await flush();
    slots.release('a');
    slots.release('a');
    await flush();
    expect(granted).toEqual(['a', 'b']);
    expect(slots.queued('c')).toEqual({ regionId: REGION, ahead: 0 });
  });

  it('ends the wait of a cancelled request without giving it a slot or taking one from others', async () => {
    const slots = openSlots(1);
    const granted: string[] = [];
    ask(slots, granted, 'a');
    const cancelled = ask(slots, granted, 'b');
    ask(slots, granted, 'c');
    await flush();
    const reason = new Error('cancelled while queued');
    expect(slots.withdraw('b', reason)).toBe(true);
    expect(await cancelled.taken).toBe(reason);
    expect(slots.withdraw('a', reason)).toBe(false);
    slots.release('a');
    await flush();
    expect(granted).toEqual(['a', 'c']);
  });

  it('forgets a request whose actor stopped while it waited', async () => {
    const slots = openSlots(1);
    const granted: string[] = [];
    ask(slots, granted, 'a');
    const stopped = ask(slots, granted, 'b');
    ask(slots, granted, 'c');
    await flush();
    stopped.abort();
    expect(await stopped.taken).toBeInstanceOf(CopySlotAborted);
    expect(slots.queued('c')).toEqual({ regionId: REGION, ahead: 0 });
    slots.release('a');
    await flush();
    expect(granted).toEqual(['a', 'c']);
  });

  it('counts the copies restored into progress before any queued request gets a slot', async () => {
    const slots = createCopySlots({ maxPerRegion: 2 });
    const granted: string[] = [];
    // Restore order is the store's: a request still in `copying` may come back first.
    ask(slots, granted, 'queued-1', 5);
    slots.occupy('running-1', REGION);
    slots.occupy('running-2', REGION);
    ask(slots, granted, 'queued-2', 1);
    await flush();
    expect(granted).toEqual([]);
    slots.open();
    await flush();
    expect(granted).toEqual([]);
    slots.release('running-1');
    await flush();
    expect(granted).toEqual(['queued-2']);
  });

  it('lets a running copy over the cap when the cap was lowered, and queues until below it', async () => {
    const slots = openSlots(1);
    const granted: string[] = [];
    slots.occupy('running-1', REGION);
    slots.occupy('running-2', REGION);
    ask(slots, granted, 'queued');
    slots.release('running-1');
    await flush();
    expect(granted).toEqual([]);
    slots.release('running-2');
    await flush();
    expect(granted).toEqual(['queued']);
  });

  it('says when a request starts and stops waiting, not when others move', async () => {
    const changes: string[] = [];
    const slots = openSlots(1, (id) => changes.push(id));
    const granted: string[] = [];
    ask(slots, granted, 'a');
    ask(slots, granted, 'b');
    ask(slots, granted, 'c');
    slots.release('a');
    await flush();
    expect(changes).toEqual(['b', 'c', 'b']);
  });

  it('hands out nothing once closed, and forgets the slots held', async () => {
    const slots = openSlots(1);
    const granted: string[] = [];
    ask(slots, granted, 'a');
    ask(slots, granted, 'b');
    await flush();
    slots.close();
    slots.release('a');
    await flush();
    expect(granted).toEqual(['a']);
    // A new term starts from nothing: what runs is occupied again when restored.
    slots.open();
    await flush();
    expect(granted).toEqual(['a', 'b']);
  });
});

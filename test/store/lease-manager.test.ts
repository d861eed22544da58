import { describe, expect, it } from 'vitest';
import { storeBackendCases, useTestStores } from './support/store-backends.ts';

const TTL = 15_000;

describe.each(storeBackendCases())('leases on $name', (backend) => {
  const stores = useTestStores(backend);
  const openTwo = async () => {
    const clock = { now: 1_000_000 };
    const options = { clock: () => clock.now };
    return { clock, a: (await stores.open(options)).leases, b: (await stores.open(options)).leases };
  };

  it('gives a free lease to the first owner and refuses a second while it is held', async () => {
    const { a, b } = await openTwo();

    const lease = await a.acquire('leader', 'replica-a', TTL);

    expect(lease).toEqual({ name: 'leader', owner: 'replica-a', epoch: 1, expiresAt: 1_000_000 + TTL });
    expect(await b.acquire('leader', 'replica-b', TTL)).toBeUndefined();
    expect(await b.acquire('other', 'replica-b', TTL)).toMatchObject({ owner: 'replica-b', epoch: 1 });
  });

  it('lets another owner take an expired lease with a higher epoch, fencing the old holder', async () => {
    const { clock, a, b } = await openTwo();
    const old = await a.acquire('leader', 'replica-a', TTL);

    clock.now += TTL + 1;
    const taken = await b.acquire('leader', 'replica-b', TTL);

    expect(taken).toMatchObject({ owner: 'replica-b', epoch: 2 });
    expect(await a.renew(old!, TTL)).toBeUndefined();
    await a.release(old!);
    expect(await a.acquire('leader', 'replica-a', TTL)).toBeUndefined();
  });

  it('renews only for the holder', async () => {
    const { clock, a, b } = await openTwo();
    const lease = await a.acquire('leader', 'replica-a', TTL);

    clock.now += TTL / 2;
    const renewed = await a.renew(lease!, TTL);

    expect(renewed).toEqual({ ...lease, expiresAt: clock.now + TTL });
    expect(await b.renew({ ...lease!, owner: 'replica-b' }, TTL)).toBeUndefined();
    expect(await b.renew({ ...lease!, epoch: lease!.epoch + 1 }, TTL)).toBeUndefined();
    clock.now += TTL - 1;
    expect(await b.acquire('leader', 'replica-b', TTL)).toBeUndefined();
  });

  it('does not renew a lease that has already expired', async () => {
    const { clock, a } = await openTwo();
    const lease = await a.acquire('leader', 'replica-a', TTL);

    clock.now += TTL + 1;

    expect(await a.renew(lease!, TTL)).toBeUndefined();
  });

  it('frees the lease on release by the holder only, and the epoch keeps growing', async () => {
    const { a, b } = await openTwo();
    const lease = await a.acquire('leader', 'replica-a', TTL);

    await b.release({ ...lease!, owner: 'replica-b' });
    expect(await b.acquire('leader', 'replica-b', TTL)).toBeUndefined();

    await a.release(lease!);
    expect(await b.acquire('leader', 'replica-b', TTL)).toMatchObject({ owner: 'replica-b', epoch: 2 });
  });

  it('counts re-acquiring one’s own lease as a new acquisition', async () => {
    const { a } = await openTwo();
    await a.acquire('leader', 'replica-a', TTL);

    expect(await a.acquire('leader', 'replica-a', TTL)).toMatchObject({ owner: 'replica-a', epoch: 2 });
  });

  it('gives a contended lease to exactly one of two simultaneous owners', async () => {
    const { a, b } = await openTwo();

    for (let round = 0; round < 10; round++) {
      const results = await Promise.all([
        a.acquire(`job-${round}`, 'replica-a', TTL),
        b.acquire(`job-${round}`, 'replica-b', TTL),
      ]);
      expect(results.filter((lease) => lease !== undefined)).toHaveLength(1);
    }
  });
});

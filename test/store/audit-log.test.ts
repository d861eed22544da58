import { describe, expect, it } from 'vitest';
import { exportAuditJsonLines } from '../../src/store/index.ts';
import type { AuditEntry } from '../../src/store/store.ts';
import { storeBackendCases, useTestStores } from './support/store-backends.ts';

const entry = (
  requestId: string,
  at: number,
  action: string,
  extra: Partial<AuditEntry> = {},
): AuditEntry => ({
  requestId,
  at,
  actor: 'snapcopy',
  action,
  ...extra,
});

describe.each(storeBackendCases())('audit log on $name', (backend) => {
  const stores = useTestStores(backend);

  it('returns one request’s entries by time, same-time entries in append order', async () => {
    const { audit } = await stores.open();
    await audit.append(entry('r1', 3_000, 'copy.started', { cloudRequestIds: ['A1B2'] }));
    await audit.append(entry('r1', 1_000, 'submitted', { actor: 'U123', detail: { reason: 'dr' } }));
    await audit.append(entry('r2', 2_000, 'submitted'));
    await audit.append(entry('r1', 2_000, 'approved', { actor: 'U999' }));
    await audit.append(entry('r1', 2_000, 'state:awaitingApproval->copying', { from: 'a', to: 'b' }));

    expect(await audit.forRequest('r1')).toEqual([
      entry('r1', 1_000, 'submitted', { actor: 'U123', detail: { reason: 'dr' } }),
      entry('r1', 2_000, 'approved', { actor: 'U999' }),
      entry('r1', 2_000, 'state:awaitingApproval->copying', { from: 'a', to: 'b' }),
      entry('r1', 3_000, 'copy.started', { cloudRequestIds: ['A1B2'] }),
    ]);
    expect(await audit.forRequest('unknown')).toEqual([]);
  });

  it('keeps requests apart even when one id is a prefix or pattern of another', async () => {
    const { audit } = await stores.open();
    for (const requestId of ['r_1', 'rx1', 'r_1/x', 'r%', 'r*'])
      await audit.append(entry(requestId, 1, requestId));

    for (const requestId of ['r_1', 'rx1', 'r_1/x', 'r%', 'r*']) {
      expect((await audit.forRequest(requestId)).map((e) => e.action)).toEqual([requestId]);
    }
  });

  it('exports every entry oldest first as JSON lines', async () => {
    const { audit } = await stores.open();
    const appended = Array.from({ length: 130 }, (_, i) =>
      entry(`r${i % 7}`, 10_000 + ((i * 37) % 130), `step-${i}`),
    );
    for (const e of appended) await audit.append(e);
    const lines: string[] = [];

    const count = await exportAuditJsonLines(audit, (line) => {
      lines.push(line);
    });

    expect(count).toBe(130);
    expect(lines.every((line) => line.endsWith('\n'))).toBe(true);
    const exported = lines.map((line) => JSON.parse(line) as AuditEntry);
    expect(exported).toEqual([...appended].sort((a, b) => a.at - b.at));
  });

  it('never overwrites an entry when two stores append at the same moment', async () => {
    const [a, b] = [await stores.open(), await stores.open()];
    const appendMany = (store: typeof a, writer: string) =>
      Promise.all(
        Array.from({ length: 20 }, (_, n) => store.audit.append(entry('r1', 5_000, `${writer}-${n}`))),
      );

    await Promise.all([appendMany(a, 'a'), appendMany(b, 'b')]);

    const actions = (await a.audit.forRequest('r1')).map((e) => e.action);
    expect(actions).toHaveLength(40);
    expect(new Set(actions).size).toBe(40);
  });

  it('keeps entries across reopening the store', async () => {
    const first = await stores.open();
    await first.audit.append(entry('r1', 1, 'submitted'));
    await first.close();

    const second = await stores.open();

    expect(await second.audit.forRequest('r1')).toEqual([entry('r1', 1, 'submitted')]);
  });

  it('refuses an entry without a usable time', async () => {
    const { audit } = await stores.open();

    await expect(audit.append(entry('r1', Number.NaN, 'x'))).rejects.toThrow(/time/);
  });
});

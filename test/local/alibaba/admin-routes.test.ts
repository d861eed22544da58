import { describe, expect, it } from 'vitest';
import { useStandIn } from './support/stand-in.ts';

const standIn = useStandIn({ fresh: 'each' });

/** The fields of the admin replies these tests read. */
interface AdminReply {
  error?: string;
  now?: string;
  speed?: number;
  kmsStatus?: string;
  keyState?: string;
  regions?: { regionId: string; snapshots: unknown[]; disks: unknown[]; keys: { keyId: string }[] }[];
}

async function admin(path: string, body?: unknown) {
  const response = await fetch(`${standIn().url}/_standin/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: response.status,
    cors: response.headers.get('access-control-allow-origin'),
    body: (await response.json()) as AdminReply,
  };
}

describe('the admin API for the playground’s cloud panel', () => {
  it('shows every region with its snapshots (with progress), disks and keys, without a signature', async () => {
    const { status, body, cors } = await admin('state');
    expect(status).toBe(200);
    expect(cors).toBe('*');
    expect(body).toMatchObject({ speed: 0, kmsStatus: 'Enabled', now: expect.stringMatching(/Z$/) });
    const hangzhou = body.regions?.find((r) => r.regionId === 'cn-hangzhou');
    expect(hangzhou?.snapshots).toContainEqual(
      expect.objectContaining({ snapshotId: 's-bp1logs01data000002', status: 'progressing', progress: 45 }),
    );
    expect(hangzhou?.keys.map((k) => k.keyId)).toContain('key-hzz62b7app0data0001');
    expect(hangzhou?.disks.length).toBeGreaterThan(0);
    expect(standIn().calls.all()).toEqual([]);
  });

  it('sets the clock speed and advances simulated time', async () => {
    const before = standIn().clock.now();
    const { status, body } = await admin('clock', { speed: 10, advanceMs: 60_000 });
    expect(status).toBe(200);
    expect(body.speed).toBe(10);
    expect(standIn().clock.speed).toBe(10);
    expect(standIn().clock.now() - before).toBeGreaterThanOrEqual(60_000);
  });

  it('switches KMS activation and key states', async () => {
    expect((await admin('kms', { status: 'NotEnabled' })).status).toBe(200);
    expect(standIn().world.kmsStatus()).toBe('NotEnabled');
    const { status, body } = await admin('keys/key-uf6drbackup0000001', { state: 'Disabled' });
    expect(status).toBe(200);
    expect(body.keyState).toBe('Disabled');
    expect(standIn().world.key('key-uf6drbackup0000001')?.keyState).toBe('Disabled');
  });

  it.each<[string, string, unknown, number]>([
    ['a negative speed', 'clock', { speed: -1 }, 400],
    ['a non-numeric advance', 'clock', { advanceMs: 'soon' }, 400],
    ['a body that is not a JSON object', 'clock', 'not an object', 400],
    ['an unknown KMS status', 'kms', { status: 'Maybe' }, 400],
    ['an unknown key', 'keys/key-nope', { state: 'Disabled' }, 404],
    ['an unknown key state', 'keys/key-uf6drbackup0000001', { state: 'Gone' }, 400],
    ['an unknown route', 'reset', {}, 404],
  ])('refuses %s', async (_case, path, body, status) => {
    const reply = await admin(path, body);
    expect(reply.status).toBe(status);
    expect(reply.body.error).toEqual(expect.any(String));
  });
});

/**
 * The local Alibaba Cloud stand-in (ECS + KMS): a real HTTP server that the unchanged SDK clients
 * talk to, for tests and the local demo. See README.md for the world file and the admin API.
 */
import type { AddressInfo } from 'node:net';
import { type AccessKey, Authenticator } from './authenticate.ts';
import { CallLog } from './call-log.ts';
import { SimulatedClock } from './clock.ts';
import { FaultInjector } from './faults.ts';
import { ClientTokens } from './idempotency.ts';
import { createStandInServer } from './server.ts';
import { World } from './world.ts';
import { DEFAULT_WORLD_FILE, readWorldFile } from './world-file.ts';

export type { AccessKey } from './authenticate.ts';
export type { CallLog, CallRecord } from './call-log.ts';
export { SimulatedClock } from './clock.ts';
export type { FaultInjector, FaultKind, FaultRule } from './faults.ts';
export type { Product } from './wire.ts';
export type { Disk, KmsKey, Region, SnapshotView, Tag, World } from './world.ts';
export { SERVICE_KEY_ALIAS } from './world.ts';
export type { KeyState, KmsAccountStatus, SnapshotCategory, SnapshotStatus } from './world-file.ts';

/** A local, non-secret AccessKey: it only opens the stand-in, so it is safe to print and commit. */
export const LOCAL_ACCESS_KEY: Readonly<AccessKey> = {
  accessKeyId: 'LTAI5tLocalStandIn0001',
  accessKeySecret: 'LocalStandInSecret-not-a-real-credential',
};

export interface AlibabaStandInOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1, so the unsigned admin routes stay local. */
  host?: string;
  worldFile?: string;
  /** Simulated seconds per real second; 0 freezes the clock for tests that advance it by hand. */
  clockSpeed?: number;
  /** Accepted AccessKeys; the first is the one `credentials` reports. Default: LOCAL_ACCESS_KEY. */
  accessKeys?: AccessKey[];
}

export interface AlibabaStandIn {
  /** "127.0.0.1:PORT" (no scheme), ready for the SDK Config `endpoint`. */
  endpoint: string;
  /** "http://127.0.0.1:PORT" */
  url: string;
  credentials: { accessKeyId: string; accessKeySecret: string };
  clock: SimulatedClock;
  world: World;
  faults: FaultInjector;
  calls: CallLog;
  close(): Promise<void>;
}

export async function startAlibabaStandIn(options: AlibabaStandInOptions = {}): Promise<AlibabaStandIn> {
  const accessKeys = options.accessKeys?.length ? options.accessKeys : [LOCAL_ACCESS_KEY];
  const clock = new SimulatedClock({ speed: options.clockSpeed ?? 1 });
  const world = new World(readWorldFile(options.worldFile ?? DEFAULT_WORLD_FILE), clock);
  const faults = new FaultInjector();
  const calls = new CallLog();
  const { server, close } = createStandInServer({
    world,
    clock,
    faults,
    calls,
    clientTokens: new ClientTokens(),
    authenticator: new Authenticator(accessKeys),
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  // A wildcard address is not something a client can dial; loopback always reaches it.
  const reachableHost =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const endpoint = `${reachableHost}:${port}`;
  const [first] = accessKeys;
  return {
    endpoint,
    url: `http://${endpoint}`,
    credentials: { accessKeyId: first!.accessKeyId, accessKeySecret: first!.accessKeySecret },
    clock,
    world,
    faults,
    calls,
    close,
  };
}

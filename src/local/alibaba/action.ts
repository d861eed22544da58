/** What every action handler gets and returns; the server adds the RequestId. */
import type { SimulatedClock } from './clock.ts';
import type { ClientTokens } from './idempotency.ts';
import type { RequestParams } from './request-params.ts';
import type { World } from './world.ts';

export interface ActionContext {
  params: RequestParams;
  world: World;
  clock: SimulatedClock;
  clientTokens: ClientTokens;
  /** KMS requests carry no region; the server takes it from the `region/<id>` user-agent token. */
  kmsRegionId: string;
}

export type ActionHandler = (context: ActionContext) => Record<string, unknown>;

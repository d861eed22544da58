/**
 * Starts the local Alibaba stand-in on a free port and points a real gateway (real SDK clients)
 * at it. Every log line the gateway writes is kept, so tests can check what reached the log.
 */

import type { AlibabaGatewayOptions } from '../../../src/cloud/alibaba/index.ts';
import { createAlibabaGateway } from '../../../src/cloud/alibaba/index.ts';
import { type AlibabaStandInOptions, startAlibabaStandIn } from '../../../src/local/alibaba/index.ts';
import { createLogger } from '../../../src/observability/logger.ts';

export const TEST_RETRY = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 20 };

export async function startStandInGateway(
  options: Partial<AlibabaGatewayOptions> = {},
  standInOptions: AlibabaStandInOptions = {},
) {
  // A frozen clock: copies progress only when a test advances it.
  const standIn = await startAlibabaStandIn({ clockSpeed: 0, ...standInOptions });
  const logLines: string[] = [];
  const gateway = createAlibabaGateway({
    credential: standIn.credentials,
    ecsEndpoint: standIn.endpoint,
    kmsEndpoint: standIn.endpoint,
    protocol: 'http',
    retry: TEST_RETRY,
    logger: createLogger('test', { level: 'debug', write: (line) => logLines.push(line) }),
    ...options,
  });
  return { standIn, gateway, logLines };
}

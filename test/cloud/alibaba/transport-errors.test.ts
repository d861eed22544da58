import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlibabaGateway } from '../../../src/cloud/alibaba/index.ts';
import type { CloudGateway } from '../../../src/cloud/cloud-gateway.ts';
import { createLogger } from '../../../src/observability/logger.ts';

/** Not Alibaba at all: what a proxy or a wrong endpoint answers with. */
let htmlServer: Server;
let htmlEndpoint: string;
let closedEndpoint: string;
const requestsSeen: string[] = [];

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

beforeAll(async () => {
  htmlServer = createServer((request, response) => {
    requestsSeen.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'text/html' }).end('<html>gateway error</html>');
  });
  htmlEndpoint = await listen(htmlServer);
  const released = createServer();
  closedEndpoint = await listen(released);
  await new Promise((resolve) => released.close(resolve));
});

afterAll(async () => {
  await new Promise((resolve) => htmlServer.close(resolve));
});

function gatewayAt(endpoint: string) {
  return createAlibabaGateway({
    credential: { accessKeyId: 'AKIDTRANSPORT', accessKeySecret: 'transport-secret-value' },
    ecsEndpoint: endpoint,
    kmsEndpoint: endpoint,
    protocol: 'http',
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
    logger: createLogger('test', { write: () => {} }),
  });
}

describe('transport failures', () => {
  it.each([
    ['DescribeRegions', (gateway: CloudGateway) => gateway.listRegions()],
    ['DescribeKey', (gateway: CloudGateway) => gateway.describeKey('cn-hangzhou', 'alias/prod')],
  ])('turns a refused connection on %s into a retryable CloudError', async (action, attempt) => {
    await expect(attempt(gatewayAt(closedEndpoint))).rejects.toMatchObject({
      name: 'CloudError',
      action,
      code: 'ECONNREFUSED',
      retryable: true,
    });
  });

  it('turns a reply that is not JSON into a CloudError that names neither URL nor signature', async () => {
    requestsSeen.length = 0;
    const error = await gatewayAt(htmlEndpoint)
      .listKeys('cn-hangzhou')
      .catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ name: 'CloudError', code: 'InvalidResponse' });
    expect(requestsSeen.length).toBeGreaterThanOrEqual(2);
    const text = `${(error as Error).message} ${JSON.stringify(error)}`;
    expect(text).not.toContain('Signature');
    expect(text).not.toContain('AKIDTRANSPORT');
  });
});

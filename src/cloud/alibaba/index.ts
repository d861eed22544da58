export { createAlibabaGateway } from './alibaba-gateway.ts';
export type { AlibabaGatewayOptions, RetryPolicy, StaticCredential } from './gateway-options.ts';
export { DEFAULT_RETRY_POLICY } from './gateway-options.ts';

import CredentialModule, { Config as CredentialConfig } from '@alicloud/credentials';
import { registerSecret } from '../../observability/logger.ts';
import { commonJsDefault } from './commonjs-default.ts';
import type { StaticCredential } from './gateway-options.ts';

const Credential = commonJsDefault(CredentialModule);
export type AlibabaCredential = InstanceType<typeof Credential>;

/**
 * One credential object shared by every client, so the chain (env, RAM role, instance role, OIDC)
 * is resolved and refreshed once rather than per region.
 */
export function createCredential(staticCredential?: StaticCredential): AlibabaCredential {
  if (!staticCredential) return new Credential();
  registerSecret(staticCredential.accessKeySecret);
  registerSecret(staticCredential.securityToken);
  const { accessKeyId, accessKeySecret, securityToken } = staticCredential;
  return new Credential(
    new CredentialConfig(
      securityToken
        ? { type: 'sts', accessKeyId, accessKeySecret, securityToken }
        : { type: 'access_key', accessKeyId, accessKeySecret },
    ),
  );
}

/** How a KMS key is named to people: its ID, and the alias they probably know it by. */
import type { KmsKey } from '../cloud/cloud-gateway.ts';
import { DEFAULT_SERVICE_KEY_ALIAS } from './copy-request.ts';

export function keyLabel(key: Pick<KmsKey, 'keyId' | 'aliases'>): string {
  const alias = key.aliases.includes(DEFAULT_SERVICE_KEY_ALIAS) ? DEFAULT_SERVICE_KEY_ALIAS : key.aliases[0];
  return alias ? `${key.keyId} (${alias})` : key.keyId;
}

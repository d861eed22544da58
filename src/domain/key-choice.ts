/** What the requester's key choice means for a copy. */
import { type CopyParameters, DEFAULT_SERVICE_KEY_ALIAS } from './copy-request.ts';

type KeyChoiceOf = Pick<CopyParameters, 'copyType' | 'key'>;

/** A key only matters when the copy is encrypted; a standard copy ignores it. */
export function usesCustomerMasterKey(parameters: KeyChoiceOf): boolean {
  return parameters.copyType === 'copyAndEncrypt' && parameters.key?.kind === 'customerMasterKey';
}

/** What to look up in KMS: the chosen CMK, or the default service key when none was chosen. */
export function keyReference(parameters: KeyChoiceOf): string {
  return parameters.key?.kind === 'customerMasterKey' ? parameters.key.keyId : DEFAULT_SERVICE_KEY_ALIAS;
}

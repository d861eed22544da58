/**
 * The one CopySnapshot call a request makes, computed once from what was asked and what the cloud
 * said. It is stored in the request and sent verbatim on every attempt: ECS answers a repeated
 * ClientToken with the same copy only when every other parameter is identical too.
 */
import type { CopySnapshotCall } from '../cloud/cloud-gateway.ts';
import type { CopyParameters } from '../domain/copy-request.ts';
import { clientTokenFor, provenanceTags } from '../domain/provenance.ts';
import type { RequestFacts } from '../domain/request-facts.ts';

export function buildCopyCall(
  request: { requestId: string; parameters: CopyParameters; batch?: { batchId: string } },
  facts: RequestFacts,
): CopySnapshotCall {
  const { requestId, parameters } = request;
  const encrypted = parameters.copyType === 'copyAndEncrypt';
  const call: CopySnapshotCall = {
    sourceRegionId: parameters.sourceRegionId,
    sourceSnapshotId: parameters.sourceSnapshotId,
    destinationRegionId: parameters.destinationRegionId,
    name: parameters.name,
    description: parameters.description,
    encrypted,
    tags: [
      ...parameters.tags,
      ...provenanceTags({
        requestId,
        sourceSnapshotId: parameters.sourceSnapshotId,
        sourceRegionId: parameters.sourceRegionId,
        sourceDiskId: facts.sourceSnapshot?.sourceDiskId,
        batchId: request.batch?.batchId,
      }),
    ],
    clientToken: clientTokenFor(requestId),
  };
  if (parameters.retentionDays !== undefined) call.retentionDays = parameters.retentionDays;
  // The key ID resolved at validation, not the alias the requester typed: the approval covers
  // that key, even if the alias is pointed elsewhere before the copy starts.
  if (encrypted && parameters.key?.kind === 'customerMasterKey') {
    call.kmsKeyId = facts.destinationKey?.key?.keyId ?? parameters.key.keyId;
  }
  return call;
}

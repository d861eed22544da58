/**
 * What a batch would copy, found now: the disks its selector names, each disk's latest finished
 * snapshot, and each copy validated and priced as a single request would be. Nothing is changed
 * in the cloud. The destination's facts (regions, KMS, the key) are asked once for the batch;
 * what they refuse refuses the batch as a whole.
 */
import type { CloudGateway } from '../../cloud/cloud-gateway.ts';
import { approvalPolicy } from '../../domain/approval-policy.ts';
import { type PickedSnapshot, selectLatestSnapshots } from '../../domain/batch-selection.ts';
import {
  type BatchField,
  type BatchItem,
  type BatchParameters,
  type BatchRefusal,
  itemParameters,
} from '../../domain/copy-batch.ts';
import type { ApprovalDecision, CopyParameters, Refusal } from '../../domain/copy-request.ts';
import type { CostEstimate } from '../../domain/cost-estimate.ts';
import { estimateCost } from '../../domain/estimate-cost.ts';
import type { PriceTable } from '../../domain/price-table.ts';
import { representativeItem, validateBatchParameters } from '../../domain/validate-batch.ts';
import { validateAgainstCloud, validateRequest } from '../../domain/validate-request.ts';
import { mapConcurrently } from '../../support/map-concurrently.ts';
import { resolvedKeyOf, summarizeSource } from '../request-assessment.ts';
import { type DestinationFacts, gatherCopyFacts, gatherDestinationFacts } from '../request-facts.ts';
import type { ResolvedKey } from '../request-view.ts';
import { sumEstimates } from './batch-estimate.ts';
import type { BatchEstimate } from './copy-batch-view.ts';

/** Each item asks the destination for its disk's copies; a large instance must not be one burst. */
const ITEMS_ASSESSED_IN_FLIGHT = 8;

export interface SelectedItem extends BatchItem {
  parameters: CopyParameters;
  estimate: CostEstimate;
}

export interface BatchSelection {
  items: SelectedItem[];
  refused: BatchRefusal[];
  disksFound: number;
  /** Refusals of the batch as a whole (unknown region, key, KMS, bad name): nothing can be copied. */
  refusals: Refusal<BatchField>[];
  estimate?: BatchEstimate;
  approval: ApprovalDecision;
  key?: ResolvedKey;
}

type AssessedItem = { item: Omit<SelectedItem, 'index'> } | { refusal: BatchRefusal };

function noDisksFound(parameters: BatchParameters): Refusal<BatchField> {
  const { selector, sourceRegionId } = parameters;
  const found =
    selector.kind === 'instance'
      ? `Instance ${selector.instanceId} has no disks in ${sourceRegionId}. Check the instance ID and the source region.`
      : `No disk in ${sourceRegionId} carries all of the tags ${selector.tags.map((tag) => `${tag.key}=${tag.value}`).join(', ')}. Check the tags and the source region.`;
  return { code: 'selector.noDisks', field: 'selector', message: found };
}

async function assessItem(
  gateway: CloudGateway,
  batch: BatchParameters,
  destination: DestinationFacts,
  { disk, snapshot }: PickedSnapshot,
  prices: PriceTable,
): Promise<AssessedItem> {
  const parameters = itemParameters(batch, { diskId: disk.diskId, sourceSnapshotId: snapshot.snapshotId });
  const facts = await gatherCopyFacts(gateway, parameters, destination, {
    sourceSnapshot: snapshot,
    sourceDisk: disk,
  });
  const diskName = disk.name ? { diskName: disk.name } : {};
  const [first] = validateRequest(parameters, facts);
  if (first) {
    return {
      refusal: {
        diskId: disk.diskId,
        ...diskName,
        snapshotId: snapshot.snapshotId,
        code: first.code,
        message: first.message,
      },
    };
  }
  const sizeGiB = summarizeSource(facts)?.sizeGiB;
  return {
    item: {
      diskId: disk.diskId,
      ...diskName,
      sourceSnapshotId: snapshot.snapshotId,
      ...(sizeGiB === undefined ? {} : { sizeGiB }),
      parameters,
      estimate: estimateCost(parameters, facts, prices),
    },
  };
}

export async function selectBatch(
  gateway: CloudGateway,
  parameters: BatchParameters,
  prices: PriceTable,
): Promise<BatchSelection> {
  const approval = approvalPolicy(parameters);
  const refusedBatch = (refusals: Refusal<BatchField>[], disksFound = 0): BatchSelection => ({
    items: [],
    refused: [],
    disksFound,
    refusals,
    approval,
  });
  const parameterRefusals = validateBatchParameters(parameters);
  if (parameterRefusals.length > 0) return refusedBatch(parameterRefusals);

  const representative = representativeItem(parameters);
  const destination = await gatherDestinationFacts(gateway, representative);
  // Without a snapshot ID, only the rules that hold for every copy alike are judged here.
  const destinationRefusals = validateAgainstCloud(representative, { ...destination, copyHistory: [] });
  if (destinationRefusals.length > 0) return refusedBatch(destinationRefusals);

  const disks = await gateway.findDisks(parameters.sourceRegionId, parameters.selector);
  if (disks.length === 0) return refusedBatch([noDisksFound(parameters)]);
  const snapshots = await gateway.findDiskSnapshots(
    parameters.sourceRegionId,
    disks.map((disk) => disk.diskId),
  );
  const latest = selectLatestSnapshots(disks, snapshots, parameters.selector.kind);
  const assessed = await mapConcurrently(latest.picked, ITEMS_ASSESSED_IN_FLIGHT, (pick) =>
    assessItem(gateway, parameters, destination, pick, prices),
  );

  const items = assessed.flatMap((outcome) => ('item' in outcome ? [outcome.item] : []));
  const selected = items.map((item, index): SelectedItem => ({ index, ...item }));
  const [firstEstimate, ...otherEstimates] = selected.map((item) => item.estimate);
  const key = resolvedKeyOf(representative, { ...destination, copyHistory: [] });
  return {
    items: selected,
    refused: [
      ...latest.refused,
      ...assessed.flatMap((outcome) => ('refusal' in outcome ? [outcome.refusal] : [])),
    ],
    disksFound: disks.length,
    refusals: [],
    ...(firstEstimate ? { estimate: sumEstimates([firstEstimate, ...otherEstimates], prices.kms) } : {}),
    approval,
    ...(key ? { key } : {}),
  };
}

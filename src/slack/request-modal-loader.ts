/** Fetches what the request modal needs for its current values, then hands a model to the pure builder. */
import { isCloudError } from '../cloud/cloud-error.ts';
import type { Logger } from '../observability/logger.ts';
import type { CopyBatchService } from '../workflow/batch/copy-batch-service.ts';
import type { CloudCatalog } from './cloud-catalog.ts';
import {
  currentSnapshot,
  type KeyList,
  type RequestModalMetadata,
  type RequestModalModel,
  type RequestModalValues,
  snapshotFacts,
} from './request-modal-model.ts';
import { toBatchParameters } from './request-modal-state.ts';

/** What the loader asks: the cloud catalog for pickers, the batch service for a batch's preview. */
export interface ModalSources {
  catalog: CloudCatalog;
  batches: CopyBatchService;
  logger: Logger;
}

export async function loadRequestModal(
  { catalog, batches, logger }: ModalSources,
  values: RequestModalValues,
  metadata: RequestModalMetadata,
): Promise<RequestModalModel> {
  let regions: RequestModalModel['regions'];
  try {
    regions = await catalog.regions();
  } catch (error) {
    logger.warn('region list failed', { error });
    return {
      values,
      metadata,
      loadProblem: `Could not load the regions from Alibaba Cloud (${describe(error)}). Close this and try again in a minute.`,
    };
  }
  const model: RequestModalModel = { regions, values, metadata: { ...metadata } };
  // Keys depend on the snapshot: an encrypted source can only be copied with a key.
  if (!values.mode) await loadSnapshot(catalog, model, logger);
  await loadKeys(catalog, model, logger);
  if (values.mode) await loadPreview(batches, model, logger);
  return model;
}

async function loadSnapshot(catalog: CloudCatalog, model: RequestModalModel, logger: Logger): Promise<void> {
  const { sourceRegionId, sourceSnapshotId } = model.values;
  if (!sourceRegionId || !sourceSnapshotId || currentSnapshot(model)) return;
  try {
    const snapshot = await catalog.snapshot(sourceRegionId, sourceSnapshotId);
    if (snapshot) model.metadata.snapshot = snapshotFacts(snapshot);
    else model.snapshotProblem = `:warning: ${sourceSnapshotId} is not a snapshot in ${sourceRegionId}.`;
  } catch (error) {
    logger.warn('snapshot lookup failed', { error, sourceRegionId });
    model.snapshotProblem = `:warning: Could not read the snapshot's details (${describe(error)}).`;
  }
}

async function loadKeys(catalog: CloudCatalog, model: RequestModalModel, logger: Logger): Promise<void> {
  const { destinationRegionId, copyType } = model.values;
  const encrypting = copyType === 'copyAndEncrypt' || currentSnapshot(model)?.encrypted;
  if (!destinationRegionId || !encrypting) return;
  let list: KeyList;
  try {
    list = { keys: await catalog.usableKeys(destinationRegionId) };
  } catch (error) {
    logger.warn('key list failed', { error, destinationRegionId });
    list = {
      error: `Could not list the keys of ${destinationRegionId} (${describe(error)}); the default service key is still available.`,
    };
  }
  model.destinationKeys = list;
}

/** Only once the selection can be priced: the preview is the selection the submit would find. */
async function loadPreview(
  batches: CopyBatchService,
  model: RequestModalModel,
  logger: Logger,
): Promise<void> {
  const parsed = toBatchParameters({ ...model.values, name: model.values.name ?? 'preview' });
  if (!parsed.ok) return;
  try {
    model.preview = await batches.preview(parsed.parameters);
  } catch (error) {
    logger.warn('batch preview failed', { error });
    model.preview = {
      error: `Could not look at the disks now (${describe(error)}). Submit still checks them.`,
    };
  }
}

/** The cloud's error code (never its message, which may carry a signed URL). */
export function describe(error: unknown): string {
  return isCloudError(error) ? error.code : 'no answer from the cloud';
}

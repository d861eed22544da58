/** What every listener may use: the workflow's services, the read-only cloud catalog, and little else. */
import type { Logger } from '../../observability/logger.ts';
import type { CopyBatchService } from '../../workflow/batch/copy-batch-service.ts';
import type { CopyRequestService } from '../../workflow/copy-request-service.ts';
import type { ForegroundActivity } from '../../workflow/foreground-activity.ts';
import type { CloudCatalog } from '../cloud-catalog.ts';
import type { ModalUpdates } from '../modal-updates.ts';

export interface ListenerDeps {
  service: CopyRequestService;
  /** Batches: one selection, one decision, one card for many copies. */
  batches: CopyBatchService;
  catalog: CloudCatalog;
  modalUpdates: ModalUpdates;
  logger: Logger;
  /** How long a modal submission may spend checking the request against the cloud (Slack allows 3 s in all). */
  submitCheckBudgetMs: number;
  /** How long a picker may spend searching snapshots. */
  optionsBudgetMs: number;
  /** Work after an ack waits on it, so other people's acks go out first. */
  foreground: ForegroundActivity;
}

/**
 * The bot's own reconciliation, off unless configured: the leader runs one every interval and
 * reports it when there is something to see that it has not reported yet. It never deletes.
 */
import type { Logger } from '../observability/logger.ts';
import type { Reconciliation } from './reconciliation-run.ts';

/** Where a reconciliation's findings are shown (the approvals channel). */
export interface ReconciliationReporter {
  report(reconciliation: Reconciliation): Promise<void>;
}

export interface ReconciliationScheduleDeps {
  intervalMs: number;
  /** Only the leader reconciles: replicas share one cloud and one store. */
  isLeading(): boolean;
  reconcile(): Promise<Reconciliation>;
  reporter: ReconciliationReporter;
  logger: Logger;
}

export interface ReconciliationSchedule {
  stop(): Promise<void>;
}

export function startReconciliationSchedule(deps: ReconciliationScheduleDeps): ReconciliationSchedule {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  /** The findings last reported, so an unchanged set is not posted again every interval. */
  let reported = '';

  async function once(): Promise<void> {
    if (!deps.isLeading()) return;
    const reconciliation = await deps.reconcile();
    const { findings } = reconciliation;
    deps.logger.info('reconciliation', {
      regions: reconciliation.regionIds.length,
      findings: findings.length,
    });
    if (findings.length === 0) {
      reported = '';
      return;
    }
    const fingerprint = JSON.stringify(findings.map((finding) => [finding.kind, finding.snapshotId]).sort());
    if (fingerprint === reported) return;
    await deps.reporter.report(reconciliation);
    reported = fingerprint;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = once()
        .catch((error: unknown) => deps.logger.warn('reconciliation failed', { error }))
        .finally(schedule);
    }, deps.intervalMs);
    timer.unref();
  }

  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

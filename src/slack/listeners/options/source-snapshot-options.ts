/**
 * The source snapshot picker: snapshots of the chosen source region matching what was typed,
 * at most 100, answered within the time budget (an empty list rather than no answer).
 */
import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import { snapshotOption } from '../../blocks/request-modal.ts';
import { LIMITS } from '../../blocks/slack-text.ts';
import { readRequestModalValues } from '../../request-modal-state.ts';
import { withinBudget } from '../../time-budget.ts';
import type { ListenerDeps } from '../listener-deps.ts';

export function sourceSnapshotOptions(deps: ListenerDeps) {
  return async ({ ack, body }: SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs) => {
    const regionId = readRequestModalValues((body as { view?: unknown }).view).sourceRegionId;
    const query = typeof body.value === 'string' ? body.value.trim() : '';
    if (!regionId) return ack({ options: [] });
    const search = deps.catalog
      .searchSnapshots(regionId, query, LIMITS.staticOptions)
      .catch((error: unknown) => {
        deps.logger.warn('snapshot search failed', { error, regionId });
        return [];
      });
    const snapshots = (await withinBudget(search, deps.optionsBudgetMs)) ?? [];
    await ack({
      options: snapshots
        .slice(0, LIMITS.staticOptions)
        .map((s) => snapshotOption(s.snapshotId, s.name || undefined)),
    });
  };
}

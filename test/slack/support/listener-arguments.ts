/**
 * Arguments for calling a listener directly, as Bolt would: acks, responses and Web API calls are
 * recorded, and the service is an in-memory CopyRequestService (our own port) set per test.
 */

import type { ListenerDeps } from '../../../src/slack/listeners/listener-deps.ts';
import { createModalUpdates } from '../../../src/slack/modal-updates.ts';
import type { CopyBatchService } from '../../../src/workflow/batch/copy-batch-service.ts';
import type { CopyRequestService } from '../../../src/workflow/copy-request-service.ts';
import { NO_FOREGROUND } from '../../../src/workflow/foreground-activity.ts';
import type { RequestView } from '../../../src/workflow/request-view.ts';
import { quietLogger } from './slack-stand-in.ts';

export interface Recorded {
  acks: unknown[];
  responses: Array<{ text?: string; response_type?: string }>;
  calls: Array<{ method: string; args: Record<string, unknown> }>;
}

const refuse = () => Promise.reject(new Error('not expected in this test'));

export function buildService(overrides: Partial<CopyRequestService> = {}): CopyRequestService {
  return {
    check: refuse,
    submit: refuse,
    approve: refuse,
    reject: refuse,
    cancel: refuse,
    get: async () => undefined,
    listByRequester: async () => [],
    listAwaitingApproval: async () => [],
    isApprover: async () => false,
    ...overrides,
  };
}

export function buildBatchService(overrides: Partial<CopyBatchService> = {}): CopyBatchService {
  return {
    preview: refuse,
    submit: refuse,
    approve: refuse,
    reject: refuse,
    cancel: refuse,
    get: async () => undefined,
    listByRequester: async () => [],
    listAwaitingApproval: async () => [],
    ...overrides,
  };
}

export function buildDeps(
  service: CopyRequestService,
  batches: CopyBatchService = buildBatchService(),
): ListenerDeps {
  return {
    service,
    batches,
    catalog: {
      regions: refuse,
      searchSnapshots: refuse,
      snapshot: refuse,
      locateSnapshot: refuse,
      usableKeys: refuse,
    },
    modalUpdates: createModalUpdates(quietLogger),
    logger: quietLogger,
    submitCheckBudgetMs: 200,
    optionsBudgetMs: 200,
    foreground: NO_FOREGROUND,
  };
}

/** The listener arguments Bolt passes, with the given parts replaced. */
export function buildArguments(overrides: Record<string, unknown> = {}) {
  const recorded: Recorded = { acks: [], responses: [], calls: [] };
  const record =
    (method: string) =>
    async (args: Record<string, unknown>): Promise<Record<string, unknown>> => {
      recorded.calls.push({ method, args });
      return { ok: true, ts: '1.000001', channel: { id: 'D0DM' }, view: { id: 'V0NEW', hash: 'h1' } };
    };
  const client = {
    chat: { postEphemeral: record('chat.postEphemeral'), postMessage: record('chat.postMessage') },
    conversations: { open: record('conversations.open') },
    views: { open: record('views.open'), update: record('views.update'), publish: record('views.publish') },
  };
  const args = {
    ack: async (response?: unknown) => {
      recorded.acks.push(response);
    },
    respond: async (message: { text?: string; response_type?: string }) => {
      recorded.responses.push(message);
    },
    client,
    logger: quietLogger,
    ...overrides,
  };
  return { args: args as never, recorded };
}

export function requestOf(partial: Partial<RequestView> & { requestId: string }): RequestView {
  return partial as RequestView;
}

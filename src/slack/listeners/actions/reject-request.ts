/** Reject a request: the reason modal opens unless the click would be refused anyway. */
import { decisionRefusal } from '../../decision-replies.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { rejectCheckOf, rejectClick } from './reject-click.ts';

export function rejectRequest(deps: ListenerDeps) {
  return rejectClick({
    kind: 'request',
    async check(requestId, userId) {
      const [request, approver] = await Promise.all([
        deps.service.get(requestId),
        deps.service.isApprover(userId),
      ]);
      return rejectCheckOf(request, approver);
    },
    async refusalText(requestId, reason) {
      const request = await deps.service.get(requestId);
      return decisionRefusal(requestId, { ok: false, reason, ...(request ? { request } : {}) });
    },
  });
}

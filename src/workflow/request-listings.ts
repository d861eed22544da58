/**
 * The lists people see, the same for requests and batches: someone's own, open ones as they run
 * and archived ones not open any more, newest first; and what waits for an approver's decision
 * (never their own), oldest first.
 */
interface Listed {
  status: string;
  requester: { userId: string };
  createdAt: number;
}

export function requestedBy<V extends Listed>(
  userId: string,
  open: readonly V[],
  archived: readonly V[],
  idOf: (view: V) => string,
): V[] {
  const openIds = new Set(open.map(idOf));
  return [...open, ...archived.filter((view) => !openIds.has(idOf(view)))]
    .filter((view) => view.requester.userId === userId)
    .sort((a, b) => b.createdAt - a.createdAt);
}

export function awaitingDecisionOf<V extends Listed>(approverUserId: string, open: readonly V[]): V[] {
  return open
    .filter((view) => view.status === 'awaitingApproval' && view.requester.userId !== approverUserId)
    .sort((a, b) => a.createdAt - b.createdAt);
}

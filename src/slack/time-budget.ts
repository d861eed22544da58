/**
 * Slack waits three seconds for an answer. Work that might take longer runs on a budget: the
 * caller gets `undefined` when the budget is spent and answers with what it has.
 */
export async function withinBudget<T>(work: Promise<T>, budgetMs: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), budgetMs);
  });
  // The work may still fail after the budget is spent; that late failure has nobody to tell.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** How long a click waits for its change to be stored before Slack is answered. */
export const STORE_BEFORE_ACK_MS = 2000;

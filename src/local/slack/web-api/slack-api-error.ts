/** A Web API refusal: answered as HTTP 200 `{ ok: false, error }`, like Slack. */
import type { JsonObject } from '../json-values.ts';

export class SlackApiError extends Error {
  constructor(
    readonly error: string,
    /** Extra response fields, e.g. `response_metadata.messages` explaining invalid blocks. */
    readonly details: JsonObject = {},
  ) {
    super(error);
    this.name = 'SlackApiError';
  }
}

export function refuseWithProblems(error: string, problems: string[]): never {
  throw new SlackApiError(error, { response_metadata: { messages: problems } });
}

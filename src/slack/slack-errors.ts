/** Reads Slack Web API failures without depending on their message text. */
import { webApi } from '@slack/bolt';

/** The `error` field of an `{ok:false}` answer (e.g. `not_in_channel`), if that is what failed. */
export function slackErrorCode(error: unknown): string | undefined {
  return error instanceof webApi.WebAPIPlatformError ? error.data.error : undefined;
}

/** Seconds Slack asked us to wait, when the call was rate limited. */
export function retryAfterSeconds(error: unknown): number | undefined {
  return error instanceof webApi.WebAPIRateLimitedError ? error.retryAfter : undefined;
}

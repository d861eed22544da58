import type { types } from '@slack/bolt';

/** What chat.postMessage / chat.update / ephemerals receive: fallback text plus blocks. */
export interface SlackMessage {
  text: string;
  blocks: types.KnownBlock[];
}

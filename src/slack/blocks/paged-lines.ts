/**
 * A list longer than one section: lines packed into as few sections as Block Kit allows, and past
 * what one message may carry, a last line that says how many were left out and where to see them.
 */
import type { types } from '@slack/bolt';
import { cap, LIMITS, section } from './slack-text.ts';

export interface PageLimits {
  /** Sections the list may take, the "…and N more" line included. */
  maxBlocks: number;
  /** Characters all of its sections may hold together (a message's blocks have about 13 000). */
  maxChars: number;
}

/** Room for a newline between lines. */
const SEPARATOR = 1;
/** Characters kept for the "…and N more" line (a count and a command). */
const MORE_LINE_ROOM = 200;

export function pagedSections(
  lines: readonly string[],
  limits: PageLimits,
  more: (left: number) => string,
): types.SectionBlock[] {
  const pages: string[][] = [];
  let pageChars = 0;
  let totalChars = 0;
  let shown = 0;
  for (const raw of lines) {
    const line = cap(raw, LIMITS.sectionText);
    const page = pages.at(-1);
    const fitsPage = page !== undefined && pageChars + SEPARATOR + line.length <= LIMITS.sectionText;
    const pagesNeeded = pages.length + (fitsPage ? 0 : 1);
    // The last block stays free for the "…and N more" line until every line is known to fit.
    const reserve = shown + 1 < lines.length ? 1 : 0;
    const charsNeeded = totalChars + line.length + reserve * MORE_LINE_ROOM;
    if (pagesNeeded + reserve > limits.maxBlocks || charsNeeded > limits.maxChars) break;
    if (fitsPage) {
      page.push(line);
      pageChars += SEPARATOR + line.length;
    } else {
      pages.push([line]);
      pageChars = line.length;
    }
    totalChars += line.length + SEPARATOR;
    shown += 1;
  }
  const blocks = pages.map((page) => section(page.join('\n')));
  if (shown < lines.length) blocks.push(section(more(lines.length - shown)));
  return blocks;
}

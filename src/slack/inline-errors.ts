/**
 * Maps problems with request fields to the modal's inline errors. Slack only accepts errors keyed
 * by input blocks present in the submitted view, so a field without its own block (the key, when
 * Copy was chosen) borrows the nearest one that is shown.
 */
import type { BatchField } from '../domain/copy-batch.ts';
import type { RequestField } from '../domain/copy-request.ts';
import { cap } from './blocks/slack-text.ts';
import { REQUEST_FIELD_INPUTS, SELECTOR_INPUTS } from './slack-ids.ts';

const FALLBACK_FIELDS: Partial<Record<RequestField, RequestField>> = {
  key: 'copyType',
  copyType: 'sourceSnapshotId',
};

const MAX_ERROR_LENGTH = 2000;

export function inputBlockIds(view: unknown): Set<string> {
  const blocks = (view as { blocks?: unknown } | undefined)?.blocks;
  const ids = new Set<string>();
  if (!Array.isArray(blocks)) return ids;
  for (const block of blocks as unknown[]) {
    const b = block as { type?: unknown; block_id?: unknown };
    if (b?.type === 'input' && typeof b.block_id === 'string') ids.add(b.block_id);
  }
  return ids;
}

export function inlineErrors(
  problems: { field: BatchField; message: string }[],
  presentBlockIds: Set<string>,
): Record<string, string> {
  const messages = new Map<string, string[]>();
  for (const problem of problems) {
    const blockId = blockFor(problem.field, presentBlockIds);
    const list = messages.get(blockId) ?? [];
    if (!list.includes(problem.message)) list.push(problem.message);
    messages.set(blockId, list);
  }
  return Object.fromEntries(
    [...messages].map(([blockId, list]) => [blockId, cap(list.join(' '), MAX_ERROR_LENGTH)]),
  );
}

/** A batch's selector has an input per mode; whichever is shown takes its errors. */
const SELECTOR_BLOCKS = Object.values(SELECTOR_INPUTS).map((input) => input.blockId);

function blockFor(field: BatchField, present: Set<string>): string {
  if (field === 'selector')
    return (
      SELECTOR_BLOCKS.find((id) => present.has(id)) ?? present.values().next().value ?? SELECTOR_BLOCKS[0]!
    );
  let current: RequestField | undefined = field;
  while (current) {
    const blockId = REQUEST_FIELD_INPUTS[current].blockId;
    if (present.has(blockId)) return blockId;
    current = FALLBACK_FIELDS[current];
  }
  return present.values().next().value ?? REQUEST_FIELD_INPUTS[field].blockId;
}

/** Finding interactive elements in Block Kit blocks, the way Slack addresses them: block_id + action_id. */
import { isJsonObject, type JsonObject, objectsIn, stringIn } from './json-values.ts';
import type { SlackIds } from './slack-ids.ts';

export type ElementPlacement = 'input' | 'actions' | 'accessory';

export interface PlacedElement {
  blockId: string;
  actionId: string;
  element: JsonObject;
  placement: ElementPlacement;
  /** An input block's element only sends block_actions when the block asks for it. */
  dispatchesActions: boolean;
}

const NON_INTERACTIVE = new Set(['image', 'plain_text', 'mrkdwn']);

function isInteractive(element: unknown): element is JsonObject {
  const type = stringIn(element, 'type');
  return type !== undefined && !NON_INTERACTIVE.has(type);
}

function elementsOf(block: JsonObject): Array<{ element: JsonObject; placement: ElementPlacement }> {
  switch (block.type) {
    case 'input':
      return isInteractive(block.element) ? [{ element: block.element, placement: 'input' }] : [];
    case 'actions':
      return objectsIn(block.elements)
        .filter(isInteractive)
        .map((element) => ({ element, placement: 'actions' as const }));
    case 'section':
      return isInteractive(block.accessory) ? [{ element: block.accessory, placement: 'accessory' }] : [];
    default:
      return [];
  }
}

export function placedElements(blocks: unknown): PlacedElement[] {
  return objectsIn(blocks).flatMap((block) =>
    elementsOf(block).map(({ element, placement }) => ({
      blockId: stringIn(block, 'block_id') ?? '',
      actionId: stringIn(element, 'action_id') ?? '',
      element,
      placement,
      dispatchesActions: placement !== 'input' || block.dispatch_action === true,
    })),
  );
}

/** How a user points at an element; `value` tells apart buttons that share an action_id. */
export interface ElementTarget {
  actionId: string;
  blockId?: string;
  value?: string;
}

export function findElement(blocks: unknown, target: ElementTarget): PlacedElement | undefined {
  return placedElements(blocks).find(
    (placed) =>
      placed.actionId === target.actionId &&
      (target.blockId === undefined || placed.blockId === target.blockId) &&
      (target.value === undefined || placed.element.value === target.value),
  );
}

export function inputBlockIds(blocks: unknown): Set<string> {
  return new Set(
    objectsIn(blocks)
      .filter((block) => block.type === 'input')
      .map((block) => stringIn(block, 'block_id') ?? ''),
  );
}

/** Options of a select, radio or checkbox group, option groups flattened. */
export function offeredOptions(element: JsonObject): JsonObject[] {
  const grouped = objectsIn(element.option_groups).flatMap((group) => objectsIn(group.options));
  return [...objectsIn(element.options), ...grouped];
}

/** Slack stores blocks with every block_id and action_id filled in; so does the stand-in. */
export function withGeneratedIds(blocks: unknown, ids: SlackIds): JsonObject[] {
  return objectsIn(blocks).map((original) => {
    const block = structuredClone(original);
    block.block_id ??= ids.blockId();
    for (const { element } of elementsOf(block)) element.action_id ??= ids.actionId();
    return block;
  });
}

export function isOption(value: unknown): value is JsonObject {
  return isJsonObject(value) && typeof value.value === 'string';
}

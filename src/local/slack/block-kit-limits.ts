/**
 * The Block Kit limits Slack enforces on what an app sends (reference slack.md §3). Problems read
 * like Slack's own `response_metadata.messages`: "[ERROR] … [json-pointer:/blocks/0/text/text]".
 */
import { isJsonObject, type JsonObject, objectsIn } from './json-values.ts';

export type BlockSurface = 'message' | 'modal' | 'home';

const MAX_BLOCKS: Record<BlockSurface, number> = { message: 50, modal: 100, home: 100 };
export const MAX_MESSAGE_TEXT = 40_000;
/** Undocumented; observed by others (bolt-js#2509) around this many serialized characters. */
export const MAX_MESSAGE_BLOCKS_CHARS = 13_000;
export const MAX_VIEW_BYTES = 250_000;

const KNOWN_BLOCKS = new Set([
  'actions',
  'context',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'section',
  'video',
]);
const OPTION_LISTS = new Set(['static_select', 'multi_static_select']);
const SMALL_OPTION_LISTS = new Set(['radio_buttons', 'checkboxes']);

class Problems {
  readonly found: string[] = [];
  check(ok: boolean, message: string, pointer: string): boolean {
    if (!ok) this.found.push(`[ERROR] ${message} [json-pointer:${pointer}]`);
    return ok;
  }
  /** A composition text object: `{ type, text }` with text of 1…max characters. */
  text(value: unknown, pointer: string, max: number, plainOnly = false): void {
    if (!this.check(isJsonObject(value), 'must provide an object', pointer)) return;
    const { type, text } = value as JsonObject;
    this.check(
      type === 'plain_text' || (!plainOnly && type === 'mrkdwn'),
      plainOnly ? 'must be a plain_text object' : 'must be a text object',
      `${pointer}/type`,
    );
    if (
      this.check(typeof text === 'string' && text.length > 0, 'must be a non-empty string', `${pointer}/text`)
    ) {
      this.check(
        (text as string).length <= max,
        `must be less than ${max + 1} characters`,
        `${pointer}/text`,
      );
    }
  }
  optionalText(value: unknown, pointer: string, max: number, plainOnly = false): void {
    if (value !== undefined && value !== null) this.text(value, pointer, max, plainOnly);
  }
  length(value: unknown, pointer: string, max: number): void {
    if (value !== undefined) {
      this.check(
        typeof value === 'string' && value.length <= max,
        `must be a string of at most ${max} characters`,
        pointer,
      );
    }
  }
}

function checkOption(problems: Problems, option: JsonObject, pointer: string): void {
  problems.text(option.text, `${pointer}/text`, 75);
  problems.length(option.value, `${pointer}/value`, 150);
  problems.optionalText(option.description, `${pointer}/description`, 75);
}

function checkElement(problems: Problems, element: JsonObject, pointer: string): void {
  const type = String(element.type);
  problems.length(element.action_id, `${pointer}/action_id`, 255);
  problems.optionalText(element.placeholder, `${pointer}/placeholder`, 150, true);
  if (isJsonObject(element.confirm)) {
    const confirm = element.confirm;
    problems.text(confirm.title, `${pointer}/confirm/title`, 100, true);
    problems.text(confirm.text, `${pointer}/confirm/text`, 300);
    problems.text(confirm.confirm, `${pointer}/confirm/confirm`, 30, true);
    problems.text(confirm.deny, `${pointer}/confirm/deny`, 30, true);
  }
  if (type === 'button') {
    problems.text(element.text, `${pointer}/text`, 75, true);
    problems.length(element.value, `${pointer}/value`, 2000);
    problems.length(element.url, `${pointer}/url`, 3000);
    if (element.style !== undefined) {
      problems.check(
        element.style === 'primary' || element.style === 'danger',
        'must be primary or danger',
        `${pointer}/style`,
      );
    }
  }
  if (type === 'plain_text_input' && element.max_length !== undefined) {
    problems.check(Number(element.max_length) <= 3000, 'must be at most 3000', `${pointer}/max_length`);
  }
  if (type === 'number_input') {
    problems.check(
      typeof element.is_decimal_allowed === 'boolean',
      'is required',
      `${pointer}/is_decimal_allowed`,
    );
  }
  const options = objectsIn(element.options);
  if (OPTION_LISTS.has(type) || SMALL_OPTION_LISTS.has(type) || type === 'overflow') {
    const [min, max] = type === 'overflow' ? [2, 5] : SMALL_OPTION_LISTS.has(type) ? [1, 10] : [0, 100];
    const count =
      element.option_groups === undefined ? options.length : objectsIn(element.option_groups).length;
    problems.check(
      count >= min && count <= max,
      `must have between ${min} and ${max} items`,
      `${pointer}/options`,
    );
  }
  for (const [index, option] of options.entries())
    checkOption(problems, option, `${pointer}/options/${index}`);
  for (const [groupIndex, group] of objectsIn(element.option_groups).entries()) {
    const groupPointer = `${pointer}/option_groups/${groupIndex}`;
    problems.text(group.label, `${groupPointer}/label`, 75, true);
    for (const [index, option] of objectsIn(group.options).entries()) {
      checkOption(problems, option, `${groupPointer}/options/${index}`);
    }
  }
}

function checkElements(problems: Problems, elements: JsonObject[], pointer: string): void {
  const actionIds = new Set<string>();
  elements.forEach((element, index) => {
    const actionId = element.action_id;
    if (typeof actionId === 'string') {
      problems.check(
        !actionIds.has(actionId),
        `action_id "${actionId}" is not unique in its block`,
        `${pointer}/${index}/action_id`,
      );
      actionIds.add(actionId);
    }
    checkElement(problems, element, `${pointer}/${index}`);
  });
}

function checkBlock(problems: Problems, block: JsonObject, pointer: string): void {
  switch (block.type) {
    case 'section': {
      const fields = block.fields === undefined ? undefined : objectsIn(block.fields);
      problems.check(
        block.text !== undefined || fields !== undefined,
        'must provide text or fields',
        pointer,
      );
      problems.optionalText(block.text, `${pointer}/text`, 3000);
      if (fields) {
        problems.check(fields.length <= 10, 'must have at most 10 items', `${pointer}/fields`);
        for (const [index, item] of fields.entries()) problems.text(item, `${pointer}/fields/${index}`, 2000);
      }
      if (isJsonObject(block.accessory) && block.accessory.type !== 'image') {
        checkElement(problems, block.accessory, `${pointer}/accessory`);
      }
      return;
    }
    case 'header':
      problems.text(block.text, `${pointer}/text`, 150, true);
      return;
    case 'context': {
      const count = objectsIn(block.elements).length;
      problems.check(count >= 1 && count <= 10, 'must have between 1 and 10 items', `${pointer}/elements`);
      return;
    }
    case 'actions': {
      const elements = objectsIn(block.elements);
      problems.check(
        elements.length >= 1 && elements.length <= 25,
        'must have between 1 and 25 items',
        `${pointer}/elements`,
      );
      checkElements(problems, elements, `${pointer}/elements`);
      return;
    }
    case 'input':
      problems.text(block.label, `${pointer}/label`, 2000, true);
      problems.optionalText(block.hint, `${pointer}/hint`, 2000, true);
      if (problems.check(isJsonObject(block.element), 'is required', `${pointer}/element`)) {
        checkElement(problems, block.element as JsonObject, `${pointer}/element`);
      }
      return;
    case 'markdown':
      problems.length(block.text, `${pointer}/text`, 12_000);
      return;
    default:
      return;
  }
}

/** Problems with a surface's blocks; empty when Slack would accept them. */
export function blockProblems(blocks: unknown, surface: BlockSurface): string[] {
  const problems = new Problems();
  if (!problems.check(Array.isArray(blocks), 'must provide an array', '/blocks')) return problems.found;
  const list = blocks as unknown[];
  const max = MAX_BLOCKS[surface];
  problems.check(list.length <= max, `no more than ${max} items allowed`, '/blocks');
  const blockIds = new Set<string>();
  list.forEach((block, index) => {
    const pointer = `/blocks/${index}`;
    if (!problems.check(isJsonObject(block), 'must provide an object', pointer)) return;
    const { type, block_id: blockId } = block as JsonObject;
    if (
      !problems.check(
        typeof type === 'string' && KNOWN_BLOCKS.has(type),
        'unknown block type',
        `${pointer}/type`,
      )
    )
      return;
    if (blockId !== undefined) problems.length(blockId, `${pointer}/block_id`, 255);
    if (typeof blockId === 'string') {
      problems.check(!blockIds.has(blockId), `block_id "${blockId}" is not unique`, `${pointer}/block_id`);
      blockIds.add(blockId);
    }
    checkBlock(problems, block as JsonObject, pointer);
  });
  return problems.found;
}

/** Problems with a modal or Home view definition, its blocks included. */
export function viewProblems(view: JsonObject): string[] {
  const problems = new Problems();
  const surface = view.type === 'home' ? 'home' : 'modal';
  if (!problems.check(view.type === 'modal' || view.type === 'home', 'must be modal or home', '/type')) {
    return problems.found;
  }
  if (surface === 'modal') {
    problems.text(view.title, '/title', 24, true);
    problems.optionalText(view.close, '/close', 24, true);
    problems.optionalText(view.submit, '/submit', 24, true);
    const hasInputs = objectsIn(view.blocks).some((block) => block.type === 'input');
    if (hasInputs)
      problems.check(
        view.submit !== undefined && view.submit !== null,
        'is required when the view has input blocks',
        '/submit',
      );
  }
  problems.length(view.callback_id, '/callback_id', 255);
  problems.length(view.private_metadata, '/private_metadata', 3000);
  problems.length(view.external_id, '/external_id', 255);
  return [...problems.found, ...blockProblems(view.blocks, surface)];
}

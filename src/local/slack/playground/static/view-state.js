/**
 * The state.values Slack keeps for a view: one entry per stateful element, keyed block_id →
 * action_id, with the shapes Slack sends (plain_text_input/number_input `value` as a string or
 * null, selects and radios `selected_option`, checkboxes `selected_options`).
 */
import { allOptions, blockIdOf } from './block-kit.js';

const STATEFUL = new Set([
  'plain_text_input',
  'number_input',
  'static_select',
  'external_select',
  'radio_buttons',
  'checkboxes',
]);

export function isStateful(element) {
  return Boolean(element && STATEFUL.has(element.type) && element.action_id);
}

/** What Slack reports for an element nobody has touched: its initial value, or empty. */
export function initialStateOf(element) {
  switch (element.type) {
    case 'plain_text_input':
    case 'number_input':
      return { type: element.type, value: element.initial_value ?? null };
    case 'checkboxes':
      return { type: element.type, selected_options: element.initial_options ?? [] };
    default:
      return { type: element.type, selected_option: element.initial_option ?? null };
  }
}

function statefulElements(block) {
  if (block.type === 'input') return [block.element];
  if (block.type === 'section') return [block.accessory];
  if (block.type === 'actions') return block.elements ?? [];
  return [];
}

/**
 * @param {any[]} blocks the view's blocks
 * @param {Record<string, Record<string, any>>} [known] state the server has (after dispatch actions)
 * @param {Record<string, Record<string, any>>} [draft] what the user changed in the page since
 */
export function viewValues(blocks, known = {}, draft = {}) {
  const values = {};
  for (const [index, block] of (blocks ?? []).entries()) {
    const blockId = blockIdOf(block, index);
    for (const element of statefulElements(block).filter(isStateful)) {
      const entry =
        draft[blockId]?.[element.action_id] ?? known[blockId]?.[element.action_id] ?? initialStateOf(element);
      values[blockId] = { ...values[blockId], [element.action_id]: entry };
    }
  }
  return values;
}

/** The state entry for a new value picked in the page. */
export function stateEntryFor(element, input) {
  switch (element.type) {
    case 'plain_text_input':
    case 'number_input':
      return { type: element.type, value: input === '' ? null : input };
    case 'checkboxes': {
      const options = allOptions(element);
      return {
        type: element.type,
        selected_options: options.filter((option) => input.includes(option.value)),
      };
    }
    case 'external_select':
      return { type: element.type, selected_option: input };
    default: {
      const option = allOptions(element).find((candidate) => candidate.value === input) ?? null;
      return { type: element.type, selected_option: option };
    }
  }
}

/** A copy of `values` with one entry replaced. */
export function withEntry(values, blockId, actionId, entry) {
  return { ...values, [blockId]: { ...values[blockId], [actionId]: entry } };
}

/**
 * `view.state.values` as Slack reports it: every stateful element keyed block_id → action_id, with
 * what the user entered or else the element's initial value, in each element type's own field.
 */
import { isOption, offeredOptions, type PlacedElement, placedElements } from './block-elements.ts';
import type { JsonObject } from './json-values.ts';

export type StateValues = Record<string, Record<string, JsonObject>>;

/** What a user can put in an element: text, an option (by value or whole), several of them, or nothing. */
export type InputValue = string | number | null | JsonObject | Array<string | JsonObject>;

interface StateField {
  field: string;
  initial: string;
  many: boolean;
  /** Selected from the element's options rather than typed or picked from the workspace. */
  fromOptions: boolean;
}

const field = (name: string, initial: string, many = false, fromOptions = false): StateField => ({
  field: name,
  initial,
  many,
  fromOptions,
});

const STATE_FIELDS: Record<string, StateField> = {
  plain_text_input: field('value', 'initial_value'),
  number_input: field('value', 'initial_value'),
  email_text_input: field('value', 'initial_value'),
  url_text_input: field('value', 'initial_value'),
  static_select: field('selected_option', 'initial_option', false, true),
  external_select: field('selected_option', 'initial_option', false, true),
  radio_buttons: field('selected_option', 'initial_option', false, true),
  checkboxes: field('selected_options', 'initial_options', true, true),
  multi_static_select: field('selected_options', 'initial_options', true, true),
  multi_external_select: field('selected_options', 'initial_options', true, true),
  users_select: field('selected_user', 'initial_user'),
  multi_users_select: field('selected_users', 'initial_users', true),
  conversations_select: field('selected_conversation', 'initial_conversation'),
  multi_conversations_select: field('selected_conversations', 'initial_conversations', true),
  channels_select: field('selected_channel', 'initial_channel'),
  multi_channels_select: field('selected_channels', 'initial_channels', true),
  datepicker: field('selected_date', 'initial_date'),
  timepicker: field('selected_time', 'initial_time'),
};

export function stateFieldOf(element: JsonObject): StateField | undefined {
  return typeof element.type === 'string' ? STATE_FIELDS[element.type] : undefined;
}

export function entryKey(blockId: string, actionId: string): string {
  return `${blockId}\u0000${actionId}`;
}

function initialState(element: JsonObject, stateField: StateField): JsonObject {
  const initial = element[stateField.initial] ?? (stateField.many ? [] : null);
  return { type: element.type, [stateField.field]: structuredClone(initial) };
}

/** Values for all stateful elements in `blocks`; `entries` (by entryKey) override initial values. */
export function stateValues(blocks: unknown, entries: ReadonlyMap<string, JsonObject>): StateValues {
  const values: StateValues = {};
  for (const placed of placedElements(blocks)) {
    const stateField = stateFieldOf(placed.element);
    if (!stateField) continue;
    const entry = entries.get(entryKey(placed.blockId, placed.actionId));
    values[placed.blockId] ??= {};
    values[placed.blockId]![placed.actionId] = structuredClone(
      entry ?? initialState(placed.element, stateField),
    );
  }
  return values;
}

function pickOption(placed: PlacedElement, wanted: string | JsonObject, known: JsonObject[]): JsonObject {
  const value = typeof wanted === 'string' ? wanted : String(wanted.value);
  const offered = [...offeredOptions(placed.element), ...known].find((option) => option.value === value);
  if (offered) return structuredClone(offered);
  // An external select's options come from the app; a whole option object stands for one it offered.
  if (String(placed.element.type).includes('external') && isOption(wanted)) return structuredClone(wanted);
  throw new Error(`option "${value}" is not offered by ${placed.blockId}/${placed.actionId}`);
}

/**
 * The element's state after the user entered `input`. `suggested` holds options an app returned to
 * block_suggestion for this element, so an external select can be set by value.
 */
export function enteredState(
  placed: PlacedElement,
  input: InputValue,
  suggested: JsonObject[] = [],
): JsonObject {
  const stateField = stateFieldOf(placed.element);
  if (!stateField)
    throw new Error(`${placed.blockId}/${placed.actionId} (${String(placed.element.type)}) holds no value`);
  const state: JsonObject = { type: placed.element.type };
  const items = (input === null ? [] : Array.isArray(input) ? input : [input]).map((item) =>
    typeof item === 'number' ? String(item) : item,
  );
  const resolved = stateField.fromOptions ? items.map((item) => pickOption(placed, item, suggested)) : items;
  state[stateField.field] = stateField.many ? resolved : (resolved[0] ?? null);
  return state;
}

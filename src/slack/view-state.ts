/** Reads a submitted view's `state.values` (untrusted JSON) by action ID. */
import { isObject, type Json } from './payload-guards.ts';

/** The element states of a view, keyed by action ID (block IDs are not needed to read them). */
export function elementStates(view: unknown): Map<string, Json> {
  const states = new Map<string, Json>();
  const values =
    isObject(view) && isObject(view.state) && isObject(view.state.values) ? view.state.values : {};
  for (const block of Object.values(values)) {
    if (!isObject(block)) continue;
    for (const [actionId, element] of Object.entries(block))
      if (isObject(element)) states.set(actionId, element);
  }
  return states;
}

/** A text input's trimmed value, or a select's / radio's chosen value; undefined when empty. */
export function elementValue(element: Json | undefined): string | undefined {
  if (!element) return undefined;
  const direct = element.value;
  if (typeof direct === 'string') return direct.trim() || undefined;
  const selected = element.selected_option;
  if (isObject(selected) && typeof selected.value === 'string') return selected.value;
  return undefined;
}

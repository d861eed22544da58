/**
 * Block Kit → HTML for the playground: the subset snapcopy sends (messages, modals, the Home tab).
 * Every interactive element carries data-block-id / data-action-id so the page can turn a click or
 * a change back into the payload Slack would send. Text is escaped here or in mrkdwn.js; nothing
 * from a block reaches the page as markup.
 */
import { escapeHtml, mrkdwnToHtml, plainTextToHtml } from './mrkdwn.js';

/**
 * @typedef {{ user(id: string): string, channel(id: string): string }} Names
 * @typedef {{
 *   surface: 'message' | 'modal' | 'home',
 *   values?: Record<string, Record<string, any>>,
 *   errors?: Record<string, string>,
 *   names?: Names,
 * }} RenderContext
 */

/** A text object (plain_text or mrkdwn) → HTML. */
export function textToHtml(text, names) {
  if (!text) return '';
  if (typeof text === 'string') return mrkdwnToHtml(text, names);
  return text.type === 'mrkdwn' ? mrkdwnToHtml(text.text, names) : plainTextToHtml(text.text, text.emoji);
}

/** Text objects as a plain string, for attributes (placeholders, labels). */
export function textToString(text) {
  if (!text) return '';
  return typeof text === 'string' ? text : String(text.text ?? '');
}

/**
 * Slack gives blocks without a block_id a generated one; the page does the same, from the
 * position, so the ID is stable between renders of the same message.
 */
export function blockIdOf(block, index) {
  return block.block_id ?? `block-${index}`;
}

function ids(blockId, element) {
  return `data-block-id="${escapeHtml(blockId)}" data-action-id="${escapeHtml(element.action_id ?? '')}"`;
}

/** The element's current state: what the user chose (values) or else its initial value. */
function stateOf(context, blockId, element) {
  return context.values?.[blockId]?.[element.action_id];
}

function optionLabel(option) {
  return textToString(option.text);
}

export function allOptions(element) {
  const grouped = (element.option_groups ?? []).flatMap((group) => group.options ?? []);
  return [...(element.options ?? []), ...grouped];
}

function renderButton(blockId, element) {
  const style =
    element.style === 'primary' || element.style === 'danger' ? ` bk-button-${element.style}` : '';
  const label = plainTextToHtml(textToString(element.text), element.text?.emoji);
  const aria = element.accessibility_label ? ` aria-label="${escapeHtml(element.accessibility_label)}"` : '';
  const url = element.url ? ` data-url="${escapeHtml(element.url)}"` : '';
  return `<button type="button" class="bk-button${style}" data-kind="button" ${ids(blockId, element)}${aria}${url}>${label}</button>`;
}

function selectedValueOf(state, element) {
  if (state && 'selected_option' in state) return state.selected_option?.value;
  return element.initial_option?.value;
}

function renderOptionTags(options, selected) {
  return options
    .map(
      (option) =>
        `<option value="${escapeHtml(option.value)}"${option.value === selected ? ' selected' : ''}>${escapeHtml(optionLabel(option))}</option>`,
    )
    .join('');
}

function renderStaticSelect(blockId, element, context) {
  const selected = selectedValueOf(stateOf(context, blockId, element), element);
  const placeholder = textToString(element.placeholder) || 'Select an option';
  const groups = (element.option_groups ?? [])
    .map(
      (group) =>
        `<optgroup label="${escapeHtml(textToString(group.label))}">${renderOptionTags(group.options ?? [], selected)}</optgroup>`,
    )
    .join('');
  return `<select class="bk-select" data-kind="static_select" ${ids(blockId, element)}>
<option value=""${selected === undefined || selected === null ? ' selected' : ''} disabled>${escapeHtml(placeholder)}</option>${renderOptionTags(element.options ?? [], selected)}${groups}</select>`;
}

function renderExternalSelect(blockId, element, context) {
  const state = stateOf(context, blockId, element);
  const selected = state && 'selected_option' in state ? state.selected_option : element.initial_option;
  const placeholder = textToString(element.placeholder) || 'Type to search';
  const minQuery = element.min_query_length ?? 3;
  return `<div class="bk-external" data-kind="external_select" ${ids(blockId, element)} data-min-query-length="${escapeHtml(minQuery)}">
<input type="text" class="bk-external-query" autocomplete="off" role="combobox" aria-expanded="false" placeholder="${escapeHtml(placeholder)}" value="${escapeHtml(selected ? optionLabel(selected) : '')}">
<ul class="bk-suggestions" role="listbox" hidden></ul></div>`;
}

/** Options of an external select, as answered by the bot's block_suggestion listener. */
export function renderSuggestions(response) {
  const groups = response?.option_groups ?? [{ options: response?.options ?? [] }];
  const items = groups.flatMap((group) => {
    const header = group.label
      ? [`<li class="bk-suggestion-group">${escapeHtml(textToString(group.label))}</li>`]
      : [];
    return [
      ...header,
      ...(group.options ?? []).map(
        (option) =>
          `<li class="bk-suggestion" role="option" data-value="${escapeHtml(option.value)}" data-label="${escapeHtml(optionLabel(option))}">${escapeHtml(optionLabel(option))}${option.description ? `<small>${escapeHtml(textToString(option.description))}</small>` : ''}</li>`,
      ),
    ];
  });
  return items.length > 0 ? items.join('') : '<li class="bk-suggestion-empty">No results</li>';
}

function renderChoiceList(blockId, element, context, kind) {
  const state = stateOf(context, blockId, element);
  const chosen =
    kind === 'radio'
      ? [selectedValueOf(state, element)]
      : (state?.selected_options ?? element.initial_options ?? []).map((option) => option.value);
  const name = `${blockId}/${element.action_id}`;
  const items = (element.options ?? []).map((option) => {
    const checked = chosen.includes(option.value) ? ' checked' : '';
    const description = option.description
      ? `<span class="bk-choice-description">${textToHtml(option.description, context.names)}</span>`
      : '';
    return `<label class="bk-choice"><input type="${kind}" name="${escapeHtml(name)}" value="${escapeHtml(option.value)}"${checked}><span class="bk-choice-text">${textToHtml(option.text, context.names)}${description}</span></label>`;
  });
  const dataKind = kind === 'radio' ? 'radio_buttons' : 'checkboxes';
  return `<div class="bk-choices" data-kind="${dataKind}" ${ids(blockId, element)} role="${kind === 'radio' ? 'radiogroup' : 'group'}">${items.join('')}</div>`;
}

function renderTextInput(blockId, element, context) {
  const state = stateOf(context, blockId, element);
  const value = state && 'value' in state ? (state.value ?? '') : (element.initial_value ?? '');
  const placeholder = escapeHtml(textToString(element.placeholder));
  const maxLength = element.max_length ? ` maxlength="${escapeHtml(element.max_length)}"` : '';
  const attributes = `class="bk-text" data-kind="plain_text_input" ${ids(blockId, element)} placeholder="${placeholder}"${maxLength}`;
  return element.multiline
    ? `<textarea ${attributes} rows="3">${escapeHtml(value)}</textarea>`
    : `<input type="text" ${attributes} value="${escapeHtml(value)}">`;
}

function renderNumberInput(blockId, element, context) {
  const state = stateOf(context, blockId, element);
  const value = state && 'value' in state ? (state.value ?? '') : (element.initial_value ?? '');
  const bound = (name, attribute) =>
    element[name] !== undefined ? ` ${attribute}="${escapeHtml(element[name])}"` : '';
  const step = element.is_decimal_allowed ? 'any' : '1';
  return `<input type="number" class="bk-text bk-number" data-kind="number_input" ${ids(blockId, element)} step="${step}"${bound('min_value', 'min')}${bound('max_value', 'max')} placeholder="${escapeHtml(textToString(element.placeholder))}" value="${escapeHtml(value)}">`;
}

function renderImage(element) {
  // Images would be fetched from the internet, which the playground never does: show the alt text.
  return `<span class="bk-image" title="${escapeHtml(element.image_url ?? '')}">🖼 ${escapeHtml(element.alt_text ?? 'image')}</span>`;
}

/** One interactive element (or image) inside a section accessory, actions or input block. */
export function renderElement(blockId, element, context) {
  switch (element.type) {
    case 'button':
      return renderButton(blockId, element);
    case 'static_select':
      return renderStaticSelect(blockId, element, context);
    case 'external_select':
      return renderExternalSelect(blockId, element, context);
    case 'radio_buttons':
      return renderChoiceList(blockId, element, context, 'radio');
    case 'checkboxes':
      return renderChoiceList(blockId, element, context, 'checkbox');
    case 'plain_text_input':
      return renderTextInput(blockId, element, context);
    case 'number_input':
      return renderNumberInput(blockId, element, context);
    case 'image':
      return renderImage(element);
    default:
      return `<span class="bk-unsupported">[${escapeHtml(element.type)} element]</span>`;
  }
}

function renderSection(block, blockId, context) {
  const text = block.text
    ? `<div class="bk-section-text">${textToHtml(block.text, context.names)}</div>`
    : '';
  const fields = block.fields?.length
    ? `<div class="bk-fields">${block.fields.map((field) => `<div class="bk-field">${textToHtml(field, context.names)}</div>`).join('')}</div>`
    : '';
  const accessory = block.accessory
    ? `<div class="bk-accessory">${renderElement(blockId, block.accessory, context)}</div>`
    : '';
  return `<div class="bk-section-body">${text}${fields}</div>${accessory}`;
}

function renderContext(block, context) {
  return (block.elements ?? [])
    .map((element) =>
      element.type === 'image' ? renderImage(element) : `<span>${textToHtml(element, context.names)}</span>`,
    )
    .join('');
}

function renderInput(block, blockId, context) {
  const element = block.element ?? {};
  const error = context.errors?.[blockId];
  const optional = block.optional ? ' <span class="bk-optional">(optional)</span>' : '';
  const hint = block.hint ? `<div class="bk-hint">${textToHtml(block.hint, context.names)}</div>` : '';
  const errorHtml = error ? `<div class="bk-error" role="alert">${escapeHtml(error)}</div>` : '';
  const dispatch = block.dispatch_action ? ' data-dispatch-action="true"' : '';
  const triggers = element.dispatch_action_config?.trigger_actions_on ?? ['on_enter_pressed'];
  return `<label class="bk-label">${plainTextToHtml(textToString(block.label))}${optional}</label>
<div class="bk-input-element"${dispatch} data-trigger-actions-on="${escapeHtml(triggers.join(' '))}">${renderElement(blockId, element, context)}</div>${hint}${errorHtml}`;
}

function renderBlockBody(block, blockId, context) {
  switch (block.type) {
    case 'header':
      return plainTextToHtml(textToString(block.text), block.text?.emoji);
    case 'section':
      return renderSection(block, blockId, context);
    case 'context':
      return renderContext(block, context);
    case 'divider':
      return '<hr>';
    case 'actions':
      return (block.elements ?? []).map((element) => renderElement(blockId, element, context)).join('');
    case 'input':
      return renderInput(block, blockId, context);
    case 'image':
      return renderImage(block);
    case 'markdown':
      return mrkdwnToHtml(block.text, context.names);
    default:
      return `<span class="bk-unsupported">[${escapeHtml(block.type)} block]</span>`;
  }
}

/**
 * @param {any[]} blocks
 * @param {RenderContext} context
 * @returns {string}
 */
export function renderBlocks(blocks, context) {
  return (blocks ?? [])
    .map((block, index) => {
      const blockId = blockIdOf(block, index);
      const error = context.errors?.[blockId] ? ' bk-has-error' : '';
      return `<div class="bk-block bk-${escapeHtml(block.type)}${error}" data-block-id="${escapeHtml(blockId)}">${renderBlockBody(block, blockId, context)}</div>`;
    })
    .join('');
}

/** The element a data-block-id / data-action-id pair points at, to build its payload. */
export function findElement(blocks, blockId, actionId) {
  for (const [index, block] of (blocks ?? []).entries()) {
    if (blockIdOf(block, index) !== blockId) continue;
    const candidates = [block.accessory, block.element, ...(block.elements ?? [])];
    return candidates.find((element) => element?.action_id === actionId);
  }
  return undefined;
}

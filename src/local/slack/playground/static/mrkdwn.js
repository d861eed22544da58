/**
 * Slack mrkdwn → HTML for the playground. Message text comes from the bot, i.e. from whatever a
 * requester typed, so every character of it is escaped; the only markup in the output is what
 * this file writes itself.
 */

const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** @param {unknown} value */
export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/** Senders escape &, < and > in mrkdwn (Slack's rule); show them as the characters they stand for. */
function decodeSlackEntities(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const EMOJI = {
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  x: '❌',
  no_entry: '⛔',
  no_entry_sign: '🚫',
  warning: '⚠️',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  lock: '🔒',
  unlock: '🔓',
  key: '🔑',
  closed_lock_with_key: '🔐',
  rocket: '🚀',
  camera: '📷',
  floppy_disk: '💾',
  package: '📦',
  earth_asia: '🌏',
  globe_with_meridians: '🌐',
  moneybag: '💰',
  money_with_wings: '💸',
  clock3: '🕒',
  stopwatch: '⏱️',
  information_source: 'ℹ️',
  bust_in_silhouette: '👤',
  wastebasket: '🗑️',
  arrows_counterclockwise: '🔄',
  large_green_circle: '🟢',
  large_yellow_circle: '🟡',
  red_circle: '🔴',
  thumbsup: '👍',
  '+1': '👍',
  thumbsdown: '👎',
  tada: '🎉',
};

/** Emoji short codes Slack would draw; unknown codes stay as typed. Input is already escaped. */
export function replaceEmoji(escaped) {
  return escaped.replace(/:([a-z0-9_+-]+):/g, (whole, name) => EMOJI[name] ?? whole);
}

/** Only these schemes become links; anything else (javascript:, data:) is shown as text. */
function safeHref(url) {
  return /^(https?:|mailto:)/i.test(url) ? url : undefined;
}

/** `<https://x|label>`, `<@U123>`, `<#C123|name>`, `<!here>` → HTML. */
function angleTokenToHtml(inner, names) {
  const [target, label] = splitOnce(inner, '|');
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return `<span class="mention" data-user-id="${escapeHtml(id)}">@${escapeHtml(label ?? names.user(id))}</span>`;
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return `<span class="mention">#${escapeHtml(label ?? names.channel(id))}</span>`;
  }
  if (target.startsWith('!')) {
    const special = target.slice(1).split('^')[0];
    return `<span class="mention">@${escapeHtml(label ?? special)}</span>`;
  }
  // Not a link either: the bot forgot to escape a literal <…>; show it as typed.
  if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) return escapeHtml(decodeSlackEntities(`<${inner}>`));
  const href = safeHref(decodeSlackEntities(target));
  const text = escapeHtml(decodeSlackEntities(label ?? target));
  return href ? `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${text}</a>` : text;
}

function splitOnce(text, separator) {
  const at = text.indexOf(separator);
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)];
}

const EMPHASIS = [
  { mark: '\\*', tag: 'strong' },
  { mark: '_', tag: 'em' },
  { mark: '~', tag: 'del' },
];

/** Bold, italics, strike on text that is already escaped (so the patterns cannot meet markup). */
function emphasis(escaped) {
  let html = escaped;
  for (const { mark, tag } of EMPHASIS) {
    const pattern = new RegExp(
      `(^|[\\s(>;\uE001])${mark}([^\\s${mark}](?:[^${mark}\\n]*?[^\\s${mark}])?)${mark}(?=$|[\\s.,!?;:)&<\uE000])`,
      'g',
    );
    html = html.replace(pattern, `$1<${tag}>$2</${tag}>`);
  }
  return html;
}

const INLINE_TOKEN = /(`[^`\n]+`|<[^<>\n]+>)/;
/** Private-use characters mark where a token's HTML goes while emphasis runs over the line. */
const SLOT_OPEN = '\uE000';
const SLOT_CLOSE = '\uE001';
const SLOT = /\uE000(\d+)\uE001/g;

/**
 * Code spans and <…> tokens become HTML first and are held aside, so emphasis can wrap them
 * (`*<@U1>*`) without ever running its patterns over markup.
 */
function inlineToHtml(line, names) {
  const tokens = [];
  const text = line
    .replace(/[\uE000\uE001]/g, '')
    .split(INLINE_TOKEN)
    .map((part, index) => {
      if (index % 2 === 0) return escapeHtml(decodeSlackEntities(part));
      tokens.push(
        part.startsWith('`')
          ? `<code>${escapeHtml(decodeSlackEntities(part.slice(1, -1)))}</code>`
          : angleTokenToHtml(part.slice(1, -1), names),
      );
      return `${SLOT_OPEN}${tokens.length - 1}${SLOT_CLOSE}`;
    })
    .join('');
  return replaceEmoji(emphasis(text)).replace(SLOT, (_whole, index) => tokens[Number(index)]);
}

function linesToHtml(text, names) {
  const out = [];
  let quote = [];
  const flushQuote = () => {
    if (quote.length > 0) out.push(`<blockquote>${quote.join('<br>')}</blockquote>`);
    quote = [];
  };
  for (const line of text.split('\n')) {
    const quoted = /^(>|&gt;)\s?/.exec(line);
    if (quoted) {
      quote.push(inlineToHtml(line.slice(quoted[0].length), names));
      continue;
    }
    flushQuote();
    out.push(inlineToHtml(line, names));
  }
  flushQuote();
  return out
    .join('<br>')
    .replace(/<br>(<blockquote>)/g, '$1')
    .replace(/(<\/blockquote>)<br>/g, '$1');
}

const DEFAULT_NAMES = { user: (id) => id, channel: (id) => id };

/**
 * @param {string} text mrkdwn as Slack receives it
 * @param {{ user(id: string): string, channel(id: string): string }} [names] resolves mentions
 * @returns {string} HTML in which nothing from `text` is markup
 */
export function mrkdwnToHtml(text, names = DEFAULT_NAMES) {
  return String(text ?? '')
    .split('```')
    .map((part, index, parts) => {
      const isCode = index % 2 === 1 && index < parts.length - 1;
      if (!isCode) return linesToHtml(index % 2 === 1 ? `\`\`\`${part}` : part, names);
      return `<pre>${escapeHtml(decodeSlackEntities(part.replace(/^\n/, '').replace(/\n$/, '')))}</pre>`;
    })
    .join('');
}

/** plain_text objects: escaped, line breaks kept, emoji drawn when `emoji` is not false. */
export function plainTextToHtml(text, emoji = true) {
  const escaped = escapeHtml(text).replace(/\n/g, '<br>');
  return emoji ? replaceEmoji(escaped) : escaped;
}

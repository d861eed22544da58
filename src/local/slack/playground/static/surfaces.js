/**
 * HTML for the three places blocks appear: a message (in a channel or a thread), the modal, and the
 * Home tab. Each wraps its blocks in a container naming the surface, so an interaction inside can
 * be traced back to the message or view it came from.
 */
import { renderBlocks } from './block-kit.js';
import { escapeHtml, mrkdwnToHtml, plainTextToHtml } from './mrkdwn.js';

function initials(name) {
  return escapeHtml((name ?? '?').slice(0, 1).toUpperCase());
}

function timeOf(ts) {
  const seconds = Number(String(ts).split('.')[0]);
  return Number.isFinite(seconds)
    ? new Date(seconds * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : '';
}

/**
 * @param {any} message `{ ts, channel, userId?, botId?, text, blocks?, replyCount?, ephemeral?, edited? }`
 * @param {{ names: any, author(message): { name: string, bot: boolean }, inThread: boolean }} options
 */
export function renderMessage(message, { names, author, inThread }) {
  const who = author(message);
  const body = message.blocks?.length
    ? renderBlocks(message.blocks, { surface: 'message', names })
    : `<div class="message-text">${mrkdwnToHtml(message.text ?? '', names)}</div>`;
  const replies =
    !inThread && message.replyCount > 0
      ? `<button type="button" class="thread-link" data-open-thread="${escapeHtml(message.ts)}" data-channel-id="${escapeHtml(message.channel)}">${message.replyCount} ${message.replyCount === 1 ? 'reply' : 'replies'}</button>`
      : '';
  const ephemeral = message.ephemeral ? '<div class="ephemeral-note">👁 Only visible to you</div>' : '';
  const badge = who.bot ? '<span class="app-badge">APP</span>' : '';
  const edited = message.edited ? ' <span class="edited">(edited)</span>' : '';
  return `<article class="message${message.ephemeral ? ' ephemeral' : ''}" data-testid="message" data-surface="message" data-channel-id="${escapeHtml(message.channel)}" data-ts="${escapeHtml(message.ts)}"${message.ephemeral ? ' data-ephemeral="true"' : ''}>
<div class="avatar${who.bot ? ' bot' : ''}">${initials(who.name)}</div>
<div class="message-body"><div class="message-meta"><strong>${escapeHtml(who.name)}</strong>${badge}${escapeHtml(timeOf(message.ts))}${edited}</div>
${ephemeral}${body}${replies}</div></article>`;
}

/**
 * @param {any} view a modal as the stand-in keeps it (`id`, `title`, `submit`, `close`, `blocks`)
 * @param {Record<string, Record<string, any>>} values current state to show in the inputs
 * @param {Record<string, string>} errors inline errors by block_id
 */
export function renderModal(view, values, errors, names) {
  const text = (object) => plainTextToHtml(object?.text ?? '', object?.emoji);
  const submit = view.submit
    ? `<button type="submit" class="bk-button bk-button-primary" data-testid="modal-submit">${text(view.submit)}</button>`
    : '';
  return `<div class="modal-header"><h2 class="modal-title">${text(view.title)}</h2><button type="button" class="icon-button" data-modal-close aria-label="Close">✕</button></div>
<div class="modal-body" data-surface="view" data-view-id="${escapeHtml(view.id)}">${renderBlocks(view.blocks, { surface: 'modal', values, errors, names })}</div>
<div class="modal-footer"><button type="button" class="bk-button" data-modal-close data-testid="modal-close">${view.close ? text(view.close) : 'Cancel'}</button>${submit}</div>`;
}

export function renderHome(view, values, names) {
  if (!view) return '<div class="empty">The Home tab is empty until snapcopy publishes it.</div>';
  return `<div class="home" data-testid="home" data-surface="view" data-view-id="${escapeHtml(view.id)}">${renderBlocks(view.blocks, { surface: 'home', values, names })}</div>`;
}

/** The confirm dialog of a button (Block Kit `confirm` object). */
export function renderConfirm(confirm, names) {
  const style = confirm.style === 'danger' ? 'bk-button-danger' : 'bk-button-primary';
  return `<form method="dialog"><h2 class="confirm-title">${plainTextToHtml(confirm.title?.text ?? 'Are you sure?')}</h2>
<div class="confirm-text">${confirm.text?.type === 'mrkdwn' ? mrkdwnToHtml(confirm.text.text, names) : plainTextToHtml(confirm.text?.text ?? '')}</div>
<div class="confirm-buttons"><button class="bk-button" value="deny" data-testid="confirm-deny">${plainTextToHtml(confirm.deny?.text ?? 'Cancel')}</button>
<button class="bk-button ${style}" value="confirm" data-testid="confirm-confirm">${plainTextToHtml(confirm.confirm?.text ?? 'Yes')}</button></div></form>`;
}

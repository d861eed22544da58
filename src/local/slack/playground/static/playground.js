/**
 * The playground page: a small Slack for one app. It shows the stand-in's workspace as the chosen
 * user sees it, and turns what the user does (a /snapcopy command, a click, a modal submit) into
 * calls to the playground routes, which sign and send the real payloads to the bot.
 */
import { api, subscribe } from './api.js';
import { findElement, renderSuggestions } from './block-kit.js';
import { renderClock, renderCloud } from './cloud-panel.js';
import { escapeHtml } from './mrkdwn.js';
import { renderConfirm, renderHome, renderMessage, renderModal } from './surfaces.js';
import { stateEntryFor, viewValues, withEntry } from './view-state.js';

const $ = (selector) => document.querySelector(selector);

const ui = {
  workspace: { users: [], channels: [], bot: { id: '', name: 'snapcopy' } },
  userId: '',
  /** { kind: 'channel', id } or { kind: 'home' } */
  place: { kind: 'channel', id: '' },
  /** { channelId, ts } of the open thread */
  thread: null,
  state: { channels: [], messages: {}, threads: {}, views: [], home: null },
  /** What the user changed in each open view and the server does not know yet, by view ID. */
  drafts: new Map(),
  /** Blocks of every rendered message and view, to find the element behind a click. */
  blocks: new Map(),
  rendered: { pane: '', thread: '', modal: '', home: '' },
  cloud: null,
  seenSnapshots: new Set(),
};

const names = {
  user: (id) => (id === ui.workspace.bot.id ? ui.workspace.bot.name : (userById(id)?.name ?? id)),
  channel: (id) => channelById(id)?.name ?? id,
};

function userById(id) {
  return ui.workspace.users.find((user) => user.id === id);
}

function channelById(id) {
  return [...ui.state.channels, ...ui.workspace.channels].find((channel) => channel.id === id);
}

function author(message) {
  if (message.botId || message.userId === ui.workspace.bot.id)
    return { name: ui.workspace.bot.name, bot: true };
  return { name: names.user(message.userId), bot: false };
}

function toast(text) {
  const element = document.createElement('div');
  element.className = 'toast';
  element.textContent = text;
  $('.toasts').append(element);
  setTimeout(() => element.remove(), 5000);
}

/** Runs a server call; failures become a toast, and the page is refreshed either way. */
async function perform(call) {
  try {
    return await call();
  } catch (error) {
    toast(error instanceof Error ? error.message : String(error));
    return undefined;
  } finally {
    await refresh();
  }
}

// ---------------------------------------------------------------- rendering

function renderSidebar() {
  const item = (target, id, label, testid) => {
    const active =
      (target === 'channel' && ui.place.kind === 'channel' && ui.place.id === id) ||
      (target === 'home' && ui.place.kind === 'home');
    return `<li><button type="button" class="sidebar-item${active ? ' active' : ''}" data-target="${target}" data-channel-id="${escapeHtml(id)}" data-testid="${escapeHtml(testid)}">${escapeHtml(label)}</button></li>`;
  };
  const channels = ui.state.channels.filter((channel) => channel.kind === 'channel');
  const dms = ui.state.channels.filter((channel) => channel.kind === 'dm');
  $('[data-list="channels"]').innerHTML = channels
    .map((channel) => item('channel', channel.id, `# ${channel.name}`, `nav-channel-${channel.name}`))
    .join('');
  $('[data-list="dms"]').innerHTML = dms
    .map((channel) => item('channel', channel.id, `● ${channel.name}`, `nav-dm-${channel.name}`))
    .join('');
  $('[data-target="home"]').classList.toggle('active', ui.place.kind === 'home');
}

function messagesHtml(messages, inThread) {
  for (const message of messages)
    ui.blocks.set(`message:${message.channel}:${message.ts}`, message.blocks ?? []);
  if (messages.length === 0)
    return '<div class="empty">No messages yet. Type <code>/snapcopy</code> below to start.</div>';
  return messages.map((message) => renderMessage(message, { names, author, inThread })).join('');
}

/** Replaces a scrolling list's content only when it changed, keeping the reader at the bottom. */
function updateList(container, key, html) {
  if (ui.rendered[key] === html) return;
  const atBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 80;
  container.innerHTML = html;
  ui.rendered[key] = html;
  if (atBottom) container.scrollTop = container.scrollHeight;
}

function renderPane() {
  const messagesElement = $('.messages');
  const composer = $('.composer');
  if (ui.place.kind === 'home') {
    $('.pane-title').textContent = ui.workspace.bot.name;
    $('.pane-header .pane-subtitle').textContent = 'Home';
    composer.hidden = true;
    const home = ui.state.home;
    if (home) ui.blocks.set(`view:${home.id}`, home.blocks ?? []);
    const html = renderHome(
      home,
      home ? viewValues(home.blocks, home.state?.values, ui.drafts.get(home.id)) : {},
      names,
    );
    updateList(messagesElement, 'pane', html);
    return;
  }
  const channel = channelById(ui.place.id);
  $('.pane-title').textContent = channel ? `${channel.kind === 'dm' ? '' : '# '}${channel.name}` : '';
  $('.pane-header .pane-subtitle').textContent = channel?.topic ?? '';
  composer.hidden = false;
  $('.composer-input').placeholder =
    `Message ${channel?.kind === 'dm' ? '' : '#'}${channel?.name ?? ''} — type /snapcopy`;
  updateList(messagesElement, 'pane', messagesHtml(ui.state.messages[ui.place.id] ?? [], false));
}

function renderThread() {
  const panel = $('.thread');
  if (!ui.thread) {
    panel.hidden = true;
    return;
  }
  const { channelId, ts } = ui.thread;
  const parent = (ui.state.messages[channelId] ?? []).find((message) => message.ts === ts);
  const replies = ui.state.threads[`${channelId}:${ts}`] ?? [];
  panel.hidden = false;
  updateList($('.thread-messages'), 'thread', messagesHtml(parent ? [parent, ...replies] : replies, true));
}

function topView() {
  return ui.state.views.at(-1);
}

function renderModalLayer() {
  const view = topView();
  const backdrop = $('.modal-backdrop');
  if (!view) {
    backdrop.hidden = true;
    ui.rendered.modal = '';
    return;
  }
  ui.blocks.set(`view:${view.id}`, view.blocks ?? []);
  // Re-render only when the bot changed the view, so typing is never interrupted by a refresh.
  const key = JSON.stringify([view.id, view.hash, view.blocks, view.errors]);
  if (ui.rendered.modal === key && !backdrop.hidden) return;
  const focused = document.activeElement?.closest?.('[data-action-id]');
  const focusKey = focused ? [focused.dataset.blockId, focused.dataset.actionId] : undefined;
  const values = viewValues(view.blocks, view.state?.values, ui.drafts.get(view.id));
  $('.modal').innerHTML = renderModal(view, values, view.errors ?? {}, names);
  ui.rendered.modal = key;
  backdrop.hidden = false;
  if (focusKey) restoreFocus(focusKey);
}

function restoreFocus([blockId, actionId]) {
  const container = document.querySelector(
    `.modal [data-block-id="${CSS.escape(blockId)}"][data-action-id="${CSS.escape(actionId)}"]`,
  );
  const target = container?.matches('input, select, textarea')
    ? container
    : container?.querySelector('input');
  target?.focus();
}

function render() {
  renderSidebar();
  renderPane();
  renderThread();
  renderModalLayer();
  const openViews = new Set([...ui.state.views.map((view) => view.id), ui.state.home?.id]);
  for (const viewId of ui.drafts.keys()) if (!openViews.has(viewId)) ui.drafts.delete(viewId);
}

let refreshing = Promise.resolve();

/** Fetches the workspace as the current user sees it; calls made while one runs share the next. */
function refresh() {
  refreshing = refreshing.then(async () => {
    try {
      ui.state = await api.state(ui.userId);
      render();
    } catch (error) {
      toast(`Could not load the workspace: ${error instanceof Error ? error.message : error}`);
    }
  });
  return refreshing;
}

function renderCloudPanel() {
  if (!ui.cloud) return;
  renderClock($('[data-testid="clock-speed"]'), $('[data-testid="clock-now"]'), ui.cloud);
  renderCloud($('[data-testid="cloud-regions"]'), ui.cloud, ui.seenSnapshots);
}

// ---------------------------------------------------------------- interactions

function containerOf(element) {
  const surface = element.closest('[data-surface]');
  if (!surface) return undefined;
  if (surface.dataset.surface === 'view') {
    return {
      key: `view:${surface.dataset.viewId}`,
      container: { kind: 'view', viewId: surface.dataset.viewId },
    };
  }
  const { channelId, ts, ephemeral } = surface.dataset;
  return {
    key: `message:${channelId}:${ts}`,
    container: { kind: 'message', channelId, messageTs: ts, ephemeral: ephemeral === 'true' },
  };
}

function rememberDraft(viewId, blockId, actionId, entry) {
  ui.drafts.set(viewId, withEntry(ui.drafts.get(viewId) ?? {}, blockId, actionId, entry));
}

/** Inside an input block only `dispatch_action: true` sends block_actions; elsewhere every change does. */
function dispatches(element) {
  const wrapper = element.closest('.bk-input-element');
  return !wrapper || wrapper.dataset.dispatchAction === 'true';
}

/**
 * `value` tells a button apart from others sharing its action_id; `entry` is a select's or text
 * input's new state. In a view, the user's other unsent changes go along, as Slack's state would.
 */
async function sendAction(target, { value, entry } = {}) {
  const found = containerOf(target);
  if (!found) return;
  const { blockId, actionId } = target.closest('[data-action-id]').dataset;
  const body = { userId: ui.userId, container: found.container, blockId, actionId, value, entry };
  if (found.container.kind === 'view') body.drafts = ui.drafts.get(found.container.viewId) ?? {};
  await perform(() => api.action(body));
}

async function confirmed(confirm) {
  const dialog = $('.confirm');
  dialog.innerHTML = renderConfirm(confirm, names);
  dialog.returnValue = '';
  dialog.showModal();
  await new Promise((resolve) => dialog.addEventListener('close', resolve, { once: true }));
  return dialog.returnValue === 'confirm';
}

async function onButton(button) {
  const found = containerOf(button);
  if (!found) return;
  const element =
    findElement(ui.blocks.get(found.key), button.dataset.blockId, button.dataset.actionId) ?? {};
  if (element.confirm && !(await confirmed(element.confirm))) return;
  if (element.url) window.open(element.url, '_blank', 'noopener');
  button.disabled = true;
  try {
    await sendAction(button, { value: element.value });
  } finally {
    button.disabled = false;
  }
}

/** A select, radio or checkbox changed: remember it, and tell the bot when Slack would. */
async function onChoice(input) {
  const holder = input.closest('[data-action-id]');
  const found = containerOf(holder);
  if (!found) return;
  const { blockId, actionId } = holder.dataset;
  const element = findElement(ui.blocks.get(found.key), blockId, actionId);
  if (!element) return;
  const chosen =
    element.type === 'checkboxes'
      ? [...holder.querySelectorAll('input:checked')].map((box) => box.value)
      : input.value;
  const entry = stateEntryFor(element, chosen);
  if (found.container.kind === 'view') rememberDraft(found.container.viewId, blockId, actionId, entry);
  if (dispatches(holder)) await sendAction(holder, { entry });
}

function onTextInput(input) {
  const found = containerOf(input);
  if (found?.container.kind !== 'view') return;
  const { blockId, actionId } = input.dataset;
  const element = findElement(ui.blocks.get(found.key), blockId, actionId);
  if (!element) return;
  rememberDraft(found.container.viewId, blockId, actionId, stateEntryFor(element, input.value));
  const triggers = input.closest('.bk-input-element')?.dataset.triggerActionsOn ?? '';
  if (dispatches(input) && triggers.includes('on_character_entered'))
    debounce(input, () => sendTextAction(input));
}

function sendTextAction(input) {
  const found = containerOf(input);
  const element =
    found && findElement(ui.blocks.get(found.key), input.dataset.blockId, input.dataset.actionId);
  return element ? sendAction(input, { entry: stateEntryFor(element, input.value) }) : undefined;
}

const timers = new WeakMap();
function debounce(key, run, delayMs = 300) {
  clearTimeout(timers.get(key));
  timers.set(
    key,
    setTimeout(() => void run(), delayMs),
  );
}

async function suggest(query) {
  const holder = query.closest('.bk-external');
  const found = containerOf(holder);
  if (found?.container.kind !== 'view') return;
  if (query.value.length < Number(holder.dataset.minQueryLength ?? 3)) return;
  try {
    const response = await api.suggest({
      userId: ui.userId,
      viewId: found.container.viewId,
      blockId: holder.dataset.blockId,
      actionId: holder.dataset.actionId,
      query: query.value,
    });
    const list = holder.querySelector('.bk-suggestions');
    list.innerHTML = renderSuggestions(response);
    list.hidden = false;
    query.setAttribute('aria-expanded', 'true');
  } catch (error) {
    toast(error instanceof Error ? error.message : String(error));
  }
}

async function chooseSuggestion(item) {
  const holder = item.closest('.bk-external');
  const found = containerOf(holder);
  if (found?.container.kind !== 'view') return;
  const option = { text: { type: 'plain_text', text: item.dataset.label }, value: item.dataset.value };
  const query = holder.querySelector('.bk-external-query');
  query.value = item.dataset.label;
  hideSuggestions(holder);
  const entry = { type: 'external_select', selected_option: option };
  rememberDraft(found.container.viewId, holder.dataset.blockId, holder.dataset.actionId, entry);
  if (dispatches(holder)) await sendAction(holder, { entry });
}

function hideSuggestions(holder) {
  holder.querySelector('.bk-suggestions').hidden = true;
  holder.querySelector('.bk-external-query').setAttribute('aria-expanded', 'false');
}

async function submitModal() {
  const view = topView();
  if (!view) return;
  const submit = $('[data-testid="modal-submit"]');
  if (submit) submit.disabled = true;
  const drafts = ui.drafts.get(view.id) ?? {};
  await perform(() => api.submit({ userId: ui.userId, viewId: view.id, drafts }));
  if (submit) submit.disabled = false;
}

async function closeModal() {
  const view = topView();
  if (view) await perform(() => api.close({ userId: ui.userId, viewId: view.id }));
}

/** `/snapcopy …` goes to the bot as a slash command; other text is posted as the user's message. */
async function sendComposer(event) {
  event.preventDefault();
  const input = $('.composer-input');
  const text = input.value.trim();
  if (!text) return;
  const command = /^\/snapcopy(?:\s+([\s\S]*))?$/.exec(text);
  if (!command && text.startsWith('/')) {
    toast(`${text.split(/\s/)[0]} is not a command in this workspace: try /snapcopy help`);
    return;
  }
  input.value = '';
  const channelId = ui.place.id;
  await perform(() =>
    command
      ? api.command({ userId: ui.userId, channelId, text: (command[1] ?? '').trim() })
      : api.message({ userId: ui.userId, channelId, text }),
  );
}

function remember() {
  const params = new URLSearchParams({
    user: ui.userId,
    ...(ui.place.kind === 'home' ? { place: 'home' } : { channel: ui.place.id }),
  });
  history.replaceState(null, '', `?${params}`);
}

async function go(place) {
  ui.place = place;
  ui.thread = null;
  document.body.classList.remove('sidebar-open');
  remember();
  if (place.kind === 'home') await perform(() => api.openHome({ userId: ui.userId }));
  else render();
}

async function switchUser(userId) {
  ui.userId = userId;
  ui.drafts.clear();
  ui.thread = null;
  await refresh();
  if (ui.place.kind === 'channel' && !channelById(ui.place.id))
    ui.place = { kind: 'channel', id: ui.workspace.channels[0]?.id ?? '' };
  await go(ui.place);
}

function toggleCloud(open) {
  const panel = $('.cloud');
  panel.hidden = !open;
  $('.cloud-toggle').setAttribute('aria-expanded', String(open));
  if (open) renderCloudPanel();
}

function listen() {
  document.addEventListener('click', (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const nav = target.closest('.sidebar-item');
    if (nav) {
      event.preventDefault();
      void go(
        nav.dataset.target === 'home' ? { kind: 'home' } : { kind: 'channel', id: nav.dataset.channelId },
      );
      return;
    }
    const threadLink = target.closest('[data-open-thread]');
    if (threadLink) {
      ui.thread = { channelId: threadLink.dataset.channelId, ts: threadLink.dataset.openThread };
      renderThread();
      return;
    }
    const button = target.closest('[data-kind="button"]');
    if (button) return void onButton(button);
    if (target.closest('[data-modal-close]')) return void closeModal();
    if (target.closest('.thread-close')) {
      ui.thread = null;
      renderThread();
      return;
    }
    if (target.closest('.cloud-toggle')) return toggleCloud($('.cloud').hidden);
    if (target.closest('.cloud-close')) return toggleCloud(false);
    if (target.closest('.sidebar-toggle')) {
      const open = document.body.classList.toggle('sidebar-open');
      $('.sidebar-toggle').setAttribute('aria-expanded', String(open));
    }
  });
  // mousedown, not click: the query input's blur would hide the list before a click lands.
  document.addEventListener('mousedown', (event) => {
    const item = event.target instanceof Element ? event.target.closest('.bk-suggestion') : null;
    if (!item) return;
    event.preventDefault();
    void chooseSuggestion(item);
  });
  document.addEventListener('change', (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    if (target.matches('[data-testid="user-switcher"]')) return void switchUser(target.value);
    if (target.matches('[data-testid="clock-speed"]')) {
      return void perform(() => api.setClockSpeed(Number(target.value)));
    }
    if (target.matches('select[data-kind], .bk-choices input')) void onChoice(target);
  });
  document.addEventListener('input', (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    if (target.matches('.bk-text')) onTextInput(target);
    if (target.matches('.bk-external-query')) debounce(target, () => suggest(target), 250);
  });
  document.addEventListener('focusin', (event) => {
    const target = event.target;
    if (target instanceof Element && target.matches('.bk-external-query')) void suggest(target);
  });
  document.addEventListener('focusout', (event) => {
    const target = event.target;
    if (target instanceof Element && target.matches('.bk-external-query'))
      hideSuggestions(target.closest('.bk-external'));
  });
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (event.key === 'Escape' && !$('.modal-backdrop').hidden) return void closeModal();
    if (
      event.key !== 'Enter' ||
      !(target instanceof Element) ||
      !target.matches('input.bk-text, .bk-external-query')
    )
      return;
    // Slack never submits a modal on Enter; a dispatching text input sends its action instead.
    event.preventDefault();
    const triggers = target.closest('.bk-input-element')?.dataset.triggerActionsOn ?? '';
    if (target.matches('.bk-text') && dispatches(target) && triggers.includes('on_enter_pressed'))
      void sendTextAction(target);
  });
  $('.modal').addEventListener('submit', (event) => {
    event.preventDefault();
    void submitModal();
  });
  $('.composer').addEventListener('submit', (event) => void sendComposer(event));
}

async function start() {
  ui.workspace = await api.workspace();
  const params = new URLSearchParams(location.search);
  const switcher = $('[data-testid="user-switcher"]');
  switcher.innerHTML = ui.workspace.users
    .map(
      (user) =>
        `<option value="${escapeHtml(user.id)}">${escapeHtml(user.name)} (${escapeHtml(user.role)})</option>`,
    )
    .join('');
  ui.userId = userById(params.get('user'))?.id ?? ui.workspace.users[0]?.id ?? '';
  switcher.value = ui.userId;
  ui.place =
    params.get('place') === 'home'
      ? { kind: 'home' }
      : { kind: 'channel', id: params.get('channel') ?? ui.workspace.channels[0]?.id ?? '' };
  listen();
  subscribe({
    onSlackChange: () => void refresh(),
    onCloudState: (state) => {
      ui.cloud = state;
      if (!$('.cloud').hidden) renderCloudPanel();
    },
  });
  await refresh();
  await go(ui.place);
  document.body.dataset.ready = 'true';
}

void start();

/**
 * Modals (a stack of at most three per user) and Home tabs. Each view keeps what the user entered,
 * apart from its definition, so an app's views.update preserves input the way Slack does.
 */
import { withGeneratedIds } from './block-elements.ts';
import type { ChangeFeed } from './change-feed.ts';
import { copyOf, type JsonObject } from './json-values.ts';
import type { SlackIds } from './slack-ids.ts';
import { entryKey, type StateValues, stateValues } from './view-state-values.ts';
import type { SlackWorld } from './world.ts';

export interface SlackView {
  id: string;
  team_id: string;
  type: string;
  blocks: JsonObject[];
  private_metadata: string;
  callback_id: string;
  state: { values: StateValues };
  hash: string;
  external_id: string;
  previous_view_id: string | null;
  root_view_id: string;
  [field: string]: unknown;
}

export interface StandInView {
  userId: string;
  /** False once the user closed it or the app cleared it; closed views stay readable. */
  open: boolean;
  /** Inline errors from the last `response_action: 'errors'`, by input block_id. */
  errors: Record<string, string>;
  view: SlackView;
}

interface ViewRecord {
  id: string;
  userId: string;
  definition: JsonObject;
  hash: string;
  entries: Map<string, JsonObject>;
  suggestions: Map<string, JsonObject[]>;
  errors: Record<string, string>;
  open: boolean;
  rootViewId: string;
  previousViewId: string | null;
}

export const MAX_VIEW_STACK = 3;

export class ViewStore {
  private readonly records = new Map<string, ViewRecord>();
  private readonly stacks = new Map<string, string[]>();
  private readonly homes = new Map<string, string>();

  constructor(
    private readonly world: SlackWorld,
    private readonly ids: SlackIds,
    private readonly feed: ChangeFeed,
  ) {}

  /** Opens a modal, replacing whatever modals the user had open. */
  open(userId: string, definition: JsonObject): StandInView {
    this.clear(userId);
    const record = this.create(userId, definition, null);
    this.stacks.set(userId, [record.id]);
    return this.announce('view_opened', record);
  }

  /** Undefined when the user has no modal open to push onto. */
  push(userId: string, definition: JsonObject): StandInView | undefined {
    const stack = this.stacks.get(userId) ?? [];
    const top = stack.at(-1);
    if (top === undefined) return undefined;
    const record = this.create(userId, definition, this.records.get(top)!);
    stack.push(record.id);
    return this.announce('view_opened', record);
  }

  replace(viewId: string, definition: JsonObject): StandInView | undefined {
    const record = this.records.get(viewId);
    if (!record) return undefined;
    record.definition = this.normalize(definition);
    record.hash = this.ids.viewHash();
    record.errors = {};
    const kept = stateValues(record.definition.blocks, new Map());
    for (const key of [...record.entries.keys()]) {
      const [blockId = '', actionId = ''] = key.split('\u0000');
      if (!kept[blockId]?.[actionId]) record.entries.delete(key);
    }
    return this.announce(record.definition.type === 'home' ? 'home_published' : 'view_updated', record);
  }

  publishHome(userId: string, definition: JsonObject): StandInView {
    const existing = this.homes.get(userId);
    if (existing !== undefined) return this.replace(existing, definition)!;
    const record = this.create(userId, definition, null);
    this.homes.set(userId, record.id);
    return this.announce('home_published', record);
  }

  /** Closes the view and any view pushed on top of it; returns the closed views, top first. */
  close(viewId: string): StandInView[] {
    const record = this.records.get(viewId);
    if (!record?.open || record.definition.type === 'home') return [];
    const stack = this.stacks.get(record.userId) ?? [];
    const closing = stack.splice(stack.indexOf(viewId)).reverse();
    return closing.map((id) => {
      const closed = this.records.get(id)!;
      closed.open = false;
      return this.announce('view_closed', closed);
    });
  }

  clear(userId: string): StandInView[] {
    const root = this.stacks.get(userId)?.[0];
    return root === undefined ? [] : this.close(root);
  }

  get(viewId: string): StandInView | undefined {
    const record = this.records.get(viewId);
    return record && this.snapshot(record);
  }

  openByExternalId(externalId: string): StandInView | undefined {
    const record = [...this.records.values()].find(
      (candidate) => candidate.open && candidate.definition.external_id === externalId,
    );
    return record && this.snapshot(record);
  }

  /** The user's open modals, root first. */
  stack(userId: string): StandInView[] {
    return (this.stacks.get(userId) ?? []).map((id) => this.snapshot(this.records.get(id)!));
  }

  home(userId: string): StandInView | undefined {
    const id = this.homes.get(userId);
    return id === undefined ? undefined : this.get(id);
  }

  setEntry(viewId: string, blockId: string, actionId: string, state: JsonObject): void {
    this.records.get(viewId)?.entries.set(entryKey(blockId, actionId), copyOf(state));
  }

  setErrors(viewId: string, errors: Record<string, string>): void {
    const record = this.records.get(viewId);
    if (!record) return;
    record.errors = { ...errors };
    this.announce('view_updated', record);
  }

  rememberSuggestions(viewId: string, blockId: string, actionId: string, options: JsonObject[]): void {
    this.records.get(viewId)?.suggestions.set(entryKey(blockId, actionId), copyOf(options));
  }

  suggestions(viewId: string, blockId: string, actionId: string): JsonObject[] {
    return copyOf(this.records.get(viewId)?.suggestions.get(entryKey(blockId, actionId)) ?? []);
  }

  private create(userId: string, definition: JsonObject, below: ViewRecord | null): ViewRecord {
    const id = this.ids.viewId();
    const record: ViewRecord = {
      id,
      userId,
      definition: this.normalize(definition),
      hash: this.ids.viewHash(),
      entries: new Map(),
      suggestions: new Map(),
      errors: {},
      open: true,
      rootViewId: below?.rootViewId ?? id,
      previousViewId: below?.id ?? null,
    };
    this.records.set(id, record);
    return record;
  }

  private normalize(definition: JsonObject): JsonObject {
    return { ...copyOf(definition), blocks: withGeneratedIds(definition.blocks, this.ids) };
  }

  private announce(
    type: 'view_opened' | 'view_updated' | 'view_closed' | 'home_published',
    record: ViewRecord,
  ) {
    const snapshot = this.snapshot(record);
    this.feed.emit({ type, userId: record.userId, view: copyOf(snapshot) });
    return snapshot;
  }

  private snapshot(record: ViewRecord): StandInView {
    const { definition: d } = record;
    const view: SlackView = {
      ...copyOf(d),
      id: record.id,
      team_id: this.world.team.id,
      type: String(d.type),
      blocks: copyOf(d.blocks as JsonObject[]),
      private_metadata: typeof d.private_metadata === 'string' ? d.private_metadata : '',
      callback_id: typeof d.callback_id === 'string' ? d.callback_id : '',
      state: { values: stateValues(d.blocks, record.entries) },
      hash: record.hash,
      clear_on_close: d.clear_on_close === true,
      notify_on_close: d.notify_on_close === true,
      close: d.close ?? null,
      submit: d.submit ?? null,
      external_id: typeof d.external_id === 'string' ? d.external_id : '',
      previous_view_id: record.previousViewId,
      root_view_id: record.rootViewId,
      app_id: this.world.appId,
      app_installed_team_id: this.world.team.id,
      bot_id: this.world.bot.botId,
    };
    return { userId: record.userId, open: record.open, errors: { ...record.errors }, view };
  }
}

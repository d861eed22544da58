/**
 * Type guards for what Slack sends. Bolt's types describe well-formed payloads; a forged or
 * truncated one can lack any field, so listeners read through these and answer gracefully.
 */
export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringAt(value: unknown, ...path: string[]): string | undefined {
  let current: unknown = value;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return typeof current === 'string' && current !== '' ? current : undefined;
}

export interface ViewRef {
  id: string;
  hash?: string;
  type?: string;
  /** The raw view, for reading its state, blocks and private_metadata. */
  raw: Json;
}

export interface InteractionContext {
  userId: string;
  /** Channel of the message clicked, when the click came from a message. */
  channelId?: string;
  /** The view the interaction came from (modal or Home tab). */
  view?: ViewRef;
}

export function interactionContext(body: unknown): InteractionContext | undefined {
  const userId = stringAt(body, 'user', 'id');
  if (!userId) return undefined;
  const channelId = stringAt(body, 'channel', 'id') ?? stringAt(body, 'container', 'channel_id');
  const view = viewRef(isObject(body) ? body.view : undefined);
  return { userId, ...(channelId ? { channelId } : {}), ...(view ? { view } : {}) };
}

export function viewRef(view: unknown): ViewRef | undefined {
  const id = stringAt(view, 'id');
  if (!id || !isObject(view)) return undefined;
  const hash = stringAt(view, 'hash');
  const type = stringAt(view, 'type');
  return { id, raw: view, ...(hash ? { hash } : {}), ...(type ? { type } : {}) };
}

/** The value of the action that fired (a button's request ID). */
export function actionValue(action: unknown): string | undefined {
  return stringAt(action, 'value');
}

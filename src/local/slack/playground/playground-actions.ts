/**
 * What the page asks the driver to do: each JSON request becomes one signed Slack payload to the
 * bot (or a message posted as a person). Inputs are checked here, so the driver only sees
 * well-formed requests; whatever the app answers is reported back to the page.
 */
import type { AppReply, InputValue, JsonObject, SlackDriver, ViewValues } from '../index.ts';
import { optionalObject, optionalString, PlaygroundRequestError, requiredString } from './json-body.ts';

type Body = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A page-side state entry (Slack's `state.values` shape) as the driver's input value. */
export function inputOf(entry: unknown): InputValue {
  if (!isObject(entry)) throw new PlaygroundRequestError(400, 'entry must be an object');
  if ('selected_options' in entry) {
    const options = entry.selected_options;
    if (!Array.isArray(options) || !options.every(isObject)) {
      throw new PlaygroundRequestError(400, 'selected_options must be a list of options');
    }
    return options;
  }
  if ('selected_option' in entry) {
    const option = entry.selected_option;
    if (option !== null && !isObject(option))
      throw new PlaygroundRequestError(400, 'selected_option must be an option');
    return option;
  }
  const value = entry.value ?? null;
  if (value !== null && typeof value !== 'string')
    throw new PlaygroundRequestError(400, 'value must be a string');
  return value;
}

function draftsOf(body: Body): ViewValues {
  const drafts = optionalObject(body, 'drafts') ?? {};
  const values: ViewValues = {};
  for (const [blockId, byAction] of Object.entries(drafts)) {
    if (!isObject(byAction))
      throw new PlaygroundRequestError(400, 'drafts must map block_id → action_id → entry');
    values[blockId] = Object.fromEntries(
      Object.entries(byAction).map(([actionId, entry]) => [actionId, inputOf(entry)]),
    );
  }
  return values;
}

/**
 * Enters what the user changed in the page but the stand-in does not know yet. A change to an
 * element the app has since removed, or to an option it no longer offers, is dropped, as Slack
 * drops input that no longer fits the view.
 */
function enterDrafts(driver: SlackDriver, userId: string, viewId: string, drafts: ViewValues, skip?: string) {
  for (const [blockId, byAction] of Object.entries(drafts)) {
    for (const [actionId, value] of Object.entries(byAction)) {
      if (`${blockId}/${actionId}` === skip) continue;
      try {
        driver.setInputValue({ userId, viewId, blockId, actionId, value });
      } catch {
        // Stale input: see above.
      }
    }
  }
}

/** Slack shows the user an error when the app does not answer, or answers with an error status. */
function checked<T extends AppReply>(reply: T): T {
  if (reply.failure) throw new PlaygroundRequestError(502, `snapcopy did not answer (${reply.failure})`);
  if (reply.status >= 400) throw new PlaygroundRequestError(502, `snapcopy answered HTTP ${reply.status}`);
  return reply;
}

export function createPlaygroundActions(driver: SlackDriver) {
  return {
    command: async (body: Body) => {
      const reply = await driver.slashCommand({
        userId: requiredString(body, 'userId'),
        channelId: requiredString(body, 'channelId'),
        text: optionalString(body, 'text') ?? '',
      });
      return { status: checked(reply).status };
    },

    message: (body: Body) => {
      const threadTs = optionalString(body, 'threadTs');
      const message = driver.postUserMessage({
        userId: requiredString(body, 'userId'),
        channelId: requiredString(body, 'channelId'),
        text: requiredString(body, 'text'),
        ...(threadTs === undefined ? {} : { threadTs }),
      });
      return { ts: message.ts };
    },

    action: async (body: Body) => {
      const userId = requiredString(body, 'userId');
      const blockId = requiredString(body, 'blockId');
      const actionId = requiredString(body, 'actionId');
      const value = optionalString(body, 'value');
      const container = optionalObject(body, 'container') ?? {};
      const target = { userId, blockId, actionId, ...(value === undefined ? {} : { value }) };
      if (container.kind === 'message') {
        if (body.entry !== undefined)
          throw new PlaygroundRequestError(400, 'only buttons can be used in messages');
        const reply = await driver.clickButton({
          ...target,
          channelId: requiredString(container, 'channelId'),
          messageTs: requiredString(container, 'messageTs'),
        });
        return { status: checked(reply).status };
      }
      if (container.kind !== 'view')
        throw new PlaygroundRequestError(400, "container.kind must be 'message' or 'view'");
      const viewId = requiredString(container, 'viewId');
      enterDrafts(driver, userId, viewId, draftsOf(body), `${blockId}/${actionId}`);
      if (body.entry === undefined)
        return { status: checked(await driver.clickViewAction({ ...target, viewId })).status };
      const reply = await driver.selectInView({
        userId,
        viewId,
        blockId,
        actionId,
        value: inputOf(body.entry),
      });
      return { status: reply ? checked(reply).status : 0, sent: reply !== undefined };
    },

    submit: async (body: Body) => {
      const userId = requiredString(body, 'userId');
      const viewId = requiredString(body, 'viewId');
      enterDrafts(driver, userId, viewId, draftsOf(body));
      const result = await driver.submitView({ userId, viewId });
      if (result.outcome === 'failed') {
        throw new PlaygroundRequestError(
          502,
          `Slack would not accept snapcopy's answer: ${(result.problems ?? []).join('; ')}`,
        );
      }
      return { outcome: result.outcome };
    },

    close: async (body: Body) => {
      const result = await driver.closeView({
        userId: requiredString(body, 'userId'),
        viewId: requiredString(body, 'viewId'),
      });
      return { closed: result.closed.length };
    },

    suggest: async (body: Body) => {
      const blockId = optionalString(body, 'blockId');
      const result = await driver.suggestOptions({
        userId: requiredString(body, 'userId'),
        viewId: requiredString(body, 'viewId'),
        actionId: requiredString(body, 'actionId'),
        ...(blockId === undefined ? {} : { blockId }),
        query: optionalString(body, 'query') ?? '',
      });
      if (result.sent) checked(result);
      return result.optionGroups.length > 0
        ? { option_groups: result.optionGroups }
        : { options: result.options };
    },

    home: async (body: Body) => {
      return { status: checked(await driver.openHome(requiredString(body, 'userId'))).status };
    },
  };
}

export type PlaygroundActions = ReturnType<typeof createPlaygroundActions>;

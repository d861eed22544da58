/**
 * The Slack client side, for tests now and the browser playground later: people type commands,
 * click, fill in and submit modals, open the Home tab. Each action is sent to the app signed, and
 * the app's answer is applied as Slack would.
 */
import type { AppReply } from './app-delivery.ts';
import type { ChangeListener, WaitOptions } from './change-feed.ts';
import type { DriverContext } from './driver-context.ts';
import {
  clickButton,
  type InteractionReply,
  type MessageClickInput,
  openHome,
  postUserMessage,
  type SlashCommandInput,
  slashCommand,
  type UserMessageInput,
} from './message-interactions.ts';
import type { SlackMessage } from './message-store.ts';
import type { SigningMode } from './request-signing.ts';
import {
  type CloseViewResult,
  clickViewAction,
  closeView,
  type SubmitViewInput,
  type SuggestionResult,
  type SuggestOptionsInput,
  selectInView,
  setInputValue,
  submitView,
  suggestOptions,
  type ViewElementInput,
  type ViewValueInput,
} from './view-interactions.ts';
import type { SubmissionResult } from './view-submission.ts';

export interface SlackDriver {
  slashCommand(input: SlashCommandInput): Promise<InteractionReply>;
  clickButton(input: MessageClickInput): Promise<InteractionReply>;
  clickViewAction(input: ViewElementInput): Promise<InteractionReply>;
  setInputValue(input: ViewValueInput): void;
  selectInView(input: ViewValueInput): Promise<InteractionReply | undefined>;
  submitView(input: SubmitViewInput): Promise<SubmissionResult>;
  closeView(input: { userId: string; viewId: string }): Promise<CloseViewResult>;
  suggestOptions(input: SuggestOptionsInput): Promise<SuggestionResult>;
  openHome(userId: string): Promise<AppReply>;
  postUserMessage(input: UserMessageInput): SlackMessage;
  /** The same driver signing differently, e.g. `withSigning('forgedSignature')` to test refusals. */
  withSigning(signing: SigningMode): SlackDriver;
  onChange(listener: ChangeListener): () => void;
  waitFor<T>(probe: () => T | undefined | null | false, options?: WaitOptions): Promise<T>;
}

export function createDriver(context: DriverContext): SlackDriver {
  const { feed } = context.state;
  return {
    slashCommand: (input) => slashCommand(context, input),
    clickButton: (input) => clickButton(context, input),
    clickViewAction: (input) => clickViewAction(context, input),
    setInputValue: (input) => setInputValue(context, input),
    selectInView: (input) => selectInView(context, input),
    submitView: (input) => submitView(context, input),
    closeView: (input) => closeView(context, input),
    suggestOptions: (input) => suggestOptions(context, input),
    openHome: (userId) => openHome(context, userId),
    postUserMessage: (input) => postUserMessage(context, input),
    withSigning: (signing) => createDriver({ ...context, signing }),
    onChange: (listener) => feed.onChange(listener),
    waitFor: (probe, options) => feed.waitFor(probe, options),
  };
}

/**
 * The request modal, rendered from a RequestModalModel. Pure: the listeners fetch what it shows.
 * Inputs keep their block and action IDs across renders so Slack keeps what the user typed, and
 * every initial value comes from the current state so a re-render never loses a choice.
 */
import type { types } from '@slack/bolt';
import type { KmsKey, Region } from '../../cloud/cloud-gateway.ts';
import { DEFAULT_SERVICE_KEY_ALIAS } from '../../domain/copy-request.ts';
import { currentSnapshot, type RequestModalModel, type SnapshotFacts } from '../request-modal-model.ts';
import {
  CMK_OPTION_PREFIX,
  COPY_MODE_INPUT,
  type CopyMode,
  DEFAULT_SERVICE_KEY_OPTION,
  REQUEST_FIELD_INPUTS as INPUT,
  REQUEST_MODAL_CALLBACK_ID,
  SELECTOR_INPUTS,
} from '../slack-ids.ts';
import { batchPreviewBlocks } from './batch-preview.ts';
import { cap, context, LIMITS, plainText, section, userText } from './slack-text.ts';

export const COPY_NOTES = [
  "The source's tags and retention period are not copied: this request sets its own (no retention = kept until deleted).",
  'The copy gets a new snapshot ID and cannot be used to roll back the source disk.',
  'Copies do not support instant access; a standard copy is a standard snapshot.',
  'snapcopy adds provenance tags (request ID, source snapshot and region) so every copy can be traced back.',
];

export function buildRequestModal(model: RequestModalModel): types.ModalView {
  const base = {
    type: 'modal' as const,
    callback_id: REQUEST_MODAL_CALLBACK_ID,
    title: plainText('Copy a snapshot', LIMITS.modalTitle),
    close: plainText('Cancel', LIMITS.modalButton),
    private_metadata: encodeMetadata(model),
  };
  if (model.loadProblem) {
    return { ...base, blocks: [section(`:warning: ${userText(model.loadProblem, 2000)}`)] };
  }
  if (!model.regions) {
    return { ...base, blocks: [section(':hourglass_flowing_sand: Loading regions…')] };
  }
  return {
    ...base,
    submit: plainText('Request copy', LIMITS.modalButton),
    blocks: requestBlocks(model, model.regions).slice(0, LIMITS.viewBlocks),
  };
}

function requestBlocks(model: RequestModalModel, regions: Region[]): types.KnownBlock[] {
  const v = model.values;
  const snapshot = currentSnapshot(model);
  const blocks: types.KnownBlock[] = [
    context('Copies that leave their region or use a customer master key need an approver.'),
    modeInput(v.mode ?? 'snapshot'),
    regionInput(INPUT.sourceRegionId, 'Source region', regions, v.sourceRegionId),
    ...sourceBlocks(model, snapshot),
  ];
  blocks.push(
    regionInput(INPUT.destinationRegionId, 'Destination region', regions, v.destinationRegionId),
    copyTypeInput(v.copyType, snapshot),
  );
  if (v.copyType === 'copyAndEncrypt' || snapshot?.encrypted) blocks.push(...keyBlocks(model));
  blocks.push(
    textInput(INPUT.name, 'Name of the copy', {
      initial: v.name ?? (snapshot ? suggestedName(snapshot) : undefined),
      maxLength: 128,
      hint: '2–128 characters; starts with a letter; letters, digits, colons, underscores, periods or hyphens.',
    }),
    textInput(INPUT.description, 'Description', {
      initial: v.description,
      maxLength: 256,
      optional: true,
      multiline: true,
    }),
    textInput(INPUT.tags, 'Tags', {
      initial: v.tags,
      optional: true,
      multiline: true,
      placeholder: 'env=prod\nteam=platform',
      hint: 'One tag per line as key=value. Keys may not start with aliyun or acs:.',
    }),
    retentionInput(v.retentionDays),
    textInput(INPUT.reason, 'Reason', {
      initial: v.reason,
      maxLength: 1000,
      multiline: true,
      placeholder: 'Why is this copy needed? Approvers read this.',
    }),
    context(...COPY_NOTES.map((note) => `• ${note}`)),
  );
  return blocks;
}

const MODE_LABELS: Record<CopyMode, [string, string]> = {
  snapshot: ['One snapshot', 'Choose the snapshot'],
  instance: ['Every disk of an instance', 'The latest finished snapshot of each disk'],
  tags: ['Disks with tags', 'The latest finished snapshot of each tagged disk'],
};

function modeInput(mode: CopyMode): types.InputBlock {
  const options = (Object.keys(MODE_LABELS) as CopyMode[]).map((value) =>
    option(MODE_LABELS[value][0], value, MODE_LABELS[value][1]),
  );
  return dispatchingInput(COPY_MODE_INPUT, 'What to copy', {
    type: 'radio_buttons',
    action_id: COPY_MODE_INPUT.actionId,
    options,
    initial_option: options.find((o) => o.value === mode) ?? options[0]!,
  });
}

/** One snapshot and its facts, or a batch's selector and what it finds now. */
function sourceBlocks(model: RequestModalModel, snapshot: SnapshotFacts | undefined): types.KnownBlock[] {
  const v = model.values;
  if (v.mode === 'instance' || v.mode === 'tags') {
    const selector =
      v.mode === 'instance'
        ? selectorInput('instance', 'Instance ID', v.instanceId, 'i-bp1abc…', 'Press Enter to see its disks.')
        : selectorInput(
            'tags',
            'Disk tags',
            v.selectorTags,
            'app=db env=prod',
            'key=value, separated by spaces; a disk must carry all of them. Press Enter to see the disks.',
          );
    return [selector, ...batchPreviewBlocks(model.preview)];
  }
  const facts = snapshot ? factsText(snapshot) : model.snapshotProblem;
  return [snapshotInput(v.sourceSnapshotId, snapshot), ...(facts ? [context(facts)] : [])];
}

function selectorInput(
  mode: keyof typeof SELECTOR_INPUTS,
  label: string,
  value: string | undefined,
  placeholder: string,
  hint: string,
): types.InputBlock {
  const id = SELECTOR_INPUTS[mode];
  return {
    ...dispatchingInput(id, label, {
      type: 'plain_text_input',
      action_id: id.actionId,
      max_length: 1000,
      placeholder: plainText(placeholder, LIMITS.placeholder),
      ...(value ? { initial_value: cap(value, 1000) } : {}),
    }),
    hint: plainText(hint, LIMITS.hint),
  };
}

function option(text: string, value: string, description?: string): types.PlainTextOption {
  return {
    text: plainText(text, LIMITS.optionText),
    value: cap(value, LIMITS.optionValue),
    ...(description ? { description: plainText(description, LIMITS.optionDescription) } : {}),
  };
}

function dispatchingInput(
  id: { blockId: string },
  label: string,
  element: types.InputBlockElement,
): types.InputBlock {
  return {
    type: 'input',
    block_id: id.blockId,
    label: plainText(label, LIMITS.label),
    dispatch_action: true,
    element,
  };
}

function regionInput(
  id: { blockId: string; actionId: string },
  label: string,
  regions: Region[],
  value?: string,
) {
  const options = regions
    .slice(0, LIMITS.staticOptions)
    .map((r) => option(r.localName ? `${r.localName} (${r.regionId})` : r.regionId, r.regionId));
  const initial = options.find((o) => o.value === value);
  return dispatchingInput(id, label, {
    type: 'static_select',
    action_id: id.actionId,
    placeholder: plainText('Choose a region', LIMITS.placeholder),
    options,
    ...(initial ? { initial_option: initial } : {}),
  });
}

export function snapshotOption(snapshotId: string, name?: string): types.PlainTextOption {
  return option(name ? `${snapshotId} · ${name}` : snapshotId, snapshotId);
}

function snapshotInput(value: string | undefined, snapshot: SnapshotFacts | undefined): types.InputBlock {
  const id = INPUT.sourceSnapshotId;
  return {
    ...dispatchingInput(id, 'Source snapshot', {
      type: 'external_select',
      action_id: id.actionId,
      min_query_length: 0,
      placeholder: plainText('Search by snapshot ID or name', LIMITS.placeholder),
      ...(value ? { initial_option: snapshotOption(value, snapshot?.name) } : {}),
    }),
    hint: plainText('Snapshots of the source region; choose the source region first.', LIMITS.hint),
  };
}

function factsText(s: SnapshotFacts): string {
  const parts = [
    s.sizeGiB !== undefined ? `*${s.sizeGiB} GiB*` : 'size unknown',
    s.diskId
      ? `disk \`${userText(s.diskId, 60)}\`${s.diskType ? ` (${userText(s.diskType, 40)})` : ''}`
      : 'disk unknown',
    s.encrypted ? ':lock: encrypted' : 'not encrypted',
    `created ${userText(s.createdAt, 40)}`,
  ];
  const warnings = [
    s.status !== 'accomplished' ? `:warning: status ${s.status}: only finished snapshots can be copied` : '',
    s.category !== 'standard' ? `:warning: ${s.category} snapshots cannot be copied` : '',
    s.encrypted ? 'Encrypted snapshots can only be copied with Copy and Encrypt.' : '',
  ].filter(Boolean);
  return [parts.join(' · '), ...warnings].join('\n');
}

function copyTypeInput(value: string | undefined, snapshot: SnapshotFacts | undefined): types.InputBlock {
  const id = INPUT.copyType;
  const options = [
    ...(snapshot?.encrypted ? [] : [option('Copy', 'copy', 'Plain-text copy to another region')]),
    option('Copy and Encrypt', 'copyAndEncrypt', 'Re-encrypted under a KMS key, any region'),
  ];
  const initial = options.find((o) => o.value === value) ?? (snapshot?.encrypted ? options[0] : undefined);
  return dispatchingInput(id, 'Copy type', {
    type: 'radio_buttons',
    action_id: id.actionId,
    options,
    ...(initial ? { initial_option: initial } : {}),
  });
}

function keyBlocks(model: RequestModalModel): types.KnownBlock[] {
  const id = INPUT.key;
  const list = model.destinationKeys;
  const keys = list && 'keys' in list ? list.keys : [];
  const options = [
    option(
      `Default service key (${DEFAULT_SERVICE_KEY_ALIAS})`,
      DEFAULT_SERVICE_KEY_OPTION,
      'Managed by ECS, free',
    ),
    ...keys.slice(0, LIMITS.staticOptions - 1).map(keyOption),
  ];
  const initial = options.find((o) => o.value === model.values.keyOption) ?? options[0]!;
  const blocks: types.KnownBlock[] = [
    {
      type: 'input',
      block_id: id.blockId,
      label: plainText('Key', LIMITS.label),
      element: { type: 'static_select', action_id: id.actionId, options, initial_option: initial },
      hint: plainText(
        model.values.destinationRegionId
          ? `The default service key, or an enabled symmetric CMK of ${model.values.destinationRegionId}.`
          : 'Choose the destination region to see its customer master keys.',
        LIMITS.hint,
      ),
    },
  ];
  if (list && 'error' in list) blocks.push(context(`:warning: ${userText(list.error, 500)}`));
  return blocks;
}

function keyOption(key: KmsKey): types.PlainTextOption {
  const alias = key.aliases[0];
  return option(
    alias ?? key.keyId,
    `${CMK_OPTION_PREFIX}${key.keyId}`,
    `${alias ? `${key.keyId} · ` : ''}${key.keyState}`,
  );
}

interface TextInputOptions {
  initial?: string;
  maxLength?: number;
  optional?: boolean;
  multiline?: boolean;
  placeholder?: string;
  hint?: string;
}

function textInput(
  id: { blockId: string; actionId: string },
  label: string,
  o: TextInputOptions,
): types.InputBlock {
  return {
    type: 'input',
    block_id: id.blockId,
    label: plainText(label, LIMITS.label),
    optional: o.optional ?? false,
    element: {
      type: 'plain_text_input',
      action_id: id.actionId,
      multiline: o.multiline ?? false,
      ...(o.maxLength ? { max_length: o.maxLength } : {}),
      ...(o.initial ? { initial_value: cap(o.initial, o.maxLength ?? 3000) } : {}),
      ...(o.placeholder ? { placeholder: plainText(o.placeholder, LIMITS.placeholder) } : {}),
    },
    ...(o.hint ? { hint: plainText(o.hint, LIMITS.hint) } : {}),
  };
}

function retentionInput(value: string | undefined): types.InputBlock {
  const id = INPUT.retentionDays;
  return {
    type: 'input',
    block_id: id.blockId,
    label: plainText('Retention days', LIMITS.label),
    optional: true,
    element: {
      type: 'number_input',
      action_id: id.actionId,
      is_decimal_allowed: false,
      min_value: '1',
      max_value: '65536',
      ...(value ? { initial_value: value } : {}),
    },
    hint: plainText('1–65536 days. Leave empty to keep the copy until it is deleted.', LIMITS.hint),
  };
}

/** A name that satisfies the API's rules: starts with a letter, only safe characters. */
function suggestedName(snapshot: SnapshotFacts): string {
  return `copy-of-${snapshot.snapshotId}`.replace(/[^A-Za-z0-9:_.-]/g, '-').slice(0, 128);
}

function encodeMetadata(model: RequestModalModel): string {
  const snapshot = currentSnapshot(model);
  const metadata = { channelId: model.metadata.channelId, ...(snapshot ? { snapshot } : {}) };
  const json = JSON.stringify(metadata);
  // The facts are a convenience; the channel is what must survive the 3000-character limit.
  return json.length <= LIMITS.privateMetadata
    ? json
    : JSON.stringify({ channelId: model.metadata.channelId });
}

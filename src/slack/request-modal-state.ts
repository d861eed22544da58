/**
 * Reads the request modal back: its state values (untrusted JSON from Slack, so every field is
 * type-guarded), its private_metadata, and the CopyParameters the values describe.
 */
import type { BatchField, BatchParameters, DiskSelector } from '../domain/copy-batch.ts';
import type { CopyParameters, CopyType, KeyChoice, RequestField, Tag } from '../domain/copy-request.ts';
import { isObject } from './payload-guards.ts';
import type { RequestModalMetadata, RequestModalValues, SnapshotFacts } from './request-modal-model.ts';
import {
  CMK_OPTION_PREFIX,
  COPY_MODE_INPUT,
  COPY_MODES,
  type CopyMode,
  REQUEST_FIELD_INPUTS,
  SELECTOR_INPUTS,
} from './slack-ids.ts';
import { elementStates, elementValue } from './view-state.ts';

export function readRequestModalValues(view: unknown): RequestModalValues {
  const states = elementStates(view);
  const read = (field: RequestField) => elementValue(states.get(REQUEST_FIELD_INPUTS[field].actionId));
  const copyType = read('copyType');
  const mode = elementValue(states.get(COPY_MODE_INPUT.actionId));
  const instanceId = elementValue(states.get(SELECTOR_INPUTS.instance.actionId));
  const selectorTags = elementValue(states.get(SELECTOR_INPUTS.tags.actionId));
  return {
    ...(isCopyMode(mode) && mode !== 'snapshot' ? { mode } : {}),
    ...(instanceId ? { instanceId } : {}),
    ...(selectorTags ? { selectorTags } : {}),
    sourceRegionId: read('sourceRegionId'),
    sourceSnapshotId: read('sourceSnapshotId'),
    destinationRegionId: read('destinationRegionId'),
    copyType: copyType === 'copy' || copyType === 'copyAndEncrypt' ? copyType : undefined,
    keyOption: read('key'),
    name: read('name'),
    description: read('description'),
    tags: read('tags'),
    retentionDays: read('retentionDays'),
    reason: read('reason'),
  };
}

function isCopyMode(value: string | undefined): value is CopyMode {
  return (COPY_MODES as readonly (string | undefined)[]).includes(value);
}

export function readRequestModalMetadata(view: unknown): RequestModalMetadata | undefined {
  const raw = isObject(view) && typeof view.private_metadata === 'string' ? view.private_metadata : '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isObject(parsed) || typeof parsed.channelId !== 'string') return undefined;
  return {
    channelId: parsed.channelId,
    ...(isSnapshotFacts(parsed.snapshot) ? { snapshot: parsed.snapshot } : {}),
  };
}

function isSnapshotFacts(value: unknown): value is SnapshotFacts {
  return (
    isObject(value) &&
    typeof value.snapshotId === 'string' &&
    typeof value.regionId === 'string' &&
    typeof value.encrypted === 'boolean' &&
    typeof value.name === 'string'
  );
}

/** A problem with one input that the modal can show inline. */
export interface FieldError {
  field: BatchField;
  message: string;
}

export type ParsedRequest = { ok: true; parameters: CopyParameters } | { ok: false; errors: FieldError[] };

type SharedParameters = Omit<CopyParameters, 'sourceSnapshotId' | 'description'> & { description?: string };

/** Turns the modal's values into CopyParameters; only form-level problems here, the domain rules come after. */
export function toCopyParameters(values: RequestModalValues): ParsedRequest {
  const errors: FieldError[] = [];
  const shared = sharedParameters(values, errors);
  const sourceSnapshotId = values.sourceSnapshotId;
  if (!sourceSnapshotId) errors.push({ field: 'sourceSnapshotId', message: 'Choose the snapshot to copy.' });
  if (errors.length > 0 || !shared || !sourceSnapshotId) return { ok: false, errors };
  const description =
    shared.description ?? `Copy of ${sourceSnapshotId} from ${shared.sourceRegionId}, made by snapcopy`;
  return { ok: true, parameters: { ...shared, sourceSnapshotId, description } };
}

export type ParsedBatch = { ok: true; parameters: BatchParameters } | { ok: false; errors: FieldError[] };

/** The same form in a batch mode: the selector instead of the snapshot. */
export function toBatchParameters(values: RequestModalValues): ParsedBatch {
  const errors: FieldError[] = [];
  const shared = sharedParameters(values, errors);
  const selector = diskSelector(values, errors);
  if (errors.length > 0 || !shared || !selector) return { ok: false, errors };
  const description = shared.description ?? `Batch copy from ${shared.sourceRegionId}, made by snapcopy`;
  return { ok: true, parameters: { ...shared, selector, description } };
}

/** The selector the batch mode describes, or why it cannot be read. */
export function diskSelector(
  values: RequestModalValues,
  errors: FieldError[] = [],
): DiskSelector | undefined {
  if (values.mode === 'instance') {
    const instanceId = values.instanceId?.trim();
    if (instanceId && /^i-[0-9a-z]+$/i.test(instanceId)) return { kind: 'instance', instanceId };
    errors.push({ field: 'selector', message: 'Give the ID of an ECS instance, e.g. i-bp1abc…' });
    return undefined;
  }
  const tags = parseTagList((values.selectorTags ?? '').split(/\s+/), 'selector', errors);
  if (tags.length > 0) return { kind: 'tags', tags };
  if (!errors.some((error) => error.field === 'selector'))
    errors.push({ field: 'selector', message: 'Give one or more tags as key=value, e.g. app=db.' });
  return undefined;
}

function sharedParameters(values: RequestModalValues, errors: FieldError[]): SharedParameters | undefined {
  const need = (field: RequestField, value: string | undefined, message: string) => {
    if (!value) errors.push({ field, message });
    return value ?? '';
  };
  const sourceRegionId = need(
    'sourceRegionId',
    values.sourceRegionId,
    values.mode ? 'Choose the region the disks are in.' : 'Choose the region the snapshot is in.',
  );
  const destinationRegionId = need(
    'destinationRegionId',
    values.destinationRegionId,
    'Choose where the copy goes.',
  );
  const copyType: CopyType | undefined = values.copyType;
  if (!copyType) errors.push({ field: 'copyType', message: 'Choose Copy or Copy and Encrypt.' });
  const name = need('name', values.name, 'Give the copy a name.');
  const tags = parseTagList((values.tags ?? '').split('\n'), 'tags', errors);
  const retentionDays = parseRetention(values.retentionDays, errors);
  if (!copyType) return undefined;
  const key = copyType === 'copyAndEncrypt' ? keyChoice(values.keyOption) : undefined;
  return {
    sourceRegionId,
    destinationRegionId,
    copyType,
    ...(key ? { key } : {}),
    name,
    ...(values.description ? { description: values.description } : {}),
    tags,
    ...(retentionDays !== undefined ? { retentionDays } : {}),
    ...(values.reason ? { reason: values.reason } : {}),
  };
}

function keyChoice(option: string | undefined): KeyChoice {
  if (option?.startsWith(CMK_OPTION_PREFIX)) {
    const keyId = option.slice(CMK_OPTION_PREFIX.length);
    if (keyId) return { kind: 'customerMasterKey', keyId };
  }
  return { kind: 'defaultServiceKey' };
}

/** Tags as key=value, one an entry; blank entries are ignored. The domain checks the tag rules. */
function parseTagList(entries: string[], field: BatchField, errors: FieldError[]): Tag[] {
  const tags: Tag[] = [];
  entries.forEach((raw, index) => {
    const entry = raw.trim();
    if (!entry) return;
    const eq = entry.indexOf('=');
    if (eq < 0) {
      errors.push({
        field,
        message:
          field === 'tags'
            ? `Line ${index + 1} is not key=value: write each tag as key=value.`
            : `\`${entry}\` is not key=value: write each tag as key=value.`,
      });
      return;
    }
    tags.push({ key: entry.slice(0, eq).trim(), value: entry.slice(eq + 1).trim() });
  });
  return tags;
}

function parseRetention(text: string | undefined, errors: FieldError[]): number | undefined {
  if (!text) return undefined;
  const days = Number(text);
  if (!Number.isInteger(days)) {
    errors.push({ field: 'retentionDays', message: 'Retention must be a whole number of days (1–65536).' });
    return undefined;
  }
  return days;
}

/**
 * Reads the request modal back: its state values (untrusted JSON from Slack, so every field is
 * type-guarded), its private_metadata, and the CopyParameters the values describe.
 */
import type { CopyParameters, CopyType, KeyChoice, RequestField, Tag } from '../domain/copy-request.ts';
import { isObject } from './payload-guards.ts';
import type { RequestModalMetadata, RequestModalValues, SnapshotFacts } from './request-modal-model.ts';
import { CMK_OPTION_PREFIX, REQUEST_FIELD_INPUTS } from './slack-ids.ts';
import { elementStates, elementValue } from './view-state.ts';

export function readRequestModalValues(view: unknown): RequestModalValues {
  const states = elementStates(view);
  const read = (field: RequestField) => elementValue(states.get(REQUEST_FIELD_INPUTS[field].actionId));
  const copyType = read('copyType');
  return {
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
  field: RequestField;
  message: string;
}

export type ParsedRequest = { ok: true; parameters: CopyParameters } | { ok: false; errors: FieldError[] };

/** Turns the modal's values into CopyParameters; only form-level problems here, the domain rules come after. */
export function toCopyParameters(values: RequestModalValues): ParsedRequest {
  const errors: FieldError[] = [];
  const need = (field: RequestField, value: string | undefined, message: string) => {
    if (!value) errors.push({ field, message });
    return value ?? '';
  };
  const sourceRegionId = need(
    'sourceRegionId',
    values.sourceRegionId,
    'Choose the region the snapshot is in.',
  );
  const sourceSnapshotId = need('sourceSnapshotId', values.sourceSnapshotId, 'Choose the snapshot to copy.');
  const destinationRegionId = need(
    'destinationRegionId',
    values.destinationRegionId,
    'Choose where the copy goes.',
  );
  const copyType: CopyType | undefined = values.copyType;
  if (!copyType) errors.push({ field: 'copyType', message: 'Choose Copy or Copy and Encrypt.' });
  const name = need('name', values.name, 'Give the copy a name.');
  const tags = parseTags(values.tags ?? '', errors);
  const retentionDays = parseRetention(values.retentionDays, errors);
  if (errors.length > 0 || !copyType) return { ok: false, errors };
  const key = copyType === 'copyAndEncrypt' ? keyChoice(values.keyOption) : undefined;
  return {
    ok: true,
    parameters: {
      sourceRegionId,
      sourceSnapshotId,
      destinationRegionId,
      copyType,
      ...(key ? { key } : {}),
      name,
      description:
        values.description ?? `Copy of ${sourceSnapshotId} from ${sourceRegionId}, made by snapcopy`,
      tags,
      ...(retentionDays !== undefined ? { retentionDays } : {}),
      ...(values.reason ? { reason: values.reason } : {}),
    },
  };
}

function keyChoice(option: string | undefined): KeyChoice {
  if (option?.startsWith(CMK_OPTION_PREFIX)) {
    const keyId = option.slice(CMK_OPTION_PREFIX.length);
    if (keyId) return { kind: 'customerMasterKey', keyId };
  }
  return { kind: 'defaultServiceKey' };
}

/** One tag per line as key=value; blank lines are ignored. The domain checks the tag rules. */
function parseTags(text: string, errors: FieldError[]): Tag[] {
  const tags: Tag[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const eq = line.indexOf('=');
    if (eq < 0) {
      errors.push({
        field: 'tags',
        message: `Line ${index + 1} is not key=value: write each tag as key=value.`,
      });
      return;
    }
    tags.push({ key: line.slice(0, eq).trim(), value: line.slice(eq + 1).trim() });
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

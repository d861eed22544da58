/**
 * The attribute rules snapshot APIs share (names, descriptions, retention, tags), with the codes
 * CopySnapshot documents (reference §5.2, §7.1). CreateSnapshot applies the same rules.
 */
import { ApiError } from './api-error.ts';
import type { RequestParams } from './request-params.ts';
import type { Tag } from './world.ts';

const MAX_TAGS = 20;
const URL_PREFIX = /^https?:\/\//i;
/** Starts with a letter (CJK included), then letters, digits, `:`, `_`, `.`, `-`; 2–128 in all. */
const NAME = /^\p{L}[\p{L}\p{N}:_.-]{1,127}$/u;

export function readSnapshotName(params: RequestParams, parameter: string): string | undefined {
  const name = params.string(parameter, 4096);
  if (name !== undefined && !NAME.test(name)) {
    throw new ApiError(
      403,
      'InvalidSnapshotName.Malformed',
      'The specified snapshot name is wrongly formed.',
    );
  }
  return name;
}

export function readDescription(params: RequestParams, parameter: string): string | undefined {
  const description = params.string(parameter, 4096);
  if (
    description !== undefined &&
    (description.length < 2 || description.length > 256 || URL_PREFIX.test(description))
  ) {
    throw new ApiError(403, 'InvalidDescription.Malformed', 'The specified description is wrongly formed.');
  }
  return description;
}

export function readRetentionDays(params: RequestParams): number | undefined {
  return params.integer(
    'RetentionDays',
    { min: 1, max: 65536 },
    () =>
      new ApiError(
        403,
        'InvalidRetentionDays.Malformed',
        'The specified RetentionDays must be between 1 and 65536.',
      ),
  );
}

export function readTags(params: RequestParams): Tag[] {
  const entries = params.indexed('Tag');
  if (entries.length > MAX_TAGS || entries.some(({ index }) => index < 1 || index > MAX_TAGS)) {
    throw new ApiError(400, 'InvalidTagCount', `The count of tags must not exceed ${MAX_TAGS}.`);
  }
  const tags: Tag[] = [];
  for (const { fields } of entries) {
    const key = fields.get('Key') ?? '';
    const value = fields.get('Value') ?? '';
    if (!key || key.length > 128 || /^(aliyun|acs:)/i.test(key) || URL_PREFIX.test(key)) {
      throw new ApiError(400, 'InvalidTagKey.Malformed', 'The specified Tag.n.Key is invalid.');
    }
    if (value.length > 128 || URL_PREFIX.test(value)) {
      throw new ApiError(400, 'InvalidTagValue.Malformed', 'The specified Tag.n.Value is invalid.');
    }
    if (tags.some((tag) => tag.key === key)) {
      throw new ApiError(400, 'Duplicate.TagKey', 'The Tag.N.Key contain duplicate key.');
    }
    tags.push({ key, value });
  }
  return tags;
}

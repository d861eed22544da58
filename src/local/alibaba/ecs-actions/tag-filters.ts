/**
 * The `Tag.N.Key` / `Tag.N.Value` filters that DescribeSnapshots and DescribeDisks share: N is
 * 1–20, every given tag must match (logical AND), and a key without a value matches any value.
 */
import { ApiError } from '../api-error.ts';
import type { RequestParams } from '../request-params.ts';

const MAX_TAG_FILTERS = 20;

interface TagLike {
  key: string;
  value: string;
}

export function readTagFilters<T>(
  params: RequestParams,
  tagsOf: (item: T) => readonly TagLike[],
): ((item: T) => boolean)[] {
  const entries = params.indexed('Tag');
  if (entries.some(({ index }) => index < 1 || index > MAX_TAG_FILTERS)) {
    throw new ApiError(400, 'InvalidTagCount', `The count of tags must not exceed ${MAX_TAG_FILTERS}.`);
  }
  return entries.map(({ fields }) => {
    const key = fields.get('Key');
    const value = fields.get('Value');
    if (!key) {
      throw new ApiError(
        400,
        'InvalidTag.Mismatch',
        'The specified Tag.n.Key and Tag.n.Value are not match.',
      );
    }
    return (item: T) =>
      tagsOf(item).some((tag) => tag.key === key && (value === undefined || tag.value === value));
  });
}

/** CopySnapshot's tag rules (reference §5.2), with room left for snapcopy's provenance tags. */
import type { Refusal, Tag } from '../copy-request.ts';
import { MAX_REQUESTER_TAGS, MAX_TAGS_PER_SNAPSHOT, PROVENANCE_TAG_PREFIX } from '../provenance.ts';

const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 128;
const RESERVED_KEY_PREFIXES = ['aliyun', 'acs:'];
const CONTAINS_URL = /https?:\/\//i;

/** Long keys and values are cut in messages so a Slack error stays readable. */
function shown(text: string): string {
  const characters = [...text];
  return characters.length > 40 ? `"${characters.slice(0, 40).join('')}…"` : `"${text}"`;
}

function refuse(code: string, message: string): Refusal {
  return { code: `tags.${code}`, field: 'tags', message };
}

function validateTag(tag: Tag, position: number): Refusal | undefined {
  const key = tag.key;
  if (key.trim() === '')
    return refuse('emptyKey', `Tag ${position} has no key. Give it a key, or remove the tag.`);
  const keyLength = [...key].length;
  if (keyLength > MAX_KEY_LENGTH) {
    return refuse(
      'keyTooLong',
      `Tag key ${shown(key)} is ${keyLength} characters long; the limit is ${MAX_KEY_LENGTH}. Shorten the key.`,
    );
  }
  const reserved = RESERVED_KEY_PREFIXES.find((prefix) => key.toLowerCase().startsWith(prefix));
  if (reserved) {
    return refuse(
      'reservedKey',
      `Tag key ${shown(key)} starts with "${reserved}", which Alibaba Cloud keeps for its own tags. Choose a key that does not start with "aliyun" or "acs:".`,
    );
  }
  if (key.toLowerCase().startsWith(PROVENANCE_TAG_PREFIX)) {
    return refuse(
      'provenanceKey',
      `Tag key ${shown(key)} starts with "${PROVENANCE_TAG_PREFIX}", which snapcopy keeps for the tags that trace a copy back to its request. Choose another key.`,
    );
  }
  if (CONTAINS_URL.test(key)) {
    return refuse(
      'urlInKey',
      `Tag key ${shown(key)} contains http:// or https://, which tag keys may not. Remove the URL from the key.`,
    );
  }
  const valueLength = [...tag.value].length;
  if (valueLength > MAX_VALUE_LENGTH) {
    return refuse(
      'valueTooLong',
      `The value of tag ${shown(key)} is ${valueLength} characters long; the limit is ${MAX_VALUE_LENGTH}. Shorten the value.`,
    );
  }
  if (CONTAINS_URL.test(tag.value)) {
    return refuse(
      'urlInValue',
      `The value of tag ${shown(key)} contains http:// or https://, which tag values may not. Remove the URL from the value.`,
    );
  }
  return undefined;
}

function duplicateKeys(tags: Tag[]): Refusal[] {
  const counts = new Map<string, number>();
  for (const tag of tags) {
    if (tag.key.trim() !== '') counts.set(tag.key, (counts.get(tag.key) ?? 0) + 1);
  }
  return [...counts]
    .filter(([, count]) => count > 1)
    .map(([key, count]) =>
      refuse(
        'duplicateKey',
        `Tag key ${shown(key)} appears ${count} times; each key may appear once. Keep one of them, or merge their values.`,
      ),
    );
}

export function validateTags(tags: Tag[]): Refusal[] {
  const refusals: Refusal[] = [];
  if (tags.length > MAX_REQUESTER_TAGS) {
    const extra = tags.length - MAX_REQUESTER_TAGS;
    refusals.push(
      refuse(
        'tooMany',
        `You gave ${tags.length} tags, but a copy can carry at most ${MAX_REQUESTER_TAGS} of yours: Alibaba Cloud allows ${MAX_TAGS_PER_SNAPSHOT} tags per snapshot and snapcopy adds ${MAX_TAGS_PER_SNAPSHOT - MAX_REQUESTER_TAGS} of its own to trace the copy. Remove ${extra} tag${extra === 1 ? '' : 's'}.`,
      ),
    );
  }
  tags.forEach((tag, index) => {
    const refusal = validateTag(tag, index + 1);
    if (refusal) refusals.push(refusal);
  });
  return [...refusals, ...duplicateKeys(tags)];
}

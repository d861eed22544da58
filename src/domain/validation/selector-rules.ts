/** What a batch's disk selector must look like before any disk is looked up. */
import type { BatchField, DiskSelector } from '../copy-batch.ts';
import type { Refusal } from '../copy-request.ts';

const INSTANCE_ID = /^i-[0-9a-z]+$/;
/** DescribeDisks takes Tag.1 to Tag.20. */
const MAX_SELECTOR_TAGS = 20;

function refuse(code: string, message: string): Refusal<BatchField> {
  return { code: `selector.${code}`, field: 'selector', message };
}

function validateInstanceId(instanceId: string): Refusal<BatchField>[] {
  if (INSTANCE_ID.test(instanceId)) return [];
  return [
    refuse(
      'malformedInstanceId',
      `"${instanceId}" is not an ECS instance ID. Instance IDs start with "i-" followed by lowercase letters and digits, like i-bp1drill000000000001.`,
    ),
  ];
}

function validateSelectorTags(tags: DiskSelector & { kind: 'tags' }): Refusal<BatchField>[] {
  const count = tags.tags.length;
  if (count === 0) {
    return [refuse('noTags', 'Give at least one tag (key and value) that the disks to copy carry.')];
  }
  if (count > MAX_SELECTOR_TAGS) {
    return [
      refuse(
        'tooManyTags',
        `${count} tags were given; disks can be selected by at most ${MAX_SELECTOR_TAGS}. Remove ${count - MAX_SELECTOR_TAGS} of them.`,
      ),
    ];
  }
  return tags.tags.flatMap((tag, index) =>
    tag.key.trim() === '' || tag.value.trim() === ''
      ? [
          refuse(
            'incompleteTag',
            `Selector tag ${index + 1} needs both a key and a value, because a disk is selected only when it carries every tag exactly. Fill in both, or remove the tag.`,
          ),
        ]
      : [],
  );
}

export function validateSelector(selector: DiskSelector): Refusal<BatchField>[] {
  return selector.kind === 'instance'
    ? validateInstanceId(selector.instanceId)
    : validateSelectorTags(selector);
}

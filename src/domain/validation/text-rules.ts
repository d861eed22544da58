/** CopySnapshot's rules for the new snapshot's name and description (reference §5.2). */
import type { Refusal } from '../copy-request.ts';

const URL_PREFIX = /^https?:\/\//i;
/** \p{L} covers CJK characters as well as Latin and other letters. */
const STARTS_WITH_LETTER = /^\p{L}/u;
const NAME_CHARACTER = /[\p{L}\p{Nd}:_.-]/u;

const NAME_LENGTH = { min: 2, max: 128 };
const DESCRIPTION_LENGTH = { min: 2, max: 256 };

/** Length in characters as a person counts them, so a CJK name is not counted twice. */
function characterCount(text: string): number {
  return [...text].length;
}

export function validateName(name: string): Refusal | undefined {
  const length = characterCount(name);
  if (length < NAME_LENGTH.min || length > NAME_LENGTH.max) {
    return {
      code: 'name.length',
      field: 'name',
      message: `The copy's name must be ${NAME_LENGTH.min}–${NAME_LENGTH.max} characters long (it has ${length}). Enter a name such as "web-01-backup".`,
    };
  }
  if (URL_PREFIX.test(name)) {
    return {
      code: 'name.urlPrefix',
      field: 'name',
      message: `The copy's name cannot start with http:// or https://. Remove that prefix from the name.`,
    };
  }
  if (!STARTS_WITH_LETTER.test(name)) {
    return {
      code: 'name.firstCharacter',
      field: 'name',
      message: `The copy's name must start with a letter or a CJK character, not "${[...name][0]}". Put a letter first, for example "backup-${name}".`,
    };
  }
  const invalid = [...new Set([...name].filter((character) => !NAME_CHARACTER.test(character)))];
  if (invalid.length > 0) {
    const shown = invalid.map((character) => (character === ' ' ? 'space' : `"${character}"`)).join(', ');
    return {
      code: 'name.characters',
      field: 'name',
      message: `The copy's name may contain only letters, digits, ":", "_", "." and "-"; it contains ${shown}. Replace those characters, for example with "-".`,
    };
  }
  return undefined;
}

export function validateDescription(description: string): Refusal | undefined {
  const length = characterCount(description);
  if (length < DESCRIPTION_LENGTH.min || length > DESCRIPTION_LENGTH.max) {
    return {
      code: 'description.length',
      field: 'description',
      message: `The description must be ${DESCRIPTION_LENGTH.min}–${DESCRIPTION_LENGTH.max} characters long (it has ${length}). Write a short note on what the copy is for.`,
    };
  }
  if (URL_PREFIX.test(description)) {
    return {
      code: 'description.urlPrefix',
      field: 'description',
      message:
        'The description cannot start with http:// or https://. Start it with words, and put a link later in the text.',
    };
  }
  return undefined;
}

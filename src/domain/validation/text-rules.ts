/** CopySnapshot's rules for the new snapshot's name and description (reference §5.2). */
import type { Refusal } from '../copy-request.ts';

const URL_PREFIX = /^https?:\/\//i;
/** \p{L} covers CJK characters as well as Latin and other letters. */
const STARTS_WITH_LETTER = /^\p{L}/u;
const NAME_CHARACTER = /[\p{L}\p{Nd}:_.-]/u;

/** What the name and the description share: a length range and no URL at the start. */
interface TextRule {
  field: 'name' | 'description';
  subject: string;
  min: number;
  max: number;
  lengthAdvice: string;
  urlPrefixAdvice: string;
}

const NAME_RULE: TextRule = {
  field: 'name',
  subject: "The copy's name",
  min: 2,
  max: 128,
  lengthAdvice: 'Enter a name such as "web-01-backup".',
  urlPrefixAdvice: 'Remove that prefix from the name.',
};

const DESCRIPTION_RULE: TextRule = {
  field: 'description',
  subject: 'The description',
  min: 2,
  max: 256,
  lengthAdvice: 'Write a short note on what the copy is for.',
  urlPrefixAdvice: 'Start it with words, and put a link later in the text.',
};

function validateText(text: string, rule: TextRule): Refusal | undefined {
  // Characters as a person counts them, so a CJK name is not counted twice.
  const length = [...text].length;
  if (length < rule.min || length > rule.max) {
    return {
      code: `${rule.field}.length`,
      field: rule.field,
      message: `${rule.subject} must be ${rule.min}–${rule.max} characters long (it has ${length}). ${rule.lengthAdvice}`,
    };
  }
  if (URL_PREFIX.test(text)) {
    return {
      code: `${rule.field}.urlPrefix`,
      field: rule.field,
      message: `${rule.subject} cannot start with http:// or https://. ${rule.urlPrefixAdvice}`,
    };
  }
  return undefined;
}

export function validateName(name: string): Refusal | undefined {
  const shared = validateText(name, NAME_RULE);
  if (shared) return shared;
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
  return validateText(description, DESCRIPTION_RULE);
}

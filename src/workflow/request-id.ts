/**
 * Request IDs are typed by people (`/snapcopy status sc-…`), put in URLs and in Keyv keys
 * (VARCHAR(255) on SQL stores), so they are short, lower-case and URL-safe.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const RANDOM_CHARS = 10;

/** `sc-` + 10 base32 characters: 50 random bits. */
export function newRequestId(): string {
  const bytes = randomBytes(RANDOM_CHARS);
  let id = 'sc-';
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

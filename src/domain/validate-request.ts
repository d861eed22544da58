/**
 * Every refusal of SPEC §2. validateParameters needs nothing but the request (the modal uses it
 * for instant inline errors); validateRequest adds the rules that need the cloud's facts.
 */
import type { CopyParameters, Refusal } from './copy-request.ts';
import type { RequestFacts } from './request-facts.ts';
import { validateAgainstCloud } from './validation/cloud-rules.ts';
import { validateParameters } from './validation/parameter-rules.ts';

export { validateAgainstCloud, validateParameters };

export function validateRequest(parameters: CopyParameters, facts: RequestFacts): Refusal[] {
  const seen = new Set<string>();
  return [...validateParameters(parameters), ...validateAgainstCloud(parameters, facts)].filter((refusal) => {
    const identity = `${refusal.code}\u0000${refusal.field}\u0000${refusal.message}`;
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
}

import { describe, expect, it } from 'vitest';
import { newRequestId } from '../../src/workflow/request-id.ts';

describe('request IDs', () => {
  it('are short, URL-safe and distinct', () => {
    const ids = Array.from({ length: 1000 }, newRequestId);
    for (const id of ids) expect(id).toMatch(/^sc-[a-z2-7]{10}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

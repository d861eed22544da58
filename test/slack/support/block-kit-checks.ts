/** Structural checks of Block Kit limits (reference/slack.md §3) shared by the block builder tests. */
import { expect } from 'vitest';

type Json = Record<string, unknown>;

function walk(value: unknown, visit: (node: Json) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit);
  } else if (value && typeof value === 'object') {
    visit(value as Json);
    for (const child of Object.values(value)) walk(child, visit);
  }
}

/** Asserts the limits every message and view must respect. */
export function expectWithinBlockKitLimits(blocks: unknown[], maxBlocks: number): void {
  expect(blocks.length).toBeLessThanOrEqual(maxBlocks);
  const blockIds = blocks.map((b) => (b as Json).block_id).filter((id) => id !== undefined);
  expect(new Set(blockIds).size).toBe(blockIds.length);
  for (const block of blocks as Json[]) {
    if (block.type === 'header')
      expect(((block.text as Json).text as string).length).toBeLessThanOrEqual(150);
    if (block.type === 'section') {
      if (block.text) expect(((block.text as Json).text as string).length).toBeLessThanOrEqual(3000);
      const fields = (block.fields as Json[] | undefined) ?? [];
      expect(fields.length).toBeLessThanOrEqual(10);
      for (const field of fields) expect((field.text as string).length).toBeLessThanOrEqual(2000);
    }
    if (block.type === 'context') expect((block.elements as unknown[]).length).toBeLessThanOrEqual(10);
    if (block.type === 'actions') expect((block.elements as unknown[]).length).toBeLessThanOrEqual(25);
  }
  walk(blocks, (node) => {
    if (node.type === 'button') {
      expect(((node.text as Json).text as string).length).toBeLessThanOrEqual(75);
      if (typeof node.value === 'string') expect(node.value.length).toBeLessThanOrEqual(2000);
    }
    if (Array.isArray(node.options)) {
      expect(node.options.length).toBeLessThanOrEqual(100);
      for (const option of node.options as Json[]) {
        expect(((option.text as Json).text as string).length).toBeLessThanOrEqual(75);
        expect((option.value as string).length).toBeLessThanOrEqual(75);
      }
    }
  });
}

/** Every text in the blocks, joined: for asserting what a person reads. */
export function allText(blocks: unknown): string {
  const texts: string[] = [];
  walk(blocks, (node) => {
    if (typeof node.text === 'string') texts.push(node.text);
  });
  return texts.join('\n');
}

export function actionIds(blocks: unknown): string[] {
  const ids: string[] = [];
  walk(blocks, (node) => {
    if (typeof node.action_id === 'string') ids.push(node.action_id);
  });
  return ids;
}

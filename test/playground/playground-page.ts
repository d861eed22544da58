/**
 * What a person does in the playground, as Playwright steps on the page; the browser tests read
 * as the story they tell. Every step waits for what the page shows, never for a fixed time.
 */
import type { Locator, Page } from 'playwright-core';

/** Playwright's own waits are short by default; the bot answers through two HTTP hops. */
const STEP_TIMEOUT_MS = 15_000;

export async function openPlayground(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: STEP_TIMEOUT_MS });
}

export async function actAs(page: Page, userId: string): Promise<void> {
  await page.selectOption('[data-testid="user-switcher"]', userId);
}

export async function openChannel(page: Page, name: string): Promise<void> {
  await page.click(`[data-testid="nav-channel-${name}"]`);
  await page
    .getByTestId('pane-title')
    .filter({ hasText: `# ${name}` })
    .waitFor({ timeout: STEP_TIMEOUT_MS });
}

export async function send(page: Page, text: string): Promise<void> {
  await page.fill('[data-testid="composer-input"]', text);
  await page.press('[data-testid="composer-input"]', 'Enter');
}

export interface CopyRequestInput {
  sourceRegion: string;
  snapshotId: string;
  destinationRegion: string;
  copyType: 'copy' | 'copyAndEncrypt';
  /** The key picker's option value, e.g. `cmk:key-…`; only for copyAndEncrypt. */
  keyOption?: string;
  reason: string;
}

const modal = (page: Page) => page.getByTestId('modal');
/** One block of the open modal, by its block ID. */
export const modalBlock = (page: Page, blockId: string) =>
  modal(page).locator(`.bk-block[data-block-id="${blockId}"]`);

/**
 * Types /snapcopy and fills the request modal as a person would; each choice that makes the bot
 * redraw the modal is followed by a wait for the redraw it causes.
 */
export async function fillRequestModal(page: Page, input: CopyRequestInput): Promise<void> {
  await send(page, '/snapcopy');
  await modalBlock(page, 'source_region')
    .locator('select')
    .selectOption(input.sourceRegion, { timeout: STEP_TIMEOUT_MS });
  const snapshot = modalBlock(page, 'source_snapshot').locator('input');
  await snapshot.click();
  await snapshot.fill(input.snapshotId);
  await modal(page)
    .locator(`.bk-suggestion[data-value="${input.snapshotId}"]`)
    .click({ timeout: STEP_TIMEOUT_MS });
  // The bot shows the chosen snapshot's facts (size, disk, encryption) once it has looked it up.
  await modal(page)
    .getByText(/\d GiB/)
    .first()
    .waitFor({ timeout: STEP_TIMEOUT_MS });
  await modalBlock(page, 'destination_region').locator('select').selectOption(input.destinationRegion);
  // click, not check: the bot redraws the modal in answer, so the radio may be a new element by the
  // time Playwright would verify it (the page keeps the choice across the redraw).
  await modalBlock(page, 'copy_type').locator(`input[value="${input.copyType}"]`).click();
  if (input.keyOption) {
    await modalBlock(page, 'key')
      .locator('select')
      .selectOption(input.keyOption, { timeout: STEP_TIMEOUT_MS });
  }
  await modalBlock(page, 'reason').locator('textarea').fill(input.reason);
}

export async function submitModal(page: Page): Promise<void> {
  await page.getByTestId('modal-submit').click();
}

export function inlineErrors(page: Page): Locator {
  return modal(page).locator('.bk-error');
}

export function messages(page: Page): Locator {
  return page.getByTestId('messages').getByTestId('message');
}

/** The newest message in the open channel that offers this button. */
export function latestMessageWith(page: Page, actionId: string): Locator {
  return messages(page)
    .filter({ has: page.locator(`[data-action-id="${actionId}"]`) })
    .last();
}

export { STEP_TIMEOUT_MS };

/**
 * The whole flow in a real browser: Debian's Chromium drives the playground page of an in-process
 * demo (both stand-ins and the real bot wired over HTTP), as the people of the local workspace.
 * Screenshots land in test-results/screenshots/.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Demo, startDemo } from '../../src/local/demo/start-demo.ts';
import { DEFAULT_IDS } from '../../src/local/slack/index.ts';
import { type Browser, launchChromium, screenshotPath } from './chromium.ts';
import {
  actAs,
  fillRequestModal,
  inlineErrors,
  latestMessageWith,
  messages,
  modalBlock,
  openChannel,
  openPlayground,
  STEP_TIMEOUT_MS,
  send,
  submitModal,
} from './playground-page.ts';

const FLOW_TIMEOUT_MS = 120_000;
/** An unencrypted daily snapshot of a 40 GiB system disk in cn-hangzhou (the stand-in's default world). */
const SOURCE_SNAPSHOT = 's-bp1web01sys00000002';
/** A CMK in cn-shanghai under which no earlier copy of that disk exists: the copy moves the whole disk. */
const DR_ARCHIVE_KEY = 'key-uf6drarchive000001';
/** The default world's instance with 40 disks, each with one finished snapshot. */
const DRILL_INSTANCE = 'i-bp1drill000000000001';

let demo: Demo;
let browser: Browser;
let storeDir: string;

beforeAll(async () => {
  storeDir = await mkdtemp(join(tmpdir(), 'snapcopy-playground-'));
  // Real-time speed: the copy runs for tens of seconds until the test speeds the clock up from the page.
  demo = await startDemo({ speed: 1, storeFile: join(storeDir, 'demo.sqlite') });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  if (storeDir) await rm(storeDir, { recursive: true, force: true });
});

async function requesterPage(): Promise<Page> {
  const page = await browser.newPage();
  await openPlayground(page, demo.url);
  await actAs(page, DEFAULT_IDS.requester);
  await openChannel(page, 'ops');
  return page;
}

async function waitForModalToClose(page: Page): Promise<void> {
  await page.getByTestId('modal-backdrop').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
}

describe('the playground in Chromium', () => {
  it(
    'runs a cross-region Copy and Encrypt under a CMK from /snapcopy to the result',
    async () => {
      const page = await requesterPage();
      await fillRequestModal(page, {
        sourceRegion: 'cn-hangzhou',
        snapshotId: SOURCE_SNAPSHOT,
        destinationRegion: 'cn-shanghai',
        copyType: 'copyAndEncrypt',
        keyOption: `cmk:${DR_ARCHIVE_KEY}`,
        reason: 'Disaster-recovery copy for the quarterly drill',
      });
      await page.screenshot({ path: screenshotPath('a1-request-modal') });
      await submitModal(page);
      await waitForModalToClose(page);
      await messages(page).filter({ hasText: SOURCE_SNAPSHOT }).last().waitFor({ timeout: STEP_TIMEOUT_MS });

      await actAs(page, DEFAULT_IDS.approver);
      await openChannel(page, 'snapcopy-approvals');
      const approval = latestMessageWith(page, 'snapcopy_approve');
      await approval.getByText(SOURCE_SNAPSHOT).first().waitFor({ timeout: STEP_TIMEOUT_MS });
      await page.screenshot({ path: screenshotPath('a2-approval-request') });
      await approval.locator('[data-action-id="snapcopy_approve"]').click();
      // The decision replaces the buttons with who decided.
      await page
        .getByTestId('messages')
        .locator('[data-action-id="snapcopy_approve"]')
        .waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });

      await actAs(page, DEFAULT_IDS.requester);
      await openChannel(page, 'ops');
      await page.getByTestId('cloud-toggle').click();
      const copying = page
        .getByTestId('cloud-snapshot')
        .filter({ hasText: `copy of ${SOURCE_SNAPSHOT}` })
        .filter({ has: page.getByRole('progressbar') });
      await copying.waitFor({ timeout: STEP_TIMEOUT_MS });
      await page.screenshot({ path: screenshotPath('a3-copy-in-progress') });

      await page.getByTestId('clock-speed').selectOption('1000');
      const copy = demo.alibaba.world
        .snapshotsIn('cn-shanghai')
        .find(
          (snapshot) => snapshot.sourceSnapshotId === SOURCE_SNAPSHOT && snapshot.kmsKeyId === DR_ARCHIVE_KEY,
        );
      expect(copy).toBeDefined();
      const newSnapshotId = copy!.snapshotId;
      await page
        .locator(`[data-snapshot-id="${newSnapshotId}"] .status-accomplished`)
        .waitFor({ timeout: STEP_TIMEOUT_MS });

      const card = messages(page).filter({ hasText: SOURCE_SNAPSHOT }).last();
      await card.locator('.thread-link').click({ timeout: STEP_TIMEOUT_MS });
      const result = page
        .getByTestId('thread')
        .getByTestId('message')
        .filter({ hasText: newSnapshotId })
        .last();
      await result.getByText(/is done/).waitFor({ timeout: STEP_TIMEOUT_MS });
      const text = await result.textContent();
      expect(text).toContain(SOURCE_SNAPSHOT);
      expect(text).toContain(newSnapshotId);
      expect(text).toContain('alias/dr-archive');
      expect(text).toContain(DR_ARCHIVE_KEY);
      await page.screenshot({ path: screenshotPath('a4-result') });
      await page.close();
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'shows a refusal as an inline error in the modal: a standard copy within one region',
    async () => {
      const page = await requesterPage();
      await fillRequestModal(page, {
        sourceRegion: 'cn-hangzhou',
        snapshotId: SOURCE_SNAPSHOT,
        destinationRegion: 'cn-hangzhou',
        copyType: 'copy',
        reason: 'A second copy next to the first',
      });
      await submitModal(page);
      const error = inlineErrors(page).first();
      await error.waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await error.textContent()).toMatch(/region/i);
      expect(await page.getByTestId('modal').isVisible()).toBe(true);
      await page.screenshot({ path: screenshotPath('b-refusal-inline-error') });
      await page.getByTestId('modal-close').click();
      await waitForModalToClose(page);
      await page.close();
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    "refuses a bystander's Approve click with an ephemeral message",
    async () => {
      const page = await requesterPage();
      await fillRequestModal(page, {
        sourceRegion: 'cn-hangzhou',
        snapshotId: 's-bp1web01sys00000001',
        destinationRegion: 'ap-southeast-1',
        copyType: 'copy',
        reason: 'Seed the Singapore region',
      });
      await submitModal(page);
      await waitForModalToClose(page);

      await actAs(page, DEFAULT_IDS.bystander);
      await openChannel(page, 'snapcopy-approvals');
      const approval = latestMessageWith(page, 'snapcopy_approve');
      await approval.getByText('s-bp1web01sys00000001').first().waitFor({ timeout: STEP_TIMEOUT_MS });
      await approval.locator('[data-action-id="snapcopy_approve"]').click();

      const refusal = messages(page).filter({ hasText: 'Only visible to you' }).last();
      await refusal.waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await refusal.textContent()).toMatch(/only approvers can approve/i);
      // Nothing was decided: the buttons are still there for an approver.
      expect(await approval.locator('[data-action-id="snapcopy_approve"]').count()).toBe(1);
      await page.screenshot({ path: screenshotPath('c-bystander-refused') });
      await page.close();
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    "shows an approver's Home tab with the requests waiting for them",
    async () => {
      const page = await requesterPage();
      await fillRequestModal(page, {
        sourceRegion: 'cn-hangzhou',
        snapshotId: 's-bp1web01sys00000001',
        destinationRegion: 'ap-southeast-1',
        copyType: 'copy',
        reason: 'Weekly copy for the Singapore team',
      });
      await submitModal(page);
      await waitForModalToClose(page);

      await actAs(page, DEFAULT_IDS.secondApprover);
      await page.getByTestId('nav-home').click();
      const home = page.getByTestId('home');
      await home.getByText('Waiting for your approval').waitFor({ timeout: STEP_TIMEOUT_MS });
      await home.getByText('s-bp1web01sys00000001').first().waitFor();
      expect(await home.locator('[data-action-id="snapcopy_approve"]').count()).toBeGreaterThan(0);
      await page.screenshot({ path: screenshotPath('d-approver-home') });
      await page.close();
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'copies every disk of the 40-disk drill instance with one approval, and lists every copy in the result',
    async () => {
      const page = await requesterPage();
      await send(page, `/snapcopy instance ${DRILL_INSTANCE}`);
      await modalBlock(page, 'source_region')
        .locator('select')
        .selectOption('cn-hangzhou', { timeout: STEP_TIMEOUT_MS });
      await modalBlock(page, 'destination_region').locator('select').selectOption('cn-shanghai');
      await modalBlock(page, 'copy_type').locator('input[value="copy"]').click();
      await modalBlock(page, 'reason').locator('textarea').fill('Quarterly DR drill of the whole instance');
      // The preview counts what the selection finds before anything is asked.
      await page
        .getByTestId('modal')
        .getByText(/40 snapshots/)
        .first()
        .waitFor({ timeout: STEP_TIMEOUT_MS });
      await page.screenshot({ path: screenshotPath('b1-batch-modal') });
      await submitModal(page);
      await waitForModalToClose(page);

      await actAs(page, DEFAULT_IDS.approver);
      await openChannel(page, 'snapcopy-approvals');
      const approval = latestMessageWith(page, 'snapcopy_batch_approve');
      await approval.getByText(DRILL_INSTANCE).first().waitFor({ timeout: STEP_TIMEOUT_MS });
      await page.screenshot({ path: screenshotPath('b2-batch-approval') });
      await approval.locator('[data-action-id="snapcopy_batch_approve"]').click();
      await page
        .getByTestId('messages')
        .locator('[data-action-id="snapcopy_batch_approve"]')
        .waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });

      await actAs(page, DEFAULT_IDS.requester);
      await openChannel(page, 'ops');
      await page.getByTestId('cloud-toggle').click();
      await page.getByTestId('clock-speed').selectOption('1000');
      const card = messages(page).filter({ hasText: DRILL_INSTANCE }).last();
      await card.locator('.thread-link').click({ timeout: FLOW_TIMEOUT_MS });
      const result = page.getByTestId('thread').getByTestId('message').filter({ hasText: '→' }).last();
      await result.waitFor({ timeout: FLOW_TIMEOUT_MS });
      const text = (await result.textContent()) ?? '';
      const copies = demo.alibaba.world
        .snapshotsIn('cn-shanghai')
        .filter((snapshot) => snapshot.sourceSnapshotId?.startsWith('s-bp1drill'));
      expect(copies).toHaveLength(40);
      // Named after the instance the modal was opened for, each with its own disk.
      expect(copies.every((copy) => copy.name.startsWith(`copy-of-${DRILL_INSTANCE}-d-bp1drill`))).toBe(true);
      for (const copy of copies) {
        expect(text).toContain(copy.sourceSnapshotId);
        expect(text).toContain(copy.snapshotId);
      }
      await page.screenshot({ path: screenshotPath('b3-batch-result') });
      await page.close();
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'fits a phone-sized window: the sidebar folds away and the composer stays',
    async () => {
      const page = await browser.newPage({ width: 390, height: 844 });
      await openPlayground(page, demo.url);
      expect(await page.getByTestId('composer').isVisible()).toBe(true);
      // The page's own geometry, read in the browser (the test's TypeScript has no DOM types).
      const sidebarEdges =
        "(() => { const box = document.querySelector('.sidebar').getBoundingClientRect(); return [box.left, box.right]; })()";
      const sidebar = async () => {
        const [left = Number.NaN, right = Number.NaN] = await page.evaluate<number[]>(sidebarEdges);
        return { left, right };
      };
      expect((await sidebar()).right).toBeLessThanOrEqual(0);
      await page.getByTestId('sidebar-toggle').click();
      await expect.poll(async () => (await sidebar()).left).toBeGreaterThanOrEqual(0);
      await page.screenshot({ path: screenshotPath('phone-sidebar-open') });
      await page.getByTestId('nav-channel-ops').click();
      await expect.poll(async () => (await sidebar()).right).toBeLessThanOrEqual(0);
      expect(await page.getByTestId('composer').isVisible()).toBe(true);
      await page.screenshot({ path: screenshotPath('phone') });
      await page.close();
    },
    FLOW_TIMEOUT_MS,
  );
});

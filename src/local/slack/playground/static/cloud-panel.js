/**
 * The cloud panel: each region's snapshots with their progress, copies as they appear in their
 * destination region, and the simulated clock's speed.
 */
import { escapeHtml } from './mrkdwn.js';

export const CLOCK_SPEEDS = [1, 2, 5, 20, 100, 1000];

function renderSnapshot(snapshot, fresh) {
  const classes = ['snapshot', snapshot.isCopy ? 'copy' : '', fresh ? 'fresh' : ''].filter(Boolean).join(' ');
  const progress =
    snapshot.status === 'progressing'
      ? `<div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${escapeHtml(snapshot.progress)}"><div class="progress-bar" style="width:${Number(snapshot.progress) || 0}%"></div></div>`
      : '';
  const origin = snapshot.isCopy
    ? `<div class="snapshot-detail">copy of ${escapeHtml(snapshot.sourceSnapshotId)} from ${escapeHtml(snapshot.sourceRegionId)}</div>`
    : '';
  const encryption = snapshot.encrypted ? `🔒 ${escapeHtml(snapshot.keyId ?? 'encrypted')}` : 'not encrypted';
  const size = snapshot.sizeGiB === undefined ? '' : `${escapeHtml(snapshot.sizeGiB)} GiB · `;
  const remain =
    snapshot.status === 'progressing' && snapshot.remainTimeSeconds !== undefined
      ? ` · ${escapeHtml(snapshot.remainTimeSeconds)} s left`
      : '';
  return `<div class="${classes}" data-snapshot-id="${escapeHtml(snapshot.id)}" data-testid="cloud-snapshot">
<div class="snapshot-line"><span class="snapshot-id">${escapeHtml(snapshot.id)}</span><span class="status status-${escapeHtml(snapshot.status)}">${escapeHtml(snapshot.status)} ${snapshot.status === 'progressing' ? `${escapeHtml(snapshot.progress)}%` : ''}</span></div>
<div class="snapshot-detail">${escapeHtml(snapshot.name ?? '')}${snapshot.category && snapshot.category !== 'standard' ? ` · ${escapeHtml(snapshot.category)}` : ''}</div>
<div class="snapshot-detail">${size}${encryption}${remain}</div>${origin}${progress}</div>`;
}

/**
 * @param {HTMLElement} container
 * @param {{ regions: any[] }} state normalised by the server (see cloud-state.ts)
 * @param {Set<string>} seen snapshot IDs already shown, so new copies can be highlighted once
 */
export function renderCloud(container, state, seen) {
  const firstRender = seen.size === 0;
  container.innerHTML = state.regions
    .map((region) => {
      const snapshots = region.snapshots
        .map((snapshot) => renderSnapshot(snapshot, !firstRender && !seen.has(snapshot.id)))
        .join('');
      return `<section class="region" data-region-id="${escapeHtml(region.id)}"><h3>${escapeHtml(region.id)} <small class="region-name">${escapeHtml(region.name ?? '')}</small></h3>${snapshots || '<div class="empty">no snapshots</div>'}</section>`;
    })
    .join('');
  for (const region of state.regions) for (const snapshot of region.snapshots) seen.add(snapshot.id);
  // A copy that just appeared is what the user waits for: bring it into view.
  container.querySelector('.snapshot.fresh')?.scrollIntoView({ block: 'nearest' });
}

/** Fills the speed picker once; keeps the current speed selected on later calls. */
export function renderClock(select, label, state) {
  const speeds = CLOCK_SPEEDS.includes(state.speed)
    ? CLOCK_SPEEDS
    : [...CLOCK_SPEEDS, state.speed].sort((a, b) => a - b);
  if (select.options.length !== speeds.length) {
    select.innerHTML = speeds.map((speed) => `<option value="${speed}">${speed}×</option>`).join('');
  }
  select.value = String(state.speed);
  label.textContent = state.now ? `simulated time ${new Date(state.now).toLocaleTimeString()}` : '';
}

/**
 * views.update for modals that change as the user picks values. Changes to one view are applied
 * one at a time, and only the latest wins: a change that is overtaken before it renders is
 * dropped. A `hash_conflict` (the view moved on since the payload was built) is answered by
 * rendering again and updating without the stale hash, never by failing the user; a view that
 * was closed meanwhile (`not_found`) is left alone.
 */
import type { types, webApi } from '@slack/bolt';
import type { Logger } from '../observability/logger.ts';
import { slackErrorCode } from './slack-errors.ts';

type ViewsClient = Pick<webApi.WebClient, 'views'>;

interface ViewTrack {
  generation: number;
  hash?: string;
  chain: Promise<void>;
}

export interface ModalUpdates {
  /** Renders the view and replaces it, unless a newer change to the same view arrives first. */
  update(
    client: ViewsClient,
    viewId: string,
    hash: string | undefined,
    render: () => Promise<types.View>,
  ): Promise<void>;
}

export function createModalUpdates(logger: Logger): ModalUpdates {
  const tracks = new Map<string, ViewTrack>();

  async function apply(
    client: ViewsClient,
    viewId: string,
    track: ViewTrack,
    generation: number,
    hash: string | undefined,
    render: () => Promise<types.View>,
  ) {
    if (generation !== track.generation) return;
    const view = await render();
    if (generation !== track.generation) return;
    try {
      const result = await client.views.update({ view_id: viewId, hash: track.hash ?? hash, view });
      track.hash = result.view?.hash;
    } catch (error) {
      // Closed or submitted meanwhile (a preview still on its way, say): there is nothing to show it in.
      if (slackErrorCode(error) === 'not_found') {
        logger.debug('modal closed before its update; dropped', { viewId });
        return;
      }
      if (slackErrorCode(error) !== 'hash_conflict') throw error;
      logger.debug('modal changed meanwhile; rendering again', { viewId });
      const result = await client.views.update({ view_id: viewId, view: await render() });
      track.hash = result.view?.hash;
    }
  }

  return {
    async update(client, viewId, hash, render) {
      const track = tracks.get(viewId) ?? { generation: 0, chain: Promise.resolve() };
      tracks.set(viewId, track);
      const generation = ++track.generation;
      const run = track.chain.then(() => apply(client, viewId, track, generation, hash, render));
      track.chain = run.catch(() => undefined);
      try {
        await run;
      } finally {
        if (track.generation === generation) tracks.delete(viewId);
      }
    },
  };
}

import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { createModalUpdates } from '../../src/slack/modal-updates.ts';
import { quietLogger } from './support/slack-stand-in.ts';

/** A views.update that keeps one view's hash the way Slack does: a stale hash is a hash_conflict. */
function viewsHolding(initialHash: string) {
  let hash = initialHash;
  let version = 0;
  const rendered: string[] = [];
  const update = async (args: { view_id: string; hash?: string; view: { callback_id?: string } }) => {
    if (args.hash !== undefined && args.hash !== hash) {
      throw new webApi.WebAPIPlatformError({ ok: false, error: 'hash_conflict' });
    }
    version += 1;
    hash = `h${version}`;
    rendered.push(args.view.callback_id ?? '');
    return { ok: true, view: { id: args.view_id, hash } };
  };
  return { client: { views: { update } } as never, rendered, currentHash: () => hash };
}

const view = (label: string) => ({
  type: 'modal' as const,
  callback_id: label,
  title: { type: 'plain_text' as const, text: 't' },
  blocks: [],
});

describe('modal updates', () => {
  it('renders again without the stale hash when the view moved on', async () => {
    const slack = viewsHolding('h-current');
    await createModalUpdates(quietLogger).update(slack.client, 'V1', 'h-stale', async () => view('latest'));
    expect(slack.rendered).toEqual(['latest']);
  });

  it('applies changes to one view in order, and drops those overtaken before they render', async () => {
    const slack = viewsHolding('h0');
    const updates = createModalUpdates(quietLogger);
    let release!: () => void;
    const firstRenders = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = updates.update(slack.client, 'V1', 'h0', async () => {
      await firstRenders;
      return view('first');
    });
    const second = updates.update(slack.client, 'V1', 'h0', async () => view('second'));
    const third = updates.update(slack.client, 'V1', 'h0', async () => view('third'));
    release();
    await Promise.all([first, second, third]);
    expect(slack.rendered).toEqual(['third']);
  });

  const failingWith = (error: string) =>
    ({
      views: {
        update: async () => {
          throw new webApi.WebAPIPlatformError({ ok: false, error });
        },
      },
    }) as never;

  it('passes other Slack failures on', async () => {
    await expect(
      createModalUpdates(quietLogger).update(failingWith('invalid_arguments'), 'V1', 'h', async () =>
        view('x'),
      ),
    ).rejects.toThrow(/invalid_arguments/);
  });

  it('drops the update of a modal closed meanwhile', async () => {
    await expect(
      createModalUpdates(quietLogger).update(failingWith('not_found'), 'V1', 'h', async () => view('x')),
    ).resolves.toBeUndefined();
  });
});

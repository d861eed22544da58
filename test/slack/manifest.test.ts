import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENTS_PATH } from '../../src/slack/app.ts';
import { USAGE_HINT } from '../../src/slack/blocks/help-message.ts';
import { SNAPCOPY_COMMAND } from '../../src/slack/slack-ids.ts';

const manifest = readFileSync('manifest.yml', 'utf8');

function scopes(): string[] {
  const block = manifest.slice(manifest.indexOf('    bot:'), manifest.indexOf('settings:'));
  return [...block.matchAll(/^ {6}- ([a-z:.]+)/gm)].map((match) => match[1]!);
}

describe('manifest.yml', () => {
  it('declares the slash command with its usage hint', () => {
    expect(manifest).toContain(`- command: ${SNAPCOPY_COMMAND}`);
    expect(manifest).toContain(`usage_hint: "${USAGE_HINT}"`);
  });

  it('points events, interactivity and the options load URL at the bot endpoint', () => {
    const urls = [...manifest.matchAll(/^\s+(url|request_url|message_menu_options_url): (\S+)/gm)];
    expect(urls.map((m) => m[1]).sort()).toEqual([
      'message_menu_options_url',
      'request_url',
      'request_url',
      'url',
    ]);
    for (const [, , url] of urls) expect(url!.endsWith(EVENTS_PATH)).toBe(true);
  });

  it('enables the Home tab and subscribes to app_home_opened', () => {
    expect(manifest).toMatch(/home_tab_enabled: true/);
    expect(manifest).toMatch(/- app_home_opened/);
  });

  it('asks only for the bot scopes snapcopy uses, each explained', () => {
    expect(scopes().sort()).toEqual(
      [
        'channels:history',
        'chat:write',
        'commands',
        'groups:history',
        'im:history',
        'im:write',
        'usergroups:read',
      ].sort(),
    );
  });
});

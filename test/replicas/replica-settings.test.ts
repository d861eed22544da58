/** The replica settings: read for Redis and PostgreSQL stores, which several replicas may share. */
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/bot-config.ts';
import { ConfigError } from '../../src/config/config-error.ts';

const slackAndApprovals = {
  SLACK_BOT_TOKEN: 'xoxb-replica-settings-test',
  SLACK_SIGNING_SECRET: 'replica-settings-signing-secret',
  SNAPCOPY_APPROVERS: 'U0APPROVER1',
  SNAPCOPY_APPROVALS_CHANNEL: 'C0APPROVALS',
};

const load = (env: Record<string, string>) => loadConfig({ ...slackAndApprovals, ...env });

describe('replica settings', () => {
  it('defaults to hostname-pid and a 15 s leader lease on a shared store', () => {
    for (const url of ['redis://127.0.0.1:6379', 'postgres://postgres@127.0.0.1:5432/test']) {
      expect(load({ SNAPCOPY_STORE_URL: url }).replica).toEqual({
        replicaId: `${hostname()}-${process.pid}`,
        leaderLeaseTtlMs: 15_000,
      });
    }
  });

  it('takes the replica ID and lease TTL from the environment', () => {
    const config = load({
      SNAPCOPY_STORE_URL: 'redis://127.0.0.1:6379',
      SNAPCOPY_REPLICA_ID: 'snapcopy-7f9c-2',
      SNAPCOPY_LEADER_LEASE_TTL: '30s',
    });
    expect(config.replica).toEqual({ replicaId: 'snapcopy-7f9c-2', leaderLeaseTtlMs: 30_000 });
  });

  it('leaves a SQLite store to its one process, which always leads', () => {
    expect(load({ SNAPCOPY_STORE_URL: 'sqlite:./var/snapcopy.sqlite' }).replica).toBeUndefined();
    expect(load({ SNAPCOPY_REPLICA_ID: 'ignored-here' }).replica).toBeUndefined();
  });

  it('refuses a lease too short to renew and a replica ID with spaces', () => {
    const problems = (() => {
      try {
        load({
          SNAPCOPY_STORE_URL: 'postgres://postgres@127.0.0.1:5432/test',
          SNAPCOPY_LEADER_LEASE_TTL: '1s',
          SNAPCOPY_REPLICA_ID: 'two words',
        });
      } catch (error) {
        if (error instanceof ConfigError) return error.problems;
        throw error;
      }
      return [];
    })();
    expect(problems).toEqual([
      'SNAPCOPY_LEADER_LEASE_TTL must be at least 3s',
      expect.stringMatching(/^SNAPCOPY_REPLICA_ID .*must be up to 100 letters/),
    ]);
  });
});

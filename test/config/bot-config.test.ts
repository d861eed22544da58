import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/bot-config.ts';
import { ConfigError } from '../../src/config/config-error.ts';
import { withEnvFile } from '../../src/config/env-file.ts';
import { redact } from '../../src/observability/logger.ts';

const BOT_TOKEN = 'xoxb-config-test-token-0001';
const SIGNING_SECRET = 'config-test-signing-secret';
const AK_SECRET = 'config-test-access-key-secret';

function minimalEnv(overrides: Record<string, string | undefined> = {}) {
  return {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SNAPCOPY_APPROVERS: 'U0APPROVER1, U0APPROVER2',
    SNAPCOPY_APPROVALS_CHANNEL: 'C0APPROVALS',
    ...overrides,
  };
}

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('reads a minimal environment with defaults', () => {
    const config = loadConfig(minimalEnv());
    expect(config.slack).toEqual({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, port: 3000 });
    expect(config.approval).toEqual({
      approverUserIds: ['U0APPROVER1', 'U0APPROVER2'],
      channelId: 'C0APPROVALS',
      ttlMs: 86_400_000,
    });
    expect(config.storeUrl).toBe('sqlite:./var/snapcopy.sqlite');
    expect(config.archiveRetentionMs).toBe(90 * 86_400_000);
    expect(config.logLevel).toBe('info');
    expect(config.alibaba.credential).toBeUndefined();
    expect(config.regions).toEqual([]);
    expect(config.slackBudgetPercent).toBe(100);
    expect(config.maxCopiesPerRegion).toBe(20);
    expect(config.reconcileIntervalMs).toBeUndefined();
  });

  it('reads every optional setting', () => {
    const config = loadConfig(
      minimalEnv({
        SNAPCOPY_APPROVERS: '',
        SNAPCOPY_APPROVER_GROUP: 'S0APPROVERS',
        SLACK_APP_TOKEN: 'xapp-1-socket',
        SLACK_API_URL: 'http://127.0.0.1:9999/api/',
        PORT: '0',
        HOST: '127.0.0.1',
        SNAPCOPY_APPROVAL_TTL: '90m',
        SNAPCOPY_STORE_URL: 'redis://127.0.0.1:6379',
        SNAPCOPY_ARCHIVE_RETENTION_DAYS: '7',
        SNAPCOPY_LOG_LEVEL: 'debug',
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIexample',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: AK_SECRET,
        ALIBABA_CLOUD_ECS_ENDPOINT: '127.0.0.1:4000',
        ALIBABA_CLOUD_KMS_ENDPOINT: '127.0.0.1:4000',
        ALIBABA_CLOUD_PROTOCOL: 'http',
        SNAPCOPY_REGIONS: 'cn-hangzhou,ap-southeast-1',
        SNAPCOPY_POLL_MIN_INTERVAL: '2s',
        SNAPCOPY_POLL_MAX_INTERVAL: '30s',
        SNAPCOPY_SLACK_BUDGET_PERCENT: '60',
        SNAPCOPY_MAX_COPIES_PER_REGION: '5',
        SNAPCOPY_RECONCILE_INTERVAL: '6h',
      }),
    );
    expect(config.approval).toMatchObject({
      approverUserIds: [],
      approverGroupId: 'S0APPROVERS',
      ttlMs: 90 * 60_000,
    });
    expect(config.slack).toMatchObject({
      appToken: 'xapp-1-socket',
      apiUrl: 'http://127.0.0.1:9999/api/',
      port: 0,
      host: '127.0.0.1',
    });
    expect(config.alibaba).toEqual({
      credential: { accessKeyId: 'LTAIexample', accessKeySecret: AK_SECRET },
      ecsEndpoint: '127.0.0.1:4000',
      kmsEndpoint: '127.0.0.1:4000',
      protocol: 'http',
    });
    expect(config.regions).toEqual(['cn-hangzhou', 'ap-southeast-1']);
    expect(config.polling).toEqual({ minIntervalMs: 2000, maxIntervalMs: 30_000 });
    expect(config.archiveRetentionMs).toBe(7 * 86_400_000);
    expect(config.slackBudgetPercent).toBe(60);
    expect(config.maxCopiesPerRegion).toBe(5);
    expect(config.reconcileIntervalMs).toBe(6 * 3_600_000);
  });

  it('turns the periodic reconciliation off with off, and refuses an interval under a second', () => {
    expect(
      loadConfig(minimalEnv({ SNAPCOPY_RECONCILE_INTERVAL: 'off' })).reconcileIntervalMs,
    ).toBeUndefined();
    expect(problemsOf(minimalEnv({ SNAPCOPY_RECONCILE_INTERVAL: '500ms' }))).toEqual([
      "SNAPCOPY_RECONCILE_INTERVAL '500ms' must be off or at least 1s",
    ]);
    expect(problemsOf(minimalEnv({ SNAPCOPY_RECONCILE_INTERVAL: 'hourly' }))).toEqual([
      "SNAPCOPY_RECONCILE_INTERVAL 'hourly' must be a duration such as 90m, 24h or 2d",
    ]);
  });

  it('reports every missing value at once, one line each', () => {
    const problems = problemsOf({});
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/SLACK_BOT_TOKEN is missing/);
    expect(problems.join('\n')).toMatch(/SLACK_SIGNING_SECRET is missing/);
    expect(problems.join('\n')).toMatch(/SNAPCOPY_APPROVERS or SNAPCOPY_APPROVER_GROUP is missing/);
    expect(problems.join('\n')).toMatch(/SNAPCOPY_APPROVALS_CHANNEL is missing/);
    for (const problem of problems) expect(problem).not.toContain('\n');
  });

  it('names bad values, repeating ordinary ones but never a secret', () => {
    const problems = problemsOf(
      minimalEnv({
        SLACK_BOT_TOKEN: 'xoxp-user-token-not-a-bot-token',
        SLACK_APP_TOKEN: 'secret-app-token-value',
        PORT: 'eighty',
        SNAPCOPY_APPROVAL_TTL: 'tomorrow',
        SNAPCOPY_APPROVERS: 'alice',
        SNAPCOPY_STORE_URL: 'mysql://db',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: AK_SECRET,
        ALIBABA_CLOUD_PROTOCOL: 'ftp',
        SNAPCOPY_PRICE_TABLE: '/nonexistent/prices.json',
      }),
    );
    const text = problems.join('\n');
    expect(text).toContain("PORT 'eighty'");
    expect(text).toContain("SNAPCOPY_APPROVAL_TTL 'tomorrow'");
    expect(text).toContain("'alice'");
    expect(text).toContain("'mysql://db'");
    expect(text).toContain(
      'ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET must be set together',
    );
    expect(text).toContain("ALIBABA_CLOUD_PROTOCOL 'ftp'");
    expect(text).toContain('SNAPCOPY_PRICE_TABLE');
    expect(text).toContain('SLACK_BOT_TOKEN must start with xoxb-');
    expect(text).not.toContain('xoxp-user-token-not-a-bot-token');
    expect(text).not.toContain('secret-app-token-value');
    expect(text).not.toContain(AK_SECRET);
  });

  it('reads replica settings only for stores several processes can share', () => {
    expect(loadConfig(minimalEnv()).replica).toBeUndefined();
    const shared = loadConfig(
      minimalEnv({
        SNAPCOPY_STORE_URL: 'postgres://postgres@127.0.0.1:5432/test',
        SNAPCOPY_REPLICA_ID: 'bot-a',
        SNAPCOPY_LEADER_LEASE_TTL: '20s',
      }),
    );
    expect(shared.replica).toEqual({ replicaId: 'bot-a', leaderLeaseTtlMs: 20_000 });
    expect(
      loadConfig(minimalEnv({ SNAPCOPY_STORE_URL: 'redis://127.0.0.1:6379' })).replica?.replicaId,
    ).toMatch(/-\d+$/);
    expect(
      problemsOf(minimalEnv({ SNAPCOPY_STORE_URL: 'redis://x', SNAPCOPY_LEADER_LEASE_TTL: '1s' })).join(),
    ).toContain('SNAPCOPY_LEADER_LEASE_TTL must be at least 3s');
  });

  it('registers the secrets so the logger masks them', () => {
    loadConfig(
      minimalEnv({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIx', ALIBABA_CLOUD_ACCESS_KEY_SECRET: AK_SECRET }),
    );
    expect(redact(`token ${BOT_TOKEN} secret ${SIGNING_SECRET} ak ${AK_SECRET}`)).toBe(
      'token [REDACTED] secret [REDACTED] ak [REDACTED]',
    );
  });
});

describe('withEnvFile', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads .env under the process environment, which wins', () => {
    dir = mkdtempSync(join(tmpdir(), 'snapcopy-env-'));
    const file = join(dir, '.env');
    writeFileSync(file, '# comment\nPORT=4000\nHOST="0.0.0.0"\nSNAPCOPY_LOG_LEVEL=debug\n');
    expect(withEnvFile({ PORT: '5000', OTHER: undefined }, file)).toEqual({
      PORT: '5000',
      HOST: '0.0.0.0',
      SNAPCOPY_LOG_LEVEL: 'debug',
    });
  });

  it('uses the environment alone when there is no file', () => {
    expect(withEnvFile({ PORT: '1' }, '/nonexistent/.env')).toEqual({ PORT: '1' });
  });
});

/**
 * Everything the bot needs from its environment, validated once at start. The composition root
 * receives a plain BotConfig, so a caller (the local demo, a test) can also build one in code.
 */
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { type LogLevel, registerSecret } from '../observability/logger.ts';
import { ConfigError } from './config-error.ts';
import type { Environment } from './env-file.ts';
import { EnvReader } from './env-reader.ts';

export interface SlackSettings {
  botToken: string;
  signingSecret: string;
  /** Socket Mode when set (xapp-…); HTTP mode otherwise. */
  appToken?: string;
  /** Web API base URL; only set to point at the local Slack stand-in. */
  apiUrl?: string;
  port: number;
  host?: string;
}

export interface ApprovalSettings {
  approverUserIds: string[];
  approverGroupId?: string;
  channelId: string;
  ttlMs: number;
}

export interface AlibabaSettings {
  /** Absent: the standard Alibaba credential chain (env, RAM role, ECS instance role, OIDC). */
  credential?: { accessKeyId: string; accessKeySecret: string; securityToken?: string };
  ecsEndpoint?: string;
  kmsEndpoint?: string;
  protocol?: 'http' | 'https';
}

/** How this process shares a Redis or PostgreSQL store with other replicas (docs/REPLICAS.md). */
export interface ReplicaConfig {
  replicaId: string;
  leaderLeaseTtlMs: number;
}

export interface BotConfig {
  slack: SlackSettings;
  approval: ApprovalSettings;
  storeUrl: string;
  archiveRetentionMs: number;
  priceTableFile?: string;
  /** A whole price table as JSON (SNAPCOPY_PRICE_TABLE_JSON), instead of a file. */
  priceTableJson?: string;
  logLevel: LogLevel;
  alibaba: AlibabaSettings;
  /** Allow-list for the modal's region pickers; empty: every region the account sees. */
  regions: string[];
  polling: { minIntervalMs: number; maxIntervalMs: number };
  cardUpdateMinIntervalMs: number;
  /**
   * Copies in flight per destination region (SNAPCOPY_MAX_COPIES_PER_REGION); the rest wait in
   * line. Always read from the environment; configs built in code may leave it to the runtime's default.
   */
  maxCopiesPerRegion?: number;
  /** How much of each of Slack's allowances the bot spends, in percent (docs/SLACK-BUDGET.md). */
  slackBudgetPercent: number;
  /** Set for Redis and PostgreSQL stores; a SQLite store has one process, which always leads. */
  replica?: ReplicaConfig;
  /** How often the leader reconciles copies against records; absent: never (the default). */
  reconcileIntervalMs?: number;
}

const DAY_MS = 86_400_000;
const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const GROUP_ID = /^S[A-Z0-9]{2,}$/;
const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;
const REGION_ID = /^[a-z]{2}(-[a-z0-9]+)+$/;
const ENDPOINT = /^[A-Za-z0-9.-]+(:\d{1,5})?$/;
const STORE_URL = /^(sqlite:|redis:\/\/|rediss:\/\/|postgres:\/\/|postgresql:\/\/)/;
const REPLICA_ID = /^[A-Za-z0-9._:-]{1,100}$/;
/** Renewals come every third of the TTL; much shorter and a slow store round trip costs the lease. */
const MIN_LEADER_LEASE_TTL_MS = 3_000;

/** Throws ConfigError listing every missing or bad value; registers every secret with the logger. */
export function loadConfig(env: Environment): BotConfig {
  const read = new EnvReader(env);
  const slack = readSlack(read);
  const approval = readApproval(read);
  const config: BotConfig = {
    slack,
    approval,
    storeUrl: readStoreUrl(read),
    archiveRetentionMs: readArchiveRetentionMs(read),
    priceTableFile: readPriceTableFile(read),
    priceTableJson: read.optional('SNAPCOPY_PRICE_TABLE_JSON'),
    logLevel: read.oneOf('SNAPCOPY_LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
    alibaba: readAlibaba(read),
    regions: readRegions(read),
    polling: {
      minIntervalMs: read.duration('SNAPCOPY_POLL_MIN_INTERVAL', 5_000),
      maxIntervalMs: read.duration('SNAPCOPY_POLL_MAX_INTERVAL', 60_000),
    },
    cardUpdateMinIntervalMs: read.duration('SNAPCOPY_CARD_UPDATE_MIN_INTERVAL', 3_000),
    maxCopiesPerRegion: read.integer('SNAPCOPY_MAX_COPIES_PER_REGION', 20, { min: 1, max: 10_000 }),
    slackBudgetPercent: read.integer('SNAPCOPY_SLACK_BUDGET_PERCENT', 100, { min: 1, max: 10_000 }),
  };
  if (!config.storeUrl.startsWith('sqlite:')) config.replica = readReplica(read);
  const reconcileIntervalMs = readReconcileInterval(read);
  if (reconcileIntervalMs !== undefined) config.reconcileIntervalMs = reconcileIntervalMs;
  if (config.polling.minIntervalMs > config.polling.maxIntervalMs) {
    read.problems.push('SNAPCOPY_POLL_MIN_INTERVAL must not be longer than SNAPCOPY_POLL_MAX_INTERVAL');
  }
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  registerConfigSecrets(config);
  return config;
}

export function registerConfigSecrets(config: BotConfig): void {
  registerSecret(config.slack.botToken);
  registerSecret(config.slack.signingSecret);
  registerSecret(config.slack.appToken);
  registerAlibabaSecrets(config.alibaba);
}

export function registerAlibabaSecrets(alibaba: AlibabaSettings): void {
  registerSecret(alibaba.credential?.accessKeySecret);
  registerSecret(alibaba.credential?.securityToken);
}

export function readStoreUrl(read: EnvReader): string {
  return (
    read.optional('SNAPCOPY_STORE_URL', {
      pattern: STORE_URL,
      expected: 'must start with sqlite:, redis://, rediss://, postgres:// or postgresql://',
    }) ?? 'sqlite:./var/snapcopy.sqlite'
  );
}

export function readArchiveRetentionMs(read: EnvReader): number {
  return read.integer('SNAPCOPY_ARCHIVE_RETENTION_DAYS', 90, { min: 1, max: 3650 }) * DAY_MS;
}

export function readRegions(read: EnvReader): string[] {
  return read.list('SNAPCOPY_REGIONS', REGION_ID, 'region IDs look like cn-hangzhou or ap-southeast-1');
}

/** A second at the least: each run lists every region's tagged copies (one call per 100). */
const MIN_RECONCILE_INTERVAL_MS = 1_000;

function readReconcileInterval(read: EnvReader): number | undefined {
  const text = read.optional('SNAPCOPY_RECONCILE_INTERVAL');
  if (text === undefined || text === 'off') return undefined;
  const ms = read.duration('SNAPCOPY_RECONCILE_INTERVAL', 0);
  if (ms === 0) return undefined;
  if (ms < MIN_RECONCILE_INTERVAL_MS) {
    read.problems.push(`SNAPCOPY_RECONCILE_INTERVAL '${text}' must be off or at least 1s`);
    return undefined;
  }
  return ms;
}

function readPriceTableFile(read: EnvReader): string | undefined {
  const file = read.optional('SNAPCOPY_PRICE_TABLE');
  if (file && !existsSync(file)) read.problems.push(`SNAPCOPY_PRICE_TABLE '${file}' does not exist`);
  return file;
}

function readSlack(read: EnvReader): SlackSettings {
  const apiUrl = read.optional('SLACK_API_URL', {
    pattern: /^https?:\/\/\S+$/,
    expected: 'must be an http(s) URL such as http://127.0.0.1:3100/api/',
  });
  return {
    botToken: read.required('SLACK_BOT_TOKEN', {
      help: "the bot token (xoxb-…) from the Slack app's OAuth & Permissions page",
      pattern: /^xoxb-\S+$/,
      expected: 'must start with xoxb-',
      secret: true,
    }),
    signingSecret: read.required('SLACK_SIGNING_SECRET', {
      help: "the signing secret from the Slack app's Basic Information page",
      pattern: /^\S{8,}$/,
      expected: 'must be the app signing secret (at least 8 characters, no spaces)',
      secret: true,
    }),
    appToken: read.optional('SLACK_APP_TOKEN', {
      pattern: /^xapp-\S+$/,
      expected: 'must start with xapp- (an app-level token with connections:write)',
      secret: true,
    }),
    apiUrl,
    port: read.integer('PORT', 3000, { min: 0, max: 65535 }),
    host: read.optional('HOST'),
  };
}

function readApproval(read: EnvReader): ApprovalSettings {
  const approverUserIds = read.list('SNAPCOPY_APPROVERS', USER_ID, 'Slack user IDs look like U012ABCDEF');
  const approverGroupId = read.optional('SNAPCOPY_APPROVER_GROUP', {
    pattern: GROUP_ID,
    expected: 'must be a Slack user group ID such as S012ABCDEF',
  });
  if (approverUserIds.length === 0 && !approverGroupId && !read.optional('SNAPCOPY_APPROVERS')) {
    read.problems.push(
      'SNAPCOPY_APPROVERS or SNAPCOPY_APPROVER_GROUP is missing: set approver user IDs, a user group, or both',
    );
  }
  return {
    approverUserIds,
    approverGroupId,
    channelId: read.required('SNAPCOPY_APPROVALS_CHANNEL', {
      help: 'the channel ID (C…) where approval requests are posted; invite the bot there',
      pattern: CHANNEL_ID,
      expected: 'must be a Slack channel ID such as C012ABCDEF',
    }),
    ttlMs: read.duration('SNAPCOPY_APPROVAL_TTL', DAY_MS),
  };
}

function readReplica(read: EnvReader): ReplicaConfig {
  const leaderLeaseTtlMs = read.duration('SNAPCOPY_LEADER_LEASE_TTL', 15_000);
  if (leaderLeaseTtlMs < MIN_LEADER_LEASE_TTL_MS) {
    read.problems.push(`SNAPCOPY_LEADER_LEASE_TTL must be at least ${MIN_LEADER_LEASE_TTL_MS / 1000}s`);
  }
  return {
    replicaId:
      read.optional('SNAPCOPY_REPLICA_ID', {
        pattern: REPLICA_ID,
        expected: 'must be up to 100 letters, digits, ".", "_", ":" or "-"',
      }) ?? `${hostname()}-${process.pid}`,
    leaderLeaseTtlMs,
  };
}

export function readAlibaba(read: EnvReader): AlibabaSettings {
  const accessKeyId = read.optional('ALIBABA_CLOUD_ACCESS_KEY_ID');
  const accessKeySecret = read.optional('ALIBABA_CLOUD_ACCESS_KEY_SECRET', { secret: true });
  const securityToken = read.optional('ALIBABA_CLOUD_SECURITY_TOKEN', { secret: true });
  if (Boolean(accessKeyId) !== Boolean(accessKeySecret)) {
    read.problems.push(
      'ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET must be set together (or neither, for the credential chain)',
    );
  }
  const endpoint = { pattern: ENDPOINT, expected: 'must be host or host:port, without a scheme' };
  return {
    credential:
      accessKeyId && accessKeySecret
        ? { accessKeyId, accessKeySecret, ...(securityToken ? { securityToken } : {}) }
        : undefined,
    ecsEndpoint: read.optional('ALIBABA_CLOUD_ECS_ENDPOINT', endpoint),
    kmsEndpoint: read.optional('ALIBABA_CLOUD_KMS_ENDPOINT', endpoint),
    protocol: read.optional('ALIBABA_CLOUD_PROTOCOL')
      ? read.oneOf('ALIBABA_CLOUD_PROTOCOL', ['http', 'https'] as const, 'https')
      : undefined,
  };
}

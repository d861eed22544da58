/**
 * What `snapcopy reconcile` reads from the environment: the bot's store and cloud settings, and
 * nothing of Slack's, so it runs where no Slack token is.
 */
import {
  type AlibabaSettings,
  readAlibaba,
  readArchiveRetentionMs,
  readRegions,
  readStoreUrl,
  registerAlibabaSecrets,
} from './bot-config.ts';
import { ConfigError } from './config-error.ts';
import type { Environment } from './env-file.ts';
import { EnvReader } from './env-reader.ts';

export interface ReconcileConfig {
  storeUrl: string;
  archiveRetentionMs: number;
  alibaba: AlibabaSettings;
  /** Empty: every region the account sees. */
  regions: string[];
}

export function loadReconcileConfig(env: Environment): ReconcileConfig {
  const read = new EnvReader(env);
  const config: ReconcileConfig = {
    storeUrl: readStoreUrl(read),
    archiveRetentionMs: readArchiveRetentionMs(read),
    alibaba: readAlibaba(read),
    regions: readRegions(read),
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  registerAlibabaSecrets(config.alibaba);
  return config;
}

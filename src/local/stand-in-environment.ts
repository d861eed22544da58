/**
 * What `snapcopy bot` needs in its environment to talk to both local stand-ins: their
 * credentials and endpoints, and a free port on 127.0.0.1 for Slack's requests. Callers add the
 * approvers, the store and any timing they want.
 */
import type { AlibabaStandIn } from './alibaba/index.ts';
import { LOCAL_BOT_TOKEN, LOCAL_SIGNING_SECRET, type SlackStandIn } from './slack/index.ts';

export function standInEnvironment(
  slack: Pick<SlackStandIn, 'apiUrl'>,
  cloud: Pick<AlibabaStandIn, 'credentials' | 'endpoint'>,
): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: LOCAL_BOT_TOKEN,
    SLACK_SIGNING_SECRET: LOCAL_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    ALIBABA_CLOUD_ACCESS_KEY_ID: cloud.credentials.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: cloud.credentials.accessKeySecret,
    ALIBABA_CLOUD_ECS_ENDPOINT: cloud.endpoint,
    ALIBABA_CLOUD_KMS_ENDPOINT: cloud.endpoint,
    ALIBABA_CLOUD_PROTOCOL: 'http',
  };
}

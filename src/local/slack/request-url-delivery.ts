/**
 * The app's Request URL (`/slack/events`) seen from Slack's side: every request is signed, sent
 * with the exact content type Bolt expects, and must be answered within Slack's 3 s.
 */
import { type AppDelivery, type AppReply, SLACK_ACK_TIMEOUT_MS } from './app-delivery.ts';
import type { JsonObject } from './json-values.ts';
import { type SigningMode, signatureHeaders } from './request-signing.ts';

export interface RequestUrlDeliveryOptions {
  url?: string;
  signingSecret: string;
  ackTimeoutMs?: number;
}

export class RequestUrlDelivery implements AppDelivery {
  private url: string | undefined;

  constructor(private readonly options: RequestUrlDeliveryOptions) {
    this.url = options.url;
  }

  setUrl(url: string): void {
    this.url = url;
  }

  /** Flat form fields. */
  command(fields: Record<string, string>, signing: SigningMode): Promise<AppReply> {
    return this.send(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', signing);
  }

  /** One form field `payload` holding JSON. */
  interaction(payload: JsonObject, signing: SigningMode): Promise<AppReply> {
    return this.command({ payload: JSON.stringify(payload) }, signing);
  }

  /** A JSON body. */
  event(envelope: JsonObject, signing: SigningMode): Promise<AppReply> {
    return this.send(JSON.stringify(envelope), 'application/json', signing);
  }

  private async send(body: string, contentType: string, signing: SigningMode): Promise<AppReply> {
    if (!this.url)
      throw new Error('the Slack stand-in has no events URL yet: pass eventsUrl or call setEventsUrl');
    const timeoutMs = this.options.ackTimeoutMs ?? SLACK_ACK_TIMEOUT_MS;
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        // A string body, so fetch does not add "; charset=UTF-8", which Bolt would not parse as a form.
        headers: {
          'content-type': contentType,
          ...signatureHeaders(this.options.signingSecret, body, signing),
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: response.status, body: await readBody(response) };
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      return { status: 0, body: undefined, failure: timedOut ? 'operation_timeout' : 'unreachable' };
    }
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  if (!response.headers.get('content-type')?.includes('application/json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

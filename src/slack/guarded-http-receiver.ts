/**
 * Bolt's HTTPReceiver reads `body.ssl_check` before anything else, so a signed request whose
 * body parses to `null` (`payload=null`) throws inside a detached promise: the request never gets
 * an answer and the unhandled rejection ends the process. This receiver reads the body first and
 * answers such bodies with 400 itself; everything else goes to Bolt unchanged (Bolt reuses the
 * body already read). It also tells `onInteraction` about every request to the events endpoint,
 * so the bot knows when Slack is waiting for an ack.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions, HTTPReceiver, type HTTPReceiverOptions } from '@slack/bolt';

export class GuardedHTTPReceiver extends HTTPReceiver {
  constructor(
    options: HTTPReceiverOptions & { endpoints: string; onInteraction?: (response: ServerResponse) => void },
  ) {
    const { onInteraction, ...boltOptions } = options;
    super(boltOptions);
    const boltListener = this.requestListener;
    const endpoint = options.endpoints;
    const bodyLimit = options.bodyLimit ?? HTTPModuleFunctions.defaultBodyLimit;
    this.requestListener = (request: IncomingMessage, response: ServerResponse) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      // Other routes keep Bolt's synchronous dispatch, whose errors the server turns into a 404.
      if (request.method !== 'POST' || path !== endpoint) return boltListener(request, response);
      onInteraction?.(response);
      void answerOrForward(request, response, bodyLimit, boltListener);
    };
  }
}

async function answerOrForward(
  request: IncomingMessage,
  response: ServerResponse,
  bodyLimit: number | string,
  boltListener: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<void> {
  try {
    const buffered = await HTTPModuleFunctions.bufferIncomingMessage(request, bodyLimit);
    if (parsesToNothing(buffered)) {
      HTTPModuleFunctions.buildNoBodyResponse(response, 400);
      return;
    }
    boltListener(buffered, response);
  } catch (error) {
    const tooLarge = HTTPModuleFunctions.isRawBodyError(error) && error.statusCode === 413;
    if (!response.headersSent) HTTPModuleFunctions.buildNoBodyResponse(response, tooLarge ? 413 : 400);
  }
}

function parsesToNothing(request: Parameters<typeof HTTPModuleFunctions.parseHTTPRequestBody>[0]): boolean {
  try {
    const body: unknown = HTTPModuleFunctions.parseHTTPRequestBody(request);
    return body === null || typeof body !== 'object';
  } catch {
    // Bolt answers unparsable bodies with 400 by itself.
    return false;
  }
}

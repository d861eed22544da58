/**
 * Which product and action a request is for, as Alibaba's gateway decides it (reference §2.5):
 * product by `x-acs-version` ‖ `Version` (DescribeRegions exists in both), action by
 * `x-acs-action` ‖ `Action`. Requests no action could answer are refused here, before authentication.
 */
import type { ActionHandler } from './action.ts';
import { ApiError, missingParameter } from './api-error.ts';
import { ecsActions } from './ecs-actions/index.ts';
import { type IncomingCall, MAX_BODY_BYTES } from './incoming-request.ts';
import { kmsActions } from './kms-actions.ts';
import type { Product } from './wire.ts';

const PRODUCT_BY_VERSION: Readonly<Record<string, Product>> = { '2014-05-26': 'ecs', '2016-01-20': 'kms' };
const ACTIONS: Record<Product, Readonly<Record<string, ActionHandler>>> = {
  ecs: ecsActions,
  kms: kmsActions,
};

export interface Route {
  product: Product;
  action: string;
  handler: ActionHandler;
}

/** The product the request names, if any; errors are answered in its style even when routing fails. */
export function productOf(call: IncomingCall): Product | undefined {
  const version = call.headers['x-acs-version'] ?? call.params.get('Version');
  // hasOwn, so that "constructor" or "__proto__" never name a product or an action.
  return version !== undefined && Object.hasOwn(PRODUCT_BY_VERSION, version)
    ? PRODUCT_BY_VERSION[version]
    : undefined;
}

export function route(call: IncomingCall): Route {
  if (call.body === undefined) {
    throw new ApiError(413, 'RequestEntityTooLarge', `The request body exceeds ${MAX_BODY_BYTES} bytes.`, {
      connection: 'close',
    });
  }
  if (call.method !== 'POST' && call.method !== 'GET') {
    throw new ApiError(403, 'UnsupportedHTTPMethod', `The HTTP method ${call.method} is not supported.`);
  }
  if ((call.headers['x-acs-version'] ?? call.params.get('Version')) === undefined)
    throw missingParameter('Version');
  const product = productOf(call);
  if (product === undefined)
    throw new ApiError(400, 'InvalidVersion', 'Specified parameter Version is not valid.');
  const action = call.headers['x-acs-action'] ?? call.params.get('Action');
  if (action === undefined) throw missingParameter('Action');
  const actions = ACTIONS[product];
  const handler = call.pathname === '/' && Object.hasOwn(actions, action) ? actions[action] : undefined;
  if (!handler) {
    throw new ApiError(
      404,
      'InvalidAction.NotFound',
      'Specified api is not found, please check your url and method.',
    );
  }
  return { product, action, handler };
}

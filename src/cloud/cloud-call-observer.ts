/**
 * What the gateway tells the rest of the bot about each API request it sends, so metrics can
 * count calls and errors by action without the gateway knowing how they are exported.
 */
export interface CloudCallObserver {
  /** One request of `action` (e.g. `CopySnapshot`) goes out; every retry is one more. */
  sent(action: string): void;
  /** That request failed: `code` is the API's error code, or the transport's (CloudError.code). */
  failed(action: string, code: string): void;
}

export const NO_CLOUD_CALL_OBSERVER: CloudCallObserver = {
  sent() {},
  failed() {},
};

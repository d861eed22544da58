/**
 * Tells the crash controller about each call the Alibaba stand-in takes, twice: when it is
 * received (before the stand-in acts on it) and when it has been answered (the reply is written,
 * the bot has not acted on it yet). It wraps the stand-in's call log in this process; nothing in
 * the bot knows about it.
 */
import type { AlibabaStandIn, CallRecord } from '../../src/local/alibaba/index.ts';

export type CallPhase = 'received' | 'answered';

export type CloudCallListener = (call: CallRecord, phase: CallPhase) => void;

export function watchCloudCalls(cloud: AlibabaStandIn, listener: CloudCallListener): () => void {
  const { calls } = cloud;
  const record = calls.record.bind(calls);
  calls.record = (...args) => {
    const call = record(...args);
    listener(call, 'received');
    // The stand-in answers synchronously after logging the call, so the next tick comes after it.
    process.nextTick(() => listener(call, 'answered'));
    return call;
  };
  return () => {
    calls.record = record;
  };
}

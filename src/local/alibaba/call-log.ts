/** Every authenticated request, in arrival order, so tests can count what a caller really sent. */
import type { Product } from './wire.ts';

export interface CallRecord {
  product: Product;
  action: string;
  /** Decoded request parameters; an STS `SecurityToken` is left out because it is a credential. */
  params: Record<string, string>;
  /** Simulated time of arrival (epoch ms). */
  at: number;
  /** HTTP status of the reply, once sent; unset for a dropped connection. */
  status?: number;
}

export class CallLog {
  private records: CallRecord[] = [];

  record(product: Product, action: string, params: ReadonlyMap<string, string>, at: number): CallRecord {
    const visible = Object.fromEntries([...params].filter(([name]) => name !== 'SecurityToken'));
    const record: CallRecord = { product, action, params: visible, at };
    this.records.push(record);
    return record;
  }

  all(): readonly CallRecord[] {
    return this.records;
  }

  callsTo(action: string, product?: Product): CallRecord[] {
    return this.records.filter(
      (r) => r.action === action && (product === undefined || r.product === product),
    );
  }

  count(action: string, product?: Product): number {
    return this.callsTo(action, product).length;
  }

  clear(): void {
    this.records = [];
  }
}

/** Failures the next Web API calls should meet: Slack's rate limit (HTTP 429) or an `ok: false` error. */
export interface FaultSpec {
  /** A method name such as `chat.update`, or `*` for any method. */
  method: string;
  kind: 'ratelimited' | 'error';
  /** For `error`: the error code answered; default `internal_error`. */
  error?: string;
  /** For `ratelimited`: the Retry-After header; default 1. */
  retryAfterSeconds?: number;
  /** How many calls fail; default 1, `Infinity` until cleared. */
  times?: number;
}

export interface Faults {
  inject(fault: FaultSpec): void;
  clear(): void;
  /** Faults not yet used up. */
  pending(): FaultSpec[];
}

export class FaultPlan implements Faults {
  private faults: Array<FaultSpec & { remaining: number }> = [];

  inject(fault: FaultSpec): void {
    this.faults.push({ ...fault, remaining: fault.times ?? 1 });
  }

  clear(): void {
    this.faults = [];
  }

  pending(): FaultSpec[] {
    return this.faults.map(({ remaining, ...fault }) => ({ ...fault, times: remaining }));
  }

  /** The fault this call of `method` meets, if any; it counts as used. */
  take(method: string): FaultSpec | undefined {
    const fault = this.faults.find((candidate) => candidate.method === method || candidate.method === '*');
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((candidate) => candidate !== fault);
    return fault;
  }
}

/** Every Web API call the stand-in answered, for assertions. Tokens are never recorded. */
export interface ApiCall {
  method: string;
  /** Arguments as received (form values are strings; nested ones still JSON text). */
  args: Record<string, unknown>;
  at: number;
  status: number;
  ok: boolean;
  error?: string;
}

export interface CallLog {
  all(): ApiCall[];
  to(method: string): ApiCall[];
  clear(): void;
}

export class ApiCallLog implements CallLog {
  private calls: ApiCall[] = [];

  record(call: ApiCall): void {
    this.calls.push(call);
  }

  all(): ApiCall[] {
    return structuredClone(this.calls);
  }

  to(method: string): ApiCall[] {
    return structuredClone(this.calls.filter((call) => call.method === method));
  }

  clear(): void {
    this.calls = [];
  }
}

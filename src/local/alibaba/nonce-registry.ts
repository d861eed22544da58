/**
 * Signature nonces seen within the timestamp window. A replayed request inside the window is
 * refused; older nonces are forgotten because their timestamps would be refused anyway.
 */
export class NonceRegistry {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly realNow: () => number,
  ) {}

  /** False when the nonce was already used. */
  use(nonce: string): boolean {
    const now = this.realNow();
    // Map iteration follows insertion order, which is time order here.
    for (const [old, at] of this.seen) {
      if (now - at <= this.windowMs) break;
      this.seen.delete(old);
    }
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, now);
    return true;
  }
}

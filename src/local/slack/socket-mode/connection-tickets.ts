/** The `ticket` in a Socket Mode URL: handed out by apps.connections.open, good for one connection. */
import { randomBytes } from 'node:crypto';

export class ConnectionTickets {
  private readonly open = new Set<string>();

  issue(): string {
    const ticket = randomBytes(16).toString('hex');
    this.open.add(ticket);
    return ticket;
  }

  /** True the first time a ticket issued here is used; a second use, like an unknown ticket, fails. */
  redeem(ticket: string | null): boolean {
    return ticket !== null && this.open.delete(ticket);
  }
}

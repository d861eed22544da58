/**
 * Which replica runs the requests. Exactly one replica at a time hosts every actor, timer, the
 * progress poller and the notification outbox; the others only take calls from Slack and relay
 * them (`request-inbox.ts`). A sole replica (the SQLite default) simply always leads.
 */

/** What the runtime does when this replica takes office or leaves it. */
export interface LeadershipTerm {
  /** This replica now leads; `epoch` grows with every term across all replicas (none when sole). */
  elected(epoch: number | undefined): Promise<void>;
  /** This replica must stop every side effect at once: it no longer leads, or cannot tell. */
  deposed(why: string): void;
}

export interface Leadership {
  /** Campaigns until stopped; resolves once the first attempt (and taking office, if won) is done. */
  start(term: LeadershipTerm): Promise<void>;
  /**
   * True while this replica may act as the leader. A lease that ran out by this replica's clock
   * deposes it on the spot, so a process waking from a long pause never acts on stale authority.
   */
  holds(): boolean;
  /**
   * Asks the store, not the clock: renews the lease now and resolves whether this replica still
   * leads. For a surprise such as a record changed behind its back, which only another leader makes.
   */
  confirm(): Promise<boolean>;
  /** The current term's lease epoch; undefined for a sole replica or a follower. */
  epoch(): number | undefined;
  /** Stops campaigning and hands the lease back, so another replica need not wait for it to expire. */
  stop(): Promise<void>;
}

/** One process owns the store (SQLite, one replica): it leads from start to stop, no lease. */
export function soleLeadership(): Leadership {
  let leading = false;
  return {
    async start(term) {
      leading = true;
      await term.elected(undefined);
    },
    holds: () => leading,
    confirm: async () => leading,
    epoch: () => undefined,
    async stop() {
      leading = false;
    },
  };
}

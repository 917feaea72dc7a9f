/**
 * How many contacts each agent has — conversations held (active or in wrap-up) plus offers not
 * yet answered — kept in memory so that a routing decision does not count them in the store.
 *
 * It is a cache of what the store says, never the truth: `fromStore` builds it at start-up (after
 * the offers of the last run are withdrawn), and the ContactCenter adjusts it right after each
 * change it commits (an offer made, an offer closed, a conversation closed after wrap-up, an
 * interaction an agent creates for themselves). Acceptance moves a contact from offered to held:
 * the count does not change. Capacity is not kept here: it is read with the agents who may take a
 * contact, so an administrator's change applies to the next decision.
 */
import type { Store } from '../store/store.js';

/** An agent who may take a contact on a skill, as the store lists them: longest idle first. */
export interface AgentCandidate {
  id: string;
  capacity: number;
}

export class AgentLoads {
  readonly #loads = new Map<string, number>();

  /** The load of every agent as the store counts it now. */
  static async fromStore(store: Store): Promise<AgentLoads> {
    const loads = new AgentLoads();
    for (const [agentId, count] of await store.agentLoads()) loads.#loads.set(agentId, count);
    return loads;
  }

  /** Contacts the agent holds or is offered. */
  of(agentId: string): number {
    return this.#loads.get(agentId) ?? 0;
  }

  /** Counts `by` more (or, negative, fewer) contacts for the agent. */
  add(agentId: string, by: number): void {
    const next = this.of(agentId) + by;
    if (next < 0) throw new Error(`the load of ${agentId} would fall below zero`);
    if (next === 0) this.#loads.delete(agentId);
    else this.#loads.set(agentId, next);
  }

  /** Every agent with at least one contact, and how many (what `Store.agentLoads` returns). */
  snapshot(): Map<string, number> {
    return new Map([...this.#loads].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** Whether one of `candidates` is below capacity. */
  anyRoom(candidates: readonly AgentCandidate[]): boolean {
    return candidates.some((c) => this.of(c.id) < c.capacity);
  }

  /**
   * The agent to offer a contact to: among `candidates` (longest idle first), those below
   * capacity and not in `refused`; the fewest contacts first, then the longest idle — an agent
   * busy with a chat is never preferred over a free one just because it accepted long ago.
   */
  pick(candidates: readonly AgentCandidate[], refused: ReadonlySet<string>): string | undefined {
    let best: string | undefined;
    let bestLoad = Infinity;
    for (const candidate of candidates) {
      const load = this.of(candidate.id);
      if (load < candidate.capacity && load < bestLoad && !refused.has(candidate.id)) {
        best = candidate.id;
        bestLoad = load;
      }
    }
    return best;
  }
}

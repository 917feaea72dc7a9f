/**
 * A minimal observable value. Invariant: state is replaced, never mutated in place, so a
 * subscriber can compare references; listeners run synchronously after each change.
 */
export type Listener<S> = (state: S) => void;

export class Store<S extends object> {
  #state: S;
  readonly #listeners = new Set<Listener<S>>();

  constructor(initial: S) {
    this.#state = initial;
  }

  get state(): S {
    return this.#state;
  }

  /** Merges `patch` into a new state object and notifies listeners. */
  set(patch: Partial<S>): void {
    this.#state = { ...this.#state, ...patch };
    for (const listener of this.#listeners) listener(this.#state);
  }

  /** Calls `listener` on every change; returns the function that unsubscribes. */
  subscribe(listener: Listener<S>): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

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

  /**
   * Resolves with the first answer `pick` gives (not `undefined`), now or after a change, or with
   * `otherwise` once `timeoutMs` has passed.
   */
  when<T>(pick: (state: S) => T | undefined, timeoutMs: number, otherwise: T): Promise<T> {
    const now = pick(this.#state);
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve) => {
      const done = (result: T): void => {
        clearTimeout(timer);
        off();
        resolve(result);
      };
      const timer = setTimeout(() => done(otherwise), Math.max(0, timeoutMs));
      const off = this.subscribe((state) => {
        const result = pick(state);
        if (result !== undefined) done(result);
      });
    });
  }
}

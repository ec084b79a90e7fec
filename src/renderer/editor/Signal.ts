/** A minimal typed event (the three.js editor's "signals"): views subscribe, the editor dispatches. */
export class Signal<T = void> {
  private readonly listeners = new Set<(value: T) => void>();

  /** Subscribes; returns the function that unsubscribes. */
  add(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispatch(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
}

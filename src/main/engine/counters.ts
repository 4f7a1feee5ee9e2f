/**
 * Named counters of notable occurrences (`all/late`, `source/web/rotated`, ...). Counters are
 * committed with the events they describe, so after a restart they continue from exactly the
 * value that was durable: nothing is counted twice.
 */
export class CounterSet {
  private readonly values = new Map<string, number>();
  private readonly dirty = new Set<string>();

  /** Adds `n` (default 1) to a counter. */
  add(name: string, n = 1): void {
    if (n === 0) return;
    this.values.set(name, (this.values.get(name) ?? 0) + n);
    this.dirty.add(name);
  }

  get(name: string): number {
    return this.values.get(name) ?? 0;
  }

  /** Every counter whose name starts with `prefix`, with the prefix removed. */
  withPrefix(prefix: string): Record<string, number> {
    const result: Record<string, number> = {};
    for (const [name, value] of this.values) {
      if (name.startsWith(prefix)) result[name.slice(prefix.length)] = value;
    }
    return result;
  }

  /** The counters changed since the last call, for the next commit. */
  takeChanged(): Map<string, number> {
    const changed = new Map<string, number>();
    for (const name of this.dirty) changed.set(name, this.values.get(name) ?? 0);
    this.dirty.clear();
    return changed;
  }

  /** Starts from durable values (after a restart), marking nothing as changed. */
  load(values: ReadonlyMap<string, number>): void {
    for (const [name, value] of values) this.values.set(name, value);
  }
}

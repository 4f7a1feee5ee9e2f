/** Running sums of key counts, kept as plain Maps so that the hot path allocates nothing. */

/** Adds `amount` (events) to `key`'s count in `counts`. */
export function addCount(counts: Map<string, number>, key: string, amount: number): void {
  counts.set(key, (counts.get(key) ?? 0) + amount);
}

/**
 * Takes `amount` (events) from `key`'s count and drops the key when nothing is left, so that a
 * map's size is the number of keys with a positive count.
 */
export function subtractCount(counts: Map<string, number>, key: string, amount: number): void {
  const left = (counts.get(key) ?? 0) - amount;
  if (left > 0) counts.set(key, left);
  else counts.delete(key);
}

/** A bounded memo of lookup results, evicting the least recently used entry when full. */
export interface LookupCache<V> {
  /**
   * Returns the remembered result for `key`, or computes, remembers and returns it.
   *
   * @param key - The lookup key, e.g. a canonical IP address.
   * @param compute - Produces the result on a miss; `null` results are remembered too.
   */
  getOrCompute(key: string, compute: () => V): V;
  /** Entries currently held. */
  readonly size: number;
}

/**
 * Creates an empty cache holding at most `maxEntries` results.
 *
 * @param maxEntries - A non-negative integer; `0` turns caching off.
 * @throws RangeError when `maxEntries` is negative or not an integer.
 */
export function createLookupCache<V>(maxEntries: number): LookupCache<V> {
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 0) {
    throw new RangeError('Cache size must be a non-negative integer');
  }
  const entries = new Map<string, V>();
  return {
    getOrCompute: (key, compute): V => getOrCompute(entries, maxEntries, key, compute),
    get size(): number {
      return entries.size;
    },
  };
}

function getOrCompute<V>(
  entries: Map<string, V>,
  maxEntries: number,
  key: string,
  compute: () => V,
): V {
  if (entries.has(key)) {
    const hit = entries.get(key) as V;
    // Re-inserting moves the key to the end of the Map's order, which makes it the newest.
    entries.delete(key);
    entries.set(key, hit);
    return hit;
  }
  const value = compute();
  if (maxEntries === 0) return value;
  if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
  entries.set(key, value);
  return value;
}

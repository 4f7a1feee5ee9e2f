const BITS_PER_WORD = 32;

/**
 * A fixed-size Bloom filter over string ids: `has` never misses an id that was added, and
 * answers true for an id never added with a small probability (a false positive).
 *
 * The k bit positions come from double hashing (Kirsch and Mitzenmacher): position i is
 * `h1 + i * h2` modulo the bit count, with h1 an FNV-1a hash and h2 a Murmur3-style hash of the
 * id's UTF-16 code units. Neither `add` nor `has` allocates.
 *
 * @example
 * const seen = BloomFilter.sized(100_000, 0.01); // about 117 KiB, 7 hashes
 * seen.add('order-17'); // true: it was new
 * seen.has('order-17'); // true
 */
export class BloomFilter {
  /** Bits in the filter (m). */
  readonly bitCount: number;
  /** Bit positions per id (k). */
  readonly hashCount: number;
  private readonly words: Uint32Array;
  private addedIds = 0;
  private setBits = 0;

  constructor(bitCount: number, hashCount: number) {
    if (!Number.isSafeInteger(bitCount) || bitCount < 1) {
      throw new RangeError(`bitCount must be a positive integer, got ${bitCount}`);
    }
    if (!Number.isSafeInteger(hashCount) || hashCount < 1) {
      throw new RangeError(`hashCount must be a positive integer, got ${hashCount}`);
    }
    this.bitCount = bitCount;
    this.hashCount = hashCount;
    this.words = new Uint32Array(Math.ceil(bitCount / BITS_PER_WORD));
  }

  /**
   * The smallest filter that holds `expectedItems` ids at a false-positive rate of
   * `targetFpRate` (0 < rate < 1): m = -n ln p / (ln 2)^2 bits and k = round(m / n * ln 2).
   */
  static sized(expectedItems: number, targetFpRate: number): BloomFilter {
    if (!Number.isFinite(expectedItems) || expectedItems < 1) {
      throw new RangeError(`expectedItems must be at least 1, got ${expectedItems}`);
    }
    if (!(targetFpRate > 0 && targetFpRate < 1)) {
      throw new RangeError(`targetFpRate must be between 0 and 1, got ${targetFpRate}`);
    }
    const bits = Math.ceil((-expectedItems * Math.log(targetFpRate)) / Math.LN2 ** 2);
    const hashes = Math.max(1, Math.round((bits / expectedItems) * Math.LN2));
    return new BloomFilter(bits, hashes);
  }

  /** Ids added that were new to the filter (an id the filter already held is not counted). */
  get count(): number {
    return this.addedIds;
  }

  /** Bytes held by the bit array. */
  get memoryBytes(): number {
    return this.words.byteLength;
  }

  /** Fraction of bits set, between 0 and 1. */
  get fill(): number {
    return this.setBits / this.bitCount;
  }

  /**
   * Adds an id. Returns true when it was new (at least one of its bits was unset) and false
   * when the filter (probably) held it already, so a test-and-add costs one hashing.
   */
  add(id: string): boolean {
    const bitCount = this.bitCount;
    const step = murmur3(id) % bitCount || 1;
    let position = fnv1a(id) % bitCount;
    let changed = false;

    for (let i = 0; i < this.hashCount; i++) {
      const word = position >>> 5;
      const mask = 1 << (position & 31);
      if ((this.words[word] & mask) === 0) {
        this.words[word] |= mask;
        this.setBits++;
        changed = true;
      }
      position += step;
      if (position >= bitCount) position -= bitCount;
    }

    if (changed) this.addedIds++;
    return changed;
  }

  /** True when the id was (probably) added; never false for an id that was added. */
  has(id: string): boolean {
    const bitCount = this.bitCount;
    const step = murmur3(id) % bitCount || 1;
    let position = fnv1a(id) % bitCount;

    for (let i = 0; i < this.hashCount; i++) {
      if ((this.words[position >>> 5] & (1 << (position & 31))) === 0) return false;
      position += step;
      if (position >= bitCount) position -= bitCount;
    }
    return true;
  }

  /**
   * The chance, between 0 and 1, that `has` answers true for an id never added, from the
   * fraction of bits actually set: fill^k. Unlike the (1 - e^(-kn/m))^k formula it needs no
   * assumption about how the ids hashed.
   */
  estimatedFalsePositiveRate(): number {
    return this.fill ** this.hashCount;
  }

  /** Forgets every id, keeping the bit array (no allocation). */
  clear(): void {
    this.words.fill(0);
    this.addedIds = 0;
    this.setBits = 0;
  }
}

/** FNV-1a over UTF-16 code units, unsigned 32-bit. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  // FNV's last step spreads poorly into the low bits that a modulo keeps; the finalizer fixes it.
  return finalize(hash);
}

/** Murmur3's per-block mix applied to each UTF-16 code unit, unsigned 32-bit. */
function murmur3(text: string): number {
  let hash = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    let unit = Math.imul(text.charCodeAt(i), 0xcc9e2d51);
    unit = (unit << 15) | (unit >>> 17);
    hash ^= Math.imul(unit, 0x1b873593);
    hash = (hash << 13) | (hash >>> 19);
    hash = (Math.imul(hash, 5) + 0xe6546b64) | 0;
  }
  return finalize(hash ^ text.length);
}

/** Murmur3's fmix32 avalanche: every input bit affects every output bit. */
function finalize(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/**
 * Draws ranks `0 … size-1` with probability proportional to `1 / (rank + 1) ^ exponent` (a
 * Zipf distribution; exponent 0 is uniform). Holds one cumulative table of `size` doubles.
 */
export class ZipfSampler {
  private readonly cumulative: Float64Array;

  constructor(size: number, exponent: number) {
    this.cumulative = new Float64Array(size);
    let total = 0;
    for (let rank = 0; rank < size; rank++) {
      total += 1 / Math.pow(rank + 1, exponent);
      this.cumulative[rank] = total;
    }
    for (let rank = 0; rank < size; rank++) this.cumulative[rank] /= total;
  }

  /** The rank drawn by `unit`, a uniform number in [0, 1). */
  sample(unit: number): number {
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.cumulative[middle] > unit) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /** The probability of `rank`. */
  probability(rank: number): number {
    return this.cumulative[rank] - (rank === 0 ? 0 : this.cumulative[rank - 1]);
  }
}

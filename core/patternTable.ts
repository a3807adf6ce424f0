/**
 * A fixed-size hash table from a pattern of flags (a few 30-bit words) to what was worked out for it, for
 * core/missingEvidence.ts: every row looks its pattern of missing cells up. Open addressing over typed
 * arrays rather than a map per word: a lookup hashes the words once and reads one compact array, where a
 * tree of maps took a hashed probe and a scattered object per word, and profiles showed them.
 */

/** Patterns kept at most: a register of ever new patterns cannot grow the table. */
export const MOST_PATTERNS = 4096;
/** Slots: a power of two at least twice the patterns kept, so probes stay short. */
const SLOTS = 8192;

/** Flags of `words` words to values of type `V`; at most `MOST_PATTERNS` of them. */
export class PatternTable<V> {
  readonly #words: number;
  /** Each slot's flags, `words` numbers a slot. */
  readonly #keys: Int32Array;
  /** Each slot's value; `undefined` where the slot is free. */
  readonly #values: (V | undefined)[];
  #size = 0;

  constructor(words: number) {
    this.#words = words;
    this.#keys = new Int32Array(SLOTS * words);
    this.#values = new Array<V | undefined>(SLOTS).fill(undefined);
  }

  /** The slot holding `flags` or, where none does, the free slot it would go in. */
  slotOf(flags: readonly number[]): number {
    const words = this.#words;
    const keys = this.#keys;
    const values = this.#values;
    let h = 0;
    for (let w = 0; w < words; w++) h = Math.imul(h ^ flags[w]!, 0x9e3779b1);
    let slot = (h ^ (h >>> 15)) & (SLOTS - 1);
    for (;;) {
      if (values[slot] === undefined) return slot;
      let same = true;
      for (let w = 0, at = slot * words; w < words; w++, at++) {
        if (keys[at] !== flags[w]) {
          same = false;
          break;
        }
      }
      if (same) return slot;
      slot = (slot + 1) & (SLOTS - 1);
    }
  }

  /** The value in `slot` (from `slotOf`), `undefined` where it is free. */
  at(slot: number): V | undefined {
    return this.#values[slot];
  }

  /** Keeps `value` for `flags` in `slot` (from `slotOf`, free), unless the table holds its most already. */
  keep(slot: number, flags: readonly number[], value: V): void {
    if (this.#size >= MOST_PATTERNS) return;
    this.#size++;
    for (let w = 0; w < this.#words; w++) this.#keys[slot * this.#words + w] = flags[w]!;
    this.#values[slot] = value;
  }
}

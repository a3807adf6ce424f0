/**
 * A fixed-size hash table from a pattern of flags (a few 30-bit words) to what was worked out for it, for
 * core/missingEvidence.ts: every row looks its pattern of missing cells up. Open addressing over one typed
 * array rather than a map per word: a lookup hashes the words once and reads one row of it, where a tree of
 * maps took a hashed probe and a scattered object per word, and profiles showed them.
 *
 * A slot's row holds its flags, its value's place, and room for a few numbers a reader of the value keeps
 * (`roomAt`): the row a lookup has just read, so a row of the register that reads them reads nothing more.
 */

/** Patterns kept at most: a register of ever new patterns cannot grow the table. */
export const MOST_PATTERNS = 4096;
/** Slots: a power of two at least twice the patterns kept, so probes stay short. */
const SLOTS = 8192;
/** Numbers a row takes at least: a row of 16 (64 bytes) is one cache line. */
const ROW = 16;

/** Flags of `words` words to values of type `V`; at most `MOST_PATTERNS` of them. */
export class PatternTable<V> {
  readonly #words: number;
  /**
   * Each slot's row of `stride` numbers: the flags (`words` numbers), the value's place in `#values` plus 1
   * (0 where the slot is free), then the room (`roomAt`).
   */
  readonly rows: Int32Array;
  readonly #stride: number;
  /**
   * The values kept, in the order kept, and how many. Made full length and of any value (`fill`), whatever
   * the values: a list grown by `push` changed its elements kind with its first value, and deoptimised its reader.
   */
  readonly #values: (V | undefined)[] = new Array<V | undefined>(MOST_PATTERNS).fill(undefined);
  #size = 0;

  /** `room`: the numbers a reader of a value may keep in its row (at least). */
  constructor(words: number, room = 0) {
    this.#words = words;
    this.#stride = Math.ceil((words + 1 + room) / ROW) * ROW;
    this.rows = new Int32Array(SLOTS * this.#stride);
  }

  /** The slot holding `flags` or, where none does, the free slot it would go in. */
  slotOf(flags: readonly number[]): number {
    const words = this.#words;
    const stride = this.#stride;
    const rows = this.rows;
    let h = 0;
    for (let w = 0; w < words; w++) h = Math.imul(h ^ flags[w]!, 0x9e3779b1);
    let slot = (h ^ (h >>> 15)) & (SLOTS - 1);
    for (;;) {
      const at = slot * stride;
      if (rows[at + words] === 0) return slot;
      let same = true;
      for (let w = 0; w < words; w++) {
        if (rows[at + w] !== flags[w]) {
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
    const place = this.rows[slot * this.#stride + this.#words]!;
    return place === 0 ? undefined : this.#values[place - 1];
  }

  /** Where the room of `slot`'s row begins in `rows`: `stride - words - 1` numbers, zeros until a reader writes them. */
  roomAt(slot: number): number {
    return slot * this.#stride + this.#words + 1;
  }

  /** The room a row has (at least the `room` asked for). */
  get room(): number {
    return this.#stride - this.#words - 1;
  }

  /**
   * Keeps `value` for `flags` in `slot` (from `slotOf`, free), unless the table holds its most already;
   * whether it was kept.
   */
  keep(slot: number, flags: readonly number[], value: V): boolean {
    if (this.#size >= MOST_PATTERNS) return false;
    const at = slot * this.#stride;
    for (let w = 0; w < this.#words; w++) this.rows[at + w] = flags[w]!;
    this.#values[this.#size++] = value;
    this.rows[at + this.#words] = this.#size;
    return true;
  }
}

import { describe, expect, it } from 'vitest';
import { MOST_PATTERNS, PatternTable } from '../../core/patternTable';

describe('a table of patterns of flags', () => {
  it('finds each pattern kept, by all of its words', () => {
    const table = new PatternTable<string>(2);
    const patterns = [[1, 0], [0, 1], [1, 1], [0, 2], [2 ** 29, 3]];
    for (const flags of patterns) {
      const slot = table.slotOf(flags);
      expect(table.at(slot)).toBeUndefined();
      table.keep(slot, flags, flags.join(' '));
    }
    for (const flags of patterns) expect(table.at(table.slotOf(flags))).toBe(flags.join(' '));
    expect(table.at(table.slotOf([2, 0]))).toBeUndefined();
  });

  it(`keeps at most ${MOST_PATTERNS} patterns, and finds those it kept`, () => {
    const table = new PatternTable<number>(1);
    for (let i = 1; i <= MOST_PATTERNS + 10; i++) table.keep(table.slotOf([i]), [i], i);
    expect(table.at(table.slotOf([MOST_PATTERNS]))).toBe(MOST_PATTERNS);
    expect(table.at(table.slotOf([MOST_PATTERNS + 1]))).toBeUndefined();
  });

  it('gives each kept pattern room of its own for a reader\'s numbers, zeros until written', () => {
    const table = new PatternTable<string>(2, 12);
    expect(table.room).toBeGreaterThanOrEqual(12);
    const slots = [[1, 0], [0, 1]].map((flags) => {
      const slot = table.slotOf(flags);
      expect(table.keep(slot, flags, flags.join(' '))).toBe(true);
      return slot;
    });
    const [a, b] = slots.map((slot) => table.roomAt(slot));
    expect(Math.abs(a! - b!)).toBeGreaterThanOrEqual(table.room);
    expect([...table.rows.subarray(a, a! + table.room)].every((x) => x === 0)).toBe(true);
    table.rows.fill(7, a, a! + table.room);
    expect(table.at(table.slotOf([1, 0]))).toBe('1 0');
    expect(table.at(table.slotOf([0, 1]))).toBe('0 1');
  });
});

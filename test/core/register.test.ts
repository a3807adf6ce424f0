/**
 * `categoriseRegister`'s `onlyRows` (core/register.ts): the rows asked for come out as a whole run gives
 * them, a URN repeated from a row not asked for is still found, and a list the reader cannot follow
 * (out of order, repeated, past the end) is refused at once rather than skipping rows without a word.
 */
import { describe, expect, it } from 'vitest';
import { BENCH_AS_OF, englandRegister } from '../../bench/englandRegister';
import { frameworkById } from '../../core/frameworks';
import { categoriseRegister } from '../../core/register';

const fw = frameworkById('herefordshire')!;
const { header, rows } = englandRegister(60);
const options = { asOf: BENCH_AS_OF, headerRowNumber: 1 };

describe('only some rows', () => {
  it('gives the rows asked for as the whole register does, and finds a URN repeated from a row not asked for', () => {
    const urn = header.indexOf('URN');
    const repeated = rows.map((r, i) => (i === 40 ? r.map((c, k) => (k === urn ? rows[3]![urn]! : c)) : r));
    const whole = categoriseRegister(fw, header, repeated, options);
    const some = categoriseRegister(fw, header, repeated, { ...options, onlyRows: [5, 40, 59] });
    expect(some.rows.map((r) => r.row)).toEqual([7, 42, 61]);
    for (const r of some.rows) expect(JSON.stringify(r)).toBe(JSON.stringify(whole.rows.find((w) => w.row === r.row)));
    expect(some.rows[1]!.problems.map((p) => p.kind)).toContain('duplicate-urn');
  });

  it.each([[[5, 3]], [[5, 5]], [[60]], [[-1]]])('refuses %j', (onlyRows) => {
    expect(() => categoriseRegister(fw, header, rows, { ...options, onlyRows })).toThrow(RangeError);
  });
});

/**
 * `categoriseRegister`'s `onlyRows` (core/register.ts): the rows asked for come out as a whole run gives
 * them, a URN repeated from a row not asked for is still found, and a list the reader cannot follow
 * (out of order, repeated, past the end) is refused at once rather than skipping rows without a word.
 */
import { describe, expect, it } from 'vitest';
import { BENCH_AS_OF, englandRegister } from '../../bench/englandRegister';
import { frameworkById } from '../../core/frameworks';
import { categoriseRegister, visitRegister } from '../../core/register';

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

/**
 * V8 makes a literal's objects in the old generation once those made at the same place have outlived the
 * young one. A run that keeps every outcome (the pane, the command line) would then make each later run's
 * per-school objects old, RISKCATEGORY's among them, which it lets go at once: about 40 MB promoted a call
 * and scavenges of 10-30 ms, 1.3-1.6x its time (docs/performance.md, session 16). Objects a class makes
 * are never made old so, which is why the facts, the outcome, the provisional result and the worst case are
 * made by one. (The result stays a literal: made old, it would keep alive only its worst case.)
 */
describe('the objects of a school', () => {
  it('are made by classes, not literals, so a run that keeps them cannot make a later run\'s old', () => {
    const made: Record<string, object[]> = { outcome: [], facts: [], provisional: [], worstCase: [] };
    visitRegister(frameworkById('southwark')!, header, rows, { ...options, reasons: false }, (r) => {
      made.outcome!.push(r);
      made.facts!.push(r.record);
      if (r.provisional) made.provisional!.push(r.provisional);
      if (r.result?.worstCase) made.worstCase!.push(r.result.worstCase);
    });
    for (const [what, objects] of Object.entries(made)) {
      expect(objects.length, what).toBeGreaterThan(0);
      for (const o of objects) expect(Object.getPrototypeOf(o), what).not.toBe(Object.prototype);
    }
    // Their shared lists are frozen, so a shell cannot change another school's through its own.
    const offered = categoriseRegister(frameworkById('oxfordshire')!, header, rows, options).rows.map((r) => r.result?.additional).filter((a) => a !== undefined && a.length > 0);
    expect(offered.length).toBeGreaterThan(0);
    for (const a of offered) expect(Object.isFrozen(a)).toBe(true);
  });
});

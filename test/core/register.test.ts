/**
 * `categoriseRegister`'s `onlyRows` (core/register.ts): the rows asked for come out as a whole run gives
 * them, a URN repeated from a row not asked for is still found, and a list the reader cannot follow
 * (out of order, repeated, past the end) is refused at once rather than skipping rows without a word.
 */
import { describe, expect, it } from 'vitest';
import { BENCH_AS_OF, englandRegister } from '../../bench/englandRegister';
import { allFrameworks, frameworkById } from '../../core/frameworks';
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
 * are never made old so, which is why the outcome, the provisional result and the worst case are made by one.
 * (The result stays a literal: made old, it would keep alive only its worst case. The facts are one object
 * for the whole run, refilled for each row.)
 */
describe('the objects of a school', () => {
  it('are made by classes, not literals, so a run that keeps them cannot make a later run\'s old', () => {
    const made: Record<string, object[]> = { outcome: [], provisional: [], worstCase: [] };
    const facts = new Set<object>();
    visitRegister(frameworkById('southwark')!, header, rows, { ...options, reasons: false }, (r) => {
      made.outcome!.push(r);
      facts.add(r.record);
      if (r.provisional) made.provisional!.push(r.provisional);
      if (r.result?.worstCase) made.worstCase!.push(r.result.worstCase);
    });
    for (const [what, objects] of Object.entries(made)) {
      expect(objects.length, what).toBeGreaterThan(0);
      for (const o of objects) expect(Object.getPrototypeOf(o), what).not.toBe(Object.prototype);
    }
    // A run that lets each school go refills one facts object (factShape.ts refilledFacts).
    expect(facts.size).toBe(1);
    // Their shared lists are frozen, so a shell cannot change another school's through its own.
    const offered = categoriseRegister(frameworkById('oxfordshire')!, header, rows, options).rows.map((r) => r.result?.additional).filter((a) => a !== undefined && a.length > 0);
    expect(offered.length).toBeGreaterThan(0);
    for (const a of offered) expect(Object.isFrozen(a)).toBe(true);
  });
});

/**
 * RISKCATEGORY's run (`visitRegister`) refills one facts object for every row. Each row's outcome, read
 * as its visitor reads it, is the one a run that makes every school's facts afresh gives: nothing of one
 * school is left in the next's facts, a blank cell after a filled one included.
 */
describe('a run that refills one facts object', () => {
  // Every third cell blanked in turn, and some damaged, so a row's blank follows the row before's value.
  const damaged = rows.map((r, i) => r.map((c, k) => ((i + k) % 3 === 0 ? '' : (i + k) % 17 === 0 ? 'not a value' : c)));
  it.each(allFrameworks().map((f) => [f.definition.id]))('gives every row of %s as a run that keeps them', (id) => {
    const f = frameworkById(id)!;
    const kept = categoriseRegister(f, header, damaged, { ...options, reasons: true });
    const seen: string[] = [];
    const said = (r: { row: number; problems: readonly unknown[]; result: { label: string; variant: unknown; reasons: readonly { text: string }[] } | null; provisional: unknown; inspection: unknown }) =>
      JSON.stringify([r.row, r.problems, r.result?.label, r.result?.variant, r.result?.reasons.map((x) => x.text), r.provisional, r.inspection]);
    visitRegister(f, header, damaged, { ...options, reasons: true }, (r) => seen.push(said(r)));
    expect(seen.length).toBe(kept.rows.length);
    expect(seen).toEqual(kept.rows.map(said));
    expect(new Set(kept.rows.map((r) => r.result?.label)).size).toBeGreaterThan(1);
  });
});

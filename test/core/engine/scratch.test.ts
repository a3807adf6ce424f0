/**
 * `categorise` reuses working arrays from school to school (core/engine/evaluate.ts): the facts by slot
 * (copied by the generated `readSlots`), the outcome bits, the criteria's outcomes and the marks of the
 * criteria that decided the category. These tests hold that a school's result depends on nothing left
 * there by the schools before it, and that `readSlots` copies every fact to its slot.
 */
import { describe, expect, it } from 'vitest';
import { BENCH_AS_OF, englandRegister } from '../../../bench/englandRegister';
import { deriveFacts } from '../../../core/deriveFacts';
import { categorise, compileChecked, type CategoriseOptions } from '../../../core/engine';
import { factAt, FACT_KEYS, readSlots } from '../../../core/factShape';
import type { Facts } from '../../../core/facts';
import { allFrameworks } from '../../../core/frameworks';
import { readRegister } from '../../../core/record';

const { header, rows } = englandRegister(300);
const facts = readRegister(header, rows, { asOf: BENCH_AS_OF, headerRowNumber: 1 }).records.map((r) => deriveFacts(r!, BENCH_AS_OF).facts);
// Every third school with its trace: a school without one follows a school with one, and the other way.
const optionsOf = (i: number): CategoriseOptions => (i % 3 === 0 ? { trace: true } : {});
const resultOf = (fw: Parameters<typeof categorise>[0], i: number) => JSON.stringify(categorise(fw, facts[i]!, optionsOf(i)));

describe('categorise keeps nothing from one school for the next', () => {
  for (const fw of allFrameworks()) {
    it(`${fw.definition.id}: each school gives the same result after the others, in either order, as on a framework compiled afresh`, () => {
      const forwards = facts.map((_, i) => resultOf(fw, i));
      const backwards = facts.map((_, i) => resultOf(fw, facts.length - 1 - i)).reverse();
      expect(backwards).toEqual(forwards);
      // A framework compiled afresh has never seen a school: nothing can be left in its working arrays.
      for (let i = 0; i < facts.length; i += 10) expect(resultOf(compileChecked(fw.definition, fw.origin), i), `school ${i}`).toBe(forwards[i]);
      // The register holds schools with reasons and notes both, or the order could not show.
      expect(forwards.some((r) => JSON.parse(r).notes.length > 0 && JSON.parse(r).reasons.length > 0)).toBe(true);
    });
  }
});

describe('a school whose facts throw leaves nothing for the next', () => {
  for (const fw of allFrameworks()) {
    it(`${fw.definition.id}: after a school stopped between marking its deciding criteria and listing its reasons, every school gives its own result`, () => {
      const clean = facts.map((_, i) => resultOf(compileChecked(fw.definition, fw.origin), i));
      const used = compileChecked(fw.definition, fw.origin);
      facts.forEach((f, i) => {
        // The override is read after the category is decided and its criteria marked, before the reasons are listed.
        const throwing = new Proxy(f, { get: (t, k) => (k === 'categoryOverride' ? (() => { throw new Error('a facts object that throws'); })() : Reflect.get(t, k)) });
        expect(() => categorise(used, throwing, optionsOf(i))).toThrow('a facts object that throws');
        // Another school next: marks left by the one that threw would split its reasons and notes wrongly.
        const next = (i + 7) % facts.length;
        expect(resultOf(used, next), `school ${next} after school ${i}`).toBe(clean[next]);
      });
    });
  }
});

describe('readSlots', () => {
  it('copies each fact to its slot, by name, and writes no other slot', () => {
    const distinct = Object.fromEntries(FACT_KEYS.map((k, i) => [k, `value of ${k} (${i})`])) as unknown as Facts;
    // Every second fact, in reverse order of slots.
    const read = FACT_KEYS.map((_, i) => i).filter((i) => i % 2 === 0);
    const slotOf = new Int32Array(FACT_KEYS.length).fill(-1);
    read.forEach((n, slot) => (slotOf[n] = read.length - 1 - slot));
    const v: unknown[] = Array.from({ length: read.length + 1 }, () => 'untouched');
    readSlots(distinct, slotOf, v);
    expect(v).toEqual([...read.map((n) => `value of ${FACT_KEYS[n]} (${n})`).reverse(), 'untouched']);
  });

  it('gives every built-in framework the facts `factAt` gives, slot by slot', () => {
    for (const fw of allFrameworks()) {
      for (const f of facts.slice(0, 50)) {
        const v: unknown[] = fw.slotNumbers.map(() => 'untouched');
        readSlots(f, fw.slotOfFact, v);
        expect(v).toEqual(fw.slotNumbers.map((n) => factAt(f, n)));
      }
    }
  });
});

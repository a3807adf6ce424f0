/**
 * Properties at scale: 100,000 generated schools per framework (a seeded generator in a loop, not
 * fast-check shrinking, to stay within seconds) are each given exactly one of the framework's categories
 * with a reason; categorising them again gives the same results; and making any one indicator worse
 * never gives a less concerning category (seeded sample plus a fast-check sample that shrinks a failure).
 * HARDENING_RECORDS changes the number of schools.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/seededRandom';
import { categorise, categoryRank } from '../../core/engine';
import { allFrameworks } from '../../core/frameworks';
import { AREA_FIELDS } from '../../core/fields';
import { CONCERN_FIELDS, type Facts } from '../../core/facts';
import { HIGHER_IS_WORSE, LOWER_IS_WORSE, factsOf, schoolState, worsenings, type SchoolState } from '../support/arbitraryFacts';

const RECORDS = Number(process.env.HARDENING_RECORDS ?? 100_000);
const GRADES = ['outstanding', 'good', 'requires-improvement', 'inadequate', 'serious-weaknesses', 'special-measures', 'none'] as const;
const PHASES = ['primary', 'secondary', 'special', 'nursery', 'all-through'] as const;
const FLAGS = [...CONCERN_FIELDS, 'headteacherInterim', 'ungradedConcerns', 'inspectionDueThisTerm', 'inspectionOverdue'] as const;

/** A school state from a seeded stream: every field blank about a third of the time, extremes included. */
function seededState(rnd: () => number): SchoolState {
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const maybe = <T>(v: () => T): T | undefined => (rnd() < 0.33 ? undefined : v());
  const numbers: SchoolState['numbers'] = {};
  for (const k of HIGHER_IS_WORSE) { const v = maybe(() => int(0, 60)); if (v !== undefined) numbers[k] = v; }
  for (const k of LOWER_IS_WORSE) { const v = maybe(() => int(-10, 100)); if (v !== undefined) numbers[k] = v; }
  const ordered: SchoolState['ordered'] = {};
  for (const k of ['attainmentTrend', 'disadvantagedGapTrend', 'laJudgement'] as const) { const v = maybe(() => int(0, k === 'laJudgement' ? 4 : 2)); if (v !== undefined) ordered[k] = v; }
  const flags: SchoolState['flags'] = {};
  for (const k of FLAGS) { const v = maybe(() => rnd() < 0.2); if (v !== undefined) flags[k] = v; }
  const areas: SchoolState['areas'] = {};
  for (const k of AREA_FIELDS) { const v = maybe(() => int(0, 3)); if (v !== undefined) areas[k] = v; }
  return {
    grade: GRADES[int(0, GRADES.length - 1)]!,
    previousGrade: GRADES[int(0, GRADES.length - 1)]!,
    safeguardingEffective: maybe(() => rnd() < 0.9),
    isAcademy: rnd() < 0.5,
    phase: PHASES[int(0, PHASES.length - 1)]!,
    risk: int(0, 2),
    numbers, ordered, flags, areas,
    ks2Cohort: maybe(() => int(0, 120)),
  };
}

/** The generated schools, built once and shared by every framework (building facts costs as much as categorising). */
let schools: { states: SchoolState[]; facts: Facts[] } | null = null;
function generated(): { states: SchoolState[]; facts: Facts[] } {
  if (schools === null) {
    const rnd = seededRandom(0x5c4001);
    const states = Array.from({ length: RECORDS }, () => seededState(rnd));
    schools = { states, facts: states.map(factsOf) };
  }
  return schools;
}

describe.each(allFrameworks().map((fw) => [fw.definition.id, fw] as const))('%s at scale', (id, fw) => {
  const ids = new Set(fw.definition.categories.map((c) => c.id));

  it(`is total and deterministic over ${RECORDS.toLocaleString('en-GB')} generated schools`, () => {
    const { states: all, facts } = generated();
    const firstPass: string[] = [];
    const states: SchoolState[] = [];
    const counts = new Map<string, number>();
    for (let i = 0; i < RECORDS; i++) {
      const s = all[i]!;
      const r = categorise(fw, facts[i]!);
      // expect() per record costs more than the categorisation: check cheaply, fail with the school.
      if (!ids.has(r.category) || r.reasons.length === 0) expect({ school: s, category: r.category, reasons: r.reasons }).toBe('a category of the framework, with a reason');
      counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
      if (i % 10 === 0) {
        firstPass.push(`${r.category}|${r.variant?.id ?? ''}|${r.reasons.map((x) => x.criterion).join(',')}`);
        states.push(s);
      }
    }
    // Every category is reached by some generated school, so "total" is not met by one category alone.
    expect([...counts.keys()].sort()).toEqual([...ids].sort());
    // Deterministic: a tenth of them again, facts rebuilt, the same category, variant and reasons.
    const again = states.map((s) => {
      const r = categorise(fw, factsOf(s));
      return `${r.category}|${r.variant?.id ?? ''}|${r.reasons.map((x) => x.criterion).join(',')}`;
    });
    expect(again).toEqual(firstPass);
  });

  it('is monotone on 400 seeded schools: one indicator worse never gives a less concerning category', () => {
    const rnd = seededRandom(0x3a11 + id.length);
    for (let i = 0; i < 400; i++) {
      const s = seededState(rnd);
      const rank = categoryRank(fw, categorise(fw, factsOf(s)).category)!;
      for (const { what, state } of worsenings(s)) {
        const worse = categoryRank(fw, categorise(fw, factsOf(state)).category)!;
        if (worse < rank) expect({ school: s, what, before: rank, after: worse }).toBe('no less concerning after a worsening');
      }
    }
  });

  it('is monotone on a fast-check sample (shrinks a counter-example)', () => {
    fc.assert(fc.property(schoolState, (s) => {
      const rank = categoryRank(fw, categorise(fw, factsOf(s)).category)!;
      return worsenings(s).every(({ state }) => categoryRank(fw, categorise(fw, factsOf(state)).category)! >= rank);
    }), { numRuns: 100, seed: 20261101 });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categorise, categoryRank } from '../../../core/engine';
import { allFrameworks } from '../../../core/frameworks';
import { factsOf, schoolState, worsenings } from '../../support/arbitraryFacts';
import { repeatedReasonLines } from '../../support/repeatedReasons';

const RUNS = process.env.PROPERTY_RUNS ? Number(process.env.PROPERTY_RUNS) : 300;

describe.each(allFrameworks().map((fw) => [fw.definition.id, fw] as const))('%s: properties', (_id, fw) => {
  it('is total: every school gets one of the framework\'s categories, never a throw', () => {
    const ids = fw.definition.categories.map((c) => c.id);
    fc.assert(fc.property(schoolState, (s) => {
      const r = categorise(fw, factsOf(s), { trace: true });
      expect(ids).toContain(r.category);
      expect(r.trace).toHaveLength(fw.definition.criteria.length);
    }), { numRuns: RUNS });
  });

  it('is deterministic and leaves its input unchanged', () => {
    fc.assert(fc.property(schoolState, (s) => {
      const facts = factsOf(s);
      const before = JSON.stringify(facts);
      // Through JSON, so the reasons' lazily built text is compared too.
      expect(JSON.stringify(categorise(fw, facts, { trace: true }))).toBe(JSON.stringify(categorise(fw, facts, { trace: true })));
      expect(JSON.stringify(facts)).toBe(before);
    }), { numRuns: RUNS });
  });

  it('is monotone: making any one indicator worse never gives a less concerning category', () => {
    fc.assert(fc.property(schoolState, (s) => {
      const rank = categoryRank(fw, categorise(fw, factsOf(s)).category)!;
      for (const { what, state } of worsenings(s)) {
        const worse = categorise(fw, factsOf(state));
        expect(categoryRank(fw, worse.category), `${what}: ${worse.reasons.map((r) => r.text).join(' | ')}`).toBeGreaterThanOrEqual(rank);
      }
    }), { numRuns: RUNS });
  });

  // Only best-fit frameworks (Southwark) have a median to check.
  if (fw.definition.selection.kind === 'bestFit') it('best fit is the median of the fired criteria\'s categories (ties to the greater concern), or a fired critical criterion\'s if higher', () => {
    const rankOf = (id: string) => categoryRank(fw, id)!;
    const byId = new Map(fw.definition.criteria.map((c) => [c.id, c]));
    fc.assert(fc.property(schoolState, (s) => {
      const r = categorise(fw, factsOf(s), { trace: true });
      const evidence = r.trace.filter((t) => t.outcome === 'fired').map((t) => byId.get(t.criterion)!).filter((c) => c.indicates !== undefined);
      // The reference: sort the evidence, most concerning first, and take the upper middle.
      const ranks = evidence.map((c) => rankOf(c.indicates!)).sort((a, b) => b - a);
      let expected = ranks.length ? ranks[Math.floor((ranks.length - 1) / 2)]! : rankOf(fw.definition.selection.default);
      for (const c of evidence) if (c.critical) expected = Math.max(expected, rankOf(c.indicates!));
      if (r.override === null) expect(rankOf(r.category)).toBe(expected);
    }), { numRuns: RUNS });
  });

  it('never gives a reason line twice, nor one that only restates another (issue 15)', () => {
    fc.assert(fc.property(schoolState, (s) => {
      const r = categorise(fw, factsOf(s));
      expect(repeatedReasonLines(fw, r.reasons)).toEqual([]);
    }), { numRuns: RUNS });
  });

  it('explains every category above the least concerning with at least one cited reason', () => {
    fc.assert(fc.property(schoolState, (s) => {
      const r = categorise(fw, factsOf(s));
      if (categoryRank(fw, r.category)! > 0) expect(r.reasons.length).toBeGreaterThan(0);
    }), { numRuns: RUNS });
  });
});

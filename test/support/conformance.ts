/**
 * The one runner of every framework's conformance table: each case is a policy's own example written
 * as data (the facts, the category the policy gives, and the words it rests on).
 */
import { describe, expect, it } from 'vitest';
import { categorise, resolveParameters, type CompiledFramework } from '../../core/engine';
import type { Facts } from '../../core/facts';
import type { Categorisation } from '../../core/result';

/** A school about which nothing is known but that it was judged good: the neutral starting point of a case. */
export const NEUTRAL_FACTS: Facts = {
  row: 2,
  ofstedBand: 'good-or-better',
  ofstedSource: 'legacy-grade',
  ofstedEquivalentGrade: 'good',
  inCategoryOfConcern: false,
  previousOfstedBand: 'good-or-better',
  inspectionRisk: 'low',
  inspectionRiskScore: 10,
  concernCount: 0,
};

/** One worked example from a policy. */
export interface ConformanceCase {
  /** What the case shows, in the policy's terms. */
  readonly name: string;
  /** Where the policy says so: section or table, and the words. */
  readonly citation: string;
  readonly facts: Partial<Facts>;
  readonly params?: Record<string, unknown>;
  readonly expect: {
    readonly category: string;
    readonly variant?: string | null;
    /** Criteria that must be among the reasons. */
    readonly reasons?: readonly string[];
    readonly supportAmount?: number | null;
    readonly offerFor?: 'maintained' | 'academy';
    readonly additional?: readonly string[];
  };
}

/** Evaluates a case on the neutral school with its facts laid over. */
export function evaluateCase(fw: CompiledFramework, c: ConformanceCase): Categorisation {
  const resolved = resolveParameters(fw, c.params ?? {});
  if (!resolved.ok) throw new Error(resolved.errors.join(' '));
  return categorise(fw, { ...NEUTRAL_FACTS, ...c.facts }, { params: resolved.params, trace: true });
}

/** Runs a conformance table as one `describe` with one `it` per case. */
export function runConformance(fw: CompiledFramework, cases: readonly ConformanceCase[]): void {
  describe(`${fw.definition.name}: the policy's own cases`, () => {
    it.each(cases.map((c) => [`${c.name} [${c.citation}]`, c] as const))('%s', (_name, c) => {
      const r = evaluateCase(fw, c);
      expect(r.category, r.reasons.map((x) => x.text).join('\n')).toBe(c.expect.category);
      if (c.expect.variant !== undefined) expect(r.variant?.id ?? null).toBe(c.expect.variant);
      if (c.expect.reasons) expect(r.reasons.map((x) => x.criterion)).toEqual(expect.arrayContaining([...c.expect.reasons]));
      if (c.expect.supportAmount !== undefined) expect(r.support.amount).toBe(c.expect.supportAmount);
      if (c.expect.offerFor) expect(r.support.offerFor).toBe(c.expect.offerFor);
      if (c.expect.additional) expect(r.additional.map((a) => a.id).sort()).toEqual([...c.expect.additional].sort());
      // Every decided category is explained by at least one cited reason, unless it is the default with nothing to say.
      for (const reason of r.reasons) expect(reason.citation.section).not.toBe('');
    });
  });
}

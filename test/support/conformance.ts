/**
 * Evaluating one school's facts laid over a neutral school, for the framework tests that are not
 * conformance cases (support offers, parameters, properties). The conformance cases themselves are data
 * that travel with each framework (core/frameworks/<id>.cases.csv and .tsv, run by `framework check`).
 */
import { fromIsoDate } from '../../core/dates';
import { categorise, resolveParameters, type CompiledFramework } from '../../core/engine';
import type { Facts } from '../../core/facts';
import type { Categorisation } from '../../core/result';

/** The as-of date of the cases: the dated parameters' values in force then are the current ones. */
export const CASES_AS_OF = fromIsoDate('2026-11-01')!;

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
  riseStuck: false,
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
  const resolved = resolveParameters(fw, c.params ?? {}, CASES_AS_OF);
  if (!resolved.ok) throw new Error(resolved.errors.join(' '));
  return categorise(fw, { ...NEUTRAL_FACTS, ...c.facts }, { params: resolved.params, trace: true });
}

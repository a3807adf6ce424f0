import { describe, expect, it } from 'vitest';
import { categorise, resolveParameters, type Parameters } from '../../../core/engine';
import type { Facts } from '../../../core/facts';
import { frameworkById } from '../../../core/frameworks';
import { CASES_AS_OF, NEUTRAL_FACTS } from '../../support/conformance';
import { OUR_READING, policyQuoter } from '../../support/policyQuotes';

const fw = frameworkById('wokingham')!;
const wokingham = fw.definition;
const T = '\u00a75 Categorisation, table';
const M = { isAcademy: false, status: 'maintained' } as const;
const A = { isAcademy: true, status: 'academy' } as const;


const run = (facts: Partial<Facts>, params?: Record<string, unknown>) => {
  const resolved = resolveParameters(fw, params ?? {}, CASES_AS_OF) as { ok: true; params: Parameters };
  return categorise(fw, { ...NEUTRAL_FACTS, ...M, ...facts }, { params: resolved.params });
};

describe('Wokingham: support offers per category', () => {
  it.each([
    ['gold', 'Three visits', '3 visits a year'],
    ['green', 'Three visits', '3 visits a year'],
    ['purple', 'up to 20 officer days', 'Up to 20 officer days a year'],
    ['red', 'up to 40 officer days', 'Up to 40 officer days a year'],
  ])('%s: %s (%s)', (category, _words, summary) => {
    expect(run({ categoryOverride: category, overrideReason: 'test' }).support.summary).toBe(summary);
  });

  it('gives purple at least three visits and the LA review, and only considers a School Improvement Board', () => {
    const s = run({ ofstedBand: 'requires-improvement' }).support;
    expect(s.actions).toContain('Three SIO visits a year minimum');
    expect(s.actions.join(' ')).toMatch(/LA review of progress \(equivalent to a Section 5 inspection\)/);
    expect(s.actions).toContain('A School Improvement Board (SIB) will be considered');
  });

  it('puts a red school under a School Improvement Board', () => {
    const s = run({ ofstedBand: 'inadequate' }).support;
    expect(s.actions.join(' ')).toMatch(/School Improvement Board takes responsibility/);
    expect(s.informed).toContain('School Improvement Board');
  });

  it('gives academies one annual SIO visit in every category, and raises purple or red concerns with the DfE', () => {
    for (const c of wokingham.categories) {
      const s = run({ ...A, categoryOverride: c.id, overrideReason: 'test' }).support;
      expect([s.offerFor, s.amount, s.unit, s.cadence]).toEqual(['academy', 1, 'visits', 'annual SIO visit']);
      expect(s.informed.includes('Department for Education')).toBe(c.id === 'purple' || c.id === 'red');
      expect(s.actions.join(' ')).toMatch(/buy|bought back/);
    }
  });

  it('lets the authority change the core visits', () => {
    expect(run({}, { coreVisits: 4 }).support.amount).toBe(4);
  });
});

describe('Wokingham: parameters change outcomes', () => {
  it('riskLevelTrigger: medium makes a medium-risk school purple', () => {
    expect(run({ inspectionRisk: 'medium', inspectionRiskScore: 70 }).category).toBe('green');
    expect(run({ inspectionRisk: 'medium', inspectionRiskScore: 70 }, { riskLevelTrigger: 'medium' }).category).toBe('purple');
  });

  it('newHeadMonths: a two-term reading offers the review at five months', () => {
    expect(run({ monthsInPost: 5 }).additional).toEqual([]);
    expect(run({ monthsInPost: 5 }, { newHeadMonths: 8 }).additional.map((a) => a.id)).toEqual(['new-headteacher-review']);
  });

  it('reviewMonths: a wider window offers the review at nine months', () => {
    const facts = { ofstedBand: 'requires-improvement', monthsSinceInspection: 9 } as const;
    expect(run(facts).additional).toEqual([]);
    expect(run(facts, { reviewMonths: 9 }).additional.map((a) => a.id)).toEqual(['la-review-of-progress']);
  });
});

describe('Wokingham: definition', () => {
  it("uses Wokingham's gold, green, purple and red, least concern first", () => {
    expect(wokingham.categories.map((c) => [c.id, c.colour])).toEqual([['gold', '#FFD700'], ['green', '#00B050'], ['purple', '#7030A0'], ['red', '#FF0000']]);
  });

  it('takes the 20 and 40 officer days and the three visits from the \u00a75 table', () => {
    const p = wokingham.parameters;
    expect([p.coreVisits!.default, p.purpleOfficerDays!.default, p.redOfficerDays!.default]).toEqual([3, 20, 40]);
    for (const k of ['coreVisits', 'purpleOfficerDays', 'redOfficerDays', 'reviewMonths']) expect(p[k]!.citation?.section).toBe(T);
  });
});

describe('Wokingham: every criterion quotes the policy, and says it is our reading (issue 15)', () => {
  const quoted = policyQuoter('wokingham-signs-of-success-2015.txt');
  // The policy names the categories, not the evidence that puts a school in one: every criterion is our reading.
  it.each(wokingham.criteria.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(quoted(c.citation.quote), c.citation.quote).toBe(true);
    expect(c.citation.section).toMatch(/^\u00a7\d/);
    expect(c.citation.section).toMatch(OUR_READING);
  });
  it('says so in the reason an analyst reads', () => {
    const r = run({ leadershipConcern: true });
    expect(r.reasons.map((x) => x.text)).toEqual(['Governance or leadership issues (Leadership concern: Yes) [\u00a75 Categorisation (our reading: a leadership or a governance concern is purple)]']);
  });
});

import { describe, expect, it } from 'vitest';
import { categorise, compileFramework, resolveParameters, type Parameters } from '../../../core/engine';
import type { Facts } from '../../../core/facts';
import { oldham } from '../../../core/frameworks/oldham';
import { NEUTRAL_FACTS, runConformance, type ConformanceCase } from '../../support/conformance';

const fw = compileFramework(oldham);
const I = 'Intervention, situations for possible local authority intervention';
const LOW = `${I}: "achievement of pupils is unacceptably low as the defined by DfE" (DfE floor standards, Appendix 9)`;
const INDEX = 'Monitoring and Challenge: "Update the Schools Causing Concern Index" (our reading, docs/frameworks/oldham.md)';
/** A primary school with progress below the floor in maths: only the attainment part is left to decide. */
const PRIMARY = { phase: 'primary', ks2Cohort: 30, ks2MathsProgress: -6, attainmentTrend: 'stable' } as const;
/** Attainment below the floor; the progress scores decide. */
const LOW_RWM = { phase: 'primary', ks2Cohort: 30, ks2RwmExpectedPct: 50, attainmentTrend: 'stable' } as const;

const cases: ConformanceCase[] = [
  // The three classifications and the named situations.
  { name: 'good, nothing recorded: green, universal support', citation: 'Monitoring and Challenge: "Green \u2013 Universal Support"', facts: {}, expect: { category: 'green', supportAmount: null } },
  { name: 'judged requires improvement: red', citation: `${I}: "Schools judged Inadequate or Requires Improvement by Ofsted"`, facts: { ofstedBand: 'requires-improvement', ofstedEquivalentGrade: 'requires-improvement' }, expect: { category: 'red', reasons: ['ofsted-ri-or-inadequate'] } },
  { name: 'in special measures: red', citation: `${I}: "Schools judged Inadequate ..."`, facts: { ofstedBand: 'inadequate', inCategoryOfConcern: true }, expect: { category: 'red', reasons: ['ofsted-ri-or-inadequate'] } },
  { name: 'good at inspection, but the LA believes RI if inspected now: red', citation: `${I}: "Schools that the LA believes would be judged as RI or worse by Ofsted if inspected now"`, facts: { laJudgement: 'requires-improvement' }, expect: { category: 'red', reasons: ['la-believes-ri'] } },
  { name: 'management and governance both of concern: red', citation: `${I}: "where the LA believes overall leadership (governance and management) to be RI or worse"`, facts: { leadershipConcern: true, governanceConcern: true, concernCount: 2 }, expect: { category: 'red', reasons: ['leadership-breakdown'] } },
  { name: 'a leadership concern alone is not a breakdown: amber', citation: `${I}: "serious breakdown of management or governance" (our reading: one flag is a vulnerability, not a breakdown)`, facts: { leadershipConcern: true, concernCount: 1 }, expect: { category: 'amber', reasons: ['concern-flags'] } },
  { name: 'safeguarding not effective: red', citation: `${I}: "including any schools whose safeguarding arrangements are unsatisfactory"`, facts: { safeguardingEffective: false }, expect: { category: 'red', reasons: ['safety'] } },
  { name: 'LA safeguarding concern: red', citation: `${I}: "Schools where the LA believes the safety of pupils is threatened"`, facts: { safeguardingConcern: true, concernCount: 1 }, expect: { category: 'red', reasons: ['safety'] } },
  // Achievement: the primary floor stand-in (65% RWM and a progress score), boundaries.
  { name: 'RWM 64% with maths progress below the floor, not improving: red', citation: LOW, facts: { ...PRIMARY, ks2RwmExpectedPct: 64 }, expect: { category: 'red', reasons: ['achievement-unacceptably-low'] } },
  { name: 'RWM exactly 65%: not below the floor, green', citation: `${LOW}: below 65%`, facts: { ...PRIMARY, ks2RwmExpectedPct: 65 }, expect: { category: 'green' } },
  { name: 'RWM 66%: green', citation: `${LOW}: below 65%`, facts: { ...PRIMARY, ks2RwmExpectedPct: 66 }, expect: { category: 'green' } },
  { name: 'reading progress exactly -5 with low RWM: not below the floor', citation: `${LOW}: reading progress below -5`, facts: { ...LOW_RWM, ks2ReadingProgress: -5 }, expect: { category: 'green' } },
  { name: 'reading progress -5.1 with low RWM: below the floor, red', citation: `${LOW}: reading progress below -5`, facts: { ...LOW_RWM, ks2ReadingProgress: -5.1 }, expect: { category: 'red', reasons: ['achievement-unacceptably-low'] } },
  { name: 'writing progress -6.9 is above the writing floor of -7: green', citation: `${LOW}: writing progress below -7`, facts: { ...LOW_RWM, ks2WritingProgress: -6.9 }, expect: { category: 'green' } },
  { name: 'writing progress -7.1: below the floor, red', citation: `${LOW}: writing progress below -7`, facts: { ...LOW_RWM, ks2WritingProgress: -7.1 }, expect: { category: 'red' } },
  { name: 'a KS2 cohort of 10 is too small for the floor: green', citation: `${LOW}: floor for cohorts of 11 or more`, facts: { ...PRIMARY, ks2RwmExpectedPct: 40, ks2Cohort: 10 }, expect: { category: 'green' } },
  { name: 'a KS2 cohort of 11 is counted: red', citation: `${LOW}: floor for cohorts of 11 or more`, facts: { ...PRIMARY, ks2RwmExpectedPct: 40, ks2Cohort: 11 }, expect: { category: 'red' } },
  { name: 'no progress scores published (2024-25): the primary floor cannot fire', citation: `${LOW}; DOMAIN: KS2 progress not published for 2024-25`, facts: { phase: 'primary', ks2Cohort: 30, ks2RwmExpectedPct: 40, attainmentTrend: 'stable' }, expect: { category: 'green' } },
  // The secondary floor stand-in (Progress 8 below -0.5).
  { name: 'Progress 8 exactly -0.5: not below the floor', citation: `${LOW}: Progress 8 below -0.5`, facts: { phase: 'secondary', ks4Progress8: -0.5, attainmentTrend: 'stable' }, expect: { category: 'green' } },
  { name: 'Progress 8 -0.51, not improving: red', citation: `${LOW}: Progress 8 below -0.5`, facts: { phase: 'secondary', ks4Progress8: -0.51, attainmentTrend: 'stable' }, expect: { category: 'red', reasons: ['achievement-unacceptably-low'] } },
  { name: 'Progress 8 -0.8 but improving: capacity shown, amber (targeted)', citation: `${I}: "the LA has not been provided with sufficient evidence that the school has the capacity to reverse this trend"`, facts: { phase: 'secondary', ks4Progress8: -0.8, attainmentTrend: 'improving' }, expect: { category: 'amber', reasons: ['achievement-low'] } },
  { name: 'Progress 8 -0.8, trend blank: no evidence of capacity, red', citation: `${I}: "has not been provided with sufficient evidence" (our reading: a blank trend is no evidence)`, facts: { phase: 'secondary', ks4Progress8: -0.8 }, expect: { category: 'red' } },
  // Years of low attainment (lowAchievementYears = 3).
  { name: 'two years of low attainment: green', citation: `${I}: "performance over time" (our reading: three years)`, facts: { yearsLowAttainment: 2, attainmentTrend: 'stable' }, expect: { category: 'green' } },
  { name: 'three years of low attainment, stable: red', citation: `${I}: "performance over time" (our reading: three years)`, facts: { yearsLowAttainment: 3, attainmentTrend: 'stable' }, expect: { category: 'red', reasons: ['achievement-unacceptably-low'] } },
  { name: 'four years of low attainment but improving: amber', citation: `${I}: "capacity to reverse this trend"`, facts: { yearsLowAttainment: 4, attainmentTrend: 'improving' }, expect: { category: 'amber', reasons: ['achievement-low'] } },
  // Amber: the index (our reading) and its thresholds.
  { name: 'one concern flag: amber, targeted support', citation: `${INDEX}; "Amber \u2013 Targeted Support"`, facts: { concernCount: 1, attendanceConcern: true }, expect: { category: 'amber', reasons: ['concern-flags'] } },
  { name: 'one flag when the authority asks for two: green', citation: 'parameter amberConcernFlags', facts: { concernCount: 1, attendanceConcern: true }, params: { amberConcernFlags: 2 }, expect: { category: 'green' } },
  { name: 'risk score 76: green', citation: `${INDEX}: high next-inspection risk from 77`, facts: { inspectionRiskScore: 76, inspectionRisk: 'medium' }, expect: { category: 'green' } },
  { name: 'risk score 77: amber', citation: `${INDEX}: high next-inspection risk from 77`, facts: { inspectionRiskScore: 77, inspectionRisk: 'high' }, expect: { category: 'amber', reasons: ['inspection-risk'] } },
  { name: 'declining attainment: amber', citation: 'Monitoring and Challenge: "A summary of predicted in school data" (our reading)', facts: { attainmentTrend: 'declining' }, expect: { category: 'amber', reasons: ['declining'] } },
  { name: 'ungraded inspection with concerns: amber', citation: 'Monitoring and Challenge: "external verification of this information" (our reading)', facts: { ungradedConcerns: true }, expect: { category: 'amber', reasons: ['ungraded-concerns'] } },
  // Academies and overrides.
  { name: 'academy judged RI: red, concerns to the Regional Director', citation: 'Monitoring and Challenge: "communication will be needed with the Regional Schools Commissioner"', facts: { isAcademy: true, status: 'academy', ofstedBand: 'requires-improvement' }, expect: { category: 'red', offerFor: 'academy' } },
  { name: 'academy with one concern: amber, the same package as maintained schools', citation: 'Support/System Leadership: "support package is put in place for schools and academies"', facts: { isAcademy: true, status: 'academy', concernCount: 1, financeConcern: true }, expect: { category: 'amber', offerFor: 'maintained' } },
  { name: 'analyst override to amber wins over red', citation: 'Monitoring and Challenge: "Categories will be communicated ... when there is a change in category by the Local Authority"', facts: { ofstedBand: 'requires-improvement', categoryOverride: 'Amber', overrideReason: 'Re-inspected good last week, report pending' }, expect: { category: 'amber' } },
];

runConformance(fw, cases);

const run = (facts: Partial<Facts>, params?: Record<string, unknown>) => {
  const resolved = resolveParameters(fw, params ?? {}) as { ok: true; params: Parameters };
  return categorise(fw, { ...NEUTRAL_FACTS, ...facts }, { params: resolved.params });
};

describe('Oldham: support offers', () => {
  it('sets no number of days in any category, and says why', () => {
    for (const c of oldham.categories) {
      const r = run({ categoryOverride: c.id, overrideReason: 'test' });
      expect(r.support.amount).toBeNull();
      expect(r.support.summary).toMatch(/^No set number of days: .*support package/);
    }
  });

  it('gives green the monitoring offer, amber a contracted package, red the warning-notice pathway', () => {
    expect(run({}).support.actions.join(' ')).toMatch(/School Improvement Partners/);
    const amber = run({ concernCount: 1, attendanceConcern: true }).support;
    expect(amber.actions.join(' ')).toMatch(/clearly contracted with identified outcomes/);
    expect(amber.cadence).toMatch(/half termly/);
    const red = run({ ofstedBand: 'inadequate' }).support;
    expect(red.actions.join(' ')).toMatch(/warning notice/);
    expect(red.informed).toContain('Chair of governors');
  });

  it('sends red academies to the Regional Director instead of local intervention', () => {
    const maintained = run({ ofstedBand: 'inadequate' }).support;
    const academy = run({ ofstedBand: 'inadequate', isAcademy: true }).support;
    expect(maintained.academyDiffers).toBe(true);
    expect(academy.offerFor).toBe('academy');
    expect(academy.informed.join(' ')).toMatch(/Regional Director/);
    expect(academy.actions.join(' ')).not.toMatch(/interim executive board/);
    expect(academy.noneReason).toMatch(/no powers of intervention in academies/);
  });

  it('treats academies like maintained schools in green and amber', () => {
    expect(run({ isAcademy: true }).support.academyDiffers).toBe(false);
  });
});

describe('Oldham: overrides and reasons', () => {
  it('records the override with its reason and keeps the computed category', () => {
    const r = run({ ofstedBand: 'requires-improvement', categoryOverride: 'green', overrideReason: 'Report card pending' });
    expect(r.category).toBe('green');
    expect(r.computedCategory).toBe('red');
    expect(r.override).toEqual({ category: 'green', reason: 'Report card pending' });
  });

  it('gives every red reason (and the low achievement behind one) a citation from the intervention section', () => {
    const r = run({ ofstedBand: 'inadequate', safeguardingEffective: false, laJudgement: 'inadequate', leadershipConcern: true, governanceConcern: true, yearsLowAttainment: 5 });
    expect(r.reasons.map((x) => x.criterion).sort()).toEqual(['achievement-low', 'achievement-unacceptably-low', 'la-believes-ri', 'leadership-breakdown', 'ofsted-ri-or-inadequate', 'safety']);
    for (const reason of r.reasons) expect(reason.citation.section).toBe('Intervention');
  });
});

describe('Oldham: parameters change outcomes', () => {
  it.each([
    ['ks2FloorRwmPct', { ...PRIMARY, ks2RwmExpectedPct: 68 }, { ks2FloorRwmPct: 70 }],
    ['ks2FloorReadingMathsProgress', { ...LOW_RWM, ks2ReadingProgress: -4 }, { ks2FloorReadingMathsProgress: -3 }],
    ['ks2FloorWritingProgress', { ...LOW_RWM, ks2WritingProgress: -6 }, { ks2FloorWritingProgress: -5 }],
    ['floorMinCohort', { ...PRIMARY, ks2RwmExpectedPct: 40, ks2Cohort: 8 }, { floorMinCohort: 5 }],
    ['ks4FloorProgress8', { ks4Progress8: -0.3, attainmentTrend: 'stable' }, { ks4FloorProgress8: -0.25 }],
    ['lowAchievementYears', { yearsLowAttainment: 2, attainmentTrend: 'stable' }, { lowAchievementYears: 2 }],
  ] as const)('%s: green at the policy value, red when the authority tightens it', (_name, facts, params) => {
    expect(run(facts).category).toBe('green');
    expect(run(facts, params).category).toBe('red');
  });

  it('amberRiskScore: a lower threshold catches medium risk', () => {
    expect(run({ inspectionRiskScore: 40 }).category).toBe('green');
    expect(run({ inspectionRiskScore: 40 }, { amberRiskScore: 30 }).category).toBe('amber');
  });
});

describe('Oldham: definition', () => {
  it("uses Oldham's green, amber and red, least concern first, with readable text", () => {
    expect(oldham.categories.map((c) => [c.id, c.colour])).toEqual([['green', '#00B050'], ['amber', '#FFC000'], ['red', '#FF0000']]);
  });

  it('cites every criterion and every parameter with a default from the policy or the DfE guidance it names', () => {
    for (const c of oldham.criteria) expect(c.citation.quote.length).toBeGreaterThan(10);
    const withStandIn = Object.entries(oldham.parameters).filter(([, p]) => p.standIn).map(([k]) => k);
    expect(withStandIn.sort()).toEqual(['ks2FloorReadingMathsProgress', 'ks2FloorRwmPct', 'ks2FloorWritingProgress', 'ks4FloorProgress8']);
  });
});

import { describe, expect, it } from 'vitest';
import { categorise, compileFramework, resolveParameters, type Parameters } from '../../../core/engine';
import type { Facts } from '../../../core/facts';
import { wokingham } from '../../../core/frameworks/wokingham';
import { NEUTRAL_FACTS, runConformance, type ConformanceCase } from '../../support/conformance';

const fw = compileFramework(wokingham);
const T = '\u00a75 Categorisation, table';
const INTEL = '\u00a75: "all the intelligence about a school including school data; SIO visit reports; external monitoring reports; financial data; HR; information; and governance and leadership issues"';
const S43 = '\u00a74.3 Policy and Procedures';
const REVIEW = `${T}: "LA review of progress, (equivalent to a Section 5 inspection), six months after and six months before an Ofsted inspection"`;
const M = { isAcademy: false, status: 'maintained' } as const;
const A = { isAcademy: true, status: 'academy' } as const;

const cases: ConformanceCase[] = [
  // Gold and green: the local assessment.
  { name: 'locally assessed strong good: gold, three visits', citation: `${T}: "Gold: Locally assessed outstanding or strong good ... Three visits a year"`, facts: { ...M, laJudgement: 'strong-good' }, expect: { category: 'gold', reasons: ['la-outstanding-or-strong-good'], supportAmount: 3, additional: [] } },
  { name: 'locally assessed outstanding: gold', citation: `${T}: "Gold: Locally assessed outstanding"`, facts: { ...M, laJudgement: 'outstanding' }, expect: { category: 'gold' } },
  { name: 'Ofsted outstanding and no local assessment: gold', citation: `${T}: "Gold: Locally assessed outstanding" (our reading: Ofsted outstanding stands in)`, facts: { ...M, ofstedEquivalentGrade: 'outstanding' }, expect: { category: 'gold' } },
  { name: 'Ofsted outstanding but locally assessed good: green (the local view decides)', citation: `${T}: "Green: Locally assessed good schools"`, facts: { ...M, ofstedEquivalentGrade: 'outstanding', laJudgement: 'good' }, expect: { category: 'green', reasons: ['la-good'] } },
  { name: 'locally assessed good: green, three visits', citation: `${T}: "Green: Locally assessed good schools ... Three visits a year"`, facts: { ...M, laJudgement: 'good' }, expect: { category: 'green', reasons: ['la-good'], supportAmount: 3 } },
  { name: 'Ofsted good and no local assessment: green', citation: `${T}: "Green: Locally assessed good schools" (our reading)`, facts: { ...M }, expect: { category: 'green', reasons: ['la-good'] } },
  // Purple: locally assessed vulnerable.
  { name: 'judged RI: purple, up to 20 officer days', citation: `${T}: "Purple ... Following an OFSTED Section 5 Requires Improvement outcome"; "up to 20 officer days"`, facts: { ...M, ofstedBand: 'requires-improvement' }, expect: { category: 'purple', reasons: ['ofsted-ri'], supportAmount: 20 } },
  { name: 'locally assessed RI: purple', citation: `${T}: "Purple: Locally assessed vulnerable schools"`, facts: { ...M, laJudgement: 'requires-improvement' }, expect: { category: 'purple', reasons: ['la-ri'] } },
  { name: 'governance issue: purple', citation: INTEL, facts: { ...M, governanceConcern: true, concernCount: 1 }, expect: { category: 'purple', reasons: ['leadership-governance'] } },
  { name: 'leadership issue on a strong-good school: purple, not gold', citation: INTEL, facts: { ...M, laJudgement: 'strong-good', leadershipConcern: true, concernCount: 1 }, expect: { category: 'purple', reasons: ['leadership-governance'] } },
  { name: 'finance and HR concerns (two flags): purple', citation: `${INTEL} (our reading: two flags)`, facts: { ...M, financeConcern: true, hrConcern: true, concernCount: 2 }, expect: { category: 'purple', reasons: ['several-concerns'] } },
  { name: 'one finance concern on a strong-good school: still gold', citation: `${INTEL} (our reading: one flag is not enough)`, facts: { ...M, laJudgement: 'strong-good', financeConcern: true, concernCount: 1 }, expect: { category: 'gold' } },
  { name: 'two flags when the authority asks for three: green', citation: 'parameter vulnerableConcernFlags', facts: { ...M, financeConcern: true, hrConcern: true, concernCount: 2 }, params: { vulnerableConcernFlags: 3 }, expect: { category: 'green' } },
  { name: 'one flag when the authority asks for one: purple', citation: 'parameter vulnerableConcernFlags', facts: { ...M, financeConcern: true, concernCount: 1 }, params: { vulnerableConcernFlags: 1 }, expect: { category: 'purple' } },
  { name: 'risk score 76: green', citation: '\u00a71: "promoting early action to tackle school underperformance" (our reading: High risk from 77)', facts: { ...M, inspectionRiskScore: 76 }, expect: { category: 'green' } },
  { name: 'risk score 77: purple', citation: '\u00a71: "promoting early action" (our reading: High risk from 77)', facts: { ...M, inspectionRiskScore: 77, inspectionRisk: 'high' }, expect: { category: 'purple', reasons: ['inspection-risk'] } },
  { name: 'ungraded inspection raised concerns: purple', citation: '\u00a75: "external monitoring reports"', facts: { ...M, ungradedConcerns: true }, expect: { category: 'purple', reasons: ['ungraded-concerns'] } },
  // Red: local high priority.
  { name: 'special measures: red, up to 40 officer days', citation: `${T}: "Red: Local high priority schools ... up to 40 officer days"; \u00a71 "a school in special measures"`, facts: { ...M, ofstedBand: 'inadequate', inCategoryOfConcern: true }, expect: { category: 'red', reasons: ['ofsted-inadequate'], supportAmount: 40 } },
  { name: 'locally assessed inadequate: red', citation: `${T}: "Red: Local high priority schools"`, facts: { ...M, laJudgement: 'inadequate' }, expect: { category: 'red', reasons: ['la-inadequate'] } },
  { name: 'safeguarding not effective: red', citation: '\u00a74.1: "access to high quality and safe ... provision"', facts: { ...M, safeguardingEffective: false }, expect: { category: 'red', reasons: ['safeguarding'] } },
  { name: 'safeguarding concern on a strong-good school: red', citation: '\u00a74.1: "high quality and safe ... provision"', facts: { ...M, laJudgement: 'strong-good', safeguardingConcern: true, concernCount: 1 }, expect: { category: 'red', reasons: ['safeguarding'] } },
  { name: 'purple with a smaller programme', citation: 'parameter purpleOfficerDays', facts: { ...M, ofstedBand: 'requires-improvement' }, params: { purpleOfficerDays: 15 }, expect: { category: 'purple', supportAmount: 15 } },
  { name: 'red with a smaller programme', citation: 'parameter redOfficerDays', facts: { ...M, ofstedBand: 'inadequate' }, params: { redOfficerDays: 30 }, expect: { category: 'red', supportAmount: 30 } },
  // Academies (\u00a76).
  { name: 'academy locally assessed good: one annual SIO visit', citation: '\u00a76: "SIOs will visit annually"', facts: { ...A, laJudgement: 'good' }, expect: { category: 'green', offerFor: 'academy', supportAmount: 1 } },
  { name: 'academy judged RI: purple risk, annual visit, concerns to the DfE', citation: '\u00a76: "the Local Authority will raise these with the Department for Education"', facts: { ...A, ofstedBand: 'requires-improvement' }, expect: { category: 'purple', offerFor: 'academy', supportAmount: 1, additional: [] } },
  // Additional offers (\u00a74.3 and the \u00a75 table).
  { name: 'head in post 3 months, maintained: new-headteacher review', citation: `${S43}: "All new headteachers will be offered a LA \u2018Section 5\u2019 review in the first term of their appointment"`, facts: { ...M, monthsInPost: 3 }, expect: { category: 'green', additional: ['new-headteacher-review'] } },
  { name: 'head in post 4 months: past the first term, no review', citation: `${S43}: "in the first term" (our reading: under four months)`, facts: { ...M, monthsInPost: 4 }, expect: { category: 'green', additional: [] } },
  { name: 'new head in an academy: not offered (local procedures do not apply)', citation: '\u00a76: "will not be subject to the local procedures set out in this document"', facts: { ...A, monthsInPost: 1 }, expect: { category: 'green', additional: [] } },
  { name: 'locally good but judged RI: purple, with the review to confirm the judgement', citation: `${S43}: "securely \u2018good\u2019 and the current Ofsted judgement \u2018requires improvement\u2019"`, facts: { ...M, laJudgement: 'good', ofstedBand: 'requires-improvement' }, expect: { category: 'purple', additional: ['securely-good-review'] } },
  { name: 'RI, inspected 6 months ago: LA review of progress due', citation: REVIEW, facts: { ...M, ofstedBand: 'requires-improvement', monthsSinceInspection: 6 }, expect: { category: 'purple', additional: ['la-review-of-progress'] } },
  { name: 'RI, inspected 7 months ago and next due in 20: no review yet', citation: REVIEW, facts: { ...M, ofstedBand: 'requires-improvement', monthsSinceInspection: 7, monthsUntilInspectionDue: 20 }, expect: { category: 'purple', additional: [] } },
  { name: 'inadequate, next inspection due within 6 months: review before it', citation: REVIEW, facts: { ...M, ofstedBand: 'inadequate', monthsSinceInspection: 20, monthsUntilInspectionDue: 5 }, expect: { category: 'red', additional: ['la-review-of-progress'] } },
  { name: 'green school inspected 2 months ago: no review (purple and red only)', citation: REVIEW, facts: { ...M, monthsSinceInspection: 2 }, expect: { category: 'green', additional: [] } },
  // Override.
  { name: 'analyst override to red with a reason', citation: '\u00a75: "Schools are notified in September each year and informed of any subsequent changes"', facts: { ...M, laJudgement: 'good', categoryOverride: 'Red', overrideReason: 'Headteacher resigned, governors in dispute' }, expect: { category: 'red', supportAmount: 40 } },
];

runConformance(fw, cases);

const run = (facts: Partial<Facts>, params?: Record<string, unknown>) => {
  const resolved = resolveParameters(fw, params ?? {}) as { ok: true; params: Parameters };
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
  it('vulnerableRiskScore: a lower threshold makes a medium-risk school purple', () => {
    expect(run({ inspectionRiskScore: 35 }).category).toBe('green');
    expect(run({ inspectionRiskScore: 35 }, { vulnerableRiskScore: 30 }).category).toBe('purple');
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

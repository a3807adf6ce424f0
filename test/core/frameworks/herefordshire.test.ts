import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categorise, compileFramework, resolveParameters, type Parameters } from '../../../core/engine';
import { herefordshire } from '../../../core/frameworks/herefordshire';
import type { Facts } from '../../../core/facts';
import { factsOf, schoolState } from '../../support/arbitraryFacts';
import { evaluateCase, NEUTRAL_FACTS, runConformance, type ConformanceCase } from '../../support/conformance';

const fw = compileFramework(herefordshire);
const HP = 'Appendix 5, High Risk, Primary Schools';
const HS = 'Appendix 5, High Risk, Secondary Schools';
const HA = 'Appendix 5, High Risk, All schools';
const E = 'Appendix 5, Medium risk, Enhanced priority';
const T = 'Appendix 5, Medium risk, Timetabled support';
const L = 'Appendix 5, Low risk';
const TABLE = '\u00a72.4.1, risk level table';

/**
 * A school with three of the five low-risk indicators (an experienced head with no leadership or
 * governance flag, Good 12 months ago, a stable trend) and nothing else recorded: the policy's low risk.
 */
const steady: Partial<Facts> = { monthsInPost: 60, monthsSinceInspection: 12, attainmentTrend: 'stable', monthsUntilInspectionDue: 30 };
/** A primary school with a cohort of 30 below 60% RWM and below the median in English and maths. */
const belowPrimaryFloor: Partial<Facts> = { ...steady, phase: 'primary', ks2Cohort: 30, ks2RwmExpectedPct: 55, ks2ReadingProgress: -1, ks2WritingProgress: 0.5, ks2MathsProgress: -1 };
/**
 * Exactly two low-risk indicators hold (experienced head, stable trend) and three are shown not to:
 * a primary never inspected, a disadvantaged gap of 5 that is not closing, RWM 55% with no improving trend.
 */
const twoIndicators: Partial<Facts> = {
  ...steady, phase: 'primary', ofstedBand: 'not-inspected', ofstedEquivalentGrade: undefined, monthsSinceInspection: undefined,
  disadvantagedGap: 5, disadvantagedGapTrend: 'stable', ks2RwmExpectedPct: 55,
};
const secondary: Partial<Facts> = { ...steady, phase: 'secondary' };
const ri: Partial<Facts> = { ofstedBand: 'requires-improvement', ofstedEquivalentGrade: 'requires-improvement' };

const cases: ConformanceCase[] = [
  // Low risk: "at least three indicators"
  { name: 'three low-risk indicators, nothing else: low, no days', citation: `${L}: "Low risk (at least three indicators)"`, facts: steady, expect: { category: 'low', variant: null, reasons: ['experienced-leadership', 'recent-good', 'consistent-trend'], supportAmount: null } },
  { name: 'two indicators hold and three are shown not to: medium, timetabled support', citation: `${L}: "at least three indicators"`, facts: twoIndicators, expect: { category: 'medium', variant: 'timetabled-support', reasons: ['too-few-low-indicators'] } },
  { name: 'the same school with disadvantaged pupils matching the others (gap 0): three indicators, low', citation: `${L}: "pupil premium ... at least matches that of other pupils"`, facts: { ...twoIndicators, disadvantagedGap: 0 }, expect: { category: 'low', reasons: ['pupil-premium-matches'] } },
  { name: 'the same school at 61% RWM (national): three indicators, low', citation: `${L}: "at least in line with national averages"`, facts: { ...twoIndicators, ks2RwmExpectedPct: 61 }, expect: { category: 'low', reasons: ['standards-national'] } },
  { name: 'two indicators, but the authority asks for two: low', citation: `${L}: parameter lowIndicatorsNeeded`, facts: twoIndicators, params: { lowIndicatorsNeeded: 2 }, expect: { category: 'low' } },

  // High risk, primary floor
  { name: 'primary, cohort 30, RWM 55%, reading and maths progress -1: below floor, high', citation: `${HP}: "Below 60% ... Less than 92% median percentage in English; and Less than 90% median percentage in Maths"`, facts: belowPrimaryFloor, expect: { category: 'high', variant: null, reasons: ['primary-floor'] } },
  { name: 'RWM exactly 60%: not below the floor', citation: `${HP}: "Below 60%" (at the boundary)`, facts: { ...belowPrimaryFloor, ks2RwmExpectedPct: 60 }, expect: { category: 'low' } },
  { name: 'RWM 59.9%: below the floor', citation: `${HP}: "Below 60%" (just below)`, facts: { ...belowPrimaryFloor, ks2RwmExpectedPct: 59.9 }, expect: { category: 'high', reasons: ['primary-floor'] } },
  { name: 'RWM 55% but maths progress 0 (at the median): not below the floor', citation: `${HP}: "; and Less than 90% median percentage in Maths" (all three parts)`, facts: { ...belowPrimaryFloor, ks2MathsProgress: 0 }, expect: { category: 'low' } },
  { name: 'RWM 55%, maths -1, reading and writing at 0: English at the median, not below the floor', citation: `${HP}: "Less than 92% median percentage in English"`, facts: { ...belowPrimaryFloor, ks2ReadingProgress: 0, ks2WritingProgress: 0 }, expect: { category: 'low' } },
  { name: 'writing progress -0.1 alone is English below the median: below the floor', citation: `${HP}: "median percentage in English" (reading or writing)`, facts: { ...belowPrimaryFloor, ks2ReadingProgress: 0, ks2WritingProgress: -0.1 }, expect: { category: 'high', reasons: ['primary-floor'] } },
  { name: 'cohort of 10: the floor does not apply', citation: `${HP}: "with 11 or more children in cohort"`, facts: { ...belowPrimaryFloor, ks2Cohort: 10 }, expect: { category: 'low' } },
  { name: 'cohort of 11: the floor applies', citation: `${HP}: "with 11 or more children in cohort"`, facts: { ...belowPrimaryFloor, ks2Cohort: 11 }, expect: { category: 'high' } },
  { name: 'no progress scores (2024-25): the floor cannot be shown, low', citation: `${HP}: "for progress measures" (reading: no progress published)`, facts: { ...belowPrimaryFloor, ks2ReadingProgress: undefined, ks2WritingProgress: undefined, ks2MathsProgress: undefined }, expect: { category: 'low' } },

  // High / medium: the eight county quartile measures
  { name: 'five of eight measures in the lowest quartile: high', citation: `${HP}: "Five or more of the eight measures in fourth quartile (lowest) within county"`, facts: { ...steady, bottomQuartileMeasures: 5 }, expect: { category: 'high', reasons: ['quartiles-high'] } },
  { name: 'four of eight: medium, enhanced priority', citation: `${E}: "Four of the eight measures in fourth quartile (primary)"`, facts: { ...steady, bottomQuartileMeasures: 4 }, expect: { category: 'medium', variant: 'enhanced-priority', reasons: ['quartiles-medium'] } },
  { name: 'three of eight: low', citation: `${E}: "Four of the eight" (just below)`, facts: { ...steady, bottomQuartileMeasures: 3 }, expect: { category: 'low' } },
  { name: 'five of eight when the authority sets six: medium', citation: 'parameter highQuartileMeasures', facts: { ...steady, bottomQuartileMeasures: 5 }, params: { highQuartileMeasures: 6 }, expect: { category: 'medium', variant: 'enhanced-priority' } },

  // High risk, secondary
  { name: 'secondary, 39% grade 4+ in English and maths: below floor, high', citation: `${HS}: "Below floor standard (40%) for 5+ GCSE A* - C incl E & M" (stand-in)`, facts: { ...secondary, ks4EnglishMathsGrade4Pct: 39 }, expect: { category: 'high', reasons: ['secondary-floor'] } },
  { name: 'secondary, exactly 40%: not below floor', citation: `${HS}: "Below floor standard (40%)" (boundary)`, facts: { ...secondary, ks4EnglishMathsGrade4Pct: 40 }, expect: { category: 'low' } },
  { name: 'secondary, Progress 8 -0.51: poor progress, high', citation: `${HS}: "Poor level of progress in English and mathematics"`, facts: { ...secondary, ks4Progress8: -0.51 }, expect: { category: 'high', reasons: ['secondary-progress'] } },
  { name: 'secondary, Progress 8 -0.5: not poor', citation: `${HS}: "Poor level of progress" (boundary, -0.5)`, facts: { ...secondary, ks4Progress8: -0.5 }, expect: { category: 'low' } },

  // High risk, all schools: Ofsted
  { name: 'requires improvement: high', citation: `${HA}: "Ofsted category or Requiring Improvement"`, facts: { ...steady, ...ri }, expect: { category: 'high', reasons: ['ofsted-category-or-ri'] } },
  { name: 'special measures (category of concern): high', citation: `${HA}: "Ofsted category"`, facts: { ...steady, ofstedBand: 'inadequate', ofstedEquivalentGrade: 'inadequate', inCategoryOfConcern: true }, expect: { category: 'high', reasons: ['ofsted-category-or-ri'] } },
  { name: 'Good 37 months ago: inspection imminent, high', citation: `${HA}: "Imminence of Ofsted inspection ... Over three years for Good / Outstanding schools"`, facts: { ...steady, monthsSinceInspection: 37 }, expect: { category: 'high', reasons: ['imminence'] } },
  { name: 'Good 36 months ago: not over three years; the anniversary makes it enhanced priority', citation: `${HA}: "Over three years" (boundary); ${E}: "Ofsted Anniversary dependent on date and grading"`, facts: { ...steady, monthsSinceInspection: 36 }, expect: { category: 'medium', variant: 'enhanced-priority', reasons: ['anniversary'] } },
  { name: 'Good 25 months ago: no longer recent, anniversary approaching, enhanced priority', citation: `${L}: "recent inspection last two years"; ${E}: "Ofsted Anniversary"`, facts: { ...steady, monthsSinceInspection: 25 }, expect: { category: 'medium', variant: 'enhanced-priority', reasons: ['anniversary'] } },
  { name: 'Good 24 months ago: still recent, low', citation: `${L}: "Good or Outstanding grading in a recent inspection last two years" (boundary)`, facts: { ...steady, monthsSinceInspection: 24 }, expect: { category: 'low', reasons: ['recent-good'] } },
  { name: 'Satisfactory (pre-2012) 13 months ago: imminent and RI, high', citation: `${HA}: "Over twelve months for Satisfactory"`, facts: { ...steady, ofstedBand: 'requires-improvement', ofstedEquivalentGrade: 'satisfactory', monthsSinceInspection: 13 }, expect: { category: 'high', reasons: ['imminence', 'ofsted-category-or-ri'] } },
  { name: 'never inspected, first inspection due within 6 months: enhanced priority', citation: `${E}: "Ofsted Anniversary dependent on date and grading" (reading: today's window)`, facts: { ...steady, ofstedBand: 'not-inspected', ofstedEquivalentGrade: undefined, monthsSinceInspection: undefined, monthsUntilInspectionDue: 6 }, expect: { category: 'medium', variant: 'enhanced-priority', reasons: ['anniversary'] } },

  // Gaps for vulnerable pupils and low attainment over time
  { name: 'gap of 30 points, not reducing: high', citation: `${HA}: "gaps ... for vulnerable pupils are high, not reducing"`, facts: { ...steady, disadvantagedGap: 30, disadvantagedGapTrend: 'stable' }, expect: { category: 'high', reasons: ['gaps-high'] } },
  { name: 'gap of 30 points, narrowing: timetabled support', citation: `${T}: "Significant gaps ... but with trend of improvement"`, facts: { ...steady, disadvantagedGap: 30, disadvantagedGapTrend: 'narrowing' }, expect: { category: 'medium', variant: 'timetabled-support', reasons: ['gaps-improving'] } },
  { name: 'gap of 29 points, widening: enhanced priority', citation: `${E}: "Significant gaps ... with little improvement. year-on-year"`, facts: { ...steady, disadvantagedGap: 29, disadvantagedGapTrend: 'widening' }, expect: { category: 'medium', variant: 'enhanced-priority', reasons: ['gaps-little-improvement'] } },
  { name: 'gap of 19 points, stable: not significant, low', citation: `${E}: "Significant gaps" (reading: 20 points)`, facts: { ...steady, disadvantagedGap: 19, disadvantagedGapTrend: 'stable' }, expect: { category: 'low' } },
  { name: 'three years of low attainment: high', citation: `${HA}: "a trend of low attainment over at least three years"`, facts: { ...steady, yearsLowAttainment: 3 }, expect: { category: 'high', reasons: ['low-attainment-trend'] } },
  { name: 'two years of low attainment: low', citation: `${HA}: "at least three years" (just below)`, facts: { ...steady, yearsLowAttainment: 2 }, expect: { category: 'low' } },

  // Medium: enhanced priority
  { name: 'declining trend: enhanced priority', citation: `${E}: "A declining trend in attainment/progress over 2 and/or 3 year"`, facts: { ...steady, attainmentTrend: 'declining' }, expect: { category: 'medium', variant: 'enhanced-priority', reasons: ['declining'] } },
  { name: 'significant variation in performance: enhanced priority', citation: `${E}: "Significant variation in performance between English / mathematics and/or year-on-year and/or boys / girls"`, facts: { ...steady, performanceVariation: true }, expect: { category: 'medium', variant: 'enhanced-priority', reasons: ['performance-variation'] } },

  // Medium: timetabled support
  { name: 'new headteacher (6 months): timetabled support', citation: `${T}: "New heads/federation/amalgamation/governor support necessary"`, facts: { ...steady, monthsInPost: 6, ks2RwmExpectedPct: 70 }, expect: { category: 'medium', variant: 'timetabled-support', reasons: ['new-head'] } },
  { name: 'federation or amalgamation: timetabled support', citation: `${T}: "federation/amalgamation"`, facts: { ...steady, organisationalChange: true }, expect: { category: 'medium', variant: 'timetabled-support', reasons: ['federation-amalgamation'] } },
  { name: 'leadership issues (recruiting senior leaders): timetabled support', citation: `${T}: "Leadership issues (e.g. recruitment of senior leaders)"`, facts: { ...steady, hrConcern: true }, expect: { category: 'medium', variant: 'timetabled-support', reasons: ['leadership-issues'] } },
  { name: 'falling roll: timetabled support', citation: `${T}: "Falling roles"`, facts: { ...steady, fallingRoll: true }, expect: { category: 'medium', variant: 'timetabled-support', reasons: ['falling-roll'] } },
  { name: 'primary attendance 93.9%: low attendance, timetabled support', citation: `${T}: "Low attendance" (reading: below 94% primary)`, facts: { ...steady, phase: 'primary', attendancePct: 93.9 }, expect: { category: 'medium', variant: 'timetabled-support', reasons: ['low-attendance'] } },
  { name: 'primary attendance 94%: not low', citation: `${T}: "Low attendance" (boundary)`, facts: { ...steady, phase: 'primary', attendancePct: 94 }, expect: { category: 'low' } },
  { name: 'secondary attendance 91%: not low for a secondary', citation: `${T}: "Low attendance" (reading: below 91% secondary)`, facts: { ...secondary, attendancePct: 91 }, expect: { category: 'low' } },
  { name: 'secondary attendance 90.9%: low', citation: `${T}: "Low attendance"`, facts: { ...secondary, attendancePct: 90.9 }, expect: { category: 'medium', variant: 'timetabled-support' } },
  { name: 'an enhanced-priority and a timetabled factor together: enhanced priority', citation: `${E} is listed before ${T} (reading: the greater priority)`, facts: { ...steady, fallingRoll: true, attainmentTrend: 'declining' }, expect: { category: 'medium', variant: 'enhanced-priority' } },

  // Several organisational / Ofsted factors
  { name: 'two organisational factors (new head, falling roll): medium', citation: `${TABLE}: "Medium ... One or two organisational /Ofsted factors"`, facts: { ...steady, monthsInPost: 6, fallingRoll: true }, expect: { category: 'medium', variant: 'timetabled-support' } },
  { name: 'three factors (new head, falling roll, governor support): high', citation: `${TABLE}: "High ... Several organisational / Ofsted factors"`, facts: { ...steady, monthsInPost: 6, fallingRoll: true, governanceConcern: true }, expect: { category: 'high', reasons: ['several-factors'] } },
  { name: 'three factors when the authority sets "several" at four: medium', citation: 'parameter severalFactors', facts: { ...steady, monthsInPost: 6, fallingRoll: true, governanceConcern: true }, params: { severalFactors: 4 }, expect: { category: 'medium', variant: 'timetabled-support' } },

  // Academies and overrides
  { name: 'academy at high risk: invited to comment, academy offer', citation: '\u00a72.4.1: "For an academy the Director ... will invite the chair of governors and head teacher to comment on the assessment"', facts: { ...steady, isAcademy: true, status: 'academy', bottomQuartileMeasures: 6 }, expect: { category: 'high', offerFor: 'academy' } },
  { name: 'academy at medium risk: commissions its own conversation', citation: '\u00a72.4.1: "An academy will be able to commission a similar conversation"', facts: { ...steady, isAcademy: true, status: 'academy', fallingRoll: true }, expect: { category: 'medium', variant: 'timetabled-support', offerFor: 'academy' } },
  { name: 'academy at low risk: the same offer as a maintained school', citation: '\u00a72.4.1: "Where it is low risk, it will be for the school to decide"', facts: { ...steady, isAcademy: true, status: 'academy' }, expect: { category: 'low', offerFor: 'maintained' } },
  { name: 'RI school overridden to medium with a reason: medium', citation: '\u00a72.4.1: the risk assessment is "agreed with the School Improvement Group"', facts: { ...steady, ...ri, categoryOverride: 'Medium', overrideReason: 'Monitoring inspection found good progress' }, expect: { category: 'medium' } },
];

runConformance(fw, cases);

const run = (facts: Partial<Facts>, params: Record<string, unknown> = {}) => {
  const resolved = resolveParameters(fw, params) as { ok: true; params: Parameters };
  return categorise(fw, { ...NEUTRAL_FACTS, ...facts }, { params: resolved.params, trace: true });
};

describe('Herefordshire: actions by risk level (\u00a72.4.1)', () => {
  it('sets no number of days in any category, and says why', () => {
    for (const c of herefordshire.categories) {
      for (const offer of [c.support.maintained, c.support.academy]) {
        if (!offer) continue;
        expect(offer.amount, c.id).toBeNull();
        expect(offer.noneReason, c.id).toBeTruthy();
      }
    }
  });

  it('at low risk leaves it to the school, maintained or academy alike', () => {
    const r = run(steady);
    expect(r.support.actions.join(' ')).toMatch(/for the school to decide if it wishes further clarification or support/);
    expect(r.support.academyDiffers).toBe(false);
    expect(run({ ...steady, isAcademy: true }).support.actions).toEqual(r.support.actions);
  });

  it('at medium arranges an SIA or NLE meeting for a maintained school; an academy commissions its own', () => {
    const maintained = run({ ...steady, fallingRoll: true });
    expect(maintained.support.actions[0]).toMatch(/arrange a meeting with the head teacher by a School Improvement Adviser or NLE/);
    expect(maintained.support.academyDiffers).toBe(true);
    const academy = run({ ...steady, fallingRoll: true, isAcademy: true });
    expect(academy.support.actions[0]).toMatch(/commission a similar conversation or use the assessment to inform its own arrangement for external challenge/);
  });

  it('at high draws up the detailed assessment with monitoring visits (maintained); invites an academy to comment and may inform the DfE', () => {
    const maintained = run({ ...steady, ...ri });
    const actions = maintained.support.actions.join(' | ');
    expect(actions).toMatch(/more detailed risk assessment \(Appendix 6\)/);
    expect(actions).toMatch(/Additional monitoring visits/);
    expect(actions).toMatch(/Project Group/);
    expect(maintained.support.cadence).toMatch(/no more than one month/);
    const academy = run({ ...steady, ...ri, isAcademy: true });
    expect(academy.support.offerFor).toBe('academy');
    expect(academy.support.actions[0]).toMatch(/invite the chair of governors and head teacher to comment on the assessment/);
    expect(academy.support.informed).toContain('DfE Academies and Performance Division (where concerns are not addressed)');
    expect(academy.support.actions.join(' ')).not.toMatch(/monitoring visits/);
  });
});

describe('Herefordshire: medium variants', () => {
  it('gives every medium result a variant and no other result one', () => {
    fc.assert(fc.property(schoolState, (s) => {
      const r = categorise(fw, factsOf(s));
      if (r.category === 'medium') expect(['enhanced-priority', 'timetabled-support']).toContain(r.variant?.id);
      else expect(r.variant).toBeNull();
    }), { numRuns: 300 });
  });

  it('names the variant after the Appendix 5 sub-heading whose factor fired', () => {
    expect(run({ ...steady, bottomQuartileMeasures: 4 }).variant).toEqual({ id: 'enhanced-priority', label: 'Enhanced priority' });
    expect(run({ ...steady, organisationalChange: true }).variant).toEqual({ id: 'timetabled-support', label: 'Timetabled support' });
  });
});

describe('Herefordshire: parameters change the outcome', () => {
  it.each([
    ['primaryFloorPct', 50, belowPrimaryFloor, 'high', 'low'],
    ['mathsProgressFloor', -2, belowPrimaryFloor, 'high', 'low'],
    ['englishProgressFloor', -2, belowPrimaryFloor, 'high', 'low'],
    ['minCohort', 31, belowPrimaryFloor, 'high', 'low'],
    ['secondaryFloorPct', 35, { ...secondary, ks4EnglishMathsGrade4Pct: 38 }, 'high', 'low'],
    ['secondaryProgressFloor', -1, { ...secondary, ks4Progress8: -0.8 }, 'high', 'low'],
    ['imminenceGoodMonths', 48, { ...steady, monthsSinceInspection: 40 }, 'high', 'medium'],
    ['highGapPoints', 35, { ...steady, disadvantagedGap: 32, disadvantagedGapTrend: 'stable' }, 'high', 'medium'],
    ['lowAttainmentYears', 4, { ...steady, yearsLowAttainment: 3 }, 'high', 'low'],
    ['mediumQuartileMeasures', 5, { ...steady, bottomQuartileMeasures: 4 }, 'medium', 'low'],
    ['newHeadMonths', 6, { ...steady, monthsInPost: 8 }, 'medium', 'low'],
    ['lowAttendancePrimaryPct', 92, { ...steady, phase: 'primary', attendancePct: 93 }, 'medium', 'low'],
    ['significantGapPoints', 25, { ...steady, disadvantagedGap: 22, disadvantagedGapTrend: 'stable' }, 'medium', 'low'],
    ['anniversaryGoodMonths', 30, { ...steady, monthsSinceInspection: 28 }, 'medium', 'low'],
  ] as const)('%s = %s', (name, value, facts, before, after) => {
    expect(run(facts).category).toBe(before);
    expect(run(facts, { [name]: value }).category).toBe(after);
  });

  it('imminence after a Satisfactory / RI inspection is a parameter too (shown in the reasons)', () => {
    const facts = { ...steady, ...ri, monthsSinceInspection: 18 };
    expect(run(facts).reasons.map((r) => r.criterion)).toContain('imminence');
    expect(run(facts, { imminenceSatisfactoryMonths: 24 }).reasons.map((r) => r.criterion)).not.toContain('imminence');
  });
});

describe('Herefordshire: the definition', () => {
  it('names the current measure that stands in for each retired one', () => {
    const p = herefordshire.parameters;
    expect(p.primaryFloorPct!.standIn).toMatch(/ks2RwmExpectedPct/);
    expect(p.englishProgressFloor!.standIn).toMatch(/ks2ReadingProgress, ks2WritingProgress/);
    expect(p.mathsProgressFloor!.standIn).toMatch(/ks2MathsProgress/);
    expect(p.secondaryFloorPct!.standIn).toMatch(/ks4EnglishMathsGrade4Pct/);
    expect(p.secondaryProgressFloor!.standIn).toMatch(/ks4Progress8/);
    expect(p.imminenceSatisfactoryMonths!.standIn).toMatch(/Requires improvement/);
  });

  it('keeps the policy\'s own numbers as the defaults', () => {
    const d = fw.defaults;
    expect([d.minCohort, d.primaryFloorPct, d.highQuartileMeasures, d.mediumQuartileMeasures, d.secondaryFloorPct, d.imminenceGoodMonths, d.imminenceSatisfactoryMonths, d.lowAttainmentYears, d.lowIndicatorsNeeded, d.recentInspectionMonths])
      .toEqual([11, 60, 5, 4, 40, 36, 12, 3, 3, 24]);
  });

  it('cites Appendix 5 or \u00a72.4.1 for every criterion', () => {
    for (const c of herefordshire.criteria) expect(c.citation.section, c.id).toMatch(/^(Appendix 5|\u00a72\.4\.1)/);
  });

  it('keeps the computed category beside an override', () => {
    const r = evaluateCase(fw, { name: '', citation: '', facts: { ...steady, ...ri, categoryOverride: 'low', overrideReason: 'agreed at SIG' }, expect: { category: 'low' } });
    expect(r.category).toBe('low');
    expect(r.computedCategory).toBe('high');
    expect(r.override).toEqual({ category: 'low', reason: 'agreed at SIG' });
  });
});

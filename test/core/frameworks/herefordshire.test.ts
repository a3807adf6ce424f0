import { describe, expect, it } from 'vitest';
import { categorise, compileFramework } from '../../../core/engine';
import { herefordshire } from '../../../core/frameworks/herefordshire';
import type { Facts } from '../../../core/facts';
import { NEUTRAL_FACTS, runConformance, type ConformanceCase } from '../../support/conformance';

const fw = compileFramework(herefordshire);
const H = 'Appendix 5, High Risk';
const E = 'Appendix 5, Medium risk, Enhanced priority';
const T = 'Appendix 5, Medium risk, Timetabled support';

/** A school with three low-risk indicators, recently judged good, nothing wrong: the policy's low risk. */
const steady: Partial<Facts> = { monthsInPost: 60, leadershipConcern: false, governanceConcern: false, monthsSinceInspection: 12, attainmentTrend: 'stable', monthsUntilInspectionDue: 30 };

const cases: ConformanceCase[] = [
  { name: 'three low-risk indicators: low', citation: 'Appendix 5: "Low risk (at least three indicators)"', facts: steady, expect: { category: 'low', reasons: ['experienced-leadership', 'recent-good', 'consistent-trend'], supportAmount: null } },
  { name: 'only two low-risk indicators can hold: medium, timetabled', citation: 'Appendix 5: "Low risk (at least three indicators)"', facts: { ...steady, monthsSinceInspection: 30, disadvantagedGap: 5, disadvantagedGapTrend: 'stable', ks2RwmExpectedPct: 50, ks4EnglishMathsGrade4Pct: 50 }, expect: { category: 'medium', variant: 'timetabled-support', reasons: ['too-few-low-indicators'] } },
  { name: 'primary below 60% RWM and below progress floor, cohort 30: high', citation: `${H}, Primary: "Below 60% with combined scores for Reading, writing, maths" (progress stand-in)`, facts: { ...steady, phase: 'primary', ks2Cohort: 30, ks2RwmExpectedPct: 55, ks2MathsProgress: -3 }, expect: { category: 'high', reasons: ['primary-floor'] } },
  { name: 'below floor but cohort of 10: floor does not apply', citation: `${H}, Primary: "with 11 or more children in cohort"`, facts: { ...steady, phase: 'primary', ks2Cohort: 10, ks2RwmExpectedPct: 55, ks2MathsProgress: -3 }, expect: { category: 'low' } },
  { name: 'exactly 60% RWM: not below the floor', citation: `${H}, Primary: "Below 60%" (boundary)`, facts: { ...steady, phase: 'primary', ks2Cohort: 30, ks2RwmExpectedPct: 60, ks2MathsProgress: -3 }, expect: { category: 'low' } },
  { name: 'five of eight measures in the lowest quartile: high', citation: `${H}, Primary: "Five or more of the eight measures in fourth quartile"`, facts: { ...steady, bottomQuartileMeasures: 5 }, expect: { category: 'high', reasons: ['quartiles-high'] } },
  { name: 'four of eight measures: medium, enhanced priority', citation: `${E}: "Four of the eight measures in fourth quartile (primary)"`, facts: { ...steady, bottomQuartileMeasures: 4 }, expect: { category: 'medium', variant: 'enhanced-priority', reasons: ['quartiles-medium'] } },
  { name: 'secondary below 40% grade 4+ English and maths: high', citation: `${H}, Secondary: "Below floor standard (40%) for 5+ GCSE A* - C incl E & M" (stand-in)`, facts: { ...steady, phase: 'secondary', ks4EnglishMathsGrade4Pct: 38 }, expect: { category: 'high', reasons: ['secondary-floor'] } },
  { name: 'Progress 8 of -0.6: high', citation: `${H}, Secondary: "Poor level of progress in English and mathematics"`, facts: { ...steady, phase: 'secondary', ks4Progress8: -0.6 }, expect: { category: 'high', reasons: ['secondary-progress'] } },
  { name: 'requires improvement: high', citation: `${H}, All schools: "Ofsted category or Requiring Improvement"`, facts: { ...steady, ofstedBand: 'requires-improvement', ofstedEquivalentGrade: 'requires-improvement' }, expect: { category: 'high', reasons: ['ofsted-category-or-ri'] } },
  { name: 'gap of 25 points, widening: high', citation: `${H}, All schools: "gaps ... are high, not reducing"`, facts: { ...steady, disadvantagedGap: 25, disadvantagedGapTrend: 'widening' }, expect: { category: 'high', reasons: ['gaps-high'] } },
  { name: 'good, last inspected 37 months ago: high (imminence)', citation: `${H}, All schools: "Over three years for Good / Outstanding schools"`, facts: { ...steady, monthsSinceInspection: 37 }, expect: { category: 'high', reasons: ['imminence'] } },
  { name: 'good, last inspected 36 months ago: not yet imminent', citation: `${H}: "Over three years" (boundary)`, facts: { ...steady, monthsSinceInspection: 36 }, expect: { category: 'low' } },
  { name: 'satisfactory 13 months ago: high', citation: `${H}, All schools: "Over twelve months for Satisfactory"`, facts: { ...steady, ofstedBand: 'requires-improvement', ofstedEquivalentGrade: 'satisfactory', monthsSinceInspection: 13 }, expect: { category: 'high', reasons: ['imminence'] } },
  { name: 'inspection due within 12 months: medium, enhanced priority', citation: `${E}: "Ofsted Anniversary dependent on date and grading"`, facts: { ...steady, monthsUntilInspectionDue: 8 }, expect: { category: 'medium', variant: 'enhanced-priority', reasons: ['anniversary'] } },
  { name: 'declining trend: enhanced priority', citation: `${E}: "A declining trend in attainment/progress"`, facts: { ...steady, attainmentTrend: 'declining' }, expect: { category: 'medium', variant: 'enhanced-priority' } },
  { name: 'significant gap, improving: timetabled support', citation: `${T}: "Significant gaps ... but with trend of improvement"`, facts: { ...steady, disadvantagedGap: 15, disadvantagedGapTrend: 'narrowing' }, expect: { category: 'medium', variant: 'timetabled-support', reasons: ['gaps-improving'] } },
  { name: 'new head: timetabled support', citation: `${T}: "New heads/federation/amalgamation/governor support necessary"`, facts: { ...steady, monthsInPost: 3, ks2RwmExpectedPct: 70 }, expect: { category: 'medium', variant: 'timetabled-support', reasons: ['new-head-or-change'] } },
  { name: 'falling roll: timetabled support', citation: `${T}: "Falling roles"`, facts: { ...steady, fallingRoll: true }, expect: { category: 'medium', variant: 'timetabled-support', reasons: ['falling-roll'] } },
  { name: 'attendance 93%: timetabled support', citation: `${T}: "Low attendance"`, facts: { ...steady, attendancePct: 93 }, expect: { category: 'medium', variant: 'timetabled-support', reasons: ['low-attendance'] } },
  { name: 'enhanced priority wins over timetabled support', citation: `${E} before ${T} (our reading: the greater priority)`, facts: { ...steady, fallingRoll: true, attainmentTrend: 'declining' }, expect: { category: 'medium', variant: 'enhanced-priority' } },
  { name: 'academy at high risk: invited to comment, no LA plan', citation: '\u00a72.4.1: "For an academy the Director ... will invite the chair of governors and head teacher to comment"', facts: { ...steady, isAcademy: true, bottomQuartileMeasures: 6 }, expect: { category: 'high', offerFor: 'academy' } },
  { name: 'the floor can be set by the authority', citation: 'parameter highQuartileMeasures', facts: { ...steady, bottomQuartileMeasures: 5 }, params: { highQuartileMeasures: 6 }, expect: { category: 'medium' } },
];

runConformance(fw, cases);

describe('Herefordshire: actions by risk level (\u00a72.4.1)', () => {
  it('gives maintained schools at medium a meeting with an SIA or NLE, and academies their own conversation', () => {
    const maintained = categorise(fw, { ...NEUTRAL_FACTS, ...steady, fallingRoll: true });
    expect(maintained.support.actions[0]).toMatch(/School Improvement Adviser or NLE meets the headteacher/);
    const academy = categorise(fw, { ...NEUTRAL_FACTS, ...steady, fallingRoll: true, isAcademy: true });
    expect(academy.support.actions[0]).toMatch(/commission a similar conversation/);
  });
  it('names the current measure that stands in for each retired one', () => {
    expect(herefordshire.parameters.primaryFloorPct!.standIn).toMatch(/ks2RwmExpectedPct/);
    expect(herefordshire.parameters.secondaryFloorPct!.standIn).toMatch(/grade 4 or above in English and maths/);
  });
});

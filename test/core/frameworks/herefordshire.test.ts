import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categorise, resolveParameters, type Parameters } from '../../../core/engine';
import { frameworkById } from '../../../core/frameworks';
import { CASES_AS_OF, NEUTRAL_FACTS, evaluateCase } from '../../support/conformance';
import type { Facts } from '../../../core/facts';
import { factsOf, schoolState } from '../../support/arbitraryFacts';

const fw = frameworkById('herefordshire')!;
const herefordshire = fw.definition;

/**
 * A school with three of the five low-risk indicators (an experienced head with no leadership or
 * governance flag, Good 12 months ago, a stable trend) and nothing else recorded: the policy's low risk.
 */
const steady: Partial<Facts> = { monthsInPost: 60, monthsSinceInspection: 12, attainmentTrend: 'stable', monthsUntilInspectionDue: 30 };
/** A primary school with a cohort of 30 below 60% RWM and below the median in English and maths. */
const belowPrimaryFloor: Partial<Facts> = { ...steady, phase: 'primary', ks2Cohort: 30, ks2RwmExpectedPct: 55, ks2ReadingProgress: -1, ks2WritingProgress: 0.5, ks2MathsProgress: -1 };
const secondary: Partial<Facts> = { ...steady, phase: 'secondary' };
const ri: Partial<Facts> = { ofstedBand: 'requires-improvement', ofstedEquivalentGrade: 'requires-improvement' };


const run = (facts: Partial<Facts>, params: Record<string, unknown> = {}) => {
  const resolved = resolveParameters(fw, params, CASES_AS_OF) as { ok: true; params: Parameters };
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

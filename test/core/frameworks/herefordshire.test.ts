import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runConformance } from '../../../core/conformance';
import { categorise, resolveParameters, type Parameters } from '../../../core/engine';
import { frameworkById } from '../../../core/frameworks';
import { readCsvText } from '../../../src/workbook/csvText';
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

  it('imminenceGoodMonths moves the imminence of a good school (high on its own under the literal reading)', () => {
    const facts = { ...steady, monthsSinceInspection: 40 };
    expect(run(facts, { imminenceAloneIsHigh: true }).category).toBe('high');
    expect(run(facts, { imminenceAloneIsHigh: true, imminenceGoodMonths: 48 }).category).toBe('medium');
  });

  it('imminence after a Satisfactory / RI inspection is a parameter too (shown in the trace)', () => {
    const facts = { ...steady, ...ri, monthsSinceInspection: 18 };
    const outcome = (params: Record<string, unknown>) => run(facts, params).trace.find((t) => t.criterion === 'imminence')?.outcome;
    expect(outcome({})).toBe('fired');
    expect(outcome({ imminenceSatisfactoryMonths: 24 })).toBe('not-fired');
  });
});

describe('Herefordshire read as a whole: an imminent inspection is one of the "several" Ofsted factors (\u00a72.4.1)', () => {
  const imminent = { ...steady, monthsSinceInspection: 40 };
  it('alone, or with one other factor, gives medium (enhanced priority); with two others, high', () => {
    expect(run(imminent)).toMatchObject({ category: 'medium', variant: { id: 'enhanced-priority' } });
    expect(run({ ...imminent, monthsInPost: 6 }).category).toBe('medium');
    const several = run({ ...imminent, monthsInPost: 6, fallingRoll: true });
    expect(several.category).toBe('high');
    expect(several.reasons.map((r) => r.criterion).sort()).toEqual(['anniversary', 'falling-roll', 'imminence', 'new-head', 'several-factors']);
  });

  it('counts imminence and the anniversary before it as one factor, not two', () => {
    expect(run({ ...imminent, fallingRoll: true }).category).toBe('medium');
  });

  it('keeps the literal reading of Appendix 5 (imminence alone is high) as a switch, off by default', () => {
    expect(fw.defaults.imminenceAloneIsHigh).toBe(false);
    expect(herefordshire.parameters.imminenceAloneIsHigh!.citation!.quote).toMatch(/modified in the light of any changes to Ofsted frameworks/);
    const literal = run(imminent, { imminenceAloneIsHigh: true });
    expect(literal.category).toBe('high');
    expect(literal.reasons.map((r) => r.criterion)).toEqual(['imminence-alone-high']);
    expect(run(steady, { imminenceAloneIsHigh: true }).category).toBe('low');
  });

  it('tests the same dates in the literal switch as in imminence itself', () => {
    const byId = (id: string) => herefordshire.criteria.find((c) => c.id === id)!.when;
    const alone = byId('imminence-alone-high') as { all: unknown[] };
    expect(alone.all[0]).toEqual(byId('imminence'));
  });
});

describe('Herefordshire: performance variation is a secondary indicator', () => {
  it.each([
    ['secondary', 'medium'],
    ['all-through', 'medium'],
    ['primary', 'low'],
    ['special', 'low'],
  ] as const)('%s with significant variation: %s', (phase, category) => {
    expect(run({ ...steady, phase, performanceVariation: true }).category).toBe(category);
  });
});

describe('Herefordshire: reasons an analyst can read', () => {
  it('never gives a low-risk indicator as a reason for medium or high, and no line twice', () => {
    const lowIndicators = new Set(herefordshire.criteria.filter((c) => c.indicates === 'low').map((c) => c.id));
    const groups = new Set(['enhanced-priority', 'timetabled-support']);
    fc.assert(fc.property(schoolState, (s) => {
      const r = categorise(fw, factsOf(s));
      const ids = r.reasons.map((x) => x.criterion);
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(r.reasons.map((x) => x.text)).size).toBe(ids.length);
      if (r.category !== 'low') for (const id of ids) expect(lowIndicators.has(id) || groups.has(id), id).toBe(false);
    }), { numRuns: 300 });
  });

  it('gives the factor, not its Appendix 5 sub-heading, for a medium school', () => {
    const r = run({ ...steady, fallingRoll: true });
    expect(r.reasons.map((x) => x.criterion)).toEqual(['falling-roll']);
    expect(r.variant?.id).toBe('timetabled-support');
  });
});

describe('Herefordshire: periods counted by calendar anniversaries (the conformance cases, by date)', () => {
  const csv = readFileSync('core/frameworks/herefordshire.cases.csv', 'utf8').trim().split('\n').map((l) => l.split(','));
  const report = runConformance(fw, { header: csv[0]!, rows: csv.slice(1) }, { rows: readCsvText(readFileSync('core/frameworks/herefordshire.cases.tsv')).rows, file: 'herefordshire.cases.tsv' });
  const traced = (urn: string, criterion: string) => report.cases.find((c) => c.expectation.urn === urn)!.result!.trace.find((t) => t.criterion === criterion)!.outcome;

  it.each([
    ['900059', 'imminence', 'fired', 'Good, the day after the third anniversary: over three years'],
    ['900060', 'imminence', 'not-fired', 'Good, on the third anniversary: not over three years'],
    ['900062', 'imminence', 'fired', 'Satisfactory, the day after the first anniversary: over twelve months'],
    ['900067', 'imminence', 'not-fired', 'Satisfactory, on the first anniversary: not over twelve months'],
    ['900028', 'recent-good', 'fired', 'Good, on the second anniversary: still in the last two years'],
    ['900061', 'recent-good', 'not-fired', 'Good, the day after the second anniversary: no longer in the last two years'],
    ['900065', 'new-head', 'not-fired', 'head in post twelve months on the anniversary: not new'],
    ['900066', 'new-head', 'fired', 'head a day short of twelve months: new'],
  ])('%s: %s %s (%s)', (urn, criterion, outcome) => {
    // "not-fired": does not fire (a blank interim-head flag leaves new-head unknown rather than no).
    if (outcome === 'fired') expect(traced(urn, criterion)).toBe('fired');
    else expect(traced(urn, criterion)).not.toBe('fired');
  });

  it('passes every case', () => {
    expect(report.cases.filter((c) => !c.passed).map((c) => [c.expectation.urn, c.failures])).toEqual([]);
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

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { categorise } from '../../../core/engine';
import type { Citation } from '../../../core/framework';
import { frameworkById } from '../../../core/frameworks';
import { evaluateCase, NEUTRAL_FACTS } from '../../support/conformance';

const fw = frameworkById('oxfordshire')!;
const oxfordshire = fw.definition;

/** A good maintained school with every flag given and clear: the policy's "no triggers" school. */
const CLEAR = {
  isAcademy: false, attainmentConcern: false, progressConcern: false, attendanceConcern: false, exclusionsConcern: false, leadershipConcern: false,
  governanceConcern: false, safeguardingConcern: false, yearsLowAttainment: 0, yearsLowProgress: 0, yearsLowAttendance: 0, yearsHighExclusions: 0,
  ungradedConcerns: false, earlyYearsConcern: false,
} as const;


const withFacts = (facts: Partial<typeof NEUTRAL_FACTS> & Record<string, unknown>, params?: Record<string, unknown>) =>
  evaluateCase(fw, { name: '', citation: '', facts: { ...CLEAR, ...facts }, params, expect: { category: '' } });

describe('Oxfordshire: support offers per category', () => {
  it('gives universal schools at least one day a year, with the headteacher and Chair of Governors', () => {
    const r = withFacts({});
    expect(r.support).toMatchObject({ amount: 1, unit: 'days', bound: 'at least', cadence: 'annual review visit', offerFor: 'maintained' });
    expect(r.support.summary).toBe('At least 1 day a year');
    expect(r.support.informed).toEqual(['Headteacher', 'Chair of Governors']);
  });

  it('gives targeted schools up to three days, prioritised for the Autumn and Spring terms', () => {
    const r = withFacts({ attendanceConcern: true });
    expect(r.support).toMatchObject({ amount: 3, unit: 'days', bound: 'up to' });
    expect(r.support.summary).toBe('Up to 3 days a year');
    expect(r.support.actions.join(' ')).toMatch(/Autumn and Spring terms/);
  });

  it('sets no number for bespoke and RI, says why, and convenes the strategy group at least termly', () => {
    for (const facts of [{ safeguardingConcern: true }, { ofstedBand: 'requires-improvement' as const }]) {
      const r = withFacts(facts);
      expect(r.support.amount).toBeNull();
      expect(r.support.noneReason).toMatch(/bespoke/);
      expect(r.support.cadence).toMatch(/at least termly/);
      expect(r.support.informed).toContain('Diocese link advisor (as appropriate)');
    }
    expect(withFacts({ ofstedBand: 'requires-improvement' }).support.actions.join(' ')).toMatch(/Good within four terms/);
  });

  it('describes the inadequate pathway: academy order (a power since 2026), Statement of Action, half-termly meetings', () => {
    const r = withFacts({ ofstedBand: 'inadequate', inCategoryOfConcern: true });
    expect(r.support.cadence).toBe('half-termly strategy meetings chaired by a senior LA officer');
    expect(r.support.actions.join(' ')).toMatch(/Statement of Action/);
    expect(r.support.actions.join(' ')).toMatch(/Children's Wellbeing and Schools Act 2026, s58/);
    expect(r.support.informed).toContain('The receiving Academy Trust, once agreed');
  });

  it('gives academies no LA days in any category, and the structured conversation from targeted upwards', () => {
    const factsFor = { universal: {}, targeted: { attainmentConcern: true }, bespoke: { safeguardingConcern: true }, ri: { ofstedBand: 'requires-improvement' as const }, inadequate: { ofstedBand: 'inadequate' as const } };
    for (const [category, facts] of Object.entries(factsFor)) {
      const r = withFacts({ ...facts, isAcademy: true });
      expect(r.category).toBe(category);
      expect(r.support.offerFor).toBe('academy');
      expect(r.support.amount).toBeNull();
      expect(r.support.noneReason).toMatch(/applies to maintained schools/);
      expect(r.support.cadence).toBe(category === 'universal' ? 'none set' : 'annual structured conversation');
    }
  });
});

describe('Oxfordshire: parameters change the outcome', () => {
  it('lets the authority change the targeted maximum and the universal visit', () => {
    expect(withFacts({ attainmentConcern: true }, { targetedMaxDays: 5 }).support.amount).toBe(5);
    expect(withFacts({}, { universalDays: 2 }).support.summary).toBe('At least 2 days a year');
  });

  it('lengthens the pattern: two years is no longer a pattern at three', () => {
    expect(withFacts({ yearsLowAttainment: 2 }).category).toBe('bespoke');
    expect(withFacts({ yearsLowAttainment: 2 }, { patternYears: 3 }).category).toBe('universal');
  });

  it('moves the risk trigger to a level, not a score', () => {
    expect(withFacts({ inspectionRisk: 'medium', inspectionRiskScore: 70 }).category).toBe('universal');
    expect(withFacts({ inspectionRisk: 'medium', inspectionRiskScore: 70 }, { riskLevelTrigger: 'medium' }).category).toBe('targeted');
    expect(withFacts({ inspectionRisk: 'low', inspectionRiskScore: 50 }, { riskLevelTrigger: 'medium' }).category).toBe('universal');
    // The level decides: a High school is triggered whatever its score under a changed model.
    expect(withFacts({ inspectionRisk: 'high', inspectionRiskScore: 45 }).category).toBe('targeted');
  });

  it('widens the new-head window for a termly run', () => {
    expect(withFacts({ monthsInPost: 3 }).additional.map((a) => a.id)).toEqual([]);
    expect(withFacts({ monthsInPost: 3 }, { newHeadMonths: 4 }).additional.map((a) => a.id)).toEqual(['new-headteacher-visit']);
  });

  it('moves the four-term expectation for RI schools', () => {
    expect(withFacts({ ofstedBand: 'requires-improvement', monthsSinceInspection: 13 }).variant).toBeNull();
    expect(withFacts({ ofstedBand: 'requires-improvement', monthsSinceInspection: 13 }, { riMonthsToGood: 12 }).variant?.id).toBe('beyond-four-terms');
  });

  it('rejects values outside a parameter\'s range', () => {
    expect(() => withFacts({}, { targetedMaxDays: -1 })).toThrow(/targetedMaxDays/);
  });
});

describe('Oxfordshire: reasons and blanks', () => {
  it('explains a universal school without an Ofsted judgement by the default reason', () => {
    const r = withFacts({ ofstedBand: 'not-inspected', ofstedSource: 'none' });
    expect(r.category).toBe('universal');
    expect(r.reasons.map((x) => x.criterion)).toEqual(['(default)']);
  });

  it('never fires a trigger on a blank flag: a good school with nothing known stays universal', () => {
    const r = categorise(fw, NEUTRAL_FACTS, { trace: true });
    expect(r.category).toBe('universal');
    expect(r.trace.find((t) => t.criterion === 'attainment-progress')?.outcome).toBe('unknown');
  });

  it('lists every fired trigger as a reason of a targeted school', () => {
    const r = withFacts({ attainmentConcern: true, governanceConcern: true });
    expect(r.reasons.map((x) => x.criterion)).toEqual(['attainment-progress', 'leadership-governance']);
  });
});

const POLICY = resolve(__dirname, '../../../docs/policies/oxfordshire-improvement-guarantee.txt');

describe('Oxfordshire: every citation quotes the policy', () => {
  const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();
  const citations: [string, Citation][] = [
    ...oxfordshire.criteria.map((c) => [`criterion ${c.id}`, c.citation] as [string, Citation]),
    ...Object.entries(oxfordshire.parameters).filter(([, p]) => p.citation).map(([k, p]) => [`parameter ${k}`, p.citation!] as [string, Citation]),
    ...oxfordshire.categories.flatMap((c) => [
      [`${c.id} offer`, c.support.maintained.citation] as [string, Citation],
      ...(c.support.academy ? [[`${c.id} academy offer`, c.support.academy.citation] as [string, Citation]] : []),
      ...(c.variants ?? []).map((v) => [`${c.id} variant ${v.id}`, v.citation] as [string, Citation]),
    ]),
    ...(oxfordshire.additional ?? []).map((a) => [`offer ${a.id}`, a.citation] as [string, Citation]),
  ];

  it.each(citations)('%s', (_where, citation) => {
    const text = normalise(readFileSync(POLICY, 'utf8'));
    expect(text).toContain(normalise(citation.quote));
    if (citation.section !== 'Opening statement') expect(text).toContain(normalise(citation.section));
  });
});

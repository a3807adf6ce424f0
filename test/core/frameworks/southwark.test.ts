import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { categorise, resolveParameters } from '../../../core/engine';
import type { Facts } from '../../../core/facts';
import type { AreaGrade } from '../../../core/fields';
import type { Citation } from '../../../core/framework';
import { AREA_FIELDS } from '../../../core/fields';
import { frameworkById } from '../../../core/frameworks';
import { CASES_AS_OF, NEUTRAL_FACTS, evaluateCase } from '../../support/conformance';

const fw = frameworkById('southwark')!;
const southwark = fw.definition;
const POLICY = resolve(__dirname, '../../../docs/policies/southwark-universal-provision.txt');

type Area = 'areaLeadership' | 'areaGovernance' | 'areaCurriculum' | 'areaOutcomes' | 'areaEarlyYears' | 'areaStaffing' | 'areaPersonalDevelopment' | 'areaBehaviour' | 'areaSend' | 'areaSafeguarding' | 'areaAttendance' | 'areaCapacity';
const AREAS = AREA_FIELDS as readonly Area[];
/** Every area judged `grade`, except those given. */
const areas = (grade: AreaGrade, except: Partial<Record<Area, AreaGrade | undefined>> = {}): Partial<Facts> =>
  Object.fromEntries(AREAS.map((a) => [a, a in except ? except[a] : grade]).filter(([, g]) => g !== undefined));
/** Six non-critical areas at `grade`, the other six at A: a school on the edge between A and `grade`. */
const SIX_NON_CRITICAL = ['areaOutcomes', 'areaEarlyYears', 'areaStaffing', 'areaPersonalDevelopment', 'areaBehaviour', 'areaSend'] as const;
const sixAt = (grade: AreaGrade, extra: Partial<Record<Area, AreaGrade | undefined>> = {}) =>
  areas('A', { ...Object.fromEntries(SIX_NON_CRITICAL.map((a) => [a, grade])), ...extra });



const run = (facts: Partial<Facts>, params: Record<string, unknown> = {}) => {
  const resolved = resolveParameters(fw, params, CASES_AS_OF);
  if (!resolved.ok) throw new Error(resolved.errors.join(' '));
  return categorise(fw, { ...NEUTRAL_FACTS, ...facts }, { params: resolved.params, trace: true });
};

describe('Southwark: support offers per category (Table two, Appendix Two)', () => {
  it('A: Partnership Pathway for maintained schools, partnership working for academies, no DCPs', () => {
    const m = run(areas('A')).support;
    expect(m).toMatchObject({ amount: null, offerFor: 'maintained', academyDiffers: true });
    expect(m.actions).toEqual(expect.arrayContaining(['Partnership Pathway', 'Headteacher appraisal if requested', 'Preparation for OFSTED inspection activities if requested']));
    expect(m.informed).toEqual(['Head Teacher', 'Chair of Governors']);
    const a = run({ ...areas('A'), isAcademy: true }).support;
    expect(a.actions[0]).toBe('Partnership working');
    expect(a.informed).toContain('Chair of the board of the academy trust (where appropriate)');
  });

  it('B: up to 3 contact points a year with a termly progress meeting; academies: concerns raised with the RD', () => {
    const m = run(areas('A', { areaGovernance: 'B' })).support;
    expect(m).toMatchObject({ amount: 3, unit: 'contact points', bound: 'up to', summary: 'Up to 3 contact points a year' });
    expect(m.actions).toEqual(expect.arrayContaining(['Termly progress meeting with advisor', 'Quality of Education review if requested']));
    const a = run({ ...areas('A', { areaGovernance: 'B' }), isAcademy: true }).support;
    expect(a).toMatchObject({ amount: null, offerFor: 'academy' });
    expect(a.actions[0]).toBe('Concerns raised with the RD');
    expect(a.informed).toContain('DfE Regional Director (RD)');
  });

  it('C: TRIP, up to 3 contact points, Director of Education informed, termly reviews with the Assistant Director', () => {
    const m = run({ ofstedBand: 'requires-improvement' }).support;
    expect(m).toMatchObject({ amount: 3, unit: 'contact points', bound: 'up to' });
    expect(m.actions).toEqual(expect.arrayContaining(['Director of Education informed', 'Action plan for rapid improvement created', 'Annual Quality of Education Review']));
    expect(m.informed).toEqual(expect.arrayContaining(['Director of Education', 'Assistant Director']));
    expect(m.cadence).toMatch(/^termly Progress Review Meetings/);
    expect(run({ ofstedBand: 'requires-improvement', isAcademy: true }).support.actions[0]).toBe('Concerns raised with RD');
  });

  it('D: Intervention Pathway, warning notice and federation or MAT brokered; the RD and Ofsted get the notice', () => {
    const m = run(areas('A', { areaSafeguarding: 'D' })).support;
    expect(m).toMatchObject({ amount: 3, unit: 'contact points', bound: 'up to' });
    expect(m.actions).toEqual(expect.arrayContaining(['Director of Children and Families is informed', 'Warning notice issued', 'Federation or MAT brokered']));
    expect(m.informed).toContain('Director of Children and Families');
    const a = run({ ...areas('A', { areaSafeguarding: 'D' }), isAcademy: true }).support;
    expect(a.actions).toContain('The RD has powers to intervene in academies, which includes issuing formal warning notices');
  });

  it('each pathway\'s DCPs are their own parameter', () => {
    expect(run(areas('A', { areaGovernance: 'B' }), { dcpSupportMonitoring: 1 }).support.summary).toBe('Up to 1 contact point a year');
    expect(run(areas('A', { areaSafeguarding: 'D' }), { dcpIntervention: 6 }).support.amount).toBe(6);
    expect(run(areas('A', { areaSafeguarding: 'D' }), { dcpTrip: 6 }).support.amount).toBe(3);
  });

  it('changing a parameter changes the category: riskLevelTrigger medium puts a medium risk at risk of RI', () => {
    const facts = { ...areas('A'), inspectionRisk: 'medium' as const, inspectionRiskScore: 70 };
    expect(run(facts).category).toBe('A');
    expect(run(facts, { riskLevelTrigger: 'medium' }).category).toBe('B');
    expect(run({ ...sixAt('B'), monthsUntilInspectionDue: 18 }).category).toBe('A');
    expect(run({ ...sixAt('B'), monthsUntilInspectionDue: 18 }, { preparationMonths: 24 }).category).toBe('B');
  });
});

describe('Southwark: how the best fit votes', () => {
  it('has one criterion per Appendix 1 area and grade, each a vote for that grade', () => {
    expect(AREAS).toHaveLength(12);
    for (const field of AREAS) {
      const own = southwark.criteria.filter((c) => 'fact' in c.when && c.when.fact === field);
      expect(own.map((c) => c.indicates)).toEqual(['A', 'B', 'C', 'D']);
    }
  });

  it('makes leadership, governance and quality of education critical from B, safeguarding at D only', () => {
    const critical = southwark.criteria.filter((c) => c.critical && /-[A-D]$/.test(c.id)).map((c) => c.id).sort();
    expect(critical).toEqual(['curriculum-B', 'curriculum-C', 'curriculum-D', 'governance-B', 'governance-C', 'governance-D', 'leadership-B', 'leadership-C', 'leadership-D', 'safeguarding-D']);
  });

  it('shows the specific Table One reason as a note beside the vote that decided', () => {
    const r = run({ ...areas('A'), monthsInPost: 3, previousOfstedBand: 'inadequate' });
    expect(r.reasons.map((x) => x.criterion)).toEqual(['additional-support']);
    expect(r.notes.map((x) => x.criterion)).toEqual(expect.arrayContaining(['new-head', 'improving-from-ri']));
  });

  /** Every combination of the Table One indicators: the slot always casts exactly one vote. */
  it('casts exactly one Table One vote whatever the indicators, blanks included', () => {
    const slot = ['ofsted-inadequate', 'ofsted-ri', 'additional-support', 'monitoring-evidence', 'ofsted-good'];
    const bands = ['good-or-better', 'requires-improvement', 'inadequate', 'not-inspected'] as const;
    const options: Partial<Facts>[] = [{}, { monthsInPost: 3 }, { inspectionRiskScore: 80 }, { attainmentConcern: true }, { monthsUntilInspectionDue: 2 }, { governanceConcern: true }, { safeguardingEffective: true }, { inspectionOverdue: false }];
    for (const ofstedBand of bands) {
      for (const extra of options) {
        const r = run({ ofstedBand, ...extra });
        expect(r.trace.filter((t) => slot.includes(t.criterion) && t.outcome === 'fired'), `${ofstedBand} ${JSON.stringify(extra)}`).toHaveLength(1);
        expect(r.trace.filter((t) => slot.includes(t.criterion) && t.outcome === 'unknown')).toHaveLength(0);
      }
    }
  });

  it('a new head never lowers the category, even where the areas point to D (a new B vote added to the median would)', () => {
    const facts = { ofstedBand: 'not-inspected', previousOfstedBand: 'not-inspected', areaOutcomes: 'D', areaStaffing: 'D', areaEarlyYears: 'C', areaBehaviour: 'C' } as const;
    const before = run({ ...facts, monthsInPost: 15 }).category;
    const after = run({ ...facts, monthsInPost: 8 }).category;
    expect(['A', 'B', 'C', 'D'].indexOf(after)).toBeGreaterThanOrEqual(['A', 'B', 'C', 'D'].indexOf(before));
    expect(after).toBe('C');
  });

  it('records the override and keeps the computed category', () => {
    const r = evaluateCase(fw, { name: '', citation: '', facts: { ...areas('A'), categoryOverride: 'c', overrideReason: 'New head and falling roll' }, expect: { category: 'C' } });
    expect(r).toMatchObject({ category: 'C', computedCategory: 'A', override: { category: 'C', reason: 'New head and falling roll' } });
  });
});

describe('Southwark: categories', () => {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  it.each(southwark.categories.map((c) => [c.id, c] as const))('%s has readable text on its fill (contrast at least 4.5)', (_id, c) => {
    const [hi, lo] = [luminance(c.colour), luminance(c.textColour)].sort((a, b) => b - a);
    expect((hi! + 0.05) / (lo! + 0.05)).toBeGreaterThanOrEqual(4.5);
  });
  it('orders the categories A, B, C, D from least to most concern', () => {
    expect(southwark.categories.map((c) => c.id)).toEqual(['A', 'B', 'C', 'D']);
  });
});

describe('Southwark: every citation quotes the policy', () => {
  const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();
  const citations: [string, Citation][] = [
    ...southwark.criteria.map((c) => [`criterion ${c.id}`, c.citation] as [string, Citation]),
    ...Object.entries(southwark.parameters).filter(([, p]) => p.citation).map(([k, p]) => [`parameter ${k}`, p.citation!] as [string, Citation]),
    ...southwark.categories.flatMap((c) => [
      [`${c.id} offer`, c.support.maintained.citation] as [string, Citation],
      ...(c.support.academy ? [[`${c.id} academy offer`, c.support.academy.citation] as [string, Citation]] : []),
    ]),
  ];
  const text = normalise(readFileSync(POLICY, 'utf8'));
  it.each(citations)('%s', (_where, citation) => {
    expect(text).toContain(normalise(citation.quote));
  });
  it('quotes Appendix Two\'s actions word for word', () => {
    const offers = southwark.categories.flatMap((c) => [c.support.maintained, c.support.academy!]);
    const verbatim = ['Termly progress meeting with advisor', 'Action plan for rapid improvement created', 'Termly Progress Review Meetings with governors and Assistant Director', 'Warning notice issued', 'Federation or MAT brokered', 'Director of Children and Families is informed', 'Concerns raised with the RD', 'Concerns raised with RD', 'Partnership working'];
    for (const action of verbatim) {
      expect(offers.some((o) => o.actions.includes(action)), action).toBe(true);
      expect(text).toContain(action);
    }
  });
});

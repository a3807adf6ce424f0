import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { categorise, compileFramework, resolveParameters } from '../../../core/engine';
import type { Facts } from '../../../core/facts';
import type { AreaGrade } from '../../../core/fields';
import type { Citation } from '../../../core/framework';
import { SOUTHWARK_AREAS, southwark } from '../../../core/frameworks/southwark';
import { evaluateCase, NEUTRAL_FACTS, runConformance, type ConformanceCase } from '../../support/conformance';

const fw = compileFramework(southwark);
const POLICY = resolve(__dirname, '../../../docs/policies/southwark-universal-provision.txt');

type Area = 'areaLeadership' | 'areaGovernance' | 'areaCurriculum' | 'areaOutcomes' | 'areaEarlyYears' | 'areaStaffing' | 'areaPersonalDevelopment' | 'areaBehaviour' | 'areaSend' | 'areaSafeguarding' | 'areaAttendance' | 'areaCapacity';
const AREAS = SOUTHWARK_AREAS as readonly Area[];
/** Every area judged `grade`, except those given. */
const areas = (grade: AreaGrade, except: Partial<Record<Area, AreaGrade | undefined>> = {}): Partial<Facts> =>
  Object.fromEntries(AREAS.map((a) => [a, a in except ? except[a] : grade]).filter(([, g]) => g !== undefined));
/** Six non-critical areas at `grade`, the other six at A: a school on the edge between A and `grade`. */
const SIX_NON_CRITICAL = ['areaOutcomes', 'areaEarlyYears', 'areaStaffing', 'areaPersonalDevelopment', 'areaBehaviour', 'areaSend'] as const;
const sixAt = (grade: AreaGrade, extra: Partial<Record<Area, AreaGrade | undefined>> = {}) =>
  areas('A', { ...Object.fromEntries(SIX_NON_CRITICAL.map((a) => [a, grade])), ...extra });

const T1 = '\u00a75 Table One';
const T2 = '\u00a77 Table two';
const A1 = 'Appendix 1';

const cases: ConformanceCase[] = [
  // A: the partnership school
  { name: 'every area A and judged good: A, Partnership Pathway, no set DCPs', citation: `${T1}, A: "Overall effectiveness is at least good and there are no current significant concerns."`, facts: areas('A'), expect: { category: 'A', reasons: ['ofsted-good', 'leadership-A'], supportAmount: null, offerFor: 'maintained' } },
  { name: 'no area judgements yet, judged good: A on the Table One evidence alone', citation: `${T1}, A: "Overall effectiveness is at least good"`, facts: {}, expect: { category: 'A', reasons: ['ofsted-good'] } },
  { name: 'two non-critical areas at B among A: still A', citation: `${T1}: "Please note that this is a best fit model."`, facts: areas('A', { areaOutcomes: 'B', areaAttendance: 'B' }), expect: { category: 'A' } },
  // B by best fit, and by a critical area
  { name: 'most areas B: B, up to 3 DCPs', citation: `${T2}, B: "This will involve up to 3 dedicated contact points"`, facts: areas('B', { areaSafeguarding: 'A' }), expect: { category: 'B', reasons: ['outcomes-B'], supportAmount: 3 } },
  { name: 'governance B in an otherwise A school: B (critical)', citation: `${A1}, B: "There may be weaknesses in governance which are beginning to be addressed"; note: critical criteria`, facts: areas('A', { areaGovernance: 'B' }), expect: { category: 'B', reasons: ['governance-B'] } },
  // Critical criteria deciding alone
  { name: 'quality of education C alone: C (critical)', citation: `${A1}, C: "The curriculum* is not yet effectively planned, sequenced and implemented"; note: "quality of education"`, facts: areas('A', { areaCurriculum: 'C' }), expect: { category: 'C', reasons: ['curriculum-C'], supportAmount: 3 } },
  { name: 'senior leadership ineffective alone: D', citation: `${A1}, D: "Senior leadership is ineffective."`, facts: areas('A', { areaLeadership: 'D' }), expect: { category: 'D', reasons: ['leadership-D'] } },
  { name: 'governance ineffective alone: D', citation: `${A1}, D: "Governance is ineffective and fails to deliver its core functions"`, facts: areas('A', { areaGovernance: 'D' }), expect: { category: 'D', reasons: ['governance-D'] } },
  { name: 'safeguarding ineffective alone: D, Intervention Pathway', citation: `${A1}, D: "Safeguarding is ineffective"`, facts: areas('A', { areaSafeguarding: 'D' }), expect: { category: 'D', reasons: ['safeguarding-D'], supportAmount: 3 } },
  { name: 'safeguarding judged C ("effective") is evidence, not a floor: A', citation: `${A1}, C: "Safeguarding is effective." (critical only where ineffective; our reading)`, facts: areas('A', { areaSafeguarding: 'C' }), expect: { category: 'A' } },
  { name: 'a non-critical area at D alone does not decide: A', citation: `${A1} note: the critical criteria are "safeguarding, leadership, governance, quality of education"; EYFS is not one`, facts: areas('A', { areaEarlyYears: 'D' }), expect: { category: 'A' } },
  // The tie rule
  { name: 'six areas C, six votes A (one area blank): tie goes to the greater concern, C', citation: `${T1}: "best fit model" (our reading: an even split goes to the more concerning middle)`, facts: sixAt('C', { areaCapacity: undefined }), expect: { category: 'C', reasons: ['outcomes-C'] } },
  { name: 'six areas C, seven votes A: A', citation: `${T1}: "best fit model"`, facts: sixAt('C'), expect: { category: 'A' } },
  // Ofsted standing (Table One)
  { name: 'judged RI by Ofsted, every area A: C, TRIP', citation: `${T1}, C: "The school was or is likely to be judged as requiring improvement by OFSTED."`, facts: { ...areas('A'), ofstedBand: 'requires-improvement' }, expect: { category: 'C', reasons: ['ofsted-ri'], supportAmount: 3 } },
  { name: 'pre-2012 Satisfactory reads as RI: C', citation: `${T1}, C (Satisfactory sits with RI, docs/ofsted.md)`, facts: { ofstedBand: 'requires-improvement', ofstedEquivalentGrade: 'satisfactory' }, expect: { category: 'C', reasons: ['ofsted-ri'] } },
  { name: 'report card mapped to requires improvement: C', citation: `${T1}, C (report card mapped onto the bands, docs/ofsted.md)`, facts: { ofstedBand: 'requires-improvement', ofstedSource: 'report-card' }, expect: { category: 'C' } },
  { name: 'special measures: D', citation: `${T1}, D: "Schools judged by Ofsted to be inadequate, at risk of being in a category."`, facts: { ...areas('B'), ofstedBand: 'inadequate', inCategoryOfConcern: true, ofstedGrade: 'special-measures' }, expect: { category: 'D', reasons: ['ofsted-inadequate'], supportAmount: 3 } },
  { name: 'Ofsted found safeguarding not effective: D', citation: `${A1}, D: "Safeguarding is ineffective"`, facts: { ...areas('A'), safeguardingEffective: false }, expect: { category: 'D', reasons: ['ofsted-inadequate'] } },
  { name: 'RI but the areas are mostly D: D by best fit', citation: `${T1}: "best fit model"; ${A1}, D heading`, facts: { ...areas('D', { areaLeadership: 'C', areaGovernance: 'C', areaSafeguarding: 'B' }), ofstedBand: 'requires-improvement' }, expect: { category: 'D', reasons: ['outcomes-D'] } },
  // Table One's reasons for B: newHeadMonths 11 / 12 / 13
  { name: 'head in post 11 months (under newHeadMonths 12): B', citation: `${T1}, B: "such as for new HTs" (our reading: the first year)`, facts: { ...areas('A'), monthsInPost: 11 }, expect: { category: 'B', reasons: ['additional-support'] } },
  { name: 'head in post 12 months (at newHeadMonths): A', citation: `${T1}, B: "new HTs" (boundary)`, facts: { ...areas('A'), monthsInPost: 12 }, expect: { category: 'A' } },
  { name: 'head in post 13 months: A', citation: `${T1}, B: "new HTs" (boundary)`, facts: { ...areas('A'), monthsInPost: 13 }, expect: { category: 'A' } },
  { name: 'interim head: B', citation: `${T1}, B: "new HTs" (an interim head is new to the post; our reading)`, facts: { ...areas('A'), headteacherInterim: true, monthsInPost: 40 }, expect: { category: 'B', reasons: ['additional-support'] } },
  // atRiskScore 76 / 77 / 78
  { name: 'risk score 76 (under atRiskScore 77): A', citation: `${T1}, B: "at risk of RI" (our reading: High risk from 77)`, facts: { ...areas('A'), inspectionRiskScore: 76, inspectionRisk: 'medium' }, expect: { category: 'A' } },
  { name: 'risk score 77 (at atRiskScore): B', citation: `${T1}, B: "at risk of RI"`, facts: { ...areas('A'), inspectionRiskScore: 77, inspectionRisk: 'high' }, expect: { category: 'B', reasons: ['additional-support'] } },
  { name: 'risk score 78: B', citation: `${T1}, B: "at risk of RI"`, facts: { ...areas('A'), inspectionRiskScore: 78, inspectionRisk: 'high' }, expect: { category: 'B' } },
  { name: 'ungraded inspection raised concerns: B', citation: `${T1}, B: "at risk of RI" ("School remains Good (Concerns) - S5 Next")`, facts: { ...areas('A'), ungradedConcerns: true }, expect: { category: 'B', reasons: ['additional-support'] } },
  { name: 'good after RI: B', citation: `${T1}, B: "improving from RI"`, facts: { ...areas('A'), previousOfstedBand: 'requires-improvement' }, expect: { category: 'B', reasons: ['additional-support'] } },
  { name: 'leadership concern flagged: B', citation: `${T1}, A: "there are no current significant concerns"; ${A1} note: leadership is critical`, facts: { ...areas('A'), leadershipConcern: true }, expect: { category: 'B', reasons: ['additional-support'] } },
  { name: 'safeguarding concern flagged (not judged ineffective): B, not D', citation: `${A1}, D: "Safeguarding is ineffective" is the only D (our reading: a concern flag is not that judgement)`, facts: { ...areas('A'), safeguardingConcern: true }, expect: { category: 'B' } },
  { name: 'attainment concern flagged, every area A: A (evidence, not a floor)', citation: `${T1}: "best fit model"; the concern is one vote`, facts: { ...areas('A'), attainmentConcern: true }, expect: { category: 'A' } },
  // preparationMonths 11 / 12 / 13 on a school at the edge of B (six non-critical areas B)
  { name: 'edge of B, inspection due in 13 months: A', citation: `${T1}, B: "preparation for OFSTED" (our reading: due within 12 months)`, facts: { ...sixAt('B'), monthsUntilInspectionDue: 13 }, expect: { category: 'A' } },
  { name: 'edge of B, inspection due in 12 months (at preparationMonths): B', citation: `${T1}, B: "preparation for OFSTED"`, facts: { ...sixAt('B'), monthsUntilInspectionDue: 12 }, expect: { category: 'B', reasons: ['monitoring-evidence'] } },
  { name: 'edge of B, inspection due in 11 months: B', citation: `${T1}, B: "preparation for OFSTED"`, facts: { ...sixAt('B'), monthsUntilInspectionDue: 11 }, expect: { category: 'B' } },
  { name: 'every area A, inspection overdue: A (preparation is offered to A schools on request)', citation: `Appendix Two, A: "Preparation for OFSTED inspection activities if requested"`, facts: { ...areas('A'), inspectionOverdue: true, monthsUntilInspectionDue: -2 }, expect: { category: 'A' } },
  { name: 'not yet inspected, nothing else known: B', citation: `${T1}, A needs "Overall effectiveness is at least good"; B: "preparation for OFSTED"`, facts: { ofstedBand: 'not-inspected', ofstedSource: 'none', previousOfstedBand: 'not-inspected' }, expect: { category: 'B', reasons: ['monitoring-evidence'] } },
  { name: 'not yet inspected, every area A: A', citation: `${T1}: "best fit model"`, facts: { ...areas('A'), ofstedBand: 'not-inspected', previousOfstedBand: 'not-inspected' }, expect: { category: 'A' } },
  // Academies
  { name: 'academy, every area A: A, partnership working', citation: `${T2}, A, academy schools: "Partnership working"`, facts: { ...areas('A'), isAcademy: true }, expect: { category: 'A', offerFor: 'academy', supportAmount: null } },
  { name: 'academy in C: concerns raised with the RD, no DCPs', citation: `${T2}, C: "Concerns raised with RD"; \u00a77.1`, facts: { ...areas('C'), isAcademy: true }, expect: { category: 'C', offerFor: 'academy', supportAmount: null } },
  { name: 'academy with safeguarding ineffective: D, concerns raised with the RD', citation: `${T2}, D: "Concerns raised with RD"`, facts: { ...areas('A', { areaSafeguarding: 'D' }), isAcademy: true }, expect: { category: 'D', offerFor: 'academy', supportAmount: null } },
  // Override and parameters
  { name: 'analyst override to D wins, with its reason', citation: `\u00a75.2: "The desktop risk assessment is reviewed on a regular basis" (the analyst's judgement is recorded)`, facts: { ...areas('A'), categoryOverride: 'D', overrideReason: 'Safeguarding referral under investigation' }, expect: { category: 'D', supportAmount: 3 } },
  { name: 'newHeadMonths 24: a head of 18 months is new, B', citation: `${T1}, B: "new HTs" (authority parameter)`, facts: { ...areas('A'), monthsInPost: 18 }, params: { newHeadMonths: 24 }, expect: { category: 'B' } },
  { name: 'dcpTrip 2: C offers up to 2 DCPs', citation: `${T2}, C: "including up to 3 dedicated contact points a year" (authority parameter)`, facts: { ofstedBand: 'requires-improvement' }, params: { dcpTrip: 2 }, expect: { category: 'C', supportAmount: 2 } },
];

runConformance(fw, cases);

const run = (facts: Partial<Facts>, params: Record<string, unknown> = {}) => {
  const resolved = resolveParameters(fw, params);
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

  it('changing a parameter changes the category: atRiskScore 40 puts a score of 45 at risk of RI', () => {
    const facts = { ...areas('A'), inspectionRiskScore: 45 };
    expect(run(facts).category).toBe('A');
    expect(run(facts, { atRiskScore: 40 }).category).toBe('B');
    expect(run({ ...sixAt('B'), monthsUntilInspectionDue: 18 }).category).toBe('A');
    expect(run({ ...sixAt('B'), monthsUntilInspectionDue: 18 }, { preparationMonths: 24 }).category).toBe('B');
  });
});

describe('Southwark: how the best fit votes', () => {
  it('has one criterion per Appendix 1 area and grade, each a vote for that grade', () => {
    expect(SOUTHWARK_AREAS).toHaveLength(12);
    for (const field of SOUTHWARK_AREAS) {
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

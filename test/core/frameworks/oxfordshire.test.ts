import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { categorise, compileFramework } from '../../../core/engine';
import type { Citation } from '../../../core/framework';
import { oxfordshire } from '../../../core/frameworks/oxfordshire';
import { evaluateCase, NEUTRAL_FACTS, runConformance, type ConformanceCase } from '../../support/conformance';

const fw = compileFramework(oxfordshire);
const G = 'Support for Good and Outstanding maintained schools';
const T = 'Support for targeted Good and Outstanding maintained schools';
const B = 'Additional bespoke work with targeted Good and Outstanding maintained schools';
const RI = "Bespoke work with 'Requires Improvement' maintained schools";
const I = 'Inadequate maintained schools';
const NH = 'New headteachers in maintained schools';
const A = 'Academies';

/** A good maintained school with every flag given and clear: the policy's "no triggers" school. */
const CLEAR = {
  isAcademy: false, attainmentConcern: false, progressConcern: false, attendanceConcern: false, exclusionsConcern: false, leadershipConcern: false,
  governanceConcern: false, safeguardingConcern: false, yearsLowAttainment: 0, yearsLowProgress: 0, yearsLowAttendance: 0, yearsHighExclusions: 0,
  ungradedConcerns: false, earlyYearsConcern: false,
} as const;

const cases: ConformanceCase[] = [
  // Universal
  { name: 'good, no triggers: universal, annual one-day review', citation: `${G}: "no triggers for targeted support ... annual one-day review visit"`, facts: CLEAR, expect: { category: 'universal', reasons: ['good-no-triggers'], supportAmount: 1, variant: null, additional: [] } },
  { name: 'outstanding, no triggers: universal', citation: `${G}: "Good and Outstanding"`, facts: { ...CLEAR, ofstedEquivalentGrade: 'outstanding' }, expect: { category: 'universal', reasons: ['good-no-triggers'] } },
  // Targeted: each of the four triggers
  { name: 'attainment concern: targeted, up to 3 days', citation: `${T}: "Concerns around attainment and progress for all groups of pupils"`, facts: { ...CLEAR, attainmentConcern: true }, expect: { category: 'targeted', reasons: ['attainment-progress'], supportAmount: 3 } },
  { name: 'progress concern: targeted', citation: `${T}: "Concerns around attainment and progress"`, facts: { ...CLEAR, progressConcern: true }, expect: { category: 'targeted', reasons: ['attainment-progress'] } },
  { name: 'attendance concern: targeted', citation: `${T}: "Concerns about attendance and/or exclusions"`, facts: { ...CLEAR, attendanceConcern: true }, expect: { category: 'targeted', reasons: ['attendance-exclusions'] } },
  { name: 'exclusions concern: targeted', citation: `${T}: "Concerns about attendance and/or exclusions"`, facts: { ...CLEAR, exclusionsConcern: true }, expect: { category: 'targeted', reasons: ['attendance-exclusions'] } },
  { name: 'leadership concern: targeted', citation: `${T}: "Concerns or vulnerabilities around leadership and management"`, facts: { ...CLEAR, leadershipConcern: true }, expect: { category: 'targeted', reasons: ['leadership-governance'] } },
  { name: 'governance concern: targeted', citation: `${T}: "including the effectiveness of governance"`, facts: { ...CLEAR, governanceConcern: true }, expect: { category: 'targeted', reasons: ['leadership-governance'] } },
  // riskScoreTrigger boundary: 76 / 77 / 78
  { name: 'risk score just below the trigger (76): universal', citation: `${T}: "The risk of being judged less than good" (our reading: High from 77)`, facts: { ...CLEAR, inspectionRiskScore: 76, inspectionRisk: 'medium' }, expect: { category: 'universal' } },
  { name: 'risk score at the trigger (77): targeted', citation: `${T}: "The risk of being judged less than good at the school's next inspection"`, facts: { ...CLEAR, inspectionRiskScore: 77, inspectionRisk: 'high' }, expect: { category: 'targeted', reasons: ['inspection-risk'] } },
  { name: 'risk score above the trigger (78): targeted', citation: `${T}: risk of less than good`, facts: { ...CLEAR, inspectionRiskScore: 78, inspectionRisk: 'high' }, expect: { category: 'targeted', reasons: ['inspection-risk'] } },
  { name: 'Early Years at risk in a targeted school: Early Years variant', citation: `${T}: "If Early Years within the school is deemed to be at risk of not being good, bespoke support will be brokered from the OCC Early Years Team"`, facts: { ...CLEAR, attainmentConcern: true, earlyYearsConcern: true }, expect: { category: 'targeted', variant: 'early-years' } },
  { name: 'Early Years at risk alone is not a trigger', citation: `${T}: the four "transparent triggers" do not include Early Years (our reading)`, facts: { ...CLEAR, earlyYearsConcern: true }, expect: { category: 'universal', variant: null } },
  // Bespoke
  { name: 'safeguarding concern: bespoke, no set number of days', citation: `${B}: "Concerns around safeguarding"`, facts: { ...CLEAR, safeguardingConcern: true }, expect: { category: 'bespoke', reasons: ['safeguarding'], supportAmount: null } },
  { name: 'low attainment for 1 year (below the pattern): targeted on the concern', citation: `${B}: "Patterns of low attainment over 2 years" (boundary)`, facts: { ...CLEAR, yearsLowAttainment: 1, attainmentConcern: true }, expect: { category: 'targeted' } },
  { name: 'low attainment for 2 years (at the pattern): bespoke', citation: `${B}: "Patterns of low attainment over 2 years"`, facts: { ...CLEAR, yearsLowAttainment: 2 }, expect: { category: 'bespoke', reasons: ['low-attainment-pattern'] } },
  { name: 'low attainment for 3 years (above the pattern): bespoke', citation: `${B}: "Patterns of low attainment over 2 years"`, facts: { ...CLEAR, yearsLowAttainment: 3 }, expect: { category: 'bespoke', reasons: ['low-attainment-pattern'] } },
  { name: 'progress below average for 2 years: bespoke', citation: `${B}: "Patterns of progress below average over 2 years"`, facts: { ...CLEAR, yearsLowProgress: 2 }, expect: { category: 'bespoke', reasons: ['low-progress-pattern'] } },
  { name: 'low attendance for 2 years: bespoke', citation: `${B}: "Patterns of low attendance/high exclusion over 2 years"`, facts: { ...CLEAR, yearsLowAttendance: 2 }, expect: { category: 'bespoke', reasons: ['attendance-exclusion-pattern'] } },
  { name: 'high exclusion for 2 years: bespoke', citation: `${B}: "Patterns of low attendance/high exclusion over 2 years"`, facts: { ...CLEAR, yearsHighExclusions: 2 }, expect: { category: 'bespoke', reasons: ['attendance-exclusion-pattern'] } },
  { name: 'section 8 said there were concerns: bespoke', citation: `${B}: "Section 8 inspection outcome identifies risk of being judged by Ofsted as less than Good at the next inspection"`, facts: { ...CLEAR, ungradedConcerns: true }, expect: { category: 'bespoke', reasons: ['section-8-risk'] } },
  { name: 'a targeted trigger plus a bespoke one: bespoke', citation: `${B}: "using the triggers above plus"`, facts: { ...CLEAR, attendanceConcern: true, safeguardingConcern: true }, expect: { category: 'bespoke', reasons: ['safeguarding'] } },
  // RI
  { name: 'requires improvement: RI pathway, whatever the triggers', citation: `${RI}: "The LA will identify a bespoke package"`, facts: { ...CLEAR, ofstedBand: 'requires-improvement', ofstedEquivalentGrade: 'requires-improvement', safeguardingConcern: true, monthsSinceInspection: 3 }, expect: { category: 'ri', reasons: ['requires-improvement'], supportAmount: null, variant: null } },
  { name: 'RI 15 months ago: still within the four terms', citation: `${RI}: "meet the criteria for a 'Good' within four terms" (16 months, our conversion)`, facts: { ...CLEAR, ofstedBand: 'requires-improvement', monthsSinceInspection: 15 }, expect: { category: 'ri', variant: null } },
  { name: 'RI 16 months ago: past the four terms', citation: `${RI}: "within four terms"`, facts: { ...CLEAR, ofstedBand: 'requires-improvement', monthsSinceInspection: 16 }, expect: { category: 'ri', variant: 'beyond-four-terms' } },
  { name: 'RI 17 months ago: past the four terms', citation: `${RI}: "within four terms"`, facts: { ...CLEAR, ofstedBand: 'requires-improvement', monthsSinceInspection: 17 }, expect: { category: 'ri', variant: 'beyond-four-terms' } },
  { name: 'pre-2012 Satisfactory reads as RI', citation: `${RI} (Satisfactory sits with RI, docs/ofsted.md)`, facts: { ...CLEAR, ofstedBand: 'requires-improvement', ofstedEquivalentGrade: 'satisfactory' }, expect: { category: 'ri' } },
  // Inadequate
  { name: 'special measures: inadequate, academy order expected', citation: `${I}: "the school will be subject to an academy order"`, facts: { ...CLEAR, ofstedBand: 'inadequate', ofstedEquivalentGrade: 'inadequate', inCategoryOfConcern: true, ofstedGrade: 'special-measures' }, expect: { category: 'inadequate', reasons: ['inadequate'], supportAmount: null, variant: 'academy-order' } },
  { name: 'report card mapped to a category of concern: inadequate', citation: `${I} (report card mapped per docs/ofsted.md)`, facts: { ...CLEAR, ofstedBand: 'inadequate', ofstedSource: 'report-card', inCategoryOfConcern: true }, expect: { category: 'inadequate', variant: 'academy-order' } },
  { name: 'inadequate band without a category of concern: inadequate, no order shown', citation: `${I}: "Following a judgement of 'Inadequate'"`, facts: { ...CLEAR, ofstedBand: 'inadequate', inCategoryOfConcern: false }, expect: { category: 'inadequate', variant: null } },
  { name: 'academy order switched off (CWSA 2026 s58): no order shown', citation: `${I}; parameter academyOrderFollows`, facts: { ...CLEAR, ofstedBand: 'inadequate', inCategoryOfConcern: true }, params: { academyOrderFollows: false }, expect: { category: 'inadequate', variant: null } },
  // New headteachers: newHeadMonths boundary 1 / 2 / 3
  { name: 'head in post 1 month: new-head visit', citation: `${NH}: "a visit from a local authority lead officer in the first half term of their appointment"`, facts: { ...CLEAR, monthsInPost: 1 }, expect: { category: 'universal', additional: ['new-headteacher-visit'] } },
  { name: 'head in post 2 months: past the first half term', citation: `${NH}: "in the first half term" (our reading: under 2 whole months)`, facts: { ...CLEAR, monthsInPost: 2 }, expect: { category: 'universal', additional: [] } },
  { name: 'head in post 3 months: no visit', citation: `${NH}: "in the first half term"`, facts: { ...CLEAR, monthsInPost: 3 }, expect: { category: 'universal', additional: [] } },
  { name: 'new head in an academy: no LA visit', citation: `${NH} (the heading is "in maintained schools")`, facts: { ...CLEAR, isAcademy: true, monthsInPost: 0 }, expect: { category: 'universal', additional: [] } },
  { name: 'new head of a targeted school: targeted, with the visit', citation: `${NH}: "All new headteachers"`, facts: { ...CLEAR, leadershipConcern: true, monthsInPost: 0 }, expect: { category: 'targeted', additional: ['new-headteacher-visit'] } },
  // Academies
  { name: 'academy judged RI: structured conversation, no LA days', citation: `${A}: "schools who have been judged RI or inadequate"`, facts: { ...CLEAR, isAcademy: true, ofstedBand: 'requires-improvement' }, expect: { category: 'ri', offerFor: 'academy', supportAmount: null, additional: ['academy-structured-conversation'] } },
  { name: 'academy at risk of less than good: structured conversation', citation: `${A}: "schools at risk of being judged less than good by Ofsted"`, facts: { ...CLEAR, isAcademy: true, inspectionRiskScore: 80, inspectionRisk: 'high' }, expect: { category: 'targeted', offerFor: 'academy', supportAmount: null, additional: ['academy-structured-conversation'] } },
  { name: 'academy causing concern (safeguarding): structured conversation', citation: `${A}: "where there are schools causing concern"`, facts: { ...CLEAR, isAcademy: true, safeguardingConcern: true }, expect: { category: 'bespoke', offerFor: 'academy', additional: ['academy-structured-conversation'] } },
  { name: 'good academy with no trigger: no conversation, no days', citation: `Opening statement: "This programme applies to all maintained primary, special and secondary schools."`, facts: { ...CLEAR, isAcademy: true }, expect: { category: 'universal', offerFor: 'academy', supportAmount: null, additional: [] } },
  { name: 'inadequate academy: no academy order variant', citation: `${I} (an academy order is for maintained schools)`, facts: { ...CLEAR, isAcademy: true, ofstedBand: 'inadequate', inCategoryOfConcern: true }, expect: { category: 'inadequate', offerFor: 'academy', variant: null, additional: ['academy-structured-conversation'] } },
  // Overrides
  { name: 'analyst override wins over the computed category', citation: 'issue 3 §4: "An analyst\'s override wins and is recorded with its reason"', facts: { ...CLEAR, ofstedBand: 'requires-improvement', categoryOverride: 'Bespoke', overrideReason: 'Monitoring visit positive' }, expect: { category: 'bespoke', supportAmount: null } },
  { name: 'override by label to universal gives the universal offer', citation: 'issue 3 §4: override', facts: { ...CLEAR, attainmentConcern: true, categoryOverride: 'universal', overrideReason: 'Data error corrected' }, expect: { category: 'universal', supportAmount: 1 } },
];

runConformance(fw, cases);

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

  it('moves the risk trigger', () => {
    expect(withFacts({ inspectionRiskScore: 40 }).category).toBe('universal');
    expect(withFacts({ inspectionRiskScore: 40 }, { riskScoreTrigger: 40 }).category).toBe('targeted');
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

import { describe, expect, it } from 'vitest';
import { categorise, compileFramework } from '../../../core/engine';
import { oxfordshire } from '../../../core/frameworks/oxfordshire';
import { evaluateCase, NEUTRAL_FACTS, runConformance, type ConformanceCase } from '../../support/conformance';

const fw = compileFramework(oxfordshire);
const T = 'Support for targeted Good and Outstanding maintained schools';
const B = 'Additional bespoke work with targeted Good and Outstanding maintained schools';

const cases: ConformanceCase[] = [
  { name: 'good, no triggers: universal annual one-day review', citation: 'Support for Good and Outstanding maintained schools: "no triggers for targeted support ... annual one-day review visit"', facts: { attainmentConcern: false, progressConcern: false, attendanceConcern: false, exclusionsConcern: false, leadershipConcern: false, governanceConcern: false, safeguardingConcern: false, yearsLowAttainment: 0, yearsLowProgress: 0, yearsLowAttendance: 0, yearsHighExclusions: 0, ungradedConcerns: false }, expect: { category: 'universal', reasons: ['good-no-triggers'], supportAmount: 1 } },
  { name: 'attainment concern: targeted, up to 3 days', citation: `${T}: "Concerns around attainment and progress for all groups of pupils"`, facts: { attainmentConcern: true }, expect: { category: 'targeted', reasons: ['attainment-progress'], supportAmount: 3 } },
  { name: 'progress concern: targeted', citation: `${T}: "Concerns around attainment and progress"`, facts: { progressConcern: true }, expect: { category: 'targeted', reasons: ['attainment-progress'] } },
  { name: 'exclusions concern: targeted', citation: `${T}: "Concerns about attendance and/or exclusions"`, facts: { exclusionsConcern: true }, expect: { category: 'targeted', reasons: ['attendance-exclusions'] } },
  { name: 'governance concern: targeted', citation: `${T}: "Concerns or vulnerabilities around leadership and management, including the effectiveness of governance"`, facts: { governanceConcern: true }, expect: { category: 'targeted', reasons: ['leadership-governance'] } },
  { name: 'risk score at the trigger (50): targeted', citation: `${T}: "The risk of being judged less than good at the school's next inspection"`, facts: { inspectionRiskScore: 50 }, expect: { category: 'targeted', reasons: ['inspection-risk'] } },
  { name: 'risk score just below the trigger (49): universal', citation: `${T}: risk trigger (boundary)`, facts: { inspectionRiskScore: 49 }, expect: { category: 'universal' } },
  { name: 'safeguarding concern: bespoke', citation: `${B}: "Concerns around safeguarding"`, facts: { safeguardingConcern: true }, expect: { category: 'bespoke', reasons: ['safeguarding'], supportAmount: null } },
  { name: 'low attainment for 2 years: bespoke', citation: `${B}: "Patterns of low attainment over 2 years"`, facts: { yearsLowAttainment: 2 }, expect: { category: 'bespoke', reasons: ['low-attainment-pattern'] } },
  { name: 'low attainment for 1 year: not a pattern', citation: `${B}: "over 2 years" (boundary)`, facts: { yearsLowAttainment: 1, attainmentConcern: true }, expect: { category: 'targeted' } },
  { name: 'high exclusion for 2 years: bespoke', citation: `${B}: "Patterns of low attendance/high exclusion over 2 years"`, facts: { yearsHighExclusions: 2 }, expect: { category: 'bespoke', reasons: ['attendance-exclusion-pattern'] } },
  { name: 'section 8 said less than good risk: bespoke', citation: `${B}: "Section 8 inspection outcome identifies risk of being judged by Ofsted as less than Good"`, facts: { ungradedConcerns: true }, expect: { category: 'bespoke', reasons: ['section-8-risk'] } },
  { name: 'requires improvement: RI pathway, whatever the triggers', citation: 'Bespoke work with RI maintained schools: "The LA will identify a bespoke package"', facts: { ofstedBand: 'requires-improvement', ofstedEquivalentGrade: 'requires-improvement', safeguardingConcern: true }, expect: { category: 'ri', reasons: ['requires-improvement'] } },
  { name: 'inadequate: academy order and Statement of Action', citation: 'Inadequate maintained schools: "the school will be subject to an academy order"', facts: { ofstedBand: 'inadequate', ofstedEquivalentGrade: 'inadequate' }, expect: { category: 'inadequate', reasons: ['inadequate'] } },
  { name: 'in a category of concern from a report card: inadequate', citation: 'Inadequate maintained schools (report card mapped per docs/ofsted.md)', facts: { ofstedBand: 'inadequate', ofstedSource: 'report-card', inCategoryOfConcern: true }, expect: { category: 'inadequate' } },
  { name: 'new head in a maintained school: a visit in the first half term', citation: 'New headteachers in maintained schools: "a visit from a local authority lead officer in the first half term"', facts: { isAcademy: false, monthsInPost: 1 }, expect: { category: 'universal', additional: ['new-headteacher-visit'] } },
  { name: 'head in post 4 months: no longer new at a termly run', citation: 'New headteachers (our reading: 4 months, docs)', facts: { isAcademy: false, monthsInPost: 4 }, expect: { category: 'universal', additional: [] } },
  { name: 'academy judged RI: structured conversation, no LA days', citation: 'Academies: "an annual structured conversation ... schools who have been judged RI or inadequate"', facts: { isAcademy: true, ofstedBand: 'requires-improvement' }, expect: { category: 'ri', offerFor: 'academy', supportAmount: null, additional: ['academy-structured-conversation'] } },
  { name: 'academy with a trigger: structured conversation', citation: 'Academies: "schools at risk of being judged less than good by Ofsted"', facts: { isAcademy: true, inspectionRiskScore: 70 }, expect: { category: 'targeted', offerFor: 'academy', additional: ['academy-structured-conversation'] } },
  { name: 'analyst override wins', citation: 'issue 3 §4: "An analyst\'s override wins and is recorded with its reason"', facts: { ofstedBand: 'requires-improvement', categoryOverride: 'Bespoke', overrideReason: 'Monitoring inspection positive' }, expect: { category: 'bespoke' } },
];

runConformance(fw, cases);

describe('Oxfordshire: support offers and parameters', () => {
  it('gives universal schools at least one day and targeted schools up to three', () => {
    expect(categorise(fw, NEUTRAL_FACTS).support.summary).toBe('At least 1 day a year');
    expect(categorise(fw, { ...NEUTRAL_FACTS, attainmentConcern: true }).support.summary).toBe('Up to 3 days a year');
  });

  it('lets the authority change the targeted maximum and the pattern length', () => {
    expect(evaluateCase(fw, { name: '', citation: '', facts: { attainmentConcern: true }, params: { targetedMaxDays: 5 }, expect: { category: 'targeted' } }).support.amount).toBe(5);
    expect(evaluateCase(fw, { name: '', citation: '', facts: { yearsLowAttainment: 2 }, params: { patternYears: 3 }, expect: { category: 'universal' } }).category).toBe('universal');
  });

  it('describes the inadequate pathway with the academy order as a power since 2026', () => {
    const r = categorise(fw, { ...NEUTRAL_FACTS, ofstedBand: 'inadequate' });
    expect(r.support.cadence).toBe('half-termly strategy meetings chaired by a senior LA officer');
    expect(r.support.actions.join(' ')).toMatch(/Children's Wellbeing and Schools Act 2026, s58/);
  });

  it('says academies are outside the guarantee, for every category', () => {
    for (const c of oxfordshire.categories) expect(c.support.academy?.noneReason).toMatch(/applies to maintained schools/);
  });
});

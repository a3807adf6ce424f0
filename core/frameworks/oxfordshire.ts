/**
 * Oxfordshire County Council, "Improvement Guarantee" (school improvement programme for maintained
 * schools). The policy has headings but no numbered sections: citations name the heading.
 * Readings where it is silent: docs/frameworks/oxfordshire.md.
 */
import type { Citation, FrameworkDefinition, SupportOffer } from '../framework';

const SOURCE = 'Oxfordshire Improvement Guarantee';
const cite = (section: string, quote: string): Citation => ({ section, quote });

const UNIVERSAL = cite('Universal support', 'Maintained schools will receive a minimum of a one-day visit.');
const GOOD = cite('Support for Good and Outstanding maintained schools', 'Schools where no triggers for targeted support are identified will receive an annual one-day review visit');
const TARGETED = cite('Support for targeted Good and Outstanding maintained schools', 'Schools will be prioritised for support using transparent triggers');
const TARGETED_DAYS = cite('Support for targeted Good and Outstanding maintained schools', 'A maximum of three days support will be provided.');
const BESPOKE = cite('Additional bespoke work with targeted Good and Outstanding maintained schools', 'Schools will be prioritised where significant areas of concern have been identified using the triggers above plus');
const RI = cite('Bespoke work with \u2018Requires Improvement\u2019 maintained schools', 'The LA will identify a bespoke package to support school improvement so that the school is judged Good at the next inspection.');
const INADEQUATE = cite('Inadequate maintained schools', 'Following a judgement of \u2018Inadequate\u2019, the school will be subject to an academy order');
const ACADEMIES = cite('Academies', 'an annual structured conversation will take place with the relevant leaders in MATs (or academies) where there are schools causing concern, schools who have been judged RI or inadequate and schools at risk of being judged less than good by Ofsted');
const SCOPE = cite('Introduction', 'This programme applies to all maintained primary, special and secondary schools.');

const STRATEGY_GROUP = ['Headteacher', 'Chair of Governors', 'Senior Local Authority officers', 'Diocese link advisor (as appropriate)', 'School improvement professionals providing the support'];

/** Academies are outside the guarantee: what they get instead, by category. */
const academyOffer = (conversation: boolean): SupportOffer => ({
  amount: null,
  noneReason: 'the Improvement Guarantee applies to maintained schools; academies can buy traded support',
  actions: conversation
    ? ['Annual structured conversation with the leaders of the academy or its trust', 'Traded support available from the LA']
    : ['Traded support available from the LA'],
  cadence: conversation ? 'annual structured conversation' : 'none set',
  informed: conversation ? ['Academy or MAT leaders'] : [],
  citation: conversation ? ACADEMIES : SCOPE,
});

/** Oxfordshire's framework as data. */
export const oxfordshire: FrameworkDefinition = {
  id: 'oxfordshire',
  name: 'Oxfordshire Improvement Guarantee',
  authority: 'Oxfordshire County Council',
  version: '1.0.0',
  summary: 'Universal one-day review, targeted support up to three days, bespoke support, and the RI and inadequate pathways.',
  source: { title: SOURCE, year: 'undated (in use 2019-2024)', file: 'shared/policies/oxfordshire-improvement-guarantee.txt' },
  docs: 'docs/frameworks/oxfordshire.md',
  parameters: {
    targetedMaxDays: { default: 3, description: 'Most days of targeted support a year.', unit: 'days', min: 0, max: 20, citation: TARGETED_DAYS },
    universalDays: { default: 1, description: 'The annual review visit every maintained school receives.', unit: 'days', min: 0, max: 5, citation: UNIVERSAL },
    riskScoreTrigger: {
      default: 50, min: 0, max: 100, unit: 'score',
      description: 'Next-inspection risk score (0-100) from which "the risk of being judged less than good at the school\'s next inspection" is a trigger. Our reading: the score at which the risk is High (docs/ofsted.md).',
    },
    patternYears: { default: 2, min: 1, max: 10, unit: 'years', description: 'Years of low attainment, low progress or low attendance / high exclusion that make a pattern.', citation: cite(BESPOKE.section, 'Patterns of low attainment over 2 years') },
    newHeadMonths: {
      default: 4, min: 1, max: 24, unit: 'months',
      description: 'A head in post fewer months than this is "new" at a termly run. Our reading: the visit is in the first half term, and a run once a term must catch every head appointed since the last run.',
    },
  },
  criteria: [
    { id: 'inadequate', label: 'Judged inadequate (or in a category of concern)', when: { any: [{ fact: 'ofstedBand', op: 'eq', value: 'inadequate' }, { fact: 'inCategoryOfConcern', op: 'isTrue' }] }, citation: INADEQUATE, indicates: 'inadequate' },
    { id: 'requires-improvement', label: 'Judged requires improvement', when: { fact: 'ofstedBand', op: 'eq', value: 'requires-improvement' }, citation: RI, indicates: 'ri' },
    { id: 'good-no-triggers', label: 'Good or outstanding with no trigger for targeted support', when: { all: [{ fact: 'ofstedBand', op: 'eq', value: 'good-or-better' }, { not: { criterion: 'any-targeted-trigger' } }] }, citation: GOOD, indicates: 'universal' },
    // Targeted triggers.
    { id: 'attainment-progress', label: 'Concerns around attainment and progress', when: { any: [{ fact: 'attainmentConcern', op: 'isTrue' }, { fact: 'progressConcern', op: 'isTrue' }] }, citation: cite(TARGETED.section, 'Concerns around attainment and progress for all groups of pupils'), indicates: 'targeted' },
    { id: 'attendance-exclusions', label: 'Concerns about attendance and/or exclusions', when: { any: [{ fact: 'attendanceConcern', op: 'isTrue' }, { fact: 'exclusionsConcern', op: 'isTrue' }] }, citation: cite(TARGETED.section, 'Concerns about attendance and/or exclusions'), indicates: 'targeted' },
    { id: 'leadership-governance', label: 'Concerns around leadership and management, including governance', when: { any: [{ fact: 'leadershipConcern', op: 'isTrue' }, { fact: 'governanceConcern', op: 'isTrue' }] }, citation: cite(TARGETED.section, 'Concerns or vulnerabilities around leadership and management, including the effectiveness of governance'), indicates: 'targeted' },
    { id: 'inspection-risk', label: 'Risk of being judged less than good at the next inspection', when: { fact: 'inspectionRiskScore', op: 'gte', value: { param: 'riskScoreTrigger' } }, citation: cite(TARGETED.section, 'The risk of being judged less than good at the school\u2019s next inspection'), indicates: 'targeted' },
    { id: 'any-targeted-trigger', label: 'A trigger for targeted support', when: { any: [{ criterion: 'attainment-progress' }, { criterion: 'attendance-exclusions' }, { criterion: 'leadership-governance' }, { criterion: 'inspection-risk' }, { criterion: 'any-bespoke-trigger' }] }, citation: TARGETED },
    // Bespoke: the triggers above plus these.
    { id: 'safeguarding', label: 'Concerns around safeguarding', when: { fact: 'safeguardingConcern', op: 'isTrue' }, citation: cite(BESPOKE.section, 'Concerns around safeguarding'), indicates: 'bespoke' },
    { id: 'low-attainment-pattern', label: 'Pattern of low attainment over 2 years', when: { fact: 'yearsLowAttainment', op: 'gte', value: { param: 'patternYears' } }, citation: cite(BESPOKE.section, 'Patterns of low attainment over 2 years'), indicates: 'bespoke' },
    { id: 'low-progress-pattern', label: 'Pattern of progress below average over 2 years', when: { fact: 'yearsLowProgress', op: 'gte', value: { param: 'patternYears' } }, citation: cite(BESPOKE.section, 'Patterns of progress below average over 2 years'), indicates: 'bespoke' },
    {
      id: 'attendance-exclusion-pattern', label: 'Pattern of low attendance or high exclusion over 2 years',
      when: { any: [{ fact: 'yearsLowAttendance', op: 'gte', value: { param: 'patternYears' } }, { fact: 'yearsHighExclusions', op: 'gte', value: { param: 'patternYears' } }] },
      citation: cite(BESPOKE.section, 'Patterns of low attendance/high exclusion over 2 years'), indicates: 'bespoke',
    },
    { id: 'section-8-risk', label: 'Ungraded (section 8) inspection identified a risk of less than good', when: { fact: 'ungradedConcerns', op: 'isTrue' }, citation: cite(BESPOKE.section, 'Section 8 inspection outcome identifies risk of being judged by Ofsted as less than Good at the next inspection'), indicates: 'bespoke' },
    { id: 'any-bespoke-trigger', label: 'A trigger for bespoke work', when: { any: [{ criterion: 'safeguarding' }, { criterion: 'low-attainment-pattern' }, { criterion: 'low-progress-pattern' }, { criterion: 'attendance-exclusion-pattern' }, { criterion: 'section-8-risk' }] }, citation: BESPOKE },
  ],
  categories: [
    {
      id: 'universal', label: 'Universal', colour: '#C6EFCE', textColour: '#006100',
      description: 'Good or outstanding with no trigger: the annual one-day review visit.',
      support: {
        maintained: { amount: { param: 'universalDays' }, unit: 'days', bound: 'at least', actions: ['Annual one-day review visit with the headteacher and Chair of Governors', 'Evaluate whether the school continues to deliver a high standard of education; identify risk factors and strengths'], cadence: 'annual review visit', informed: ['Headteacher', 'Chair of Governors'], citation: GOOD },
        academy: academyOffer(false),
      },
    },
    {
      id: 'targeted', label: 'Targeted', colour: '#FFEB9C', textColour: '#9C5700',
      description: 'Good or outstanding with one or more triggers: up to three days of support.',
      when: { any: [{ criterion: 'attainment-progress' }, { criterion: 'attendance-exclusions' }, { criterion: 'leadership-governance' }, { criterion: 'inspection-risk' }] },
      support: {
        maintained: { amount: { param: 'targetedMaxDays' }, unit: 'days', bound: 'up to', actions: ['Support visits prioritised for the Autumn and Spring terms, and by inspection due date', 'Early Years support brokered from the OCC Early Years Team where Early Years is at risk'], cadence: 'visits in the Autumn and Spring terms', informed: ['Headteacher', 'Chair of Governors'], citation: TARGETED_DAYS },
        academy: academyOffer(true),
      },
    },
    {
      id: 'bespoke', label: 'Bespoke', colour: '#F4B183', textColour: '#833C0B',
      description: 'Significant concerns: the triggers plus safeguarding, two-year patterns or a section 8 warning.',
      when: { criterion: 'any-bespoke-trigger' },
      support: {
        maintained: { amount: null, noneReason: 'OCC commissions increased bespoke support linked to the school\'s specific areas for improvement; the policy sets no number of days', actions: ['Bespoke LA support plan with success criteria and impact measures', 'Strategy meetings chaired by a senior LA officer'], cadence: 'strategy meetings at least termly', informed: STRATEGY_GROUP, citation: BESPOKE },
        academy: academyOffer(true),
      },
    },
    {
      id: 'ri', label: 'Requires improvement', colour: '#FFC7CE', textColour: '#9C0006',
      description: 'Judged requires improvement: a bespoke package so the school is judged good at the next inspection.',
      when: { criterion: 'requires-improvement' },
      support: {
        maintained: { amount: null, noneReason: 'a bespoke package is commissioned for the school\'s areas for improvement; the policy sets no number of days', actions: ['Bespoke LA support plan with success criteria and impact measures', 'Early Years support from the OCC Early Years Team where appropriate', 'Expectation: the school meets the criteria for Good within four terms'], cadence: 'strategy meetings at least termly', informed: STRATEGY_GROUP, citation: RI },
        academy: academyOffer(true),
      },
    },
    {
      id: 'inadequate', label: 'Inadequate', colour: '#C00000', textColour: '#FFFFFF',
      description: 'Judged inadequate: academy order, LA Statement of Action, half-termly strategy meetings.',
      when: { criterion: 'inadequate' },
      support: {
        maintained: { amount: null, noneReason: 'support is set in the LA Statement of Action, targeted at the weaknesses the inspection found', actions: ['Academy order (Academies Act 2010, s4(A1) or (1)(b)); since 29 June 2026 a power, no longer a duty (Children\'s Wellbeing and Schools Act 2026, s58)', 'LA Statement of Action (SofA) with success criteria and impact measures', 'LA supports the school with academisation'], cadence: 'half-termly strategy meetings chaired by a senior LA officer', informed: [...STRATEGY_GROUP, 'The receiving Academy Trust, once agreed'], citation: INADEQUATE },
        academy: academyOffer(true),
      },
    },
  ],
  selection: { kind: 'firstMatch', default: 'universal' },
  additional: [
    {
      id: 'new-headteacher-visit', label: 'New headteacher visit',
      when: { all: [{ fact: 'isAcademy', op: 'isFalse' }, { fact: 'monthsInPost', op: 'lt', value: { param: 'newHeadMonths' } }] },
      offer: 'A visit from a local authority lead officer in the first half term of the appointment (interim heads included), and the new headteachers\' network.',
      citation: cite('New headteachers in maintained schools', 'All new headteachers, including interim headteachers, will receive a visit from a local authority lead officer in the first half term of their appointment.'),
    },
    {
      id: 'academy-structured-conversation', label: 'Annual structured conversation (academies)',
      when: { all: [{ fact: 'isAcademy', op: 'isTrue' }, { any: [{ fact: 'inCategoryOfConcern', op: 'isTrue' }, { fact: 'ofstedBand', op: 'in', value: ['requires-improvement', 'inadequate'] }, { criterion: 'any-targeted-trigger' }] }] },
      offer: 'An annual structured conversation with the leaders of the academy or its trust.',
      citation: ACADEMIES,
    },
  ],
  requiredFields: ['urn'],
};

/**
 * Oldham School Improvement Model (March 2017). Green, amber and red are named ("Classifications as
 * defined in the Partnership MOUs"); the model lists the situations for intervention (red) but leaves
 * amber to its Schools Causing Concern Index, which is not published with it. Our reading of amber is
 * documented in docs/frameworks/oldham.md and made of parameters.
 */
import type { Citation, FrameworkDefinition } from '../framework';

const cite = (section: string, quote: string): Citation => ({ section, quote });
const CLASSIFICATIONS = cite('Monitoring and Challenge', 'Green \u2013 Universal Support; Amber \u2013 Targeted Support; Red \u2013 Intensive Support');
const INTERVENTION = cite('Intervention', 'Situations for possible local authority intervention would include but are not limited to');
const SUPPORT = cite('Support/System Leadership', 'Analysed data and information will be used to ensure the most appropriate and relevant support package is put in place for schools and academies.');
const INDEX = cite('Monitoring and Challenge', 'This information will be used to Update the Schools Causing Concern Index (School Vulnerability Index)');
const RSC = cite('Monitoring and Challenge', 'Where necessary, as per statute, communication will be needed with the Regional Schools Commissioner');

const NO_DAYS = 'the model sets no number of days: the OEP School Improvement Group agrees a support package from analysed data, and schools fund their development needs from their own budgets';

/** Oldham's framework as data. */
export const oldham: FrameworkDefinition = {
  id: 'oldham',
  name: 'Oldham School Improvement Model',
  authority: 'Oldham Council',
  version: '1.0.0',
  summary: 'Green universal, amber targeted and red intensive support, red where the model names a situation for intervention.',
  source: { title: 'Oldham School Improvement Model', year: '2017', file: 'shared/policies/oldham-school-improvement-model-2017.txt' },
  docs: 'docs/frameworks/oldham.md',
  parameters: {
    amberConcernFlags: { default: 1, min: 1, max: 14, unit: 'flags', description: 'Concern flags that make a school amber (our reading: any one vulnerability the index would record).' },
    amberRiskScore: { default: 50, min: 0, max: 100, unit: 'score', description: 'Next-inspection risk score from which a school is amber (our reading: High risk, docs/ofsted.md).' },
    lowAchievementYears: {
      default: 3, min: 1, max: 10, unit: 'years',
      description: 'Years of low attainment that make achievement "unacceptably low ... [without] capacity to reverse this trend" when the trend is not improving (our reading of "performance over time").',
      citation: cite('Intervention', 'Where the local authority has particular concerns about the performance over time of a school'),
    },
  },
  criteria: [
    { id: 'ofsted-ri-or-inadequate', label: 'Judged inadequate or requires improvement by Ofsted', when: { any: [{ fact: 'ofstedBand', op: 'in', value: ['requires-improvement', 'inadequate'] }, { fact: 'inCategoryOfConcern', op: 'isTrue' }] }, citation: cite(INTERVENTION.section, 'Schools judged Inadequate or Requires Improvement by Ofsted'), indicates: 'red' },
    { id: 'la-believes-ri', label: 'The LA believes the school would be judged RI or worse if inspected now', when: { fact: 'laJudgement', op: 'in', value: ['requires-improvement', 'inadequate'] }, citation: cite(INTERVENTION.section, 'Schools that the LA believes would be judged as RI or worse by Ofsted if inspected now'), indicates: 'red' },
    { id: 'leadership-breakdown', label: 'Serious concern about both management and governance', when: { all: [{ fact: 'leadershipConcern', op: 'isTrue' }, { fact: 'governanceConcern', op: 'isTrue' }] }, citation: cite(INTERVENTION.section, 'Schools where there is a serious breakdown of management or governance or where the LA believes overall leadership (governance and management) to be RI or worse'), indicates: 'red' },
    { id: 'safety', label: 'Safety of pupils threatened or safeguarding unsatisfactory', when: { any: [{ fact: 'safeguardingConcern', op: 'isTrue' }, { fact: 'safeguardingEffective', op: 'isFalse' }] }, citation: cite(INTERVENTION.section, 'Schools where the LA believes the safety of pupils is threatened, including any schools whose safeguarding arrangements are unsatisfactory'), indicates: 'red' },
    {
      id: 'achievement-unacceptably-low', label: 'Achievement unacceptably low over time, not improving',
      when: { all: [{ fact: 'yearsLowAttainment', op: 'gte', value: { param: 'lowAchievementYears' } }, { fact: 'attainmentTrend', op: 'ne', value: 'improving' }] },
      citation: cite(INTERVENTION.section, 'Schools where achievement of pupils is unacceptably low ... and the LA has not been provided with sufficient evidence that the school has the capacity to reverse this trend'), indicates: 'red',
    },
    { id: 'concern-flags', label: 'Vulnerabilities recorded for the index', when: { fact: 'concernCount', op: 'gte', value: { param: 'amberConcernFlags' } }, citation: INDEX, indicates: 'amber' },
    { id: 'inspection-risk', label: 'High risk that the next inspection finds the school below good', when: { fact: 'inspectionRiskScore', op: 'gte', value: { param: 'amberRiskScore' } }, citation: INDEX, indicates: 'amber' },
    { id: 'declining', label: 'Attainment declining', when: { fact: 'attainmentTrend', op: 'eq', value: 'declining' }, citation: INDEX, indicates: 'amber' },
    { id: 'ungraded-concerns', label: 'Ungraded inspection raised concerns', when: { fact: 'ungradedConcerns', op: 'isTrue' }, citation: INDEX, indicates: 'amber' },
    { id: 'la-believes-good', label: 'The LA believes the school is good but not securely', when: { fact: 'laJudgement', op: 'eq', value: 'good' }, citation: INDEX },
  ],
  categories: [
    {
      id: 'green', label: 'Green', colour: '#00B050', textColour: '#FFFFFF', description: 'Universal support: monitoring and challenge.',
      support: { maintained: { amount: null, noneReason: NO_DAYS, actions: ['School Improvement Partner visits', 'Data and self-evaluation shared three times a year', 'Access to school-to-school support, workhubs and CPD'], cadence: 'SIP visits; returns three times a year', informed: ['Headteacher', 'Governing body'], citation: CLASSIFICATIONS } },
    },
    {
      id: 'amber', label: 'Amber', colour: '#FFC000', textColour: '#000000', description: 'Targeted support: a support package agreed by the OEP School Improvement Group.',
      when: { any: [{ criterion: 'concern-flags' }, { criterion: 'inspection-risk' }, { criterion: 'declining' }, { criterion: 'ungraded-concerns' }] },
      support: { maintained: { amount: null, noneReason: NO_DAYS, actions: ['Support package contracted with identified outcomes', 'Linking to schools for school-to-school support; brokered support (Teaching Schools, NLEs, NLGs)', 'Impact statements and evaluations collected'], cadence: 'reviewed by the OEP School Improvement Group, which meets half-termly', informed: ['Headteacher', 'Governing body', 'OEP School Improvement Group'], citation: SUPPORT } },
    },
    {
      id: 'red', label: 'Red', colour: '#FF0000', textColour: '#FFFFFF', description: 'Intensive support: a situation for possible intervention.',
      when: { any: [{ criterion: 'ofsted-ri-or-inadequate' }, { criterion: 'la-believes-ri' }, { criterion: 'leadership-breakdown' }, { criterion: 'safety' }, { criterion: 'achievement-unacceptably-low' }] },
      support: {
        maintained: { amount: null, noneReason: NO_DAYS, actions: ['LA meets the headteacher and chair of governors to discuss the concerns', 'Pre-warning letter, then a warning notice (Education and Inspections Act 2006)', 'Possible intervention: interim executive board, or arrangements with another school'], cadence: 'as the intervention requires', informed: ['Headteacher', 'Chair of governors', 'OEP School Improvement Group'], citation: INTERVENTION },
        academy: { amount: null, noneReason: 'intervention in academies is for the DfE (the Regional Schools Commissioner, now the Regional Director)', actions: ['Concerns communicated to the Regional Director (formerly the Regional Schools Commissioner)', 'MAT monitoring systems'], cadence: 'as the Regional Director decides', informed: ['Academy trust', 'Regional Director'], citation: RSC },
      },
    },
  ],
  selection: { kind: 'firstMatch', default: 'green' },
  requiredFields: ['urn'],
};

/**
 * Oldham School Improvement Model (March 2017). The model names three classifications ("Green –
 * Universal Support; Amber – Targeted Support; Red – Intensive Support") and lists the situations for
 * possible local authority intervention, which we read as red. Amber rests on the Schools Causing
 * Concern Index (Appendix 6), which is not published with the model: our reading of it is made of
 * parameters and documented in docs/frameworks/oldham.md. The model has headings but no numbered
 * sections, so citations name the heading.
 */
import type { Citation, FrameworkDefinition, SupportOffer } from '../framework';

const cite = (section: string, quote: string): Citation => ({ section, quote });

const MONITORING = 'Monitoring and Challenge';
const INTERVENTION = 'Intervention';
const CLASSIFICATIONS = cite(MONITORING, 'Classifications as defined in the Partnership MOUs (Appendix 7) will be Green \u2013 Universal Support; Amber \u2013 Targeted Support; Red \u2013 Intensive Support');
const INDEX = cite(MONITORING, 'This information will be used to Update the Schools Causing Concern Index (School Vulnerability Index)');
const SITUATIONS = 'Situations for possible local authority intervention would include but are not limited to';
const UNACCEPTABLY_LOW = cite(INTERVENTION, 'Schools where achievement of pupils is unacceptably low as the defined by DfE above');
const DFE_GUIDANCE = cite(INTERVENTION, 'DfE - Schools causing concern: Intervening in failing, underperforming and coasting schools. Guidance for local authorities and RSCs (Appendix 9)');
const SUPPORT_PACKAGE = cite('Support/System Leadership', 'Analysed data and information will be used to ensure the most appropriate and relevant support package is put in place for schools and academies.');
const WARNING_NOTICE = cite(INTERVENTION, 'the LA will first meet with the Headteacher and chair of governors to discuss the concerns, the meaning of such a warning notice if issued');
const RSC = cite(MONITORING, 'Where necessary, as per statute, communication will be needed with the Regional Schools Commissioner');

const NO_DAYS = 'the model sets no number of days or visits: the OEP School Improvement Group puts "the most appropriate support package" in place from analysed data, and schools fund their development needs from their own budgets';
const COMMUNICATED = 'category communicated annually and when it changes; data and self-evaluation returned three times a year';

const redAcademy: SupportOffer = {
  amount: null,
  noneReason: 'the local authority has no powers of intervention in academies: concerns go to the Regional Schools Commissioner (now the DfE Regional Director)',
  actions: [
    'Communication with the Regional Schools Commissioner (now the Regional Director), as per statute',
    'MAT monitoring systems',
    'Support package from the OEP School Improvement Group (schools and academies alike)',
  ],
  cadence: `${COMMUNICATED}; intervention as the Regional Director decides`,
  informed: ['Headteacher', 'Academy trust', 'Regional Director (formerly Regional Schools Commissioner)', 'OEP School Improvement Group'],
  citation: RSC,
};

/** Oldham's framework as data. */
export const oldham: FrameworkDefinition = {
  id: 'oldham',
  name: 'Oldham School Improvement Model',
  authority: 'Oldham Council',
  version: '1.1.0',
  summary: 'Green universal, amber targeted, red intensive support; red where the model names a situation for intervention.',
  source: { title: 'Oldham School Improvement Model', year: '2017', file: 'shared/policies/oldham-school-improvement-model-2017.txt' },
  docs: 'docs/frameworks/oldham.md',
  parameters: {
    ks2FloorRwmPct: {
      default: 65, min: 0, max: 100, unit: '%',
      description: 'Primary floor, attainment part: below this share of pupils meeting the expected standard in reading, writing and maths (the DfE floor standard when the model was written, 2016-2018).',
      standIn: 'KS2 % meeting the expected standard in reading, writing and maths (ks2RwmExpectedPct); floor standards were withdrawn after 2018-19',
      citation: DFE_GUIDANCE,
    },
    ks2FloorReadingMathsProgress: {
      default: -5, min: -30, max: 0, unit: 'progress score',
      description: 'Primary floor, progress part: a KS2 reading or maths progress score below this (the DfE 2016-2018 "sufficient progress" boundary).',
      standIn: 'KS2 reading and maths progress scores (ks2ReadingProgress, ks2MathsProgress); not published for 2024-25 and 2025-26, so the primary floor then cannot fire',
      citation: DFE_GUIDANCE,
    },
    ks2FloorWritingProgress: {
      default: -7, min: -30, max: 0, unit: 'progress score',
      description: 'Primary floor, progress part: a KS2 writing progress score below this (the DfE 2016-2018 boundary).',
      standIn: 'KS2 writing progress score (ks2WritingProgress)',
      citation: DFE_GUIDANCE,
    },
    floorMinCohort: {
      default: 11, min: 1, max: 100, unit: 'pupils',
      description: 'The primary floor applies only to a KS2 cohort of at least this many pupils (DfE floor rules); a blank cohort is not held against the school.',
      citation: DFE_GUIDANCE,
    },
    ks4FloorProgress8: {
      default: -0.5, min: -3, max: 0, unit: 'Progress 8',
      description: 'Secondary floor: a Progress 8 score below this (the DfE floor standard 2016-2019).',
      standIn: 'Progress 8 (ks4Progress8); the floor itself was withdrawn',
      citation: DFE_GUIDANCE,
    },
    lowAchievementYears: {
      default: 3, min: 1, max: 10, unit: 'years',
      description: 'Consecutive years of low attainment that make achievement "low ... over time" even without a floor measure. Our reading: three years, the span of the DfE coasting definition.',
      citation: cite(INTERVENTION, 'Where the local authority has particular concerns about the performance over time of a school'),
    },
    amberConcernFlags: {
      default: 1, min: 1, max: 14, unit: 'flags',
      description: 'Concern flags that put a school on the Schools Causing Concern Index (amber). Our reading: any one recorded vulnerability.',
    },
    amberRiskScore: {
      default: 77, min: 0, max: 100, unit: 'score',
      description: 'Next-inspection risk score from which a school is amber. Our reading: the score at which the risk is High, a 20% chance that a graded inspection within 24 months finds the school below good (docs/ofsted.md).',
    },
  },
  criteria: [
    // --- the situations for possible intervention (red) -------------------------------------------------
    {
      id: 'ofsted-ri-or-inadequate', label: 'Judged inadequate or requires improvement by Ofsted',
      when: { any: [{ fact: 'ofstedBand', op: 'in', value: ['requires-improvement', 'inadequate'] }, { fact: 'inCategoryOfConcern', op: 'isTrue' }] },
      citation: cite(INTERVENTION, `${SITUATIONS}: Schools judged Inadequate or Requires Improvement by Ofsted`), indicates: 'red',
    },
    {
      id: 'la-believes-ri', label: 'The LA believes the school would be judged RI or worse if inspected now',
      when: { fact: 'laJudgement', op: 'in', value: ['requires-improvement', 'inadequate'] },
      citation: cite(INTERVENTION, 'Schools that the LA believes would be judged as RI or worse by Ofsted if inspected now'), indicates: 'red',
    },
    {
      id: 'leadership-breakdown', label: 'Concerns about both management and governance (overall leadership RI or worse)',
      when: { all: [{ fact: 'leadershipConcern', op: 'isTrue' }, { fact: 'governanceConcern', op: 'isTrue' }] },
      citation: cite(INTERVENTION, 'where the LA believes overall leadership (governance and management) to be RI or worse'), indicates: 'red',
    },
    {
      id: 'safety', label: 'Safety of pupils threatened or safeguarding unsatisfactory',
      when: { any: [{ fact: 'safeguardingConcern', op: 'isTrue' }, { fact: 'safeguardingEffective', op: 'isFalse' }] },
      citation: cite(INTERVENTION, 'Schools where the LA believes the safety of pupils is threatened, including any schools whose safeguarding arrangements are unsatisfactory'), indicates: 'red',
    },
    // --- achievement: low (amber), unacceptably low without capacity to reverse it (red) -----------------
    {
      id: 'below-primary-floor', label: 'Below the primary floor (RWM expected standard and a KS2 progress score)',
      when: {
        all: [
          { any: [{ fact: 'ks2Cohort', op: 'absent' }, { fact: 'ks2Cohort', op: 'gte', value: { param: 'floorMinCohort' } }] },
          { fact: 'ks2RwmExpectedPct', op: 'lt', value: { param: 'ks2FloorRwmPct' } },
          {
            any: [
              { fact: 'ks2ReadingProgress', op: 'lt', value: { param: 'ks2FloorReadingMathsProgress' } },
              { fact: 'ks2WritingProgress', op: 'lt', value: { param: 'ks2FloorWritingProgress' } },
              { fact: 'ks2MathsProgress', op: 'lt', value: { param: 'ks2FloorReadingMathsProgress' } },
            ],
          },
        ],
      },
      citation: UNACCEPTABLY_LOW,
    },
    { id: 'below-secondary-floor', label: 'Below the secondary floor (Progress 8)', when: { fact: 'ks4Progress8', op: 'lt', value: { param: 'ks4FloorProgress8' } }, citation: UNACCEPTABLY_LOW },
    {
      id: 'achievement-low', label: 'Achievement low: below a floor, or low attainment over several years',
      when: { any: [{ criterion: 'below-primary-floor' }, { criterion: 'below-secondary-floor' }, { fact: 'yearsLowAttainment', op: 'gte', value: { param: 'lowAchievementYears' } }] },
      citation: cite(INTERVENTION, 'Where the local authority has particular concerns about the performance over time of a school, prompted by shared data'), indicates: 'amber',
    },
    {
      id: 'achievement-unacceptably-low', label: 'Achievement unacceptably low and no evidence of capacity to reverse it (attainment not improving)',
      // A blank trend is "not provided with sufficient evidence", so it does not protect the school.
      when: { all: [{ criterion: 'achievement-low' }, { any: [{ fact: 'attainmentTrend', op: 'absent' }, { fact: 'attainmentTrend', op: 'ne', value: 'improving' }] }] },
      citation: cite(INTERVENTION, 'the LA has not been provided with sufficient evidence that the school has the capacity to reverse this trend'), indicates: 'red',
    },
    // --- the Schools Causing Concern Index (amber, our reading) --------------------------------------------
    { id: 'concern-flags', label: 'Vulnerabilities recorded for the Schools Causing Concern Index', when: { fact: 'concernCount', op: 'gte', value: { param: 'amberConcernFlags' } }, citation: INDEX, indicates: 'amber' },
    { id: 'inspection-risk', label: 'High risk that the next inspection finds the school below good', when: { fact: 'inspectionRiskScore', op: 'gte', value: { param: 'amberRiskScore' } }, citation: INDEX, indicates: 'amber' },
    { id: 'declining', label: 'Attainment declining', when: { fact: 'attainmentTrend', op: 'eq', value: 'declining' }, citation: cite(MONITORING, 'A summary of predicted in school data'), indicates: 'amber' },
    { id: 'ungraded-concerns', label: 'Ungraded inspection raised concerns (next inspection graded)', when: { fact: 'ungradedConcerns', op: 'isTrue' }, citation: cite(MONITORING, 'external verification of this information is required'), indicates: 'amber' },
  ],
  categories: [
    {
      id: 'green', label: 'Green', colour: '#00B050', textColour: '#000000',
      description: 'Universal support: monitoring and challenge, and access to the partnership\'s support and training.',
      support: {
        maintained: {
          amount: null, noneReason: NO_DAYS,
          actions: [
            'School visits by trained School Improvement Partners',
            'Summary of predicted in-school data and a current self-evaluation review returned three times a year and shared with governing bodies',
            'Access to school-to-school support, workhubs, CPD sessions and research and development',
          ],
          cadence: COMMUNICATED,
          informed: ['Headteacher', 'Governing body'],
          citation: CLASSIFICATIONS,
        },
      },
    },
    {
      id: 'amber', label: 'Amber', colour: '#FFC000', textColour: '#000000',
      description: 'Targeted support: on the Schools Causing Concern Index; a support package agreed through the OEP School Improvement Group.',
      when: { any: [{ criterion: 'achievement-low' }, { criterion: 'concern-flags' }, { criterion: 'inspection-risk' }, { criterion: 'declining' }, { criterion: 'ungraded-concerns' }] },
      support: {
        maintained: {
          amount: null, noneReason: NO_DAYS,
          actions: [
            'A support package put in place from analysed data, clearly contracted with identified outcomes',
            'Linking schools for school-to-school support; brokering or commissioning support from Teaching Schools, NLEs, NLGs inside or outside Oldham',
            'Impact statements and evaluations collected',
          ],
          cadence: `${COMMUNICATED}; the OEP School Improvement Group meets half termly`,
          informed: ['Headteacher', 'Governing body', 'OEP School Improvement Group'],
          citation: SUPPORT_PACKAGE,
        },
      },
    },
    {
      id: 'red', label: 'Red', colour: '#FF0000', textColour: '#000000',
      description: 'Intensive support: a situation for possible local authority intervention.',
      when: { any: [{ criterion: 'ofsted-ri-or-inadequate' }, { criterion: 'la-believes-ri' }, { criterion: 'leadership-breakdown' }, { criterion: 'safety' }, { criterion: 'achievement-unacceptably-low' }] },
      support: {
        maintained: {
          amount: null, noneReason: NO_DAYS,
          actions: [
            'The LA first meets the headteacher and chair of governors to discuss the concerns and what a warning notice would mean',
            'A pre-warning letter, then a warning notice to the governing body (section 4 of the Education and Inspections Act 2006 as the model cites it; now section 60)',
            'Possible use of formal powers: an interim executive board, or requiring the governing body to enter into arrangements with another school',
            'Intensive support package through the OEP School Improvement Group',
          ],
          cadence: `${COMMUNICATED}; as the intervention requires`,
          informed: ['Headteacher', 'Chair of governors', 'Governing body', 'OEP School Improvement Group'],
          citation: WARNING_NOTICE,
        },
        academy: redAcademy,
      },
    },
  ],
  selection: { kind: 'firstMatch', default: 'green' },
  columns: {
    oneOf: [
      { fields: ['ks2ReadingProgress', 'ks2WritingProgress', 'ks2MathsProgress'], as: 'KS2 progress (reading, writing or maths)' },
      { fields: ['safeguardingConcern', 'safeguardingEffective'], as: 'Safeguarding (the LA\'s concern or Ofsted\'s judgement)' },
    ],
    optional: [
      { fields: ['ungradedInspectionDate', 'ungradedOutcome'], why: 'ungraded (section 8) inspections belong to the framework before report cards (November 2025), so a register may not record them' },
    ],
  },
};

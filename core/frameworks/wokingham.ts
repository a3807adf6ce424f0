/**
 * Wokingham Borough Council, "Signs of Success" school improvement policy (September 2015). The four
 * risk categories are local assessments (§5 table: gold "locally assessed outstanding or strong good",
 * green "locally assessed good", purple "locally assessed vulnerable", red "local high priority"); the
 * intelligence they rest on is listed in §5's preamble, and the LA's own view is the `laJudgement`
 * column. Academies and free schools are outside the local procedures (§6): they get an annual SIO
 * visit, and concerns go to the DfE. Readings: docs/frameworks/wokingham.md.
 */
import type { Citation, Condition, FrameworkDefinition, SupportOffer } from '../framework';

const cite = (section: string, quote: string): Citation => ({ section, quote });
const TABLE = '\u00a75 Categorisation, table';
const INTELLIGENCE = cite('\u00a75 Categorisation', 'the Local Authority will have regard to all the intelligence about a school including school data; SIO visit reports; external monitoring reports; financial data; HR; information; and governance and leadership issues');
const EARLY_ACTION = cite('\u00a71 Introduction', 'promoting early action to tackle school underperformance so that it does not become entrenched and lead to formal school failure');
const ACADEMY_VISIT = cite('\u00a76 Academies and Free Schools', 'SIOs will visit annually to develop knowledge and understanding of the schools and promote good relationships.');
const ACADEMY_CONCERNS = cite('\u00a76 Academies and Free Schools', 'If there are concerns about provision or standards the Local Authority will raise these with the Department for Education.');
const NOTIFIED = 'categorised termly; schools notified in September and informed of any change; termly SIO report within ten working days of the visit';
const REPORTED_TO = ['Headteacher', 'Chair of the Governing Body (SIO report sent by Governor Services)'];

/** §6: academies and free schools are not subject to the local procedures; the LA visits annually. */
const academyOffer = (concerns: boolean): SupportOffer => ({
  amount: 1, unit: 'visits', bound: 'exactly',
  actions: [
    'SIOs visit annually to develop knowledge and understanding of the school and promote good relationships',
    'Not subject to the local procedures or to intervention from the Local Authority; accountability is directly to the DfE through Ofsted inspections',
    'Support can be bought back from the LA at the daily rate',
    ...(concerns ? ['Concerns about provision or standards raised with the Department for Education', 'LA writes to the Chair of Governors where concerns have been brought to its attention'] : []),
  ],
  cadence: 'annual SIO visit',
  informed: concerns ? ['Headteacher', 'Chair of Governors', 'Department for Education'] : ['Headteacher'],
  citation: concerns ? ACADEMY_CONCERNS : ACADEMY_VISIT,
});

const LA_REVIEW = 'LA review of progress (equivalent to a Section 5 inspection) six months after and six months before an Ofsted inspection, with a specific focus on Early Years and 6th form where relevant';
const POST_RI = 'Following a Section 5 Requires Improvement outcome: formal meeting with the Director of Children\'s Services and Assistant Director of Learning and Achievement to discuss the post-Ofsted action plan';

const PURPLE_CRITERIA = ['ofsted-ri', 'la-ri', 'leadership-governance', 'several-concerns', 'inspection-risk', 'ungraded-concerns'] as const;
const RED_CRITERIA = ['ofsted-inadequate', 'la-inadequate', 'safeguarding'] as const;
const MAINTAINED: Condition = { any: [{ fact: 'isAcademy', op: 'isFalse' }, { fact: 'isAcademy', op: 'absent' }] };

/** Wokingham's framework as data. */
export const wokingham: FrameworkDefinition = {
  id: 'wokingham',
  name: 'Wokingham Signs of Success',
  authority: 'Wokingham Borough Council',
  version: '1.1.0',
  summary: 'Gold, green, purple and red by local assessment; three SIO visits for all, up to 20 (purple) or 40 (red) officer days.',
  source: { title: 'Signs of Success: School Improvement Policy - Primary, Secondary and Special', year: '2015', file: 'shared/policies/wokingham-signs-of-success-2015.txt' },
  docs: 'docs/frameworks/wokingham.md',
  parameters: {
    coreVisits: { default: 3, min: 0, max: 12, unit: 'visits', description: 'SIO visits a year for every maintained school (the "core" programme).', citation: cite(TABLE, 'Three visits a year') },
    purpleOfficerDays: { default: 20, min: 0, max: 100, unit: 'officer days', description: 'Most officer days in the programme of support for a purple school.', citation: cite(TABLE, 'A programme of support of up to 20 officer days') },
    redOfficerDays: { default: 40, min: 0, max: 200, unit: 'officer days', description: 'Most officer days in the programme of support for a red school.', citation: cite(TABLE, 'A programme of support of up to 40 officer days') },
    reviewMonths: {
      default: 6, min: 1, max: 24, unit: 'months',
      description: 'A purple or red school is offered an LA review of progress within this many months after an inspection or before the next one is due.',
      citation: cite(TABLE, 'LA review of progress, (equivalent to a Section 5 inspection), six months after and six months before an Ofsted inspection'),
    },
    vulnerableConcernFlags: { default: 2, min: 1, max: 14, unit: 'flags', description: 'Concern flags (data, finance, HR, attendance ...) that make a school locally assessed vulnerable. Our reading: two, so one isolated flag is not enough.' },
    vulnerableRiskScore: { default: 77, min: 0, max: 100, unit: 'score', description: 'Next-inspection risk score from which a school is vulnerable. Our reading: the score at which the risk is High, a 20% chance that a graded inspection within 24 months finds the school below good (docs/ofsted.md).' },
    newHeadMonths: { default: 4, min: 1, max: 24, unit: 'months', description: 'A head in post fewer months than this is in "the first term of their appointment". Our reading: one term, about four months.' },
  },
  criteria: [
    // --- red: local high priority ---------------------------------------------------------------------
    {
      id: 'ofsted-inadequate', label: 'Judged inadequate by Ofsted (or in a category of concern)',
      when: { any: [{ fact: 'ofstedBand', op: 'eq', value: 'inadequate' }, { fact: 'inCategoryOfConcern', op: 'isTrue' }] },
      citation: cite('\u00a71 Introduction', 'decisive action if a school in special measures fails to make sufficient improvements, so that the education and life chances of pupils are protected'), indicates: 'red',
    },
    { id: 'la-inadequate', label: 'Locally assessed inadequate', when: { fact: 'laJudgement', op: 'eq', value: 'inadequate' }, citation: cite(TABLE, 'Red: Local high priority schools'), indicates: 'red' },
    {
      id: 'safeguarding', label: 'Safeguarding concern, or safeguarding not effective',
      when: { any: [{ fact: 'safeguardingConcern', op: 'isTrue' }, { fact: 'safeguardingEffective', op: 'isFalse' }] },
      citation: cite('\u00a74.1 The role of the School Improvement Service', 'ensuring all children and families have access to high quality and safe primary, including Early Years, secondary and special school provision'), indicates: 'red',
    },
    // --- purple: locally assessed vulnerable --------------------------------------------------------
    { id: 'ofsted-ri', label: 'Judged requires improvement by Ofsted', when: { fact: 'ofstedBand', op: 'eq', value: 'requires-improvement' }, citation: cite(TABLE, 'Purple ... Following an OFSTED Section 5 Requires Improvement outcome formal meeting with the Director of Children\'s Services'), indicates: 'purple' },
    { id: 'la-ri', label: 'Locally assessed as requiring improvement (vulnerable)', when: { fact: 'laJudgement', op: 'eq', value: 'requires-improvement' }, citation: cite(TABLE, 'Purple: Locally assessed vulnerable schools'), indicates: 'purple' },
    { id: 'leadership-governance', label: 'Governance or leadership issues', when: { any: [{ fact: 'leadershipConcern', op: 'isTrue' }, { fact: 'governanceConcern', op: 'isTrue' }] }, citation: INTELLIGENCE, indicates: 'purple' },
    { id: 'several-concerns', label: 'Several concerns in the LA\'s intelligence (data, finance, HR ...)', when: { fact: 'concernCount', op: 'gte', value: { param: 'vulnerableConcernFlags' } }, citation: INTELLIGENCE, indicates: 'purple' },
    { id: 'inspection-risk', label: 'High risk that the next inspection finds the school below good', when: { fact: 'inspectionRiskScore', op: 'gte', value: { param: 'vulnerableRiskScore' } }, citation: EARLY_ACTION, indicates: 'purple' },
    { id: 'ungraded-concerns', label: 'Ungraded inspection raised concerns (next inspection graded)', when: { fact: 'ungradedConcerns', op: 'isTrue' }, citation: cite('\u00a75 Categorisation', 'external monitoring reports'), indicates: 'purple' },
    // --- gold and green: locally assessed outstanding / strong good, and good -------------------------
    {
      id: 'la-outstanding-or-strong-good', label: 'Locally assessed outstanding or strong good (or Ofsted outstanding with no local assessment)',
      when: { any: [{ fact: 'laJudgement', op: 'in', value: ['outstanding', 'strong-good'] }, { all: [{ fact: 'laJudgement', op: 'absent' }, { fact: 'ofstedEquivalentGrade', op: 'eq', value: 'outstanding' }] }] },
      citation: cite(TABLE, 'Gold: Locally assessed outstanding or strong good'), indicates: 'gold',
    },
    {
      id: 'la-good', label: 'Locally assessed good (or Ofsted good or better with no local assessment)',
      when: { any: [{ fact: 'laJudgement', op: 'eq', value: 'good' }, { all: [{ fact: 'laJudgement', op: 'absent' }, { fact: 'ofstedBand', op: 'eq', value: 'good-or-better' }] }] },
      citation: cite(TABLE, 'Green: Locally assessed good schools'), indicates: 'green',
    },
  ],
  categories: [
    {
      id: 'gold', label: 'Gold', colour: '#FFD700', textColour: '#000000', description: 'Locally assessed outstanding or strong good.',
      when: { criterion: 'la-outstanding-or-strong-good' },
      support: {
        maintained: {
          amount: { param: 'coreVisits' }, unit: 'visits', bound: 'exactly',
          actions: [
            'Emphasis on moderating the school\'s self-evaluation and improvement priorities',
            'Encourage and broker leadership of school-to-school support',
            'Potential partner school for schools in categories',
            'Encouragement and support to gain national recognition (NLE, NLG, NSS, teaching school)',
          ],
          cadence: NOTIFIED, informed: REPORTED_TO, citation: cite(TABLE, 'Gold ... Three visits a year'),
        },
        academy: academyOffer(false),
      },
    },
    {
      id: 'green', label: 'Green', colour: '#00B050', textColour: '#000000', description: 'Locally assessed good.',
      support: {
        maintained: {
          amount: { param: 'coreVisits' }, unit: 'visits', bound: 'exactly',
          actions: ['Emphasis on developing outstanding provision, increasing consistency across all areas of school improvement', 'Encourage and broker participation in school-to-school support'],
          cadence: NOTIFIED, informed: REPORTED_TO, citation: cite(TABLE, 'Green ... Three visits a year.'),
        },
        academy: academyOffer(false),
      },
    },
    {
      id: 'purple', label: 'Purple', colour: '#7030A0', textColour: '#FFFFFF', description: 'Locally assessed vulnerable.',
      when: { any: PURPLE_CRITERIA.map((criterion) => ({ criterion })) },
      support: {
        maintained: {
          amount: { param: 'purpleOfficerDays' }, unit: 'officer days', bound: 'up to',
          actions: [
            'Three SIO visits a year minimum',
            LA_REVIEW,
            'Access to additional support through leadership "Getting to Good" workshops',
            'A programme of support of up to 20 officer days, which could include one full governing body training session, teaching and learning support, early years guidance and advice',
            POST_RI,
            'Following a Section 5 RI: LA action plan workshop with the senior leadership team, with agreed procedures for monitoring the plan',
            'Consideration of additional support for the governing body',
            'A School Improvement Board (SIB) will be considered',
          ],
          cadence: `${NOTIFIED}; at least three SIO visits a year; LA reviews six months after and before an inspection`,
          informed: [...REPORTED_TO, 'Director of Children\'s Services (after an RI outcome)'],
          citation: cite(TABLE, 'Purple ... Three visits a year minimum ... A programme of support of up to 20 officer days'),
        },
        academy: academyOffer(true),
      },
    },
    {
      id: 'red', label: 'Red', colour: '#FF0000', textColour: '#000000', description: 'Local high priority.',
      when: { any: RED_CRITERIA.map((criterion) => ({ criterion })) },
      support: {
        maintained: {
          amount: { param: 'redOfficerDays' }, unit: 'officer days', bound: 'up to',
          actions: [
            'Three SIO visits a year minimum',
            'A School Improvement Board takes responsibility for coordinating and managing external support and monitoring of the action plan',
            'Access to additional support through leadership "Getting to Good" workshops',
            'A programme of support of up to 40 officer days, which will include one full governing body training session, teaching and learning support, early years guidance and advice',
            POST_RI,
            LA_REVIEW,
          ],
          cadence: `${NOTIFIED}; at least three SIO visits a year; School Improvement Board monitoring of the action plan`,
          informed: [...REPORTED_TO, 'School Improvement Board', 'Director of Children\'s Services'],
          citation: cite(TABLE, 'Red ... A School Improvement Board will take responsibility ... A programme of support of up to 40 officer days'),
        },
        academy: academyOffer(true),
      },
    },
  ],
  selection: { kind: 'firstMatch', default: 'green' },
  columns: {
    oneOf: [
      { fields: ['safeguardingConcern', 'safeguardingEffective'], as: 'Safeguarding (the LA\'s concern or Ofsted\'s judgement)' },
    ],
    optional: [
      { fields: ['ungradedInspectionDate', 'ungradedOutcome'], why: 'ungraded (section 8) inspections belong to the framework before report cards (November 2025), so a register may not record them' },
    ],
  },
  additional: [
    {
      id: 'new-headteacher-review', label: 'LA "Section 5" review for a new headteacher',
      when: { all: [MAINTAINED, { fact: 'monthsInPost', op: 'lt', value: { param: 'newHeadMonths' } }] },
      offer: 'An LA "Section 5" review in the first term of the appointment, to support the headteacher in determining the priorities for urgent improvement.',
      citation: cite('\u00a74.3 Policy and Procedures', 'All new headteachers will be offered a LA \u2018Section 5\u2019 review in the first term of their appointment'),
    },
    {
      id: 'securely-good-review', label: 'LA "Section 5" review to confirm a securely good school judged RI',
      when: { all: [MAINTAINED, { fact: 'laJudgement', op: 'in', value: ['outstanding', 'strong-good', 'good'] }, { fact: 'ofstedBand', op: 'eq', value: 'requires-improvement' }] },
      offer: 'An LA "Section 5" review before the end of September to confirm the judgement.',
      citation: cite('\u00a74.3 Policy and Procedures', 'if it is judged that a school is securely \u2018good\u2019 and the current Ofsted judgement \u2018requires improvement\u2019, the school will be offered a LA \u2018Section 5\u2019 review before the end of September'),
    },
    {
      id: 'la-review-of-progress', label: 'LA review of progress (equivalent to a Section 5 inspection) due',
      when: {
        all: [
          MAINTAINED,
          { any: [...PURPLE_CRITERIA, ...RED_CRITERIA].map((criterion) => ({ criterion })) },
          { any: [{ fact: 'monthsSinceInspection', op: 'lte', value: { param: 'reviewMonths' } }, { fact: 'monthsUntilInspectionDue', op: 'lte', value: { param: 'reviewMonths' } }] },
        ],
      },
      offer: 'An LA review of progress, equivalent to a Section 5 inspection, six months after or six months before an Ofsted inspection (with a focus on Early Years and 6th form where relevant).',
      citation: cite(TABLE, 'LA review of progress, (equivalent to a Section 5 inspection), six months after and six months before an Ofsted inspection'),
    },
  ],
};

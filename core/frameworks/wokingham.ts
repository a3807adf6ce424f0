/**
 * Wokingham Borough Council, "Signs of Success" school improvement policy (September 2015). The
 * categories are local assessments (§5 table); the intelligence they rest on is listed in §5's
 * preamble. Academies and free schools are outside the local procedures (§6). Readings:
 * docs/frameworks/wokingham.md.
 */
import type { Citation, FrameworkDefinition, SupportOffer } from '../framework';

const cite = (section: string, quote: string): Citation => ({ section, quote });
const TABLE = '\u00a75 Categorisation, table';
const INTELLIGENCE = cite('\u00a75 Categorisation', 'the Local Authority will have regard to all the intelligence about a school including school data; SIO visit reports; external monitoring reports; financial data; HR; information; and governance and leadership issues');
const CORE = cite('\u00a74.4 Role of School Improvement Officer', 'a \u2018core\u2019 programme of a total of three days\u2019 support per year for all schools');
const ACADEMIES = cite('\u00a76 Academies and Free Schools', 'SIOs will visit annually to develop knowledge and understanding of the schools and promote good relationships.');
const ACADEMY_CONCERNS = cite('\u00a76 Academies and Free Schools', 'If there are concerns about provision or standards the Local Authority will raise these with the Department for Education.');

const academyOffer = (concerns: boolean): SupportOffer => ({
  amount: 1, unit: 'visits', bound: 'exactly',
  actions: [
    'Annual SIO visit to develop knowledge of the school and good relationships',
    'Support can be bought back at the daily rate',
    ...(concerns ? ['Concerns about provision or standards raised with the Department for Education'] : []),
  ],
  cadence: 'annual SIO visit',
  informed: concerns ? ['Headteacher', 'Chair of Governors', 'Department for Education'] : ['Headteacher'],
  citation: concerns ? ACADEMY_CONCERNS : ACADEMIES,
});

/** Wokingham's framework as data. */
export const wokingham: FrameworkDefinition = {
  id: 'wokingham',
  name: 'Wokingham Signs of Success',
  authority: 'Wokingham Borough Council',
  version: '1.0.0',
  summary: 'Gold, green, purple and red by local assessment; three SIO visits for all, up to 20 or 40 officer days for purple and red.',
  source: { title: 'Signs of Success: School Improvement Policy - Primary, Secondary and Special', year: '2015', file: 'shared/policies/wokingham-signs-of-success-2015.txt' },
  docs: 'docs/frameworks/wokingham.md',
  parameters: {
    coreVisits: { default: 3, min: 0, max: 12, unit: 'visits', description: 'SIO visits a year for every maintained school.', citation: cite(TABLE, 'Three visits a year') },
    purpleOfficerDays: { default: 20, min: 0, max: 100, unit: 'officer days', description: 'Most officer days of support for a purple school.', citation: cite(TABLE, 'A programme of support of up to 20 officer days') },
    redOfficerDays: { default: 40, min: 0, max: 200, unit: 'officer days', description: 'Most officer days of support for a red school.', citation: cite(TABLE, 'A programme of support of up to 40 officer days') },
    vulnerableConcernFlags: { default: 2, min: 1, max: 14, unit: 'flags', description: 'Concern flags (data, finance, HR, governance, leadership ...) that make a school locally assessed vulnerable. Our reading: two, so one isolated flag is not enough.' },
    vulnerableRiskScore: { default: 50, min: 0, max: 100, unit: 'score', description: 'Next-inspection risk score from which a school is vulnerable (our reading: High risk, docs/ofsted.md).' },
    newHeadMonths: { default: 4, min: 1, max: 24, unit: 'months', description: 'A head in post fewer months than this is in "the first term of their appointment" (our reading: one term, about four months).' },
  },
  criteria: [
    // Red: local high priority.
    { id: 'ofsted-inadequate', label: 'Judged inadequate by Ofsted (or in a category of concern)', when: { any: [{ fact: 'ofstedBand', op: 'eq', value: 'inadequate' }, { fact: 'inCategoryOfConcern', op: 'isTrue' }] }, citation: cite(TABLE, 'Red: Local high priority schools ... A School Improvement Board will take responsibility for coordinating and managing external support'), indicates: 'red' },
    { id: 'la-inadequate', label: 'Locally assessed inadequate', when: { fact: 'laJudgement', op: 'eq', value: 'inadequate' }, citation: cite(TABLE, 'Red: Local high priority schools'), indicates: 'red' },
    { id: 'safeguarding', label: 'Safeguarding concern', when: { any: [{ fact: 'safeguardingConcern', op: 'isTrue' }, { fact: 'safeguardingEffective', op: 'isFalse' }] }, citation: cite('\u00a71 Introduction', 'ensuring that effective support and challenge is provided when an unacceptable standard of education is identified, so that improvements can be made quickly'), indicates: 'red' },
    // Purple: locally assessed vulnerable.
    { id: 'ofsted-ri', label: 'Judged requires improvement by Ofsted', when: { fact: 'ofstedBand', op: 'eq', value: 'requires-improvement' }, citation: cite(TABLE, 'Purple ... Following an OFSTED Section 5 Requires Improvement outcome formal meeting with the Director of Children\'s Services'), indicates: 'purple' },
    { id: 'la-ri', label: 'Locally assessed as requiring improvement', when: { fact: 'laJudgement', op: 'eq', value: 'requires-improvement' }, citation: cite(TABLE, 'Purple: Locally assessed vulnerable schools'), indicates: 'purple' },
    { id: 'leadership-governance', label: 'Governance or leadership issues', when: { any: [{ fact: 'leadershipConcern', op: 'isTrue' }, { fact: 'governanceConcern', op: 'isTrue' }] }, citation: INTELLIGENCE, indicates: 'purple' },
    { id: 'several-concerns', label: 'Several concerns in the LA\'s intelligence', when: { fact: 'concernCount', op: 'gte', value: { param: 'vulnerableConcernFlags' } }, citation: INTELLIGENCE, indicates: 'purple' },
    { id: 'inspection-risk', label: 'High risk that the next inspection finds the school below good', when: { fact: 'inspectionRiskScore', op: 'gte', value: { param: 'vulnerableRiskScore' } }, citation: cite('\u00a71 Introduction', 'promoting early action to tackle school underperformance so that it does not become entrenched'), indicates: 'purple' },
    { id: 'ungraded-concerns', label: 'Ungraded inspection raised concerns', when: { fact: 'ungradedConcerns', op: 'isTrue' }, citation: cite('\u00a75 Categorisation', 'external monitoring reports'), indicates: 'purple' },
    // Gold: locally assessed outstanding or strong good.
    {
      id: 'la-outstanding-or-strong-good', label: 'Locally assessed outstanding or strong good',
      when: { any: [{ fact: 'laJudgement', op: 'in', value: ['outstanding', 'strong-good'] }, { all: [{ fact: 'laJudgement', op: 'absent' }, { fact: 'ofstedEquivalentGrade', op: 'eq', value: 'outstanding' }] }] },
      citation: cite(TABLE, 'Gold: Locally assessed outstanding or strong good'), indicates: 'gold',
    },
    { id: 'la-good', label: 'Locally assessed good', when: { any: [{ fact: 'laJudgement', op: 'eq', value: 'good' }, { all: [{ fact: 'laJudgement', op: 'absent' }, { fact: 'ofstedBand', op: 'eq', value: 'good-or-better' }] }] }, citation: cite(TABLE, 'Green: Locally assessed good schools'), indicates: 'green' },
  ],
  categories: [
    {
      id: 'gold', label: 'Gold', colour: '#FFD700', textColour: '#000000', description: 'Locally assessed outstanding or strong good.',
      when: { criterion: 'la-outstanding-or-strong-good' },
      support: { maintained: { amount: { param: 'coreVisits' }, unit: 'visits', bound: 'exactly', actions: ['Emphasis on moderating the school\'s self-evaluation and improvement priorities', 'Encourage and broker leadership of school-to-school support', 'Potential partner school for schools in categories'], cadence: 'termly SIO visits', informed: ['Headteacher', 'Chair of the Governing Body'], citation: cite(TABLE, 'Gold ... Three visits a year') }, academy: academyOffer(false) },
    },
    {
      id: 'green', label: 'Green', colour: '#00B050', textColour: '#FFFFFF', description: 'Locally assessed good.',
      support: { maintained: { amount: { param: 'coreVisits' }, unit: 'visits', bound: 'exactly', actions: ['Emphasis on developing outstanding provision and consistency across all areas of school improvement', 'Encourage and broker participation in school-to-school support'], cadence: 'termly SIO visits', informed: ['Headteacher', 'Chair of the Governing Body'], citation: CORE }, academy: academyOffer(false) },
    },
    {
      id: 'purple', label: 'Purple', colour: '#7030A0', textColour: '#FFFFFF', description: 'Locally assessed vulnerable.',
      when: { any: [{ criterion: 'ofsted-ri' }, { criterion: 'la-ri' }, { criterion: 'leadership-governance' }, { criterion: 'several-concerns' }, { criterion: 'inspection-risk' }, { criterion: 'ungraded-concerns' }] },
      support: {
        maintained: { amount: { param: 'purpleOfficerDays' }, unit: 'officer days', bound: 'up to', actions: ['Three SIO visits a year minimum', 'LA review of progress (equivalent to a Section 5 inspection) six months after and six months before an Ofsted inspection', 'Leadership "Getting to Good" workshops', 'After a Section 5 RI: formal meeting with the Director of Children\'s Services; LA action plan workshop', 'Consideration of additional support for the governing body'], cadence: 'at least termly SIO visits; LA reviews six months either side of inspection', informed: ['Headteacher', 'Chair of the Governing Body', 'Director of Children\'s Services'], citation: cite(TABLE, 'A programme of support of up to 20 officer days') },
        academy: academyOffer(true),
      },
    },
    {
      id: 'red', label: 'Red', colour: '#FF0000', textColour: '#FFFFFF', description: 'Local high priority.',
      when: { any: [{ criterion: 'ofsted-inadequate' }, { criterion: 'la-inadequate' }, { criterion: 'safeguarding' }] },
      support: {
        maintained: { amount: { param: 'redOfficerDays' }, unit: 'officer days', bound: 'up to', actions: ['Three SIO visits a year minimum', 'A School Improvement Board coordinates external support and monitors the action plan', 'Leadership "Getting to Good" workshops'], cadence: 'School Improvement Board meetings', informed: ['Headteacher', 'Chair of the Governing Body', 'School Improvement Board', 'Director of Children\'s Services'], citation: cite(TABLE, 'A programme of support of up to 40 officer days') },
        academy: academyOffer(true),
      },
    },
  ],
  selection: { kind: 'firstMatch', default: 'green' },
  additional: [
    {
      id: 'new-headteacher-review', label: 'LA "Section 5" review for a new headteacher',
      when: { all: [{ fact: 'isAcademy', op: 'isFalse' }, { fact: 'monthsInPost', op: 'lt', value: { param: 'newHeadMonths' } }] },
      offer: 'An LA "Section 5" review in the first term of the appointment, to set the priorities for urgent improvement.',
      citation: cite('\u00a74.3 Policy and Procedures', 'All new headteachers will be offered a LA \u2018Section 5\u2019 review in the first term of their appointment'),
    },
    {
      id: 'securely-good-review', label: 'LA "Section 5" review to confirm a securely good school judged RI',
      when: { all: [{ fact: 'laJudgement', op: 'in', value: ['outstanding', 'strong-good', 'good'] }, { fact: 'ofstedBand', op: 'eq', value: 'requires-improvement' }, { fact: 'isAcademy', op: 'isFalse' }] },
      offer: 'An LA "Section 5" review before the end of September to confirm the judgement.',
      citation: cite('\u00a74.3 Policy and Procedures', 'if it is judged that a school is securely \u2018good\u2019 and the current Ofsted judgement \u2018requires improvement\u2019, the school will be offered a LA \u2018Section 5\u2019 review'),
    },
  ],
  requiredFields: ['urn'],
};

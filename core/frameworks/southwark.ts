/**
 * Southwark Council, universal provision for school improvement: Table One (categories A-D), Table Two
 * (pathways for maintained schools and academies), Appendix 1 (indicators per area, "a best fit model
 * however, there are some critical criteria, e.g. safeguarding, leadership, governance, quality of
 * education that will influence the final judgement") and Appendix 2 (pathway actions).
 * Each area judgement A-D is one piece of evidence and the best fit is their median; the critical areas,
 * the Ofsted judgement and Table One's reasons for B (new HT, at risk of RI, improving from RI,
 * preparation for Ofsted) are floors. Readings:
 * docs/frameworks/southwark.md.
 */
import type { AreaGrade, FieldKey } from '../fields';
import type { Citation, Criterion, FrameworkDefinition, SupportOffer } from '../framework';

const cite = (section: string, quote: string): Citation => ({ section, quote });
const TABLE_ONE = '\u00a75 Table One';
const TABLE_TWO = '\u00a77 Table two';
const APPENDIX_ONE = 'Appendix 1 School Improvement Support Indicators';
const CRITICAL = cite(APPENDIX_ONE, 'there are some critical criteria, e.g. safeguarding, leadership, governance, quality of education that will influence the final judgement');

/** Appendix 1's words for each area at each grade (D where Appendix 1 gives a D descriptor, else Table One's D). */
const AREAS: readonly { field: FieldKey; name: string; critical: boolean; words: Record<AreaGrade, string> }[] = [
  { field: 'areaLeadership', name: 'Leadership', critical: true, words: { A: 'Leadership capacity is systematically developed at all levels', B: 'A school that identifies barriers, self-evaluates, plans strategically and takes action to improve with external support', C: 'The leadership team structure and roles are not yet developed cohesively', D: 'Senior leadership is ineffective.' } },
  { field: 'areaGovernance', name: 'Governance', critical: true, words: { A: 'Governance is effective/robust and ensures high ambitions for all', B: 'There may be weaknesses in governance which are beginning to be addressed', C: 'Governance is not consistently effective in holding leaders to account', D: 'Governance is ineffective and fails to deliver its core functions' } },
  { field: 'areaCurriculum', name: 'Quality of education (curriculum and teaching)', critical: true, words: { A: 'Teaching is delivering a broad and balanced curriculum that is well planned, sequenced and consistently implemented', B: 'Teaching is delivering a planned and appropriately sequenced curriculum across many subjects although some are more consistently implemented than others', C: 'The curriculum is not yet effectively planned, sequenced and implemented across the school in many subjects', D: 'Inadequate OFSTED inspection or at risk of being in a category' } },
  { field: 'areaOutcomes', name: 'Outcomes', critical: false, words: { A: 'outcomes that are typically above national and in line with London', B: 'outcomes that are declining or are not yet/at risk of not being in line with national standards', C: 'outcomes that are significantly below national standards', D: 'Inadequate OFSTED inspection or at risk of being in a category' } },
  { field: 'areaEarlyYears', name: 'EYFS', critical: false, words: { A: 'EYFS is at least good', B: 'EYFS requires improvement in some areas', C: 'EYFS or sixth form requires improvement', D: 'Inadequate OFSTED inspection or at risk of being in a category' } },
  { field: 'areaStaffing', name: 'Staffing', critical: false, words: { A: 'Staffing is stable and succession is planned for', B: 'staffing may not be stable and staff morale is variable', C: 'Staffing is not effectively managed and may not be stable', D: 'Inadequate OFSTED inspection or at risk of being in a category' } },
  { field: 'areaPersonalDevelopment', name: 'Personal development', critical: false, words: { A: 'SMSC (including British Values) inclusion and pupil wellbeing are thoughtfully planned', B: 'SMSC, inclusion and pupil wellbeing are promoted throughout the school although the positive impact on pupils is not yet consistent', C: 'Curriculum provision does not engage, interest or meet the pastoral and learning needs of all pupils', D: 'Inadequate OFSTED inspection or at risk of being in a category' } },
  { field: 'areaBehaviour', name: 'Behaviour', critical: false, words: { A: 'Expectations of behaviour are high and behaviour is consistently good', B: 'Behaviour around the school is generally good', C: 'Expectations of behaviour are not consistently high enough', D: 'Inadequate OFSTED inspection or at risk of being in a category' } },
  { field: 'areaSend', name: 'SEND', critical: false, words: { A: 'Leaders are ambitious for all pupils with SEND', B: 'Most pupils with SEND make progress through an adapted, sequenced curriculum', C: 'The curriculum for pupils with SEND is narrowed', D: 'Inadequate OFSTED inspection or at risk of being in a category' } },
  { field: 'areaSafeguarding', name: 'Safeguarding', critical: true, words: { A: 'Safeguarding is effective; the culture of safeguarding is focused on prevention', B: 'Safeguarding is effective and the school has processes to take appropriate action', C: 'Safeguarding is effective.', D: 'Safeguarding is ineffective' } },
  { field: 'areaAttendance', name: 'Attendance', critical: false, words: { A: 'Attendance is typically above national', B: 'Attendance may be below national, persistent absence and exclusions may be above national', C: 'Attendance is below national, persistent absence is above national and exclusions are above national', D: 'Inadequate OFSTED inspection or at risk of being in a category' } },
  { field: 'areaCapacity', name: 'Leadership capacity (complaints, admissions, finance, HR)', critical: false, words: { A: 'Issues with parental complaints, admissions, finance or HR have a time limited impact on leadership capacity', B: 'Issues with parental complaints, support for NQTs, website compliance, admissions, finance or HR have an impact on leadership capacity over time', C: 'Issues with parental complaints, support for ECTs, website compliance, admissions, finance or HR have a significant impact on leadership capacity over time', D: 'Inadequate OFSTED inspection or at risk of being in a category' } },
];

const GRADES: readonly AreaGrade[] = ['A', 'B', 'C', 'D'];
const HEADINGS: Record<AreaGrade, string> = {
  A: 'A - Overall effectiveness is at least good and there are no current significant concerns',
  B: 'B - Additional support and monitoring required',
  C: 'C - The school was or is likely to be judged as requiring improvement by OFSTED',
  D: 'D - Inadequate OFSTED inspection or at risk of being in a category',
};

/** One criterion per area and grade: the analyst's judgement of that area is evidence for that category. */
const areaCriteria: Criterion[] = AREAS.flatMap((area) =>
  GRADES.map((grade): Criterion => ({
    id: `${area.field}-${grade}`,
    label: `${area.name} judged ${grade}`,
    when: { fact: area.field, op: 'eq', value: grade },
    citation: cite(`${APPENDIX_ONE}, ${HEADINGS[grade]}`, area.words[grade]),
    indicates: grade,
    // A critical area below A bounds the result: the school cannot be better than that area (Appendix 1 note).
    critical: area.critical && grade !== 'A',
  })),
);

const academyOffer = (grade: AreaGrade): SupportOffer => grade === 'A'
  ? { amount: null, noneReason: 'academies are accountable to the Secretary of State; the LA offers partnership working', actions: ['Partnership working', 'Academies are invited to invest in the School Improvement Offer from the Advisory Team'], cadence: 'as agreed', informed: ['Headteacher', 'Chair of the board of the academy trust'], citation: cite(TABLE_TWO, 'A ... Partnership working') }
  : { amount: null, noneReason: 'the LA has no pathway for academies: it raises its concerns with the Regional Director', actions: ['Concerns about standards, leadership or governance raised directly with the DfE Regional Director'], cadence: 'when the concern arises', informed: ['Headteacher', 'Chair of the board of the academy trust', 'DfE Regional Director'], citation: cite('\u00a77.1 Primary and Secondary academies', 'In the event that the LA has any concerns about an academy\u2019s standards, leadership or governance, they are required to raise these directly with the relevant RD') };

const INFORMED = ['Headteacher', 'Chair of Governors'];

/** Southwark's framework as data. */
export const southwark: FrameworkDefinition = {
  id: 'southwark',
  name: 'Southwark universal provision',
  authority: 'Southwark Council',
  version: '1.0.0',
  summary: 'Best fit A-D over the area judgements of Appendix 1, with safeguarding, leadership, governance and quality of education critical.',
  source: { title: 'Southwark universal provision for school improvement', year: '2023', file: 'shared/policies/southwark-universal-provision.txt' },
  docs: 'docs/frameworks/southwark.md',
  parameters: {
    dcpPerYear: { default: 3, min: 0, max: 12, unit: 'contact points', description: 'Dedicated contact points a year on pathways B, C and D.', citation: cite(TABLE_TWO, 'up to 3 dedicated contact points a year') },
    newHeadMonths: { default: 12, min: 1, max: 36, unit: 'months', description: 'A head in post fewer months than this is a "new HT" (our reading: their first school year).', citation: cite(TABLE_ONE, 'Additional support and monitoring required such as for new HTs') },
    atRiskScore: { default: 50, min: 0, max: 100, unit: 'score', description: 'Next-inspection risk score from which a school is "at risk of RI" (our reading: High risk, docs/ofsted.md).', citation: cite(TABLE_ONE, 'at risk of RI') },
    preparationMonths: { default: 6, min: 0, max: 24, unit: 'months', description: '"Preparation for OFSTED": the next inspection falls due within this many months (our reading).', citation: cite(TABLE_ONE, 'preparation for OFSTED') },
  },
  criteria: [
    ...areaCriteria,
    { id: 'ofsted-good', label: 'Overall effectiveness at least good', when: { fact: 'ofstedBand', op: 'eq', value: 'good-or-better' }, citation: cite(TABLE_ONE, 'Overall effectiveness is at least good and there are no current significant concerns.'), indicates: 'A' },
    { id: 'new-head', label: 'New headteacher', when: { fact: 'monthsInPost', op: 'lt', value: { param: 'newHeadMonths' } }, citation: cite(TABLE_ONE, 'Additional support and monitoring required such as for new HTs'), indicates: 'B', critical: true },
    { id: 'at-risk-of-ri', label: 'At risk of requires improvement', when: { any: [{ fact: 'inspectionRiskScore', op: 'gte', value: { param: 'atRiskScore' } }, { fact: 'ungradedConcerns', op: 'isTrue' }] }, citation: cite(TABLE_ONE, 'at risk of RI'), indicates: 'B', critical: true },
    { id: 'improving-from-ri', label: 'Improving from requires improvement', when: { all: [{ fact: 'ofstedBand', op: 'eq', value: 'good-or-better' }, { fact: 'previousOfstedBand', op: 'in', value: ['requires-improvement', 'inadequate'] }] }, citation: cite(TABLE_ONE, 'improving from RI'), indicates: 'B', critical: true },
    { id: 'preparation-for-ofsted', label: 'Preparation for Ofsted: inspection due soon', when: { fact: 'monthsUntilInspectionDue', op: 'lte', value: { param: 'preparationMonths' } }, citation: cite(TABLE_ONE, 'preparation for OFSTED'), indicates: 'B', critical: true },
    { id: 'ofsted-ri', label: 'Judged requires improvement by Ofsted', when: { fact: 'ofstedBand', op: 'eq', value: 'requires-improvement' }, citation: cite(TABLE_ONE, 'The school was or is likely to be judged as requiring improvement by OFSTED.'), indicates: 'C', critical: true },
    { id: 'ofsted-inadequate', label: 'Judged inadequate by Ofsted or in a category', when: { any: [{ fact: 'ofstedBand', op: 'eq', value: 'inadequate' }, { fact: 'inCategoryOfConcern', op: 'isTrue' }] }, citation: cite(TABLE_ONE, 'Schools judged by Ofsted to be inadequate, at risk of being in a category.'), indicates: 'D', critical: true },
    { id: 'safeguarding-concern', label: 'Safeguarding concern', when: { any: [{ fact: 'safeguardingConcern', op: 'isTrue' }, { fact: 'safeguardingEffective', op: 'isFalse' }] }, citation: CRITICAL, indicates: 'D', critical: true },
  ],
  categories: [
    {
      id: 'A', label: 'A', colour: '#00B050', textColour: '#FFFFFF', description: 'Overall effectiveness at least good, no current significant concerns: Partnership Pathway.',
      support: {
        maintained: { amount: null, noneReason: 'the Partnership Pathway has no dedicated contact points; activities are on request', actions: ['Headteacher appraisal if requested', 'HT recruitment support when needed', 'Preparation for OFSTED inspection activities if requested', 'Joint end of year evaluation and risk assessment if requested', 'Opportunities to share expertise: hubs, networks, peer Quality of Education reviews, supporting other schools'], cadence: 'as requested', informed: INFORMED, citation: cite('Appendix Two: School Improvement Pathways', 'A Partnership Pathway') },
        academy: academyOffer('A'),
      },
    },
    {
      id: 'B', label: 'B', colour: '#FFC000', textColour: '#000000', description: 'Additional support and monitoring (new HT, at risk of RI, improving from RI, preparation for Ofsted): Support and Monitoring Pathway.',
      support: {
        maintained: { amount: { param: 'dcpPerYear' }, unit: 'contact points', bound: 'up to', actions: ['Termly progress meeting with the advisor', 'Joint end of year evaluation and risk assessment', 'Support for school improvement planning and evaluation', 'Access to projects, CPD, LA-funded consultant support; school-to-school support', 'Quality of Education review if requested'], cadence: 'termly progress meetings', informed: INFORMED, citation: cite(TABLE_TWO, 'This will involve up to 3 dedicated contact points a year to formally or informally support and review a schools\u2019 improvement.') },
        academy: academyOffer('B'),
      },
    },
    {
      id: 'C', label: 'C', colour: '#ED7D31', textColour: '#000000', description: 'Was or is likely to be judged RI: Targeted Rapid Improvement Pathway (TRIP).',
      support: {
        maintained: { amount: { param: 'dcpPerYear' }, unit: 'contact points', bound: 'up to', actions: ['Director of Education informed', 'Action plan for rapid improvement', 'Termly Progress Review Meetings with governors and the Assistant Director', 'Team around the school meeting to plan a programme of support', 'Annual Quality of Education Review', 'Insufficient progress could result in a warning notice and a federation or MAT being brokered'], cadence: 'termly Progress Review Meetings', informed: [...INFORMED, 'Director of Education', 'Assistant Director'], citation: cite(TABLE_TWO, 'A Targeted Rapid Improvement Pathway (TRIP) will be undertaken including up to 3 dedicated contact points a year to formally review a schools\u2019 progress.') },
        academy: academyOffer('C'),
      },
    },
    {
      id: 'D', label: 'D', colour: '#C00000', textColour: '#FFFFFF', description: 'Inadequate or at risk of a category: Intervention Pathway.',
      support: {
        maintained: { amount: { param: 'dcpPerYear' }, unit: 'contact points', bound: 'up to', actions: ['Director of Children and Families informed', 'Warning notice issued', 'Federation or MAT brokered', 'Preparation for OFSTED inspection activities'], cadence: 'dedicated contact points to formally review progress', informed: [...INFORMED, 'Director of Children and Families'], citation: cite(TABLE_TWO, 'An Intervention Pathway will be undertaken including up to 3 dedicated contact points a year to formally review a schools\u2019 progress.') },
        academy: academyOffer('D'),
      },
    },
  ],
  selection: { kind: 'bestFit', default: 'A' },
  requiredFields: ['urn'],
};

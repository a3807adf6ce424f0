/**
 * Herefordshire School Improvement Framework (2013): §2.4.1 (risk levels and the actions they bring)
 * and Appendix 5 (high level risk assessment). Floor standards, KS1-era quartiles and 5+ A*-C no
 * longer exist: each threshold is a parameter whose default is the policy's number and whose
 * `standIn` names the current measure. Readings: docs/frameworks/herefordshire.md.
 */
import type { Citation, FrameworkDefinition } from '../framework';

const cite = (section: string, quote: string): Citation => ({ section, quote });
const HIGH = 'Appendix 5, High Risk';
const ENHANCED = 'Appendix 5, Medium risk: Enhanced priority';
const TIMETABLED = 'Appendix 5, Medium risk: Timetabled support';
const LOW = 'Appendix 5, Low risk (at least three indicators)';
const ACTIONS = '\u00a72.4.1 Monitoring';

/** Herefordshire's framework as data. */
export const herefordshire: FrameworkDefinition = {
  id: 'herefordshire',
  name: 'Herefordshire School Improvement Framework',
  authority: 'Herefordshire Council',
  version: '1.0.0',
  summary: 'Desktop risk assessment (Appendix 5): low, medium (enhanced priority or timetabled support) or high.',
  source: { title: 'Herefordshire School Improvement Framework', year: '2013', file: 'shared/policies/herefordshire-school-improvement-framework-2013.txt' },
  docs: 'docs/frameworks/herefordshire.md',
  parameters: {
    minCohort: { default: 11, min: 1, max: 100, unit: 'pupils', description: 'Smallest KS2 cohort for which the primary floor applies.', citation: cite(HIGH, 'Below Floor targets (with 11 or more children in cohort)') },
    primaryFloorPct: { default: 60, min: 0, max: 100, unit: '%', description: 'Primary floor: combined reading, writing and maths.', standIn: 'KS2 % meeting the expected standard in reading, writing and maths (ks2RwmExpectedPct)', citation: cite(HIGH, 'Below 60% with combined scores for Reading, writing, maths') },
    primaryProgressFloor: {
      default: -2, min: -10, max: 0, unit: 'progress score',
      description: 'Primary floor progress: the policy\'s 92% (English) and 90% (maths) medians of pupils making expected progress. Our reading: a KS2 progress score below this in reading, writing or maths.',
      standIn: 'KS2 progress scores (ks2ReadingProgress, ks2WritingProgress, ks2MathsProgress); not published for 2024-25 and 2025-26, so the floor then cannot fire',
      citation: cite(HIGH, 'Less than 92% median percentage in English; and Less than 90% median percentage in Maths'),
    },
    highQuartileMeasures: { default: 5, min: 1, max: 8, unit: 'measures', description: 'Measures of the eight in the county\'s lowest quartile that make a primary school high risk.', citation: cite(HIGH, 'Five or more of the eight measures in fourth quartile (lowest) within county') },
    mediumQuartileMeasures: { default: 4, min: 1, max: 8, unit: 'measures', description: 'Measures in the lowest quartile that make a primary school enhanced priority.', citation: cite(ENHANCED, 'Four of the eight measures in fourth quartile (primary)') },
    secondaryFloorPct: { default: 40, min: 0, max: 100, unit: '%', description: 'Secondary floor.', standIn: '% of pupils with grade 4 or above in English and maths (ks4EnglishMathsGrade4Pct), the nearest current measure to 5+ A*-C including English and maths', citation: cite(HIGH, 'Below floor standard (40%) for 5+ GCSE A* - C incl E & M') },
    secondaryProgressFloor: { default: -0.5, min: -3, max: 0, unit: 'Progress 8', description: '"Poor level of progress in English and mathematics". Our reading: Progress 8 below -0.5, the DfE\'s "below average" boundary.', standIn: 'Progress 8 (ks4Progress8)', citation: cite(HIGH, 'Poor level of progress in English and mathematics') },
    highGapPoints: { default: 20, min: 0, max: 100, unit: 'percentage points', description: 'A disadvantaged gap this wide is "high" (our reading; the policy gives no number).', citation: cite('Appendix 5, High Risk: All schools', 'Inequalities gaps in attainment and progress for vulnerable pupils are high, not reducing') },
    significantGapPoints: { default: 10, min: 0, max: 100, unit: 'percentage points', description: 'A disadvantaged gap this wide is "significant" (our reading).', citation: cite(ENHANCED, 'Significant gaps in attainment and progress for vulnerable pupils with little improvement') },
    lowTrendYears: { default: 3, min: 1, max: 10, unit: 'years', description: 'Years of low attainment that make "a trend of low attainment".', citation: cite('Appendix 5, High Risk: All schools', 'a trend of low attainment over at least three years') },
    imminenceGoodMonths: { default: 36, min: 1, max: 120, unit: 'months', description: 'Months since a Good or Outstanding inspection after which an inspection is imminent.', citation: cite('Appendix 5, High Risk: Imminence of Ofsted inspection', 'Over three years for Good / Outstanding schools') },
    imminenceSatisfactoryMonths: { default: 12, min: 1, max: 60, unit: 'months', description: 'Months since a Satisfactory inspection after which an inspection is imminent (Satisfactory became Requires improvement in 2012, which is high risk in its own right).', citation: cite('Appendix 5, High Risk: Imminence of Ofsted inspection', 'Over twelve months for Satisfactory') },
    anniversaryMonths: { default: 12, min: 0, max: 36, unit: 'months', description: '"Ofsted anniversary dependent on date and grading". Our reading: the next inspection falls due within this many months.', citation: cite(ENHANCED, 'Ofsted Anniversary dependent on date and grading') },
    newHeadMonths: { default: 12, min: 1, max: 36, unit: 'months', description: 'A head in post fewer months than this is new (our reading: their first school year).' },
    lowAttendancePct: { default: 94, min: 50, max: 100, unit: '%', description: 'Attendance below this is low (our reading: about the national primary and secondary average, 2023-24).' },
    lowIndicatorsNeeded: { default: 3, min: 1, max: 5, unit: 'indicators', description: 'Low-risk indicators a school needs to be low risk.', citation: cite(LOW, 'Low risk (at least three indicators)') },
    experiencedMonths: { default: 24, min: 1, max: 120, unit: 'months', description: 'Months in post that make leadership "experienced" (our reading).' },
    recentInspectionMonths: { default: 24, min: 1, max: 60, unit: 'months', description: 'A "recent" inspection.', citation: cite(LOW, 'Good or Outstanding grading in a recent inspection last two years') },
    nationalRwmPct: { default: 61, min: 0, max: 100, unit: '%', description: 'National KS2 reading, writing and maths expected standard (2024: 61%), for "in line with national averages".' },
    nationalEnglishMathsPct: { default: 65, min: 0, max: 100, unit: '%', description: 'National grade 4+ in English and maths (2024: about 65%), for "in line with national averages".' },
  },
  criteria: [
    // High risk.
    {
      id: 'primary-floor', label: 'Below the primary floor (attainment and progress, cohort of 11 or more)',
      when: { all: [{ fact: 'phase', op: 'in', value: ['primary', 'middle', 'all-through'] }, { fact: 'ks2Cohort', op: 'gte', value: { param: 'minCohort' } }, { fact: 'ks2RwmExpectedPct', op: 'lt', value: { param: 'primaryFloorPct' } }, { any: [{ fact: 'ks2ReadingProgress', op: 'lt', value: { param: 'primaryProgressFloor' } }, { fact: 'ks2WritingProgress', op: 'lt', value: { param: 'primaryProgressFloor' } }, { fact: 'ks2MathsProgress', op: 'lt', value: { param: 'primaryProgressFloor' } }] }] },
      citation: cite('Appendix 5, High Risk: Primary Schools', 'Below Floor targets (with 11 or more children in cohort) for progress measures: Below 60% with combined scores for Reading, writing, maths'), indicates: 'high',
    },
    { id: 'quartiles-high', label: 'Five or more of the eight county measures in the lowest quartile', when: { fact: 'bottomQuartileMeasures', op: 'gte', value: { param: 'highQuartileMeasures' } }, citation: cite('Appendix 5, High Risk: Primary Schools', 'Five or more of the eight measures in fourth quartile (lowest) within county'), indicates: 'high' },
    { id: 'secondary-floor', label: 'Below the secondary floor (English and maths)', when: { all: [{ fact: 'phase', op: 'in', value: ['secondary', 'all-through'] }, { fact: 'ks4EnglishMathsGrade4Pct', op: 'lt', value: { param: 'secondaryFloorPct' } }] }, citation: cite('Appendix 5, High Risk: Secondary Schools', 'Below floor standard (40%) for 5+ GCSE A* - C incl E & M'), indicates: 'high' },
    { id: 'secondary-progress', label: 'Poor progress (Progress 8)', when: { fact: 'ks4Progress8', op: 'lt', value: { param: 'secondaryProgressFloor' } }, citation: cite('Appendix 5, High Risk: Secondary Schools', 'Poor level of progress in English and mathematics'), indicates: 'high' },
    { id: 'ofsted-category-or-ri', label: 'Ofsted category or requires improvement', when: { any: [{ fact: 'ofstedBand', op: 'in', value: ['requires-improvement', 'inadequate'] }, { fact: 'inCategoryOfConcern', op: 'isTrue' }] }, citation: cite('Appendix 5, High Risk: All schools', 'Ofsted category or Requiring Improvement'), indicates: 'high' },
    {
      id: 'gaps-high', label: 'Gaps for vulnerable pupils high and not reducing, or low attainment for three years',
      when: { any: [{ all: [{ fact: 'disadvantagedGap', op: 'gte', value: { param: 'highGapPoints' } }, { fact: 'disadvantagedGapTrend', op: 'in', value: ['stable', 'widening'] }] }, { fact: 'yearsLowAttainment', op: 'gte', value: { param: 'lowTrendYears' } }] },
      citation: cite('Appendix 5, High Risk: All schools', 'Inequalities gaps in attainment and progress for vulnerable pupils are high, not reducing and /or a trend of low attainment over at least three years'), indicates: 'high',
    },
    {
      id: 'imminence', label: 'Ofsted inspection imminent',
      when: { any: [{ all: [{ fact: 'ofstedEquivalentGrade', op: 'in', value: ['outstanding', 'good'] }, { fact: 'monthsSinceInspection', op: 'gt', value: { param: 'imminenceGoodMonths' } }] }, { all: [{ fact: 'ofstedEquivalentGrade', op: 'eq', value: 'satisfactory' }, { fact: 'monthsSinceInspection', op: 'gt', value: { param: 'imminenceSatisfactoryMonths' } }] }] },
      citation: cite('Appendix 5, High Risk: All schools', 'Imminence of Ofsted inspection (relative to last inspection date): Over three years for Good / Outstanding schools; Over twelve months for Satisfactory'), indicates: 'high',
    },
    // Medium: enhanced priority.
    { id: 'anniversary', label: 'Ofsted anniversary: the next inspection falls due soon', when: { fact: 'monthsUntilInspectionDue', op: 'lte', value: { param: 'anniversaryMonths' } }, citation: cite(ENHANCED, 'Ofsted Anniversary dependent on date and grading'), indicates: 'medium' },
    { id: 'quartiles-medium', label: 'Four of the eight county measures in the lowest quartile', when: { fact: 'bottomQuartileMeasures', op: 'gte', value: { param: 'mediumQuartileMeasures' } }, citation: cite(ENHANCED, 'Four of the eight measures in fourth quartile (primary)'), indicates: 'medium' },
    { id: 'declining', label: 'Declining trend in attainment or progress', when: { fact: 'attainmentTrend', op: 'eq', value: 'declining' }, citation: cite(ENHANCED, 'A declining trend in attainment/progress over 2 and/or 3 year'), indicates: 'medium' },
    { id: 'gaps-little-improvement', label: 'Significant gaps for vulnerable pupils with little improvement', when: { all: [{ fact: 'disadvantagedGap', op: 'gte', value: { param: 'significantGapPoints' } }, { fact: 'disadvantagedGapTrend', op: 'in', value: ['stable', 'widening'] }] }, citation: cite(ENHANCED, 'Significant gaps in attainment and progress for vulnerable pupils with little improvement. year-on-year'), indicates: 'medium' },
    { id: 'enhanced-priority', label: 'An enhanced-priority factor', when: { any: [{ criterion: 'anniversary' }, { criterion: 'quartiles-medium' }, { criterion: 'declining' }, { criterion: 'gaps-little-improvement' }] }, citation: cite(ENHANCED, 'Enhanced priority') },
    // Medium: timetabled support.
    { id: 'gaps-improving', label: 'Significant gaps for vulnerable pupils, improving', when: { all: [{ fact: 'disadvantagedGap', op: 'gte', value: { param: 'significantGapPoints' } }, { fact: 'disadvantagedGapTrend', op: 'eq', value: 'narrowing' }] }, citation: cite(TIMETABLED, 'Significant gaps in attainment and progress for vulnerable pupils but with trend of improvement'), indicates: 'medium' },
    { id: 'new-head-or-change', label: 'New head, federation, amalgamation or governor support needed', when: { any: [{ fact: 'monthsInPost', op: 'lt', value: { param: 'newHeadMonths' } }, { fact: 'headteacherInterim', op: 'isTrue' }, { fact: 'organisationalChange', op: 'isTrue' }, { fact: 'governanceConcern', op: 'isTrue' }] }, citation: cite(TIMETABLED, 'New heads/federation/amalgamation/governor support necessary'), indicates: 'medium' },
    { id: 'leadership-issues', label: 'Leadership issues', when: { any: [{ fact: 'leadershipConcern', op: 'isTrue' }, { fact: 'hrConcern', op: 'isTrue' }] }, citation: cite(TIMETABLED, 'Leadership issues (e.g. recruitment of senior leaders)'), indicates: 'medium' },
    { id: 'low-attendance', label: 'Low attendance', when: { any: [{ fact: 'attendancePct', op: 'lt', value: { param: 'lowAttendancePct' } }, { fact: 'attendanceConcern', op: 'isTrue' }] }, citation: cite(TIMETABLED, 'Low attendance'), indicates: 'medium' },
    { id: 'falling-roll', label: 'Falling roll', when: { fact: 'fallingRoll', op: 'isTrue' }, citation: cite(TIMETABLED, 'Falling roles'), indicates: 'medium' },
    // Low-risk indicators.
    { id: 'experienced-leadership', label: 'Experienced leadership and governance', when: { all: [{ fact: 'monthsInPost', op: 'gte', value: { param: 'experiencedMonths' } }, { fact: 'leadershipConcern', op: 'isFalse' }, { fact: 'governanceConcern', op: 'isFalse' }] }, citation: cite(LOW, 'Experienced leadership and governance'), indicates: 'low' },
    { id: 'recent-good', label: 'Good or Outstanding at an inspection in the last two years', when: { all: [{ fact: 'ofstedBand', op: 'eq', value: 'good-or-better' }, { fact: 'monthsSinceInspection', op: 'lte', value: { param: 'recentInspectionMonths' } }] }, citation: cite(LOW, 'Good or Outstanding grading in a recent inspection last two years'), indicates: 'low' },
    { id: 'consistent-trend', label: 'Consistent trend of achievement and attainment', when: { fact: 'attainmentTrend', op: 'in', value: ['improving', 'stable'] }, citation: cite(LOW, 'Consistent trend of achievement and attainment: actual and progress measures'), indicates: 'low' },
    { id: 'pupil-premium', label: 'Disadvantaged pupils match or are catching up with others', when: { any: [{ fact: 'disadvantagedGap', op: 'lte', value: 0 }, { fact: 'disadvantagedGapTrend', op: 'eq', value: 'narrowing' }] }, citation: cite(LOW, 'The achievement of pupils for whom the pupil premium provides support at least matches that of other pupils in the school or has risen rapidly'), indicates: 'low' },
    { id: 'standards-national', label: 'Standards in line with national averages', when: { any: [{ fact: 'ks2RwmExpectedPct', op: 'gte', value: { param: 'nationalRwmPct' } }, { fact: 'ks4EnglishMathsGrade4Pct', op: 'gte', value: { param: 'nationalEnglishMathsPct' } }] }, citation: cite(LOW, 'The standards of attainment of all groups of pupils are likely to be at least in line with national averages'), indicates: 'low' },
    {
      id: 'too-few-low-indicators', label: 'Fewer than three low-risk indicators can hold',
      when: { not: { atLeast: { param: 'lowIndicatorsNeeded' }, of: [{ criterion: 'experienced-leadership' }, { criterion: 'recent-good' }, { criterion: 'consistent-trend' }, { criterion: 'pupil-premium' }, { criterion: 'standards-national' }] } },
      citation: cite(LOW, 'Low risk (at least three indicators)'), indicates: 'medium',
    },
  ],
  categories: [
    {
      id: 'low', label: 'Low', colour: '#C6EFCE', textColour: '#006100', description: 'Performance good or improving, no significant organisational or Ofsted factors.',
      support: { maintained: { amount: null, noneReason: 'at low risk it is for the school to decide whether it wishes further clarification or support', actions: ['The school is notified of the risk assessment', 'The school decides whether it wants clarification or support'], cadence: 'risk assessment reviewed each term', informed: ['Headteacher', 'Governing body', 'School Improvement Group'], citation: cite(ACTIONS, 'Where it is low risk, it will be for the school to decide if it wishes further clarification or support.') } },
    },
    {
      id: 'medium', label: 'Medium', colour: '#FFEB9C', textColour: '#9C5700', description: 'Variation or a downward trend, gaps not closing, or one or two organisational / Ofsted factors.',
      when: { any: [{ criterion: 'enhanced-priority' }, { criterion: 'gaps-improving' }, { criterion: 'new-head-or-change' }, { criterion: 'leadership-issues' }, { criterion: 'low-attendance' }, { criterion: 'falling-roll' }, { criterion: 'too-few-low-indicators' }] },
      variants: [
        { id: 'enhanced-priority', label: 'Enhanced priority', when: { criterion: 'enhanced-priority' }, citation: cite(ENHANCED, 'Enhanced priority') },
        { id: 'timetabled-support', label: 'Timetabled support', when: { any: [{ criterion: 'gaps-improving' }, { criterion: 'new-head-or-change' }, { criterion: 'leadership-issues' }, { criterion: 'low-attendance' }, { criterion: 'falling-roll' }, { criterion: 'too-few-low-indicators' }] }, citation: cite(TIMETABLED, 'Timetabled support') },
      ],
      support: {
        maintained: { amount: null, noneReason: 'the policy sets a meeting, not a number of days', actions: ['A School Improvement Adviser or NLE meets the headteacher to discuss the risks and their potential impact on outcomes'], cadence: 'one meeting, then the termly review of the risk assessment', informed: ['Headteacher', 'School Improvement Group'], citation: cite(ACTIONS, 'Where the risk assessment is medium for maintained schools the local authority will arrange a meeting with the head teacher by a School Improvement Adviser or NLE') },
        academy: { amount: null, noneReason: 'an academy commissions its own conversation', actions: ['The academy can commission a similar conversation, or use the assessment to inform its own external challenge'], cadence: 'as the academy decides', informed: ['Headteacher', 'Academy trust'], citation: cite(ACTIONS, 'An academy will be able to commission a similar conversation or use the assessment to inform its own arrangement for external challenge.') },
      },
    },
    {
      id: 'high', label: 'High', colour: '#FFC7CE', textColour: '#9C0006', description: 'Below floor, Ofsted category or RI, gaps worsening, imminent inspection, or several factors.',
      when: { any: [{ criterion: 'primary-floor' }, { criterion: 'quartiles-high' }, { criterion: 'secondary-floor' }, { criterion: 'secondary-progress' }, { criterion: 'ofsted-category-or-ri' }, { criterion: 'gaps-high' }, { criterion: 'imminence' }] },
      support: {
        maintained: { amount: null, noneReason: 'the policy sets additional monitoring visits and a possible support plan, not a number of days', actions: ['A more detailed risk assessment (Appendix 6)', 'Conversation by an SIA / NLE with the headteacher and chair of governors against the school\'s self-evaluation', 'Second-level risk assessment around the Ofsted framework; may lead to a support plan or intervention', 'Additional monitoring visits'], cadence: 'additional monitoring visits', informed: ['Headteacher', 'Chair of governors', 'School Improvement Group', 'Diocesan Board where relevant'], citation: cite(ACTIONS, 'Where the risk assessment is high for a maintained school the local authority will draw up a more detailed risk assessment (Appendix 6).') },
        academy: { amount: null, noneReason: 'the academy decides its own actions', actions: ['The Director (and/or the Director of the Diocesan Board of Education) invites the chair of governors and headteacher to comment on the assessment and say what the school will do to mitigate the risk'], cadence: 'on notification', informed: ['Chair of governors', 'Headteacher', 'Director of Children\'s Services'], citation: cite(ACTIONS, 'For an academy the Director and/or Director of the Diocesan Board of Education will invite the chair of governors and head teacher to comment on the assessment') },
      },
    },
  ],
  selection: { kind: 'firstMatch', default: 'low' },
  requiredFields: ['urn'],
};

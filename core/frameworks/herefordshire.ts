/**
 * Herefordshire School Improvement Partnership, Strategy & Framework 2013/2014: the desktop risk
 * assessment of Appendix 5 ("High Level Risk assessment of schools"), the headline table of §2.4.1
 * and the actions §2.4.1 attaches to each risk level (different for academies).
 *
 * Selection is first match: high, then medium, else low. Medium carries its Appendix 5 sub-heading as a
 * variant (enhanced priority before timetabled support). Low needs "at least three indicators" of the
 * five the policy lists; a school where the data show that three cannot hold is medium.
 *
 * Floor standards, KS1-era quartiles and 5+ A*-C no longer exist: each threshold is a parameter whose
 * default is the policy's number and whose `standIn` names the current measure.
 * Readings: docs/frameworks/herefordshire.md.
 */
import type { Citation, Condition, FrameworkDefinition } from '../framework';

const cite = (section: string, quote: string): Citation => ({ section, quote });
const HIGH_PRIMARY = 'Appendix 5, High Risk: Primary Schools';
const HIGH_SECONDARY = 'Appendix 5, High Risk: Secondary Schools';
const HIGH_ALL = 'Appendix 5, High Risk: All schools';
const ENHANCED = 'Appendix 5, Medium risk: Enhanced priority';
const TIMETABLED = 'Appendix 5, Medium risk: Timetabled support';
const LOW = 'Appendix 5, Low risk (at least three indicators)';
const HEADLINE = '\u00a72.4.1 Monitoring, risk level table';
const ACTIONS = '\u00a72.4.1 Monitoring, actions on notification';

const PRIMARY_PHASES = ['primary', 'middle', 'all-through'];
const SECONDARY_PHASES = ['secondary', 'all-through'];

/** The organisational and Ofsted factors of Appendix 5 that §2.4.1 counts ("one or two" medium, "several" high). */
const FACTORS: readonly Condition[] = [
  { criterion: 'anniversary' },
  { criterion: 'new-head' },
  { criterion: 'federation-amalgamation' },
  { criterion: 'governor-support' },
  { criterion: 'leadership-issues' },
  { criterion: 'falling-roll' },
];

const LOW_INDICATORS: readonly Condition[] = [
  { criterion: 'experienced-leadership' },
  { criterion: 'recent-good' },
  { criterion: 'consistent-trend' },
  { criterion: 'pupil-premium-matches' },
  { criterion: 'standards-national' },
];

/** A concern flag that is blank or No: flags are raised by exception, so a blank is no concern. */
const notFlagged = (fact: 'leadershipConcern' | 'governanceConcern' | 'headteacherInterim'): Condition => ({
  any: [{ fact, op: 'absent' }, { fact, op: 'isFalse' }],
});

const INFORMED = ['Headteacher', 'Governing body', 'School Improvement Group', 'Diocesan Board of Education (church schools)'];

/** Herefordshire's framework as data. */
export const herefordshire: FrameworkDefinition = {
  id: 'herefordshire',
  name: 'Herefordshire School Improvement Framework',
  authority: 'Herefordshire Council',
  version: '2.0.0',
  summary: 'Desktop risk assessment (Appendix 5): low, medium (enhanced priority or timetabled support) or high.',
  source: { title: 'Herefordshire School Improvement Partnership: Strategy & Framework to Improve Outcomes for Learners in Herefordshire 2013/2014', year: '2013', file: 'shared/policies/herefordshire-school-improvement-framework-2013.txt' },
  docs: 'docs/frameworks/herefordshire.md',
  parameters: {
    // --- High risk: primary ---
    minCohort: {
      default: 11, min: 1, max: 100, unit: 'pupils',
      description: 'Smallest KS2 cohort for which the primary floor applies; a blank cohort leaves the floor unknown.',
      citation: cite(HIGH_PRIMARY, 'Below Floor targets (with 11 or more children in cohort)'),
    },
    primaryFloorPct: {
      default: 60, min: 0, max: 100, unit: '%',
      description: 'Primary floor, attainment part: combined reading, writing and maths below this.',
      standIn: 'KS2 % meeting the expected standard in reading, writing and maths (ks2RwmExpectedPct) for the old % at level 4+ in RWM',
      citation: cite(HIGH_PRIMARY, 'Below 60% with combined scores for Reading, writing, maths'),
    },
    englishProgressFloor: {
      default: 0, min: -10, max: 5, unit: 'progress score',
      description: 'Primary floor, English progress part. The policy\'s 92% was the national median of pupils making expected progress in English; a KS2 progress score is measured from the national average, 0, so "below the median" reads as a reading or writing progress score below this.',
      standIn: 'KS2 reading and writing progress scores (ks2ReadingProgress, ks2WritingProgress) for % making expected progress in English; not published for 2024-25 and 2025-26',
      citation: cite(HIGH_PRIMARY, 'Less than 92% median percentage in English'),
    },
    mathsProgressFloor: {
      default: 0, min: -10, max: 5, unit: 'progress score',
      description: 'Primary floor, maths progress part. The policy\'s 90% was the national median in maths; read as a maths progress score below this.',
      standIn: 'KS2 maths progress score (ks2MathsProgress) for % making expected progress in maths; not published for 2024-25 and 2025-26',
      citation: cite(HIGH_PRIMARY, 'Less than 90% median percentage in Maths'),
    },
    highQuartileMeasures: {
      default: 5, min: 1, max: 8, unit: 'measures',
      description: 'Measures of the eight in the county\'s lowest quartile that make a school high risk.',
      citation: cite(HIGH_PRIMARY, 'Five or more of the eight measures in fourth quartile (lowest) within county'),
    },
    // --- High risk: secondary ---
    secondaryFloorPct: {
      default: 40, min: 0, max: 100, unit: '%',
      description: 'Secondary floor: pupils with grade 4 or above in English and maths below this.',
      standIn: '% of pupils with grade 4 or above in English and maths GCSE (ks4EnglishMathsGrade4Pct) for 5+ A*-C including English and maths: grade 4 is the bottom of the old C, and English and maths were the hurdle that decided most schools\' 5+ A*-C figure',
      citation: cite(HIGH_SECONDARY, 'Below floor standard (40%) for 5+ GCSE A* - C incl E & M'),
    },
    secondaryProgressFloor: {
      default: -0.5, min: -3, max: 0, unit: 'Progress 8',
      description: '"Poor level of progress in English and mathematics": Progress 8 below this (-0.5 is the DfE\'s 2016-2019 floor and its "well below average" boundary).',
      standIn: 'Progress 8 (ks4Progress8), which double-weights English and maths, for expected progress in English and maths; not published for 2024-25 and 2025-26',
      citation: cite(HIGH_SECONDARY, 'Poor level of progress in English and mathematics'),
    },
    // --- High risk: all schools ---
    highGapPoints: {
      default: 30, min: 0, max: 100, unit: 'percentage points',
      description: 'A disadvantaged gap at least this wide is "high" (our reading: wider than the national gaps, about 21 points at KS2 RWM and 29 at KS4 English and maths 4+ in 2024).',
      citation: cite(HIGH_ALL, 'Inequalities gaps in attainment and progress for vulnerable pupils are high, not reducing'),
    },
    lowAttainmentYears: {
      default: 3, min: 1, max: 10, unit: 'years',
      description: 'Years of low attainment that make "a trend of low attainment".',
      citation: cite(HIGH_ALL, 'a trend of low attainment over at least three years'),
    },
    imminenceGoodMonths: {
      default: 36, min: 1, max: 120, unit: 'months',
      description: 'Months since a Good or Outstanding inspection after which the next inspection is imminent (more than this).',
      citation: cite(HIGH_ALL, 'Imminence of Ofsted inspection (relative to last inspection date): Over three years for Good / Outstanding schools'),
    },
    imminenceSatisfactoryMonths: {
      default: 12, min: 1, max: 60, unit: 'months',
      description: 'Months since a Satisfactory (now Requires improvement) inspection after which the next inspection is imminent (more than this).',
      standIn: 'Requires improvement, which replaced Satisfactory in September 2012 (Ofsted band requires-improvement, which also holds pre-2012 Satisfactory)',
      citation: cite(HIGH_ALL, 'Over twelve months for Satisfactory'),
    },
    severalFactors: {
      default: 3, min: 2, max: 6, unit: 'factors',
      description: 'Organisational / Ofsted factors that make a school high risk (our reading of "several": more than the "one or two" of medium).',
      citation: cite(HEADLINE, 'High ... Several organisational / Ofsted factors'),
    },
    // --- Medium risk ---
    mediumQuartileMeasures: {
      default: 4, min: 1, max: 8, unit: 'measures',
      description: 'Measures in the lowest quartile that make a school enhanced priority.',
      citation: cite(ENHANCED, 'Four of the eight measures in fourth quartile (primary)'),
    },
    anniversaryGoodMonths: {
      default: 24, min: 0, max: 120, unit: 'months',
      description: 'Ofsted anniversary for a Good or Outstanding school: more than this many months since the inspection (our reading: past the two years that count as "recent" for low risk, approaching the three-year imminence).',
    },
    anniversaryDueMonths: {
      default: 12, min: 0, max: 60, unit: 'months',
      description: 'Ofsted anniversary under today\'s inspection intervals: the next inspection is due by within this many months (our reading; covers schools not yet inspected).',
    },
    significantGapPoints: {
      default: 20, min: 0, max: 100, unit: 'percentage points',
      description: 'A disadvantaged gap at least this wide is "significant" (our reading: about the national gap).',
      citation: cite(ENHANCED, 'Significant gaps in attainment and progress for vulnerable pupils'),
    },
    newHeadMonths: {
      default: 12, min: 1, max: 60, unit: 'months',
      description: 'A headteacher in post fewer months than this is new (our reading: the first school year).',
    },
    lowAttendancePrimaryPct: {
      default: 94, min: 50, max: 100, unit: '%',
      description: 'Low attendance, primary and middle schools: below this (our reading: just under the national primary figure, 94.5% in 2023-24).',
    },
    lowAttendanceSecondaryPct: {
      default: 91, min: 50, max: 100, unit: '%',
      description: 'Low attendance, secondary and all-through schools: below this (our reading: just under the national secondary figure, 91.1% in 2023-24).',
    },
    // --- Low risk ---
    lowIndicatorsNeeded: {
      default: 3, min: 1, max: 5, unit: 'indicators',
      description: 'Low-risk indicators (of the five listed) a school needs to be low risk.',
      citation: cite(LOW, 'Low risk (at least three indicators)'),
    },
    experiencedMonths: {
      default: 24, min: 1, max: 120, unit: 'months',
      description: 'Months in post that make the headteacher "experienced" (our reading: two full years).',
    },
    recentInspectionMonths: {
      default: 24, min: 1, max: 60, unit: 'months',
      description: 'A "recent" inspection: within this many months.',
      citation: cite(LOW, 'Good or Outstanding grading in a recent inspection last two years'),
    },
    nationalRwmPct: {
      default: 61, min: 0, max: 100, unit: '%',
      description: 'National KS2 % meeting the expected standard in RWM (2024: 61%), for "in line with national averages".',
      standIn: 'KS2 RWM expected standard (ks2RwmExpectedPct)',
    },
    nationalEnglishMathsPct: {
      default: 65, min: 0, max: 100, unit: '%',
      description: 'National % with grade 4+ in English and maths (2024: about 65%), for "in line with national averages".',
      standIn: 'KS4 English and maths grade 4+ (ks4EnglishMathsGrade4Pct)',
    },
  },
  criteria: [
    // ---------------------------------------------------------------- High risk: primary schools
    {
      id: 'primary-floor', label: 'Below the primary floor: RWM and progress in English and maths (cohort of 11 or more)',
      when: {
        all: [
          { fact: 'phase', op: 'in', value: PRIMARY_PHASES },
          { fact: 'ks2Cohort', op: 'gte', value: { param: 'minCohort' } },
          { fact: 'ks2RwmExpectedPct', op: 'lt', value: { param: 'primaryFloorPct' } },
          { any: [{ fact: 'ks2ReadingProgress', op: 'lt', value: { param: 'englishProgressFloor' } }, { fact: 'ks2WritingProgress', op: 'lt', value: { param: 'englishProgressFloor' } }] },
          { fact: 'ks2MathsProgress', op: 'lt', value: { param: 'mathsProgressFloor' } },
        ],
      },
      citation: cite(HIGH_PRIMARY, 'Below Floor targets (with 11 or more children in cohort) for progress measures: Below 60% with combined scores for Reading, writing, maths; Less than 92% median percentage in English; and Less than 90% median percentage in Maths'),
    },
    {
      id: 'quartiles-high', label: 'Five or more of the eight county measures in the lowest quartile',
      when: { fact: 'bottomQuartileMeasures', op: 'gte', value: { param: 'highQuartileMeasures' } },
      citation: cite(HIGH_PRIMARY, 'Five or more of the eight measures in fourth quartile (lowest) within county'),
    },
    // ---------------------------------------------------------------- High risk: secondary schools
    {
      id: 'secondary-floor', label: 'Below the secondary floor (grade 4+ in English and maths)',
      when: { all: [{ fact: 'phase', op: 'in', value: SECONDARY_PHASES }, { fact: 'ks4EnglishMathsGrade4Pct', op: 'lt', value: { param: 'secondaryFloorPct' } }] },
      citation: cite(HIGH_SECONDARY, 'Below floor standard (40%) for 5+ GCSE A* - C incl E & M'),
    },
    {
      id: 'secondary-progress', label: 'Poor progress (Progress 8)',
      when: { all: [{ fact: 'phase', op: 'in', value: SECONDARY_PHASES }, { fact: 'ks4Progress8', op: 'lt', value: { param: 'secondaryProgressFloor' } }] },
      citation: cite(HIGH_SECONDARY, 'Poor level of progress in English and mathematics'),
    },
    // ---------------------------------------------------------------- High risk: all schools
    {
      id: 'ofsted-category-or-ri', label: 'Ofsted category of concern or requires improvement',
      when: { any: [{ fact: 'ofstedBand', op: 'in', value: ['requires-improvement', 'inadequate'] }, { fact: 'inCategoryOfConcern', op: 'isTrue' }] },
      citation: cite(HIGH_ALL, 'Ofsted category or Requiring Improvement'),
    },
    {
      id: 'gaps-high', label: 'Gaps for vulnerable pupils high and not reducing',
      when: { all: [{ fact: 'disadvantagedGap', op: 'gte', value: { param: 'highGapPoints' } }, { fact: 'disadvantagedGapTrend', op: 'in', value: ['stable', 'widening'] }] },
      citation: cite(HIGH_ALL, 'Inequalities gaps in attainment and progress for vulnerable pupils are high, not reducing'),
    },
    {
      id: 'low-attainment-trend', label: 'A trend of low attainment over at least three years',
      when: { fact: 'yearsLowAttainment', op: 'gte', value: { param: 'lowAttainmentYears' } },
      citation: cite(HIGH_ALL, 'and /or a trend of low attainment over at least three years'),
    },
    {
      id: 'imminence', label: 'Ofsted inspection imminent (over three years since Good / Outstanding, over twelve months since Satisfactory / RI)',
      when: {
        any: [
          { all: [{ fact: 'ofstedBand', op: 'eq', value: 'good-or-better' }, { fact: 'monthsSinceInspection', op: 'gt', value: { param: 'imminenceGoodMonths' } }] },
          { all: [{ fact: 'ofstedBand', op: 'eq', value: 'requires-improvement' }, { fact: 'monthsSinceInspection', op: 'gt', value: { param: 'imminenceSatisfactoryMonths' } }] },
        ],
      },
      citation: cite(HIGH_ALL, 'Imminence of Ofsted inspection (relative to last inspection date): Over three years for Good / Outstanding schools; Over twelve months for Satisfactory'),
    },
    {
      id: 'several-factors', label: 'Several organisational / Ofsted factors',
      when: { atLeast: { param: 'severalFactors' }, of: FACTORS },
      citation: cite(HEADLINE, 'High ... Several organisational / Ofsted factors'),
    },
    // ---------------------------------------------------------------- Medium risk: enhanced priority
    {
      id: 'anniversary', label: 'Ofsted anniversary: inspection approaching, by date and grading',
      when: {
        any: [
          { all: [{ fact: 'ofstedBand', op: 'eq', value: 'good-or-better' }, { fact: 'monthsSinceInspection', op: 'gt', value: { param: 'anniversaryGoodMonths' } }] },
          { fact: 'monthsUntilInspectionDue', op: 'lte', value: { param: 'anniversaryDueMonths' } },
        ],
      },
      citation: cite(ENHANCED, 'Ofsted Anniversary dependent on date and grading'),
    },
    {
      id: 'quartiles-medium', label: 'Four of the eight county measures in the lowest quartile',
      when: { fact: 'bottomQuartileMeasures', op: 'gte', value: { param: 'mediumQuartileMeasures' } },
      citation: cite(ENHANCED, 'Four of the eight measures in fourth quartile (primary)'),
    },
    {
      id: 'performance-variation', label: 'Significant variation in performance (English / maths, year on year, boys / girls)',
      when: { fact: 'performanceVariation', op: 'isTrue' },
      citation: cite(ENHANCED, 'Significant variation in performance between English / mathematics and/or year-on-year and/or boys / girls (secondary)'),
    },
    {
      id: 'declining', label: 'A declining trend in attainment / progress',
      when: { fact: 'attainmentTrend', op: 'eq', value: 'declining' },
      citation: cite(ENHANCED, 'A declining trend in attainment/progress over 2 and/or 3 year'),
    },
    {
      id: 'gaps-little-improvement', label: 'Significant gaps for vulnerable pupils with little improvement',
      when: { all: [{ fact: 'disadvantagedGap', op: 'gte', value: { param: 'significantGapPoints' } }, { fact: 'disadvantagedGapTrend', op: 'in', value: ['stable', 'widening'] }] },
      citation: cite(ENHANCED, 'Significant gaps in attainment and progress for vulnerable pupils with little improvement. year-on-year'),
    },
    {
      id: 'enhanced-priority', label: 'An enhanced-priority factor',
      when: { any: [{ criterion: 'anniversary' }, { criterion: 'quartiles-medium' }, { criterion: 'performance-variation' }, { criterion: 'declining' }, { criterion: 'gaps-little-improvement' }] },
      citation: cite(ENHANCED, 'Medium risk: Enhanced priority. Schools with'),
    },
    // ---------------------------------------------------------------- Medium risk: timetabled support
    {
      id: 'gaps-improving', label: 'Significant gaps for vulnerable pupils, with a trend of improvement',
      when: { all: [{ fact: 'disadvantagedGap', op: 'gte', value: { param: 'significantGapPoints' } }, { fact: 'disadvantagedGapTrend', op: 'eq', value: 'narrowing' }] },
      citation: cite(TIMETABLED, 'Significant gaps in attainment and progress for vulnerable pupils but with trend of improvement'),
    },
    {
      id: 'new-head', label: 'New headteacher (or interim head)',
      when: { any: [{ fact: 'monthsInPost', op: 'lt', value: { param: 'newHeadMonths' } }, { fact: 'headteacherInterim', op: 'isTrue' }] },
      citation: cite(TIMETABLED, 'New heads/federation/amalgamation/governor support necessary'),
    },
    {
      id: 'federation-amalgamation', label: 'Federation or amalgamation',
      when: { fact: 'organisationalChange', op: 'isTrue' },
      citation: cite(TIMETABLED, 'New heads/federation/amalgamation/governor support necessary'),
    },
    {
      id: 'governor-support', label: 'Governor support necessary',
      when: { fact: 'governanceConcern', op: 'isTrue' },
      citation: cite(TIMETABLED, 'New heads/federation/amalgamation/governor support necessary'),
    },
    {
      id: 'leadership-issues', label: 'Leadership issues (e.g. recruitment of senior leaders)',
      when: { any: [{ fact: 'leadershipConcern', op: 'isTrue' }, { fact: 'hrConcern', op: 'isTrue' }] },
      citation: cite(TIMETABLED, 'Leadership issues (e.g. recruitment of senior leaders)'),
    },
    {
      id: 'low-attendance', label: 'Low attendance',
      when: {
        any: [
          { fact: 'attendanceConcern', op: 'isTrue' },
          { all: [{ fact: 'phase', op: 'in', value: ['primary', 'middle'] }, { fact: 'attendancePct', op: 'lt', value: { param: 'lowAttendancePrimaryPct' } }] },
          { all: [{ fact: 'phase', op: 'in', value: SECONDARY_PHASES }, { fact: 'attendancePct', op: 'lt', value: { param: 'lowAttendanceSecondaryPct' } }] },
        ],
      },
      citation: cite(TIMETABLED, 'Low attendance'),
    },
    {
      id: 'falling-roll', label: 'Falling roll',
      when: { fact: 'fallingRoll', op: 'isTrue' },
      citation: cite(TIMETABLED, 'Falling roles'),
    },
    {
      id: 'too-few-low-indicators', label: 'Fewer than three low-risk indicators can hold',
      when: { not: { atLeast: { param: 'lowIndicatorsNeeded' }, of: LOW_INDICATORS } },
      citation: cite(LOW, 'Low risk (at least three indicators)'),
    },
    {
      id: 'timetabled-support', label: 'A timetabled-support factor',
      when: { any: [{ criterion: 'gaps-improving' }, { criterion: 'new-head' }, { criterion: 'federation-amalgamation' }, { criterion: 'governor-support' }, { criterion: 'leadership-issues' }, { criterion: 'low-attendance' }, { criterion: 'falling-roll' }, { criterion: 'too-few-low-indicators' }] },
      citation: cite(TIMETABLED, 'Timetabled support. Schools with'),
    },
    // ---------------------------------------------------------------- Low-risk indicators
    {
      id: 'experienced-leadership', label: 'Experienced leadership and governance',
      when: { all: [{ fact: 'monthsInPost', op: 'gte', value: { param: 'experiencedMonths' } }, notFlagged('headteacherInterim'), notFlagged('leadershipConcern'), notFlagged('governanceConcern')] },
      citation: cite(LOW, 'Experienced leadership and governance'), indicates: 'low',
    },
    {
      id: 'recent-good', label: 'Good or Outstanding at an inspection in the last two years',
      when: { all: [{ fact: 'ofstedBand', op: 'eq', value: 'good-or-better' }, { fact: 'monthsSinceInspection', op: 'lte', value: { param: 'recentInspectionMonths' } }] },
      citation: cite(LOW, 'Good or Outstanding grading in a recent inspection last two years'), indicates: 'low',
    },
    {
      id: 'consistent-trend', label: 'Consistent trend of achievement and attainment',
      when: { fact: 'attainmentTrend', op: 'in', value: ['improving', 'stable'] },
      citation: cite(LOW, 'Consistent trend of achievement and attainment: actual and progress measures'), indicates: 'low',
    },
    {
      id: 'pupil-premium-matches', label: 'Disadvantaged pupils at least match other pupils, or are catching up',
      when: { any: [{ fact: 'disadvantagedGap', op: 'lte', value: 0 }, { fact: 'disadvantagedGapTrend', op: 'eq', value: 'narrowing' }] },
      citation: cite(LOW, 'The achievement of pupils for whom the pupil premium provides support at least matches that of other pupils in the school or has risen rapidly'), indicates: 'low',
    },
    {
      id: 'standards-national', label: 'Standards at least in line with national averages, or a trend in that direction',
      when: {
        any: [
          { all: [{ fact: 'phase', op: 'in', value: PRIMARY_PHASES }, { fact: 'ks2RwmExpectedPct', op: 'gte', value: { param: 'nationalRwmPct' } }] },
          { all: [{ fact: 'phase', op: 'in', value: SECONDARY_PHASES }, { fact: 'ks4EnglishMathsGrade4Pct', op: 'gte', value: { param: 'nationalEnglishMathsPct' } }] },
          { fact: 'attainmentTrend', op: 'eq', value: 'improving' },
        ],
      },
      citation: cite(LOW, 'The standards of attainment of all groups of pupils are likely to be at least in line with national averages or a trend in that direction over 2 \u2013 3 years'), indicates: 'low',
    },
  ],
  categories: [
    {
      id: 'low', label: 'Low', colour: '#C6EFCE', textColour: '#006100',
      description: 'At least three low-risk indicators; performance data good or improving, no significant organisational or Ofsted factors.',
      support: {
        maintained: {
          amount: null, noneReason: 'at low risk it is for the school to decide whether it wishes further clarification or support',
          actions: ['The local authority (and the Diocesan Board where relevant) notifies the school of the risk assessment', 'It is for the school to decide if it wishes further clarification or support'],
          cadence: 'risk assessment agreed in the autumn term and reviewed each term', informed: INFORMED,
          citation: cite(ACTIONS, 'Where it is low risk, it will be for the school to decide if it wishes further clarification or support.'),
        },
      },
    },
    {
      id: 'medium', label: 'Medium', colour: '#FFEB9C', textColour: '#9C5700',
      description: 'One or two organisational / Ofsted factors, variation or a downward trend, gaps not closing, or fewer than three low-risk indicators.',
      when: { any: [{ criterion: 'enhanced-priority' }, { criterion: 'timetabled-support' }] },
      variants: [
        { id: 'enhanced-priority', label: 'Enhanced priority', when: { criterion: 'enhanced-priority' }, citation: cite(ENHANCED, 'Enhanced priority') },
        { id: 'timetabled-support', label: 'Timetabled support', when: { criterion: 'timetabled-support' }, citation: cite(TIMETABLED, 'Timetabled support') },
      ],
      support: {
        maintained: {
          amount: null, noneReason: 'the policy sets a meeting with the headteacher, not a number of days',
          actions: ['The local authority will arrange a meeting with the head teacher by a School Improvement Adviser or NLE to discuss whether there are risks and the potential impact on outcomes'],
          cadence: 'one meeting on notification; risk assessment reviewed each term', informed: INFORMED,
          citation: cite(ACTIONS, 'Where the risk assessment is medium for maintained schools the local authority will arrange a meeting with the head teacher by a School Improvement Adviser or NLE'),
        },
        academy: {
          amount: null, noneReason: 'the academy commissions its own conversation or external challenge',
          actions: ['An academy will be able to commission a similar conversation or use the assessment to inform its own arrangement for external challenge'],
          cadence: 'as the academy decides; risk assessment reviewed each term', informed: ['Headteacher', 'Governing body / academy trust', 'School Improvement Group'],
          citation: cite(ACTIONS, 'An academy will be able to commission a similar conversation or use the assessment to inform its own arrangement for external challenge.'),
        },
      },
    },
    {
      id: 'high', label: 'High', colour: '#FFC7CE', textColour: '#9C0006',
      description: 'Below floor, Ofsted category or RI, high gaps not reducing or three years of low attainment, inspection imminent, or several organisational / Ofsted factors.',
      when: { any: [{ criterion: 'primary-floor' }, { criterion: 'quartiles-high' }, { criterion: 'secondary-floor' }, { criterion: 'secondary-progress' }, { criterion: 'ofsted-category-or-ri' }, { criterion: 'gaps-high' }, { criterion: 'low-attainment-trend' }, { criterion: 'imminence' }, { criterion: 'several-factors' }] },
      support: {
        maintained: {
          amount: null, noneReason: 'the policy sets a detailed risk assessment, additional monitoring visits and possibly a support plan, not a number of days',
          actions: [
            'The local authority will draw up a more detailed risk assessment (Appendix 6)',
            'A conversation by an SIA / NLE with the head teacher and chair of the governing body against the school\'s own self-evaluation',
            'A second level risk assessment based around the Ofsted framework for schools, which may lead to a support plan or intervention',
            'Additional monitoring visits',
            'Where the detailed assessment confirms high risk (or the school is in an Ofsted category): a Project Group monitoring a Rapid Recovery Plan (Appendix 6f)',
          ],
          cadence: 'additional monitoring visits; a Project Group meets at regular intervals of no more than one month (Appendix 6f)',
          informed: ['Headteacher', 'Chair of governors', 'School Improvement Group', 'Diocesan Board of Education (church schools)', 'Assistant Director (Commissioning) and Director (Rapid Recovery Plan)'],
          citation: cite(ACTIONS, 'Where the risk assessment is high for a maintained school the local authority will draw up a more detailed risk assessment (Appendix 6) ... There will be additional monitoring visits in this case.'),
        },
        academy: {
          amount: null, noneReason: 'the local authority has no power with regards to academies; the academy says what it will do',
          actions: [
            'The Director and/or Director of the Diocesan Board of Education will invite the chair of governors and head teacher to comment on the assessment and advise her/him of any actions the school intends to take to mitigate the risk',
            'The local authority will inform the school and if appropriate the sponsor of any concerns, and thereafter the DfE (\u00a72.4.4, \u00a73.3)',
          ],
          cadence: 'on notification of the assessment; termly review',
          informed: ['Chair of governors', 'Headteacher', 'Sponsor (if appropriate)', 'DfE Academies and Performance Division (where concerns are not addressed)'],
          citation: cite(ACTIONS, 'For an academy the Director and/or Director of the Diocesan Board of Education will invite the chair of governors and head teacher to comment on the assessment'),
        },
      },
    },
  ],
  selection: { kind: 'firstMatch', default: 'low' },
  columns: {
    oneOf: [
      { fields: ['ks2ReadingProgress', 'ks2WritingProgress', 'ks2MathsProgress'], as: 'KS2 progress (reading, writing or maths)' },
      { fields: ['attendanceConcern', 'attendancePct'], as: 'Attendance (the LA\'s concern or the rate)' },
    ],
    optional: [
      { fields: ['performanceVariation'], why: 'the LA\'s own reading of its data (Appendix 5), which a register may not keep as a column' },
      { fields: ['organisationalChange'], why: 'a federation or amalgamation is rare, and a register may record it elsewhere' },
    ],
  },
};

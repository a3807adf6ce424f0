/**
 * Southwark Council, universal provision for school improvement: Table One (categories A-D, "a best fit
 * model"), Table two (pathways for maintained schools and academies, "up to 3 dedicated contact points a
 * year"), Appendix 1 (the indicators of each area at each category, with "critical criteria, e.g.
 * safeguarding, leadership, governance, quality of education") and Appendix Two (the pathways' actions).
 * Readings where the policy is silent or vague: docs/frameworks/southwark.md.
 *
 * How the best fit is built, so that it stays monotone under the engine's median (engine.ts `bestFit`):
 * - Thirteen evidence slots, each casting at most one vote: the twelve Appendix 1 areas (the analyst's
 *   A-D judgement; a blank area casts none) and one "Table One" slot read from Ofsted and the register's
 *   other indicators, which always casts exactly one vote (A, B, C or D).
 * - Within a slot the criteria are mutually exclusive, so making an indicator worse only ever moves that
 *   slot's vote towards concern; it never adds a vote of middling concern, which could pull a median
 *   down. The specific Table One reasons (new HT, at risk of RI...) are criteria without a vote of
 *   their own: they appear as notes, and the slot criterion that votes refers to them.
 * - Critical (a floor): leadership, governance and quality of education (the curriculum area) at B, C
 *   or D; safeguarding at D ("Safeguarding is ineffective": at A-C Appendix 1 says it is effective);
 *   Ofsted inadequate or a category (D), Ofsted requires improvement (C), and Table One's reasons for
 *   additional support and monitoring (B).
 */
import type { AreaGrade, FieldKey } from '../fields';
import type { FactKey } from '../facts';
import type { Citation, Condition, Criterion, FactCondition, FrameworkDefinition, SupportOffer } from '../framework';

const cite = (section: string, quote: string): Citation => ({ section, quote });

const TABLE_ONE = '\u00a75 Table One';
const TABLE_TWO = '\u00a77 Table two';
const ACADEMIES = '\u00a77.1 Primary and Secondary academies';
const APPENDIX_ONE = 'Appendix 1 School Improvement Support Indicators';
const APPENDIX_TWO = 'Appendix Two: School Improvement Pathways';

/** Table One's definition of each category (repeated as the headings of Appendix 1). */
const TABLE_ONE_WORDS: Record<AreaGrade, string> = {
  A: 'Overall effectiveness is at least good and there are no current significant concerns.',
  B: 'Additional support and monitoring required such as for new HTs, at risk of RI, improving from RI, preparation for OFSTED',
  C: 'The school was or is likely to be judged as requiring improvement by OFSTED.',
  D: 'Schools judged by Ofsted to be inadequate, at risk of being in a category.',
};
/** Appendix 1's D heading, cited where an area has no D descriptor of its own. */
const D_HEADING = 'Inadequate OFSTED inspection or at risk of being in a category';
const CRITICAL_NOTE = 'there are some critical criteria, e.g. safeguarding, leadership, governance, quality of education that will influence the final judgement';
const DCP_B = 'Support and Monitoring Pathway This will involve up to 3 dedicated contact points';
const DCP_CD = 'including up to 3 dedicated contact points a year to formally review a schools\u2019 progress';

type AreaSlot = {
  readonly field: FieldKey;
  /** Criterion id prefix: `leadership-D`. */
  readonly id: string;
  readonly name: string;
  /** Lowest grade at which the area is a critical criterion (a floor); null where it never is. */
  readonly criticalFrom: AreaGrade | null;
  /** Appendix 1's words for the area at each grade; null where Appendix 1 has none (its heading is cited). */
  readonly words: Record<AreaGrade, string | null>;
};

/** The twelve areas of Appendix 1, in its order. */
const AREAS: readonly AreaSlot[] = [
  {
    field: 'areaLeadership', id: 'leadership', name: 'Leadership', criticalFrom: 'B',
    words: {
      A: 'Leadership capacity is systematically developed at all levels in order to drive continuous improvement',
      B: 'A school that identifies barriers, self-evaluates, plans strategically and takes action to improve with external support',
      C: 'The leadership team structure and roles are not yet developed cohesively in order to identify, evaluate, plan strategically and tackle weaknesses effectively',
      D: 'Senior leadership is ineffective.',
    },
  },
  {
    field: 'areaGovernance', id: 'governance', name: 'Governance', criticalFrom: 'B',
    words: {
      A: 'Governance is effective/robust and ensures high ambitions for all.',
      B: 'There may be weaknesses in governance which are beginning to be addressed',
      C: 'Governance is not consistently effective in holding leaders to account',
      D: 'Governance is ineffective and fails to deliver its core functions',
    },
  },
  {
    field: 'areaCurriculum', id: 'curriculum', name: 'Curriculum and teaching (quality of education)', criticalFrom: 'B',
    words: {
      A: 'Teaching is delivering a broad and balanced curriculum that is well planned, sequenced and consistently implemented',
      B: 'Teaching is delivering a planned and appropriately sequenced curriculum',
      C: 'The curriculum* is not yet effectively planned, sequenced and implemented across the school in many subjects.',
      D: null,
    },
  },
  {
    field: 'areaOutcomes', id: 'outcomes', name: 'Outcomes', criticalFrom: null,
    words: {
      A: 'Provision for pupils results in outcomes that are typically above national and in line with London',
      B: 'Provision for all pupils results in outcomes that are declining or are not yet/at risk of not being in line with national standards',
      C: 'Provision for pupils results in outcomes that are significantly below national standards',
      D: null,
    },
  },
  {
    field: 'areaEarlyYears', id: 'early-years', name: 'EYFS', criticalFrom: null,
    words: { A: 'EYFS is at least good.', B: 'EYFS requires improvement in some areas.', C: 'EYFS or sixth form requires improvement.', D: null },
  },
  {
    field: 'areaStaffing', id: 'staffing', name: 'Staffing', criticalFrom: null,
    words: {
      A: 'Staffing is stable and succession is planned for.',
      B: 'staffing may not be stable and staff morale is variable.',
      C: 'Staffing is not effectively managed and may not be stable.',
      D: null,
    },
  },
  {
    field: 'areaPersonalDevelopment', id: 'personal-development', name: 'SMSC, inclusion and pupil wellbeing', criticalFrom: null,
    words: {
      A: 'SMSC (including British Values) inclusion and pupil wellbeing are thoughtfully planned',
      B: 'SMSC, inclusion and pupil wellbeing are promoted throughout the school although the positive impact on pupils is not yet consistent.',
      C: null,
      D: null,
    },
  },
  {
    field: 'areaBehaviour', id: 'behaviour', name: 'Behaviour', criticalFrom: null,
    words: {
      A: 'Expectations of behaviour are high and behaviour is consistently good.',
      B: 'Behaviour around the school is generally good.',
      C: 'Expectations of behaviour are not consistently high enough',
      D: null,
    },
  },
  {
    field: 'areaSend', id: 'send', name: 'SEND', criticalFrom: null,
    words: {
      A: 'Leaders are ambitious for all pupils with SEND',
      B: 'Most pupils with SEND make progress through an adapted, sequenced curriculum',
      C: 'The curriculum for pupils with SEND is narrowed.',
      D: null,
    },
  },
  {
    field: 'areaSafeguarding', id: 'safeguarding', name: 'Safeguarding', criticalFrom: 'D',
    words: {
      A: 'Safeguarding is effective; the culture of safeguarding is focused on prevention',
      B: 'Safeguarding is effective and the school has processes to take appropriate action to protect pupils from harm',
      C: 'Safeguarding is effective.',
      D: 'Safeguarding is ineffective',
    },
  },
  {
    field: 'areaAttendance', id: 'attendance', name: 'Attendance', criticalFrom: null,
    words: {
      A: 'Attendance is typically above national. Persistent absence is below national or improving and exclusions are very rare over time.',
      B: 'Attendance may be below national, persistent absence and exclusions may be above national',
      C: 'Attendance is below national, persistent absence is above national and exclusions are above national.',
      D: null,
    },
  },
  {
    field: 'areaCapacity', id: 'capacity', name: 'Complaints, admissions, finance and HR', criticalFrom: null,
    words: {
      A: 'Issues with parental complaints, admissions, finance or HR have a time limited impact on leadership capacity.',
      B: 'Issues with parental complaints, support for NQTs, website compliance, admissions, finance or HR have an impact on leadership capacity over time',
      C: 'Issues with parental complaints, support for ECTs, website compliance, admissions, finance or HR have a significant impact on leadership capacity over time.',
      D: null,
    },
  },
];

const GRADES: readonly AreaGrade[] = ['A', 'B', 'C', 'D'];

/** One criterion per area and grade: the area's judgement is one vote for that category. */
const areaCriteria: Criterion[] = AREAS.flatMap((area) =>
  GRADES.map((grade): Criterion => {
    const own = area.words[grade];
    const critical = area.criticalFrom !== null && GRADES.indexOf(grade) >= GRADES.indexOf(area.criticalFrom);
    return {
      id: `${area.id}-${grade}`,
      label: `${area.name} judged ${grade}${critical ? ' (critical criterion)' : ''}`,
      when: { fact: area.field, op: 'eq', value: grade },
      citation: own !== null
        ? cite(`${APPENDIX_ONE}, ${grade}`, own)
        : cite(`${APPENDIX_ONE}, ${grade} (heading; no ${area.name} descriptor at ${grade})`, grade === 'D' ? D_HEADING : TABLE_ONE_WORDS[grade]),
      indicates: grade,
      critical,
    };
  }),
);

/** A comparison that is false, not unknown, on a blank fact: the Table One slot must always cast its vote. */
const known = (cond: FactCondition): Condition => ({ all: [{ fact: cond.fact, op: 'present' }, cond] });
const flag = (fact: FactKey): Condition => known({ fact, op: 'isTrue' });
const ref = (id: string): Condition => ({ criterion: id });
const none = (...ids: string[]): Condition[] => ids.map((id) => ({ not: ref(id) }));

/**
 * Table One's indicators, without a vote of their own (they show as notes): the slot criteria below
 * refer to them. Each is false, never unknown, on blank data.
 */
const tableOneIndicators: Criterion[] = [
  {
    id: 'new-head', label: 'New headteacher (in post under the set months, or interim)',
    when: { any: [known({ fact: 'monthsInPost', op: 'lt', value: { param: 'newHeadMonths' } }), flag('headteacherInterim')] },
    citation: cite(TABLE_ONE, 'such as for new HTs'),
  },
  {
    id: 'at-risk-of-ri', label: 'At risk of requires improvement (next-inspection risk, or an ungraded inspection that raised concerns)',
    when: { any: [known({ fact: 'inspectionRiskScore', op: 'gte', value: { param: 'atRiskScore' } }), flag('ungradedConcerns')] },
    citation: cite(TABLE_ONE, 'at risk of RI'),
  },
  {
    id: 'improving-from-ri', label: 'Improving from requires improvement (judged good after a below-good inspection)',
    when: { all: [{ fact: 'ofstedBand', op: 'eq', value: 'good-or-better' }, { fact: 'previousOfstedBand', op: 'in', value: ['requires-improvement', 'inadequate'] }] },
    citation: cite(TABLE_ONE, 'improving from RI'),
  },
  {
    id: 'critical-area-concern', label: 'A current concern in a critical area (leadership, governance, quality of education or safeguarding)',
    when: { any: [flag('leadershipConcern'), flag('governanceConcern'), flag('qualityOfEducationConcern'), flag('safeguardingConcern')] },
    citation: cite(`${APPENDIX_ONE}, note`, CRITICAL_NOTE),
  },
  {
    id: 'preparation-for-ofsted', label: 'Preparation for Ofsted: the next inspection falls due within the set months, or is overdue',
    when: { any: [known({ fact: 'monthsUntilInspectionDue', op: 'lte', value: { param: 'preparationMonths' } }), known({ fact: 'inspectionOverdue', op: 'isTrue' })] },
    citation: cite(TABLE_ONE, 'preparation for OFSTED'),
  },
  {
    id: 'other-concern', label: 'A current concern in another area (outcomes, attendance, exclusions, EYFS, behaviour, SEND, finance, HR, roll)',
    when: {
      any: (['attainmentConcern', 'progressConcern', 'attendanceConcern', 'exclusionsConcern', 'earlyYearsConcern', 'behaviourConcern', 'sendConcern', 'financeConcern', 'hrConcern', 'fallingRoll'] as const).map(flag),
    },
    citation: cite(TABLE_ONE, 'there are no current significant concerns'),
  },
  {
    id: 'not-yet-inspected', label: 'Not yet inspected: no overall effectiveness judgement, first inspection to prepare for',
    when: { fact: 'ofstedBand', op: 'eq', value: 'not-inspected' },
    citation: cite(TABLE_ONE, 'preparation for OFSTED'),
  },
];

/**
 * The Table One slot: exactly one of these fires, the most concerning that applies, so its one vote only
 * moves towards concern as an indicator gets worse.
 */
const tableOneSlot: Criterion[] = [
  {
    id: 'ofsted-inadequate', label: 'Judged inadequate by Ofsted, in a category of concern, or safeguarding not effective',
    when: { any: [{ fact: 'ofstedBand', op: 'eq', value: 'inadequate' }, { fact: 'inCategoryOfConcern', op: 'isTrue' }, known({ fact: 'safeguardingEffective', op: 'isFalse' })] },
    citation: cite(TABLE_ONE, TABLE_ONE_WORDS.D), indicates: 'D', critical: true,
  },
  {
    id: 'ofsted-ri', label: 'Judged requires improvement by Ofsted',
    when: { all: [{ fact: 'ofstedBand', op: 'eq', value: 'requires-improvement' }, ...none('ofsted-inadequate')] },
    citation: cite(TABLE_ONE, TABLE_ONE_WORDS.C), indicates: 'C', critical: true,
  },
  {
    id: 'additional-support', label: 'Additional support and monitoring required (new HT, at risk of RI, improving from RI, or a concern in a critical area)',
    when: { all: [{ any: [ref('new-head'), ref('at-risk-of-ri'), ref('improving-from-ri'), ref('critical-area-concern')] }, ...none('ofsted-inadequate', 'ofsted-ri')] },
    citation: cite(TABLE_ONE, TABLE_ONE_WORDS.B), indicates: 'B', critical: true,
  },
  {
    id: 'monitoring-evidence', label: 'Evidence for support and monitoring (preparation for Ofsted, a concern in another area, or not yet inspected)',
    when: { all: [{ any: [ref('preparation-for-ofsted'), ref('other-concern'), ref('not-yet-inspected')] }, ...none('ofsted-inadequate', 'ofsted-ri', 'additional-support')] },
    citation: cite(TABLE_ONE, TABLE_ONE_WORDS.B), indicates: 'B',
  },
  {
    id: 'ofsted-good', label: 'Overall effectiveness at least good, with no current concern',
    when: { all: [{ fact: 'ofstedBand', op: 'eq', value: 'good-or-better' }, ...none('ofsted-inadequate', 'ofsted-ri', 'additional-support', 'monitoring-evidence')] },
    citation: cite(TABLE_ONE, TABLE_ONE_WORDS.A), indicates: 'A',
  },
];

const HEAD_AND_CHAIR = ['Head Teacher', 'Chair of Governors'];
const HEAD_CHAIR_TRUST = [...HEAD_AND_CHAIR, 'Chair of the board of the academy trust (where appropriate)'];
const RISK_ASSESSMENT = 'formal desktop risk assessment at the beginning of each academic year, reviewed on a regular basis';

/** Academies in B, C and D: the LA raises its concerns with the Regional Director (Table two, \u00a77.1). */
const academyConcerns = (category: 'B' | 'C' | 'D'): SupportOffer => ({
  amount: null,
  noneReason: 'academies are accountable to the Secretary of State: the LA has no pathway for them and raises its concerns with the Regional Director',
  actions: [
    category === 'B' ? 'Concerns raised with the RD' : 'Concerns raised with RD',
    'In the event that the LA has any concerns about an academy\u2019s standards, leadership or governance, they are required to raise these directly with the relevant RD',
    ...(category === 'D' ? ['The RD has powers to intervene in academies, which includes issuing formal warning notices'] : []),
    'Academy schools are invited to go beyond the universal offer by investing in the School Improvement Offer from the Advisory Team',
  ],
  cadence: `when the concern is identified; ${RISK_ASSESSMENT}`,
  informed: [...HEAD_CHAIR_TRUST, 'DfE Regional Director (RD)'],
  citation: cite(category === 'B' ? TABLE_TWO : ACADEMIES, category === 'B' ? 'Concerns raised with the RD' : 'they are required to raise these directly with the relevant RD'),
});

/** The actions every pathway starts with (Appendix Two). */
const HT_ACTIONS = ['Headteacher appraisal if requested', 'HT recruitment support when needed'];

/** Southwark's framework as data. */
export const southwark: FrameworkDefinition = {
  id: 'southwark',
  name: 'Southwark universal provision',
  authority: 'Southwark Council',
  version: '2.0.0',
  summary: 'Best fit A-D over the twelve areas of Appendix 1 and the Ofsted standing; safeguarding, leadership, governance and quality of education are critical.',
  source: { title: 'Southwark universal provision for school improvement (Southwark Education, Learning and Achievement)', year: '2023', file: 'shared/policies/southwark-universal-provision.txt' },
  docs: 'docs/frameworks/southwark.md',
  parameters: {
    dcpSupportMonitoring: {
      default: 3, min: 0, max: 12, unit: 'contact points',
      description: 'Most dedicated contact points (DCPs: a meeting, review or visit) a year on the Support and Monitoring Pathway (B, maintained schools).',
      citation: cite(TABLE_TWO, DCP_B),
    },
    dcpTrip: {
      default: 3, min: 0, max: 12, unit: 'contact points',
      description: 'Most dedicated contact points a year on the Targeted Rapid Improvement Pathway (C, maintained schools).',
      citation: cite(TABLE_TWO, DCP_CD),
    },
    dcpIntervention: {
      default: 3, min: 0, max: 12, unit: 'contact points',
      description: 'Most dedicated contact points a year on the Intervention Pathway (D, maintained schools).',
      citation: cite(TABLE_TWO, DCP_CD),
    },
    newHeadMonths: {
      default: 12, min: 1, max: 36, unit: 'months',
      description: 'A headteacher in post fewer months than this is one of Table One\'s "new HTs" (our reading: the first year in post; the policy sets no length).',
    },
    atRiskScore: {
      default: 77, min: 0, max: 100, unit: 'score',
      description: 'Next-inspection risk score (0-100) from which a school is "at risk of RI" (our reading: the score at which the risk is High, a 20% chance that a graded inspection within 24 months finds the school below good; docs/ofsted.md).',
    },
    preparationMonths: {
      default: 12, min: 0, max: 36, unit: 'months',
      description: '"Preparation for OFSTED": the next inspection falls due (latest date) within this many months (our reading: the last year of the window). Evidence for B, not a floor.',
    },
  },
  criteria: [...areaCriteria, ...tableOneIndicators, ...tableOneSlot],
  categories: [
    {
      id: 'A', label: 'A: at least good, no significant concerns', colour: '#00B050', textColour: '#000000',
      description: 'Overall effectiveness is at least good and there are no current significant concerns: Partnership Pathway (maintained), partnership working (academies).',
      support: {
        maintained: {
          amount: null, noneReason: 'the Partnership Pathway sets no dedicated contact points: its activities are offered if requested or when needed',
          actions: [
            'Partnership Pathway', ...HT_ACTIONS, 'Preparation for OFSTED inspection activities if requested', 'Joint end of year evaluation and risk assessment if requested',
            'Joint-evaluation activities e.g. learning walks, subject deep dives',
            'Opportunities to share expertise and work with others, e.g. hosting a hub, a subject leader network, visits or a moderation cluster; becoming a champion or moderator; participating in peer Quality of Education reviews; providing targeted support for other schools; coaching or mentoring others; federation / partnership',
          ],
          cadence: `as requested; ${RISK_ASSESSMENT}`,
          informed: HEAD_AND_CHAIR,
          citation: cite(`${TABLE_TWO}; ${APPENDIX_TWO}, A`, 'Partnership Pathway'),
        },
        academy: {
          amount: null, noneReason: 'academies are accountable to the Secretary of State; the LA offers partnership working, and academies may invest in the School Improvement Offer',
          actions: [
            'Partnership working',
            'Partnership working: to create a culture of collective and civic responsibility, and to share intelligence and act on evidence for the good of all pupils',
            'Academy schools are invited to go beyond the universal offer by investing in the School Improvement Offer from the Advisory Team',
          ],
          cadence: `as agreed; ${RISK_ASSESSMENT}`,
          informed: HEAD_CHAIR_TRUST,
          citation: cite(`${TABLE_TWO}; \u00a78.1 Partnership working`, 'Partnership working'),
        },
      },
    },
    {
      id: 'B', label: 'B: additional support and monitoring', colour: '#FFFF00', textColour: '#000000',
      description: 'Additional support and monitoring required, such as for new HTs, at risk of RI, improving from RI, preparation for Ofsted: Support and Monitoring Pathway (maintained), concerns raised with the RD (academies).',
      support: {
        maintained: {
          amount: { param: 'dcpSupportMonitoring' }, unit: 'contact points', bound: 'up to',
          actions: [
            'Support and Monitoring Pathway: dedicated contact points to formally or informally support and review a schools\u2019 improvement', ...HT_ACTIONS,
            'Preparation for OFSTED inspection activities', 'Joint end of year evaluation and risk assessment', 'Regular joint-evaluation activities e.g. learning walks, subject deep dives',
            'Access to projects, CPD, LA funded consultant support', 'Termly progress meeting with advisor', 'Support for school improvement planning and evaluation',
            'School to school support', 'Coach and/or mentor', 'Quality of Education review if requested',
          ],
          cadence: `termly progress meeting with advisor, within the dedicated contact points a year; ${RISK_ASSESSMENT}`,
          informed: HEAD_AND_CHAIR,
          citation: cite(TABLE_TWO, DCP_B),
        },
        academy: academyConcerns('B'),
      },
    },
    {
      id: 'C', label: 'C: was or is likely to be RI', colour: '#FFC000', textColour: '#000000',
      description: 'The school was or is likely to be judged as requiring improvement by Ofsted: Targeted Rapid Improvement Pathway, TRIP (maintained), concerns raised with the RD (academies).',
      support: {
        maintained: {
          amount: { param: 'dcpTrip' }, unit: 'contact points', bound: 'up to',
          actions: [
            'A Targeted Rapid Improvement Pathway (TRIP): dedicated contact points to formally review a schools\u2019 progress', ...HT_ACTIONS,
            'Preparation for OFSTED inspection activities', 'Director of Education informed', 'Action plan for rapid improvement created',
            'Termly Progress Review Meetings with governors and Assistant Director', 'Team around the school meeting to plan a programme of support',
            'Regular joint-evaluation sessions e.g. learning walks, subject deep dives', 'Access to projects, CPD and LA funded consultant support', 'School to school support',
            'HT coach and/or mentor', 'Annual Quality of Education Review',
            'Insufficient progress could result in a warning notice being issued and a federation or MAT being brokered for the school.',
          ],
          cadence: `termly Progress Review Meetings with governors and Assistant Director, within the dedicated contact points a year; ${RISK_ASSESSMENT}`,
          informed: [...HEAD_AND_CHAIR, 'Director of Education', 'Assistant Director'],
          citation: cite(`${TABLE_TWO}; ${APPENDIX_TWO}, C`, 'Targeted Rapid Improvement Pathway (TRIP)'),
        },
        academy: academyConcerns('C'),
      },
    },
    {
      id: 'D', label: 'D: inadequate or at risk of a category', colour: '#C00000', textColour: '#FFFFFF',
      description: 'Judged inadequate by Ofsted, or at risk of being in a category: Intervention Pathway (maintained), concerns raised with the RD (academies).',
      support: {
        maintained: {
          amount: { param: 'dcpIntervention' }, unit: 'contact points', bound: 'up to',
          actions: [
            'An Intervention Pathway: dedicated contact points to formally review a schools\u2019 progress', ...HT_ACTIONS,
            'Preparation for OFSTED inspection activities', 'Director of Children and Families is informed', 'Warning notice issued', 'Federation or MAT brokered',
            'Where a school fails to comply with this or fails to improve rapidly, it will become eligible for formal intervention: to require the governing body to enter into arrangements, to appoint additional governors, to appoint an interim executive board (IEB), to suspend the delegated budget',
          ],
          cadence: `the dedicated contact points a year, to formally review the school's progress; ${RISK_ASSESSMENT}`,
          informed: [...HEAD_AND_CHAIR, 'Director of Children and Families', 'Regional Director and Ofsted (a copy of the formal warning notice)'],
          citation: cite(`${TABLE_TWO}; ${APPENDIX_TWO}, D`, 'Intervention Pathway'),
        },
        academy: academyConcerns('D'),
      },
    },
  ],
  selection: { kind: 'bestFit', default: 'A' },
  // Best fit works on whichever areas are judged, so one area column lets a register run; the others are listed.
  columns: {
    oneOf: [
      { fields: AREAS.map((a) => a.field), as: 'Area judgements (Appendix 1)' },
      { fields: ['leadershipConcern', 'governanceConcern', 'qualityOfEducationConcern', 'safeguardingConcern'], as: 'Concern in a critical area' },
      { fields: ['attainmentConcern', 'progressConcern', 'attendanceConcern', 'exclusionsConcern', 'earlyYearsConcern', 'behaviourConcern', 'sendConcern', 'financeConcern', 'hrConcern', 'fallingRoll'], as: 'Concern in another area' },
    ],
    optional: [
      { fields: ['ungradedInspectionDate', 'ungradedOutcome'], why: 'ungraded (section 8) inspections belong to the framework before report cards (November 2025), so a register may not record them' },
    ],
  },
};

/** The Appendix 1 area fields, in the policy's order (for tests and documentation). */
export const SOUTHWARK_AREAS: readonly FieldKey[] = AREAS.map((a) => a.field);


/**
 * Facts are what a framework's criteria look at: the checked record's fields plus a few facts derived
 * from them once per row (the Ofsted standing under whichever framework inspected last, how long since
 * the inspection, how long the head has been in post, the next inspection window and its risk).
 * Criteria never re-derive these, so every framework reads Ofsted the same documented way.
 */
import type { CalendarDate } from './dates';
import { FIELDS, type FieldKey, type LegacyGrade, type SchoolRecord } from './fields';

/** The three notions the policies use, plus "not yet inspected". */
export const OFSTED_BANDS = ['good-or-better', 'requires-improvement', 'inadequate', 'not-inspected'] as const;
export type OfstedBand = (typeof OFSTED_BANDS)[number];

/** Which inspection the band was read from. */
export type OfstedSource = 'report-card' | 'key-judgements' | 'legacy-grade' | 'ungraded' | 'none';

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Facts derived from the record, the as-of date and the national parameters. */
export interface DerivedFacts {
  /** `status` is academy (free schools included). */
  isAcademy?: boolean;
  /** The school's Ofsted standing on the policies' scale, from the latest inspection that judged it. */
  ofstedBand: OfstedBand;
  /** Where `ofstedBand` came from. */
  ofstedSource: OfstedSource;
  /** The legacy-scale equivalent of the latest judgement (Satisfactory kept apart; SW/SM folded into inadequate). */
  ofstedEquivalentGrade?: Extract<LegacyGrade, 'outstanding' | 'good' | 'satisfactory' | 'requires-improvement' | 'inadequate'>;
  /** In an Ofsted category of concern (special measures, serious weaknesses, requires significant improvement). */
  inCategoryOfConcern: boolean;
  /** The standing at the graded inspection before the latest one. */
  previousOfstedBand: OfstedBand;
  /** Date of the latest inspection that judged the school (graded, report card, or ungraded when later). */
  lastInspectionDate?: CalendarDate;
  /** Whole months from `lastInspectionDate` to the as-of date. */
  monthsSinceInspection?: number;
  /** The latest ungraded inspection said a graded inspection comes next because of concerns. */
  ungradedConcerns?: boolean;
  /** Whole months the headteacher has been in post at the as-of date. */
  monthsInPost?: number;
  /** Earliest date the next routine inspection is expected. */
  inspectionDueFrom?: CalendarDate;
  /** Latest date the next routine inspection is due. */
  inspectionDueBy?: CalendarDate;
  /** Whole months from the as-of date to `inspectionDueBy` (negative when overdue). */
  monthsUntilInspectionDue?: number;
  /** `inspectionDueBy` is before the as-of date. */
  inspectionOverdue?: boolean;
  /** The inspection window overlaps the term the as-of date falls in. */
  inspectionDueThisTerm?: boolean;
  /** Risk that the next inspection finds the school below good. */
  inspectionRisk: RiskLevel;
  /** 0-100, for ranking. */
  inspectionRiskScore: number;
  /** How many of the LA's concern flags are set. */
  concernCount: number;
  /**
   * A "stuck" school as the DfE defines it for its RISE teams: requires improvement (or equivalent; under
   * report cards, leadership and governance needs attention) at the latest inspection and below good at the
   * previous one (core/ofsted/rise.ts, docs/ofsted.md section 1.5).
   */
  riseStuck: boolean;
}

/** Everything a criterion may look at. */
export type Facts = SchoolRecord & DerivedFacts;
export type FactKey = Exclude<keyof Facts, 'row'>;

/** Labels of the derived facts, for reasons and "expects" text. */
export const DERIVED_FACT_LABELS: Record<keyof DerivedFacts, string> = {
  isAcademy: 'Academy',
  ofstedBand: 'Ofsted standing',
  ofstedSource: 'Ofsted standing read from',
  ofstedEquivalentGrade: 'Ofsted grade (equivalent)',
  inCategoryOfConcern: 'Ofsted category of concern',
  previousOfstedBand: 'Previous Ofsted standing',
  lastInspectionDate: 'Last inspection date',
  monthsSinceInspection: 'Months since last inspection',
  ungradedConcerns: 'Ungraded inspection raised concerns',
  monthsInPost: 'Months headteacher in post',
  inspectionDueFrom: 'Next inspection due from',
  inspectionDueBy: 'Next inspection due by',
  monthsUntilInspectionDue: 'Months until inspection due',
  inspectionOverdue: 'Inspection overdue',
  inspectionDueThisTerm: 'Inspection window this term',
  inspectionRisk: 'Next-inspection risk',
  inspectionRiskScore: 'Next-inspection risk score',
  concernCount: 'Number of concern flags',
  riseStuck: 'RISE "stuck" school (DfE, Schools eligible for RISE intervention: RI or equivalent now, below good before)',
};

/** The label of any fact (a record field or a derived fact). */
export function factLabel(key: FactKey): string {
  return key in FIELDS ? FIELDS[key as FieldKey].label : DERIVED_FACT_LABELS[key as keyof DerivedFacts];
}

/** The concern flags counted by `concernCount`. */
export const CONCERN_FIELDS = [
  'attainmentConcern', 'progressConcern', 'attendanceConcern', 'exclusionsConcern', 'leadershipConcern', 'governanceConcern',
  'safeguardingConcern', 'qualityOfEducationConcern', 'earlyYearsConcern', 'behaviourConcern', 'sendConcern', 'financeConcern',
  'hrConcern', 'fallingRoll',
] as const satisfies readonly FieldKey[];

const OFSTED_FIELDS = [
  'ofstedGrade', 'inspectionDate', 'inspectionType', 'safeguardingEffective', 'categoryOfConcern', 'ungradedInspectionDate', 'ungradedOutcome',
  'reportCardDate', 'rcInclusion', 'rcCurriculumTeaching', 'rcAchievement', 'rcAttendanceBehaviour', 'rcPersonalDevelopment',
  'rcLeadershipGovernance', 'rcEarlyYears', 'rcPost16', 'kjQualityOfEducation', 'kjBehaviourAttitudes', 'kjPersonalDevelopment',
  'kjLeadershipManagement', 'kjEarlyYears', 'kjSixthForm',
] as const satisfies readonly FieldKey[];
const WINDOW_FIELDS = [...OFSTED_FIELDS, 'openDate'] as const satisfies readonly FieldKey[];
/**
 * Everything the inspection-risk model reads (core/ofsted/inspectionChance.ts, belowGood.ts): its window,
 * results, attendance, leadership and concerns. A blank or unreadable one is a missing input the model
 * allows for, so only the few below decide the fact's sources (a bad cell in the others is a warning).
 */
export const RISK_MODEL_INPUTS = [
  ...WINDOW_FIELDS, ...CONCERN_FIELDS, 'phase', 'status', 'previousOfstedGrade', 'attainmentTrend', 'attendancePct', 'persistentAbsencePct',
  'headteacherStartDate', 'headteacherInterim', 'ks2Cohort', 'ks2RwmExpectedPct', 'ks2ReadingProgress', 'ks2WritingProgress', 'ks2MathsProgress',
  'ks4Cohort', 'ks4Progress8',
] as const satisfies readonly FieldKey[];

/** The record fields each derived fact is computed from (so "which frameworks use this column" is exact). */
export const DERIVED_FACT_SOURCES: Record<keyof DerivedFacts, readonly FieldKey[]> = {
  isAcademy: ['status'],
  ofstedBand: OFSTED_FIELDS,
  ofstedSource: OFSTED_FIELDS,
  ofstedEquivalentGrade: OFSTED_FIELDS,
  inCategoryOfConcern: ['ofstedGrade', 'categoryOfConcern', 'rcLeadershipGovernance', 'safeguardingEffective'],
  previousOfstedBand: ['previousOfstedGrade', 'previousInspectionDate', ...OFSTED_FIELDS],
  lastInspectionDate: ['inspectionDate', 'reportCardDate', 'ungradedInspectionDate'],
  monthsSinceInspection: ['inspectionDate', 'reportCardDate', 'ungradedInspectionDate'],
  ungradedConcerns: ['ungradedInspectionDate', 'ungradedOutcome'],
  monthsInPost: ['headteacherStartDate'],
  inspectionDueFrom: WINDOW_FIELDS,
  inspectionDueBy: WINDOW_FIELDS,
  monthsUntilInspectionDue: WINDOW_FIELDS,
  inspectionOverdue: WINDOW_FIELDS,
  inspectionDueThisTerm: WINDOW_FIELDS,
  inspectionRisk: [...WINDOW_FIELDS, 'ks2RwmExpectedPct', 'ks4Progress8', 'attendancePct', 'headteacherStartDate'],
  inspectionRiskScore: [...WINDOW_FIELDS, 'ks2RwmExpectedPct', 'ks4Progress8', 'attendancePct', 'headteacherStartDate'],
  concernCount: CONCERN_FIELDS,
  riseStuck: ['previousOfstedGrade', 'previousInspectionDate', ...OFSTED_FIELDS],
};

/** What kind of value a fact holds: what a condition may compare it with (core/frameworkCheck.ts). */
export type FactValueKind =
  | { readonly kind: 'number' | 'boolean' | 'text' | 'date' }
  | { readonly kind: 'enum'; readonly values: readonly string[] };

const OFSTED_SOURCES: readonly OfstedSource[] = ['report-card', 'key-judgements', 'legacy-grade', 'ungraded', 'none'];

/** The kind of each derived fact. */
export const DERIVED_FACT_KINDS: Record<keyof DerivedFacts, FactValueKind> = {
  isAcademy: { kind: 'boolean' },
  ofstedBand: { kind: 'enum', values: OFSTED_BANDS },
  ofstedSource: { kind: 'enum', values: OFSTED_SOURCES },
  ofstedEquivalentGrade: { kind: 'enum', values: ['outstanding', 'good', 'satisfactory', 'requires-improvement', 'inadequate'] },
  inCategoryOfConcern: { kind: 'boolean' },
  previousOfstedBand: { kind: 'enum', values: OFSTED_BANDS },
  lastInspectionDate: { kind: 'date' },
  monthsSinceInspection: { kind: 'number' },
  ungradedConcerns: { kind: 'boolean' },
  monthsInPost: { kind: 'number' },
  inspectionDueFrom: { kind: 'date' },
  inspectionDueBy: { kind: 'date' },
  monthsUntilInspectionDue: { kind: 'number' },
  inspectionOverdue: { kind: 'boolean' },
  inspectionDueThisTerm: { kind: 'boolean' },
  inspectionRisk: { kind: 'enum', values: RISK_LEVELS },
  inspectionRiskScore: { kind: 'number' },
  concernCount: { kind: 'number' },
  riseStuck: { kind: 'boolean' },
};

/** The kind of any fact. */
export function factValueKind(key: FactKey): FactValueKind {
  if (!Object.hasOwn(FIELDS, key)) {
    // Own properties only: a name read from a file ("constructor") is never one of Object's.
    if (Object.hasOwn(DERIVED_FACT_KINDS, key)) return DERIVED_FACT_KINDS[key as keyof DerivedFacts];
    throw new Error(`Not a fact: ${JSON.stringify(key)}`);
  }
  const type = FIELDS[key as FieldKey].type;
  switch (type.kind) {
    case 'enum': return { kind: 'enum', values: type.values };
    case 'yesNo': return { kind: 'boolean' };
    case 'number': return { kind: 'number' };
    case 'date': return { kind: 'date' };
    default: return { kind: 'text' };
  }
}

/**
 * A school's Ofsted standing on the policies' scale, from whichever inspection judged it last: a report
 * card, a 2024-25 inspection (key judgements, no overall grade), or a legacy overall grade; a later
 * ungraded inspection keeps it (or says a graded inspection comes next). Mapping tables: docs/ofsted.md.
 */
import type { CalendarDate } from '../dates';
import { factAt, factNumber } from '../factShape';
import type { Facts, OfstedBand, OfstedSource } from '../facts';
import { KEY_JUDGEMENT_FIELDS, type LegacyGrade, type SchoolRecord } from '../fields';
import { reportCardStanding, type ReportCardMapping } from './reportCardMapping';

/** The legacy-scale equivalent of a judgement: Satisfactory kept apart, SW and SM folded into inadequate. */
export type EquivalentGrade = 'outstanding' | 'good' | 'satisfactory' | 'requires-improvement' | 'inadequate';

/** The standing and where it came from. */
export interface OfstedStanding {
  readonly band: OfstedBand;
  readonly source: OfstedSource;
  readonly equivalentGrade?: EquivalentGrade;
  readonly inCategoryOfConcern: boolean;
  /** The standing at the graded inspection before the one that set `band`. */
  readonly previousBand: OfstedBand;
  /** The latest inspection of any kind (graded, report card, or a later ungraded one). */
  readonly lastInspectionDate?: CalendarDate;
  /** The latest inspection that judged the school (graded or report card). */
  readonly lastJudgedDate?: CalendarDate;
  /** A later ungraded inspection said the next inspection is graded because of concerns. */
  readonly ungradedConcerns?: boolean;
  /** A later ungraded inspection said the next inspection is graded (concerns or improvement). */
  readonly gradedNext?: boolean;
}

/**
 * The band of a legacy overall grade (or key judgement). Satisfactory, the grade 3 until August 2012,
 * sits with requires improvement: Ofsted replaced "satisfactory" by "requires improvement" from
 * September 2012 precisely so that grade 3 would no longer count as an acceptable standard.
 */
export function bandOfLegacyGrade(grade: LegacyGrade): OfstedBand {
  switch (grade) {
    case 'outstanding':
    case 'good':
      return 'good-or-better';
    case 'satisfactory':
    case 'requires-improvement':
      return 'requires-improvement';
    case 'inadequate':
    case 'serious-weaknesses':
    case 'special-measures':
      return 'inadequate';
    case 'not-judged':
      return 'not-inspected';
  }
}

/** The legacy-scale equivalent of a legacy grade (`undefined` for not judged). */
export function equivalentOfLegacyGrade(grade: LegacyGrade): EquivalentGrade | undefined {
  if (grade === 'serious-weaknesses' || grade === 'special-measures') return 'inadequate';
  return grade === 'not-judged' ? undefined : grade;
}

type Judgement = Pick<OfstedStanding, 'band' | 'equivalentGrade' | 'inCategoryOfConcern'>;

const KEY_JUDGEMENT_NUMBERS = KEY_JUDGEMENT_FIELDS.map(factNumber);
// Bound once: under CommonJS interop (tsx, vitest) an imported binding is a getter, read at every use otherwise.
const at = factAt;
const reportCardOf = reportCardStanding;

/**
 * 2 Sept 2024 - Nov 2025 (and any blank overall grade): the worst key judgement decides the band; a key
 * judgement Inadequate is a category of concern (school inspection handbook 2024, paras 190-191).
 */
export function standingFromKeyJudgements(record: SchoolRecord): Judgement | null {
  // By fact number (`factAt`, a named read): a read by a key that changes from judgement to judgement is a slow lookup on a record of ~150 fields.
  const grades: LegacyGrade[] = [];
  for (const n of KEY_JUDGEMENT_NUMBERS) {
    const g = at(record as unknown as Facts, n) as LegacyGrade | undefined;
    if (g !== undefined && g !== 'not-judged') grades.push(g);
  }
  if (grades.length === 0) return null;
  const bands = grades.map(bandOfLegacyGrade);
  if (bands.includes('inadequate')) return { band: 'inadequate', equivalentGrade: 'inadequate', inCategoryOfConcern: true };
  if (bands.includes('requires-improvement')) {
    return { band: 'requires-improvement', equivalentGrade: grades.includes('requires-improvement') ? 'requires-improvement' : 'satisfactory', inCategoryOfConcern: false };
  }
  return { band: 'good-or-better', equivalentGrade: grades.every((g) => g === 'outstanding') ? 'outstanding' : 'good', inCategoryOfConcern: false };
}

/**
 * A legacy overall grade. Every inadequate judgement put the school in a category of concern (serious
 * weaknesses or special measures; before 2012 also "notice to improve"), unless the record says "none".
 */
function standingFromLegacyGrade(grade: LegacyGrade, record: SchoolRecord): Judgement {
  const band = bandOfLegacyGrade(grade);
  return { band, equivalentGrade: equivalentOfLegacyGrade(grade), inCategoryOfConcern: band === 'inadequate' && record.categoryOfConcern !== 'none' };
}

/** Reads the standing of one school; report-card parameters not given take their defaults. */
export function ofstedStanding(record: SchoolRecord, params: Partial<ReportCardMapping> = {}): OfstedStanding {
  const reportCard = record.reportCardDate === undefined ? null : reportCardOf(record, params);
  const legacy = record.ofstedGrade !== undefined && record.ofstedGrade !== 'not-judged' ? standingFromLegacyGrade(record.ofstedGrade, record) : null;
  const graded = legacy ?? standingFromKeyJudgements(record);
  const reportCardIsLatest = reportCard !== null && (record.inspectionDate === undefined || record.reportCardDate! >= record.inspectionDate);

  // Locals rather than a judgement object re-spread at each step: this runs for every school.
  let band: OfstedBand;
  let equivalentGrade: EquivalentGrade | undefined;
  let inCategoryOfConcern: boolean;
  let source: OfstedSource;
  let date: CalendarDate | undefined;
  let previousBand: OfstedBand = record.previousOfstedGrade ? bandOfLegacyGrade(record.previousOfstedGrade) : 'not-inspected';
  if (reportCardIsLatest) {
    ({ band, equivalentGrade, inCategoryOfConcern } = reportCard);
    source = 'report-card';
    date = record.reportCardDate;
    // The graded inspection before the report card is the previous standing.
    if (graded && graded.band !== 'not-inspected') previousBand = graded.band;
  } else if (graded && graded.band !== 'not-inspected') {
    ({ band, equivalentGrade, inCategoryOfConcern } = graded);
    source = legacy ? 'legacy-grade' : 'key-judgements';
    date = record.inspectionDate;
    // Ineffective safeguarding at a graded inspection: inadequate, and from 2024 a category of concern (handbook 2024, paras 190-191).
    if (record.safeguardingEffective === false) {
      band = 'inadequate';
      equivalentGrade = 'inadequate';
      inCategoryOfConcern = true;
    }
  } else {
    band = 'not-inspected';
    equivalentGrade = undefined;
    inCategoryOfConcern = false;
    source = 'none';
    date = record.inspectionDate;
  }

  // A category of concern in force (SW, SM, requires significant improvement) is inadequate whatever else the record says.
  if (record.categoryOfConcern !== undefined && record.categoryOfConcern !== 'none') {
    band = 'inadequate';
    equivalentGrade = 'inadequate';
    inCategoryOfConcern = true;
  }

  let ungradedConcerns: boolean | undefined;
  let gradedNext: boolean | undefined;
  let lastInspectionDate = date;
  const ungradedIsLatest = record.ungradedInspectionDate !== undefined && (date === undefined || record.ungradedInspectionDate > date);
  if (ungradedIsLatest) {
    // "School remains Good/Outstanding" keeps the band; "(Concerns) - S5 Next" keeps it too but flags the risk.
    lastInspectionDate = record.ungradedInspectionDate;
    ungradedConcerns = record.ungradedOutcome === 'concerns-graded-next';
    gradedNext = record.ungradedOutcome !== undefined && record.ungradedOutcome !== 'remains';
    if (source === 'none') source = 'ungraded';
  }

  return {
    band,
    source,
    equivalentGrade,
    inCategoryOfConcern,
    previousBand,
    lastInspectionDate,
    lastJudgedDate: date,
    ungradedConcerns,
    gradedNext,
  };
}

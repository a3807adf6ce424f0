/**
 * Report cards (from 10 November 2025) have no overall grade. The five policies speak of "good or
 * better", "requires improvement" and "inadequate", so this is the one documented, parameterised
 * mapping from a report card onto those notions (docs/ofsted.md, "Report cards"). An authority can
 * change each rule; every parameter says what it means and where its default comes from.
 */
import { mergerOver } from '../mergedDefaults';
import type { CategoryOfConcern, FieldKey, ReportCardGrade, SchoolRecord } from '../fields';
import { REPORT_CARD_FIELDS, REPORT_CARD_GRADES } from '../fields';
import { factAt, factNumber } from '../factShape';
import type { Facts, OfstedBand } from '../facts';

/** The mapping's parameters (see `REPORT_CARD_MAPPING_PARAMETERS` for each one's meaning and source). */
export interface ReportCardMapping {
  /** Safeguarding "not met" reads as inadequate, in a category of concern. */
  readonly safeguardingNotMetIsInadequate: boolean;
  /** Any area at "urgent improvement" reads as inadequate, in a category of concern. */
  readonly urgentImprovementIsInadequate: boolean;
  /** This many areas (or more) at "needs attention" read as requires improvement. */
  readonly needsAttentionAreasForRi: number;
  /** "Needs attention" in leadership and governance alone reads as requires improvement, whatever the count. */
  readonly leadershipNeedsAttentionIsRi: boolean;
  /** Share of graded areas at "exceptional" (none below "strong") that gives the legacy equivalent "outstanding". */
  readonly exceptionalShareForOutstanding: number;
}

/** The defaults. */
export const REPORT_CARD_MAPPING_DEFAULTS: ReportCardMapping = {
  safeguardingNotMetIsInadequate: true,
  urgentImprovementIsInadequate: true,
  needsAttentionAreasForRi: 1,
  leadershipNeedsAttentionIsRi: true,
  exceptionalShareForOutstanding: 0.5,
};

/** What each parameter means and where its default comes from (rendered in docs/ofsted.md). */
export const REPORT_CARD_MAPPING_PARAMETERS: Readonly<Record<keyof ReportCardMapping, { readonly description: string; readonly source: string }>> = {
  safeguardingNotMetIsInadequate: {
    description: 'Safeguarding standards "not met" puts the school in the inadequate band and in a category of concern.',
    source: 'Ofsted report-card framework (Nov 2025) as summarised in DOMAIN.md: "requires significant improvement" where safeguarding is not met. Under the 2024 handbook (paras 190-191) ineffective safeguarding was already a category of concern.',
  },
  urgentImprovementIsInadequate: {
    description: 'Any evaluation area at "urgent improvement" puts the school in the inadequate band and in a category of concern.',
    source: 'Ofsted, School inspection operating guide for inspectors (for use from 10 November 2025), as summarised by the NEU (the guide itself was readable only in its opening): "requires significant improvement" where any area other than leadership and governance is urgent improvement, or leadership and governance is the only one; "special measures" where leadership and governance is urgent improvement and another area is too, or safeguarding is not met.',
  },
  needsAttentionAreasForRi: {
    description: 'How many areas at "needs attention" make the school read as requires improvement. Default 1: "needs attention" is below the expected standard, so one such area is not good.',
    source: 'Local reading, the cautious one the policies\' "less than good" triggers call for. An authority wanting "mostly expected" to count as good can raise it.',
  },
  leadershipNeedsAttentionIsRi: {
    description: '"Needs attention" in leadership and governance reads as requires improvement even when `needsAttentionAreasForRi` is raised.',
    source: 'DOMAIN.md, RISE: under report cards, "needs attention" in leadership and governance (with a below-standard previous inspection) marks a "stuck" school for targeted support.',
  },
  exceptionalShareForOutstanding: {
    description: 'The legacy-equivalent grade "outstanding" (for display only; the band is good-or-better either way) needs at least this share of graded areas "exceptional" and none below "strong".',
    source: 'Local reading: report cards have no overall grade and no published equivalence to "outstanding".',
  },
};

/** What a report card reads as on the policies' scale. */
export interface ReportCardReading {
  readonly band: Exclude<OfstedBand, 'not-inspected'>;
  readonly equivalentGrade: 'outstanding' | 'good' | 'requires-improvement' | 'inadequate';
  readonly inCategoryOfConcern: boolean;
  /** The category the report card implies: special measures, requires significant improvement, or none. */
  readonly categoryOfConcern: Extract<CategoryOfConcern, 'none' | 'special-measures' | 'requires-significant-improvement'>;
  /** The fields that decided it, for reasons. */
  readonly because: readonly FieldKey[];
}

/** Fills in the defaults for any parameter not given. */
export function reportCardMapping(params: Partial<ReportCardMapping> = {}): ReportCardMapping {
  return { ...REPORT_CARD_MAPPING_DEFAULTS, ...params };
}

/** `reportCardMapping`, once per parameters object. */
const mappingOf = mergerOver<ReportCardMapping>(REPORT_CARD_MAPPING_DEFAULTS);

const REPORT_CARD_NUMBERS = REPORT_CARD_FIELDS.map(factNumber);
// Bound once: under CommonJS interop (tsx, vitest) an imported binding is a getter, read at every use otherwise.
const at = factAt;

/** Reads the report card on a record; `null` when no area is graded (safeguarding alone is not a report card). */
export function readReportCard(record: SchoolRecord, params: Partial<ReportCardMapping> = {}): ReportCardReading | null {
  const p = mappingOf(params);
  // By fact number (`factAt`, a named read): a read by a key that changes from area to area is a slow lookup
  // on a record of ~150 fields. Loops, not callbacks: this runs for every school with a report card.
  const areas: FieldKey[] = [];
  const grades: ReportCardGrade[] = [];
  for (let k = 0; k < REPORT_CARD_NUMBERS.length; k++) {
    const grade = at(record as unknown as Facts, REPORT_CARD_NUMBERS[k]!) as ReportCardGrade | undefined;
    if (grade === undefined) continue;
    areas.push(REPORT_CARD_FIELDS[k]!);
    grades.push(grade);
  }
  if (areas.length === 0) return null;
  const urgent = areasAt(areas, grades, 'urgent-improvement');
  const leadershipUrgent = record.rcLeadershipGovernance === 'urgent-improvement';

  // Special measures: leadership and governance at urgent improvement together with another area at urgent
  // improvement or safeguarding not met (NEU's summary of Ofsted's operating guide, November 2025; REPORT-CARDS-AND-RISE.md section 1).
  const safeguardingNotMet = p.safeguardingNotMetIsInadequate && record.safeguardingEffective === false;
  if (p.urgentImprovementIsInadequate && leadershipUrgent && (urgent.length >= 2 || safeguardingNotMet)) {
    return { band: 'inadequate', equivalentGrade: 'inadequate', inCategoryOfConcern: true, categoryOfConcern: 'special-measures', because: safeguardingNotMet ? ['safeguardingEffective', ...urgent] : urgent };
  }
  if (safeguardingNotMet) {
    return { band: 'inadequate', equivalentGrade: 'inadequate', inCategoryOfConcern: true, categoryOfConcern: 'requires-significant-improvement', because: ['safeguardingEffective', ...urgent] };
  }
  if (p.urgentImprovementIsInadequate && urgent.length > 0) {
    return { band: 'inadequate', equivalentGrade: 'inadequate', inCategoryOfConcern: true, categoryOfConcern: 'requires-significant-improvement', because: urgent };
  }
  // When urgent improvement is not read as inadequate, it still counts at least as "needs attention".
  const attention = [...areasAt(areas, grades, 'needs-attention'), ...urgent];
  const leadershipBelow = record.rcLeadershipGovernance === 'needs-attention' || record.rcLeadershipGovernance === 'urgent-improvement';
  if (attention.length > 0 && (attention.length >= p.needsAttentionAreasForRi || (p.leadershipNeedsAttentionIsRi && leadershipBelow))) {
    return { band: 'requires-improvement', equivalentGrade: 'requires-improvement', inCategoryOfConcern: false, categoryOfConcern: 'none', because: attention };
  }
  let worst = -1;
  for (const g of grades) worst = Math.max(worst, REPORT_CARD_GRADES.indexOf(g));
  const exceptional = areasAt(areas, grades, 'exceptional');
  const outstanding = worst <= REPORT_CARD_GRADES.indexOf('strong') && exceptional.length / areas.length >= p.exceptionalShareForOutstanding;
  return { band: 'good-or-better', equivalentGrade: outstanding ? 'outstanding' : 'good', inCategoryOfConcern: false, categoryOfConcern: 'none', because: areas };
}

/** What a school's standing takes from a report card: `ReportCardReading` without the category's name and the fields that decided it. */
export type ReportCardStanding = Pick<ReportCardReading, 'band' | 'equivalentGrade' | 'inCategoryOfConcern'>;

const INADEQUATE: ReportCardStanding = { band: 'inadequate', equivalentGrade: 'inadequate', inCategoryOfConcern: true };
const REQUIRES_IMPROVEMENT: ReportCardStanding = { band: 'requires-improvement', equivalentGrade: 'requires-improvement', inCategoryOfConcern: false };
const OUTSTANDING: ReportCardStanding = { band: 'good-or-better', equivalentGrade: 'outstanding', inCategoryOfConcern: false };
const GOOD: ReportCardStanding = { band: 'good-or-better', equivalentGrade: 'good', inCategoryOfConcern: false };
const STRONG = REPORT_CARD_GRADES.indexOf('strong');
// Bound once: under CommonJS interop (tsx, vitest) an import is a getter, read at every use otherwise.
const GRADE_ORDER = REPORT_CARD_GRADES;

/**
 * `readReportCard`'s band, equivalent grade and category of concern alone, by the same rules in the same
 * order, counting the areas at each grade instead of listing them (a test holds the two equal): a school's
 * standing reads every report card, and the lists were a handful of arrays per school.
 */
export function reportCardStanding(record: SchoolRecord, params: Partial<ReportCardMapping> = {}): ReportCardStanding | null {
  const p = mappingOf(params);
  let areas = 0;
  let urgent = 0;
  let needsAttention = 0;
  let exceptional = 0;
  let worst = -1;
  for (let k = 0; k < REPORT_CARD_NUMBERS.length; k++) {
    const grade = at(record as unknown as Facts, REPORT_CARD_NUMBERS[k]!) as ReportCardGrade | undefined;
    if (grade === undefined) continue;
    areas++;
    if (grade === 'urgent-improvement') urgent++;
    else if (grade === 'needs-attention') needsAttention++;
    else if (grade === 'exceptional') exceptional++;
    worst = Math.max(worst, GRADE_ORDER.indexOf(grade));
  }
  if (areas === 0) return null;
  const leadershipUrgent = record.rcLeadershipGovernance === 'urgent-improvement';
  const safeguardingNotMet = p.safeguardingNotMetIsInadequate && record.safeguardingEffective === false;
  if (p.urgentImprovementIsInadequate && leadershipUrgent && (urgent >= 2 || safeguardingNotMet)) return INADEQUATE;
  if (safeguardingNotMet) return INADEQUATE;
  if (p.urgentImprovementIsInadequate && urgent > 0) return INADEQUATE;
  const attention = needsAttention + urgent;
  const leadershipBelow = record.rcLeadershipGovernance === 'needs-attention' || record.rcLeadershipGovernance === 'urgent-improvement';
  if (attention > 0 && (attention >= p.needsAttentionAreasForRi || (p.leadershipNeedsAttentionIsRi && leadershipBelow))) return REQUIRES_IMPROVEMENT;
  return worst <= STRONG && exceptional / areas >= p.exceptionalShareForOutstanding ? OUTSTANDING : GOOD;
}

/** The areas graded `grade`. */
function areasAt(areas: readonly FieldKey[], grades: readonly ReportCardGrade[], grade: ReportCardGrade): FieldKey[] {
  const out: FieldKey[] = [];
  for (let k = 0; k < areas.length; k++) if (grades[k] === grade) out.push(areas[k]!);
  return out;
}

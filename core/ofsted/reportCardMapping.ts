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

/** What a report card decides, by the first of the rules below that holds. */
const enum Decided {
  SpecialMeasures,
  SafeguardingNotMet,
  UrgentImprovement,
  RequiresImprovement,
  Outstanding,
  Good,
}

/** How many of a report card's areas are at each grade that the rules count, and the worst grade's place. */
interface AreaCounts {
  areas: number;
  urgent: number;
  needsAttention: number;
  exceptional: number;
  worst: number;
}

const STRONG = REPORT_CARD_GRADES.indexOf('strong');
// Bound once: under CommonJS interop (tsx, vitest) an import is a getter, read at every use otherwise.
const GRADE_ORDER = REPORT_CARD_GRADES;
/** One for every school: each count is written before it is read. */
const counted: AreaCounts = { areas: 0, urgent: 0, needsAttention: 0, exceptional: 0, worst: -1 };

/** The report card's areas counted by grade (`factAt`, by fact number: a read by a key that changes from area to area is a slow lookup). */
function countAreas(record: SchoolRecord): AreaCounts {
  const c = counted;
  c.areas = c.urgent = c.needsAttention = c.exceptional = 0;
  c.worst = -1;
  for (let k = 0; k < REPORT_CARD_NUMBERS.length; k++) {
    const grade = at(record as unknown as Facts, REPORT_CARD_NUMBERS[k]!) as ReportCardGrade | undefined;
    if (grade === undefined) continue;
    c.areas++;
    if (grade === 'urgent-improvement') c.urgent++;
    else if (grade === 'needs-attention') c.needsAttention++;
    else if (grade === 'exceptional') c.exceptional++;
    c.worst = Math.max(c.worst, GRADE_ORDER.indexOf(grade));
  }
  return c;
}

/** The mapping's rules, in order, on a report card with at least one area graded. */
function decide(record: SchoolRecord, c: AreaCounts, p: ReportCardMapping): Decided {
  const leadershipUrgent = record.rcLeadershipGovernance === 'urgent-improvement';
  // Special measures: leadership and governance at urgent improvement together with another area at urgent
  // improvement or safeguarding not met (NEU's summary of Ofsted's operating guide, November 2025; REPORT-CARDS-AND-RISE.md section 1).
  const safeguardingNotMet = p.safeguardingNotMetIsInadequate && record.safeguardingEffective === false;
  if (p.urgentImprovementIsInadequate && leadershipUrgent && (c.urgent >= 2 || safeguardingNotMet)) return Decided.SpecialMeasures;
  if (safeguardingNotMet) return Decided.SafeguardingNotMet;
  if (p.urgentImprovementIsInadequate && c.urgent > 0) return Decided.UrgentImprovement;
  // When urgent improvement is not read as inadequate, it still counts at least as "needs attention".
  const attention = c.needsAttention + c.urgent;
  const leadershipBelow = record.rcLeadershipGovernance === 'needs-attention' || leadershipUrgent;
  if (attention > 0 && (attention >= p.needsAttentionAreasForRi || (p.leadershipNeedsAttentionIsRi && leadershipBelow))) return Decided.RequiresImprovement;
  return c.worst <= STRONG && c.exceptional / c.areas >= p.exceptionalShareForOutstanding ? Decided.Outstanding : Decided.Good;
}

/** Reads the report card on a record; `null` when no area is graded (safeguarding alone is not a report card). */
export function readReportCard(record: SchoolRecord, params: Partial<ReportCardMapping> = {}): ReportCardReading | null {
  const p = mappingOf(params);
  if (countAreas(record).areas === 0) return null;
  const decided = decide(record, counted, p);
  // The areas that decided it, listed only here (the reasons read them; a school's standing does not).
  const areas: FieldKey[] = [];
  const grades: ReportCardGrade[] = [];
  for (let k = 0; k < REPORT_CARD_NUMBERS.length; k++) {
    const grade = at(record as unknown as Facts, REPORT_CARD_NUMBERS[k]!) as ReportCardGrade | undefined;
    if (grade === undefined) continue;
    areas.push(REPORT_CARD_FIELDS[k]!);
    grades.push(grade);
  }
  const urgent = areasAt(areas, grades, 'urgent-improvement');
  switch (decided) {
    case Decided.SpecialMeasures:
      return { ...INADEQUATE, categoryOfConcern: 'special-measures', because: p.safeguardingNotMetIsInadequate && record.safeguardingEffective === false ? ['safeguardingEffective', ...urgent] : urgent };
    case Decided.SafeguardingNotMet:
      return { ...INADEQUATE, categoryOfConcern: 'requires-significant-improvement', because: ['safeguardingEffective', ...urgent] };
    case Decided.UrgentImprovement:
      return { ...INADEQUATE, categoryOfConcern: 'requires-significant-improvement', because: urgent };
    case Decided.RequiresImprovement:
      return { ...REQUIRES_IMPROVEMENT, categoryOfConcern: 'none', because: [...areasAt(areas, grades, 'needs-attention'), ...urgent] };
    default:
      return { ...(decided === Decided.Outstanding ? OUTSTANDING : GOOD), categoryOfConcern: 'none', because: areas };
  }
}

/** What a school's standing takes from a report card: `ReportCardReading` without the category's name and the fields that decided it. */
export type ReportCardStanding = Pick<ReportCardReading, 'band' | 'equivalentGrade' | 'inCategoryOfConcern'>;

const INADEQUATE: ReportCardStanding = { band: 'inadequate', equivalentGrade: 'inadequate', inCategoryOfConcern: true };
const REQUIRES_IMPROVEMENT: ReportCardStanding = { band: 'requires-improvement', equivalentGrade: 'requires-improvement', inCategoryOfConcern: false };
const OUTSTANDING: ReportCardStanding = { band: 'good-or-better', equivalentGrade: 'outstanding', inCategoryOfConcern: false };
const GOOD: ReportCardStanding = { band: 'good-or-better', equivalentGrade: 'good', inCategoryOfConcern: false };
const STANDING_OF: readonly ReportCardStanding[] = [INADEQUATE, INADEQUATE, INADEQUATE, REQUIRES_IMPROVEMENT, OUTSTANDING, GOOD];

/**
 * `readReportCard`'s band, equivalent grade and category of concern alone, by the same rules (`decide`),
 * without listing the areas: a school's standing reads every report card, and the lists were a handful of
 * arrays per school.
 */
export function reportCardStanding(record: SchoolRecord, params: Partial<ReportCardMapping> = {}): ReportCardStanding | null {
  const p = mappingOf(params);
  return countAreas(record).areas === 0 ? null : STANDING_OF[decide(record, counted, p)]!;
}

/** The areas graded `grade`. */
function areasAt(areas: readonly FieldKey[], grades: readonly ReportCardGrade[], grade: ReportCardGrade): FieldKey[] {
  const out: FieldKey[] = [];
  for (let k = 0; k < areas.length; k++) if (grades[k] === grade) out.push(areas[k]!);
  return out;
}

/**
 * Report cards (from 10 November 2025) have no overall grade. The five policies speak of "good or
 * better", "requires improvement" and "inadequate", so this is the one documented, parameterised
 * mapping from a report card onto those notions (docs/ofsted.md). An authority can change each rule.
 */
import type { FieldKey, ReportCardGrade, SchoolRecord } from '../fields';
import { REPORT_CARD_FIELDS } from '../fields';
import type { OfstedBand } from '../facts';

/** The mapping's parameters, with what each means and where it comes from. */
export interface ReportCardMapping {
  /** Safeguarding "not met" puts the school below good, in a category of concern. */
  readonly safeguardingNotMetIsInadequate: boolean;
  /** Any area at "urgent improvement" reads as inadequate (a category of concern). */
  readonly urgentImprovementIsInadequate: boolean;
  /** This many areas at "needs attention" read as requires improvement. */
  readonly needsAttentionAreasForRi: number;
  /** Share of graded areas at "exceptional" (none below "strong") that reads as outstanding. */
  readonly exceptionalShareForOutstanding: number;
}

/** The defaults, from Ofsted's report-card operating guide as summarised in DOMAIN.md. */
export const REPORT_CARD_MAPPING_DEFAULTS: ReportCardMapping = {
  // "requires significant improvement ... where any area is urgent improvement or safeguarding is not met".
  safeguardingNotMetIsInadequate: true,
  urgentImprovementIsInadequate: true,
  // "Needs attention" is below the expected standard: one such area is not good, the cautious reading
  // the policies' "less than good" triggers call for.
  needsAttentionAreasForRi: 1,
  exceptionalShareForOutstanding: 0.5,
};

/** What a report card reads as on the policies' scale. */
export interface ReportCardReading {
  readonly band: Exclude<OfstedBand, 'not-inspected'>;
  readonly equivalentGrade: 'outstanding' | 'good' | 'requires-improvement' | 'inadequate';
  readonly inCategoryOfConcern: boolean;
  /** The areas that decided it, for reasons. */
  readonly because: readonly string[];
}

const ORDER: readonly ReportCardGrade[] = ['exceptional', 'strong', 'expected', 'needs-attention', 'urgent-improvement'];

/** Reads a report card; `null` when no area is graded and safeguarding is not given. */
export function readReportCard(record: SchoolRecord, params: ReportCardMapping = REPORT_CARD_MAPPING_DEFAULTS): ReportCardReading | null {
  const graded = REPORT_CARD_FIELDS.map((f) => [f, record[f]] as [FieldKey, ReportCardGrade | undefined]).filter((x): x is [FieldKey, ReportCardGrade] => x[1] !== undefined);
  if (graded.length === 0 && record.safeguardingEffective === undefined) return null;
  const at = (g: ReportCardGrade) => graded.filter(([, v]) => v === g).map(([f]) => f);
  if (params.safeguardingNotMetIsInadequate && record.safeguardingEffective === false) {
    return { band: 'inadequate', equivalentGrade: 'inadequate', inCategoryOfConcern: true, because: ['safeguardingEffective'] };
  }
  const urgent = at('urgent-improvement');
  if (params.urgentImprovementIsInadequate && urgent.length > 0) return { band: 'inadequate', equivalentGrade: 'inadequate', inCategoryOfConcern: true, because: urgent };
  const attention = [...at('needs-attention'), ...(params.urgentImprovementIsInadequate ? [] : urgent)];
  if (attention.length >= params.needsAttentionAreasForRi) return { band: 'requires-improvement', equivalentGrade: 'requires-improvement', inCategoryOfConcern: false, because: attention };
  const worst = Math.max(...graded.map(([, v]) => ORDER.indexOf(v)));
  const exceptional = at('exceptional');
  const outstanding = graded.length > 0 && worst <= ORDER.indexOf('strong') && exceptional.length / graded.length >= params.exceptionalShareForOutstanding;
  return { band: 'good-or-better', equivalentGrade: outstanding ? 'outstanding' : 'good', inCategoryOfConcern: false, because: graded.map(([f]) => f) };
}

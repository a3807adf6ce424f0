/**
 * The JSON contract of `schoolrisk categorise --out results.json`: the run's provenance, and one object
 * per data row (see README).
 */
import { toIsoDate, type CalendarDate } from '../../core/dates';
import { absentColumnNote, absentColumnsNamed } from '../../core/columns';
import type { RegisterOutcome } from '../../core/register';
import type { Provenance } from './registerRun';

/** results.json: where the results come from, the columns the framework reads that the register lacks, and the rows. */
export interface ResultsFile {
  readonly run: Provenance;
  /**
   * Each column (or set of columns) the framework reads that the register lacks but can run without, with
   * what that means for the results: the summary's "Not in this register" lines, so a file read without
   * the summary does not take what could not fire for "no concern".
   */
  readonly notInRegister: readonly { readonly columns: string; readonly note: string }[];
  readonly rows: ResultRow[];
}

/** The inspection outlook of one row. Probabilities are 0-1, rounded to 4 decimals. */
export interface InspectionJson {
  dueFrom: string | null;
  dueBy: string | null;
  /** Share of real next inspections a window like this held; null for a rule's window. */
  windowCoverage: number | null;
  /** The latest date the law allows for the next graded inspection, apart from the window. */
  statutoryLatest: string | null;
  rules: string;
  risk: string;
  /** 0-100 ranking figure: 100 + 10 log2(probability). */
  riskScore: number;
  /** Probability that a graded inspection within the horizon finds the school below good. */
  probability: number;
  /** First part: probability of a graded inspection within the horizon. */
  inspectedWithinHorizon: number;
  /** Second part: probability it finds the school below good, if it comes. */
  belowGoodIfInspected: number;
  horizonMonths: number;
  /** The score's points, part by part. */
  riskReasons: string[];
  /** Why the school is "stuck" as the DfE defines it for RISE (RI or equivalent now, below good before); null when it is not. */
  riseStuck: string | null;
}

/** An offer made alongside the category (a new headteacher's visit, the academies' structured conversation). */
export interface AdditionalOfferJson {
  id: string;
  label: string;
  offer: string;
  citation: { section: string; quote: string };
}

/** One row of results.json. */
export interface ResultRow {
  row: number;
  urn: string | null;
  category: string | null;
  /** The category's label, as the Category cell shows it before any variant. */
  categoryLabel: string | null;
  /** The variant shown with the category (Early Years, academy order, past four terms, ...), as in the Category cell; null for none. */
  variant: { id: string; label: string } | null;
  supportDays: number | null;
  /** The support offer as the Support cell gives it: its summary, and whether the maintained or the academy offer applied. */
  support: { summary: string; offerFor: 'maintained' | 'academy' } | null;
  /** The offers made alongside the category, as the Support cell's "Also:" lines give them. */
  additional: AdditionalOfferJson[];
  /** An analyst's override (the Category cell's "[override]"): the category it gave, the reason, and the category the rules gave. */
  override: { category: string; reason: string; computedCategory: string } | null;
  reasons: string[];
  /** The register's errors (a missing column) and the row's: the row was not categorised. */
  errors: string[];
  /** The register's warnings (a duplicated header) and the row's (a missing-data code, a bad cell in a column the framework does not read). */
  warnings: string[];
  inspection: InspectionJson | null;
  /** Blank cells could make the school more concerning: the category they could give, and their columns' headers. */
  provisional: { worstCase: string; missing: string[] } | null;
}

const iso = (d: CalendarDate | undefined) => (d === undefined ? null : toIsoDate(d));
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** results.json for a register's outcome. */
export function resultsJson(outcome: RegisterOutcome, run: Provenance): ResultsFile {
  return { run, notInRegister: outcome.absentColumns.map((n) => ({ columns: absentColumnsNamed(n), note: absentColumnNote(n) })), rows: resultRows(outcome) };
}

/** The rows of results.json. */
export function resultRows(outcome: RegisterOutcome): ResultRow[] {
  return outcome.rows.map((r) => ({
    row: r.row,
    urn: r.urn,
    category: r.result?.category ?? null,
    categoryLabel: r.result?.label ?? null,
    variant: r.result?.variant ? { id: r.result.variant.id, label: r.result.variant.label } : null,
    supportDays: r.result?.support.amount ?? null,
    support: r.result ? { summary: r.result.support.summary, offerFor: r.result.support.offerFor } : null,
    additional: r.result?.additional.map((a) => ({ id: a.id, label: a.label, offer: a.offer, citation: { section: a.citation.section, quote: a.citation.quote } })) ?? [],
    override: r.result?.override ? { ...r.result.override, computedCategory: r.result.computedCategory } : null,
    reasons: r.result?.reasons.map((x) => x.text) ?? [],
    errors: [...outcome.registerProblems, ...r.problems].filter((p) => p.severity === 'error').map((p) => p.message),
    warnings: [...outcome.registerProblems, ...r.problems].filter((p) => p.severity === 'warning').map((p) => p.message),
    inspection: r.inspection && {
      dueFrom: iso(r.inspection.dueFrom),
      dueBy: iso(r.inspection.dueBy),
      windowCoverage: r.inspection.windowCoverage,
      statutoryLatest: iso(r.inspection.statutoryLatest),
      rules: r.inspection.rules,
      risk: r.inspection.risk,
      riskScore: r.inspection.riskScore,
      probability: round4(r.inspection.probability),
      inspectedWithinHorizon: round4(r.inspection.inspectedWithinHorizon),
      belowGoodIfInspected: round4(r.inspection.belowGoodIfInspected),
      horizonMonths: r.inspection.horizonMonths,
      riskReasons: [...r.inspection.riskReasons],
      riseStuck: r.inspection.riseStuck,
    },
    provisional: r.provisional && { worstCase: r.provisional.worstCase, missing: [...r.provisional.missing] },
  }));
}

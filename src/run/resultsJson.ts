/**
 * The JSON contract of `schoolrisk categorise --out results.json`: the run's provenance, and one object
 * per data row (see README).
 */
import { toIsoDate } from '../../core/dates';
import type { RegisterOutcome } from '../../core/register';
import type { Provenance } from './registerRun';

/** results.json: where the results come from, and the rows. */
export interface ResultsFile {
  readonly run: Provenance;
  readonly rows: ResultRow[];
}

/** One row of results.json. */
export interface ResultRow {
  row: number;
  urn: string | null;
  category: string | null;
  supportDays: number | null;
  reasons: string[];
  /** The register's errors (a missing column) and the row's: the row was not categorised. */
  errors: string[];
  /** The register's warnings (a duplicated header) and the row's (a missing-data code, a bad cell in a column the framework does not read). */
  warnings: string[];
  inspection: { dueFrom: string | null; dueBy: string | null; risk: string; riskScore: number } | null;
  /** Blank cells could make the school more concerning: the category they could give, and their columns' headers. */
  provisional: { worstCase: string; missing: string[] } | null;
}

/** results.json for a register's outcome. */
export function resultsJson(outcome: RegisterOutcome, run: Provenance): ResultsFile {
  return { run, rows: resultRows(outcome) };
}

/** The rows of results.json. */
export function resultRows(outcome: RegisterOutcome): ResultRow[] {
  return outcome.rows.map((r) => ({
    row: r.row,
    urn: r.urn,
    category: r.result?.category ?? null,
    supportDays: r.result?.support.amount ?? null,
    reasons: r.result?.reasons.map((x) => x.text) ?? [],
    errors: [...outcome.registerProblems, ...r.problems].filter((p) => p.severity === 'error').map((p) => p.message),
    warnings: [...outcome.registerProblems, ...r.problems].filter((p) => p.severity === 'warning').map((p) => p.message),
    inspection: r.inspection && {
      dueFrom: r.inspection.dueFrom === undefined ? null : toIsoDate(r.inspection.dueFrom),
      dueBy: r.inspection.dueBy === undefined ? null : toIsoDate(r.inspection.dueBy),
      risk: r.inspection.risk,
      riskScore: r.inspection.riskScore,
    },
    provisional: r.provisional && { worstCase: r.provisional.worstCase, missing: [...r.provisional.missing] },
  }));
}

/**
 * The Run log: one row per run, appended, in both shells ("Run log" is the sheet's name in the workbook
 * the command line writes and in the one the task pane writes). It records what was run, on what, when
 * and with what result, and each run's count per category (by id, so a later run reads them back for the
 * SIG summary's trend whatever the labels).
 */
import { toUkDate } from '../../core/dates';
import type { Cell, GridValue } from '../workbook/cell';
import { gridText } from '../workbook/cell';
import { runRecord, type RunOptions, type RunPlan } from './registerRun';

export const RUN_LOG_SHEET = 'Run log';

/** The columns of the Run log, in order. */
export const RUN_LOG_HEADERS = [
  'Run at', 'Framework', 'Framework version', 'As of', 'Source', 'Rows', 'Categorised', 'Not categorised', 'Problems (errors)', 'Warnings',
  'Parameters', 'Provisional', 'Not in this register', 'Inspection outlook', 'Counts', 'Framework source', 'Dated values used', 'Columns read',
] as const;

/** Column widths of the Run log, in characters: wide for the columns of long text. */
export const RUN_LOG_WIDTHS: readonly number[] = RUN_LOG_HEADERS.map((h) => (h === 'Source' || h === 'Parameters' || h === 'Not in this register' || h === 'Counts' || h === 'Framework source' || h === 'Dated values used' || h === 'Columns read' ? 40 : 16));

/** One earlier run, as the SIG summary's trend reads it back. */
export interface RunLogEntry {
  /** ISO time of the run. */
  readonly ranAt: string;
  readonly frameworkId: string;
  /** As the log shows it (dd/mm/yyyy). */
  readonly asOf: string;
  /** Schools per category id. */
  readonly counts: Readonly<Record<string, number>>;
}

/** The Run log row of a run. */
export function runLogRow(plan: RunPlan, options: RunOptions & { readonly ranAt: Date }): Cell[] {
  const record = new Map(runRecord(plan, options));
  const def = options.framework.definition;
  const s = plan.summary;
  const text = (k: string) => String(record.get(k) ?? '');
  return [
    options.ranAt.toISOString(), `${def.name} (${def.id})`, def.version, toUkDate(options.asOf), options.source,
    plan.rows.length, plan.rows.length - s.notCategorised, s.notCategorised, s.errors, s.warnings,
    text('Parameters'), text('Provisional'), text('Not in this register'), text('Inspection outlook'),
    s.counts.map((c) => `${c.id}=${c.schools}`).join('; '), text('Framework source'), text('Dated values used'), text('Columns read'),
  ];
}

/**
 * The runs an existing Run log records, oldest first; rows it cannot read (a log from before counts were
 * logged, a row the analyst typed) are left out, not guessed.
 */
export function readRunLog(grid: readonly (readonly GridValue[])[]): RunLogEntry[] {
  const header = (grid[0] ?? []).map((h) => gridText(h).trim());
  const at = (name: string) => header.indexOf(name);
  const [ranAt, framework, asOf, counts] = [at('Run at'), at('Framework'), at('As of'), at('Counts')];
  if (ranAt < 0 || framework < 0 || asOf < 0 || counts < 0) return [];
  const out: RunLogEntry[] = [];
  for (const row of grid.slice(1)) {
    const id = /\(([^()]+)\)\s*$/.exec(gridText(row[framework]))?.[1];
    const parsed: Record<string, number> = {};
    for (const part of gridText(row[counts]).split(';')) {
      const m = /^\s*([^=]+?)\s*=\s*(\d+)\s*$/.exec(part);
      if (m) parsed[m[1]!] = Number(m[2]);
    }
    if (!id || Object.keys(parsed).length === 0) continue;
    out.push({ ranAt: gridText(row[ranAt]), frameworkId: id, asOf: gridText(row[asOf]), counts: parsed });
  }
  return out;
}

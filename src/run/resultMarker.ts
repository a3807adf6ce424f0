/**
 * The marker a run leaves in the workbook so that the next run finds its result block, in one place for
 * the command line (which writes `<definedName>` elements in the package) and the task pane (which adds
 * names through Office.js): one sheet-scoped defined name per result column, `SchoolRisk.<result id>`,
 * referring to that column from the header row to the last data row, and `SchoolRisk.run`, a text
 * constant naming the run. Excel moves a name's reference with its column when columns are inserted,
 * moved or the sheet renamed, and turns it into #REF! when the column is deleted, so the marker follows
 * the block where header text would not. Plain strings only: no Office or exceljs types.
 */
import { columnLetters } from '../workbook/port';
import { RESULT_IDS, type ResultColumnId, type ResultMarker } from './resultPlacement';

/** What every name of ours starts with. */
export const MARKER_PREFIX = 'SchoolRisk.';
/** The name holding the run's id, framework and as-of date. */
export const RUN_MARKER = `${MARKER_PREFIX}run`;

/** A defined name as either shell reads it: its name and what it refers to (with or without the leading "="). */
export interface DefinedNameText {
  readonly name: string;
  readonly formula: string;
}

/** The name marking one result column: `SchoolRisk.category`. */
export function markerName(id: ResultColumnId): string {
  return `${MARKER_PREFIX}${id}`;
}

/** The result a name marks, or `null` when it is not one of ours (Excel compares names without case). */
export function resultIdOfName(name: string): ResultColumnId | null {
  const lower = name.toLowerCase();
  return RESULT_IDS.find((id) => markerName(id).toLowerCase() === lower) ?? null;
}

/** Whether a name is one of ours (a result column's or the run's). */
export function isMarkerName(name: string): boolean {
  return name.toLowerCase().startsWith(MARKER_PREFIX.toLowerCase());
}

/** A sheet name as a formula writes it: quoted unless it is a plain word that cannot be read as a cell. */
export function quoteSheet(sheet: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet) && !/^[Rr]\d*[Cc]\d*$/.test(sheet);
  return plain ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/** What a result column's name refers to, without the "=": `'My sheet'!$BQ$1:$BQ$201` (0-based sheet rows and column). */
export function columnReference(sheet: string, column: number, top: number, bottom: number): string {
  const c = columnLetters(column);
  return `${quoteSheet(sheet)}!$${c}$${top + 1}:$${c}$${bottom + 1}`;
}

/** The run's name's text constant, with the "=": `="<run id>|<framework id>|<as-of>"`. */
export function runFormula(runId: string, frameworkId: string, asOf: string): string {
  return `="${[runId, frameworkId, asOf].join('|').replace(/"/g, '""')}"`;
}

/** The run a `SchoolRisk.run` formula names, or `null` when it is not one. */
export function parseRunFormula(formula: string): { runId: string; frameworkId: string; asOf: string } | null {
  const m = /^=?"((?:[^"]|"")*)"$/.exec(formula.trim());
  const parts = m ? m[1]!.replace(/""/g, '"').split('|') : [];
  return parts.length === 3 ? { runId: parts[0]!, frameworkId: parts[1]!, asOf: parts[2]! } : null;
}

/**
 * The sheet column (0-based) a result column's name refers to: `null` when the reference cannot be
 * trusted (Excel's #REF! after the column was deleted, another sheet, more or other than one column).
 */
export function columnOfReference(formula: string, sheet: string): number | null {
  const text = formula.trim().replace(/^=/, '');
  if (text.includes('#REF!')) return null;
  const bang = text.lastIndexOf('!');
  if (bang < 0) return null;
  const rawSheet = text.slice(0, bang);
  const named = rawSheet.startsWith("'") && rawSheet.endsWith("'") ? rawSheet.slice(1, -1).replace(/''/g, "'") : rawSheet;
  if (named.toLowerCase() !== sheet.toLowerCase()) return null;
  // $BQ$1:$BQ$201, $BQ:$BQ or $BQ$1.
  const m = /^\$?([A-Z]{1,3})(?:\$?\d+)?(?::\$?([A-Z]{1,3})(?:\$?\d+)?)?$/i.exec(text.slice(bang + 1));
  if (!m) return null;
  const left = lettersToIndex(m[1]!);
  return m[2] === undefined || lettersToIndex(m[2]) === left ? left : null;
}

/**
 * The marker the names on a sheet record, in sheet columns (0-based): each result's column, `null` where
 * its reference is broken; `null` when the sheet has none of our result names (no earlier run, or one
 * from before markers).
 */
export function markerFromNames(names: readonly DefinedNameText[], sheet: string): ResultMarker | null {
  const columns: Partial<Record<string, number | null>> = {};
  let any = false;
  for (const n of names) {
    const id = resultIdOfName(n.name);
    if (id === null) continue;
    any = true;
    columns[id] = columnOfReference(String(n.formula ?? ''), sheet);
  }
  return any ? { columns } : null;
}

/** The run that left the marker (its `SchoolRisk.run` name), or `null` when there is none. */
export function previousRunOf(names: readonly DefinedNameText[]): { runId: string; frameworkId: string; asOf: string } | null {
  const run = names.find((n) => n.name.toLowerCase() === RUN_MARKER.toLowerCase());
  return run ? parseRunFormula(String(run.formula ?? '')) : null;
}

function lettersToIndex(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

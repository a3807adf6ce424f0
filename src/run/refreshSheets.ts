/**
 * What a refresh writes besides the register's cells, laid out once for both shells: the Changes sheet
 * (every change, the conflicts kept, the converters, the schools that do not match) and the hidden sheet
 * remembering what the refresh wrote; and where the columns the register lacks go. The command line
 * writes these layouts into the package (src/workbook/xlsx/writeRefresh.ts), the task pane through
 * Office.js (src/workbook/officeRefresh.ts).
 */
import { toUkDate, type CalendarDate } from '../../core/dates';
import { FIELDS } from '../../core/fields';
import type { Cell } from '../workbook/cell';
import type { LayoutCell, SheetLayout } from './packSheets';
import type { RefreshPlan } from './refresh';
import { firstEmptyColumns } from './resultPlacement';

/** The sheet listing every change of the latest refresh. */
export const CHANGES_SHEET = 'Changes';
/** The hidden sheet that remembers what each refresh wrote. */
export const REFRESH_MEMORY_SHEET = 'SchoolRisk refresh';

/** Column widths of the Changes sheet, in characters. */
const CHANGES_WIDTHS = [10, 34, 26, 28, 28, 30, 12, 22, 50];

/** The Changes sheet's rows: every change, then the conflicts, then the schools that do not match. */
export function changesRows(plan: RefreshPlan): Cell[][] {
  const rows: Cell[][] = [['URN', 'School', 'Column', 'Was', 'Now', 'Source', 'Source date', 'What', 'Why']];
  rows.push([`Changed (${plan.changes.length})`]);
  for (const c of plan.changes) rows.push([c.urn, c.school, c.header, c.oldText, c.newText, c.source, c.sourceDate, c.kind, c.why ?? '']);
  rows.push([]);
  rows.push([`Conflicts: kept as the register has them (${plan.conflicts.length})`]);
  for (const c of plan.conflicts) rows.push([c.urn, c.school, c.header, c.oldText, c.newText, c.source, c.sourceDate, 'kept', c.why ?? '']);
  rows.push([]);
  rows.push([`Found under a new URN: academy converters (${plan.byPredecessor.length})`]);
  for (const p of plan.byPredecessor) rows.push([p.urn, p.name, 'URN', p.urn, p.newUrn, plan.sources[0]!.name, plan.sources[0]!.date, 'matched by the predecessor URN', 'the register keeps its URN; change it if you keep the new one']);
  rows.push([]);
  rows.push([`In the official data but not in the register: new or re-brokered schools of LA ${plan.la ?? '(unknown: give the LA code)'} (${plan.notInRegister.length})`]);
  for (const s of plan.notInRegister) rows.push([s.urn, s.name, 'LAESTAB', '', s.laestab, plan.sources[0]!.name, plan.sources[0]!.date, 'not in the register']);
  rows.push([]);
  rows.push([`In the register but not in the official data: closed or merged? (${plan.notInOfficial.length})`]);
  for (const s of plan.notInOfficial) rows.push([s.urn, s.name, '', '', '', plan.sources[0]!.name, plan.sources[0]!.date, 'not in the official data']);
  return rows;
}

/** The printed header of the Changes sheet: the files refreshed from and the as-of date. */
export function changesHeader(plan: RefreshPlan, asOf: CalendarDate): string {
  return `Refresh from ${plan.sources.map((s) => s.name).join(' and ')} · as of ${toUkDate(asOf)}`;
}

/** The Changes sheet laid out: the header row and each section's title bold, the header row repeated on every printed page. */
export function changesLayout(plan: RefreshPlan, name: string, header: string): SheetLayout {
  const rows = changesRows(plan).map((r, i): LayoutCell[] => {
    const section = i > 0 && r.length === 1;
    return r.map((v) => ({ value: typeof v === 'boolean' ? String(v) : v, look: i === 0 ? 'header' : section ? 'section' : 'plain' }));
  });
  return { name, widths: CHANGES_WIDTHS, rows, pageBreaks: [], charts: [], print: { onePage: false, titleRows: 1, header, footerRight: '' } };
}

/** The memory sheet laid out (src/run/refresh.ts memoryRows gives its rows). */
export function memoryLayout(rows: readonly (readonly string[])[], name: string): SheetLayout {
  return {
    name, widths: [10, 24, 40], rows: rows.map((r) => r.map((value): LayoutCell => ({ value, look: 'plain' }))), pageBreaks: [], charts: [],
    print: { onePage: false, titleRows: 1, header: 'What the latest refresh wrote', footerRight: '' },
  };
}

/**
 * The columns the plan adds (one per field the register has no column for), in the register's grid: the
 * first columns empty in every row of the register (header row to last row), past everything there, as
 * result columns are placed. Their headers are the fields' labels.
 */
export function addedColumns(plan: RefreshPlan, width: number, rows: { readonly first: number; readonly last: number }, occupied: (row: number, column: number) => boolean): { columns: number[]; headers: string[] } {
  return {
    columns: plan.newColumns.length ? firstEmptyColumns(width, plan.newColumns.length, rows, occupied) : [],
    headers: plan.newColumns.map((f) => FIELDS[f].label),
  };
}

/** The sheet of a name to write ours to: the existing one when it is ours (an earlier refresh left its memory), else the name with a number no sheet has. */
export function ourSheetName(name: string, existing: readonly string[], ours: boolean): string {
  const has = (n: string) => existing.some((s) => s.toLowerCase() === n.toLowerCase());
  if (!has(name) || ours) return name;
  let unique = name;
  for (let n = 2; has(unique); n++) unique = `${name} (${n})`;
  return unique;
}

/**
 * The task pane's side of the refresh (src/run/refresh.ts plans it for both shells): the official files
 * the analyst picked, read from their bytes as the command line reads a CSV (src/workbook/csvText.ts:
 * Windows-1252, UTF-8, UTF-16); the live register read through the workbook port with the memory an
 * earlier refresh left; a preview of the plan; and, on Apply, the port's write: the changed cells only,
 * the columns the register lacks added as the command line adds them (past everything in the register's
 * rows, inside the analyst's table when they can join it), the Changes sheet and the memory as
 * src/run/refreshSheets.ts lays them out. Apply plans again from the workbook as it is then, and writes
 * only when that plan is the one previewed.
 */
import { toUkDate, type CalendarDate } from '../../core/dates';
import { FIELDS } from '../../core/fields';
import { applyMappingOverrides } from '../../core/headers';
import { DATE_FORMAT, type GridValue } from '../workbook/cell';
import { readCsvText } from '../workbook/csvText';
import { columnLetters, valuesAsSeen, type RefreshReport, type RefreshWrite, type RegisterRegion, type WorkbookPort, type WriteControl } from '../workbook/port';
import { locateRegister, type LocatedRegister } from './locateRegister';
import { placementOptions } from './paneBlock';
import { memoryRows, planRefresh, readMemory, type OfficialFile, type RefreshMemory, type RefreshPlan } from './refresh';
import { addedColumns, CHANGES_SHEET, changesHeader, changesLayout, memoryLayout, REFRESH_MEMORY_SHEET } from './refreshSheets';
import { uniqueColumnNames } from './resultPlacement';
import type { MappingOverrides } from './taskpaneRun';
import { rowsIn1900System, serialForWorkbook } from './workbookDates';


/** Why the register cannot be refreshed (no header row): one line. */
export class RefreshError extends Error {
  override readonly name = 'RefreshError';
}

/** An official file as the analyst picked it, and what they should know about how it was read. */
export interface PickedFile {
  readonly file: OfficialFile;
  readonly warnings: readonly string[];
}

/** Reads a picked CSV's bytes as the command line reads a CSV file: its encoding and delimiter detected, each warning naming the file. */
export function officialFromBytes(name: string, bytes: Uint8Array): PickedFile {
  const csv = readCsvText(bytes);
  return { file: { name, values: csv.rows }, warnings: csv.warnings.map((w) => `${name}: ${w}`) };
}

/** What the refresh will do, before anything is written. */
export interface RefreshPreview {
  readonly plan: RefreshPlan;
  readonly write: RefreshWrite;
  readonly counts: {
    readonly filled: number;
    readonly updated: number;
    /** Conflicts overridden by the official value (the analyst asked for it). */
    readonly preferred: number;
    readonly conflicts: number;
    readonly notInRegister: number;
    readonly notInOfficial: number;
    readonly byPredecessor: number;
    readonly newColumns: number;
  };
  /** The region refreshed, in words. */
  readonly source: string;
}

/** How the refresh is run. */
export interface RefreshOptions {
  readonly asOf: CalendarDate;
  /** The authority's LA code (three digits); default: the one most of the register's LAESTABs name. */
  readonly la?: string;
  readonly preferOfficial?: boolean;
  readonly overrides?: MappingOverrides;
}

/**
 * Reads the register and the memory through the port and plans the refresh. Throws RefreshError for a
 * sheet with no register, OfficialFileError (src/run/refresh.ts) for a file that is not the MI or GIAS.
 */
export async function previewRefresh(port: WorkbookPort, mi: OfficialFile, gias: OfficialFile | null, options: RefreshOptions): Promise<RefreshPreview> {
  const region = await port.readRegister();
  const memoryValues = await port.readSheet(REFRESH_MEMORY_SHEET);
  return planRegionRefresh(region, memoryValues ? readMemory(memoryValues) : undefined, mi, gias, options);
}

/** The plan and the port's write for a region read through the port. */
export function planRegionRefresh(region: RegisterRegion, memory: RefreshMemory | undefined, mi: OfficialFile, gias: OfficialFile | null, options: RefreshOptions): RefreshPreview {
  const seen = valuesAsSeen(region);
  const located = locateRegister(seen, region.top + 1);
  if (!located) throw new RefreshError(`No register in ${region.address}: expected a header row with a "URN" column within the first 30 rows. Select a cell in your register and try again.`);
  const mapping = options.overrides ? applyMappingOverrides(located.mapping, options.overrides) : located.mapping;
  // The register's dates as the core reads them (1900 system); `seen` stays as the sheet holds it, for placing the write.
  const values = region.dateSystem === '1904' ? [...seen.slice(0, located.headerIndex + 1), ...rowsIn1900System(seen.slice(located.headerIndex + 1), mapping, region.dateSystem)] : seen;
  const plan = planRefresh({ values, headerIndex: located.headerIndex, mapping }, mi, gias, { asOf: options.asOf, la: options.la, preferOfficial: options.preferOfficial, memory });
  const count = (kind: string) => plan.changes.filter((c) => c.kind === kind).length;
  return {
    plan,
    write: refreshWrite(region, seen, { ...located, mapping }, plan, memory, options.asOf),
    counts: {
      filled: count('filled'), updated: count('updated'), preferred: count('official preferred'), conflicts: plan.conflicts.length,
      notInRegister: plan.notInRegister.length, notInOfficial: plan.notInOfficial.length, byPredecessor: plan.byPredecessor.length, newColumns: plan.newColumns.length,
    },
    source: region.kind === 'table' ? `table "${region.table}" on sheet "${region.sheet}"` : `sheet "${region.sheet}" (${region.address})`,
  };
}

/** The port's write for a plan on the region: the changed cells in sheet coordinates, the added columns, the Changes sheet and the memory. */
export function refreshWrite(region: RegisterRegion, seen: readonly (readonly GridValue[])[], located: LocatedRegister, plan: RefreshPlan, memory: RefreshMemory | undefined, asOf: CalendarDate): RefreshWrite {
  const h = located.headerIndex;
  const last = h + located.rows.length;
  let width = 0;
  for (let r = h; r <= last; r++) width = Math.max(width, seen[r]?.length ?? 0);
  const occupied = placementOptions(region, seen).occupied!;
  const added = addedColumns(plan, width, { first: h, last }, occupied);
  const columns = added.columns.map((c) => region.left + c);
  const headerRow = region.top + h;
  const notes: string[] = [];
  const table = tableFor(region, headerRow, columns, added.headers, notes);
  if (columns.length && !table) notes.push(`Columns ${columns.map(columnLetters).join(', ')} were added for ${added.headers.join(', ')}.`);
  const columnOf = (field: RefreshPlan['changes'][number]['field']) => {
    const c = located.mapping.byField[field];
    return c === undefined ? columns[plan.newColumns.indexOf(field)]! : region.left + c;
  };
  return {
    sheet: region.sheet,
    cells: plan.changes.map((c) => ({
      row: region.top + c.row,
      column: columnOf(c.field),
      value: typeof c.value === 'boolean' ? String(c.value) : FIELDS[c.field].type.kind === 'date' && typeof c.value === 'number' ? serialForWorkbook(c.value, region.dateSystem) : c.value,
      date: FIELDS[c.field].type.kind === 'date' && typeof c.value === 'number',
    })),
    added: { headerRow, columns, headers: added.headers },
    table,
    dateFormat: DATE_FORMAT,
    changes: changesLayout(plan, CHANGES_SHEET, changesHeader(plan, asOf)),
    memory: memoryLayout(memoryRows(plan, memory, toUkDate(asOf)), REFRESH_MEMORY_SHEET),
    notes,
  };
}

/**
 * The analyst's table the added columns join: the register's table, when its header row is the
 * register's and the columns start right after its last one (the command line's rule, tables.ts
 * tableExtension). Their headers become column names, unique as Excel keeps them ("Inclusion2").
 */
function tableFor(region: RegisterRegion, headerRow: number, columns: readonly number[], headers: string[], notes: string[]): RefreshWrite['table'] {
  const box = region.tableBox;
  if (region.kind !== 'table' || !box || !region.table || columns.length === 0) return null;
  if (box.top !== headerRow || !columns.every((c, i) => c === box.right + 1 + i)) {
    notes.push(`The added columns could not join your table "${region.table}" because other columns lie between it and them; they are beside it, so sort the table and them together.`);
    return null;
  }
  const names = (region.values[headerRow - region.top] ?? []).slice(box.left - region.left, box.right - region.left + 1).map((v) => String(v ?? '').trim());
  uniqueColumnNames(names, headers).forEach((n, i) => {
    if (n !== headers[i]) notes.push(`Your table "${region.table}" already has a column "${headers[i]}", so the added one is headed "${n}".`);
    headers[i] = n;
  });
  return { name: region.table, box, right: columns[columns.length - 1]! };
}

/** A change as a key: the same plan changes the same cells to the same values. */
const changeKeys = (p: RefreshPlan) => p.changes.map((c) => `${c.row}|${c.field}|${c.newText}|${c.oldText}`).join('\n');

/** What Apply did: written, or not written because the workbook changed since the preview (the new preview). */
export type ApplyOutcome = { readonly status: 'written'; readonly report: RefreshReport; readonly preview: RefreshPreview } | { readonly status: 'changed'; readonly preview: RefreshPreview };

/**
 * Plans again from the workbook as it is now and writes, when that plan changes the cells the preview
 * showed to the values it showed; otherwise nothing is written and the new preview is given back.
 */
export async function applyRefresh(port: WorkbookPort, previewed: RefreshPreview, mi: OfficialFile, gias: OfficialFile | null, options: RefreshOptions & WriteControl): Promise<ApplyOutcome> {
  const now = await previewRefresh(port, mi, gias, options);
  if (changeKeys(now.plan) !== changeKeys(previewed.plan) || now.plan.conflicts.length !== previewed.plan.conflicts.length) return { status: 'changed', preview: now };
  const report = await port.writeRefresh(now.write, options);
  return { status: 'written', report, preview: now };
}
